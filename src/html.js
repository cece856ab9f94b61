// Sorts a table by the column whose header is clicked; the page is complete without it.
(function () {
  'use strict';
  function key(cell, num) {
    var t = cell.textContent;
    if (cell.className.indexOf('na') >= 0) return null;
    if (num) { var v = parseFloat(t); return isNaN(v) ? null : v; }
    return t;
  }
  function sort(table, col, num, th) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    // first click: numbers largest first, text A to Z; then each click reverses
    var cur = th.getAttribute('aria-sort'), desc = cur ? cur === 'ascending' : num;
    rows.sort(function (a, b) {
      var x = key(a.cells[col], num), y = key(b.cells[col], num);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      var r = num ? x - y : (x < y ? -1 : 1);
      return desc ? -r : r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.data'), function (table) {
    var head = table.tHead;
    if (!head || !table.tBodies.length || table.tBodies[0].rows.length < 2) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, col) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(b);
      b.addEventListener('click', function () { sort(table, col, th.className === 'n', th); });
    });
    table.classList.add('sortable');
  });
}());

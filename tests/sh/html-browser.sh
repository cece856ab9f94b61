#!/bin/sh
# html-browser.sh — the HTML report rendered in a real browser (headless Chromium): the demo
# case report shows its headings, every table with the rows of `-f json report` and its charts,
# with JavaScript and without; the hostile fixture runs no script of its own and raises no
# console message; printing gives a PDF. Two control pages first prove that this harness sees
# a script that ran and a console message, so that a check below cannot pass by seeing nothing.
# Without a browser that can run, it says so and exits 77 (tests/run: skipped, not passed).
LC_ALL=C
export LC_ALL
me='html-browser'
root=$(pwd)
bin=${SIGNLOG:-$root/signlog}   # tests/run sets SIGNLOG to test another build
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null 2>&1 && { chrome=$c; break; }
done
if [ -z "$chrome" ]; then
	echo "$me: SKIP: no Chromium here (Debian: apt-get install chromium; .ci/install-deps installs it): the HTML report was NOT rendered in a browser"
	exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# browse NAME ARGS...: one Chromium run with a fresh profile and no network use; the DOM (or
# nothing) in $tmp/NAME.dom, its log with the pages' console messages in $tmp/NAME.log
browse() {
	name=$1
	shift
	rm -rf "$tmp/profile"
	timeout 90 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions --user-data-dir="$tmp/profile" \
		--enable-logging=stderr --v=0 "$@" >"$tmp/$name.dom" 2>"$tmp/$name.log" </dev/null
}
# The console messages of a page (Chromium logs them as "...:CONSOLE(N)] ..." or ":CONSOLE:N]").
console() {
	grep 'CONSOLE' "$tmp/$1.log"
}

# --- the harness: can Chromium run here, and does it show what the checks look for? -------
printf '<!DOCTYPE html><html><head><title>t</title></head><body><p id="ok">ok</p>%s</body></html>\n' \
	"<script>document.documentElement.setAttribute('data-marker','ran');console.error('control message')</script>" \
	>"$tmp/control-run.html"
browse control-run --dump-dom "file://$tmp/control-run.html"
if ! grep -q 'id="ok"' "$tmp/control-run.dom"; then
	echo "$me: SKIP: $chrome cannot render a page here (its log follows): the HTML report was NOT rendered in a browser"
	head -n 5 "$tmp/control-run.log"
	exit 77
fi
grep -q 'data-marker="ran"' "$tmp/control-run.dom" ||
	{ echo "$me: harness: a script that ran left no marker in --dump-dom"; bad=1; }
console control-run | grep -q 'control message' ||
	{ echo "$me: harness: a console message did not reach the log (--enable-logging=stderr)"; bad=1; }
printf '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src %s"></head><body><p>x</p><img src="http://example.invalid/x.png"><script>document.documentElement.setAttribute(%s)</script></body></html>\n' \
	"'none'" "'data-marker','ran'" >"$tmp/control-csp.html"
browse control-csp --dump-dom "file://$tmp/control-csp.html"
grep -q 'data-marker=' "$tmp/control-csp.dom" &&
	{ echo "$me: harness: a script the CSP forbids ran"; bad=1; }
[ "$(console control-csp | grep -c 'Content Security Policy')" -ge 2 ] ||
	{ echo "$me: harness: the CSP violations of the control page were not logged"; bad=1; }
[ "$bad" = 0 ] || exit 1

# --- the demo case report -----------------------------------------------------------------
"$bin" -q report -o "$tmp/case.html" testdata/demo/ || { echo "$me: signlog report failed"; exit 1; }
"$bin" -q -f json report testdata/demo/ >"$tmp/case.json" || { echo "$me: signlog -f json report failed"; exit 1; }
browse case --dump-dom "file://$tmp/case.html"
# without JavaScript: the page with its one script taken out (Chromium's --dump-dom needs
# scripting, so --blink-settings=scriptEnabled=false would show nothing)
grep -v '^<script>' "$tmp/case.html" >"$tmp/nojs.html"
[ "$(grep -c '<script' "$tmp/nojs.html")" = 0 ] || { echo "$me: case.html has a script not on a line of its own"; bad=1; }
browse nojs --dump-dom "file://$tmp/nojs.html"

# the tables of the report, and how many rows (or pairs) each has in JSON
jq -r 'del(.signlog_output, .report, .filter, .notes) | to_entries[] |
	"\(.key) \(.value | if type == "array" then "rows" else "pairs" end) \(.value | length)"' \
	"$tmp/case.json" >"$tmp/tables"
ntables=$(wc -l <"$tmp/tables")
[ "$ntables" -ge 15 ] || { echo "$me: only $ntables tables in signlog -f json report"; bad=1; }

# check_dom NAME: headings, sections, rows, charts and messages of a rendering of case.html
check_dom() {
	dom=$tmp/$1.dom
	[ -s "$dom" ] || { echo "$me: $1: Chromium gave no DOM"; bad=1; return; }
	grep -q '<h1>Sign-in case report</h1>' "$dom" || { echo "$me: $1: no <h1> Sign-in case report"; bad=1; }
	h2=$(grep -c '<h2>' "$dom")
	[ "$h2" -eq $((ntables + 1)) ] || { echo "$me: $1: $h2 <h2> headings, expected $((ntables + 1)) (contents + one per table)"; bad=1; }
	while read -r key kind n; do
		# the section's lines, from its opening tag to the next </section>
		awk -v id="<section id=\"t-$key\">" 'index($0, id) { on = 1 } on { print } on && /<\/section>/ { exit }' \
			"$dom" >"$tmp/sec"
		[ -s "$tmp/sec" ] || { echo "$me: $1: no section t-$key"; bad=1; continue; }
		if [ "$kind" = rows ]; then
			got=$(awk '/<tbody>/ { on = 1 } on' "$tmp/sec" | grep -c '<tr>')
			[ "$n" = 0 ] && grep -q 'No rows' "$tmp/sec" && got=0
		elif grep -q '<dl class="kv">' "$tmp/sec"; then
			got=$(grep -c '^<div><dt>' "$tmp/sec")
		else
			got=$(awk '/<tbody>/ { on = 1 } on' "$tmp/sec" | grep -c '<tr>')
		fi
		[ "$got" = "$n" ] || { echo "$me: $1: section $key shows $got rows, JSON has $n"; bad=1; }
	done <"$tmp/tables"
	# the charts: every table the report draws (a fixed set on the demo)
	charts=$(grep -c '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' "$dom")
	[ "$charts" -eq 10 ] || { echo "$me: $1: $charts charts, expected 10"; bad=1; }
	for key in sign_ins_per_day weekly_active_users hours failure_codes failing_users failing_ips \
		mfa_per_week mfa_methods top_apps top_countries; do
		awk -v id="<section id=\"t-$key\">" 'index($0, id) { on = 1 } on { print } on && /<\/section>/ { exit }' \
			"$dom" | grep -q 'class="chart"' || { echo "$me: $1: no chart in section $key"; bad=1; }
	done
	if console "$1" >"$tmp/msgs"; then
		echo "$me: $1: console messages:"
		head -n 5 "$tmp/msgs"
		bad=1
	fi
}
check_dom case
check_dom nojs
# the sort script ran (its hash in the CSP is right) where scripts may run, and only there
grep -q 'class="data sortable"' "$tmp/case.dom" ||
	{ echo "$me: case: the sort script did not run (is its hash in the CSP right?)"; bad=1; }
grep -q 'class="data sortable"' "$tmp/nojs.dom" &&
	{ echo "$me: nojs: a script ran with scripts disabled"; bad=1; }
# the heat map has its 7 x 24 cells, the daily chart one column per day of the span
awk '/<section id="t-hours">/ { on = 1 } on { print } on && /<\/section>/ { exit }' "$tmp/case.dom" >"$tmp/sec"
[ "$(grep -c '<rect class="cell" x=' "$tmp/sec")" -ge 168 ] || { echo "$me: the heat map has fewer than 168 cells"; bad=1; }
days=$(jq '.sign_ins_per_day | length' "$tmp/case.json")
awk '/<section id="t-sign_ins_per_day">/ { on = 1 } on { print } on && /<\/section>/ { exit }' "$tmp/case.dom" >"$tmp/sec"
[ "$(grep -c '<rect class="hit"' "$tmp/sec")" = "$days" ] || { echo "$me: the daily chart has not one column per day ($days)"; bad=1; }

# --- printing ------------------------------------------------------------------------------
browse pdf --no-pdf-header-footer --print-to-pdf="$tmp/case.pdf" "file://$tmp/case.html"
if [ "$(head -c 5 "$tmp/case.pdf" 2>/dev/null)" != "%PDF-" ] || [ "$(wc -c <"$tmp/case.pdf")" -lt 20000 ]; then
	echo "$me: --print-to-pdf gave no PDF (or a near-empty one)"
	head -n 5 "$tmp/pdf.log"
	bad=1
fi

# --- hostile log text ----------------------------------------------------------------------
# check_hostile NAME: nothing from the logs became markup, ran, loaded or logged anything
check_hostile() {
	dom=$tmp/$1.dom
	[ -s "$dom" ] || { echo "$me: $1: Chromium gave no DOM"; bad=1; return; }
	grep -q 'data-pwned=' "$dom" && { echo "$me: $1: a payload ran (data-pwned set)"; bad=1; }
	for tag in '<img' '<iframe' '<link' '<object' '<embed' '<a href="javascript' '<svg onload'; do
		grep -qi "$tag" "$dom" && { echo "$me: $1: the DOM has $tag from the logs"; bad=1; }
	done
	[ "$(grep -c '<script' "$dom")" = 1 ] || { echo "$me: $1: more than the one script element"; bad=1; }
	[ "$(grep -c '<style' "$dom")" = 1 ] || { echo "$me: $1: more than the one style element"; bad=1; }
	# RTL override and ESC are shown escaped, never as the characters
	grep -q "$(printf '\342\200\256')" "$dom" && { echo "$me: $1: a raw U+202E in the page"; bad=1; }
	grep -q "$(printf '\033')" "$dom" && { echo "$me: $1: a raw ESC in the page"; bad=1; }
	grep -q 'data-pwned' "$dom" || { echo "$me: $1: the payload text is not shown at all"; bad=1; }
	if console "$1" >"$tmp/msgs"; then
		echo "$me: $1: console messages:"
		head -n 5 "$tmp/msgs"
		bad=1
	fi
}
h=testdata/html/hostile.jsonl
# the case report, and every field of every sign-in under a filter that carries a payload too
"$bin" -q report -o "$tmp/h-report.html" "$h" &&
	"$bin" -q -f html list --columns all -o "$tmp/h-list.html" \
		--where "user-agent!=<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','filter')\">" \
		"$h" || { echo "$me: signlog failed on $h"; exit 1; }
for p in h-report h-list; do
	browse "$p" --dump-dom "file://$tmp/$p.html"
	check_hostile "$p"
done
grep -q 'mallory&lt;script&gt;' "$tmp/h-report.dom" || { echo "$me: h-report: the hostile user is not shown escaped"; bad=1; }
grep -q '\\u202e' "$tmp/h-report.dom" || { echo "$me: h-report: U+202E is not shown as its escape"; bad=1; }
grep -q '\\e\[31mMallory' "$tmp/h-report.dom" || { echo "$me: h-report: ESC is not shown as its escape"; bad=1; }
grep -q 'curl "&gt;&lt;img src=x' "$tmp/h-list.dom" || { echo "$me: h-list: the hostile user agent is not shown escaped"; bad=1; }
# detect's findings name the hostile user in their key and evidence, escaped like any cell
awk '/<section id="t-findings">/ { on = 1 } on { print } on && /<\/section>/ { exit }' "$tmp/h-report.dom" >"$tmp/sec"
[ "$(awk '/<tbody>/ { on = 1 } on' "$tmp/sec" | grep -c '<tr>')" -ge 2 ] || { echo "$me: h-report: fewer than 2 detection findings shown"; bad=1; }
grep -q 'user mallory&lt;script&gt;' "$tmp/sec" || { echo "$me: h-report: the finding's key does not show the hostile user escaped"; bad=1; }
exit $bad

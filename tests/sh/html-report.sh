#!/bin/sh
# html-report.sh — the HTML output without a browser: the case report shows the numbers of
# `-f json report` (table cells, header figures, chart hover texts), the same bytes whatever
# the thread count, file order or time of the run, a CSP whose hashes are those of its style
# sheet and script; every command writes a page with one section per table of its JSON.
LC_ALL=C
export LC_ALL
me='html-report'
root=$(pwd)
bin=${SIGNLOG:-$root/signlog}   # tests/run sets SIGNLOG to test another build
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

"$bin" -q report -o "$tmp/case.html" testdata/demo/ || { echo "$me: signlog report failed"; exit 1; }
"$bin" -q -f json report testdata/demo/ >"$tmp/case.json" || { echo "$me: -f json report failed"; exit 1; }
h=$tmp/case.html
j() { jq -r "$1" "$tmp/case.json"; }
# section KEY: the lines of one section of the page
section() {
	awk -v id="<section id=\"t-$1\">" 'index($0, id) { on = 1 } on { print } on && /<\/section>/ { exit }' "$h"
}
# want WHAT GOT EXPECTED
want() {
	[ "$2" = "$3" ] || { echo "$me: $1: the page shows '$2', JSON has '$3'"; bad=1; }
}

# --- the numbers of the page are those of -f json ------------------------------------------
for k in read records duplicates revised rejected skipped id_conflicts users first last legacy_sign_ins; do
	got=$(section summary | sed -n "s|^<div><dt>$k</dt><dd class=\"[a-z]*\">\\([^<]*\\)</dd></div>\$|\\1|p")
	want "summary $k" "$got" "$(j ".summary.$k")"
done
# the first row of the failure codes: code, sign-ins, percent
row=$(section failure_codes | awk '/<tbody>/ { on = 1; next } on && /^<tr>/ { print; exit }')
cells=$(printf '%s\n' "$row" | sed 's|</td>|\n|g' | sed 's|.*>||')
want "failure_codes[0].error_code" "$(printf '%s\n' "$cells" | sed -n 1p)" "$(j '.failure_codes[0].error_code')"
want "failure_codes[0].sign_ins" "$(printf '%s\n' "$cells" | sed -n 4p)" "$(j '.failure_codes[0].sign_ins')"
want "failure_codes[0].percent" "$(printf '%s\n' "$cells" | sed -n 7p)" "$(j '.failure_codes[0].percent | tostring | if test("\\.") then . else . + ".00" end')%"
# chart hover texts: the bar of the top failure code, a day's stack, a week's MFA share, a heat-map cell
want "failure code bar" "$(section failure_codes | grep -o '<title>[0-9]* InvalidUserNameOrPassword: [0-9]*</title>' | head -n 1)" \
	"<title>$(j '.failure_codes[0] | "\(.error_code) \(.name): \(.sign_ins)"')</title>"
want "daily column" "$(section sign_ins_per_day | grep -o "<title>$(j '.sign_ins_per_day[0].period'):[^<]*</title>")" \
	"<title>$(j '.sign_ins_per_day[0] | "\(.period): Success \(.success), Failure \(.failure), Interrupted \(.interrupted), Unknown \(.unknown) (total \(.total))"')</title>"
want "MFA point" "$(section mfa_per_week | grep -o "<title>$(j '.mfa_per_week[1].period'):[^<]*</title>")" \
	"<title>$(j '.mfa_per_week[1] | "\(.period): \(.mfa_percent)"')%</title>"
want "heat-map cell" "$(section hours | grep -o '<title>Mon, Hour 2: [0-9]*</title>')" "<title>Mon, Hour 2: $(j '.hours[2].mon')</title>"
want "weekly active users point" "$(section weekly_active_users | grep -o "<title>$(j '.weekly_active_users[1].period'):[^<]*</title>")" \
	"<title>$(j '.weekly_active_users[1] | "\(.period): \(.active_users)"')</title>"
# rows cut by --top: the note says how many
want "top_users note" "$(section top_users | sed -n 's|^<p class="note">\(.*\)</p>$|\1|p')" "$(j '.notes.top_users')"
want "top_users rows" "$(section top_users | grep -c '^<tr>')" "$(j '.top_users | length')"

# --- the accounting of ingest: duplicates, revisions, rejects, skipped logs, unknown status ----
# testdata/hostile has each of them; the header holds the accounting, the contents the rest
"$bin" -q report -o "$tmp/hostile.html" testdata/hostile/ 2>/dev/null
[ $? -le 1 ] || { echo "$me: signlog report testdata/hostile/ failed"; bad=1; }
"$bin" -q -f json report testdata/hostile/ >"$tmp/hostile.json" 2>/dev/null
hs() {
	awk -v id="<section id=\"t-$1\">" 'index($0, id) { on = 1 } on { print } on && /<\/section>/ { exit }' "$tmp/hostile.html"
}
hj() { jq -r "$1" "$tmp/hostile.json"; }
for k in read records duplicates revised rejected skipped id_conflicts; do
	got=$(hs summary | sed -n "s|^<div><dt>$k</dt><dd class=\"[a-z]*\">\\([^<]*\\)</dd></div>\$|\\1|p")
	want "hostile summary $k" "$got" "$(hj ".summary.$k")"
done
[ "$(hj '.summary.revised')" -gt 0 ] && [ "$(hj '.summary.skipped')" -gt 0 ] && [ "$(hj '.status.unknown')" -gt 0 ] ||
	{ echo "$me: testdata/hostile no longer has revised, skipped and unknown sign-ins"; bad=1; }
want "hostile unknown status" "$(hs status | sed -n 's|^<tr><td class="s">unknown</td><td class="n">\([0-9]*\)</td>.*|\1|p')" "$(hj '.status.unknown')"
want "hostile skipped categories rows" "$(hs skipped_categories | grep -c '^<tr>')" "$(hj '.skipped_categories | length')"
want "hostile files rows" "$(hs files | grep -c '^<tr>')" "$(hj '.files | length')"
want "hostile top_users unknown column" "$(hs top_users | grep -c '<th class="n">Unknown</th>')" 1
# in the header, before the contents, and not listed in them
head=$(awk '/^<header>/ { on = 1 } on { print } /^<\/header>/ { exit }' "$tmp/hostile.html")
for k in summary files skipped_categories; do
	printf '%s\n' "$head" | grep -q "^<section id=\"t-$k\">" || { echo "$me: $k is not in the page header"; bad=1; }
	grep -q "<li><a href=\"#t-$k\">" "$tmp/hostile.html" && { echo "$me: $k is listed in the contents"; bad=1; }
done
printf '%s\n' "$head" | grep -q '^<section id="t-status">' && { echo "$me: status is in the page header"; bad=1; }

# --- detection findings: detect's, with the selection judged against every sign-in -----------
for f in "" "--country RU"; do
	# shellcheck disable=SC2086
	"$bin" -q -f json report $f testdata/detect/ >"$tmp/d-report.json" 2>/dev/null &&
		"$bin" -q -f json detect $f testdata/detect/ >"$tmp/d-detect.json" 2>/dev/null &&
		"$bin" -q report $f -o "$tmp/d.html" testdata/detect/ 2>/dev/null ||
		{ echo "$me: report/detect $f testdata/detect/ failed"; bad=1; continue; }
	dr() { jq -r "$1" "$tmp/d-report.json"; }
	dd() { jq -r "$1" "$tmp/d-detect.json"; }
	for k in finding_count critical high medium low evaluated chain_count; do
		want "detections $k ($f)" "$(dr ".detections.$k")" "$(dd ".$k")"
	done
	n=$(dd '.findings | length')
	[ "$n" -gt 0 ] || { echo "$me: detect $f testdata/detect/ found nothing"; bad=1; }
	shown=$n
	[ "$n" -gt 20 ] && shown=20
	want "findings rows ($f)" "$(dr '.findings | length')" "$shown"
	want "findings ids ($f)" "$(dr '[.findings[].id] | join(" ")')" "$(dd "[.findings[:$shown][].id] | join(\" \")")"
	ds() {
		awk -v id="<section id=\"t-$1\">" 'index($0, id) { on = 1 } on { print } on && /<\/section>/ { exit }' "$tmp/d.html"
	}
	want "page findings rows ($f)" "$(ds findings | grep -c '^<tr>')" "$shown"
	want "page first finding ($f)" "$(ds findings | grep -m 1 '^<tr>' | sed 's|^<tr><td class="s">\([0-9a-f]*\)</td>.*|\1|')" "$(dd '.findings[0].id')"
	if [ "$n" -gt 20 ]; then
		want "findings note ($f)" "$(dr '.notes.findings')" \
			"$((n - 20)) more rows not shown (--top 20; --top 0 shows all; signlog detect lists them all)"
	fi
done

# --- self-contained and reproducible ---------------------------------------------------------
csp=$(sed -n 's|^<meta http-equiv="Content-Security-Policy" content="\(.*\)">$|\1|p' "$h")
case $csp in
"default-src 'none'; style-src 'sha256-"*"'; script-src 'sha256-"*"'; base-uri 'none'; form-action 'none'") ;;
*) echo "$me: unexpected Content-Security-Policy: $csp"; bad=1 ;;
esac
# hash64 FILE: the CSP form of the SHA-256 of a file
hash64() {
	sha256sum <"$1" | cut -c1-64 | tr a-f A-F | basenc --base16 -d | base64
}
awk '/^<style>/ { sub(/^<style>/, ""); on = 1 } on { if (sub(/<\/style>$/, "")) { printf "%s\n", $0; exit } print }' "$h" >"$tmp/style"
awk '/^<script>/ { sub(/^<script>/, ""); on = 1 } on { if (sub(/<\/script>$/, "")) { printf "%s\n", $0; exit } print }' "$h" >"$tmp/script"
for a in style script; do
	# between the tags exactly: strip the one newline the awk above added after the last line
	head -c -1 "$tmp/$a" >"$tmp/$a.exact"
	hv=$(hash64 "$tmp/$a.exact")
	case $csp in
	*"'sha256-$hv'"*) ;;
	*) echo "$me: the CSP does not allow the page's own $a (sha256-$hv)"; bad=1 ;;
	esac
done
grep -Eiq '(src|href)="(https?:|//|data:|javascript:)' "$h" && { echo "$me: the page refers to something outside it"; bad=1; }
grep -q "$(date -u +%Y-%m-%d)" "$h" && { echo "$me: today's date is in the page"; bad=1; }
"$bin" -q -j 1 report testdata/demo/ >"$tmp/j1.html" || bad=1
cmp -s "$h" "$tmp/j1.html" || { echo "$me: report -j 1 differs from the default thread count"; bad=1; }
"$bin" -q report testdata/tree/sub testdata/tree/a.jsonl >"$tmp/order1.html" &&
	"$bin" -q report testdata/tree/a.jsonl testdata/tree/sub >"$tmp/order2.html" || bad=1
# the inputs table lists the files in the order given; everything else is the same
grep -v 'testdata/tree' "$tmp/order1.html" >"$tmp/o1" && grep -v 'testdata/tree' "$tmp/order2.html" >"$tmp/o2"
cmp -s "$tmp/o1" "$tmp/o2" || { echo "$me: report depends on the order of the inputs"; bad=1; }
size=$(wc -c <"$h")
[ "$size" -lt 300000 ] || { echo "$me: the demo page is $size bytes"; bad=1; }

# --- every command: a page with one section per table of its JSON ----------------------------
for c in $("$bin" -f json schema | jq -r '[.schema[].command] | unique | .[]'); do
	ex=$("$bin" help "$c" | awk '/^Example:/ { getline; sub(/^ +/, ""); print; exit }')
	args=$(printf '%s\n' "$ex" | sed "s|^signlog ||; s|exports/|$root/testdata/demo/|g; s|-o [^ ]*||; s|-f [a-z]*||")
	# shellcheck disable=SC2086
	(cd "$tmp" && "$bin" -q -f html $args >"$tmp/c.html" && "$bin" -q -f json $args >"$tmp/c.json") ||
		{ echo "$me: signlog -f html $args failed"; bad=1; continue; }
	head -n 1 "$tmp/c.html" | grep -q '^<!DOCTYPE html>$' && tail -n 1 "$tmp/c.html" | grep -q '^</html>$' ||
		{ echo "$me: signlog -f html $args: not a whole page"; bad=1; }
	n=$(jq 'del(.signlog_output, .report, .filter, .notes) | [to_entries[] | select(.value | type == "array" or type == "object")] | length' "$tmp/c.json")
	got=$(grep -c '^<section id="t-' "$tmp/c.html")
	[ "$got" = "$n" ] || { echo "$me: signlog -f html $args: $got sections, JSON has $n tables"; bad=1; }
done
exit $bad

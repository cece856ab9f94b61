#!/bin/sh
# examples.sh — the examples people copy run as written: every command line of the README's
# Usage block (after make demo, from the top of the repository; the filter examples select
# something on the demo), and the example of every command's help (`signlog help COMMAND`,
# with exports/ as the demo).
LC_ALL=C
export LC_ALL
me='examples'
root=$(pwd)
bin=${SIGNLOG:-$root/signlog}   # tests/run sets SIGNLOG to test another build
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0
# a scratch top directory, so that outputs (-o summary/, > clean.jsonl) land there
ln -s "$bin" "$tmp/signlog"
ln -s "$root/testdata" "$tmp/testdata"

# the Usage block: from "## Usage" to the end of its first ```sh block
awk '/^## Usage/ { u = 1 } u && /^```sh/ { on = 1; next } on && /^```/ { exit } on' README.md >"$tmp/usage"
[ "$(grep -c '^\./signlog\|^gzip' "$tmp/usage")" -ge 15 ] || { echo "$me: too few examples in README.md"; exit 1; }
filters=0 n=0
while IFS= read -r line; do
	case $line in
	'# filters'*) filters=1; continue ;;
	'#'* | '') continue ;;
	esac
	cmd=$(printf '%s\n' "$line" | sed 's/   *#.*$//')
	n=$((n + 1))
	if ! (cd "$tmp" && sh -c "$cmd") >"$tmp/out" 2>"$tmp/err"; then
		echo "$me: README.md: '$cmd' failed:"
		head -n 3 "$tmp/err"
		bad=1
		continue
	fi
	[ -s "$tmp/out" ] || [ "${cmd#*>}" != "$cmd" ] || [ "${cmd#*-o }" != "$cmd" ] ||
		{ echo "$me: README.md: '$cmd' printed nothing"; bad=1; }
	if [ "$filters" = 1 ]; then
		sel=$(cd "$tmp" && sh -c "$(printf '%s\n' "$cmd" | sed 's|^\./signlog |./signlog -q -f json |')" | jq '.filter.selected')
		[ "${sel:-0}" -gt 0 ] 2>/dev/null || { echo "$me: README.md: '$cmd' selects nothing on the demo"; bad=1; }
	fi
done <"$tmp/usage"
[ -f "$tmp/summary/summary.csv" ] || { echo "$me: README.md: -o summary/ wrote no summary/summary.csv"; bad=1; }

# every command's help example
for c in $("$bin" -f json schema | jq -r '[.schema[].command] | unique | .[]'); do
	ex=$("$bin" help "$c" | awk '/^Example:/ { getline; sub(/^ +/, ""); print; exit }')
	case $ex in
	"signlog $c"* | "signlog -"*) ;;
	*) echo "$me: signlog help $c: no example of $c"; bad=1; continue ;;
	esac
	cmd=$(printf '%s\n' "$ex" | sed 's|^signlog |./signlog -q |; s|exports/|testdata/demo/|g')
	if ! (cd "$tmp" && sh -c "$cmd") >"$tmp/out" 2>"$tmp/err" || [ ! -s "$tmp/out" ]; then
		echo "$me: signlog help $c: example '$ex' failed on the demo:"
		head -n 3 "$tmp/err"
		bad=1
	fi
done
exit $bad

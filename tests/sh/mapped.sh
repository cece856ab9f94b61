#!/bin/sh
# mapped.sh — a plain file is mapped, standard input and pipes are read: both give the same
# bytes, for small files and for files of several 4 MiB windows (JSON lines and a Log
# Analytics CSV made of many copies of the fixtures, each copy with its own ids), with one
# thread or several.
LC_ALL=C
export LC_ALL
bin=./signlog
me='mapped'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# copies FILE N: the header line (if CSV), then N copies of the data lines with every
# "5e1a" id prefix turned into the copy's own 4 hex digits
copies() {
	awk -v n="$2" -v csv="$3" '
		NR == 1 && csv { print; next }
		{ line[++k] = $0 }
		END {
			for (c = 1; c <= n; c++)
				for (i = 1; i <= k; i++) {
					s = line[i]
					gsub(/5e1a/, sprintf("%04x", c), s)
					print s
				}
		}' "$1"
}
copies testdata/shapes/jsonl.jsonl 700 0 >"$tmp/big.jsonl"
copies testdata/csv/la/SigninLogs.csv 2500 1 >"$tmp/big.csv"

# summary without the file names (standard input is "(stdin)")
sum() {
	jq -S 'del(.files)' "$1"
}

check() { # label file records
	f=$2
	"$bin" -q summary --format json "$f" >"$tmp/file.json" 2>"$tmp/err" ||
		{ echo "$me: $1: exit status not 0"; head -n 5 "$tmp/err"; bad=1; return; }
	sum "$tmp/file.json" >"$tmp/want"
	got=$(jq '.records' "$tmp/file.json")
	[ "$got" = "$3" ] || { echo "$me: $1: $got records, want $3"; bad=1; }
	"$bin" -q summary --format json - <"$f" >"$tmp/stdin.json" 2>/dev/null
	sum "$tmp/stdin.json" >"$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" || { echo "$me: $1: standard input differs from the file"; diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 20; bad=1; }
	cat "$f" | "$bin" -q summary --format json - >"$tmp/pipe.json" 2>/dev/null
	sum "$tmp/pipe.json" >"$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" || { echo "$me: $1: a pipe differs from the file"; bad=1; }
	for j in 1 3; do
		"$bin" -q -j "$j" summary --format json "$f" >"$tmp/j.json" 2>/dev/null
		sum "$tmp/j.json" >"$tmp/got"
		cmp -s "$tmp/want" "$tmp/got" || { echo "$me: $1: -j $j differs"; bad=1; }
	done
}

check "jsonl fixture" testdata/shapes/jsonl.jsonl 12
check "BOM fixture" testdata/shapes/bom.json 12
check "Log Analytics CSV fixture" testdata/csv/la/SigninLogs.csv 8
check "$(wc -c <"$tmp/big.jsonl" | tr -d ' ')-byte JSON lines" "$tmp/big.jsonl" 8400
check "$(wc -c <"$tmp/big.csv" | tr -d ' ')-byte Log Analytics CSV" "$tmp/big.csv" 20000
exit $bad

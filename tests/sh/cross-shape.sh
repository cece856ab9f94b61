#!/bin/sh
# cross-shape.sh — the 12 sign-ins of testdata/shapes give the same summary in every container
# shape; all shapes together give 12 records and the rest duplicates; neither the order of the
# file arguments nor the thread count changes a byte of the output.
LC_ALL=C
export LC_ALL
S=testdata/shapes
SHAPES="portal-array.json graph-pages.json jsonl.jsonl diag.jsonl eventhub.json concat-arrays.json
pretty.json bom.json jsonl.jsonl.gz multi.json.gz"
bin=${SIGNLOG:-./signlog}  # SIGNLOG: another build (make check-zlib)
me='cross-shape'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

jq -S . "$S/expected-summary.json" >"$tmp/want" || { echo "$me: bad $S/expected-summary.json"; exit 1; }

set --
for f in $SHAPES; do
	set -- "$@" "$S/$f"
	if ! "$bin" summary --format json "$S/$f" >"$tmp/raw" 2>"$tmp/err"; then
		echo "$me: $f: exit status not 0"
		head -n 5 "$tmp/err"
		bad=1
		continue
	fi
	if ! jq -S 'del(.files)' "$tmp/raw" >"$tmp/got" 2>"$tmp/err"; then
		echo "$me: $f: output is not JSON"
		head -n 5 "$tmp/err"
		bad=1
		continue
	fi
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		echo "$me: $f differs from $S/expected-summary.json:"
		diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 30
		bad=1
	fi
done
n=$#

# all shapes at once: every sign-in is read n times and kept once
if "$bin" summary --format json "$@" >"$tmp/all" 2>"$tmp/err"; then
	if ! jq -e --argjson n "$n" '.records == 12 and .duplicates == 12 * ($n - 1)
	    and .read == 12 * $n and .rejected == 0 and (.files | length) == $n' \
	    "$tmp/all" >/dev/null; then
		echo "$me: all $n shapes together: want records 12, duplicates $((12 * (n - 1))), got:"
		jq -c '{read, records, duplicates, rejected, files: (.files | length)}' "$tmp/all"
		bad=1
	fi
else
	echo "$me: all $n shapes together: exit status not 0"
	head -n 5 "$tmp/err"
	bad=1
fi

# same bytes whatever the order of the arguments and the number of threads
same() { # label file1 file2
	if ! cmp -s "$2" "$3"; then
		echo "$me: $1: output differs"
		diff -u "$2" "$3" | sed 1,2d | head -n 30
		bad=1
	fi
}
for fmt in text json csv; do
	"$bin" summary --format "$fmt" "$S/portal-array.json" "$S/diag.jsonl" >"$tmp/ab" 2>&1
	"$bin" summary --format "$fmt" "$S/diag.jsonl" "$S/portal-array.json" >"$tmp/ba" 2>&1
	same "order a b / b a ($fmt)" "$tmp/ab" "$tmp/ba"
	"$bin" summary --format "$fmt" "$S/pretty.json" "$S/multi.json.gz" "$S/eventhub.json" >"$tmp/abc" 2>&1
	"$bin" summary --format "$fmt" "$S/eventhub.json" "$S/pretty.json" "$S/multi.json.gz" >"$tmp/cab" 2>&1
	same "order of three files ($fmt)" "$tmp/abc" "$tmp/cab"
	"$bin" -j 1 summary --format "$fmt" "$@" testdata/demo >"$tmp/j1" 2>&1
	"$bin" -j 2 summary --format "$fmt" "$@" testdata/demo >"$tmp/j2" 2>&1
	same "-j 1 / -j 2 ($fmt)" "$tmp/j1" "$tmp/j2"
	"$bin" summary -j 8 --format "$fmt" "$@" testdata/demo >"$tmp/j8" 2>&1
	same "-j 1 / -j 8 ($fmt)" "$tmp/j1" "$tmp/j8"
done
exit $bad

#!/bin/sh
# hostile.sh — hostile input made at test time (too large to keep in testdata/hostile): one
# broken element among 1010, nesting 200,000 and 2,000,000 deep, a gzip bomb, pipes and FIFOs,
# linked directories and their loops. Each asserts the exact diagnostic, the exit status and
# the accounting (read = records + duplicates + revised + rejected + skipped).
LC_ALL=C
export LC_ALL
bin=${SIGNLOG:-./signlog}  # SIGNLOG: another build (make check-zlib)
me='hostile'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0
lim=
command -v timeout >/dev/null 2>&1 && lim="timeout 60"

# run NAME STATUS ARGS...: signlog ARGS > NAME.out, 2> NAME.err; the exit status must be STATUS
run() {
	name=$1 want=$2
	shift 2
	$lim "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
	if [ "$st" != "$want" ]; then
		echo "$me: $name: signlog $*: exit status $st, expected $want"
		head -n 5 "$tmp/$name.err"
		bad=1
	fi
}
# check NAME JQ [WHAT]: the JSON report of NAME satisfies JQ, and its counts add up
check() {
	if ! jq -e "($2) and .read == .records + .duplicates + .revised + .rejected + .skipped
	           and all(.files[]; .read == .records + .duplicates + .revised + .rejected + .skipped)" \
		"$tmp/$1.out" >/dev/null 2>&1; then
		echo "$me: $1: want ${3:-$2}, got:"
		jq -c '{read, records, duplicates, revised, rejected, skipped, id_conflicts}' "$tmp/$1.out" 2>/dev/null ||
			head -c 300 "$tmp/$1.out"
		bad=1
	fi
}
# stderr NAME EXPECTED: stderr of NAME is exactly EXPECTED
stderr() {
	printf '%s\n' "$2" >"$tmp/$1.want"
	if ! cmp -s "$tmp/$1.want" "$tmp/$1.err"; then
		echo "$me: $1: stderr differs:"
		diff -u "$tmp/$1.want" "$tmp/$1.err" | sed 1,2d | head -n 10
		bad=1
	fi
}

# ---- one element that never closes among 1010, in one line and pretty -------------------
# Every record is 151 bytes; the 960th lacks its closing brace, so it is 150 bytes, and the
# 50 after it are read.
rec() { # i: one record of 151 bytes
	printf '{"id":"a7c10001-6b2e-4d8f-9c3a-%012d","createdDateTime":"2026-03-02T08:00:00Z","userPrincipalName":"u%04d@contoso.com","status":{"errorCode":0}}' "$1" "$1"
}
awk 'BEGIN {
	for (i = 1; i <= 1010; i++) {
		r = sprintf("{\"id\":\"a7c10001-6b2e-4d8f-9c3a-%012d\",\"createdDateTime\":\"2026-03-02T08:00:00Z\",\"userPrincipalName\":\"u%04d@contoso.com\",\"status\":{\"errorCode\":0}}", i, i)
		if (i == 960)
			r = substr(r, 1, length(r) - 1)
		one = one (i > 1 ? "," : "") r
		pretty = pretty (i > 1 ? ",\n" : "") r
	}
	print "[" one "]" > "'"$tmp"'/one.json"
	print "[\n" pretty "\n]" > "'"$tmp"'/pretty.json"
}'
[ "$(rec 1 | wc -c | tr -d ' ')" = 151 ] || { echo "$me: the generated record is not 151 bytes"; bad=1; }
run one 0 -f json summary "$tmp/one.json"
check one '.read == 1010 and .records == 1009 and .rejected == 1' 'read 1010, records 1009, rejected 1'
stderr one "signlog: $tmp/one.json:1: error: record 960: invalid JSON: the record does not close (a '}' or ']' is missing) (byte 151 of the record); skipped 150 bytes, line 1"
run pretty 0 -f json summary "$tmp/pretty.json"
check pretty '.read == 1010 and .records == 1009 and .rejected == 1' 'read 1010, records 1009, rejected 1'
stderr pretty "signlog: $tmp/pretty.json:961: error: record 960: invalid JSON: the record does not close (a '}' or ']' is missing) (byte 151 of the record); skipped 150 bytes, line 961"
# the same bytes fed through a pipe, in pieces
cat "$tmp/one.json" | run pipe 0 -j 3 -f json summary -
check pipe '.read == 1010 and .records == 1009 and .rejected == 1' 'read 1010, records 1009, rejected 1'

# ---- nesting: 200,000 brackets, 200,000 "properties" envelopes, 2,000,000 gzipped ---------
# Each is one record, rejected at depth 513 at once (linear time, no recursion).
awk 'BEGIN { s = "["; for (i = 0; i < 17; i++) s = s s; for (i = 0; i < 2; i++) printf "%s", s }' >"$tmp/deep.json"
run deep 1 -f json summary "$tmp/deep.json"
check deep '.read == 1 and .rejected == 1' 'read 1, rejected 1'
stderr deep "signlog: $tmp/deep.json:1: error: record 1: invalid JSON: nested deeper than 512 levels (byte 513 of the record)
signlog: $tmp/deep.json: error: input ends inside a JSON array at line 1 (truncated file?)"
awk 'BEGIN { o = "{\"properties\":"; c = "}"; for (i = 0; i < 200000; i++) { printf "%s", o }
	printf "{\"createdDateTime\":\"2026-03-02T08:00:00Z\",\"id\":\"x\",\"status\":{\"errorCode\":0}}";
	for (i = 0; i < 200000; i++) printf "%s", c; printf "\n" }' >"$tmp/envelopes.jsonl"
run envelopes 1 -f json summary "$tmp/envelopes.jsonl"
check envelopes '.read == 1 and .rejected == 1' 'read 1, rejected 1'
stderr envelopes "signlog: $tmp/envelopes.jsonl:1: error: record 1: invalid JSON: nested deeper than 512 levels (byte 7169 of the record)
signlog: $tmp/envelopes.jsonl: error: not a sign-in export: no record in it is a sign-in"
awk 'BEGIN { s = "["; for (i = 0; i < 20; i++) s = s s; printf "%s%s", s, s }' | gzip -c >"$tmp/deep.json.gz"
run deepgz 1 -f json summary "$tmp/deep.json.gz"
check deepgz '.read == 1 and .rejected == 1' 'read 1, rejected 1'
stderr deepgz "signlog: $tmp/deep.json.gz:1: error: record 1: invalid JSON: nested deeper than 512 levels (byte 513 of the record)
signlog: $tmp/deep.json.gz: error: input ends inside a JSON array at line 1 (truncated file?)"

# ---- a gzip bomb: one record without a request id, copied into 1.1 GB ---------------------
# gzip members back to back: 72 members of 16 MiB of copies each. The copies are duplicates
# by content (one loaded), and the guard stops the file past 1 GiB.
awk 'BEGIN { r = "{\"createdDateTime\":\"2026-03-02T08:00:00Z\",\"userPrincipalName\":\"bomb@contoso.com\",\"status\":{\"errorCode\":0}}";
	n = int(16777216 / (length(r) + 1)); for (i = 0; i < n; i++) print r }' | gzip -1 >"$tmp/member.gz"
i=0
while [ $i -lt 72 ]; do cat "$tmp/member.gz"; i=$((i + 1)); done >"$tmp/bomb.jsonl.gz"
run bomb 1 -q -f json summary "$tmp/bomb.jsonl.gz"
check bomb '.records == 1 and .duplicates > 1000000 and .rejected <= 1 and .skipped == 0' \
	'records 1 (the rest duplicates by content), at most the cut record rejected'
if ! grep -q "^signlog: $tmp/bomb.jsonl.gz: error: gzip data expands more than 100 times ([0-9]* bytes from [0-9]* compressed: a decompression bomb?): the rest of the file is not read; --max-bytes SIZE sets the limit instead\$" "$tmp/bomb.err"; then
	echo "$me: bomb: no gzip bomb error, got:"
	cat "$tmp/bomb.err"
	bad=1
fi
rm -f "$tmp/bomb.jsonl.gz"

# ---- pipes: read once ---------------------------------------------------------------------
P=testdata/csv/portal/InteractiveSignIns_2026-03-01_2026-03-21.csv
mkfifo "$tmp/fifo" || { echo "$me: mkfifo failed"; exit 1; }
cat "$P" >"$tmp/fifo" &
run fifo 0 -f json summary "$tmp/fifo"
wait
check fifo '.read == 8 and .records == 8' 'read 8, records 8 (the AuthDetails look-ahead must not drain the FIFO)'
if command -v bash >/dev/null 2>&1; then
	$lim bash -c "\"$bin\" -f json summary <(cat \"$P\") <(cat testdata/shapes/jsonl.jsonl)" >"$tmp/procsub.out" 2>"$tmp/procsub.err"
	# the portal CSV holds 8 of the 12 sign-ins of the JSON lines
	check procsub '.read == 20 and .records == 12' 'read 20, records 12 through process substitution'
fi
run stdin 0 -f json summary - <"$P"
check stdin '.read == 8 and .records == 8' 'read 8, records 8 from standard input'

# ---- linked directories: followed once, loops and second links noted -----------------------
mkdir -p "$tmp/ev/sub" "$tmp/other"
cp testdata/shapes/jsonl.jsonl "$tmp/other/"
ln -s "$tmp/other" "$tmp/ev/linked"
ln -s "$tmp/other" "$tmp/ev/sub/again"
ln -s .. "$tmp/ev/sub/loop"
run links 0 -f json summary "$tmp/ev"
check links '.read == 12 and .records == 12 and (.files | length) == 1' 'read 12 once, through the first link'
stderr links "signlog: $tmp/ev/sub/again: note: skipped, a directory read already as $tmp/ev/linked (a link loop or a second link)
signlog: $tmp/ev/sub/loop: note: skipped, a directory read already as $tmp/ev (a link loop or a second link)"

# ---- a CSV whose quote never closes: the date look-ahead keeps the 512 MiB record cap ------
# (writes 600 MB: only with SIGNLOG_HEAVY_TESTS=1)
if [ -n "${SIGNLOG_HEAVY_TESTS:-}" ]; then
	{
		printf '"Date (UTC)","Request ID","Username","Status","Sign-in error code"\n'
		printf '"3/13/2026 7:04:33 PM","a1","u@x","Success","0"\n"3/14/2026 7:04:33 PM","a2","u@x","Success","0"\n'
		printf '"3/15/2026 7:04:33 PM","a3","u@x","Success","0\n'
		head -c 600000000 /dev/zero | tr '\0' 'a'
	} >"$tmp/InteractiveSignIns_q.csv"
	run quote 0 -f json summary "$tmp/InteractiveSignIns_q.csv"
	check quote '.read == 3 and .records == 2 and .rejected == 1' 'read 3, records 2, rejected 1'
	rm -f "$tmp/InteractiveSignIns_q.csv"
fi
exit $bad

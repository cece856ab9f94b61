#!/bin/sh
# detect-determinism.sh — detect gives the same bytes whatever the order of the files, the
# number of threads, and sign-ins given twice (a file repeated, the same records in another
# file): windows slide over sign-ins in (time, request id) order, each counted once.
me=detect-determinism
bin=${SIGNLOG:-./signlog}   # tests/run sets SIGNLOG to test another build
d=testdata/detect
tmp=$(mktemp -d "${TMPDIR:-/tmp}/detect-det.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
files=$(ls $d/*.jsonl)
rev=$(ls $d/*.jsonl | sort -r)
# the same sign-ins again, in one file, in reverse order
for f in $files; do cat "$f"; done | sort -r > "$tmp/again.jsonl"
for fmt in text json; do
	# shellcheck disable=SC2086
	a=$("$bin" -q -j 1 -f $fmt detect $files testdata/demo | cksum)
	# shellcheck disable=SC2086
	b=$("$bin" -q -j 4 -f $fmt detect testdata/demo $rev | cksum)
	# shellcheck disable=SC2086
	c=$("$bin" -q -j 3 -f $fmt detect $rev "$tmp/again.jsonl" testdata/demo $files | cksum)
	if [ "$a" != "$b" ]; then
		echo "$me: -f $fmt differs between -j 1 and -j 4 with the files in another order"
		status=1
	fi
	if [ "$a" != "$c" ]; then
		echo "$me: -f $fmt differs when every sign-in is given two or three times"
		status=1
	fi
done
# the timeline too
a=$("$bin" -q -j 1 -f csv --timeline detect $files | cksum)
b=$("$bin" -q -j 4 -f csv --timeline detect $rev "$tmp/again.jsonl" | cksum)
[ "$a" = "$b" ] || { echo "$me: the timeline differs"; status=1; }
exit $status

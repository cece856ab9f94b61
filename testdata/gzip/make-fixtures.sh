#!/bin/sh
# make-fixtures.sh — regenerate the gzip fixtures of testdata/gzip from testdata/shapes/jsonl.jsonl
# (the 12 sign-ins of testdata/shapes/EXPECTED.md, one per line) and one portal CSV download.
#
#   sh testdata/gzip/make-fixtures.sh        (from the repository root; needs gzip, od, dd)
#
# The generated files are checked in; run this only after changing it, then review with git diff
# (another gzip version may compress differently, which moves the byte offsets in the goldens).
# testdata/gzip/README.md says what each file is; tests/golden/gzip-*.cmd read them.
set -eu
LC_ALL=C
export LC_ALL
J=testdata/shapes/jsonl.jsonl
CSV=testdata/csv/portal/InteractiveSignIns_2026-03-01_2026-03-21.csv
D=testdata/gzip
[ -f "$J" ] && [ -f "$CSV" ] || { echo "make-fixtures: run me from the repository root" >&2; exit 2; }
command -v gzip >/dev/null 2>&1 || { echo "make-fixtures: gzip not installed" >&2; exit 2; }
rm -rf "$D/portal"
rm -f "$D"/*.gz
mkdir -p "$D/portal"

# poke FILE OFFSET BYTE: overwrite one byte (BYTE in decimal)
poke() {
	printf "\\$(printf %o "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# peek FILE OFFSET: one byte, in decimal
peek() {
	od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '
}
size() {
	wc -c <"$1" | tr -d ' '
}
gz() {
	gzip -n -c "$@"
}

# multi-member: sign-ins 1-4, an empty member, 5-12 (levels 9, 6, 1)
{ head -n 4 "$J" | gz -9; printf '' | gz; tail -n +5 "$J" | gz -1; } >"$D/members.jsonl.gz"
# one member, then 1024 zero bytes of padding (as a tape or a block device leaves)
{ gz <"$J"; head -c 1024 /dev/zero; } >"$D/padded.jsonl.gz"
# the CRC-32 in the trailer is wrong (its first byte inverted)
gz <"$J" >"$D/crc.jsonl.gz"
f=$D/crc.jsonl.gz; n=$(size "$f"); poke "$f" $((n - 8)) $((255 - $(peek "$f" $((n - 8)))))
# the length (ISIZE) in the trailer is wrong (its last byte, 0 for any file under 16 MiB, is 1)
gz <"$J" >"$D/isize.jsonl.gz"
f=$D/isize.jsonl.gz; n=$(size "$f"); poke "$f" $((n - 1)) 1
# sign-ins 1-6 in a whole member, then a member of 7-12 cut in half
tail -n +7 "$J" | gz >"$D/tmp.gz"
{ head -n 6 "$J" | gz; head -c $(($(size "$D/tmp.gz") / 2)) "$D/tmp.gz"; } >"$D/trunc-member.jsonl.gz"
rm -f "$D/tmp.gz"
# a whole member, then text that is not gzip
{ gz <"$J"; printf -- '-- end of export --\n'; } >"$D/garbage.jsonl.gz"
# compressed twice: one gunzip leaves gzip data, which is not an export
gz <"$J" | gz >"$D/gzgz.jsonl.gz"
# compression method 9 instead of 8 (deflate)
gz <"$J" >"$D/method.jsonl.gz"
poke "$D/method.jsonl.gz" 2 9
# sign-ins 1-6, then a member whose first deflate block has the invalid type 3
tail -n +7 "$J" | gz >"$D/tmp.gz"
poke "$D/tmp.gz" 10 $(($(peek "$D/tmp.gz" 10) | 6))
{ head -n 6 "$J" | gz; cat "$D/tmp.gz"; } >"$D/deflate.jsonl.gz"
rm -f "$D/tmp.gz"
# every optional header field (RFC 1952): FEXTRA "SL" subfield, FNAME, FCOMMENT and FHCRC; the
# header CRC (0x54cb, the low 16 bits of the CRC-32 of the 49 bytes before it) was worked out once
# and is checked by `gzip -t` below
hdr() {
	printf '\037\213\010\036\000\000\000\000\000\003'   # magic, deflate, flags 0x1e, mtime 0, OS Unix
	printf '\006\000SL\002\000ok'                        # XLEN 6: subfield "SL", 2 bytes "ok"
	printf 'signins.jsonl\000'
	printf 'exported 2026-03\000'
}
gz <"$J" >"$D/tmp.gz"
{ hdr; printf '\313\124'; tail -c +11 "$D/tmp.gz"; } >"$D/header-fields.jsonl.gz"
{ hdr; printf '\312\124'; tail -c +11 "$D/tmp.gz"; } >"$D/hcrc.jsonl.gz"
rm -f "$D/tmp.gz"
# a portal CSV download, gzipped, with a wrong CRC-32: the header is read twice (to find the
# columns, then with the records)
b=$(basename "$CSV")
gz <"$CSV" >"$D/portal/$b.gz"
f=$D/portal/$b.gz; n=$(size "$f"); poke "$f" $((n - 8)) $((255 - $(peek "$f" $((n - 8)))))

# the good ones must be good gzip, and the broken ones broken
for f in members padded header-fields; do
	gzip -t "$D/$f.jsonl.gz" 2>/dev/null || [ "$f" = padded ] || { echo "make-fixtures: $f is not valid gzip" >&2; exit 1; }
done
gzip -dc "$D/header-fields.jsonl.gz" | cmp -s - "$J" || { echo "make-fixtures: header-fields does not give $J" >&2; exit 1; }
gzip -dc "$D/members.jsonl.gz" | cmp -s - "$J" || { echo "make-fixtures: members does not give $J" >&2; exit 1; }
for f in crc isize trunc-member garbage method deflate hcrc; do
	if gzip -t "$D/$f.jsonl.gz" 2>/dev/null; then
		echo "make-fixtures: $f passes gzip -t" >&2
		exit 1
	fi
done
echo "make-fixtures: wrote $(ls "$D"/*.gz "$D"/portal/*.gz | wc -l | tr -d ' ') files in $D"

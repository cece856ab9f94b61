#!/bin/sh
# contract-in-man.sh — the OUTPUT CONTRACT section of signlog(1) is what the program says its
# output is (`signlog schema`, through tests/contract.sh); `make contract` rewrites it.
LC_ALL=C
export LC_ALL
me='contract-in-man'
man=man/signlog.1
[ -x ./signlog ] || { echo "$me: ./signlog not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sh tests/contract.sh ./signlog >"$tmp/want" || { echo "$me: tests/contract.sh failed"; exit 1; }
awk 'index($0, ".\\\" BEGIN CONTRACT") == 1 { on = 1; next }
	index($0, ".\\\" END CONTRACT") == 1 { on = 0 }
	on' "$man" >"$tmp/got"
[ -s "$tmp/want" ] || { echo "$me: the program lists no table"; exit 1; }
if ! cmp -s "$tmp/want" "$tmp/got"; then
	echo "$me: $man OUTPUT CONTRACT differs from signlog schema (make contract rewrites it):"
	diff -u "$tmp/got" "$tmp/want" | sed 1,2d | head -n 30
	exit 1
fi
exit 0

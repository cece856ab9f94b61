#!/bin/sh
# contract.sh — the OUTPUT CONTRACT section of signlog(1), made from `signlog -f json schema`:
# per command its tables in order (kind, which one is primary) with their columns and JSON types.
#   sh tests/contract.sh [SIGNLOG]            print it
#   sh tests/contract.sh --write [SIGNLOG]    put it into man/signlog.1 between the BEGIN
#                                             CONTRACT and END CONTRACT comments (make contract)
# tests/sh/contract-in-man.sh checks that the man page holds exactly what this prints.
LC_ALL=C
export LC_ALL
write=
[ "$1" = --write ] && { write=1; shift; }
bin=${1:-./signlog}
man=man/signlog.1
fragment() {
	"$bin" -f json schema | jq -r '
	.schema as $rows
	| ($rows | map(.command) | reduce .[] as $c ([]; if index([$c]) then . else . + [$c] end)) as $cmds
	| $cmds[] as $c
	| [$rows[] | select(.command == $c)] as $r
	| ($r | map(.table_name) | reduce .[] as $t ([]; if index([$t]) then . else . + [$t] end)) as $tables
	| ".Ss \($c)",
	  ".Bl -tag -width Ds",
	  ($tables[] as $t
	   | [$r[] | select(.table_name == $t)] as $cols
	   | ($cols[0].kind + (if $cols[0].primary then ", primary" else "" end)
	      + (if $t == $c and $cols[0].kind == "key-value" then ", document root" else "" end)) as $what
	   | ".It Li \($t) Pq \($what)",
	     ($cols | to_entries[] | ".Li \(.value.column) Pq \(.value.json_type)"
	      + (if .key == ($cols | length) - 1 then "" else " ," end))),
	  ".El"'
}
if [ -z "$write" ]; then
	fragment
	exit
fi
fragment >"$man.contract" || exit 1
awk -v f="$man.contract" '
	index($0, ".\\\" BEGIN CONTRACT") == 1 { print; while ((getline l < f) > 0) print l; skip = 1; next }
	index($0, ".\\\" END CONTRACT") == 1 { skip = 0 }
	!skip' "$man" >"$man.new" && mv "$man.new" "$man"
rm -f "$man.contract"

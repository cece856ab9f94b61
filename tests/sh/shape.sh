#!/bin/sh
# shape.sh — the output contract, checked with real parsers (build/shapecheck: jansson with
# duplicate keys rejected, strict libcsv): every command of `signlog schema`, with each --by it
# takes among a sample of values, in json, jsonl and csv (the primary table, and every table of
# -o DIR/), over {no filter, a filter, a filter that selects nothing, an empty input}: the tables,
# keys, columns and JSON types are those `signlog schema` gives for that command line, whatever
# the filters. Then one JSON type per column name across every schema seen.
# Nothing here names a command: a new one in src/commands.def is checked as it is.
LC_ALL=C
export LC_ALL
bin=./signlog
chk=build/shapecheck
me='shape'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
[ -x "$chk" ] || { echo "$me: $chk not built (make check builds it)"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0
DEMO=testdata/demo
EMPTY=testdata/bad/empty.json
UPN=emily.braun@contoso.com          # a user of the demo, for commands that take one
BYS='day user ip app resource error-code asn'
n=0

"$bin" -f json schema >"$tmp/all.json" || { echo "$me: signlog schema failed"; exit 1; }
cmds=$(jq -r '[.schema[].command] | unique | .[]' "$tmp/all.json")
[ -n "$cmds" ] || { echo "$me: signlog schema lists no command"; exit 1; }

# run LABEL SCHEMA FORMAT ARGS...: signlog ARGS in FORMAT, checked against SCHEMA
run() {
	label=$1 schema=$2 fmt=$3
	shift 3
	n=$((n + 1))
	if ! "$bin" -q -f "$fmt" "$@" >"$tmp/out" 2>"$tmp/err"; then
		echo "$me: $label: signlog -f $fmt $*: exit status not 0"
		head -n 3 "$tmp/err"
		bad=1
		return
	fi
	if ! "$chk" "$schema" "$fmt" "$tmp/out" 2>"$tmp/chk"; then
		echo "$me: $label: signlog -f $fmt $*:"
		head -n 5 "$tmp/chk"
		bad=1
	fi
}

# every table of -o DIR/ (csv); $names lists the schema's tables
run_dir() {
	label=$1 schema=$2
	shift 2
	rm -rf "$tmp/dir"
	if ! "$bin" -q -f csv -o "$tmp/dir/" "$@" 2>"$tmp/err"; then
		echo "$me: $label: signlog -f csv -o DIR/ $*: exit status not 0"
		head -n 3 "$tmp/err"
		bad=1
		return
	fi
	for t in $names; do
		n=$((n + 1))
		if [ ! -f "$tmp/dir/$t.csv" ]; then
			echo "$me: $label: -o DIR/ wrote no $t.csv"
			bad=1
		elif ! "$chk" "$schema" csv "$tmp/dir/$t.csv" "$t" 2>"$tmp/chk"; then
			echo "$me: $label: -o DIR/ $t.csv:"
			head -n 5 "$tmp/chk"
			bad=1
		fi
	done
	extra=$(ls "$tmp/dir" | sed 's/\.csv$//' | grep -vxF "$names")
	[ -z "$extra" ] || { echo "$me: $label: -o DIR/ wrote tables not in the contract: $extra"; bad=1; }
}

k=0
for c in $cmds; do
	# does it read sign-ins (then: files, filters), and does it take an argument before them?
	help=$("$bin" help "$c")
	reads=0
	printf '%s\n' "$help" | head -n 1 | grep -q 'FILE\.\.\.' && reads=1
	arg=
	printf '%s\n' "$help" | head -n 1 | grep -q " $c UPN" && arg=$UPN
	variants='-'
	if printf '%s\n' "$help" | grep -q -- '--by FIELD'; then
		for by in $BYS; do
			"$bin" schema "$c" --by "$by" >/dev/null 2>&1 && variants="$variants $by"
		done
	fi
	for v in $variants; do
		set --
		[ "$v" != - ] && set -- --by "$v"
		k=$((k + 1))
		sch="$tmp/schema.$k.json"
		if ! "$bin" -f json schema "$c" "$@" >"$sch"; then
			echo "$me: signlog schema $c $*: failed"
			bad=1
			continue
		fi
		names=$(jq -r '[.schema[].table_name] | unique | .[]' "$sch")
		if [ "$reads" = 0 ]; then
			for fmt in json jsonl csv; do
				run "$c $*" "$sch" "$fmt" "$c" "$@"
			done
			run_dir "$c $*" "$sch" "$c" "$@"
			continue
		fi
		inputs="plain:$DEMO filter:$DEMO nothing:$DEMO empty:$EMPTY"
		# a breakdown: with the data and with nothing selected
		[ "$v" != - ] && inputs="plain:$DEMO nothing:$DEMO"
		for input in $inputs; do
			what=${input%%:*}
			f=${input#*:}
			case $what in
			plain) filt= ;;
			filter) filt='--status success,failure' ;;
			nothing) filt='--country XX' ;;
			empty) filt= ;;
			esac
			for fmt in json jsonl csv; do
				# shellcheck disable=SC2086
				run "$c $* ($what)" "$sch" "$fmt" "$c" $arg "$@" $filt "$f"
			done
			# every table as a file of its own: with the data, and with nothing selected
			# shellcheck disable=SC2086
			[ "$what" = plain ] || [ "$what" = nothing ] && run_dir "$c $* ($what)" "$sch" "$c" $arg "$@" $filt "$f"
		done
	done
done

# one name, one JSON type: across every schema above, and list with every field as a column
"$bin" -f json schema list --columns all >"$tmp/schema.list-all.json" || bad=1
if ! "$chk" --types "$tmp"/schema.*.json 2>"$tmp/chk"; then
	echo "$me: a column name with two JSON types:"
	head -n 10 "$tmp/chk"
	bad=1
fi
# no table may take a name of the JSON envelope, nor a column the JSON Lines "table" key
jq -s -e '[.[].schema[] | select(.table_name == ("signlog_output", "report", "filter", "notes")
    or .column == "table")] | length == 0' "$tmp"/schema.*.json >/dev/null ||
	{ echo "$me: a table or column takes a reserved name"; bad=1; }
[ "$n" -gt 400 ] || { echo "$me: only $n outputs checked"; bad=1; }
exit $bad

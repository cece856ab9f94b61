#!/bin/sh
# report-lookup.sh — `codes` and `fields` against their sources, read independently with awk
# and jq: src/aadsts-codes.tsv (official names), src/aadsts-explain.tsv (the project's
# explanations) and include/fields.def (the registry). Checks the explanation file's shape
# (header, three fields, >= 40 unique non-zero numeric codes, the codes responders meet most),
# that every explained code is shown with its texts and every named code with its name, that
# `codes` lists exactly the codes with a name or an explanation in ascending order, that
# --search finds exactly the rows an awk search of the two files finds, the status classes
# (built-in interrupt set, --interrupt-codes, 0), unknown and non-numeric arguments, and that
# `fields` has one row per X( line of the registry with its spellings.
LC_ALL=C
export LC_ALL
bin=./signlog
me='report-lookup'
NAMES=src/aadsts-codes.tsv
EXPL=src/aadsts-explain.tsv
DEF=include/fields.def
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0
fail() { echo "$me: $*"; bad=1; }
# compare expected ($1) with actual ($2), both files; $3 says what
same() {
	if ! cmp -s "$1" "$2"; then
		fail "$3 differs (expected, got):"
		diff -u "$1" "$2" | sed 1,2d | head -n 20
	fi
}
UNKNOWN="unknown code: not in Microsoft's error code table nor explained by signlog"

# --- the explanation file itself ------------------------------------------------------------
[ "$(head -n 1 "$EXPL")" = "$(printf 'code\texplanation\tremediation')" ] ||
	fail "$EXPL: the header is not code<TAB>explanation<TAB>remediation"
awk -F'\t' -v f="$EXPL" 'NR > 1 {
	if (NF != 3) printf "%s:%d: %d fields, not 3\n", f, NR, NF
	else if ($1 !~ /^[1-9][0-9]*$/) printf "%s:%d: code %s is not a non-zero number\n", f, NR, $1
	else if ($2 == "" || $3 == "") printf "%s:%d: empty explanation or remediation\n", f, NR
	if (seen[$1]++) printf "%s:%d: code %s twice\n", f, NR, $1
}' "$EXPL" >"$tmp/shape"
[ -s "$tmp/shape" ] && { fail "$EXPL is malformed:"; head -n 10 "$tmp/shape"; }
n=$(awk 'NR > 1' "$EXPL" | wc -l)
[ "$n" -ge 40 ] || fail "$EXPL explains $n codes, fewer than 40"
# the codes responders meet most (81014 is left out: no public text describes it)
for c in 50126 50053 50055 50057 50058 50072 50074 50076 50079 50097 50105 50125 50140 50158 \
	50173 50199 53000 53001 53003 530032 530035 65001 70043 70044 700016 7000215 90094 50034 \
	50020 16000 16001 16003 81010 81012 500121 50089 50133 50144 51006 53004 90072; do
	awk -F'\t' -v c="$c" 'NR > 1 && $1 == c { found = 1 } END { exit !found }' "$EXPL" ||
		fail "$EXPL does not explain $c"
done

# --- the expected table, from the two files ---------------------------------------------------
# one JSON object per code in either file: {code, name ("" if none), explanation, remediation}
awk -F'\t' 'FNR == 1 { file++; next }
	$1 ~ /^[0-9]+$/ { if (file == 1) name[$1] = $2; else { ex[$1] = $2; re[$1] = $3 }; all[$1] = 1 }
	END { for (c in all) printf "%s\t%s\t%s\t%s\n", c, name[c], ex[c], re[c] }' "$NAMES" "$EXPL" |
	sort -n | jq -R -s 'split("\n") | map(select(length > 0) | split("\t")
		| {code: (.[0] | tonumber), name: .[1], explanation: .[2], remediation: .[3]})' >"$tmp/model.json" ||
	{ echo "$me: cannot build the model"; exit 1; }

# `codes` alone: every code with a name or an explanation, ascending, with both texts
if "$bin" -f json codes >"$tmp/all.json" 2>"$tmp/err"; then
	jq -c '.[] | select(.name != "" or .explanation != "")
		| [.code, .name, (if .explanation == "" then null else .explanation end),
		   (if .remediation == "" then null else .remediation end)]' "$tmp/model.json" >"$tmp/want"
	jq -c '.codes[] | [.error_code, .name, (if .remediation == null then null else .explanation end), .remediation]' \
		"$tmp/all.json" >"$tmp/got"
	same "$tmp/want" "$tmp/got" "codes (every code: code, name, explanation, remediation)"
else
	fail "codes: exit status not 0"; head -n 5 "$tmp/err"
fi

# every code of both files asked for by number: names as in the .tsv, texts as in the .tsv
set -- $(jq -r '.[].code' "$tmp/model.json")
if "$bin" -f json codes "$@" >"$tmp/each.json" 2>"$tmp/err"; then
	jq -c '.[] | [.code, .name, .explanation, .remediation]' "$tmp/model.json" >"$tmp/want"
	jq -c '.codes[] | [.error_code, .name, (if .remediation == null then "" else .explanation end), (.remediation // "")]' \
		"$tmp/each.json" >"$tmp/got"
	same "$tmp/want" "$tmp/got" "codes CODE... (each code of both files)"
else
	fail "codes CODE...: exit status not 0"; head -n 5 "$tmp/err"
fi

# unknown and non-numeric arguments still exit 0; AADSTS prefix accepted
unknown=99999
while grep -q "^$unknown	" "$NAMES" "$EXPL"; do unknown=$((unknown + 1)); done
if "$bin" -f json codes "$unknown" AADSTS50126 aadsts53003 5O126 12345678901 0 >"$tmp/odd.json" 2>"$tmp/err"; then
	jq -e --argjson u "$unknown" --arg msg "$UNKNOWN" '
		[.codes[] | [.error_code, .name, .status, .explanation]] as $r
		| $r[0] == [$u, "", "failure", $msg]
		and ($r[1][0:3] == [50126, "InvalidUserNameOrPassword", "failure"])
		and ($r[2][0:3] == [53003, "BlockedByConditionalAccess", "failure"])
		and $r[3] == [null, "", null, "not an error code: 5O126"]
		and $r[4] == [null, "", null, "not an error code: 12345678901"]
		and ($r[5][0:3] == [0, "", "success"])
		and (.codes | length) == 6' "$tmp/odd.json" >/dev/null ||
		{ fail "codes with unknown and non-numeric arguments:"; jq -c '.codes[]' "$tmp/odd.json" | head -n 8; }
else
	fail "codes with unknown and non-numeric arguments: exit status not 0"; head -n 5 "$tmp/err"
fi

# status classes: the built-in interrupt set, and --interrupt-codes replacing it
"$bin" -f json codes 50126 50140 16000 53003 >"$tmp/st1.json" 2>/dev/null &&
"$bin" -f json --interrupt-codes 50126 codes 50126 50140 16000 53003 >"$tmp/st2.json" 2>/dev/null ||
	fail "codes with --interrupt-codes: exit status not 0"
[ "$(jq -c '[.codes[].status]' "$tmp/st1.json")" = '["failure","interrupted","interrupted","failure"]' ] ||
	fail "default status classes: $(jq -c '[.codes[].status]' "$tmp/st1.json")"
[ "$(jq -c '[.codes[].status]' "$tmp/st2.json")" = '["interrupted","failure","failure","failure"]' ] ||
	fail "--interrupt-codes 50126 status classes: $(jq -c '[.codes[].status]' "$tmp/st2.json")"

# --search finds exactly what an awk search of the names and texts (not the code) finds
for word in password kerberos 'Conditional Access' DEVICE consent interrupt zzzq '' 'tenant admin'; do
	awk -F'\t' -v w="$word" 'BEGIN { w = tolower(w) }
		FNR == 1 { file++; next }
		$1 ~ /^[0-9]+$/ { t = (file == 1) ? $2 : $2 "\t" $3
			if ((file == 1 && $2 != "" || file == 2) && index(tolower(t), w)) print $1 }' \
		"$NAMES" "$EXPL" | sort -n -u >"$tmp/want"
	if "$bin" -f json codes --search "$word" >"$tmp/s.json" 2>"$tmp/err"; then
		jq -r '.codes[].error_code' "$tmp/s.json" >"$tmp/got"
		same "$tmp/want" "$tmp/got" "codes --search '$word'"
		if [ ! -s "$tmp/want" ]; then
			jq -e '.notes.codes | startswith("no code matches")' "$tmp/s.json" >/dev/null ||
				fail "codes --search '$word': no note for an empty result"
		fi
	else
		fail "codes --search '$word': exit status not 0"; head -n 5 "$tmp/err"
	fi
done
# with arguments, --search keeps the arguments that match, in the order given
"$bin" -f json codes --search PASSWORD 50140 50126 foo 50055 >"$tmp/s.json" 2>/dev/null &&
	[ "$(jq -c '[.codes[].error_code]' "$tmp/s.json")" = '[50126,50055]' ] ||
	fail "codes --search PASSWORD 50140 50126 foo 50055: $(jq -c '[.codes[].error_code]' "$tmp/s.json" 2>/dev/null)"

# --- fields against include/fields.def --------------------------------------------------------
# the X( lines: ID, "name", TYPE, LIST, then four quoted strings (json, csv, la, desc)
awk '/^X\(/ {
	line = $0; n = 0
	while (match(line, /"[^"]*"/)) { q[++n] = substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, RSTART + RLENGTH) }
	split($0, u, ","); type = u[3]; list = u[4]; gsub(/ /, "", type); gsub(/ /, "", list)
	printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", q[1], type, list, q[5], q[2], q[3], q[4]
}' "$DEF" >"$tmp/def.tsv"
nx=$(grep -c '^X(' "$DEF")
if "$bin" -f json fields >"$tmp/fields.json" 2>"$tmp/err"; then
	[ "$(jq '.fields | length' "$tmp/fields.json")" = "$nx" ] ||
		fail "fields: $(jq '.fields | length' "$tmp/fields.json") rows, $DEF has $nx X( lines"
	# spellings as people read them: '|' -> ", ", "~x" -> "x (fallback)"; list fields under their
	# list's JSON paths ("authenticationDetails[].x"); "" -> null
	jq -R -s --arg lists "$(sed -n 's/^[[:space:]]*\[SL_LIST_\([A-Z]*\)\][^"]*"[^"]*", *"\([^"]*\)".*/\1\t\2/p' src/field.c)" '
		def items: if . == "" then [] else split("|") | map(if startswith("~") then {p: .[1:], fb: true} else {p: ., fb: false} end) end;
		def show: map(.p + (if .fb then " (fallback)" else "" end)) | if length == 0 then null else join(", ") end;
		($lists | split("\n") | map(split("\t") | {(.[0]): .[1]}) | add) as $L
		| {STR: "text", TIME: "time", INT: "integer", FLOAT: "number", BOOL: "true or false",
		   ENUM: "derived", GUID: "identifier"} as $T
		| {NONE: null, AUTH: "auth step", CAP: "CA policy", RISK: "risk event", SLP: "session policy"} as $R
		| split("\n") | map(select(length > 0) | split("\t")
		| {field: .[0], type: $T[.[1]], repeating: $R[.[2]], description: .[3],
		   json: (if .[2] == "NONE" then (.[4] | items | show)
		          else [($L[.[2]] | items)[] as $l | (.[4] | items | if length == 0 then [{p: "", fb: false}] else . end)[]
		                | {p: ($l.p + "[]" + (if .p == "" then "" else "." + .p end)), fb: ($l.fb or .fb)}] | show end),
		   portal_csv: (.[5] | items | show), log_analytics: (.[6] | items | show)})' \
		"$tmp/def.tsv" >"$tmp/want.json"
	jq -c '.[]' "$tmp/want.json" >"$tmp/want"
	jq -c '.fields[]' "$tmp/fields.json" >"$tmp/got"
	same "$tmp/want" "$tmp/got" "fields (against $DEF)"
else
	fail "fields: exit status not 0"; head -n 5 "$tmp/err"
fi
"$bin" fields user >/dev/null 2>&1; st=$?
[ "$st" -eq 2 ] || fail "fields with an argument: exit status $st, not 2"

exit $bad

#!/bin/sh
# csv-dialect.sh — the CSV reader (notes: csv-spec.md) on every dialect, header generation,
# localisation and PowerShell flattening of testdata/csv: counts equal figures worked out
# independently (jq over testdata/shapes/portal-array.json, or by hand from the fixture, as the
# comments say), exit statuses are the documented ones, and the messages name what they must
# (the line and record of a bad row, --date-order, the unmapped titles, the .NET-type columns).
# The fixtures are written by testdata/csv/make-fixtures.sh; testdata/csv/README.md lists them.
LC_ALL=C
export LC_ALL
bin=./signlog
me='csv-dialect'
SRC=testdata/shapes/portal-array.json
X=testdata/csv/dialect
PS=testdata/csv/ps
I=InteractiveSignIns_2026-03-01_2026-03-21.csv
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
[ -d "$X" ] && [ -d "$PS" ] || { echo "$me: testdata/csv is missing (sh testdata/csv/make-fixtures.sh)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# sl NAME STATUS ARGS...: run signlog ARGS (stdout, stderr in $tmp/NAME.out, .err); the exit
# status must be STATUS
sl() {
	name=$1 want=$2
	shift 2
	"$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
	if [ "$st" != "$want" ]; then
		echo "$me: $name: signlog $*: exit status $st, expected $want"
		head -n 5 "$tmp/$name.err"
		bad=1
	fi
}
# check NAME JQ-EXPRESSION WHAT: the JSON output of NAME satisfies the expression
check() {
	if ! jq -e "$2" "$tmp/$1.out" >/dev/null 2>&1; then
		echo "$me: $1: expected $3; got:"
		jq -c 'if .report == "summary" then {read, records, duplicates, rejected, first, last, users,
		    countries, status, event_types} else . end' "$tmp/$1.out" 2>/dev/null | head -c 600 ||
			head -c 300 "$tmp/$1.out"
		echo
		bad=1
	fi
}
# counts NAME READ RECORDS REJECTED
counts() { check "$1" ".read == $2 and .records == $3 and .rejected == $4" "read $2, records $3, rejected $4"; }
# errhas NAME STRING WHY: standard error holds STRING (fixed string)
errhas() {
	if ! grep -F -e "$2" "$tmp/$1.err" >/dev/null; then
		echo "$me: $1: stderr does not hold \"$2\" ($3); it is:"
		head -n 5 "$tmp/$1.err"
		bad=1
	fi
}
# errnone NAME: nothing on standard error
errnone() {
	if [ -s "$tmp/$1.err" ]; then
		echo "$me: $1: unexpected output on stderr:"
		head -n 5 "$tmp/$1.err"
		bad=1
	fi
}
# sameas NAME REF: the two summaries are equal once the per-file table (and a per-file note
# under "notes"."files") is removed
NOFILES='del(.files) | if (.notes | type) == "object" then del(.notes.files)
    | if .notes == {} then del(.notes) else . end else . end'
sameas() {
	jq -S "$NOFILES" "$tmp/$1.out" >"$tmp/a" 2>/dev/null
	jq -S "$NOFILES" "$tmp/$2.out" >"$tmp/b" 2>/dev/null
	if ! cmp -s "$tmp/b" "$tmp/a"; then
		echo "$me: $1: summary differs from that of $2:"
		diff -u "$tmp/b" "$tmp/a" | sed 1,2d | head -n 20
		bad=1
	fi
}
# src JQ: a figure computed by jq over the 12 sign-ins of the JSON source
src() { jq "$1" "$SRC"; }
ET='((.signInEventTypes // [])[0] // (if .isInteractive then "interactiveUser" else "nonInteractiveUser" end))'

# ---- references: the same sign-ins in JSON, read by the JSON reader ---------------------------------
# sign-ins 1-8 (interactive; #3 only through isInteractive) and 9-10 (non-interactive)
jq -c ".[] | select($ET == \"interactiveUser\")" "$SRC" >"$tmp/inter.jsonl"
jq -c ".[] | select($ET == \"nonInteractiveUser\")" "$SRC" >"$tmp/nonint.jsonl"
sl ref-inter 0 summary -f json "$tmp/inter.jsonl"
sl ref-nonint 0 summary -f json "$tmp/nonint.jsonl"
sl ref-tree 0 summary -f json testdata/tree        # sign-ins 1-10 (testdata/README.md)
N_INTER=$(src "[.[] | select($ET == \"interactiveUser\")] | length")          # 8
S_INTER=$(src "[.[] | select($ET == \"interactiveUser\" and .status.errorCode == 0)] | length")  # 3
N_NONINT=$(src "[.[] | select($ET == \"nonInteractiveUser\")] | length")      # 2
[ "$N_INTER" = 8 ] && [ "$S_INTER" = 3 ] && [ "$N_NONINT" = 2 ] ||
	{ echo "$me: $SRC changed ($N_INTER/$S_INTER/$N_NONINT); regenerate testdata/csv"; exit 1; }

# ---- dialects and header generations of the interactive file: sign-ins 1-8 ---------------------------
# semicolon (European re-save, quotes only where needed), LF without BOM, the 49/54/55-column
# headers, unknown extra columns: each is the 8 interactive sign-ins, so records 8, success 3,
# failure 3 (#3 #5 #6), interrupted 2 (#7 #8), and the whole summary is that of the JSON.
for d in semicolon lf-nobom gen49 gen54 gen55 extra-columns; do
	sl "$d" 0 summary -f json "$X/$d/$I"
	errnone "$d"
	counts "$d" "$N_INTER" "$N_INTER" 0
	check "$d" ".status == {\"success\": $S_INTER, \"failure\": 3, \"interrupted\": 2, \"unknown\": 0}
	    and .event_types.interactive == $N_INTER and .users == 4" \
		"success $S_INTER, failure 3, interrupted 2, interactive $N_INTER, users 4"
	sameas "$d" ref-inter
done
# the header of gen49/54/55 has exactly 49/54/55 titles (guards the fixtures themselves)
for g in 49 54 55; do
	n=$(head -n 1 "$X/gen$g/$I" | awk -F'","' '{ print NF }')
	[ "$n" = "$g" ] || { echo "$me: $X/gen$g/$I: header has $n titles, not $g"; bad=1; }
done
# "Incoming token type" appears twice; extra-columns leaves the first empty on rows 1,3,5,7 and
# the second empty on rows 2,4,6,8, the other holding "None": the first non-empty wins -> none x 8
sl extra-itt 0 list --columns request-id,incoming-token-type -f json "$X/extra-columns/$I"
check extra-itt "(.sign_ins | length) == 8 and all(.sign_ins[]; .incoming_token_type == \"none\")" \
	"incoming_token_type \"none\" on all 8 rows"

# TAB-separated, LF, no BOM: the non-interactive sign-ins 9 and 10, both successes
sl tab 0 summary -f json "$X/tab/NonInteractiveSignIns_2026-03-01_2026-03-21.csv"
errnone tab
counts tab "$N_NONINT" "$N_NONINT" 0
check tab ".event_types.noninteractive == 2 and .status.success == 2 and .legacy_sign_ins == 1" \
	"noninteractive 2, success 2, legacy 1 (#9 Exchange ActiveSync)"
sameas tab ref-nonint

# ---- embedded newlines, commas and "" (hand-written, 3 rows; values below are the fixture's) -----------
sl embedded 0 summary -f json "$X/embedded/$I"
errnone embedded
counts embedded 3 3 0
check embedded '.status == {"success": 2, "failure": 1, "interrupted": 0, "unknown": 0} and .users == 3
    and .countries == 1' "success 2, failure 1, users 3, countries 1 (DE)"
sl embedded-list 0 list --columns request-id,user-name,user-agent,failure-reason,city,country -f json "$X/embedded/$I"
jq -S '.sign_ins | sort_by(.request_id)' "$tmp/embedded-list.out" >"$tmp/got" 2>/dev/null
jq -S -n '[
  {request_id: "eeee0001-0000-4000-8000-000000000001", user_name: "Smith, Alice \"Ali\"",
   user_agent: "Mozilla/5.0 (X11; Linux x86_64) \"Quoted/1.0\", with comma",
   failure_reason: "Other.", city: "Köln", country: "DE"},
  {request_id: "eeee0002-0000-4000-8000-000000000002", user_name: "O'"'"'Brien, Pat",
   user_agent: "curl/8.5.0\r\nX-Injected: yes",
   failure_reason: "Error validating credentials, line one.\r\nLine two with \"quotes\", and a comma.",
   city: "Berlin", country: "DE"},
  {request_id: "eeee0003-0000-4000-8000-000000000003", user_name: "Zoë \"Z\" Müller",
   user_agent: "Plain/1.0", failure_reason: "Other.", city: "Hamburg", country: "DE"}]' >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/got"; then
	echo "$me: embedded: cell values differ:"
	diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 30
	bad=1
fi

# ---- a row with the wrong number of cells -------------------------------------------------------------
# By hand from the fixture: line 1 header; records 1-7 = sign-ins 2,3,4,5,6,7,8; record 2 (#3)
# spans lines 3-4 (newline in its failure reason); record 3 (#4) on line 5 has 56 cells, record 6
# (#7) on line 8 has 58. Loaded: #2 #3 #5 #6 #8 -> read 7, records 5, rejected 2; success 1 (#2),
# failure 3 (#3 #5 50126, #6 53003), interrupted 1 (#8 50140). Exit status 0 (rows, not the file).
F=$X/badrow/$I
sl badrow 0 summary -f json "$F"
counts badrow 7 5 2
check badrow '.status == {"success": 1, "failure": 3, "interrupted": 1, "unknown": 0}' "success 1, failure 3, interrupted 1"
errhas badrow "signlog: $F:5: error: record 3: " "too few cells: line 5, record 3"
errhas badrow "signlog: $F:8: error: record 6: " "too many cells: line 8, record 6"
sl badrow-strict 3 summary -f json --strict "$F"        # --strict: exit 3 at the first bad row
errhas badrow-strict "$F:5: error: record 3: " "--strict stops at line 5"
sl badrow-quiet 0 summary -f json -q "$F"               # -q: no per-record lines, same counts
counts badrow-quiet 7 5 2
if grep -F -e ': error: record' "$tmp/badrow-quiet.err" >/dev/null; then
	echo "$me: badrow-quiet: -q still prints per-record lines"
	bad=1
fi

# ---- localised headers (formats.md 1.8) -------------------------------------------------------------
# French, by hand: 3 rows; "Opération réussie" with a blank code = success (rows 1 and 3), row 2
# code 50126 = failure; users alice, bob, carol; country FR; 2026-03-02T08:00:00Z..03T10:30:00Z.
sl french 0 summary -f json "$X/french/$I"
counts french 3 3 0
check french '.status == {"success": 2, "failure": 1, "interrupted": 0, "unknown": 0} and .users == 3
    and .countries == 1 and .first == "2026-03-02T08:00:00Z" and .last == "2026-03-03T10:30:00Z"' \
	"success 2, failure 1, users 3, countries 1, first 03-02T08:00:00Z, last 03-03T10:30:00Z"
# Spanish, by hand: 3 rows, all Estado "Correcto" (success; no error-code column), users 3,
# country ES, 2026-03-02T08:00:00Z..2026-03-04T10:00:00Z.
sl spanish 0 summary -f json "$X/spanish/$I"
counts spanish 3 3 0
check spanish '.status.success == 3 and .users == 3 and .countries == 1
    and .first == "2026-03-02T08:00:00Z" and .last == "2026-03-04T10:00:00Z"' \
	"success 3, users 3, countries 1, first 03-02T08:00:00Z, last 03-04T10:00:00Z"

# ---- file errors ---------------------------------------------------------------------------------------
# titles Timestamp, Account, Application, IP address, Result: no time, no identity, no status or
# code -> file error naming the file and the three unmapped titles; nothing read; exit 1
F=$X/missing-required/$I
sl missing 1 summary -f json "$F"
counts missing 0 0 0
errhas missing "signlog: $F: error: " "a file error"
for t in Timestamp Account Result; do
	grep -F -e "signlog: $F: error: " "$tmp/missing.err" | grep -F -e "$t" >/dev/null ||
		{ echo "$me: missing: the file error does not name the unmapped title \"$t\""; bad=1; }
done
# an AuthDetails file alone in its directory: nothing to join to -> file error, exit 1; its 11
# rows are steps, not sign-ins, so read 0
F=$X/authdetails-alone/InteractiveSignIns_AuthDetails_2026-03-01_2026-03-21.csv
sl authalone 1 summary -f json "$F"
counts authalone 0 0 0
errhas authalone "signlog: $F: error: " "a file error naming the AuthDetails file"

# a user CSV named neither InteractiveSignIns_* nor NonInteractiveSignIns_*: sign-ins 8 and 7 with
# event type unknown, and a warning naming the file; exit 0
F=$X/unnamed/signins.csv
sl unnamed 0 summary -f json "$F"
counts unnamed 2 2 0
check unnamed '.event_types.unknown == 2 and .status.interrupted == 2' "unknown 2, interrupted 2 (#7 #8)"
grep -F -e "$F" "$tmp/unnamed.err" | grep -i -e warning >/dev/null ||
	{ echo "$me: unnamed: no warning naming $F"; head -n 5 "$tmp/unnamed.err"; bad=1; }

# ---- PowerShell flattenings -------------------------------------------------------------------------
# (a) dotted PascalCase titles, "#TYPE" line, en-US dates: sign-ins 1-10; figures of testdata/tree
# (testdata/README.md: read 10, first 03-01T08:15:30Z, last 03-17T11:11:11Z, users 4, apps 3,
# ips 6, countries 3, legacy 2, 5/3/2, interactive 8 / noninteractive 2, mfa 5/5/3 = 60.00);
# 3/13, 3/15, 3/17 make the file month-first. No .NET type names -> no warning.
sl ps-a 0 summary -f json "$PS/EntraIDSignInLogsGraphBeta.csv"
errnone ps-a
counts ps-a 10 10 0
check ps-a '.first == "2026-03-01T08:15:30Z" and .last == "2026-03-17T11:11:11Z" and .users == 4
    and .apps == 3 and .ips == 6 and .countries == 3 and .legacy_sign_ins == 2
    and .status == {"success": 5, "failure": 3, "interrupted": 2, "unknown": 0}
    and .event_types.interactive == 8 and .event_types.noninteractive == 2
    and .mfa.successful_sign_ins == 5 and .mfa.with_requirement == 5 and .mfa.mfa_sign_ins == 3' \
	"the figures of testdata/tree"
sameas ps-a ref-tree

# (b) day-first (en-AU) with AM/PM, by hand: 3/11/2025 9:15:00 AM = 2025-11-03T09:15:00Z (first),
# 15/11 and 28/11 (day > 12) fix the order, 28/11/2025 1:05:07 PM = 13:05:07,
# 1/12/2025 12:30:00 AM = 2025-12-01T00:30:00Z (last); success 3, failure 1 (50126)
F=$PS/signins-en-AU.csv
sl ps-b 0 summary -f json "$F"
counts ps-b 4 4 0
check ps-b '.first == "2025-11-03T09:15:00Z" and .last == "2025-12-01T00:30:00Z"
    and .status.success == 3 and .status.failure == 1' "first 2025-11-03T09:15:00Z, last 2025-12-01T00:30:00Z, 3/1"
sl ps-b-dmy 0 summary -f json --date-order dmy "$F"      # forcing the inferred order changes nothing
sameas ps-b-dmy ps-b
# forced month-first: 15/11 (line 3, record 2) and 28/11 (line 4, record 3) do not fit and are
# rejected; 3/11 = March 11, 1/12 = January 12 -> first 2025-01-12T00:30:00Z, last 2025-03-11T09:15:00Z
sl ps-b-mdy 0 summary -f json --date-order mdy "$F"
counts ps-b-mdy 4 2 2
check ps-b-mdy '.first == "2025-01-12T00:30:00Z" and .last == "2025-03-11T09:15:00Z"' \
	"first 2025-01-12T00:30:00Z, last 2025-03-11T09:15:00Z"
errhas ps-b-mdy "$F:3: error: record 2: " "15/11 does not fit mdy"
errhas ps-b-mdy "$F:4: error: record 3: " "28/11 does not fit mdy"

# (c) ambiguous: 3/11, 5/11, 11/11/2025 -> file error naming --date-order; nothing loaded; exit 1
F=$PS/signins-ambiguous.csv
sl ps-c 1 summary -f json "$F"
check ps-c '.records == 0' "records 0"
errhas ps-c "signlog: $F: error: " "a file error"
errhas ps-c "--date-order" "the message names the option"
# ... and with the order given: dmy 2025-11-03T09:15:00Z .. 2025-11-11T16:20:00Z;
# mdy 3/11 = 2025-03-11T09:15:00Z .. 11/11 = 2025-11-11T16:20:00Z; success 2, failure 1
sl ps-c-dmy 0 summary -f json --date-order dmy "$F"
counts ps-c-dmy 3 3 0
check ps-c-dmy '.first == "2025-11-03T09:15:00Z" and .last == "2025-11-11T16:20:00Z"
    and .status.success == 2 and .status.failure == 1' "first 2025-11-03T09:15:00Z, last 2025-11-11T16:20:00Z"
sl ps-c-mdy 0 summary -f json --date-order mdy "$F"
counts ps-c-mdy 3 3 0
check ps-c-mdy '.first == "2025-03-11T09:15:00Z" and .last == "2025-11-11T16:20:00Z"' \
	"first 2025-03-11T09:15:00Z, last 2025-11-11T16:20:00Z"

# (c') 13/3/2026 (day first) and 3/14/2026 (month first) in one file: file error, exit 1
F=$PS/signins-mixed-order.csv
sl ps-mixed 1 summary -f json "$F"
check ps-mixed '.records == 0' "records 0"
errhas ps-mixed "signlog: $F: error: " "a file error"

# (d) Hawk: Status, Location, DeviceDetail (and AppliedConditionalAccessPolicies,
# AdditionalProperties) hold .NET type names -> treated as empty, one warning naming those
# columns; no row has an error code left, so all 3 are rejected with a reason; a file in which no
# record is a sign-in is a file error (signlog(1) DIAGNOSTICS) -> exit 1
F=$PS/Entra_Sign_In_Log_alice.smith@contoso.com.csv
sl hawk 1 summary -f json "$F"
counts hawk 3 0 3
w=$(grep -i -e warning "$tmp/hawk.err" | grep -F -e "$F")
n=$(printf '%s\n' "$w" | grep -c -F -e 'DeviceDetail')
if [ "$n" != 1 ]; then
	echo "$me: hawk: want one warning line naming the .NET-type columns, got $n:"
	head -n 8 "$tmp/hawk.err"
	bad=1
else
	for c in Status Location DeviceDetail; do
		printf '%s\n' "$w" | grep -F -e "$c" >/dev/null ||
			{ echo "$me: hawk: the warning does not name the column $c: $w"; bad=1; }
	done
fi
for r in 1 2 3; do
	l=$((r + 1))
	grep -F -e "$F:$l: error: record $r: " "$tmp/hawk.err" | grep -i -e 'error.\{0,1\}code' >/dev/null ||
		{ echo "$me: hawk: record $r (line $l) not rejected for its missing error code"; bad=1; }
done

exit $bad

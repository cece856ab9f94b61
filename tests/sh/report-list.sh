#!/bin/sh
# report-list.sh — `list` rows, columns, order and limits equal the same computed by jq
# straight from the fixture's JSON: every sign-in once, the default columns, each --columns
# value of every row (repeating fields as arrays in JSON and ';'-joined in CSV), --sort
# ascending and descending with ties in load order and missing values last, --limit, jsonl
# (one valid JSON record per row, the same records as JSON), and unknown fields refused.
#
# testdata/reports/list-signins.jsonl (12 sign-ins): times tied in pairs (02T09:30, 03T12:00,
# 04T07:15, 05T10:00) and one read out of order; sign-ins without authentication steps, without
# CA policies (absent and empty), without IP, city, country, CA status or latency; a service
# principal (no user); non-ASCII users and cities (çé, Zürich, São Paulo, 東京); an app name
# that looks like a spreadsheet formula; a CA policy name with a comma and one with "; ".
LC_ALL=C
export LC_ALL
bin=./signlog
me='report-list'
F=testdata/reports/list-signins.jsonl
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
[ -f "$F" ] || { echo "$me: $F is missing"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# same NAME: compare $tmp/NAME.want with $tmp/NAME.got
same() {
	if ! cmp -s "$tmp/$1.want" "$tmp/$1.got"; then
		echo "$me: $1 differs (want, got):"
		diff -u "$tmp/$1.want" "$tmp/$1.got" | head -n 30
		bad=1
	fi
}

# the model: one object per sign-in with the fields the checks use
jq -c '{request_id: .id, time: .createdDateTime, user: (.userPrincipalName // null),
        app: (.appDisplayName // null), ip: (.ipAddress // null),
        city: (.location.city // null), country: (.location.countryOrRegion // null),
        latency: (.processingTimeInMilliseconds // null),
        auth_method: [.authenticationDetails[]?.authenticationMethod],
        ca_policy: [.appliedConditionalAccessPolicies[]?.displayName],
        risk_event: (.riskEventTypes_v2 // [])}' "$F" | jq -s . > "$tmp/model.json"

# row count and the default columns
"$bin" -f json list "$F" > "$tmp/default.json" || { echo "$me: list failed"; exit 1; }
jq 'length' "$tmp/model.json" > "$tmp/count.want"
jq '.sign_ins | length' "$tmp/default.json" > "$tmp/count.got"
same count
echo '["time","request_id","user","app","status","error_code","failure_reason","ip","city","country","ca_status"]' > "$tmp/cols.want"
jq -c '[.sign_ins[] | keys_unsorted] | unique | .[]' "$tmp/default.json" > "$tmp/cols.got"
same cols
jq -c '[.[] | [.request_id, .time, .user, .app, .ip, .city, .country]]' "$tmp/model.json" > "$tmp/defvals.want"
jq -c '[.sign_ins[] | [.request_id, .time, .user, .app, .ip, .city, .country]]' "$tmp/default.json" > "$tmp/defvals.got"
same defvals

# --columns: every value of every row, in the order asked
cols='latency,ca-policy,request-id,user,app,ip,city,country,auth-method,risk-event'
"$bin" -f json list --columns "$cols" "$F" > "$tmp/cols.json"
jq -c '.[] | [.latency, .ca_policy, .request_id, .user, .app, .ip, .city, .country, .auth_method, .risk_event]' "$tmp/model.json" > "$tmp/colvals.want"
jq -c '.sign_ins[] | [.[]]' "$tmp/cols.json" > "$tmp/colvals.got"
same colvals
jq -c '.sign_ins[0] | keys_unsorted' "$tmp/cols.json" > "$tmp/colnames.got"
echo '["latency","ca_policy","request_id","user","app","ip","city","country","auth_method","risk_event"]' > "$tmp/colnames.want"
same colnames

# --sort: jq's sort_by is stable, so ties keep load order as signlog must; missing values last
sortcheck() {  # NAME SORTARG JQ-KEY-EXPRESSION
	"$bin" -f json list --columns request-id --sort "$2" "$F" | jq -r '.sign_ins[].request_id' > "$tmp/$1.got"
	jq -r "sort_by($3) | .[].request_id" "$tmp/model.json" > "$tmp/$1.want"
	same "$1"
}
sortcheck time-asc time '.time | fromdateiso8601'
sortcheck time-desc -time '.time | fromdateiso8601 | -.'
sortcheck lat-asc latency '(.latency == null), .latency'
sortcheck lat-desc -latency '(.latency == null), -(.latency // 0)'
sortcheck city-asc city '(.city == null), .city'
sortcheck city-desc -city '(.city == null), (.city // "" | explode | map(-.) + [0])'
sortcheck user-asc user '(.user == null), .user'
# the fixture must really have ties for these checks to mean anything
[ "$(jq '[group_by(.time)[] | select(length > 1)] | length' "$tmp/model.json")" -ge 3 ] ||
	{ echo "$me: fixture lost its tied times"; bad=1; }

# --limit: the first N of the order, and a note saying how many were cut
"$bin" -f json list --columns request-id --sort -time --limit 5 "$F" > "$tmp/limit.json"
jq -r 'sort_by(.time | fromdateiso8601 | -.) | .[:5][].request_id' "$tmp/model.json" > "$tmp/limit.want"
jq -r '.sign_ins[].request_id' "$tmp/limit.json" > "$tmp/limit.got"
same limit
jq -e '.notes.sign_ins | test("^7 more rows not shown")' "$tmp/limit.json" >/dev/null ||
	{ echo "$me: --limit note missing"; bad=1; }
"$bin" -f json list --limit 0 "$F" | jq -e '(.sign_ins | length) == 12 and (.notes == {})' >/dev/null ||
	{ echo "$me: --limit 0 does not show all"; bad=1; }
# --top is --limit
"$bin" -f json list --columns request-id --sort -time --top 5 "$F" | cmp -s - "$tmp/limit.json" ||
	{ echo "$me: --top 5 is not --limit 5"; bad=1; }
# --columns can be repeated, and all is every field (a field named twice is one column)
"$bin" -f json list --columns time --columns user,time "$F" | jq -e '.sign_ins[0] | keys_unsorted == ["time","user"]' >/dev/null ||
	{ echo "$me: --columns time --columns user,time"; bad=1; }
n=$("$bin" fields -f json | jq '.fields | length')
"$bin" -f json list --columns all "$F" | jq -e --argjson n "$n" '.sign_ins[0] | length == $n' >/dev/null ||
	{ echo "$me: --columns all does not show every field ($n)"; bad=1; }

# jsonl: one valid JSON object per row, the same records as the JSON output
"$bin" -f jsonl list --columns "$cols" "$F" > "$tmp/list.jsonl"
[ "$(wc -l < "$tmp/list.jsonl")" -eq "$(jq length "$tmp/model.json")" ] ||
	{ echo "$me: jsonl line count is not the row count"; bad=1; }
n=0
while IFS= read -r line; do
	n=$((n + 1))
	printf '%s\n' "$line" | jq -e 'type == "object"' >/dev/null 2>&1 ||
		{ echo "$me: jsonl line $n is not a JSON object"; bad=1; }
done < "$tmp/list.jsonl"
jq -c '.sign_ins[] | {table: "sign_ins"} + .' "$tmp/cols.json" > "$tmp/jsonl.want"
jq -c . "$tmp/list.jsonl" > "$tmp/jsonl.got"
same jsonl

# CSV: a repeating field is one cell, its values joined by ';'
"$bin" -f csv list --columns request-id,auth-method "$F" > "$tmp/csv.got"
{ echo 'request_id,auth_method'; jq -r '.[] | .request_id + "," + (.auth_method | join(";"))' "$tmp/model.json"; } > "$tmp/csv.want"
same csv

# filters apply: ann's sign-ins only
[ "$("$bin" -f json list --user ann@list.test "$F" | jq '.sign_ins | length')" = \
  "$(jq '[.[] | select(.user == "ann@list.test")] | length' "$tmp/model.json")" ] ||
	{ echo "$me: --user filter not applied"; bad=1; }

# unknown fields are usage errors (exit 2) naming the field
for args in '--columns user,nosuch' '--sort nosuch' '--sort -auth-method' '--columns ,user'; do
	# shellcheck disable=SC2086
	"$bin" list $args "$F" > /dev/null 2> "$tmp/err"
	st=$?
	[ "$st" -eq 2 ] || { echo "$me: list $args: exit $st, want 2"; bad=1; }
done
"$bin" list --columns user,nosuch "$F" 2>&1 >/dev/null | grep -q "unknown field 'nosuch' in --columns" ||
	{ echo "$me: unknown column message"; bad=1; }

exit $bad

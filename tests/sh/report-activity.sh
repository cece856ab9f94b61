#!/bin/sh
# report-activity.sh — the figures of `active`, `status` and `failures` equal the same figures
# computed by jq straight from the fixtures' JSON lines (periods labelled by the C library's
# strftime %G-W%V, not by signlog's own arithmetic; names from src/aadsts-codes.tsv).
LC_ALL=C
TZ=UTC
export LC_ALL TZ
bin=${SIGNLOG:-./signlog}
me='report-activity'
F=testdata/reports/activity-signins.jsonl
H=testdata/reports/activity-hours.jsonl
E=testdata/reports/activity-empty.jsonl
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# Definitions of signlog(1), written again in jq over the raw records.
lib='
def interrupts: [16000,16001,16003,50055,50058,50059,50072,50074,50125,50127,50129,50140,
	50143,50144,50168,50199,51006,52004,65001,81010,81012,81014,1000002];
# seconds since the epoch, UTC; fractions dropped, offsets applied
def secs: capture("^(?<d>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(\\.[0-9]+)?(?<z>Z|[+-][0-9]{2}:[0-9]{2})?$")
	| (.d + "Z" | fromdateiso8601) - (if (.z // "Z") == "Z" then 0
	  else (if .z[0:1] == "-" then -1 else 1 end) * ((.z[1:3] | tonumber) * 3600 + (.z[4:6] | tonumber) * 60) end);
def code: .status.errorCode;
def status: code as $c | if $c == null then "unknown" elif $c == 0 then "success" elif (interrupts | index([$c])) then "interrupted" else "failure" end;
# the user key: not for managed identities and service principals (no UPN, no user id)
def user: if ((.managedServiceIdentity.msiType // "none") | ascii_downcase) != "none" then null
	else ((.userPrincipalName // "") | if . == "" then null else . end) // ((.userId // "") | if . == "" then null else . end)
	| if . then ascii_downcase else null end end;
def nz: if . == "" then null else . end;
# period label and the label of every period from the first to the last sign-in
def plabel($by): if $by == "day" then strftime("%Y-%m-%d") elif $by == "week" then strftime("%G-W%V")
	elif $by == "month" then strftime("%Y-%m") else strftime("%Y-%m-%dT%H") end;
def span($by): (map(.t) | min) as $lo | (map(.t) | max) as $hi |
	if $by == "month" then
		[range(($lo | gmtime | .[0] * 12 + .[1]); ($hi | gmtime | .[0] * 12 + .[1]) + 1)
		 | "\(. / 12 | floor)-\(. % 12 + 1 | tostring | if length < 2 then "0" + . else . end)"]
	elif $by == "hour" then [range($lo - $lo % 3600; $hi + 1; 3600) | plabel("hour")]
	else (($lo / 86400 | floor) as $d | if $by == "week" then $d - (($d + 3) % 7) else $d end) as $start
		| [range($start * 86400; $hi + 1; if $by == "week" then 604800 else 86400 end) | plabel($by)]
	end;
def rows: map({t: (.createdDateTime | secs), u: user, user: user, s: status, c: code, r: (.status.failureReason // "" | nz),
	ip: (.ipAddress // "" | nz), app: (.appDisplayName // "" | nz), country: (.location.countryOrRegion // "" | nz),
	client: (.clientAppUsed // "" | nz)});
def pct($a; $b): if $b == 0 then 0 else $a * 100 / $b end;
def active($by; $any): rows as $r | ($r | span($by)) as $p
	| [$r[] | select(.u != null and ($any or .s == "success")) | {u, l: (.t | plabel($by))}] as $q
	| ($q | group_by(.u) | map(min_by(.l) | .l)) as $firsts
	| [$p[] as $l | {period: $l,
		active_users: ([$q[] | select(.l == $l) | .u] | unique | length),
		sign_ins: ([$r[] | select((.t | plabel($by)) == $l)] | length),
		new_users: ([$firsts[] | select(. == $l)] | length)}];
def tally: {success: map(select(.s == "success")) | length, failure: map(select(.s == "failure")) | length,
	interrupted: map(select(.s == "interrupted")) | length, unknown: map(select(.s == "unknown")) | length};
def crossrow($name; $key): tally as $n | ($n.success + $n.failure + $n.interrupted + $n.unknown) as $tot
	| {($name): $key} + $n + {total: $tot, failure_percent: (if $tot == 0 then null else pct($n.failure; $tot) end)};
def status_by_key($name; f): rows | map(. + {k: f}) | group_by(.k)
	| map(.[0].k as $k | crossrow($name; $k)) | sort_by([-.total, (.[$name] // "" | tostring)]);
def status_by_period($by): rows as $r | ($r | span($by))
	| map(. as $l | $r | map(select((.t | plabel($by)) == $l)) | crossrow("period"; $l));
def names: [$tsv | split("\n")[1:][] | select(length > 0) | split("\t") | {key: .[0], value: (.[1] // "")}] | from_entries;
# name: the official name or ""; reason: the failure reason logged most often with the code
def codename($c): names[$c | tostring] // "";
def reason($c; $rows): [$rows[] | select(.c == $c and .r != null) | .r] | group_by(.) | map({r: .[0], n: length})
	| sort_by([-.n, .r]) | .[0].r // "";
def failures: length as $total | rows as $r | [$r[] | select(.c != 0)] | group_by(.c)
	| map(.[0].c as $c | {error_code: $c, status: .[0].s, name: codename($c), sign_ins: length,
		users: ([.[].u | select(. != null)] | unique | length),
		ips: ([.[].ip | select(. != null)] | unique | length),
		percent: pct(length; $total), first: (map(.t) | min | todate), last: (map(.t) | max | todate),
		reason: reason($c; $r)})
	| sort_by([-.sign_ins, .error_code]);
def failures_by($k): rows as $r | [$r[] | select(.c != 0) | {k: .[$k], c, u}] | group_by([(.k // ""), .c])
	| map({($k): .[0].k, error_code: .[0].c, name: codename(.[0].c), sign_ins: length,
		users: ([.[].u | select(. != null)] | unique | length)})
	| sort_by([-.sign_ins, (.[$k] // ""), .error_code]);
# percentages to hundredths on both sides: signlog prints two decimals
def cents: walk(if type == "object" then with_entries(if (.key | test("percent")) and (.value | type) == "number"
	then .value |= (. * 100 | round) else . end) else . end);
'

# check LABEL JQ-EXPRESSION-FOR-EXPECTED JQ-PATH-IN-OUTPUT FIXTURE SIGNLOG-ARGS...
check() {
	label=$1 want=$2 path=$3 fix=$4
	shift 4
	if ! "$bin" -f json "$@" "$fix" >"$tmp/out" 2>"$tmp/err"; then
		echo "$me: $label: signlog $* exited non-zero"
		head -n 5 "$tmp/err"
		bad=1
		return
	fi
	jq -S --rawfile tsv src/aadsts-codes.tsv "$lib $path | cents" "$tmp/out" >"$tmp/got" 2>"$tmp/err" ||
		{ echo "$me: $label: output is not the expected JSON"; head -n 5 "$tmp/err"; bad=1; return; }
	jq -S -s --rawfile tsv src/aadsts-codes.tsv "$lib $want | cents" "$fix" >"$tmp/want" 2>"$tmp/err" ||
		{ echo "$me: $label: jq failed"; head -n 5 "$tmp/err"; bad=1; return; }
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		echo "$me: $label: signlog differs from jq (- jq, + signlog):"
		diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 40
		bad=1
	fi
}

for by in day week month; do
	check "active --by $by" "active(\"$by\"; false)" .periods "$F" active --by "$by"
	check "active --by $by --any-status" "active(\"$by\"; true)" .periods "$F" active --by "$by" --any-status
done
check "active (default week)" 'active("week"; false)' .periods "$F" active
check "active, hours fixture" 'active("week"; true)' .periods "$H" active --any-status
check "active, no input" '[]' .periods "$E" active

check "status" 'rows | tally' .status "$F" status
check "status, no input" '{success: 0, failure: 0, interrupted: 0, unknown: 0}' .status "$E" status
check "status --by client-app" 'status_by_key("client_app"; .client)' .by_client_app "$F" status --by client-app --top 0
check "status --by user" 'status_by_key("user"; .u)' .by_user "$F" status --by user --top 0
check "status --by country" 'status_by_key("country"; .country)' .by_country "$F" status --by country --top 0
check "status --by app" 'status_by_key("app"; .app)' .by_app "$F" status --by app --top 0
check "status --by app --top 2" 'status_by_key("app"; .app)[:2]' .by_app "$F" status --by app --top 2
# a number stays a number: error_code is an integer in every report
check "status --by error-code" 'status_by_key("error_code"; .c)' .by_error_code "$F" status --by error_code --top 0
for by in day week month; do
	check "status --by $by" "status_by_period(\"$by\")" ".by_$by" "$F" status --by "$by"
done
check "status --by hour" 'status_by_period("hour")' .by_hour "$H" status --by hour

check "failures" 'failures' .failures "$F" failures --top 0
check "failures (default top)" 'failures[:50]' .failures "$F" failures
check "failures --top 3" 'failures[:3]' .failures "$F" failures --top 3
check "failures, no input" '[]' .failures "$E" failures
check "failures, hours fixture" 'failures' .failures "$H" failures
for k in user app ip country; do
	check "failures --by $k" "failures_by(\"$k\")" ".by_$k" "$F" failures --by "$k" --top 0
done
exit "$bad"

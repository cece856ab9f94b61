#!/bin/sh
# report-timeline.sh — `timeline UPN` equals the same timeline computed by jq straight from
# the fixture's JSON (an independent model of signlog(1)'s definitions): the order, every
# column, every mark and every count, for each user of the fixture and of the demo export,
# under the default --gap and --gap 36h; then a few marks spelled out by hand, so that a
# model sharing a mistake with the program cannot hide it.
#
# testdata/reports/timeline-signins.jsonl (16 sign-ins, not in time order) holds dana, under
# four spellings of her UPN: 11 sign-ins from FR, BR, DE, US, GB, NL with country changes in
# 37 min (FR to BR), in exactly 60 min (BR to FR, marked) and in 61 min (FR to DE, not marked),
# in 40 s (GB to NL) and 44 min 20 s (NL to GB); a gap of 8d 5h (marked), one of exactly 7d
# (not marked by default, marked under --gap 36h) and one of 1d 12h 30m (marked only under
# --gap 36h); two sign-ins at the same second (load order decides, and the second has no
# country, so no change is marked after it); failures with known codes (50126, 53003), a code
# the table documents without a name (50029), one unknown to it (500121, MFA denied) and an
# interrupted one (50074); steps with "methodSucceeded" (hidden), a denied push, a step with
# neither method nor result, sign-ins without steps; an app id in three letter cases (one
# app), an app with a name only and one with an id only; a sign-in without ASN; an IP address
# and a device first used by eve. eve has 3 sign-ins; a service principal sign-in carrying
# dana's UPN (from RU, between two of hers) and a managed identity must not appear.
LC_ALL=C
export LC_ALL
bin=./signlog
me='report-timeline'
F=testdata/reports/timeline-signins.jsonl
D=testdata/demo/SignIns_2026-03-01_2026-03-14.json
# users' fixture: UPN spellings, a user id without UPN, steps without flag or method
F2=testdata/reports/users-signins.jsonl
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
[ -f "$F" ] || { echo "$me: $F is missing"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# official error-code names, from the data file the build embeds
jq -R -s 'split("\n") | .[1:] | map(split("\t") | select(length >= 1 and (.[0] | test("^[0-9]+$"))))
	| map({(.[0]): (.[1] // "")}) | add' src/aadsts-codes.tsv >"$tmp/codes.json" || exit 1

# The model. Input: all records (jq -s); $upn, $gap (seconds), $codes.
cat >"$tmp/model.jq" <<'EOF'
def nz: . != null and . != "";
def interrupts: [16000, 16001, 16003, 50055, 50058, 50059, 50072, 50074, 50125, 50127, 50129,
	50140, 50143, 50144, 50168, 50199, 51006, 52004, 65001, 81010, 81012, 81014, 1000002];
def status_of: . as $c | if $c == 0 then "success" elif (interrupts | any(. == $c)) then "interrupted" else "failure" end;
def evtype:
	if ((.signInEventTypes // []) | length) > 0 then .signInEventTypes[0]
	elif ((.managedServiceIdentity.msiType // "none") | ascii_downcase) != "none" then "managedIdentity"
	elif (.userPrincipalName | nz | not) and (.userId | nz | not) and (.servicePrincipalId | nz) then "servicePrincipal"
	else "user" end;
def ukey: (if (.userPrincipalName | nz) then .userPrincipalName elif (.userId | nz) then .userId else null end)
	| if . then ascii_downcase else . end;
# microseconds since the epoch (fraction cut after 6 digits)
def micros: .createdDateTime | capture("^(?<s>[^.Z]+)(\\.(?<f>[0-9]+))?Z$")
	| (.s + "Z" | fromdateiso8601) * 1000000 + ((.f // "") + "000000" | .[0:6] | tonumber);
def appkey: if (.appId | nz) then "id:" + (.appId | ascii_downcase)
	elif (.appDisplayName | nz) then "name:" + .appDisplayName else null end;
def ornull: if nz then . else null end;
# two largest units among d h m s, truncated; a zero second unit is left out
def dur: . as $us
	| [[86400000000, "d"], [3600000000, "h"], [60000000, "m"], [1000000, "s"]] as $u
	| ([range(0; 3) | select($us >= $u[.][0])] | first // 3) as $k
	| "\($us / $u[$k][0] | floor)\($u[$k][1])"
	  + (if $k < 3 and (($us % $u[$k][0]) / $u[$k + 1][0] | floor) > 0
	     then " \(($us % $u[$k][0]) / $u[$k + 1][0] | floor)\($u[$k + 1][1])" else "" end);
def steps: (.authenticationDetails // []) | if length == 0 then null else
	map((if (.authenticationMethod | nz) then .authenticationMethod else "unknown method" end)
	    + (if .succeeded == true then ": success" elif .succeeded == false then ": failure" else "" end)
	    + ((.authenticationStepResultDetail // "") as $d
	       | if $d != "" and ($d | ascii_downcase) != "methodsucceeded" then " (" + $d + ")" else "" end))
	| join("; ") end;

(if length == 1 and (.[0] | type) == "array" then .[0] else . end)
| [to_entries[] | .value + {_i: .key}]
| ($upn | ascii_downcase) as $u
| map(select(evtype != "servicePrincipal" and evtype != "managedIdentity" and ukey == $u) | . + {_t: micros})
| sort_by(._t, ._i)
| if length == 0 then {report: "timeline",
	summary: {user: $u, sign_ins: 0, first: null, last: null, ips: 0, countries: 0, apps: 0,
	          gap_seconds: $gap, new_ips: 0, new_countries: 0, new_asns: 0, new_devices: 0, new_apps: 0,
	          failure_marks: 0, gaps: 0, country_changes: 0},
	sign_ins: []} else
  . as $rows
  | reduce range(0; length) as $j ({seen: {ip: {}, c: {}, asn: {}, dev: {}, app: {}}, out: []};
	$rows[$j] as $r | ($j > 0) as $later
	| (if $later then $rows[$j - 1] else null end) as $p
	| ($r.status.errorCode) as $code
	| ($code | status_of) as $st
	| ($codes[$code | tostring] // "") as $name
	| [ (if ($r.ipAddress | nz) and (.seen.ip[$r.ipAddress] | not) and $later then "new IP" else empty end),
	    (if ($r.location.countryOrRegion | nz) and (.seen.c[$r.location.countryOrRegion] | not) and $later then "new country" else empty end),
	    (if $r.autonomousSystemNumber != null and (.seen.asn[$r.autonomousSystemNumber | tostring] | not) and $later then "new ASN" else empty end),
	    (if ($r.deviceDetail.deviceId | nz) and (.seen.dev[$r.deviceDetail.deviceId] | not) and $later then "new device" else empty end),
	    (($r | appkey) as $a | if $a != null and (.seen.app[$a] | not) and $later then "new app" else empty end),
	    (if $st != "success" then (if $name != "" then "failure: \($name) (\($code))" else "failure: \($code)" end) else empty end),
	    (if $later and ($r._t - $p._t) > $gap * 1000000 then "gap " + ($r._t - $p._t | dur) else empty end),
	    (if $later and ($r.location.countryOrRegion | nz) and ($p.location.countryOrRegion | nz)
	        and $r.location.countryOrRegion != $p.location.countryOrRegion and ($r._t - $p._t) <= 3600000000
	     then ($r._t - $p._t) as $d
	          | "country change in " + (if $d >= 60000000 then "\($d / 60000000 | floor) min" else "\($d / 1000000 | floor) s" end)
	            + " (\($p.location.countryOrRegion) \u2192 \($r.location.countryOrRegion))"
	     else empty end) ] as $marks
	| .out += [{
		time: ($r._t / 1000000 | floor | todate),
		status: $st, error_code: $code, name: $name,
		app: (if ($r.appDisplayName | nz) then $r.appDisplayName else ($r.appId | ornull) end),
		resource: (if ($r.resourceDisplayName | nz) then $r.resourceDisplayName else ($r.resourceId | ornull) end),
		ip: ($r.ipAddress | ornull), country: ($r.location.countryOrRegion | ornull),
		city: ($r.location.city | ornull), asn: $r.autonomousSystemNumber,
		client_app: ($r.clientAppUsed | ornull), os: ($r.deviceDetail.operatingSystem | ornull),
		browser: ($r.deviceDetail.browser | ornull), device_id: ($r.deviceDetail.deviceId | ornull),
		auth_requirement: ($r.authenticationRequirement | ornull),
		auth_steps: ($r | steps),
		marks: (if ($marks | length) > 0 then $marks | join("; ") else null end)}]
	| if ($r.ipAddress | nz) then .seen.ip[$r.ipAddress] = true else . end
	| if ($r.location.countryOrRegion | nz) then .seen.c[$r.location.countryOrRegion] = true else . end
	| if $r.autonomousSystemNumber != null then .seen.asn[$r.autonomousSystemNumber | tostring] = true else . end
	| if ($r.deviceDetail.deviceId | nz) then .seen.dev[$r.deviceDetail.deviceId] = true else . end
	| (($r | appkey) as $a | if $a != null then .seen.app[$a] = true else . end))
  | .out as $o
  | def marked(p): [$o[] | .marks // "" | split("; ")[] | select(p)] | length;
  {report: "timeline",
   summary: {
	user: $u, sign_ins: ($o | length), first: $o[0].time, last: $o[-1].time,
	ips: ([$rows[] | .ipAddress | select(nz)] | unique | length),
	countries: ([$rows[] | .location.countryOrRegion | select(nz)] | unique | length),
	apps: ([$rows[] | appkey | select(. != null)] | unique | length),
	gap_seconds: $gap,
	new_ips: marked(. == "new IP"), new_countries: marked(. == "new country"),
	new_asns: marked(. == "new ASN"), new_devices: marked(. == "new device"),
	new_apps: marked(. == "new app"), failure_marks: marked(startswith("failure: ")),
	gaps: marked(startswith("gap ")), country_changes: marked(startswith("country change in "))},
   sign_ins: $o}
  end
EOF

check() { # label upn gap-seconds file -- signlog args...
	label=$1 upn=$2 gap=$3 file=$4
	shift 4
	if ! jq -S -s --arg upn "$upn" --argjson gap "$gap" --slurpfile codes "$tmp/codes.json" \
	    '$codes[0] as $codes | '"$(cat "$tmp/model.jq")" "$file" >"$tmp/want" 2>"$tmp/err"; then
		echo "$me: $label: jq model failed"
		head -n 5 "$tmp/err"
		bad=1
		return
	fi
	if ! "$bin" -f json "$@" >"$tmp/raw" 2>"$tmp/err"; then
		echo "$me: $label: signlog exit status not 0"
		head -n 5 "$tmp/err"
		bad=1
		return
	fi
	# notes (rows cut, no such user) are checked below and by the goldens
	jq -S 'del(.notes, .signlog_output, .filter)' "$tmp/raw" >"$tmp/got" 2>/dev/null || { echo "$me: $label: output is not JSON"; bad=1; return; }
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		echo "$me: $label: signlog differs from the jq model (- model, + signlog):"
		diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 40
		bad=1
	fi
}

# every user of the fixtures and of the demo export, asked for in upper case, both gaps
for file in "$F" "$F2" "$D"; do
	jq -r -s '(if length == 1 and (.[0] | type) == "array" then .[0] else . end)[]
		| select((.signInEventTypes // [])[0] != "servicePrincipal" and (.signInEventTypes // [])[0] != "managedIdentity")
		| [.userPrincipalName, .userId] | map(select(. != null and . != "")) | .[0] // empty
		| ascii_downcase' "$file" | sort -u >"$tmp/upns"
	[ "$(wc -l <"$tmp/upns")" -ge 2 ] || { echo "$me: too few users in $file"; bad=1; }
	while read -r upn; do
		UPN=$(printf '%s' "$upn" | tr '[:lower:]' '[:upper:]')
		check "$file: timeline $UPN" "$upn" 604800 "$file" timeline "$UPN" "$file"
		check "$file: timeline --gap 36h $upn" "$upn" 129600 "$file" --gap 36h timeline "$upn" "$file"
	done <"$tmp/upns"
done
check "nobody" nobody@contoso.com 604800 "$F" timeline nobody@contoso.com "$F"

# --- by hand: what the fixture was written to show -----------------------------------------
U=dAnA.OrTiZ@CONTOSO.com
"$bin" -f json timeline "$U" "$F" >"$tmp/j" || { echo "$me: timeline $U failed"; exit 1; }
want() { # label jq-expression expected
	got=$(jq -c "$2" "$tmp/j")
	[ "$got" = "$3" ] || { echo "$me: $1: got $got, want $3"; bad=1; }
}
want "order" '[.sign_ins[] | .time[5:19] + " " + (.error_code | tostring)]' \
	'["02-01T08:00:00 0","02-01T08:37:00 50126","02-01T09:37:00 500121","02-01T10:38:00 0","02-02T07:00:00 53003","02-02T07:00:00 50074","02-10T12:00:00 0","02-17T12:00:00 50029","02-19T00:30:00 0","02-19T00:30:40 50126","02-19T01:15:00 0"]'
want "marks" '[.sign_ins[].marks]' \
	'[null,"new IP; new country; new ASN; failure: InvalidUserNameOrPassword (50126); country change in 37 min (FR → BR)","failure: 500121; country change in 60 min (BR → FR)","new IP; new country; new device; new app","new IP; new country; new ASN; failure: BlockedByConditionalAccess (53003)","failure: UserStrongAuthClientAuthNRequiredInterrupt (50074)","gap 8d 5h","new IP; new device; failure: 50029","new IP; new country; new ASN; new device; new app","new IP; new country; new ASN; failure: InvalidUserNameOrPassword (50126); country change in 40 s (GB → NL)","country change in 44 min (NL → GB)"]'
want "auth_steps" '[.sign_ins[2,3,6].auth_steps]' \
	'["Password: success (Correct password); Mobile app notification: failure (MFA denied; user declined the authentication)",null,"Password: success (Correct password); Previously satisfied: success (MFA requirement satisfied by claim in the token); unknown method"]'
want "first sign-in's steps" '.sign_ins[0].auth_steps' '"Password: success (Correct password); Mobile app notification: success"'
want "counts" '.summary' \
	'{"user":"dana.ortiz@contoso.com","sign_ins":11,"first":"2026-02-01T08:00:00Z","last":"2026-02-19T01:15:00Z","ips":7,"countries":6,"apps":3,"gap_seconds":604800,"new_ips":6,"new_countries":5,"new_asns":4,"new_devices":3,"new_apps":2,"failure_marks":6,"gaps":1,"country_changes":4}'
want "no service principal" '[.sign_ins[] | select(.country == "RU" or .ip == "203.0.113.250")] | length' '0'
"$bin" -f json --gap 36h timeline "$U" "$F" >"$tmp/j"
want "--gap 36h" '[.summary.gaps, [.sign_ins[].marks // "" | select(test("gap")) | sub(".*gap "; "")]]' \
	'[3,["8d 5h","7d","1d 12h"]]'
"$bin" -f json --gap 8d5h timeline "$U" "$F" >/dev/null 2>&1 && { echo "$me: --gap 8d5h accepted"; bad=1; }

# --top: the first N rows in time order, a note of the rest; the counts stay the timeline's
"$bin" -f json --top 3 timeline "$U" "$F" >"$tmp/j"
want "--top 3" '[(.sign_ins | length), .sign_ins[2].time, .summary.sign_ins, .notes.sign_ins]' \
	'[3,"2026-02-01T09:37:00Z",11,"8 more rows not shown (--top 3; --top 0 shows all)"]'
"$bin" -f json timeline "$U" "$F" >"$tmp/j"
want "default: all rows" '[(.sign_ins | length), .notes]' '[11,{}]'

# a user with no sign-ins: exit 0, the report's shape with no rows, and a note that says so
# (with the nearest users when one is near)
"$bin" -f json timeline nobody@contoso.com "$F" >"$tmp/j"; st=$?
[ $st -eq 0 ] || { echo "$me: nobody: exit status $st, want 0"; bad=1; }
want "nobody" '[.summary.sign_ins, (.sign_ins | length), .notes]' '[0,0,{"summary":"no sign-ins of user nobody@contoso.com in the input"}]'
"$bin" -f json timeline dana.ortis@contoso.com "$F" >"$tmp/j"
want "near miss" '.notes.summary' '"no sign-ins of user dana.ortis@contoso.com in the input; did you mean dana.ortiz@contoso.com?"'
exit $bad

#!/bin/sh
# report-users.sh — `users` and `user UPN` figures equal the same figures computed by jq
# straight from the fixture's JSON (an independent model of signlog(1)'s definitions), for
# every user of the fixture and the busiest of the demo export, with --tz; the documented --top
# defaults cut where they say.
#
# testdata/reports/users-signins.jsonl (24 sign-ins) holds: alice, under three spellings of her
# UPN, across the 2025/2026 year boundary, display names tied 3:3 (Alice Smith read first,
# Alice Jones reaching 3 first), one app id in two cases, an app with a name only and one with
# an id only, a legacy IMAP4 sign-in, a sign-in without ASN; service principals and a managed
# identity, one carrying alice's UPN (not hers: event type decides); bob, failures only, with
# an unknown code (9999) and a time earlier than the line before; carol, no authentication
# steps and no requirement, codes tied 1:1:1 (9999 lowest by number, not by text), display
# names tied 2:2, two Springfields (AU read first); erin, whose display name changes, with
# legacy clients, a step without a succeeded flag and a step without a method; dave, a user
# id without a UPN.
LC_ALL=C
export LC_ALL
bin=./signlog
me='report-users'
F=testdata/reports/users-signins.jsonl
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

# The model. Input: all records (jq -s). $mode "users" or "user" (then $upn, $tz minutes).
cat >"$tmp/model.jq" <<'EOF'
def nz: . != null and . != "";
def interrupts: [16000, 16001, 16003, 50055, 50058, 50059, 50072, 50074, 50125, 50127, 50129,
	50140, 50143, 50144, 50168, 50199, 51006, 52004, 65001, 81010, 81012, 81014, 1000002];
def status_of: . as $c | if $c == null then "unknown" elif $c == 0 then "success" elif (interrupts | any(. == $c)) then "interrupted" else "failure" end;
def status: .status.errorCode | status_of;
# event type, as DEFINITIONS say (the fixture has no category)
def evtype:
	if ((.signInEventTypes // []) | length) > 0 then .signInEventTypes[0]
	elif ((.managedServiceIdentity.msiType // "none") | ascii_downcase) != "none" then "managedIdentity"
	elif (.userPrincipalName | nz | not) and (.userId | nz | not) and (.servicePrincipalId | nz) then "servicePrincipal"
	else "user" end;
def ukey: (if (.userPrincipalName | nz) then .userPrincipalName elif (.userId | nz) then .userId else null end)
	| if . then ascii_downcase else . end;
def secs: .createdDateTime | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601;
def appkey: if (.appId | nz) then "id:" + (.appId | ascii_downcase)
	elif (.appDisplayName | nz) then "name:" + .appDisplayName else null end;
def legacy: (.clientAppUsed // "" | ascii_downcase) as $c
	| (["authenticated smtp", "autodiscover", "exchange activesync", "exchange online powershell",
	    "exchange web services", "imap4", "mapi over http", "offline address book", "other clients",
	    "outlook anywhere (rpc over http)", "outlook service", "pop3", "reporting web services"]
	   | any(. == $c)) or ($c | startswith("other clients;"));
# the MFA rule (signlog(1), MFA coverage): the requirement, or additional details saying MFA was done
def mfadetails: (.status.additionalDetails // "" | ascii_downcase)
	| contains("mfa") and (contains("completed") or contains("satisfied"));
def ismfa: ((.authenticationRequirement // "" | ascii_downcase) as $r
	| $r == "multifactorauthentication" or $r == "multifactor authentication") or mfadetails;
def pct(a; b): if b == 0 then 0 else (a * 10000 / b | round) / 100 end;
def distinct(f): [.[] | f | select(nz)] | unique | length;

def stats:
	. as $r
	| ([$r[] | select(status == "success" and ((.authenticationRequirement | nz) or mfadetails))]) as $w
	| {
		user: $r[0]._k,
		display_name: ([$r[] | select(.userDisplayName | nz) | {v: .userDisplayName, i: ._i}]
			| if length == 0 then null
			  else group_by(.v) | map({v: .[0].v, c: length, f: (map(.i) | min)}) | sort_by(-.c, .f) | .[0].v end),
		sign_ins: ($r | length),
		success: ([$r[] | select(status == "success")] | length),
		failure: ([$r[] | select(status == "failure")] | length),
		interrupted: ([$r[] | select(status == "interrupted")] | length),
		unknown: ([$r[] | select(status == "unknown")] | length),
		failure_percent: (if ($r | length) == 0 then null
			else pct([$r[] | select(status == "failure")] | length; $r | length) end),
		apps: ($r | distinct(appkey)),
		ips: ($r | distinct(.ipAddress)),
		countries: ($r | distinct(.location.countryOrRegion)),
		asns: ([$r[] | .autonomousSystemNumber | select(. != null)] | unique | length),
		devices: ($r | distinct(.deviceDetail.deviceId)),
		first: ($r | map(secs) | min | if . == null then null else todate end),
		last: ($r | map(secs) | max | if . == null then null else todate end),
		active_days: ($r | map(secs / 86400 | floor) | unique | length),
		mfa_percent: (if ($w | length) == 0 then null else pct($w | map(select(ismfa)) | length; $w | length) end),
		legacy: ([$r[] | select(legacy)] | length),
		top_error_code: ([$r[] | .status.errorCode | select(. != 0)] | group_by(.)
			| map({c: .[0], n: length}) | sort_by(-.n, .c) | if length == 0 then null else .[0].c end)
	};

# rows: value text v (null = none), grouping key g; ranked by count, text, first read
def ranked(f; g; times; $col):
	[.[] | {v: f, g: g, t: secs, i: ._i} | select(.v | nz)] | group_by(.g)
	| map({value: .[0].v, sign_ins: length, first: (map(.t) | min | todate),
	       last: (map(.t) | max | todate), fi: (map(.i) | min)})
	| sort_by(-.sign_ins, (.value | tostring), .fi)
	| map(if times then del(.fi) else del(.fi, .first, .last) end)
	| map({($col): .value} + del(.value));

def hours($tz):
	[.[] | (secs + $tz * 60) as $t | ($t / 86400 | floor) as $d
	 | {h: (($t - $d * 86400) / 3600 | floor), w: ((($d + 3) % 7 + 7) % 7)}] as $x
	| ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as $wd
	| [range(0; 24) as $h | reduce range(0; 7) as $w ({hour: $h};
		. + {($wd[$w]): ([$x[] | select(.h == $h and .w == $w)] | length)})];

def profile($tz; $codes):
	stats + {
		hours: hours($tz),
		top_countries: ranked(.location.countryOrRegion; .location.countryOrRegion; true; "country"),
		# a city is a (city, country) pair; the country follows as a column
		top_cities: ([.[] | select(.location.city | nz) | {v: .location.city, c: (.location.countryOrRegion // null),
		           t: secs, i: ._i}] | group_by([.v, .c])
		         | map({city: .[0].v, sign_ins: length, first: (map(.t) | min | todate),
		                last: (map(.t) | max | todate), country: (if (.[0].c | nz) then .[0].c else null end),
		                fi: (map(.i) | min)})
		         | sort_by(-.sign_ins, .city, .fi) | map(del(.fi))),
		top_ips: ranked(.ipAddress; .ipAddress; true; "ip"),
		# an ASN is a number; ties rank by its decimal text
		top_asns: ranked(.autonomousSystemNumber; .autonomousSystemNumber; true; "asn"),
		# apps by key; text and id of the first sign-in read with the key
		top_apps: ([.[] | select(appkey != null) | {k: appkey, i: ._i,
		        v: (if (.appDisplayName | nz) then .appDisplayName else .appId end),
		        id: (if (.appId | nz) then .appId else null end)}] | group_by(.k)
		       | map(sort_by(.i) | {app: .[0].v, sign_ins: length, app_id: .[0].id, fi: .[0].i})
		       | sort_by(-.sign_ins, .app, .fi) | map(del(.fi))),
		top_client_apps: ranked(.clientAppUsed; .clientAppUsed; false; "client_app"),
		top_operating_systems: ranked(.deviceDetail.operatingSystem; .deviceDetail.operatingSystem; false; "os"),
		top_browsers: ranked(.deviceDetail.browser; .deviceDetail.browser; false; "browser"),
		methods: ([.[] | (.authenticationDetails // [])[] | select(.authenticationMethod | nz)]
		          | group_by(.authenticationMethod)
		          | map({method: .[0].authenticationMethod, attempts: length,
		                 succeeded: (map(select(.succeeded == true)) | length),
		                 failed: (map(select(.succeeded == false)) | length)})
		          | sort_by(-.attempts, .method)),
		failures: ([.[] | .status.errorCode | select(. != 0)] | group_by(.)
		           | map({error_code: .[0], name: ($codes[.[0] | tostring] // ""), sign_ins: length,
		                  status: (.[0] | status_of)})
		           | sort_by(-.sign_ins, .error_code))
	};

# a JSON array file, slurped, is one element
(if length == 1 and (.[0] | type) == "array" then .[0] else . end)
| [to_entries[] | .value + {_i: .key}]
| map(select(evtype != "servicePrincipal" and evtype != "managedIdentity") | . + {_k: ukey} | select(._k != null))
| if $mode == "users" then {report: "users", users: (group_by(._k) | map(stats) | sort_by(-.sign_ins, .user))}
  else ($upn | ascii_downcase) as $u | map(select(._k == $u))
       | {report: "user"} + profile($tz; $codes[0]) + {user: $u}
  end
EOF

model() { # mode upn tz file
	jq -S -s --arg mode "$1" --arg upn "$2" --argjson tz "$3" --slurpfile codes "$tmp/codes.json" \
	    -f "$tmp/model.jq" "$4"
}

check() { # label model-args(4) -- signlog args...
	label=$1 mode=$2 upn=$3 tz=$4 file=$5
	shift 5
	if ! model "$mode" "$upn" "$tz" "$file" >"$tmp/want" 2>"$tmp/err"; then
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
	# notes (rows cut, data the input lacks) are checked by the goldens, not by the model
	jq -S 'del(.notes, .signlog_output, .filter)' "$tmp/raw" >"$tmp/got" 2>/dev/null || { echo "$me: $label: output is not JSON"; bad=1; return; }
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		echo "$me: $label: signlog differs from the jq model (- model, + signlog):"
		diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 40
		bad=1
	fi
}

check "users" users "" 0 "$F" --top 0 users "$F"

# every user of the fixture, asked for in upper case; a user who is not there
jq -r -s '.[] | .userPrincipalName // .userId // empty' "$F" | sort -u >"$tmp/upns"
[ "$(wc -l <"$tmp/upns")" -ge 5 ] || { echo "$me: too few users in $F"; bad=1; }
while read -r upn; do
	UPN=$(printf '%s' "$upn" | tr '[:lower:]' '[:upper:]')
	check "user $UPN" user "$upn" 0 "$F" --top 0 user "$UPN" "$F"
done <"$tmp/upns"
check "user --tz -01:00" user alice.smith@contoso.com -60 "$F" --top 0 --tz -01:00 user alice.smith@contoso.com "$F"
check "user --tz +05:30" user alice.smith@contoso.com 330 "$F" --top 0 --tz +05:30 user alice.smith@contoso.com "$F"
check "user nobody" user nobody@contoso.com 0 "$F" user nobody@contoso.com "$F"

# the demo export (one JSON array, fractional times): users, and the three busiest users' profiles
D=testdata/demo/SignIns_2026-03-01_2026-03-14.json
check "demo users" users "" 0 "$D" --top 0 users "$D"
for upn in $("$bin" -f json users "$D" | jq -r '.users[:3][].user'); do
	check "demo user $upn --tz +02:00" user "$upn" 120 "$D" --top 0 --tz +02:00 user "$upn" "$D"
done

# --top defaults: users 50, each ranked table of user 20. 56 users, one with 25 IP addresses.
i=0
while [ $i -lt 56 ]; do
	n=1
	[ $i -eq 0 ] && n=25
	j=0
	while [ $j -lt $n ]; do
		printf '{"createdDateTime":"2026-02-%02dT10:00:00Z","userPrincipalName":"u%02d@example.com","ipAddress":"192.0.2.%d","status":{"errorCode":0},"isInteractive":true}\n' \
		    $((j + 1)) $i $((j + 1))
		j=$((j + 1))
	done
	i=$((i + 1))
done >"$tmp/many.jsonl"
check "users (56)" users "" 0 "$tmp/many.jsonl" --top 0 users "$tmp/many.jsonl"
check "user u00 (25 IPs)" user u00@example.com 0 "$tmp/many.jsonl" --top 0 user u00@example.com "$tmp/many.jsonl"
got=$("$bin" -f json users "$tmp/many.jsonl" | jq '.users | length')
[ "$got" = 50 ] || { echo "$me: users: default --top: $got rows, want 50"; bad=1; }
"$bin" users "$tmp/many.jsonl" >"$tmp/text"
grep -q '^  6 more rows not shown (--top 50; --top 0 shows all)$' "$tmp/text" ||
	{ echo "$me: users: no note of the 6 rows cut by the default --top"; bad=1; }
got=$("$bin" -f json user u00@example.com "$tmp/many.jsonl" | jq -c '[(.top_ips | length), (.hours | length)]')
[ "$got" = '[20,24]' ] || { echo "$me: user: default --top: [ips, hours] rows $got, want [20,24]"; bad=1; }
"$bin" user u00@example.com "$tmp/many.jsonl" >"$tmp/text"
grep -q '^  5 more rows not shown (--top 20; --top 0 shows all)$' "$tmp/text" ||
	{ echo "$me: user: no note of the 5 IP rows cut by the default --top"; bad=1; }
got=$("$bin" -f json --top 3 user u00@example.com "$tmp/many.jsonl" | jq -c '[(.top_ips | length), (.top_countries | length)]')
[ "$got" = '[3,0]' ] || { echo "$me: user --top 3: [ips, countries] rows $got, want [3,0]"; bad=1; }

# a user without authentication steps: the methods note says so instead of an empty table alone
"$bin" user carol@fabrikam.com "$F" >"$tmp/text"
grep -q 'no authentication steps' "$tmp/text" ||
	{ echo "$me: user carol: no note that the input carries no authentication steps"; bad=1; }
"$bin" user alice.smith@contoso.com "$F" >"$tmp/text"
grep -q 'no authentication steps' "$tmp/text" &&
	{ echo "$me: user alice: says no authentication steps, but she has some"; bad=1; }
"$bin" user nobody@contoso.com "$F" >"$tmp/text"; st=$?
[ $st -eq 0 ] && grep -q 'no sign-ins of user nobody@contoso.com' "$tmp/text" ||
	{ echo "$me: user nobody: want exit 0 and a note, got exit $st"; bad=1; }
exit $bad

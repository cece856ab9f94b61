#!/bin/sh
# report-posture.sh — the mfa, apps, ca, risk, locations and clients reports of signlog agree
# with the same figures computed by jq straight from the fixture JSON, following the
# definitions of signlog(1) (not signlog's code). Each report runs with --top 0 on every
# fixture; its JSON and jq's are compared after sorting keys.
LC_ALL=C
export LC_ALL
bin=./signlog
me='report-posture'
FIXTURES="testdata/reports/posture-signins.jsonl testdata/reports/posture-nosteps.jsonl"
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# Shared definitions: status, event type, user, ranking and percentages as signlog(1)
# defines them. Input: the array of all records (jq -s).
LIB='
def interrupts: [16000,16001,16003,50055,50058,50059,50072,50074,50125,50127,50129,50140,
  50143,50144,50168,50199,51006,52004,65001,81010,81012,81014,1000002];
def status: .status.errorCode as $c
  | if $c == null then "unknown" elif $c == 0 then "success" elif any(interrupts[]; . == $c) then "interrupted" else "failure" end;
def nz: if . == "" then null else . end;
def evtype: (.signInEventTypes // [])[0] as $e
  | if $e == "interactiveUser" then "interactive"
    elif $e == "nonInteractiveUser" then "noninteractive"
    elif $e == "servicePrincipal" then "serviceprincipal"
    elif $e == "managedIdentity" then "managedidentity"
    elif (.managedServiceIdentity.msiType // "none") != "none" then "managedidentity"
    elif (.userPrincipalName // "") == "" and (.userId // "") == "" and (.servicePrincipalId // "") != ""
      then "serviceprincipal"
    elif .isInteractive == true then "interactive"
    elif .isInteractive == false then "noninteractive"
    else "unknown" end;
def isuser: evtype | . != "serviceprincipal" and . != "managedidentity";
def user: if isuser then
    (if (.userPrincipalName // "") != "" then .userPrincipalName | ascii_downcase
     else .userId // "" | nz end)
  else null end;
def pct(a; b): if b == 0 then 0 else (a * 10000 / b | round) / 100 end;
def users: map(user) | map(select(. != null)) | unique | length;
def nstatus(s): map(select(status == s)) | length;
# rank rows: count descending, then key ascending (null first)
def rank(count; key): sort_by([-(count), (key // "")]);
def level($v): ($v // "" | ascii_downcase) as $l
  | if $l == "low" then 1 elif $l == "medium" then 2 elif $l == "high" then 3 else 0 end;
def levelname: ["none", "low", "medium", "high"][.];
def time: .createdDateTime;
'

# mfa
MFA='
def claimtxt: "mfa requirement satisfied by claim in the token";
def steps: .authenticationDetails // [];
def req: .authenticationRequirement // "";
def ismfa: req | ascii_downcase | . == "multifactorauthentication" or . == "multifactor authentication";
def lc: . // "" | ascii_downcase;
def claimstep: (.authenticationMethod | lc) == "previously satisfied" or (.authenticationStepResultDetail | lc) == claimtxt;
def passwordless: ascii_downcase as $m
  | $m == "fido2 security key" or $m == "windows hello for business" or $m == "passwordless phone sign-in"
    or ($m | contains("passkey"));
# signlog(1), MFA: a second-factor method counts whatever step it is logged as
def secondfactor: lc as $m | (["mobile app notification", "text message", "oath verification code", "phone call",
    "phone call approval (authentication phone)", "verification code", "authenticator app",
    "microsoft authenticator (push notification)", "microsoft authenticator (verification code)",
    "x.509 certificate"] | index([$m])) != null or ($m | passwordless);
def secondary: (.authenticationStepRequirement // "") as $r
  | .succeeded == true and (claimstep | not)
    and (($r != "" and ($r | ascii_downcase) != "primary authentication") or (.authenticationMethod | secondfactor));
# the additional details: "here" (MFA completed), "before" (requirement satisfied), or ""
def adddone: .status.additionalDetails | lc
  | if contains("mfa") and contains("completed") then "here" elif contains("mfa") and contains("satisfied") then "before" else "" end;
def known: req != "" or adddone != "";
def mfasignin: ismfa or adddone != "";
. as $all
| (([$all[] | steps | length] | add // 0) > 0) as $have
| [$all[] | select(status == "success" and isuser)] as $s
| [$s[] | select(known)] as $req
| [$req[] | select(mfasignin)] as $mfa
| [$req[] | select(mfasignin | not)] as $single
| [$s | group_by(user)[] | select(.[0] | user != null)
   | { user: (.[0] | user), n: length, m: (map(select(known and mfasignin)) | length),
       s: (map(select(known and (mfasignin | not))) | length) }] as $pu
| {
  report: "mfa",
  successful_sign_ins: ($s | length),
  mfa_sign_ins: ($mfa | length),
  mfa_percent: (if ($req | length) > 0 then pct($mfa | length; $req | length) else null end),
  mfa_interactive: (if $have then [$mfa[] | select(any(steps[]; secondary) or adddone == "here")] | length else null end),
  satisfied_by_claim: (if $have then [$mfa[] | select(any(steps[]; claimstep)
      or ((.status.additionalDetails | lc) == claimtxt) or adddone == "before")] | length else null end),
  single_factor_sign_ins: ($single | length),
  with_requirement: ($req | length),
  without_requirement: (($s | length) - ($req | length)),
  mfa_without_steps: (if $have then [$mfa[] | select(steps | length == 0)] | length else null end),
  per_user: {
    users: ($pu | length),
    always_mfa: ([$pu[] | select(.m > 0 and .s == 0)] | length),
    never_mfa: ([$pu[] | select(.m == 0 and .s > 0)] | length),
    mixed: ([$pu[] | select(.m > 0 and .s > 0)] | length),
    requirement_unknown: ([$pu[] | select(.m == 0 and .s == 0)] | length)
  },
  single_factor_users: [$pu[] | select(.s > 0)] | rank(.s; .user)
    | map({ user, single_factor_sign_ins: .s, successful_sign_ins: .n }),
  methods: ([$all[] | select(isuser) | user as $u | steps[]
      | select((.authenticationMethod // "") != "") | . + { u: $u }]
    | group_by(.authenticationMethod)
    | map({ method: .[0].authenticationMethod, attempts: length,
            succeeded: (map(select(.succeeded == true)) | length),
            failed: (map(select(.succeeded == false)) | length),
            users: (map(.u) | map(select(. != null)) | unique | length) })
    | map(. + { success_percent: pct(.succeeded; .attempts), passwordless: (.method | passwordless) })
    | rank(.attempts; .method)),
  # session lifetime policies of successful user sign-ins, once per sign-in
  prompt_reasons: ([$s[] | user as $u | [(.sessionLifetimePolicies // [])[]
      | .expirationRequirement // "" | select(. != "")] | unique[] | { policy: ., u: $u }]
    | group_by(.policy)
    | map({ policy: .[0].policy, sign_ins: length, users: (map(.u) | unique | length) })
    | rank(.sign_ins; .policy)),
  # the sections that must carry a note (the text is checked by the golden tests)
  notes: ([if $have | not then "methods" else empty end,
           if ($have | not) or (($s | length) > 0 and ($req | length) == 0) then "mfa" else empty end,
           if ([$s[] | (.sessionLifetimePolicies // [])[] | .expirationRequirement // "" | select(. != "")] | length) == 0
           then "prompt_reasons" else empty end]
          | sort)
}'

# apps and --by resource: an item is the lower-cased id, else the name
apps() { # id-key name-key section name-column id-column
	printf '%s' "
def key: if (.$1 // \"\") != \"\" then \"id:\" + (.$1 | ascii_downcase)
  elif (.$2 // \"\") != \"\" then \"name:\" + .$2 else \"\" end;
{ report: \"apps\",
  $3: (group_by(key) | map(
    { $4: (map(.$2 // \"\" | nz) | map(select(. != null)) | first),
      $5: (.[0] | if (.$1 // \"\") != \"\" then .$1 | ascii_downcase else null end),
      sign_ins: length, success: nstatus(\"success\"), failure: nstatus(\"failure\"),
      interrupted: nstatus(\"interrupted\"), unknown: nstatus(\"unknown\"), users: users,
      top_error_code: (map(.status.errorCode | select(. != 0)) | group_by(.)
        | map({ c: .[0], n: length }) | sort_by(-.n, .c) | first | .c) })
    | rank(.sign_ins; .$4 // .$5)) }"
}

CA='
def squash: ascii_downcase | gsub("[^a-z0-9]"; "");
def cls: (. // "" | squash) as $r
  | { success: "success", failure: "failure", notapplied: "not_applied",
      reportonlysuccess: "report_only_success", reportonlyfailure: "report_only_failure",
      reportonlynotapplied: "report_only_not_applied", reportonlyinterrupted: "report_only_interrupted",
      notenabled: "not_enabled" }[$r] // "other";
[.[] | select((.conditionalAccessStatus // "") != "")] as $w
| ($w | length) as $with
| { report: "ca", sign_ins: length, with_ca_status: $with,
    status: ({ success: 0, failure: 0, notApplied: 0 }
      + ($w | map(.conditionalAccessStatus as $v | ($v | squash)
          | if . == "success" or . == "failure" then . elif . == "notapplied" then "notApplied" else $v end)
         | group_by(.) | map({ key: .[0], value: length }) | from_entries)),
    policies: ([.[] | .status.errorCode as $code
        | (.appliedConditionalAccessPolicies // .conditionalAccessPolicies // [])[]
        | { p: (.displayName // "" | nz), c: (.result | cls), b: ($code == 53003 and (.result | cls) == "failure") }]
      | group_by(.p)
      | map(. as $g | reduce ("success", "failure", "not_applied", "report_only_success", "report_only_failure",
          "report_only_not_applied", "report_only_interrupted", "not_enabled", "other") as $k
          ({ policy: $g[0].p }; .[$k] = ([$g[] | select(.c == $k)] | length))
        | . + { blocked: ([$g[] | select(.b)] | length), listed: ($g | length) }
        | . + { applied: (.success + .failure + .report_only_success + .report_only_failure
                          + .report_only_interrupted) })
      | rank(.applied; .policy)) }'

RISK='
def levels: ["none", "low", "medium", "high", "hidden", "unknownFutureValue"];
def lmap(f): [.[] | f | select(. != null and . != "")] as $v
  | (levels | map({ key: ., value: 0 }) | from_entries)
    + ([$v[] | ascii_downcase as $l | levels[] | select(ascii_downcase == $l)] | group_by(.)
       | map({ key: .[0], value: length }) | from_entries)
    + ([$v[] | select(ascii_downcase as $l | [levels[] | ascii_downcase] | index($l) | not)]
       | group_by(.) | map({ key: .[0], value: length }) | from_entries);
def risk: [level(.riskLevelAggregated), level(.riskLevelDuringSignIn)] | max;
def events: if (.riskEventTypes_v2 // []) | length > 0 then .riskEventTypes_v2 else .riskEventTypes // [] end;
def sp: evtype | . == "serviceprincipal" or . == "managedidentity";
def spkey: if (.servicePrincipalId // "") != "" then "id:" + .servicePrincipalId
  elif (.servicePrincipalName // "") != "" then "name:" + .servicePrincipalName else "" end;
def agg: { risky_sign_ins: length, highest_level: (map(risk) | max | levelname),
           last_risky_sign_in: (map(time) | max) };
[.[] | select(risk > 0)] as $r
| [$r[] | select(sp | not) | select(user != null)] as $ru
| [$r[] | select(sp)] as $rs
| { report: "risk", sign_ins: length, risky_sign_ins: ($r | length),
    risky_users: ($ru | map(user) | unique | length),
    risky_service_principals: ($rs | map(spkey) | unique | length),
    risk_level_aggregated: lmap(.riskLevelAggregated),
    risk_level_during_sign_in: lmap(.riskLevelDuringSignIn),
    risk_state: ([.[] | .riskState // "" | nz | select(. != null)] | group_by(.)
      | map({ key: .[0], value: length }) | from_entries),
    risk_event_types: ([.[] | user as $u | events | unique[] | { e: ., u: $u }] | group_by(.e)
      | map({ risk_event_type: .[0].e, sign_ins: length,
              users: (map(.u) | map(select(. != null)) | unique | length) })
      | rank(.sign_ins; .risk_event_type)),
    top_risky_users: ($ru | group_by(user) | map({ user: (.[0] | user) } + agg) | rank(.risky_sign_ins; .user)),
    top_risky_service_principals: ($rs | group_by(spkey)
      | map({ service_principal: (map(.servicePrincipalName // "" | nz) | map(select(. != null)) | first),
              sp_id: (.[0].servicePrincipalId // "" | nz) } + agg)
      | rank(.risky_sign_ins; .service_principal // .sp_id)) }'

LOC='
def country: .location.countryOrRegion // "" | nz;
def city: .location.city // "" | nz;
def ip: .ipAddress // "" | nz;
def asn: .autonomousSystemNumber;
def distinct(f): map(f) | map(select(. != null)) | unique | length;
{ report: "locations", sign_ins: length,
  countries: (group_by(country) | map({ country: (.[0] | country), sign_ins: length, users: users,
      failures: nstatus("failure") }) | rank(.sign_ins; .country)),
  cities: (group_by([city, country]) | map({ city: (.[0] | city), country: (.[0] | country),
      sign_ins: length, users: users })
    | sort_by([-.sign_ins, ((.city // "") + "\u001f" + (.country // ""))])),
  ips: (group_by(ip) | map({ ip: (.[0] | ip), sign_ins: length, users: users,
      failures: nstatus("failure"), countries: distinct(country) }) | rank(.sign_ins; .ip)),
  asns: (group_by(asn) | map({ asn: (.[0] | asn), sign_ins: length, users: users, ips: distinct(ip) })
    | sort_by([-.sign_ins, (.asn // -1)])) }'

CLIENTS='
def legacy: ascii_downcase as $c
  | any(("Authenticated SMTP", "AutoDiscover", "Exchange ActiveSync", "Exchange Online PowerShell",
      "Exchange Web Services", "IMAP4", "MAPI Over HTTP", "Offline Address Book", "Other clients",
      "Outlook Anywhere (RPC over HTTP)", "Outlook Service", "POP3", "Reporting Web Services")
      | ascii_downcase; . == $c) or ($c | startswith("other clients;"));
def category: (. // "") as $c | ($c | ascii_downcase) as $l
  | if $c == "" or $l == "unknown" then "unknown" elif $c | legacy then "legacy"
    elif $l == "browser" or $l == "mobile apps and desktop clients" then "modern" else "unknown" end;
def values(f; $col): group_by(f // "" | nz) | map({ ($col): (.[0] | f // "" | nz), sign_ins: length, users: users })
  | rank(.sign_ins; .[$col]);
{ report: "clients", sign_ins: length,
  modern_sign_ins: (map(select(.clientAppUsed | category == "modern")) | length),
  legacy_sign_ins: (map(select(.clientAppUsed | category == "legacy")) | length),
  unknown_client_sign_ins: (map(select(.clientAppUsed | category == "unknown")) | length),
  client_apps: (group_by(.clientAppUsed // "" | nz) | map({ client_app: (.[0].clientAppUsed // "" | nz),
      client_category: (.[0].clientAppUsed | category), sign_ins: length, success: nstatus("success"),
      failure: nstatus("failure"), users: users, interrupted: nstatus("interrupted"),
      unknown: nstatus("unknown") })
    | rank(.sign_ins; .client_app)),
  user_agents: values(.userAgent; "user_agent"),
  operating_systems: values(.deviceDetail.operatingSystem; "os"),
  browsers: values(.deviceDetail.browser; "browser") }'

# numbers compared as numbers: 100.00 and 100 are the same figure; of the notes (text lines
# such as "the input carries no authentication steps"), which sections have one; with
# --top 0 no other report has any
NORM='del(.signlog_output, .filter) | walk(if type == "number" then . + 0 else . end)
  | .notes = (.notes // [] | if type == "object" then keys else . end) | if .notes == [] then del(.notes) else . end'

check() { # label program signlog-arguments...
	label=$1 prog=$2
	shift 2
	fix=$(eval "echo \${$#}")
	if ! jq -s "$LIB $prog" "$fix" | jq -S "$NORM" >"$tmp/want" 2>"$tmp/err"; then
		echo "$me: $label: jq failed:"
		head -n 5 "$tmp/err"
		bad=1
		return
	fi
	if ! "$bin" -q -f json --top 0 "$@" >"$tmp/raw" 2>"$tmp/err"; then
		echo "$me: $label: signlog exit status not 0"
		head -n 5 "$tmp/err"
		bad=1
		return
	fi
	jq -S "$NORM" "$tmp/raw" >"$tmp/got" 2>/dev/null || { echo "$me: $label: output is not JSON"; bad=1; return; }
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		echo "$me: $label: signlog differs from jq (- jq, + signlog):"
		diff -u "$tmp/want" "$tmp/got" | sed 1,2d | head -n 40
		bad=1
	fi
}

for f in $FIXTURES; do
	n=${f##*/}
	check "mfa $n" "$MFA" mfa "$f"
	check "apps $n" "$(apps appId appDisplayName apps app app_id)" apps "$f"
	check "apps --by resource $n" "$(apps resourceId resourceDisplayName resources resource resource_id)" apps --by resource "$f"
	check "ca $n" "$CA" ca "$f"
	check "risk $n" "$RISK" risk "$f"
	check "locations $n" "$LOC" locations "$f"
	check "clients $n" "$CLIENTS" clients "$f"
done

# the fixture must keep the edge cases this test is meant to cover
S=testdata/reports/posture-signins.jsonl
if ! jq -s -e '
    any(.[]; (.authenticationDetails // []) == [] and .authenticationRequirement == "multiFactorAuthentication")
    and any(.[]; .signInEventTypes == ["servicePrincipal"]) and any(.[]; .signInEventTypes == ["managedIdentity"])
    and any(.[]; .appliedConditionalAccessPolicies[]?.result | startswith("reportOnly"))
    and any(.[]; .status.errorCode == 53003)
    and any(.[]; .clientAppUsed == "IMAP4")' "$S" >/dev/null; then
	echo "$me: $S lost one of its edge cases"
	bad=1
fi
exit $bad

#!/bin/sh
# detect-month.sh — a generated month of one tenant's ordinary sign-ins (tests/traffic.c: office
# NAT, typos, flights, commuting, MFA mis-taps, roaming phones, stale phone passwords, scanners
# with Authenticated SMTP, an in-house script, device-code admins ...) yields no high or
# critical finding; the same month with attacks yields a finding of every rule.
me=detect-month
bin=${SIGNLOG:-./signlog}   # tests/run sets SIGNLOG to test another build
gen=build/traffic
[ -x $gen ] || { echo "$me: $gen not built (make build/traffic)"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq is needed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/detect-month.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
$gen --users 300 --days 30 --seed 7 > "$tmp/month.jsonl" || { echo "$me: $gen failed"; exit 1; }
"$bin" -q -f json detect "$tmp/month.jsonl" > "$tmp/month.json" || { echo "$me: detect failed"; exit 1; }
n=$(jq '.sign_ins' "$tmp/month.json")
[ "$n" -gt 100000 ] || { echo "$me: only $n sign-ins generated"; status=1; }
bad=$(jq -r '.findings[] | select(.severity == "high" or .severity == "critical") | "\(.severity) \(.rule): \(.reason)"' "$tmp/month.json")
if [ -n "$bad" ]; then
	echo "$me: ordinary traffic gave high or critical findings:"
	printf '%s\n' "$bad" | head -n 10
	status=1
fi
# the month is not silent: the ordinary look-alikes are seen and kept at low or medium
for r in brute-force success-after-failures legacy-auth new-country; do
	n=$(jq --arg r $r '[.findings[] | select(.rule == $r)] | length' "$tmp/month.json")
	[ "$n" -gt 0 ] || { echo "$me: no $r finding in the ordinary month (the generator lost a behaviour?)"; status=1; }
done
$gen --users 300 --days 30 --seed 7 --attacks 2 > "$tmp/attacks.jsonl" || { echo "$me: $gen failed"; exit 1; }
"$bin" -q -f json detect "$tmp/attacks.jsonl" > "$tmp/attacks.json" || { echo "$me: detect failed"; exit 1; }
for r in password-spray brute-force success-after-failures lockout-burst mfa-fatigue mfa-fraud impossible-travel \
	new-country legacy-auth ropc device-code suspicious-user-agent session-anomaly risky-sign-in; do
	n=$(jq --arg r $r '[.findings[] | select(.rule == $r and (.severity == "high" or .severity == "critical" or $r == "lockout-burst" or $r == "ropc" or $r == "new-country" or $r == "brute-force"))] | length' "$tmp/attacks.json")
	[ "$n" -gt 0 ] || { echo "$me: the attacks gave no $r finding"; status=1; }
done
n=$(jq '[.findings[] | select(.rule == "password-spray" and .variant == "asn")] | length' "$tmp/attacks.json")
[ "$n" -ge 2 ] || { echo "$me: $n spray findings per autonomous system, expected 2 or more"; status=1; }
exit $status

#!/bin/sh
# filters.sh — every filter kind, alone and combined, selects the sign-ins an independent
# count says it should. Counts for address ranges are worked out by hand from the fixture
# (its IPs: 10.1.2.3 10.255.255.255 11.0.0.1 192.0.2.7 ::ffff:192.0.2.8 2001:db8::1
# 2001:db8:1::5 fe80::1 203.0.113.9 203.0.113.10 x2 10.1.2.4); the others are computed with jq.
f=testdata/filters/signins.jsonl
status=0
sel() { ./signlog -q -f json status "$@" "$f" | jq '.filter.selected'; }
expect() { # what want args...
	what=$1 want=$2
	shift 2
	got=$(sel "$@")
	if [ "$got" != "$want" ]; then
		echo "filters: $what: selected $got, expected $want ($*)"
		status=1
	fi
}
jqn() { jq -s "[.[] | select($1)] | length" "$f"; }

# address ranges (by hand)
expect "ip /0 v4" 9 --ip 0.0.0.0/0                    # every IPv4 and IPv4-mapped address
expect "ip /8" 3 --ip 10.0.0.0/8
expect "ip /32" 1 --ip 10.255.255.255/32
expect "ip exact" 1 --ip 11.0.0.1
expect "ip v4 range holds mapped v6" 2 --ip 192.0.2.0/24
expect "ip mapped v6 form" 1 --ip ::ffff:192.0.2.7
expect "ip v6 /32" 2 --ip 2001:db8::/32
expect "ip v6 /48" 1 --ip 2001:db8::/48
expect "ip v6 /128" 1 --ip fe80::1/128
expect "ip /0 v6" 12 --ip ::/0
expect "ip ORed" 3 --ip 11.0.0.0/8 --ip 2001:db8::/32

# named filters, against jq
expect "user exact (case)" "$(jqn '(.userPrincipalName // "") | ascii_downcase == "alice@contoso.com"')" --user ALICE@contoso.com
expect "user glob" "$(jqn '(.userPrincipalName // "") | ascii_downcase | endswith("@fabrikam.com")')" --user '*@fabrikam.com'
expect "status" "$(jqn '.status.errorCode == 0')" --status success
expect "status ORed" "$(jqn '.status.errorCode == 50074 or .status.errorCode == 50140')" --status interrupted
expect "country ORed" "$(jqn '.location.countryOrRegion == "NL" or .location.countryOrRegion == "DE"')" --country nl --country DE
expect "city UTF-8" "$(jqn '.location.city == "São Paulo"')" --city 'são paulo'
expect "app by name or id" "$(jqn '.appDisplayName == "Microsoft Teams"')" --app 'microsoft teams'
expect "legacy" "$(jqn '.clientAppUsed == "IMAP4" or .clientAppUsed == "Exchange ActiveSync"')" --legacy
expect "modern" "$(jqn '.clientAppUsed == "Browser"')" --modern
expect "event type" "$(jqn '.signInEventTypes[0] == "nonInteractiveUser"')" --event-type noninteractive
expect "error codes" "$(jqn '.status.errorCode == 50126 or .status.errorCode == 53003')" --error-code 50126,53003
expect "risk" "$(jqn '.riskLevelDuringSignIn == "high"')" --risk high
expect "mfa" "$(jqn '.authenticationRequirement == "multiFactorAuthentication"')" --mfa
expect "single factor" "$(jqn '.authenticationRequirement == "singleFactorAuthentication"')" --single-factor
expect "credential type" "$(jqn '.clientCredentialType == "clientSecret"')" --credential-type clientsecret
expect "since date" "$(jqn '.createdDateTime >= "2026-03-10"')" --since 2026-03-10
expect "until date (whole day)" "$(jqn '.createdDateTime < "2026-03-11"')" --until 2026-03-10
expect "since duration from last sign-in" "$(jqn '.createdDateTime >= "2026-03-09T00:00:01Z"')" --since 2d
expect "until date-time" "$(jqn '.createdDateTime <= "2026-03-03T10:00:00Z"')" --until 2026-03-03T10:00:00Z
# generic
expect "where =" "$(jqn '.clientAppUsed == "IMAP4"')" --where client-app=imap4
expect "where != (each must hold)" "$(jqn '.location.countryOrRegion != "NL" and .location.countryOrRegion != "US"')" --where country!=NL --where country!=US
expect "match regex, case-insensitive" "$(jqn '.userAgent | test("edge"; "i")')" --match 'user-agent~(?i)edge'
expect "match regex UTF-8" "$(jqn '.userAgent | test("Zo.")')" --match 'user-agent~Zo.\sBrowser'
expect "match on a number" "$(jqn '.status.errorCode | tostring | test("^50")')" --match 'error-code~^50'
# combined: different fields AND
expect "combined" "$(jqn '(.location.countryOrRegion == "NL") and .status.errorCode == 0 and (.createdDateTime >= "2026-03-05")')" --country NL --status success --since 2026-03-05
# nothing matches: an empty report, not an error
expect "nothing" 0 --country XX
out=$(./signlog -q summary --country XX "$f"); rc=$?
[ "$rc" = 0 ] || { echo "filters: a filter that matches nothing exited $rc"; status=1; }
printf '%s\n' "$out" | grep -q '^Filter: --country XX (selected 0 of 12 sign-ins)$' || { echo "filters: no 'selected 0 of 12' header"; status=1; }
# comma lists: every named filter takes one; --where takes one value, commas included
expect "country list" "$(jqn '.location.countryOrRegion == "NL" or .location.countryOrRegion == "DE"')" --country NL,de
expect "status list" "$(jqn '.status.errorCode != 0')" --status failure,interrupted
expect "ip list" 3 --ip 11.0.0.0/8,2001:db8::/32
expect "user list" "$(jqn '(.userPrincipalName // "") | ascii_downcase | (. == "alice@contoso.com" or endswith("@fabrikam.com"))')" --user 'alice@contoso.com,*@fabrikam.com'
expect "field names with _" "$(jqn '.clientAppUsed == "IMAP4"')" --where client_app=imap4
# a value outside a closed set is a usage error that lists the values, not an empty report
for bad in "--status failed" "--event-type interactiv" "--risk critical" "--ca-status applied" \
    "--where status=failed" "--where event-type=user" "--country NL,"; do
	# shellcheck disable=SC2086
	./signlog status $bad "$f" >/dev/null 2>&1; rc=$?
	[ "$rc" = 2 ] || { echo "filters: $bad: exit status $rc, want 2"; status=1; }
done
./signlog status --event-type interactiv "$f" 2>&1 >/dev/null | grep -q "did you mean interactive?" ||
	{ echo "filters: --event-type interactiv: no suggestion"; status=1; }
# a filter that selects nothing: an empty report of the same shape, for every --by too
./signlog -q -f json status --by ip --country XX "$f" | jq -e '.by_ip == [] and .filter.selected == 0' >/dev/null ||
	{ echo "filters: status --by ip selecting nothing"; status=1; }
# a duration before the last sign-in of an input without sign-ins selects nothing
./signlog -q -f json status --since 7d testdata/bad/empty.json | jq -e '.filter.selected == 0' >/dev/null ||
	{ echo "filters: --since 7d on an empty input"; status=1; }
# usage errors name the problem
./signlog status --match 'user~(' "$f" 2>"${TMPDIR:-/tmp}/filters.err" >/dev/null; rc=$?
[ "$rc" = 2 ] && grep -q "offset 1" "${TMPDIR:-/tmp}/filters.err" || { echo "filters: bad regex not a usage error with its offset"; status=1; }
./signlog status --ip 10.0.0.0/33 "$f" >/dev/null 2>&1; [ $? = 2 ] || { echo "filters: bad CIDR accepted"; status=1; }
exit $status

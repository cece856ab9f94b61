#!/bin/sh
# cross-format.sh — the 12 sign-ins of testdata/shapes, exported four ways (portal CSV download,
# Log Analytics CSV export, portal JSON array, diagnostic-settings JSON lines), give the same
# summary and the same reports; all four sets together give 12 records and 36 duplicates, and
# neither the order of the arguments nor the thread count changes a byte of the output.
#
# The CSV fixtures are built by testdata/csv/make-fixtures.sh from testdata/shapes/portal-array.json
# (see testdata/csv/README.md); the expected summary is testdata/shapes/expected-summary.json,
# worked by hand in testdata/shapes/EXPECTED.md.
LC_ALL=C
export LC_ALL
bin=./signlog
me='cross-format'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

PORTAL=testdata/csv/portal         # 5 files: Interactive (8), NonInteractive (2), Application (1),
                                   # MSI (1) and InteractiveSignIns_AuthDetails (11 steps of 1-8)
LA=testdata/csv/la                 # 4 files: SigninLogs (8), AADNonInteractiveUserSignInLogs (2),
                                   # AADServicePrincipalSignInLogs (1), AADManagedIdentitySignInLogs (1)
JSON=testdata/shapes/portal-array.json
DIAG=testdata/shapes/diag.jsonl
SUF=2026-03-01_2026-03-21
for f in "$PORTAL/InteractiveSignIns_$SUF.csv" "$PORTAL/NonInteractiveSignIns_$SUF.csv" \
	"$PORTAL/ApplicationSignIns_$SUF.csv" "$PORTAL/MSISignIns_$SUF.csv" \
	"$PORTAL/InteractiveSignIns_AuthDetails_$SUF.csv" "$LA/SigninLogs.csv" \
	"$LA/AADNonInteractiveUserSignInLogs.csv" "$LA/AADServicePrincipalSignInLogs.csv" \
	"$LA/AADManagedIdentitySignInLogs.csv" "$JSON" "$DIAG" testdata/shapes/expected-summary.json; do
	[ -f "$f" ] || { echo "$me: $f is missing (sh testdata/csv/make-fixtures.sh)"; exit 1; }
done

# run NAME ARGS...: signlog ARGS > $tmp/NAME.out, stderr > $tmp/NAME.err; 0 when it exited 0
# with JSON on stdout. A clean export is read without a word on stderr.
run() {
	name=$1
	shift
	"$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
	if [ "$st" -ne 0 ]; then
		echo "$me: signlog $*: exit status $st, expected 0"
		head -n 5 "$tmp/$name.err"
		bad=1
		return 1
	fi
	# the same sign-in read from several formats: each format has fields the others lack,
	# so a later copy may fill some in (a revision: signlog(1), Duplicates)
	if grep -v ': note: [0-9]* records\{0,1\} revises\{0,1\} sign-ins read before' "$tmp/$name.err" | grep -q .; then
		echo "$me: signlog $*: unexpected output on stderr:"
		head -n 5 "$tmp/$name.err"
		bad=1
	fi
	if ! jq -e . "$tmp/$name.out" >/dev/null 2>&1; then
		echo "$me: signlog $*: output is not JSON"
		head -c 300 "$tmp/$name.out"
		echo
		bad=1
		return 1
	fi
	return 0
}
# same LABEL WANT GOT: the two files are identical
same() {
	if ! cmp -s "$2" "$3"; then
		echo "$me: $1: output differs"
		diff -u "$2" "$3" | sed 1,2d | head -n 30
		bad=1
	fi
}

# ---- 1. every set alone gives expected-summary.json (without the per-file table) ----------------
# Per-file information is left out of the comparison: the "files" table and a per-file note
# under "notes"."files" (the reader notes there how many AuthDetails steps it joined).
NOFILES='del(.files) | .notes |= del(.files)'
jq -S . testdata/shapes/expected-summary.json >"$tmp/want.summary" ||
	{ echo "$me: bad testdata/shapes/expected-summary.json"; exit 1; }
for set in portal:"$PORTAL" la:"$LA" json:"$JSON" diag:"$DIAG"; do
	n=${set%%:*}
	p=${set#*:}
	run "sum-$n" summary --format json "$p" || continue
	jq -S "$NOFILES" "$tmp/sum-$n.out" >"$tmp/got.summary"
	same "summary of $p vs expected-summary.json" "$tmp/want.summary" "$tmp/got.summary"
done

# the portal files named one by one, in a scrambled order, read like the directory (the
# AuthDetails steps are joined because their InteractiveSignIns file is given too)
if run sum-portal-files summary --format json "$PORTAL/InteractiveSignIns_AuthDetails_$SUF.csv" \
	"$PORTAL/MSISignIns_$SUF.csv" "$PORTAL/NonInteractiveSignIns_$SUF.csv" \
	"$PORTAL/InteractiveSignIns_$SUF.csv" "$PORTAL/ApplicationSignIns_$SUF.csv"; then
	jq -S "$NOFILES" "$tmp/sum-portal-files.out" >"$tmp/got.summary"
	same "summary of the five portal files named one by one" "$tmp/want.summary" "$tmp/got.summary"
fi

# ---- 2. the reports the portal CSV can carry, compared with the JSON download ----------------------
# All of these read only fields that the portal CSV has (time, ids, user, app, IP, Location,
# error code, failure reason, client app, user agent, OS, browser, device id, requirement,
# "Multifactor authentication result", the AuthDetails steps) and that the LA tables have too.
# Not compared: ca (the portal CSV has no policy list), risk (no risk fields in the portal CSV),
# user/timeline (covered by the reports below; they add nothing the CSV carries differently).
# The fixtures leave ASN, device id, latency and session id empty, as the JSON has none.
REPORTS='status|failures|mfa|users|active --by week|apps|clients|locations'
IFS_SAVE=$IFS
set -f
IFS='|'
# shellcheck disable=SC2086
set -- $REPORTS
IFS=$IFS_SAVE
for rep in "$@"; do
	tag=$(printf '%s' "$rep" | tr -c 'a-z' '_')
	# shellcheck disable=SC2086
	run "$tag-json" $rep --format json "$JSON" || continue
	jq -S . "$tmp/$tag-json.out" >"$tmp/$tag.want"
	for set in portal:"$PORTAL" la:"$LA" diag:"$DIAG"; do
		n=${set%%:*}
		p=${set#*:}
		# shellcheck disable=SC2086
		run "$tag-$n" $rep --format json "$p" || continue
		if [ "$n" = la ] && [ "$tag" = apps ]; then
			# AADServicePrincipalSignInLogs and AADManagedIdentitySignInLogs have no
			# AppDisplayName column (formats.md 3: only AppId and ServicePrincipalName), so
			# the LA export cannot name the apps of sign-ins 11 and 12: compare those two
			# rows without their name (and, as their tie-break may use the name, in app-id
			# order); every count and every other row is compared as is.
			norm='.apps |= ((map(if .app_id == "3f1c9e2a-7b4d-4c8e-9a6f-2d5b8e1c0a47"
			    or .app_id == "5a7d2c90-1e3b-4f6a-8c2d-9b0e4f1a3c65" then .app = null else . end))
			    | (map(select(.sign_ins > 1)) + (map(select(.sign_ins <= 1)) | sort_by(.app_id))))'
			jq -S "$norm" "$tmp/$tag.want" >"$tmp/$tag.want-la"
			jq -S "$norm" "$tmp/$tag-$n.out" >"$tmp/$tag.got"
			same "$rep: $p vs $JSON (SP/MI app names aside)" "$tmp/$tag.want-la" "$tmp/$tag.got"
			continue
		fi
		jq -S . "$tmp/$tag-$n.out" >"$tmp/$tag.got"
		same "$rep: $p vs $JSON" "$tmp/$tag.want" "$tmp/$tag.got"
	done
done

# ---- 3. all four sets together --------------------------------------------------------------------
# Each sign-in is read 4 times (portal CSV, LA CSV, JSON, diag) and kept once: read 48 (the
# AuthDetails rows are steps, not sign-ins), records 12, and 3 x 12 = 36 later copies, rejected 0.
# A later copy that fills in a field the first lacked (the LA table has no app name, the portal
# CSV no coordinates) is a revision, else a duplicate: duplicates 32 + revised 4 (the service
# principal and managed identity in the portal CSV, two diagnostic records), in the fields
# summary reads. Every copy holds the same data, so the rest is expected-summary.json.
jq -S '.read = 48 | .duplicates = 32 | .revised = 4' testdata/shapes/expected-summary.json >"$tmp/want.all"
if run all-ab summary --format json "$PORTAL" "$LA" "$JSON" "$DIAG"; then
	jq -S "$NOFILES" "$tmp/all-ab.out" >"$tmp/got.all"
	same "all four sets together vs expected (read 48, records 12, duplicates 32, revised 4)" "$tmp/want.all" "$tmp/got.all"
	[ "$(grep -c ' revise' "$tmp/all-ab.err")" = 3 ] ||
		{ echo "$me: all four sets: want 3 notes of revisions, got:"; cat "$tmp/all-ab.err"; bad=1; }
fi

# same bytes whatever the order of the arguments and the number of threads, for every report
ALL1="$PORTAL $LA $JSON $DIAG"
ALL2="$DIAG $JSON $LA $PORTAL"
ALL3="$LA/AADManagedIdentitySignInLogs.csv $DIAG $PORTAL/NonInteractiveSignIns_$SUF.csv $LA/SigninLogs.csv
$PORTAL/InteractiveSignIns_AuthDetails_$SUF.csv $JSON $LA/AADServicePrincipalSignInLogs.csv
$PORTAL/MSISignIns_$SUF.csv $PORTAL/InteractiveSignIns_$SUF.csv $LA/AADNonInteractiveUserSignInLogs.csv
$PORTAL/ApplicationSignIns_$SUF.csv"
for rep in summary "$@"; do
	# shellcheck disable=SC2086
	{
		"$bin" -j 1 $rep --format json $ALL1 >"$tmp/o1" 2>&1
		"$bin" -j 1 $rep --format json $ALL2 >"$tmp/o2" 2>&1
		"$bin" -j 4 $rep --format json $ALL1 >"$tmp/o3" 2>&1
		"$bin" -j 4 $rep --format json $ALL3 >"$tmp/o4" 2>&1
	}
	same "$rep: all sets, order 1 / reversed (-j 1)" "$tmp/o1" "$tmp/o2"
	same "$rep: all sets, -j 1 / -j 4" "$tmp/o1" "$tmp/o3"
	same "$rep: all sets, order 1 -j 1 / files one by one, shuffled, -j 4" "$tmp/o1" "$tmp/o4"
done
set +f
# and in text, for the summary (the per-file table must not depend on the order either)
# shellcheck disable=SC2086
{
	"$bin" -j 1 summary $ALL1 >"$tmp/t1" 2>&1
	"$bin" -j 4 summary $ALL2 >"$tmp/t2" 2>&1
}
same "summary (text): all sets, order 1 -j 1 / reversed -j 4" "$tmp/t1" "$tmp/t2"
exit $bad

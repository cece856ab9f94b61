#!/bin/sh
# public-samples.sh — the public diagnostic-settings samples (../shared/testdata-public, placed
# beside the clone by CI): every file is summarised without error and its counts add up.
LC_ALL=C
export LC_ALL
me='public-samples'
D=../shared/testdata-public
if [ ! -d "$D" ]; then
	echo "$me: skipped ($D not found)"
	exit 0
fi
[ -x ./signlog ] || { echo "$me: ./signlog not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0

# check NAME JQ-EXPRESSION: the summary of NAME must satisfy the expression
check() {
	if ! jq -e "$2" "$tmp/sum" >/dev/null; then
		echo "$me: $1: want $2, got:"
		jq -c '{read, records, duplicates, revised, rejected, skipped, id_conflicts, users, status, event_types}' "$tmp/sum"
		bad=1
	fi
}

n=0
for f in "$D"/*.jsonl; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=${f##*/}
	./signlog summary --format json "$f" >"$tmp/sum" 2>"$tmp/err"
	st=$?
	# a file in which no record is a sign-in may be reported as "not a sign-in export" (1)
	case $st:$name in
	0:* | 1:*time-format-corner-cases*) ;;
	*)
		echo "$me: $name: exit status $st"
		head -n 5 "$tmp/err"
		bad=1
		continue
		;;
	esac
	jq -e . "$tmp/sum" >/dev/null 2>&1 || { echo "$me: $name: output is not JSON"; bad=1; continue; }
	# how many JSON values the file holds (the last line may lack its newline)
	values=$(jq -c . "$f" | wc -l | tr -d ' ')
	check "$name" ".read == .records + .duplicates + .revised + .rejected + .skipped"
	check "$name" ".read == $values"
	check "$name" '.files | length == 1 and (.[0] | .read == .records + .duplicates + .revised + .rejected + .skipped)'
	case $name in
	*time-format-corner-cases*)
		# only "time" and "category": no identity, no status -> every record rejected
		check "$name" ".records == 0 and .rejected == $values and .first == null"
		;;
	*)
		# every other sample is complete: records = distinct request ids, and one more for
		# each other sign-in that reuses an id (a conflict)
		ids=$(jq -r '.properties.id' "$f" | sort -u | wc -l | tr -d ' ')
		check "$name" ".rejected == 0 and .skipped == 0 and .records == $ids + .id_conflicts
		    and .duplicates + .revised == $values - .records"
		;;
	esac
	case $name in
	entra-diag-serviceprincipal.elastic.jsonl)
		check "$name" '.records == 7 and .users == 0 and .event_types.serviceprincipal == .records'
		;;
	entra-diag-managedidentity.elastic.first5.jsonl)
		check "$name" '.users == 0 and .event_types.managedidentity == .records and .ips == 0'
		;;
	entra-diag-signinlogs-interactive.elastic.jsonl)
		check "$name" '.records == 2 and .users == 1 and .event_types.interactive == 2 and .status.success == 2'
		;;
	entra-diag-noninteractive.elastic.first6.jsonl)
		check "$name" '.event_types.noninteractive == .records'
		;;
	entra-diag-mixed-categories.elastic.jsonl)
		# five sign-in categories, one request id, one time: the SignInLogs record (user
		# test@elastic.co), the non-interactive one (another user) and the service principal
		# one (no user) are three sign-ins, two of them id conflicts; the Microsoft service
		# principal record is a duplicate of the service principal one, the managed identity
		# record a revision of it (another event type, the first is kept)
		check "$name" '.records == 3 and .id_conflicts == 2 and .duplicates == 1 and .revised == 1
		    and .event_types == {"interactive": 1, "noninteractive": 1, "serviceprincipal": 1, "managedidentity": 0, "unknown": 0}
		    and .status.interrupted == 3'
		;;
	entra-diag-offspec-time-durationstring.elastic.jsonl)
		# the envelope time is US-style; the sign-in has its own createdDateTime
		check "$name" '.records == 1 and .first == "2025-11-14T01:46:16Z"'
		;;
	esac
done
[ "$n" -gt 0 ] || { echo "$me: no *.jsonl in $D"; exit 1; }

# all files at once: the counts still add up, and ids shared between files are duplicates
total=$(jq -c . "$D"/*.jsonl | wc -l | tr -d ' ')
ids=$(jq -r 'select(.properties.id != null) | .properties.id' "$D"/*.jsonl | sort -u | wc -l | tr -d ' ')
./signlog summary --format json "$D"/*.jsonl >"$tmp/sum" 2>"$tmp/err"
st=$?
# status 1 is allowed only for the file without sign-ins (see above)
if [ "$st" -eq 0 ] || { [ "$st" -eq 1 ] &&
	! grep ': error: ' "$tmp/err" | grep -v -q 'time-format-corner-cases'; }; then
	check "all files" ".read == $total and .records == $ids + .id_conflicts
	    and .read == .records + .duplicates + .revised + .rejected + .skipped"
else
	echo "$me: all files: exit status $st"
	grep -v 'time-format-corner-cases' "$tmp/err" | head -n 5
	bad=1
fi
exit $bad

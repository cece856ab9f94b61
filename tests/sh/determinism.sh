#!/bin/sh
# determinism.sh — every report gives the same bytes (stdout and stderr) whatever the thread
# count and the order of the arguments, the de-duplication rule included.
status=0
for c in summary users "user emily.braun@contoso.com" active status "status --by app" failures \
	"failures --by ip" mfa apps ca risk locations clients "timeline emily.braun@contoso.com" list; do
	# shellcheck disable=SC2086
	a=$(./signlog -j 1 -f json $c testdata/demo testdata/reports testdata/bad/malformed-line.jsonl 2>&1 | cksum)
	# shellcheck disable=SC2086
	b=$(./signlog -j 4 -f json $c testdata/bad/malformed-line.jsonl testdata/reports testdata/demo 2>&1 | cksum)
	if [ "$a" != "$b" ]; then
		echo "determinism: '$c' differs between -j 1 and -j 4 with the files in another order"
		status=1
	fi
done
# the de-duplication rule: duplicates, revisions (the same sign-ins in several formats, a
# sign-in split over records), id conflicts and records of other logs give the same bytes
# whatever the order of the files and the threads (the first record in path order wins)
for c in summary "list --columns request-id,time,user,app,ip,risk-during,ca-policy,auth-method,status" ca mfa risk; do
	# shellcheck disable=SC2086
	a=$(./signlog -j 1 -f json $c testdata/hostile/dedup.jsonl testdata/hostile/other-logs.jsonl \
		testdata/csv/portal testdata/csv/la testdata/shapes/diag.jsonl testdata/shapes/portal-array.json 2>&1 | cksum)
	# shellcheck disable=SC2086
	b=$(./signlog -j 4 -f json $c testdata/shapes/portal-array.json testdata/shapes/diag.jsonl testdata/csv/la \
		testdata/csv/portal testdata/hostile/other-logs.jsonl testdata/hostile/dedup.jsonl 2>&1 | cksum)
	if [ "$a" != "$b" ]; then
		echo "determinism: de-duplication: '$c' differs between -j 1 and -j 4 with the files in another order"
		status=1
	fi
done
exit $status

#!/bin/sh
# determinism.sh — every report gives the same bytes (stdout and stderr) whatever the thread
# count and the order of the arguments.
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
exit $status

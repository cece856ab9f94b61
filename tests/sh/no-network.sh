#!/bin/sh
# no-network.sh — signlog makes no network system call: reports over files, a directory,
# gzip, CSV, standard input and an -o output run under strace, and not one socket, connect,
# sendto ... may appear (threads included). Skipped when strace is not installed (.ci/install-deps
# installs it in CI). The trace also records openat, and each run must show its input opened:
# a trace that records nothing (strace not tracing here) fails instead of passing.
if ! command -v strace >/dev/null 2>&1; then
	echo "no-network: strace not installed, test skipped"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signlog-nonet.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

# run NAME INPUT-THAT-MUST-BE-OPENED SIGNLOG-ARGS... (stdin from $stdin)
run() {
	name=$1 opened=$2
	shift 2
	if ! strace -f -qq -e trace=network,openat -o "$tmp/trace" ./signlog "$@" <"$stdin" >/dev/null 2>"$tmp/err"; then
		if [ ! -s "$tmp/trace" ]; then
			echo "no-network: $name: strace failed:"
			head -n 5 "$tmp/err"
			status=1
			return
		fi
	fi
	if ! grep -q "openat(.*\"$opened" "$tmp/trace"; then
		echo "no-network: $name: the trace does not show $opened opened (is strace tracing?)"
		status=1
	fi
	if grep -v -e 'openat(' -e '+++ exited' -e '--- SIG' "$tmp/trace" | grep -q .; then
		echo "no-network: $name: network system calls:"
		grep -v -e 'openat(' -e '+++ exited' -e '--- SIG' "$tmp/trace" | head -n 10
		status=1
	fi
}

stdin=/dev/null
run "directory" testdata/tree/sub/b.json -j 4 summary testdata/tree
run "gzip file" testdata/shapes/multi.json.gz status --by day testdata/shapes/multi.json.gz
run "portal CSV with steps" testdata/csv/portal/InteractiveSignIns_AuthDetails -f json mfa testdata/csv/portal
run "JSON array, -o file" testdata/demo/SignIns -f csv -o "$tmp/report.csv" failures --by ip testdata/demo
run "filters" testdata/filters/signins.jsonl list --match 'user-agent~(?i)edge' --ip 10.0.0.0/8 testdata/filters/signins.jsonl
stdin=testdata/shapes/jsonl.jsonl.gz
# standard input opens no input by name: the shared libraries opened at start show the
# tracing works; the gzip reader runs on fd 0
run "gzip on standard input" "/" -f json users -
exit $status

#!/bin/sh
# mandoc-lint.sh — the manual page has no mandoc warning.
me='mandoc-lint'
man=man/signlog.1
[ -f "$man" ] || { echo "$me: $man is missing"; exit 1; }
command -v mandoc >/dev/null 2>&1 || { echo "$me: mandoc not installed (make deps)"; exit 1; }
out=$(mandoc -Tlint -Wwarning "$man" 2>&1)
st=$?
if [ "$st" -ne 0 ] || [ -n "$out" ]; then
	echo "$me: mandoc -Tlint -Wwarning $man (exit status $st):"
	printf '%s\n' "$out" | head -n 20
	exit 1
fi
exit 0

#!/bin/sh
# help-in-man.sh — every long option that `signlog --help` prints is documented in signlog(1).
LC_ALL=C
export LC_ALL
me='help-in-man'
man=man/signlog.1
[ -x ./signlog ] || { echo "$me: ./signlog not built"; exit 1; }
[ -f "$man" ] || { echo "$me: $man is missing"; exit 1; }
help=$(./signlog --help) || { echo "$me: signlog --help failed"; exit 1; }
opts=$(printf '%s\n' "$help" | grep -o -- '--[a-zA-Z0-9][a-zA-Z0-9-]*' | sed 's/^--//' | sort -u)
[ -n "$opts" ] || { echo "$me: signlog --help lists no long option"; exit 1; }
bad=0
for o in $opts; do
	# mdoc: ".Fl \-format" / "Fl -format"; man(7): "\-\-format" (or a plain --format)
	if ! grep -E -q -- "(Fl[[:space:]]+\\\\?-|\\\\-\\\\-|--)$o([^a-zA-Z0-9-]|\$)" "$man"; then
		echo "$me: --$o is in --help but not in $man"
		bad=1
	fi
done
exit $bad

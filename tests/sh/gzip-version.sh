#!/bin/sh
# gzip-version.sh — `signlog --version` names the gzip inflater the binary really uses: ISA-L
# exactly when it is linked with libisal, zlib otherwise. SIGNLOG: the binary to test;
# SIGNLOG_INFLATE=zlib (make check-zlib): it must be the zlib build.
LC_ALL=C
export LC_ALL
bin=${SIGNLOG:-./signlog}
me='gzip-version'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
v=$("$bin" --version) || { echo "$me: $bin --version failed"; exit 1; }
case $v in
"signlog "*" (inflate: ISA-L"*")") said=isal ;;
"signlog "*" (inflate: zlib "*")") said=zlib ;;
*) echo "$me: unexpected version line: $v"; exit 1 ;;
esac
if ! command -v ldd >/dev/null 2>&1; then
	echo "$me: no ldd; only the format of the line was checked"
	exit 0
fi
links=$(ldd "$bin" 2>&1)
case $links in
*"not a dynamic executable"*) exit 0 ;; # a static binary: nothing to compare with
*libisal*) linked=isal ;;
*) linked=zlib ;;
esac
if [ "$said" != "$linked" ]; then
	echo "$me: $bin says \"$v\" but is linked with $linked"
	exit 1
fi
if [ "${SIGNLOG_INFLATE:-}" = zlib ] && [ "$said" != zlib ]; then
	echo "$me: $bin should be the zlib build, but says \"$v\""
	exit 1
fi
exit 0

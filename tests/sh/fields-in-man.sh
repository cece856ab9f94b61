#!/bin/sh
# Every field of the registry (include/fields.def) is documented in FIELDS of man/signlog.1.
status=0
for name in $(sed -n 's/^X([A-Z_]*, *"\([^"]*\)".*/\1/p' include/fields.def); do
	if ! grep -qx ".It Cm $name" man/signlog.1; then
		echo "fields-in-man: field '$name' is not documented in man/signlog.1 (FIELDS)"
		status=1
	fi
done
n=$(grep -c '^X(' include/fields.def)
[ "$n" -gt 60 ] || { echo "fields-in-man: only $n fields found in include/fields.def"; status=1; }
exit $status

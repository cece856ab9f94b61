t=$(mktemp) && { signlog summary --format json -o "$t" testdata/shapes/portal-array.json; s=$?; echo "exit $s"; cat "$t"; rm -f "$t"; exit $s; }

d=$(mktemp -d) && { signlog -f csv -o "$d/t/" summary testdata/shapes/jsonl.jsonl; echo "exit $?"; ls "$d/t"; cat "$d/t/summary.csv" "$d/t/mfa.csv"; rm -rf "$d"; }

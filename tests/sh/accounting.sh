#!/bin/sh
# accounting.sh — the read identity of signlog(1) (Read) holds for every fixture in testdata/,
# each file alone and each directory whole: read = records + duplicates + revised + rejected
# + skipped in every row of the files table and in the total, the total is the sum of the
# rows, id_conflicts are among the records, and records equals the sign-ins the report covers.
LC_ALL=C
export LC_ALL
bin=${SIGNLOG:-./signlog}  # SIGNLOG: another build (make check-zlib)
me='accounting'
[ -x "$bin" ] || { echo "$me: $bin not built"; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "$me: jq not installed"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
bad=0
n=0

IDENT='def sum(f): [.files[] | f] | add // 0;
	def ok: .read == .records + .duplicates + .revised + .rejected + .skipped and .id_conflicts <= .records;
	ok and all(.files[]; ok)
	and .read == sum(.read) and .records == sum(.records) and .duplicates == sum(.duplicates)
	and .revised == sum(.revised) and .rejected == sum(.rejected) and .skipped == sum(.skipped)
	and .id_conflicts == sum(.id_conflicts)
	and .records == (.status | add) and .records == (.event_types | add)
	and .skipped == ([.skipped_categories[].records] | add // 0)'

for p in $(find testdata/ -type f ! -name '*.md' ! -name 'EXPECTED*' ! -name 'expected-*' | sort) \
	$(find testdata/ -mindepth 1 -maxdepth 2 -type d | sort); do
	n=$((n + 1))
	# a file of authentication steps alone is an error with no sign-in: still accounted
	"$bin" -q -j 2 -f json summary "$p" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -gt 1 ]; then
		echo "$me: signlog summary $p: exit status $st"
		head -n 3 "$tmp/err"
		bad=1
		continue
	fi
	if ! jq -e "$IDENT" "$tmp/out" >/dev/null 2>&1; then
		echo "$me: $p: the counts do not add up:"
		jq -c '{read, records, duplicates, revised, rejected, skipped, id_conflicts}, (.files[] |
			{file, read, records, duplicates, revised, rejected, skipped, id_conflicts})' "$tmp/out" 2>/dev/null |
			head -n 5 || head -c 300 "$tmp/out"
		bad=1
	fi
done
[ "$n" -gt 50 ] || { echo "$me: only $n inputs found"; bad=1; }
exit $bad

#!/bin/sh
# seeds.sh DIR — build the seed corpus of every fuzz target in DIR/TARGET/ from the fixtures in
# testdata/ (and the test sources' literals), so that no fixture is kept twice in the
# repository. Run from the repository root (make fuzz does). Each target's input format is
# described at the top of its tests/fuzz/fuzz_TARGET.c; a leading byte that selects a mode is
# written as one of a few fixed values.
set -eu
out=${1:?usage: seeds.sh DIR}
rm -rf "$out"
mkdir -p "$out"

# put TARGET PREFIX FILE...: one seed per file, PREFIX (printf format, may be empty) first
put() {
	t=$1 pre=$2
	shift 2
	mkdir -p "$out/$t"
	for f in "$@"; do
		[ -f "$f" ] || continue
		n=$(printf '%s' "$pre$f" | cksum | cut -d' ' -f1)
		{ printf "$pre"; cat "$f"; } >"$out/$t/$n"
	done
}

json=$(find testdata -type f \( -name '*.json' -o -name '*.jsonl' \) ! -name 'expected-*' | sort)
csv=$(find testdata -type f -name '*.csv' | sort)
gz=$(find testdata -type f -name '*.gz' | sort)

# the scanner and the JSON reader: a mode byte, then a file
# shellcheck disable=SC2086
for m in '\000' '\001' '\002' '\003'; do put json_scan "$m" $json; done
# shellcheck disable=SC2086
put read_json '' $json

# CSV through the ingest: a mode byte (file name, date order, AuthDetails pair), then a file;
# the portal download's sign-ins and its AuthDetails file are also joined in one seed
# shellcheck disable=SC2086
for m in '\000' '\001' '\002' '\003' '\010' '\020'; do put read_csv "$m" $csv; done
p=testdata/csv/portal
if [ -f "$p/InteractiveSignIns_2026-03-01_2026-03-21.csv" ]; then
	{ printf '\004'; cat "$p/InteractiveSignIns_2026-03-01_2026-03-21.csv"; printf '\n\f--8<--\f\n';
	  cat "$p/InteractiveSignIns_AuthDetails_2026-03-01_2026-03-21.csv"; } >"$out/read_csv/portal-pair"
fi

# the input path: a mode byte (memfd or pipe, read sizes), then the bytes of a file, gzip or not
# shellcheck disable=SC2086
for m in '\000' '\001' '\002' '\003'; do put input "$m" $gz; done
# shellcheck disable=SC2086
put input '\000' testdata/shapes/jsonl.jsonl testdata/shapes/bom.json testdata/bad/image.png

# the time parser: every time spelling in the fixtures and in the unit tests
mkdir -p "$out/time"
{
	# shellcheck disable=SC2086
	grep -ohE '"(createdDateTime|time|TimeGenerated|CreatedDateTime)": ?"[^"]{1,60}"' $json |
		sed 's/^"[A-Za-z]*": *"//; s/"$//'
	grep -ohE '"[0-9/]{1,4}[-/][^"]{1,50}"' tests/unit_time.c | sed 's/^"//; s/"$//'
	grep -ohE '\\?/Date\([^)]{0,30}\)\\?/' tests/unit_time.c testdata -r 2>/dev/null || true
} | sort -u | head -n 400 | while IFS= read -r s; do
	n=$(printf '%s' "$s" | cksum | cut -d' ' -f1)
	printf '%s' "$s" >"$out/time/$n"
done

# filters: one option per line ("name value" or "name"), from the tests' command lines
mkdir -p "$out/filter"
grep -ohE -- "--(user|status|app|resource|ca-status|ip|country|city|os|browser|client-app|legacy|modern|credential-type|event-type|error-code|risk|mfa|single-factor|since|until|where|match)( '[^']*'| [^ '-][^ ]*|)" \
	tests/sh/filters.sh tests/golden/*.cmd 2>/dev/null | sort -u | while IFS= read -r o; do
	line=$(printf '%s' "${o#--}" | sed "s/ '\(.*\)'$/ \1/")
	n=$(printf '%s' "$line" | cksum | cut -d' ' -f1)
	printf '%s\n' "$line" >"$out/filter/$n"
done
# a few combined
printf 'country NL\nstatus success\nsince 2026-03-05\n' >"$out/filter/combined-1"
printf 'match user-agent~(?i)edge\nwhere country!=US\nip 10.0.0.0/8\n' >"$out/filter/combined-2"

for t in "$out"/*; do
	echo "seeds: ${t##*/}: $(find "$t" -type f | wc -l) files"
done

# signlog — offline analyzer for Microsoft Entra ID sign-in log exports.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS     = zlib jansson libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
CFLAGS  ?= -O2 -g
# B: the build directory. `make asan` and `make fuzz` build the same sources in their own
# (build-asan/, build-fuzz/), so that the normal build in build/ is never cleaned for them.
B       ?= build
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Iinclude -I$(B) $(WARN) $(PKG_CFLAGS) $(CFLAGS) -pthread
LIBS     = $(PKG_LIBS) -lcsv -lpthread -lm

SRCS := $(sort $(wildcard src/*.c))
OBJS := $(SRCS:src/%.c=$(B)/%.o)
LIBOBJS := $(filter-out $(B)/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/%.c=$(B)/%)
# every fuzz target is also built as a plain program that replays its regression inputs
# (testdata/fuzz/TARGET/) in make check: tests/fuzz/replay.c
FUZZ_TARGETS := $(filter-out util,$(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
REPLAY_BINS := $(FUZZ_TARGETS:%=$(B)/replay_%)
# the program: ./signlog, or $(B)/root/signlog in a sanitizer build (see asan)
BIN     ?= signlog

.PHONY: all dev asan check demo deps install static clean update-golden units fuzz fuzz-bins fuzz-run
all: signlog

deps:
	@sh .ci/install-deps

$(B)/%.o: src/%.c $(wildcard include/*.h include/*.def) | $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B):
	@mkdir -p $(B)

# The error-code name table is generated from a data file at build time.
$(B)/codes.inc: src/aadsts-codes.tsv | $(B)
	awk -F'\t' 'NR>1 && $$1 ~ /^[0-9]+$$/ { printf "{%s, \"%s\"},\n", $$1, $$2 }' $< > $@

# The project's own explanations and first remediation steps, generated the same way
# (" and \ are escaped: the fields are C string literals).
$(B)/explain.inc: src/aadsts-explain.tsv | $(B)
	awk -F'\t' 'NR>1 && $$1 ~ /^[0-9]+$$/ { for (i = 2; i <= 3; i++) { gsub(/\\/, "&&", $$i); gsub(/"/, "\\\"", $$i) } printf "{%s, \"%s\", \"%s\"},\n", $$1, $$2, $$3 }' $< > $@

$(B)/codes.o: $(B)/codes.inc $(B)/explain.inc
$(B)/%: tests/%.c $(B)/libsignlog.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libsignlog.a $(LIBS)

$(B)/libsignlog.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $(LIBOBJS)

$(BIN): $(B)/main.o $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(B)/main.o $(LIBOBJS) $(LIBS)

$(B)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h tests/row_compare.h $(B)/libsignlog.a
	$(CC) $(ALL_CFLAGS) -Itests -Itests/fuzz -DFUZZ_TARGET='"$*"' -o $@ $< tests/fuzz/replay.c tests/fuzz/fuzz_util.c \
		$(B)/libsignlog.a $(LIBS)

units: $(UNIT_BINS) $(REPLAY_BINS)

dev:
	$(MAKE) CFLAGS='-O2 -g -Werror' all

# The whole test suite against a sanitized build in build-asan/: a sanitizer report fails
# the run (UBSan does not recover; an ASan report changes the output the tests compare and
# the exit status). The tests run from build-asan/root, a tree of links to this one whose
# ./signlog is the sanitized program; ../shared (public samples, when present) is linked
# beside it.
ASAN_B     = build-asan
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan: deps
	$(MAKE) B=$(ASAN_B) BIN=$(ASAN_B)/root/signlog CFLAGS='$(ASAN_FLAGS) -Werror' $(ASAN_B)/root/signlog units
	@cd $(ASAN_B)/root && for f in $(filter-out build build-% signlog,$(wildcard *)); do ln -sfn ../../$$f $$f; done
	@if [ -d ../shared ]; then ln -sfn "$$(cd ../shared && pwd)" $(ASAN_B)/shared; fi
	@cd $(ASAN_B)/root && ASAN_OPTIONS=abort_on_error=0:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run $(UNIT_SRCS:tests/%.c=../%) $(FUZZ_TARGETS:%=../replay_%)

check: deps
	$(MAKE) CFLAGS='$(CFLAGS) -Werror' signlog $(UNIT_BINS) $(REPLAY_BINS)
	@sh tests/run $(UNIT_BINS) $(REPLAY_BINS)

update-golden: signlog
	@UPDATE_GOLDEN=1 sh tests/run

demo: deps signlog
	./signlog summary testdata/demo/

static:
	$(MAKE) clean
	$(MAKE) LIBS='-static $(PKG_LIBS) -lcsv -lpthread -lm' signlog
	@ldd ./signlog 2>&1 | grep -q 'not a dynamic executable' && echo 'signlog: static binary ok'

install: signlog
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 signlog $(DESTDIR)$(PREFIX)/bin/signlog
	install -m 644 man/signlog.1 $(DESTDIR)$(PREFIX)/share/man/man1/signlog.1

# libFuzzer targets (tests/fuzz/, see tests/fuzz/README.md): the library objects built with
# clang and -fsanitize=fuzzer-no-link,address,undefined in build-fuzz/, each target linked
# with -fsanitize=fuzzer, and the seed corpora made from testdata/ in build-fuzz/seeds/.
# `make fuzz-run T=json_scan SECS=600` runs one target; its finds go to build-fuzz/corpus/T.
FUZZ_B     = build-fuzz
FUZZ_CC    = clang
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_BINS  := $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)
T    ?= json_scan
SECS ?= 600
fuzz:
	$(MAKE) B=$(FUZZ_B) CC=$(FUZZ_CC) CFLAGS='$(FUZZ_FLAGS)' fuzz-bins
	@sh tests/fuzz/seeds.sh $(FUZZ_B)/seeds
fuzz-bins: $(FUZZ_BINS)
$(FUZZ_B)/fuzz_util.o: tests/fuzz/fuzz_util.c tests/fuzz/fuzz.h | $(FUZZ_B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/row_compare.h $(FUZZ_B)/fuzz_util.o $(FUZZ_B)/libsignlog.a
	$(CC) $(ALL_CFLAGS) -Itests -Itests/fuzz -fsanitize=fuzzer -o $@ $< $(FUZZ_B)/fuzz_util.o $(FUZZ_B)/libsignlog.a $(LIBS)
# inputs up to 64 KiB: larger ones only slow the search down (the seeds are cut there)
fuzz-run: fuzz
	@mkdir -p $(FUZZ_B)/corpus/$(T)
	$(FUZZ_B)/fuzz_$(T) -max_total_time=$(SECS) -max_len=65536 -timeout=10 -rss_limit_mb=4096 -close_fd_mask=3 \
		-artifact_prefix=$(FUZZ_B)/crash-$(T)- $(FUZZ_B)/corpus/$(T) $(FUZZ_B)/seeds/$(T)

clean:
	rm -rf build build-asan build-fuzz signlog

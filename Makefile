# signlog — offline analyzer for Microsoft Entra ID sign-in log exports.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS     = zlib jansson libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild $(WARN) $(PKG_CFLAGS) $(CFLAGS) -pthread
LIBS     = $(PKG_LIBS) -lcsv -lpthread -lm

SRCS := $(sort $(wildcard src/*.c))
OBJS := $(SRCS:src/%.c=build/%.o)
LIBOBJS := $(filter-out build/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/%.c=build/%)

.PHONY: all dev asan check demo deps install static clean update-golden contract FORCE
all: signlog

deps:
	@sh .ci/install-deps

build/%.o: src/%.c $(wildcard include/*.h include/*.def src/*.def) build/cflags | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build:
	@mkdir -p build

# The flags the objects were built with: when they change (`make check` after `make demo`
# adds -Werror), every object is rebuilt instead of linking stale ones.
build/cflags: FORCE | build
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' > $@

# The error-code name table is generated from a data file at build time.
build/codes.inc: src/aadsts-codes.tsv | build
	awk -F'\t' 'NR>1 && $$1 ~ /^[0-9]+$$/ { printf "{%s, \"%s\"},\n", $$1, $$2 }' $< > $@

# The project's own explanations and first remediation steps, generated the same way
# (" and \ are escaped: the fields are C string literals).
build/explain.inc: src/aadsts-explain.tsv | build
	awk -F'\t' 'NR>1 && $$1 ~ /^[0-9]+$$/ { for (i = 2; i <= 3; i++) { gsub(/\\/, "&&", $$i); gsub(/"/, "\\\"", $$i) } printf "{%s, \"%s\", \"%s\"},\n", $$1, $$2, $$3 }' $< > $@

build/codes.o: build/codes.inc build/explain.inc
# The output-contract checker (tests/sh/shape.sh) uses only jansson and libcsv, not signlog's code.
build/shapecheck: tests/shapecheck.c build/cflags | build
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)
build/%: tests/%.c build/libsignlog.a build/cflags
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libsignlog.a $(LIBS)

build/libsignlog.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $(LIBOBJS)

signlog: build/main.o $(LIBOBJS)
	$(CC) $(ALL_CFLAGS) -o $@ build/main.o $(LIBOBJS) $(LIBS)

dev:
	$(MAKE) CFLAGS='-O2 -g -Werror' all

asan:
	$(MAKE) clean
	TEST_TIMEOUT=600 $(MAKE) CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' check

check: deps
	$(MAKE) CFLAGS='$(CFLAGS) -Werror' signlog $(UNIT_BINS) build/shapecheck
	@sh tests/run $(UNIT_BINS)

update-golden: signlog
	@UPDATE_GOLDEN=1 sh tests/run

# The OUTPUT CONTRACT section of the man page, from the program (signlog schema).
contract: signlog
	@sh tests/contract.sh --write ./signlog

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

clean:
	rm -rf build signlog

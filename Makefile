# signlog — offline analyzer for Microsoft Entra ID sign-in log exports.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS     = zlib jansson libpcre2-8 nettle
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

.PHONY: all dev asan check demo deps install static clean update-golden
all: signlog

deps:
	@sh .ci/install-deps

build/%.o: src/%.c $(wildcard include/*.h include/*.def) | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build:
	@mkdir -p build

# The error-code name table is generated from a data file at build time.
build/codes.inc: src/aadsts-codes.tsv | build
	awk -F'\t' 'NR>1 && $$1 ~ /^[0-9]+$$/ { printf "{%s, \"%s\"},\n", $$1, $$2 }' $< > $@

# The project's own explanations and first remediation steps, generated the same way
# (" and \ are escaped: the fields are C string literals).
build/explain.inc: src/aadsts-explain.tsv | build
	awk -F'\t' 'NR>1 && $$1 ~ /^[0-9]+$$/ { for (i = 2; i <= 3; i++) { gsub(/\\/, "&&", $$i); gsub(/"/, "\\\"", $$i) } printf "{%s, \"%s\", \"%s\"},\n", $$1, $$2, $$3 }' $< > $@

build/codes.o: build/codes.inc build/explain.inc
build/%: tests/%.c build/libsignlog.a
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libsignlog.a $(LIBS)

build/libsignlog.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $(LIBOBJS)

# The tests' traffic generator (a month of ordinary sign-ins, optionally with attacks).
build/traffic: tests/traffic.c | build
	$(CC) -std=c11 $(WARN) $(CFLAGS) -o $@ $< -lm

signlog: build/main.o $(LIBOBJS)
	$(CC) $(ALL_CFLAGS) -o $@ build/main.o $(LIBOBJS) $(LIBS)

dev:
	$(MAKE) CFLAGS='-O2 -g -Werror' all

asan:
	$(MAKE) clean
	$(MAKE) CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' check

check: deps
	$(MAKE) CFLAGS='$(CFLAGS) -Werror' signlog $(UNIT_BINS) build/traffic
	@sh tests/run $(UNIT_BINS)

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

clean:
	rm -rf build signlog

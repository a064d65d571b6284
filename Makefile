# gridkit — one non-recursive Makefile.
#
#   make            build the programs and libgridkit.a
#   make check      unit tests, black-box tests, man page lint
#   make demo       a realistic day of a county centre on a demo database
#   make bench      benchmarks against sqlite3 baselines (slow)
#   make bench-pg   PostgreSQL against psql on a throw-away cluster (slow)
#   make check-stress  crashes, I/O faults, concurrency and fuzzing at
#                   full size (slow; make check runs them small)
#   make check-valgrind  the test suite with every program under valgrind
#   make install    PREFIX=/usr/local DESTDIR=
#   make uninstall  the same PREFIX and DESTDIR: removes what install put
#
# User CFLAGS are respected; the warnings below are always added.
# DEVELOPER=1 adds -Werror; SANITIZE=address,undefined builds with sanitizers.
# Changing the compiler, the flags or the paths compiled in (PREFIX,
# SHAREDIR, SYSCONFDIR) rebuilds everything, so `make PREFIX=/a && make
# PREFIX=/b install` installs programs built for /b.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/gridkit
SYSCONFDIR ?= /etc
LOCALEDIR ?= $(PREFIX)/share/locale
PKG_CONFIG ?= pkg-config
CC       ?= cc
CFLAGS   ?= -O2 -g
VERSION  := 0.1.0

PKGS     := sqlite3 libpq yaml-0.1 jansson libutf8proc libcrypto libzip \
            expat xlsxwriter
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wmissing-format-attribute -Wno-unused-parameter -Wvla \
            -Wpointer-arith -Wno-missing-field-initializers
# (Members left out of an initializer are zero, as C says; a column
# {"name", RC_STR} needs no third member to say it has no word list.)
ifeq ($(DEVELOPER),1)
WARN     += -Werror
endif
ifneq ($(SANITIZE),)
SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
endif

PKG_MISSING := $(shell $(PKG_CONFIG) --exists $(PKGS) 2>/dev/null || echo y)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS  = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Ilib \
              -DGRIDKIT_VERSION='"$(VERSION)"' \
              -DGRIDKIT_SHAREDIR='"$(SHAREDIR)"' \
              -DGRIDKIT_SYSCONFDIR='"$(SYSCONFDIR)"' \
              -DGRIDKIT_LOCALEDIR='"$(LOCALEDIR)"' \
              $(PKG_CFLAGS) -MMD -MP
# --as-needed: a library nothing calls yet (libcrypto, until the SM3
# archive) is not loaded at every start of a program.
ALL_LDFLAGS = -Wl,--as-needed $(LDFLAGS) $(SANFLAGS)

# Quiet by default; V=1 shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

PROGS    := grid-define staff-hire event-report case-route roster-audit payroll-check
LIB_SRC  := $(sort $(wildcard lib/*.c))
LIB_OBJ  := $(LIB_SRC:.c=.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:.c=)
CLI_T    := $(sort $(wildcard tests/cli/*.t))
STRESS_T := $(sort $(wildcard tests/stress/*.t))
# The I/O fault shim the stress tests preload (tests/stress/faultio.c).
FAULTIO  := tests/stress/faultio.so
MANPAGES := $(sort $(wildcard man/*.[1-9]))
CALENDARS := $(sort $(wildcard etc/calendar/*.cal))
CASEDATA := $(sort $(wildcard etc/case/*.tsv))
TOOLS    := scripts/gen-province
# Translations: po/LANG.po, built beside the programs as
# locale/LANG/LC_MESSAGES/gridkit.mo (where a build tree finds them).
PO       := $(sort $(wildcard po/*.po))
MO       := $(patsubst po/%.po,locale/%/LC_MESSAGES/gridkit.mo,$(PO))
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C -k_ -kN_ -kP_ -kPN_:1,2 -kNN_:1,2 -kC_:1c,2 \
            -kNC_:1c,2 --add-comments=TRANSLATORS: --package-name=gridkit \
            --package-version=$(VERSION) --no-wrap --sort-by-file

all: $(PROGS) $(MO)

# BUILD-FLAGS holds the compiler and every flag; it is rewritten only
# when they change, and everything built depends on it (git's GIT-CFLAGS).
BUILD_FLAGS = $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)
BUILD-FLAGS: FORCE
	@flags='$(subst ','\'',$(BUILD_FLAGS))'; \
	if [ "$$flags" != "$$(cat $@ 2>/dev/null)" ]; then \
	    printf '%s\n' "$$flags" >$@; fi

libgridkit.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(PROGS): %: cmd/%.o libgridkit.a BUILD-FLAGS
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< libgridkit.a $(PKG_LIBS) -lm

# Without the libraries the compiler would print a page of undefined
# references; say what is missing and how to get it instead.
need-pkgs:
	@if [ -n "$(PKG_MISSING)" ]; then \
	    echo "gridkit: the build needs the -dev packages of: $(PKGS);" \
	        "run scripts/deps (make check and make demo run it)" >&2; \
	    exit 1; fi

%.o: %.c BUILD-FLAGS | need-pkgs
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

tests/unit/test_%: tests/unit/test_%.o libgridkit.a BUILD-FLAGS
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< libgridkit.a $(PKG_LIBS) $(CMOCKA_LIBS) -lm

scripts/gen-province: scripts/gen-province.o BUILD-FLAGS
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $<

locale/%/LC_MESSAGES/gridkit.mo: po/%.po
	$(say) MSGFMT $@
	$(Q)mkdir -p $(dir $@) && msgfmt --check -o $@ $<

# The template from the sources, and each translation brought up to
# date with it (new messages untranslated, gone ones kept as obsolete).
pot:
	xgettext $(XGETTEXT_FLAGS) -o po/gridkit.pot $(LIB_SRC) cmd/*.c
	for po in $(PO); do msgmerge --quiet --update --backup=none \
	    --no-wrap "$$po" po/gridkit.pot; done

# Every message marked in the sources has its translation in each
# catalogue (msgcmp), and the catalogues are well-formed (msgfmt).
check-po:
	@tmp=tests/tmp/gridkit.pot; mkdir -p tests/tmp && \
	xgettext $(XGETTEXT_FLAGS) -o $$tmp $(LIB_SRC) cmd/*.c && \
	for po in $(PO); do \
	    msgfmt --check -o /dev/null "$$po" && \
	    msgcmp "$$po" $$tmp || exit 1; \
	done; \
	echo "translations: $(words $(PO)) complete, $$(grep -c '^msgid ' $$tmp) messages"

deps:
	@scripts/deps

# The unit tests, the black-box tests, the man pages, then install and
# uninstall.
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(TOOLS) $(FAULTIO) \
	    $(FUZZ_REPLAY)
	@scripts/run-tests $(UNIT_BIN) $(CLI_T) $(STRESS_T)
	@scripts/manlint $(MANPAGES)
	@$(MAKE) --no-print-directory check-po
	@$(MAKE) --no-print-directory check-install

# The black-box tests again against PostgreSQL: a throw-away cluster
# (pg_virtualenv), a database per test (scripts/check-pg).
check-pg: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(TOOLS) $(FAULTIO) \
	    $(FUZZ_REPLAY)
	@scripts/check-pg $(CLI_T) $(STRESS_T)

check-unit: all $(UNIT_BIN)
	@scripts/run-tests $(UNIT_BIN)

check-cli: all $(UNIT_BIN)
	@scripts/run-tests $(CLI_T)

# The stress tests at full size (tests/stress/lib.sh says what each
# size means), then every fuzz target for STRESS_FUZZ_SECONDS.
STRESS_FUZZ_SECONDS ?= 300
check-stress: deps
	@$(MAKE) --no-print-directory all $(TOOLS) $(FAULTIO)
	@STRESS_ROWS=100000 STRESS_TRIALS=100 STRESS_FAULTS=400 \
	    STRESS_SECONDS=60 scripts/run-tests $(STRESS_T)
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(STRESS_FUZZ_SECONDS)

# The unit and black-box tests with every program and unit test run
# under valgrind (memcheck): an error or a leak fails the test.
check-valgrind: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(TOOLS) $(FUZZ_REPLAY)
	@command -v valgrind >/dev/null || { echo "make check-valgrind" \
	    "needs valgrind: sudo apt-get install valgrind" >&2; exit 1; }
	@GRIDKIT_VALGRIND=1 scripts/run-tests $(UNIT_BIN) $(CLI_T)

$(FAULTIO): tests/stress/faultio.c BUILD-FLAGS
	$(say) LINK $@
	$(Q)$(CC) -shared -fPIC -std=c11 $(WARN) -O1 -o $@ $< -ldl

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

bench: deps
	@$(MAKE) --no-print-directory all $(TOOLS)
	@scripts/bench
	@scripts/bench-cases
	@scripts/bench-payroll
	@scripts/bench-roster

bench-pg: deps
	@$(MAKE) --no-print-directory all $(TOOLS)
	@scripts/bench-pg

# Coverage-guided fuzzing with clang's libFuzzer, FUZZ_SECONDS per target
# (not part of check: it runs as long as it is given).  The library is
# compiled once for all targets.  An input that fails is left as
# tests/tmp/fuzz/TARGET-crash-...: mend the bug and keep the input in
# tests/fuzz/regressions, which make check replays (replay-TARGET).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_REPLAY  := $(FUZZ_TARGETS:%=tests/fuzz/replay-%)
FUZZ_CFLAGS   = -g -O1 -std=c11 -D_GNU_SOURCE -Ilib $(PKG_CFLAGS) \
                -DGRIDKIT_VERSION='"$(VERSION)"' \
                -DGRIDKIT_SHAREDIR='"$(SHAREDIR)"' \
                -DGRIDKIT_SYSCONFDIR='"$(SYSCONFDIR)"' \
                -DGRIDKIT_LOCALEDIR='"$(LOCALEDIR)"'
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs clang" \
	    "(libFuzzer): sudo apt-get install clang" >&2; exit 1; }
	@mkdir -p tests/tmp/fuzz/obj
	@echo "  CLANG  lib (fuzzer, address, undefined)"
	@for c in $(LIB_SRC); do \
	    o=tests/tmp/fuzz/obj/$$(basename $$c .c).o; \
	    clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined \
	        -c -o $$o $$c || exit 1; \
	done
	@for t in $(FUZZ_TARGETS); do \
	    echo "  FUZZ   $$t ($(FUZZ_SECONDS) s)"; \
	    clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
	        -o tests/tmp/fuzz/$$t tests/fuzz/$$t.c tests/tmp/fuzz/obj/*.o \
	        $(PKG_LIBS) -lm || exit 1; \
	    mkdir -p tests/tmp/fuzz/$$t.corpus; \
	    tests/tmp/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) \
	        -print_final_stats=1 -artifact_prefix=tests/tmp/fuzz/$$t- \
	        tests/tmp/fuzz/$$t.corpus tests/fuzz/seeds \
	        2>tests/tmp/fuzz/$$t.log || \
	        { tail -40 tests/tmp/fuzz/$$t.log; exit 1; }; \
	    grep -E "stat::number_of_executed_units|stat::peak_rss" \
	        tests/tmp/fuzz/$$t.log; \
	done

tests/fuzz/replay-%: tests/fuzz/%.o tests/fuzz/replay.o libgridkit.a BUILD-FLAGS
	$(say) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.o libgridkit.a \
	    $(PKG_LIBS) -lm

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(SHAREDIR)/calendar $(DESTDIR)$(SHAREDIR)/case
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 $(filter %.1,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(filter %.5,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(filter %.7,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man7
	install -m 644 etc/gridkit.yaml $(DESTDIR)$(SHAREDIR)/gridkit.yaml.example
	install -m 644 $(CALENDARS) $(DESTDIR)$(SHAREDIR)/calendar
	install -m 644 $(CASEDATA) $(DESTDIR)$(SHAREDIR)/case
	for mo in $(MO); do \
	    d=$(DESTDIR)$(LOCALEDIR)/$$(echo $$mo | cut -d/ -f2)/LC_MESSAGES; \
	    install -d $$d && install -m 644 $$mo $$d/gridkit.mo || exit 1; \
	done

# What install installs, one path a file, without DESTDIR.
INSTALLED = $(addprefix $(BINDIR)/,$(PROGS)) \
	$(foreach s,1 5 7,$(addprefix $(MANDIR)/man$(s)/,$(notdir \
	    $(filter %.$(s),$(MANPAGES))))) \
	$(SHAREDIR)/gridkit.yaml.example \
	$(addprefix $(SHAREDIR)/calendar/,$(notdir $(CALENDARS))) \
	$(patsubst locale/%,$(LOCALEDIR)/%,$(MO)) \
	$(addprefix $(SHAREDIR)/case/,$(notdir $(CASEDATA)))

# Removes the files install installed and gridkit's own directories
# once empty; bin and the man directories are shared, they stay.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(SHAREDIR)/calendar $(DESTDIR)$(SHAREDIR)/case \
	    $(DESTDIR)$(SHAREDIR) 2>/dev/null

# install, then uninstall, into a scratch DESTDIR: install puts there
# exactly the files uninstall knows, the programs carry this SHAREDIR,
# and uninstall leaves no file and no gridkit directory behind.
INSTALL_ROOT := $(CURDIR)/tests/tmp/install-root
INSTALL_LIST := $(CURDIR)/tests/tmp/installed
check-install: all
	@rm -rf $(INSTALL_ROOT)
	@$(MAKE) --no-print-directory install DESTDIR=$(INSTALL_ROOT) >/dev/null
	@cd $(INSTALL_ROOT) && find . ! -type d | sed 's/^\.//' | sort >$(INSTALL_LIST)
	@printf '%s\n' $(INSTALLED) | sort | diff -u - $(INSTALL_LIST)
	@for p in $(PROGS); do \
	    grep -q '$(SHAREDIR)/calendar' $(INSTALL_ROOT)$(BINDIR)/$$p || \
	    { echo "$$p: not built for SHAREDIR $(SHAREDIR)" >&2; exit 1; }; \
	done
	@$(MAKE) --no-print-directory uninstall DESTDIR=$(INSTALL_ROOT) >/dev/null
	@left=$$(find $(INSTALL_ROOT) ! -type d); \
	if [ -n "$$left" ] || [ -e $(INSTALL_ROOT)$(SHAREDIR) ]; then \
	    echo "uninstall left behind: $$left $(SHAREDIR)" >&2; exit 1; fi
	@echo "install and uninstall: $$(wc -l <$(INSTALL_LIST)) files, none left"
	@rm -rf $(INSTALL_ROOT) $(INSTALL_LIST)

clean:
	rm -f $(PROGS) libgridkit.a $(TOOLS) BUILD-FLAGS lib/*.o lib/*.d cmd/*.o cmd/*.d \
	    scripts/*.o scripts/*.d tests/unit/*.o tests/unit/*.d $(UNIT_BIN) \
	    $(FAULTIO) $(FUZZ_REPLAY) tests/fuzz/*.o tests/fuzz/*.d
	rm -rf tests/tmp locale

.PHONY: all need-pkgs pot check-po check check-unit check-cli check-pg check-stress check-valgrind check-install demo bench bench-pg fuzz install \
	uninstall clean deps FORCE
.SECONDARY:

-include $(wildcard lib/*.d cmd/*.d tests/unit/*.d scripts/*.d)

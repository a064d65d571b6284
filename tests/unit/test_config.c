/*
 * test_config.c - defaults, layered YAML files, and every kind of error
 * a configuration file can hold, with its file:line:col.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "status.h"
#include "util.h"

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static char *
read_all(const char *path)
{
	struct sb sb = SB_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

/* Standard error goes to a file between capture_start and capture_end,
 * which returns what was written (the caller frees it). */
static int saved_stderr = -1;

static void
capture_start(void)
{
	int fd;

	fflush(stderr);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	fd = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);
}

static char *
capture_end(void)
{
	fflush(stderr);
	assert_int_equal(dup2(saved_stderr, 2), 2);
	close(saved_stderr);
	saved_stderr = -1;
	return read_all("stderr.txt");
}

/* Loads text as path into c with must_exist set and returns the status;
 * *err gets what was said on stderr. */
static int
load_text(struct config *c, const char *path, const char *text, char **err)
{
	int st;

	write_file(path, text);
	capture_start();
	st = config_load_file(c, path, 1);
	*err = capture_end();
	return st;
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("wanted \"%s\" in:\n%s", needle, hay);
}

/* The value and origin of key, through the iteration. */
static void
entry_of(const struct config *c, const char *key, const char **value,
    const char **origin, const char **article)
{
	const char *k;
	size_t i;

	for (i = 0; config_entry(c, i, &k, value, origin, article) == 0; i++)
		if (strcmp(k, key) == 0)
			return;
	fail_msg("no entry \"%s\"", key);
}

static const char *
origin_of(const struct config *c, const char *key)
{
	const char *v, *o, *a;

	entry_of(c, key, &v, &o, &a);
	return o;
}

static void
test_config__defaults(void **state)
{
	struct config *c = config_new();
	const char *const *l;
	const char *k, *v, *o, *a;

	assert_int_equal(config_int(c, "grid.urban_households_min"), 300);
	assert_int_equal(config_int(c, "grid.rural_households_max"), 400);
	assert_int_equal(config_int(c, "input.max_errors"), 50);
	assert_int_equal(config_int(c, "training.min_per_year.township"), 3);
	assert_true(config_bool(c, "staff.rural_full_time"));
	assert_string_equal(config_str(c, "database"), "");
	assert_string_equal(config_str(c, "board.title"), "网格公示牌");
	assert_string_equal(config_str(c, "clock.utc_offset"), "+08:00");
	assert_string_equal(config_str(c, "staff.min_education.part_time"),
	    "初中");

	l = config_list(c, "columns.code");
	assert_string_equal(l[0], "网格编码");
	assert_string_equal(l[4], "统计用区划代码");
	assert_null(l[5]);
	l = config_aliases(c, "phone");
	assert_string_equal(l[1], "手机");
	l = config_aliases(c, "no_such_field");
	assert_non_null(l);
	assert_null(l[0]);

	assert_int_equal(config_entry(c, 0, &k, &v, &o, &a), 0);
	assert_string_equal(k, "database");
	assert_string_equal(v, "");
	assert_string_equal(o, "default");
	assert_string_equal(a, "");
	entry_of(c, "grid.urban_households_min", &v, &o, &a);
	assert_string_equal(v, "300");
	/* Art. 4 has no number of households: not cited for one. */
	assert_string_equal(a, "local guidance");
	entry_of(c, "grid.linear_unit_kinds", &v, &o, &a);
	assert_string_equal(v, "river, ravine, road, forest_road");
	assert_string_equal(a, "Art. 4");
	entry_of(c, "staff.rural_full_time", &v, &o, &a);
	assert_string_equal(v, "true");
	assert_string_equal(a, "Art. 8");
	entry_of(c, "columns.parent", &v, &o, &a);
	assert_string_equal(v, "上级, 上级代码, 上级编码");
	config_free(c);
}

static void
test_config__file_overrides_each_type(void **state)
{
	struct config *c = config_new();
	const char *const *l;
	char *err;

	assert_int_equal(load_text(c, "over.yaml",
	    "# a comment\n"
	    "grid:\n"
	    "  urban_households_min: 320\n"
	    "staff:\n"
	    "  rural_full_time: 否\n"
	    "  min_age: 20\n"
	    "board:\n"
	    "  title: '村网格公示牌'\n"
	    "  supervision_phone: 0351-12345\n"
	    "  duties:\n"
	    "    leader:\n"
	    "columns:\n"
	    "  code:\n"
	    "    - 编码\n"
	    "    - 网格代码\n"
	    "  phone: [手机, \"电话 号码\"]\n"
	    "  name: 姓名\n"
	    "  grid: []\n"
	    "  village: ~\n"
	    "grid.rural_households_min: 250\n", &err), GK_OK);
	assert_string_equal(err, "");
	free(err);

	assert_int_equal(config_int(c, "grid.urban_households_min"), 320);
	assert_string_equal(origin_of(c, "grid.urban_households_min"),
	    "over.yaml:3");
	assert_int_equal(config_int(c, "grid.rural_households_min"), 250);
	assert_string_equal(origin_of(c, "grid.rural_households_min"),
	    "over.yaml:20");
	assert_false(config_bool(c, "staff.rural_full_time"));
	assert_int_equal(config_int(c, "staff.min_age"), 20);
	assert_string_equal(config_str(c, "board.title"), "村网格公示牌");
	assert_string_equal(config_str(c, "board.supervision_phone"),
	    "0351-12345");
	assert_string_equal(config_str(c, "board.duties.leader"), "");
	assert_string_equal(origin_of(c, "board.duties.leader"),
	    "over.yaml:11");

	l = config_list(c, "columns.code");
	assert_string_equal(l[0], "编码");
	assert_string_equal(l[1], "网格代码");
	assert_null(l[2]);
	l = config_aliases(c, "phone");
	assert_string_equal(l[0], "手机");
	assert_string_equal(l[1], "电话 号码");
	assert_null(l[2]);
	l = config_aliases(c, "name");
	assert_string_equal(l[0], "姓名");
	assert_null(l[1]);
	assert_null(config_aliases(c, "grid")[0]);
	assert_null(config_aliases(c, "village")[0]);
	/* Untouched keys keep their defaults. */
	assert_int_equal(config_int(c, "grid.urban_households_max"), 500);
	assert_string_equal(origin_of(c, "grid.urban_households_max"),
	    "default");
	config_free(c);
}

static void
test_config__bool_spellings(void **state)
{
	static const char *const yes[] = { "true", "yes", "on", "1", "是",
	    "True", "YES", "On" };
	static const char *const no[] = { "false", "no", "off", "0", "否",
	    "FALSE", "No" };
	struct config *c = config_new();
	char text[128], *err;
	size_t i;

	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		snprintf(text, sizeof text, "staff:\n  rural_full_time: %s\n",
		    no[i]);
		assert_int_equal(load_text(c, "b.yaml", text, &err), GK_OK);
		free(err);
		assert_false(config_bool(c, "staff.rural_full_time"));
	}
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		snprintf(text, sizeof text, "staff:\n  rural_full_time: %s\n",
		    yes[i]);
		assert_int_equal(load_text(c, "b.yaml", text, &err), GK_OK);
		free(err);
		assert_true(config_bool(c, "staff.rural_full_time"));
	}
	config_free(c);
}

static void
test_config__later_file_wins(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "first.yaml",
	    "grid:\n"
	    "  urban_households_min: 250\n"
	    "  urban_households_max: 450\n", &err), GK_OK);
	free(err);
	assert_int_equal(load_text(c, "second.yaml",
	    "# later\n"
	    "\n"
	    "grid: {urban_households_min: 260}\n", &err), GK_OK);
	free(err);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 260);
	assert_string_equal(origin_of(c, "grid.urban_households_min"),
	    "second.yaml:3");
	assert_int_equal(config_int(c, "grid.urban_households_max"), 450);
	assert_string_equal(origin_of(c, "grid.urban_households_max"),
	    "first.yaml:3");
	config_free(c);
}

static void
test_config__unknown_key_is_reported_with_a_suggestion(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "u.yaml",
	    "grid:\n"
	    "  urban_households_max: 999\n"
	    "  urban_househlds_min: 3\n"
	    "colour: red\n"
	    "grdi:\n"
	    "  x: 1\n", &err), GK_CONFIG);
	assert_contains(err, "u.yaml:3:3: unknown key "
	    "\"grid.urban_househlds_min\" "
	    "(did you mean \"grid.urban_households_min\"?)\n");
	assert_contains(err, "u.yaml:4:1: unknown key \"colour\"\n");
	assert_contains(err, "u.yaml:5:1: unknown key \"grdi\" "
	    "(did you mean \"grid\"?)\n");
	free(err);
	/* A bad file changes nothing, not even its good lines. */
	assert_int_equal(config_int(c, "grid.urban_households_max"), 500);
	assert_string_equal(origin_of(c, "grid.urban_households_max"),
	    "default");
	config_free(c);
}

static void
test_config__wrong_types_are_reported(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "t.yaml",
	    "grid:\n"
	    "  urban_households_min: three hundred\n"
	    "  urban_households_max: +500\n"
	    "  rural_households_min: [1]\n"
	    "  rural_households_max: '12x'\n"
	    "staff:\n"
	    "  min_age: -1\n"
	    "  rural_full_time: maybe\n"
	    "  vacancy_days:\n"
	    "  nationality: {a: b}\n"
	    "columns:\n"
	    "  code: {a: b}\n"
	    "  phone: [手机, [a]]\n"
	    "  name: [姓名, '']\n"
	    "board: 5\n"
	    "input: {max_errors: 99999999999999999999}\n"
	    "board.duties.leader: \"a\\0b\"\n", &err), GK_CONFIG);
	assert_contains(err, "t.yaml:2:25: \"grid.urban_households_min\" "
	    "wants an integer, got \"three hundred\"\n");
	assert_contains(err, "t.yaml:3:25: \"grid.urban_households_max\" "
	    "wants an integer, got \"+500\"\n");
	assert_contains(err, "t.yaml:4:25: \"grid.rural_households_min\" "
	    "wants an integer, got a list\n");
	assert_contains(err, "t.yaml:5:25: \"grid.rural_households_max\" "
	    "wants an integer, got \"12x\"\n");
	assert_contains(err, "t.yaml:7:12: \"staff.min_age\" wants an integer "
	    "from 0 to 150, got \"-1\"\n");
	assert_contains(err, "t.yaml:8:20: \"staff.rural_full_time\" wants a "
	    "boolean (true or false), got \"maybe\"\n");
	assert_contains(err, "\"staff.vacancy_days\" wants an integer, "
	    "got nothing\n");
	assert_contains(err, "t.yaml:10:16: \"staff.nationality\" wants a "
	    "string, got a map\n");
	assert_contains(err, "t.yaml:12:9: \"columns.code\" wants a list, "
	    "got a map\n");
	assert_contains(err, "t.yaml:13:15: \"columns.phone\" wants a list of "
	    "strings, got a list in it\n");
	assert_contains(err, "t.yaml:14:14: \"columns.name\" has an empty "
	    "item\n");
	assert_contains(err, "t.yaml:15:8: \"board\" wants a map of keys, "
	    "got \"5\"\n");
	assert_contains(err, "t.yaml:16:21: \"input.max_errors\" wants an "
	    "integer from 1 to 2147483647, got \"99999999999999999999\"\n");
	assert_contains(err, "t.yaml:17:22: \"board.duties.leader\" has a NUL "
	    "character in its value\n");
	free(err);
	config_free(c);
}

static void
test_config__duplicate_keys_are_errors(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "d.yaml",
	    "grid:\n"
	    "  urban_households_min: 1\n"
	    "  urban_households_min: 2\n", &err), GK_CONFIG);
	assert_contains(err, "d.yaml:3:3: duplicate key "
	    "\"grid.urban_households_min\" (first at line 2)\n");
	free(err);

	/* The same key in its nested and its dotted spelling. */
	assert_int_equal(load_text(c, "e.yaml",
	    "grid.urban_households_max: 1\n"
	    "grid:\n"
	    "  urban_households_max: 2\n", &err), GK_CONFIG);
	assert_contains(err, "e.yaml:3:3: duplicate key "
	    "\"grid.urban_households_max\" (first at line 1)\n");
	free(err);

	/* Two sections of one name would merge silently otherwise. */
	assert_int_equal(load_text(c, "f.yaml",
	    "grid:\n"
	    "  urban_households_min: 1\n"
	    "staff: {}\n"
	    "grid:\n"
	    "  urban_households_max: 2\n", &err), GK_CONFIG);
	assert_contains(err, "f.yaml:4:1: duplicate key \"grid\" "
	    "(first at line 1)\n");
	free(err);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 300);
	config_free(c);
}

static void
test_config__syntax_errors_show_the_place(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "tab.yaml",
	    "grid:\n"
	    "\turban_households_min: 3\n", &err), GK_CONFIG);
	assert_contains(err, "tab.yaml:2:1: found character that cannot "
	    "start any token");
	free(err);

	assert_int_equal(load_text(c, "quote.yaml",
	    "board:\n"
	    "  title: \"abc\n"
	    "  supervision_phone: 1\n", &err), GK_CONFIG);
	assert_contains(err, "quote.yaml:4:1: found unexpected end of stream, "
	    "while scanning a quoted scalar at line 2:10\n");
	free(err);

	assert_int_equal(load_text(c, "utf8.yaml",
	    "board:\n"
	    "  title: ab\xff\n", &err), GK_CONFIG);
	assert_contains(err, "utf8.yaml:2:12: invalid leading UTF-8 octet "
	    "(the file must be UTF-8)\n");
	free(err);

	assert_int_equal(load_text(c, "two.yaml",
	    "grid: {urban_households_min: 1}\n"
	    "---\n"
	    "grid: {urban_households_min: 2}\n", &err), GK_CONFIG);
	assert_contains(err, "two.yaml:3:1: a second yaml document");
	free(err);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 300);
	config_free(c);
}

static void
test_config__top_level_must_be_a_map(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "list.yaml", "- a\n- b\n", &err),
	    GK_CONFIG);
	assert_contains(err, "list.yaml:1:1: the top level must be a map of "
	    "keys, got a list\n");
	free(err);
	assert_int_equal(load_text(c, "scalar.yaml", "\n  hello\n", &err),
	    GK_CONFIG);
	assert_contains(err, "scalar.yaml:2:3: the top level must be a map of "
	    "keys, got \"hello\"\n");
	free(err);
	config_free(c);
}

static void
test_config__empty_files_are_fine(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(load_text(c, "empty.yaml", "", &err), GK_OK);
	assert_string_equal(err, "");
	free(err);
	assert_int_equal(load_text(c, "comments.yaml", "# nothing\n\n# yet\n",
	    &err), GK_OK);
	assert_string_equal(err, "");
	free(err);
	assert_int_equal(load_text(c, "null.yaml", "---\n...\n", &err), GK_OK);
	free(err);
	assert_int_equal(load_text(c, "section.yaml", "grid:\n  # none\n",
	    &err), GK_OK);
	free(err);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 300);
	assert_string_equal(origin_of(c, "grid.urban_households_min"),
	    "default");
	config_free(c);
}

/*
 * Flow collections nested deeper than a configuration needs are refused
 * before libyaml scans them (its time grows with the square of the
 * depth), at the bracket that goes too deep; brackets in quotes and
 * comments do not count.
 */
static void
test_config__deep_flow_nesting_is_refused_early(void **state)
{
	struct config *c = config_new();
	struct sb text = SB_INIT;
	char *err;
	int i;

	(void)state;
	sb_adds(&text, "input:\n  max_errors: ");
	for (i = 0; i < 100000; i++)
		sb_addc(&text, '[');
	for (i = 0; i < 100000; i++)
		sb_addc(&text, ']');
	sb_addc(&text, '\n');
	assert_int_equal(load_text(c, "deep.yaml", text.buf, &err), GK_CONFIG);
	assert_contains(err, "deep.yaml:2:47: nested more than 32 deep");
	free(err);
	sb_release(&text);

	assert_int_equal(load_text(c, "quoted.yaml",
	    "vocab:\n  role:\n    leader: [\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\", "
	    "'{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'] # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
	    &err), GK_OK);
	assert_string_equal(err, "");
	free(err);
	config_free(c);
}

static void
test_config__missing_and_unreadable_files(void **state)
{
	struct config *c = config_new();
	char *err;

	capture_start();
	assert_int_equal(config_load_file(c, "nope.yaml", 0), GK_OK);
	assert_int_equal(config_load_file(c, "nodir/nope.yaml", 0), GK_OK);
	err = capture_end();
	assert_string_equal(err, "");
	free(err);

	capture_start();
	assert_int_equal(config_load_file(c, "nope.yaml", 1), GK_CONFIG);
	err = capture_end();
	assert_contains(err, "cannot open \"nope.yaml\": ");
	free(err);

	assert_int_equal(mkdir("adir", 0700), 0);
	capture_start();
	assert_int_equal(config_load_file(c, "adir", 0), GK_CONFIG);
	err = capture_end();
	assert_contains(err, "cannot read \"adir\": ");
	free(err);
	config_free(c);
}

/* A file that is there but cannot be opened is an error even when it
 * may be missing.  Root opens any file, so a symbolic link loop stands
 * in for the permission check there. */
static void
test_config__unopenable_file_is_an_error(void **state)
{
	struct config *c = config_new();
	char *err;

	assert_int_equal(symlink("loop.yaml", "loop.yaml"), 0);
	capture_start();
	assert_int_equal(config_load_file(c, "loop.yaml", 0), GK_CONFIG);
	err = capture_end();
	assert_contains(err, "cannot open \"loop.yaml\": ");
	free(err);
	if (geteuid() != 0) {
		write_file("secret.yaml", "grid: {urban_households_min: 1}\n");
		assert_int_equal(chmod("secret.yaml", 0), 0);
		capture_start();
		assert_int_equal(config_load_file(c, "secret.yaml", 0),
		    GK_CONFIG);
		err = capture_end();
		assert_contains(err, "cannot open \"secret.yaml\": ");
		free(err);
	}
	config_free(c);
}

static void
test_config__load_layers_user_and_extra_files(void **state)
{
	struct config *c;
	char cwd[4096], path[4200], *err;

	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(mkdir("xdg", 0700), 0);
	assert_int_equal(mkdir("xdg/gridkit", 0700), 0);
	write_file("xdg/gridkit/gridkit.yaml",
	    "grid:\n"
	    "  urban_households_min: 301\n"
	    "  rural_households_min: 201\n");
	write_file("extra.yaml", "grid.rural_households_min: 202\n");
	snprintf(path, sizeof path, "%s/xdg", cwd);
	assert_int_equal(setenv("XDG_CONFIG_HOME", path, 1), 0);

	assert_int_equal(config_load(&c, "extra.yaml"), GK_OK);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 301);
	snprintf(path, sizeof path, "%s/xdg/gridkit/gridkit.yaml:2", cwd);
	assert_string_equal(origin_of(c, "grid.urban_households_min"), path);
	assert_int_equal(config_int(c, "grid.rural_households_min"), 202);
	assert_string_equal(origin_of(c, "grid.rural_households_min"),
	    "extra.yaml:1");
	config_free(c);

	/* The extra file must exist. */
	capture_start();
	assert_int_equal(config_load(&c, "missing.yaml"), GK_CONFIG);
	err = capture_end();
	assert_null(c);
	assert_contains(err, "cannot open \"missing.yaml\"");
	free(err);

	/* Without XDG_CONFIG_HOME (or with a relative one), ~/.config. */
	assert_int_equal(mkdir("home", 0700), 0);
	assert_int_equal(mkdir("home/.config", 0700), 0);
	assert_int_equal(mkdir("home/.config/gridkit", 0700), 0);
	write_file("home/.config/gridkit/gridkit.yaml",
	    "grid: {urban_households_min: 302}\n");
	snprintf(path, sizeof path, "%s/home", cwd);
	assert_int_equal(setenv("HOME", path, 1), 0);
	assert_int_equal(setenv("XDG_CONFIG_HOME", "xdg", 1), 0);
	assert_int_equal(config_load(&c, NULL), GK_OK);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 302);
	config_free(c);
	assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
	assert_int_equal(config_load(&c, NULL), GK_OK);
	assert_int_equal(config_int(c, "grid.urban_households_min"), 302);
	config_free(c);
}

static void
test_config__wildcard_members_may_be_added(void **state)
{
	struct config *c = config_new();
	const char *const *l;
	const char *k, *v, *o, *a;
	size_t i;
	char *err;

	assert_int_equal(load_text(c, "w.yaml",
	    "columns:\n"
	    "  ward: [片区, 小区]\n", &err), GK_OK);
	free(err);
	l = config_aliases(c, "ward");
	assert_string_equal(l[0], "片区");
	assert_string_equal(l[1], "小区");
	assert_null(l[2]);
	/* Listed with the other columns, after the last declared one. */
	for (i = 0; config_entry(c, i, &k, &v, &o, &a) == 0; i++)
		if (strcmp(k, "columns.ward") == 0)
			break;
	assert_string_equal(k, "columns.ward");
	assert_string_equal(v, "片区, 小区");
	assert_string_equal(o, "w.yaml:2");
	assert_int_equal(config_entry(c, i - 1, &k, &v, &o, &a), 0);
	assert_string_equal(k, "columns.since");

	/* Loading it again replaces the member, adds no second one. */
	assert_int_equal(load_text(c, "w2.yaml", "columns: {ward: 片}\n",
	    &err), GK_OK);
	free(err);
	assert_string_equal(config_aliases(c, "ward")[0], "片");
	assert_null(config_aliases(c, "ward")[1]);
	if (config_entry(c, i + 1, &k, &v, &o, &a) == 0)
		assert_string_not_equal(k, "columns.ward");
	config_free(c);
}

/* Runs what in a child with stderr in a file; it must abort. */
static void
assert_aborts(void (*what)(void), const char *message)
{
	struct rlimit no_core = { 0, 0 };
	pid_t pid;
	int status;
	char *err;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		capture_start();
		what();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	err = read_all("stderr.txt");
	assert_contains(err, message);
	free(err);
}

/* The configuration of a child that is to abort: held where valgrind
 * finds it still reachable when the child dies, not lost (volatile, or
 * the compiler drops a store nobody reads). */
static struct config *volatile aborting;

static void
ask_undeclared(void)
{
	aborting = config_new();
	config_int(aborting, "grid.urban_households");
}

static void
ask_wrong_type(void)
{
	aborting = config_new();
	config_int(aborting, "board.title");
}

static void
test_config__accessors_abort_on_programming_errors(void **state)
{
	assert_aborts(ask_undeclared,
	    "config: key \"grid.urban_households\" is not declared\n");
	assert_aborts(ask_wrong_type,
	    "config: key \"board.title\" is a string, not an integer\n");
}

static void
test_config__shipped_file_equals_defaults(void **state)
{
	struct config *shipped = config_new(), *builtin = config_new();
	const char *top = getenv("GRIDKIT_TOP");
	const char *k1, *v1, *o1, *a1, *k2, *v2, *o2, *a2;
	char path[4096];
	size_t i;

	assert_non_null(top);
	snprintf(path, sizeof path, "%s/etc/gridkit.yaml", top);
	assert_int_equal(config_load_file(shipped, path, 1), GK_OK);
	for (i = 0; config_entry(builtin, i, &k1, &v1, &o1, &a1) == 0; i++) {
		assert_int_equal(config_entry(shipped, i, &k2, &v2, &o2, &a2),
		    0);
		assert_string_equal(k1, k2);
		assert_string_equal(v1, v2);
		assert_string_equal(a1, a2);
		/* Every key is written out in the file. */
		if (strncmp(o2, path, strlen(path)) != 0 ||
		    o2[strlen(path)] != ':')
			fail_msg("\"%s\" is not in %s", k1, path);
	}
	assert_int_equal(config_entry(shipped, i, &k2, &v2, &o2, &a2), -1);
	config_free(shipped);
	config_free(builtin);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config__defaults),
		cmocka_unit_test(test_config__file_overrides_each_type),
		cmocka_unit_test(test_config__bool_spellings),
		cmocka_unit_test(test_config__later_file_wins),
		cmocka_unit_test(
		    test_config__unknown_key_is_reported_with_a_suggestion),
		cmocka_unit_test(test_config__wrong_types_are_reported),
		cmocka_unit_test(test_config__duplicate_keys_are_errors),
		cmocka_unit_test(test_config__syntax_errors_show_the_place),
		cmocka_unit_test(test_config__top_level_must_be_a_map),
		cmocka_unit_test(test_config__empty_files_are_fine),
		cmocka_unit_test(test_config__missing_and_unreadable_files),
		cmocka_unit_test(test_config__deep_flow_nesting_is_refused_early),
		cmocka_unit_test(test_config__unopenable_file_is_an_error),
		cmocka_unit_test(
		    test_config__load_layers_user_and_extra_files),
		cmocka_unit_test(test_config__wildcard_members_may_be_added),
		cmocka_unit_test(
		    test_config__accessors_abort_on_programming_errors),
		cmocka_unit_test(test_config__shipped_file_equals_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

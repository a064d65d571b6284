/*
 * test_mask.c - phone numbers: every accepted form, every rejection,
 * and masking.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "mask.h"
#include "util.h"

static void
check_phone(const char *s, const char *expect)
{
	char buf[PHONE_MAX];
	const char *why = NULL;

	if (phone_normalise(s, buf, sizeof buf, &why) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_string_equal(buf, expect);
}

static void
check_bad_phone(const char *s, const char *expect)
{
	char buf[PHONE_MAX];
	const char *why = NULL;

	if (phone_normalise(s, buf, sizeof buf, &why) == 0)
		fail_msg("\"%s\" accepted as \"%s\"", s, buf);
	assert_non_null(why);
	assert_string_equal(why, expect);
}

static void
test_mask__mobile_forms(void **state)
{
	check_phone("13800138000", "13800138000");
	check_phone("138 0013 8000", "13800138000");
	check_phone("138-0013-8000", "13800138000");
	check_phone("+86 138-0013-8000", "13800138000");
	check_phone("+8613800138000", "13800138000");
	check_phone("86 13800138000", "13800138000");
	check_phone("8613800138000", "13800138000");
	check_phone("0086 138 0013 8000", "13800138000");
	check_phone("008613800138000", "13800138000");
	check_phone("  19912345678 ", "19912345678");
}

static void
test_mask__mobile_rejections(void **state)
{
	check_bad_phone("1380013800", "mobile numbers have 11 digits, this has 10");
	check_bad_phone("138001380001",
	    "mobile numbers have 11 digits, this has 12");
	check_bad_phone("1380013", "mobile numbers have 11 digits, this has 7");
	check_bad_phone("1380013800012345678",
	    "mobile numbers have 11 digits");
	check_bad_phone("12800138000", "mobile numbers start with 13 to 19");
	check_bad_phone("10800138000", "mobile numbers start with 13 to 19");
	check_bad_phone("138oo138000", "contains a letter");
	check_bad_phone("138-0013-8000 ext 12", "contains a letter");
	check_bad_phone("+1 415 555 0100",
	    "only mainland China numbers (+86) are accepted");
	check_bad_phone("0044 20 7946 0000",
	    "only mainland China numbers (+86) are accepted");
	check_bad_phone("138+00138000", "a + may only start the number");
	check_bad_phone("138.0013.8000", "contains a character that is not "
	    "a digit, space, hyphen or parenthesis");
	/* Full-width digits are not digits. */
	check_bad_phone("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98",
	    "contains a character that is not a digit, space, hyphen or "
	    "parenthesis");
	check_bad_phone("13800138000转12", "only a landline has an extension");
	check_bad_phone("013800138000", "a mobile number takes no leading 0");
}

static void
test_mask__landline_forms(void **state)
{
	check_phone("0351-7654321", "0351-7654321");
	check_phone("(0351)7654321", "0351-7654321");
	check_phone("(0351) 765 4321", "0351-7654321");
	check_phone("03517654321", "0351-7654321");
	check_phone("035176543210", "0351-76543210");
	check_phone("0351 7654 3210", "0351-76543210");
	check_phone("010-65529988", "010-65529988");
	check_phone("01065529988", "010-65529988");
	check_phone("010 6552 9988", "010-65529988");
	check_phone("02087654321", "020-87654321");
	check_phone("+86 351 7654321", "0351-7654321");
	check_phone("+86 10 6552 9988", "010-65529988");
	check_phone("0086-351-7654321", "0351-7654321");
	/* An extension after a hyphen or after 转. */
	check_phone("0351-7654321-802", "0351-7654321-802");
	check_phone("0351-7654321转802", "0351-7654321-802");
	check_phone("0351-7654321 转 802", "0351-7654321-802");
	check_phone("010-6552-9988-1", "010-65529988-1");
}

static void
test_mask__landline_rejections(void **state)
{
	const char *seven = "a landline number has 7 or 8 digits after the "
	    "area code";

	check_bad_phone("0351-765432", seven);
	check_bad_phone("0351-765432109", seven);
	check_bad_phone("0351765432109", seven);
	check_bad_phone("0351", seven);
	/* Only a hyphen introduces an extension. */
	check_bad_phone("0351-7654321 802", seven);
	check_bad_phone("0351-7654321-802转9", seven);
	check_bad_phone("0351-7654321-1234567", "an extension has at most 6 "
	    "digits");
	check_bad_phone("0351-7654321转", "no extension after 转");
	check_bad_phone("0351-7654321转8-0", "an extension after 转 is "
	    "digits only");
	check_bad_phone("0351-0654321", "a local number does not start with "
	    "0 or 1");
	check_bad_phone("0351-1654321", "a local number does not start with "
	    "0 or 1");
	check_bad_phone("035-17654321", "3-digit area codes are 010 and 020 "
	    "to 029");
	check_bad_phone("0201-7654321", "area codes starting with 02 have 3 "
	    "digits");
	check_bad_phone("0101-7654321", "the area code 010 has 3 digits");
	check_bad_phone("0111-7654321", "area codes starting with 01 are only "
	    "010");
	check_bad_phone("03-517654321", "an area code has 3 or 4 digits with "
	    "its 0");
	check_bad_phone("7654321", "a landline number needs its area code "
	    "(0351-...)");
	check_bad_phone("87654321", "a landline number needs its area code "
	    "(0351-...)");
}

static void
test_mask__service_numbers_and_other_rejections(void **state)
{
	check_phone("110", "110");
	check_phone("12345", "12345");
	check_phone("12348", "12348");
	check_phone("96156", "96156");
	check_phone("955 88", "95588");
	check_bad_phone("+86 12345", "mobile numbers have 11 digits");
	check_bad_phone("", "empty phone number");
	check_bad_phone("  - ", "no digits in the phone number");
	check_bad_phone("12", "too short for a phone number");
	check_bad_phone("54321", "not a mobile, landline or service number");
	check_bad_phone("1 2 3 4 5 6 7 8 9", "too many groups of digits for "
	    "a phone number");
	check_bad_phone("13800138000138001380001380013800138000138001380001"
	    "380013800013800", "too long for a phone number");
}

static void
test_mask__masks(void **state)
{
	char buf[PHONE_MAX];

	assert_string_equal(mask_phone("13812341234", buf, sizeof buf),
	    "138****1234");
	assert_string_equal(mask_phone("+86 138-0013-8000", buf, sizeof buf),
	    "138****8000");
	assert_string_equal(mask_phone("0351-7654567", buf, sizeof buf),
	    "0351-***4567");
	assert_string_equal(mask_phone("01065529988", buf, sizeof buf),
	    "010-****9988");
	assert_string_equal(mask_phone("0351-7654567转802", buf, sizeof buf),
	    "0351-***4567-802");
	assert_string_equal(mask_phone("12345", buf, sizeof buf), "12345");
	/* What is not a phone number shows only its last 2 characters. */
	assert_string_equal(mask_phone("1380013800", buf, sizeof buf),
	    "********00");
	assert_string_equal(mask_phone("电话13800", buf, sizeof buf),
	    "*****00");
	assert_string_equal(mask_phone("无电话", buf, sizeof buf), "*电话");
	assert_string_equal(mask_phone("x", buf, sizeof buf), "x");
	assert_string_equal(mask_phone("", buf, sizeof buf), "");
	assert_string_equal(mask_phone(NULL, buf, sizeof buf), "");
	/* A long value never overflows the buffer, and the tail stays. */
	assert_string_equal(mask_phone("abcdefghijklmnopqrstuvwxyz0123456789"
	    "abcdefghijklmnopqrstuvwxyz", buf, sizeof buf),
	    "*****************************yz");
	assert_string_equal(mask_phone("13812341234", buf, 8), "138****");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask__mobile_forms),
		cmocka_unit_test(test_mask__mobile_rejections),
		cmocka_unit_test(test_mask__landline_forms),
		cmocka_unit_test(test_mask__landline_rejections),
		cmocka_unit_test(test_mask__service_numbers_and_other_rejections),
		cmocka_unit_test(test_mask__masks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * banned.h - functions gridkit code must not call.
 *
 * Included last by util.h, so any use is a compile error.  Use
 * snprintf or struct sb instead of sprintf/strcpy/strcat; util_parse_long
 * instead of atoi/atol; strtok_r-free parsing; gmtime_r/localtime_r.
 */
#ifndef GRIDKIT_BANNED_H
#define GRIDKIT_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_gridkit

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef gets
#define gets(x) BANNED(gets)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif

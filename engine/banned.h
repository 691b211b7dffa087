/* banned.h: C library calls that slant does not use, made compile errors.
 *
 * As git's banned.h: each banned name becomes a macro whose expansion is
 * an undeclared identifier, so a call fails to compile with an error that
 * names the function ("'sorry_strcpy_is_a_banned_function' undeclared").
 * Use GLib's safe calls instead:
 *
 *   strcpy, strncpy, strcat, strncat   g_strlcpy, g_strlcat, g_strdup,
 *                                      g_strconcat, GString
 *   sprintf, vsprintf                  g_snprintf, g_strdup_printf, GString
 *   strtok, strtok_r                   g_strsplit, g_strsplit_set
 *   gets                               fgets, g_io_channel_read_line
 *
 * The build includes this file first in every source file of engine/
 * (engine/CMakeLists.txt: -include), so nothing can forget it.  Being
 * first, it includes the headers that declare these functions before
 * hiding them, so that their declarations (and glibc's fortified inline
 * versions) are read untouched.  The price: a source file cannot choose
 * its feature macros with "#define _GNU_SOURCE" at its top, since the
 * system headers have been read by then; set them in CMake instead
 * (set_source_files_properties(... COMPILE_DEFINITIONS ...), as
 * engine/CMakeLists.txt does for match.c and cli-common.c).
 */
#ifndef SLANT_BANNED_H
#define SLANT_BANNED_H

#include <stdio.h>
#include <string.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)

#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)

#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef strtok_r
#define strtok_r(x, y, z) BANNED(strtok_r)

#undef gets
#define gets(x) BANNED(gets)

#endif

/* fuzz.h: what the fuzz targets of tests/fuzz share.
 *
 * Each target defines LLVMFuzzerTestOneInput(), the libFuzzer entry point.
 * The same object links either with libFuzzer (-fsanitize=fuzzer: the
 * fuzz-*-libfuzzer binaries, clang only) or with standalone.c, a main()
 * that runs it once per file of a seed corpus (the ctest tests fuzz/TARGET,
 * under ASan/UBSan in the sanitizer build).
 *
 * A broken invariant is a crash: FUZZ_CHECK() prints what failed and
 * calls abort(), which both drivers (and the sanitizers) report with the
 * input that caused it.  GLib criticals and warnings abort too, so that a
 * g_return_val_if_fail() tripped inside engine/lib is a finding and not a
 * line on stderr.
 */
#ifndef SLANT_FUZZ_H
#define SLANT_FUZZ_H

#include <glib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

G_GNUC_NORETURN G_GNUC_PRINTF(3, 4) static inline void
fuzz_fail(const char *file, int line, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fprintf(stderr, "%s:%d: fuzz check failed: ", file, line);
    vfprintf(stderr, format, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

#define FUZZ_CHECK(cond)                                       \
    do {                                                       \
        if (G_UNLIKELY(!(cond)))                               \
            fuzz_fail(__FILE__, __LINE__, "%s", #cond);        \
    } while (0)

/* FUZZ_CHECK with the values that explain the failure. */
#define FUZZ_CHECK_MSG(cond, ...)                              \
    do {                                                       \
        if (G_UNLIKELY(!(cond)))                               \
            fuzz_fail(__FILE__, __LINE__, __VA_ARGS__);        \
    } while (0)

/* GLib ends a fatal message with G_BREAKPOINT (SIGTRAP), which libFuzzer
 * does not catch, so that no artifact is written: print it and abort()
 * here instead. */
static inline GLogWriterOutput
fuzz_log_writer(GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
    if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) {
        g_log_writer_standard_streams(level, fields, n_fields, data);
        abort();
    }
    return g_log_writer_default(level, fields, n_fields, data);
}

/* Once per process: make GLib criticals and warnings abort. */
static inline void
fuzz_init(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
        g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
        g_once_init_leave(&done, 1);
    }
}

/* Is byte @off of the valid UTF-8 @s (@len bytes) a character boundary? */
static inline gboolean
fuzz_utf8_boundary(const char *s, size_t len, size_t off)
{
    return off == 0 || off == len || (off < len && ((unsigned char) s[off] & 0xC0) != 0x80);
}

/* Does @s (@len bytes) hold U+2019, which the normal form never keeps? */
static inline gboolean
fuzz_has_right_quote(const char *s, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++)
        if ((unsigned char) s[i] == 0xE2 && (unsigned char) s[i + 1] == 0x80 &&
            (unsigned char) s[i + 2] == 0x99)
            return TRUE;
    return FALSE;
}

#endif

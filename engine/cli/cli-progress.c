/* cli-progress.c: progress on standard error during long runs.
 *
 * Shown only when standard error is a terminal (or with --progress), never
 * with --quiet, and only once a run has taken more than a second: one line,
 * rewritten in place at most five times a second ("slant: 12,345 documents,
 * 48.2 MB, 31.5 MB/s, 45% (about 5 s left)"), erased before anything else
 * is printed.  With --progress and no terminal (a CI log), a plain line
 * every five seconds instead.  A command runs one engine at a time, so the
 * state is the process's.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define FIRST_AFTER_US (1000 * 1000)
#define TTY_EVERY_US (200 * 1000)
#define LOG_EVERY_US (5000 * 1000)

static struct {
    gboolean on;
    gboolean tty;
    gint64 start, last, input_start;
    gint64 delay;    /* before the first line, in microseconds */
    gboolean shown;  /* a line stands on the terminal */
    guint n_inputs;  /* 0: not known */
    guint input;     /* inputs begun, from 1 */
    char *input_name;
} pg;

void
cli_progress_start(gboolean force, gboolean quiet)
{
    cli_progress_stop();
    pg.tty = isatty(STDERR_FILENO) == 1;
    pg.on = !quiet && (force || pg.tty);
    pg.start = pg.input_start = g_get_monotonic_time();
    /* SLANT_PROGRESS_DELAY_MS: after how long the first line comes (default
     * a second; tests set 0) */
    const char *delay = g_getenv("SLANT_PROGRESS_DELAY_MS");
    pg.delay = delay != NULL ? g_ascii_strtoll(delay, NULL, 10) * 1000 : FIRST_AFTER_US;
    pg.last = pg.start - LOG_EVERY_US; /* the first line as soon as a second has gone */
    pg.input = 0;
    pg.n_inputs = 0;
}

void
cli_progress_set_inputs(guint n)
{
    pg.n_inputs = n;
}

void
cli_progress_update(const SlantProgress *p, gpointer data)
{
    (void) data;
    if (!pg.on)
        return;
    gint64 now = g_get_monotonic_time();
    if (g_strcmp0(p->input, pg.input_name) != 0) {
        g_free(pg.input_name);
        pg.input_name = g_strdup(p->input);
        pg.input++;
        pg.input_start = now;
    }
    if (now - pg.start < pg.delay || now - pg.last < (pg.tty ? TTY_EVERY_US : LOG_EVERY_US))
        return;
    pg.last = now;
    double secs = (double) (now - pg.start) / 1e6;
    double mb = (double) p->bytes / 1e6;
    g_autoptr(GString) o = g_string_new("slant: ");
    cli_append_count(o, p->documents);
    g_string_append_printf(o, " document%s, %.1f MB, %.1f MB/s", p->documents == 1 ? "" : "s",
                           mb, secs > 0 ? mb / secs : 0.0);
    if (p->fraction >= 0) {
        if (pg.n_inputs > 1)
            g_string_append_printf(o, ", input %u of %u: %.0f%%", pg.input, pg.n_inputs,
                                   100 * p->fraction);
        else
            g_string_append_printf(o, ", %.0f%%", 100 * p->fraction);
        /* an estimate where it means something: one input, read far enough */
        double in_secs = (double) (now - pg.input_start) / 1e6;
        if (pg.n_inputs <= 1 && p->fraction > 0.02 && p->fraction < 1)
            g_string_append_printf(o, " (about %.0f s left)",
                                   in_secs * (1 - p->fraction) / p->fraction);
    } else if (pg.n_inputs > 1) {
        g_string_append_printf(o, ", input %u of %u", pg.input, pg.n_inputs);
    }
    if (pg.tty) {
        /* rewritten in place: back to the start, the line, clear the rest */
        fprintf(stderr, "\r%s\033[K", o->str);
        pg.shown = TRUE;
    } else {
        fprintf(stderr, "%s\n", o->str);
    }
    fflush(stderr);
}

void
cli_progress_clear(void)
{
    if (pg.shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        pg.shown = FALSE;
    }
}

void
cli_progress_stop(void)
{
    cli_progress_clear();
    pg.on = FALSE;
    g_clear_pointer(&pg.input_name, g_free);
}

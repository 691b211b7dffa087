/* cli-common.c: what the corpus commands share: options, the bundled data,
 * running inputs, and writing outputs whole or not at all. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli.h"
#include "report.h"
#include "slant-error.h"

void
cli_common_init(CliCommon *c)
{
    memset(c, 0, sizeof *c);
    c->max_document_bytes = CLI_DEFAULT_MAX_DOCUMENT_BYTES;
}

void
cli_common_clear(CliCommon *c)
{
    cli_progress_stop();
    g_strfreev(c->lexicons);
    g_free(c->output);
    memset(c, 0, sizeof *c);
}

/* An integer option's value, in [@min, @max], or a usage error naming the
 * range (@range says it in words).  GLib's own G_OPTION_ARG_INT takes any
 * int, so -j -1 and --max-document-bytes -1 went through. */
static gboolean
parse_ranged(const char *option, const char *value, gint64 min, gint64 max, const char *range,
             gint64 *out, GError **error)
{
    char *end = NULL;
    errno = 0;
    gint64 n = g_ascii_strtoll(value, &end, 10);
    if (end == value || *end != '\0') {
        /* GLib's words, as for its own integer options */
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "Cannot parse integer value \u201c%s\u201d for %s", value, option);
        return FALSE;
    }
    if (errno == ERANGE || n < min || n > max) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s must be %s, not %s",
                    option, range, value);
        return FALSE;
    }
    *out = n;
    return TRUE;
}

static gboolean
on_threads(const char *option, const char *value, gpointer data, GError **error)
{
    CliCommon *c = data;
    gint64 n = 0;
    if (!parse_ranged(option, value, 0, CLI_MAX_THREADS, "0..1024 (0: one per core)", &n, error))
        return FALSE;
    c->threads = (gint) n;
    return TRUE;
}

static gboolean
on_max_document_bytes(const char *option, const char *value, gpointer data, GError **error)
{
    CliCommon *c = data;
    return parse_ranged(option, value, 0, G_MAXINT64, "0 (no limit) or more", &c->max_document_bytes,
                        error);
}

/* --voice NAME: checked as it is parsed, so a bad name is a usage error
 * naming the choices. */
static gboolean
parse_voice(const char *option, const char *value, gpointer data, GError **error)
{
    (void) option;
    CliCommon *c = data;
    if (slant_voice_parse(value, &c->voice))
        return TRUE;
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                "--voice '%s': expected all, own or quoted", value);
    return FALSE;
}

void
cli_common_add_entries(GOptionContext *ctx, CliCommon *c, gboolean with_output)
{
    GOptionEntry entries[] = {
        {"lexicon", 'l', 0, G_OPTION_ARG_FILENAME_ARRAY, &c->lexicons,
         "Lexicon file (default: " CLI_BUNDLED_LEXICON "); give it again to score several in "
         "one pass", "FILE"},
        {"threads", 'j', 0, G_OPTION_ARG_CALLBACK, (gpointer) on_threads,
         "Worker threads (default 0: one per core); output does not depend on it", "N"},
        {"strict", 0, 0, G_OPTION_ARG_NONE, &c->strict,
         "Stop at the first broken document instead of skipping it", NULL},
        {"max-document-bytes", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_max_document_bytes,
         "Skip documents (and JSON lines) larger than this (default 64 MiB; 0: no limit)", "BYTES"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &c->quiet,
         "Print no warnings about the lexicon (stem collisions, shadowed entries) and no progress",
         NULL},
        {"progress", 0, 0, G_OPTION_ARG_NONE, &c->progress,
         "Show progress on stderr even when it is not a terminal (a line every 5 s)", NULL},
        {"voice", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) parse_voice,
         "Which hits count: all (default), own (outside quotation marks: the outlet's own "
         "voice) or quoted (inside them)", "VOICE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &c->output,
         "Write to FILE (whole or not at all) instead of standard output", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    if (!with_output)
        entries[G_N_ELEMENTS(entries) - 2] = (GOptionEntry) G_OPTION_ENTRY_NULL;
    /* the callbacks get @c as their group's data: these entries open the
     * main group, which is made here */
    g_return_if_fail(g_option_context_get_main_group(ctx) == NULL);
    g_option_context_set_main_group(ctx, g_option_group_new(NULL, NULL, NULL, c, NULL));
    g_option_context_add_main_entries(ctx, entries, NULL);
}

gboolean
cli_parse(GOptionContext *ctx, int *argc, char ***argv, GError **error)
{
    GError *err = NULL;
    if (!g_option_context_parse(ctx, argc, argv, &err)) {
        /* GLib's messages start with a capital; ours do not */
        char *m = err->message;
        if (m[0] != '\0' && g_ascii_isupper(m[0]) && !g_ascii_isupper(m[1]))
            m[0] = g_ascii_tolower(m[0]);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "%s", m);
        g_error_free(err);
        return FALSE;
    }
    /* GLib leaves a "--" in place when an argument after it starts with '-':
     * it ends the options, it is no input */
    for (int i = 1; i < *argc; i++) {
        if (strcmp((*argv)[i], "--") == 0) {
            memmove(&(*argv)[i], &(*argv)[i + 1], (gsize) (*argc - i) * sizeof(char *));
            (*argc)--;
            break;
        }
    }
    return TRUE;
}

char *
cli_bundled_path(const char *relative)
{
    return g_build_filename(cli_data_dir(), relative, NULL);
}

SlantLexicon *
cli_load_lexicon(const CliCommon *c, GError **error)
{
    SlantLexicon *lex;
    if (c->lexicons != NULL && c->lexicons[0] != NULL) {
        lex = slant_lexicon_load_many((const char *const *) c->lexicons, NULL,
                                      g_strv_length(c->lexicons), error);
    } else {
        g_autofree char *path = cli_bundled_path(CLI_BUNDLED_LEXICON);
        lex = slant_lexicon_load(path, CLI_BUNDLED_LEXICON, error);
    }
    if (lex != NULL && !c->quiet) {
        /* what `lexicon check` would say about the scores, said where they
         * are made */
        g_autoptr(GPtrArray) lint = slant_lexicon_lint(lex, SLANT_LINT_SCORES);
        for (guint i = 0; i < lint->len; i++)
            g_printerr("slant: %s\n", (const char *) lint->pdata[i]);
    }
    return lex;
}

SlantEngineOptions
cli_engine_options(const CliCommon *c, gboolean keep_tokens)
{
    SlantEngineOptions o = {
        .threads = (guint) c->threads,                  /* 0..CLI_MAX_THREADS */
        .strict = c->strict,
        .max_document_bytes = (gsize) c->max_document_bytes, /* >= 0 */
        .keep_tokens = keep_tokens,
        .progress = cli_progress_update,
        .voice = c->voice,
    };
    cli_progress_start(c->progress, c->quiet);
    return o;
}

gboolean
cli_run_inputs(SlantEngine *engine, int argc, char **argv, SlantResultFunc fn, gpointer user,
               GError **error)
{
    cli_progress_set_inputs(argc <= 1 ? 1 : (guint) argc - 1);
    if (argc <= 1) {
        g_autofree char *path = cli_bundled_path(CLI_BUNDLED_CORPUS);
        return slant_engine_run(engine, path, CLI_BUNDLED_CORPUS, fn, user, error);
    }
    for (int i = 1; i < argc; i++)
        if (!slant_engine_run(engine, argv[i], argv[i], fn, user, error))
            return FALSE;
    return TRUE;
}

void
cli_report_skips(const SlantEngine *engine, const GError *final)
{
    cli_progress_clear();
    const GPtrArray *sk = slant_engine_skipped(engine);
    guint shown = 0;
    for (guint i = 0; i < sk->len; i++) {
        const SlantSkip *s = sk->pdata[i];
        if (final != NULL && i + 1 == sk->len && strcmp(s->message, final->message) == 0)
            continue;
        fprintf(stderr, "slant: warning: skipped: %s\n", s->message);
        shown++;
    }
    if (shown > 0)
        fprintf(stderr, "slant: warning: %u document%s or input%s skipped\n", shown,
                shown == 1 ? "" : "s", shown == 1 ? "" : "s");
    guint64 total = 0;
    const GPtrArray *w = slant_engine_warnings(engine, &total);
    for (guint i = 0; i < w->len; i++)
        fprintf(stderr, "slant: warning: %s\n", (const char *) w->pdata[i]);
    if (total > w->len)
        fprintf(stderr, "slant: warning: %" G_GUINT64_FORMAT " more warnings about labels\n",
                total - w->len);
}

int
cli_run_status(const SlantEngine *engine, GError **error)
{
    int status = cli_skips_status(slant_engine_skipped(engine));
    if (slant_engine_n_scored(engine) == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "no documents were scored");
        status = MAX(status, 1);
    }
    return status;
}

/* ---- outputs -----------------------------------------------------------
 *
 * -o FILE is written whole or not at all.  The bytes go to an unnamed file
 * in FILE's folder (O_TMPFILE), which is given FILE's name only once
 * complete and synced (linkat): until then it has no name, so no signal,
 * abort or crash can leave any of it behind.  When FILE exists the unnamed
 * file is linked to a short temporary name first and renamed over FILE
 * (linkat() never replaces): a signal in that moment finds the name
 * recorded below and removes it.  On file systems without O_TMPFILE the
 * bytes go to a temporary file ".slant-XXXXXX" (a short name: FILE's own
 * may already be as long as a name can be), removed on SIGINT, SIGTERM,
 * SIGHUP, SIGQUIT, SIGABRT and SIGTRAP (GLib's fatal errors), which are
 * then raised again so that the exit status still says what ended slant.
 * Only SIGKILL or a power cut can leave that file.
 *
 * What FILE is decides the rest: a symbolic link is followed, and its
 * target is what gets replaced (as a shell's '>' writes through it); an
 * existing file that is not a regular file (a device such as /dev/null, a
 * named pipe) is written directly, in place, never replaced; an existing
 * regular file must be writable: one whose mode grants no write to anyone
 * is refused with EACCES even for root, as rm asks before removing a
 * write-protected file even as root (root could write it, but a mode
 * without write is a request not to), and a replaced file keeps its
 * permission bits (not its owner, nor set-id bits: it is a new file).  A
 * new file gets 0666 less the umask.
 */

#define OUT_BUFFER (64 * 1024)

struct CliOut {
    int fd;           /* 1 for standard output */
    char *path;       /* as given; NULL: standard output */
    char *target;     /* the file to create or replace; NULL when written in place */
    gboolean unnamed; /* fd is an O_TMPFILE file */
    mode_t mode;      /* permission bits of the result */
    GString *buf;     /* bytes not written yet */
    int failed;       /* errno of the first failed write, or 0 */
};

/* The temporary name a fatal signal must remove, if any.  One output is
 * open at a time. */
static char cleanup_path[4096];
static volatile sig_atomic_t cleanup_armed;
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGTRAP};

static void
on_fatal_signal(int sig)
{
    if (cleanup_armed)
        unlink(cleanup_path);
    /* SA_RESETHAND restored the default action: raised again, the signal
     * ends the process once this handler returns */
    raise(sig);
}

/* Install the handler for each signal not ignored (nohup's SIGHUP stays
 * ignored); once per process. */
static void
cleanup_handlers_install(void)
{
    static gboolean done = FALSE;
    if (done)
        return;
    done = TRUE;
    for (gsize i = 0; i < G_N_ELEMENTS(cleanup_signals); i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

/* Block the cleanup signals around a change of the name they remove, so
 * that a signal never sees a half-made name or one that is already gone. */
static void
cleanup_block(gboolean block, sigset_t *saved)
{
    if (!block) {
        pthread_sigmask(SIG_SETMASK, saved, NULL);
        return;
    }
    sigset_t set;
    sigemptyset(&set);
    for (gsize i = 0; i < G_N_ELEMENTS(cleanup_signals); i++)
        sigaddset(&set, cleanup_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, saved);
}

/* "DIR/.slant-XXXXXX" into cleanup_path, or FALSE when too long. */
static gboolean
cleanup_template(const char *dir)
{
    int n = g_snprintf(cleanup_path, sizeof cleanup_path, "%s/.slant-XXXXXX", dir);
    return n > 0 && (gsize) n < sizeof cleanup_path;
}

static void
out_error(GError **error, const char *path, int err)
{
    if (path == NULL)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write standard output: %s",
                    g_strerror(err));
    else
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(err));
}

/* @path with its symbolic links followed to what they name (which need
 * not exist: a dangling link's target is created, as with '>').  NULL
 * with errno set after 40 links (ELOOP), as the kernel would. */
static char *
follow_links(const char *path)
{
    char *cur = g_strdup(path);
    for (int hops = 0;; hops++) {
        GStatBuf st;
        if (g_lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        if (hops == 40) {
            g_free(cur);
            errno = ELOOP;
            return NULL;
        }
        char *link = g_file_read_link(cur, NULL);
        if (link == NULL) {
            g_free(cur);
            errno = EIO;
            return NULL;
        }
        char *next;
        if (g_path_is_absolute(link)) {
            next = link;
        } else {
            char *dir = g_path_get_dirname(cur);
            next = g_build_filename(dir, link, NULL);
            g_free(dir);
            g_free(link);
        }
        g_free(cur);
        cur = next;
    }
}

/* Write all of @len bytes (or set *err). */
static gboolean
write_all(int fd, const char *p, gsize len, int *err)
{
    while (len > 0) {
        ssize_t n = write(fd, p, MIN(len, (gsize) 1 << 30));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *err = n < 0 ? errno : EIO;
            return FALSE;
        }
        p += n;
        len -= (gsize) n;
    }
    return TRUE;
}

/* The temporary file of the fallback: created under cleanup_path. */
static int
open_named_temporary(const char *dir, mode_t mode)
{
    if (!cleanup_template(dir)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    cleanup_handlers_install();
    sigset_t saved;
    cleanup_block(TRUE, &saved);
    int fd = g_mkstemp_full(cleanup_path, O_WRONLY | O_CLOEXEC, mode);
    int saved_errno = errno;
    if (fd >= 0)
        cleanup_armed = 1;
    cleanup_block(FALSE, &saved);
    errno = saved_errno;
    return fd;
}

CliOut *
cli_out_open(const char *path, GError **error)
{
    CliOut *o = g_new0(CliOut, 1);
    o->buf = g_string_sized_new(OUT_BUFFER);
    if (path == NULL) {
        /* what was printed before stays before */
        fflush(stdout);
        o->fd = STDOUT_FILENO;
        return o;
    }
    o->path = g_strdup(path);
    o->fd = -1;
    char *target = follow_links(path);
    int err = 0;
    GStatBuf st;
    if (target == NULL) {
        err = errno;
    } else if (g_lstat(target, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            err = EISDIR;
        } else if (!S_ISREG(st.st_mode)) {
            /* a device or a named pipe: written in place, never replaced */
            o->fd = g_open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
            if (o->fd < 0)
                err = errno;
        } else if ((st.st_mode & 0222) == 0 || access(target, W_OK) != 0) {
            err = EACCES;
        } else {
            o->mode = st.st_mode & 0777;
            o->target = g_steal_pointer(&target);
        }
    } else if (errno == ENOENT) {
        mode_t mask = umask(0);
        umask(mask);
        o->mode = 0666 & ~mask;
        o->target = g_steal_pointer(&target);
    } else {
        err = errno;
    }
    if (err == 0 && o->target != NULL) {
        char *dir = g_path_get_dirname(o->target);
        /* the unnamed file is named through /proc/self/fd at the end */
        if (access("/proc/self/fd", X_OK) == 0)
            o->fd = g_open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, o->mode);
        else
            errno = EOPNOTSUPP;
        if (o->fd >= 0) {
            o->unnamed = TRUE;
        } else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
            /* no O_TMPFILE here: a named temporary file, removed on signals */
            o->fd = open_named_temporary(dir, o->mode);
        }
        if (o->fd < 0)
            err = errno;
        else if (fchmod(o->fd, o->mode) != 0) /* exactly these bits, whatever the umask */
            err = errno;
        g_free(dir);
    }
    g_free(target);
    if (err != 0) {
        out_error(error, path, err);
        cli_out_close(o, FALSE, NULL);
        return NULL;
    }
    return o;
}

static gboolean
out_flush(CliOut *o, GError **error)
{
    int err = 0;
    if (o->failed == 0 && o->buf->len > 0 && !write_all(o->fd, o->buf->str, o->buf->len, &err))
        o->failed = err;
    g_string_truncate(o->buf, 0);
    if (o->failed != 0) {
        out_error(error, o->path, o->failed);
        return FALSE;
    }
    return TRUE;
}

gboolean
cli_out_write(CliOut *o, const char *data, gsize len, GError **error)
{
    if (o->failed != 0) {
        out_error(error, o->path, o->failed);
        return FALSE;
    }
    if (o->buf->len + len > OUT_BUFFER && !out_flush(o, error))
        return FALSE;
    if (len >= OUT_BUFFER) {
        int err = 0;
        if (!write_all(o->fd, data, len, &err)) {
            o->failed = err;
            out_error(error, o->path, err);
            return FALSE;
        }
        return TRUE;
    }
    g_string_append_len(o->buf, data, (gssize) len);
    return TRUE;
}

/* Give the finished unnamed file @o the name of its target. */
static int
link_unnamed(CliOut *o)
{
    char proc[64];
    g_snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
    /* the target is new: one step, nothing left behind whatever happens */
    if (linkat(AT_FDCWD, proc, AT_FDCWD, o->target, AT_SYMLINK_FOLLOW) == 0)
        return 0;
    if (errno != EEXIST)
        return errno;
    /* it exists: a temporary name, renamed over it */
    char *dir = g_path_get_dirname(o->target);
    gboolean fits = cleanup_template(dir);
    g_free(dir);
    if (!fits)
        return ENAMETOOLONG;
    cleanup_handlers_install();
    gsize x = strlen(cleanup_path) - 6;
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int attempt = 0; attempt < 100; attempt++) {
        for (int i = 0; i < 6; i++)
            cleanup_path[x + (gsize) i] = digits[g_random_int_range(0, (gint32) sizeof digits - 1)];
        sigset_t saved;
        cleanup_block(TRUE, &saved);
        int r = linkat(AT_FDCWD, proc, AT_FDCWD, cleanup_path, AT_SYMLINK_FOLLOW);
        int e = errno;
        if (r == 0)
            cleanup_armed = 1;
        cleanup_block(FALSE, &saved);
        if (r == 0)
            return 0;
        if (e != EEXIST)
            return e;
    }
    return EEXIST;
}

gboolean
cli_out_close(CliOut *o, gboolean commit, GError **error)
{
    gboolean ok = TRUE;
    if (o->path == NULL) {
        /* standard output: what is buffered goes out (a failed run's lines
         * so far too); main() checks and closes stdout for every command */
        GError *err = NULL;
        ok = out_flush(o, &err);
        if (err != NULL)
            g_propagate_error(commit ? error : NULL, err);
        g_string_free(o->buf, TRUE);
        g_free(o);
        return ok;
    }
    int err = 0;
    if (o->fd >= 0 && commit) {
        if (!out_flush(o, NULL))
            err = o->failed;
        else if (o->target != NULL && fsync(o->fd) != 0)
            err = errno;
    }
    if (err == 0 && commit && o->unnamed)
        err = link_unnamed(o);
    sigset_t saved;
    cleanup_block(TRUE, &saved);
    if (cleanup_armed) {
        /* the named temporary file, or the unnamed one's temporary name */
        if (err == 0 && commit && g_rename(cleanup_path, o->target) != 0)
            err = errno;
        if (err != 0 || !commit)
            g_unlink(cleanup_path);
        cleanup_armed = 0;
    }
    cleanup_block(FALSE, &saved);
    if (o->fd >= 0 && close(o->fd) != 0 && err == 0 && commit)
        err = errno;
    if (err != 0 && commit) {
        out_error(error, o->path, err);
        ok = FALSE;
    }
    g_string_free(o->buf, TRUE);
    g_free(o->target);
    g_free(o->path);
    g_free(o);
    return ok;
}

gboolean
cli_write_output(const char *path, const char *data, gsize len, GError **error)
{
    CliOut *o = cli_out_open(path, error);
    if (o == NULL)
        return FALSE;
    gboolean ok = cli_out_write(o, data, len, error);
    return cli_out_close(o, ok, ok ? error : NULL) && ok;
}

static gboolean
write_to_out(const char *data, gsize len, gpointer user, GError **error)
{
    return cli_out_write(user, data, len, error);
}

gboolean
cli_write_report(const char *path, const SlantReport *report, SlantReportFormat format,
                 GError **error)
{
    CliOut *o = cli_out_open(path, error);
    if (o == NULL)
        return FALSE;
    gboolean ok = slant_report_write(report, format, write_to_out, o, error);
    return cli_out_close(o, ok, ok ? error : NULL) && ok;
}

gboolean
cli_report_format(const char *name, const char *output, const char *const *allowed,
                  SlantReportFormat *format, GError **error)
{
    if (name == NULL) {
        static const struct {
            const char *ext;
            SlantReportFormat f;
        } by_ext[] = {{".json", SLANT_FORMAT_JSON}, {".csv", SLANT_FORMAT_CSV},
                      {".html", SLANT_FORMAT_HTML}, {".txt", SLANT_FORMAT_TEXT}};
        *format = output == NULL && isatty(STDOUT_FILENO) ? SLANT_FORMAT_TEXT : SLANT_FORMAT_JSON;
        for (gsize i = 0; output != NULL && i < G_N_ELEMENTS(by_ext); i++)
            if (g_str_has_suffix(output, by_ext[i].ext))
                *format = by_ext[i].f;
        name = slant_report_format_name(*format);
        if (allowed == NULL || g_strv_contains(allowed, name))
            return TRUE;
        *format = SLANT_FORMAT_JSON; /* an extension this command does not write */
        return TRUE;
    }
    if (!slant_report_format_parse(name, format) ||
        (allowed != NULL && !g_strv_contains(allowed, name))) {
        g_autofree char *list = allowed != NULL ? g_strjoinv(", ", (char **) allowed)
                                                : g_strdup("json, csv, html, text");
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--format '%s': expected %s", name, list);
        return FALSE;
    }
    return TRUE;
}

void
cli_json_number(cJSON *obj, const char *key, double v)
{
    char buf[64];
    cJSON_AddItemToObject(obj, key, cJSON_CreateRaw(slant_report_number(v, buf, sizeof buf)));
}

int
cli_exit_status(const GError *error)
{
    if (error == NULL)
        return 0;
    if (error->domain != SLANT_ERROR)
        return 4; /* GIO and GLib file errors are input/output failures */
    if (slant_error_is_lexicon(error))
        return 3;
    switch ((SlantError) error->code) {
    case SLANT_ERROR_USAGE:
        return 2;
    case SLANT_ERROR_IO:
        return 4;
    default:
        return 1;
    }
}

int
cli_skips_status(const GPtrArray *skipped)
{
    int worst = 0;
    for (guint i = 0; i < skipped->len; i++) {
        const SlantSkip *s = skipped->pdata[i];
        worst = MAX(worst, s->code == SLANT_ERROR_IO ? 4 : 1);
    }
    return worst;
}

void
cli_append_count(GString *out, guint64 n)
{
    char digits[32];
    int len = g_snprintf(digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, digits[i]);
    }
}

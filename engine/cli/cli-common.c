/* cli-common.c: what the corpus commands share: options, the bundled data,
 * running inputs, and writing outputs whole or not at all. */
#include <errno.h>
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
    g_strfreev(c->lexicons);
    g_free(c->output);
    memset(c, 0, sizeof *c);
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
        {"threads", 'j', 0, G_OPTION_ARG_INT, &c->threads,
         "Worker threads (default 0: one per core); output does not depend on it", "N"},
        {"strict", 0, 0, G_OPTION_ARG_NONE, &c->strict,
         "Stop at the first broken document instead of skipping it", NULL},
        {"max-document-bytes", 0, 0, G_OPTION_ARG_INT64, &c->max_document_bytes,
         "Skip documents (and JSON lines) larger than this (default 64 MiB; 0: no limit)", "BYTES"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &c->quiet,
         "Print no warnings about the lexicon (stem collisions, shadowed entries)", NULL},
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

const char *
cli_data_dir(void)
{
    const char *env = g_getenv("SLANT_DATA_DIR");
    return env != NULL && *env != '\0' ? env : SLANT_DATA_DIR;
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
        .threads = (guint) MAX(c->threads, 0),
        .strict = c->strict,
        .max_document_bytes = (gsize) MAX(c->max_document_bytes, 0),
        .keep_tokens = keep_tokens,
        .voice = c->voice,
    };
    return o;
}

gboolean
cli_run_inputs(SlantEngine *engine, int argc, char **argv, SlantResultFunc fn, gpointer user,
               GError **error)
{
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
    int status = slant_engine_worst_status(engine);
    if (slant_engine_n_scored(engine) == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "no documents were scored");
        status = MAX(status, 1);
    }
    return status;
}

struct CliOut {
    FILE *f;
    char *path;
    char *tmp;
};

CliOut *
cli_out_open(const char *path, GError **error)
{
    CliOut *o = g_new0(CliOut, 1);
    if (path == NULL) {
        o->f = stdout;
        return o;
    }
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *tmpl = g_strdup_printf(".%s.XXXXXX", base);
    o->tmp = g_build_filename(dir, tmpl, NULL);
    int fd = g_mkstemp(o->tmp);
    if (fd < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(errno));
        g_free(o->tmp);
        g_free(o);
        return NULL;
    }
    /* mkstemp makes the file 0600; give the output the mode a plain create would */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "w");
    o->path = g_strdup(path);
    return o;
}

gboolean
cli_out_write(CliOut *o, const char *data, gsize len, GError **error)
{
    if (len > 0 && fwrite(data, 1, len, o->f) != len) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s",
                    o->path ? o->path : "standard output", g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

gboolean
cli_out_close(CliOut *o, gboolean commit, GError **error)
{
    gboolean ok = TRUE;
    if (o->path == NULL) {
        if (fflush(o->f) != 0) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write standard output: %s",
                        g_strerror(errno));
            ok = FALSE;
        }
        g_free(o);
        return ok;
    }
    if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0) {
        if (commit)
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", o->path,
                        g_strerror(errno));
        commit = FALSE;
        ok = FALSE;
    }
    fclose(o->f);
    if (commit && g_rename(o->tmp, o->path) != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", o->path,
                    g_strerror(errno));
        ok = FALSE;
        commit = FALSE;
    }
    if (!commit)
        g_unlink(o->tmp);
    g_free(o->tmp);
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

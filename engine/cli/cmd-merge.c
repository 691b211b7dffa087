/* cmd-merge.c: `slant merge`, partial results of sharded runs -> the report
 * a single run over all shards gives, byte for byte.
 *
 * Partials come from files, folders (their *.partial files), standard
 * input, or a list of paths; every file and stream may hold several
 * partials one after another (shard.h finds where each ends).  They are
 * read a buffer at a time and merged one by one, so memory holds the
 * merged aggregate and one partial, whatever the number of shards.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "partial.h"
#include "report.h"
#include "shard.h"
#include "slant-error.h"

#define READ_SIZE (1024 * 1024)

typedef struct {
    SlantLexicon *lex; /* --lexicon, or the one the first partial names */
    SlantAggregate *agg;
    SlantRunParameters params;
    guint64 left_out;
    GPtrArray *inputs;  /* SlantInputInfo* */
    GPtrArray *skipped; /* SlantSkip* */
    gboolean stdin_used;
    char *buf;          /* READ_SIZE bytes */
} Merge;

/* The file of a lexicon a partial names (@path, @sha), when a file with
 * that sha256 is at its path: as given, else under the partial's @folder
 * (NULL for standard input), else under the data directory (the bundled
 * lexicons).  Its bytes into *@data. */
static gboolean
find_lexicon_file(const char *path, const char *sha, const char *name, const char *folder,
                  char **data, gsize *len, GError **error)
{
    if (path == NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO,
                    "%s: names no lexicon path (sha256 %.12s...); pass --lexicon FILE", name, sha);
        return FALSE;
    }
    g_autoptr(GPtrArray) tries = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(tries, g_strdup(path));
    if (!g_path_is_absolute(path)) {
        if (folder != NULL && strcmp(folder, ".") != 0)
            g_ptr_array_add(tries, g_build_filename(folder, path, NULL));
        g_ptr_array_add(tries, g_build_filename(cli_data_dir(), path, NULL));
    }
    for (guint i = 0; i < tries->len; i++) {
        if (!g_file_get_contents(tries->pdata[i], data, len, NULL))
            continue;
        g_autofree char *got = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) *data, *len);
        if (strcmp(got, sha) == 0)
            return TRUE;
        g_clear_pointer(data, g_free);
    }
    g_autoptr(GString) where = g_string_new(NULL);
    for (guint i = 0; i < tries->len; i++)
        g_string_append_printf(where, "%s'%s'", i ? ", " : "", (const char *) tries->pdata[i]);
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO,
                "%s: made with lexicon '%s' (sha256 %.12s...), but no file with that sha256 is "
                "at %s; pass --lexicon FILE", name, path, sha, where->str);
    return FALSE;
}

/* The lexicon the partial @text names: each of its files found by
 * find_lexicon_file() and loaded under the path the partial gives, as the
 * single run named it. */
static SlantLexicon *
find_lexicon(const char *text, gsize len, const char *name, const char *folder, GError **error)
{
    g_autoptr(GPtrArray) paths = NULL, shas = NULL;
    if (!slant_shard_peek_lexicons(text, len, name, &paths, &shas, error))
        return NULL;
    g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func(g_free);
    g_autofree gsize *lens = g_new0(gsize, shas->len);
    for (guint i = 0; i < shas->len; i++) {
        char *data = NULL;
        if (!find_lexicon_file(paths->pdata[i], shas->pdata[i], name, folder, &data, &lens[i], error))
            return NULL;
        g_ptr_array_add(datas, data);
    }
    return slant_lexicon_load_data_many((const char *const *) datas->pdata, lens,
                                        (const char *const *) paths->pdata, shas->len, error);
}

static gboolean
merge_one(Merge *m, const char *text, gsize len, const char *name, const char *folder,
          GError **error)
{
    if (m->agg == NULL) {
        if (!slant_partial_peek(text, len, name, &m->params, error))
            return FALSE;
        if (m->lex == NULL && (m->lex = find_lexicon(text, len, name, folder, error)) == NULL)
            return FALSE;
        m->params.agg.threads = g_get_num_processors(); /* not a parameter of the result */
        m->agg = slant_aggregate_new(m->lex, &m->params.agg);
    }
    return slant_partial_merge(m->agg, m->lex, text, len, name, &m->params, m->inputs, m->skipped,
                               &m->left_out, error);
}

/* Every partial of the open stream @f, named @name ("-": standard input). */
static gboolean
merge_stream(Merge *m, FILE *f, const char *name, const char *folder, GError **error)
{
    g_autoptr(SlantShardSplitter) sp = slant_shard_splitter_new(name);
    for (;;) {
        gsize got = fread(m->buf, 1, READ_SIZE, f);
        if (got == 0) {
            if (ferror(f)) {
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", name,
                            g_strerror(errno));
                return FALSE;
            }
            break;
        }
        slant_shard_splitter_feed(sp, m->buf, got);
        const char *text;
        gsize len;
        guint64 line;
        SlantShardNext r;
        while ((r = slant_shard_splitter_next(sp, &text, &len, &line, error)) == SLANT_SHARD_PARTIAL) {
            /* a partial is named by its stream, and by its line after the first line */
            g_autofree char *at = line == 1 ? g_strdup(name)
                                            : g_strdup_printf("%s:%" G_GUINT64_FORMAT, name, line);
            if (!merge_one(m, text, len, at, folder, error))
                return FALSE;
        }
        if (r == SLANT_SHARD_ERROR)
            return FALSE;
    }
    if (!slant_shard_splitter_finish(sp, error))
        return FALSE;
    if (slant_shard_splitter_count(sp) == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                    "%s: not a slant partial result: it holds no partial", name);
        return FALSE;
    }
    return TRUE;
}

static gboolean
merge_file(Merge *m, const char *path, const char *folder, GError **error)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", path,
                    g_strerror(errno));
        return FALSE;
    }
    gboolean ok = merge_stream(m, f, path, folder, error);
    fclose(f);
    return ok;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* A folder's *.partial files (not hidden ones, not its subfolders' files),
 * in byte order of their names. */
static gboolean
merge_folder(Merge *m, const char *dir, GError **error)
{
    GError *derr = NULL;
    GDir *d = g_dir_open(dir, 0, &derr);
    if (d == NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", dir, derr->message);
        g_error_free(derr);
        return FALSE;
    }
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)) != NULL)
        if (n[0] != '.' && g_str_has_suffix(n, ".partial"))
            g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    guint merged = 0;
    for (guint i = 0; i < names->len; i++) {
        g_autofree char *path = g_build_filename(dir, names->pdata[i], NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR))
            continue;
        if (!merge_file(m, path, dir, error))
            return FALSE;
        merged++;
    }
    if (merged == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "'%s' holds no *.partial file", dir);
        return FALSE;
    }
    return TRUE;
}

static gboolean
merge_path(Merge *m, const char *path, GError **error)
{
    if (strcmp(path, "-") == 0) {
        if (m->stdin_used) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "merge: standard input ('-') can be read only once");
            return FALSE;
        }
        m->stdin_used = TRUE;
        return merge_stream(m, stdin, "-", NULL, error);
    }
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
        return merge_folder(m, path, error);
    g_autofree char *folder = g_path_get_dirname(path);
    return merge_file(m, path, folder, error);
}

/* --list: one path a line (blank lines passed over), from a file or "-". */
static gboolean
merge_list(Merge *m, const char *list, GError **error)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    if (strcmp(list, "-") == 0) {
        m->stdin_used = TRUE;
        GString *all = g_string_new(NULL);
        gsize got;
        while ((got = fread(m->buf, 1, READ_SIZE, stdin)) > 0)
            g_string_append_len(all, m->buf, (gssize) got);
        gboolean bad = ferror(stdin);
        len = all->len;
        data = g_string_free(all, FALSE);
        if (bad) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read standard input: %s",
                        g_strerror(errno));
            return FALSE;
        }
    } else {
        GError *ferr = NULL;
        if (!g_file_get_contents(list, &data, &len, &ferr)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", list,
                        ferr->message);
            g_error_free(ferr);
            return FALSE;
        }
    }
    guint merged = 0;
    for (char *line = data, *next; line != NULL && line < data + len; line = next) {
        char *nl = memchr(line, '\n', (gsize) (data + len - line));
        next = nl != NULL ? nl + 1 : NULL;
        if (nl == NULL)
            nl = data + len;
        if (nl > line && nl[-1] == '\r')
            nl--;
        *nl = '\0';
        if (*line == '\0')
            continue;
        if (!merge_path(m, line, error))
            return FALSE;
        merged++;
    }
    if (merged == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "merge: the list '%s' names no partial",
                    list);
        return FALSE;
    }
    return TRUE;
}

int
cmd_merge(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_autofree char *list = NULL, *format_name = NULL;
    g_autoptr(GOptionContext) ctx = g_option_context_new("PARTIAL... - merge sharded runs");
    g_option_context_set_summary(ctx,
        "Combine the partial results written by `slant compare --partial` into one report,\n"
        "the same bytes as one run over all the shards in the order given.\n"
        "\n"
        "A PARTIAL is a file, a folder (its *.partial files, not hidden ones, in byte order\n"
        "of their names), or - for standard input; a file or standard input may hold\n"
        "several partials one after another (as `cat` joins them). With --list, the paths\n"
        "come one a line from FILE or - instead (relative ones from the working folder).\n"
        "\n"
        "Order does not matter: a report takes each group's documents in the order of\n"
        "their id hashes and lists inputs and skips by name, so the partials of any cut\n"
        "of a corpus, in any order, give the bytes of one run over all of it. Partials\n"
        "that hold one document twice (overlapping shards) are refused.\n"
        "\n"
        "The partials must come from the same lexicon (sha256) and the same options\n"
        "(seed, bootstrap, level, top, max-document-bytes, strict). Without --lexicon, merge\n"
        "uses the lexicon the first partial names, found by its sha256 at its path as given,\n"
        "else under that partial's folder, else under slant's data directory.");
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
         "json, csv, html or text (default: from -o's extension; text on a terminal; else json)", "FORMAT"},
        {"lexicon", 'l', 0, G_OPTION_ARG_FILENAME_ARRAY, &common.lexicons,
         "Lexicon the partials were made with (default: the one they name); several as the "
         "run gave them", "FILE"},
        {"list", 0, 0, G_OPTION_ARG_FILENAME, &list,
         "Read the partials' paths from FILE (- : standard input), one a line", "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &common.output,
         "Write to FILE (whole or not at all) instead of standard output", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    SlantReportFormat format;
    if (!cli_report_format(format_name, common.output, NULL, &format, error)) {
        cli_common_clear(&common);
        return 2;
    }
    if (argc < 2 && list == NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "merge: give at least one PARTIAL");
        cli_common_clear(&common);
        return 2;
    }
    if (argc >= 2 && list != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "merge: give PARTIALs or --list, not both");
        cli_common_clear(&common);
        return 2;
    }
    Merge m = {
        .inputs = g_ptr_array_new_with_free_func(slant_input_info_free),
        .skipped = g_ptr_array_new_with_free_func(slant_skip_free),
        .buf = g_malloc(READ_SIZE),
    };
    gboolean ok = TRUE;
    common.quiet = TRUE; /* the runs that made the partials warned of the lexicon */
    if (common.lexicons != NULL)
        ok = (m.lex = cli_load_lexicon(&common, error)) != NULL;
    if (ok && list != NULL)
        ok = merge_list(&m, list, error);
    for (int i = 1; ok && i < argc; i++)
        ok = merge_path(&m, argv[i], error);
    g_free(m.buf);
    int status = 0;
    if (ok) {
        slant_aggregate_finish(m.agg);
        SlantReportInput in = {
            .lex = m.lex,
            .inputs = m.inputs,
            .skipped = m.skipped,
            .agg = m.agg,
            .strict = m.params.strict,
            .max_document_bytes = m.params.max_document_bytes,
            .documents = NULL,
            .group_by = m.params.group_by,
            .match = m.params.match,
            .only = (const char *const *) m.params.only,
            .voice = m.params.voice,
            .left_out = m.left_out,
        };
        g_auto(GStrv) pair_names = NULL;
        g_autoptr(SlantReport) report = NULL;
        if (slant_pair_design_parse(m.params.pairs, m.params.reference, &in.pairs, &pair_names, error))
            report = slant_report_new(&in, error);
        if (report == NULL) {
            status = 2;
        } else if (!cli_write_report(common.output, report, format, error)) {
            status = 4;
        } else {
            status = cli_skips_status(m.skipped);
            if (slant_aggregate_n_sources(m.agg) == 0) {
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "no documents were scored");
                status = MAX(status, 1);
            }
        }
    } else {
        status = cli_exit_status(*error);
    }
    /* also when the first partial was read but its lexicon not found */
    slant_run_parameters_clear(&m.params);
    slant_aggregate_free(m.agg);
    slant_lexicon_free(m.lex);
    g_ptr_array_unref(m.inputs);
    g_ptr_array_unref(m.skipped);
    cli_common_clear(&common);
    return status;
}

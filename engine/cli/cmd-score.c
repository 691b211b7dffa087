/* cmd-score.c: `slant score`, per-document scores as JSON Lines or CSV. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "slant-error.h"

typedef struct {
    const SlantLexicon *lex;
    CliOut *out;
    SlantResultParts parts;
    gboolean csv;
    char **label_columns; /* CSV: the first document's label names */
    GString *row;
} ScoreRun;

/* The document's line, made on the worker that scored it. */
static char *
prepare_line(const SlantResult *r, gpointer data, gsize *len)
{
    const ScoreRun *run = data;
    return slant_report_document_line(run->lex, r, run->parts, len);
}

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    ScoreRun *run = user;
    if (run->csv) {
        if (run->row == NULL)
            run->row = g_string_new(NULL);
        g_string_truncate(run->row, 0);
        if (run->label_columns == NULL) {
            /* the header: label columns are the first document's labels */
            run->label_columns = g_new0(char *, r->doc->labels->len + 1);
            for (guint i = 0; i < r->doc->labels->len; i++)
                run->label_columns[i] =
                    g_strdup(((const SlantLabel *) r->doc->labels->pdata[i])->key);
            slant_report_document_csv_header(run->row, run->lex,
                                             (const char *const *) run->label_columns);
        }
        slant_report_document_csv_row(run->row, run->lex, r, (const char *const *) run->label_columns);
        return cli_out_write(run->out, run->row->str, run->row->len, error);
    }
    if (r->prepared != NULL)
        return cli_out_write(run->out, r->prepared, r->prepared_len, error);
    gsize len = 0;
    g_autofree char *line = prepare_line(r, run, &len);
    return cli_out_write(run->out, line, len, error);
}

int
cmd_score(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    gboolean hits = FALSE, per_entry = FALSE;
    g_autofree char *format_name = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
         "json (JSON Lines, default) or csv (one row per document; label columns are the first "
         "document's labels, every row has all its labels as JSON in the last column)", "FORMAT"},
        {"hits", 0, 0, G_OPTION_ARG_NONE, &hits,
         "Add every hit: entry, pole, weight, token and byte offsets, modifiers", NULL},
        {"entries", 0, 0, G_OPTION_ARG_NONE, &per_entry,
         "Add the hits per entry (sparse: entries with hits only), a document x entry table", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - score each document");
    g_option_context_set_summary(ctx,
        "Write one JSON object per document (JSON Lines), in input order, with its tokens,\n"
        "sentences, labels and per-axis and per-category scores. With no INPUT: the bundled corpus.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    int status = 0;
    gboolean csv = format_name != NULL && strcmp(format_name, "csv") == 0;
    if (format_name != NULL && !csv && strcmp(format_name, "json") != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--format '%s': expected json or csv",
                    format_name);
        cli_common_clear(&common);
        return 2;
    }
    if (csv && (hits || per_entry)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--hits and --entries go with --format json");
        cli_common_clear(&common);
        return 2;
    }
    g_autoptr(SlantLexicon) lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    ScoreRun run = {lex, NULL,
                    (hits ? SLANT_RESULT_HITS : 0) | (per_entry ? SLANT_RESULT_ENTRIES : 0), csv,
                    NULL, NULL};
    SlantEngineOptions eo = cli_engine_options(&common, hits);
    if (!csv) {
        eo.prepare = prepare_line;
        eo.prepare_data = &run;
    }
    g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, error);
    CliOut *out = engine ? cli_out_open(common.output, error) : NULL;
    if (out == NULL) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    run.out = out;
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (!cli_out_close(out, ok, ok ? error : NULL))
        ok = FALSE;
    g_strfreev(run.label_columns);
    if (run.row != NULL)
        g_string_free(run.row, TRUE);
    if (!ok) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    status = cli_run_status(engine, error);
    cli_common_clear(&common);
    return status;
}

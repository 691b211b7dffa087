/* cmd-compare.c: `slant compare`, the main job: corpus -> report. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "partial.h"
#include "report.h"
#include "slant-error.h"

typedef struct {
    const SlantLexicon *lex;
    SlantAggregate *agg;
    cJSON *documents; /* with --documents */
} CompareRun;

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    (void) error;
    CompareRun *run = user;
    slant_aggregate_add(run->agg, r->doc->source, &r->tally,
                        (const SlantHit *) (void *) r->hits->data, r->hits->len);
    if (run->documents != NULL)
        cJSON_AddItemToArray(run->documents, slant_report_result(run->lex, r, SLANT_RESULT_HITS));
    return TRUE;
}

int
cmd_compare(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    gint64 seed = 1, bootstrap = 1000, top = 10;
    double level = 0.95;
    gboolean documents = FALSE, partial = FALSE;
    GOptionEntry entries[] = {
        {"partial", 0, 0, G_OPTION_ARG_NONE, &partial,
         "Write a partial result for `slant merge` instead of a report (sharded runs)", NULL},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Bootstrap seed (default 1)", "N"},
        {"bootstrap", 'b', 0, G_OPTION_ARG_INT64, &bootstrap,
         "Bootstrap replicates (default 1000; 0: no resampling, intervals collapse to the pooled value)", "N"},
        {"level", 0, 0, G_OPTION_ARG_DOUBLE, &level, "Interval level (default 0.95)", "P"},
        {"top", 0, 0, G_OPTION_ARG_INT64, &top, "Driver terms per source and pair (default 10)", "N"},
        {"documents", 0, 0, G_OPTION_ARG_NONE, &documents,
         "Add every document's scores and hits to the report", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - compare sources");
    g_option_context_set_summary(ctx,
        "Score a corpus against a lexicon and write the per-source comparison report (JSON).\n"
        "INPUT is a directory tree ROOT/SOURCE/NAME.txt, a .jsonl or .jsonl.gz file, or - for\n"
        "JSON Lines on standard input. With no INPUT: the bundled corpus and lexicon.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    int status = 0;
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    if (partial && documents) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--partial and --documents do not go together");
        cli_common_clear(&common);
        return 2;
    }
    if (bootstrap < 0 || bootstrap > 1000000 || top < 0 || top > 100000 || seed < 0 ||
        !(level > 0 && level < 1)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--bootstrap must be 0..1000000, --top 0..100000, --seed >= 0 and --level "
                    "between 0 and 1");
        cli_common_clear(&common);
        return 2;
    }
    g_autoptr(SlantLexicon) lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    SlantEngineOptions eo = cli_engine_options(&common, documents);
    g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, error);
    if (engine == NULL) {
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    SlantAggregateOptions ao = {
        .bootstrap = (guint) bootstrap,
        .seed = (guint64) seed,
        .level = level,
        .top_terms = (guint) top,
        .threads = slant_engine_threads(engine),
    };
    CompareRun run = {lex, slant_aggregate_new(lex, &ao), documents ? cJSON_CreateArray() : NULL};
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (!ok) {
        slant_aggregate_free(run.agg);
        cJSON_Delete(run.documents);
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    gboolean written;
    if (partial) {
        SlantRunParameters params = {ao, (gsize) common.max_document_bytes, common.strict};
        g_autofree char *text = slant_partial_write(run.agg, lex, slant_engine_inputs(engine),
                                                    slant_engine_skipped(engine), &params);
        written = cli_write_output(common.output, text, strlen(text), error);
    } else {
        slant_aggregate_finish(run.agg);
        SlantReportInput in = {
            .lex = lex,
            .inputs = slant_engine_inputs(engine),
            .skipped = slant_engine_skipped(engine),
            .agg = run.agg,
            .strict = common.strict,
            .max_document_bytes = (gsize) common.max_document_bytes,
            .documents = run.documents,
        };
        written = cli_write_report(common.output, &in, error);
    }
    slant_aggregate_free(run.agg);
    if (!written) {
        cli_common_clear(&common);
        return 4;
    }
    status = cli_run_status(engine, error);
    cli_common_clear(&common);
    return status;
}

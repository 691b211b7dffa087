/* cmd-merge.c: `slant merge`, partial results of sharded runs -> the report
 * a single run over all shards gives, byte for byte. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "partial.h"
#include "report.h"
#include "slant-error.h"

int
cmd_merge(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_autoptr(GOptionContext) ctx = g_option_context_new("PARTIAL... - merge sharded runs");
    g_option_context_set_summary(ctx,
        "Combine the partial results written by `slant compare --partial -o FILE` into one\n"
        "report, the same bytes as one run over all the shards in the order given. The\n"
        "partials must come from the same lexicon (--lexicon, default the bundled one) and\n"
        "the same options (seed, bootstrap, level, top, max-document-bytes, strict).");
    g_autofree char *format_name = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
         "json, csv, html or text (default: from -o's extension; text on a terminal; else json)", "FORMAT"},
        {"lexicon", 'l', 0, G_OPTION_ARG_FILENAME, &common.lexicon,
         "Lexicon the partials were made with (default: " CLI_BUNDLED_LEXICON ")", "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &common.output,
         "Write to FILE (whole or not at all) instead of standard output", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    int status = 0;
    SlantReportFormat format;
    if (!cli_report_format(format_name, common.output, NULL, &format, error)) {
        cli_common_clear(&common);
        return 2;
    }
    if (argc < 2) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "merge: give at least one PARTIAL");
        cli_common_clear(&common);
        return 2;
    }
    g_autoptr(SlantLexicon) lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func(slant_input_info_free);
    g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func(slant_skip_free);
    SlantAggregate *agg = NULL;
    SlantRunParameters params;
    for (int i = 1; i < argc; i++) {
        g_autofree char *data = NULL;
        gsize len = 0;
        GError *ferr = NULL;
        if (!g_file_get_contents(argv[i], &data, &len, &ferr)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", argv[i],
                        ferr->message);
            g_error_free(ferr);
            status = 4;
            break;
        }
        if (agg == NULL) {
            if (!slant_partial_peek(data, len, argv[i], &params, error)) {
                status = 1;
                break;
            }
            params.agg.threads = g_get_num_processors(); /* not a parameter of the result */
            agg = slant_aggregate_new(lex, &params.agg);
        }
        if (!slant_partial_merge(agg, lex, data, len, argv[i], &params, inputs, skipped, error)) {
            status = 1;
            break;
        }
    }
    if (status != 0) {
        if (agg != NULL)
            slant_run_parameters_clear(&params);
        slant_aggregate_free(agg);
        cli_common_clear(&common);
        return status;
    }
    slant_aggregate_finish(agg);
    SlantReportInput in = {
        .lex = lex,
        .inputs = inputs,
        .skipped = skipped,
        .agg = agg,
        .strict = params.strict,
        .max_document_bytes = params.max_document_bytes,
        .documents = NULL,
        .group_by = params.group_by,
        .match = params.match,
    };
    SlantReport *report = slant_report_new(&in);
    gboolean written = cli_write_report(common.output, report, format, error);
    slant_report_free(report);
    gboolean empty = slant_aggregate_n_sources(agg) == 0;
    slant_aggregate_free(agg);
    slant_run_parameters_clear(&params);
    if (!written) {
        cli_common_clear(&common);
        return 4;
    }
    status = slant_skips_worst_status(skipped);
    if (empty) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "no documents were scored");
        status = MAX(status, 1);
    }
    cli_common_clear(&common);
    return status;
}

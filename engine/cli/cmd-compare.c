/* cmd-compare.c: `slant compare`, the main job: corpus -> report. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "labels.h"
#include "partial.h"
#include "report.h"
#include "slant-error.h"

typedef struct {
    const SlantLexicon *lex;
    SlantAggregate *agg;
    GPtrArray *documents; /* with --documents: each document's object, at depth 2 */
    SlantKey group_by, match;
    gboolean matched;
    SlantKeyCount group_count, match_count;
    char **only;          /* --groups, or NULL */
    guint64 left_out;     /* documents of other groups */
} CompareRun;

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    (void) error;
    CompareRun *run = user;
    char gbuf[SLANT_KEY_BUF], ubuf[SLANT_KEY_BUF];
    SlantKeyStatus st;
    const char *group = slant_key_value(&run->group_by, r->doc, gbuf, &st);
    slant_key_count_add(&run->group_count, &run->group_by, r->doc, st);
    if (group == NULL)
        group = SLANT_KEY_NONE;
    if (run->only != NULL && !g_strv_contains((const char *const *) run->only, group)) {
        run->left_out++;
        return TRUE;
    }
    const char *unit = NULL;
    if (run->matched) {
        unit = slant_key_value(&run->match, r->doc, ubuf, &st);
        slant_key_count_add(&run->match_count, &run->match, r->doc, st);
    }
    slant_aggregate_add(run->agg, group, unit, r->doc->id, &r->tally,
                        (const SlantHit *) (void *) r->hits->data, r->hits->len);
    if (run->documents != NULL)
        g_ptr_array_add(run->documents,
                        slant_report_document_pretty(run->lex, r, SLANT_RESULT_HITS, 2));
    return TRUE;
}

static void
compare_run_clear(CompareRun *run)
{
    slant_aggregate_free(run->agg);
    if (run->documents != NULL)
        g_ptr_array_unref(run->documents);
    slant_key_clear(&run->group_by);
    slant_key_clear(&run->match);
    slant_key_count_clear(&run->group_count);
    slant_key_count_clear(&run->match_count);
    g_strfreev(run->only);
    memset(run, 0, sizeof *run);
}

/* A matched design where no two groups share a unit compares nothing:
 * say so (the report says it too, pair by pair). */
static void
warn_unmatched(const CompareRun *run)
{
    if (!run->matched || run->agg == NULL)
        return;
    guint n = slant_aggregate_n_sources(run->agg);
    if (n >= 2 && slant_aggregate_n_units_shared(run->agg) == 0)
        fprintf(stderr, "slant: warning: --match %s: no two groups share a unit, so no pair "
                        "could be compared\n", run->match.spec);
}

/* --groups A,B,C: the names, trimmed; NULL (with a usage error) when one
 * is empty. */
static char **
parse_groups(const char *spec, GError **error)
{
    char **names = g_strsplit(spec, ",", -1);
    for (char **n = names; *n != NULL; n++) {
        g_strstrip(*n);
        if (**n == '\0') {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--groups '%s': a group name is empty", spec);
            g_strfreev(names);
            return NULL;
        }
    }
    return names;
}

int
cmd_compare(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    gint64 seed = 1, bootstrap = 1000, top = 10;
    double level = 0.95;
    gboolean documents = FALSE, partial = FALSE;
    g_autofree char *group_by = NULL, *match = NULL, *format_name = NULL, *pairs = NULL,
                    *reference = NULL, *groups = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
         "json, csv, html or text (default: from -o's extension; text on a terminal; else json)", "FORMAT"},
        {"group-by", 'g', 0, G_OPTION_ARG_STRING, &group_by,
         "Group documents by KEY: source (default), label.NAME, date:year, date:month or "
         "date:day; documents without a value form the group '(none)'", "KEY"},
        {"groups", 0, 0, G_OPTION_ARG_STRING, &groups,
         "Keep only these groups (comma-separated names); the others' documents are counted and left out", "A,B,C"},
        {"pairs", 0, 0, G_OPTION_ARG_STRING, &pairs,
         "Which pairs to compare: auto (default: all up to 40 groups, else each against the "
         "rest), all, rest, none, or A,B;C,D", "DESIGN"},
        {"reference", 0, 0, G_OPTION_ARG_STRING, &reference,
         "Compare every group against this one", "GROUP"},
        {"match", 0, 0, G_OPTION_ARG_STRING, &match,
         "Matched design: compare each pair of groups on the units of KEY (say label.event) "
         "both have, as paired differences", "KEY"},
        {"partial", 0, 0, G_OPTION_ARG_NONE, &partial,
         "Write a partial result for `slant merge` instead of a report (sharded runs)", NULL},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Bootstrap seed (default 1)", "N"},
        {"bootstrap", 'b', 0, G_OPTION_ARG_INT64, &bootstrap,
         "Bootstrap replicates (default 1000; 0: no resampling, intervals collapse to the pooled value)", "N"},
        {"level", 0, 0, G_OPTION_ARG_DOUBLE, &level, "Interval level (default 0.95)", "P"},
        {"top", 0, 0, G_OPTION_ARG_INT64, &top, "Driver terms per group and pair (default 10)", "N"},
        {"documents", 0, 0, G_OPTION_ARG_NONE, &documents,
         "Add every document's scores and hits to the report", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - compare sources");
    g_option_context_set_summary(ctx,
        "Score a corpus against a lexicon and write the per-group comparison report: JSON\n"
        "(engine/report.schema.json), tidy CSV, one HTML page, or a text summary.\n"
        "INPUT is a directory tree ROOT/SOURCE/NAME.txt, a .jsonl, .jsonl.gz or .jsonl.zst file,\n"
        "or - for JSON Lines on standard input. With no INPUT: the bundled corpus and lexicon.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    CompareRun run = {0};
    g_auto(GStrv) pair_names = NULL;
    SlantPairDesign design;
    SlantReportFormat format = SLANT_FORMAT_JSON;
    int status = 2;
    g_autoptr(SlantLexicon) lex = NULL;
    g_autoptr(SlantEngine) engine = NULL;
    if (!cli_parse(ctx, &argc, &argv, error))
        goto out;
    if (partial && documents) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--partial and --documents do not go together");
        goto out;
    }
    if (bootstrap < 0 || bootstrap > 1000000 || top < 0 || top > 100000 || seed < 0 ||
        !(level > 0 && level < 1)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--bootstrap must be 0..1000000, --top 0..100000, --seed >= 0 and --level "
                    "between 0 and 1");
        goto out;
    }
    if (!partial && !cli_report_format(format_name, common.output, NULL, &format, error))
        goto out;
    if (documents && format != SLANT_FORMAT_JSON) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--documents goes with --format json (use `slant score --format csv` for a "
                    "table of documents)");
        goto out;
    }
    if (!slant_pair_design_parse(pairs, reference, &design, &pair_names, error))
        goto out;
    if (match != NULL && design.mode == SLANT_PAIRS_REST) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--pairs rest does not go with --match: a matched design compares pairs of groups");
        goto out;
    }
    if (!slant_key_parse(&run.group_by, group_by ? group_by : "source", "--group-by", error) ||
        (match != NULL && !slant_key_parse(&run.match, match, "--match", error)))
        goto out;
    if (groups != NULL && (run.only = parse_groups(groups, error)) == NULL)
        goto out;
    run.matched = match != NULL;
    lex = cli_load_lexicon(&common, error);
    if (lex != NULL) {
        SlantEngineOptions eo = cli_engine_options(&common, documents);
        engine = slant_engine_new(lex, &eo, error);
    }
    if (engine == NULL) {
        status = cli_exit_status(*error);
        goto out;
    }
    SlantAggregateOptions ao = {
        .bootstrap = (guint) bootstrap,
        .seed = (guint64) seed,
        .level = level,
        .top_terms = (guint) top,
        .threads = slant_engine_threads(engine),
        .matched = run.matched,
    };
    run.lex = lex;
    run.agg = slant_aggregate_new(lex, &ao);
    run.documents = documents ? g_ptr_array_new_with_free_func(g_free) : NULL;
    slant_key_count_init(&run.group_count);
    slant_key_count_init(&run.match_count);
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (!ok) {
        status = cli_exit_status(*error);
        goto out;
    }
    /* a key that no document has is a mistake (a misspelt label), not a
     * request for one group "(none)" */
    if (!slant_key_count_check(&run.group_count, &run.group_by, "--group-by", error) ||
        (run.matched && !slant_key_count_check(&run.match_count, &run.match, "--match", error))) {
        status = 2;
        goto out;
    }
    gboolean written;
    if (partial) {
        SlantRunParameters params = {
            .agg = ao,
            .max_document_bytes = (gsize) common.max_document_bytes,
            .strict = common.strict,
            .group_by = run.group_by.spec,
            .match = run.matched ? run.match.spec : NULL,
            .pairs = pairs,
            .reference = reference,
            .only = run.only,
            .left_out = run.left_out,
            .voice = common.voice,
        };
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
            .group_by = run.group_by.spec,
            .match = run.matched ? run.match.spec : NULL,
            .pairs = design,
            .only = (const char *const *) run.only,
            .left_out = run.left_out,
            .voice = common.voice,
        };
        g_autoptr(SlantReport) report = slant_report_new(&in, error);
        if (report == NULL) {
            status = 2;
            goto out;
        }
        written = cli_write_report(common.output, report, format, error);
        warn_unmatched(&run);
    }
    if (!written) {
        status = 4;
        goto out;
    }
    /* an empty shard is a shard like any other: its partial says so */
    if (partial && slant_engine_n_scored(engine) == 0)
        status = cli_skips_status(slant_engine_skipped(engine));
    else
        status = cli_run_status(engine, error);
out:
    compare_run_clear(&run);
    cli_common_clear(&common);
    return status;
}

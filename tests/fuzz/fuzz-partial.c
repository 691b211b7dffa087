/* fuzz-partial.c: fuzz target for partial results and merging them
 * (engine/lib/partial.h), the input of `slant merge`.
 *
 * The input is a partial result ("fuzz.partial"), read against the fixed
 * lexicon below (two axes, two categories; the seeds in seeds/partial
 * were written by `slant compare --partial` with it, so they carry its
 * sha256 and get past that check):
 *
 *   - slant_partial_peek() and slant_partial_merge() either accept it or
 *     fail with a GError in SLANT_ERROR, code SLANT_ERROR_FORMAT (or
 *     SLANT_ERROR_CHECK_FAILED for another lexicon or other parameters),
 *     whose message starts with "fuzz.partial: " and is valid UTF-8;
 *   - accepted: what slant_partial_write() writes of the merged aggregate
 *     merges again, and writes the same bytes again (merging is lossless);
 *     then the aggregate is finished and the report written: it parses as
 *     JSON, an object whose "sources" has one item per source, and every
 *     number in it is finite (the report has no NaN or Infinity).
 *
 * Partials asking for more than 200 bootstrap replicates are only peeked
 * at: finishing them costs time and finds nothing new.
 */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "engine.h"
#include "lexicon.h"
#include "partial.h"
#include "report.h"
#include "score.h"
#include "slant-error.h"

#define NAME "fuzz.partial"

/* Also the lexicon the seeds were made with: change it and the seeds must
 * be made again (tests/fuzz/README.md says how). */
static const char lexicon_text[] =
    "{\n"
    "  \"lexicon\": \"fuzz-partial\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
    "  \"axes\": [{\"id\": \"alliance\", \"positive\": \"supportive\", \"negative\": \"critical\"},\n"
    "           {\"id\": \"tone\", \"positive\": \"warm\", \"negative\": \"cold\"}],\n"
    "  \"categories\": [{\"id\": \"threat\"}, {\"id\": \"legal\"}],\n"
    "  \"entries\": [\n"
    "    {\"pattern\": \"deterrence\", \"axis\": \"alliance\", \"pole\": \"positive\", \"weight\": 1.5},\n"
    "    {\"pattern\": \"cornerstone\", \"axis\": \"alliance\", \"pole\": \"positive\", \"weight\": 2},\n"
    "    {\"pattern\": \"dependence\", \"axis\": \"alliance\", \"pole\": \"negative\"},\n"
    "    {\"pattern\": \"friendly\", \"axis\": \"tone\", \"pole\": \"warm\"},\n"
    "    {\"pattern\": \"hostile\", \"axis\": \"tone\", \"pole\": \"cold\", \"weight\": 0.5},\n"
    "    {\"pattern\": \"missile*\", \"category\": \"threat\"},\n"
    "    {\"pattern\": \"=Article 5\", \"category\": \"legal\"}\n"
    "  ],\n"
    "  \"modifiers\": {\"negators\": [\"not\", \"no\"], \"intensifiers\": {\"very\": 1.5}}\n"
    "}\n";

static SlantLexicon *lexicon;

static void
check_error(GError *err, gboolean merging)
{
    FUZZ_CHECK(err != NULL);
    FUZZ_CHECK_MSG(err->domain == SLANT_ERROR &&
                       (err->code == SLANT_ERROR_FORMAT ||
                        (merging && err->code == SLANT_ERROR_CHECK_FAILED)),
                   "error %s %d: %s", g_quark_to_string(err->domain), err->code, err->message);
    FUZZ_CHECK_MSG(g_utf8_validate(err->message, -1, NULL), "message not valid UTF-8");
    FUZZ_CHECK_MSG(g_str_has_prefix(err->message, NAME ": "), "message without the name: %s",
                   err->message);
    g_error_free(err);
}

static gboolean
append(const char *data, gsize len, gpointer user, GError **error)
{
    (void) error;
    g_string_append_len(user, data, (gssize) len);
    return TRUE;
}

static void
check_numbers(const cJSON *item)
{
    for (const cJSON *c = item; c != NULL; c = c->next) {
        if (cJSON_IsNumber(c))
            FUZZ_CHECK_MSG(isfinite(c->valuedouble), "a number that is not finite");
        if (cJSON_IsRaw(c))
            FUZZ_CHECK_MSG(FALSE, "a raw value in a parsed report");
        check_numbers(c->child);
    }
}

/* Merge @text (named NAME) into a new aggregate; NULL when refused. */
static SlantAggregate *
merge(const char *text, gsize len, SlantRunParameters *params, GPtrArray *inputs,
      GPtrArray *skipped)
{
    GError *err = NULL;
    SlantAggregate *agg = slant_aggregate_new(lexicon, &params->agg);
    guint64 left_out = 0;
    if (!slant_partial_merge(agg, lexicon, text, len, NAME, params, inputs, skipped, &left_out,
                             &err)) {
        check_error(err, TRUE);
        slant_aggregate_free(agg);
        return NULL;
    }
    FUZZ_CHECK(err == NULL);
    return agg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (lexicon == NULL) {
        GError *err = NULL;
        lexicon = slant_lexicon_load_data(lexicon_text, strlen(lexicon_text), "fuzz.json", &err);
        FUZZ_CHECK_MSG(lexicon != NULL, "the fixed lexicon: %s", err ? err->message : "?");
    }
    const char *text = (const char *) data;
    SlantRunParameters params;
    GError *err = NULL;
    if (!slant_partial_peek(text, size, NAME, &params, &err)) {
        check_error(err, FALSE);
        return 0;
    }
    FUZZ_CHECK(err == NULL);
    FUZZ_CHECK(params.agg.level > 0 && params.agg.level < 1);
    if (params.agg.bootstrap > 200) {
        slant_run_parameters_clear(&params);
        return 0;
    }
    params.agg.threads = 1;

    GPtrArray *inputs = g_ptr_array_new_with_free_func(slant_input_info_free);
    GPtrArray *skipped = g_ptr_array_new_with_free_func(slant_skip_free);
    SlantAggregate *agg = merge(text, size, &params, inputs, skipped);
    if (agg == NULL) {
        slant_run_parameters_clear(&params);
        g_ptr_array_unref(inputs);
        g_ptr_array_unref(skipped);
        return 0;
    }

    /* lossless: written again, merged again, written again: the same bytes */
    char *once = slant_partial_write(agg, lexicon, inputs, skipped, &params);
    GPtrArray *inputs2 = g_ptr_array_new_with_free_func(slant_input_info_free);
    GPtrArray *skipped2 = g_ptr_array_new_with_free_func(slant_skip_free);
    SlantAggregate *agg2 = merge(once, strlen(once), &params, inputs2, skipped2);
    FUZZ_CHECK_MSG(agg2 != NULL, "a partial written by slant is refused:\n%s", once);
    char *twice = slant_partial_write(agg2, lexicon, inputs2, skipped2, &params);
    FUZZ_CHECK_MSG(strcmp(once, twice) == 0, "written again, a merged partial changes");
    g_free(twice);
    slant_aggregate_free(agg2);
    g_ptr_array_unref(inputs2);
    g_ptr_array_unref(skipped2);
    g_free(once);

    slant_aggregate_finish(agg);
    SlantReportInput in = {
        .lex = lexicon,
        .inputs = inputs,
        .skipped = skipped,
        .agg = agg,
        .strict = params.strict,
        .max_document_bytes = params.max_document_bytes,
        .documents = NULL,
        .group_by = params.group_by,
        .match = params.match,
        .only = (const char *const *) params.only,
    };
    GString *report = g_string_new(NULL);
    g_auto(GStrv) pair_names = NULL;
    SlantReport *model = NULL;
    /* a design the partial names may not fit its groups (a reference that
     * is not there): that is an error the report states, not a crash */
    if (slant_pair_design_parse(params.pairs, params.reference, &in.pairs, &pair_names, &err))
        model = slant_report_new(&in, &err);
    if (model == NULL) {
        FUZZ_CHECK(err != NULL && err->domain == SLANT_ERROR);
        g_clear_error(&err);
        g_string_free(report, TRUE);
        slant_aggregate_free(agg);
        slant_run_parameters_clear(&params);
        g_ptr_array_unref(inputs);
        g_ptr_array_unref(skipped);
        return 0;
    }
    FUZZ_CHECK(slant_report_write(model, SLANT_FORMAT_JSON, append, report, &err));
    slant_report_free(model);
    cJSON *root = cJSON_ParseWithLength(report->str, report->len);
    FUZZ_CHECK_MSG(root != NULL && cJSON_IsObject(root), "the report is not a JSON object");
    const cJSON *sources = cJSON_GetObjectItemCaseSensitive(root, "sources");
    FUZZ_CHECK(cJSON_IsArray(sources) &&
               (guint) cJSON_GetArraySize(sources) == slant_aggregate_n_sources(agg));
    check_numbers(root);
    cJSON_Delete(root);
    g_string_free(report, TRUE);
    slant_aggregate_free(agg);
    slant_run_parameters_clear(&params);
    g_ptr_array_unref(inputs);
    g_ptr_array_unref(skipped);
    return 0;
}

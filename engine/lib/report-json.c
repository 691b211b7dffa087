/* report-json.c: the report as JSON (engine/report.schema.json).
 *
 * Written with jsonw, member by member: the bytes cJSON_Print gives for the
 * same tree, without building one (there are n (n - 1) / 2 comparisons).
 * The two big arrays are formatted a batch at a time on the pool's
 * threads and written in order. */
#include "report-private.h"

#include <string.h>

#include "jsonw.h"
#include "labels.h"
#include "slant-error.h"

#define SOURCES_CHUNK 8
#define COMPARISONS_CHUNK 64


/* The members "balance": ..., one per score, of an open object. */
static void
put_scores(SlantJsonWriter *w, const double *v)
{
    for (int k = 0; k < SLANT_N_SCORES; k++)
        put_key_number(w, slant_score_name(k), v[k]);
}

/* The members "balance": [lo, hi], one per score, of an open object. */
static void
put_key_bounds(SlantJsonWriter *w, const char *key, double lo, double hi)
{
    slant_jsonw_key(w, key);
    slant_jsonw_begin_array(w);
    put_number(w, lo);
    put_number(w, hi);
    slant_jsonw_end_array(w);
}

static void
put_intervals(SlantJsonWriter *w, const double *lo, const double *hi)
{
    for (int k = 0; k < SLANT_N_SCORES; k++)
        put_key_bounds(w, slant_score_name(k), lo[k], hi[k]);
}

/* Entries behind a number: an axis's (@with_pole, their signed weight as
 * @value_key) or a category's (their hits, and with @value_key the
 * difference of their hits per 1k tokens in a comparison). */
static void
put_drivers(SlantJsonWriter *w, const SlantLexicon *lex, const GArray *drivers,
            const char *value_key, gboolean with_pole)
{
    slant_jsonw_begin_array(w);
    for (guint i = 0; i < drivers->len; i++) {
        const SlantDriver *d = &g_array_index(drivers, SlantDriver, i);
        const SlantEntry *e = slant_lexicon_entry(lex, d->entry);
        slant_jsonw_begin_object(w);
        put_key_string(w, "pattern", e->pattern);
        if (with_pole)
            put_key_string(w, "pole", slant_pole_name(e->pole));
        put_key_uint(w, "entry", e->index);
        put_key_uint(w, "hits", d->hits);
        put_key_uint(w, "negated", d->negated);
        if (value_key != NULL)
            put_key_number(w, value_key, d->contribution);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_array(w);
}

/* One element of "sources": source @i. */
static void
put_source(SlantJsonWriter *w, const SlantReport *r, guint i)
{
    const SlantLexicon *lex = r->lex;
    const SlantAggregate *agg = r->agg;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    const SlantAggregateOptions *ao = slant_aggregate_options(agg);
    const SlantSourceResult *s = slant_aggregate_source(agg, i);
    slant_jsonw_begin_object(w);
    put_key_string(w, "name", s->name);
    put_key_uint(w, "documents", s->documents);
    put_key_uint(w, "tokens", s->tokens);
    put_key_uint(w, "sentences", s->sentences);
    slant_jsonw_key(w, "axes");
    slant_jsonw_begin_object(w);
    for (guint a = 0; a < na; a++) {
        const SlantAxisResult *x = &s->axes[a];
        slant_jsonw_key(w, slant_lexicon_axis(lex, a)->id);
        slant_jsonw_begin_object(w);
        slant_jsonw_key(w, "hits");
        slant_jsonw_begin_object(w);
        put_key_uint(w, "positive", x->hits_pos);
        put_key_uint(w, "negative", x->hits_neg);
        put_key_uint(w, "total", x->hits_pos + x->hits_neg);
        put_key_uint(w, "negated", x->negated);
        put_key_uint(w, "quoted", x->quoted);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "weights");
        slant_jsonw_begin_object(w);
        put_key_number(w, "positive", x->pos);
        put_key_number(w, "negative", x->neg);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "pooled");
        slant_jsonw_begin_object(w);
        put_scores(w, x->pooled);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "document_mean");
        slant_jsonw_begin_object(w);
        put_scores(w, x->mean);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "interval");
        slant_jsonw_begin_object(w);
        put_key_string(w, "unit", !s->sentence_unit ? "document" : s->blocks ? "sentence-block" : "sentence");
        put_key_uint(w, "units", s->units);
        put_key_uint(w, "replicates", ao->bootstrap);
        put_key_number(w, "level", ao->level);
        put_intervals(w, x->lo, x->hi);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "drivers");
        put_drivers(w, lex, x->drivers, "weight", TRUE);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_key(w, "categories");
    slant_jsonw_begin_object(w);
    for (guint c = 0; c < nc; c++) {
        const SlantCategoryResult *cr = &s->categories[c];
        slant_jsonw_key(w, slant_lexicon_category(lex, c)->id);
        slant_jsonw_begin_object(w);
        put_key_uint(w, "hits", cr->hits);
        put_key_uint(w, "negated", cr->negated);
        put_key_uint(w, "quoted", cr->quoted);
        put_key_number(w, "per_1k", cr->per_1k);
        put_key_bounds(w, "interval", cr->lo, cr->hi);
        slant_jsonw_key(w, "drivers");
        put_drivers(w, lex, cr->drivers, NULL, FALSE);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_end_object(w);
}

/* One element of "comparisons": the pair of sources @ia and @ib, compared
 * here (pairs are not kept: there are sources² / 2 of them). */
static void
put_comparison(SlantJsonWriter *w, const SlantReport *r, guint ia, guint ib,
               SlantPairWork *work)
{
    const SlantLexicon *lex = r->lex;
    const SlantAggregate *agg = r->agg;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    const SlantComparison *cmp = slant_aggregate_compare(agg, ia, ib, work);
    gboolean matched = slant_aggregate_options(agg)->matched;
    slant_jsonw_begin_object(w);
    put_key_string(w, "a", slant_report_group_name(r, ia));
    put_key_string(w, "b", slant_report_group_name(r, ib));
    if (matched) {
        slant_jsonw_key(w, "matched");
        slant_jsonw_begin_object(w);
        put_key_uint(w, "units", cmp->units);
        put_key_uint(w, "only_a", cmp->only_a);
        put_key_uint(w, "only_b", cmp->only_b);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_key(w, "axes");
    slant_jsonw_begin_object(w);
    for (guint a = 0; a < na; a++) {
        const SlantAxisComparison *c = &cmp->axes[a];
        slant_jsonw_key(w, slant_lexicon_axis(lex, a)->id);
        slant_jsonw_begin_object(w);
        if (cmp->empty) {
            /* no unit in common: nothing to say, and no number pretends to */
            slant_jsonw_key(w, "difference");
            slant_jsonw_raw(w, "null");
            slant_jsonw_key(w, "interval");
            slant_jsonw_raw(w, "null");
            slant_jsonw_key(w, "drivers");
            slant_jsonw_begin_array(w);
            slant_jsonw_end_array(w);
            slant_jsonw_end_object(w);
            continue;
        }
        slant_jsonw_key(w, "difference");
        slant_jsonw_begin_object(w);
        put_scores(w, c->diff);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "interval");
        slant_jsonw_begin_object(w);
        put_intervals(w, c->lo, c->hi);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "drivers");
        put_drivers(w, lex, c->drivers, "difference_per_1k", TRUE);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_key(w, "categories");
    slant_jsonw_begin_object(w);
    for (guint c = 0; c < nc; c++) {
        slant_jsonw_key(w, slant_lexicon_category(lex, c)->id);
        slant_jsonw_begin_object(w);
        if (cmp->empty) {
            put_key_null(w, "difference_per_1k");
            put_key_null(w, "interval");
            slant_jsonw_key(w, "drivers");
            slant_jsonw_begin_array(w);
            slant_jsonw_end_array(w);
        } else {
            put_key_number(w, "difference_per_1k", cmp->category_diff[c]);
            put_key_bounds(w, "interval", cmp->category_lo[c], cmp->category_hi[c]);
            slant_jsonw_key(w, "drivers");
            put_drivers(w, lex, cmp->category_drivers[c], "difference_per_1k", FALSE);
        }
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_end_object(w);
}


/* meta.lexicons: each lexicon file, its identity, modifiers and summary
 * score. */
static void
put_lexicon_files(SlantJsonWriter *w, const SlantLexicon *lex)
{
    slant_jsonw_key(w, "lexicons");
    slant_jsonw_begin_array(w);
    for (guint k = 0; k < slant_lexicon_n_sources(lex); k++) {
        const SlantLexiconSource *src = slant_lexicon_source(lex, k);
        slant_jsonw_begin_object(w);
        put_key_string(w, "name", src->name);
        put_key_string(w, "version", src->version);
        put_key_string(w, "sha256", src->sha256);
        put_key_string(w, "path", src->path);
        put_key_uint(w, "entries", src->n_entries);
        put_key_uint(w, "negation_window", src->negation_window);
        slant_jsonw_key(w, "negators");
        slant_jsonw_begin_array(w);
        g_autofree const char **negators = slant_lexicon_negators(lex, k);
        for (const char **n = negators; *n != NULL; n++)
            slant_jsonw_string(w, *n);
        slant_jsonw_end_array(w);
        if (src->summary_axis >= 0) {
            slant_jsonw_key(w, "summary");
            slant_jsonw_begin_object(w);
            put_key_string(w, "axis", slant_lexicon_axis(lex, (guint) src->summary_axis)->id);
            put_key_string(w, "score", src->summary_score);
            put_key_string_or_null(w, "description", src->summary_description);
            slant_jsonw_end_object(w);
        } else {
            put_key_null(w, "summary");
        }
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_array(w);
}

/* Is the negation window the same for every group (every file's, every
 * axis's own)?  Then *window is it. */
static gboolean
same_negation_window(const SlantLexicon *lex, guint *window)
{
    guint ng = slant_lexicon_n_groups(lex);
    *window = ng > 0 ? slant_lexicon_group_negation_window(lex, 0)
                     : slant_lexicon_source(lex, 0)->negation_window;
    for (guint g = 1; g < ng; g++)
        if (slant_lexicon_group_negation_window(lex, g) != *window)
            return FALSE;
    return TRUE;
}

static void
put_meta(SlantJsonWriter *w, const SlantReport *r)
{
    const SlantReportInput *in = r->in;
    const SlantAggregateOptions *ao = slant_aggregate_options(r->agg);
    slant_jsonw_begin_object(w);
    put_key_string(w, "engine", "slant");
    put_key_string(w, "engine_version", SLANT_VERSION);
    slant_jsonw_key(w, "lexicon");
    slant_jsonw_begin_object(w);
    put_key_string(w, "name", slant_lexicon_name(r->lex));
    put_key_string(w, "version", slant_lexicon_version(r->lex));
    put_key_string(w, "sha256", slant_lexicon_sha256(r->lex));
    put_key_string(w, "path", slant_lexicon_path(r->lex));
    put_key_uint(w, "entries", slant_lexicon_n_entries(r->lex));
    slant_jsonw_end_object(w);
    put_lexicon_files(w, r->lex);
    put_key_string(w, "stemmer", slant_lexicon_language(r->lex));
    slant_jsonw_key(w, "inputs");
    slant_jsonw_begin_array(w);
    const GPtrArray *inputs = r->inputs;
    for (guint i = 0; i < inputs->len; i++) {
        const SlantInputInfo *info = inputs->pdata[i];
        slant_jsonw_begin_object(w);
        put_key_string(w, "path", info->name);
        put_key_string_or_null(w, "format",
                               info->opened ? slant_corpus_format_name(info->format) : NULL);
        put_key_uint(w, "documents", info->documents);
        put_key_uint(w, "skipped", info->skipped);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_array(w);
    slant_jsonw_key(w, "parameters");
    slant_jsonw_begin_object(w);
    put_key_uint(w, "bootstrap_replicates", ao->bootstrap);
    put_key_uint(w, "seed", ao->seed);
    put_key_number(w, "confidence_level", ao->level);
    put_key_uint(w, "min_documents_for_document_bootstrap", SLANT_MIN_DOCUMENT_UNITS);
    put_key_uint(w, "top_terms", ao->top_terms);
    guint window;
    if (same_negation_window(r->lex, &window))
        put_key_uint(w, "negation_window", window);
    else
        put_key_null(w, "negation_window");
    put_key_string(w, "voice", slant_voice_name(in->voice));
    put_key_uint(w, "max_document_bytes", in->max_document_bytes);
    put_key_bool(w, "strict", in->strict);
    put_key_bool(w, "documents", in->documents != NULL);
    put_key_uint(w, "decimals", SLANT_REPORT_DECIMALS);
    slant_jsonw_end_object(w);
    /* what the groups are, and which pairs are compared how */
    slant_jsonw_key(w, "grouping");
    slant_jsonw_begin_object(w);
    put_key_string(w, "by", in->group_by != NULL ? in->group_by : "source");
    put_key_uint(w, "groups", r->n_groups);
    put_key_uint(w, "documents_without_value", r->without_value);
    slant_jsonw_key(w, "only");
    if (in->only != NULL) {
        slant_jsonw_begin_array(w);
        for (const char *const *g = in->only; *g != NULL; g++)
            slant_jsonw_string(w, *g);
        slant_jsonw_end_array(w);
    } else {
        slant_jsonw_raw(w, "null");
    }
    put_key_uint(w, "documents_left_out", in->left_out);
    slant_jsonw_end_object(w);
    slant_jsonw_key(w, "design");
    slant_jsonw_begin_object(w);
    put_key_string(w, "pairs", slant_pair_mode_name(r->pairs));
    put_key_string(w, "reason", r->reason);
    put_key_string_or_null(w, "reference",
                           r->reference >= 0 ? slant_report_group_name(r, (guint) r->reference) : NULL);
    put_key_uint(w, "comparisons", r->n_comparisons);
    if (ao->matched) {
        slant_jsonw_key(w, "matched");
        slant_jsonw_begin_object(w);
        put_key_string(w, "by", in->match);
        put_key_uint(w, "units", slant_aggregate_n_units(r->agg));
        put_key_uint(w, "units_shared", slant_aggregate_n_units_shared(r->agg));
        put_key_uint(w, "documents_without_unit", slant_aggregate_documents_without_unit(r->agg));
        slant_jsonw_end_object(w);
    } else {
        put_key_null(w, "matched");
    }
    slant_jsonw_end_object(w);
    slant_jsonw_key(w, "methods");
    slant_jsonw_begin_object(w);
    SlantMethodText mt[SLANT_REPORT_MAX_METHODS];
    guint n_methods = slant_report_methods(r, mt);
    for (guint i = 0; i < n_methods; i++)
        put_key_string(w, mt[i].name, mt[i].text);
    slant_jsonw_end_object(w);
    slant_jsonw_end_object(w);
}

/* ---- the big arrays, a batch at a time ---- */

typedef struct {
    const SlantReport *r;
    guint depth;
} Big;

static void
format_sources(guint first, guint end, GString *out, gpointer *state, gpointer user)
{
    (void) state;
    const Big *b = user;
    SlantJsonWriter w;
    for (guint i = first; i < end; i++) {
        if (i > 0)
            g_string_append_len(out, ", ", 2);
        slant_jsonw_init(&w, out, b->depth);
        put_source(&w, b->r, i);
    }
}

static void
format_comparisons(guint first, guint end, GString *out, gpointer *state, gpointer user)
{
    const Big *b = user;
    if (*state == NULL)
        *state = slant_pair_work_new(b->r->agg);
    SlantPairIter it;
    slant_pair_iter_init(&it, b->r, first);
    SlantJsonWriter w;
    guint a, bb;
    for (guint p = first; p < end && slant_pair_iter_next(&it, &a, &bb); p++) {
        if (p > 0)
            g_string_append_len(out, ", ", 2);
        slant_jsonw_init(&w, out, b->depth);
        put_comparison(&w, b->r, a, bb, *state);
    }
}

static void
free_work(gpointer p)
{
    slant_pair_work_free(p);
}

/* Write what @out holds so far, and empty it. */
static gboolean
flush(GString *out, SlantWriteFunc write, gpointer user, GError **error)
{
    gboolean ok = out->len == 0 || write(out->str, out->len, user, error);
    g_string_truncate(out, 0);
    return ok;
}

gboolean
slant_report_write_json(const SlantReport *r, SlantPool *pool, SlantWriteFunc write,
                        gpointer user, GError **error)
{
    const SlantReportInput *in = r->in;
    const SlantLexicon *lex = r->lex;
    g_autoptr(GString) out = g_string_sized_new(64 * 1024);
    SlantJsonWriter w;
    slant_jsonw_init(&w, out, 0);
    slant_jsonw_begin_object(&w);
    put_key_string(&w, "schema_version", SLANT_SCHEMA_VERSION);
    slant_jsonw_key(&w, "meta");
    put_meta(&w, r);
    slant_jsonw_key(&w, "axes");
    slant_jsonw_begin_array(&w);
    for (guint a = 0; a < r->na; a++) {
        const SlantAxis *ax = slant_lexicon_axis(lex, a);
        slant_jsonw_begin_object(&w);
        put_key_string(&w, "id", ax->id);
        put_key_string(&w, "positive", ax->positive);
        put_key_string(&w, "negative", ax->negative);
        slant_jsonw_end_object(&w);
    }
    slant_jsonw_end_array(&w);
    slant_jsonw_key(&w, "categories");
    slant_jsonw_begin_array(&w);
    for (guint c = 0; c < r->nc; c++) {
        const SlantCategory *cat = slant_lexicon_category(lex, c);
        slant_jsonw_begin_object(&w);
        put_key_string(&w, "id", cat->id);
        put_key_string_or_null(&w, "label", cat->label);
        slant_jsonw_end_object(&w);
    }
    slant_jsonw_end_array(&w);
    /* the elements of the two big arrays stand at depth 2: in an array that
     * is a member of the top object */
    Big big = {r, 2};
    slant_jsonw_key(&w, "sources");
    if (!flush(out, write, user, error) || !write("[", 1, user, error) ||
        !slant_pool_map_ordered(pool, r->n_groups, SOURCES_CHUNK, format_sources, &big, NULL,
                                write, user, error) ||
        !write("]", 1, user, error))
        return FALSE;
    slant_jsonw_raw(&w, ""); /* the array stands there */
    slant_jsonw_key(&w, "comparisons");
    if (!flush(out, write, user, error) || !write("[", 1, user, error) ||
        !slant_pool_map_ordered(pool, r->n_comparisons, COMPARISONS_CHUNK, format_comparisons,
                                &big, free_work, write, user, error) ||
        !write("]", 1, user, error))
        return FALSE;
    slant_jsonw_raw(&w, "");
    slant_jsonw_key(&w, "skipped");
    slant_jsonw_begin_array(&w);
    const GPtrArray *skipped = r->skipped;
    for (guint i = 0; i < skipped->len; i++) {
        const SlantSkip *s = skipped->pdata[i];
        slant_jsonw_begin_object(&w);
        put_key_string(&w, "input", s->input);
        put_key_uint(&w, "line", s->line);
        put_key_string_or_null(&w, "id", s->id);
        put_key_string(&w, "reason", slant_error_code_name(s->code));
        put_key_string(&w, "message", s->message);
        slant_jsonw_end_object(&w);
    }
    slant_jsonw_end_array(&w);
    slant_jsonw_key(&w, "summary");
    slant_jsonw_begin_object(&w);
    put_key_uint(&w, "sources", r->n_groups);
    put_key_uint(&w, "documents_scored", r->documents);
    put_key_uint(&w, "documents_skipped", in->skipped->len);
    put_key_uint(&w, "tokens", r->tokens);
    slant_jsonw_end_object(&w);
    if (in->documents != NULL) {
        slant_jsonw_key(&w, "documents");
        g_string_append_c(out, '[');
        for (guint i = 0; i < in->documents->len; i++) {
            if (i > 0)
                g_string_append_len(out, ", ", 2);
            g_string_append(out, in->documents->pdata[i]);
            if (out->len > 64 * 1024 && !flush(out, write, user, error))
                return FALSE;
        }
        g_string_append_c(out, ']');
        slant_jsonw_raw(&w, "");
    }
    slant_jsonw_end_object(&w);
    g_string_append_c(out, '\n');
    return flush(out, write, user, error);
}

#include "report.h"

#include <math.h>
#include <string.h>

#include "slant-error.h"

const char *
slant_report_number(double v, char *buf, gsize size)
{
    if (!isfinite(v)) {
        g_strlcpy(buf, "null", size);
        return buf;
    }
    g_ascii_formatd(buf, (gint) size, "%.6f", v);
    char *dot = strchr(buf, '.');
    if (dot != NULL) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        g_strlcpy(buf, "0", size);
    return buf;
}

void
slant_report_add_number(cJSON *obj, const char *key, double v)
{
    char buf[64];
    cJSON_AddItemToObject(obj, key, cJSON_CreateRaw(slant_report_number(v, buf, sizeof buf)));
}

static void
add_uint(cJSON *obj, const char *key, guint64 v)
{
    char buf[32];
    g_snprintf(buf, sizeof buf, "%" G_GUINT64_FORMAT, v);
    cJSON_AddItemToObject(obj, key, cJSON_CreateRaw(buf));
}

static void
add_string_or_null(cJSON *obj, const char *key, const char *v)
{
    if (v != NULL)
        cJSON_AddStringToObject(obj, key, v);
    else
        cJSON_AddNullToObject(obj, key);
}

static cJSON *
scores_object(const double *v)
{
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < SLANT_N_SCORES; k++)
        slant_report_add_number(o, slant_score_name(k), v[k]);
    return o;
}

static cJSON *
interval_object(const double *lo, const double *hi)
{
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < SLANT_N_SCORES; k++) {
        cJSON *pair = cJSON_CreateArray();
        char buf[64];
        cJSON_AddItemToArray(pair, cJSON_CreateRaw(slant_report_number(lo[k], buf, sizeof buf)));
        cJSON_AddItemToArray(pair, cJSON_CreateRaw(slant_report_number(hi[k], buf, sizeof buf)));
        cJSON_AddItemToObject(o, slant_score_name(k), pair);
    }
    return o;
}

static cJSON *
drivers_array(const SlantLexicon *lex, const GArray *drivers, const char *value_key)
{
    cJSON *arr = cJSON_CreateArray();
    for (guint i = 0; i < drivers->len; i++) {
        const SlantDriver *d = &g_array_index(drivers, SlantDriver, i);
        const SlantEntry *e = slant_lexicon_entry(lex, d->entry);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "pattern", e->pattern);
        cJSON_AddStringToObject(o, "pole", slant_pole_name(e->pole));
        add_uint(o, "entry", e->index);
        add_uint(o, "hits", d->hits);
        add_uint(o, "negated", d->negated);
        slant_report_add_number(o, value_key, d->contribution);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static cJSON *
meta_object(const SlantReportInput *in)
{
    const SlantAggregateOptions *ao = slant_aggregate_options(in->agg);
    cJSON *meta = cJSON_CreateObject();
    cJSON_AddStringToObject(meta, "engine", "slant");
    cJSON_AddStringToObject(meta, "engine_version", SLANT_VERSION);
    cJSON *lex = cJSON_AddObjectToObject(meta, "lexicon");
    cJSON_AddStringToObject(lex, "name", slant_lexicon_name(in->lex));
    cJSON_AddStringToObject(lex, "version", slant_lexicon_version(in->lex));
    cJSON_AddStringToObject(lex, "sha256", slant_lexicon_sha256(in->lex));
    cJSON_AddStringToObject(lex, "path", slant_lexicon_path(in->lex));
    add_uint(lex, "entries", slant_lexicon_n_entries(in->lex));
    cJSON_AddStringToObject(meta, "stemmer", slant_lexicon_language(in->lex));
    cJSON *inputs = cJSON_AddArrayToObject(meta, "inputs");
    const GPtrArray *ins = in->inputs;
    for (guint i = 0; i < ins->len; i++) {
        const SlantInputInfo *info = ins->pdata[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", info->name);
        if (info->opened)
            cJSON_AddStringToObject(o, "format", slant_corpus_format_name(info->format));
        else
            cJSON_AddNullToObject(o, "format");
        add_uint(o, "documents", info->documents);
        add_uint(o, "skipped", info->skipped);
        cJSON_AddItemToArray(inputs, o);
    }
    cJSON *p = cJSON_AddObjectToObject(meta, "parameters");
    add_uint(p, "bootstrap_replicates", ao->bootstrap);
    add_uint(p, "seed", ao->seed);
    slant_report_add_number(p, "confidence_level", ao->level);
    add_uint(p, "min_documents_for_document_bootstrap", SLANT_MIN_DOCUMENT_UNITS);
    add_uint(p, "top_terms", ao->top_terms);
    add_uint(p, "negation_window", slant_lexicon_negation_window(in->lex));
    add_uint(p, "max_document_bytes", in->max_document_bytes);
    cJSON_AddBoolToObject(p, "strict", in->strict);
    cJSON_AddBoolToObject(p, "documents", in->documents != NULL);
    add_uint(p, "decimals", SLANT_REPORT_DECIMALS);
    cJSON *m = cJSON_AddObjectToObject(meta, "methods");
    cJSON_AddStringToObject(m, "balance", "(P - N) / (P + N); 0 when there are no hits");
    cJSON_AddStringToObject(m, "logit", "ln((P + 0.5) / (N + 0.5))");
    cJSON_AddStringToObject(m, "net_per_1k", "1000 (P - N) / T");
    cJSON_AddStringToObject(m, "intensity_per_1k", "1000 (P + N) / T");
    cJSON_AddStringToObject(m, "pooled", "scores of the summed P, N and T of all the source's documents");
    cJSON_AddStringToObject(m, "document_mean", "mean of the documents' scores");
    cJSON_AddStringToObject(m, "interval",
                            "percentile bootstrap (R type 7 quantiles) of the pooled scores, "
                            "resampling documents, or sentences for sources with fewer than 5 "
                            "documents; SplitMix64 seeded with seed XOR FNV-1a-64(source name)");
    cJSON_AddStringToObject(m, "comparison",
                            "difference a - b of pooled scores; interval from the differences of "
                            "the two sources' bootstrap replicates");
    cJSON_AddStringToObject(m, "drivers",
                            "per source: entries by |signed weight| (positive pole +, negative -, "
                            "after negation and modifiers); per comparison: by |difference| of "
                            "signed weight per 1k tokens, with hits counted in both sources");
    return meta;
}

/* One element of "sources". */
static cJSON *
source_object(const SlantReportInput *in, guint i)
{
    const SlantLexicon *lex = in->lex;
    const SlantAggregate *agg = in->agg;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    const SlantAggregateOptions *ao = slant_aggregate_options(agg);
    const SlantSourceResult *s = slant_aggregate_source(agg, i);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", s->name);
    add_uint(o, "documents", s->documents);
    add_uint(o, "tokens", s->tokens);
    add_uint(o, "sentences", s->sentences);
    cJSON *oa = cJSON_AddObjectToObject(o, "axes");
    for (guint a = 0; a < na; a++) {
        const SlantAxisResult *x = &s->axes[a];
        cJSON *ax = cJSON_AddObjectToObject(oa, slant_lexicon_axis(lex, a)->id);
        cJSON *hits = cJSON_AddObjectToObject(ax, "hits");
        add_uint(hits, "positive", x->hits_pos);
        add_uint(hits, "negative", x->hits_neg);
        add_uint(hits, "total", x->hits_pos + x->hits_neg);
        add_uint(hits, "negated", x->negated);
        cJSON *w = cJSON_AddObjectToObject(ax, "weights");
        slant_report_add_number(w, "positive", x->pos);
        slant_report_add_number(w, "negative", x->neg);
        cJSON_AddItemToObject(ax, "pooled", scores_object(x->pooled));
        cJSON_AddItemToObject(ax, "document_mean", scores_object(x->mean));
        cJSON *iv = cJSON_AddObjectToObject(ax, "interval");
        cJSON_AddStringToObject(iv, "unit", s->sentence_unit ? "sentence" : "document");
        add_uint(iv, "units", s->units);
        add_uint(iv, "replicates", ao->bootstrap);
        slant_report_add_number(iv, "level", ao->level);
        cJSON *ivs = interval_object(x->lo, x->hi);
        for (cJSON *it = ivs->child; it != NULL;) {
            cJSON *next = it->next;
            cJSON_AddItemToObject(iv, it->string, cJSON_DetachItemViaPointer(ivs, it));
            it = next;
        }
        cJSON_Delete(ivs);
        cJSON_AddItemToObject(ax, "drivers", drivers_array(lex, x->drivers, "weight"));
    }
    cJSON *oc = cJSON_AddObjectToObject(o, "categories");
    for (guint c = 0; c < nc; c++) {
        const SlantCategoryResult *cr = &s->categories[c];
        cJSON *co = cJSON_AddObjectToObject(oc, slant_lexicon_category(lex, c)->id);
        add_uint(co, "hits", cr->hits);
        add_uint(co, "negated", cr->negated);
        slant_report_add_number(co, "per_1k", cr->per_1k);
    }
    return o;
}

/* One element of "comparisons": the pair @p. */
static cJSON *
comparison_object(const SlantReportInput *in, guint p)
{
    const SlantLexicon *lex = in->lex;
    const SlantAggregate *agg = in->agg;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    cJSON *o = cJSON_CreateObject();
    guint ia, ib;
    slant_aggregate_pair(agg, p, &ia, &ib);
    cJSON_AddStringToObject(o, "a", slant_aggregate_source(agg, ia)->name);
    cJSON_AddStringToObject(o, "b", slant_aggregate_source(agg, ib)->name);
    cJSON *oa = cJSON_AddObjectToObject(o, "axes");
    for (guint a = 0; a < na; a++) {
        const SlantAxisComparison *c = slant_aggregate_comparison(agg, p, a);
        cJSON *ax = cJSON_AddObjectToObject(oa, slant_lexicon_axis(lex, a)->id);
        cJSON_AddItemToObject(ax, "difference", scores_object(c->diff));
        cJSON_AddItemToObject(ax, "interval", interval_object(c->lo, c->hi));
        cJSON_AddItemToObject(ax, "drivers", drivers_array(lex, c->drivers, "difference_per_1k"));
    }
    cJSON *oc = cJSON_AddObjectToObject(o, "categories");
    const SlantSourceResult *sa = slant_aggregate_source(agg, ia);
    const SlantSourceResult *sb = slant_aggregate_source(agg, ib);
    for (guint c = 0; c < nc; c++) {
        cJSON *co = cJSON_AddObjectToObject(oc, slant_lexicon_category(lex, c)->id);
        slant_report_add_number(co, "difference_per_1k",
                                sa->categories[c].per_1k - sb->categories[c].per_1k);
    }
    return o;
}

#define SOURCES_MARK "@@slant-sources@@"
#define COMPARISONS_MARK "@@slant-comparisons@@"

/* Write the elements of a big array one at a time, each printed alone and
 * indented as cJSON would have indented it in place (@depth tabs), so the
 * bytes are those of printing the whole tree, without holding it. */
static gboolean
write_array(const SlantReportInput *in, guint n, cJSON *(*make)(const SlantReportInput *, guint),
            guint depth, SlantWriteFunc write, gpointer user, GError **error)
{
    if (!write("[", 1, user, error))
        return FALSE;
    g_autoptr(GString) buf = g_string_new(NULL);
    for (guint i = 0; i < n; i++) {
        cJSON *o = make(in, i);
        char *text = cJSON_Print(o);
        cJSON_Delete(o);
        g_string_truncate(buf, 0);
        if (i > 0)
            g_string_append(buf, ", ");
        for (const char *c = text; *c;) {
            const char *nl = strchr(c, '\n');
            if (nl == NULL) {
                g_string_append(buf, c);
                break;
            }
            g_string_append_len(buf, c, nl + 1 - c);
            for (guint d = 0; d < depth; d++)
                g_string_append_c(buf, '\t');
            c = nl + 1;
        }
        cJSON_free(text);
        if (!write(buf->str, buf->len, user, error))
            return FALSE;
    }
    return write("]", 1, user, error);
}

/* The indentation of the line holding @at in @text. */
static guint
line_depth(const char *text, const char *at)
{
    const char *l = at;
    while (l > text && l[-1] != '\n')
        l--;
    guint d = 0;
    while (l[d] == '\t')
        d++;
    return d;
}

gboolean
slant_report_compare_write(const SlantReportInput *in, SlantWriteFunc write, gpointer user,
                           GError **error)
{
    const SlantLexicon *lex = in->lex;
    const SlantAggregate *agg = in->agg;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);

    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema_version", SLANT_SCHEMA_VERSION);
    cJSON_AddItemToObject(root, "meta", meta_object(in));

    cJSON *axes = cJSON_AddArrayToObject(root, "axes");
    for (guint a = 0; a < na; a++) {
        const SlantAxis *ax = slant_lexicon_axis(lex, a);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", ax->id);
        cJSON_AddStringToObject(o, "positive", ax->positive);
        cJSON_AddStringToObject(o, "negative", ax->negative);
        cJSON_AddItemToArray(axes, o);
    }
    cJSON *cats = cJSON_AddArrayToObject(root, "categories");
    for (guint c = 0; c < nc; c++) {
        const SlantCategory *cat = slant_lexicon_category(lex, c);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", cat->id);
        add_string_or_null(o, "label", cat->label);
        cJSON_AddItemToArray(cats, o);
    }

    guint64 total_docs = 0, total_tokens = 0;
    for (guint i = 0; i < slant_aggregate_n_sources(agg); i++) {
        total_docs += slant_aggregate_source(agg, i)->documents;
        total_tokens += slant_aggregate_source(agg, i)->tokens;
    }
    /* the two big arrays are written element by element: see write_array() */
    cJSON_AddItemToObject(root, "sources", cJSON_CreateRaw(SOURCES_MARK));
    cJSON_AddItemToObject(root, "comparisons", cJSON_CreateRaw(COMPARISONS_MARK));

    cJSON *skipped = cJSON_AddArrayToObject(root, "skipped");
    const GPtrArray *sk = in->skipped;
    for (guint i = 0; i < sk->len; i++) {
        const SlantSkip *s = sk->pdata[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "input", s->input);
        add_uint(o, "line", s->line);
        add_string_or_null(o, "id", s->id);
        cJSON_AddStringToObject(o, "reason", slant_error_code_name(s->code));
        cJSON_AddStringToObject(o, "message", s->message);
        cJSON_AddItemToArray(skipped, o);
    }

    cJSON *summary = cJSON_AddObjectToObject(root, "summary");
    add_uint(summary, "sources", slant_aggregate_n_sources(agg));
    add_uint(summary, "documents_scored", total_docs);
    add_uint(summary, "documents_skipped", sk->len);
    add_uint(summary, "tokens", total_tokens);

    if (in->documents != NULL)
        cJSON_AddItemToObject(root, "documents", in->documents);

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    const char *s_at = strstr(text, SOURCES_MARK);
    const char *c_at = strstr(text, COMPARISONS_MARK);
    g_assert(s_at != NULL && c_at != NULL && s_at < c_at);
    const char *rest = c_at + strlen(COMPARISONS_MARK);
    gboolean ok = write(text, (gsize) (s_at - text), user, error) &&
                  write_array(in, slant_aggregate_n_sources(agg), source_object,
                              line_depth(text, s_at) + 1, write, user, error) &&
                  write(s_at + strlen(SOURCES_MARK), (gsize) (c_at - s_at - strlen(SOURCES_MARK)),
                        user, error) &&
                  write_array(in, slant_aggregate_n_pairs(agg), comparison_object,
                              line_depth(text, c_at) + 1, write, user, error) &&
                  write(rest, strlen(rest), user, error) && write("\n", 1, user, error);
    cJSON_free(text);
    return ok;
}

cJSON *
slant_report_result(const SlantLexicon *lex, const SlantResult *r, gboolean with_hits)
{
    const SlantDocument *doc = r->doc;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", doc->id);
    cJSON_AddStringToObject(o, "source", doc->source);
    cJSON_AddStringToObject(o, "input", doc->input);
    add_uint(o, "line", doc->line);
    add_string_or_null(o, "title", doc->title);
    add_string_or_null(o, "date", doc->date);
    add_uint(o, "tokens", r->tally.tokens);
    add_uint(o, "sentences", r->tally.sentences);
    cJSON *oa = cJSON_AddObjectToObject(o, "axes");
    for (guint a = 0; a < na; a++) {
        const SlantAxisTally *x = &r->tally.axes[a];
        cJSON *ax = cJSON_AddObjectToObject(oa, slant_lexicon_axis(lex, a)->id);
        add_uint(ax, "hits_positive", x->hits_pos);
        add_uint(ax, "hits_negative", x->hits_neg);
        add_uint(ax, "negated", x->negated);
        slant_report_add_number(ax, "positive", x->pos);
        slant_report_add_number(ax, "negative", x->neg);
        double sc[SLANT_N_SCORES];
        slant_scores_compute(x->pos, x->neg, r->tally.tokens, sc);
        for (int k = 0; k < SLANT_N_SCORES; k++)
            slant_report_add_number(ax, slant_score_name(k), sc[k]);
    }
    cJSON *oc = cJSON_AddObjectToObject(o, "categories");
    for (guint c = 0; c < nc; c++) {
        cJSON *co = cJSON_AddObjectToObject(oc, slant_lexicon_category(lex, c)->id);
        add_uint(co, "hits", r->tally.categories[c].hits);
        add_uint(co, "negated", r->tally.categories[c].negated);
    }
    if (!with_hits)
        return o;
    g_return_val_if_fail(r->tokens != NULL, o);
    cJSON *hits = cJSON_AddArrayToObject(o, "hits");
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    const char *seg[2] = {doc->title, doc->text};
    for (guint i = 0; i < r->hits->len; i++) {
        const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
        const SlantEntry *e = slant_lexicon_entry(lex, h->entry);
        const SlantToken *first = &tok[h->first_token];
        const SlantToken *last = &tok[h->first_token + h->n_tokens - 1];
        cJSON *ho = cJSON_CreateObject();
        add_uint(ho, "entry", e->index);
        cJSON_AddStringToObject(ho, "pattern", e->pattern);
        if (e->axis >= 0) {
            cJSON_AddStringToObject(ho, "axis", slant_lexicon_axis(lex, (guint) e->axis)->id);
            cJSON_AddStringToObject(ho, "entry_pole", slant_pole_name(e->pole));
            cJSON_AddStringToObject(ho, "pole", slant_pole_name((SlantPole) h->pole));
        } else {
            cJSON_AddStringToObject(ho, "category",
                                    slant_lexicon_category(lex, (guint) e->category)->id);
        }
        slant_report_add_number(ho, "weight", h->weight);
        cJSON_AddStringToObject(ho, "field", first->segment == SLANT_SEGMENT_TITLE ? "title" : "text");
        add_uint(ho, "sentence", first->sentence);
        cJSON *tr = cJSON_AddArrayToObject(ho, "tokens");
        cJSON_AddItemToArray(tr, cJSON_CreateNumber(h->first_token));
        cJSON_AddItemToArray(tr, cJSON_CreateNumber(h->first_token + h->n_tokens));
        cJSON *br = cJSON_AddArrayToObject(ho, "bytes");
        cJSON_AddItemToArray(br, cJSON_CreateNumber(first->start));
        cJSON_AddItemToArray(br, cJSON_CreateNumber(last->end));
        g_autofree char *matched = g_strndup(seg[first->segment] + first->start, last->end - first->start);
        cJSON_AddStringToObject(ho, "text", matched);
        cJSON *mods = cJSON_AddArrayToObject(ho, "modifiers");
        if (h->negator >= 0) {
            const SlantToken *t = &tok[h->negator];
            cJSON *m = cJSON_CreateObject();
            cJSON_AddStringToObject(m, "kind", "negator");
            g_autofree char *w = g_strndup(seg[t->segment] + t->start, t->end - t->start);
            cJSON_AddStringToObject(m, "text", w);
            cJSON_AddItemToObject(m, "token", cJSON_CreateNumber(h->negator));
            cJSON_AddItemToArray(mods, m);
        }
        if (h->modifier >= 0) {
            const SlantToken *t = &tok[h->modifier];
            cJSON *m = cJSON_CreateObject();
            cJSON_AddStringToObject(m, "kind", h->factor > 1 ? "intensifier" : "diminisher");
            g_autofree char *w = g_strndup(seg[t->segment] + t->start, t->end - t->start);
            cJSON_AddStringToObject(m, "text", w);
            cJSON_AddItemToObject(m, "token", cJSON_CreateNumber(h->modifier));
            slant_report_add_number(m, "factor", h->factor);
            cJSON_AddItemToArray(mods, m);
        }
        cJSON_AddItemToArray(hits, ho);
    }
    return o;
}

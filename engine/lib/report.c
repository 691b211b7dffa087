/* report.c: the report model, its writers' table, numbers, and the
 * per-document outputs, all written as text directly (jsonw.h). */
#include "report.h"
#include "report-private.h"

#include <math.h>
#include <string.h>

#include "jsonw.h"
#include "labels.h"
#include "slant-error.h"

/* ---- the model ---- */

const char *
slant_pair_mode_name(SlantPairMode mode)
{
    static const char *const names[] = {"auto", "all", "rest", "reference", "list", "none"};
    g_return_val_if_fail((guint) mode < G_N_ELEMENTS(names), "?");
    return names[mode];
}

gboolean
slant_pair_design_parse(const char *spec, const char *reference, SlantPairDesign *design,
                        char ***storage, GError **error)
{
    memset(design, 0, sizeof *design);
    *storage = NULL;
    if (reference != NULL) {
        if (spec != NULL && strcmp(spec, "reference") != 0) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "--reference and --pairs %s do not go together", spec);
            return FALSE;
        }
        design->mode = SLANT_PAIRS_REFERENCE;
        design->reference = reference;
        return TRUE;
    }
    if (spec == NULL || strcmp(spec, "auto") == 0)
        return TRUE;
    static const SlantPairMode named[] = {SLANT_PAIRS_ALL, SLANT_PAIRS_REST, SLANT_PAIRS_NONE};
    for (gsize i = 0; i < G_N_ELEMENTS(named); i++)
        if (strcmp(spec, slant_pair_mode_name(named[i])) == 0) {
            design->mode = named[i];
            return TRUE;
        }
    if (strcmp(spec, "reference") == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--pairs reference needs --reference GROUP");
        return FALSE;
    }
    /* "A,B;C,D" */
    g_auto(GStrv) pairs = g_strsplit(spec, ";", -1);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free); /* the strings too, on error */
    for (char **p = pairs; *p != NULL; p++) {
        g_auto(GStrv) ab = g_strsplit(*p, ",", -1);
        if (g_strv_length(ab) != 2 || ab[0][0] == '\0' || ab[1][0] == '\0' ||
            strcmp(ab[0], ab[1]) == 0) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "--pairs '%s': expected auto, all, rest, none, or pairs of two different "
                        "groups as A,B;C,D",
                        spec);
            g_ptr_array_free(names, TRUE);
            return FALSE;
        }
        g_ptr_array_add(names, g_strdup(ab[0]));
        g_ptr_array_add(names, g_strdup(ab[1]));
    }
    g_ptr_array_add(names, NULL);
    *storage = (char **) g_ptr_array_free(names, FALSE);
    design->mode = SLANT_PAIRS_LIST;
    design->list = (const char *const *) *storage;
    return TRUE;
}

static gint
group_index(const SlantReport *r, const char *name)
{
    /* groups are sorted by name */
    guint lo = 0, hi = r->n_groups;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        int c = strcmp(name, slant_aggregate_source(r->agg, mid)->name);
        if (c == 0)
            return (gint) mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static gboolean
no_such_group(const SlantReport *r, const char *option, const char *name, GError **error)
{
    g_autoptr(GString) some = g_string_new(NULL);
    for (guint i = 0; i < r->n_groups && i < 10; i++)
        g_string_append_printf(some, "%s%s", i ? ", " : "", slant_aggregate_source(r->agg, i)->name);
    if (r->n_groups > 10)
        g_string_append_printf(some, ", ... (%u in all)", r->n_groups);
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "%s: no group '%s' (groups: %s)", option, name,
                r->n_groups ? some->str : "none");
    return FALSE;
}

/* Resolve the design: auto to all or rest, names to indices. */
static gboolean
resolve_design(SlantReport *r, GError **error)
{
    const SlantPairDesign *d = &r->in->pairs;
    gboolean matched = slant_aggregate_options(r->agg)->matched;
    r->pairs = d->mode;
    if (d->mode == SLANT_PAIRS_AUTO) {
        if (matched || r->n_groups <= SLANT_AUTO_PAIRS_MAX_GROUPS) {
            r->pairs = SLANT_PAIRS_ALL;
            r->reason = g_strdup_printf(matched ? "auto: a matched design compares every pair"
                                                : "auto: %u groups, at most %u: every pair",
                                        r->n_groups, SLANT_AUTO_PAIRS_MAX_GROUPS);
        } else {
            r->pairs = SLANT_PAIRS_REST;
            r->reason = g_strdup_printf("auto: %u groups, more than %u: each group against the rest "
                                        "(--pairs all for every pair)",
                                        r->n_groups, SLANT_AUTO_PAIRS_MAX_GROUPS);
        }
    } else {
        g_autoptr(GString) spec = g_string_new(NULL);
        if (d->mode == SLANT_PAIRS_REFERENCE)
            g_string_append_printf(spec, "--reference %s", d->reference);
        else if (d->mode != SLANT_PAIRS_LIST)
            g_string_append_printf(spec, "--pairs %s", slant_pair_mode_name(d->mode));
        else
            for (const char *const *p = d->list; p[0] != NULL && p[1] != NULL; p += 2)
                g_string_append_printf(spec, "%s%s,%s", p == d->list ? "--pairs " : ";", p[0], p[1]);
        r->reason = g_strdup_printf("asked for: %s", spec->str);
    }
    if (r->pairs == SLANT_PAIRS_REST && matched) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--pairs rest does not go with --match: a matched design compares pairs of groups");
        return FALSE;
    }
    r->reference = -1;
    switch (r->pairs) {
    case SLANT_PAIRS_ALL:
        r->n_comparisons = slant_aggregate_n_pairs(r->agg);
        break;
    case SLANT_PAIRS_REST:
        r->n_comparisons = r->n_groups >= 2 ? r->n_groups : 0;
        break;
    case SLANT_PAIRS_NONE:
        r->n_comparisons = 0;
        break;
    case SLANT_PAIRS_REFERENCE:
        r->reference = group_index(r, d->reference);
        if (r->reference < 0)
            return no_such_group(r, "--reference", d->reference, error);
        r->list = g_array_new(FALSE, FALSE, sizeof(guint));
        for (guint i = 0; i < r->n_groups; i++) {
            if ((gint) i == r->reference)
                continue;
            guint ref = (guint) r->reference;
            g_array_append_val(r->list, i);
            g_array_append_val(r->list, ref);
        }
        r->n_comparisons = r->list->len / 2;
        break;
    case SLANT_PAIRS_LIST:
        r->list = g_array_new(FALSE, FALSE, sizeof(guint));
        for (const char *const *p = d->list; p[0] != NULL && p[1] != NULL; p += 2) {
            gint a = group_index(r, p[0]), b = group_index(r, p[1]);
            if (a < 0 || b < 0)
                return no_such_group(r, "--pairs", a < 0 ? p[0] : p[1], error);
            guint ua = (guint) a, ub = (guint) b;
            g_array_append_val(r->list, ua);
            g_array_append_val(r->list, ub);
        }
        r->n_comparisons = r->list->len / 2;
        break;
    case SLANT_PAIRS_AUTO:
        g_assert_not_reached();
    }
    return TRUE;
}

static gint
cmp_input(gconstpointer a, gconstpointer b)
{
    const SlantInputInfo *x = *(const SlantInputInfo *const *) a, *y = *(const SlantInputInfo *const *) b;
    return strcmp(x->name, y->name);
}

static gint
cmp_skip(gconstpointer a, gconstpointer b)
{
    const SlantSkip *x = *(const SlantSkip *const *) a, *y = *(const SlantSkip *const *) b;
    int c = strcmp(x->input, y->input);
    if (c != 0)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->message, y->message);
}

/* A sorted copy of @a (stable: g_ptr_array_sort is a merge sort). */
static GPtrArray *
sorted_copy(const GPtrArray *a, GCompareFunc cmp)
{
    GPtrArray *c = g_ptr_array_sized_new(a->len);
    for (guint i = 0; i < a->len; i++)
        g_ptr_array_add(c, a->pdata[i]);
    g_ptr_array_sort(c, cmp);
    return c;
}

SlantReport *
slant_report_new(const SlantReportInput *in, GError **error)
{
    SlantReport *r = g_new0(SlantReport, 1);
    r->in = in;
    r->lex = in->lex;
    r->agg = in->agg;
    r->na = slant_lexicon_n_axes(in->lex);
    r->nc = slant_lexicon_n_categories(in->lex);
    r->n_groups = slant_aggregate_n_sources(in->agg);
    r->inputs = sorted_copy(in->inputs, cmp_input);
    r->skipped = sorted_copy(in->skipped, cmp_skip);
    for (guint i = 0; i < r->n_groups; i++) {
        const SlantSourceResult *s = slant_aggregate_source(in->agg, i);
        r->documents += s->documents;
        r->tokens += s->tokens;
        if (strcmp(s->name, SLANT_KEY_NONE) == 0)
            r->without_value = s->documents;
    }
    if (!resolve_design(r, error)) {
        slant_report_free(r);
        return NULL;
    }
    return r;
}

void
slant_report_free(SlantReport *r)
{
    if (r == NULL)
        return;
    g_free(r->reason);
    if (r->list != NULL)
        g_array_unref(r->list);
    g_ptr_array_unref(r->inputs);
    g_ptr_array_unref(r->skipped);
    g_free(r);
}

const char *
slant_report_group_name(const SlantReport *r, guint i)
{
    return i == SLANT_REST ? SLANT_REST_NAME : slant_aggregate_source(r->agg, i)->name;
}

void
slant_pair_iter_init(SlantPairIter *it, const SlantReport *r, guint first)
{
    it->r = r;
    it->i = first;
    it->a = it->b = 0;
    if (r->pairs == SLANT_PAIRS_ALL && first < r->n_comparisons)
        slant_aggregate_pair(r->agg, first, &it->a, &it->b);
}

gboolean
slant_pair_iter_next(SlantPairIter *it, guint *a, guint *b)
{
    const SlantReport *r = it->r;
    if (it->i >= r->n_comparisons)
        return FALSE;
    switch (r->pairs) {
    case SLANT_PAIRS_ALL:
        *a = it->a;
        *b = it->b;
        /* pairs in order (0,1) (0,2) ... (0,n-1) (1,2) ... */
        if (++it->b == r->n_groups) {
            it->a++;
            it->b = it->a + 1;
        }
        break;
    case SLANT_PAIRS_REST:
        *a = it->i;
        *b = SLANT_REST;
        break;
    default:
        *a = g_array_index(r->list, guint, it->i * 2);
        *b = g_array_index(r->list, guint, it->i * 2 + 1);
        break;
    }
    it->i++;
    return TRUE;
}

guint
slant_report_methods(const SlantReport *r, SlantMethodText out[SLANT_REPORT_MAX_METHODS])
{
    guint n = 0;
#define METHOD(name_, text_) (out[n++] = (SlantMethodText) {(name_), (text_)})
    METHOD("balance", "(P - N) / (P + N); 0 when there are no hits");
    METHOD("logit", "ln((P + 0.5) / (N + 0.5))");
    METHOD("net_per_1k", "1000 (P - N) / T");
    METHOD("intensity_per_1k", "1000 (P + N) / T");
    METHOD("pooled", "scores of the summed P, N and T of all the source's documents");
    METHOD("document_mean", "mean of the documents' scores");
    METHOD("interval", "percentile bootstrap (R type 7 quantiles) of the pooled scores, "
                       "resampling documents, or sentences for sources with fewer than 5 "
                       "documents; SplitMix64 seeded with seed XOR FNV-1a-64(source name)");
    METHOD("comparison", "difference a - b of pooled scores; interval from the differences of "
                         "the two sources' bootstrap replicates");
    if (r->pairs == SLANT_PAIRS_REST)
        METHOD("rest", "b is \"(rest)\": every other group's documents pooled; its bootstrap "
                       "replicate r is the sum of the other groups' replicates r (a stratified "
                       "bootstrap), so the interval needs no pass over the rest's documents");
    METHOD("categories", "hits per 1,000 tokens; intervals from the same bootstrap replicates as "
                         "the axes; drivers: a category's entries by hits (per source) or by "
                         "|difference| of hits per 1k tokens (per comparison)");
    METHOD("drivers", "per source: entries by |signed weight| (positive pole +, negative -, "
                      "after negation and modifiers); per comparison: by |difference| of "
                      "signed weight per 1k tokens, with hits counted in both sources");
    METHOD("voice", "a hit is quoted when its first token stands inside quotation marks "
                    "(straight double quotes alternate, curly quotes and guillemets open and "
                    "close by their direction, no quotation runs past a paragraph or the "
                    "title; single quotes are not read); voice all counts every hit, own "
                    "those outside quotations, quoted those inside; 'quoted' counts the "
                    "quoted hits among those counted; T is every token of the text whatever "
                    "the voice, so own and quoted rates per 1k add up to all");
    if (slant_aggregate_options(r->agg)->matched)
        METHOD("matched", "paired differences over the units both groups have: per unit, the "
                          "scores of a's documents of that unit (pooled) minus b's; the "
                          "difference is their mean, its interval a percentile bootstrap "
                          "resampling the matched units (SplitMix64 seeded with seed XOR "
                          "hash(a) XOR hash(b) * 0x9E3779B97F4A7C15); drivers and category "
                          "rates over the matched units' documents");
#undef METHOD
    g_assert(n <= SLANT_REPORT_MAX_METHODS);
    return n;
}

const char *
slant_report_pole_name(const SlantReport *r, guint axis, int pole)
{
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    return pole > 0 ? ax->positive : ax->negative;
}

#define COMPARISONS_PER_THREAD 64

guint
slant_report_threads_for(const SlantReport *r, guint n, guint chunk)
{
    guint threads = slant_aggregate_options(r->agg)->threads;
    return MAX(1, MIN(threads, n / MAX(chunk, 1)));
}

static const struct {
    const char *name;
    SlantReportWriterFunc write;
} writers[] = {
    [SLANT_FORMAT_JSON] = {"json", slant_report_write_json},
    [SLANT_FORMAT_CSV] = {"csv", slant_report_write_csv},
    [SLANT_FORMAT_HTML] = {"html", slant_report_write_html},
    [SLANT_FORMAT_TEXT] = {"text", slant_report_write_text},
};

gboolean
slant_report_format_parse(const char *name, SlantReportFormat *format)
{
    for (gsize i = 0; i < G_N_ELEMENTS(writers); i++)
        if (strcmp(name, writers[i].name) == 0) {
            *format = (SlantReportFormat) i;
            return TRUE;
        }
    return FALSE;
}

const char *
slant_report_format_name(SlantReportFormat format)
{
    g_return_val_if_fail((gsize) format < G_N_ELEMENTS(writers), "?");
    return writers[format].name;
}

gboolean
slant_report_write(const SlantReport *r, SlantReportFormat format, SlantWriteFunc write,
                   gpointer user, GError **error)
{
    g_return_val_if_fail((gsize) format < G_N_ELEMENTS(writers), FALSE);
    /* threads for the formatting: none to spare for a small report */
    g_autoptr(SlantPool) pool =
        slant_pool_new(slant_report_threads_for(r, r->n_comparisons, COMPARISONS_PER_THREAD));
    return writers[format].write(r, pool, write, user, error);
}

/* ---- numbers ---- */

const char *
slant_report_number_slow(double v, char *buf, gsize size)
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

/* @v as slant_report_number_slow() writes it, into @buf (at least 18
 * bytes), when that can be told for sure from the double product v * 1e6;
 * FALSE to leave it to the slow path.
 *
 * printf rounds the exact binary value of v to millionths (to nearest,
 * ties to even).  For |v| < 1e9, |x| = |v * 1e6| < 1e15 < 2^53, so the
 * integers near x are doubles, and x differs from the exact product by at
 * most half an ulp, |x| 2^-53.  When x's fraction is farther than that
 * (with a margin: |x| 2^-52 + 2^-40) from one half, no half lies between x
 * and the exact product, so both round to the same integer.  The rest
 * (near-halves, exact halves such as 1/128, |v| >= 1e9, non-finite) is
 * rare (10 of the numbers of a 268-source report) and goes to the slow
 * path.  (As the halves k + 1/2 are doubles here and rounding is monotonic,
 * x == k + 1/2 alone would be enough; the margin keeps the path right
 * should the product ever be computed with excess precision or fused.) */
static gboolean
number_fast(double v, char *buf)
{
    if (!(fabs(v) < 1e9))
        return FALSE;
    double x = v * 1e6;
    double t = trunc(x);
    double f = fabs(x - t); /* exact */
    if (fabs(f - 0.5) <= fabs(x) * 0x1p-52 + 0x1p-40)
        return FALSE;
    guint64 u = (guint64) fabs(t) + (f > 0.5);
    char *p = buf;
    if (u == 0) { /* also what rounds to "-0" */
        *p++ = '0';
        *p = '\0';
        return TRUE;
    }
    if (v < 0)
        *p++ = '-';
    guint64 ip = u / 1000000;
    guint32 fp = (guint32) (u % 1000000);
    char digits[20];
    int n = 0;
    do {
        digits[n++] = (char) ('0' + ip % 10);
        ip /= 10;
    } while (ip != 0);
    while (n > 0)
        *p++ = digits[--n];
    if (fp != 0) {
        *p++ = '.';
        int keep = 6;
        while (fp % 10 == 0) {
            fp /= 10;
            keep--;
        }
        for (int k = keep - 1; k >= 0; k--) {
            p[k] = (char) ('0' + fp % 10);
            fp /= 10;
        }
        p += keep;
    }
    *p = '\0';
    return TRUE;
}

const char *
slant_report_number(double v, char *buf, gsize size)
{
    if (size >= 18 && number_fast(v, buf))
        return buf;
    return slant_report_number_slow(v, buf, size);
}


/* ---- per-document outputs ---- */

/* A document's JSON, member by member through a SlantJsonWriter: compact
 * for score's lines (cJSON_PrintUnformatted's bytes), formatted for
 * compare --documents and explain --json (cJSON_Print's).  Documents were
 * built as cJSON trees and printed; per document that was some 50 nodes
 * and as many allocations, and a profile of score -j 1 put 7% of the run
 * in it.  The writer gives the same bytes (jsonw.h says how). */

/* The bytes @s[0, @n) as a JSON string (they hold no NUL: document text). */
static void
put_span(SlantJsonWriter *w, const char *key, const char *s, gsize n)
{
    g_autofree char *copy = g_strndup(s, n);
    put_key_string(w, key, copy);
}

/* "labels": {...}: strings as strings, the other types as their JSON text. */
static void
write_labels(SlantJsonWriter *w, const SlantDocument *doc)
{
    slant_jsonw_begin_object(w);
    for (guint i = 0; i < doc->labels->len; i++) {
        const SlantLabel *l = g_ptr_array_index(doc->labels, i);
        slant_jsonw_key(w, l->key);
        if (l->type == SLANT_LABEL_STRING)
            slant_jsonw_string(w, l->value);
        else /* valid JSON text: a number, true, false, null, an array */
            slant_jsonw_raw(w, l->value);
    }
    slant_jsonw_end_object(w);
}

/* Each entry's hits in the document, in entry order: "entries": [{entry,
 * pattern, group, hits, negated, quoted, weight}], weight signed (+ towards the
 * positive pole) for axis entries, the summed weight for categories. */
static void
write_entries(SlantJsonWriter *w, const SlantLexicon *lex, const SlantResult *r)
{
    guint nh = r->hits->len;
    g_autofree guint32 *order = g_new(guint32, MAX(nh, 1));
    for (guint i = 0; i < nh; i++)
        order[i] = i;
    const SlantHit *hits = (const SlantHit *) (void *) r->hits->data;
    /* few hits per document: insertion sort by entry, stable */
    for (guint i = 1; i < nh; i++) {
        guint32 v = order[i];
        guint j = i;
        while (j > 0 && hits[order[j - 1]].entry > hits[v].entry) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    slant_jsonw_key(w, "entries");
    slant_jsonw_begin_array(w);
    for (guint i = 0; i < nh;) {
        guint32 entry = hits[order[i]].entry;
        guint64 n = 0, negated = 0, quoted = 0;
        gint64 wt = 0;
        for (; i < nh && hits[order[i]].entry == entry; i++) {
            const SlantHit *h = &hits[order[i]];
            n++;
            negated += h->negated;
            quoted += h->quoted;
            gint64 fx = slant_weight_fixed(h->weight);
            wt += h->pole < 0 ? -fx : fx;
        }
        const SlantEntry *e = slant_lexicon_entry(lex, entry);
        slant_jsonw_begin_object(w);
        put_key_uint(w, "entry", e->index);
        put_key_string(w, "pattern", e->pattern);
        put_key_string(w, "group", e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                                            : slant_lexicon_category(lex, (guint) e->category)->id);
        put_key_uint(w, "hits", n);
        put_key_uint(w, "negated", negated);
        put_key_uint(w, "quoted", quoted);
        put_key_number(w, "weight", (double) wt / SLANT_WEIGHT_SCALE);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_array(w);
}

static void
write_hit(SlantJsonWriter *w, const SlantLexicon *lex, const SlantResult *r, const SlantHit *h)
{
    const SlantDocument *doc = r->doc;
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    const char *seg[2] = {doc->title, doc->text};
    const SlantEntry *e = slant_lexicon_entry(lex, h->entry);
    const SlantToken *first = &tok[h->first_token];
    const SlantToken *last = &tok[h->first_token + h->n_tokens - 1];
    slant_jsonw_begin_object(w);
    put_key_uint(w, "entry", e->index);
    put_key_string(w, "pattern", e->pattern);
    if (e->axis >= 0) {
        put_key_string(w, "axis", slant_lexicon_axis(lex, (guint) e->axis)->id);
        put_key_string(w, "entry_pole", slant_pole_name(e->pole));
        put_key_string(w, "pole", slant_pole_name((SlantPole) h->pole));
    } else {
        put_key_string(w, "category", slant_lexicon_category(lex, (guint) e->category)->id);
    }
    put_key_number(w, "weight", h->weight);
    put_key_string(w, "field", first->segment == SLANT_SEGMENT_TITLE ? "title" : "text");
    put_key_uint(w, "sentence", first->sentence);
    put_key_bool(w, "quoted", h->quoted);
    slant_jsonw_key(w, "tokens");
    slant_jsonw_begin_array(w);
    slant_jsonw_uint(w, h->first_token);
    slant_jsonw_uint(w, h->first_token + h->n_tokens);
    slant_jsonw_end_array(w);
    slant_jsonw_key(w, "bytes");
    slant_jsonw_begin_array(w);
    slant_jsonw_uint(w, first->start);
    slant_jsonw_uint(w, last->end);
    slant_jsonw_end_array(w);
    put_span(w, "text", seg[first->segment] + first->start, last->end - first->start);
    slant_jsonw_key(w, "modifiers");
    slant_jsonw_begin_array(w);
    if (h->negator >= 0) {
        const SlantToken *t = &tok[h->negator];
        slant_jsonw_begin_object(w);
        put_key_string(w, "kind", "negator");
        put_span(w, "text", seg[t->segment] + t->start, t->end - t->start);
        put_key_uint(w, "token", (guint64) h->negator);
        slant_jsonw_end_object(w);
    }
    if (h->modifier >= 0) {
        const SlantToken *t = &tok[h->modifier];
        slant_jsonw_begin_object(w);
        put_key_string(w, "kind", h->factor > 1 ? "intensifier" : "diminisher");
        put_span(w, "text", seg[t->segment] + t->start, t->end - t->start);
        put_key_uint(w, "token", (guint64) h->modifier);
        put_key_number(w, "factor", h->factor);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_array(w);
    slant_jsonw_end_object(w);
}

static void
write_document(SlantJsonWriter *w, const SlantLexicon *lex, const SlantResult *r,
               SlantResultParts parts)
{
    const SlantDocument *doc = r->doc;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    slant_jsonw_begin_object(w);
    put_key_string(w, "id", doc->id);
    put_key_string(w, "source", doc->source);
    put_key_string(w, "input", doc->input);
    put_key_uint(w, "line", doc->line);
    put_key_string_or_null(w, "title", doc->title);
    put_key_string_or_null(w, "date", doc->date);
    slant_jsonw_key(w, "labels");
    write_labels(w, doc);
    put_key_uint(w, "tokens", r->tally.tokens);
    put_key_uint(w, "sentences", r->tally.sentences);
    slant_jsonw_key(w, "axes");
    slant_jsonw_begin_object(w);
    for (guint a = 0; a < na; a++) {
        const SlantAxisTally *x = &r->tally.axes[a];
        slant_jsonw_key(w, slant_lexicon_axis(lex, a)->id);
        slant_jsonw_begin_object(w);
        put_key_uint(w, "hits_positive", x->hits_pos);
        put_key_uint(w, "hits_negative", x->hits_neg);
        put_key_uint(w, "negated", x->negated);
        put_key_uint(w, "quoted", x->quoted);
        put_key_number(w, "positive", x->pos);
        put_key_number(w, "negative", x->neg);
        double sc[SLANT_N_SCORES];
        slant_scores_compute(x->pos, x->neg, r->tally.tokens, sc);
        for (int k = 0; k < SLANT_N_SCORES; k++)
            put_key_number(w, slant_score_name(k), sc[k]);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_key(w, "categories");
    slant_jsonw_begin_object(w);
    for (guint c = 0; c < nc; c++) {
        slant_jsonw_key(w, slant_lexicon_category(lex, c)->id);
        slant_jsonw_begin_object(w);
        put_key_uint(w, "hits", r->tally.categories[c].hits);
        put_key_uint(w, "negated", r->tally.categories[c].negated);
        put_key_uint(w, "quoted", r->tally.categories[c].quoted);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    if (parts & SLANT_RESULT_ENTRIES)
        write_entries(w, lex, r);
    if ((parts & SLANT_RESULT_HITS) && r->tokens != NULL) {
        slant_jsonw_key(w, "hits");
        slant_jsonw_begin_array(w);
        for (guint i = 0; i < r->hits->len; i++)
            write_hit(w, lex, r, &g_array_index(r->hits, SlantHit, i));
        slant_jsonw_end_array(w);
    }
    g_warn_if_fail(!(parts & SLANT_RESULT_HITS) || r->tokens != NULL);
    slant_jsonw_end_object(w);
}

char *
slant_report_document_line(const SlantLexicon *lex, const SlantResult *r, SlantResultParts parts,
                           gsize *len)
{
    GString *out = g_string_sized_new(1024);
    SlantJsonWriter w;
    slant_jsonw_init_compact(&w, out);
    write_document(&w, lex, r, parts);
    g_string_append_c(out, '\n');
    if (len != NULL)
        *len = out->len;
    return g_string_free(out, FALSE);
}

char *
slant_report_document_pretty(const SlantLexicon *lex, const SlantResult *r,
                             SlantResultParts parts, guint depth)
{
    /* printed at @depth: as nested that deep in the report */
    GString *out = g_string_sized_new(2048);
    SlantJsonWriter w;
    slant_jsonw_init(&w, out, depth);
    write_document(&w, lex, r, parts);
    return g_string_free(out, FALSE);
}

/* ---- CSV of documents ---- */

void
slant_report_csv_field(GString *out, const char *s)
{
    gsize n = strlen(s);
    gboolean quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (const char *p = s; !quote && *p; p++)
        quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote) {
        g_string_append_len(out, s, (gssize) n);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

static void
csv_number(GString *out, double v)
{
    char buf[64];
    g_string_append(out, slant_report_number(v, buf, sizeof buf));
}

void
slant_report_document_csv_header(GString *out, const SlantLexicon *lex,
                                 const char *const *label_columns)
{
    g_string_append(out, "id,source,input,line,title,date,tokens,sentences");
    static const char *const axis_cols[] = {"hits_positive", "hits_negative", "negated", "quoted",
                                            "positive", "negative", "balance", "logit",
                                            "net_per_1k", "intensity_per_1k"};
    for (guint a = 0; a < slant_lexicon_n_axes(lex); a++)
        for (gsize k = 0; k < G_N_ELEMENTS(axis_cols); k++) {
            g_autofree char *name = g_strdup_printf("%s.%s", slant_lexicon_axis(lex, a)->id, axis_cols[k]);
            g_string_append_c(out, ',');
            slant_report_csv_field(out, name);
        }
    static const char *const cat_cols[] = {"hits", "negated", "quoted"};
    for (guint c = 0; c < slant_lexicon_n_categories(lex); c++)
        for (gsize k = 0; k < G_N_ELEMENTS(cat_cols); k++) {
            g_autofree char *name = g_strdup_printf("%s.%s", slant_lexicon_category(lex, c)->id,
                                                    cat_cols[k]);
            g_string_append_c(out, ',');
            slant_report_csv_field(out, name);
        }
    for (const char *const *l = label_columns; l != NULL && *l != NULL; l++) {
        g_autofree char *name = g_strconcat("label.", *l, NULL);
        g_string_append_c(out, ',');
        slant_report_csv_field(out, name);
    }
    g_string_append(out, ",labels\r\n");
}

void
slant_report_document_csv_row(GString *out, const SlantLexicon *lex, const SlantResult *r,
                              const char *const *label_columns)
{
    const SlantDocument *doc = r->doc;
    slant_report_csv_field(out, doc->id);
    g_string_append_c(out, ',');
    slant_report_csv_field(out, doc->source);
    g_string_append_c(out, ',');
    slant_report_csv_field(out, doc->input);
    g_string_append_printf(out, ",%" G_GUINT64_FORMAT ",", doc->line);
    slant_report_csv_field(out, doc->title ? doc->title : "");
    g_string_append_c(out, ',');
    slant_report_csv_field(out, doc->date ? doc->date : "");
    g_string_append_printf(out, ",%" G_GUINT64_FORMAT ",%u", r->tally.tokens, r->tally.sentences);
    for (guint a = 0; a < slant_lexicon_n_axes(lex); a++) {
        const SlantAxisTally *x = &r->tally.axes[a];
        double sc[SLANT_N_SCORES];
        slant_scores_compute(x->pos, x->neg, r->tally.tokens, sc);
        g_string_append_printf(out, ",%u,%u,%u,%u,", x->hits_pos, x->hits_neg, x->negated,
                               x->quoted);
        csv_number(out, x->pos);
        g_string_append_c(out, ',');
        csv_number(out, x->neg);
        for (int k = 0; k < SLANT_N_SCORES; k++) {
            g_string_append_c(out, ',');
            csv_number(out, sc[k]);
        }
    }
    for (guint c = 0; c < slant_lexicon_n_categories(lex); c++)
        g_string_append_printf(out, ",%u,%u,%u", r->tally.categories[c].hits,
                               r->tally.categories[c].negated, r->tally.categories[c].quoted);
    for (const char *const *l = label_columns; l != NULL && *l != NULL; l++) {
        const SlantLabel *lab = slant_document_find_label(doc, *l);
        g_string_append_c(out, ',');
        if (lab != NULL && lab->type != SLANT_LABEL_NULL)
            slant_report_csv_field(out, lab->value);
    }
    /* every label, as one JSON object */
    GString *labels = g_string_new(NULL);
    SlantJsonWriter w;
    slant_jsonw_init_compact(&w, labels);
    write_labels(&w, doc);
    g_string_append_c(out, ',');
    slant_report_csv_field(out, labels->str);
    g_string_free(labels, TRUE);
    g_string_append(out, "\r\n");
}

#include "report.h"

#include <math.h>
#include <string.h>

#include "jsonw.h"
#include "slant-error.h"

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

/* ---- the elements of "sources" and "comparisons" ----
 *
 * They are written with jsonw (the bytes cJSON_Print would give for the
 * same objects at that depth), without building cJSON trees: there are
 * n (n - 1) / 2 comparisons. */

static void
put_number(SlantJsonWriter *w, double v)
{
    char buf[64];
    slant_jsonw_raw(w, slant_report_number(v, buf, sizeof buf));
}

static void
put_key_number(SlantJsonWriter *w, const char *key, double v)
{
    slant_jsonw_key(w, key);
    put_number(w, v);
}

static void
put_key_uint(SlantJsonWriter *w, const char *key, guint64 v)
{
    slant_jsonw_key(w, key);
    slant_jsonw_uint(w, v);
}

static void
put_key_string(SlantJsonWriter *w, const char *key, const char *v)
{
    slant_jsonw_key(w, key);
    slant_jsonw_string(w, v);
}

/* The members "balance": ..., one per score, of an open object. */
static void
put_scores(SlantJsonWriter *w, const double *v)
{
    for (int k = 0; k < SLANT_N_SCORES; k++)
        put_key_number(w, slant_score_name(k), v[k]);
}

/* The members "balance": [lo, hi], one per score, of an open object. */
static void
put_intervals(SlantJsonWriter *w, const double *lo, const double *hi)
{
    for (int k = 0; k < SLANT_N_SCORES; k++) {
        slant_jsonw_key(w, slant_score_name(k));
        slant_jsonw_begin_array(w);
        put_number(w, lo[k]);
        put_number(w, hi[k]);
        slant_jsonw_end_array(w);
    }
}

static void
put_drivers(SlantJsonWriter *w, const SlantLexicon *lex, const GArray *drivers,
            const char *value_key)
{
    slant_jsonw_begin_array(w);
    for (guint i = 0; i < drivers->len; i++) {
        const SlantDriver *d = &g_array_index(drivers, SlantDriver, i);
        const SlantEntry *e = slant_lexicon_entry(lex, d->entry);
        slant_jsonw_begin_object(w);
        put_key_string(w, "pattern", e->pattern);
        put_key_string(w, "pole", slant_pole_name(e->pole));
        put_key_uint(w, "entry", e->index);
        put_key_uint(w, "hits", d->hits);
        put_key_uint(w, "negated", d->negated);
        put_key_number(w, value_key, d->contribution);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_array(w);
}

/* One element of "sources": source @i. */
static void
put_source(SlantJsonWriter *w, const SlantReportInput *in, guint i)
{
    const SlantLexicon *lex = in->lex;
    const SlantAggregate *agg = in->agg;
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
        put_key_string(w, "unit", s->sentence_unit ? "sentence" : "document");
        put_key_uint(w, "units", s->units);
        put_key_uint(w, "replicates", ao->bootstrap);
        put_key_number(w, "level", ao->level);
        put_intervals(w, x->lo, x->hi);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "drivers");
        put_drivers(w, lex, x->drivers, "weight");
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
        put_key_number(w, "per_1k", cr->per_1k);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_end_object(w);
}

/* One element of "comparisons": the pair of sources @ia and @ib, compared
 * here (pairs are not kept: there are sources² / 2 of them). */
static void
put_comparison(SlantJsonWriter *w, const SlantReportInput *in, guint ia, guint ib,
               SlantPairWork *work)
{
    const SlantLexicon *lex = in->lex;
    const SlantAggregate *agg = in->agg;
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    const SlantSourceResult *sa = slant_aggregate_source(agg, ia);
    const SlantSourceResult *sb = slant_aggregate_source(agg, ib);
    slant_jsonw_begin_object(w);
    put_key_string(w, "a", sa->name);
    put_key_string(w, "b", sb->name);
    slant_jsonw_key(w, "axes");
    slant_jsonw_begin_object(w);
    const SlantAxisComparison *cmp = slant_aggregate_compare(agg, ia, ib, work);
    for (guint a = 0; a < na; a++) {
        const SlantAxisComparison *c = &cmp[a];
        slant_jsonw_key(w, slant_lexicon_axis(lex, a)->id);
        slant_jsonw_begin_object(w);
        slant_jsonw_key(w, "difference");
        slant_jsonw_begin_object(w);
        put_scores(w, c->diff);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "interval");
        slant_jsonw_begin_object(w);
        put_intervals(w, c->lo, c->hi);
        slant_jsonw_end_object(w);
        slant_jsonw_key(w, "drivers");
        put_drivers(w, lex, c->drivers, "difference_per_1k");
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_key(w, "categories");
    slant_jsonw_begin_object(w);
    for (guint c = 0; c < nc; c++) {
        slant_jsonw_key(w, slant_lexicon_category(lex, c)->id);
        slant_jsonw_begin_object(w);
        put_key_number(w, "difference_per_1k",
                       sa->categories[c].per_1k - sb->categories[c].per_1k);
        slant_jsonw_end_object(w);
    }
    slant_jsonw_end_object(w);
    slant_jsonw_end_object(w);
}

/* Appends elements [first, end) of an array onto @out, each at @depth and
 * preceded by ", " unless it is element 0.  @work: the calling thread's
 * room for comparing pairs, made when first needed. */
typedef void (*FormatRange)(const SlantReportInput *in, guint first, guint end, guint depth,
                            GString *out, SlantPairWork **work);

static void
format_sources(const SlantReportInput *in, guint first, guint end, guint depth, GString *out,
               SlantPairWork **work)
{
    (void) work;
    SlantJsonWriter w;
    for (guint i = first; i < end; i++) {
        if (i > 0)
            g_string_append_len(out, ", ", 2);
        slant_jsonw_init(&w, out, depth);
        put_source(&w, in, i);
    }
}

static void
format_comparisons(const SlantReportInput *in, guint first, guint end, guint depth, GString *out,
                   SlantPairWork **work)
{
    if (first >= end)
        return;
    if (*work == NULL)
        *work = slant_pair_work_new(in->agg);
    guint n = slant_aggregate_n_sources(in->agg), ia = 0, ib = 0;
    slant_aggregate_pair(in->agg, first, &ia, &ib);
    SlantJsonWriter w;
    for (guint p = first; p < end; p++) {
        if (p > 0)
            g_string_append_len(out, ", ", 2);
        slant_jsonw_init(&w, out, depth);
        put_comparison(&w, in, ia, ib, *work);
        /* pairs in order (0,1) (0,2) ... (0,n-1) (1,2) ... */
        if (++ib == n) {
            ia++;
            ib = ia + 1;
        }
    }
}

/* ---- formatting in parallel, writing in order ----
 *
 * The elements are formatted a batch at a time: a batch is threads * chunk
 * consecutive elements, thread t formats the t-th chunk of it into its own
 * buffer (thread 0 is the caller's), and once all are done the caller
 * writes the buffers in order.  Memory stays at one batch; the bytes do
 * not depend on the number of threads. */

#define SOURCES_CHUNK 8
#define COMPARISONS_CHUNK 64

typedef struct _Pool Pool;

typedef struct {
    Pool *pool;
    guint index;
    GThread *thread; /* NULL for thread 0 */
    GString *buf;
    SlantPairWork *work;
} PoolThread;

struct _Pool {
    const SlantReportInput *in;
    guint threads;
    PoolThread *thr;
    GMutex lock;
    GCond go, done;
    /* the current batch, set under @lock */
    guint64 generation;
    FormatRange format;
    guint first, end, chunk, depth;
    guint busy; /* worker threads still formatting it */
    gboolean quit;
};

static void
format_chunk(Pool *pool, PoolThread *t, FormatRange format, guint first, guint end, guint chunk,
             guint depth)
{
    g_string_truncate(t->buf, 0);
    guint64 from = (guint64) first + (guint64) t->index * chunk;
    if (from < end)
        format(pool->in, (guint) from, (guint) MIN(from + chunk, end), depth, t->buf, &t->work);
}

static gpointer
pool_worker(gpointer data)
{
    PoolThread *t = data;
    Pool *pool = t->pool;
    guint64 seen = 0;
    for (;;) {
        g_mutex_lock(&pool->lock);
        while (pool->generation == seen && !pool->quit)
            g_cond_wait(&pool->go, &pool->lock);
        if (pool->quit) {
            g_mutex_unlock(&pool->lock);
            return NULL;
        }
        seen = pool->generation;
        FormatRange format = pool->format;
        guint first = pool->first, end = pool->end, chunk = pool->chunk, depth = pool->depth;
        g_mutex_unlock(&pool->lock);

        format_chunk(pool, t, format, first, end, chunk, depth);

        g_mutex_lock(&pool->lock);
        if (--pool->busy == 0)
            g_cond_signal(&pool->done);
        g_mutex_unlock(&pool->lock);
    }
}

static Pool *
pool_new(const SlantReportInput *in, guint threads)
{
    Pool *pool = g_new0(Pool, 1);
    pool->in = in;
    pool->threads = CLAMP(threads, 1, 64);
    pool->thr = g_new0(PoolThread, pool->threads);
    g_mutex_init(&pool->lock);
    g_cond_init(&pool->go);
    g_cond_init(&pool->done);
    for (guint t = 0; t < pool->threads; t++) {
        pool->thr[t] = (PoolThread){pool, t, NULL, g_string_sized_new(64 * 1024), NULL};
        if (t > 0)
            pool->thr[t].thread = g_thread_new("slant-report", pool_worker, &pool->thr[t]);
    }
    return pool;
}

static void
pool_free(Pool *pool)
{
    g_mutex_lock(&pool->lock);
    pool->quit = TRUE;
    g_cond_broadcast(&pool->go);
    g_mutex_unlock(&pool->lock);
    for (guint t = 0; t < pool->threads; t++) {
        if (pool->thr[t].thread != NULL)
            g_thread_join(pool->thr[t].thread);
        g_string_free(pool->thr[t].buf, TRUE);
        slant_pair_work_free(pool->thr[t].work);
    }
    g_mutex_clear(&pool->lock);
    g_cond_clear(&pool->go);
    g_cond_clear(&pool->done);
    g_free(pool->thr);
    g_free(pool);
}

/* Write "[", the @n elements made by @format at @depth, and "]". */
static gboolean
pool_write_array(Pool *pool, FormatRange format, guint n, guint chunk, guint depth,
                 SlantWriteFunc write, gpointer user, GError **error)
{
    if (!write("[", 1, user, error))
        return FALSE;
    guint64 batch = (guint64) chunk * pool->threads;
    for (guint64 first = 0; first < n; first += batch) {
        if (pool->threads > 1) {
            g_mutex_lock(&pool->lock);
            pool->format = format;
            pool->first = (guint) first;
            pool->end = n;
            pool->chunk = chunk;
            pool->depth = depth;
            pool->busy = pool->threads - 1;
            pool->generation++;
            g_cond_broadcast(&pool->go);
            g_mutex_unlock(&pool->lock);
        }
        format_chunk(pool, &pool->thr[0], format, (guint) first, n, chunk, depth);
        if (pool->threads > 1) {
            g_mutex_lock(&pool->lock);
            while (pool->busy > 0)
                g_cond_wait(&pool->done, &pool->lock);
            g_mutex_unlock(&pool->lock);
        }
        for (guint t = 0; t < pool->threads; t++) {
            const GString *buf = pool->thr[t].buf;
            if (buf->len > 0 && !write(buf->str, buf->len, user, error))
                return FALSE;
        }
    }
    return write("]", 1, user, error);
}

#define SOURCES_MARK "@@slant-sources@@"
#define COMPARISONS_MARK "@@slant-comparisons@@"

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
    /* the two big arrays are written a batch of elements at a time, in their
     * place: see pool_write_array() */
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
    /* The marks with their keys and cJSON's tab: a string of the input (a
     * path, a message) may hold a mark's text, but never a raw tab or an
     * unescaped quote, so these match the raw values alone. */
    const char *s_at = strstr(text, "\"sources\":\t" SOURCES_MARK);
    const char *c_at = strstr(text, "\"comparisons\":\t" COMPARISONS_MARK);
    g_assert(s_at != NULL && c_at != NULL && s_at < c_at);
    s_at += strlen("\"sources\":\t");
    c_at += strlen("\"comparisons\":\t");
    const char *rest = c_at + strlen(COMPARISONS_MARK);
    /* threads for the formatting: none to spare for a small report */
    guint n_sources = slant_aggregate_n_sources(agg), n_pairs = slant_aggregate_n_pairs(agg);
    guint threads = MIN(slant_aggregate_options(agg)->threads, n_pairs / COMPARISONS_CHUNK);
    Pool *pool = pool_new(in, MAX(threads, 1));
    gboolean ok = write(text, (gsize) (s_at - text), user, error) &&
                  pool_write_array(pool, format_sources, n_sources, SOURCES_CHUNK,
                                   line_depth(text, s_at) + 1, write, user, error) &&
                  write(s_at + strlen(SOURCES_MARK), (gsize) (c_at - s_at - strlen(SOURCES_MARK)),
                        user, error) &&
                  pool_write_array(pool, format_comparisons, n_pairs, COMPARISONS_CHUNK,
                                   line_depth(text, c_at) + 1, write, user, error) &&
                  write(rest, strlen(rest), user, error) && write("\n", 1, user, error);
    pool_free(pool);
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

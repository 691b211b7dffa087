/* score.c: scores, aggregation and the bootstrap.
 *
 * The bootstrap draws with a SplitMix64 generator seeded from the run's
 * seed and the source's name, so a source's interval depends only on its
 * own documents, the seed and the replicate count: not on threads, on the
 * other sources, or on how the corpus was sharded.
 */
#include "score.h"
#include "score-private.h"

#include "hash.h"
#include "stats.h"

#include <math.h>
#include <string.h>

const char *
slant_score_name(SlantScoreKind kind)
{
    static const char *const names[] = {"balance", "logit", "net_per_1k", "intensity_per_1k"};
    g_return_val_if_fail((guint) kind < SLANT_N_SCORES, "?");
    return names[kind];
}

void
slant_scores_compute(double p, double n, guint64 t, double *out)
{
    out[SLANT_SCORE_BALANCE] = p + n > 0 ? (p - n) / (p + n) : 0.0;
    out[SLANT_SCORE_LOGIT] = log((p + 0.5) / (n + 0.5));
    out[SLANT_SCORE_NET_PER_1K] = t > 0 ? 1000.0 * (p - n) / (double) t : 0.0;
    out[SLANT_SCORE_INTENSITY_PER_1K] = t > 0 ? 1000.0 * (p + n) / (double) t : 0.0;
}

gint64
slant_weight_fixed(double w)
{
    return llround(w * SLANT_WEIGHT_SCALE);
}

void
slant_doc_tally_compute(SlantDocTally *t, const SlantLexicon *lex, const SlantAnalysis *a)
{
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    slant_doc_tally_clear(t);
    t->n_axes = na;
    t->n_categories = nc;
    t->tokens = a->tokens->len;
    t->sentences = a->n_sentences;
    t->axes = g_new0(SlantAxisTally, na);
    t->categories = g_new0(SlantCategoryTally, nc);
    t->sentence_tokens = g_new0(guint32, MAX(t->sentences, 1));
    t->sentence_weights = g_new0(gint64, (gsize) MAX(t->sentences, 1) * na * 2);
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    for (guint i = 0; i < a->tokens->len; i++)
        t->sentence_tokens[tok[i].sentence]++;
    for (guint i = 0; i < a->hits->len; i++) {
        const SlantHit *h = &g_array_index(a->hits, SlantHit, i);
        if (h->group < na) {
            SlantAxisTally *x = &t->axes[h->group];
            gint64 *sw = &t->sentence_weights[((gsize) tok[h->first_token].sentence * na + h->group) * 2];
            gint64 w = slant_weight_fixed(h->weight);
            if (h->pole > 0) {
                x->pos_fx += w;
                x->hits_pos++;
                sw[0] += w;
            } else {
                x->neg_fx += w;
                x->hits_neg++;
                sw[1] += w;
            }
            if (h->negated)
                x->negated++;
        } else {
            SlantCategoryTally *c = &t->categories[h->group - na];
            c->hits++;
            if (h->negated)
                c->negated++;
        }
    }
    for (guint x = 0; x < na; x++) {
        t->axes[x].pos = (double) t->axes[x].pos_fx / SLANT_WEIGHT_SCALE;
        t->axes[x].neg = (double) t->axes[x].neg_fx / SLANT_WEIGHT_SCALE;
    }
}

void
slant_doc_tally_clear(SlantDocTally *t)
{
    g_free(t->axes);
    g_free(t->categories);
    g_free(t->sentence_tokens);
    g_free(t->sentence_weights);
    memset(t, 0, sizeof *t);
}

/* ---- a source's drivers: see DriverTable ---- */

static inline guint32
entry_slot(guint32 entry, guint32 mask)
{
    return (entry * 0x9E3779B1u) >> 7 & mask;
}

static void
drivers_reindex(DriverTable *t, guint32 capacity)
{
    g_free(t->index);
    t->index = g_new0(guint32, capacity);
    t->mask = capacity - 1;
    for (guint32 i = 0; i < t->len; i++) {
        guint32 j = entry_slot(t->acc[i].entry, t->mask);
        while (t->index[j] != 0)
            j = (j + 1) & t->mask;
        t->index[j] = i + 1;
    }
}

DriverAcc *
slant_drivers_get(DriverTable *t, guint32 entry)
{
    g_return_val_if_fail(t->index != NULL || t->len == 0, NULL);
    if (t->index == NULL)
        drivers_reindex(t, 16);
    guint32 j = entry_slot(entry, t->mask);
    for (guint32 k; (k = t->index[j]) != 0; j = (j + 1) & t->mask)
        if (t->acc[k - 1].entry == entry)
            return &t->acc[k - 1];
    if (t->len == t->cap) {
        t->cap = MAX(8, t->cap + t->cap / 2);
        t->acc = g_renew(DriverAcc, t->acc, t->cap);
    }
    DriverAcc *d = &t->acc[t->len++];
    memset(d, 0, sizeof *d);
    d->entry = entry;
    t->index[j] = t->len;
    if (t->len * 2 > t->mask + 1) {
        drivers_reindex(t, (t->mask + 1) * 2);
        /* d stays where it is: only the index moved */
    }
    return d;
}

static int
cmp_acc_entry(gconstpointer a, gconstpointer b)
{
    const DriverAcc *x = a, *y = b;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

DriverAcc *
slant_drivers_sorted(const DriverTable *t)
{
    DriverAcc *out = g_new(DriverAcc, MAX(t->len, 1));
    if (t->len > 0) {
        memcpy(out, t->acc, t->len * sizeof(DriverAcc));
        qsort(out, t->len, sizeof(DriverAcc), cmp_acc_entry);
    }
    return out;
}

/* Order the accumulators by entry, drop the index, and give back the
 * spare room: what the comparisons merge. */
static void
drivers_sort(DriverTable *t)
{
    if (t->len > 0)
        qsort(t->acc, t->len, sizeof(DriverAcc), cmp_acc_entry);
    g_clear_pointer(&t->index, g_free);
    t->mask = 0;
    t->cap = t->len;
    t->acc = g_renew(DriverAcc, t->acc, MAX(t->cap, 1));
}

static void
drivers_clear(DriverTable *t)
{
    g_free(t->acc);
    g_free(t->index);
    memset(t, 0, sizeof *t);
}

SlantAggregate *
slant_aggregate_new(const SlantLexicon *lex, const SlantAggregateOptions *opts)
{
    SlantAggregate *agg = g_new0(SlantAggregate, 1);
    agg->lex = lex;
    agg->opts = *opts;
    if (agg->opts.level <= 0 || agg->opts.level >= 1)
        agg->opts.level = 0.95;
    agg->na = slant_lexicon_n_axes(lex);
    agg->nc = slant_lexicon_n_categories(lex);
    agg->by_name = g_hash_table_new(g_str_hash, g_str_equal);
    agg->sources = g_ptr_array_new();
    return agg;
}

static void
free_source_acc(SlantAggregate *agg, SourceAcc *s)
{
    for (guint a = 0; a < agg->na; a++) {
        drivers_clear(&s->drivers[a]);
        if (s->result.axes && s->result.axes[a].drivers)
            g_array_unref(s->result.axes[a].drivers);
    }
    g_free(s->drivers);
    g_free(s->result.axes);
    g_free(s->result.categories);
    g_free(s->name);
    g_array_unref(s->unit_tokens);
    g_array_unref(s->unit_weights);
    if (s->sent_tokens)
        g_array_unref(s->sent_tokens);
    if (s->sent_weights)
        g_array_unref(s->sent_weights);
    g_free(s->pos);
    g_free(s->neg);
    g_free(s->replicates);
    g_free(s);
}

void
slant_aggregate_free(SlantAggregate *agg)
{
    if (agg == NULL)
        return;
    for (guint i = 0; i < agg->sources->len; i++)
        free_source_acc(agg, agg->sources->pdata[i]);
    g_ptr_array_unref(agg->sources);
    g_hash_table_unref(agg->by_name);
    g_free(agg);
}

SourceAcc *
slant_aggregate_get_source(SlantAggregate *agg, const char *name)
{
    SourceAcc *s = g_hash_table_lookup(agg->by_name, name);
    if (s != NULL)
        return s;
    s = g_new0(SourceAcc, 1);
    s->name = g_strdup(name);
    s->unit_tokens = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->unit_weights = g_array_new(FALSE, FALSE, sizeof(gint64));
    s->sent_tokens = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->sent_weights = g_array_new(FALSE, FALSE, sizeof(gint64));
    s->pos = g_new0(gint64, agg->na);
    s->neg = g_new0(gint64, agg->na);
    s->drivers = g_new0(DriverTable, MAX(agg->na, 1));
    s->result.axes = g_new0(SlantAxisResult, agg->na);
    s->result.categories = g_new0(SlantCategoryResult, agg->nc);
    g_hash_table_insert(agg->by_name, s->name, s);
    g_ptr_array_add(agg->sources, s);
    return s;
}

void
slant_aggregate_add(SlantAggregate *agg, const char *source, const SlantDocTally *t,
                    const SlantHit *hits, guint n_hits)
{
    g_return_if_fail(!agg->finished);
    SourceAcc *s = slant_aggregate_get_source(agg, source);
    guint na = agg->na;
    s->docs++;
    s->tokens += t->tokens;
    s->sentences += t->sentences;
    guint32 tt = (guint32) MIN(t->tokens, G_MAXUINT32);
    g_array_append_val(s->unit_tokens, tt);
    for (guint a = 0; a < na; a++) {
        const SlantAxisTally *x = &t->axes[a];
        SlantAxisResult *r = &s->result.axes[a];
        g_array_append_val(s->unit_weights, x->pos_fx);
        g_array_append_val(s->unit_weights, x->neg_fx);
        s->pos[a] += x->pos_fx;
        s->neg[a] += x->neg_fx;
        r->hits_pos += x->hits_pos;
        r->hits_neg += x->hits_neg;
        r->negated += x->negated;
    }
    for (guint c = 0; c < agg->nc; c++) {
        s->result.categories[c].hits += t->categories[c].hits;
        s->result.categories[c].negated += t->categories[c].negated;
    }
    /* sentences are the bootstrap unit only for sources with few documents */
    if (s->sent_tokens != NULL) {
        if (s->docs >= SLANT_MIN_DOCUMENT_UNITS) {
            g_array_unref(s->sent_tokens);
            g_array_unref(s->sent_weights);
            s->sent_tokens = s->sent_weights = NULL;
        } else {
            g_array_append_vals(s->sent_tokens, t->sentence_tokens, t->sentences);
            g_array_append_vals(s->sent_weights, t->sentence_weights, (guint) t->sentences * na * 2);
        }
    }
    for (guint i = 0; i < n_hits; i++) {
        const SlantHit *h = &hits[i];
        if (h->group >= na)
            continue;
        DriverAcc *d = slant_drivers_get(&s->drivers[h->group], h->entry);
        if (h->pole > 0)
            d->pos += slant_weight_fixed(h->weight);
        else
            d->neg += slant_weight_fixed(h->weight);
        d->hits++;
        if (h->negated)
            d->negated++;
    }
}

static int
cmp_source(gconstpointer a, gconstpointer b)
{
    const SourceAcc *x = *(const SourceAcc *const *) a, *y = *(const SourceAcc *const *) b;
    return strcmp(x->name, y->name);
}

static int
cmp_driver(gconstpointer a, gconstpointer b)
{
    const SlantDriver *x = a, *y = b;
    double ax = fabs(x->contribution), ay = fabs(y->contribution);
    if (ax != ay)
        return ax > ay ? -1 : 1;
    if (x->hits != y->hits)
        return x->hits > y->hits ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static void
bootstrap_source(SlantAggregate *agg, SourceAcc *s)
{
    guint na = agg->na, B = agg->opts.bootstrap;
    GArray *toks = s->sent_tokens != NULL ? s->sent_tokens : s->unit_tokens;
    GArray *wts = s->sent_tokens != NULL ? s->sent_weights : s->unit_weights;
    s->result.sentence_unit = s->sent_tokens != NULL;
    guint64 n = toks->len;
    s->result.units = n;
    for (guint a = 0; a < na; a++)
        for (int k = 0; k < SLANT_N_SCORES; k++)
            s->result.axes[a].lo[k] = s->result.axes[a].hi[k] = s->result.axes[a].pooled[k];
    if (B == 0 || n == 0 || na == 0)
        return;
    s->replicates = g_new0(double, (gsize) B * na * SLANT_N_SCORES);
    SlantRng rng = {agg->opts.seed ^ slant_hash_name(s->name)};
    const guint32 *ut = (const guint32 *) (void *) toks->data;
    const gint64 *uw = (const gint64 *) (void *) wts->data;
    gint64 *sum = g_new(gint64, na * 2);
    for (guint r = 0; r < B; r++) {
        guint64 t = 0;
        memset(sum, 0, na * 2 * sizeof(gint64));
        for (guint64 i = 0; i < n; i++) {
            guint64 u = slant_rng_below(&rng, n);
            t += ut[u];
            for (guint j = 0; j < na * 2; j++)
                sum[j] += uw[u * na * 2 + j];
        }
        for (guint a = 0; a < na; a++)
            slant_scores_compute((double) sum[a * 2] / SLANT_WEIGHT_SCALE,
                                 (double) sum[a * 2 + 1] / SLANT_WEIGHT_SCALE, t,
                                 &s->replicates[((gsize) r * na + a) * SLANT_N_SCORES]);
    }
    g_free(sum);
    double *col = g_new(double, (gsize) B * 3), *scratch = col + B;
    double alpha = (1.0 - agg->opts.level) / 2.0;
    for (guint a = 0; a < na; a++) {
        for (int k = 0; k < SLANT_N_SCORES; k++) {
            for (guint r = 0; r < B; r++)
                col[r] = s->replicates[((gsize) r * na + a) * SLANT_N_SCORES + k];
            slant_interval_of(col, B, alpha, scratch, &s->result.axes[a].lo[k], &s->result.axes[a].hi[k]);
        }
    }
    g_free(col);
}


/* Is keeping @k of @n drivers by insertion (top_k_offer(), about n k / 2
 * moves at worst) cheaper than sorting them all? */
static inline gboolean
few_of(guint k, guint n)
{
    return k <= 32 || (guint64) k * 16 <= n;
}

/* An accumulator as a driver: signed weight times @scale (1, or per 1k
 * tokens for comparisons). */
static inline SlantDriver
driver_of(const DriverAcc *d, double scale)
{
    return (SlantDriver){d->entry, d->hits, d->negated,
                         (double) (d->pos - d->neg) / SLANT_WEIGHT_SCALE * scale};
}

/* Keep the @k best of the drivers offered, best first (cmp_driver). */
static void
top_k_offer(SlantDriver *top, guint *n, guint k, const SlantDriver *d)
{
    if (k == 0 || (*n == k && cmp_driver(d, &top[k - 1]) >= 0))
        return;
    guint i = *n < k ? (*n)++ : k - 1;
    while (i > 0 && cmp_driver(d, &top[i - 1]) < 0) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = *d;
}

/* A source's @k strongest drivers, strongest first: the first @k of its
 * accumulators sorted by cmp_driver(), a total order, so table order never
 * reaches the report. */
static GArray *
top_drivers(const DriverTable *t, guint k)
{
    guint cap = MIN(k, t->len), n = 0;
    GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(SlantDriver), cap);
    if (!few_of(cap, t->len)) {
        /* most of them: sort them all, then keep @cap (in an array that size) */
        g_autofree SlantDriver *all = g_new(SlantDriver, MAX(t->len, 1));
        for (guint32 i = 0; i < t->len; i++)
            all[i] = driver_of(&t->acc[i], 1.0);
        qsort(all, t->len, sizeof(SlantDriver), cmp_driver);
        g_array_append_vals(out, all, cap);
        return out;
    }
    g_array_set_size(out, cap);
    SlantDriver *top = (SlantDriver *) (void *) out->data;
    for (guint32 i = 0; i < t->len; i++) {
        SlantDriver dr = driver_of(&t->acc[i], 1.0);
        top_k_offer(top, &n, cap, &dr);
    }
    g_array_set_size(out, n);
    return out;
}

struct _SlantPairWork {
    const SlantAggregate *agg;
    SlantAxisComparison *axes;  /* n_axes, drivers reused */
    double *col;                /* the replicates' differences, then 2 B of scratch */
    SlantDriver *top;           /* MIN(top_terms, entries) */
    SlantDriver *all;           /* every entry, when top_terms is large; made when needed */
    guint n_axes;
};

SlantPairWork *
slant_pair_work_new(const SlantAggregate *agg)
{
    g_return_val_if_fail(agg->finished, NULL);
    SlantPairWork *w = g_new0(SlantPairWork, 1);
    w->agg = agg;
    w->n_axes = agg->na;
    w->axes = g_new0(SlantAxisComparison, MAX(agg->na, 1));
    for (guint a = 0; a < agg->na; a++)
        w->axes[a].drivers = g_array_sized_new(FALSE, FALSE, sizeof(SlantDriver),
                                               MIN(agg->opts.top_terms, 64));
    w->col = g_new(double, (gsize) MAX(agg->opts.bootstrap, 1) * 3);
    w->top = g_new(SlantDriver, MAX(MIN(agg->opts.top_terms, slant_lexicon_n_entries(agg->lex)), 1));
    return w;
}

void
slant_pair_work_free(SlantPairWork *w)
{
    if (w == NULL)
        return;
    for (guint a = 0; a < w->n_axes; a++)
        g_array_unref(w->axes[a].drivers);
    g_free(w->axes);
    g_free(w->col);
    g_free(w->top);
    g_free(w->all);
    g_free(w);
}


const SlantAxisComparison *
slant_aggregate_compare(const SlantAggregate *agg, guint ia, guint ib, SlantPairWork *w)
{
    g_return_val_if_fail(agg->finished && w != NULL && w->agg == agg, NULL);
    g_return_val_if_fail(ia < ib && ib < agg->sources->len, NULL);
    const SourceAcc *sa = agg->sources->pdata[ia], *sb = agg->sources->pdata[ib];
    guint na = agg->na, B = agg->opts.bootstrap, K = agg->opts.top_terms;
    double *col = w->col, *scratch = w->col + MAX(B, 1);
    double scale_a = sa->tokens > 0 ? 1000.0 / (double) sa->tokens : 0.0;
    double scale_b = sb->tokens > 0 ? 1000.0 / (double) sb->tokens : 0.0;
    for (guint a = 0; a < na; a++) {
        SlantAxisComparison *c = &w->axes[a];
        c->a = ia;
        c->b = ib;
        for (int k = 0; k < SLANT_N_SCORES; k++) {
            c->diff[k] = sa->result.axes[a].pooled[k] - sb->result.axes[a].pooled[k];
            c->lo[k] = c->hi[k] = c->diff[k];
        }
        if (B > 0 && sa->replicates != NULL && sb->replicates != NULL) {
            double alpha = (1.0 - agg->opts.level) / 2.0;
            for (int k = 0; k < SLANT_N_SCORES; k++) {
                for (guint r = 0; r < B; r++) {
                    gsize at = ((gsize) r * na + a) * SLANT_N_SCORES + k;
                    col[r] = sa->replicates[at] - sb->replicates[at];
                }
                slant_interval_of(col, B, alpha, scratch, &c->lo[k], &c->hi[k]);
            }
        }
        /* drivers of the difference: merge the two sources' accumulators
         * (sorted by entry) as rates, and keep the top K as they come */
        const DriverAcc *ra = sa->drivers[a].acc, *rb = sb->drivers[a].acc;
        guint na_ = sa->drivers[a].len, nb_ = sb->drivers[a].len, i = 0, j = 0, n = 0;
        gboolean few = few_of(K, na_ + nb_);
        SlantDriver *keep = w->top;
        if (!few) {
            /* most of them: merge them all, sort, keep K */
            if (w->all == NULL)
                w->all = g_new(SlantDriver, MAX(slant_lexicon_n_entries(agg->lex), 1));
            keep = w->all;
        }
        while (i < na_ || j < nb_) {
            SlantDriver d;
            if (j >= nb_ || (i < na_ && ra[i].entry < rb[j].entry)) {
                d = driver_of(&ra[i++], scale_a);
            } else if (i >= na_ || rb[j].entry < ra[i].entry) {
                d = driver_of(&rb[j++], scale_b);
                d.contribution = 0.0 - d.contribution;
            } else {
                d = driver_of(&ra[i], scale_a);
                d.contribution -= driver_of(&rb[j], scale_b).contribution;
                d.hits += rb[j].hits;
                d.negated += rb[j].negated;
                i++;
                j++;
            }
            if (few)
                top_k_offer(keep, &n, K, &d);
            else
                keep[n++] = d;
        }
        if (!few) {
            qsort(keep, n, sizeof(SlantDriver), cmp_driver);
            n = MIN(n, K);
        }
        g_array_set_size(c->drivers, 0);
        g_array_append_vals(c->drivers, keep, n);
    }
    return w->axes;
}

/* Everything a source's results need, from its own accumulators only. */
static void
finish_source(SlantAggregate *agg, SourceAcc *s)
{
    SlantSourceResult *r = &s->result;
    r->name = s->name;
    r->documents = s->docs;
    r->tokens = s->tokens;
    r->sentences = s->sentences;
    for (guint a = 0; a < agg->na; a++) {
        SlantAxisResult *x = &r->axes[a];
        x->pos = (double) s->pos[a] / SLANT_WEIGHT_SCALE;
        x->neg = (double) s->neg[a] / SLANT_WEIGHT_SCALE;
        slant_scores_compute(x->pos, x->neg, s->tokens, x->pooled);
        /* the document mean, summed in document order from the kept numbers */
        double sum[SLANT_N_SCORES] = {0}, sc[SLANT_N_SCORES];
        const guint32 *ut = (const guint32 *) (void *) s->unit_tokens->data;
        const gint64 *uw = (const gint64 *) (void *) s->unit_weights->data;
        for (guint d = 0; d < s->unit_tokens->len; d++) {
            slant_scores_compute((double) uw[((gsize) d * agg->na + a) * 2] / SLANT_WEIGHT_SCALE,
                                 (double) uw[((gsize) d * agg->na + a) * 2 + 1] / SLANT_WEIGHT_SCALE,
                                 ut[d], sc);
            for (int k = 0; k < SLANT_N_SCORES; k++)
                sum[k] += sc[k];
        }
        for (int k = 0; k < SLANT_N_SCORES; k++)
            x->mean[k] = s->docs ? sum[k] / (double) s->docs : 0.0;
        x->drivers = top_drivers(&s->drivers[a], agg->opts.top_terms);
        drivers_sort(&s->drivers[a]);
    }
    for (guint c = 0; c < agg->nc; c++)
        r->categories[c].per_1k =
            s->tokens ? 1000.0 * (double) r->categories[c].hits / (double) s->tokens : 0.0;
    bootstrap_source(agg, s);
}

typedef struct {
    SlantAggregate *agg;
    gint next; /* the next source to finish, taken atomically */
} FinishWork;

static gpointer
finish_worker(gpointer data)
{
    FinishWork *w = data;
    for (;;) {
        gint i = g_atomic_int_add(&w->next, 1);
        if (i >= (gint) w->agg->sources->len)
            return NULL;
        finish_source(w->agg, w->agg->sources->pdata[i]);
    }
}

void
slant_aggregate_finish(SlantAggregate *agg)
{
    g_return_if_fail(!agg->finished);
    agg->finished = TRUE;
    g_ptr_array_sort(agg->sources, cmp_source);
    /* sources are finished apart (the bootstrap of each is seeded by its
     * name), so on the run's threads, each taking the next one left */
    guint threads = CLAMP(agg->opts.threads, 1, 64);
    threads = MIN(threads, MAX(agg->sources->len, 1));
    FinishWork work = {agg, 0};
    GThread *thr[64];
    for (guint t = 1; t < threads; t++)
        thr[t] = g_thread_new("slant-finish", finish_worker, &work);
    finish_worker(&work);
    for (guint t = 1; t < threads; t++)
        g_thread_join(thr[t]);
}

guint
slant_aggregate_n_sources(const SlantAggregate *agg)
{
    return agg->sources->len;
}

const SlantSourceResult *
slant_aggregate_source(const SlantAggregate *agg, guint i)
{
    g_return_val_if_fail(agg->finished && i < agg->sources->len, NULL);
    return &((SourceAcc *) agg->sources->pdata[i])->result;
}

guint
slant_aggregate_n_pairs(const SlantAggregate *agg)
{
    /* every pair, also for a lexicon of categories only */
    guint n = agg->sources->len;
    return n * (n - (n > 0)) / 2;
}

void
slant_aggregate_pair(const SlantAggregate *agg, guint pair, guint *a, guint *b)
{
    /* pairs in order (0,1) (0,2) ... (0,n-1) (1,2) ...: walk the rows */
    guint n = agg->sources->len, i = 0;
    g_return_if_fail(pair < slant_aggregate_n_pairs(agg));
    while (pair >= n - 1 - i) {
        pair -= n - 1 - i;
        i++;
    }
    *a = i;
    *b = i + 1 + pair;
}

const SlantAggregateOptions *
slant_aggregate_options(const SlantAggregate *agg)
{
    return &agg->opts;
}

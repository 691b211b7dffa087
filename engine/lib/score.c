/* score.c: scores, aggregation and the bootstrap.
 *
 * The bootstrap draws with a SplitMix64 generator seeded from the run's
 * seed and the source's name, over the source's documents in the order of
 * their id hashes, so a source's interval depends only on its own
 * documents, the seed and the replicate count: not on threads, on the
 * other sources, on the order documents came in, or on how the corpus was
 * sharded.
 */
#include "score.h"
#include "score-private.h"

#include "hash.h"
#include "pool.h"
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
    /* blocks of bs consecutive sentences: at most SLANT_MAX_SENTENCE_BLOCKS */
    guint32 bs = t->sentences > SLANT_MAX_SENTENCE_BLOCKS
                     ? (t->sentences + SLANT_MAX_SENTENCE_BLOCKS - 1) / SLANT_MAX_SENTENCE_BLOCKS
                     : 1;
    t->n_blocks = (t->sentences + bs - 1) / bs;
    guint32 nb = MAX(t->n_blocks, 1);
    t->block_tokens = g_new0(guint32, nb);
    t->block_weights = g_new0(gint64, (gsize) nb * na * 2);
    t->block_cats = g_new0(guint32, (gsize) nb * MAX(nc, 1));
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    /* a division per token showed in profiles (5% of score -j 1): blocks
     * are single sentences unless a document has very many, and a token's
     * sentence only changes where a new one starts (sentence numbers never
     * decrease along the tokens), so the block is worked out once per
     * sentence; the counts are the same */
    if (bs == 1) {
        for (guint i = 0; i < a->tokens->len; i++)
            t->block_tokens[tok[i].sentence]++;
    } else {
        guint32 sentence = G_MAXUINT32, b = 0;
        for (guint i = 0; i < a->tokens->len; i++) {
            if (tok[i].sentence != sentence) {
                sentence = tok[i].sentence;
                b = sentence / bs;
            }
            t->block_tokens[b]++;
        }
    }
    for (guint i = 0; i < a->hits->len; i++) {
        const SlantHit *h = &g_array_index(a->hits, SlantHit, i);
        guint32 b = tok[h->first_token].sentence / bs;
        if (h->group < na) {
            SlantAxisTally *x = &t->axes[h->group];
            gint64 *sw = &t->block_weights[((gsize) b * na + h->group) * 2];
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
            x->quoted += h->quoted;
        } else {
            SlantCategoryTally *c = &t->categories[h->group - na];
            c->hits++;
            t->block_cats[(gsize) b * nc + (h->group - na)]++;
            if (h->negated)
                c->negated++;
            c->quoted += h->quoted;
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
    g_free(t->block_tokens);
    g_free(t->block_weights);
    g_free(t->block_cats);
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
    agg->unit_ids = g_hash_table_new(g_str_hash, g_str_equal);
    agg->unit_names = g_ptr_array_new_with_free_func(g_free);
    agg->merged_ids = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    return agg;
}

guint32
slant_aggregate_unit_id(SlantAggregate *agg, const char *name)
{
    gpointer v = g_hash_table_lookup(agg->unit_ids, name);
    if (v != NULL)
        return GPOINTER_TO_UINT(v) - 1;
    guint32 id = agg->unit_names->len;
    char *copy = g_strdup(name);
    g_ptr_array_add(agg->unit_names, copy);
    g_hash_table_insert(agg->unit_ids, copy, GUINT_TO_POINTER(id + 1));
    return id;
}

static void
unref0(GArray *a)
{
    if (a != NULL)
        g_array_unref(a);
}

static void
free_source_acc(SlantAggregate *agg, SourceAcc *s)
{
    guint ng = agg->na + agg->nc;
    for (guint g = 0; g < ng; g++)
        drivers_clear(&s->drivers[g]);
    for (guint a = 0; a < agg->na; a++)
        unref0(s->result.axes ? s->result.axes[a].drivers : NULL);
    for (guint c = 0; c < agg->nc; c++)
        unref0(s->result.categories ? s->result.categories[c].drivers : NULL);
    g_free(s->drivers);
    g_free(s->result.axes);
    g_free(s->result.categories);
    g_free(s->name);
    unref0(s->doc_hash);
    unref0(s->unit_tokens);
    unref0(s->unit_weights);
    unref0(s->unit_cats);
    unref0(s->doc_units);
    unref0(s->doc_blocks);
    unref0(s->sent_tokens);
    unref0(s->sent_weights);
    unref0(s->sent_cats);
    g_free(s->pos);
    g_free(s->neg);
    g_free(s->rep_tokens);
    g_free(s->rep_weights);
    g_free(s->rep_cats);
    g_free(s->replicates);
    if (s->unit_entries)
        g_hash_table_unref(s->unit_entries);
    g_free(s->u_rank);
    g_free(s->u_id);
    g_free(s->u_tokens);
    g_free(s->u_weights);
    g_free(s->u_cats);
    g_free(s->u_scores);
    g_free(s->u_entry_start);
    g_free(s->u_entries);
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
    g_hash_table_unref(agg->unit_ids);
    g_ptr_array_unref(agg->unit_names);
    g_free(agg->unit_rank);
    g_hash_table_unref(agg->merged_ids);
    g_free(agg->tot_pos);
    g_free(agg->tot_neg);
    g_free(agg->tot_cats);
    g_free(agg->tot_rep_tokens);
    g_free(agg->tot_rep_weights);
    g_free(agg->tot_rep_cats);
    if (agg->tot_drivers != NULL)
        for (guint g = 0; g < agg->na + agg->nc; g++)
            drivers_clear(&agg->tot_drivers[g]);
    g_free(agg->tot_drivers);
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
    s->doc_hash = g_array_new(FALSE, FALSE, sizeof(guint64));
    s->unit_tokens = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->unit_weights = g_array_new(FALSE, FALSE, sizeof(gint64));
    s->unit_cats = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->doc_blocks = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->sent_tokens = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->sent_weights = g_array_new(FALSE, FALSE, sizeof(gint64));
    s->sent_cats = g_array_new(FALSE, FALSE, sizeof(guint32));
    s->pos = g_new0(gint64, agg->na);
    s->neg = g_new0(gint64, agg->na);
    s->drivers = g_new0(DriverTable, MAX(agg->na + agg->nc, 1));
    if (agg->opts.matched) {
        s->doc_units = g_array_new(FALSE, FALSE, sizeof(guint32));
        s->unit_entries = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    }
    s->result.axes = g_new0(SlantAxisResult, agg->na);
    s->result.categories = g_new0(SlantCategoryResult, agg->nc);
    g_hash_table_insert(agg->by_name, s->name, s);
    g_ptr_array_add(agg->sources, s);
    return s;
}

/* The accumulator of @entry in unit @unit of @s, zeroed when new.  The
 * key and the accumulator are one allocation: key first. */
static DriverAcc *
unit_entry_acc(SourceAcc *s, guint32 unit, guint32 entry)
{
    gint64 key = (gint64) (((guint64) unit << 32) | entry);
    DriverAcc *d = g_hash_table_lookup(s->unit_entries, &key);
    if (d != NULL)
        return d;
    struct {
        gint64 key;
        DriverAcc acc;
    } *kv = g_malloc0(sizeof *kv);
    kv->key = key;
    kv->acc.entry = entry;
    g_hash_table_insert(s->unit_entries, &kv->key, &kv->acc);
    return &kv->acc;
}

void
slant_aggregate_add(SlantAggregate *agg, const char *source, const char *unit, const char *id,
                    const SlantDocTally *t, const SlantHit *hits, guint n_hits)
{
    g_return_if_fail(!agg->finished);
    SourceAcc *s = slant_aggregate_get_source(agg, source);
    guint na = agg->na, nc = agg->nc;
    guint32 uid = SLANT_NO_UNIT;
    if (agg->opts.matched) {
        if (unit != NULL)
            uid = slant_aggregate_unit_id(agg, unit);
        else
            agg->without_unit++;
        g_array_append_val(s->doc_units, uid);
    }
    guint64 h = slant_hash_name(id);
    g_array_append_val(s->doc_hash, h);
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
        r->quoted += x->quoted;
    }
    for (guint c = 0; c < nc; c++) {
        s->result.categories[c].hits += t->categories[c].hits;
        s->result.categories[c].negated += t->categories[c].negated;
        s->result.categories[c].quoted += t->categories[c].quoted;
        g_array_append_val(s->unit_cats, t->categories[c].hits);
    }
    /* sentences are the bootstrap unit only for sources with few documents */
    if (s->sent_tokens != NULL) {
        if (s->docs >= SLANT_MIN_DOCUMENT_UNITS) {
            g_clear_pointer(&s->doc_blocks, g_array_unref);
            g_clear_pointer(&s->sent_tokens, g_array_unref);
            g_clear_pointer(&s->sent_weights, g_array_unref);
            g_clear_pointer(&s->sent_cats, g_array_unref);
        } else {
            g_array_append_val(s->doc_blocks, t->n_blocks);
            g_array_append_vals(s->sent_tokens, t->block_tokens, t->n_blocks);
            g_array_append_vals(s->sent_weights, t->block_weights, (guint) t->n_blocks * na * 2);
            g_array_append_vals(s->sent_cats, t->block_cats, (guint) t->n_blocks * nc);
            s->blocks |= t->n_blocks < t->sentences;
        }
    }
    for (guint i = 0; i < n_hits; i++) {
        const SlantHit *hh = &hits[i];
        DriverAcc *d = slant_drivers_get(&s->drivers[hh->group], hh->entry);
        /* axes: signed weights; categories: hits, as weights of one */
        gint64 w = hh->group < na ? slant_weight_fixed(hh->weight) : (gint64) SLANT_WEIGHT_SCALE;
        if (hh->pole >= 0)
            d->pos += w;
        else
            d->neg += w;
        d->hits++;
        if (hh->negated)
            d->negated++;
        if (uid != SLANT_NO_UNIT && hh->group < na) {
            DriverAcc *u = unit_entry_acc(s, uid, hh->entry);
            if (hh->pole > 0)
                u->pos += w;
            else
                u->neg += w;
            u->hits++;
            u->negated += hh->negated;
        }
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

/* Reorder the @n records of @stride elements of @a by @perm. */
static void
permute(GArray *a, const guint *perm, guint n, guint stride)
{
    if (a == NULL || n == 0 || stride == 0)
        return;
    guint esz = g_array_get_element_size(a);
    gsize rec = (gsize) esz * stride;
    g_autofree char *copy = g_memdup2(a->data, rec * n);
    for (guint i = 0; i < n; i++)
        memcpy(a->data + rec * i, copy + rec * perm[i], rec);
}

/* The sentence blocks of each document follow it, in the new order. */
static void
permute_blocks(GArray *a, const GArray *doc_blocks, const guint *perm, guint n, guint stride)
{
    if (a == NULL || stride == 0)
        return;
    const guint32 *nb = (const guint32 *) (void *) doc_blocks->data;
    g_autofree gsize *start = g_new(gsize, n + 1);
    start[0] = 0;
    for (guint d = 0; d < n; d++)
        start[d + 1] = start[d] + nb[d];
    guint esz = g_array_get_element_size(a);
    gsize rec = (gsize) esz * stride;
    g_autofree char *copy = g_memdup2(a->data, rec * start[n]);
    gsize at = 0;
    for (guint i = 0; i < n; i++) {
        guint d = perm[i];
        memcpy(a->data + rec * at, copy + rec * start[d], rec * nb[d]);
        at += nb[d];
    }
}

typedef struct {
    guint64 hash;
    guint pos;
} HashPos;

static int
cmp_hash_pos(gconstpointer a, gconstpointer b)
{
    const HashPos *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos; /* equal hashes (one id twice): arrival order */
}

/* Put @s's documents in the order of their id hashes: nothing after this
 * depends on the order they came in. */
static void
canonical_order(SlantAggregate *agg, SourceAcc *s)
{
    guint n = s->doc_hash->len, na = agg->na, nc = agg->nc;
    if (n < 2)
        return;
    g_autofree HashPos *hp = g_new(HashPos, n);
    const guint64 *h = (const guint64 *) (void *) s->doc_hash->data;
    for (guint i = 0; i < n; i++)
        hp[i] = (HashPos){h[i], i};
    qsort(hp, n, sizeof(HashPos), cmp_hash_pos);
    g_autofree guint *perm = g_new(guint, n);
    for (guint i = 0; i < n; i++)
        perm[i] = hp[i].pos;
    permute_blocks(s->sent_tokens, s->doc_blocks, perm, n, 1);
    permute_blocks(s->sent_weights, s->doc_blocks, perm, n, na * 2);
    permute_blocks(s->sent_cats, s->doc_blocks, perm, n, nc);
    permute(s->doc_blocks, perm, s->doc_blocks ? n : 0, 1);
    permute(s->doc_hash, perm, n, 1);
    permute(s->unit_tokens, perm, n, 1);
    permute(s->unit_weights, perm, n, na * 2);
    permute(s->unit_cats, perm, n, nc);
    permute(s->doc_units, perm, n, 1);
}

/* The row width of the bootstrap's fast path (see bootstrap_source()). */
#define BOOT_ROW 16

/* Two 64-bit lanes (GCC's and clang's vector extension: SSE2 on x86-64). */
typedef gint64 BootLanes __attribute__((vector_size(16)));

static inline BootLanes
boot_lanes(const gint64 *p)
{
    BootLanes v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* One replicate of the fast path: @n rows of BOOT_ROW integers drawn from
 * @rows, summed into @acc.  Eight accumulators in named variables, so
 * that they stay in registers (an array of them went through memory). */
static void
boot_replicate(const gint64 *rows, guint64 n, SlantRng *rng, const SlantRngRange *range,
               gint64 acc[BOOT_ROW])
{
    BootLanes a0 = {0, 0}, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (guint64 i = 0; i < n; i++) {
        const gint64 *row = &rows[slant_rng_range_below(rng, range) * BOOT_ROW];
        a0 += boot_lanes(row);
        a1 += boot_lanes(row + 2);
        a2 += boot_lanes(row + 4);
        a3 += boot_lanes(row + 6);
        a4 += boot_lanes(row + 8);
        a5 += boot_lanes(row + 10);
        a6 += boot_lanes(row + 12);
        a7 += boot_lanes(row + 14);
    }
    const BootLanes all[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
    memcpy(acc, all, sizeof all);
}

static void
bootstrap_source(SlantAggregate *agg, SourceAcc *s)
{
    guint na = agg->na, nc = agg->nc, B = agg->opts.bootstrap;
    gboolean sent = s->sent_tokens != NULL;
    GArray *toks = sent ? s->sent_tokens : s->unit_tokens;
    GArray *wts = sent ? s->sent_weights : s->unit_weights;
    GArray *cts = sent ? s->sent_cats : s->unit_cats;
    s->result.sentence_unit = sent;
    s->result.blocks = sent && s->blocks;
    guint64 n = toks->len;
    s->result.units = n;
    for (guint a = 0; a < na; a++)
        for (int k = 0; k < SLANT_N_SCORES; k++)
            s->result.axes[a].lo[k] = s->result.axes[a].hi[k] = s->result.axes[a].pooled[k];
    for (guint c = 0; c < nc; c++)
        s->result.categories[c].lo = s->result.categories[c].hi = s->result.categories[c].per_1k;
    if (B == 0 || n == 0 || na + nc == 0)
        return;
    s->rep_tokens = g_new0(guint64, B);
    s->rep_weights = g_new0(gint64, (gsize) B * MAX(na * 2, 1));
    s->rep_cats = g_new0(guint32, (gsize) B * MAX(nc, 1));
    s->replicates = g_new0(double, (gsize) B * MAX(na, 1) * SLANT_N_SCORES);
    SlantRng rng = {agg->opts.seed ^ slant_hash_name(s->name)};
    const guint32 *ut = (const guint32 *) (void *) toks->data;
    const gint64 *uw = (const gint64 *) (void *) wts->data;
    const guint32 *uc = (const guint32 *) (void *) cts->data;
    SlantRngRange below_n = slant_rng_range(n); /* the draws of slant_rng_below(n) */
    guint width = 1 + na * 2 + nc;
    /* With few axes and categories (most lexicons) a unit's numbers go in
     * one row of BOOT_ROW integers (tokens, weights, category hits, zeros)
     * and a replicate sums rows in registers (boot_replicate()): the sums
     * went through memory, one
     * read-modify-write per number and draw, and with the divisions gone
     * that was most of the bootstrap in profiles of compare.  The sums are
     * of the same integers (64 bits hold them; category hits are taken
     * modulo 2^32 at the end, as guint32 sums wrap), so the replicates are
     * the same. */
    g_autofree gint64 *rows = NULL;
    if (width <= BOOT_ROW) {
        rows = g_new0(gint64, (gsize) n * BOOT_ROW);
        for (guint64 u = 0; u < n; u++) {
            gint64 *row = &rows[u * BOOT_ROW];
            row[0] = ut[u];
            for (guint j = 0; j < na * 2; j++)
                row[1 + j] = uw[u * na * 2 + j];
            for (guint c = 0; c < nc; c++)
                row[1 + na * 2 + c] = uc[u * nc + c];
        }
    }
    for (guint r = 0; r < B; r++) {
        guint64 t = 0;
        gint64 *sum = &s->rep_weights[(gsize) r * na * 2];
        guint32 *cat = &s->rep_cats[(gsize) r * nc];
        if (rows != NULL) {
            gint64 acc[BOOT_ROW];
            boot_replicate(rows, n, &rng, &below_n, acc);
            t = (guint64) acc[0];
            for (guint j = 0; j < na * 2; j++)
                sum[j] = acc[1 + j];
            for (guint c = 0; c < nc; c++)
                cat[c] = (guint32) acc[1 + na * 2 + c];
        } else {
            for (guint64 i = 0; i < n; i++) {
                guint64 u = slant_rng_range_below(&rng, &below_n);
                t += ut[u];
                for (guint j = 0; j < na * 2; j++)
                    sum[j] += uw[u * na * 2 + j];
                for (guint c = 0; c < nc; c++)
                    cat[c] += uc[u * nc + c];
            }
        }
        s->rep_tokens[r] = t;
        for (guint a = 0; a < na; a++)
            slant_scores_compute((double) sum[a * 2] / SLANT_WEIGHT_SCALE,
                                 (double) sum[a * 2 + 1] / SLANT_WEIGHT_SCALE, t,
                                 &s->replicates[((gsize) r * na + a) * SLANT_N_SCORES]);
    }
    double *col = g_new(double, (gsize) B * 3), *scratch = col + B;
    double alpha = (1.0 - agg->opts.level) / 2.0;
    for (guint a = 0; a < na; a++) {
        for (int k = 0; k < SLANT_N_SCORES; k++) {
            for (guint r = 0; r < B; r++)
                col[r] = s->replicates[((gsize) r * na + a) * SLANT_N_SCORES + k];
            slant_interval_of(col, B, alpha, scratch, &s->result.axes[a].lo[k], &s->result.axes[a].hi[k]);
        }
    }
    for (guint c = 0; c < nc; c++) {
        for (guint r = 0; r < B; r++)
            col[r] = s->rep_tokens[r] ? 1000.0 * s->rep_cats[(gsize) r * nc + c] / (double) s->rep_tokens[r]
                                      : 0.0;
        slant_interval_of(col, B, alpha, scratch, &s->result.categories[c].lo,
                          &s->result.categories[c].hi);
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
    SlantComparison cmp;
    SlantAxisComparison *axes;  /* n_axes, drivers reused */
    double *cats;               /* n_categories */
    double *cat_lo, *cat_hi;    /* n_categories */
    GArray **cat_drivers;       /* n_categories, reused */
    DriverAcc *rest;            /* the rest's accumulators of one group, made when needed */
    double *col;                /* the replicates' differences, then 2 B of scratch */
    SlantDriver *top;           /* MIN(top_terms, entries) */
    SlantDriver *all;           /* every entry, when top_terms is large; made when needed */
    guint n_axes;
    /* matched designs: the matched units' positions in a and b, their
     * differences (units * n_axes * SLANT_N_SCORES), and per entry the
     * summed accumulators of a and of b over them */
    GArray *ua, *ub;
    GArray *d;
    DriverAcc *ea, *eb;         /* n_entries each, made when needed */
    GArray *touched;            /* guint32 entries with a nonzero accumulator */
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
    w->cats = g_new0(double, MAX(agg->nc, 1));
    w->cat_lo = g_new0(double, MAX(agg->nc, 1));
    w->cat_hi = g_new0(double, MAX(agg->nc, 1));
    w->cat_drivers = g_new0(GArray *, MAX(agg->nc, 1));
    for (guint c = 0; c < agg->nc; c++)
        w->cat_drivers[c] = g_array_sized_new(FALSE, FALSE, sizeof(SlantDriver),
                                              MIN(agg->opts.top_terms, 64));
    w->col = g_new(double, (gsize) MAX(agg->opts.bootstrap, 1) * 3);
    w->top = g_new(SlantDriver, MAX(MIN(agg->opts.top_terms, slant_lexicon_n_entries(agg->lex)), 1));
    w->cmp.axes = w->axes;
    w->cmp.category_diff = w->cats;
    w->cmp.category_lo = w->cat_lo;
    w->cmp.category_hi = w->cat_hi;
    w->cmp.category_drivers = w->cat_drivers;
    if (agg->opts.matched) {
        w->ua = g_array_new(FALSE, FALSE, sizeof(guint32));
        w->ub = g_array_new(FALSE, FALSE, sizeof(guint32));
        w->d = g_array_new(FALSE, FALSE, sizeof(double));
        w->touched = g_array_new(FALSE, FALSE, sizeof(guint32));
    }
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
    g_free(w->cats);
    g_free(w->cat_lo);
    g_free(w->cat_hi);
    for (guint c = 0; c < w->agg->nc; c++)
        g_array_unref(w->cat_drivers[c]);
    g_free(w->cat_drivers);
    g_free(w->rest);
    g_free(w->col);
    g_free(w->top);
    g_free(w->all);
    if (w->ua) {
        g_array_unref(w->ua);
        g_array_unref(w->ub);
        g_array_unref(w->d);
        g_array_unref(w->touched);
    }
    g_free(w->ea);
    g_free(w->eb);
    g_free(w);
}

/* Keep the top K of the drivers that next() yields, best first, into
 * @c->drivers: by insertion when few, else all sorted and cut. */
typedef gboolean (*NextDriver)(gpointer state, SlantDriver *d);

static void
keep_top_drivers(SlantPairWork *w, GArray *out, guint candidates, NextDriver next,
                 gpointer state)
{
    guint K = w->agg->opts.top_terms, n = 0;
    gboolean few = few_of(K, candidates);
    SlantDriver *keep = w->top;
    if (!few) {
        if (w->all == NULL)
            w->all = g_new(SlantDriver, MAX(slant_lexicon_n_entries(w->agg->lex), 1));
        keep = w->all;
    }
    SlantDriver d;
    while (next(state, &d)) {
        if (few)
            top_k_offer(keep, &n, K, &d);
        else
            keep[n++] = d;
    }
    if (!few) {
        qsort(keep, n, sizeof(SlantDriver), cmp_driver);
        n = MIN(n, K);
    }
    g_array_set_size(out, 0);
    g_array_append_vals(out, keep, n);
}

/* The merge of two sorted accumulator arrays as rate differences: an
 * entry of both has its rates subtracted and its hits summed. */
typedef struct {
    const DriverAcc *ra, *rb;
    guint na, nb, i, j;
    double scale_a, scale_b;
} MergeDrivers;

static gboolean
next_merged(gpointer state, SlantDriver *d)
{
    MergeDrivers *m = state;
    if (m->i >= m->na && m->j >= m->nb)
        return FALSE;
    if (m->j >= m->nb || (m->i < m->na && m->ra[m->i].entry < m->rb[m->j].entry)) {
        *d = driver_of(&m->ra[m->i++], m->scale_a);
    } else if (m->i >= m->na || m->rb[m->j].entry < m->ra[m->i].entry) {
        *d = driver_of(&m->rb[m->j++], m->scale_b);
        d->contribution = 0.0 - d->contribution;
    } else {
        *d = driver_of(&m->ra[m->i], m->scale_a);
        d->contribution -= driver_of(&m->rb[m->j], m->scale_b).contribution;
        d->hits += m->rb[m->j].hits;
        d->negated += m->rb[m->j].negated;
        m->i++;
        m->j++;
    }
    return TRUE;
}

/* Hits per 1,000 tokens. */
static inline double
rate(guint64 hits, guint64 tokens)
{
    return tokens > 0 ? 1000.0 * (double) hits / (double) tokens : 0.0;
}

/* Pooled differences, replicate differences and merged drivers. */
static void
compare_pooled(const SlantAggregate *agg, const SourceAcc *sa, const SourceAcc *sb,
               SlantPairWork *w)
{
    guint na = agg->na, B = agg->opts.bootstrap;
    double *col = w->col, *scratch = w->col + MAX(B, 1);
    double scale_a = sa->tokens > 0 ? 1000.0 / (double) sa->tokens : 0.0;
    double scale_b = sb->tokens > 0 ? 1000.0 / (double) sb->tokens : 0.0;
    for (guint a = 0; a < na; a++) {
        SlantAxisComparison *c = &w->axes[a];
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
        MergeDrivers m = {sa->drivers[a].acc, sb->drivers[a].acc, sa->drivers[a].len,
                          sb->drivers[a].len, 0, 0, scale_a, scale_b};
        keep_top_drivers(w, c->drivers, m.na + m.nb, next_merged, &m);
    }
    guint nc = agg->nc;
    for (guint c = 0; c < nc; c++) {
        w->cats[c] = w->cat_lo[c] = w->cat_hi[c] =
            sa->result.categories[c].per_1k - sb->result.categories[c].per_1k;
        if (B > 0 && sa->rep_cats != NULL && sb->rep_cats != NULL) {
            for (guint r = 0; r < B; r++)
                col[r] = rate(sa->rep_cats[(gsize) r * nc + c], sa->rep_tokens[r]) -
                         rate(sb->rep_cats[(gsize) r * nc + c], sb->rep_tokens[r]);
            slant_interval_of(col, B, (1.0 - agg->opts.level) / 2.0, scratch, &w->cat_lo[c],
                              &w->cat_hi[c]);
        }
        const DriverTable *da = &sa->drivers[na + c], *db = &sb->drivers[na + c];
        MergeDrivers m = {da->acc, db->acc, da->len, db->len, 0, 0, scale_a, scale_b};
        keep_top_drivers(w, w->cat_drivers[c], m.na + m.nb, next_merged, &m);
    }
}

/* The rest of @sa's group @g: every group's accumulators minus @sa's,
 * sorted by entry, into @w->rest; returns how many. */
static guint
rest_drivers(const SlantAggregate *agg, const SourceAcc *sa, guint g, SlantPairWork *w)
{
    const DriverTable *tot = &agg->tot_drivers[g], *own = &sa->drivers[g];
    if (w->rest == NULL)
        w->rest = g_new(DriverAcc, MAX(slant_lexicon_n_entries(agg->lex), 1));
    guint n = 0, j = 0;
    for (guint32 i = 0; i < tot->len; i++) {
        DriverAcc d = tot->acc[i];
        while (j < own->len && own->acc[j].entry < d.entry)
            j++;
        if (j < own->len && own->acc[j].entry == d.entry) {
            d.pos -= own->acc[j].pos;
            d.neg -= own->acc[j].neg;
            d.hits -= own->acc[j].hits;
            d.negated -= own->acc[j].negated;
        }
        if (d.hits > 0)
            w->rest[n++] = d;
    }
    return n;
}

/* @sa against the rest: every other group's documents pooled; intervals
 * from the groups' replicates (the rest's replicate r is the sum of the
 * others' replicates r). */
static void
compare_rest(const SlantAggregate *agg, const SourceAcc *sa, SlantPairWork *w)
{
    guint na = agg->na, nc = agg->nc, B = agg->opts.bootstrap;
    double *col = w->col, *scratch = w->col + MAX(B, 1);
    double alpha = (1.0 - agg->opts.level) / 2.0;
    w->cmp.empty = agg->sources->len < 2;
    guint64 tr = agg->tot_tokens - sa->tokens;
    double scale_a = sa->tokens > 0 ? 1000.0 / (double) sa->tokens : 0.0;
    double scale_r = tr > 0 ? 1000.0 / (double) tr : 0.0;
    gboolean reps = B > 0 && sa->replicates != NULL;
    for (guint a = 0; a < na; a++) {
        SlantAxisComparison *c = &w->axes[a];
        double rest[SLANT_N_SCORES];
        slant_scores_compute((double) (agg->tot_pos[a] - sa->pos[a]) / SLANT_WEIGHT_SCALE,
                             (double) (agg->tot_neg[a] - sa->neg[a]) / SLANT_WEIGHT_SCALE, tr, rest);
        for (int k = 0; k < SLANT_N_SCORES; k++) {
            c->diff[k] = sa->result.axes[a].pooled[k] - rest[k];
            c->lo[k] = c->hi[k] = c->diff[k];
        }
        if (reps) {
            for (int k = 0; k < SLANT_N_SCORES; k++) {
                for (guint r = 0; r < B; r++) {
                    gsize at = ((gsize) r * na + a) * 2;
                    double rr[SLANT_N_SCORES];
                    slant_scores_compute(
                        (double) (agg->tot_rep_weights[at] - sa->rep_weights[at]) / SLANT_WEIGHT_SCALE,
                        (double) (agg->tot_rep_weights[at + 1] - sa->rep_weights[at + 1]) / SLANT_WEIGHT_SCALE,
                        agg->tot_rep_tokens[r] - sa->rep_tokens[r], rr);
                    col[r] = sa->replicates[((gsize) r * na + a) * SLANT_N_SCORES + k] - rr[k];
                }
                slant_interval_of(col, B, alpha, scratch, &c->lo[k], &c->hi[k]);
            }
        }
        guint nr = rest_drivers(agg, sa, a, w);
        MergeDrivers m = {sa->drivers[a].acc, w->rest, sa->drivers[a].len, nr, 0, 0, scale_a, scale_r};
        keep_top_drivers(w, c->drivers, m.na + m.nb, next_merged, &m);
    }
    for (guint c = 0; c < nc; c++) {
        guint64 cr = agg->tot_cats[c] - sa->result.categories[c].hits;
        w->cats[c] = w->cat_lo[c] = w->cat_hi[c] = sa->result.categories[c].per_1k - rate(cr, tr);
        if (reps) {
            for (guint r = 0; r < B; r++) {
                gsize at = (gsize) r * nc + c;
                col[r] = rate(sa->rep_cats[at], sa->rep_tokens[r]) -
                         rate(agg->tot_rep_cats[at] - sa->rep_cats[at],
                              agg->tot_rep_tokens[r] - sa->rep_tokens[r]);
            }
            slant_interval_of(col, B, alpha, scratch, &w->cat_lo[c], &w->cat_hi[c]);
        }
        guint nr = rest_drivers(agg, sa, na + c, w);
        const DriverTable *da = &sa->drivers[na + c];
        MergeDrivers m = {da->acc, w->rest, da->len, nr, 0, 0, scale_a, scale_r};
        keep_top_drivers(w, w->cat_drivers[c], m.na + m.nb, next_merged, &m);
    }
}

typedef struct {
    SlantPairWork *w;
    guint i;
    double scale_a, scale_b;
    gint32 axis;
    const SlantLexicon *lex;
} MatchedDrivers;

static gboolean
next_matched(gpointer state, SlantDriver *d)
{
    MatchedDrivers *m = state;
    const GArray *t = m->w->touched;
    while (m->i < t->len) {
        guint32 e = g_array_index(t, guint32, m->i++);
        if (slant_lexicon_entry(m->lex, e)->axis != m->axis)
            continue;
        const DriverAcc *x = &m->w->ea[e], *y = &m->w->eb[e];
        *d = driver_of(x, m->scale_a);
        d->entry = e;
        d->contribution -= driver_of(y, m->scale_b).contribution;
        d->hits = x->hits + y->hits;
        d->negated = x->negated + y->negated;
        return TRUE;
    }
    return FALSE;
}

static int
cmp_u32(gconstpointer a, gconstpointer b)
{
    guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
    return x < y ? -1 : x > y;
}

/* The matched design: paired differences over the units both have. */
static void
compare_matched(const SlantAggregate *agg, const SourceAcc *sa, const SourceAcc *sb,
                SlantPairWork *w)
{
    guint na = agg->na, nc = agg->nc, B = agg->opts.bootstrap;
    g_array_set_size(w->ua, 0);
    g_array_set_size(w->ub, 0);
    for (guint i = 0, j = 0; i < sa->n_units && j < sb->n_units;) {
        if (sa->u_rank[i] < sb->u_rank[j]) {
            i++;
        } else if (sb->u_rank[j] < sa->u_rank[i]) {
            j++;
        } else {
            g_array_append_val(w->ua, i);
            g_array_append_val(w->ub, j);
            i++;
            j++;
        }
    }
    guint m = w->ua->len;
    const guint32 *ua = (const guint32 *) (void *) w->ua->data;
    const guint32 *ub = (const guint32 *) (void *) w->ub->data;
    w->cmp.units = m;
    w->cmp.only_a = sa->n_units - m;
    w->cmp.only_b = sb->n_units - m;
    w->cmp.empty = m == 0;
    guint stride = na * SLANT_N_SCORES;
    g_array_set_size(w->d, (guint) m * stride);
    double *d = (double *) (void *) w->d->data;
    for (guint u = 0; u < m; u++)
        for (guint x = 0; x < stride; x++)
            d[(gsize) u * stride + x] = sa->u_scores[(gsize) ua[u] * stride + x] -
                                        sb->u_scores[(gsize) ub[u] * stride + x];
    for (guint a = 0; a < na; a++) {
        SlantAxisComparison *c = &w->axes[a];
        for (int k = 0; k < SLANT_N_SCORES; k++) {
            double sum = 0.0;
            for (guint u = 0; u < m; u++)
                sum += d[(gsize) u * stride + a * SLANT_N_SCORES + k];
            c->diff[k] = c->lo[k] = c->hi[k] = m > 0 ? sum / m : 0.0;
        }
    }
    /* the bootstrap: resample the matched units, B means of the
     * differences; one draw of units serves every axis and score */
    if (B > 0 && m > 1) {
        SlantRng rng = {agg->opts.seed ^ slant_hash_name(sa->name) ^
                        (slant_hash_name(sb->name) * 0x9E3779B97F4A7C15ull)};
        g_autofree double *rep = g_new(double, (gsize) B * stride);
        g_autofree double *sum = g_new(double, stride);
        SlantRngRange below_m = slant_rng_range(m);
        for (guint r = 0; r < B; r++) {
            memset(sum, 0, stride * sizeof(double));
            for (guint u = 0; u < m; u++) {
                const double *du = &d[(gsize) slant_rng_range_below(&rng, &below_m) * stride];
                for (guint x = 0; x < stride; x++)
                    sum[x] += du[x];
            }
            for (guint x = 0; x < stride; x++)
                rep[(gsize) r * stride + x] = sum[x] / m;
        }
        double alpha = (1.0 - agg->opts.level) / 2.0;
        double *col = w->col, *scratch = w->col + B;
        for (guint a = 0; a < na; a++)
            for (int k = 0; k < SLANT_N_SCORES; k++) {
                for (guint r = 0; r < B; r++)
                    col[r] = rep[(gsize) r * stride + a * SLANT_N_SCORES + k];
                slant_interval_of(col, B, alpha, scratch, &w->axes[a].lo[k], &w->axes[a].hi[k]);
            }
    }
    /* over the matched units: tokens, category rates, entry rates */
    guint64 ta = 0, tb = 0;
    guint ne = slant_lexicon_n_entries(agg->lex);
    if (w->ea == NULL) {
        w->ea = g_new0(DriverAcc, MAX(ne, 1));
        w->eb = g_new0(DriverAcc, MAX(ne, 1));
    }
    g_array_set_size(w->touched, 0);
    for (guint u = 0; u < m; u++) {
        ta += sa->u_tokens[ua[u]];
        tb += sb->u_tokens[ub[u]];
        for (int side = 0; side < 2; side++) {
            const SourceAcc *s = side ? sb : sa;
            guint32 pu = side ? ub[u] : ua[u];
            DriverAcc *acc = side ? w->eb : w->ea;
            for (guint32 k = s->u_entry_start[pu]; k < s->u_entry_start[pu + 1]; k++) {
                const DriverAcc *x = &s->u_entries[k];
                DriverAcc *y = &acc[x->entry];
                if (w->ea[x->entry].hits == 0 && w->eb[x->entry].hits == 0)
                    g_array_append_val(w->touched, x->entry);
                y->pos += x->pos;
                y->neg += x->neg;
                y->hits += x->hits;
                y->negated += x->negated;
            }
        }
    }
    for (guint c = 0; c < nc; c++) {
        guint64 ca = 0, cb = 0;
        for (guint u = 0; u < m; u++) {
            ca += sa->u_cats[(gsize) ua[u] * nc + c];
            cb += sb->u_cats[(gsize) ub[u] * nc + c];
        }
        w->cats[c] = w->cat_lo[c] = w->cat_hi[c] = rate(ca, ta) - rate(cb, tb);
        /* no interval or drivers per category over matched units (yet) */
        g_array_set_size(w->cat_drivers[c], 0);
    }
    /* entries in entry order, so the top K never depend on unit order */
    g_array_sort(w->touched, cmp_u32);
    double scale_a = ta > 0 ? 1000.0 / (double) ta : 0.0;
    double scale_b = tb > 0 ? 1000.0 / (double) tb : 0.0;
    for (guint a = 0; a < na; a++) {
        MatchedDrivers md = {w, 0, scale_a, scale_b, (gint32) a, agg->lex};
        keep_top_drivers(w, w->axes[a].drivers, w->touched->len, next_matched, &md);
    }
    for (guint i = 0; i < w->touched->len; i++) {
        guint32 e = g_array_index(w->touched, guint32, i);
        memset(&w->ea[e], 0, sizeof(DriverAcc));
        memset(&w->eb[e], 0, sizeof(DriverAcc));
    }
}

const SlantComparison *
slant_aggregate_compare(const SlantAggregate *agg, guint ia, guint ib, SlantPairWork *w)
{
    g_return_val_if_fail(agg->finished && w != NULL && w->agg == agg, NULL);
    g_return_val_if_fail(ia < agg->sources->len && ia != ib, NULL);
    g_return_val_if_fail(ib < agg->sources->len || ib == SLANT_REST, NULL);
    const SourceAcc *sa = agg->sources->pdata[ia];
    const SourceAcc *sb = ib == SLANT_REST ? NULL : agg->sources->pdata[ib];
    w->cmp.a = ia;
    w->cmp.b = ib;
    w->cmp.units = w->cmp.only_a = w->cmp.only_b = 0;
    w->cmp.empty = FALSE;
    for (guint a = 0; a < agg->na; a++) {
        w->axes[a].a = ia;
        w->axes[a].b = ib;
    }
    if (sb == NULL) {
        g_return_val_if_fail(!agg->opts.matched, NULL);
        compare_rest(agg, sa, w);
    } else if (agg->opts.matched) {
        compare_matched(agg, sa, sb, w);
    } else {
        compare_pooled(agg, sa, sb, w);
    }
    return &w->cmp;
}

typedef struct {
    guint32 rank, id;
} UnitKey;

static int
cmp_unit_key(gconstpointer a, gconstpointer b)
{
    const UnitKey *x = a, *y = b;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* A matched design's numbers per unit of @s: its units in rank order, and
 * per unit the summed tokens, weights and category hits, the scores of
 * those sums, and its axis entries (sorted by entry). */
static void
finish_units(SlantAggregate *agg, SourceAcc *s)
{
    guint na = agg->na, nc = agg->nc;
    const guint32 *du = (const guint32 *) (void *) s->doc_units->data;
    guint ndoc = s->doc_units->len;
    /* the distinct units, by rank */
    g_autoptr(GHashTable) pos = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(UnitKey));
    for (guint d = 0; d < ndoc; d++) {
        if (du[d] == SLANT_NO_UNIT || g_hash_table_contains(pos, GUINT_TO_POINTER(du[d] + 1)))
            continue;
        g_hash_table_add(pos, GUINT_TO_POINTER(du[d] + 1));
        UnitKey k = {agg->unit_rank[du[d]], du[d]};
        g_array_append_val(keys, k);
    }
    g_array_sort(keys, cmp_unit_key);
    guint nu = keys->len;
    s->n_units = nu;
    s->u_rank = g_new(guint32, MAX(nu, 1));
    s->u_id = g_new(guint32, MAX(nu, 1));
    s->u_tokens = g_new0(guint64, MAX(nu, 1));
    s->u_weights = g_new0(gint64, (gsize) MAX(nu, 1) * na * 2);
    s->u_cats = g_new0(guint64, (gsize) MAX(nu, 1) * MAX(nc, 1));
    s->u_scores = g_new0(double, (gsize) MAX(nu, 1) * na * SLANT_N_SCORES);
    g_hash_table_remove_all(pos);
    for (guint i = 0; i < nu; i++) {
        UnitKey *k = &g_array_index(keys, UnitKey, i);
        s->u_rank[i] = k->rank;
        s->u_id[i] = k->id;
        g_hash_table_insert(pos, GUINT_TO_POINTER(k->id + 1), GUINT_TO_POINTER(i));
    }
    const guint32 *ut = (const guint32 *) (void *) s->unit_tokens->data;
    const gint64 *uw = (const gint64 *) (void *) s->unit_weights->data;
    const guint32 *uc = (const guint32 *) (void *) s->unit_cats->data;
    for (guint d = 0; d < ndoc; d++) {
        if (du[d] == SLANT_NO_UNIT)
            continue;
        guint i = GPOINTER_TO_UINT(g_hash_table_lookup(pos, GUINT_TO_POINTER(du[d] + 1)));
        s->u_tokens[i] += ut[d];
        for (guint j = 0; j < na * 2; j++)
            s->u_weights[(gsize) i * na * 2 + j] += uw[(gsize) d * na * 2 + j];
        for (guint c = 0; c < nc; c++)
            s->u_cats[(gsize) i * nc + c] += uc[(gsize) d * nc + c];
    }
    for (guint i = 0; i < nu; i++)
        for (guint a = 0; a < na; a++)
            slant_scores_compute((double) s->u_weights[((gsize) i * na + a) * 2] / SLANT_WEIGHT_SCALE,
                                 (double) s->u_weights[((gsize) i * na + a) * 2 + 1] / SLANT_WEIGHT_SCALE,
                                 s->u_tokens[i], &s->u_scores[((gsize) i * na + a) * SLANT_N_SCORES]);
    /* the axis entries of each unit, grouped by unit position, by entry */
    guint ne = g_hash_table_size(s->unit_entries);
    s->u_entry_start = g_new0(guint32, nu + 1);
    s->u_entries = g_new(DriverAcc, MAX(ne, 1));
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, s->unit_entries);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        guint32 id = (guint32) ((guint64) *(gint64 *) k >> 32);
        guint i = GPOINTER_TO_UINT(g_hash_table_lookup(pos, GUINT_TO_POINTER(id + 1)));
        s->u_entry_start[i + 1]++;
    }
    for (guint i = 0; i < nu; i++)
        s->u_entry_start[i + 1] += s->u_entry_start[i];
    g_autofree guint32 *fill = g_memdup2(s->u_entry_start, sizeof(guint32) * (nu + 1));
    g_hash_table_iter_init(&it, s->unit_entries);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        guint32 id = (guint32) ((guint64) *(gint64 *) k >> 32);
        guint i = GPOINTER_TO_UINT(g_hash_table_lookup(pos, GUINT_TO_POINTER(id + 1)));
        s->u_entries[fill[i]++] = *(const DriverAcc *) v;
    }
    /* hash order must not reach the report: each unit's entries by entry */
    for (guint i = 0; i < nu; i++)
        qsort(s->u_entries + s->u_entry_start[i], s->u_entry_start[i + 1] - s->u_entry_start[i],
              sizeof(DriverAcc), cmp_acc_entry);
    g_clear_pointer(&s->unit_entries, g_hash_table_unref);
}

/* Everything a source's results need, from its own accumulators only. */
static void
finish_source(SlantAggregate *agg, SourceAcc *s)
{
    canonical_order(agg, s);
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
        /* the document mean, summed in id-hash order from the kept numbers */
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
    for (guint c = 0; c < agg->nc; c++) {
        r->categories[c].per_1k =
            s->tokens ? 1000.0 * (double) r->categories[c].hits / (double) s->tokens : 0.0;
        r->categories[c].drivers = top_drivers(&s->drivers[agg->na + c], agg->opts.top_terms);
        drivers_sort(&s->drivers[agg->na + c]);
    }
    bootstrap_source(agg, s);
    if (agg->opts.matched)
        finish_units(agg, s);
}

static gint
cmp_unit_name(gconstpointer a, gconstpointer b, gpointer names)
{
    const GPtrArray *n = names;
    return strcmp(n->pdata[*(const guint32 *) a], n->pdata[*(const guint32 *) b]);
}

static void
finish_one(guint i, gpointer user)
{
    SlantAggregate *agg = user;
    finish_source(agg, agg->sources->pdata[i]);
}

/* Every group summed: what a comparison against the rest subtracts a
 * group from.  A group without replicates (none asked for, or no unit to
 * resample) adds its own sums to every replicate. */
static void
finish_totals(SlantAggregate *agg)
{
    guint na = agg->na, nc = agg->nc, ng = na + nc, B = agg->opts.bootstrap;
    guint ne = slant_lexicon_n_entries(agg->lex);
    agg->tot_pos = g_new0(gint64, MAX(na, 1));
    agg->tot_neg = g_new0(gint64, MAX(na, 1));
    agg->tot_cats = g_new0(guint64, MAX(nc, 1));
    agg->tot_rep_tokens = g_new0(guint64, MAX(B, 1));
    agg->tot_rep_weights = g_new0(gint64, (gsize) MAX(B, 1) * MAX(na * 2, 1));
    agg->tot_rep_cats = g_new0(guint64, (gsize) MAX(B, 1) * MAX(nc, 1));
    g_autofree DriverAcc *by_entry = g_new0(DriverAcc, MAX(ne, 1));
    for (guint i = 0; i < agg->sources->len; i++) {
        const SourceAcc *s = agg->sources->pdata[i];
        agg->tot_tokens += s->tokens;
        for (guint a = 0; a < na; a++) {
            agg->tot_pos[a] += s->pos[a];
            agg->tot_neg[a] += s->neg[a];
        }
        for (guint c = 0; c < nc; c++)
            agg->tot_cats[c] += s->result.categories[c].hits;
        for (guint r = 0; r < B; r++) {
            agg->tot_rep_tokens[r] += s->rep_tokens ? s->rep_tokens[r] : s->tokens;
            for (guint a = 0; a < na; a++) {
                agg->tot_rep_weights[((gsize) r * na + a) * 2] +=
                    s->rep_weights ? s->rep_weights[((gsize) r * na + a) * 2] : s->pos[a];
                agg->tot_rep_weights[((gsize) r * na + a) * 2 + 1] +=
                    s->rep_weights ? s->rep_weights[((gsize) r * na + a) * 2 + 1] : s->neg[a];
            }
            for (guint c = 0; c < nc; c++)
                agg->tot_rep_cats[(gsize) r * nc + c] +=
                    s->rep_cats ? s->rep_cats[(gsize) r * nc + c] : s->result.categories[c].hits;
        }
        for (guint g = 0; g < ng; g++)
            for (guint32 k = 0; k < s->drivers[g].len; k++) {
                const DriverAcc *d = &s->drivers[g].acc[k];
                DriverAcc *t = &by_entry[d->entry];
                t->entry = d->entry;
                t->pos += d->pos;
                t->neg += d->neg;
                t->hits += d->hits;
                t->negated += d->negated;
            }
    }
    /* one table per group, sorted by entry, as a finished source's */
    agg->tot_drivers = g_new0(DriverTable, MAX(ng, 1));
    for (guint e = 0; e < ne; e++) {
        if (by_entry[e].hits == 0)
            continue;
        DriverTable *t = &agg->tot_drivers[slant_lexicon_entry(agg->lex, e)->group];
        if (t->len == t->cap) {
            t->cap = MAX(8, t->cap * 2);
            t->acc = g_renew(DriverAcc, t->acc, t->cap);
        }
        t->acc[t->len++] = by_entry[e];
    }
}

void
slant_aggregate_finish(SlantAggregate *agg)
{
    g_return_if_fail(!agg->finished);
    agg->finished = TRUE;
    g_ptr_array_sort(agg->sources, cmp_source);
    if (agg->opts.matched) {
        /* units are compared in the byte order of their names, whatever
         * order they came in */
        guint nu = agg->unit_names->len;
        g_autofree guint32 *order = g_new(guint32, MAX(nu, 1));
        for (guint i = 0; i < nu; i++)
            order[i] = i;
        g_qsort_with_data(order, (gint) nu, sizeof(guint32), cmp_unit_name, agg->unit_names);
        agg->unit_rank = g_new(guint32, MAX(nu, 1));
        for (guint r = 0; r < nu; r++)
            agg->unit_rank[order[r]] = r;
    }
    /* sources are finished apart (the bootstrap of each is seeded by its
     * name), so on the run's threads, each taking the next one left */
    guint threads = MIN(CLAMP(agg->opts.threads, 1, 64), MAX(agg->sources->len, 1));
    g_autoptr(SlantPool) pool = slant_pool_new(threads);
    slant_pool_for_each(pool, agg->sources->len, finish_one, agg);
    finish_totals(agg);
    if (agg->opts.matched) {
        guint nu = agg->unit_names->len;
        g_autofree guint32 *groups = g_new0(guint32, MAX(nu, 1));
        for (guint i = 0; i < agg->sources->len; i++) {
            const SourceAcc *s = agg->sources->pdata[i];
            for (guint u = 0; u < s->n_units; u++)
                groups[s->u_rank[u]]++;
        }
        for (guint r = 0; r < nu; r++)
            agg->units_shared += groups[r] >= 2;
    }
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

guint64
slant_aggregate_n_units(const SlantAggregate *agg)
{
    return agg->unit_names->len;
}

guint64
slant_aggregate_n_units_shared(const SlantAggregate *agg)
{
    return agg->units_shared;
}

guint64
slant_aggregate_documents_without_unit(const SlantAggregate *agg)
{
    return agg->without_unit;
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

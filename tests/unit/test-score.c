/* test-score.c: the percentile intervals of engine/lib/score.c against an
 * independent oracle (sort, then R's type 7 formula), on replicate-like
 * values: random, heavily tied (sources with few hits), sorted either way,
 * at the levels and replicate counts users pick; matched designs worked by
 * hand; and the voice filter (SlantEngineOptions.voice) through tallies
 * and aggregates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "engine.h"
#include "score-private.h"

#define DATA SLANT_TEST_DATA "/cli"
#define VOICE SLANT_TEST_DATA "/voice"

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* R type 7: x(floor(h)) + (h - floor(h)) (x(floor(h) + 1) - x(floor(h))), h = (n - 1) q */
static double
oracle(const double *sorted, guint n, double q)
{
    double h = (n - 1) * q;
    guint lo = (guint) floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

typedef enum { RANDOM, TIED, FEW_VALUES, ASCENDING, DESCENDING, CONSTANT, N_SHAPES } Shape;

static void
fill(double *x, guint n, Shape shape, GRand *rng)
{
    for (guint i = 0; i < n; i++) {
        switch (shape) {
        case RANDOM:
            x[i] = g_rand_double_range(rng, -3, 3);
            break;
        case TIED: /* most at one value, the rest spread: a source with a hit or two */
            x[i] = g_rand_int_range(rng, 0, 10) < 8 ? 1.0 : g_rand_double_range(rng, -1, 1);
            break;
        case FEW_VALUES:
            x[i] = (double) g_rand_int_range(rng, -2, 3) / 2.0;
            break;
        case ASCENDING:
            x[i] = (double) i / n;
            break;
        case DESCENDING:
            x[i] = -(double) i / n;
            break;
        default:
            x[i] = 0.25;
            break;
        }
    }
}

static void
interval_should_equal_sorted_type7_quantiles(void **state)
{
    (void) state;
    static const guint counts[] = {1, 2, 5, 10, 50, 99, 100, 200, 999, 1000, 2000, 5000};
    static const double levels[] = {0.5, 0.8, 0.9, 0.95, 0.99, 0.999};
    GRand *rng = g_rand_new_with_seed(20261127);
    guint checked = 0;
    for (gsize c = 0; c < G_N_ELEMENTS(counts); c++) {
        guint n = counts[c];
        double *x = g_new(double, n), *work = g_new(double, n), *sorted = g_new(double, n);
        double *scratch = g_new(double, 2 * n);
        for (int shape = 0; shape < N_SHAPES; shape++) {
            for (gsize l = 0; l < G_N_ELEMENTS(levels); l++) {
                for (int round = 0; round < 20; round++) {
                    fill(x, n, (Shape) shape, rng);
                    memcpy(sorted, x, n * sizeof(double));
                    qsort(sorted, n, sizeof(double), cmp_double);
                    memcpy(work, x, n * sizeof(double));
                    double alpha = (1.0 - levels[l]) / 2.0, lo, hi;
                    slant_interval_of(work, n, alpha, scratch, &lo, &hi);
                    double want_lo = oracle(sorted, n, alpha), want_hi = oracle(sorted, n, 1.0 - alpha);
                    /* the same numbers, bit for bit: reports print them */
                    if (memcmp(&lo, &want_lo, sizeof lo) != 0 || memcmp(&hi, &want_hi, sizeof hi) != 0)
                        fail_msg("n %u shape %d level %g: [%.17g, %.17g], want [%.17g, %.17g]", n,
                                 shape, levels[l], lo, hi, want_lo, want_hi);
                    checked++;
                }
            }
        }
        g_free(x);
        g_free(work);
        g_free(sorted);
        g_free(scratch);
    }
    assert_int_equal(checked, G_N_ELEMENTS(counts) * N_SHAPES * G_N_ELEMENTS(levels) * 20);
    g_rand_free(rng);
}

/* ---- the matched design, by hand ----
 *
 * Lexicon tests/data/cli/lexicon.json: entry 0 deterrence +1.5, 1
 * cornerstone +2, 4 dependence -1, 5 entanglement -1.5 (axis alliance),
 * 8 hostile -1 (axis tone), 10 attack (category threat).  Every document
 * has 100 tokens but u3's (50) and the one without a unit (40).
 *
 *   group A  u1: cornerstone, dependence, attack  P=2 N=1  balance 1/3
 *            u2: cornerstone                      P=2 N=0  balance 1
 *            u3: entanglement                     (A alone)
 *   group B  u1: dependence                       P=0 N=1  balance -1
 *            u2: cornerstone                      P=2 N=0  balance 1
 *            u4: deterrence                       (B alone)
 *            no unit: hostile
 *
 * Matched units u1, u2: d(u1) = 1/3 - (-1) = 4/3, d(u2) = 0, mean 2/3.
 *   logit: A u1 ln(2.5/1.5), B u1 ln(0.5/1.5): d(u1) = ln 5; d(u2) = 0; mean ln(5)/2
 *   net_per_1k: A u1 10, B u1 -10: d = 20; u2: 20 - 20 = 0; mean 10
 *   intensity_per_1k: A u1 30, B u1 10: d = 20; u2 0; mean 10
 * The bootstrap mean of two units takes 4/3 (p 1/4), 2/3 (1/2) and 0
 * (1/4): at 95% the interval is [0, 4/3] (each end has far more than 2.5%
 * of the replicates); at 40% (the 30% and 70% quantiles) it is [2/3, 2/3].
 * Drivers over u1 and u2 (200 tokens each side): cornerstone A 4/200,
 * B 2/200 per token: 20 - 10 = +10 per 1k, 3 hits; dependence -5 - -5 = 0,
 * 2 hits.  Category threat: A 1 hit in 200 tokens, B none: +5 per 1k. */

typedef struct {
    const char *group, *unit;
    guint tokens;
    guint32 entries[3];
    guint n;
} HandDoc;

static const HandDoc hand_docs[] = {
    {"B", "u4", 100, {0}, 1},
    {"A", "u2", 100, {1}, 1},
    {"B", NULL, 40, {8}, 1},
    {"A", "u1", 100, {1, 4, 10}, 3},
    {"B", "u2", 100, {1}, 1},
    {"A", "u3", 50, {5}, 1},
    {"B", "u1", 100, {4}, 1},
};

/* Add document @d as the engine would: a tally and hits from its entries. */
static void
add_hand_doc(SlantAggregate *agg, const SlantLexicon *lex, const HandDoc *d)
{
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    SlantDocTally t = {0};
    t.tokens = d->tokens;
    t.sentences = 1;
    t.n_axes = na;
    t.n_categories = nc;
    t.axes = g_new0(SlantAxisTally, na);
    t.categories = g_new0(SlantCategoryTally, nc);
    t.n_blocks = 1;
    t.block_tokens = g_new0(guint32, 1);
    t.block_tokens[0] = d->tokens;
    t.block_weights = g_new0(gint64, na * 2);
    t.block_cats = g_new0(guint32, MAX(nc, 1));
    SlantHit hits[3];
    for (guint i = 0; i < d->n; i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, d->entries[i]);
        hits[i] = (SlantHit){.entry = d->entries[i], .group = e->group, .first_token = i,
                             .n_tokens = 1, .weight = e->weight, .factor = 1, .negator = -1,
                             .modifier = -1, .pole = (gint8) e->pole};
        if (e->axis >= 0) {
            SlantAxisTally *x = &t.axes[e->axis];
            gint64 w = slant_weight_fixed(e->weight);
            if (e->pole > 0) {
                x->pos_fx += w;
                x->hits_pos++;
                t.block_weights[e->axis * 2] += w;
            } else {
                x->neg_fx += w;
                x->hits_neg++;
                t.block_weights[e->axis * 2 + 1] += w;
            }
            x->pos = (double) x->pos_fx / SLANT_WEIGHT_SCALE;
            x->neg = (double) x->neg_fx / SLANT_WEIGHT_SCALE;
        } else {
            t.categories[e->category].hits++;
            t.block_cats[e->category]++;
        }
    }
    g_autofree char *id = g_strdup_printf("%s/%s/%u", d->group, d->unit ? d->unit : "-", d->tokens);
    slant_aggregate_add(agg, d->group, d->unit, id, &t, hits, d->n);
    slant_doc_tally_clear(&t);
}

static SlantAggregate *
hand_aggregate(const SlantLexicon *lex, double level, gboolean reversed)
{
    SlantAggregateOptions o = {.bootstrap = 1000, .seed = 7, .level = level, .top_terms = 10,
                               .threads = 1, .matched = TRUE};
    SlantAggregate *agg = slant_aggregate_new(lex, &o);
    guint n = G_N_ELEMENTS(hand_docs);
    for (guint i = 0; i < n; i++)
        add_hand_doc(agg, lex, &hand_docs[reversed ? n - 1 - i : i]);
    slant_aggregate_finish(agg);
    return agg;
}

static void
matched_should_give_the_hand_worked_paired_differences(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load(DATA "/lexicon.json", NULL, NULL);
    assert_non_null(lex);
    SlantAggregate *agg = hand_aggregate(lex, 0.95, FALSE);
    assert_int_equal(slant_aggregate_n_sources(agg), 2);
    assert_int_equal(slant_aggregate_n_units(agg), 4);
    assert_int_equal(slant_aggregate_n_units_shared(agg), 2);
    assert_int_equal(slant_aggregate_documents_without_unit(agg), 1);
    SlantPairWork *w = slant_pair_work_new(agg);
    const SlantComparison *c = slant_aggregate_compare(agg, 0, 1, w);
    assert_int_equal(c->units, 2);
    assert_int_equal(c->only_a, 1);
    assert_int_equal(c->only_b, 1);
    assert_false(c->empty);
    const SlantAxisComparison *x = &c->axes[0];
    assert_float_equal(x->diff[SLANT_SCORE_BALANCE], 2.0 / 3.0, 1e-12);
    assert_float_equal(x->diff[SLANT_SCORE_LOGIT], log(5.0) / 2.0, 1e-12);
    assert_float_equal(x->diff[SLANT_SCORE_NET_PER_1K], 10.0, 1e-12);
    assert_float_equal(x->diff[SLANT_SCORE_INTENSITY_PER_1K], 10.0, 1e-12);
    assert_float_equal(x->lo[SLANT_SCORE_BALANCE], 0.0, 1e-12);
    assert_float_equal(x->hi[SLANT_SCORE_BALANCE], 4.0 / 3.0, 1e-12);
    assert_float_equal(x->lo[SLANT_SCORE_LOGIT], 0.0, 1e-12);
    assert_float_equal(x->hi[SLANT_SCORE_LOGIT], log(5.0), 1e-12);
    assert_float_equal(x->hi[SLANT_SCORE_NET_PER_1K], 20.0, 1e-12);
    /* drivers over the matched units only: entanglement (u3) and
     * deterrence (u4) are nowhere */
    assert_int_equal(x->drivers->len, 2);
    const SlantDriver *d0 = &g_array_index(x->drivers, SlantDriver, 0);
    const SlantDriver *d1 = &g_array_index(x->drivers, SlantDriver, 1);
    assert_int_equal(d0->entry, 1);
    assert_float_equal(d0->contribution, 10.0, 1e-12);
    assert_int_equal(d0->hits, 3);
    assert_int_equal(d1->entry, 4);
    assert_float_equal(d1->contribution, 0.0, 1e-12);
    assert_int_equal(d1->hits, 2);
    assert_float_equal(c->category_diff[0], 5.0, 1e-12);
    assert_float_equal(c->category_diff[1], 0.0, 1e-12);
    /* the tone axis: no hit on matched units */
    assert_float_equal(c->axes[1].diff[SLANT_SCORE_BALANCE], 0.0, 1e-12);
    assert_int_equal(c->axes[1].drivers->len, 0);
    /* the groups' own scores count every document, units or not: A has
     * P 4, N 2.5 over 350 tokens */
    const SlantSourceResult *a = slant_aggregate_source(agg, 0);
    assert_string_equal(a->name, "A");
    assert_float_equal(a->axes[0].pooled[SLANT_SCORE_BALANCE], 1.5 / 6.5, 1e-12);
    assert_int_equal(a->documents, 3);
    slant_pair_work_free(w);
    slant_aggregate_free(agg);

    /* the 40% interval: the middle atom, 2/3, on both ends */
    agg = hand_aggregate(lex, 0.4, FALSE);
    w = slant_pair_work_new(agg);
    c = slant_aggregate_compare(agg, 0, 1, w);
    assert_float_equal(c->axes[0].lo[SLANT_SCORE_BALANCE], 2.0 / 3.0, 1e-12);
    assert_float_equal(c->axes[0].hi[SLANT_SCORE_BALANCE], 2.0 / 3.0, 1e-12);
    slant_pair_work_free(w);
    slant_aggregate_free(agg);
}

static void
matched_should_not_depend_on_document_order_across_groups(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load(DATA "/lexicon.json", NULL, NULL);
    SlantAggregate *x = hand_aggregate(lex, 0.95, FALSE), *y = hand_aggregate(lex, 0.95, TRUE);
    SlantPairWork *wx = slant_pair_work_new(x), *wy = slant_pair_work_new(y);
    const SlantComparison *cx = slant_aggregate_compare(x, 0, 1, wx);
    const SlantComparison *cy = slant_aggregate_compare(y, 0, 1, wy);
    /* each group's documents are one per unit, so reversing the input only
     * changes the order of units and of groups: nothing may move */
    for (int k = 0; k < SLANT_N_SCORES; k++) {
        assert_true(cx->axes[0].diff[k] == cy->axes[0].diff[k]);
        assert_true(cx->axes[0].lo[k] == cy->axes[0].lo[k]);
        assert_true(cx->axes[0].hi[k] == cy->axes[0].hi[k]);
    }
    slant_pair_work_free(wx);
    slant_pair_work_free(wy);
    slant_aggregate_free(x);
    slant_aggregate_free(y);
}

static void
matched_should_say_when_groups_share_no_unit(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load(DATA "/lexicon.json", NULL, NULL);
    SlantAggregateOptions o = {.bootstrap = 100, .seed = 1, .level = 0.95, .top_terms = 5,
                               .threads = 1, .matched = TRUE};
    SlantAggregate *agg = slant_aggregate_new(lex, &o);
    add_hand_doc(agg, lex, &(HandDoc){"A", "e1", 100, {1}, 1});
    add_hand_doc(agg, lex, &(HandDoc){"B", "e2", 100, {4}, 1});
    slant_aggregate_finish(agg);
    assert_int_equal(slant_aggregate_n_units_shared(agg), 0);
    SlantPairWork *w = slant_pair_work_new(agg);
    const SlantComparison *c = slant_aggregate_compare(agg, 0, 1, w);
    assert_true(c->empty);
    assert_int_equal(c->units, 0);
    assert_int_equal(c->only_a, 1);
    assert_int_equal(c->only_b, 1);
    slant_pair_work_free(w);
    slant_aggregate_free(agg);
}

/* ---- voices ---- */

typedef struct {
    GArray *tallies;      /* SlantDocTally, in input order (owned arrays) */
    GPtrArray *ids;
    SlantAggregate *agg;
} VoiceRun;

static gboolean
on_voice_result(const SlantResult *r, gpointer user, GError **error)
{
    (void) error;
    VoiceRun *run = user;
    SlantDocTally t = r->tally;
    /* the tally's arrays belong to the result: keep copies */
    t.axes = g_memdup2(r->tally.axes, r->tally.n_axes * sizeof(SlantAxisTally));
    t.categories = g_memdup2(r->tally.categories, r->tally.n_categories * sizeof(SlantCategoryTally));
    t.block_tokens = NULL;
    t.block_weights = NULL;
    t.block_cats = NULL;
    g_array_append_val(run->tallies, t);
    g_ptr_array_add(run->ids, g_strdup(r->doc->id));
    slant_aggregate_add(run->agg, r->doc->source, NULL, r->doc->id, &r->tally,
                        (const SlantHit *) (void *) r->hits->data, r->hits->len);
    return TRUE;
}

static void
voice_run_clear(VoiceRun *run)
{
    for (guint i = 0; i < run->tallies->len; i++) {
        SlantDocTally *t = &g_array_index(run->tallies, SlantDocTally, i);
        g_free(t->axes);
        g_free(t->categories);
    }
    g_array_unref(run->tallies);
    g_ptr_array_unref(run->ids);
    slant_aggregate_free(run->agg);
}

/* tests/data/voice/articles.jsonl scored with @voice on @threads threads. */
static void
voice_run(const SlantLexicon *lex, SlantVoice voice, guint threads, VoiceRun *run)
{
    GError *error = NULL;
    SlantEngineOptions eo = {.threads = threads, .voice = voice};
    g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, &error);
    assert_non_null(engine);
    SlantAggregateOptions ao = {.bootstrap = 200, .seed = 1, .level = 0.95, .top_terms = 10, .threads = 1};
    run->tallies = g_array_new(FALSE, TRUE, sizeof(SlantDocTally));
    run->ids = g_ptr_array_new_with_free_func(g_free);
    run->agg = slant_aggregate_new(lex, &ao);
    if (!slant_engine_run(engine, VOICE "/articles.jsonl", NULL, on_voice_result, run, &error))
        fail_msg("%s", error->message);
    assert_int_equal(run->tallies->len, 6);
    slant_aggregate_finish(run->agg);
}

static const SlantDocTally *
tally(const VoiceRun *run, guint i)
{
    return &g_array_index(run->tallies, SlantDocTally, i);
}

static void
voice_should_split_every_hit_between_own_and_quoted(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load(VOICE "/lexicon.json", NULL, &error);
    assert_non_null(lex);
    VoiceRun all, own, quoted;
    voice_run(lex, SLANT_VOICE_ALL, 1, &all);
    voice_run(lex, SLANT_VOICE_OWN, 2, &own);
    voice_run(lex, SLANT_VOICE_QUOTED, 1, &quoted);
    for (guint d = 0; d < 6; d++) {
        const SlantDocTally *a = tally(&all, d), *o = tally(&own, d), *q = tally(&quoted, d);
        /* the filter drops hits, never tokens or sentences */
        assert_int_equal(o->tokens, a->tokens);
        assert_int_equal(q->sentences, a->sentences);
        const SlantAxisTally *xa = &a->axes[0], *xo = &o->axes[0], *xq = &q->axes[0];
        assert_int_equal(xo->hits_pos + xq->hits_pos, xa->hits_pos);
        assert_int_equal(xo->hits_neg + xq->hits_neg, xa->hits_neg);
        assert_true(xo->pos_fx + xq->pos_fx == xa->pos_fx);
        assert_true(xo->neg_fx + xq->neg_fx == xa->neg_fx);
        /* how many are quoted: all of them with quoted, none with own */
        assert_int_equal(xa->quoted, xq->hits_pos + xq->hits_neg);
        assert_int_equal(xq->quoted, xq->hits_pos + xq->hits_neg);
        assert_int_equal(xo->quoted, 0);
        const SlantCategoryTally *ca = &a->categories[0], *co = &o->categories[0],
                                 *cq = &q->categories[0];
        assert_int_equal(co->hits + cq->hits, ca->hits);
        assert_int_equal(ca->quoted, cq->hits);
        assert_int_equal(co->quoted, 0);
    }
    /* the wire report is all quotations: 5 axis hits, every one quoted */
    assert_string_equal(all.ids->pdata[0], "wire-1");
    assert_int_equal(tally(&all, 0)->axes[0].hits_pos + tally(&all, 0)->axes[0].hits_neg, 5);
    assert_int_equal(tally(&all, 0)->axes[0].quoted, 5);
    assert_int_equal(tally(&own, 0)->axes[0].hits_pos + tally(&own, 0)->axes[0].hits_neg, 0);
    /* the unbalanced mark of island-2 quotes its paragraph only: the two
     * hits of the second paragraph are the writer's */
    assert_string_equal(all.ids->pdata[3], "island-2");
    assert_int_equal(tally(&own, 3)->axes[0].hits_neg, 2);
    assert_int_equal(tally(&quoted, 3)->axes[0].hits_pos, 2);
    /* per source, the aggregate counts the quoted hits of what it counted */
    for (guint i = 0; i < slant_aggregate_n_sources(all.agg); i++) {
        const SlantAxisResult *ra = &slant_aggregate_source(all.agg, i)->axes[0];
        const SlantAxisResult *ro = &slant_aggregate_source(own.agg, i)->axes[0];
        const SlantAxisResult *rq = &slant_aggregate_source(quoted.agg, i)->axes[0];
        assert_int_equal(ra->quoted, rq->hits_pos + rq->hits_neg);
        assert_int_equal(ro->quoted, 0);
        assert_int_equal(ro->hits_pos + rq->hits_pos, ra->hits_pos);
        assert_true(fabs(ro->pos + rq->pos - ra->pos) < 1e-9);
        /* T is every token whatever the voice: rates per 1k add up */
        assert_true(fabs(ro->pooled[SLANT_SCORE_NET_PER_1K] + rq->pooled[SLANT_SCORE_NET_PER_1K] -
                         ra->pooled[SLANT_SCORE_NET_PER_1K]) < 1e-9);
        assert_int_equal(slant_aggregate_source(all.agg, i)->categories[0].quoted,
                         slant_aggregate_source(quoted.agg, i)->categories[0].hits);
    }
    voice_run_clear(&all);
    voice_run_clear(&own);
    voice_run_clear(&quoted);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interval_should_equal_sorted_type7_quantiles),
        cmocka_unit_test(matched_should_give_the_hand_worked_paired_differences),
        cmocka_unit_test(matched_should_not_depend_on_document_order_across_groups),
        cmocka_unit_test(matched_should_say_when_groups_share_no_unit),
        cmocka_unit_test(voice_should_split_every_hit_between_own_and_quoted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

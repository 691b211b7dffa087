/* test-keyness.c: engine/lib/keyness.h on a corpus worked by hand: the
 * candidates (stop tokens at either end, a phrase with a stop word inside,
 * sentence bounds), their counts per group and in the corpus, rates,
 * log-odds with the informative prior, z and G^2 against the formulas and
 * against slant_stats_keyness(), Benjamini-Hochberg over the terms tested,
 * surface forms and examples, terms always within a longer one; each group
 * against the rest; the pruning's
 * exactness; the thread count; the stop word lists; the voice (n-grams
 * wholly outside or inside quotation marks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>

#include "keyness.h"
#include "slant-error.h"
#include "stats.h"

#define DATA SLANT_TEST_DATA "/suggest"
#define EXACT 1e-12

/* tests/data/suggest/tiny.jsonl, with the stop words of stop.txt (the, on,
 * is, and) and one-character tokens ("a") as stop tokens; stems (english):
 * reliance relianc, america america, burden burden, grows grow, okinawa
 * okinawa, bases base, deterrence deterr, works work, well well, alliance
 * allianc, deters deter.  Stop tokens in [brackets]:
 *
 *   a1 (a)  Reliance [on] America [is] [a] burden. | Reliance [on] America grows.
 *   b1 (b)  Deterrence works well. | [The] alliance deters.
 *   a2 (a)  Okinawa bases burden Okinawa bases.
 *   c1 (c)  Burden.
 *   b2 (b)  Deterrence [and] [the] alliance burden.
 *
 * Words (not stop tokens): a1 6 (relianc 2, america 2, burden, grow), a2 5
 * (okinawa 2, base 2, burden): n_a(1) = 11; b1 5 (deterr, work, well,
 * allianc, deter), b2 3 (deterr, allianc, burden): n_b(1) = 8; c1 1:
 * N(1) = 20.  Two words, neither end a stop token, in one sentence: a1
 * "america grow" (none in the first sentence: every pair there touches a
 * stop token); a2 "okinawa base" x2, "base burden", "burden okinawa":
 * n_a(2) = 5; b1 "deterr work", "work well", "allianc deter" ("the
 * alliance" starts on one; "well the" crosses a sentence end); b2 "allianc
 * burden": n_b(2) = 4; N(2) = 9.  Three words: a1 "relianc on america" x2
 * (the stop word inside is allowed); a2 "okinawa base burden", "base burden
 * okinawa", "burden okinawa base": n_a(3) = 5; b1 "deterr work well":
 * n_b(3) = 1; N(3) = 6.
 *
 * a against b, --min-count 2, prior a_0 = N(L) (so a_w = the corpus count):
 * tested are relianc 2/0, america 2/0, burden 2/1, okinawa 2/0, base 2/0,
 * deterr 0/2, allianc 0/2 and "okinawa base" 2/0: 8 (grow, work, well,
 * deter and every other pair are counted once).
 *
 * burden: y_a 2, n_a 11, y_b 1, n_b 8, corpus count 4 (c1's too), a_w =
 * 20 x 4 / 20 = 4:
 *   delta = ln((2 + 4) / (11 + 20 - 2 - 4)) - ln((1 + 4) / (8 + 20 - 1 - 4))
 *         = ln(6/25) - ln(5/23) = ln(138/125) = 0.0989399478549036
 *   z = delta / sqrt(1/6 + 1/5) = 0.163393946267611
 *   G^2 of [[2, 1], [9, 7]] (N 19, E = row col / N = 1.736842, 1.263158,
 *   9.263158, 6.736842): 2 (2 ln(2/1.736842) + ln(1/1.263158) + 9 ln(9/9.263158)
 *   + 7 ln(7/6.736842)) = 2 (0.282157 - 0.233615 - 0.259384 + 0.268232)
 *   = 0.114780897267669, positive (2/11 > 1/8); rates 1000 x 2/11 = 181.818,
 *   1000 x 1/8 = 125.
 * "okinawa base": y_a 2, n_a 5, y_b 0, n_b 4, count 2, a_0 = 9, a_w = 2:
 *   delta = ln(4/10) - ln(2/11) = ln(2.2) = 0.78845736036427
 *   z = delta / sqrt(1/4 + 1/2) = 0.910432138501706
 *   G^2 of [[2, 0], [3, 4]] (E 1.111111, -, 3.888889, 3.111111):
 *   2 (2 ln(1.8) + 3 ln(3/3.888889) + 4 ln(4/3.111111)) = 2.80459491294522
 * deterr: y_a 0, y_b 2, a_w = 2: delta = ln(2/29) - ln(4/24) = ln(12/29)
 *   = -0.882389180198474, z = delta / sqrt(1/2 + 1/4) = -1.0188952614352,
 *   G^2 = -2 (2 ln(2/0.842105) + 11 ln(11/9.842105) + 6 ln(6/7.157895))
 *   = -3.78947647427267 (higher in b)
 * relianc (and america, okinawa, base: the same counts): delta =
 *   ln(4/27) - ln(2/26) = ln(104/54), z = 0.756... < z("okinawa base")
 * --ngrams 3, "relianc on america": y_a 2, n_a(3) 5, y_b 0, n_b(3) 1, a_0 6,
 *   a_w 2: delta = ln(4/7) - ln(2/5) = ln(10/7) = 0.356674943938732,
 *   z = delta / sqrt(1/4 + 1/2) = 0.411852749792443, G^2 of [[2, 0], [3, 1]]
 *   = 2 (2 ln(2/1.666667) + 3 ln(3/3.333333) + ln(1/0.666667))
 *   = 0.908053349445189.
 *
 * Order: by |z|, then corpus count, then where the term was first seen
 * (a1 before b1 before a2): leaning to a "okinawa base" 0.910, then relianc,
 * america, okinawa, base (one z, one count: first seen), then burden 0.163;
 * leaning to b deterr, allianc (tied; deterr seen first).  Examples: the
 * first occurrences in input order, one a document; surface forms are
 * counted in a and b (c1's "burden" is not among them). */

typedef struct {
    SlantKeynessCounter *c;
} Run;

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    Run *run = user;
    return slant_keyness_add(run->c, r, slant_document_label(r->doc, "side"), error);
}

/* The three passes over the fixture; @a, @b: group names (NULL: each
 * against the rest; @b NULL: a against the rest). */
static SlantKeynessCounter *
suggest_in(const char *file, SlantVoice voice, guint ngrams, guint64 min_count, double prior,
           gboolean stop_words, const char *a, const char *b, guint threads)
{
    GError *error = NULL;
    g_autoptr(SlantStopwords) stop = NULL;
    if (stop_words) {
        stop = slant_stopwords_load(DATA "/stop.txt", "stop.txt", "english", &error);
        assert_non_null(stop);
    }
    SlantKeynessOptions o = {ngrams, min_count, 25, SLANT_KEYNESS_RANK_Z, prior, stop, 4, 2, voice};
    Run run = {slant_keyness_new(&o)};
    g_autoptr(SlantLexicon) lex = slant_keyness_analysis_lexicon("english", &error);
    assert_non_null(lex);
    while (slant_keyness_pass(run.c) != 0) {
        SlantEngineOptions eo = {.threads = threads, .keep_tokens = slant_keyness_wants_tokens(run.c),
                                 .prepare = slant_keyness_prepare, .prepare_data = run.c};
        g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, &error);
        assert_non_null(engine);
        if (!slant_engine_run(engine, file, "tiny.jsonl", on_result, &run, &error))
            fail_msg("%s", error->message);
        if (slant_keyness_pass(run.c) == 1) {
            gint ga = a ? slant_keyness_find_group(run.c, a) : SLANT_KEYNESS_EACH;
            gint gb = b ? slant_keyness_find_group(run.c, b) : SLANT_KEYNESS_REST;
            assert_true(ga != -1 && (b == NULL || gb != -1));
            slant_keyness_set_design(run.c, ga, gb);
        }
        if (!slant_keyness_end_pass(run.c, &error))
            fail_msg("%s", error->message);
    }
    /* the stop words were only needed while counting */
    return run.c;
}

static SlantKeynessCounter *
suggest(guint ngrams, guint64 min_count, double prior, gboolean stop_words, const char *a,
        const char *b, guint threads)
{
    return suggest_in(DATA "/tiny.jsonl", SLANT_VOICE_ALL, ngrams, min_count, prior, stop_words,
                      a, b, threads);
}

static void
check_close(double got, double want, double tol, const char *what)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: %.17g, want %.17g", what, got, want);
}

static const SlantKeynessCandidate *
find(const GPtrArray *list, const char *stems)
{
    for (guint i = 0; i < list->len; i++) {
        const SlantKeynessCandidate *k = list->pdata[i];
        if (strcmp(k->term->stems, stems) == 0)
            return k;
    }
    fail_msg("no candidate '%s'", stems);
    return NULL;
}

/* The candidate's statistics as slant_stats_keyness() gives them for its
 * counts (the totals of its length), with the corpus prior. */
static void
check_against_stats(const SlantKeynessCandidate *k, guint64 n_a, guint64 n_b, guint64 big_n)
{
    SlantKeyness want;
    double a_w = (double) big_n * (double) k->term->corpus_count / (double) big_n;
    slant_stats_keyness(k->count_a, n_a, k->count_b, n_b, a_w, (double) big_n, &want);
    check_close(k->log_odds, want.log_odds, 0, "log_odds = stats");
    check_close(k->z, want.z, 0, "z = stats");
    check_close(k->g2, want.g2, 0, "g2 = stats");
    check_close(k->rate_a, want.rate_a, 0, "rate_a = stats");
    check_close(k->p, slant_stats_chisq1_sf(fabs(want.g2)), 0, "p = stats");
}

static void
counts_should_match_the_hand_worked_corpus(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(3, 2, 0, TRUE, "a", "b", 1);
    assert_int_equal(slant_keyness_documents(c), 5);
    assert_int_equal(slant_keyness_corpus_ngrams(c, 1), 20);
    assert_int_equal(slant_keyness_corpus_ngrams(c, 2), 9);
    assert_int_equal(slant_keyness_corpus_ngrams(c, 3), 6);
    assert_int_equal(slant_keyness_n_groups(c), 3);
    const guint64 want[3][4] = {{2, 11, 5, 5}, {2, 8, 4, 1}, {1, 1, 0, 0}};
    const char *names[] = {"a", "b", "c"};
    for (guint g = 0; g < 3; g++) {
        const SlantKeynessGroup *gr = slant_keyness_group(c, g);
        assert_string_equal(gr->name, names[g]);
        assert_int_equal(gr->documents, want[g][0]);
        for (guint l = 0; l < 3; l++)
            assert_int_equal(gr->ngrams[l], want[g][l + 1]);
    }
    assert_int_equal(slant_keyness_find_group(c, "b"), 1);
    assert_int_equal(slant_keyness_find_group(c, "z"), -1);
}

static void
a_against_b_should_give_the_hand_worked_statistics(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(2, 2, 0, TRUE, "a", "b", 1);
    assert_int_equal(slant_keyness_n_comparisons(c), 1);
    const SlantKeynessComparison *cmp = slant_keyness_comparison(c, 0);
    assert_int_equal(cmp->a, 0);
    assert_int_equal(cmp->b, 1);
    assert_int_equal(cmp->documents_a, 2);
    assert_int_equal(cmp->documents_b, 2);
    assert_int_equal(cmp->tested, 8);
    assert_int_equal(cmp->leaning_a, 6);
    assert_int_equal(cmp->leaning_b, 2);
    const char *to_a[] = {"okinawa base", "relianc", "america", "okinawa", "base", "burden"};
    assert_int_equal(cmp->to_a->len, G_N_ELEMENTS(to_a));
    for (guint i = 0; i < G_N_ELEMENTS(to_a); i++)
        assert_string_equal(((const SlantKeynessCandidate *) cmp->to_a->pdata[i])->term->stems, to_a[i]);
    const char *to_b[] = {"deterr", "allianc"};
    assert_int_equal(cmp->to_b->len, G_N_ELEMENTS(to_b));
    for (guint i = 0; i < G_N_ELEMENTS(to_b); i++)
        assert_string_equal(((const SlantKeynessCandidate *) cmp->to_b->pdata[i])->term->stems, to_b[i]);

    const SlantKeynessCandidate *k = find(cmp->to_a, "burden");
    assert_int_equal(k->count_a, 2);
    assert_int_equal(k->count_b, 1);
    assert_int_equal(k->term->corpus_count, 4);
    assert_int_equal(k->term->n_words, 1);
    assert_int_equal(k->lean, 1);
    check_close(k->prior_w, 4, EXACT, "burden a_w");
    check_close(k->rate_a, 1000.0 * 2 / 11, EXACT, "burden rate_a");
    check_close(k->rate_b, 125, EXACT, "burden rate_b");
    check_close(k->log_odds, 0.0989399478549036, EXACT, "burden log-odds");
    check_close(k->z, 0.163393946267611, EXACT, "burden z");
    check_close(k->g2, 0.114780897267669, EXACT, "burden G2");
    check_against_stats(k, 11, 8, 20);

    k = find(cmp->to_a, "okinawa base");
    assert_int_equal(k->count_a, 2);
    assert_int_equal(k->count_b, 0);
    assert_int_equal(k->term->n_words, 2);
    check_close(k->rate_a, 400, EXACT, "okinawa base rate_a");
    check_close(k->rate_b, 0, EXACT, "okinawa base rate_b");
    check_close(k->log_odds, 0.78845736036427, EXACT, "okinawa base log-odds");
    check_close(k->z, 0.910432138501706, EXACT, "okinawa base z");
    check_close(k->g2, 2.80459491294522, EXACT, "okinawa base G2");
    check_against_stats(k, 5, 4, 9);

    k = find(cmp->to_b, "deterr");
    assert_int_equal(k->lean, -1);
    check_close(k->log_odds, -0.882389180198474, EXACT, "deterr log-odds");
    check_close(k->z, -1.0188952614352, EXACT, "deterr z");
    check_close(k->g2, -3.78947647427267, EXACT, "deterr G2");
    check_against_stats(k, 11, 8, 20);

    k = find(cmp->to_a, "relianc");
    check_close(k->log_odds, log(104.0 / 54.0), EXACT, "relianc log-odds");
    assert_null(k->within);

    /* okinawa and base (2 and 0) are always within "okinawa base" (2 and 0);
     * burden (2 and 1) is not */
    const SlantKeynessTerm *pair = find(cmp->to_a, "okinawa base")->term;
    assert_ptr_equal(find(cmp->to_a, "okinawa")->within, pair);
    assert_ptr_equal(find(cmp->to_a, "base")->within, pair);
    assert_null(find(cmp->to_a, "burden")->within);
    assert_null(find(cmp->to_a, "okinawa base")->within);

    /* BH over the 8 terms tested, in the order of the lists */
    double p[8], adj[8];
    const SlantKeynessCandidate *all[8];
    for (guint i = 0; i < 6; i++)
        all[i] = cmp->to_a->pdata[i];
    all[6] = cmp->to_b->pdata[0];
    all[7] = cmp->to_b->pdata[1];
    for (guint i = 0; i < 8; i++)
        p[i] = all[i]->p;
    slant_stats_p_adjust_bh(p, 8, adj);
    for (guint i = 0; i < 8; i++)
        check_close(all[i]->p_adjusted, adj[i], 0, "p adjusted");
}

static void
forms_and_examples_should_come_first_in_input_order(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(2, 2, 0, TRUE, "a", "b", 1);
    const SlantKeynessComparison *cmp = slant_keyness_comparison(c, 0);
    const SlantKeynessCandidate *k = find(cmp->to_a, "okinawa base");
    assert_int_equal(k->term->forms->len, 1);
    assert_string_equal(g_array_index(k->term->forms, SlantKeynessForm, 0).form, "okinawa bases");
    assert_int_equal(g_array_index(k->term->forms, SlantKeynessForm, 0).count, 2);
    /* both occurrences are in a2: one example a document */
    assert_int_equal(k->examples->len, 1);
    const SlantKeynessExample *e = k->examples->pdata[0];
    assert_string_equal(e->id, "a2");
    assert_int_equal(e->sentence, 0);
    assert_string_equal(e->pre, "");
    assert_string_equal(e->match, "Okinawa bases");
    assert_string_equal(e->post, " burden Okinawa bases");

    k = find(cmp->to_a, "burden");
    /* counted in a and b: a1, a2, b2 (not c1) */
    assert_int_equal(k->term->forms->len, 1);
    assert_int_equal(g_array_index(k->term->forms, SlantKeynessForm, 0).count, 3);
    assert_int_equal(k->examples->len, 2);
    e = k->examples->pdata[0];
    assert_string_equal(e->id, "a1");
    assert_string_equal(e->pre, "on America is a ");
    assert_string_equal(e->match, "burden");
    assert_string_equal(e->post, ". Reliance on America grows");
    e = k->examples->pdata[1];
    assert_string_equal(e->id, "a2");
    assert_string_equal(e->pre, "Okinawa bases ");

    /* leaning to b: examples from b's documents */
    k = find(cmp->to_b, "deterr");
    assert_int_equal(k->examples->len, 2);
    assert_string_equal(((const SlantKeynessExample *) k->examples->pdata[0])->id, "b1");
    assert_string_equal(((const SlantKeynessExample *) k->examples->pdata[0])->post, " works well. The alliance");
    assert_string_equal(((const SlantKeynessExample *) k->examples->pdata[1])->id, "b2");
    assert_string_equal(g_array_index(k->term->forms, SlantKeynessForm, 0).form, "deterrence");
}

static void
trigrams_should_keep_a_stop_word_inside(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(3, 2, 0, TRUE, "a", "b", 1);
    const SlantKeynessComparison *cmp = slant_keyness_comparison(c, 0);
    /* the 8 terms of two words at most, and "relianc on america" */
    assert_int_equal(cmp->tested, 9);
    const SlantKeynessCandidate *k = find(cmp->to_a, "relianc on america");
    assert_int_equal(k->term->n_words, 3);
    assert_int_equal(k->count_a, 2);
    assert_int_equal(k->count_b, 0);
    check_close(k->prior_w, 2, EXACT, "trigram a_w");
    check_close(k->log_odds, 0.356674943938732, EXACT, "trigram log-odds");
    check_close(k->z, 0.411852749792443, EXACT, "trigram z");
    check_close(k->g2, 0.908053349445189, EXACT, "trigram G2");
    check_against_stats(k, 5, 1, 6);
    assert_string_equal(g_array_index(k->term->forms, SlantKeynessForm, 0).form, "reliance on america");
    /* relianc and america: 2 and 0, as the phrase that holds them */
    assert_ptr_equal(find(cmp->to_a, "relianc")->within, k->term);
    assert_ptr_equal(find(cmp->to_a, "america")->within, k->term);
}

static void
each_group_should_face_the_rest(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(2, 2, 0, TRUE, NULL, NULL, 1);
    assert_int_equal(slant_keyness_n_comparisons(c), 3);
    const SlantKeynessComparison *cmp = slant_keyness_comparison(c, 0);
    assert_int_equal(cmp->a, 0);
    assert_int_equal(cmp->b, SLANT_KEYNESS_REST);
    assert_int_equal(cmp->documents_b, 3);
    assert_int_equal(cmp->ngrams_b[0], 9);
    assert_int_equal(cmp->ngrams_b[1], 4);
    /* tested: every term of corpus count 2 or more, the same 8 */
    assert_int_equal(cmp->tested, 8);
    assert_int_equal(cmp->to_b->len, 0);
    /* a against the rest (b and c: 9 words, 4 pairs): relianc, america,
     * okinawa, base 2 against 0; "okinawa base" 2 against 0; burden 2
     * against 2 leans to the rest (2/11 < 2/9); deterr and allianc a lacks */
    const char *to_a[] = {"okinawa base", "relianc", "america", "okinawa", "base"};
    assert_int_equal(cmp->to_a->len, G_N_ELEMENTS(to_a));
    for (guint i = 0; i < G_N_ELEMENTS(to_a); i++)
        assert_string_equal(((const SlantKeynessCandidate *) cmp->to_a->pdata[i])->term->stems, to_a[i]);
    assert_int_equal(cmp->leaning_a, 5);
    assert_int_equal(cmp->leaning_b, 3);
    const SlantKeynessCandidate *k = find(cmp->to_a, "relianc");
    assert_int_equal(k->count_a, 2);
    assert_int_equal(k->count_b, 0);
    check_against_stats(k, 11, 9, 20);
    /* BH over all 8 tested, also those a lacks and the one leaning away */
    SlantKeyness s[4];
    slant_stats_keyness(2, 11, 0, 9, 2, 20, &s[0]); /* relianc, america, okinawa, base */
    slant_stats_keyness(2, 5, 0, 4, 2, 9, &s[1]);   /* okinawa base */
    slant_stats_keyness(2, 11, 2, 9, 4, 20, &s[2]); /* burden */
    slant_stats_keyness(0, 11, 2, 9, 2, 20, &s[3]); /* deterr, allianc */
    const int which[8] = {1, 0, 0, 0, 0, 2, 3, 3};
    double p[8], adj[8];
    for (guint i = 0; i < 8; i++)
        p[i] = slant_stats_chisq1_sf(fabs(s[which[i]].g2));
    slant_stats_p_adjust_bh(p, 8, adj);
    for (guint i = 0; i < G_N_ELEMENTS(to_a); i++)
        check_close(((const SlantKeynessCandidate *) cmp->to_a->pdata[i])->p_adjusted, adj[i], 0,
                    "p adjusted against the rest");
    /* b's and c's lists: only terms they hold */
    cmp = slant_keyness_comparison(c, 1);
    assert_int_equal(cmp->a, 1);
    for (guint i = 0; i < cmp->to_a->len; i++)
        assert_true(((const SlantKeynessCandidate *) cmp->to_a->pdata[i])->count_a > 0);
    find(cmp->to_a, "deterr");
    /* c: its one word, burden, against the rest's 3 of 19 */
    cmp = slant_keyness_comparison(c, 2);
    k = find(cmp->to_a, "burden");
    assert_int_equal(k->count_a, 1);
    assert_int_equal(k->count_b, 3);
    check_against_stats(k, 1, 19, 20);
}

static void
pruning_and_threads_should_change_nothing(void **state)
{
    (void) state;
    /* min_count 1 prunes nothing; min_count 2 must give the same counts and
     * statistics for what it keeps (BH differs: fewer terms are tested) */
    g_autoptr(SlantKeynessCounter) all = suggest(3, 1, 0, TRUE, "a", "b", 1);
    g_autoptr(SlantKeynessCounter) some = suggest(3, 2, 0, TRUE, "a", "b", 3);
    const SlantKeynessComparison *ca = slant_keyness_comparison(all, 0), *cs = slant_keyness_comparison(some, 0);
    for (int side = 0; side < 2; side++) {
        const GPtrArray *ls = side ? cs->to_b : cs->to_a, *la = side ? ca->to_b : ca->to_a;
        for (guint i = 0; i < ls->len; i++) {
            const SlantKeynessCandidate *k = ls->pdata[i], *w = find(la, k->term->stems);
            assert_int_equal(k->count_a, w->count_a);
            assert_int_equal(k->count_b, w->count_b);
            assert_int_equal(k->term->corpus_count, w->term->corpus_count);
            check_close(k->z, w->z, 0, "z with pruning");
        }
    }
    /* one thread or three: the same lists */
    g_autoptr(SlantKeynessCounter) one = suggest(3, 2, 0, TRUE, "a", "b", 1);
    const SlantKeynessComparison *c1 = slant_keyness_comparison(one, 0);
    assert_int_equal(c1->to_a->len, cs->to_a->len);
    for (guint i = 0; i < c1->to_a->len; i++) {
        const SlantKeynessCandidate *x = c1->to_a->pdata[i], *y = cs->to_a->pdata[i];
        assert_string_equal(x->term->stems, y->term->stems);
        check_close(x->p_adjusted, y->p_adjusted, 0, "threads");
        assert_int_equal(x->examples->len, y->examples->len);
    }
}

static void
no_stop_words_should_count_every_ngram(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(2, 2, 0, FALSE, "a", "b", 1);
    /* every token: a1 6 + 4, b1 3 + 3, a2 5, c1 1, b2 5 = 27; pairs within
     * sentences: a1 5 + 3, b1 2 + 2, a2 4, b2 4 = 20 */
    assert_int_equal(slant_keyness_corpus_ngrams(c, 1), 27);
    assert_int_equal(slant_keyness_corpus_ngrams(c, 2), 20);
    const SlantKeynessComparison *cmp = slant_keyness_comparison(c, 0);
    const SlantKeynessCandidate *k = find(cmp->to_a, "relianc on");
    assert_int_equal(k->count_a, 2);
    find(cmp->to_a, "on america");
}

static void
prior_should_be_a0_times_the_corpus_share(void **state)
{
    (void) state;
    g_autoptr(SlantKeynessCounter) c = suggest(2, 2, 10, TRUE, "a", "b", 1);
    const SlantKeynessComparison *cmp = slant_keyness_comparison(c, 0);
    const SlantKeynessCandidate *k = find(cmp->to_a, "burden");
    /* a_w = 10 x 4 / 20 = 2: delta = ln(4 / (9 + 8)) - ln(3 / (7 + 8)) */
    check_close(k->prior_w, 2, EXACT, "a_w");
    check_close(k->log_odds, log(4.0 / 17.0) - log(3.0 / 15.0), EXACT, "log-odds with a_0 10");
    check_close(k->z, k->log_odds / sqrt(1.0 / 4 + 1.0 / 3), EXACT, "z with a_0 10");
}

static void
stop_word_lists_should_load_and_refuse_bad_lines(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantStopwords) s = slant_stopwords_load(DATA "/stop.txt", "stop.txt", "english", &error);
    assert_non_null(s);
    assert_int_equal(slant_stopwords_size(s), 4);
    assert_true(slant_stopwords_contains(s, "and", 3)); /* written AND: normalized */
    assert_true(slant_stopwords_contains(s, "on", 2));
    assert_false(slant_stopwords_contains(s, "one", 3));
    assert_false(slant_stopwords_contains(s, "an", 2));
    assert_string_equal(slant_stopwords_name(s), "stop.txt");

    g_autofree char *bundled = slant_stopwords_bundled(SLANT_SOURCE_DIR, "en");
    assert_non_null(bundled);
    assert_true(g_str_has_suffix(bundled, "lexicons/stopwords/english.txt"));
    g_autoptr(SlantStopwords) en = slant_stopwords_load(bundled, NULL, "english", &error);
    assert_non_null(en);
    assert_int_equal(slant_stopwords_size(en), 174);
    assert_true(slant_stopwords_contains(en, "don't", 5));
    assert_false(slant_stopwords_contains(en, "us", 2)); /* US: the Snowball list leaves it out */
    assert_null(slant_stopwords_bundled(SLANT_SOURCE_DIR, "klingon"));
    assert_null(slant_stopwords_bundled(SLANT_SOURCE_DIR, "../english"));

    static const struct {
        const char *text;
        int code;
        const char *message;
    } bad[] = {
        {"the\ntwo words\n", SLANT_ERROR_FORMAT, "bad.txt:2: expected one word a line"},
        {"the\n--\n", SLANT_ERROR_FORMAT, "bad.txt:2: expected one word a line"},
        {"the\n\xff\n", SLANT_ERROR_FORMAT, "bad.txt:2: invalid UTF-8"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *path = NULL;
        int fd = g_file_open_tmp("slant-test-stop-XXXXXX.txt", &path, &error);
        assert_true(fd >= 0);
        close(fd);
        assert_true(g_file_set_contents(path, bad[i].text, -1, &error));
        SlantStopwords *b = slant_stopwords_load(path, "bad.txt", "english", &error);
        g_unlink(path);
        assert_null(b);
        assert_true(g_error_matches(error, SLANT_ERROR, bad[i].code));
        assert_string_equal(error->message, bad[i].message);
        g_clear_error(&error);
    }
    assert_null(slant_stopwords_load(DATA "/missing.txt", "missing.txt", "english", &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_IO));
    g_clear_error(&error);
}

static void
analysis_lexicon_should_refuse_an_unknown_language(void **state)
{
    (void) state;
    GError *error = NULL;
    assert_null(slant_keyness_analysis_lexicon("klingon", &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_LEXICON_LANGUAGE));
    assert_null(strstr(error->message, "suggest:"));
    g_clear_error(&error);
}

/* tests/data/voice/suggest.jsonl, no stop words; quoted tokens in [brackets]:
 *
 *   a1 (a)  Reliance grows. | ["Deterrence works,"] he said.
 *   a2 (a)  They [“strengthen”] deterrence.
 *   b1 (b)  Deterrence works. | [“Reliance grows,”] she said.
 *
 * own: a relianc, grow, he, said, they, deterr (6), "relianc grow", "he
 * said" (2: no n-gram holds or steps over a quoted token, so a2 has none);
 * b deterr, work, she, said (4), "deterr work", "she said" (2).  quoted: a
 * deterr, work, strengthen (3), "deterr work" (1); b relianc, grow (2),
 * "relianc grow" (1).  all: a 9 words and 6 pairs, b 6 and 4. */
static void
voice_should_count_only_the_ngrams_of_its_voice(void **state)
{
    (void) state;
    static const struct {
        SlantVoice voice;
        guint64 a1, a2, b1, b2;
    } cases[] = {
        {SLANT_VOICE_OWN, 6, 2, 4, 2},
        {SLANT_VOICE_QUOTED, 3, 1, 2, 1},
        {SLANT_VOICE_ALL, 9, 6, 6, 4},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(SlantKeynessCounter) c =
            suggest_in(SLANT_TEST_DATA "/voice/suggest.jsonl", cases[i].voice, 2, 1, 0, FALSE, "a",
                       "b", 1);
        const SlantKeynessGroup *a = slant_keyness_group(c, 0), *b = slant_keyness_group(c, 1);
        assert_string_equal(a->name, "a");
        assert_int_equal(a->ngrams[0], cases[i].a1);
        assert_int_equal(a->ngrams[1], cases[i].a2);
        assert_int_equal(b->ngrams[0], cases[i].b1);
        assert_int_equal(b->ngrams[1], cases[i].b2);
        assert_int_equal(slant_keyness_corpus_ngrams(c, 1), cases[i].a1 + cases[i].b1);
        assert_int_equal(slant_keyness_corpus_ngrams(c, 2), cases[i].a2 + cases[i].b2);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(voice_should_count_only_the_ngrams_of_its_voice),
        cmocka_unit_test(counts_should_match_the_hand_worked_corpus),
        cmocka_unit_test(a_against_b_should_give_the_hand_worked_statistics),
        cmocka_unit_test(forms_and_examples_should_come_first_in_input_order),
        cmocka_unit_test(trigrams_should_keep_a_stop_word_inside),
        cmocka_unit_test(each_group_should_face_the_rest),
        cmocka_unit_test(pruning_and_threads_should_change_nothing),
        cmocka_unit_test(no_stop_words_should_count_every_ngram),
        cmocka_unit_test(prior_should_be_a0_times_the_corpus_share),
        cmocka_unit_test(stop_word_lists_should_load_and_refuse_bad_lines),
        cmocka_unit_test(analysis_lexicon_should_refuse_an_unknown_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

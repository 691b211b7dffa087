/* test-stats.c: the statistics of engine/lib/stats.c against values worked
 * by hand (the arithmetic is in the comments), against independent O(n^2)
 * computations (pair counting, naive midranks and Pearson) on random inputs
 * with many ties, against values of R worked out exactly, and at the edges:
 * empty classes, constant vectors, n = 0 and 1, all ties, NaN; the
 * bootstrap's determinism, its draws and the replicates it leaves out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "stats.h"

#define EXACT 1e-12

/* |got - want| <= tol, or both NaN */
static void
check_close(double got, double want, double tol, const char *what)
{
    if (isnan(want)) {
        if (!isnan(got))
            fail_msg("%s: %.17g, want NaN", what, got);
        return;
    }
    if (!(fabs(got - want) <= tol))
        fail_msg("%s: %.17g, want %.17g (tolerance %g)", what, got, want, tol);
}

/* ---- independent computations --------------------------------------------- */

/* midranks by counting: 1 + (values below) + (other values equal) / 2 */
static void
naive_ranks(const double *x, gsize n, double *r)
{
    for (gsize i = 0; i < n; i++) {
        gsize below = 0, equal = 0;
        for (gsize j = 0; j < n; j++) {
            below += x[j] < x[i];
            equal += x[j] == x[i];
        }
        r[i] = 1.0 + (double) below + ((double) equal - 1.0) / 2.0;
    }
}

/* Pearson's r as a textbook writes it: means, then sums of products */
static double
naive_pearson(const double *x, const double *y, gsize n)
{
    double mx = 0, my = 0;
    for (gsize i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double) n;
    my /= (double) n;
    double sxy = 0, sxx = 0, syy = 0;
    for (gsize i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (n < 2 || sxx == 0 || syy == 0)
        return NAN;
    return sxy / sqrt(sxx * syy);
}

static double
naive_spearman(const double *x, const double *y, gsize n)
{
    double *rx = g_new(double, n + 1), *ry = g_new(double, n + 1);
    naive_ranks(x, n, rx);
    naive_ranks(y, n, ry);
    double r = naive_pearson(rx, ry, n);
    g_free(rx);
    g_free(ry);
    return r;
}

/* every (positive, negative) pair: 1 when the positive scores higher, 1/2 on a tie */
static double
naive_auc(const double *s, const gboolean *pos, gsize n)
{
    double u = 0;
    guint64 np = 0, nn = 0;
    for (gsize i = 0; i < n; i++) {
        if (pos[i])
            np++;
        else
            nn++;
        if (!pos[i])
            continue;
        for (gsize j = 0; j < n; j++)
            if (!pos[j])
                u += s[i] > s[j] ? 1.0 : s[i] == s[j] ? 0.5 : 0.0;
    }
    if (np == 0 || nn == 0)
        return NAN;
    return u / ((double) np * (double) nn);
}

/* tau-b by pairs: concordant minus discordant over sqrt((n0 - n1)(n0 - n2)),
 * n1 and n2 the pairs tied in x and in y */
static double
naive_tau_b(const double *x, const double *y, gsize n)
{
    gint64 s = 0;
    guint64 n0 = 0, n1 = 0, n2 = 0;
    for (gsize i = 0; i < n; i++) {
        for (gsize j = i + 1; j < n; j++) {
            int sx = (x[i] > x[j]) - (x[i] < x[j]), sy = (y[i] > y[j]) - (y[i] < y[j]);
            s += sx * sy;
            n0++;
            n1 += sx == 0;
            n2 += sy == 0;
        }
    }
    if (n0 == n1 || n0 == n2)
        return NAN;
    return (double) s / sqrt((double) (n0 - n1) * (double) (n0 - n2));
}

/* ---- ranks ----------------------------------------------------------------- */

static void
ranks_should_average_ties(void **state)
{
    (void) state;
    /* 10 and 10 take ranks 1 and 2: both 1.5; 20 is 3, 30 is 4 */
    const double x[] = {10, 20, 10, 30};
    double r[4];
    slant_stats_ranks(x, 4, r);
    assert_true(r[0] == 1.5 && r[1] == 3 && r[2] == 1.5 && r[3] == 4);

    /* all ties: each gets the mean of 1..5, 3 */
    const double same[] = {7, 7, 7, 7, 7};
    double rs[5];
    slant_stats_ranks(same, 5, rs);
    for (int i = 0; i < 5; i++)
        assert_true(rs[i] == 3.0);

    /* n = 1: rank 1; -0.0 and 0.0 are one value */
    double one = 42, r1 = 0;
    slant_stats_ranks(&one, 1, &r1);
    assert_true(r1 == 1.0);
    const double zeros[] = {0.0, -0.0, 1.0};
    double rz[3];
    slant_stats_ranks(zeros, 3, rz);
    assert_true(rz[0] == 1.5 && rz[1] == 1.5 && rz[2] == 3);

    /* n = 0 touches nothing */
    slant_stats_ranks(NULL, 0, NULL);
}

/* ---- a table worked by hand -------------------------------------------------- */

/* Ten documents: a score x, a human rating y (1-3) and a binary label.
 *
 *   item   1    2    3    4     5    6    7    8    9    10
 *   x      0.1  0.4  0.4  0.35  0.8  0.8  0.8  0.2  0.6  0.9
 *   y      1    2    1    2     3    3    2    1    2    3
 *   pos    -    +    -    -     +    +    -    -    +    +
 */
static const double hand_x[] = {0.1, 0.4, 0.4, 0.35, 0.8, 0.8, 0.8, 0.2, 0.6, 0.9};
static const double hand_y[] = {1, 2, 1, 2, 3, 3, 2, 1, 2, 3};
static const gboolean hand_pos[] = {FALSE, TRUE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, TRUE, TRUE};

static void
hand_table_should_give_worked_auc(void **state)
{
    (void) state;
    /* positives 0.4 0.8 0.8 0.6 0.9, negatives 0.1 0.4 0.35 0.8 0.2: 25 pairs.
     *   0.4 beats 0.1 0.35 0.2, ties 0.4:        3 + 1/2 = 3.5
     *   0.8 beats 0.1 0.4 0.35 0.2, ties 0.8:    4 + 1/2 = 4.5, twice: 9
     *   0.6 beats 0.1 0.4 0.35 0.2:              4
     *   0.9 beats all five:                      5
     * U = 3.5 + 9 + 4 + 5 = 21.5, AUC = 21.5 / 25 = 0.86.
     * By ranks: x's midranks are 1 (0.1), 2 (0.2), 3 (0.35), 4.5 (0.4 x2),
     * 6 (0.6), 8 (0.8 x3), 10 (0.9); the positives' sum 4.5 + 8 + 8 + 6 + 10
     * = 36.5, U = 36.5 - 5 * 6 / 2 = 21.5. */
    check_close(slant_stats_auc(hand_x, hand_pos, 10), 0.86, EXACT, "auc");
}

static void
hand_table_should_give_worked_spearman(void **state)
{
    (void) state;
    /* midranks by item: rx = 1 4.5 4.5 3 8 8 8 2 6 10
     *                   ry = 2 5.5 2 5.5 9 9 5.5 2 5.5 9
     * (y = 1 on items 1 3 8: ranks 1-3, mean 2; y = 2 on 2 4 7 9: ranks 4-7,
     * mean 5.5; y = 3 on 5 6 10: ranks 8-10, mean 9).  Both means are 5.5.
     *   dx = -4.5 -1 -1 -2.5 2.5 2.5 2.5 -3.5 0.5 4.5
     *   dy = -3.5  0 -3.5  0  3.5 3.5  0  -3.5  0  3.5
     *   sxy = 15.75 + 3.5 + 8.75 + 8.75 + 12.25 + 15.75 = 64.75
     *   sxx = 80    (= 10 (100 - 1) / 12 - (2^3 - 2) / 12 - (3^3 - 3) / 12)
     *   syy = 73.5  (= 6 * 3.5^2)
     * rho = 64.75 / sqrt(80 * 73.5) = 64.75 / sqrt(5880) = 0.84440560948713... */
    double rx[10], ry[10];
    slant_stats_ranks(hand_x, 10, rx);
    slant_stats_ranks(hand_y, 10, ry);
    const double want_rx[] = {1, 4.5, 4.5, 3, 8, 8, 8, 2, 6, 10};
    const double want_ry[] = {2, 5.5, 2, 5.5, 9, 9, 5.5, 2, 5.5, 9};
    for (int i = 0; i < 10; i++)
        assert_true(rx[i] == want_rx[i] && ry[i] == want_ry[i]);
    check_close(slant_stats_spearman(hand_x, hand_y, 10), 64.75 / sqrt(5880.0), EXACT, "rho");
    check_close(slant_stats_spearman(hand_x, hand_y, 10), 0.8444056094871311, EXACT, "rho");
}

static void
hand_table_should_give_worked_tau_b(void **state)
{
    (void) state;
    /* n0 = 10 * 9 / 2 = 45 pairs.
     * Tied in x: {2, 3} and {5, 6, 7}: n1 = 1 + 3 = 4.
     * Tied in y: y = 1 three times, y = 2 four, y = 3 three: n2 = 3 + 6 + 3 = 12.
     * Tied in both: (5, 6) only (x 0.8, y 3): n3 = 1.
     * Untied in both: 45 - 4 - 12 + 1 = 30.  In x order the y values run
     * 1 (item 1), 1 (8), 2 (4), [2 (2), 1 (3)], 2 (9), [3 (5), 3 (6), 2 (7)],
     * 3 (10), brackets tied in x; the one pair with y falling as x rises is
     * (4, 3): 0.35 < 0.4 but 2 > 1.  So nd = 1, nc = 29, S = 28 and
     * tau_b = 28 / sqrt((45 - 4) (45 - 12)) = 28 / sqrt(1353) = 0.76121814695785... */
    check_close(slant_stats_kendall_tau_b(hand_x, hand_y, 10), 28.0 / sqrt(1353.0), EXACT, "tau_b");
    check_close(slant_stats_kendall_tau_b(hand_x, hand_y, 10), 0.7612181469578516, EXACT, "tau_b");
    /* symmetric in its arguments */
    check_close(slant_stats_kendall_tau_b(hand_y, hand_x, 10), 28.0 / sqrt(1353.0), EXACT, "tau_b swapped");
}

static void
r_examples_should_match_worked_values(void **state)
{
    (void) state;
    /* R: cor(c(1,2,3,4,5), c(5,6,7,8,7), method = "kendall") = 0.7378648,
     *    method = "spearman" = 0.8207827.  Worked:
     * Kendall: of the 10 pairs, (3, 5) ties in y (7 and 7), (4, 5) falls
     * (8 > 7), the other 8 rise: S = 8 - 1 = 7, n1 = 0, n2 = 1,
     * tau_b = 7 / sqrt(10 * 9) = 0.73786478737262...
     * Spearman: ranks of y are 1 2 3.5 5 3.5, deviations from 3 are
     * -2 -1 0.5 2 0.5 against -2 -1 0 1 2: sxy = 4 + 1 + 0 + 2 + 1 = 8,
     * sxx = 10, syy = 4 + 1 + 0.25 + 4 + 0.25 = 9.5,
     * rho = 8 / sqrt(95) = 0.82078268166812... */
    const double x[] = {1, 2, 3, 4, 5}, y[] = {5, 6, 7, 8, 7};
    double tau = slant_stats_kendall_tau_b(x, y, 5), rho = slant_stats_spearman(x, y, 5);
    check_close(tau, 7.0 / sqrt(90.0), EXACT, "kendall");
    check_close(rho, 8.0 / sqrt(95.0), EXACT, "spearman");
    /* and R's printed digits */
    check_close(tau, 0.7378648, 5e-8, "kendall as R prints it");
    check_close(rho, 0.8207827, 5e-8, "spearman as R prints it");
}

/* ---- against pair counting, on random inputs with many ties ---------------- */

/* a value from a few levels (1 to 6 of them), sometimes negative */
static double
level_value(GRand *rng, gint32 levels)
{
    return (double) g_rand_int_range(rng, 0, levels) / 2.0 - 1.0;
}

static void
rank_statistics_should_equal_pair_counting_on_random_ties(void **state)
{
    (void) state;
    GRand *rng = g_rand_new_with_seed(20261201);
    guint nan_cases = 0;
    for (int round = 0; round < 500; round++) {
        gsize n = (gsize) g_rand_int_range(rng, 2, 201);
        gint32 lx = g_rand_int_range(rng, 1, 7), ly = g_rand_int_range(rng, 1, 7);
        double *x = g_new(double, n), *y = g_new(double, n), *r = g_new(double, n), *rn = g_new(double, n);
        gboolean *pos = g_new(gboolean, n);
        /* the positive share varies, sometimes leaving a class empty */
        gint32 share = g_rand_int_range(rng, 0, 11);
        for (gsize i = 0; i < n; i++) {
            x[i] = level_value(rng, lx);
            /* y follows x now and then, so correlations are not all near 0 */
            y[i] = g_rand_boolean(rng) ? x[i] * 2.0 : level_value(rng, ly);
            pos[i] = g_rand_int_range(rng, 0, 10) < share;
        }
        slant_stats_ranks(x, n, r);
        naive_ranks(x, n, rn);
        for (gsize i = 0; i < n; i++)
            if (r[i] != rn[i])
                fail_msg("round %d: rank %zu is %g, want %g", round, i, r[i], rn[i]);

        char what[64];
        g_snprintf(what, sizeof what, "round %d n %zu auc", round, n);
        double want = naive_auc(x, pos, n);
        nan_cases += isnan(want);
        check_close(slant_stats_auc(x, pos, n), want, EXACT, what);
        g_snprintf(what, sizeof what, "round %d n %zu tau_b", round, n);
        want = naive_tau_b(x, y, n);
        nan_cases += isnan(want);
        check_close(slant_stats_kendall_tau_b(x, y, n), want, EXACT, what);
        g_snprintf(what, sizeof what, "round %d n %zu rho", round, n);
        want = naive_spearman(x, y, n);
        nan_cases += isnan(want);
        check_close(slant_stats_spearman(x, y, n), want, EXACT, what);
        g_free(x);
        g_free(y);
        g_free(r);
        g_free(rn);
        g_free(pos);
    }
    /* the draws reach the undefined cases too, without being mostly those */
    assert_true(nan_cases > 0 && nan_cases < 750);
    g_rand_free(rng);
}

/* ---- rank statistics at the edges ------------------------------------------------ */

static void
auc_should_be_nan_for_an_empty_class(void **state)
{
    (void) state;
    const double s[] = {0.1, 0.5, 0.9};
    const gboolean all_pos[] = {TRUE, TRUE, TRUE}, all_neg[] = {FALSE, FALSE, FALSE};
    assert_true(isnan(slant_stats_auc(s, all_pos, 3)));
    assert_true(isnan(slant_stats_auc(s, all_neg, 3)));
    assert_true(isnan(slant_stats_auc(s, all_pos, 1)));  /* n = 1 */
    assert_true(isnan(slant_stats_auc(NULL, NULL, 0)));  /* n = 0 */
    const double with_nan[] = {0.1, NAN, 0.9};
    const gboolean mixed[] = {TRUE, FALSE, TRUE};
    assert_true(isnan(slant_stats_auc(with_nan, mixed, 3)));
}

static void
auc_should_be_one_half_for_all_ties_and_follow_the_order(void **state)
{
    (void) state;
    /* all scores equal: every pair a tie, 1/2 each */
    const double same[] = {3, 3, 3, 3};
    const gboolean pos[] = {TRUE, FALSE, FALSE, TRUE};
    check_close(slant_stats_auc(same, pos, 4), 0.5, 0, "all ties");
    /* positives above every negative: 1; below: 0 */
    const double up[] = {0.9, 0.1, 0.2, 0.8};
    check_close(slant_stats_auc(up, pos, 4), 1.0, 0, "separated");
    const double down[] = {0.1, 0.9, 0.8, 0.2};
    check_close(slant_stats_auc(down, pos, 4), 0.0, 0, "reversed");
    /* any nonzero gboolean is TRUE */
    const gboolean odd[] = {7, FALSE, FALSE, -1};
    check_close(slant_stats_auc(up, odd, 4), 1.0, 0, "nonzero truth");
}

static void
correlations_should_be_nan_when_undefined(void **state)
{
    (void) state;
    const double x[] = {1, 2, 3, 4}, c[] = {5, 5, 5, 5}, nan_y[] = {1, NAN, 2, 3};
    /* n = 0 and n = 1 */
    assert_true(isnan(slant_stats_spearman(NULL, NULL, 0)));
    assert_true(isnan(slant_stats_kendall_tau_b(NULL, NULL, 0)));
    assert_true(isnan(slant_stats_spearman(x, x, 1)));
    assert_true(isnan(slant_stats_kendall_tau_b(x, x, 1)));
    /* a constant vector, either side, and both (all ties) */
    assert_true(isnan(slant_stats_spearman(x, c, 4)));
    assert_true(isnan(slant_stats_spearman(c, x, 4)));
    assert_true(isnan(slant_stats_spearman(c, c, 4)));
    assert_true(isnan(slant_stats_kendall_tau_b(x, c, 4)));
    assert_true(isnan(slant_stats_kendall_tau_b(c, x, 4)));
    assert_true(isnan(slant_stats_kendall_tau_b(c, c, 4)));
    /* a NaN value */
    assert_true(isnan(slant_stats_spearman(x, nan_y, 4)));
    assert_true(isnan(slant_stats_kendall_tau_b(nan_y, x, 4)));
    /* n = 2 is defined: perfectly concordant or discordant */
    const double up2[] = {1, 2}, down2[] = {2, 1};
    check_close(slant_stats_spearman(up2, up2, 2), 1.0, 0, "rho n=2");
    check_close(slant_stats_kendall_tau_b(up2, down2, 2), -1.0, 0, "tau n=2");
    /* identical and reversed vectors give exactly +1 and -1 */
    const double rev[] = {4, 3, 2, 1};
    check_close(slant_stats_spearman(x, x, 4), 1.0, 0, "rho identical");
    check_close(slant_stats_spearman(x, rev, 4), -1.0, 0, "rho reversed");
    check_close(slant_stats_kendall_tau_b(x, x, 4), 1.0, 0, "tau identical");
    check_close(slant_stats_kendall_tau_b(x, rev, 4), -1.0, 0, "tau reversed");
}

/* ---- confusion matrices ------------------------------------------------------------ */

static void
confusion_2x2_should_give_worked_metrics(void **state)
{
    (void) state;
    /* 12 items: 7 of class 0 (5 predicted 0, 2 predicted 1), 5 of class 1
     * (1 predicted 0, 4 predicted 1):
     *            pred 0  pred 1
     *   true 0     5       2
     *   true 1     1       4
     * class 0: precision 5 / (5 + 1) = 5/6, recall 5 / 7, F1 = 2 * 5 / (6 + 7) = 10/13
     * class 1: precision 4 / (4 + 2) = 2/3, recall 4 / 5, F1 = 2 * 4 / (6 + 5) = 8/11
     *          (2 P R / (P + R) = (16/15) / (22/15) = 8/11 too)
     * accuracy (5 + 4) / 12 = 0.75; macro-F1 (10/13 + 8/11) / 2 = 107/143 */
    const guint truth[] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    const guint pred[] = {0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1};
    guint64 m[4] = {99, 99, 99, 99}; /* zeroed by the call */
    slant_stats_confusion(truth, pred, 12, 2, m);
    assert_true(m[0] == 5 && m[1] == 2 && m[2] == 1 && m[3] == 4);
    SlantClassMetrics c[2];
    double acc, f1;
    slant_stats_class_metrics(m, 2, c, &acc, &f1);
    check_close(c[0].precision, 5.0 / 6.0, EXACT, "p0");
    check_close(c[0].recall, 5.0 / 7.0, EXACT, "r0");
    check_close(c[0].f1, 10.0 / 13.0, EXACT, "f0");
    check_close(c[1].precision, 2.0 / 3.0, EXACT, "p1");
    check_close(c[1].recall, 0.8, EXACT, "r1");
    check_close(c[1].f1, 8.0 / 11.0, EXACT, "f1");
    assert_true(c[0].support == 7 && c[1].support == 5);
    check_close(acc, 0.75, EXACT, "accuracy");
    check_close(f1, 107.0 / 143.0, EXACT, "macro-F1");
}

static void
confusion_3x3_should_give_worked_metrics(void **state)
{
    (void) state;
    /*            pred 0  pred 1  pred 2
     *   true 0     3       1       1
     *   true 1     0       4       2
     *   true 2     0       0       0      (class 2 predicted 3 times, never true)
     * class 0: tp 3, predicted 3, support 5: P 1, R 3/5, F1 2 * 3 / (3 + 5) = 0.75
     * class 1: tp 4, predicted 5, support 6: P 4/5, R 2/3, F1 2 * 4 / (5 + 6) = 8/11
     * class 2: tp 0, predicted 3, support 0: P 0/3 = 0, R 0 (0/0 -> 0), F1 0 / 3 = 0
     * accuracy (3 + 4) / 11 = 7/11; macro-F1 (0.75 + 8/11 + 0) / 3 = 65/132 */
    const guint truth[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    const guint pred[] = {0, 0, 0, 1, 2, 1, 1, 1, 1, 2, 2};
    guint64 m[9];
    slant_stats_confusion(truth, pred, 11, 3, m);
    const guint64 want[] = {3, 1, 1, 0, 4, 2, 0, 0, 0};
    for (int i = 0; i < 9; i++)
        assert_true(m[i] == want[i]);
    SlantClassMetrics c[3];
    double acc, f1;
    slant_stats_class_metrics(m, 3, c, &acc, &f1);
    check_close(c[0].precision, 1.0, EXACT, "p0");
    check_close(c[0].recall, 0.6, EXACT, "r0");
    check_close(c[0].f1, 0.75, EXACT, "f0");
    check_close(c[1].precision, 0.8, EXACT, "p1");
    check_close(c[1].recall, 2.0 / 3.0, EXACT, "r1");
    check_close(c[1].f1, 8.0 / 11.0, EXACT, "f1");
    assert_true(c[2].precision == 0 && c[2].recall == 0 && c[2].f1 == 0 && c[2].support == 0);
    check_close(acc, 7.0 / 11.0, EXACT, "accuracy");
    check_close(f1, 65.0 / 132.0, EXACT, "macro-F1");
    /* the outputs are each optional */
    double f1_only;
    slant_stats_class_metrics(m, 3, NULL, NULL, &f1_only);
    assert_true(f1_only == f1);
}

static void
class_metrics_should_be_zero_for_empty_classes_and_nan_for_no_items(void **state)
{
    (void) state;
    /* class 1 neither true nor predicted: all its metrics 0 (not NaN), and
     * it counts in the macro mean: (1 + 0) / 2 */
    const guint64 m[] = {4, 0, 0, 0};
    SlantClassMetrics c[2];
    double acc, f1;
    slant_stats_class_metrics(m, 2, c, &acc, &f1);
    assert_true(c[0].precision == 1 && c[0].recall == 1 && c[0].f1 == 1 && c[0].support == 4);
    assert_true(c[1].precision == 0 && c[1].recall == 0 && c[1].f1 == 0 && c[1].support == 0);
    check_close(acc, 1.0, 0, "accuracy");
    check_close(f1, 0.5, 0, "macro-F1");
    /* no item at all: per-class zeros, accuracy and macro-F1 undefined */
    guint64 empty[4];
    slant_stats_confusion(NULL, NULL, 0, 2, empty);
    assert_true(empty[0] == 0 && empty[1] == 0 && empty[2] == 0 && empty[3] == 0);
    slant_stats_class_metrics(empty, 2, c, &acc, &f1);
    assert_true(c[0].f1 == 0 && c[1].f1 == 0 && c[0].support == 0);
    assert_true(isnan(acc) && isnan(f1));
    /* one item, k = 1 */
    const guint t1 = 0, p1 = 0;
    guint64 m1;
    slant_stats_confusion(&t1, &p1, 1, 1, &m1);
    assert_true(m1 == 1);
    slant_stats_class_metrics(&m1, 1, c, &acc, &f1);
    assert_true(c[0].f1 == 1 && acc == 1 && f1 == 1);
}

/* ---- bootstrap ----------------------------------------------------------------------- */

typedef struct {
    const double *data;
    guint calls;
    gboolean nan_when_first_even; /* NaN for resamples whose first index is even */
} MeanStat;

static double
mean_stat(const guint32 *idx, gsize n, gpointer user)
{
    MeanStat *m = user;
    m->calls++;
    if (m->nan_when_first_even && idx[0] % 2 == 0)
        return NAN;
    double s = 0;
    for (gsize i = 0; i < n; i++)
        s += m->data[idx[i]];
    return s / (double) n;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* R type 7 on sorted values */
static double
type7(const double *sorted, guint n, double q)
{
    double h = (n - 1) * q;
    guint lo = (guint) floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

static const double boot_data[] = {0.3, 1.2, -0.4, 2.5, 0.9, 0.0, 1.7, -1.1, 0.6, 3.2, 0.8, -0.2};

static void
bootstrap_should_be_deterministic_for_a_seed(void **state)
{
    (void) state;
    MeanStat m = {boot_data, 0, FALSE};
    double lo1, hi1, lo2, hi2, lo3, hi3;
    guint u1, u2, u3;
    slant_stats_bootstrap(12, 500, 42, 0.95, mean_stat, &m, &lo1, &hi1, &u1);
    slant_stats_bootstrap(12, 500, 42, 0.95, mean_stat, &m, &lo2, &hi2, &u2);
    assert_true(m.calls == 1000 && u1 == 500 && u2 == 500);
    assert_memory_equal(&lo1, &lo2, sizeof lo1);
    assert_memory_equal(&hi1, &hi2, sizeof hi1);
    assert_true(lo1 < hi1);
    /* another seed, another interval */
    slant_stats_bootstrap(12, 500, 43, 0.95, mean_stat, &m, &lo3, &hi3, &u3);
    assert_true(u3 == 500);
    assert_true(lo3 != lo1 || hi3 != hi1);
    /* a wider level, a wider interval from the same replicates */
    double lo4, hi4;
    guint u4;
    slant_stats_bootstrap(12, 500, 42, 0.99, mean_stat, &m, &lo4, &hi4, &u4);
    assert_true(lo4 <= lo1 && hi4 >= hi1);
}

static void
bootstrap_should_draw_as_documented_and_leave_out_nan(void **state)
{
    (void) state;
    /* replay the documented draws (replicate after replicate, n indices each
     * by slant_rng_below) and compute the interval of the kept means by
     * sorting and R's type 7 */
    const guint B = 301;
    const gsize n = 12;
    SlantRng rng = {7};
    double *kept = g_new(double, B);
    guint nk = 0;
    for (guint r = 0; r < B; r++) {
        guint32 idx[12];
        for (gsize i = 0; i < n; i++)
            idx[i] = (guint32) slant_rng_below(&rng, n);
        if (idx[0] % 2 == 0)
            continue;
        double s = 0;
        for (gsize i = 0; i < n; i++)
            s += boot_data[idx[i]];
        kept[nk++] = s / (double) n;
    }
    assert_true(nk > 0 && nk < B);
    qsort(kept, nk, sizeof *kept, cmp_double);
    double alpha = (1.0 - 0.9) / 2.0;
    double want_lo = type7(kept, nk, alpha), want_hi = type7(kept, nk, 1.0 - alpha);

    MeanStat m = {boot_data, 0, TRUE};
    double lo, hi;
    guint used;
    slant_stats_bootstrap(n, B, 7, 0.9, mean_stat, &m, &lo, &hi, &used);
    assert_true(m.calls == B);       /* every replicate is computed */
    assert_int_equal(used, nk);      /* the NaN ones are left out and counted out */
    assert_memory_equal(&lo, &want_lo, sizeof lo);
    assert_memory_equal(&hi, &want_hi, sizeof hi);
    g_free(kept);
}

static double
always_nan(const guint32 *idx, gsize n, gpointer user)
{
    (void) idx;
    (void) n;
    (*(guint *) user)++;
    return NAN;
}

static double
infinite_stat(const guint32 *idx, gsize n, gpointer user)
{
    (void) n;
    (void) user;
    return idx[0] == 0 ? INFINITY : 1.0;
}

static void
bootstrap_should_collapse_for_constant_data_and_handle_edges(void **state)
{
    (void) state;
    /* constant data: every replicate's mean is 2.5, and so both bounds */
    const double same[] = {2.5, 2.5, 2.5, 2.5, 2.5};
    MeanStat m = {same, 0, FALSE};
    double lo, hi;
    guint used;
    slant_stats_bootstrap(5, 200, 1, 0.95, mean_stat, &m, &lo, &hi, &used);
    assert_true(used == 200 && lo == 2.5 && hi == 2.5);

    /* n = 1: one resample shape, the single value */
    slant_stats_bootstrap(1, 50, 1, 0.95, mean_stat, &m, &lo, &hi, &used);
    assert_true(used == 50 && lo == 2.5 && hi == 2.5);

    /* every replicate NaN: none used, NaN bounds */
    guint calls = 0;
    slant_stats_bootstrap(5, 100, 1, 0.95, always_nan, &calls, &lo, &hi, &used);
    assert_true(calls == 100 && used == 0 && isnan(lo) && isnan(hi));

    /* nothing to draw: n = 0 or no replicates; the statistic is not called */
    calls = 0;
    slant_stats_bootstrap(0, 100, 1, 0.95, always_nan, &calls, &lo, &hi, &used);
    assert_true(calls == 0 && used == 0 && isnan(lo) && isnan(hi));
    slant_stats_bootstrap(5, 0, 1, 0.95, always_nan, &calls, &lo, &hi, &used);
    assert_true(calls == 0 && used == 0 && isnan(lo) && isnan(hi));

    /* infinite statistics are left out like NaN ones */
    slant_stats_bootstrap(4, 400, 3, 0.95, infinite_stat, NULL, &lo, &hi, &used);
    assert_true(used > 0 && used < 400 && lo == 1.0 && hi == 1.0);
}

/* ---- keyness ---------------------------------------------------------------------------- */

static void
keyness_should_give_worked_values(void **state)
{
    (void) state;
    /* term: 20 of 1000 terms in a, 5 of 1000 in b; prior a_0 = 100 with the
     * term's corpus share 25 / 2000, so a_w = 100 * 25 / 2000 = 1.25.
     *   delta = ln((20 + 1.25) / (1000 + 100 - 20 - 1.25))
     *         - ln((5 + 1.25) / (1000 + 100 - 5 - 1.25))
     *         = ln(21.25 / 1078.75) - ln(6.25 / 1093.75)
     *         = ln(0.0196987254) - ln(1/175) = -3.9272013 + 5.1647860 = 1.2375846
     *   var   = 1 / 21.25 + 1 / 6.25 = 0.0470588 + 0.16 = 0.2070588
     *   z     = 1.2375846 / sqrt(0.2070588) = 1.2375846 / 0.4550372 = 2.7197440
     * G^2: rows term 25, other 1975; columns 1000, 1000; N 2000; E = 12.5 for
     * the term's cells and 987.5 for the others':
     *   20 ln(20 / 12.5)     =  9.4000726
     *    5 ln(5 / 12.5)      = -4.5814537
     *  980 ln(980 / 987.5)   = -7.4714466
     *  995 ln(995 / 987.5)   =  7.5284092
     * G^2 = 2 * 4.8755815 = 9.7511630, positive: a's rate (20) is above b's (5).
     * p = P(chi2_1 > 9.7511630) = erfc(sqrt(9.7511630 / 2)) = 0.0017921 */
    SlantKeyness k;
    slant_stats_keyness(20, 1000, 5, 1000, 1.25, 100, &k);
    double delta = log(21.25 / 1078.75) - log(6.25 / 1093.75);
    check_close(k.log_odds, delta, EXACT, "log_odds");
    check_close(k.log_odds, 1.2375846, 5e-8, "log_odds digits");
    check_close(k.z, delta / sqrt(1.0 / 21.25 + 1.0 / 6.25), EXACT, "z");
    check_close(k.z, 2.7197440, 5e-8, "z digits");
    double g2 = 2.0 * (20 * log(1.6) + 5 * log(0.4) + 980 * log(980 / 987.5) + 995 * log(995 / 987.5));
    check_close(k.g2, g2, 1e-10, "g2");
    check_close(k.g2, 9.7511630, 5e-8, "g2 digits");
    check_close(slant_stats_chisq1_sf(k.g2), 0.0017921, 5e-8, "p");
    check_close(k.rate_a, 20.0, EXACT, "rate_a");
    check_close(k.rate_b, 5.0, EXACT, "rate_b");
}

static void
keyness_should_be_antisymmetric_and_zero_at_equal_rates(void **state)
{
    (void) state;
    /* swapping the groups negates delta, z and G^2 */
    SlantKeyness ab, ba;
    slant_stats_keyness(7, 340, 31, 910, 0.4, 50, &ab);
    slant_stats_keyness(31, 910, 7, 340, 0.4, 50, &ba);
    check_close(ba.log_odds, -ab.log_odds, EXACT, "delta swapped");
    check_close(ba.z, -ab.z, EXACT, "z swapped");
    check_close(ba.g2, -ab.g2, 1e-10, "g2 swapped");
    assert_true(ab.g2 < 0 && ab.log_odds < 0); /* 7/340 = 2.1% < 31/910 = 3.4% */
    /* equal rates (10 / 100 and 30 / 300): G^2 exactly 0, delta 0 with a
     * prior proportional to the pooled share */
    SlantKeyness eq;
    slant_stats_keyness(10, 100, 30, 300, 0.0, 0.0, &eq);
    assert_true(eq.g2 == 0.0 && !signbit(eq.g2));
    check_close(eq.log_odds, 0.0, EXACT, "delta at equal rates, no prior");
    /* an empty group: rates 0, G^2 0 (nothing to compare against) */
    SlantKeyness empty;
    slant_stats_keyness(0, 0, 4, 100, 0.5, 10, &empty);
    assert_true(empty.rate_a == 0 && empty.rate_b == 40 && empty.g2 == 0);
    assert_true(!isnan(empty.log_odds)); /* the prior still defines delta */
    slant_stats_keyness(0, 0, 0, 0, 0.5, 10, &empty);
    assert_true(empty.g2 == 0 && empty.rate_a == 0 && empty.rate_b == 0);
    check_close(empty.log_odds, 0.0, 0, "delta of no data is the prior's, 0");
}

static void
keyness_should_be_nan_when_the_prior_leaves_a_log_undefined(void **state)
{
    (void) state;
    SlantKeyness k;
    /* no prior and a term absent from b: ln 0 */
    slant_stats_keyness(5, 100, 0, 100, 0.0, 0.0, &k);
    assert_true(isnan(k.log_odds) && isnan(k.z));
    assert_true(k.g2 > 0); /* G^2 needs no prior: 2 (5 ln 2 + 95 ln(95 / 97.5) + 100 ln(100 / 97.5)) */
    double g2 = 2.0 * (5 * log(2.0) + 95 * log(95 / 97.5) + 100 * log(100 / 97.5));
    check_close(k.g2, g2, 1e-10, "g2 with a zero cell");
    /* the term is every term of a and the prior leaves nothing for others */
    slant_stats_keyness(100, 100, 3, 100, 1.0, 1.0, &k);
    assert_true(isnan(k.log_odds) && isnan(k.z));
}

/* G^2 in the other textbook form, 2 (sum x ln x over cells - over rows -
 * over columns + N ln N), over random tables */
static double
xlnx(double x)
{
    return x > 0 ? x * log(x) : 0.0;
}

static void
g2_should_equal_the_xlogx_form_on_random_tables(void **state)
{
    (void) state;
    GRand *rng = g_rand_new_with_seed(1993);
    for (int round = 0; round < 500; round++) {
        guint64 n_a = (guint64) g_rand_int_range(rng, 1, 100000), n_b = (guint64) g_rand_int_range(rng, 1, 100000);
        guint64 y_a = (guint64) g_rand_int_range(rng, 0, (gint32) MIN(n_a, 500) + 1);
        guint64 y_b = (guint64) g_rand_int_range(rng, 0, (gint32) MIN(n_b, 500) + 1);
        double N = (double) (n_a + n_b);
        double g = 2.0 * (xlnx((double) y_a) + xlnx((double) y_b) + xlnx((double) (n_a - y_a)) +
                          xlnx((double) (n_b - y_b)) - xlnx((double) (y_a + y_b)) -
                          xlnx(N - (double) (y_a + y_b)) - xlnx((double) n_a) - xlnx((double) n_b) + xlnx(N));
        g = fabs(g);
        double sign = (double) y_a * (double) n_b > (double) y_b * (double) n_a ? 1.0 : -1.0;
        SlantKeyness k;
        slant_stats_keyness(y_a, n_a, y_b, n_b, 0.5, 100, &k);
        char what[64];
        g_snprintf(what, sizeof what, "round %d g2", round);
        /* the x ln x form cancels terms near N ln N, so allow for that */
        check_close(k.g2, sign * g, 1e-9 * N, what);
        if (k.g2 != 0)
            assert_true((k.g2 > 0) == (sign > 0));
    }
    g_rand_free(rng);
}

/* ---- p-values ------------------------------------------------------------------------------ */

static void
chisq1_sf_should_match_normal_tails(void **state)
{
    (void) state;
    /* P(|Z| > 1) = 0.31731050786291415; the 95% point of chi2_1 is
     * 1.959963984540054^2 = 3.841458820694124 */
    check_close(slant_stats_chisq1_sf(1.0), 0.31731050786291415, EXACT, "x = 1");
    check_close(slant_stats_chisq1_sf(1.959963984540054 * 1.959963984540054), 0.05, EXACT, "x = 3.84");
    assert_true(slant_stats_chisq1_sf(0.0) == 1.0);
    assert_true(slant_stats_chisq1_sf(-2.0) == 1.0);
    assert_true(slant_stats_chisq1_sf(INFINITY) == 0.0);
    assert_true(isnan(slant_stats_chisq1_sf(NAN)));
}

static void
bh_should_match_worked_adjustment(void **state)
{
    (void) state;
    /* five p-values and a NaN: m = 5.  Ascending: 0.005 (i 1), 0.01 (2),
     * 0.03 (3), 0.04 (4), 0.5 (5); m p / i = 0.025, 0.025, 0.05, 0.05, 0.5;
     * the running minimum from the top keeps them: 0.5, 0.05, 0.05, 0.025, 0.025 */
    const double p[] = {0.01, 0.04, 0.03, 0.005, NAN, 0.5};
    const double want[] = {0.025, 0.05, 0.05, 0.025, NAN, 0.5};
    double adj[6];
    slant_stats_p_adjust_bh(p, 6, adj);
    for (int i = 0; i < 6; i++)
        check_close(adj[i], want[i], 1e-15, "bh");
    /* in place, with a tie: ascending 0.1 (i 1), 0.9 (2), 0.9 (3); m p / i =
     * 0.3, 1.35, 0.9; the running minimum from the top: 0.9, 0.9, 0.3 (the
     * tied pair gets one value, and nothing exceeds the largest p) */
    double q[] = {0.9, 0.9, 0.1};
    slant_stats_p_adjust_bh(q, 3, q);
    check_close(q[0], 0.9, 0, "bh tie");
    check_close(q[1], 0.9, 0, "bh tie");
    check_close(q[2], 0.3, 1e-15, "bh in place");
    slant_stats_p_adjust_bh(NULL, 0, NULL);
}

/* The weighted form gives what the expanded vector gives, bit for bit: a
 * worked case, then random vectors with many ties and some NaN. */
static void
bh_weighted_should_equal_the_expanded_vector(void **state)
{
    (void) state;
    /* p 0.01 x3, 0.04 x1, NaN x2, 0.02 x2: m = 6; expanded ascending
     * 0.01 0.01 0.01 0.02 0.02 0.04 with m p / i = 0.06 0.03 0.02 0.03 0.024
     * 0.04; running minimum from the top: 0.04, 0.024, 0.024, 0.02, 0.02,
     * 0.02: the 0.01s get 0.02, the 0.02s 0.024, 0.04 stays 0.04 */
    const double p[] = {0.01, 0.04, NAN, 0.02};
    const guint64 w[] = {3, 1, 2, 2};
    double adj[4];
    slant_stats_p_adjust_bh_weighted(p, w, 4, adj);
    check_close(adj[0], 0.02, 1e-15, "bh weighted 0.01");
    check_close(adj[1], 0.04, 1e-15, "bh weighted 0.04");
    check_close(adj[2], NAN, 0, "bh weighted NaN");
    check_close(adj[3], 0.024, 1e-15, "bh weighted 0.02");

    guint64 state_ = 12345;
    for (int round = 0; round < 200; round++) {
        gsize n = 1 + (gsize) (state_ % 12);
        double q[12], got[12];
        guint64 wt[12];
        double expanded[12 * 5], want[12 * 5];
        gsize m = 0;
        for (gsize i = 0; i < n; i++) {
            state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
            guint64 r = state_ >> 33;
            q[i] = (r % 7 == 0) ? NAN : (double) (r % 9) / 10.0 + 0.001; /* many ties */
            wt[i] = 1 + (r / 7) % 5;
            for (guint64 k = 0; k < wt[i]; k++)
                expanded[m++] = q[i];
        }
        slant_stats_p_adjust_bh_weighted(q, wt, n, got);
        slant_stats_p_adjust_bh(expanded, m, want);
        m = 0;
        for (gsize i = 0; i < n; i++) {
            for (guint64 k = 0; k < wt[i]; k++, m++)
                if (!(got[i] == want[m] || (isnan(got[i]) && isnan(want[m]))))
                    fail_msg("round %d: entry %zu copy %u: %.17g, want %.17g", round, i,
                             (unsigned) k, got[i], want[m]);
        }
    }
}

/* slant_rng_range_below() is slant_rng_below() without the division: the
 * same numbers from the same state, for small, odd, power-of-two and
 * largest ranges, and for x near the top of its range (the remainder's
 * hardest case), checked against % directly. */
static void
rng_range_below_should_draw_what_rng_below_draws(void **state)
{
    (void) state;
    const guint64 ns[] = {1, 2, 3, 5, 7, 10, 64, 100, 1000, 9389, 65535, 65536, 1000003,
                          (1ull << 31) - 1, 1ull << 31, (1ull << 32) - 1, 1ull << 32,
                          (1ull << 32) + 1, 1ull << 40, G_MAXUINT64 / 3, G_MAXUINT64};
    for (gsize i = 0; i < G_N_ELEMENTS(ns); i++) {
        SlantRngRange range = slant_rng_range(ns[i]);
        SlantRng a = {0x243F6A8885A308D3ull ^ ns[i]}, b = a;
        for (int k = 0; k < 20000; k++) {
            guint64 x = slant_rng_below(&a, ns[i]), y = slant_rng_range_below(&b, &range);
            if (x != y)
                fail_msg("n %" G_GUINT64_FORMAT ", draw %d: %" G_GUINT64_FORMAT " != %" G_GUINT64_FORMAT,
                         ns[i], k, y, x);
        }
        assert_int_equal(a.state, b.state);
        /* the remainder alone, at the edges of x */
        {
            const guint64 xs[] = {0, 1, ns[i] - 1, ns[i], ns[i] + 1, G_MAXUINT64, G_MAXUINT64 - 1,
                                  G_MAXUINT64 - ns[i], 1ull << 63, (1ull << 63) - 1};
            for (gsize j = 0; j < G_N_ELEMENTS(xs); j++)
                assert_int_equal(slant_rng_range_mod(&range, xs[j]), xs[j] % ns[i]);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranks_should_average_ties),
        cmocka_unit_test(rng_range_below_should_draw_what_rng_below_draws),
        cmocka_unit_test(hand_table_should_give_worked_auc),
        cmocka_unit_test(hand_table_should_give_worked_spearman),
        cmocka_unit_test(hand_table_should_give_worked_tau_b),
        cmocka_unit_test(r_examples_should_match_worked_values),
        cmocka_unit_test(rank_statistics_should_equal_pair_counting_on_random_ties),
        cmocka_unit_test(auc_should_be_nan_for_an_empty_class),
        cmocka_unit_test(auc_should_be_one_half_for_all_ties_and_follow_the_order),
        cmocka_unit_test(correlations_should_be_nan_when_undefined),
        cmocka_unit_test(confusion_2x2_should_give_worked_metrics),
        cmocka_unit_test(confusion_3x3_should_give_worked_metrics),
        cmocka_unit_test(class_metrics_should_be_zero_for_empty_classes_and_nan_for_no_items),
        cmocka_unit_test(bootstrap_should_be_deterministic_for_a_seed),
        cmocka_unit_test(bootstrap_should_draw_as_documented_and_leave_out_nan),
        cmocka_unit_test(bootstrap_should_collapse_for_constant_data_and_handle_edges),
        cmocka_unit_test(keyness_should_give_worked_values),
        cmocka_unit_test(keyness_should_be_antisymmetric_and_zero_at_equal_rates),
        cmocka_unit_test(keyness_should_be_nan_when_the_prior_leaves_a_log_undefined),
        cmocka_unit_test(g2_should_equal_the_xlogx_form_on_random_tables),
        cmocka_unit_test(chisq1_sf_should_match_normal_tails),
        cmocka_unit_test(bh_should_match_worked_adjustment),
        cmocka_unit_test(bh_weighted_should_equal_the_expanded_vector),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

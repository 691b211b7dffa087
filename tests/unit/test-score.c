/* test-score.c: the percentile intervals of engine/lib/score.c against an
 * independent oracle (sort, then R's type 7 formula), on replicate-like
 * values: random, heavily tied (sources with few hits), sorted either way,
 * at the levels and replicate counts users pick. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "score-private.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interval_should_equal_sorted_type7_quantiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

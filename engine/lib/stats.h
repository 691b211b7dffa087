/* stats.h: the statistics slant reports, computed here and nowhere else.
 *
 * Randomness is SplitMix64 (Steele, Lea and Flood 2014), seeded by the
 * caller, so that every interval is the same for the same input; the
 * percentile intervals are R's type 7 quantiles of the replicates.
 * Nothing here allocates unless its contract says so, prints or keeps state:
 * any function may run on several threads at once (slant_stats_bootstrap()
 * calls its statistic on the calling thread only).
 *
 * Agreement with labels (slant validate): ranks, ROC AUC, Spearman's rho,
 * Kendall's tau-b, confusion matrices with precision, recall and F1, and a
 * seeded percentile bootstrap of any statistic of a resample.  Keyness
 * (slant suggest): log-odds ratios with an informative Dirichlet prior and
 * their z-scores, Dunning's G^2, and the p-values that go with them.
 *
 * Conventions: a statistic that is undefined for its input (no pair to
 * compare, a constant vector, an empty class) is NaN, never a made-up 0;
 * an input holding NaN gives NaN.  Counts and pair counts are integers, so
 * AUC and tau-b are exact up to their final division.  Sorting is a stable
 * merge sort of positions (ties keep input order), so results never depend
 * on the C library's qsort.
 */
#ifndef SLANT_STATS_H
#define SLANT_STATS_H

#include <glib.h>

G_BEGIN_DECLS

/* SlantRng: a SplitMix64 generator; the state is the seed.  A small value
 * type: copy it, or embed it, as you like. */
typedef struct {
    guint64 state;
} SlantRng;

/* slant_rng_next: the next 64 random bits. */
static inline guint64
slant_rng_next(SlantRng *r)
{
    guint64 z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* slant_rng_below: uniform in [0, @n) (@n > 0), without modulo bias. */
static inline guint64
slant_rng_below(SlantRng *r, guint64 n)
{
    guint64 limit = G_MAXUINT64 - G_MAXUINT64 % n;
    guint64 x;
    do
        x = slant_rng_next(r);
    while (x >= limit);
    return x % n;
}

/* SlantRngRange: what slant_rng_below() divides by @n, worked out once,
 * for loops that draw many numbers below one @n (the bootstrap draws a
 * unit a time, millions per report).  slant_rng_range_below() gives the
 * very numbers slant_rng_below() gives, from the same generator state:
 * the same rejection limit, and x % n without a division, which profiles
 * of `compare` showed waiting on (a 64-bit div costs 14 to 46 cycles on
 * the machines we measure on).  The remainder is Lemire, Kaser and
 * Kurz's direct computation ("Faster remainder by direct computation",
 * Software: Practice and Experience 49(6), 2019, theorem 1): with
 * c = ceil(2^F / n), x mod n = (((c x) mod 2^F) n) >> F for every x below
 * 2^N when F >= N + ceil(log2 n); here N = 64 and F = 128, so it is exact
 * for every 64-bit x and n up to 2^32, and larger n take the division.
 * A small value type; slant_rng_range() makes one. */
__extension__ typedef unsigned __int128 SlantU128;
typedef struct {
    guint64 n;
    guint64 limit;  /* G_MAXUINT64 - G_MAXUINT64 % n, as slant_rng_below() */
    SlantU128 c;    /* ceil(2^128 / n), 0 for n = 1 (2^128 mod 2^128) or n > 2^32 */
} SlantRngRange;

/* slant_rng_range: the range [0, @n) (@n > 0). */
static inline SlantRngRange
slant_rng_range(guint64 n)
{
    SlantRngRange r = {n, G_MAXUINT64 - G_MAXUINT64 % n, 0};
    /* floor((2^128 - 1) / n) + 1 is ceil(2^128 / n) for every n >= 1 */
    if (n <= G_MAXUINT32)
        r.c = ~(SlantU128) 0 / n + 1;
    return r;
}

/* slant_rng_range_mod: @x % @range->n. */
static inline guint64
slant_rng_range_mod(const SlantRngRange *range, guint64 x)
{
    if (range->n > G_MAXUINT32)
        return x % range->n;
    /* (low * n) >> 128 with low = c x mod 2^128, in 64-bit halves (n <= 2^32) */
    SlantU128 low = range->c * x;
    SlantU128 lo_part = (SlantU128) (guint64) low * range->n;
    SlantU128 hi_part = (SlantU128) (guint64) (low >> 64) * range->n + (lo_part >> 64);
    return (guint64) (hi_part >> 64);
}

/* slant_rng_range_below: slant_rng_below(@r, @range->n), exactly. */
static inline guint64
slant_rng_range_below(SlantRng *r, const SlantRngRange *range)
{
    guint64 x;
    do
        x = slant_rng_next(r);
    while (x >= range->limit);
    return slant_rng_range_mod(range, x);
}

/* slant_interval_of: the percentile interval of the @n values @x (which
 * it reorders): R type 7 quantiles at @alpha and 1 - @alpha, into *lo and
 * *hi; @scratch holds 2 @n doubles. */
void slant_interval_of(double *x, guint n, double alpha, double *scratch, double *lo, double *hi);

/* ---- ranks and rank statistics ------------------------------------------ */

/* slant_stats_ranks: the midranks of @x[0..n) into @ranks_out[0..n): ranks
 * from 1 in ascending order, tied values all getting the mean of the ranks
 * they span (R's rank(ties.method = "average")).  For example x = {10, 20,
 * 10, 30} gives {1.5, 3, 1.5, 4}.  @x must hold no NaN (-0.0 and 0.0 are
 * equal).  O(n log n); allocates its scratch (2 n positions) and frees it. */
void slant_stats_ranks(const double *x, gsize n, double *ranks_out);

/* slant_stats_auc: ROC AUC of @score for the binary truth @positive
 * (TRUE = positive class): P(score of a random positive > score of a random
 * negative) + 1/2 P(tie), i.e. Mann-Whitney U / (n_pos n_neg).  Counted
 * exactly (2U as an integer) over groups of tied scores in O(n log n).
 * NaN when either class is empty or a score is NaN.  Any nonzero
 * gboolean counts as TRUE. */
double slant_stats_auc(const double *score, const gboolean *positive, gsize n);

/* slant_stats_spearman: Spearman's rho, the Pearson correlation of the
 * midranks of @x and @y (ties handled that way, as R's cor(method =
 * "spearman")).  NaN when n < 2, when either vector is constant, or when a
 * value is NaN.  O(n log n); allocates its scratch. */
double slant_stats_spearman(const double *x, const double *y, gsize n);

/* slant_stats_kendall_tau_b: Kendall's tau-b, with ties in x, in y and in
 * both, as R's cor(method = "kendall"):
 *   tau_b = (n_c - n_d) / sqrt((n_0 - n_1) (n_0 - n_2))
 * with n_0 = n (n - 1) / 2, n_1 and n_2 the pairs tied in x and in y.
 * Knight's (1966) O(n log n) algorithm: sort by x then y, count the pairs
 * tied in x and in both (n_3), count the exchanges of a merge sort on y
 * (the discordant pairs n_d), then the pairs tied in y; n_c - n_d =
 * n_0 - n_1 - n_2 + n_3 - 2 n_d, all in integers.  NaN when n < 2, when
 * either vector is constant, or when a value is NaN.  Allocates its
 * scratch. */
double slant_stats_kendall_tau_b(const double *x, const double *y, gsize n);

/* ---- classification ------------------------------------------------------ */

/* slant_stats_confusion: the k x k confusion matrix of @truth and @pred
 * (class indices 0..k-1, each < @k) into @matrix (k * k, row-major:
 * row = truth, column = prediction), zeroed then filled:
 * matrix[truth[i] * k + pred[i]] counts item i. */
void slant_stats_confusion(const guint *truth, const guint *pred, gsize n, guint k, guint64 *matrix);

typedef struct {
    double precision, recall, f1;   /* NaN-free: 0 when the denominator is 0 (as scikit-learn's zero_division=0) */
    guint64 support;                /* rows' sum: how many have this true class */
} SlantClassMetrics;

/* slant_stats_class_metrics: per-class metrics, accuracy and macro-F1 of a
 * k x k confusion matrix (as slant_stats_confusion() fills it).  For class c,
 * with tp = matrix[c][c], predicted = column c's sum, support = row c's sum:
 *   precision = tp / predicted, recall = tp / support,
 *   f1 = 2 tp / (predicted + support)   (= 2 P R / (P + R) when both exist)
 * each 0 when its denominator is 0, as scikit-learn's zero_division=0.
 * accuracy = trace / total; macro-F1 = the unweighted mean of the k classes'
 * F1, all k of them: scikit-learn's f1_score(average="macro", labels=0..k-1,
 * zero_division=0).  A class with neither support nor prediction counts as
 * F1 0, so pass only the classes that occur to average over those alone
 * (scikit-learn's default labels).  With an empty matrix (no item) accuracy
 * and macro-F1 are NaN: there is nothing to agree with.  @per_class
 * (k elements), @accuracy and @macro_f1 are each nullable; k > 0. */
void slant_stats_class_metrics(const guint64 *matrix, guint k, SlantClassMetrics *per_class,
                               double *accuracy, double *macro_f1);

/* ---- bootstrap ------------------------------------------------------------ */

/* A statistic of a resample: @idx holds @n indices into the caller's data (drawn
 * with replacement); returns the statistic (NaN when undefined for that resample). */
typedef double (*SlantResampleStat)(const guint32 *idx, gsize n, gpointer user);

/* slant_stats_bootstrap: percentile interval (R type 7, at @level, e.g. 0.95) of
 * @stat over @replicates resamples of n items with replacement, drawn from a
 * SlantRng seeded with @seed (so the same call gives the same interval).
 * Replicates whose statistic is NaN are left out; *used says how many were kept.
 * With no usable replicate, *lo = *hi = NaN.  Allocates only its scratch.
 *
 * Replicate r draws its n indices with slant_rng_below(rng, n), in order,
 * after those of replicates 0..r-1, whether or not an earlier statistic was
 * NaN; so a replicate's resample does not depend on @stat.  The bounds are
 * the type 7 quantiles at (1 - level) / 2 and (1 + level) / 2 of the kept
 * statistics, by slant_interval_of().  Infinite statistics are left out like
 * NaN ones (an interpolated quantile of them would be NaN), and counted out
 * of *used the same way.  @n = 0 or @replicates = 0 draws nothing (*used = 0).
 * 0 < @level < 1; @n <= G_MAXUINT32; @lo, @hi and @used must not be NULL. */
void slant_stats_bootstrap(gsize n, guint replicates, guint64 seed, double level,
                           SlantResampleStat stat, gpointer user, double *lo, double *hi,
                           guint *used);

/* ---- keyness --------------------------------------------------------------- */

/* Keyness of one term between group a and group b: the term's counts y_a and
 * y_b, and the total term counts n_a and n_b of each group (y <= n).
 *
 * Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
 * Quinn 2008, "Fightin' Words", Political Analysis 16(4): 372-403, the
 * weighted log-odds-ratio of eqs. 16-22):
 *   delta = ln((y_a + a_w) / (n_a + a_0 - y_a - a_w))
 *         - ln((y_b + a_w) / (n_b + a_0 - y_b - a_w))       eq. 16
 *   var   = 1 / (y_a + a_w) + 1 / (y_b + a_w)                the approximate
 *                                                           variance of delta
 *   z     = delta / sqrt(var)                                eq. 22
 * with natural logarithms, where a_w (@prior_w) is the term's prior count
 * and a_0 (@prior_0) the sum of the prior over the vocabulary; for the
 * informative prior the caller sets a_w = a_0 (corpus count of w) / (corpus
 * total), a_0 being the prior's strength in pseudo-counts.  Positive when
 * the term is more frequent in a.  log_odds and z are NaN when a logarithm
 * or the variance is undefined: y + a_w <= 0 or n + a_0 - y - a_w <= 0 in
 * either group (a_w = 0 with a term absent from a group, or a prior that
 * leaves no room for other terms).
 *
 * Dunning's (1993) log-likelihood G^2 of the 2 x 2 table
 *             a          b
 *   term      y_a        y_b
 *   other     n_a - y_a  n_b - y_b
 * G^2 = 2 sum O ln(O / E) over the four cells, E = row total x column total
 * / N, N = n_a + n_b, a cell with O = 0 adding 0; no continuity or Williams
 * correction.  That is quanteda's textstat_keyness(measure = "lr",
 * correction = "none") (which also adds 1e-9 inside each logarithm); its
 * "default" correction is not applied here.  Signed as quanteda signs it:
 * positive when the term's rate is higher in a (y_a / n_a > y_b / n_b),
 * negative when higher in b, 0 when equal or N = 0.  The p-value of |G^2|
 * (1 degree of freedom) is slant_stats_chisq1_sf(fabs(g2)).
 *
 * Rates are per 1,000 terms: 1000 y / n, 0 when n = 0.  The prior does
 * not enter G^2 or the rates. */
typedef struct {
    double log_odds;   /* delta */
    double z;          /* delta / sd */
    double g2;         /* signed G^2 */
    double rate_a, rate_b; /* per 1000 terms: 1000 y / n (0 when n = 0) */
} SlantKeyness;

void slant_stats_keyness(guint64 y_a, guint64 n_a, guint64 y_b, guint64 n_b, double prior_w,
                         double prior_0, SlantKeyness *out);

/* ---- p-values ------------------------------------------------------------- */

/* slant_stats_chisq1_sf: P(X > @x) for X chi-square with 1 degree of freedom,
 * erfc(sqrt(x / 2)) (R's pchisq(x, 1, lower.tail = FALSE)): the p-value of a
 * G^2 or chi^2 of a 2 x 2 table, and for x = z^2 the two-sided p-value of a
 * standard normal z.  1 for x <= 0, NaN for NaN. */
double slant_stats_chisq1_sf(double x);

/* slant_stats_p_adjust_bh: Benjamini-Hochberg adjusted p-values (the false
 * discovery rate) of @p[0..n) into @adjusted[0..n), as R's p.adjust(p,
 * method = "BH"): with the m non-NaN p-values ranked i = 1..m ascending,
 * adjusted = min over ranks j >= i of min(1, m p_(j) / j).  NaN stays NaN and
 * does not count in m.  @adjusted may be @p.  Allocates its scratch. */
void slant_stats_p_adjust_bh(const double *p, gsize n, double *adjusted);

/* slant_stats_p_adjust_bh_weighted: the same for p-values that stand for
 * several hypotheses each: @p[i] is the p-value of @weight[i] >= 1 tests
 * (m, the family's size, is the sum of the weights of the non-NaN ones),
 * and @adjusted[i] gets what slant_stats_p_adjust_bh() gives each copy of
 * p[i] in the vector that holds p[i] weight[i] times (equal p-values get
 * equal adjusted values there), bit for bit.  For families where many
 * tests share one p-value (slant suggest: every candidate a group lacks,
 * of one corpus count, has the same G^2): O(n log n) in the distinct
 * entries, not in m.  @adjusted may be @p.  Allocates its scratch. */
void slant_stats_p_adjust_bh_weighted(const double *p, const guint64 *weight, gsize n,
                                      double *adjusted);

G_END_DECLS

#endif

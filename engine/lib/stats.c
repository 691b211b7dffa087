/* stats.c: percentile intervals, rank statistics, classification
 * metrics, the bootstrap of a statistic, keyness and p-values (stats.h). */
#include "stats.h"

#include <math.h>
#include <string.h>


/* Put the k-th smallest of @x[0..n) at x[k], smaller ones before it and
 * larger ones after (Hoare's selection; median-of-three pivots). */
static void
select_kth(double *x, guint n, guint k)
{
    guint lo = 0, hi = n - 1;
    while (hi > lo) {
        guint mid = lo + (hi - lo) / 2;
        double a = x[lo], b = x[mid], c = x[hi];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        guint i = lo, j = hi;
        while (i <= j) {
            while (x[i] < pivot)
                i++;
            while (x[j] > pivot)
                j--;
            if (i <= j) {
                double t = x[i];
                x[i] = x[j];
                x[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* The quantile of @x (n > 0, reordered) at @q, interpolating as R's type 7.
 * Selection instead of sorting: comparisons of many sources need many
 * quantiles of the same replicate count. */
static double
quantile(double *x, guint n, double q)
{
    double h = (n - 1) * q;
    guint lo = (guint) floor(h);
    if (lo + 1 >= n) {
        select_kth(x, n, n - 1);
        return x[n - 1];
    }
    select_kth(x, n, lo);
    double next = x[lo + 1];
    for (guint i = lo + 2; i < n; i++)
        if (x[i] < next)
            next = x[i];
    return x[lo] + (h - lo) * (next - x[lo]);
}

/* Ranks @r and @r + 1 (ascending, 0-based) of values of which @buf holds
 * the @c below @t, @eq more equal @t, and the rest are above it.  FALSE
 * when rank @r + 1 lies above @t.  @buf is reordered. */
static gboolean
tail_ranks(double *buf, guint c, guint eq, double t, guint r, double *v0, double *v1)
{
    if (r + 1 < c) {
        select_kth(buf, c, r);
        double next = buf[r + 1];
        for (guint i = r + 2; i < c; i++)
            if (buf[i] < next)
                next = buf[i];
        *v0 = buf[r];
        *v1 = next;
        return TRUE;
    }
    if (r + 1 == c) {
        if (eq == 0)
            return FALSE;
        double max = buf[0];
        for (guint i = 1; i < c; i++)
            if (buf[i] > max)
                max = buf[i];
        *v0 = max;
        *v1 = t;
        return TRUE;
    }
    if (r + 1 < c + eq) {
        *v0 = *v1 = t;
        return TRUE;
    }
    return FALSE;
}

#define SAMPLE 64

/* The two-sided interval of @x (n > 0) at level 1 - 2 @alpha: quantile()
 * at @alpha and at 1 - @alpha, the same numbers.  An interval needs only
 * the order statistics of the two tails, and comparisons of many sources
 * take hundreds of thousands of intervals, so instead of selecting twice
 * over all of @x: thresholds are taken from a sample (the first values;
 * replicates come in random order) such that the tails beyond them very
 * likely hold the ranks wanted; one branch-free pass copies the values
 * beyond each threshold into @scratch (2 n) and counts those at it;
 * selection runs on those few.  When a tail turns out too short, the full
 * selection gives the answer.  The thresholds only decide where to look:
 * the result is exact. */
void
slant_interval_of(double *x, guint n, double alpha, double *scratch, double *lo, double *hi)
{
    double hl = (n - 1) * alpha, hh = (n - 1) * (1.0 - alpha);
    guint kl = (guint) floor(hl), kh = (guint) floor(hh);
    guint ml = kl + 2;      /* ranks kl and kl + 1 */
    guint mh = n - kh;      /* ranks kh and kh + 1, counted from the top */
    if (kh + 1 >= n || ml * 16 > n || mh * 16 > n) {
        *lo = quantile(x, n, alpha);
        *hi = quantile(x, n, 1.0 - alpha);
        return;
    }
    /* about four times the values needed beyond each threshold: the
     * (jl + 1)-th smallest and (jh + 1)-th largest of the sample, kept by
     * insertion (a few each) */
    guint s = MIN(n / 4, SAMPLE);
    guint jl = MIN((guint) ceil(4.0 * ml * (s + 1) / n), s) - 1;
    guint jh = MIN((guint) ceil(4.0 * mh * (s + 1) / n), s) - 1;
    double small[SAMPLE] = {0}, large[SAMPLE] = {0};
    guint ns = 0, nl = 0;
    for (guint i = 0; i < s; i++) {
        double v = x[i];
        if (ns <= jl || v < small[jl]) {
            guint k = ns <= jl ? ns++ : jl;
            while (k > 0 && v < small[k - 1]) {
                small[k] = small[k - 1];
                k--;
            }
            small[k] = v;
        }
        if (nl <= jh || v > large[jh]) {
            guint k = nl <= jh ? nl++ : jh;
            while (k > 0 && v > large[k - 1]) {
                large[k] = large[k - 1];
                k--;
            }
            large[k] = v;
        }
    }
    double tl = small[jl], th = large[jh];

    /* values beyond the thresholds, the upper ones negated so that both
     * tails count ranks upwards; values at a threshold only counted (replicates
     * of sources with few hits take few distinct values) */
    double *bl = scratch, *bh = scratch + n;
    guint cl = 0, ch = 0, el = 0, eh = 0;
    for (guint i = 0; i < n; i++) {
        double v = x[i];
        bl[cl] = v;
        cl += v < tl;
        el += v == tl;
        bh[ch] = -v;
        ch += v > th;
        eh += v == th;
    }
    /* every value of x below the rank wanted is in the tail, so the rank in
     * x is the rank in the tail; x(k) + frac (x(k + 1) - x(k)) as quantile() */
    double a, b;
    if (tail_ranks(bl, cl, el, tl, kl, &a, &b))
        *lo = a + (hl - kl) * (b - a);
    else
        *lo = quantile(x, n, alpha);
    /* in the negated tail, x(kh) is rank n - 1 - kh and x(kh + 1) the one below */
    double y0, y1;
    if (tail_ranks(bh, ch, eh, -th, n - 2 - kh, &y0, &y1)) {
        a = -y1;
        b = -y0;
        *hi = a + (hh - kh) * (b - a);
    } else {
        *hi = quantile(x, n, 1.0 - alpha);
    }
}



/* ---- sorting ------------------------------------------------------------ */

/* Order of positions @a and @b (negative, 0, positive) in some data. */
typedef int (*PosCmp)(gsize a, gsize b, const void *ctx);

/* Sort the @n positions @pos by @cmp, stably (equal ones keep their order),
 * bottom-up, with @tmp (n positions) as the other buffer.  Stability makes
 * the order, and so every sum taken along it, the same on any C library. */
static void
sort_positions(gsize *pos, gsize *tmp, gsize n, PosCmp cmp, const void *ctx)
{
    gsize *src = pos, *dst = tmp;
    for (gsize w = 1; w < n; w *= 2) {
        for (gsize lo = 0; lo < n; lo += 2 * w) {
            gsize mid = MIN(lo + w, n), hi = MIN(lo + 2 * w, n);
            gsize i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                dst[o++] = cmp(src[j], src[i], ctx) < 0 ? src[j++] : src[i++];
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        gsize *t = src;
        src = dst;
        dst = t;
    }
    if (src != pos)
        memcpy(pos, src, n * sizeof *pos);
}

static int
cmp_by_value(gsize a, gsize b, const void *ctx)
{
    const double *x = ctx;
    return x[a] < x[b] ? -1 : x[a] > x[b];
}

typedef struct {
    const double *x, *y;
} Pairs;

static int
cmp_by_x_then_y(gsize a, gsize b, const void *ctx)
{
    const Pairs *p = ctx;
    if (p->x[a] != p->x[b])
        return p->x[a] < p->x[b] ? -1 : 1;
    return p->y[a] < p->y[b] ? -1 : p->y[a] > p->y[b];
}

/* Sort @v (n values) ascending by merge sort with @tmp (n values) and return
 * the number of pairs i < j with v[i] > v[j] (ties are no inversion): each
 * time a value from the right run goes first, it passes every value left in
 * the left run. */
static guint64
sort_counting_inversions(double *v, double *tmp, gsize n)
{
    double *src = v, *dst = tmp;
    guint64 inversions = 0;
    for (gsize w = 1; w < n; w *= 2) {
        for (gsize lo = 0; lo < n; lo += 2 * w) {
            gsize mid = MIN(lo + w, n), hi = MIN(lo + 2 * w, n);
            gsize i = lo, j = mid, o = lo;
            while (i < mid && j < hi) {
                if (src[j] < src[i]) {
                    inversions += mid - i;
                    dst[o++] = src[j++];
                } else {
                    dst[o++] = src[i++];
                }
            }
            while (i < mid)
                dst[o++] = src[i++];
            while (j < hi)
                dst[o++] = src[j++];
        }
        double *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    return inversions;
}

static gboolean
any_nan(const double *x, gsize n)
{
    for (gsize i = 0; i < n; i++)
        if (isnan(x[i]))
            return TRUE;
    return FALSE;
}

/* ---- ranks and rank statistics ------------------------------------------ */

/* The positions 0..n-1 sorted by @x, in a new array of 2 n (the second half
 * is scratch the caller may reuse). */
static gsize *
positions_by_value(const double *x, gsize n)
{
    gsize *pos = g_new(gsize, 2 * n);
    for (gsize i = 0; i < n; i++)
        pos[i] = i;
    sort_positions(pos, pos + n, n, cmp_by_value, x);
    return pos;
}

void
slant_stats_ranks(const double *x, gsize n, double *ranks_out)
{
    if (n == 0)
        return;
    g_return_if_fail(x != NULL && ranks_out != NULL);
    g_return_if_fail(!any_nan(x, n));
    gsize *pos = positions_by_value(x, n);
    for (gsize i = 0; i < n;) {
        gsize j = i + 1;
        while (j < n && x[pos[j]] == x[pos[i]])
            j++;
        /* sorted places i..j-1 hold ranks i+1..j: their mean */
        double r = ((double) i + 1.0 + (double) j) / 2.0;
        for (gsize t = i; t < j; t++)
            ranks_out[pos[t]] = r;
        i = j;
    }
    g_free(pos);
}

double
slant_stats_auc(const double *score, const gboolean *positive, gsize n)
{
    if (n == 0)
        return NAN;
    g_return_val_if_fail(score != NULL && positive != NULL, NAN);
    if (any_nan(score, n))
        return NAN;
    gsize *pos = positions_by_value(score, n);
    /* walking groups of tied scores upwards: each positive beats every
     * negative below its group and ties each negative in it, so
     * 2 U = sum over groups of 2 p (negatives below) + p q, an integer */
    guint64 two_u = 0, neg_below = 0, n_pos = 0;
    for (gsize i = 0; i < n;) {
        guint64 p = 0, q = 0;
        gsize j = i;
        while (j < n && score[pos[j]] == score[pos[i]]) {
            if (positive[pos[j]])
                p++;
            else
                q++;
            j++;
        }
        two_u += 2 * p * neg_below + p * q;
        neg_below += q;
        n_pos += p;
        i = j;
    }
    g_free(pos);
    guint64 n_neg = n - n_pos;
    if (n_pos == 0 || n_neg == 0)
        return NAN;
    return (double) two_u / ((double) n_pos * (double) n_neg) / 2.0;
}

static double
clamp_correlation(double r)
{
    return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

double
slant_stats_spearman(const double *x, const double *y, gsize n)
{
    if (n < 2)
        return NAN;
    g_return_val_if_fail(x != NULL && y != NULL, NAN);
    if (any_nan(x, n) || any_nan(y, n))
        return NAN;
    double *rx = g_new(double, 2 * n), *ry = rx + n;
    slant_stats_ranks(x, n, rx);
    slant_stats_ranks(y, n, ry);
    /* midranks always sum to n (n + 1) / 2, so their mean is known exactly;
     * deviations from it are multiples of 1/2 */
    double m = ((double) n + 1.0) / 2.0, sxy = 0, sxx = 0, syy = 0;
    for (gsize i = 0; i < n; i++) {
        double dx = rx[i] - m, dy = ry[i] - m;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    g_free(rx);
    if (sxx == 0 || syy == 0)
        return NAN;
    return clamp_correlation(sxy / sqrt(sxx * syy));
}

double
slant_stats_kendall_tau_b(const double *x, const double *y, gsize n)
{
    if (n < 2)
        return NAN;
    g_return_val_if_fail(x != NULL && y != NULL, NAN);
    if (any_nan(x, n) || any_nan(y, n))
        return NAN;
    gsize *pos = g_new(gsize, 2 * n);
    for (gsize i = 0; i < n; i++)
        pos[i] = i;
    Pairs pairs = {x, y};
    sort_positions(pos, pos + n, n, cmp_by_x_then_y, &pairs);

    /* pairs tied in x (n1) and in both x and y (n3), from the runs */
    guint64 n1 = 0, n3 = 0;
    for (gsize i = 0; i < n;) {
        gsize j = i + 1;
        while (j < n && x[pos[j]] == x[pos[i]])
            j++;
        guint64 t = j - i;
        n1 += t * (t - 1) / 2;
        for (gsize a = i; a < j;) {
            gsize b = a + 1;
            while (b < j && y[pos[b]] == y[pos[a]])
                b++;
            guint64 u = b - a;
            n3 += u * (u - 1) / 2;
            a = b;
        }
        i = j;
    }
    /* in x-then-y order, a pair untied in x is discordant exactly when its
     * y values are inverted; pairs tied in x are in y order already */
    double *v = g_new(double, 2 * n);
    for (gsize i = 0; i < n; i++)
        v[i] = y[pos[i]];
    g_free(pos);
    guint64 nd = sort_counting_inversions(v, v + n, n);
    guint64 n2 = 0;
    for (gsize i = 0; i < n;) {
        gsize j = i + 1;
        while (j < n && v[j] == v[i])
            j++;
        guint64 u = j - i;
        n2 += u * (u - 1) / 2;
        i = j;
    }
    g_free(v);

    guint64 n0 = (guint64) n * (n - 1) / 2;
    if (n1 == n0 || n2 == n0)
        return NAN;
    /* pairs untied in both: n_c + n_d = n0 - n1 - n2 + n3 (never negative,
     * so add n3 before taking n2 off); n_c - n_d = that - 2 n_d */
    guint64 untied = n0 - n1 + n3 - n2;
    gint64 s = (gint64) untied - 2 * (gint64) nd;
    return clamp_correlation((double) s / sqrt((double) (n0 - n1) * (double) (n0 - n2)));
}

/* ---- classification ------------------------------------------------------ */

void
slant_stats_confusion(const guint *truth, const guint *pred, gsize n, guint k, guint64 *matrix)
{
    if (k == 0) {
        g_return_if_fail(n == 0); /* no class for any item */
        return;
    }
    g_return_if_fail(matrix != NULL);
    memset(matrix, 0, (gsize) k * k * sizeof *matrix);
    if (n == 0)
        return;
    g_return_if_fail(truth != NULL && pred != NULL);
    for (gsize i = 0; i < n; i++)
        g_return_if_fail(truth[i] < k && pred[i] < k);
    for (gsize i = 0; i < n; i++)
        matrix[(gsize) truth[i] * k + pred[i]]++;
}

void
slant_stats_class_metrics(const guint64 *matrix, guint k, SlantClassMetrics *per_class,
                          double *accuracy, double *macro_f1)
{
    g_return_if_fail(matrix != NULL && k > 0);
    guint64 total = 0, correct = 0;
    double f1_sum = 0;
    for (guint c = 0; c < k; c++) {
        guint64 tp = matrix[(gsize) c * k + c], support = 0, predicted = 0;
        for (guint j = 0; j < k; j++) {
            support += matrix[(gsize) c * k + j];
            predicted += matrix[(gsize) j * k + c];
        }
        SlantClassMetrics m = {
            .precision = predicted > 0 ? (double) tp / (double) predicted : 0.0,
            .recall = support > 0 ? (double) tp / (double) support : 0.0,
            /* 2 tp / (2 tp + fp + fn): the same as 2 P R / (P + R) when
             * both are defined, and 0 rather than 0/0 when tp = 0 */
            .f1 = predicted + support > 0 ? 2.0 * (double) tp / (double) (predicted + support) : 0.0,
            .support = support,
        };
        if (per_class != NULL)
            per_class[c] = m;
        f1_sum += m.f1;
        total += support;
        correct += tp;
    }
    if (accuracy != NULL)
        *accuracy = total > 0 ? (double) correct / (double) total : NAN;
    if (macro_f1 != NULL)
        *macro_f1 = total > 0 ? f1_sum / k : NAN;
}

/* ---- bootstrap ------------------------------------------------------------ */

void
slant_stats_bootstrap(gsize n, guint replicates, guint64 seed, double level,
                      SlantResampleStat stat, gpointer user, double *lo, double *hi,
                      guint *used)
{
    g_return_if_fail(lo != NULL && hi != NULL && used != NULL);
    *lo = *hi = NAN;
    *used = 0;
    g_return_if_fail(stat != NULL);
    g_return_if_fail(level > 0.0 && level < 1.0);
    g_return_if_fail(n <= G_MAXUINT32);
    if (n == 0 || replicates == 0)
        return;
    guint32 *idx = g_new(guint32, n);
    double *values = g_new(double, (gsize) replicates * 3); /* values, then interval scratch */
    SlantRng rng = {seed};
    guint kept = 0;
    SlantRngRange below_n = slant_rng_range(n);
    for (guint r = 0; r < replicates; r++) {
        for (gsize i = 0; i < n; i++)
            idx[i] = (guint32) slant_rng_range_below(&rng, &below_n);
        double v = stat(idx, n, user);
        if (isfinite(v))
            values[kept++] = v;
    }
    g_free(idx);
    if (kept > 0)
        slant_interval_of(values, kept, (1.0 - level) / 2.0, values + replicates, lo, hi);
    *used = kept;
    g_free(values);
}

/* ---- keyness --------------------------------------------------------------- */

/* The 128-bit product @x @y as *hi, *lo (schoolbook, on 32-bit halves). */
static void
mul_64x64(guint64 x, guint64 y, guint64 *hi, guint64 *lo)
{
    guint64 x0 = x & 0xFFFFFFFFu, x1 = x >> 32, y0 = y & 0xFFFFFFFFu, y1 = y >> 32;
    guint64 p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
    guint64 mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    *lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/* Compare a b with c d exactly: -1, 0, 1. */
static int
cmp_products(guint64 a, guint64 b, guint64 c, guint64 d)
{
    guint64 h1, l1, h2, l2;
    mul_64x64(a, b, &h1, &l1);
    mul_64x64(c, d, &h2, &l2);
    if (h1 != h2)
        return h1 < h2 ? -1 : 1;
    return l1 < l2 ? -1 : l1 > l2;
}

/* One cell's O ln(O / E), E = row col / N; 0 when O = 0 (the limit). */
static double
g2_cell(guint64 o, guint64 row, guint64 col, guint64 total)
{
    if (o == 0)
        return 0.0;
    double e = (double) row * ((double) col / (double) total);
    return (double) o * log((double) o / e);
}

void
slant_stats_keyness(guint64 y_a, guint64 n_a, guint64 y_b, guint64 n_b, double prior_w,
                    double prior_0, SlantKeyness *out)
{
    g_return_if_fail(out != NULL);
    g_return_if_fail(y_a <= n_a && y_b <= n_b);

    /* Monroe et al. eq. 16 and eq. 22; the other terms' counts n - y are
     * taken in integers first, so they stay exact */
    double term_a = (double) y_a + prior_w, other_a = (double) (n_a - y_a) + (prior_0 - prior_w);
    double term_b = (double) y_b + prior_w, other_b = (double) (n_b - y_b) + (prior_0 - prior_w);
    if (term_a > 0 && other_a > 0 && term_b > 0 && other_b > 0) {
        out->log_odds = log(term_a / other_a) - log(term_b / other_b);
        out->z = out->log_odds / sqrt(1.0 / term_a + 1.0 / term_b);
    } else {
        out->log_odds = out->z = NAN;
    }

    /* Dunning's G^2 of (term, other) x (a, b); the sign from the rates
     * compared exactly (y_a n_b against y_b n_a), so equal rates give 0 */
    guint64 total = n_a + n_b;
    int sign = cmp_products(y_a, n_b, y_b, n_a);
    if (total == 0 || sign == 0) {
        out->g2 = 0.0;
    } else {
        guint64 term = y_a + y_b, other = total - term;
        double g = 2.0 * (g2_cell(y_a, term, n_a, total) + g2_cell(y_b, term, n_b, total) +
                          g2_cell(n_a - y_a, other, n_a, total) + g2_cell(n_b - y_b, other, n_b, total));
        /* G^2 >= 0; rounding can take a near-zero sum just below */
        g = MAX(g, 0.0);
        out->g2 = sign > 0 ? g : -g;
    }
    out->rate_a = n_a > 0 ? 1000.0 * (double) y_a / (double) n_a : 0.0;
    out->rate_b = n_b > 0 ? 1000.0 * (double) y_b / (double) n_b : 0.0;
}

/* ---- p-values ------------------------------------------------------------- */

double
slant_stats_chisq1_sf(double x)
{
    if (isnan(x))
        return NAN;
    if (x <= 0)
        return 1.0;
    /* chi-square(1) is Z^2: P(Z^2 > x) = P(|Z| > sqrt x) = erfc(sqrt(x / 2)) */
    return erfc(sqrt(x / 2.0));
}

void
slant_stats_p_adjust_bh(const double *p, gsize n, double *adjusted)
{
    if (n == 0)
        return;
    g_return_if_fail(p != NULL && adjusted != NULL);
    gsize *pos = g_new(gsize, 2 * n), m = 0;
    for (gsize i = 0; i < n; i++)
        if (!isnan(p[i]))
            pos[m++] = i;
        else
            adjusted[i] = NAN;
    sort_positions(pos, pos + n, m, cmp_by_value, p);
    /* from the largest down: the running minimum of m p_(i) / i, as R's
     * cummin(n / i * p[o]) over the decreasing order */
    double run = INFINITY;
    for (gsize i = m; i > 0; i--) {
        gsize at = pos[i - 1];
        double v = (double) m / (double) i * p[at];
        if (v < run)
            run = v;
        adjusted[at] = MIN(run, 1.0);
    }
    g_free(pos);
}

void
slant_stats_p_adjust_bh_weighted(const double *p, const guint64 *weight, gsize n,
                                 double *adjusted)
{
    if (n == 0)
        return;
    g_return_if_fail(p != NULL && weight != NULL && adjusted != NULL);
    gsize *pos = g_new(gsize, 2 * n), k = 0;
    guint64 m = 0;
    for (gsize i = 0; i < n; i++) {
        g_return_if_fail(weight[i] >= 1);
        if (!isnan(p[i])) {
            pos[k++] = i;
            m += weight[i];
        } else {
            adjusted[i] = NAN;
        }
    }
    sort_positions(pos, pos + n, k, cmp_by_value, p);
    /* entry j stands for ranks R_j - w_j + 1 .. R_j of the expanded vector
     * (R_j the weights summed up to it); the running minimum from the top
     * takes every copy's value at its last rank, R_j, as the expanded one
     * does (the copies before it have larger m p / i) */
    guint64 rank = m;
    double run = INFINITY;
    for (gsize j = k; j > 0; j--) {
        gsize at = pos[j - 1];
        double v = (double) m / (double) rank * p[at];
        if (v < run)
            run = v;
        adjusted[at] = MIN(run, 1.0);
        rank -= weight[at];
    }
    g_free(pos);
}

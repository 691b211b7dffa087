/* stats.c: percentile intervals (and, as they land, the other statistics
 * of stats.h). */
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


/* stats.h: the statistics slant reports, computed here and nowhere else.
 *
 * Randomness is SplitMix64 (Steele, Lea and Flood 2014), seeded by the
 * caller, so that every interval is the same for the same input; the
 * percentile intervals are R's type 7 quantiles of the replicates.
 * Nothing here allocates unless its contract says so, prints or keeps state.
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

/* slant_interval_of: the percentile interval of the @n values @x (which
 * it reorders): R type 7 quantiles at @alpha and 1 - @alpha, into *lo and
 * *hi; @scratch holds 2 @n doubles. */
void slant_interval_of(double *x, guint n, double alpha, double *scratch, double *lo, double *hi);

G_END_DECLS

#endif

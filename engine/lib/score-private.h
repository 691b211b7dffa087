/* score-private.h: the aggregate's insides, shared with partial.c, which
 * writes them to a partial result and merges them back.  Not an API. */
#ifndef SLANT_SCORE_PRIVATE_H
#define SLANT_SCORE_PRIVATE_H

#include "score.h"
#include "stats.h"

G_BEGIN_DECLS

/* One entry's numbers in one source, on one axis. */
typedef struct {
    gint64 pos, neg; /* millionths */
    guint32 entry, hits, negated;
} DriverAcc;

/* A source's drivers on one axis: the accumulators, dense, and an
 * open-addressing index over them (a slot holds position + 1; 0 is empty).
 * Two words per entry in the index and no allocation per entry: a corpus
 * of many sources keeps one of these per source and axis.  When the
 * aggregate is finished its accumulators are ordered by entry and the
 * index dropped; comparisons merge the sorted arrays of two sources. */
typedef struct {
    DriverAcc *acc;
    guint32 len, cap;
    guint32 *index;  /* NULL once sorted */
    guint32 mask;
} DriverTable;

/* slant_drivers_get: the accumulator of @entry, zeroed when new; valid
 * until the next call. */
DriverAcc *slant_drivers_get(DriverTable *t, guint32 entry);
/* slant_drivers_sorted: a new array of the accumulators by entry. */
DriverAcc *slant_drivers_sorted(const DriverTable *t);

typedef struct {
    char *name;
    guint64 docs, tokens, sentences;
    GArray *unit_tokens;   /* guint32 per document */
    GArray *unit_weights;  /* gint64 millionths, n_axes * 2 per document */
    GArray *sent_tokens;   /* the same per sentence, kept while the source has few documents */
    GArray *sent_weights;
    gint64 *pos, *neg;     /* per axis, millionths */
    DriverTable *drivers;  /* per axis */
    double *replicates;    /* bootstrap * n_axes * SLANT_N_SCORES */
    SlantSourceResult result;
} SourceAcc;

struct _SlantAggregate {
    const SlantLexicon *lex;
    SlantAggregateOptions opts;
    guint na, nc;
    GHashTable *by_name;  /* name -> SourceAcc* */
    GPtrArray *sources;   /* SourceAcc*, sorted by name after finish */
    gboolean finished;
};

/* slant_aggregate_get_source: the accumulator of @name, made when new. */
SourceAcc *slant_aggregate_get_source(SlantAggregate *agg, const char *name);

G_END_DECLS

#endif

/* score-private.h: the aggregate's insides, shared with partial.c, which
 * writes them to a partial result and merges them back.  Not an API. */
#ifndef SLANT_SCORE_PRIVATE_H
#define SLANT_SCORE_PRIVATE_H

#include "score.h"

G_BEGIN_DECLS

typedef struct {
    gint64 pos, neg; /* millionths */
    guint32 hits, negated;
} DriverAcc;

typedef struct {
    char *name;
    guint64 docs, tokens, sentences;
    GArray *unit_tokens;   /* guint32 per document */
    GArray *unit_weights;  /* gint64 millionths, n_axes * 2 per document */
    GArray *sent_tokens;   /* the same per sentence, kept while the source has few documents */
    GArray *sent_weights;
    gint64 *pos, *neg;     /* per axis, millionths */
    GHashTable **drivers;  /* per axis: entry index -> DriverAcc */
    double *replicates;    /* bootstrap * n_axes * SLANT_N_SCORES */
    GArray **rates;        /* per axis, after finish: SlantDriver by entry, contribution
                            * = signed weight per 1k tokens (for comparisons) */
    SlantSourceResult result;
} SourceAcc;

struct _SlantAggregate {
    const SlantLexicon *lex;
    SlantAggregateOptions opts;
    guint na, nc;
    GHashTable *by_name;  /* name -> SourceAcc* */
    GPtrArray *sources;   /* SourceAcc*, sorted by name after finish */
    GPtrArray *comparisons; /* SlantAxisComparison*, pair-major */
    gboolean finished;
};

/* slant_aggregate_get_source: the accumulator of @name, made when new. */
SourceAcc *slant_aggregate_get_source(SlantAggregate *agg, const char *name);

G_END_DECLS

#endif

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
    /* per document, in arrival order until finish puts them in id-hash order */
    GArray *doc_hash;      /* guint64: the id's hash (hash.h) */
    GArray *unit_tokens;   /* guint32 */
    GArray *unit_weights;  /* gint64 millionths, n_axes * 2 */
    GArray *unit_cats;     /* guint32 category hits, n_categories */
    GArray *doc_units;     /* matched designs: guint32 unit id (SLANT_NO_UNIT: none) */
    /* per sentence block, kept while the source has few documents */
    GArray *doc_blocks;    /* guint32 blocks per document */
    GArray *sent_tokens;
    GArray *sent_weights;
    GArray *sent_cats;
    gboolean blocks;       /* a block holds several sentences */
    gint64 *pos, *neg;     /* per axis, millionths */
    DriverTable *drivers;  /* per group of the lexicon (axes, then categories) */
    /* the bootstrap, per replicate: summed tokens, weights and category
     * hits (what comparisons against the rest add up), and the scores */
    guint64 *rep_tokens;   /* bootstrap */
    gint64 *rep_weights;   /* bootstrap * n_axes * 2 */
    guint32 *rep_cats;     /* bootstrap * n_categories */
    double *replicates;    /* bootstrap * n_axes * SLANT_N_SCORES */
    /* matched designs */
    GHashTable *unit_entries; /* (unit id << 32 | entry) -> DriverAcc*, axis entries */
    guint32 n_units;       /* after finish: the units of this source, by name */
    guint32 *u_rank;       /* the unit's rank in the byte order of all unit names */
    guint32 *u_id;
    guint64 *u_tokens;
    gint64 *u_weights;     /* n_units * n_axes * 2 */
    guint64 *u_cats;       /* n_units * n_categories */
    double *u_scores;      /* n_units * n_axes * SLANT_N_SCORES */
    guint32 *u_entry_start;/* n_units + 1: each unit's axis entries in u_entries */
    DriverAcc *u_entries;  /* by unit, then entry */
    SlantSourceResult result;
} SourceAcc;

#define SLANT_NO_UNIT G_MAXUINT32

struct _SlantAggregate {
    const SlantLexicon *lex;
    SlantAggregateOptions opts;
    guint na, nc;
    GHashTable *by_name;  /* name -> SourceAcc* */
    GPtrArray *sources;   /* SourceAcc*, sorted by name after finish */
    GHashTable *unit_ids; /* matched designs: unit name -> id + 1 */
    GPtrArray *unit_names;/* char*, by id (first seen first) */
    guint64 without_unit; /* documents without a unit */
    guint32 *unit_rank;   /* after finish: id -> rank in the byte order of the names */
    guint64 units_shared; /* after finish: units that two groups or more have */
    /* after finish: every group summed, for comparisons against the rest */
    guint64 tot_tokens;
    gint64 *tot_pos, *tot_neg;  /* per axis */
    guint64 *tot_cats;          /* per category */
    guint64 *tot_rep_tokens;    /* per replicate, as SourceAcc's */
    gint64 *tot_rep_weights;
    guint64 *tot_rep_cats;
    DriverTable *tot_drivers;   /* per group of the lexicon, sorted by entry */
    GHashTable *merged_ids;     /* slant merge: the id hashes of the partials so far (gint64*) */
    gboolean finished;
};

/* slant_aggregate_unit_id: the id of unit @name, made when new. */
guint32 slant_aggregate_unit_id(SlantAggregate *agg, const char *name);

/* slant_aggregate_get_source: the accumulator of @name, made when new. */
SourceAcc *slant_aggregate_get_source(SlantAggregate *agg, const char *name);

G_END_DECLS

#endif

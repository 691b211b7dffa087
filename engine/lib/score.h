/* score.h: document scores, per-source aggregates, bootstrap intervals and
 * source comparisons (DESIGN.md §5).
 *
 * For a document or a pooled source, per axis, with P and N the summed
 * weights of positive and negative hits after modifiers and T the tokens:
 *   balance          = (P - N) / (P + N), 0 with no hits
 *   logit            = ln((P + 0.5) / (N + 0.5))
 *   net_per_1k       = 1000 (P - N) / T
 *   intensity_per_1k = 1000 (P + N) / T
 * A source keeps a few numbers per document (T, per axis P and N, per
 * category its hits, and a 64-bit hash of the document's id) so that its
 * bootstrap can resample documents; a source with fewer than
 * SLANT_MIN_DOCUMENT_UNITS documents resamples sentences instead, so for
 * its first documents the per-sentence numbers are kept too.  A document
 * of more than SLANT_MAX_SENTENCE_BLOCKS sentences is cut into that many
 * blocks of consecutive sentences, which are resampled whole: the cost of
 * its bootstrap is bounded whatever its size.
 *
 * Order: at finish each source's documents are put in the order of their
 * id hashes before anything depends on order (the bootstrap draws, the
 * document mean's sum), so results depend on which documents a source has,
 * not on the order they came in: a corpus cut into shards merged in any
 * order gives the same bytes.
 *
 * Weights are summed as integers in millionths (SLANT_WEIGHT_SCALE): sums
 * are then exact and associative, so a run split into shards and merged
 * (slant merge) gives the very same bytes as one run.
 *
 * Groups: the aggregate groups documents by whatever name the caller gives
 * each (the source, a label's value, a month: see labels.h); "source"
 * below means that group.
 *
 * Matched designs (SlantAggregateOptions.matched): each document also
 * names a unit (an event, say), and a pair of groups is compared on the
 * units both have, as paired differences: per unit u of both, d(u) =
 * score(group a's documents of u) - score(group b's of u), from the pooled
 * P, N and T of those documents; the difference is the mean of d(u) over
 * the matched units and its interval a percentile bootstrap that
 * resamples the matched units (SplitMix64 seeded with the seed, the two
 * groups' names and the level-independent replicate count).  Units are
 * taken in the byte order of their names, so the result does not depend
 * on the order documents came in beyond what each group's own numbers
 * do.  Documents without a unit count for their group's own scores, not
 * for matched comparisons.
 */
#ifndef SLANT_SCORE_H
#define SLANT_SCORE_H

#include <glib.h>

#include "lexicon.h"
#include "match.h"

G_BEGIN_DECLS

#define SLANT_MIN_DOCUMENT_UNITS 5
#define SLANT_MAX_SENTENCE_BLOCKS 1024
#define SLANT_N_SCORES 4
#define SLANT_WEIGHT_SCALE 1000000.0

/* slant_weight_fixed: @w in millionths, rounded. */
gint64 slant_weight_fixed(double w);

typedef enum {
    SLANT_SCORE_BALANCE,
    SLANT_SCORE_LOGIT,
    SLANT_SCORE_NET_PER_1K,
    SLANT_SCORE_INTENSITY_PER_1K,
} SlantScoreKind;

/* slant_score_name: "balance", "logit", "net_per_1k", "intensity_per_1k". */
const char *slant_score_name(SlantScoreKind kind);

/* slant_scores_compute: the four scores of (P, N, T) into @out[SLANT_N_SCORES].
 * T = 0 gives 0 for the per-1k scores. */
void slant_scores_compute(double p, double n, guint64 t, double *out);

typedef struct {
    double pos, neg;          /* summed weights after modifiers (= *_fx / SLANT_WEIGHT_SCALE) */
    gint64 pos_fx, neg_fx;    /* the same in millionths */
    guint32 hits_pos, hits_neg;
    guint32 negated;          /* hits flipped by a negator */
    guint32 quoted;           /* hits inside a quotation (of those counted: see SlantVoice) */
} SlantAxisTally;

typedef struct {
    guint32 hits;
    guint32 negated;
    guint32 quoted;
} SlantCategoryTally;

/* SlantDocTally: one document's numbers.  Arrays are owned. */
typedef struct {
    guint64 tokens;
    guint32 sentences;
    guint n_axes, n_categories;
    SlantAxisTally *axes;
    SlantCategoryTally *categories;
    /* per block of consecutive sentences (one sentence each unless the
     * document has more than SLANT_MAX_SENTENCE_BLOCKS): tokens, per axis
     * pos/neg in millionths (n_blocks * n_axes * 2), per category hits
     * (n_blocks * n_categories) */
    guint32 n_blocks;
    guint32 *block_tokens;
    gint64 *block_weights;
    guint32 *block_cats;
} SlantDocTally;

/* slant_doc_tally_compute: fill @t from an analysis. */
void slant_doc_tally_compute(SlantDocTally *t, const SlantLexicon *lex, const SlantAnalysis *a);
void slant_doc_tally_clear(SlantDocTally *t);

typedef struct _SlantAggregate SlantAggregate;

typedef struct {
    guint bootstrap;   /* replicates (0: no intervals) */
    guint64 seed;
    double level;      /* e.g. 0.95 */
    guint top_terms;   /* drivers per source / comparison */
    guint threads;     /* threads for finishing the sources and for the report's pairs
                        * (0, 1: the caller's); results do not depend on it */
    gboolean matched;  /* documents name a unit: pairs are compared on matched units */
} SlantAggregateOptions;

SlantAggregate *slant_aggregate_new(const SlantLexicon *lex, const SlantAggregateOptions *opts);
void slant_aggregate_free(SlantAggregate *agg); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantAggregate, slant_aggregate_free)

/* slant_aggregate_add: add one document of group @source, with its id,
 * its hits (for the driver terms) and, in a matched design, its unit
 * (nullable: a document without one; ignored otherwise). */
void slant_aggregate_add(SlantAggregate *agg, const char *source, const char *unit,
                         const char *id, const SlantDocTally *t, const SlantHit *hits,
                         guint n_hits);

/* slant_aggregate_finish: compute pooled scores, means and intervals, and
 * make ready for comparisons.  Call once, after the last add. */
void slant_aggregate_finish(SlantAggregate *agg);

/* ---- results, valid after finish ---- */

typedef struct {
    guint32 entry;
    guint32 hits;
    guint32 negated;
    double contribution; /* signed: + towards the positive pole */
} SlantDriver;

typedef struct {
    double pos, neg;
    guint64 hits_pos, hits_neg, negated;
    guint64 quoted;  /* of the hits counted, those inside quotations */
    double pooled[SLANT_N_SCORES];
    double mean[SLANT_N_SCORES];
    double lo[SLANT_N_SCORES], hi[SLANT_N_SCORES]; /* bootstrap interval */
    GArray *drivers; /* SlantDriver, strongest first */
} SlantAxisResult;

typedef struct {
    guint64 hits, negated, quoted;
    double per_1k;
    double lo, hi;     /* bootstrap interval of per_1k */
    GArray *drivers;   /* SlantDriver: the category's entries, by hits (contribution = hits) */
} SlantCategoryResult;

typedef struct {
    char *name;
    guint64 documents, tokens, sentences;
    gboolean sentence_unit;    /* bootstrap unit: sentences (else documents) */
    gboolean blocks;           /* sentence units: some are blocks of several sentences */
    guint64 units;             /* how many units were resampled */
    SlantAxisResult *axes;
    SlantCategoryResult *categories;
} SlantSourceResult;

typedef struct {
    guint a, b;                /* source indices, a < b (sorted by name) */
    double diff[SLANT_N_SCORES];
    double lo[SLANT_N_SCORES], hi[SLANT_N_SCORES];
    GArray *drivers;           /* SlantDriver: contribution = rate_a - rate_b per 1k tokens */
} SlantAxisComparison;

/* SlantComparison: two groups compared, a - b; b is SLANT_REST for the
 * rest of the corpus (every other group's documents).  In a matched design
 * the numbers are over the matched units only (see above) and @empty says
 * there were none (the numbers are then 0 and mean nothing); against the
 * rest, @empty says there is no other group. */
#define SLANT_REST G_MAXUINT
typedef struct {
    guint a, b;                      /* group indices (b may be SLANT_REST) */
    guint64 units, only_a, only_b;   /* matched design: units of both, of a alone, of b alone */
    gboolean empty;
    const SlantAxisComparison *axes; /* n_axes */
    const double *category_diff;     /* n_categories: rate per 1k of a - b */
    const double *category_lo, *category_hi; /* their intervals */
    GArray *const *category_drivers; /* n_categories: SlantDriver, hits per 1k of a - b */
} SlantComparison;

guint slant_aggregate_n_sources(const SlantAggregate *agg);
const SlantSourceResult *slant_aggregate_source(const SlantAggregate *agg, guint i); /* sorted by name */
/* pairs of sources (a < b), numbered (0,1) (0,2) ... (0,n-1) (1,2) ... */
guint slant_aggregate_n_pairs(const SlantAggregate *agg);
/* slant_aggregate_pair: the source indices of pair @pair, *a < *b. */
void slant_aggregate_pair(const SlantAggregate *agg, guint pair, guint *a, guint *b);

/* SlantPairWork: one thread's room for comparing pairs.  Pairs grow as the
 * square of the sources (35,778 for 268), so they are not kept: a report
 * compares each as it writes it, on as many threads as it likes, each
 * with its own SlantPairWork. */
typedef struct _SlantPairWork SlantPairWork;
SlantPairWork *slant_pair_work_new(const SlantAggregate *agg); /* finished; free the work first */
void slant_pair_work_free(SlantPairWork *w);                   /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantPairWork, slant_pair_work_free)

/* slant_aggregate_compare: groups @a and @b (a != b; a - b) compared on
 * every axis and category (in @w, valid until @w is used again); @b may be
 * SLANT_REST: @a against the pooled documents of every other group, with
 * intervals from the groups' own replicates (a stratified bootstrap: the
 * rest's replicate r is the sum of the other groups' replicates r), so the
 * cost grows with the groups, not their square.  Callers walking the pairs
 * in order step @a and @b themselves (see slant_aggregate_pair()). */
const SlantComparison *slant_aggregate_compare(const SlantAggregate *agg, guint a, guint b,
                                               SlantPairWork *w);
const SlantAggregateOptions *slant_aggregate_options(const SlantAggregate *agg);

/* Matched designs, after finish: distinct units, those that two groups
 * or more have (the others match nothing), documents without a unit. */
guint64 slant_aggregate_n_units(const SlantAggregate *agg);
guint64 slant_aggregate_n_units_shared(const SlantAggregate *agg);
guint64 slant_aggregate_documents_without_unit(const SlantAggregate *agg);

G_END_DECLS

#endif

/* partial.h: partial results of sharded runs, and merging them.
 *
 * `slant compare --partial` writes, instead of a report, everything the
 * report is computed from: per source the few numbers kept per document
 * (and per sentence for sources with few documents), hit counts, driver
 * sums, and the run's inputs, skips and parameters.  Merging partials in
 * the order of their shards rebuilds the aggregate a single run over all
 * shards would have built; since weights are summed as integers, the merged
 * report is the same, byte for byte, bootstrap included.
 *
 * The partial is JSON ("slant_partial": SLANT_PARTIAL_VERSION).  All partials
 * merged together must come from the same lexicon (sha256) and the same
 * parameters, grouping and design included.  Version 2 added the grouping
 * and the matched design (unit names once, each document's unit, each
 * unit's entry sums), each document's category hits, and names instead of
 * enum numbers for input formats and skip reasons.  Version 3 added the
 * voice (a parameter) and per source the quoted hits of each axis and
 * category.
 */
#ifndef SLANT_PARTIAL_H
#define SLANT_PARTIAL_H

#include <glib.h>

#include "engine.h"
#include "lexicon.h"
#include "score.h"

G_BEGIN_DECLS

#define SLANT_PARTIAL_VERSION 3

/* The run parameters that a partial carries and that must agree. */
typedef struct {
    SlantAggregateOptions agg;
    gsize max_document_bytes;
    gboolean strict;
    char *group_by;       /* the grouping key as written ("source") */
    char *match;          /* the matched design's key, or NULL */
    char *pairs;          /* --pairs as written, or NULL (auto) */
    char *reference;      /* --reference, or NULL */
    char **only;          /* --groups, NULL-terminated, or NULL */
    guint64 left_out;     /* documents --groups left out (this partial's) */
    SlantVoice voice;     /* --voice */
} SlantRunParameters;

/* slant_run_parameters_clear: free the strings slant_partial_peek() made
 * (a writer's own parameters may point to strings it owns elsewhere). */
void slant_run_parameters_clear(SlantRunParameters *params);

/* slant_partial_write: the partial of an unfinished @agg, as JSON text
 * ending in a newline (free with g_free()). */
char *slant_partial_write(const SlantAggregate *agg, const SlantLexicon *lex,
                          const GPtrArray *inputs, const GPtrArray *skipped,
                          const SlantRunParameters *params);

/* slant_partial_peek: read the parameters of the partial @text (named
 * @name in messages) into @params, to make the aggregate to merge into;
 * its strings are new (slant_run_parameters_clear()). */
gboolean slant_partial_peek(const char *text, gsize len, const char *name,
                            SlantRunParameters *params, GError **error);

/* slant_partial_merge: add the partial @text to the unfinished @agg, its
 * inputs to @inputs (SlantInputInfo*), its skips to @skipped (SlantSkip*)
 * and the documents --groups left out to *@left_out.  A document whose
 * id an earlier partial had is SLANT_ERROR_DUPLICATE_ID (shards must not
 * overlap).  Fails with SLANT_ERROR_FORMAT when @text is not a partial
 * of this version, SLANT_ERROR_CHECK_FAILED when its lexicon or parameters
 * differ from @lex and @params. */
gboolean slant_partial_merge(SlantAggregate *agg, const SlantLexicon *lex, const char *text,
                             gsize len, const char *name, const SlantRunParameters *params,
                             GPtrArray *inputs, GPtrArray *skipped, guint64 *left_out,
                             GError **error);

G_END_DECLS

#endif

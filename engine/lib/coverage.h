/* coverage.h: what a lexicon's entries do on a corpus (`lexicon coverage`).
 *
 * A SlantCoverage takes scored documents (SlantResult with tokens, and with
 * shadows: run the engine with keep_tokens and trace) one at a time, each
 * in a group (a label's value, the source, or one group for the corpus),
 * and counts per entry: its hits and documents, per group; the surface
 * forms it matched (normal forms of the matched tokens, joined by spaces:
 * where "polite" shows up under "political"); the matches it lost to
 * another entry of its group and to which (an entry that lost every time
 * is shadowed on this corpus).  Per group: documents, sentences and tokens,
 * and per axis pole and per category how many of those have a hit.
 *
 * Memory grows with the distinct (entry, group) pairs and surface forms
 * hit, not with the corpus.  Results are sorted (groups by name, forms and
 * winners by count, then text or entry), so they do not depend on input
 * order beyond the counts themselves.  Not thread-safe: add from one
 * thread (the engine's delivering thread).
 */
#ifndef SLANT_COVERAGE_H
#define SLANT_COVERAGE_H

#include <glib.h>

#include "engine.h"
#include "lexicon.h"

G_BEGIN_DECLS

typedef struct _SlantCoverage SlantCoverage;

SlantCoverage *slant_coverage_new(const SlantLexicon *lex);
void slant_coverage_free(SlantCoverage *c); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantCoverage, slant_coverage_free)

/* slant_coverage_add: count @r (its tokens must be kept; its shadows, if
 * traced) in group @group. */
void slant_coverage_add(SlantCoverage *c, const SlantResult *r, const char *group);

/* slant_coverage_finish: sort everything for reading; call once, after the
 * last add.  The accessors below are valid after it. */
void slant_coverage_finish(SlantCoverage *c);

/* Per axis pole (0 positive, 1 negative) or per category: how many of a
 * group's documents and sentences have a hit, and how many of its tokens
 * are inside one. */
typedef struct {
    guint64 documents, sentences, tokens;
} SlantCoverageShare;

typedef struct {
    const char *name;
    guint64 documents, sentences, tokens;
    SlantCoverageShare *axes;       /* n_axes * 2: [axis][pole] */
    SlantCoverageShare *categories; /* n_categories */
} SlantCoverageGroup;

typedef struct {
    const char *form;
    guint64 count;
} SlantFormCount;

typedef struct {
    guint32 entry;
    guint64 count;
} SlantEntryCount;

typedef struct {
    guint64 hits, documents, negated;
    guint64 quoted;  /* hits inside quotations */
    guint64 *group_hits, *group_documents; /* n_groups each */
    GArray *forms;   /* SlantFormCount, most frequent first */
    guint64 lost;    /* matches another entry of its group took */
    GArray *winners; /* SlantEntryCount: the entries that took them, most first */
} SlantEntryCoverage;

guint slant_coverage_n_groups(const SlantCoverage *c);
const SlantCoverageGroup *slant_coverage_group(const SlantCoverage *c, guint i); /* by name */
const SlantEntryCoverage *slant_coverage_entry(const SlantCoverage *c, guint entry);

G_END_DECLS

#endif

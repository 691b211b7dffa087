/* keyness.h: candidate lexicon terms, the words and phrases that separate
 * two groups of documents (`slant suggest`).
 *
 * Terms.  A candidate is an n-gram of 1 to SlantKeynessOptions.ngrams (at
 * most 3) consecutive tokens of one sentence (a title is its own sentence),
 * compared as the sequence of the tokens' stems, the way a lexicon's
 * stem words match: "illegal immigrants" and "illegally immigrated" are one
 * candidate, "illeg immigr".  A stop token is a token whose normal form is
 * in the stop word list, or a token of one character (the "u" and "s" of
 * "U.S."); an n-gram that starts or ends with a stop token is not a
 * candidate (one with a stop token inside is: "reliance on america"), and
 * with no stop word list (NULL) every n-gram is.  Each term is shown with
 * the surface forms (the tokens' normal forms, joined by spaces) it was
 * counted from, most frequent first.
 *
 * Counts.  Within one n-gram length L, a group's count of candidates of
 * length L, n(L), is how many candidate n-grams of that length its
 * documents hold (for L = 1: its tokens that are not stop tokens); a
 * term's rate is 1000 y / n(L), per 1,000 candidates of its length, and
 * the statistics of a term of length L compare it with the other
 * candidates of length L.  Statistics (stats.h, slant_stats_keyness()):
 * the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
 * and Quinn 2008) and its z, with the prior from the whole corpus (every
 * document read, also those in neither group):
 *   a_w = a_0 count(w) / N(L)
 * count(w) the term's corpus count, N(L) the corpus's count of candidates
 * of length L, a_0 = SlantKeynessOptions.prior (0: a_0 = N(L), so that
 * a_w = count(w)); Dunning's G^2 of the 2 x 2 table, its p-value
 * (chi-square, 1 degree of freedom) and the Benjamini-Hochberg adjusted
 * p-value over the candidates tested (those whose count in the two groups
 * together is at least min_count).
 *
 * Passes.  Counting every n-gram of a large corpus exactly takes more
 * memory than the corpus's numbers need, so the inputs are read three
 * times, through the engine (one SlantEngine per pass, with
 * slant_keyness_prepare() as its prepare hook, which makes a document's
 * n-grams on the worker, and slant_keyness_add() from its result
 * callback):
 *   1. every term of one word is counted exactly (their number is the
 *      vocabulary's), every longer n-gram in a count-min sketch (2^23
 *      saturating 8-bit counters, 8 MiB, two a key, with conservative
 *      update: an estimate is never below the true count, nor below 255
 *      once a counter is full);
 *   2. only the n-grams that can reach min_count are counted exactly, per
 *      group: those whose sketch estimate and whose every word that is not
 *      a stop token reach it (a term's count is at most each of its words'
 *      counts).  Since neither estimate is ever low, every term at or above
 *      min_count is counted exactly: the pruning changes memory, never a
 *      result;
 *   3. for the terms shown only: their surface forms and the first
 *      examples in input order (keyword in context).
 * A term is known by a 62-bit hash of its stem sequence: two different
 * sequences with one hash would be counted as one (among 10 million
 * distinct n-grams the chance of any such pair is about 1 in 100,000).
 *
 * Designs: group a against group b (documents of other groups count in the
 * corpus, for the prior, only); a against the rest of the corpus; or each
 * group against the rest, where each group lists only the terms leaning
 * to it (a term a group lacks never leans to it), tested over every term
 * at or above min_count in the corpus.
 *
 * Everything is deterministic: counts are added in input order on the
 * delivering thread, candidates sorted by the ranking statistic, then by
 * corpus count, then by where the term was first seen; output does not
 * depend on the thread count.  Not thread-safe but for prepare (which any
 * worker may call during a pass while the counter is otherwise left alone).
 */
#ifndef SLANT_KEYNESS_H
#define SLANT_KEYNESS_H

#include <glib.h>

#include "engine.h"
#include "lexicon.h"
#include "stopwords.h"

G_BEGIN_DECLS

/* ---- counting ---------------------------------------------------------------- */

typedef enum {
    SLANT_KEYNESS_RANK_Z,  /* |z| of the log-odds ratio */
    SLANT_KEYNESS_RANK_G2, /* |G^2| */
} SlantKeynessRank;

#define SLANT_KEYNESS_MAX_NGRAMS 3
#define SLANT_KEYNESS_REST (-1)  /* the rest of the corpus, as a group index */
#define SLANT_KEYNESS_EACH (-2)  /* each group, as group a's index */

typedef struct {
    guint ngrams;                    /* longest n-gram, 1..3 */
    guint64 min_count;               /* least count in the two groups together, >= 1 */
    guint top;                       /* candidates shown per direction */
    SlantKeynessRank rank;
    double prior;                    /* a_0 > 0, or 0: N(L) */
    const SlantStopwords *stopwords; /* nullable: no stop tokens; alive until the last pass ends */
    guint window;                    /* tokens of context on each side of an example */
    guint examples;                  /* examples kept per candidate */
    SlantVoice voice;                /* own: only n-grams wholly outside quotation marks;
                                      * quoted: wholly inside; all: any (text.h) */
} SlantKeynessOptions;

typedef struct _SlantKeynessCounter SlantKeynessCounter;

/* slant_keyness_new: a counter in pass 1.  @opts is copied. */
SlantKeynessCounter *slant_keyness_new(const SlantKeynessOptions *opts);
void slant_keyness_free(SlantKeynessCounter *c); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantKeynessCounter, slant_keyness_free)

/* slant_keyness_analysis_lexicon: a lexicon of one entry that does nothing
 * but make the engine tokenize, normalize and stem in @language (the
 * engine needs a lexicon; matching a real one would be wasted work).  NULL
 * with SLANT_ERROR_LEXICON_LANGUAGE when libstemmer lacks @language. */
SlantLexicon *slant_keyness_analysis_lexicon(const char *language, GError **error);

/* slant_keyness_pass: the pass the counter is in, 1..3; 0 when done. */
guint slant_keyness_pass(const SlantKeynessCounter *c);

/* slant_keyness_wants_tokens: whether this pass's results must carry
 * their tokens (SlantEngineOptions.keep_tokens). */
gboolean slant_keyness_wants_tokens(const SlantKeynessCounter *c);

/* slant_keyness_prepare: a SlantPrepareFunc (data: the counter): the
 * document's n-grams this pass needs, for slant_keyness_add().  Reads the
 * counter only. */
char *slant_keyness_prepare(const SlantResult *r, gpointer counter, gsize *len);

/* slant_keyness_add: count one delivered result (prepared by
 * slant_keyness_prepare() in this pass) in the group named @group (a
 * document's value for the grouping key; NULL: SLANT_KEY_NONE).  FALSE
 * with SLANT_ERROR_TOO_LARGE when a count would pass 2^32 - 1. */
gboolean slant_keyness_add(SlantKeynessCounter *c, const SlantResult *r, const char *group,
                           GError **error);

/* Groups, known after pass 1: in order of first appearance. */
typedef struct {
    const char *name;
    guint64 documents;
    guint64 ngrams[SLANT_KEYNESS_MAX_NGRAMS]; /* n(L), candidates of length L = 1.. */
} SlantKeynessGroup;

guint slant_keyness_n_groups(const SlantKeynessCounter *c);
const SlantKeynessGroup *slant_keyness_group(const SlantKeynessCounter *c, guint i);
/* slant_keyness_find_group: the index of the group named @name, or -1. */
gint slant_keyness_find_group(const SlantKeynessCounter *c, const char *name);
guint64 slant_keyness_documents(const SlantKeynessCounter *c);

/* slant_keyness_end_pass: finish the pass.  Set the design
 * (slant_keyness_set_design()) before ending pass 1.  Ending pass 2 ranks the
 * candidates (the comparisons below are valid from then on, without
 * surface forms or examples); ending pass 3 adds those.  FALSE with
 * SLANT_ERROR_IO when a pass read another number of documents than pass 1
 * (the inputs changed under it). */
gboolean slant_keyness_end_pass(SlantKeynessCounter *c, GError **error);

/* slant_keyness_set_design: compare group @a (an index) with group @b (an
 * index, or SLANT_KEYNESS_REST), or each group with the rest (@a =
 * SLANT_KEYNESS_EACH).  Call once pass 1 has read its documents (the
 * groups are known then), before slant_keyness_end_pass() ends it.  The
 * caller checks that the groups exist and differ. */
void slant_keyness_set_design(SlantKeynessCounter *c, gint a, gint b);

/* ---- results --------------------------------------------------------------- *
 *
 * Everything below belongs to the counter and lives until
 * slant_keyness_free(): comparisons, candidates, terms, forms, examples and
 * their strings.  Read them after the last pass (slant_keyness_pass() is
 * 0); after pass 2 the comparisons hold their statistics but terms have
 * no stems, forms or examples yet. */

typedef struct {
    char *form;      /* normal forms joined by spaces */
    guint64 count;
} SlantKeynessForm;

typedef struct {
    guint32 entry;   /* index into the lexicon's entries */
    gboolean whole;  /* the entry's hit spans the whole term (else a part of it) */
} SlantKeynessEntryMatch;

/* A term shown in some comparison. */
typedef struct {
    char *stems;     /* stems joined by spaces, "illeg immigr" */
    guint n_words;
    guint64 corpus_count;
    GArray *forms;   /* SlantKeynessForm, most frequent first (then by form), in
                        the documents of the comparison's two groups */
    GArray *entries; /* SlantKeynessEntryMatch, after slant_keyness_match_lexicon():
                        whole ones first, then by entry */
} SlantKeynessTerm;

typedef struct {
    char *id;        /* document id */
    guint32 sentence;
    guint8 field;    /* SlantSegment */
    char *pre, *match, *post; /* white space runs as one space */
} SlantKeynessExample;

typedef struct {
    const SlantKeynessTerm *term;
    guint64 count_a, count_b;
    double rate_a, rate_b;   /* per 1,000 candidates of the term's length */
    double prior_w;          /* a_w */
    double log_odds, z, g2;  /* slant_stats_keyness(); g2 signed */
    double p, p_adjusted;    /* of G^2; BH over the candidates tested */
    gint lean;               /* +1: leans to a, -1: to b (the ranking statistic's sign) */
    GPtrArray *examples;     /* SlantKeynessExample*: the first in input order in the
                                documents of the group it leans to */
    const SlantKeynessTerm *within; /* nullable: a longer term of the same list with the
                                same counts in a and b that holds it (so every occurrence
                                of this one is inside one of that one's) */
} SlantKeynessCandidate;

typedef struct {
    gint a, b;                /* group indices; b may be SLANT_KEYNESS_REST */
    guint64 documents_a, documents_b;
    guint64 ngrams_a[SLANT_KEYNESS_MAX_NGRAMS], ngrams_b[SLANT_KEYNESS_MAX_NGRAMS];
    guint64 tested;           /* candidates at or above min_count */
    guint64 leaning_a, leaning_b; /* of those, how many lean each way */
    GPtrArray *to_a, *to_b;   /* SlantKeynessCandidate*, best first; to_b is empty for
                                 each group against the rest */
} SlantKeynessComparison;

guint slant_keyness_n_comparisons(const SlantKeynessCounter *c);
const SlantKeynessComparison *slant_keyness_comparison(const SlantKeynessCounter *c, guint i);

/* Corpus totals N(L) of candidates of length L = 1... */
guint64 slant_keyness_corpus_ngrams(const SlantKeynessCounter *c, guint length);
/* What the pruning kept: n-grams counted exactly in pass 2 (distinct) and
 * the (term, group) counts held. */
guint64 slant_keyness_n_counted(const SlantKeynessCounter *c);
guint64 slant_keyness_n_pairs(const SlantKeynessCounter *c);

/* slant_keyness_match_lexicon: for every term shown, the entries of @lex
 * that match its most frequent surface form (run through @lex's matcher,
 * every axis and category): into term->entries.  After pass 3.  NULL-safe
 * on a term without forms.  FALSE with SLANT_ERROR_LEXICON_LANGUAGE if
 * @lex's stemmer cannot be made. */
gboolean slant_keyness_match_lexicon(SlantKeynessCounter *c, const SlantLexicon *lex,
                                     GError **error);

G_END_DECLS

#endif

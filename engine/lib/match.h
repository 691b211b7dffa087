/* match.h: the per-document hot loop: tokens -> forms -> lexicon hits.
 *
 * A SlantMatcher belongs to one thread.  It owns a stemmer and a cache from
 * a token's raw bytes to its SlantForm: the normal form, the stem, and what
 * the lexicon says about it (the keys it satisfies, the entries it may
 * start, whether it is a modifier).  Each distinct form is normalized,
 * stemmed and looked up once per matcher; every later occurrence costs one
 * hash probe.  The matchers of a run's threads can share one table of
 * forms (SlantFormTable), so that a form is made once per run, not once
 * per thread.  Caches are bounded: the shared table takes a fixed number
 * of forms, and a matcher's own cache is emptied between two documents
 * when it holds more than SLANT_FORM_CACHE_MAX (results do not depend on
 * either).
 *
 * Matching follows DESIGN.md §4: within one group (an axis or a category)
 * leftmost-longest, a token consumed by at most one entry, ties broken by
 * specificity (exact > stem > prefix, summed over the words) and then file
 * order; a multi-word entry matches consecutive tokens of one sentence.
 * A negator among the negation_window tokens before a hit, in its sentence,
 * flips an axis hit to the other pole (the nearest negator is recorded);
 * an intensifier or diminisher right before a hit multiplies its weight.
 */
#ifndef SLANT_MATCH_H
#define SLANT_MATCH_H

#include <glib.h>

#include "lexicon.h"
#include "text.h"

G_BEGIN_DECLS

#define SLANT_FORM_CACHE_MAX (1u << 20)

/* What a form is as a modifier in one lexicon file. */
typedef struct {
    double factor;        /* intensifier/diminisher factor, else 1 */
    guint8 kind;          /* SlantModifierKind */
} SlantFormModifier;

/* SlantForm: what is known of one distinct token form.  Owned by a
 * matcher (see SlantFormTable for forms it shares); valid until the next
 * slant_matcher_analyze() call. */
typedef struct {
    /* what a lookup and the matcher read for every token, first */
    guint32 hash;
    guint32 raw_len;
    const char *raw;      /* the bytes as they stand in the text (NUL-terminated copy) */
    guint32 n_starts;
    guint16 n_keys;
    guint8 modifier;      /* SlantModifierKind, in the lexicon's first file */
    guint8 reserved;
    const guint32 *keys;  /* the lexicon keys the form satisfies, ascending */
    const guint32 *starts;/* entries whose first word it satisfies, ascending */
    double factor;        /* intensifier/diminisher factor, else 1 */
    const char *norm;     /* normal form, NUL-terminated (may be @raw) */
    const char *stem;     /* stem of the normal form, NUL-terminated (may be @norm) */
    guint32 norm_len, stem_len;
    /* with several lexicon files: what it is in files 1, 2, ... (the
     * first file's is @modifier and @factor); NULL with one file */
    const SlantFormModifier *more;
} SlantForm;

/* SlantHit: one lexicon hit.  Invariants: n_tokens >= 1; for an axis hit
 * pole is +1 or -1 (after negation) and weight > 0 (after intensifiers);
 * for a category hit pole is 0.  A hit is quoted when its first token is
 * (a phrase that runs out of a quotation takes its first word's side). */
typedef struct {
    guint32 entry;       /* index into the lexicon's entries */
    guint32 group;
    guint32 first_token; /* index into the document's tokens */
    guint32 n_tokens;
    double weight;       /* the entry's weight times the modifier factor */
    double factor;       /* the modifier factor (1 when none) */
    gint32 negator;      /* token index of the negator, or -1 */
    gint32 modifier;     /* token index of the intensifier/diminisher, or -1 */
    gint8 pole;          /* effective pole: +1, -1, or 0 for a category */
    guint8 negated;
    guint8 quoted;       /* its first token is inside a quotation (text.h) */
    guint8 reserved;
} SlantHit;

/* SlantShadow: with tracing on (slant_matcher_set_trace()), a place where
 * an entry matched the tokens but another entry of its group took them:
 * one that won at the same token (longer, more specific or earlier), or
 * an earlier hit that covers it.  @winner is never @entry. */
typedef struct {
    guint32 entry;
    guint32 winner;
    guint32 first_token;
} SlantShadow;

/* SlantAnalysis: one document's tokens, forms and hits.  Reused from
 * document to document (slant_analysis_init once, _clear at the end). */
typedef struct {
    GArray *tokens;  /* SlantToken */
    GPtrArray *forms;/* const SlantForm*, one per token */
    GArray *hits;    /* SlantHit, by first token, then group */
    GArray *shadows; /* SlantShadow, by first token; empty unless traced */
    guint32 n_sentences;
    const char *segments[2];  /* title (nullable) and text, as given */
    gsize segment_len[2];
} SlantAnalysis;

void slant_analysis_init(SlantAnalysis *a);
void slant_analysis_clear(SlantAnalysis *a);

/* SlantVoice: which hits count.  Reported speech carries other people's
 * framing: a researcher scores the outlet's own voice (the hits outside
 * quotations), the voices it quotes, or both. */
typedef enum {
    SLANT_VOICE_ALL = 0, /* every hit (the default) */
    SLANT_VOICE_OWN,     /* hits outside quotation marks */
    SLANT_VOICE_QUOTED,  /* hits inside them */
} SlantVoice;

/* slant_voice_name: "all", "own" or "quoted". */
const char *slant_voice_name(SlantVoice voice);
/* slant_voice_parse: @name ("all", "own", "quoted") into *@voice; FALSE
 * for any other name (*@voice untouched). */
gboolean slant_voice_parse(const char *name, SlantVoice *voice);

/* slant_analysis_select_voice: keep only the hits of @a that @voice
 * counts (and the shadows at the tokens it counts), in their order;
 * tokens and forms stay as they are.  Nothing changes for
 * SLANT_VOICE_ALL.  Returns how many hits were dropped. */
guint slant_analysis_select_voice(SlantAnalysis *a, SlantVoice voice);

typedef struct _SlantMatcher SlantMatcher;

/* slant_matcher_new: a matcher for @lex (which must outlive it).  NULL with
 * SLANT_ERROR_LEXICON_LANGUAGE if the stemmer cannot be made. */
SlantMatcher *slant_matcher_new(const SlantLexicon *lex, GError **error);

/* SlantFormTable: a cache of forms shared by the matchers of a run, so
 * that with many threads each distinct form is still made about once, and
 * kept once.  Fixed in size (@capacity slots, a power of two; it takes up
 * to 5/8 of that many forms); lock-free.  A form in it lives in the memory
 * of the matcher that made it, which every other matcher may be reading:
 * free the matchers of a table together, once none is in use, and the
 * table after them. */
typedef struct _SlantFormTable SlantFormTable;
SlantFormTable *slant_form_table_new(guint32 capacity);
void slant_form_table_free(SlantFormTable *t); /* NULL is a no-op */
guint slant_form_table_size(const SlantFormTable *t);

/* slant_matcher_new_shared: a matcher that looks forms up in @shared
 * (nullable) first, and adds the new ones there while it takes them. */
SlantMatcher *slant_matcher_new_shared(const SlantLexicon *lex, SlantFormTable *shared,
                                       GError **error);
void slant_matcher_free(SlantMatcher *m); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantMatcher, slant_matcher_free)

/* slant_matcher_analyze: tokenize @title (nullable; scored as the first
 * sentence) and @text (valid UTF-8), look every token up, and find the
 * hits.  The strings must stay alive while @out is used. */
void slant_matcher_analyze(SlantMatcher *m, const char *title, gsize title_len,
                           const char *text, gsize text_len, SlantAnalysis *out);

/* slant_matcher_set_trace: record in SlantAnalysis.shadows every match an
 * entry lost to another (for `lexicon coverage`); off by default, and it
 * costs a look at every candidate of every token. */
void slant_matcher_set_trace(SlantMatcher *m, gboolean trace);

/* slant_matcher_form: the form of the @len bytes at @s (one token). */
const SlantForm *slant_matcher_form(SlantMatcher *m, const char *s, gsize len);

/* slant_matcher_cache_size: how many forms the cache holds now. */
guint slant_matcher_cache_size(const SlantMatcher *m);

/* slant_token_text: the bytes of token @t of @a (not NUL-terminated). */
const char *slant_token_text(const SlantAnalysis *a, const SlantToken *t);

G_END_DECLS

#endif

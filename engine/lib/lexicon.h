/* lexicon.h: loading, validating and compiling a framing lexicon
 * (DESIGN.md §4).
 *
 * A SlantLexicon is immutable once loaded and may be shared by all worker
 * threads.  Loading validates every field and reports the first problem as
 * "FILE:LINE:COL: message" in one of the SLANT_ERROR_LEXICON_* codes.
 *
 * Compiling turns each pattern into words of three kinds: a stem word (the
 * normalized token stemmed in the lexicon's language), an exact word
 * ("=word": the normalized surface form) and a prefix word ("word*": a
 * prefix of the normalized surface form).  Every distinct (kind, text) is a
 * "key" with an integer id; the matcher asks which keys a token form
 * satisfies and which entries start with a key.
 *
 * Entries belong to one group: each axis is a group and each category is a
 * group (group ids: axes first, in file order, then categories).  Matching
 * is independent per group.
 */
#ifndef SLANT_LEXICON_H
#define SLANT_LEXICON_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    SLANT_POLE_NONE = 0,      /* a category entry */
    SLANT_POLE_POSITIVE = 1,
    SLANT_POLE_NEGATIVE = -1,
} SlantPole;

/* The order is the order of specificity: exact > stem > prefix. */
typedef enum {
    SLANT_WORD_EXACT = 0,
    SLANT_WORD_STEM = 1,
    SLANT_WORD_PREFIX = 2,
} SlantWordKind;

typedef struct {
    SlantWordKind kind;
    char *text;   /* stem, normalized form or normalized prefix */
    guint32 key;  /* the key id of (kind, text) */
} SlantPatternWord;

/* SlantEntry: one compiled lexicon entry.  Invariants: n_words >= 1;
 * exactly one of axis and category is >= 0; pole is NONE iff category >= 0;
 * weight > 0. */
typedef struct {
    char *pattern;    /* as written in the file */
    char *canonical;  /* the compiled words, e.g. "=article 5" or "strengthen* tie" */
    char *note;       /* nullable */
    guint32 index;    /* position in the file's entries array */
    guint32 group;
    gint32 axis;      /* index into axes, or -1 */
    gint32 category;  /* index into categories, or -1 */
    SlantPole pole;
    double weight;
    SlantPatternWord *words;
    guint32 n_words;
    guint32 specificity; /* sum of word kinds: lower is more specific */
    guint line, col;     /* where the entry stands in the file */
} SlantEntry;

typedef struct {
    char *id;
    char *positive;   /* the positive pole's name, e.g. "alliance-supportive" */
    char *negative;
    char *description; /* nullable */
} SlantAxis;

typedef struct {
    char *id;
    char *label;       /* nullable */
    char *description; /* nullable */
} SlantCategory;

typedef enum {
    SLANT_MODIFIER_NONE = 0,
    SLANT_MODIFIER_NEGATOR = 1,
    SLANT_MODIFIER_INTENSIFIER = 2,
    SLANT_MODIFIER_DIMINISHER = 3,
} SlantModifierKind;

typedef struct _SlantLexicon SlantLexicon;

/* slant_lexicon_load: read, validate and compile the lexicon file at
 * @path.  @display_name (nullable: @path) names the file in messages and in
 * reports.  NULL with SLANT_ERROR_IO when the file cannot be read, else with
 * a SLANT_ERROR_LEXICON_* code and a "NAME:LINE:COL: " prefix.  The file
 * may open with a UTF-8 byte order mark: lines and columns (characters,
 * from 1) count from after it, its sha256 is the whole file's.  "\u0000"
 * in a string is SLANT_ERROR_LEXICON_SYNTAX at its backslash (it would cut
 * the string short). */
SlantLexicon *slant_lexicon_load(const char *path, const char *display_name, GError **error);

/* slant_lexicon_load_data: the same from @len bytes in memory. */
SlantLexicon *slant_lexicon_load_data(const char *data, gsize len, const char *display_name,
                                      GError **error);

void slant_lexicon_free(SlantLexicon *lexicon); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantLexicon, slant_lexicon_free)

const char *slant_lexicon_name(const SlantLexicon *lex);
const char *slant_lexicon_version(const SlantLexicon *lex);
const char *slant_lexicon_language(const SlantLexicon *lex);
const char *slant_lexicon_description(const SlantLexicon *lex); /* nullable */
const char *slant_lexicon_sha256(const SlantLexicon *lex);      /* of the file's bytes, hex */
const char *slant_lexicon_path(const SlantLexicon *lex);        /* the display name */

guint slant_lexicon_n_axes(const SlantLexicon *lex);
const SlantAxis *slant_lexicon_axis(const SlantLexicon *lex, guint i);
guint slant_lexicon_n_categories(const SlantLexicon *lex);
const SlantCategory *slant_lexicon_category(const SlantLexicon *lex, guint i);
guint slant_lexicon_n_groups(const SlantLexicon *lex); /* axes + categories */
guint slant_lexicon_n_entries(const SlantLexicon *lex);
const SlantEntry *slant_lexicon_entry(const SlantLexicon *lex, guint i);

/* Keys (see above).  lookup: the key id of (@kind, @text), or -1. */
guint slant_lexicon_n_keys(const SlantLexicon *lex);
gint32 slant_lexicon_lookup_key(const SlantLexicon *lex, SlantWordKind kind, const char *text,
                                gsize len);
/* The longest prefix key, in bytes (0 when there are no prefix entries). */
gsize slant_lexicon_max_prefix_len(const SlantLexicon *lex);
/* slant_lexicon_prefix_keys: the prefix keys that @norm (@len bytes, a
 * normal form) starts with, ending on character boundaries, shortest
 * first, into @out (room for max_prefix_len); returns how many. */
guint slant_lexicon_prefix_keys(const SlantLexicon *lex, const char *norm, gsize len,
                                guint32 *out);
/* The entries whose first word is @key, in file order.  Lives as long as @lex. */
const guint32 *slant_lexicon_entries_starting_with(const SlantLexicon *lex, guint32 key,
                                                   guint *n);

/* Modifiers.  The kind of the normalized token @norm (a token ending in
 * "n't" is a negator) and, for intensifiers and diminishers, its factor. */
SlantModifierKind slant_lexicon_modifier(const SlantLexicon *lex, const char *norm, gsize len,
                                         double *factor);
guint slant_lexicon_negation_window(const SlantLexicon *lex);

/* slant_lexicon_lint: warnings that do not make the lexicon invalid, as
 * "NAME:LINE:COL: warning: ..." strings (newly allocated GPtrArray of
 * char*): entries in one group whose compiled words are the same (stem
 * collisions: "deterrence" and "deterrent"), with different poles or
 * weights or not; entries without a note (the first five by name, then
 * one line with the count of the others). */
GPtrArray *slant_lexicon_lint(const SlantLexicon *lex);

/* slant_lexicon_pole_name: "positive"/"negative"/"none". */
const char *slant_pole_name(SlantPole pole);
/* slant_word_kind_name: "exact"/"stem"/"prefix". */
const char *slant_word_kind_name(SlantWordKind kind);

G_END_DECLS

#endif

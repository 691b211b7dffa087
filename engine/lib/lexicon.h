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
 *
 * A lexicon may be loaded from several files at once (--lexicon given
 * several times): each file is a "source" with its own identity and
 * modifiers; their axes, categories and entries follow each other in the
 * order the files were given (all axes first, then all categories), ids
 * must differ across the files, and one language serves them all.
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
    guint32 index;    /* position among the lexicon's entries */
    guint32 group;
    gint32 axis;      /* index into axes, or -1 */
    gint32 category;  /* index into categories, or -1 */
    SlantPole pole;
    double weight;
    SlantPatternWord *words;
    guint32 n_words;
    guint32 specificity; /* sum of word kinds: lower is more specific */
    guint line, col;     /* where the entry stands in the file */
    gboolean negatable;  /* a negator flips it (default); FALSE: "negatable": false */
    gint32 from_category;/* an axis entry made from a category's (the axis's
                          * positive_categories or negative_categories): that
                          * category; else -1 */
    guint32 source;      /* the file it comes from (see SlantLexiconSource) */
} SlantEntry;

/* slant_entry_better: does @cand win over @best, both of one group matching
 * at one position?  The longest wins, then the most specific (the lower
 * sum of word kinds: exact > stem > prefix), then the earlier. */
static inline gboolean
slant_entry_better(const SlantEntry *cand, const SlantEntry *best)
{
    if (cand->n_words != best->n_words)
        return cand->n_words > best->n_words;
    if (cand->specificity != best->specificity)
        return cand->specificity < best->specificity;
    return cand->index < best->index;
}

typedef struct {
    char *id;
    char *positive;   /* the positive pole's name, e.g. "alliance-supportive" */
    char *negative;
    char *description; /* nullable */
    gint negation_window; /* this axis's, or -1: the lexicon's */
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

/* SlantLexiconSource: one file of a lexicon.  Its axes are
 * [first_axis, first_axis + n_axes) of the lexicon's, its categories and
 * entries likewise (its entries made from categories, by an axis's
 * positive_categories / negative_categories, come last:
 * [first_entry + n_file_entries, first_entry + n_entries)). */
typedef struct {
    const char *name, *version, *language, *description, *sha256, *path;
    guint first_axis, n_axes;
    guint first_category, n_categories;
    guint first_entry, n_entries, n_file_entries;
    guint negation_window;      /* modifiers.negation_window (default 3) */
    gint summary_axis;          /* "summary": its axis (among all), or -1 */
    const char *summary_score;  /* nullable */
    const char *summary_description; /* nullable */
} SlantLexiconSource;

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

/* slant_lexicon_load_many: one lexicon from the @n files at @paths
 * (@display_names: nullable, or one nullable name per path), scored
 * together: see above.  An axis or category id two files share is an
 * error (SLANT_ERROR_LEXICON_DUPLICATE) at the second naming the first; so
 * is a file in another language (SLANT_ERROR_LEXICON_LANGUAGE). */
SlantLexicon *slant_lexicon_load_many(const char *const *paths, const char *const *display_names,
                                      guint n, GError **error);
/* slant_lexicon_load_data_many: the same from memory. */
SlantLexicon *slant_lexicon_load_data_many(const char *const *datas, const gsize *lens,
                                           const char *const *display_names, guint n,
                                           GError **error);

/* slant_lexicon_new_for_patterns: a lexicon of @n patterns (the pattern
 * syntax of lexicon entries), each alone in a category of its own, "p1",
 * "p2", ... (labelled with the pattern), so that each matches wherever it
 * can; no modifiers.  For `kwic` and other looks at a corpus without a
 * lexicon file.  FALSE-y (NULL) with SLANT_ERROR_USAGE naming the pattern
 * that cannot be compiled ("pattern 'x*y': ..."), or
 * SLANT_ERROR_LEXICON_LANGUAGE for a language libstemmer lacks. */
SlantLexicon *slant_lexicon_new_for_patterns(const char *const *patterns, guint n,
                                             const char *language, GError **error);

void slant_lexicon_free(SlantLexicon *lexicon); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantLexicon, slant_lexicon_free)

/* The lexicon's identity: one file's, or for several files their names,
 * versions and display names joined by '+', the first file's description,
 * and the sha256 (hex) of the files' sha256s, each followed by a newline. */
const char *slant_lexicon_name(const SlantLexicon *lex);
const char *slant_lexicon_version(const SlantLexicon *lex);
const char *slant_lexicon_language(const SlantLexicon *lex);
const char *slant_lexicon_description(const SlantLexicon *lex); /* nullable */
const char *slant_lexicon_sha256(const SlantLexicon *lex);      /* of the file's bytes, hex */
const char *slant_lexicon_path(const SlantLexicon *lex);        /* the display name */

/* The files: at least one. */
guint slant_lexicon_n_sources(const SlantLexicon *lex);
const SlantLexiconSource *slant_lexicon_source(const SlantLexicon *lex, guint i);
/* slant_lexicon_group_source: the file group @group comes from. */
guint slant_lexicon_group_source(const SlantLexicon *lex, guint group);

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

/* Modifiers.  The kind of the normalized token @norm and, for
 * intensifiers and diminishers, its factor.  Negators are the lexicon's
 * "modifiers.negators" (words, or "*SUFFIX": any token ending in SUFFIX,
 * as "*n't"); without that key, the language's default list
 * (slant_lexicon_default_negators()); "negators": [] means none. */
SlantModifierKind slant_lexicon_modifier(const SlantLexicon *lex, guint source, const char *norm,
                                         gsize len, double *factor);
/* slant_lexicon_group_negation_window: the window of group @group (an
 * axis's own, else the lexicon's). */
guint slant_lexicon_group_negation_window(const SlantLexicon *lex, guint group);
/* slant_lexicon_default_negators: the negators a lexicon of @language gets
 * when it names none (NULL-terminated, static; English: not, no, never,
 * without, *n't; other languages: none yet). */
const char *const *slant_lexicon_default_negators(const char *language);
/* slant_lexicon_negators: the negators of file @source, as written (a new
 * NULL-terminated array of the lexicon's strings: g_free() the array only). */
const char **slant_lexicon_negators(const SlantLexicon *lex, guint source);
/* How many negators, intensifiers and diminishers file @source lists. */
guint slant_lexicon_n_modifiers(const SlantLexicon *lex, guint source);

typedef enum {
    SLANT_LINT_SCORES = 1 << 0, /* what changes scores: collisions, shadowed and dead entries */
    SLANT_LINT_NOTES = 1 << 1,  /* what documents them: entries without a note */
    SLANT_LINT_ALL = SLANT_LINT_SCORES | SLANT_LINT_NOTES,
} SlantLintFlags;

/* slant_lexicon_lint: warnings that do not make the lexicon invalid, as
 * "PATH:LINE:COL: warning: ..." strings (newly allocated GPtrArray of
 * char*), entry by entry in file order.  SLANT_LINT_SCORES: entries in one
 * group whose compiled words are the same (stem collisions: "deterrence"
 * and "deterrent"); entries that never win at the tokens they match,
 * because another entry of their group of the same length matches
 * wherever they do and wins the tie-break (more specific, or earlier),
 * named; entries that lose wherever their words stem as another's
 * ("illegal immigrant*" to the stem entry "illegal immigration"); phrases
 * whose words the tokenizer puts in two sentences.  SLANT_LINT_NOTES:
 * entries without a note (the first five by name, then one line with the
 * count of the others). */
GPtrArray *slant_lexicon_lint(const SlantLexicon *lex, SlantLintFlags what);

/* slant_lexicon_pole_name: "positive"/"negative"/"none". */
const char *slant_pole_name(SlantPole pole);

/* slant_lexicon_is_identifier: an id a lexicon accepts for an axis or a
 * category: ASCII letters, digits, '-', '_' and '.', not empty. */
gboolean slant_lexicon_is_identifier(const char *s);

/* slant_lexicon_error_reason: the error @message of a lexicon slant wrote
 * itself (from patterns, for a language) without its "NAME:LINE:COL: "
 * position, which points into text the user never saw; a pointer into
 * @message. */
const char *slant_lexicon_error_reason(const char *message);
/* slant_word_kind_name: "exact"/"stem"/"prefix". */
const char *slant_word_kind_name(SlantWordKind kind);

G_END_DECLS

#endif

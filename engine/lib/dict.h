/* dict.h: dictionaries of other tools, imported to slant lexicons and
 * exported from them (DESIGN.md §4, "LIWC .dic/.dicx dictionaries and plain
 * term<TAB>weight lists can be imported"; §6, `lexicon import` / `export`).
 *
 * A SlantDict is a dictionary as read from a file: its categories in file
 * order and its entries (term, category, weight, line) in file order, one
 * entry per (term, category) pair.  Formats:
 *
 *   dic    LIWC 2007/2015: a '%' line, "ID<TAB>category" lines, a '%'
 *          line, then "term<TAB>ID<TAB>ID..." lines (ids may also be
 *          separated by spaces; leading white space before an id in the
 *          header, LIWC2015's hierarchy, is passed over: categories are
 *          flat; text after another tab in the header is a label).  LIWC2015's conditional ids ("(02 134)125/464") are an
 *          error naming the line: they give one category or another by the
 *          word before, which slant cannot express, and keeping only the
 *          plain ids would silently lose the term from those categories.
 *   dicx   LIWC-22: CSV (RFC 4180), a header row "DicTerm,<cat>,<cat>...",
 *          then one row per term: "X" (or "x") for membership, a number as
 *          the weight in that category, an empty cell or 0 for none.
 *   yaml   quanteda's dictionary YAML: nested block mappings whose leaves are
 *          block sequences ("- term"), flow sequences ("[a, b]") or one
 *          scalar; plain, 'single-' and "double-quoted" scalars; comments; a
 *          leading "---".  A leaf's keys joined with '.' name its category
 *          ("politics.parties"); keys with sub-keys are not categories
 *          themselves (quanteda's flattened keys).  Anything else (anchors,
 *          aliases, tags, block scalars, flow mappings, multi-line scalars,
 *          several documents) is an error naming its line.
 *   tsv    "term<TAB>weight" (a polar list: no categories, the weight's sign
 *          gives the pole; AFINN and most published lists) or
 *          "term<TAB>category[<TAB>weight]"; the first line that is neither
 *          blank nor a '#' comment fixes the shape for the file.
 *
 * Terms are surface forms.  A word ending in '*' is a glob (slant's
 * prefix*); '*' anywhere else is an error; words separated by white space
 * make a phrase; a word of punctuation alone is passed over (the tokenizer
 * passes over it in text too), but a term with no letters or digits at all
 * is an error.  A category name that is not a slant identifier (letters,
 * digits, '-', '_', '.') gets one, each run of other characters becoming
 * '_', with the name kept as the category's label and a warning.
 *
 * A line that cannot be read is an error "NAME:LINE: message" (invalid
 * UTF-8: "NAME:LINE:COL: invalid UTF-8") in one of the SLANT_ERROR_LEXICON_*
 * codes: SYNTAX (a missing tab, a '%' header that never closes, an
 * unterminated CSV quote, YAML outside the subset, LIWC conditional ids),
 * VALUE (a bad number, a weight outside [0.001, 100], a bad .dicx cell),
 * REFERENCE (an unknown category id), PATTERN (a term without a word, a '*'
 * inside a word), DUPLICATE (a category id or name twice, a term twice in one
 * category or axis).  Nothing is left out silently: what is left out (the
 * weight-0 terms of a polar list, .dicx rows in no category, terms that stem
 * alike with --stem) is named in a warning.
 *
 * Warnings are appended to the caller's GPtrArray (nullable: then they are
 * dropped) as newly allocated strings "NAME:LINE: message" or "NAME:
 * message", without "warning:"; the array must free its elements with
 * g_free.  The library never prints.
 */
#ifndef SLANT_DICT_H
#define SLANT_DICT_H

#include <glib.h>

#include "lexicon.h"

G_BEGIN_DECLS

typedef enum {
    SLANT_DICT_AUTO = 0, /* reading: from the content, else the name's extension */
    SLANT_DICT_LIWC,     /* "dic" */
    SLANT_DICT_LIWC22,   /* "dicx" */
    SLANT_DICT_YAML,     /* "yaml" */
    SLANT_DICT_TSV,      /* "tsv" */
} SlantDictFormat;

/* SlantDictCategory: one category.  Invariant: id is a slant identifier,
 * unique in its dictionary. */
typedef struct {
    char *id;
    char *label; /* the name as written when id had to be made from it, and
                  * (.dic) text after the name in the header; nullable */
    guint line;  /* where it is defined (its first use, for TSV) */
} SlantDictCategory;

/* SlantDictEntry: one term in one category.  Invariants: term holds a
 * letter or digit; in a polar list category is -1 and weight is a signed
 * number with |weight| in [0.001, 100]; otherwise category indexes the
 * categories and weight is in [0.001, 100]. */
typedef struct {
    char *term;   /* as written, trimmed */
    gint category;
    double weight;
    guint line;
} SlantDictEntry;

typedef struct _SlantDict SlantDict;

/* slant_dict_read: read the dictionary file at @path (named @path in
 * messages) in @format (AUTO: see slant_dict_read_data()).  NULL with
 * SLANT_ERROR_IO when the file cannot be read, or as
 * slant_dict_read_data(). */
SlantDict *slant_dict_read(const char *path, SlantDictFormat format, GPtrArray *warnings,
                           GError **error);

/* slant_dict_read_data: the same from @len bytes at @data (not necessarily
 * NUL-terminated; not kept), named @name in messages and notes.  AUTO
 * takes "dic" when the first line that is not blank is '%', "dicx" when
 * the first line starts with "DicTerm,", else the extension of @name
 * (.dic, .dicx, .yml/.yaml, .tsv/.tab/.txt), else "tsv" when that line has
 * a tab and "yaml" when it has a ':'; else an error. */
SlantDict *slant_dict_read_data(const char *data, gsize len, const char *name,
                                SlantDictFormat format, GPtrArray *warnings, GError **error);

void slant_dict_free(SlantDict *dict); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantDict, slant_dict_free)

/* Accessors; pointers live as long as @dict. */
const char *slant_dict_name(const SlantDict *dict);
SlantDictFormat slant_dict_format(const SlantDict *dict); /* as read: never AUTO */
gboolean slant_dict_is_polar(const SlantDict *dict);       /* a term<TAB>weight list */
guint slant_dict_n_categories(const SlantDict *dict);
const SlantDictCategory *slant_dict_category(const SlantDict *dict, guint i);
guint slant_dict_n_entries(const SlantDict *dict);
const SlantDictEntry *slant_dict_entry(const SlantDict *dict, guint i);
/* How many terms reading left out, each named in a warning. */
guint slant_dict_n_left_out(const SlantDict *dict);

/* How a dictionary becomes a lexicon.  Every field is nullable / FALSE.
 *
 * A polar list gives one axis, @axis (default "sentiment"), whose poles
 * are named @positive and @negative (default "positive-sentiment" and
 * "negative-sentiment").  A dictionary of categories gives a lexicon of
 * categories, unless @axis is given: then @positive and @negative must
 * name two of its categories (by id, or by the name written in the file
 * when the id was made from it), whose entries go to the positive and the
 * negative pole of the axis @axis, the poles named after them (a category
 * named "positive" or "negative", names the loader reserves, names its pole
 * "AXIS-positive" or "AXIS-negative", with a warning); the other categories
 * stay categories.
 *
 * Patterns: each word becomes an "=exact" word (dictionaries list surface
 * forms) unless it is a glob ("prefix*") or @stem is set (plain words,
 * matched by stem).  Each entry gets the note "BASE line N: 'term' in
 * CATEGORY" ("BASE line N: 'term' WEIGHT" in a polar list), BASE being the
 * base name of the dictionary's name. */
typedef struct {
    const char *name;     /* the lexicon's name; default: the base name up to its first '.' */
    const char *language; /* the stemmer's language; default "english" */
    const char *axis;
    const char *positive;
    const char *negative;
    gboolean stem;
} SlantDictLexiconOptions;

/* slant_dict_to_lexicon: the JSON text of the lexicon @dict gives with
 * @opts (NULL: all defaults), newly allocated (g_free), which
 * slant_lexicon_load_data() accepts: it is loaded before it is returned,
 * and when @lexicon is not NULL the loaded lexicon is handed over in
 * *@lexicon (named "NAME.json" after the lexicon; the caller frees it).
 *
 * Two terms of one category (or one axis) that compile to the same words
 * are one entry: when their surface words are the same ("Calm", "calm")
 * that is an error SLANT_ERROR_LEXICON_DUPLICATE naming both lines; when
 * only their stems agree (--stem: "run", "running") the later is left out
 * with a warning naming both lines, as the earlier would always win.
 *
 * Errors: SLANT_ERROR_USAGE for options that do not fit @dict (an unknown
 * category, --positive without --axis, an axis id that is not an
 * identifier), SLANT_ERROR_LEXICON_LANGUAGE for a language libstemmer does
 * not have, SLANT_ERROR_LEXICON_DUPLICATE as above, SLANT_ERROR_EMPTY when
 * there is no entry.  A generated lexicon the loader refuses would be a bug
 * here: its error says so ("a bug in slant"). */
char *slant_dict_to_lexicon(const SlantDict *dict, const SlantDictLexiconOptions *opts,
                            GPtrArray *warnings, SlantLexicon **lexicon, GError **error);

/* slant_dict_export: @lex written as a dictionary in @format (dic, dicx or
 * yaml; newly allocated), UTF-8 with "\n" line ends.  Categories stay
 * categories, in order, after the axes; each axis becomes two categories
 * named by its poles (positive first), so that importing the export with
 * --axis ID --positive POS --negative NEG gives the axis back.  Terms are
 * the patterns without '=' markers.  What @format cannot carry is said in
 * warnings, not dropped silently: weights other than 1 (dic, yaml), stem
 * words (they become surface words: import with --stem to stem them
 * again), modifiers and the negation window, notes, labels and
 * descriptions.  Two entries of one group that would be one dictionary
 * term ("=deterrence" and "deterrence") are written once, with a warning
 * (the later never matches on import).  In a .dic, a term's categories
 * share its line, unless that would change the order of a category's
 * entries: the term then gets another line.
 *
 * Errors: SLANT_ERROR_USAGE for a format that cannot be written (auto,
 * tsv), SLANT_ERROR_LEXICON_DUPLICATE when two groups would be one
 * category (a pole named like a category or another pole). */
char *slant_dict_export(const SlantLexicon *lex, SlantDictFormat format, GPtrArray *warnings,
                        GError **error);

/* slant_dict_format_name: "auto", "dic", "dicx", "yaml", "tsv". */
const char *slant_dict_format_name(SlantDictFormat format);

/* slant_dict_format_parse: the format named @name (the names above, and
 * "liwc", "liwc22", "yml"); FALSE for anything else. */
gboolean slant_dict_format_parse(const char *name, SlantDictFormat *out);

/* slant_dict_format_from_path: the format a file name's extension says
 * (.dic, .dicx, .yml/.yaml, .tsv/.tab/.txt), else AUTO. */
SlantDictFormat slant_dict_format_from_path(const char *path);

G_END_DECLS

#endif

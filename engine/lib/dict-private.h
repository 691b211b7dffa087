/* dict-private.h: what dict.c shares with the format files dict-liwc.c
 * (.dic), dict-dicx.c (.dicx), dict-yaml.c (YAML) and dict-tsv.c (TSV).
 *
 * A reader gets the dictionary's text (valid UTF-8 without NUL bytes, a
 * leading byte-order mark removed, NUL-terminated, its own to change) and
 * fills the SlantDict through dict_add_category() and dict_add_entry(),
 * which check names, terms and weights; it reports the first problem with
 * dict_fail() and returns FALSE.  A writer gets a DictExport, the lexicon
 * already cut into categories and lines of terms, and appends its text.
 * A new format is one new file and one row in dict.c's table.
 */
#ifndef SLANT_DICT_PRIVATE_H
#define SLANT_DICT_PRIVATE_H

#include "dict.h"

G_BEGIN_DECLS

#define DICT_MIN_WEIGHT 0.001 /* the loader's range: weights are summed in millionths */
#define DICT_MAX_WEIGHT 100.0

struct _SlantDict {
    char *name;              /* display name */
    SlantDictFormat format;
    gboolean polar;
    GPtrArray *categories;   /* SlantDictCategory* */
    GArray *entries;         /* SlantDictEntry */
    GHashTable *category_ids; /* id -> index + 1 (ids owned by categories) */
    guint n_left_out;
    GPtrArray *warnings;     /* the caller's, nullable; only while reading */
    GArray *tokens;          /* scratch for dict_check_term() */
};

/* dict_fail: set @error to "NAME:LINE: MESSAGE" (LINE 0: "NAME: MESSAGE")
 * in SLANT_ERROR with @code; returns FALSE. */
G_GNUC_PRINTF(5, 6)
gboolean dict_fail(const SlantDict *d, GError **error, int code, guint line, const char *fmt, ...);

/* dict_warn: append "NAME:LINE: MESSAGE" (LINE 0: "NAME: MESSAGE") to the
 * warnings being collected, if any. */
G_GNUC_PRINTF(3, 4)
void dict_warn(SlantDict *d, guint line, const char *fmt, ...);

/* dict_add_category: add the category @name (defined at @line) and return
 * its index, or -1 with @error set: an empty name, a name without ASCII
 * letters or digits, or one whose id is taken (SLANT_ERROR_LEXICON_DUPLICATE,
 * naming the first line).  A name that is not an identifier gets one,
 * with a warning. */
gint dict_add_category(SlantDict *d, const char *name, guint line, GError **error);

/* dict_check_term: FALSE with @error set (naming @line) when @term cannot
 * be a dictionary term (see dict.h: no letter or digit, a '*' that does
 * not end a word). */
gboolean dict_check_term(SlantDict *d, const char *term, guint line, GError **error);

/* dict_add_entry: check @term (dict_check_term()) and @weight (in
 * [0.001, 100], or its absolute value for a polar list, where @category is
 * -1) and append the entry; FALSE with @error set. */
gboolean dict_add_entry(SlantDict *d, const char *term, gint category, double weight, guint line,
                        GError **error);

/* dict_parse_number: a decimal number (sign, digits, '.', exponent: no
 * hex, inf or nan), the whole of @s; FALSE for anything else. */
gboolean dict_parse_number(const char *s, double *out);

/* dict_format_number: @w as the shortest decimal text that reads back
 * as @w (as cJSON prints numbers), into @buf. */
void dict_format_number(double w, char buf[32]);


/* dict_identifier_of: the identifier made from @name: each run of
 * characters other than ASCII letters, digits, '-', '_' and '.' becomes one
 * '_' (none at either end); NULL when no letter or digit is left; newly
 * allocated. */
char *dict_identifier_of(const char *name);

/* dict_raw_words: the words of @term, split at ASCII white space; a
 * NULL-terminated, newly allocated array (g_strfreev). */
char **dict_raw_words(const char *term);

/* dict_warn_to: append a warning to @warnings (nullable). */
G_GNUC_PRINTF(2, 3)
void dict_warn_to(GPtrArray *warnings, const char *fmt, ...);

/* Lines of a text: dict_next_line() cuts @*p at the next '\n' (a '\r'
 * before it removed) and returns the line, or NULL at the end; @*p moves
 * past it.  The text is changed in place. */
char *dict_next_line(char **p);

/* ---- export ---- */

/* One dictionary line: a term and the categories it stands in there, each
 * with its weight, in ascending category order of their first use. */
typedef struct {
    char *term;
    GArray *cats;    /* guint: index into DictExport.categories */
    GArray *weights; /* double, one per cat */
} DictExportLine;

typedef struct {
    const SlantLexicon *lex;
    GPtrArray *categories; /* char*: names, axes' poles first */
    GPtrArray *lines;      /* DictExportLine*, in order; each category's terms in its entries' order */
} DictExport;

/* ---- the formats ---- */

typedef gboolean (*DictReadFunc)(SlantDict *d, char *text, GError **error);
typedef void (*DictWriteFunc)(const DictExport *x, GString *out);

/* One row of dict.c's table of formats. */
typedef struct {
    SlantDictFormat format;
    const char *name;
    const char *alias;
    const char *const *extensions;
    DictReadFunc read;
    DictWriteFunc write;   /* NULL: not an export format */
    gboolean weights;      /* the written format carries weights */
    gboolean by_category;  /* it lists each category's terms together, not term by term */
} DictFormatClass;

/* dict_format_class: the row of @f; NULL for AUTO. */
const DictFormatClass *dict_format_class(SlantDictFormat f);

gboolean dict_liwc_read(SlantDict *d, char *text, GError **error);
void dict_liwc_write(const DictExport *x, GString *out);
gboolean dict_dicx_read(SlantDict *d, char *text, GError **error);
void dict_dicx_write(const DictExport *x, GString *out);
gboolean dict_yaml_read(SlantDict *d, char *text, GError **error);
void dict_yaml_write(const DictExport *x, GString *out);
gboolean dict_tsv_read(SlantDict *d, char *text, GError **error);

G_END_DECLS

#endif

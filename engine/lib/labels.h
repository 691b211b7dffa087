/* labels.h: keys that group documents, and what a corpus said of them.
 *
 * A SlantKey names what a document is grouped (or matched) by:
 *
 *   "source"        the document's source (outlet)
 *   "label.NAME"    the value of label NAME (a flattened, dotted name:
 *                   "label.article_level.relative_stance")
 *   "date:year"     the year of the date, "2019"
 *   "date:month"    "2019-04"
 *   "date:day"      "2019-04-19"
 *
 * A document has no value for a key when it lacks the label, when the
 * label is null or "", or when its date is missing or does not start with
 * an ISO 8601 date precise enough for the key (YYYY, YYYY-MM, YYYY-MM-DD;
 * what follows a full date, such as a time, is not read).  Such documents
 * form the group SLANT_KEY_NONE, which is counted like any other.  A
 * label value that is a number, a boolean or an array groups by its JSON
 * text ("3", "true", "[\"a\"]").
 *
 * A SlantKeyCount follows a run's documents to tell, at the end, a key
 * that matched nothing (a misspelt label: every document lacks it) from a
 * key whose documents merely lack values.
 */
#ifndef SLANT_LABELS_H
#define SLANT_LABELS_H

#include <glib.h>

#include "corpus.h"

G_BEGIN_DECLS

#define SLANT_KEY_NONE "(none)"

typedef enum {
    SLANT_KEY_SOURCE,
    SLANT_KEY_LABEL,
    SLANT_KEY_DATE_YEAR,
    SLANT_KEY_DATE_MONTH,
    SLANT_KEY_DATE_DAY,
} SlantKeyKind;

typedef struct {
    SlantKeyKind kind;
    char *label; /* the label's name for SLANT_KEY_LABEL, else NULL */
    char *spec;  /* as written: "label.stance" */
} SlantKey;

/* Why a document has no value for a key. */
typedef enum {
    SLANT_KEY_FOUND,
    SLANT_KEY_ABSENT,  /* no such label, or no date */
    SLANT_KEY_EMPTY,   /* the label is null or "" */
    SLANT_KEY_INVALID, /* a date that is not ISO 8601 to the key's precision */
} SlantKeyStatus;

/* slant_key_parse: fill @key from @spec; FALSE with SLANT_ERROR_USAGE
 * naming @option ("--group-by") when @spec is none of the forms above.
 * Clear with slant_key_clear(). */
gboolean slant_key_parse(SlantKey *key, const char *spec, const char *option, GError **error);
void slant_key_clear(SlantKey *key);

/* slant_key_is_source: TRUE for the key "source" (the default grouping). */
gboolean slant_key_is_source(const SlantKey *key);

#define SLANT_KEY_BUF 16

/* slant_key_value: @doc's value for @key, or NULL (with the reason in
 * *status, nullable).  The string lives as long as @doc, or (dates) in
 * @buf, which must hold SLANT_KEY_BUF bytes. */
const char *slant_key_value(const SlantKey *key, const SlantDocument *doc, char *buf,
                            SlantKeyStatus *status);

typedef struct {
    guint64 found, absent, empty, invalid;
    GHashTable *labels_seen; /* label names seen in the run (up to a few hundred) */
} SlantKeyCount;

void slant_key_count_init(SlantKeyCount *c);
void slant_key_count_clear(SlantKeyCount *c);

/* slant_key_count_add: count @doc for @key (@status from slant_key_value). */
void slant_key_count_add(SlantKeyCount *c, const SlantKey *key, const SlantDocument *doc,
                         SlantKeyStatus status);

/* slant_key_count_check: FALSE, with SLANT_ERROR_USAGE, when no document
 * of the run had a value for @key although some were read: the message
 * says why (no document has the label, naming the labels that were seen;
 * every one has it empty; no date parses), prefixed by @option. */
gboolean slant_key_count_check(const SlantKeyCount *c, const SlantKey *key, const char *option,
                               GError **error);

G_END_DECLS

#endif

/* diff-private.h: what diff.c (the comparison) and diff-read.c (the
 * files, scanned and indexed) share.  Not installed; see diff.h.
 */
#ifndef SLANT_DIFF_PRIVATE_H
#define SLANT_DIFF_PRIVATE_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "diff.h"

G_BEGIN_DECLS

/* A stretch of a file's text: a value, from its first byte. */
typedef struct {
    gsize off, len;
} DiffSpan;

/* The arrays whose elements are indexed: a report's sources[] (by
 * "name"), comparisons[] (by "a", "b" and "kind") and documents[] (by
 * "id"), and the lines of a score output (by "id"). */
typedef enum { ENT_SOURCES, ENT_COMPARISONS, ENT_DOCUMENTS } DiffEntKind;

/* One group, pair or document: where it stands, and its key. */
typedef struct {
    DiffSpan span;
    char *key;     /* what matches it with the other file's (owned) */
    const char *a; /* its name, id or "a" (interned) */
    const char *b; /* a pair's "b", as SlantDiffItem.b (interned), else NULL */
} DiffEntity;

typedef struct {
    DiffEntKind kind;
    GArray *list;      /* DiffEntity, in file order */
    GHashTable *index; /* DiffEntity.key -> its position + 1 */
} DiffEntities;

/* A top-level member of a report. */
typedef struct {
    char *key;
    DiffSpan span;       /* its value */
    DiffEntities *ents;  /* sources, comparisons and documents: the elements; else NULL */
} DiffMember;

/* One file: its text (mapped, or read from standard input) and index. */
typedef struct {
    const char *name;    /* in messages */
    const char *text;
    gsize len;
    GMappedFile *map;    /* or */
    char *data;          /* what was read from standard input */
    SlantDiffType type;
    GPtrArray *members;  /* DiffMember*: a report's top level, in order */
    DiffEntities *docs;  /* a score output's lines */
} DiffInput;

/* slant_diff_intern: @s (nullable) copied once into @d's strings, which
 * live as long as @d. */
const char *slant_diff_intern(SlantDiff *d, const char *s);

/* slant_diff_input_read: map @path (or read standard input for "-") into
 * @in (zeroed).  SLANT_ERROR_IO names the file. */
gboolean slant_diff_input_read(DiffInput *in, const char *path, GError **error);

/* slant_diff_input_index: find what @in is (a report or a score output)
 * and index its groups, pairs and documents, their names interned in @d.
 * Errors: SLANT_ERROR_JSON (FILE:LINE:COL), SLANT_ERROR_FORMAT. */
gboolean slant_diff_input_index(SlantDiff *d, DiffInput *in, GError **error);

/* slant_diff_input_clear: free what @in holds (not @in), zero it. */
void slant_diff_input_clear(DiffInput *in);

/* slant_diff_parse_span: the value at @sp parsed with cJSON (free it with
 * cJSON_Delete), or NULL with SLANT_ERROR_JSON at the fault. */
cJSON *slant_diff_parse_span(const DiffInput *in, DiffSpan sp, GError **error);

/* slant_diff_member_find: @members' (DiffMember*, nullable) member @key, or NULL. */
const DiffMember *slant_diff_member_find(const GPtrArray *members, const char *key);

G_END_DECLS

#endif

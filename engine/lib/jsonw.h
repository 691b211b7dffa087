/* jsonw.h: a direct writer of formatted JSON text into a GString.
 *
 * It appends exactly the bytes cJSON_Print (cJSON 1.7.15, formatted output)
 * gives for the same tree, without building the tree: the report writer
 * uses it for the elements of its two big arrays, which are too many to
 * print through cJSON (report.c).  The rules it follows, with d the
 * nesting depth (cJSON's: every object and every array adds one):
 *   object     "{\n", then per member d tabs, the key, ":\t", the value,
 *              ",\n" between members and "\n" after the last, then d-1
 *              tabs and "}"; an empty object is "{\n", d-1 tabs, "}"
 *   array      "[", the values separated by ", ", "]"
 *   string     '"' and '\\' and \b \f \n \r \t escaped with a backslash,
 *              other bytes below 0x20 as \u00xx (lower-case hex), every
 *              other byte (also non-ASCII) as it is
 *   raw        the text as given (numbers, already formatted)
 * and, made with slant_jsonw_init_compact(), the bytes of
 * cJSON_PrintUnformatted: "{", members as key ":" value separated by ",",
 * "}" (an empty object "{}"), arrays with "," between values, strings as
 * above.
 *
 * Calls must make well-formed JSON: in an object, every value follows a
 * slant_jsonw_key(); containers are closed in order.  Misuse is a
 * programming error (g_return_if_fail).
 *
 * A SlantJsonWriter is a small value embedded by the caller (no _clear: it
 * holds nothing); it does not own @out, and the text goes to @out as it is
 * written.
 */
#ifndef SLANT_JSONW_H
#define SLANT_JSONW_H

#include <glib.h>

G_BEGIN_DECLS

#define SLANT_JSONW_MAX_NESTING 32

typedef struct {
    GString *out;
    guint depth;                             /* cJSON's depth: tabs before a member */
    guint n_open;                            /* containers open in this writer */
    gboolean empty;                          /* the innermost container has no value yet */
    gboolean compact;                        /* cJSON_PrintUnformatted's bytes */
    guint8 is_array[SLANT_JSONW_MAX_NESTING]; /* per open container */
} SlantJsonWriter;

/* slant_jsonw_init: write into @out (appending) a value that sits at
 * @depth, as if it were printed inside a tree where it is nested that
 * deep: 0 for a whole document; 2 for an element of an array that is a
 * member of the top-level object. */
void slant_jsonw_init(SlantJsonWriter *w, GString *out, guint depth);

/* slant_jsonw_init_compact: write into @out (appending) one value as
 * cJSON_PrintUnformatted prints it (no white space). */
void slant_jsonw_init_compact(SlantJsonWriter *w, GString *out);

void slant_jsonw_begin_object(SlantJsonWriter *w);
void slant_jsonw_end_object(SlantJsonWriter *w);
void slant_jsonw_begin_array(SlantJsonWriter *w);
void slant_jsonw_end_array(SlantJsonWriter *w);

/* slant_jsonw_key: start the next member of the open object. */
void slant_jsonw_key(SlantJsonWriter *w, const char *key);

/* slant_jsonw_string: @s (NUL-terminated, not NULL) as a JSON string. */
void slant_jsonw_string(SlantJsonWriter *w, const char *s);

/* slant_jsonw_uint: @v in decimal. */
void slant_jsonw_uint(SlantJsonWriter *w, guint64 v);

/* slant_jsonw_raw: @text (not NULL) verbatim, as cJSON prints a raw item. */
void slant_jsonw_raw(SlantJsonWriter *w, const char *text);

/* slant_jsonw_append_string: @s as a quoted, escaped JSON string onto @out. */
void slant_jsonw_append_string(GString *out, const char *s);

G_END_DECLS

#endif

/* jsonpos.h: where a value stands in a JSON text.
 *
 * cJSON parses fast but keeps no positions.  Error messages must say
 * FILE:LINE:COL, so on an error (only then) we scan the raw text again and
 * follow a path of keys and indices to the value.  Used by the lexicon
 * loader and the corpus reader.
 */
#ifndef SLANT_JSONPOS_H
#define SLANT_JSONPOS_H

#include <glib.h>

G_BEGIN_DECLS

/* slant_json_locate: follow @path (NULL-terminated; at an object a segment
 * is a key, at an array a decimal index) from the root value of the JSON
 * @text and return the byte offset of the value it names, or of its key
 * when @want_key is TRUE and the last step is a key.  @occurrence picks the
 * n-th member with that key (from 0; duplicate keys).  Returns FALSE when
 * the path cannot be followed (the text is then malformed, or the path
 * wrong); *offset is then 0. */
gboolean slant_json_locate(const char *text, gsize len, const char *const *path,
                           gboolean want_key, guint occurrence, gsize *offset);

/* slant_text_position: the 1-based line and column (in characters) of byte
 * @offset of @text. */
void slant_text_position(const char *text, gsize len, gsize offset, guint *line, guint *col);

/* slant_json_element_offsets: append to @offsets (a GArray of gsize) the
 * byte offset of every element of the array named by @path, in one pass
 * (locating each element on its own would be quadratic).  FALSE when the
 * path does not name an array. */
gboolean slant_json_element_offsets(const char *text, gsize len, const char *const *path,
                                    GArray *offsets);

/* slant_text_positions: slant_text_position() for ascending @offsets (a
 * GArray of gsize) at once, into @lines and @cols (offsets->len each). */
void slant_text_positions(const char *text, gsize len, const GArray *offsets, guint *lines,
                          guint *cols);

G_END_DECLS

#endif

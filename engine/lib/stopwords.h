/* stopwords.h: stop word lists, for `slant suggest` (keyness.h).
 *
 * A list is a set of normal forms (text.h: NFKC, case folded, "'" for the
 * apostrophe), read from a file of one word a line; lookups compare a
 * token's normal form with them, byte for byte.  The bundled lists live in
 * lexicons/stopwords/LANGUAGE.txt, named after the stemmer's language; each
 * names its source and license in its header.  A loaded list is immutable:
 * lookups may run on any number of threads at once.
 */
#ifndef SLANT_STOPWORDS_H
#define SLANT_STOPWORDS_H

#include <glib.h>

#include "hash.h"

G_BEGIN_DECLS

typedef struct _SlantStopwords SlantStopwords;

/* slant_stopwords_load: the list at @path: one word a line, written as its
 * normal form would be (each line's word is normalized anyway, so "AND"
 * is "and"); blank lines and what follows a '#' are passed over.
 * @display_name (nullable: @path) names it in messages and in
 * slant_stopwords_name().  NULL with SLANT_ERROR_IO when it cannot be read
 * ("cannot read 'NAME': ..."), or SLANT_ERROR_FORMAT ("NAME:LINE: ...")
 * for a line holding more than one word, or something that is no word
 * ("--"), or invalid UTF-8.  Words are cut and normalized by the analyzer
 * of @language (analyzer.h), as text is; SLANT_ERROR_LEXICON_LANGUAGE when
 * there is none.  Free with slant_stopwords_free(). */
SlantStopwords *slant_stopwords_load(const char *path, const char *display_name,
                                     const char *language, GError **error);
void slant_stopwords_free(SlantStopwords *s); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantStopwords, slant_stopwords_free)

/* slant_stopwords_contains: TRUE when the normal form @norm (@len bytes,
 * not necessarily NUL-terminated) is on the list. */
gboolean slant_stopwords_contains(const SlantStopwords *s, const char *norm, gsize len);

/* slant_stopwords_hash: the hash lookups use, FNV-1a of the @len bytes
 * (hash.h's slant_hash_name loop, over a length).  A caller that hashes
 * the bytes anyway (suggest hashes every stem, and most short words are
 * their own stem) passes it to slant_stopwords_contains_hashed() and
 * saves a second pass over them. */
static inline guint64
slant_stopwords_hash(const char *s, gsize len)
{
    guint64 h = SLANT_HASH_NAME_BASIS;
    for (gsize i = 0; i < len; i++)
        h = slant_hash_name_step(h, (guchar) s[i]);
    return h;
}

/* slant_stopwords_contains_hashed: slant_stopwords_contains() given @h =
 * slant_stopwords_hash(@norm, @len). */
gboolean slant_stopwords_contains_hashed(const SlantStopwords *s, guint64 h, const char *norm,
                                         gsize len);

guint slant_stopwords_size(const SlantStopwords *s);       /* distinct words */
gsize slant_stopwords_max_len(const SlantStopwords *s);    /* the longest, in bytes */
const char *slant_stopwords_name(const SlantStopwords *s); /* the display name */

/* slant_stopwords_bundled: the path of the bundled list for @language
 * under @data_dir, "lexicons/stopwords/LANGUAGE.txt" (libstemmer's codes
 * "en" and "eng" name "english"), newly allocated; NULL when there is no
 * such file. */
char *slant_stopwords_bundled(const char *data_dir, const char *language);

G_END_DECLS

#endif

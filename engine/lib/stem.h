/* stem.h: Snowball stemming through libstemmer.
 *
 * libstemmer is used here and nowhere else.  A SlantStemmer is not
 * thread-safe: each worker thread owns one (they are cheap).  Stemming is
 * the costliest step of the pipeline, so callers cache results per form
 * (see match.h); this module does not cache.
 */
#ifndef SLANT_STEM_H
#define SLANT_STEM_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlantStemmer SlantStemmer;

/* slant_stemmer_new: a stemmer for @language, one of
 * slant_stemmer_languages() (English names such as "english", "german";
 * libstemmer's ISO codes such as "en" are accepted too).  NULL with
 * SLANT_ERROR_LEXICON_LANGUAGE when libstemmer has no such algorithm.
 * Running out of memory ends the process (g_error), as g_malloc() does. */
SlantStemmer *slant_stemmer_new(const char *language, GError **error);
void slant_stemmer_free(SlantStemmer *stemmer); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantStemmer, slant_stemmer_free)

/* slant_stemmer_stem: the stem of the @len bytes of normalized UTF-8 at
 * @word.  The returned buffer belongs to @stemmer and lives until the next
 * call on it; *out_len gets its length.  Never NULL: a libstemmer
 * allocation failure ends the process (g_error), as g_malloc() does,
 * rather than give a wrong stem. */
const char *slant_stemmer_stem(SlantStemmer *stemmer, const char *word, gsize len,
                               gsize *out_len);

/* slant_stemmer_language: the language as given to slant_stemmer_new(). */
const char *slant_stemmer_language(const SlantStemmer *stemmer);

/* slant_stemmer_languages: NULL-terminated list of algorithm names
 * libstemmer offers; static storage. */
const char *const *slant_stemmer_languages(void);

G_END_DECLS

#endif

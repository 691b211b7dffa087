/* analyzer.h: a language's reading of text: tokens and sentences, normal
 * forms, stems and the default negators.
 *
 * Everything that reads text the way lexicon patterns match it goes through
 * an analyzer, so that a pattern, a modifier, a stop word, a dictionary term
 * and a document's words are cut and compared alike: the matcher (match.c),
 * the lexicon compiler and its lint (lexicon.c), dictionary import and
 * export (dict*.c), stop word lists (stopwords.c), keyness (through the
 * matcher's analysis) and `slant tokens`.
 *
 * A language is a row of the table in analyzer.c: its names, its tokenizer,
 * its normalizer, its Snowball stemmer and its default negators.  Every
 * language today shares the tokenizer and normalizer of text.h (Unicode
 * letter runs; NFKC and case folding); a language written without spaces
 * between words needs a tokenizer of its own in its row and nothing else.
 * A language libstemmer knows but the table does not gets the shared rules
 * and no negators.
 *
 * An analyzer owns buffers and a stemmer: it is not thread-safe, one per
 * thread (they are cheap).
 */
#ifndef SLANT_ANALYZER_H
#define SLANT_ANALYZER_H

#include <glib.h>

#include "text.h"

G_BEGIN_DECLS

typedef struct _SlantAnalyzer SlantAnalyzer;

/* slant_analyzer_new: the analyzer of @language (a libstemmer algorithm
 * name such as "english", or its ISO code, "en").  NULL with
 * SLANT_ERROR_LEXICON_LANGUAGE when libstemmer has no such algorithm. */
SlantAnalyzer *slant_analyzer_new(const char *language, GError **error);
void slant_analyzer_free(SlantAnalyzer *a); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantAnalyzer, slant_analyzer_free)

/* The language as given to slant_analyzer_new(). */
const char *slant_analyzer_language(const SlantAnalyzer *a);

/* slant_analyzer_tokenize: append the tokens of @text (@len bytes of valid
 * UTF-8) to @tokens, as slant_tokenize() does (text.h): the first in
 * sentence @first_sentence, all in @segment; returns the sentence the next
 * segment starts with. */
guint32 slant_analyzer_tokenize(const SlantAnalyzer *a, const char *text, gsize len,
                                SlantSegment segment, guint32 first_sentence, GArray *tokens);

/* slant_analyzer_normalize: the normal form of the @len bytes at @s (a
 * token's), NUL-terminated, *@out_len its length (may be NULL).  The
 * buffer is the analyzer's, valid until its next normalize or word call. */
const char *slant_analyzer_normalize(SlantAnalyzer *a, const char *s, gsize len, gsize *out_len);

/* slant_analyzer_stem: the stem of the normal form @norm (@len bytes).  The
 * buffer is the analyzer's (or @norm itself), valid until its next stem or
 * word call. */
const char *slant_analyzer_stem(SlantAnalyzer *a, const char *norm, gsize len, gsize *out_len);

/* A word as patterns see it: its normal form and the stem of that. */
typedef struct {
    const char *norm;
    gsize norm_len;
    const char *stem;
    gsize stem_len;
} SlantWordForms;

/* slant_analyzer_word: the normal form and stem of the token of @len bytes
 * at @s, into @out (the analyzer's buffers: valid until its next
 * normalize, stem or word call). */
void slant_analyzer_word(SlantAnalyzer *a, const char *s, gsize len, SlantWordForms *out);

/* slant_analyzer_single_token: the one token of @word (@len bytes), whose
 * normal form goes to *@norm (the analyzer's buffer, as normalize());
 * FALSE when @word holds no token or several ("very!" is "very"; "no
 * longer" is two). */
gboolean slant_analyzer_single_token(SlantAnalyzer *a, const char *word, gsize len,
                                     const char **norm, gsize *norm_len);

/* slant_analyzer_default_negators: the negators a lexicon of @language
 * gets when it names none (NULL-terminated, static): English "not", "no",
 * "never", "without" and "*n't" (any token ending in "n't"); none for the
 * other languages yet. */
const char *const *slant_analyzer_default_negators(const char *language);

G_END_DECLS

#endif

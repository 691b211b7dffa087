#include "stem.h"

#include <libstemmer.h>

#include "slant-error.h"

struct _SlantStemmer {
    struct sb_stemmer *sb;
    char *language;
};

SlantStemmer *
slant_stemmer_new(const char *language, GError **error)
{
    g_return_val_if_fail(language != NULL, NULL);
    struct sb_stemmer *sb = sb_stemmer_new(language, "UTF_8");
    if (sb == NULL && g_strv_contains(slant_stemmer_languages(), language)) {
        /* a known language: libstemmer ran out of memory, which ends the
         * process as g_malloc() does (not "no stemmer for 'english'") */
        g_error("failed to allocate a stemmer for '%s'", language);
    }
    if (sb == NULL) {
        g_autoptr(GString) names = g_string_new(NULL);
        for (const char *const *l = slant_stemmer_languages(); *l != NULL; l++)
            g_string_append_printf(names, "%s%s", names->len ? ", " : "", *l);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_LANGUAGE,
                    "no stemmer for language '%s' (known: %s)", language, names->str);
        return NULL;
    }
    SlantStemmer *s = g_new0(SlantStemmer, 1);
    s->sb = sb;
    s->language = g_strdup(language);
    return s;
}

void
slant_stemmer_free(SlantStemmer *stemmer)
{
    if (stemmer == NULL)
        return;
    sb_stemmer_delete(stemmer->sb);
    g_free(stemmer->language);
    g_free(stemmer);
}

const char *
slant_stemmer_stem(SlantStemmer *stemmer, const char *word, gsize len, gsize *out_len)
{
    g_return_val_if_fail(stemmer != NULL && word != NULL, word);
    const sb_symbol *r = sb_stemmer_stem(stemmer->sb, (const sb_symbol *) word, (int) len);
    if (r == NULL) /* only when libstemmer cannot grow its buffer */
        g_error("failed to allocate %" G_GSIZE_FORMAT " bytes to stem a word", len);
    *out_len = (gsize) sb_stemmer_length(stemmer->sb);
    return (const char *) r;
}

const char *
slant_stemmer_language(const SlantStemmer *stemmer)
{
    g_return_val_if_fail(stemmer != NULL, NULL);
    return stemmer->language;
}

const char *const *
slant_stemmer_languages(void)
{
    return (const char *const *) sb_stemmer_list();
}

/* analyzer.c: languages and their reading of text (see analyzer.h). */
#include "analyzer.h"

#include <string.h>

#include "stem.h"

typedef guint32 (*TokenizeFunc)(const char *text, gsize len, SlantSegment segment,
                                guint32 first_sentence, GArray *tokens);
typedef const char *(*NormalizeFunc)(const char *s, gsize len, GString *out);

/* One language: the names it goes by (libstemmer's algorithm name first),
 * how its text is cut and normalized, and its default negators. */
typedef struct {
    const char *const *names;
    TokenizeFunc tokenize;
    NormalizeFunc normalize;
    const char *const *negators;
} Language;

static const char *const NO_NEGATORS[] = {NULL};
static const char *const ENGLISH_NAMES[] = {"english", "en", "eng", "porter", NULL};
static const char *const ENGLISH_NEGATORS[] = {"not", "no", "never", "without", "*n't", NULL};

static const Language LANGUAGES[] = {
    {ENGLISH_NAMES, slant_tokenize, slant_normalize, ENGLISH_NEGATORS},
};

/* what a language the table does not list gets */
static const Language SHARED = {NULL, slant_tokenize, slant_normalize, NO_NEGATORS};

static const Language *
find_language(const char *name)
{
    for (gsize i = 0; name != NULL && i < G_N_ELEMENTS(LANGUAGES); i++)
        for (const char *const *n = LANGUAGES[i].names; *n != NULL; n++)
            if (strcmp(*n, name) == 0)
                return &LANGUAGES[i];
    return &SHARED;
}

struct _SlantAnalyzer {
    const Language *lang;
    SlantStemmer *stemmer;
    GString *norm;
    GArray *tokens; /* for single_token() */
};

SlantAnalyzer *
slant_analyzer_new(const char *language, GError **error)
{
    g_return_val_if_fail(language != NULL, NULL);
    SlantStemmer *stemmer = slant_stemmer_new(language, error);
    if (stemmer == NULL)
        return NULL;
    SlantAnalyzer *a = g_new0(SlantAnalyzer, 1);
    a->lang = find_language(language);
    a->stemmer = stemmer;
    a->norm = g_string_new(NULL);
    a->tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    return a;
}

void
slant_analyzer_free(SlantAnalyzer *a)
{
    if (a == NULL)
        return;
    slant_stemmer_free(a->stemmer);
    g_string_free(a->norm, TRUE);
    g_array_unref(a->tokens);
    g_free(a);
}

const char *
slant_analyzer_language(const SlantAnalyzer *a)
{
    return slant_stemmer_language(a->stemmer);
}

guint32
slant_analyzer_tokenize(const SlantAnalyzer *a, const char *text, gsize len, SlantSegment segment,
                        guint32 first_sentence, GArray *tokens)
{
    return a->lang->tokenize(text, len, segment, first_sentence, tokens);
}

const char *
slant_analyzer_normalize(SlantAnalyzer *a, const char *s, gsize len, gsize *out_len)
{
    const char *norm = a->lang->normalize(s, len, a->norm);
    if (out_len != NULL)
        *out_len = a->norm->len;
    return norm;
}

const char *
slant_analyzer_stem(SlantAnalyzer *a, const char *norm, gsize len, gsize *out_len)
{
    return slant_stemmer_stem(a->stemmer, norm, len, out_len);
}

void
slant_analyzer_word(SlantAnalyzer *a, const char *s, gsize len, SlantWordForms *out)
{
    out->norm = slant_analyzer_normalize(a, s, len, &out->norm_len);
    out->stem = slant_analyzer_stem(a, out->norm, out->norm_len, &out->stem_len);
}

gboolean
slant_analyzer_single_token(SlantAnalyzer *a, const char *word, gsize len, const char **norm,
                            gsize *norm_len)
{
    g_array_set_size(a->tokens, 0);
    slant_analyzer_tokenize(a, word, len, SLANT_SEGMENT_TEXT, 0, a->tokens);
    if (a->tokens->len != 1)
        return FALSE;
    const SlantToken *t = &g_array_index(a->tokens, SlantToken, 0);
    *norm = slant_analyzer_normalize(a, word + t->start, t->end - t->start, norm_len);
    return TRUE;
}

const char *const *
slant_analyzer_default_negators(const char *language)
{
    return find_language(language)->negators;
}

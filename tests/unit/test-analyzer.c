/* test-analyzer.c: the language seam of engine/lib/analyzer.h: the
 * analyzer reads text as text.h and stem.h do (one place for the sequence
 * tokenize, normalize, stem), its language table gives the default
 * negators, and patterns, modifiers and documents all go through it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "analyzer.h"
#include "lexicon.h"
#include "match.h"
#include "slant-error.h"
#include "stem.h"

static void
analyzer_should_cut_text_as_the_shared_tokenizer_does(void **state)
{
    (void) state;
    g_autoptr(SlantAnalyzer) a = slant_analyzer_new("english", NULL);
    assert_non_null(a);
    assert_string_equal(slant_analyzer_language(a), "english");
    const char *text = "The U.S.-Japan alliance isn't new. Mr. Abe said so!  Next";
    g_autoptr(GArray) mine = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    g_autoptr(GArray) shared = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 n1 = slant_analyzer_tokenize(a, text, strlen(text), SLANT_SEGMENT_TITLE, 2, mine);
    guint32 n2 = slant_tokenize(text, strlen(text), SLANT_SEGMENT_TITLE, 2, shared);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, 5); /* sentences 2, 3 and 4: "Mr." ends none */
    assert_int_equal(mine->len, shared->len);
    assert_memory_equal(mine->data, shared->data, mine->len * sizeof(SlantToken));
}

static void
analyzer_should_give_normal_forms_and_stems_as_text_and_stem_do(void **state)
{
    (void) state;
    g_autoptr(SlantAnalyzer) a = slant_analyzer_new("en", NULL);
    assert_non_null(a);
    g_autoptr(SlantStemmer) st = slant_stemmer_new("en", NULL);
    g_autoptr(GString) norm = g_string_new(NULL);
    static const char *const words[] = {"Washington’s", "DETERRENCE", "ﬁnancial", "Allies", "isn't"};
    for (gsize i = 0; i < G_N_ELEMENTS(words); i++) {
        SlantWordForms w;
        slant_analyzer_word(a, words[i], strlen(words[i]), &w);
        slant_normalize(words[i], strlen(words[i]), norm);
        assert_int_equal(w.norm_len, norm->len);
        assert_memory_equal(w.norm, norm->str, norm->len);
        gsize sl;
        const char *stem = slant_stemmer_stem(st, norm->str, norm->len, &sl);
        assert_int_equal(w.stem_len, sl);
        assert_memory_equal(w.stem, stem, sl);
    }
    SlantWordForms w;
    slant_analyzer_word(a, "Washington’s", strlen("Washington’s"), &w);
    assert_string_equal(w.norm, "washington's");
    g_autofree char *stem = g_strndup(w.stem, w.stem_len);
    assert_string_equal(stem, "washington");
}

static void
analyzer_should_find_the_one_token_of_a_word(void **state)
{
    (void) state;
    g_autoptr(SlantAnalyzer) a = slant_analyzer_new("english", NULL);
    const char *norm;
    gsize len;
    assert_true(slant_analyzer_single_token(a, " Very! ", 7, &norm, &len));
    assert_string_equal(norm, "very");
    assert_int_equal(len, 4);
    assert_false(slant_analyzer_single_token(a, "no longer", 9, &norm, &len));
    assert_false(slant_analyzer_single_token(a, "--", 2, &norm, &len));
}

static void
analyzer_should_name_the_languages_default_negators(void **state)
{
    (void) state;
    static const char *const english[] = {"english", "en", "porter"};
    for (gsize i = 0; i < G_N_ELEMENTS(english); i++) {
        const char *const *n = slant_analyzer_default_negators(english[i]);
        assert_int_equal(g_strv_length((char **) n), 5);
        assert_string_equal(n[0], "not");
        assert_string_equal(n[4], "*n't");
    }
    /* languages without a row of their own: the shared rules, no negators */
    assert_null(slant_analyzer_default_negators("german")[0]);
    assert_null(slant_analyzer_default_negators("nonsense")[0]);
    g_autoptr(SlantAnalyzer) de = slant_analyzer_new("german", NULL);
    assert_non_null(de);
    /* the lexicon takes them from the table */
    assert_ptr_equal(slant_lexicon_default_negators("english"), slant_analyzer_default_negators("en"));
}

static void
analyzer_should_refuse_a_language_libstemmer_lacks(void **state)
{
    (void) state;
    GError *error = NULL;
    assert_null(slant_analyzer_new("klingon", &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_LEXICON_LANGUAGE));
    assert_non_null(strstr(error->message, "no stemmer for language 'klingon'"));
    g_error_free(error);
}

/* A pattern and a document read by one analyzer meet: the pattern's stem
 * words are the stems of the document's words. */
static void
analyzer_should_read_patterns_and_documents_alike(void **state)
{
    (void) state;
    const char *json =
        "{\"lexicon\": \"a\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"categories\": [{\"id\": \"c\"}],\n"
        " \"entries\": [{\"pattern\": \"Washington’s allies\", \"category\": \"c\"}]}";
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load_data(json, strlen(json), "a.json", &error);
    assert_null(error);
    g_autoptr(SlantAnalyzer) a = slant_analyzer_new("english", NULL);
    const SlantEntry *e = slant_lexicon_entry(lex, 0);
    assert_int_equal(e->n_words, 2);
    const char *words[] = {"WASHINGTON'S", "ally"};
    for (guint k = 0; k < 2; k++) {
        SlantWordForms w;
        slant_analyzer_word(a, words[k], strlen(words[k]), &w);
        assert_int_equal(strlen(e->words[k].text), w.stem_len);
        assert_memory_equal(e->words[k].text, w.stem, w.stem_len);
    }
    SlantMatcher *m = slant_matcher_new(lex, &error);
    assert_non_null(m);
    SlantAnalysis an;
    slant_analysis_init(&an);
    const char *text = "So said WASHINGTON'S ally.";
    slant_matcher_analyze(m, NULL, 0, text, strlen(text), &an);
    assert_int_equal(an.hits->len, 1);
    slant_analysis_clear(&an);
    slant_matcher_free(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(analyzer_should_cut_text_as_the_shared_tokenizer_does),
        cmocka_unit_test(analyzer_should_give_normal_forms_and_stems_as_text_and_stem_do),
        cmocka_unit_test(analyzer_should_find_the_one_token_of_a_word),
        cmocka_unit_test(analyzer_should_name_the_languages_default_negators),
        cmocka_unit_test(analyzer_should_refuse_a_language_libstemmer_lacks),
        cmocka_unit_test(analyzer_should_read_patterns_and_documents_alike),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

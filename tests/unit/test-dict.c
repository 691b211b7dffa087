/* test-dict.c: dictionary import and export of engine/lib/dict.h.
 *
 * Fixtures live in tests/data/dict (invented words): each format is read
 * into the expected categories and entries, turned into lexicons (exact
 * words, globs, phrases, stems, an axis of two categories), exported, and
 * imported back to the same lexicon.  Malformed input is a table, one row
 * per case (as json-glib's tests/invalid.c): each is checked for the
 * SLANT_ERROR domain, the exact code and the "NAME:LINE: " prefix.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dict.h"
#include "slant-error.h"

/* ---- helpers ---- */

static char *
fixture_path(const char *name)
{
    return g_build_filename(SLANT_TEST_DATA, "dict", name, NULL);
}

static SlantDict *
read_fixture(const char *name, GPtrArray *warnings)
{
    g_autofree char *path = fixture_path(name);
    g_autofree char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    GError *error = NULL;
    SlantDict *d = slant_dict_read_data(data, len, name, SLANT_DICT_AUTO, warnings, &error);
    if (error != NULL)
        fail_msg("%s: unexpected error: %s", name, error->message);
    assert_non_null(d);
    return d;
}

static SlantDict *
read_text(const char *text, const char *name, SlantDictFormat f, GPtrArray *warnings)
{
    GError *error = NULL;
    SlantDict *d = slant_dict_read_data(text, strlen(text), name, f, warnings, &error);
    if (error != NULL)
        fail_msg("%s: unexpected error: %s", name, error->message);
    assert_non_null(d);
    return d;
}

/* The lexicon @d gives with @o (NULL: defaults); fails the test on an error. */
static SlantLexicon *
import(const SlantDict *d, const SlantDictLexiconOptions *o, GPtrArray *warnings)
{
    GError *error = NULL;
    SlantLexicon *lex = NULL;
    g_autofree char *json = slant_dict_to_lexicon(d, o, warnings, &lex, &error);
    if (error != NULL)
        fail_msg("%s: unexpected error: %s", slant_dict_name(d), error->message);
    assert_non_null(json);
    assert_non_null(lex);
    return lex;
}

static void
assert_entry(const SlantDict *d, guint i, const char *term, const char *category, double weight,
             guint line)
{
    const SlantDictEntry *e = slant_dict_entry(d, i);
    assert_string_equal(e->term, term);
    if (category == NULL)
        assert_int_equal(e->category, -1);
    else
        assert_string_equal(slant_dict_category(d, (guint) e->category)->id, category);
    assert_true(e->weight == weight);
    assert_int_equal(e->line, line);
}

static void
assert_categories(const SlantDict *d, const char *const *ids)
{
    guint n = g_strv_length((char **) ids);
    assert_int_equal(slant_dict_n_categories(d), n);
    for (guint i = 0; i < n; i++)
        assert_string_equal(slant_dict_category(d, i)->id, ids[i]);
}

static gboolean
has_warning(const GPtrArray *w, const char *part)
{
    for (guint i = 0; i < w->len; i++)
        if (strstr(w->pdata[i], part) != NULL)
            return TRUE;
    return FALSE;
}

/* The same axes, categories and, per group, the same entries in order
 * (compiled words, poles, and weights when @weights); @by_pole: per pole
 * of an axis (YAML lists a pole's terms together). */
static void
assert_same_lexicon(const SlantLexicon *a, const SlantLexicon *b, gboolean weights,
                    gboolean by_pole)
{
    assert_int_equal(slant_lexicon_n_axes(a), slant_lexicon_n_axes(b));
    for (guint i = 0; i < slant_lexicon_n_axes(a); i++) {
        assert_string_equal(slant_lexicon_axis(a, i)->id, slant_lexicon_axis(b, i)->id);
        assert_string_equal(slant_lexicon_axis(a, i)->positive, slant_lexicon_axis(b, i)->positive);
        assert_string_equal(slant_lexicon_axis(a, i)->negative, slant_lexicon_axis(b, i)->negative);
    }
    assert_int_equal(slant_lexicon_n_categories(a), slant_lexicon_n_categories(b));
    for (guint i = 0; i < slant_lexicon_n_categories(a); i++)
        assert_string_equal(slant_lexicon_category(a, i)->id, slant_lexicon_category(b, i)->id);
    assert_int_equal(slant_lexicon_n_entries(a), slant_lexicon_n_entries(b));
    guint ng = 2 * slant_lexicon_n_groups(a);
    for (guint g = 0; g < ng; g++) {
        GPtrArray *x = g_ptr_array_new(), *y = g_ptr_array_new();
        for (int side = 0; side < 2; side++) {
            const SlantLexicon *lex = side ? b : a;
            for (guint i = 0; i < slant_lexicon_n_entries(lex); i++) {
                const SlantEntry *e = slant_lexicon_entry(lex, i);
                guint k = 2 * e->group + (by_pole && e->pole == SLANT_POLE_NEGATIVE);
                if (k == g)
                    g_ptr_array_add(side ? y : x, (gpointer) e);
            }
        }
        assert_int_equal(x->len, y->len);
        for (guint i = 0; i < x->len; i++) {
            const SlantEntry *e = x->pdata[i], *f = y->pdata[i];
            assert_string_equal(e->canonical, f->canonical);
            assert_int_equal(e->pole, f->pole);
            assert_true(f->weight == (weights ? e->weight : 1.0));
        }
        g_ptr_array_unref(x);
        g_ptr_array_unref(y);
    }
}

/* ---- reading ---- */

static void
read_liwc_should_keep_every_category_and_a_term_in_two(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("liwc.dic", NULL);
    assert_int_equal(slant_dict_format(d), SLANT_DICT_LIWC);
    assert_false(slant_dict_is_polar(d));
    assert_categories(d, (const char *const[]){"hope", "doubt", "time", NULL});
    assert_int_equal(slant_dict_category(d, 2)->line, 4); /* indented, as LIWC2015's */
    assert_int_equal(slant_dict_n_entries(d), 9);
    assert_entry(d, 0, "dreamer*", "hope", 1, 6);
    assert_entry(d, 1, "bright future", "hope", 1, 7);
    assert_entry(d, 2, "maybe", "doubt", 1, 8);
    assert_entry(d, 3, "perhaps", "doubt", 1, 9);
    assert_entry(d, 4, "someday", "hope", 1, 10);
    assert_entry(d, 5, "someday", "time", 1, 10);
    assert_entry(d, 6, "dusk", "time", 1, 11);
    assert_entry(d, 7, "half-hearted*", "doubt", 1, 12); /* ids after a space */
    assert_entry(d, 8, "half-hearted*", "time", 1, 12);
    assert_int_equal(slant_dict_n_left_out(d), 0);
}

static void
read_liwc_should_keep_text_after_a_category_name_as_its_label(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_text("%\n1\tfunct\tFunction words\n2\tPos Emo\t(positive)\n%\n"
                                       "the\t1\n", "t.dic", SLANT_DICT_LIWC, NULL);
    assert_categories(d, (const char *const[]){"funct", "Pos_Emo", NULL});
    assert_string_equal(slant_dict_category(d, 0)->label, "Function words");
    assert_string_equal(slant_dict_category(d, 1)->label, "Pos Emo (positive)");
}

static void
read_dicx_should_take_x_and_numbers_as_weights(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("weighted.dicx", NULL);
    assert_int_equal(slant_dict_format(d), SLANT_DICT_LIWC22);
    assert_categories(d, (const char *const[]){"hope", "doubt", "time", NULL});
    assert_int_equal(slant_dict_n_entries(d), 9);
    assert_entry(d, 0, "dreamer*", "hope", 1, 2);
    assert_entry(d, 1, "bright future", "hope", 1, 3);
    assert_entry(d, 2, "bright future", "time", 0.5, 3);
    assert_entry(d, 3, "maybe", "doubt", 1.5, 4);
    assert_entry(d, 4, "well, perhaps", "doubt", 1, 5);  /* a quoted comma */
    assert_entry(d, 5, "the \"new\" dawn", "hope", 1, 6); /* doubled quotes, a lowercase x */
    assert_entry(d, 6, "the \"new\" dawn", "time", 1, 6);
    assert_entry(d, 7, "someday", "hope", 0.25, 7);
    assert_entry(d, 8, "someday", "time", 2, 7);
}

static void
read_dicx_should_follow_quoted_line_breaks_and_warn_about_rows_in_no_category(void **state)
{
    (void) state;
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(SlantDict) d = read_text("DicTerm,a,b\n\"two\nlines\",X,\nlost,,0\nlast,,X",
                                       "t.dicx", SLANT_DICT_LIWC22, w);
    assert_int_equal(slant_dict_n_entries(d), 2);
    assert_entry(d, 0, "two\nlines", "a", 1, 2);
    assert_entry(d, 1, "last", "b", 1, 5);
    assert_int_equal(slant_dict_n_left_out(d), 1);
    assert_int_equal(w->len, 1);
    assert_string_equal(w->pdata[0], "t.dicx:4: term 'lost' is in no category, left out");
}

static void
read_yaml_should_name_nested_categories_by_their_keys(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("quanteda.yml", NULL);
    assert_int_equal(slant_dict_format(d), SLANT_DICT_YAML);
    assert_categories(d, (const char *const[]){"politics.parties", "politics.people", "mood.calm",
                                               "mood.gloomy", "time", "yes", "empty", NULL});
    assert_int_equal(slant_dict_n_entries(d), 11);
    assert_entry(d, 0, "labour*", "politics.parties", 1, 4);
    assert_entry(d, 1, "green party", "politics.parties", 1, 5);
    assert_entry(d, 2, "minister*", "politics.people", 1, 6);
    assert_entry(d, 3, "prime minister", "politics.people", 1, 6);
    assert_entry(d, 4, "mayor", "politics.people", 1, 7); /* a flow sequence's second line */
    assert_entry(d, 5, "serene", "mood.calm", 1, 10);     /* a sequence at its key's indentation */
    assert_entry(d, 6, "tranquil", "mood.calm", 1, 11);
    assert_entry(d, 7, "dreary", "mood.gloomy", 1, 12);
    assert_entry(d, 8, "rain-soaked", "mood.gloomy", 1, 12); /* a comma before ']' */
    assert_entry(d, 9, "dusk", "time", 1, 13);               /* one scalar */
    assert_entry(d, 10, "no", "yes", 1, 15);                 /* scalars are text */
}

static void
read_yaml_should_take_escapes_and_document_markers(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_text("---\n\"caf\\u00e9\": [\"a\\x41\", 'it''s', \"\\\"q\\\"\"]\n...\n",
                                       "t.yml", SLANT_DICT_YAML, NULL);
    assert_categories(d, (const char *const[]){"caf", NULL});
    assert_string_equal(slant_dict_category(d, 0)->label, "café");
    assert_entry(d, 0, "aA", "caf", 1, 2);
    assert_entry(d, 1, "it's", "caf", 1, 2);
    assert_entry(d, 2, "\"q\"", "caf", 1, 2);
}

static void
read_tsv_should_take_a_polar_list_and_leave_out_weight_zero(void **state)
{
    (void) state;
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *path = g_build_filename(SLANT_TEST_DATA, "cli", "wordlist-clean.tsv", NULL);
    GError *error = NULL;
    g_autoptr(SlantDict) d = slant_dict_read(path, SLANT_DICT_AUTO, w, &error);
    assert_null(error);
    assert_true(slant_dict_is_polar(d));
    assert_int_equal(slant_dict_n_categories(d), 0);
    assert_int_equal(slant_dict_n_entries(d), 6);
    assert_entry(d, 0, "calm", NULL, 2, 2);
    assert_entry(d, 1, "gloomy", NULL, -2, 3);
    assert_entry(d, 2, "bright future", NULL, 3, 4);
    assert_entry(d, 3, "Café’s", NULL, 1.5, 6);
    assert_entry(d, 4, "dreamer*", NULL, 1, 7);
    assert_entry(d, 5, "half-hearted*", NULL, -0.5, 8);
    assert_int_equal(slant_dict_n_left_out(d), 1);
    assert_int_equal(w->len, 1);
    g_autofree char *want = g_strdup_printf(
        "%s:5: term 'neutral' has weight 0 (it scores on neither pole), left out", path);
    assert_string_equal(w->pdata[0], want);
}

static void
read_tsv_should_take_categories_with_and_without_weights(void **state)
{
    (void) state;
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(SlantDict) d = read_fixture("categories.tsv", w);
    assert_false(slant_dict_is_polar(d));
    assert_categories(d, (const char *const[]){"mood", "time", "Hope_and_light", NULL});
    assert_string_equal(slant_dict_category(d, 2)->label, "Hope and light");
    assert_true(has_warning(w, "categories.tsv:5: category 'Hope and light' gets the id "
                               "'Hope_and_light'"));
    assert_int_equal(slant_dict_n_entries(d), 6);
    assert_entry(d, 0, "calm", "mood", 2, 2);
    assert_entry(d, 1, "gloomy", "mood", 1, 3);
    assert_entry(d, 2, "dusk", "time", 0.5, 4);
    assert_entry(d, 3, "bright future", "Hope_and_light", 1, 5);
    assert_entry(d, 4, "dreamer*", "Hope_and_light", 1.5, 6);
    assert_entry(d, 5, "calm", "time", 1, 7);
}

static void
read_auto_should_tell_the_format_by_content_then_extension(void **state)
{
    (void) state;
    static const struct {
        const char *name, *text;
        SlantDictFormat want;
    } cases[] = {
        {"x.txt", "\n%\n1\ta\n%\nx\t1\n", SLANT_DICT_LIWC},      /* content before extension */
        {"x.csv", "DicTerm,a\nx,X\n", SLANT_DICT_LIWC22},
        {"x.dicx", "Entry,a\nx,X\n", SLANT_DICT_LIWC22},          /* any term column name */
        {"x.yaml", "a: [x]\n", SLANT_DICT_YAML},
        {"x.yml", "a: [x]\n", SLANT_DICT_YAML},
        {"x", "a: [x]\n", SLANT_DICT_YAML},
        {"x", "x\t1\n", SLANT_DICT_TSV},
        {"x.TSV", "x\t1\n", SLANT_DICT_TSV},
        {"x.dic", "\xEF\xBB\xBF%\n1\ta\n%\nx\t1\n", SLANT_DICT_LIWC}, /* a byte-order mark */
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(SlantDict) d = read_text(cases[i].text, cases[i].name, SLANT_DICT_AUTO, NULL);
        assert_int_equal(slant_dict_format(d), cases[i].want);
    }
}

/* ---- malformed input ---- */

typedef enum { READ, IMPORT } Stage;

static const struct {
    const char *what;
    const char *name;
    SlantDictFormat format;
    const char *text;
    Stage stage;
    SlantError code;
    const char *where; /* the message's start */
    const char *detail;
} invalid[] = {
    /* TSV */
    {"a missing tab", "t.tsv", SLANT_DICT_TSV, "calm\t2\nno tab here\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.tsv:2: ", "(no tab)"},
    {"a missing tab at the start", "t.tsv", SLANT_DICT_TSV, "# list\ncalm\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.tsv:2: ", "(no tab)"},
    {"a bad number", "t.tsv", SLANT_DICT_TSV, "calm\t2\ngloomy\t-2x\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.tsv:2: ", "weight '-2x' is not a number"},
    {"hex is no number", "t.tsv", SLANT_DICT_TSV, "calm\t2\ngloomy\t0x2\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.tsv:2: ", "not a number"},
    {"a weight above 100", "t.tsv", SLANT_DICT_TSV, "calm\t250\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.tsv:1: ", "weight 250 is out of range"},
    {"a weight below 0.001", "t.tsv", SLANT_DICT_TSV, "calm\t-0.0001\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.tsv:1: ", "out of range"},
    {"a category weight of 0", "t.tsv", SLANT_DICT_TSV, "calm\tmood\t0\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.tsv:1: ", "weight 0 is out of range"},
    {"a number for a category", "t.tsv", SLANT_DICT_TSV, "calm\tmood\ndusk\t2\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.tsv:2: ", "has its category"},
    {"too many tabs", "t.tsv", SLANT_DICT_TSV, "calm\t2\ndusk\ta\t2\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.tsv:2: ", "more than one tab"},
    {"a term without a word", "t.tsv", SLANT_DICT_TSV, "?!\t2\n", READ,
     SLANT_ERROR_LEXICON_PATTERN, "t.tsv:1: ", "term '?!' has no letters or digits"},
    {"a '*' inside a word", "t.tsv", SLANT_DICT_TSV, "dre*am\t2\n", READ,
     SLANT_ERROR_LEXICON_PATTERN, "t.tsv:1: ", "'*' only at the end of a word"},
    {"a lone glob", "t.tsv", SLANT_DICT_TSV, "new *\t2\n", READ, SLANT_ERROR_LEXICON_PATTERN,
     "t.tsv:1: ", "the glob '*' has no letters or digits"},
    {"an empty term", "t.tsv", SLANT_DICT_TSV, "calm\t2\n\t3\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.tsv:2: ", "empty term"},
    {"a term in both poles", "t.tsv", SLANT_DICT_TSV, "calm\t2\nCALM\t-1\n", IMPORT,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.tsv:2: ",
     "term 'CALM' is in both poles of axis 'sentiment' (the other at line 1)"},
    {"a term twice in a polar list", "t.tsv", SLANT_DICT_TSV, "calm\t2\ncalm\t1\n", IMPORT,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.tsv:2: ", "given twice in axis 'sentiment' (first at line 1)"},
    /* LIWC .dic */
    {"no header", "t.dic", SLANT_DICT_LIWC, "calm\t1\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.dic:1: ", "expected the '%' line"},
    {"an empty file", "t.dic", SLANT_DICT_LIWC, "", READ, SLANT_ERROR_LEXICON_SYNTAX, "t.dic:1: ",
     "no '%' line"},
    {"a header that never closes", "t.dic", SLANT_DICT_LIWC, "\n%\n1\ta\n2\tb\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dic:2: ", "never closes"},
    {"a header line without a tab", "t.dic", SLANT_DICT_LIWC, "%\n1 a\n%\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dic:2: ", "(no tab)"},
    {"a header id that is not a number", "t.dic", SLANT_DICT_LIWC, "%\nx\ta\n%\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.dic:2: ", "category id 'x' is not a whole number"},
    {"a term in a header that never closes", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\ncalm\t1\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.dic:3: ", "closes the header opened at line 1 missing?"},
    {"a category id twice", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n01\tb\n%\n", READ,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.dic:3: ", "category id 1 used twice in the header (first at line 2)"},
    {"a category name twice", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n2\ta\n%\n", READ,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.dic:3: ", "category 'a' defined twice (first at line 2)"},
    {"a term line without a tab", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncalm 1\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dic:4: ", "(no tab)"},
    {"an unknown category id", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncalm\t1\t2\n", READ,
     SLANT_ERROR_LEXICON_REFERENCE, "t.dic:4: ", "category id 2 is not in the header"},
    {"a category id that is not a number", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncalm\tone\n",
     READ, SLANT_ERROR_LEXICON_VALUE, "t.dic:4: ", "category id 'one' is not a whole number"},
    {"an id twice on a line", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncalm\t1 1\n", READ,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.dic:4: ", "category id 1 twice on the line"},
    {"a conditional category", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n2\tb\n%\nlike\t(02 134)1/2\n",
     READ, SLANT_ERROR_LEXICON_SYNTAX, "t.dic:5: ", "conditional categories ('(02 134)1/2')"},
    {"a third '%'", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncalm\t1\n%\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dic:5: ", "a third '%' line"},
    {"a term twice in a category", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncalm\t1\nCalm\t1\n",
     IMPORT, SLANT_ERROR_LEXICON_DUPLICATE, "t.dic:5: ",
     "term 'Calm' given twice in category 'a' (first at line 4)"},
    {"a term spelt apart twice", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\nU.S.\t1\nu s\t1\n",
     IMPORT, SLANT_ERROR_LEXICON_DUPLICATE, "t.dic:5: ", "given twice in category 'a'"},
    {"invalid UTF-8", "t.dic", SLANT_DICT_LIWC, "%\n1\ta\n%\ncaf\xE9\t1\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dic:4:4: ", "invalid UTF-8"},
    /* LIWC-22 .dicx */
    {"an unterminated quote", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a\ncalm,X\n\"dusk,X\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dicx:3: ", "a quoted field opened here never closes"},
    {"text after a closing quote", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a\n\"calm\"x,X\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dicx:2: ", "after a closing quote"},
    {"a quote inside a field", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a\nca\"lm,X\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dicx:2: ", "a quote inside a field"},
    {"a bad cell", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a\ncalm,Y\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.dicx:2: ", "cell 'Y' for category 'a' is not 'X'"},
    {"a negative weight", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a\ncalm,-1\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.dicx:2: ", "weight -1 is out of range"},
    {"a column twice", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a,b,a\n", READ,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.dicx:1: ", "category 'a' defined twice"},
    {"a column without a name", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a,\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dicx:1: ", "column 3 has no category name"},
    {"a cell beyond the header", "t.dicx", SLANT_DICT_LIWC22, "DicTerm,a\ncalm,X,X\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dicx:2: ", "beyond the 2 columns"},
    {"no header row", "t.dicx", SLANT_DICT_LIWC22, "\n\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.dicx:3: ", "no header row"},
    /* YAML */
    {"a tab in the indentation", "t.yml", SLANT_DICT_YAML, "a:\n\t- x\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:2: ", "a tab in the indentation"},
    {"an anchor", "t.yml", SLANT_DICT_YAML, "a: &x [y]\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:1: ", "anchors"},
    {"an alias", "t.yml", SLANT_DICT_YAML, "a:\n  - x\nb:\n  - *x\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:4: ", "aliases"},
    {"a tag", "t.yml", SLANT_DICT_YAML, "a: !!str x\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:1: ", "tags"},
    {"a block scalar", "t.yml", SLANT_DICT_YAML, "a: |\n  x\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:1: ", "block scalars"},
    {"a flow mapping", "t.yml", SLANT_DICT_YAML, "a: {x: 1}\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:1: ", "flow mappings"},
    {"a key twice", "t.yml", SLANT_DICT_YAML, "a: [x]\nb: [y]\na: [z]\n", READ,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.yml:3: ", "key 'a' given twice in one mapping (first at line 1)"},
    {"a flow sequence that never closes", "t.yml", SLANT_DICT_YAML, "a: [x,\n  y\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:1: ", "never closes"},
    {"an empty item in a flow sequence", "t.yml", SLANT_DICT_YAML, "a: [x, , y]\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:1: ", "an empty item"},
    {"a quote that never closes", "t.yml", SLANT_DICT_YAML, "a: ['x]\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:1: ", "must end on its line"},
    {"a sequence at the top", "t.yml", SLANT_DICT_YAML, "# terms\n- x\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:2: ", "a sequence where the categories' mapping"},
    {"a deeper line in a sequence", "t.yml", SLANT_DICT_YAML, "a:\n  - x\n    - y\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:3: ", "unexpected indentation"},
    {"a scalar over two lines", "t.yml", SLANT_DICT_YAML, "a: x\n  y\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:2: ", "unexpected indentation"},
    {"two documents", "t.yml", SLANT_DICT_YAML, "a: x\n---\nb: y\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:2: ", "a second YAML document"},
    {"a mapping in a sequence", "t.yml", SLANT_DICT_YAML, "a:\n  - x: y\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.yml:2: ", "a mapping inside a sequence"},
    {"an empty item", "t.yml", SLANT_DICT_YAML, "a:\n  -\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:2: ", "an empty sequence item"},
    {"a bad escape", "t.yml", SLANT_DICT_YAML, "a: \"\\q\"\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:1: ", "an escape '\\q'"},
    {"not a mapping", "t.yml", SLANT_DICT_YAML, "just words\n", READ, SLANT_ERROR_LEXICON_SYNTAX,
     "t.yml:1: ", "expected 'key:'"},
    {"a term without a word", "t.yml", SLANT_DICT_YAML, "a: ['?!']\n", READ,
     SLANT_ERROR_LEXICON_PATTERN, "t.yml:1: ", "no letters or digits"},
    {"a category without a letter", "t.yml", SLANT_DICT_YAML, "'?!': [x]\n", READ,
     SLANT_ERROR_LEXICON_VALUE, "t.yml:1: ", "category '?!' has no ASCII letter or digit"},
    {"two keys with one id", "t.yml", SLANT_DICT_YAML, "a b: [x]\na_b: [y]\n", READ,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.yml:2: ", "category 'a_b' and category 'a b' (line 1) would have one id 'a_b'"},
    {"a term twice in a YAML category", "t.yml", SLANT_DICT_YAML, "a:\n  - x\n  - X\n", IMPORT,
     SLANT_ERROR_LEXICON_DUPLICATE, "t.yml:3: ", "given twice in category 'a' (first at line 2)"},
    /* auto */
    {"an unknown format", "t.dict", SLANT_DICT_AUTO, "just words\n", READ,
     SLANT_ERROR_LEXICON_SYNTAX, "t.dict: ", "cannot tell the dictionary's format"},
};

static void
malformed_input_should_fail_with_its_code_and_line(void **state)
{
    (void) state;
    for (gsize i = 0; i < G_N_ELEMENTS(invalid); i++) {
        GError *error = NULL;
        SlantDict *d = slant_dict_read_data(invalid[i].text, strlen(invalid[i].text),
                                            invalid[i].name, invalid[i].format, NULL, &error);
        if (invalid[i].stage == IMPORT) {
            if (d == NULL)
                fail_msg("%s: read failed: %s", invalid[i].what, error->message);
            char *json = slant_dict_to_lexicon(d, NULL, NULL, NULL, &error);
            if (json != NULL)
                fail_msg("%s: imported", invalid[i].what);
            slant_dict_free(d);
        } else if (d != NULL) {
            fail_msg("%s: read", invalid[i].what);
        }
        assert_non_null(error);
        if (error->domain != SLANT_ERROR || error->code != (int) invalid[i].code)
            fail_msg("%s: code %d, want %d: %s", invalid[i].what, error->code, invalid[i].code,
                     error->message);
        if (!g_str_has_prefix(error->message, invalid[i].where) ||
            strstr(error->message, invalid[i].detail) == NULL)
            fail_msg("%s: message '%s', want '%s...%s'", invalid[i].what, error->message,
                     invalid[i].where, invalid[i].detail);
        g_error_free(error);
    }
}

static void
read_should_report_a_missing_file_as_io_error(void **state)
{
    (void) state;
    GError *error = NULL;
    assert_null(slant_dict_read("no/such/file.dic", SLANT_DICT_AUTO, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_IO);
    assert_string_equal(error->message, "cannot read dictionary 'no/such/file.dic': no such file");
    g_error_free(error);
}

/* ---- to a lexicon ---- */

static void
to_lexicon_should_make_exact_words_globs_and_phrases_with_notes(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("liwc.dic", NULL);
    g_autoptr(SlantLexicon) lex = import(d, NULL, NULL);
    assert_string_equal(slant_lexicon_name(lex), "liwc");
    assert_int_equal(slant_lexicon_n_axes(lex), 0);
    assert_int_equal(slant_lexicon_n_categories(lex), 3);
    static const struct {
        const char *pattern, *canonical, *category, *note;
    } want[] = {
        {"dreamer*", "dreamer*", "hope", "liwc.dic line 6: 'dreamer*' in hope"},
        {"=bright =future", "=bright =future", "hope", "liwc.dic line 7: 'bright future' in hope"},
        {"=maybe", "=maybe", "doubt", "liwc.dic line 8: 'maybe' in doubt"},
        {"=perhaps", "=perhaps", "doubt", "liwc.dic line 9: 'perhaps' in doubt"},
        {"=someday", "=someday", "hope", "liwc.dic line 10: 'someday' in hope"},
        {"=someday", "=someday", "time", "liwc.dic line 10: 'someday' in time"},
        {"=dusk", "=dusk", "time", "liwc.dic line 11: 'dusk' in time"},
        /* a glob of two tokens: both exact but the last, a prefix */
        {"=half hearted*", "=half hearted*", "doubt", "liwc.dic line 12: 'half-hearted*' in doubt"},
        {"=half hearted*", "=half hearted*", "time", "liwc.dic line 12: 'half-hearted*' in time"},
    };
    assert_int_equal(slant_lexicon_n_entries(lex), G_N_ELEMENTS(want));
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        assert_string_equal(e->pattern, want[i].pattern);
        assert_string_equal(e->canonical, want[i].canonical);
        assert_string_equal(slant_lexicon_category(lex, (guint) e->category)->id, want[i].category);
        assert_string_equal(e->note, want[i].note);
        assert_true(e->weight == 1.0);
    }
}

static void
to_lexicon_should_stem_plain_words_with_stem(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("liwc.dic", NULL);
    SlantDictLexiconOptions o = {.stem = TRUE};
    g_autoptr(SlantLexicon) lex = import(d, &o, NULL);
    assert_string_equal(slant_lexicon_entry(lex, 1)->pattern, "bright future");
    assert_string_equal(slant_lexicon_entry(lex, 1)->canonical, "bright futur");
    assert_string_equal(slant_lexicon_entry(lex, 0)->canonical, "dreamer*");
    assert_string_equal(slant_lexicon_entry(lex, 7)->pattern, "half-hearted*");
    assert_string_equal(slant_lexicon_entry(lex, 7)->canonical, "half hearted*");
}

static void
to_lexicon_should_merge_terms_that_stem_alike_with_a_warning(void **state)
{
    (void) state;
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(SlantDict) d = read_text("a:\n  - dreams\n  - dreaming\n  - dusk\n", "t.yml",
                                       SLANT_DICT_YAML, NULL);
    g_autoptr(SlantLexicon) exact = import(d, NULL, w);
    assert_int_equal(slant_lexicon_n_entries(exact), 3);
    assert_int_equal(w->len, 0);
    SlantDictLexiconOptions o = {.stem = TRUE};
    g_autoptr(SlantLexicon) lex = import(d, &o, w);
    assert_int_equal(slant_lexicon_n_entries(lex), 2);
    assert_string_equal(slant_lexicon_entry(lex, 1)->pattern, "dusk");
    assert_int_equal(w->len, 1);
    assert_string_equal(w->pdata[0],
                        "t.yml:3: term 'dreaming' in category 'a' compiles to the same words as "
                        "'dreams' (line 2), 'dream': left out, the entry of line 2 is kept");
}

static void
to_lexicon_should_make_an_axis_of_two_categories(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("liwc.dic", NULL);
    SlantDictLexiconOptions o = {.name = "moods", .axis = "mood", .positive = "hope",
                                 .negative = "doubt"};
    g_autoptr(SlantLexicon) lex = import(d, &o, NULL);
    assert_string_equal(slant_lexicon_name(lex), "moods");
    assert_int_equal(slant_lexicon_n_axes(lex), 1);
    const SlantAxis *ax = slant_lexicon_axis(lex, 0);
    assert_string_equal(ax->id, "mood");
    assert_string_equal(ax->positive, "hope");
    assert_string_equal(ax->negative, "doubt");
    assert_int_equal(slant_lexicon_n_categories(lex), 1);
    assert_string_equal(slant_lexicon_category(lex, 0)->id, "time");
    static const struct {
        const char *pattern;
        SlantPole pole;
        gint32 category;
    } want[] = {
        {"dreamer*", SLANT_POLE_POSITIVE, -1}, {"=bright =future", SLANT_POLE_POSITIVE, -1},
        {"=maybe", SLANT_POLE_NEGATIVE, -1},   {"=perhaps", SLANT_POLE_NEGATIVE, -1},
        {"=someday", SLANT_POLE_POSITIVE, -1}, {"=someday", SLANT_POLE_NONE, 0},
        {"=dusk", SLANT_POLE_NONE, 0},          {"=half hearted*", SLANT_POLE_NEGATIVE, -1},
        {"=half hearted*", SLANT_POLE_NONE, 0},
    };
    assert_int_equal(slant_lexicon_n_entries(lex), G_N_ELEMENTS(want));
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        assert_string_equal(e->pattern, want[i].pattern);
        assert_int_equal(e->pole, want[i].pole);
        assert_int_equal(e->category, want[i].category);
    }
}

static void
to_lexicon_should_rename_poles_the_loader_reserves(void **state)
{
    (void) state;
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(SlantDict) d = read_text("positive: [calm]\nnegative: [gloomy]\n", "lsd.yml",
                                       SLANT_DICT_YAML, NULL);
    SlantDictLexiconOptions o = {.axis = "sentiment", .positive = "positive", .negative = "negative"};
    g_autoptr(SlantLexicon) lex = import(d, &o, w);
    assert_string_equal(slant_lexicon_axis(lex, 0)->positive, "sentiment-positive");
    assert_string_equal(slant_lexicon_axis(lex, 0)->negative, "sentiment-negative");
    assert_int_equal(slant_lexicon_n_categories(lex), 0);
    assert_int_equal(w->len, 2);
    assert_string_equal(w->pdata[0], "lsd.yml: the positive pole of axis 'sentiment' is named "
                                     "'sentiment-positive' ('positive' is reserved)");
}

static void
to_lexicon_should_find_pole_categories_by_their_written_names(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("categories.tsv", NULL);
    SlantDictLexiconOptions o = {.axis = "light", .positive = "Hope and light", .negative = "mood"};
    g_autoptr(SlantLexicon) lex = import(d, &o, NULL);
    assert_string_equal(slant_lexicon_axis(lex, 0)->positive, "Hope_and_light");
    assert_string_equal(slant_lexicon_axis(lex, 0)->negative, "mood");
}

static void
to_lexicon_should_give_a_polar_list_one_axis(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_text("calm\t2\ngloomy\t-1.5\n", "words.tsv", SLANT_DICT_TSV, NULL);
    g_autoptr(SlantLexicon) lex = import(d, NULL, NULL);
    assert_int_equal(slant_lexicon_n_axes(lex), 1);
    assert_string_equal(slant_lexicon_axis(lex, 0)->id, "sentiment");
    assert_string_equal(slant_lexicon_axis(lex, 0)->positive, "positive-sentiment");
    assert_string_equal(slant_lexicon_axis(lex, 0)->negative, "negative-sentiment");
    const SlantEntry *e = slant_lexicon_entry(lex, 1);
    assert_string_equal(e->pattern, "=gloomy");
    assert_int_equal(e->pole, SLANT_POLE_NEGATIVE);
    assert_true(e->weight == 1.5);
    assert_string_equal(e->note, "words.tsv line 2: 'gloomy' -1.5");
    SlantDictLexiconOptions o = {.axis = "mood", .positive = "bright", .negative = "dark"};
    g_autoptr(SlantLexicon) named = import(d, &o, NULL);
    assert_string_equal(slant_lexicon_axis(named, 0)->id, "mood");
    assert_string_equal(slant_lexicon_axis(named, 0)->negative, "dark");
}

static void
to_lexicon_should_refuse_options_that_do_not_fit(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_fixture("liwc.dic", NULL);
    g_autoptr(SlantDict) polar = read_text("calm\t2\n", "w.tsv", SLANT_DICT_TSV, NULL);
    static const struct {
        gboolean polar;
        SlantDictLexiconOptions o;
        SlantError code;
        const char *message;
    } cases[] = {
        {FALSE, {.axis = "mood", .positive = "hope"}, SLANT_ERROR_USAGE,
         "axis 'mood' needs the categories of its positive and negative poles"},
        {FALSE, {.axis = "mood", .positive = "hope", .negative = "fear"}, SLANT_ERROR_USAGE,
         "liwc.dic has no category 'fear' (categories: hope, doubt, time)"},
        {FALSE, {.axis = "mood", .positive = "hope", .negative = "hope"}, SLANT_ERROR_USAGE,
         "axis 'mood': the positive and negative poles need two categories"},
        {FALSE, {.axis = "time", .positive = "hope", .negative = "doubt"}, SLANT_ERROR_USAGE,
         "axis id 'time' is the id of a category of liwc.dic"},
        {FALSE, {.axis = "a b", .positive = "hope", .negative = "doubt"}, SLANT_ERROR_USAGE,
         "axis id 'a b' must be letters, digits, '-', '_' or '.'"},
        {FALSE, {.positive = "hope"}, SLANT_ERROR_USAGE,
         "positive and negative poles need an axis (its id)"},
        {TRUE, {.positive = "same", .negative = "same"}, SLANT_ERROR_USAGE,
         "axis 'sentiment': the poles need two different names other than 'positive' and "
         "'negative'"},
        {FALSE, {.language = "klingon"}, SLANT_ERROR_LEXICON_LANGUAGE, NULL},
        {FALSE, {.name = ""}, SLANT_ERROR_USAGE, "the lexicon needs a name"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *error = NULL;
        assert_null(slant_dict_to_lexicon(cases[i].polar ? polar : d, &cases[i].o, NULL, NULL,
                                          &error));
        assert_non_null(error);
        if (error->code != (int) cases[i].code)
            fail_msg("case %zu: code %d: %s", i, error->code, error->message);
        if (cases[i].message != NULL)
            assert_string_equal(error->message, cases[i].message);
        g_error_free(error);
    }
}

static void
to_lexicon_should_refuse_a_dictionary_without_entries(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_text("%\n1\ta\n%\n", "t.dic", SLANT_DICT_LIWC, NULL);
    GError *error = NULL;
    assert_null(slant_dict_to_lexicon(d, NULL, NULL, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_EMPTY);
    assert_string_equal(error->message, "t.dic: no entries to import");
    g_error_free(error);
}

/* ---- round trips ---- */

static void
round_trip(const char *fixture, const SlantDictLexiconOptions *o)
{
    g_autoptr(SlantDict) d = read_fixture(fixture, NULL);
    g_autoptr(SlantLexicon) lex = import(d, o, NULL);
    static const SlantDictFormat out[] = {SLANT_DICT_LIWC, SLANT_DICT_LIWC22, SLANT_DICT_YAML};
    for (gsize f = 0; f < G_N_ELEMENTS(out); f++) {
        GError *error = NULL;
        g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
        g_autofree char *text = slant_dict_export(lex, out[f], w, &error);
        assert_null(error);
        g_autoptr(SlantDict) back = read_text(text, "back", out[f], NULL);
        SlantDictLexiconOptions o2 = o ? *o : (SlantDictLexiconOptions){0};
        if (slant_lexicon_n_axes(lex) > 0) {
            o2.axis = slant_lexicon_axis(lex, 0)->id;
            o2.positive = slant_lexicon_axis(lex, 0)->positive;
            o2.negative = slant_lexicon_axis(lex, 0)->negative;
        }
        g_autoptr(SlantLexicon) again = import(back, &o2, NULL);
        assert_same_lexicon(lex, again, out[f] == SLANT_DICT_LIWC22, out[f] == SLANT_DICT_YAML);
        if (out[f] != SLANT_DICT_LIWC22)
            for (guint i = 0; i < slant_lexicon_n_entries(lex); i++)
                if (slant_lexicon_entry(lex, i)->weight != 1.0)
                    assert_true(has_warning(w, "a weight other than 1"));
    }
}

static void
round_trip_should_give_the_same_lexicon_back(void **state)
{
    (void) state;
    static const char *const fixtures[] = {"liwc.dic", "weighted.dicx", "quanteda.yml",
                                           "categories.tsv"};
    for (gsize i = 0; i < G_N_ELEMENTS(fixtures); i++) {
        round_trip(fixtures[i], NULL);
        SlantDictLexiconOptions stem = {.stem = TRUE};
        round_trip(fixtures[i], &stem);
    }
    SlantDictLexiconOptions axis = {.axis = "mood", .positive = "hope", .negative = "doubt"};
    round_trip("liwc.dic", &axis);
    round_trip("weighted.dicx", &axis);
}

static void
round_trip_should_give_a_polar_list_its_axis_back(void **state)
{
    (void) state;
    g_autoptr(SlantDict) d = read_text("calm\t2\ngloomy\t-2\nserene\t1\ndusk*\t-1\n", "w.tsv",
                                       SLANT_DICT_TSV, NULL);
    g_autoptr(SlantLexicon) lex = import(d, NULL, NULL);
    static const SlantDictFormat out[] = {SLANT_DICT_LIWC, SLANT_DICT_LIWC22, SLANT_DICT_YAML};
    for (gsize f = 0; f < G_N_ELEMENTS(out); f++) {
        g_autofree char *text = slant_dict_export(lex, out[f], NULL, NULL);
        assert_non_null(text);
        g_autoptr(SlantDict) back = read_text(text, "back", out[f], NULL);
        SlantDictLexiconOptions o = {.axis = "sentiment", .positive = "positive-sentiment",
                                     .negative = "negative-sentiment"};
        g_autoptr(SlantLexicon) again = import(back, &o, NULL);
        assert_same_lexicon(lex, again, out[f] == SLANT_DICT_LIWC22, out[f] == SLANT_DICT_YAML);
    }
}

/* ---- export ---- */

static const char export_lexicon[] =
    "{\"lexicon\": \"x\", \"version\": \"1.2.3\", \"language\": \"english\",\n"
    " \"axes\": [{\"id\": \"mood\", \"positive\": \"bright\", \"negative\": \"dark\"}],\n"
    " \"categories\": [{\"id\": \"time\", \"label\": \"Time\"}],\n"
    " \"entries\": [\n"
    "  {\"pattern\": \"=dusk\", \"category\": \"time\"},\n"
    "  {\"pattern\": \"=gloom\", \"axis\": \"mood\", \"pole\": \"negative\", \"weight\": 2},\n"
    "  {\"pattern\": \"=dusk\", \"axis\": \"mood\", \"pole\": \"positive\"},\n"
    "  {\"pattern\": \"dawn*\", \"axis\": \"mood\", \"pole\": \"positive\"},\n"
    "  {\"pattern\": \"dawn*\", \"category\": \"time\"},\n"
    "  {\"pattern\": \"strengthen* ties\", \"category\": \"time\", \"note\": \"n\"}],\n"
    " \"modifiers\": {\"negators\": [\"not\"]}}\n";

static SlantLexicon *
load(const char *json)
{
    GError *error = NULL;
    SlantLexicon *lex = slant_lexicon_load_data(json, strlen(json), "x.json", &error);
    if (error != NULL)
        fail_msg("%s", error->message);
    return lex;
}

static void
export_should_write_a_dic_keeping_each_groups_order(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load(export_lexicon);
    g_autofree char *dic = slant_dict_export(lex, SLANT_DICT_LIWC, NULL, NULL);
    /* "dusk" stands in time first, then in the axis after "gloom": a line
     * of its own keeps the axis' order; "dawn*" shares its line */
    assert_string_equal(dic, "%\n1\tbright\n2\tdark\n3\ttime\n%\n"
                             "dusk\t3\ngloom\t2\ndusk\t1\ndawn*\t1\t3\nstrengthen* ties\t3\n");
}

static void
export_should_write_dicx_with_weights_and_yaml_by_category(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load(export_lexicon);
    g_autofree char *dicx = slant_dict_export(lex, SLANT_DICT_LIWC22, NULL, NULL);
    assert_string_equal(dicx, "DicTerm,bright,dark,time\ndusk,,,X\ngloom,,2,\ndusk,X,,\n"
                              "dawn*,X,,X\nstrengthen* ties,,,X\n");
    g_autofree char *yaml = slant_dict_export(lex, SLANT_DICT_YAML, NULL, NULL);
    assert_string_equal(yaml, "# lexicon 'x' version 1.2.3, exported by slant lexicon export\n"
                              "bright:\n  - dusk\n  - dawn*\ndark:\n  - gloom\n"
                              "time:\n  - dusk\n  - dawn*\n  - strengthen* ties\n");
}

static void
export_should_say_what_the_format_cannot_carry(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load(export_lexicon);
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *dic = slant_dict_export(lex, SLANT_DICT_LIWC, w, NULL);
    static const char *const want[] = {
        "x.json: 1 entry has a weight other than 1, which dic cannot carry: written without it "
        "(the first: '=gloom', weight 2, line 6)",
        "x.json: 1 entry has stem words, which dic writes as surface words: import with --stem "
        "to match them by stem again (the first: 'strengthen* ties', line 10)",
        "x.json: the modifiers (1 word) and the negation window (3) are not carried by dic",
        "x.json: the notes of 1 entry are not carried by dic",
        "x.json: 1 category or axis has a label or a description, which dic does not carry",
    };
    assert_int_equal(w->len, G_N_ELEMENTS(want));
    for (guint i = 0; i < G_N_ELEMENTS(want); i++)
        assert_string_equal(w->pdata[i], want[i]);
    g_ptr_array_set_size(w, 0);
    g_autofree char *dicx = slant_dict_export(lex, SLANT_DICT_LIWC22, w, NULL);
    assert_false(has_warning(w, "weight"));
    g_ptr_array_set_size(w, 0);
    g_autofree char *yaml = slant_dict_export(lex, SLANT_DICT_YAML, w, NULL);
    assert_true(has_warning(w, "x.json: yaml lists the terms of axis 'mood' pole by pole, "
                               "positive first"));
}

static void
export_should_write_once_what_would_be_one_dictionary_term(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load(
        "{\"lexicon\": \"x\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"categories\": [{\"id\": \"a\"}],\n"
        " \"entries\": [{\"pattern\": \"=deterrence\", \"category\": \"a\"},\n"
        "  {\"pattern\": \"deterrence\", \"category\": \"a\"}]}\n");
    g_autoptr(GPtrArray) w = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *dic = slant_dict_export(lex, SLANT_DICT_LIWC, w, NULL);
    assert_string_equal(dic, "%\n1\ta\n%\ndeterrence\t1\n");
    assert_true(has_warning(w, "x.json:4:3: 'deterrence' and '=deterrence' (line 3) in category "
                               "'a' are one dictionary term 'deterrence': written once"));
}

static void
export_should_refuse_two_groups_with_one_name_and_formats_it_cannot_write(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load(
        "{\"lexicon\": \"x\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"axes\": [{\"id\": \"mood\", \"positive\": \"time\", \"negative\": \"dark\"}],\n"
        " \"categories\": [{\"id\": \"time\"}],\n"
        " \"entries\": [{\"pattern\": \"dusk\", \"category\": \"time\"}]}\n");
    GError *error = NULL;
    assert_null(slant_dict_export(lex, SLANT_DICT_YAML, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_DUPLICATE);
    assert_string_equal(error->message, "x.json: cannot export: the positive pole of axis 'mood' "
                                        "and category 'time' would be one category 'time'");
    g_clear_error(&error);
    assert_null(slant_dict_export(lex, SLANT_DICT_TSV, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_USAGE);
    assert_string_equal(error->message, "cannot export to 'tsv' (formats: dic, dicx, yaml)");
    g_error_free(error);
}

/* ---- names ---- */

static void
format_names_should_parse_back(void **state)
{
    (void) state;
    static const SlantDictFormat all[] = {SLANT_DICT_AUTO, SLANT_DICT_LIWC, SLANT_DICT_LIWC22,
                                          SLANT_DICT_YAML, SLANT_DICT_TSV};
    for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
        SlantDictFormat f;
        assert_true(slant_dict_format_parse(slant_dict_format_name(all[i]), &f));
        assert_int_equal(f, all[i]);
    }
    SlantDictFormat f;
    assert_true(slant_dict_format_parse("liwc", &f) && f == SLANT_DICT_LIWC);
    assert_true(slant_dict_format_parse("liwc22", &f) && f == SLANT_DICT_LIWC22);
    assert_true(slant_dict_format_parse("yml", &f) && f == SLANT_DICT_YAML);
    assert_false(slant_dict_format_parse("csv", &f));
    assert_int_equal(slant_dict_format_from_path("a/b.DIC"), SLANT_DICT_LIWC);
    assert_int_equal(slant_dict_format_from_path("a.b/c"), SLANT_DICT_AUTO);
}

static void
free_should_accept_null(void **state)
{
    (void) state;
    slant_dict_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(read_liwc_should_keep_every_category_and_a_term_in_two),
        cmocka_unit_test(read_liwc_should_keep_text_after_a_category_name_as_its_label),
        cmocka_unit_test(read_dicx_should_take_x_and_numbers_as_weights),
        cmocka_unit_test(read_dicx_should_follow_quoted_line_breaks_and_warn_about_rows_in_no_category),
        cmocka_unit_test(read_yaml_should_name_nested_categories_by_their_keys),
        cmocka_unit_test(read_yaml_should_take_escapes_and_document_markers),
        cmocka_unit_test(read_tsv_should_take_a_polar_list_and_leave_out_weight_zero),
        cmocka_unit_test(read_tsv_should_take_categories_with_and_without_weights),
        cmocka_unit_test(read_auto_should_tell_the_format_by_content_then_extension),
        cmocka_unit_test(malformed_input_should_fail_with_its_code_and_line),
        cmocka_unit_test(read_should_report_a_missing_file_as_io_error),
        cmocka_unit_test(to_lexicon_should_make_exact_words_globs_and_phrases_with_notes),
        cmocka_unit_test(to_lexicon_should_stem_plain_words_with_stem),
        cmocka_unit_test(to_lexicon_should_merge_terms_that_stem_alike_with_a_warning),
        cmocka_unit_test(to_lexicon_should_make_an_axis_of_two_categories),
        cmocka_unit_test(to_lexicon_should_rename_poles_the_loader_reserves),
        cmocka_unit_test(to_lexicon_should_find_pole_categories_by_their_written_names),
        cmocka_unit_test(to_lexicon_should_give_a_polar_list_one_axis),
        cmocka_unit_test(to_lexicon_should_refuse_options_that_do_not_fit),
        cmocka_unit_test(to_lexicon_should_refuse_a_dictionary_without_entries),
        cmocka_unit_test(round_trip_should_give_the_same_lexicon_back),
        cmocka_unit_test(round_trip_should_give_a_polar_list_its_axis_back),
        cmocka_unit_test(export_should_write_a_dic_keeping_each_groups_order),
        cmocka_unit_test(export_should_write_dicx_with_weights_and_yaml_by_category),
        cmocka_unit_test(export_should_say_what_the_format_cannot_carry),
        cmocka_unit_test(export_should_write_once_what_would_be_one_dictionary_term),
        cmocka_unit_test(export_should_refuse_two_groups_with_one_name_and_formats_it_cannot_write),
        cmocka_unit_test(format_names_should_parse_back),
        cmocka_unit_test(free_should_accept_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test-lexicon.c: the lexicon loader, validator, compiler and linter of
 * engine/lib/lexicon.h (DESIGN.md §4, "Lexicon format" and "Pattern
 * rules").
 *
 * Fixtures live in tests/data/lexicon.  Each malformed fixture is checked
 * for the SLANT_ERROR domain, the exact SlantError code and the
 * "NAME:LINE:COL: " prefix pointing at the offending key or value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "lexicon.h"
#include "slant-error.h"

/* ---- helpers ---- */

#define assert_double_equal(a, b) assert_true(fabs((double) (a) - (double) (b)) < 1e-9)

static char *
fixture_path(const char *name)
{
    return g_build_filename(SLANT_TEST_DATA, "lexicon", name, NULL);
}

/* Load tests/data/lexicon/@name, named @name in messages. */
static SlantLexicon *
load_fixture(const char *name, GError **error)
{
    g_autofree char *path = fixture_path(name);
    return slant_lexicon_load(path, name, error);
}

static SlantLexicon *
load_valid_fixture(const char *name)
{
    GError *error = NULL;
    SlantLexicon *lex = load_fixture(name, &error);
    if (error != NULL)
        fail_msg("%s: unexpected error: %s", name, error->message);
    assert_non_null(lex);
    return lex;
}

/* Loading @name fails with @code, a message that starts with
 * "@name:@where: " and contains @detail. */
static void
assert_fixture_fails(const char *name, SlantError code, const char *where, const char *detail)
{
    GError *error = NULL;
    SlantLexicon *lex = load_fixture(name, &error);
    assert_null(lex);
    assert_non_null(error);
    assert_true(error->domain == SLANT_ERROR);
    if (error->code != (int) code)
        fail_msg("%s: code %s, expected %s (%s)", name, slant_error_code_name(error->code),
                 slant_error_code_name(code), error->message);
    g_autofree char *prefix = g_strdup_printf("%s:%s: ", name, where);
    if (!g_str_has_prefix(error->message, prefix))
        fail_msg("message '%s' does not start with '%s'", error->message, prefix);
    if (strstr(error->message, detail) == NULL)
        fail_msg("message '%s' does not mention '%s'", error->message, detail);
    assert_true(slant_error_is_lexicon(error));
    g_error_free(error);
}

/* A lexicon in memory with two axes and one category around @entries. */
static SlantLexicon *
load_entries(const char *entries, GError **error)
{
    g_autofree char *json = g_strdup_printf(
        "{\"lexicon\": \"mem\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"axes\": [{\"id\": \"alliance\", \"positive\": \"supportive\", \"negative\": \"critical\"},\n"
        "          {\"id\": \"tone\", \"positive\": \"warm\", \"negative\": \"cold\"}],\n"
        " \"categories\": [{\"id\": \"threat\"}],\n"
        " \"entries\": [%s]}\n",
        entries);
    return slant_lexicon_load_data(json, strlen(json), "mem.json", error);
}

/* The canonical form of the one pattern @pattern (an alliance entry). */
static char *
canonical_of(const char *pattern)
{
    g_autofree char *entry = g_strdup_printf(
        "{\"pattern\": \"%s\", \"axis\": \"alliance\", \"pole\": \"positive\"}", pattern);
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = load_entries(entry, &error);
    if (error != NULL)
        fail_msg("pattern '%s': unexpected error: %s", pattern, error->message);
    assert_int_equal(slant_lexicon_n_entries(lex), 1);
    return g_strdup(slant_lexicon_entry(lex, 0)->canonical);
}

#define assert_canonical(pattern, expected)             \
    do {                                                \
        g_autofree char *got_ = canonical_of(pattern);  \
        assert_string_equal(got_, expected);            \
    } while (0)

/* ---- a valid lexicon ---- */

static void
load_should_read_name_version_language_and_description(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_string_equal(slant_lexicon_name(lex), "test-valid");
    assert_string_equal(slant_lexicon_version(lex), "1.2.3");
    assert_string_equal(slant_lexicon_language(lex), "english");
    assert_string_equal(slant_lexicon_description(lex), "A small valid lexicon for the unit tests");
    assert_string_equal(slant_lexicon_path(lex), "valid.json");
}

static void
load_should_leave_missing_description_null(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("minimal.json");
    assert_null(slant_lexicon_description(lex));
    assert_int_equal(slant_lexicon_n_axes(lex), 0);
    assert_int_equal(slant_lexicon_n_categories(lex), 1);
    assert_null(slant_lexicon_category(lex, 0)->label);
}

static void
load_should_read_axes_in_file_order(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_int_equal(slant_lexicon_n_axes(lex), 2);
    const SlantAxis *a = slant_lexicon_axis(lex, 0);
    assert_string_equal(a->id, "alliance");
    assert_string_equal(a->positive, "alliance-supportive");
    assert_string_equal(a->negative, "independence-critical");
    assert_null(a->description);
    const SlantAxis *t = slant_lexicon_axis(lex, 1);
    assert_string_equal(t->id, "tone");
    assert_string_equal(t->positive, "warm");
    assert_string_equal(t->negative, "cold");
    assert_string_equal(t->description, "Tone of voice");
}

static void
load_should_read_categories_in_file_order(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_int_equal(slant_lexicon_n_categories(lex), 2);
    assert_string_equal(slant_lexicon_category(lex, 0)->id, "threat");
    assert_string_equal(slant_lexicon_category(lex, 0)->label, "External threat");
    assert_string_equal(slant_lexicon_category(lex, 1)->id, "legal");
    assert_null(slant_lexicon_category(lex, 1)->label);
    assert_int_equal(slant_lexicon_n_groups(lex), 4);
}

static void
load_should_read_entries_with_their_groups(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_int_equal(slant_lexicon_n_entries(lex), 7);
    /* group ids: axes first, then categories */
    static const struct {
        const char *pattern;
        gint32 axis, category;
        guint32 group;
    } want[] = {
        {"deterrence", 0, -1, 0},      {"strengthen* ties", 0, -1, 0},
        {"reliance on america", 0, -1, 0}, {"non-independent", 0, -1, 0},
        {"Washington's", 1, -1, 1},    {"=Article 5", -1, 1, 3},
        {"missile*", -1, 0, 2},
    };
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        assert_string_equal(e->pattern, want[i].pattern);
        assert_int_equal(e->index, i);
        assert_int_equal(e->axis, want[i].axis);
        assert_int_equal(e->category, want[i].category);
        assert_int_equal(e->group, want[i].group);
    }
}

static void
load_should_default_weight_to_one(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_double_equal(slant_lexicon_entry(lex, 0)->weight, 1.5);
    assert_double_equal(slant_lexicon_entry(lex, 1)->weight, 1.0);
    assert_double_equal(slant_lexicon_entry(lex, 2)->weight, 2.0);
    assert_double_equal(slant_lexicon_entry(lex, 3)->weight, 0.5);
    assert_double_equal(slant_lexicon_entry(lex, 5)->weight, 1.0);
}

static void
load_should_accept_pole_by_generic_name_or_by_axis_label(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_int_equal(slant_lexicon_entry(lex, 0)->pole, SLANT_POLE_POSITIVE); /* "positive" */
    assert_int_equal(slant_lexicon_entry(lex, 1)->pole, SLANT_POLE_POSITIVE); /* "alliance-supportive" */
    assert_int_equal(slant_lexicon_entry(lex, 2)->pole, SLANT_POLE_NEGATIVE); /* "negative" */
    assert_int_equal(slant_lexicon_entry(lex, 3)->pole, SLANT_POLE_NEGATIVE); /* "independence-critical" */
    assert_int_equal(slant_lexicon_entry(lex, 4)->pole, SLANT_POLE_NEGATIVE); /* "cold" */
    assert_int_equal(slant_lexicon_entry(lex, 5)->pole, SLANT_POLE_NONE);     /* a category */
}

static void
load_should_keep_notes(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_string_equal(slant_lexicon_entry(lex, 0)->note, "stem deterr");
    g_autoptr(SlantLexicon) lint = load_valid_fixture("lint.json");
    assert_null(slant_lexicon_entry(lint, 1)->note);
}

static void
load_should_record_line_and_column_of_each_entry(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    for (guint i = 0; i < slant_lexicon_n_entries(lex); i++) {
        assert_int_equal(slant_lexicon_entry(lex, i)->line, 15 + i);
        assert_int_equal(slant_lexicon_entry(lex, i)->col, 5);
    }
}

static void
load_should_read_modifiers(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    double f = 0;
    assert_int_equal(slant_lexicon_modifier(lex, 0, "not", 3, &f), SLANT_MODIFIER_NEGATOR);
    assert_double_equal(f, 1.0);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "without", 7, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "very", 4, &f), SLANT_MODIFIER_INTENSIFIER);
    assert_double_equal(f, 1.5);
    /* written "Deeply": stored by its normal form */
    assert_int_equal(slant_lexicon_modifier(lex, 0, "deeply", 6, &f), SLANT_MODIFIER_INTENSIFIER);
    assert_double_equal(f, 2.0);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "somewhat", 8, &f), SLANT_MODIFIER_DIMINISHER);
    assert_double_equal(f, 0.5);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "ally", 4, &f), SLANT_MODIFIER_NONE);
    assert_double_equal(f, 1.0);
    /* only @len bytes count */
    assert_int_equal(slant_lexicon_modifier(lex, 0, "nothing", 3, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "nothing", 7, &f), SLANT_MODIFIER_NONE);
}

static void
modifier_should_give_the_english_negators_when_none_are_named(void **state)
{
    (void) state;
    /* no "modifiers": the language's list, "*n't" among them */
    g_autoptr(SlantLexicon) lex = load_valid_fixture("minimal.json");
    double f = 0;
    assert_int_equal(slant_lexicon_modifier(lex, 0, "isn't", 5, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "won't", 5, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "not", 3, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "without", 7, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "isnt", 4, &f), SLANT_MODIFIER_NONE);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "n't", 3, &f), SLANT_MODIFIER_NONE);
    g_autofree const char **neg = slant_lexicon_negators(lex, 0);
    assert_int_equal(g_strv_length((char **) neg), 5);
    assert_string_equal(neg[4], "*n't");
}

/* A lexicon of one category whose modifiers are @modifiers (JSON). */
static SlantLexicon *
with_modifiers(const char *modifiers, const char *language, GError **error)
{
    g_autofree char *json = g_strdup_printf(
        "{\"lexicon\": \"m\", \"version\": \"1.0.0\", \"language\": \"%s\",\n"
        " \"categories\": [{\"id\": \"c\"}],\n"
        " \"entries\": [{\"pattern\": \"x\", \"category\": \"c\"}]%s%s}\n",
        language, modifiers ? ",\n \"modifiers\": " : "", modifiers ? modifiers : "");
    return slant_lexicon_load_data(json, strlen(json), "m.json", error);
}

static void
modifier_should_take_the_negators_the_lexicon_names_and_no_others(void **state)
{
    (void) state;
    double f = 0;
    /* negators: [] is no negation at all, n't included */
    g_autoptr(SlantLexicon) none = with_modifiers("{\"negators\": []}", "english", NULL);
    assert_non_null(none);
    assert_int_equal(slant_lexicon_modifier(none, 0, "not", 3, &f), SLANT_MODIFIER_NONE);
    assert_int_equal(slant_lexicon_modifier(none, 0, "isn't", 5, &f), SLANT_MODIFIER_NONE);
    /* a list without "*n't": n't is no negator */
    g_autoptr(SlantLexicon) words = with_modifiers("{\"negators\": [\"never\"]}", "english", NULL);
    assert_int_equal(slant_lexicon_modifier(words, 0, "never", 5, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(words, 0, "not", 3, &f), SLANT_MODIFIER_NONE);
    assert_int_equal(slant_lexicon_modifier(words, 0, "don't", 5, &f), SLANT_MODIFIER_NONE);
    /* a suffix of one's own */
    g_autoptr(SlantLexicon) suffix = with_modifiers("{\"negators\": [\"*n't\", \"*los\"]}", "english", NULL);
    assert_int_equal(slant_lexicon_modifier(suffix, 0, "don't", 5, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(suffix, 0, "hopelos", 7, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(suffix, 0, "los", 3, &f), SLANT_MODIFIER_NONE);
    /* other languages have no defaults (yet): none */
    g_autoptr(SlantLexicon) german = with_modifiers(NULL, "german", NULL);
    assert_int_equal(slant_lexicon_modifier(german, 0, "nicht", 5, &f), SLANT_MODIFIER_NONE);
    /* a '*' anywhere but at the start is an error at the negator */
    GError *err = NULL;
    assert_null(with_modifiers("{\"negators\": [\"n*t\"]}", "english", &err));
    assert_true(g_error_matches(err, SLANT_ERROR, SLANT_ERROR_LEXICON_VALUE));
    assert_non_null(strstr(err->message, "m.json:4:29: negator 'n*t': '*' stands only at the start"));
    g_clear_error(&err);
    assert_null(with_modifiers("{\"negators\": [\"*\"]}", "english", &err));
    assert_true(g_error_matches(err, SLANT_ERROR, SLANT_ERROR_LEXICON_VALUE));
    g_clear_error(&err);
}

static void
modifier_should_match_a_word_written_with_surrounding_punctuation(void **state)
{
    (void) state;
    /* a modifier is one token: its normal form is the token's, not the
     * whole string's */
    const char *json =
        "{\"lexicon\": \"m\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"categories\": [{\"id\": \"c\"}], \"entries\": [{\"pattern\": \"x\", \"category\": \"c\"}],\n"
        " \"modifiers\": {\"negators\": [\" Never\"], \"intensifiers\": {\"very!\": 2}}}";
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load_data(json, strlen(json), "m.json", &error);
    assert_null(error);
    double f = 0;
    assert_int_equal(slant_lexicon_modifier(lex, 0, "never", 5, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "very", 4, &f), SLANT_MODIFIER_INTENSIFIER);
    assert_double_equal(f, 2.0);
}

static void
load_should_read_negation_window_or_default_to_three(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_int_equal(slant_lexicon_source(lex, 0)->negation_window, 4);
    g_autoptr(SlantLexicon) min = load_valid_fixture("minimal.json");
    assert_int_equal(slant_lexicon_source(min, 0)->negation_window, 3);
}

static void
load_should_give_sha256_of_the_file_bytes(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    g_autofree char *path = fixture_path("valid.json");
    g_autofree char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_autofree char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) data, len);
    assert_string_equal(slant_lexicon_sha256(lex), want);
    assert_int_equal(strlen(slant_lexicon_sha256(lex)), 64);
}

static void
load_should_name_the_file_by_its_path_without_display_name(void **state)
{
    (void) state;
    g_autofree char *path = fixture_path("duplicate-pattern.json");
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load(path, NULL, &error);
    assert_null(lex);
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_DUPLICATE);
    g_autofree char *prefix = g_strdup_printf("%s:11:17: ", path);
    assert_true(g_str_has_prefix(error->message, prefix));
    g_error_free(error);

    g_autofree char *valid = fixture_path("valid.json");
    g_autoptr(SlantLexicon) ok = slant_lexicon_load(valid, NULL, NULL);
    assert_non_null(ok);
    assert_string_equal(slant_lexicon_path(ok), valid);
}

static void
load_should_accept_same_pattern_in_two_axes_and_a_category(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("same-pattern-two-axes.json");
    assert_int_equal(slant_lexicon_n_entries(lex), 3);
    const SlantEntry *a = slant_lexicon_entry(lex, 0);
    const SlantEntry *b = slant_lexicon_entry(lex, 1);
    const SlantEntry *c = slant_lexicon_entry(lex, 2);
    assert_int_equal(a->group, 0);
    assert_int_equal(b->group, 1);
    assert_int_equal(c->group, 2);
    assert_int_equal(b->pole, SLANT_POLE_NEGATIVE);
    /* one key, three entries starting with it, in file order */
    assert_int_equal(slant_lexicon_n_keys(lex), 1);
    assert_int_equal(a->words[0].key, c->words[0].key);
    guint n = 0;
    const guint32 *starts = slant_lexicon_entries_starting_with(lex, a->words[0].key, &n);
    assert_int_equal(n, 3);
    assert_int_equal(starts[0], 0);
    assert_int_equal(starts[1], 1);
    assert_int_equal(starts[2], 2);
}

/* ---- compiled patterns ---- */

static void
compile_should_stem_a_plain_word(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    const SlantEntry *e = slant_lexicon_entry(lex, 0);
    assert_string_equal(e->canonical, "deterr");
    assert_int_equal(e->n_words, 1);
    assert_int_equal(e->words[0].kind, SLANT_WORD_STEM);
    assert_string_equal(e->words[0].text, "deterr");
    assert_int_equal(e->specificity, SLANT_WORD_STEM);
}

static void
compile_should_make_a_starred_word_a_prefix(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    const SlantEntry *e = slant_lexicon_entry(lex, 1);
    assert_string_equal(e->canonical, "strengthen* tie");
    assert_int_equal(e->n_words, 2);
    assert_int_equal(e->words[0].kind, SLANT_WORD_PREFIX);
    assert_string_equal(e->words[0].text, "strengthen");
    assert_int_equal(e->words[1].kind, SLANT_WORD_STEM);
    assert_string_equal(e->words[1].text, "tie");
    assert_int_equal(e->specificity, SLANT_WORD_PREFIX + SLANT_WORD_STEM);
}

static void
compile_should_apply_exact_marker_to_its_word_only(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    const SlantEntry *e = slant_lexicon_entry(lex, 5);
    assert_string_equal(e->canonical, "=article 5");
    assert_int_equal(e->n_words, 2);
    assert_int_equal(e->words[0].kind, SLANT_WORD_EXACT);
    assert_string_equal(e->words[0].text, "article");
    assert_int_equal(e->words[1].kind, SLANT_WORD_STEM);
    assert_string_equal(e->words[1].text, "5");
    assert_int_equal(e->specificity, SLANT_WORD_EXACT + SLANT_WORD_STEM);
}

static void
compile_should_split_hyphenated_word_into_two_stem_words(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    const SlantEntry *e = slant_lexicon_entry(lex, 3);
    assert_string_equal(e->canonical, "non independ");
    assert_int_equal(e->n_words, 2);
    assert_int_equal(e->words[0].kind, SLANT_WORD_STEM);
    assert_int_equal(e->words[1].kind, SLANT_WORD_STEM);
    assert_canonical("non independent", "non independ");
}

static void
compile_should_stem_possessive_to_the_base_word(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_string_equal(slant_lexicon_entry(lex, 4)->canonical, "washington");
    assert_canonical("Washington\xe2\x80\x99s", "washington");
    assert_canonical("washington", "washington");
}

static void
compile_should_stem_each_word_of_a_phrase(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    assert_string_equal(slant_lexicon_entry(lex, 2)->canonical, "relianc on america");
    assert_string_equal(slant_lexicon_entry(lex, 6)->canonical, "missile*");
    assert_canonical("  Reliance   on\tAmerica ", "relianc on america");
}

static void
compile_should_make_every_token_of_an_exact_word_exact(void **state)
{
    (void) state;
    assert_canonical("=U.S. ties", "=u =s tie");
    assert_canonical("=US", "=us");
}

static void
compile_should_make_only_the_last_token_of_a_starred_word_a_prefix(void **state)
{
    (void) state;
    assert_canonical("anti-missile*", "anti missile*");
}

static void
compile_should_normalize_before_stemming(void **state)
{
    (void) state;
    /* "ＳＴＲＡßＥ": full-width letters and a sharp s */
    assert_canonical("\xef\xbc\xb3\xef\xbc\xb4\xef\xbc\xb2\xef\xbc\xa1\xc3\x9f" "e", "strass");
    assert_canonical("=\xef\xac\x81nance", "=finance");
}

static void
keys_should_be_shared_and_found_by_kind_and_text(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = load_entries(
        "{\"pattern\": \"deterrence\", \"axis\": \"alliance\", \"pole\": \"positive\"},"
        "{\"pattern\": \"deterrent power\", \"axis\": \"tone\", \"pole\": \"positive\"},"
        "{\"pattern\": \"=deterrence\", \"category\": \"threat\"},"
        "{\"pattern\": \"strengthen*\", \"category\": \"threat\"}",
        &error);
    assert_null(error);
    /* deterr (stem), power (stem), deterrence (exact), strengthen (prefix) */
    assert_int_equal(slant_lexicon_n_keys(lex), 4);
    gint32 stem = slant_lexicon_lookup_key(lex, SLANT_WORD_STEM, "deterr", 6);
    gint32 exact = slant_lexicon_lookup_key(lex, SLANT_WORD_EXACT, "deterrence", 10);
    gint32 prefix = slant_lexicon_lookup_key(lex, SLANT_WORD_PREFIX, "strengthen", 10);
    assert_true(stem >= 0 && exact >= 0 && prefix >= 0);
    assert_int_not_equal(stem, exact);
    assert_int_equal(slant_lexicon_entry(lex, 0)->words[0].key, stem);
    assert_int_equal(slant_lexicon_entry(lex, 1)->words[0].key, stem);
    assert_int_equal(slant_lexicon_entry(lex, 2)->words[0].key, exact);
    /* a kind is part of the key */
    assert_int_equal(slant_lexicon_lookup_key(lex, SLANT_WORD_EXACT, "deterr", 6), -1);
    assert_int_equal(slant_lexicon_lookup_key(lex, SLANT_WORD_STEM, "strengthen", 10), -1);
    /* @len bytes of a longer string */
    assert_int_equal(slant_lexicon_lookup_key(lex, SLANT_WORD_STEM, "deterrXYZ", 6), stem);
    guint n = 0;
    const guint32 *starts = slant_lexicon_entries_starting_with(lex, (guint32) stem, &n);
    assert_int_equal(n, 2);
    assert_int_equal(starts[0], 0);
    assert_int_equal(starts[1], 1);
    slant_lexicon_entries_starting_with(lex, (guint32) slant_lexicon_lookup_key(
                                                 lex, SLANT_WORD_STEM, "power", 5), &n);
    assert_int_equal(n, 0);
    assert_int_equal(slant_lexicon_max_prefix_len(lex), 10);
    /* the prefix keys a normal form starts with */
    guint32 found[10];
    assert_int_equal(slant_lexicon_prefix_keys(lex, "strengthening", 13, found), 1);
    assert_int_equal(found[0], (guint32) prefix);
    assert_int_equal(slant_lexicon_prefix_keys(lex, "strengthen", 10, found), 1);
    assert_int_equal(slant_lexicon_prefix_keys(lex, "strength", 8, found), 0);
    assert_int_equal(slant_lexicon_prefix_keys(lex, "deterrence", 10, found), 0);
    /* a kind is part of the key here too */
    assert_int_equal(slant_lexicon_lookup_key(lex, SLANT_WORD_PREFIX, "deterrence", 10), -1);
}

static void
prefix_keys_should_be_found_shortest_first_on_character_boundaries(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = load_entries(
        "{\"pattern\": \"cooperat*\", \"axis\": \"alliance\", \"pole\": \"positive\"},"
        "{\"pattern\": \"co*\", \"category\": \"threat\"},"
        "{\"pattern\": \"coop*\", \"category\": \"threat\"},"
        "{\"pattern\": \"\u00fc*\", \"category\": \"threat\"}",
        &error);
    assert_null(error);
    gint32 co = slant_lexicon_lookup_key(lex, SLANT_WORD_PREFIX, "co", 2);
    gint32 coop = slant_lexicon_lookup_key(lex, SLANT_WORD_PREFIX, "coop", 4);
    gint32 cooperat = slant_lexicon_lookup_key(lex, SLANT_WORD_PREFIX, "cooperat", 8);
    gint32 u = slant_lexicon_lookup_key(lex, SLANT_WORD_PREFIX, "\xc3\xbc", 2);
    assert_true(co >= 0 && coop >= 0 && cooperat >= 0 && u >= 0);
    guint32 found[8];
    assert_int_equal(slant_lexicon_prefix_keys(lex, "cooperation", 11, found), 3);
    assert_int_equal(found[0], (guint32) co);
    assert_int_equal(found[1], (guint32) coop);
    assert_int_equal(found[2], (guint32) cooperat);
    assert_int_equal(slant_lexicon_prefix_keys(lex, "cooper", 6, found), 2);
    assert_int_equal(slant_lexicon_prefix_keys(lex, "c", 1, found), 0);
    /* "\u00fcber": the prefix key of 2 bytes ends on the boundary after u-umlaut */
    assert_int_equal(slant_lexicon_prefix_keys(lex, "\xc3\xbc" "ber", 5, found), 1);
    assert_int_equal(found[0], (guint32) u);
    /* only the bytes given count */
    assert_int_equal(slant_lexicon_prefix_keys(lex, "cooperation", 3, found), 1);
}

static void
keys_should_have_no_prefix_length_without_prefix_entries(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("minimal.json");
    assert_int_equal(slant_lexicon_max_prefix_len(lex), 0);
}

/* ---- malformed lexicons ---- */

static void
load_should_refuse_escaped_nul_at_its_position(void **state)
{
    (void) state;
    GError *error = NULL;
    SlantLexicon *lex = load_entries(
        "{\"pattern\": \"deter\\u0000rence\", \"axis\": \"alliance\", \"pole\": \"positive\"}",
        &error);
    assert_null(lex);
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_SYNTAX);
    assert_string_equal(error->message, "mem.json:5:32: '\\u0000' in a string is not supported");
    g_clear_error(&error);
    /* an escaped backslash before "u0000" is the text "\u0000", no NUL */
    lex = load_entries(
        "{\"pattern\": \"deterrence\", \"axis\": \"alliance\", \"pole\": \"positive\", "
        "\"note\": \"not \\\\u0000\"}",
        &error);
    assert_null(error);
    assert_string_equal(slant_lexicon_entry(lex, 0)->note, "not \\u0000");
    slant_lexicon_free(lex);
}

/* The lint fixture, once plain and once after a byte order mark. */
static void
load_should_count_positions_after_byte_order_mark(void **state)
{
    (void) state;
    g_autofree char *path = fixture_path("lint.json");
    g_autofree char *plain = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &plain, &len, NULL));
    g_autofree char *bom = g_strconcat("\xEF\xBB\xBF", plain, NULL);
    GError *error = NULL;
    g_autoptr(SlantLexicon) a = slant_lexicon_load_data(plain, len, "lint.json", &error);
    g_autoptr(SlantLexicon) b = slant_lexicon_load_data(bom, len + 3, "lint.json", &error);
    assert_null(error);
    assert_non_null(a);
    assert_non_null(b);
    /* the same entry positions and the same lint lines ... */
    assert_int_equal(slant_lexicon_n_entries(a), slant_lexicon_n_entries(b));
    for (guint i = 0; i < slant_lexicon_n_entries(a); i++) {
        assert_true(slant_lexicon_entry(b, i)->line > 0);
        assert_int_equal(slant_lexicon_entry(a, i)->line, slant_lexicon_entry(b, i)->line);
        assert_int_equal(slant_lexicon_entry(a, i)->col, slant_lexicon_entry(b, i)->col);
    }
    g_autoptr(GPtrArray) wa = slant_lexicon_lint(a, SLANT_LINT_ALL);
    g_autoptr(GPtrArray) wb = slant_lexicon_lint(b, SLANT_LINT_ALL);
    assert_true(wa->len > 0);
    assert_int_equal(wa->len, wb->len);
    for (guint i = 0; i < wa->len; i++)
        assert_string_equal(wa->pdata[i], wb->pdata[i]);
    /* ... but the sha256 of each file as it is */
    assert_string_not_equal(slant_lexicon_sha256(a), slant_lexicon_sha256(b));

    /* an error after the mark: where it stands, not at 1:1 */
    const char *broken = "\xEF\xBB\xBF{\n  \"lexicon\": \"x\",\n  \"versoin\": \"1.0.0\"\n}\n";
    SlantLexicon *c = slant_lexicon_load_data(broken, strlen(broken), "bom.json", &error);
    assert_null(c);
    assert_non_null(error);
    assert_true(g_str_has_prefix(error->message, "bom.json:3:3: unknown key 'versoin'"));
    g_clear_error(&error);
    const char *bad_json = "\xEF\xBB\xBF{\n\n \"lexicon\" \"x\"}\n";
    c = slant_lexicon_load_data(bad_json, strlen(bad_json), "bom.json", &error);
    assert_null(c);
    assert_string_equal(error->message, "bom.json:3:12: invalid JSON");
    g_clear_error(&error);
    const char *bad_utf8 = "\xEF\xBB\xBF{\"lexicon\": \"\xff\"}";
    c = slant_lexicon_load_data(bad_utf8, strlen(bad_utf8), "bom.json", &error);
    assert_null(c);
    assert_string_equal(error->message, "bom.json:1:14: invalid UTF-8");
    g_clear_error(&error);
}

static void
load_should_report_invalid_json_at_trailing_comma(void **state)
{
    (void) state;
    assert_fixture_fails("syntax-trailing-comma.json", SLANT_ERROR_LEXICON_SYNTAX, "11:3",
                         "invalid JSON");
}

static void
load_should_report_invalid_json_at_missing_colon(void **state)
{
    (void) state;
    assert_fixture_fails("syntax-missing-colon.json", SLANT_ERROR_LEXICON_SYNTAX, "11:32",
                         "invalid JSON");
}

static void
load_should_report_trailing_garbage_after_the_lexicon(void **state)
{
    (void) state;
    assert_fixture_fails("syntax-trailing-garbage.json", SLANT_ERROR_LEXICON_SYNTAX, "14:1",
                         "invalid JSON");
}

static void
load_should_report_empty_file_as_unexpected_end(void **state)
{
    (void) state;
    assert_fixture_fails("syntax-empty.json", SLANT_ERROR_LEXICON_SYNTAX, "1:1",
                         "unexpected end of file");
}

static void
load_should_report_invalid_utf8_at_the_bad_byte(void **state)
{
    (void) state;
    assert_fixture_fails("syntax-invalid-utf8.json", SLANT_ERROR_LEXICON_SYNTAX, "11:77",
                         "invalid UTF-8");
}

static void
load_should_report_unknown_top_level_key_at_the_key(void **state)
{
    (void) state;
    assert_fixture_fails("key-unknown-top.json", SLANT_ERROR_LEXICON_KEY, "5:3",
                         "unknown key 'autor'");
}

static void
load_should_report_unknown_entry_key_at_the_key(void **state)
{
    (void) state;
    assert_fixture_fails("key-unknown-entry.json", SLANT_ERROR_LEXICON_KEY, "11:65",
                         "unknown key 'wieght'");
}

static void
load_should_report_duplicate_top_level_key_at_the_second_one(void **state)
{
    (void) state;
    assert_fixture_fails("key-duplicate-top.json", SLANT_ERROR_LEXICON_KEY, "5:3",
                         "duplicate key 'version'");
}

static void
load_should_report_duplicate_entry_key_at_the_second_one(void **state)
{
    (void) state;
    assert_fixture_fails("key-duplicate-entry.json", SLANT_ERROR_LEXICON_KEY, "11:65",
                         "duplicate key 'pole'");
}

static void
load_should_report_unknown_axis(void **state)
{
    (void) state;
    assert_fixture_fails("reference-unknown-axis.json", SLANT_ERROR_LEXICON_REFERENCE, "11:33",
                         "unknown axis 'nato'");
}

static void
load_should_report_unknown_category(void **state)
{
    (void) state;
    assert_fixture_fails("reference-unknown-category.json", SLANT_ERROR_LEXICON_REFERENCE,
                         "11:37", "unknown category 'cyber'");
}

static void
load_should_report_unknown_pole(void **state)
{
    (void) state;
    assert_fixture_fails("reference-unknown-pole.json", SLANT_ERROR_LEXICON_REFERENCE, "11:53",
                         "unknown pole 'supportive-ish'");
}

static void
load_should_reject_zero_weight(void **state)
{
    (void) state;
    assert_fixture_fails("value-weight-zero.json", SLANT_ERROR_LEXICON_VALUE, "11:75", "weight");
}

static void
load_should_reject_negative_weight(void **state)
{
    (void) state;
    assert_fixture_fails("value-weight-negative.json", SLANT_ERROR_LEXICON_VALUE, "11:75",
                         "weight");
}

static void
load_should_reject_weight_given_as_string(void **state)
{
    (void) state;
    assert_fixture_fails("value-weight-string.json", SLANT_ERROR_LEXICON_VALUE, "11:75", "weight");
}

static void
load_should_reject_weight_above_one_hundred(void **state)
{
    (void) state;
    assert_fixture_fails("value-weight-too-large.json", SLANT_ERROR_LEXICON_VALUE, "11:75",
                         "weight");
}

static void
load_should_reject_entry_with_both_axis_and_category(void **state)
{
    (void) state;
    assert_fixture_fails("value-axis-and-category.json", SLANT_ERROR_LEXICON_VALUE, "11:5",
                         "exactly one of 'axis' and 'category'");
}

static void
load_should_reject_axis_entry_without_pole(void **state)
{
    (void) state;
    assert_fixture_fails("value-missing-pole.json", SLANT_ERROR_LEXICON_VALUE, "11:5",
                         "missing string 'pole'");
}

static void
load_should_reject_category_entry_with_pole(void **state)
{
    (void) state;
    assert_fixture_fails("value-category-with-pole.json", SLANT_ERROR_LEXICON_VALUE, "11:55",
                         "a category entry has no pole");
}

static void
load_should_reject_duplicate_pattern_in_one_axis(void **state)
{
    (void) state;
    assert_fixture_fails("duplicate-pattern.json", SLANT_ERROR_LEXICON_DUPLICATE, "11:17",
                         "duplicate pattern 'Deterrence' (first at line 10)");
}

static void
load_should_reject_lone_star_pattern(void **state)
{
    (void) state;
    assert_fixture_fails("pattern-star.json", SLANT_ERROR_LEXICON_PATTERN, "11:17",
                         "pattern '*'");
}

static void
load_should_reject_word_both_exact_and_prefix(void **state)
{
    (void) state;
    assert_fixture_fails("pattern-exact-prefix.json", SLANT_ERROR_LEXICON_PATTERN, "11:17",
                         "pattern '=foo*': a word cannot be both '=exact' and 'prefix*'");
}

static void
load_should_reject_star_inside_a_word(void **state)
{
    (void) state;
    assert_fixture_fails("pattern-inner-star.json", SLANT_ERROR_LEXICON_PATTERN, "11:17",
                         "pattern 'a*b'");
}

static void
load_should_reject_pattern_without_letters_or_digits(void **state)
{
    (void) state;
    assert_fixture_fails("pattern-hyphens.json", SLANT_ERROR_LEXICON_PATTERN, "11:17",
                         "pattern '---'");
}

static void
load_should_reject_unknown_language(void **state)
{
    (void) state;
    assert_fixture_fails("language-unknown.json", SLANT_ERROR_LEXICON_LANGUAGE, "4:15",
                         "no stemmer for language 'klingon'");
}

static void
load_should_reject_version_that_is_not_semver(void **state)
{
    (void) state;
    assert_fixture_fails("value-bad-version.json", SLANT_ERROR_LEXICON_VALUE, "3:14",
                         "version '1.0'");
}

static void
load_should_reject_intensifier_factor_of_one(void **state)
{
    (void) state;
    assert_fixture_fails("value-intensifier-factor.json", SLANT_ERROR_LEXICON_VALUE, "13:78",
                         "intensifier 'really'");
}

static void
load_should_reject_diminisher_factor_above_one(void **state)
{
    (void) state;
    assert_fixture_fails("value-diminisher-factor.json", SLANT_ERROR_LEXICON_VALUE, "13:45",
                         "diminisher 'somewhat'");
}

static void
load_should_reject_multi_token_modifier(void **state)
{
    (void) state;
    assert_fixture_fails("value-multi-token-modifier.json", SLANT_ERROR_LEXICON_VALUE, "13:37",
                         "modifier 'not at all' must be a single token");
}

static void
load_should_reject_negation_window_above_ten(void **state)
{
    (void) state;
    assert_fixture_fails("value-negation-window.json", SLANT_ERROR_LEXICON_VALUE, "13:36",
                         "negation_window");
}

static void
load_should_report_missing_file_as_io_error(void **state)
{
    (void) state;
    GError *error = NULL;
    SlantLexicon *lex = load_fixture("no-such-lexicon.json", &error);
    assert_null(lex);
    assert_non_null(error);
    assert_true(error->domain == SLANT_ERROR);
    assert_int_equal(error->code, SLANT_ERROR_IO);
    assert_non_null(strstr(error->message, "'no-such-lexicon.json'"));
    assert_non_null(strstr(error->message, "no such file"));
    g_error_free(error);
}

static void
load_data_should_reject_lexicon_that_is_not_an_object(void **state)
{
    (void) state;
    GError *error = NULL;
    const char *json = "\n  [1, 2]";
    assert_null(slant_lexicon_load_data(json, strlen(json), "arr.json", &error));
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_VALUE);
    assert_true(g_str_has_prefix(error->message, "arr.json:2:3: "));
    g_error_free(error);
}

static void
load_data_should_reject_lexicon_without_entries(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = load_entries("", &error);
    assert_null(lex);
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_VALUE);
    /* at the empty array, line 5 of load_entries() */
    assert_true(g_str_has_prefix(error->message, "mem.json:5:13: "));
    g_error_free(error);
}

static void
load_should_count_columns_in_characters_after_escapes_and_non_ascii(void **state)
{
    (void) state;
    GError *error = NULL;
    /* the pattern holds "ß" (two bytes, one character), escaped quotes and
     * an escaped backslash before the bad value */
    g_autoptr(SlantLexicon) lex = load_entries(
        "{\"pattern\": \"Stra\xc3\x9f" "e \\\"quoted\\\" \\\\ back\", \"axis\": \"nato\", "
        "\"pole\": \"positive\"}",
        &error);
    assert_null(lex);
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_REFERENCE);
    if (!g_str_has_prefix(error->message, "mem.json:5:63: "))
        fail_msg("wrong location: %s", error->message);
    g_error_free(error);
}

static void
load_should_locate_a_value_in_a_later_array_element(void **state)
{
    (void) state;
    GError *error = NULL;
    /* the second entry's weight, after an entry with an exponent number */
    g_autoptr(SlantLexicon) lex = load_entries(
        "{\"pattern\": \"a\", \"axis\": \"alliance\", \"pole\": \"positive\", \"weight\": 1e0},\n"
        "  {\"pattern\": \"b\", \"category\": \"threat\", \"weight\": -2.5E+1}",
        &error);
    assert_null(lex);
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_VALUE);
    if (!g_str_has_prefix(error->message, "mem.json:6:52: "))
        fail_msg("wrong location: %s", error->message);
    g_error_free(error);
}

/* ---- lint ---- */

static void
lint_should_name_what_shadows_an_entry_and_only_that(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("lint-shadow.json");
    g_autoptr(GPtrArray) w = slant_lexicon_lint(lex, SLANT_LINT_SCORES);
    assert_int_equal(w->len, 3);
    /* a prefix word against a stem word of the same stem: loses there */
    assert_true(g_str_has_prefix(w->pdata[0], "lint-shadow.json:10:5: warning: entry 'illegal "
                                              "immigrant*' loses to 'illegal immigration' (line 9) "
                                              "in axis 'immigration' wherever its words stem"));
    /* a prefix that holds an earlier prefix: never wins */
    assert_string_equal(w->pdata[1], "lint-shadow.json:12:5: warning: entry 'migrant*' never wins "
                                     "in category 'people': 'migra*' (line 11) matches wherever it "
                                     "does and wins (it comes first in the file)");
    /* two sentences as the text is tokenized ("U.S. border" is one) */
    assert_true(g_str_has_prefix(w->pdata[2], "lint-shadow.json:15:5: warning: pattern 'border. "
                                              "crisis' never matches: the text's tokenizer ends a "
                                              "sentence between 'border' and 'crisis'"));
    /* notes only with SLANT_LINT_NOTES */
    g_autoptr(GPtrArray) notes = slant_lexicon_lint(lex, SLANT_LINT_NOTES);
    assert_int_equal(notes->len, 0);
}

static void
lint_should_see_an_exact_word_its_stem_or_prefix_entry_takes(void **state)
{
    (void) state;
    GError *error = NULL;
    /* "=strong ties" is exact + exact (more specific than the stem entry):
     * it wins; "strong tie*" (stem + prefix) loses to "strong ties" (stem +
     * stem) where its words stem alike, and so does "=strong tie*" (exact +
     * prefix: as specific as stem + stem, and later) */
    g_autoptr(SlantLexicon) lex = load_entries(
        "{\"pattern\": \"strong ties\", \"axis\": \"alliance\", \"pole\": \"positive\", \"note\": \"a\"},"
        "{\"pattern\": \"=strong =ties\", \"axis\": \"alliance\", \"pole\": \"positive\", \"note\": \"b\"},"
        "{\"pattern\": \"strong tie*\", \"axis\": \"alliance\", \"pole\": \"positive\", \"note\": \"c\"},"
        "{\"pattern\": \"=strong tie*\", \"axis\": \"alliance\", \"pole\": \"positive\", \"note\": \"d\"},"
        "{\"pattern\": \"strong ties\", \"axis\": \"tone\", \"pole\": \"positive\", \"note\": \"e\"},"
        "{\"pattern\": \"strong\", \"axis\": \"tone\", \"pole\": \"positive\", \"note\": \"f\"}",
        &error);
    assert_null(error);
    g_autoptr(GPtrArray) w = slant_lexicon_lint(lex, SLANT_LINT_SCORES);
    assert_int_equal(w->len, 2);
    assert_non_null(strstr(w->pdata[0], "entry 'strong tie*' loses to 'strong ties' (line "));
    assert_non_null(strstr(w->pdata[0], "in axis 'alliance'"));
    assert_non_null(strstr(w->pdata[0], "it is more specific"));
    assert_non_null(strstr(w->pdata[1], "entry '=strong tie*' loses to 'strong ties' (line "));
    assert_non_null(strstr(w->pdata[1], "it comes first in the file"));
}

static void
lint_should_warn_about_stem_collision_naming_both_lines(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("lint.json");
    g_autoptr(GPtrArray) w = slant_lexicon_lint(lex, SLANT_LINT_ALL);
    assert_int_equal(w->len, 2);
    const char *collision = NULL;
    for (guint i = 0; i < w->len; i++)
        if (strstr(w->pdata[i], "stem collision") != NULL)
            collision = w->pdata[i];
    assert_non_null(collision);
    assert_true(g_str_has_prefix(collision, "lint.json:11:5: warning: "));
    assert_non_null(strstr(collision, "'deterrent' and 'deterrence' (line 9)"));
    assert_non_null(strstr(collision, "'deterr'"));
    assert_non_null(strstr(collision, "different poles or weights"));
}

static void
lint_should_warn_about_entry_without_note(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("lint.json");
    g_autoptr(GPtrArray) w = slant_lexicon_lint(lex, SLANT_LINT_ALL);
    guint notes = 0;
    for (guint i = 0; i < w->len; i++) {
        if (strstr(w->pdata[i], "no note") == NULL)
            continue;
        notes++;
        assert_string_equal(w->pdata[i], "lint.json:10:5: warning: entry 'cornerstone' has no note");
    }
    assert_int_equal(notes, 1);
}

static void
lint_should_warn_about_collision_with_equal_weights_as_dead_entry(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = load_entries(
        "{\"pattern\": \"deterrence\", \"axis\": \"alliance\", \"pole\": \"positive\", \"note\": \"a\"},"
        "{\"pattern\": \"deterrent\", \"axis\": \"alliance\", \"pole\": \"positive\", \"note\": \"b\"},"
        "{\"pattern\": \"deterrents\", \"axis\": \"tone\", \"pole\": \"positive\", \"note\": \"c\"}",
        &error);
    assert_null(error);
    g_autoptr(GPtrArray) w = slant_lexicon_lint(lex, SLANT_LINT_ALL);
    /* the third entry is in another axis: no collision with the first */
    assert_int_equal(w->len, 1);
    assert_non_null(strstr(w->pdata[0], "'deterrent' and 'deterrence'"));
    assert_non_null(strstr(w->pdata[0], "the later entry never matches"));
}

static void
lint_should_find_nothing_in_a_clean_lexicon(void **state)
{
    (void) state;
    g_autoptr(SlantLexicon) lex = load_valid_fixture("valid.json");
    g_autoptr(GPtrArray) w = slant_lexicon_lint(lex, SLANT_LINT_ALL);
    assert_int_equal(w->len, 0);
}

static void
names_should_be_stable(void **state)
{
    (void) state;
    assert_string_equal(slant_pole_name(SLANT_POLE_POSITIVE), "positive");
    assert_string_equal(slant_pole_name(SLANT_POLE_NEGATIVE), "negative");
    assert_string_equal(slant_pole_name(SLANT_POLE_NONE), "none");
    assert_string_equal(slant_word_kind_name(SLANT_WORD_EXACT), "exact");
    assert_string_equal(slant_word_kind_name(SLANT_WORD_STEM), "stem");
    assert_string_equal(slant_word_kind_name(SLANT_WORD_PREFIX), "prefix");
}

static void
free_should_accept_null(void **state)
{
    (void) state;
    slant_lexicon_free(NULL);
    g_autoptr(SlantLexicon) lex = NULL;
    assert_null(lex);
}

/* ---- several files, summaries, axes from categories, per-entry negation ---- */

static const char LEX_A[] =
    "{\"lexicon\": \"a\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
    " \"axes\": [{\"id\": \"ties\", \"positive\": \"close\", \"negative\": \"distant\"}],\n"
    " \"categories\": [{\"id\": \"threat\"}],\n"
    " \"entries\": [{\"pattern\": \"strong ties\", \"axis\": \"ties\", \"pole\": \"close\"},\n"
    "             {\"pattern\": \"missile\", \"category\": \"threat\"}],\n"
    " \"modifiers\": {\"intensifiers\": {\"very\": 2}, \"negation_window\": 2}}\n";
static const char LEX_B[] =
    "{\"lexicon\": \"b\", \"version\": \"2.1.0\", \"language\": \"english\",\n"
    " \"axes\": [{\"id\": \"warmth\", \"positive\": \"warm\", \"negative\": \"cold\"}],\n"
    " \"categories\": [{\"id\": \"hedges\"}, {\"id\": \"boosters\"}],\n"
    " \"entries\": [{\"pattern\": \"rift\", \"axis\": \"warmth\", \"pole\": \"cold\"},\n"
    "             {\"pattern\": \"=might\", \"category\": \"hedges\"},\n"
    "             {\"pattern\": \"=clearly\", \"category\": \"boosters\"}],\n"
    " \"modifiers\": {\"negators\": []}}\n";

static SlantLexicon *
load_two(const char *a, const char *b, GError **error)
{
    const char *datas[] = {a, b};
    const gsize lens[] = {strlen(a), strlen(b)};
    const char *names[] = {"a.json", "b.json"};
    return slant_lexicon_load_data_many(datas, lens, names, 2, error);
}

static void
load_many_should_keep_each_files_share_axes_first(void **state)
{
    (void) state;
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = load_two(LEX_A, LEX_B, &error);
    assert_null(error);
    assert_int_equal(slant_lexicon_n_sources(lex), 2);
    /* groups: every file's axes, then every file's categories */
    assert_int_equal(slant_lexicon_n_axes(lex), 2);
    assert_string_equal(slant_lexicon_axis(lex, 0)->id, "ties");
    assert_string_equal(slant_lexicon_axis(lex, 1)->id, "warmth");
    assert_int_equal(slant_lexicon_n_categories(lex), 3);
    assert_string_equal(slant_lexicon_category(lex, 0)->id, "threat");
    assert_string_equal(slant_lexicon_category(lex, 2)->id, "boosters");
    const guint want_source[] = {0, 1, 0, 1, 1};
    for (guint g = 0; g < 5; g++)
        assert_int_equal(slant_lexicon_group_source(lex, g), want_source[g]);
    const SlantLexiconSource *a = slant_lexicon_source(lex, 0), *b = slant_lexicon_source(lex, 1);
    assert_string_equal(a->name, "a");
    assert_string_equal(b->version, "2.1.0");
    assert_string_equal(b->path, "b.json");
    assert_int_equal(a->first_axis, 0);
    assert_int_equal(b->first_axis, 1);
    assert_int_equal(b->first_category, 1);
    assert_int_equal(b->n_categories, 2);
    assert_int_equal(a->n_entries, 2);
    assert_int_equal(b->first_entry, 2);
    assert_int_equal(b->n_entries, 3);
    /* entries: numbered across the files, each in its file's group */
    const SlantEntry *rift = slant_lexicon_entry(lex, 2);
    assert_string_equal(rift->pattern, "rift");
    assert_int_equal(rift->index, 2);
    assert_int_equal(rift->source, 1);
    assert_int_equal(rift->axis, 1);
    assert_int_equal(rift->group, 1);
    const SlantEntry *missile = slant_lexicon_entry(lex, 1);
    assert_int_equal(missile->category, 0);
    assert_int_equal(missile->group, 2);
    assert_int_equal(slant_lexicon_entry(lex, 4)->group, 4);
    /* each file's modifiers and window */
    double f;
    assert_int_equal(slant_lexicon_modifier(lex, 0, "very", 4, &f), SLANT_MODIFIER_INTENSIFIER);
    assert_double_equal(f, 2.0);
    assert_int_equal(slant_lexicon_modifier(lex, 1, "very", 4, &f), SLANT_MODIFIER_NONE);
    assert_int_equal(slant_lexicon_modifier(lex, 0, "not", 3, &f), SLANT_MODIFIER_NEGATOR);
    assert_int_equal(slant_lexicon_modifier(lex, 1, "not", 3, &f), SLANT_MODIFIER_NONE);
    assert_int_equal(slant_lexicon_group_negation_window(lex, 0), 2);
    assert_int_equal(slant_lexicon_group_negation_window(lex, 1), 3);
    assert_int_equal(slant_lexicon_group_negation_window(lex, 2), 2);
    /* the run's identity */
    assert_string_equal(slant_lexicon_name(lex), "a+b");
    assert_string_equal(slant_lexicon_version(lex), "1.0.0+2.1.0");
    assert_string_equal(slant_lexicon_path(lex), "a.json+b.json");
    g_autofree char *sa = g_compute_checksum_for_string(G_CHECKSUM_SHA256, LEX_A, -1);
    g_autofree char *sb = g_compute_checksum_for_string(G_CHECKSUM_SHA256, LEX_B, -1);
    assert_string_equal(a->sha256, sa);
    g_autofree char *both = g_strdup_printf("%s\n%s\n", sa, sb);
    g_autofree char *want = g_compute_checksum_for_string(G_CHECKSUM_SHA256, both, -1);
    assert_string_equal(slant_lexicon_sha256(lex), want);
}

static void
load_many_should_refuse_an_id_two_files_share_naming_both(void **state)
{
    (void) state;
    GError *error = NULL;
    assert_null(load_two(LEX_A, LEX_A, &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_LEXICON_DUPLICATE));
    assert_string_equal(error->message,
                        "b.json:2:18: axis or category id 'ties' is also in a.json: the lexicons "
                        "of one run need different ids");
    g_clear_error(&error);
    /* a category id of the second that is an axis id of the first */
    g_autofree char *b2 = g_strdup(LEX_B);
    memcpy(strstr(b2, "\"hedges\""), "\"ties\"  ", 8);
    assert_null(load_two(LEX_A, b2, &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_LEXICON_DUPLICATE));
    assert_non_null(strstr(error->message, "b.json:3:"));
    assert_non_null(strstr(error->message, "id 'ties' is also in a.json"));
    g_clear_error(&error);
    /* an entry of one file cannot name another file's axis */
    g_autofree char *b3 = g_strdup(LEX_B);
    memcpy(strstr(b3, "\"axis\": \"warmth\""), "\"axis\": \"ties\"  ", 16);
    assert_null(load_two(LEX_A, b3, &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_LEXICON_REFERENCE));
    assert_non_null(strstr(error->message, "b.json:4:"));
    g_clear_error(&error);
}

static void
load_many_should_refuse_files_of_two_languages(void **state)
{
    (void) state;
    g_autofree char *b = g_strdup(LEX_B);
    memcpy(strstr(b, "\"english\""), "\"german\" ", 9);
    GError *error = NULL;
    assert_null(load_two(LEX_A, b, &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_LEXICON_LANGUAGE));
    assert_string_equal(error->message,
                        "b.json:1:50: language 'german' is not that of a.json ('english'): the "
                        "lexicons of one run share one language");
    g_clear_error(&error);
}

static void
load_should_read_the_summary_score(void **state)
{
    (void) state;
    g_autofree char *json = g_strdup_printf(
        "%.*s,\n \"summary\": {\"axis\": \"ties\", \"score\": \"net_per_1k\", \"description\": \"d\"}}",
        (int) (strlen(LEX_A) - 2), LEX_A);
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load_data(json, strlen(json), "s.json", &error);
    assert_null(error);
    const SlantLexiconSource *src = slant_lexicon_source(lex, 0);
    assert_int_equal(src->summary_axis, 0);
    assert_string_equal(src->summary_score, "net_per_1k");
    assert_string_equal(src->summary_description, "d");
    g_autoptr(SlantLexicon) none = slant_lexicon_load_data(LEX_A, strlen(LEX_A), "a.json", &error);
    assert_int_equal(slant_lexicon_source(none, 0)->summary_axis, -1);
    assert_null(slant_lexicon_source(none, 0)->summary_score);
    /* an axis it does not have, a score there is not */
    static const char *const bad[][2] = {
        {"{\"axis\": \"tone\", \"score\": \"balance\"}", "summary: unknown axis 'tone'"},
        {"{\"axis\": \"ties\", \"score\": \"mean\"}", "summary: score 'mean' must be"},
        {"{\"axis\": \"ties\"}", "missing string 'score'"},
        {"{\"axis\": \"ties\", \"score\": \"logit\", \"weight\": 1}", "unknown key 'weight'"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *b = g_strdup_printf("%.*s,\n \"summary\": %s}", (int) (strlen(LEX_A) - 2),
                                             LEX_A, bad[i][0]);
        assert_null(slant_lexicon_load_data(b, strlen(b), "s.json", &error));
        if (error == NULL || strstr(error->message, bad[i][1]) == NULL)
            fail_msg("summary %s: %s", bad[i][0], error ? error->message : "no error");
        assert_true(g_str_has_prefix(error->message, "s.json:7:"));
        g_clear_error(&error);
    }
}

static void
load_should_make_axis_entries_from_categories(void **state)
{
    (void) state;
    const char *json =
        "{\"lexicon\": \"c\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"axes\": [{\"id\": \"loaded\", \"positive\": \"loaded\", \"negative\": \"measured\",\n"
        "           \"positive_categories\": [\"labels\", \"subjective\"],\n"
        "           \"negative_categories\": [\"neutral\"]}],\n"
        " \"categories\": [{\"id\": \"labels\"}, {\"id\": \"subjective\"}, {\"id\": \"neutral\"},\n"
        "                {\"id\": \"other\"}],\n"
        " \"entries\": [{\"pattern\": \"regime\", \"category\": \"labels\", \"weight\": 2, \"note\": \"n1\"},\n"
        "             {\"pattern\": \"=said\", \"category\": \"neutral\"},\n"
        "             {\"pattern\": \"shocking\", \"category\": \"subjective\", \"negatable\": false},\n"
        "             {\"pattern\": \"thing\", \"category\": \"other\"},\n"
        "             {\"pattern\": \"calm\", \"axis\": \"loaded\", \"pole\": \"measured\"}]}\n";
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load_data(json, strlen(json), "c.json", &error);
    assert_null(error);
    const SlantLexiconSource *src = slant_lexicon_source(lex, 0);
    assert_int_equal(src->n_file_entries, 5);
    /* after the file's five: labels' and subjective's for the loaded pole
     * (in the order the axis names them), neutral's for the measured one */
    assert_int_equal(slant_lexicon_n_entries(lex), 8);
    assert_int_equal(src->n_entries, 8);
    const SlantEntry *e = slant_lexicon_entry(lex, 5);
    assert_string_equal(e->pattern, "regime");
    assert_int_equal(e->axis, 0);
    assert_int_equal(e->category, -1);
    assert_int_equal(e->group, 0);
    assert_int_equal(e->pole, SLANT_POLE_POSITIVE);
    assert_int_equal(e->from_category, 0);
    assert_double_equal(e->weight, 2.0);
    assert_string_equal(e->note, "n1");
    assert_int_equal(e->line, slant_lexicon_entry(lex, 0)->line);
    e = slant_lexicon_entry(lex, 6);
    assert_string_equal(e->pattern, "shocking");
    assert_int_equal(e->from_category, 1);
    assert_false(e->negatable);
    e = slant_lexicon_entry(lex, 7);
    assert_string_equal(e->canonical, "=said");
    assert_int_equal(e->pole, SLANT_POLE_NEGATIVE);
    assert_int_equal(e->from_category, 2);
    /* the file's own entries are untouched */
    assert_int_equal(slant_lexicon_entry(lex, 0)->from_category, -1);
    assert_int_equal(slant_lexicon_entry(lex, 0)->group, 1);
    assert_true(slant_lexicon_entry(lex, 0)->negatable);
    /* a category the lexicon lacks, or no list */
    static const char *const bad[][2] = {
        {"[\"labels\", \"nope\"]", "c.json:3:46: 'positive_categories': no category 'nope'"},
        {"\"labels\"", "c.json:3:35: 'positive_categories' must be an array of category ids"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GString) b = g_string_new(json);
        g_string_replace(b, "[\"labels\", \"subjective\"]", bad[i][0], 1);
        assert_null(slant_lexicon_load_data(b->str, b->len, "c.json", &error));
        if (error == NULL || strstr(error->message, bad[i][1]) == NULL)
            fail_msg("%s: %s", bad[i][0], error ? error->message : "no error");
        g_clear_error(&error);
    }
}

static void
load_should_read_negatable_and_an_axis_window(void **state)
{
    (void) state;
    const char *json =
        "{\"lexicon\": \"n\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"axes\": [{\"id\": \"a\", \"positive\": \"p\", \"negative\": \"q\", \"negation_window\": 0},\n"
        "          {\"id\": \"b\", \"positive\": \"r\", \"negative\": \"s\"}],\n"
        " \"entries\": [{\"pattern\": \"x\", \"axis\": \"b\", \"pole\": \"r\", \"negatable\": false},\n"
        "             {\"pattern\": \"y\", \"axis\": \"b\", \"pole\": \"r\", \"negatable\": true},\n"
        "             {\"pattern\": \"z\", \"axis\": \"a\", \"pole\": \"p\"}],\n"
        " \"modifiers\": {\"negation_window\": 5}}\n";
    GError *error = NULL;
    g_autoptr(SlantLexicon) lex = slant_lexicon_load_data(json, strlen(json), "n.json", &error);
    assert_null(error);
    assert_false(slant_lexicon_entry(lex, 0)->negatable);
    assert_true(slant_lexicon_entry(lex, 1)->negatable);
    assert_true(slant_lexicon_entry(lex, 2)->negatable);
    assert_int_equal(slant_lexicon_axis(lex, 0)->negation_window, 0);
    assert_int_equal(slant_lexicon_axis(lex, 1)->negation_window, -1);
    assert_int_equal(slant_lexicon_group_negation_window(lex, 0), 0);
    assert_int_equal(slant_lexicon_group_negation_window(lex, 1), 5);
    static const char *const bad[][3] = {
        {"\"negatable\": false", "\"negatable\": 0", "n.json:4:70: entry 'x': 'negatable' must be true or false"},
        {"\"negation_window\": 0}", "\"negation_window\": 11}",
         "n.json:2:76: axis 'a': 'negation_window' must be a whole number from 0 to 10"},
        {"\"negation_window\": 0}", "\"negation_window\": 1.5}", "axis 'a': 'negation_window' must be"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GString) b = g_string_new(json);
        g_string_replace(b, bad[i][0], bad[i][1], 1);
        assert_null(slant_lexicon_load_data(b->str, b->len, "n.json", &error));
        if (error == NULL || strstr(error->message, bad[i][2]) == NULL)
            fail_msg("%s: %s", bad[i][1], error ? error->message : "no error");
        assert_int_equal(error->code, SLANT_ERROR_LEXICON_VALUE);
        g_clear_error(&error);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(load_many_should_keep_each_files_share_axes_first),
        cmocka_unit_test(load_many_should_refuse_an_id_two_files_share_naming_both),
        cmocka_unit_test(load_many_should_refuse_files_of_two_languages),
        cmocka_unit_test(load_should_read_the_summary_score),
        cmocka_unit_test(load_should_make_axis_entries_from_categories),
        cmocka_unit_test(load_should_read_negatable_and_an_axis_window),
        cmocka_unit_test(load_should_refuse_escaped_nul_at_its_position),
        cmocka_unit_test(load_should_count_positions_after_byte_order_mark),
        cmocka_unit_test(load_should_read_name_version_language_and_description),
        cmocka_unit_test(load_should_leave_missing_description_null),
        cmocka_unit_test(load_should_read_axes_in_file_order),
        cmocka_unit_test(load_should_read_categories_in_file_order),
        cmocka_unit_test(load_should_read_entries_with_their_groups),
        cmocka_unit_test(load_should_default_weight_to_one),
        cmocka_unit_test(load_should_accept_pole_by_generic_name_or_by_axis_label),
        cmocka_unit_test(load_should_keep_notes),
        cmocka_unit_test(load_should_record_line_and_column_of_each_entry),
        cmocka_unit_test(load_should_read_modifiers),
        cmocka_unit_test(modifier_should_give_the_english_negators_when_none_are_named),
        cmocka_unit_test(modifier_should_take_the_negators_the_lexicon_names_and_no_others),
        cmocka_unit_test(modifier_should_match_a_word_written_with_surrounding_punctuation),
        cmocka_unit_test(load_should_read_negation_window_or_default_to_three),
        cmocka_unit_test(load_should_give_sha256_of_the_file_bytes),
        cmocka_unit_test(load_should_name_the_file_by_its_path_without_display_name),
        cmocka_unit_test(load_should_accept_same_pattern_in_two_axes_and_a_category),
        cmocka_unit_test(compile_should_stem_a_plain_word),
        cmocka_unit_test(compile_should_make_a_starred_word_a_prefix),
        cmocka_unit_test(compile_should_apply_exact_marker_to_its_word_only),
        cmocka_unit_test(compile_should_split_hyphenated_word_into_two_stem_words),
        cmocka_unit_test(compile_should_stem_possessive_to_the_base_word),
        cmocka_unit_test(compile_should_stem_each_word_of_a_phrase),
        cmocka_unit_test(compile_should_make_every_token_of_an_exact_word_exact),
        cmocka_unit_test(compile_should_make_only_the_last_token_of_a_starred_word_a_prefix),
        cmocka_unit_test(compile_should_normalize_before_stemming),
        cmocka_unit_test(keys_should_be_shared_and_found_by_kind_and_text),
        cmocka_unit_test(prefix_keys_should_be_found_shortest_first_on_character_boundaries),
        cmocka_unit_test(keys_should_have_no_prefix_length_without_prefix_entries),
        cmocka_unit_test(load_should_report_invalid_json_at_trailing_comma),
        cmocka_unit_test(load_should_report_invalid_json_at_missing_colon),
        cmocka_unit_test(load_should_report_trailing_garbage_after_the_lexicon),
        cmocka_unit_test(load_should_report_empty_file_as_unexpected_end),
        cmocka_unit_test(load_should_report_invalid_utf8_at_the_bad_byte),
        cmocka_unit_test(load_should_report_unknown_top_level_key_at_the_key),
        cmocka_unit_test(load_should_report_unknown_entry_key_at_the_key),
        cmocka_unit_test(load_should_report_duplicate_top_level_key_at_the_second_one),
        cmocka_unit_test(load_should_report_duplicate_entry_key_at_the_second_one),
        cmocka_unit_test(load_should_report_unknown_axis),
        cmocka_unit_test(load_should_report_unknown_category),
        cmocka_unit_test(load_should_report_unknown_pole),
        cmocka_unit_test(load_should_reject_zero_weight),
        cmocka_unit_test(load_should_reject_negative_weight),
        cmocka_unit_test(load_should_reject_weight_given_as_string),
        cmocka_unit_test(load_should_reject_weight_above_one_hundred),
        cmocka_unit_test(load_should_reject_entry_with_both_axis_and_category),
        cmocka_unit_test(load_should_reject_axis_entry_without_pole),
        cmocka_unit_test(load_should_reject_category_entry_with_pole),
        cmocka_unit_test(load_should_reject_duplicate_pattern_in_one_axis),
        cmocka_unit_test(load_should_reject_lone_star_pattern),
        cmocka_unit_test(load_should_reject_word_both_exact_and_prefix),
        cmocka_unit_test(load_should_reject_star_inside_a_word),
        cmocka_unit_test(load_should_reject_pattern_without_letters_or_digits),
        cmocka_unit_test(load_should_reject_unknown_language),
        cmocka_unit_test(load_should_reject_version_that_is_not_semver),
        cmocka_unit_test(load_should_reject_intensifier_factor_of_one),
        cmocka_unit_test(load_should_reject_diminisher_factor_above_one),
        cmocka_unit_test(load_should_reject_multi_token_modifier),
        cmocka_unit_test(load_should_reject_negation_window_above_ten),
        cmocka_unit_test(load_should_report_missing_file_as_io_error),
        cmocka_unit_test(load_data_should_reject_lexicon_that_is_not_an_object),
        cmocka_unit_test(load_data_should_reject_lexicon_without_entries),
        cmocka_unit_test(load_should_count_columns_in_characters_after_escapes_and_non_ascii),
        cmocka_unit_test(load_should_locate_a_value_in_a_later_array_element),
        cmocka_unit_test(lint_should_warn_about_stem_collision_naming_both_lines),
        cmocka_unit_test(lint_should_warn_about_entry_without_note),
        cmocka_unit_test(lint_should_warn_about_collision_with_equal_weights_as_dead_entry),
        cmocka_unit_test(lint_should_find_nothing_in_a_clean_lexicon),
        cmocka_unit_test(lint_should_name_what_shadows_an_entry_and_only_that),
        cmocka_unit_test(lint_should_see_an_exact_word_its_stem_or_prefix_entry_takes),
        cmocka_unit_test(names_should_be_stable),
        cmocka_unit_test(free_should_accept_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

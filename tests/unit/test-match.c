/* test-match.c: the form cache and the matcher of engine/lib/match.h
 * (DESIGN.md §4, "Pattern rules"), one test per rule, on small lexicons
 * built in memory.
 *
 * Hits are rendered as "eENTRY/gGROUP@FIRST+N:POLE:WEIGHT", followed by
 * ":neg@TOKEN" when a negator fired, ":mod@TOKEN" when an intensifier or
 * diminisher did and ":q" when the hit is quoted, and joined by spaces, so that a failure shows every
 * hit of the document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "lexicon.h"
#include "match.h"
#include "slant-error.h"

/* ---- helpers ---- */

#define assert_double_equal(a, b) assert_true(fabs((double) (a) - (double) (b)) < 1e-9)

/* Groups of every test lexicon: 0 alliance, 1 tone (axes), 2 threat,
 * 3 legal (categories). */
enum { G_ALLIANCE, G_TONE, G_THREAT, G_LEGAL };

typedef struct {
    SlantLexicon *lex;
    SlantMatcher *matcher;
    SlantAnalysis analysis;
} Fixture;

#define DEFAULT_MODIFIERS                                                         \
    "{\"negators\": [\"not\", \"no\", \"never\", \"without\", \"*n't\"], \"negation_window\": 3," \
    " \"intensifiers\": {\"very\": 1.5, \"deeply\": 2}, \"diminishers\": {\"somewhat\": 0.5}}"

/* A matcher for a lexicon made of @entries (the inside of the entries
 * array) and the default modifiers. */
static Fixture *
fixture_new(const char *entries)
{
    g_autofree char *json = g_strdup_printf(
        "{\"lexicon\": \"mem\", \"version\": \"1.0.0\", \"language\": \"english\",\n"
        " \"axes\": [{\"id\": \"alliance\", \"positive\": \"supportive\", \"negative\": \"critical\"},\n"
        "          {\"id\": \"tone\", \"positive\": \"warm\", \"negative\": \"cold\"}],\n"
        " \"categories\": [{\"id\": \"threat\"}, {\"id\": \"legal\"}],\n"
        " \"entries\": [%s],\n"
        " \"modifiers\": %s}\n",
        entries, DEFAULT_MODIFIERS);
    GError *error = NULL;
    Fixture *fx = g_new0(Fixture, 1);
    fx->lex = slant_lexicon_load_data(json, strlen(json), "mem.json", &error);
    if (error != NULL)
        fail_msg("lexicon: %s", error->message);
    fx->matcher = slant_matcher_new(fx->lex, &error);
    if (error != NULL)
        fail_msg("matcher: %s", error->message);
    slant_analysis_init(&fx->analysis);
    return fx;
}

static void
fixture_free(Fixture *fx)
{
    slant_analysis_clear(&fx->analysis);
    slant_matcher_free(fx->matcher);
    slant_lexicon_free(fx->lex);
    g_free(fx);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Fixture, fixture_free)

/* An axis entry and a category entry, as JSON. */
#define AXIS(pattern, axis, pole, weight)                                                 \
    "{\"pattern\": \"" pattern "\", \"axis\": \"" axis "\", \"pole\": \"" pole "\", "     \
    "\"weight\": " #weight "}"
#define CATEGORY(pattern, category) \
    "{\"pattern\": \"" pattern "\", \"category\": \"" category "\"}"

static const SlantAnalysis *
analyze(Fixture *fx, const char *title, const char *text)
{
    slant_matcher_analyze(fx->matcher, title, title ? strlen(title) : 0, text, strlen(text),
                          &fx->analysis);
    return &fx->analysis;
}

static const SlantHit *
hit(const SlantAnalysis *a, guint i)
{
    assert_true(i < a->hits->len);
    return &g_array_index(a->hits, SlantHit, i);
}

/* Every hit of @a in the format above (no cmocka assertion: any thread). */
static char *
render_hits(const SlantAnalysis *a)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < a->hits->len; i++) {
        const SlantHit *h = &g_array_index(a->hits, SlantHit, i);
        g_string_append_printf(out, "%se%u/g%u@%u+%u:%+d:%g", i ? " " : "", h->entry, h->group,
                               h->first_token, h->n_tokens, h->pole, h->weight);
        if (h->negated)
            g_string_append_printf(out, ":neg@%d", h->negator);
        if (h->modifier >= 0)
            g_string_append_printf(out, ":mod@%d", h->modifier);
        if (h->quoted)
            g_string_append(out, ":q");
    }
    return g_string_free(out, FALSE);
}

/* Every hit of @text (with @title, nullable) in the format above. */
static char *
hits_of(Fixture *fx, const char *title, const char *text)
{
    return render_hits(analyze(fx, title, text));
}

#define assert_hits(fx, title, text, expected)              \
    do {                                                    \
        g_autofree char *got_ = hits_of(fx, title, text);   \
        assert_string_equal(got_, expected);                \
    } while (0)

/* ---- how one word matches ---- */

static void
match_should_hit_stem_entry_with_another_form_of_the_stem(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1.5));
    assert_hits(fx, NULL, "A strong deterrent.", "e0/g0@2+1:+1:1.5");
    assert_hits(fx, NULL, "DETERRENCE and Deterrence", "e0/g0@0+1:+1:1.5 e0/g0@2+1:+1:1.5");
    /* "deter" has the stem "deter", not "deterr" */
    assert_hits(fx, NULL, "to deter", "");
}

static void
match_should_hit_prefix_entry_on_forms_that_start_with_it(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("strengthen*", "alliance", "positive", 1));
    assert_hits(fx, NULL, "strengthened strengthening strength Strengthen",
                "e0/g0@0+1:+1:1 e0/g0@1+1:+1:1 e0/g0@3+1:+1:1");
}

static void
match_should_cut_prefixes_on_character_boundaries(void **state)
{
    (void) state;
    /* "über*" matches "Überzeugung" (normal form "überzeugung") */
    g_autoptr(Fixture) fx = fixture_new(CATEGORY("\xc3\xbc" "ber*", "threat"));
    assert_hits(fx, NULL, "\xc3\x9c" "berzeugung uber \xc3\xbc" "b",
                "e0/g2@0+1:+0:1");
}

static void
match_should_hit_exact_entry_on_the_normal_form_only(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(CATEGORY("=us", "threat"));
    /* tokens: US us Us U S usa */
    assert_hits(fx, NULL, "US us Us U.S. usa", "e0/g2@0+1:+0:1 e0/g2@1+1:+0:1 e0/g2@2+1:+0:1");
}

static void
match_should_not_stem_exact_entry(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("=deterrence", "alliance", "negative", 2));
    assert_hits(fx, NULL, "deterrent deterrence", "e0/g0@1+1:-1:2");
}

static void
match_should_fold_case_and_width_before_matching(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(CATEGORY("=Stra\xc3\x9f" "e", "legal"));
    /* "STRASSE", "Straße" and full-width "ＳＴＲＡＳＳＥ" */
    assert_hits(fx, NULL,
                "STRASSE Stra\xc3\x9f" "e \xef\xbc\xb3\xef\xbc\xb4\xef\xbc\xb2\xef\xbc\xa1\xef\xbc\xb3"
                "\xef\xbc\xb3\xef\xbc\xa5 strase",
                "e0/g3@0+1:+0:1 e0/g3@1+1:+0:1 e0/g3@2+1:+0:1");
}

static void
match_should_match_possessive_with_base_pattern(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("washington", "tone", "cold", 1));
    assert_hits(fx, NULL, "Washington's view and Washington\xe2\x80\x99s aims",
                "e0/g1@0+1:-1:1 e0/g1@3+1:-1:1");
}

/* ---- phrases ---- */

static void
match_should_hit_multi_word_entry_on_consecutive_tokens_only(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("reliance on america", "alliance", "negative", 2));
    assert_hits(fx, NULL, "Reliance on America grows", "e0/g0@0+3:-1:2");
    assert_hits(fx, NULL, "reliance mostly on America", "");
    assert_hits(fx, NULL, "on America reliance", "");
}

static void
match_should_match_hyphenated_and_spaced_forms_alike(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("non-independent", "alliance", "negative", 1));
    assert_hits(fx, NULL, "a non-independent and a non independent Japan",
                "e0/g0@1+2:-1:1 e0/g0@5+2:-1:1");
}

static void
match_should_not_run_a_phrase_across_a_sentence_break(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("alliance strengthened", "alliance", "positive", 1));
    assert_hits(fx, NULL, "We back the alliance. Strengthened ties follow.", "");
    assert_hits(fx, NULL, "We back the alliance\n\nStrengthened ties", "");
    assert_hits(fx, NULL, "We saw the alliance strengthened.", "e0/g0@3+2:+1:1");
}

static void
match_should_run_a_phrase_across_us_abbreviation(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("U.S.-Japan alliance", "alliance", "positive", 1));
    assert_hits(fx, NULL, "The U.S.-Japan alliance and the U.S. Japan alliance.",
                "e0/g0@1+4:+1:1 e0/g0@7+4:+1:1");
}

/* ---- leftmost-longest and tie-breaking ---- */

static void
match_should_prefer_the_longest_entry_at_a_position(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("strengthen", "alliance", "positive", 1) ","
                                        AXIS("strengthen ties", "alliance", "positive", 2) ","
                                        AXIS("ties", "alliance", "negative", 1));
    /* one hit, the longer, and "ties" is consumed */
    assert_hits(fx, NULL, "strengthen ties now", "e1/g0@0+2:+1:2");
    assert_hits(fx, NULL, "strengthen our ties", "e0/g0@0+1:+1:1 e2/g0@2+1:-1:1");
}

static void
match_should_consume_a_token_once_for_overlapping_phrases(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("shared defense", "alliance", "positive", 1) ","
                                        AXIS("defense cooperation", "alliance", "positive", 2));
    assert_hits(fx, NULL, "shared defense cooperation", "e0/g0@0+2:+1:1");
    assert_hits(fx, NULL, "joint defense cooperation", "e1/g0@1+2:+1:2");
    assert_hits(fx, NULL, "shared defense and defense cooperation", "e0/g0@0+2:+1:1 e1/g0@3+2:+1:2");
}

static void
match_should_match_each_group_independently(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("shared defense", "alliance", "positive", 1) ","
                                        AXIS("defense", "tone", "warm", 1) ","
                                        CATEGORY("defense cooperation", "threat") ","
                                        AXIS("defense cooperation", "alliance", "negative", 1));
    /* the alliance axis consumes "shared defense"; tone and threat still
     * see "defense" */
    assert_hits(fx, NULL, "shared defense cooperation",
                "e0/g0@0+2:+1:1 e1/g1@1+1:+1:1 e2/g2@1+2:+0:1");
}

static void
match_should_prefer_exact_over_stem_of_equal_length(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1) ","
                                        AXIS("=deterrence", "alliance", "negative", 2));
    assert_hits(fx, NULL, "deterrence", "e1/g0@0+1:-1:2");
    assert_hits(fx, NULL, "deterrent", "e0/g0@0+1:+1:1");
}

static void
match_should_prefer_stem_over_prefix_and_exact_over_both(void **state)
{
    (void) state;
    g_autoptr(Fixture) three = fixture_new(AXIS("deter*", "alliance", "positive", 1) ","
                                           AXIS("deterrence", "alliance", "positive", 2) ","
                                           AXIS("=deterrence", "alliance", "positive", 3));
    assert_hits(three, NULL, "deterrence", "e2/g0@0+1:+1:3");
    assert_hits(three, NULL, "deterrents", "e1/g0@0+1:+1:2");
    assert_hits(three, NULL, "deterring", "e0/g0@0+1:+1:1");
    g_autoptr(Fixture) two = fixture_new(AXIS("deter*", "alliance", "positive", 1) ","
                                         AXIS("deterrence", "alliance", "positive", 2));
    assert_hits(two, NULL, "deterrence", "e1/g0@0+1:+1:2");
}

static void
match_should_sum_specificity_over_the_words_of_a_phrase(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("strengthen* ties", "alliance", "positive", 1) ","
                                        AXIS("strengthen ties", "alliance", "positive", 2) ","
                                        AXIS("=strengthen ties", "alliance", "positive", 3));
    assert_hits(fx, NULL, "strengthen ties", "e2/g0@0+2:+1:3");
    assert_hits(fx, NULL, "strengthened ties", "e1/g0@0+2:+1:2");
    /* "strengthenless" keeps its whole stem: only the prefix matches */
    assert_hits(fx, NULL, "strengthenless ties", "e0/g0@0+2:+1:1");
}

static void
match_should_prefer_the_earlier_entry_when_equally_specific(void **state)
{
    (void) state;
    /* "deterrence" and "deterrent" share the stem "deterr" */
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1) ","
                                        AXIS("deterrent", "alliance", "negative", 2));
    assert_hits(fx, NULL, "deterrents", "e0/g0@0+1:+1:1");
}

static void
match_should_emit_hits_by_first_token_then_group(void **state)
{
    (void) state;
    /* the category entry comes first in the file, the axis entry later */
    g_autoptr(Fixture) fx = fixture_new(CATEGORY("deterrence", "threat") ","
                                        AXIS("ties", "tone", "warm", 1) ","
                                        AXIS("deterrence", "alliance", "positive", 1) ","
                                        AXIS("deterrence ties", "tone", "cold", 1));
    assert_hits(fx, NULL, "ties deterrence ties",
                "e1/g1@0+1:+1:1 e2/g0@1+1:+1:1 e3/g1@1+2:-1:1 e0/g2@1+1:+0:1");
}

/* ---- modifiers ---- */

static void
negation_should_flip_pole_within_the_window(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    /* "not" three tokens before the hit, the window being 3 */
    assert_hits(fx, NULL, "not a strong deterrence", "e0/g0@3+1:-1:1:neg@0");
    assert_hits(fx, NULL, "Never deterrence", "e0/g0@1+1:-1:1:neg@0");
    const SlantAnalysis *a = analyze(fx, NULL, "without deterrence");
    assert_true(hit(a, 0)->negated);
    assert_int_equal(hit(a, 0)->negator, 0);
    assert_int_equal(hit(a, 0)->pole, SLANT_POLE_NEGATIVE);
}

static void
negation_should_flip_negative_pole_to_positive(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("dependence", "alliance", "negative", 2));
    assert_hits(fx, NULL, "no dependence", "e0/g0@1+1:+1:2:neg@0");
}

static void
negation_should_not_apply_beyond_the_window(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "not a really strong deterrence", "e0/g0@4+1:+1:1");
}

static void
negation_should_not_reach_into_previous_sentences(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "It is not. Deterrence works.", "e0/g0@3+1:+1:1");
    assert_hits(fx, NULL, "Not so. Yes. Deterrence", "e0/g0@3+1:+1:1");
}

static void
negation_should_not_be_cut_by_us_abbreviation(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "not U.S. deterrence", "e0/g0@3+1:-1:1:neg@0");
}

static void
negation_should_treat_nt_as_negator(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "It isn't deterrence", "e0/g0@2+1:-1:1:neg@1");
    assert_hits(fx, NULL, "It isn\xe2\x80\x99t deterrence", "e0/g0@2+1:-1:1:neg@1");
    assert_hits(fx, NULL, "They WON'T stop deterrence", "e0/g0@3+1:-1:1:neg@1");
}

static void
negation_should_record_the_nearest_negator(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "no, not deterrence", "e0/g0@2+1:-1:1:neg@1");
}

static void
intensifier_should_multiply_weight_right_before_a_hit(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("credible", "alliance", "positive", 2));
    assert_hits(fx, NULL, "a very credible pledge", "e0/g0@2+1:+1:3:mod@1");
    const SlantAnalysis *a = analyze(fx, NULL, "deeply credible");
    assert_double_equal(hit(a, 0)->factor, 2.0);
    assert_double_equal(hit(a, 0)->weight, 4.0);
    assert_int_equal(hit(a, 0)->modifier, 0);
    a = analyze(fx, NULL, "credible");
    assert_double_equal(hit(a, 0)->factor, 1.0);
    assert_int_equal(hit(a, 0)->modifier, -1);
    assert_int_equal(hit(a, 0)->negator, -1);
    assert_false(hit(a, 0)->negated);
}

static void
diminisher_should_multiply_weight_right_before_a_hit(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("credible", "alliance", "positive", 2));
    assert_hits(fx, NULL, "somewhat credible", "e0/g0@1+1:+1:1:mod@0");
    const SlantAnalysis *a = analyze(fx, NULL, "somewhat credible");
    assert_double_equal(hit(a, 0)->factor, 0.5);
}

static void
intensifier_should_not_apply_two_tokens_back(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("credible", "alliance", "positive", 2));
    assert_hits(fx, NULL, "very much credible", "e0/g0@2+1:+1:2");
}

static void
intensifier_should_not_apply_across_a_sentence_break(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("credible", "alliance", "positive", 2));
    assert_hits(fx, NULL, "Very. Credible", "e0/g0@1+1:+1:2");
}

static void
modifiers_should_combine_negator_and_intensifier(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("credible", "alliance", "positive", 2));
    assert_hits(fx, NULL, "not very credible", "e0/g0@2+1:-1:3:neg@0:mod@1");
}

static void
category_hit_should_keep_pole_zero_and_be_marked_negated(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(CATEGORY("missile", "threat"));
    assert_hits(fx, NULL, "no missile", "e0/g2@1+1:+0:1:neg@0");
    const SlantAnalysis *a = analyze(fx, NULL, "no missile");
    assert_int_equal(hit(a, 0)->pole, 0);
    assert_true(hit(a, 0)->negated);
}

/* ---- title and segments ---- */

static void
title_tokens_should_be_sentence_zero(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    const char *title = "Deterrence first";
    const char *text = "It works. Deterrence holds.";
    assert_hits(fx, title, text, "e0/g0@0+1:+1:1 e0/g0@4+1:+1:1");
    const SlantAnalysis *a = &fx->analysis;
    assert_int_equal(a->tokens->len, 6);
    assert_int_equal(a->n_sentences, 3);
    const SlantToken *t = (const SlantToken *) (void *) a->tokens->data;
    assert_int_equal(t[0].sentence, 0);
    assert_int_equal(t[0].segment, SLANT_SEGMENT_TITLE);
    assert_int_equal(t[1].sentence, 0);
    assert_int_equal(t[2].sentence, 1);
    assert_int_equal(t[2].segment, SLANT_SEGMENT_TEXT);
    assert_int_equal(t[4].sentence, 2);
    assert_memory_equal(slant_token_text(a, &t[1]), "first", 5);
    assert_int_equal(t[5].sentence, 2);
    assert_memory_equal(slant_token_text(a, &t[4]), "Deterrence", 10);
    assert_ptr_equal(slant_token_text(a, &t[4]), text + 10);
}

static void
phrase_should_not_run_from_title_into_text(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("first deterrence", "alliance", "positive", 1) ","
                                        AXIS("deterrence", "tone", "warm", 1));
    assert_hits(fx, "Talks first", "Deterrence works", "e1/g1@2+1:+1:1");
    /* a negator in the title does not reach the text either */
    assert_hits(fx, "Not", "deterrence", "e1/g1@1+1:+1:1");
}

static void
analyze_should_number_text_from_zero_without_title(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    const SlantAnalysis *a = analyze(fx, NULL, "Deterrence. Deterrence");
    assert_int_equal(a->n_sentences, 2);
    assert_int_equal(g_array_index(a->tokens, SlantToken, 0).sentence, 0);
    assert_int_equal(g_array_index(a->tokens, SlantToken, 1).sentence, 1);
    assert_null(a->segments[SLANT_SEGMENT_TITLE]);
}

static void
analyze_should_reset_the_analysis_between_documents(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "deterrence and deterrence", "e0/g0@0+1:+1:1 e0/g0@2+1:+1:1");
    const SlantAnalysis *a = analyze(fx, NULL, "");
    assert_int_equal(a->tokens->len, 0);
    assert_int_equal(a->forms->len, 0);
    assert_int_equal(a->hits->len, 0);
    assert_int_equal(a->n_sentences, 0);
    assert_hits(fx, NULL, "and deterrence", "e0/g0@1+1:+1:1");
}

/* ---- the form cache ---- */

static void
form_cache_should_return_the_same_form_for_repeated_bytes(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 0);
    const SlantForm *f = slant_matcher_form(fx->matcher, "Deterrence", 10);
    assert_ptr_equal(slant_matcher_form(fx->matcher, "Deterrence", 10), f);
    /* only @len bytes count */
    assert_ptr_equal(slant_matcher_form(fx->matcher, "Deterrence!", 10), f);
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 1);
    const SlantForm *g = slant_matcher_form(fx->matcher, "deterrence", 10);
    assert_ptr_not_equal(g, f);
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 2);
    assert_string_equal(f->norm, "deterrence");
    assert_int_equal(f->norm_len, 10);
    assert_string_equal(f->stem, "deterr");
    assert_int_equal(f->stem_len, 6);
    assert_memory_equal(f->raw, "Deterrence", 10);
    assert_int_equal(f->raw_len, 10);
}

static void
form_should_say_which_keys_entries_and_modifiers_it_satisfies(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1) ","
                                        AXIS("=deterrent", "tone", "warm", 1) ","
                                        CATEGORY("deter* power", "threat"));
    const SlantForm *f = slant_matcher_form(fx->matcher, "Deterrent", 9);
    /* stem "deterr", exact "deterrent", prefix "deter" */
    assert_int_equal(f->n_keys, 3);
    assert_int_equal(f->n_starts, 3);
    for (guint i = 0; i < f->n_starts; i++)
        assert_int_equal(f->starts[i], i);
    for (guint i = 1; i < f->n_keys; i++)
        assert_true(f->keys[i - 1] < f->keys[i]);
    assert_int_equal(f->modifier, SLANT_MODIFIER_NONE);
    assert_double_equal(f->factor, 1.0);
    const SlantForm *very = slant_matcher_form(fx->matcher, "VERY", 4);
    assert_int_equal(very->modifier, SLANT_MODIFIER_INTENSIFIER);
    assert_double_equal(very->factor, 1.5);
    assert_int_equal(very->n_keys, 0);
    assert_int_equal(very->n_starts, 0);
    const SlantForm *dont = slant_matcher_form(fx->matcher, "Don\xe2\x80\x99t", 7);
    assert_string_equal(dont->norm, "don't");
    assert_int_equal(dont->modifier, SLANT_MODIFIER_NEGATOR);
}

static void
form_cache_should_count_distinct_forms_of_a_document(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("alliance", "alliance", "positive", 1));
    const SlantAnalysis *a = analyze(fx, NULL, "the alliance and the alliance");
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 3);
    assert_int_equal(a->forms->len, 5);
    assert_ptr_equal(a->forms->pdata[0], a->forms->pdata[3]);
    assert_ptr_equal(a->forms->pdata[1], a->forms->pdata[4]);
    assert_ptr_not_equal(a->forms->pdata[0], a->forms->pdata[1]);
    /* a second document adds only its new forms */
    analyze(fx, "The Alliance", "the alliance holds");
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 6);
}

static void
form_cache_should_grow_past_its_first_capacity(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("alliance", "alliance", "positive", 1));
    GPtrArray *forms = g_ptr_array_new();
    for (guint i = 0; i < 10000; i++) {
        char word[16];
        g_snprintf(word, sizeof word, "w%u", i);
        g_ptr_array_add(forms, (gpointer) slant_matcher_form(fx->matcher, word, strlen(word)));
    }
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 10000);
    for (guint i = 0; i < 10000; i += 997) {
        char word[16];
        g_snprintf(word, sizeof word, "w%u", i);
        assert_ptr_equal(slant_matcher_form(fx->matcher, word, strlen(word)), forms->pdata[i]);
    }
    assert_int_equal(slant_matcher_cache_size(fx->matcher), 10000);
    g_ptr_array_unref(forms);
}

/* ---- the form table shared by a run's matchers ---- */

static SlantMatcher *
shared_matcher(const SlantLexicon *lex, SlantFormTable *t)
{
    GError *error = NULL;
    SlantMatcher *m = slant_matcher_new_shared(lex, t, &error);
    if (m == NULL)
        fail_msg("matcher: %s", error->message);
    return m;
}

static void
shared_table_should_give_every_matcher_the_same_form(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    SlantFormTable *t = slant_form_table_new(1024);
    SlantMatcher *m1 = shared_matcher(fx->lex, t), *m2 = shared_matcher(fx->lex, t);
    const SlantForm *a = slant_matcher_form(m1, "Deterrence", 10);
    assert_int_equal(slant_form_table_size(t), 1);
    const SlantForm *b = slant_matcher_form(m2, "Deterrence", 10);
    assert_ptr_equal(a, b);
    assert_string_equal(b->norm, "deterrence");
    assert_string_equal(b->stem, "deterr");
    assert_int_equal(b->n_keys, 1);
    /* made once, kept once: neither matcher holds a copy of its own */
    assert_int_equal(slant_form_table_size(t), 1);
    assert_int_equal(slant_matcher_cache_size(m1), 0);
    assert_int_equal(slant_matcher_cache_size(m2), 0);
    slant_matcher_free(m1);
    slant_matcher_free(m2);
    slant_form_table_free(t);
}

static void
shared_table_should_leave_forms_it_cannot_take_to_the_matcher(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    SlantFormTable *t = slant_form_table_new(16); /* takes 10 forms */
    SlantMatcher *m = shared_matcher(fx->lex, t);
    const SlantForm *forms[40];
    for (guint i = 0; i < 40; i++) {
        char word[16];
        g_snprintf(word, sizeof word, "W%u", i);
        forms[i] = slant_matcher_form(m, word, strlen(word));
    }
    assert_int_equal(slant_form_table_size(t), 10);
    assert_int_equal(slant_matcher_cache_size(m), 30);
    for (guint i = 0; i < 40; i++) {
        char word[16], low[16];
        g_snprintf(word, sizeof word, "W%u", i);
        g_snprintf(low, sizeof low, "w%u", i);
        const SlantForm *f = slant_matcher_form(m, word, strlen(word));
        assert_ptr_equal(f, forms[i]);
        assert_string_equal(f->norm, low);
    }
    assert_int_equal(slant_form_table_size(t), 10);
    assert_int_equal(slant_matcher_cache_size(m), 30);
    slant_matcher_free(m);
    slant_form_table_free(t);
}

#define SHARED_TEXTS 64
#define SHARED_THREADS 4

typedef struct {
    SlantMatcher *m;
    char **texts;
    guint offset;             /* each thread goes through the texts from its own start */
    char *got[SHARED_TEXTS];  /* rendered hits per text */
} SharedRun;

static gpointer
shared_run(gpointer data)
{
    SharedRun *r = data;
    SlantAnalysis a;
    slant_analysis_init(&a);
    for (guint k = 0; k < SHARED_TEXTS; k++) {
        guint i = (k + r->offset) % SHARED_TEXTS;
        slant_matcher_analyze(r->m, NULL, 0, r->texts[i], strlen(r->texts[i]), &a);
        r->got[i] = render_hits(&a);
    }
    slant_analysis_clear(&a);
    return NULL;
}

static void
shared_table_should_give_threads_the_results_of_a_matcher_alone(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1) ", "
                                        AXIS("reliance on america", "alliance", "negative", 2) ", "
                                        AXIS("strengthen* ties", "alliance", "positive", 1.5) ", "
                                        CATEGORY("cyber*", "threat"));
    /* texts that share most of their words, so that threads race to add
     * the same forms */
    char *texts[SHARED_TEXTS];
    for (guint i = 0; i < SHARED_TEXTS; i++) {
        GString *t = g_string_new(NULL);
        for (guint w = 0; w < 300; w++)
            g_string_append_printf(t, "word%u ", (w * 7 + i) % 500);
        g_string_append(t, i % 2 ? "Not deterrence but reliance on America. "
                                 : "They strengthened ties against cyberattacks. ");
        texts[i] = g_string_free(t, FALSE);
    }
    char *want[SHARED_TEXTS];
    for (guint i = 0; i < SHARED_TEXTS; i++)
        want[i] = hits_of(fx, NULL, texts[i]);

    SlantFormTable *t = slant_form_table_new(1u << 12);
    SharedRun runs[SHARED_THREADS];
    GThread *threads[SHARED_THREADS];
    for (guint k = 0; k < SHARED_THREADS; k++) {
        runs[k] = (SharedRun){shared_matcher(fx->lex, t), texts, k * 17, {NULL}};
        threads[k] = g_thread_new("shared", shared_run, &runs[k]);
    }
    for (guint k = 0; k < SHARED_THREADS; k++)
        g_thread_join(threads[k]);
    for (guint k = 0; k < SHARED_THREADS; k++) {
        for (guint i = 0; i < SHARED_TEXTS; i++) {
            assert_string_equal(runs[k].got[i], want[i]);
            g_free(runs[k].got[i]);
        }
    }
    /* word0..word499 and the 11 words of the two sentences, each in the table once */
    assert_int_equal(slant_form_table_size(t), 511);
    const SlantForm *f = slant_matcher_form(runs[0].m, "word42", 6);
    for (guint k = 1; k < SHARED_THREADS; k++)
        assert_ptr_equal(slant_matcher_form(runs[k].m, "word42", 6), f);
    for (guint k = 0; k < SHARED_THREADS; k++)
        slant_matcher_free(runs[k].m);
    slant_form_table_free(t);
    for (guint i = 0; i < SHARED_TEXTS; i++) {
        g_free(texts[i]);
        g_free(want[i]);
    }
}

static void
matcher_free_should_accept_null(void **state)
{
    (void) state;
    slant_matcher_free(NULL);
    g_autoptr(SlantMatcher) m = NULL;
    assert_null(m);
}

/* ---- tracing: the matches an entry lost ---- */

static char *
render_shadows(const SlantAnalysis *a)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < a->shadows->len; i++) {
        const SlantShadow *s = &g_array_index(a->shadows, SlantShadow, i);
        g_string_append_printf(out, "%se%u<e%u@%u", i ? " " : "", s->entry, s->winner,
                               s->first_token);
    }
    return g_string_free(out, FALSE);
}

static void
trace_should_record_each_match_lost_and_its_winner(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(
        AXIS("illegal immigration", "alliance", "negative", 2) ", "   /* e0: stems illeg immigr */
        AXIS("illegal immigrant*", "alliance", "negative", 2) ", "    /* e1: the same length, a prefix */
        AXIS("border wall", "alliance", "negative", 1.5) ", "         /* e2 */
        AXIS("border", "alliance", "negative", 1) ", "                /* e3 */
        AXIS("wall", "alliance", "negative", 1) ", "                  /* e4: inside e2's hit */
        CATEGORY("border", "threat"));                                /* e5: another group */
    /* off by default: nothing recorded, the same hits */
    assert_hits(fx, NULL, "Illegal immigrants at the border wall.", "e0/g0@0+2:-1:2 e2/g0@4+2:-1:1.5 e5/g2@4+1:+0:1");
    assert_int_equal(fx->analysis.shadows->len, 0);
    slant_matcher_set_trace(fx->matcher, TRUE);
    assert_hits(fx, NULL, "Illegal immigrants at the border wall.", "e0/g0@0+2:-1:2 e2/g0@4+2:-1:1.5 e5/g2@4+1:+0:1");
    g_autofree char *got = render_shadows(&fx->analysis);
    /* e1 lost to e0 at the same token (stem beats prefix); e3 lost to the
     * longer e2 at token 4; e4 lost at token 5 to e2's hit covering it;
     * e5 is of another group and took its own hit */
    assert_string_equal(got, "e1<e0@0 e3<e2@4 e4<e2@5");
    /* where nothing stands in their way, they win and nothing is lost */
    assert_hits(fx, NULL, "The border. A wall.", "e3/g0@1+1:-1:1 e5/g2@1+1:+0:1 e4/g0@3+1:-1:1");
    assert_int_equal(fx->analysis.shadows->len, 0);
}

/* ---- quoted hits and voices ---- */

static void
match_should_mark_a_hit_quoted_by_its_first_token(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("strengthen deterrence", "alliance", "positive", 2) ","
                                        CATEGORY("deterrence", "threat"));
    assert_hits(fx, NULL, "They \"strengthen deterrence\" now",
                "e0/g0@1+2:+1:2:q e1/g2@2+1:+0:1:q");
    /* a phrase that runs out of a quotation takes its first word's side */
    assert_hits(fx, NULL, "They \"strengthen\" deterrence", "e0/g0@1+2:+1:2:q e1/g2@2+1:+0:1");
    assert_hits(fx, NULL, "They strengthen \u201cdeterrence\u201d", "e0/g0@1+2:+1:2 e1/g2@2+1:+0:1:q");
    /* a title is a segment of its own */
    assert_hits(fx, "\u201cWe strengthen deterrence", "to strengthen deterrence",
                "e0/g0@1+2:+1:2:q e1/g2@2+1:+0:1:q e0/g0@4+2:+1:2 e1/g2@5+1:+0:1");
}

static void
match_should_negate_a_quoted_hit_from_outside_the_quotation(void **state)
{
    (void) state;
    /* quotation marks are no boundary for negation: the sentence is */
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1));
    assert_hits(fx, NULL, "not \"deterrence\"", "e0/g0@1+1:-1:1:neg@0:q");
}

static void
select_voice_should_keep_the_hits_of_the_voice(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1) ","
                                        AXIS("entanglement", "alliance", "negative", 2) ","
                                        CATEGORY("deterrence", "threat"));
    const char *text = "deterrence \u201centanglement deterrence\u201d entanglement";
    const char *all = "e0/g0@0+1:+1:1 e2/g2@0+1:+0:1 e1/g0@1+1:-1:2:q e0/g0@2+1:+1:1:q "
                      "e2/g2@2+1:+0:1:q e1/g0@3+1:-1:2";
    SlantAnalysis *a = &fx->analysis;
    analyze(fx, NULL, text);
    assert_int_equal(slant_analysis_select_voice(a, SLANT_VOICE_ALL), 0);
    g_autofree char *got_all = render_hits(a);
    assert_string_equal(got_all, all);
    assert_int_equal(slant_analysis_select_voice(a, SLANT_VOICE_OWN), 3);
    g_autofree char *got_own = render_hits(a);
    assert_string_equal(got_own, "e0/g0@0+1:+1:1 e2/g2@0+1:+0:1 e1/g0@3+1:-1:2");
    /* tokens and forms stay */
    assert_int_equal(a->tokens->len, 4);
    assert_int_equal(a->forms->len, 4);
    analyze(fx, NULL, text);
    assert_int_equal(slant_analysis_select_voice(a, SLANT_VOICE_QUOTED), 3);
    g_autofree char *got_quoted = render_hits(a);
    assert_string_equal(got_quoted, "e1/g0@1+1:-1:2:q e0/g0@2+1:+1:1:q e2/g2@2+1:+0:1:q");
}

static void
select_voice_should_keep_the_shadows_of_the_voice(void **state)
{
    (void) state;
    g_autoptr(Fixture) fx = fixture_new(AXIS("deterrence", "alliance", "positive", 1) ","
                                        AXIS("credible deterrence", "alliance", "positive", 2));
    slant_matcher_set_trace(fx->matcher, TRUE);
    SlantAnalysis *a = &fx->analysis;
    /* "deterrence" loses to "credible deterrence" twice: inside and outside */
    analyze(fx, NULL, "credible deterrence, \"credible deterrence\"");
    assert_int_equal(a->shadows->len, 2);
    slant_analysis_select_voice(a, SLANT_VOICE_OWN);
    assert_int_equal(a->shadows->len, 1);
    assert_int_equal(g_array_index(a->shadows, SlantShadow, 0).first_token, 1);
    analyze(fx, NULL, "credible deterrence, \"credible deterrence\"");
    slant_analysis_select_voice(a, SLANT_VOICE_QUOTED);
    assert_int_equal(a->shadows->len, 1);
    assert_int_equal(g_array_index(a->shadows, SlantShadow, 0).first_token, 3);
}

static void
voice_names_should_round_trip(void **state)
{
    (void) state;
    static const SlantVoice all[] = {SLANT_VOICE_ALL, SLANT_VOICE_OWN, SLANT_VOICE_QUOTED};
    for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
        SlantVoice v = SLANT_VOICE_QUOTED + 1;
        assert_true(slant_voice_parse(slant_voice_name(all[i]), &v));
        assert_int_equal(v, all[i]);
    }
    SlantVoice v = SLANT_VOICE_OWN;
    assert_false(slant_voice_parse("Own", &v));
    assert_false(slant_voice_parse("", &v));
    assert_false(slant_voice_parse(NULL, &v));
    assert_int_equal(v, SLANT_VOICE_OWN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(match_should_hit_stem_entry_with_another_form_of_the_stem),
        cmocka_unit_test(trace_should_record_each_match_lost_and_its_winner),
        cmocka_unit_test(match_should_hit_prefix_entry_on_forms_that_start_with_it),
        cmocka_unit_test(match_should_cut_prefixes_on_character_boundaries),
        cmocka_unit_test(match_should_hit_exact_entry_on_the_normal_form_only),
        cmocka_unit_test(match_should_not_stem_exact_entry),
        cmocka_unit_test(match_should_fold_case_and_width_before_matching),
        cmocka_unit_test(match_should_match_possessive_with_base_pattern),
        cmocka_unit_test(match_should_hit_multi_word_entry_on_consecutive_tokens_only),
        cmocka_unit_test(match_should_match_hyphenated_and_spaced_forms_alike),
        cmocka_unit_test(match_should_not_run_a_phrase_across_a_sentence_break),
        cmocka_unit_test(match_should_run_a_phrase_across_us_abbreviation),
        cmocka_unit_test(match_should_prefer_the_longest_entry_at_a_position),
        cmocka_unit_test(match_should_consume_a_token_once_for_overlapping_phrases),
        cmocka_unit_test(match_should_match_each_group_independently),
        cmocka_unit_test(match_should_prefer_exact_over_stem_of_equal_length),
        cmocka_unit_test(match_should_prefer_stem_over_prefix_and_exact_over_both),
        cmocka_unit_test(match_should_sum_specificity_over_the_words_of_a_phrase),
        cmocka_unit_test(match_should_prefer_the_earlier_entry_when_equally_specific),
        cmocka_unit_test(match_should_emit_hits_by_first_token_then_group),
        cmocka_unit_test(negation_should_flip_pole_within_the_window),
        cmocka_unit_test(negation_should_flip_negative_pole_to_positive),
        cmocka_unit_test(negation_should_not_apply_beyond_the_window),
        cmocka_unit_test(negation_should_not_reach_into_previous_sentences),
        cmocka_unit_test(negation_should_not_be_cut_by_us_abbreviation),
        cmocka_unit_test(negation_should_treat_nt_as_negator),
        cmocka_unit_test(negation_should_record_the_nearest_negator),
        cmocka_unit_test(intensifier_should_multiply_weight_right_before_a_hit),
        cmocka_unit_test(diminisher_should_multiply_weight_right_before_a_hit),
        cmocka_unit_test(intensifier_should_not_apply_two_tokens_back),
        cmocka_unit_test(intensifier_should_not_apply_across_a_sentence_break),
        cmocka_unit_test(modifiers_should_combine_negator_and_intensifier),
        cmocka_unit_test(category_hit_should_keep_pole_zero_and_be_marked_negated),
        cmocka_unit_test(title_tokens_should_be_sentence_zero),
        cmocka_unit_test(phrase_should_not_run_from_title_into_text),
        cmocka_unit_test(analyze_should_number_text_from_zero_without_title),
        cmocka_unit_test(analyze_should_reset_the_analysis_between_documents),
        cmocka_unit_test(form_cache_should_return_the_same_form_for_repeated_bytes),
        cmocka_unit_test(form_should_say_which_keys_entries_and_modifiers_it_satisfies),
        cmocka_unit_test(form_cache_should_count_distinct_forms_of_a_document),
        cmocka_unit_test(form_cache_should_grow_past_its_first_capacity),
        cmocka_unit_test(shared_table_should_give_every_matcher_the_same_form),
        cmocka_unit_test(shared_table_should_leave_forms_it_cannot_take_to_the_matcher),
        cmocka_unit_test(shared_table_should_give_threads_the_results_of_a_matcher_alone),
        cmocka_unit_test(matcher_free_should_accept_null),
        cmocka_unit_test(match_should_mark_a_hit_quoted_by_its_first_token),
        cmocka_unit_test(match_should_negate_a_quoted_hit_from_outside_the_quotation),
        cmocka_unit_test(select_voice_should_keep_the_hits_of_the_voice),
        cmocka_unit_test(select_voice_should_keep_the_shadows_of_the_voice),
        cmocka_unit_test(voice_names_should_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

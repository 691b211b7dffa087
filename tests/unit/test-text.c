/* test-text.c: the tokenizer, sentence splitter, normalizer and UTF-8
 * validator of engine/lib/text.h (DESIGN.md §4, "Text rules").
 *
 * Most tests render the tokens of a text as "SENTENCE:surface" words
 * joined by spaces, so that a failure shows the whole tokenization.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "text.h"

/* ---- helpers ---- */

/* The tokens of @text (from sentence @first), tagged as body text. */
static GArray *
tokenize_from(const char *text, guint32 first, guint32 *next)
{
    GArray *tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 n = slant_tokenize(text, strlen(text), SLANT_SEGMENT_TEXT, first, tokens);
    if (next != NULL)
        *next = n;
    return tokens;
}

static GArray *
tokenize(const char *text)
{
    return tokenize_from(text, 0, NULL);
}

static const SlantToken *
token(GArray *tokens, guint i)
{
    assert_true(i < tokens->len);
    return &g_array_index(tokens, SlantToken, i);
}

/* "0:U 0:S 0:Japan": sentence and surface text of every token of @text. */
static char *
describe(const char *text)
{
    g_autoptr(GArray) tokens = tokenize(text);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < tokens->len; i++) {
        const SlantToken *t = token(tokens, i);
        g_string_append_printf(out, "%s%u:%.*s", i ? " " : "", t->sentence,
                               (int) (t->end - t->start), text + t->start);
    }
    return g_string_free(out, FALSE);
}

#define assert_tokens(text, expected)                    \
    do {                                                 \
        g_autofree char *got_ = describe(text);          \
        assert_string_equal(got_, expected);             \
    } while (0)

static void
assert_span(GArray *tokens, guint i, guint32 start, guint32 end)
{
    const SlantToken *t = token(tokens, i);
    assert_int_equal(t->start, start);
    assert_int_equal(t->end, end);
}

#define assert_normal_form(input, expected)                                   \
    do {                                                                      \
        g_autoptr(GString) out_ = g_string_new(NULL);                         \
        const char *r_ = slant_normalize(input, strlen(input), out_);         \
        assert_ptr_equal(r_, out_->str);                                      \
        assert_string_equal(out_->str, expected);                             \
        assert_int_equal(out_->len, strlen(expected));                        \
    } while (0)

/* ---- token spans and offsets ---- */

static void
tokenize_should_give_byte_offsets_of_ascii_tokens(void **state)
{
    (void) state;
    g_autoptr(GArray) tokens = tokenize("Hello, world!");
    assert_int_equal(tokens->len, 2);
    assert_span(tokens, 0, 0, 5);
    assert_span(tokens, 1, 7, 12);
    assert_true(token(tokens, 0)->ascii);
    assert_true(token(tokens, 1)->ascii);
    assert_int_equal(token(tokens, 0)->segment, SLANT_SEGMENT_TEXT);
}

/* Words of every length up to 24 (the tokenizer reads ASCII runs eight
 * bytes at a time), made of the characters at the edges of the ranges
 * [0-9A-Za-z], ended by each ASCII character just outside those ranges, by
 * a control byte, by a no-break space, and continued by a non-ASCII letter. */
static void
tokenize_should_end_words_of_any_length_at_the_right_byte(void **state)
{
    (void) state;
    static const char word_chars[] = "09AZaz5Mm";
    static const char *const separators[] = {" ", "/", ":", "@", "[", "`", "{", "\x7f", "\t",
                                             "-", ".x", "\xc2\xa0"};
    for (guint len = 1; len <= 24; len++) {
        char word[32];
        for (guint i = 0; i < len; i++)
            word[i] = word_chars[i % (sizeof word_chars - 1)];
        word[len] = '\0';
        for (gsize k = 0; k < G_N_ELEMENTS(separators); k++) {
            /* padded so that the eight-byte reads also happen past the word */
            g_autofree char *text = g_strdup_printf("%s%sqq%s", word, separators[k],
                                                    "                ");
            g_autoptr(GArray) tokens = tokenize(text);
            assert_true(tokens->len >= 2);
            assert_int_equal(token(tokens, 0)->start, 0);
            assert_int_equal(token(tokens, 0)->end, len);
            assert_true(token(tokens, 0)->ascii);
        }
        /* a non-ASCII letter continues the word: "...\u00e9qq" is one token */
        g_autofree char *text = g_strdup_printf("%s\xc3\xa9qq%s", word, "          ");
        g_autoptr(GArray) tokens = tokenize(text);
        assert_int_equal(tokens->len, 1);
        assert_int_equal(token(tokens, 0)->end, len + 4);
        assert_false(token(tokens, 0)->ascii);
        /* and an apostrophe between letters */
        g_autofree char *apos = g_strdup_printf("%s'qq x", word);
        g_autoptr(GArray) t2 = tokenize(apos);
        assert_int_equal(t2->len, 2);
        assert_int_equal(token(t2, 0)->end, len + 3);
        /* the word at the very end of the text, with fewer than eight bytes left */
        g_autoptr(GArray) t3 = tokenize(word);
        assert_int_equal(t3->len, 1);
        assert_int_equal(token(t3, 0)->end, len);
    }
}

static void
tokenize_should_give_byte_offsets_of_non_ascii_tokens(void **state)
{
    (void) state;
    /* "Ünïcode" is 9 bytes: Ü and ï take two each */
    g_autoptr(GArray) tokens = tokenize("\xc3\x9cn\xc3\xaf" "code test");
    assert_int_equal(tokens->len, 2);
    assert_span(tokens, 0, 0, 9);
    assert_span(tokens, 1, 10, 14);
    assert_false(token(tokens, 0)->ascii);
    assert_true(token(tokens, 1)->ascii);
}

static void
tokenize_should_mark_token_that_starts_with_non_ascii_letter_as_non_ascii(void **state)
{
    (void) state;
    /* "Über alles": only the first character is non-ASCII */
    g_autoptr(GArray) tokens = tokenize("\xc3\x9c" "ber alles");
    assert_int_equal(tokens->len, 2);
    assert_span(tokens, 0, 0, 5);
    assert_false(token(tokens, 0)->ascii);
    assert_true(token(tokens, 1)->ascii);
}

static void
tokenize_should_keep_cjk_run_as_one_token(void **state)
{
    (void) state;
    /* "日本 and 米国": each ideograph is three bytes */
    g_autoptr(GArray) tokens = tokenize("\xe6\x97\xa5\xe6\x9c\xac and \xe7\xb1\xb3\xe5\x9b\xbd");
    assert_int_equal(tokens->len, 3);
    assert_span(tokens, 0, 0, 6);
    assert_span(tokens, 1, 7, 10);
    assert_span(tokens, 2, 11, 17);
    assert_false(token(tokens, 0)->ascii);
    assert_false(token(tokens, 2)->ascii);
}

static void
tokenize_should_keep_combining_marks_inside_token(void **state)
{
    (void) state;
    /* "cafe" + U+0301 COMBINING ACUTE ACCENT, then "noir" */
    g_autoptr(GArray) tokens = tokenize("cafe\xcc\x81 noir");
    assert_int_equal(tokens->len, 2);
    assert_span(tokens, 0, 0, 6);
    assert_false(token(tokens, 0)->ascii);
    assert_span(tokens, 1, 7, 11);
}

static void
tokenize_should_keep_apostrophe_inside_word(void **state)
{
    (void) state;
    g_autoptr(GArray) tokens = tokenize("Washington's ally isn't here");
    assert_int_equal(tokens->len, 4);
    assert_span(tokens, 0, 0, 12);
    assert_span(tokens, 1, 13, 17);
    assert_span(tokens, 2, 18, 23);
    assert_true(token(tokens, 0)->ascii);
}

static void
tokenize_should_keep_right_single_quote_inside_word(void **state)
{
    (void) state;
    /* U+2019 is three bytes */
    g_autoptr(GArray) tokens = tokenize("Washington\xe2\x80\x99s ally");
    assert_int_equal(tokens->len, 2);
    assert_span(tokens, 0, 0, 14);
    assert_false(token(tokens, 0)->ascii);
    assert_span(tokens, 1, 15, 19);
}

static void
tokenize_should_drop_apostrophe_at_token_edges(void **state)
{
    (void) state;
    assert_tokens("'tis the dogs' bones", "0:tis 0:the 0:dogs 0:bones");
    assert_tokens("\xe2\x80\x99tis the dogs\xe2\x80\x99 bones", "0:tis 0:the 0:dogs 0:bones");
    assert_tokens("rock 'n' roll", "0:rock 0:n 0:roll");
    g_autoptr(GArray) tokens = tokenize("'tis dogs'");
    assert_span(tokens, 0, 1, 4);
    assert_span(tokens, 1, 5, 9);
}

static void
tokenize_should_split_two_apostrophes_in_a_row(void **state)
{
    (void) state;
    /* an apostrophe stays inside only between two runs of letters */
    assert_tokens("can''t", "0:can 0:t");
}

static void
tokenize_should_split_at_hyphens_and_dashes(void **state)
{
    (void) state;
    assert_tokens("non-independent", "0:non 0:independent");
    /* U+2014 EM DASH and U+2010 HYPHEN separate too */
    assert_tokens("ally\xe2\x80\x94partner pro\xe2\x80\x90" "US", "0:ally 0:partner 0:pro 0:US");
}

static void
tokenize_should_split_us_japan_into_three_tokens_of_one_sentence(void **state)
{
    (void) state;
    assert_tokens("U.S.-Japan ties", "0:U 0:S 0:Japan 0:ties");
}

static void
tokenize_should_keep_digits_inside_tokens(void **state)
{
    (void) state;
    assert_tokens("Article 5 of 1960s F35 rules", "0:Article 0:5 0:of 0:1960s 0:F35 0:rules");
    /* full-width digits are decimal digits too */
    assert_tokens("\xef\xbc\x91\xef\xbc\x92 items", "0:\xef\xbc\x91\xef\xbc\x92 0:items");
}

static void
tokenize_should_separate_at_punctuation_and_symbols(void **state)
{
    (void) state;
    assert_tokens("a/b (c) d,e;f \"g\" $5 #x @y", "0:a 0:b 0:c 0:d 0:e 0:f 0:g 0:5 0:x 0:y");
    /* no-break space separates like a space */
    assert_tokens("one\xc2\xa0two", "0:one 0:two");
}

/* ---- sentences ---- */

static void
tokenize_should_end_sentence_at_terminator_followed_by_space(void **state)
{
    (void) state;
    assert_tokens("One. Two! Three? Four", "0:One 1:Two 2:Three 3:Four");
    assert_tokens("One.\nTwo", "0:One 1:Two");
    assert_tokens("Why?! Because...  Fine", "0:Why 1:Because 2:Fine");
}

static void
tokenize_should_not_end_sentence_at_terminator_without_space(void **state)
{
    (void) state;
    assert_tokens("example.org is up", "0:example 0:org 0:is 0:up");
    assert_tokens("e.g., this", "0:e 0:g 0:this");
}

static void
tokenize_should_end_sentence_after_closing_quote(void **state)
{
    (void) state;
    assert_tokens("He said so.\" Next one", "0:He 0:said 0:so 1:Next 1:one");
    /* U+201D RIGHT DOUBLE QUOTATION MARK and a closing bracket */
    assert_tokens("He said so.\xe2\x80\x9d Next", "0:He 0:said 0:so 1:Next");
    assert_tokens("(He left.) Next", "0:He 0:left 1:Next");
    assert_tokens("'Go!' Next", "0:Go 1:Next");
}

static void
tokenize_should_end_sentence_at_blank_line(void **state)
{
    (void) state;
    assert_tokens("Heading\n\nBody text", "0:Heading 1:Body 1:text");
    assert_tokens("Heading\n \t\nBody", "0:Heading 1:Body");
    assert_tokens("Heading\r\n\r\nBody", "0:Heading 1:Body");
}

static void
tokenize_should_not_end_sentence_at_single_newline(void **state)
{
    (void) state;
    assert_tokens("a line\nwrapped here", "0:a 0:line 0:wrapped 0:here");
}

static void
tokenize_should_not_end_sentence_after_us_initials(void **state)
{
    (void) state;
    assert_tokens("The U.S. and Japan agree", "0:The 0:U 0:S 0:and 0:Japan 0:agree");
    assert_tokens("The U.S. Navy", "0:The 0:U 0:S 0:Navy");
}

static void
tokenize_should_not_end_sentence_after_abbreviation_in_brackets(void **state)
{
    (void) state;
    assert_tokens("the United States (U.S.) and Japan",
                  "0:the 0:United 0:States 0:U 0:S 0:and 0:Japan");
}

static void
tokenize_should_not_end_sentence_after_title_and_month_abbreviations(void **state)
{
    (void) state;
    assert_tokens("Mr. Abe met Gen. Milley on Jan. 5",
                  "0:Mr 0:Abe 0:met 0:Gen 0:Milley 0:on 0:Jan 0:5");
    assert_tokens("Dr. Smith vs. Mrs. Jones", "0:Dr 0:Smith 0:vs 0:Mrs 0:Jones");
    /* six letters, the longest in the list */
    assert_tokens("approx. Ten ships", "0:approx 0:Ten 0:ships");
    assert_tokens("Sept. Ten ships", "0:Sept 0:Ten 0:ships");
}

static void
tokenize_should_not_end_sentence_after_initial(void **state)
{
    (void) state;
    assert_tokens("J. Smith spoke", "0:J 0:Smith 0:spoke");
    /* a non-ASCII initial: "Ö. Kaya" */
    assert_tokens("\xc3\x96. Kaya spoke", "0:\xc3\x96 0:Kaya 0:spoke");
}

static void
tokenize_should_not_end_sentence_after_no_before_number(void **state)
{
    (void) state;
    assert_tokens("Resolution No. 5 passed. No. They left",
                  "0:Resolution 0:No 0:5 0:passed 1:No 2:They 2:left");
}

static void
tokenize_should_not_end_sentence_inside_decimal(void **state)
{
    (void) state;
    assert_tokens("It grew 3.5 percent. Then", "0:It 0:grew 0:3 0:5 0:percent 1:Then");
}

static void
tokenize_should_end_sentence_after_number(void **state)
{
    (void) state;
    /* a digit is no initial */
    assert_tokens("The vote was 5. Next", "0:The 0:vote 0:was 0:5 1:Next");
}

static void
tokenize_should_end_sentence_after_common_word_spelled_like_an_abbreviation(void **state)
{
    (void) state;
    /* "sat", "sun" and "wed" are abbreviations only when capitalized */
    assert_tokens("He sat. Then the sun. Then", "0:He 0:sat 1:Then 1:the 1:sun 2:Then");
    assert_tokens("Talks end on Sat. Then", "0:Talks 0:end 0:on 0:Sat 0:Then");
}

static void
tokenize_should_end_sentence_after_exclamation_after_abbreviation(void **state)
{
    (void) state;
    /* only '.' makes an abbreviation */
    assert_tokens("Ask Mr! Then", "0:Ask 0:Mr 1:Then");
}

static void
tokenize_should_split_cjk_sentences_at_ideographic_full_stop(void **state)
{
    (void) state;
    /* "日本。米国" */
    assert_tokens("\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x82\xe7\xb1\xb3\xe5\x9b\xbd",
                  "0:\xe6\x97\xa5\xe6\x9c\xac 1:\xe7\xb1\xb3\xe5\x9b\xbd");
}

static void
tokenize_should_count_only_sentences_that_hold_tokens(void **state)
{
    (void) state;
    assert_tokens("... !! One. . . ! Two.\n\n\n\nThree", "0:One 1:Two 2:Three");
}

static void
tokenize_should_start_new_sentence_numbering_after_a_break(void **state)
{
    (void) state;
    guint32 next = 0;
    g_autoptr(GArray) tokens = tokenize_from("One two. Three. Four", 0, &next);
    assert_int_equal(tokens->len, 4);
    assert_int_equal(token(tokens, 0)->sentence, 0);
    assert_int_equal(token(tokens, 1)->sentence, 0);
    assert_int_equal(token(tokens, 2)->sentence, 1);
    assert_int_equal(token(tokens, 3)->sentence, 2);
    assert_int_equal(next, 3);
}

static void
tokenize_should_return_next_sentence_after_title(void **state)
{
    (void) state;
    const char *title = "Japan and US confirm Article 5";
    const char *text = "Officials agreed. Talks went on.";
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 next = slant_tokenize(title, strlen(title), SLANT_SEGMENT_TITLE, 0, tokens);
    assert_int_equal(next, 1);
    assert_int_equal(tokens->len, 6);
    guint32 end = slant_tokenize(text, strlen(text), SLANT_SEGMENT_TEXT, next, tokens);
    assert_int_equal(end, 3);
    assert_int_equal(tokens->len, 11);
    for (guint i = 0; i < 6; i++) {
        assert_int_equal(token(tokens, i)->sentence, 0);
        assert_int_equal(token(tokens, i)->segment, SLANT_SEGMENT_TITLE);
    }
    /* offsets are into each segment */
    assert_span(tokens, 6, 0, 9);
    assert_int_equal(token(tokens, 6)->segment, SLANT_SEGMENT_TEXT);
    assert_int_equal(token(tokens, 6)->sentence, 1);
    assert_int_equal(token(tokens, 7)->sentence, 1);
    assert_int_equal(token(tokens, 8)->sentence, 2);
    assert_int_equal(token(tokens, 10)->sentence, 2);
}

static void
tokenize_should_ignore_tokens_of_the_previous_segment(void **state)
{
    (void) state;
    /* The title's "B" ends at byte 6; the '.' of the text at byte 6 stands
     * after a space, so it ends the sentence: the title's initial is not
     * the token before it. */
    const char *title = "Plan B";
    const char *text = "Hello . Next";
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 next = slant_tokenize(title, strlen(title), SLANT_SEGMENT_TITLE, 0, tokens);
    guint32 end = slant_tokenize(text, strlen(text), SLANT_SEGMENT_TEXT, next, tokens);
    assert_int_equal(tokens->len, 4);
    assert_int_equal(token(tokens, 2)->sentence, 1);
    assert_int_equal(token(tokens, 3)->sentence, 2);
    assert_int_equal(end, 3);
}

static void
tokenize_should_return_first_sentence_when_no_token_is_added(void **state)
{
    (void) state;
    guint32 next = 0;
    g_autoptr(GArray) empty = tokenize_from("", 7, &next);
    assert_int_equal(empty->len, 0);
    assert_int_equal(next, 7);
    g_autoptr(GArray) punct = tokenize_from(" ... --- !! \n\n ", 4, &next);
    assert_int_equal(punct->len, 0);
    assert_int_equal(next, 4);
}

static void
tokenize_should_append_after_existing_tokens(void **state)
{
    (void) state;
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    SlantToken old = {.start = 3, .end = 4, .sentence = 9};
    g_array_append_val(tokens, old);
    slant_tokenize("a b", 3, SLANT_SEGMENT_TEXT, 10, tokens);
    assert_int_equal(tokens->len, 3);
    assert_int_equal(token(tokens, 0)->sentence, 9);
    assert_int_equal(token(tokens, 0)->start, 3);
    assert_int_equal(token(tokens, 1)->sentence, 10);
    assert_span(tokens, 2, 2, 3);
}

static void
tokenize_should_stay_in_bounds_on_invalid_utf8(void **state)
{
    (void) state;
    /* a programming error, but it must not crash or leave the buffer */
    const char text[] = "\xff\xfe abc \xe2\x80 de\xc3";
    gsize len = sizeof text - 1;
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    slant_tokenize(text, len, SLANT_SEGMENT_TEXT, 0, tokens);
    assert_true(tokens->len >= 2);
    for (guint i = 0; i < tokens->len; i++) {
        assert_true(token(tokens, i)->start < token(tokens, i)->end);
        assert_true(token(tokens, i)->end <= len);
    }
}

/* ---- quotations (text.h, "Quotations") ---- */

/* "He said [we will] go": the tokens of @text, each quoted run in brackets. */
static char *
describe_quotes(const char *text)
{
    g_autoptr(GArray) tokens = tokenize(text);
    GString *out = g_string_new(NULL);
    gboolean in = FALSE;
    for (guint i = 0; i < tokens->len; i++) {
        const SlantToken *t = token(tokens, i);
        if (i > 0)
            g_string_append_c(out, ' ');
        if (t->quoted && !in)
            g_string_append_c(out, '[');
        else if (!t->quoted && in) {
            g_string_truncate(out, out->len - 1);
            g_string_append(out, "] ");
        }
        in = t->quoted;
        g_string_append_len(out, text + t->start, (gssize) (t->end - t->start));
    }
    if (in)
        g_string_append_c(out, ']');
    return g_string_free(out, FALSE);
}

#define assert_quotes(text, expected)                    \
    do {                                                 \
        g_autofree char *got_ = describe_quotes(text);   \
        assert_string_equal(got_, expected);             \
    } while (0)

static void
tokenize_should_mark_no_token_quoted_without_quotation_marks(void **state)
{
    (void) state;
    assert_quotes("The ministers met. They agreed.", "The ministers met They agreed");
}

static void
tokenize_should_open_and_close_straight_quotes_alternately(void **state)
{
    (void) state;
    assert_quotes("He said \"we will\" and \"they will\" too",
                  "He said [we will] and [they will] too");
    /* the marks need no space around them, and a quotation may hold sentences */
    assert_quotes("a\"b\"c \"One. Two.\" d", "a [b] c [One Two] d");
}

static void
tokenize_should_open_and_close_curly_quotes_by_direction(void **state)
{
    (void) state;
    assert_quotes("He said \u201cwe will\u201d and left", "He said [we will] and left");
    /* nested: the inner closer leaves the outer quotation open */
    assert_quotes("a \u201cb \u201cc\u201d d\u201d e", "a [b c d] e");
    /* straight quotes inside curly ones */
    assert_quotes("a \u201cb \"c\" d\u201d e", "a [b c d] e");
}

static void
tokenize_should_ignore_a_closing_mark_with_nothing_open(void **state)
{
    (void) state;
    assert_quotes("a\u201d b \u201cc\u201d d", "a b [c] d");
    assert_quotes("a \u00abb\u00bb c \u00bb d", "a [b] c d");
}

static void
tokenize_should_close_german_low_quote_with_left_double_quote(void **state)
{
    (void) state;
    /* „...“ (German): U+201C closes what U+201E opened */
    assert_quotes("er sagte \u201ewir kommen\u201c und ging", "er sagte [wir kommen] und ging");
    /* „...” (Polish) closes too; an English “ inside a „ quotation still opens */
    assert_quotes("a \u201eb\u201d c", "a [b] c");
    assert_quotes("a \u201cb \u201ec\u201c d\u201d e", "a [b c d] e");
}

static void
tokenize_should_open_and_close_guillemets_by_direction(void **state)
{
    (void) state;
    assert_quotes("il a dit \u00ab nous viendrons \u00bb hier", "il a dit [nous viendrons] hier");
    assert_quotes("a \u2039b\u203a c", "a [b] c");
    assert_quotes("a \u00abb \u2039c\u203a d\u00bb e", "a [b c d] e");
}

static void
tokenize_should_leave_guillemets_unread_after_one_that_closes_nothing(void **state)
{
    (void) state;
    /* Danish and German »...« are not read backwards: not read at all */
    assert_quotes("er sagte \u00bbwir\u00ab und \u00bbihr\u00ab dann", "er sagte wir und ihr dann");
    /* nor the guillemets after a lost opener, until the paragraph ends */
    assert_quotes("a b\u00bb c \u00abd\u00bb e\n\nf \u00abg\u00bb h", "a b c d e f [g] h");
    /* other marks are still read */
    assert_quotes("a\u00bb b \u201cc\u201d d", "a b [c] d");
}

static void
tokenize_should_open_and_close_corner_brackets_by_direction(void **state)
{
    (void) state;
    assert_quotes("a \u300cb \u300ec\u300f d\u300d e", "a [b c d] e");
}

static void
tokenize_should_end_every_quotation_at_a_blank_line(void **state)
{
    (void) state;
    /* an unbalanced mark quotes the rest of its paragraph, not of the text */
    assert_quotes("He said \"we will go.\n\nThe rest is ours.", "He said [we will go] The rest is ours");
    assert_quotes("a \u201cb \u201cc\n \t\nd\u201d e", "a [b c] d e");
    assert_quotes("a \u00abb\r\n\r\nc\u00bb d \u00abe\u00bb", "a [b] c d e");
    /* a quotation over two paragraphs is seen when it opens again, as news
     * style has it, and not otherwise */
    assert_quotes("\u201cOne.\n\n\u201cTwo,\u201d he said.", "[One Two] he said");
    assert_quotes("\u201cOne.\n\nTwo,\u201d he said.", "[One] Two he said");
    /* the paragraph separator ends it too */
    assert_quotes("a \"b\u2029c\" d", "a [b] c [d]");
}

static void
tokenize_should_keep_a_quotation_open_across_a_single_newline(void **state)
{
    (void) state;
    assert_quotes("a \"b\nc\" d", "a [b c] d");
}

static void
tokenize_should_start_each_segment_outside_quotations(void **state)
{
    (void) state;
    /* the title's unbalanced mark does not reach into the text */
    const char *title = "\u201cA title";
    const char *text = "the text";
    GArray *tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 next = slant_tokenize(title, strlen(title), SLANT_SEGMENT_TITLE, 0, tokens);
    slant_tokenize(text, strlen(text), SLANT_SEGMENT_TEXT, next, tokens);
    assert_int_equal(tokens->len, 4);
    assert_true(token(tokens, 0)->quoted);
    assert_true(token(tokens, 1)->quoted);
    assert_false(token(tokens, 2)->quoted);
    assert_false(token(tokens, 3)->quoted);
    g_array_unref(tokens);
}

static void
tokenize_should_not_take_single_quotes_or_apostrophes_for_quotation_marks(void **state)
{
    (void) state;
    /* ' and U+2019 are apostrophes too: "the allies' plans" has no quotation */
    assert_quotes("the allies' plans and 'hedging' now", "the allies plans and hedging now");
    assert_quotes("a \u2018b\u2019 c \u201ad\u2019 e Japan\u2019s", "a b c d e Japan\u2019s");
    /* an apostrophe inside a quotation leaves it open */
    assert_quotes("\"Japan's role,\" he said", "[Japan's role] he said");
}

static void
tokenize_should_cut_tokens_and_sentences_as_without_quotation_state(void **state)
{
    (void) state;
    /* the marks change which tokens are quoted, never the tokens or sentences */
    assert_tokens("He said \u201cNo. We will.\u201d Then \"he left.\" Done",
                  "0:He 0:said 0:No 1:We 1:will 2:Then 2:he 2:left 3:Done");
}

/* ---- normalization ---- */

static void
normalize_should_lowercase_ascii(void **state)
{
    (void) state;
    assert_normal_form("Deterrence", "deterrence");
    assert_normal_form("US", "us");
    assert_normal_form("F35", "f35");
}

static void
normalize_should_apply_nfkc_to_ligature(void **state)
{
    (void) state;
    /* U+FB01 LATIN SMALL LIGATURE FI */
    assert_normal_form("\xef\xac\x81nance", "finance");
}

static void
normalize_should_fold_full_width_letters_and_digits(void **state)
{
    (void) state;
    /* "ＡＢＣ１" */
    assert_normal_form("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3\xef\xbc\x91", "abc1");
}

static void
normalize_should_case_fold(void **state)
{
    (void) state;
    assert_normal_form("Stra\xc3\x9f" "e", "strasse");
    assert_normal_form("\xc3\x9cN\xc3\x8f" "CODE", "\xc3\xbcn\xc3\xaf" "code");
    /* Greek final sigma folds to sigma */
    assert_normal_form("\xce\xa3\xce\x9f\xcf\x82", "\xcf\x83\xce\xbf\xcf\x83");
}

static void
normalize_should_turn_right_single_quote_into_apostrophe(void **state)
{
    (void) state;
    assert_normal_form("Washington\xe2\x80\x99s", "washington's");
    assert_normal_form("isn\xe2\x80\x99t", "isn't");
}

static void
normalize_should_compose_combining_marks(void **state)
{
    (void) state;
    assert_normal_form("Cafe\xcc\x81", "caf\xc3\xa9");
}

static void
normalize_should_replace_old_content(void **state)
{
    (void) state;
    g_autoptr(GString) out = g_string_new("leftover text");
    slant_normalize("Japan", 5, out);
    assert_string_equal(out->str, "japan");
    slant_normalize("\xc3\x9c" "ber", 5, out);
    assert_string_equal(out->str, "\xc3\xbc" "ber");
    slant_normalize("ab", 2, out);
    assert_string_equal(out->str, "ab");
    assert_int_equal(out->len, 2);
}

static void
normalize_should_use_only_len_bytes(void **state)
{
    (void) state;
    g_autoptr(GString) out = g_string_new(NULL);
    assert_string_equal(slant_normalize("ABCDEF", 3, out), "abc");
    assert_string_equal(slant_normalize("\xc3\x9c" "BERALL", 4, out), "\xc3\xbc" "be");
}

static void
normalize_should_accept_empty_input(void **state)
{
    (void) state;
    g_autoptr(GString) out = g_string_new("x");
    assert_string_equal(slant_normalize("", 0, out), "");
    assert_int_equal(out->len, 0);
}

/* ---- UTF-8 validation ---- */

static void
utf8_validate_should_accept_valid_text(void **state)
{
    (void) state;
    const char *s = "Japan \xe6\x97\xa5\xe6\x9c\xac \xc3\x9c\n\xe2\x80\x99";
    guint64 line = 99, col = 99;
    assert_true(slant_utf8_validate(s, strlen(s), &line, &col));
}

static void
utf8_validate_should_accept_empty_input(void **state)
{
    (void) state;
    assert_true(slant_utf8_validate("", 0, NULL, NULL));
}

static void
utf8_validate_should_give_line_and_byte_column_of_bad_byte(void **state)
{
    (void) state;
    guint64 line = 0, col = 0;
    const char *s = "ok\nfine\nab\xff" "cd";
    assert_false(slant_utf8_validate(s, strlen(s), &line, &col));
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    /* columns count bytes: "é" takes two */
    const char *t = "\xc3\xa9\xc3\xa9\xff";
    assert_false(slant_utf8_validate(t, strlen(t), &line, &col));
    assert_int_equal(line, 1);
    assert_int_equal(col, 5);
}

static void
utf8_validate_should_reject_truncated_sequence_at_end(void **state)
{
    (void) state;
    guint64 line = 0, col = 0;
    const char *s = "a\nbc\xe2\x80";
    assert_false(slant_utf8_validate(s, strlen(s), &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
}

static void
utf8_validate_should_reject_overlong_encoding_and_surrogate(void **state)
{
    (void) state;
    guint64 line = 0, col = 0;
    assert_false(slant_utf8_validate("x\xc0\xaf", 3, &line, &col)); /* overlong '/' */
    assert_int_equal(col, 2);
    assert_false(slant_utf8_validate("xy\xed\xa0\x80", 5, &line, &col)); /* U+D800 */
    assert_int_equal(col, 3);
}

static void
utf8_validate_should_reject_nul(void **state)
{
    (void) state;
    guint64 line = 0, col = 0;
    const char s[] = "ab\ncd\0ef";
    assert_false(slant_utf8_validate(s, sizeof s - 1, &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
}

static void
utf8_validate_should_accept_null_position_pointers(void **state)
{
    (void) state;
    assert_false(slant_utf8_validate("a\xff", 2, NULL, NULL));
    guint64 line = 0;
    assert_false(slant_utf8_validate("a\n\xff", 3, &line, NULL));
    assert_int_equal(line, 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenize_should_give_byte_offsets_of_ascii_tokens),
        cmocka_unit_test(tokenize_should_end_words_of_any_length_at_the_right_byte),
        cmocka_unit_test(tokenize_should_give_byte_offsets_of_non_ascii_tokens),
        cmocka_unit_test(tokenize_should_mark_token_that_starts_with_non_ascii_letter_as_non_ascii),
        cmocka_unit_test(tokenize_should_keep_cjk_run_as_one_token),
        cmocka_unit_test(tokenize_should_keep_combining_marks_inside_token),
        cmocka_unit_test(tokenize_should_keep_apostrophe_inside_word),
        cmocka_unit_test(tokenize_should_keep_right_single_quote_inside_word),
        cmocka_unit_test(tokenize_should_drop_apostrophe_at_token_edges),
        cmocka_unit_test(tokenize_should_split_two_apostrophes_in_a_row),
        cmocka_unit_test(tokenize_should_split_at_hyphens_and_dashes),
        cmocka_unit_test(tokenize_should_split_us_japan_into_three_tokens_of_one_sentence),
        cmocka_unit_test(tokenize_should_keep_digits_inside_tokens),
        cmocka_unit_test(tokenize_should_separate_at_punctuation_and_symbols),
        cmocka_unit_test(tokenize_should_end_sentence_at_terminator_followed_by_space),
        cmocka_unit_test(tokenize_should_not_end_sentence_at_terminator_without_space),
        cmocka_unit_test(tokenize_should_end_sentence_after_closing_quote),
        cmocka_unit_test(tokenize_should_end_sentence_at_blank_line),
        cmocka_unit_test(tokenize_should_not_end_sentence_at_single_newline),
        cmocka_unit_test(tokenize_should_not_end_sentence_after_us_initials),
        cmocka_unit_test(tokenize_should_not_end_sentence_after_abbreviation_in_brackets),
        cmocka_unit_test(tokenize_should_not_end_sentence_after_title_and_month_abbreviations),
        cmocka_unit_test(tokenize_should_not_end_sentence_after_initial),
        cmocka_unit_test(tokenize_should_not_end_sentence_after_no_before_number),
        cmocka_unit_test(tokenize_should_not_end_sentence_inside_decimal),
        cmocka_unit_test(tokenize_should_end_sentence_after_number),
        cmocka_unit_test(tokenize_should_end_sentence_after_common_word_spelled_like_an_abbreviation),
        cmocka_unit_test(tokenize_should_end_sentence_after_exclamation_after_abbreviation),
        cmocka_unit_test(tokenize_should_split_cjk_sentences_at_ideographic_full_stop),
        cmocka_unit_test(tokenize_should_count_only_sentences_that_hold_tokens),
        cmocka_unit_test(tokenize_should_start_new_sentence_numbering_after_a_break),
        cmocka_unit_test(tokenize_should_return_next_sentence_after_title),
        cmocka_unit_test(tokenize_should_ignore_tokens_of_the_previous_segment),
        cmocka_unit_test(tokenize_should_return_first_sentence_when_no_token_is_added),
        cmocka_unit_test(tokenize_should_append_after_existing_tokens),
        cmocka_unit_test(tokenize_should_stay_in_bounds_on_invalid_utf8),
        cmocka_unit_test(normalize_should_lowercase_ascii),
        cmocka_unit_test(tokenize_should_mark_no_token_quoted_without_quotation_marks),
        cmocka_unit_test(tokenize_should_open_and_close_straight_quotes_alternately),
        cmocka_unit_test(tokenize_should_open_and_close_curly_quotes_by_direction),
        cmocka_unit_test(tokenize_should_ignore_a_closing_mark_with_nothing_open),
        cmocka_unit_test(tokenize_should_close_german_low_quote_with_left_double_quote),
        cmocka_unit_test(tokenize_should_open_and_close_guillemets_by_direction),
        cmocka_unit_test(tokenize_should_leave_guillemets_unread_after_one_that_closes_nothing),
        cmocka_unit_test(tokenize_should_open_and_close_corner_brackets_by_direction),
        cmocka_unit_test(tokenize_should_end_every_quotation_at_a_blank_line),
        cmocka_unit_test(tokenize_should_keep_a_quotation_open_across_a_single_newline),
        cmocka_unit_test(tokenize_should_start_each_segment_outside_quotations),
        cmocka_unit_test(tokenize_should_not_take_single_quotes_or_apostrophes_for_quotation_marks),
        cmocka_unit_test(tokenize_should_cut_tokens_and_sentences_as_without_quotation_state),
        cmocka_unit_test(normalize_should_apply_nfkc_to_ligature),
        cmocka_unit_test(normalize_should_fold_full_width_letters_and_digits),
        cmocka_unit_test(normalize_should_case_fold),
        cmocka_unit_test(normalize_should_turn_right_single_quote_into_apostrophe),
        cmocka_unit_test(normalize_should_compose_combining_marks),
        cmocka_unit_test(normalize_should_replace_old_content),
        cmocka_unit_test(normalize_should_use_only_len_bytes),
        cmocka_unit_test(normalize_should_accept_empty_input),
        cmocka_unit_test(utf8_validate_should_accept_valid_text),
        cmocka_unit_test(utf8_validate_should_accept_empty_input),
        cmocka_unit_test(utf8_validate_should_give_line_and_byte_column_of_bad_byte),
        cmocka_unit_test(utf8_validate_should_reject_truncated_sequence_at_end),
        cmocka_unit_test(utf8_validate_should_reject_overlong_encoding_and_surrogate),
        cmocka_unit_test(utf8_validate_should_reject_nul),
        cmocka_unit_test(utf8_validate_should_accept_null_position_pointers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

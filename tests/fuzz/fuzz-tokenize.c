/* fuzz-tokenize.c: fuzz target for the text pipeline of engine/lib/text.h.
 *
 * The input is a text.  slant_utf8_validate() must agree with GLib's own
 * validator.  Valid input is tokenized alone, and as a title (the first
 * line) followed by a text (the rest), and the tokens are checked against
 * the rules of text.h, written here independently of text.c:
 *
 *   - spans: start < end <= len, on character boundaries, ascending and
 *     apart (two tokens always have a separator between them);
 *   - what a token is: a maximal run of word characters (L*, M*, Nd) with
 *     apostrophes (' and U+2019) inside it only between two of them; every
 *     word character of the text lies in a token; the ascii flag is right;
 *   - sentences: the first token is in the first sentence asked for, then
 *     they never decrease and grow by at most one; a blank line, a CJK
 *     terminator, or a '!', '?' or terminator run before white space
 *     between two tokens starts a new sentence, and a gap without any
 *     terminator or newline does not; the return value is the last
 *     sentence + 1 (or the first sentence when there are no tokens);
 *   - a title does not change how the text after it is tokenized: the
 *     text's tokens are those of the text alone, sentences shifted;
 *   - quotations: each token's quoted flag is what a plain reading of the
 *     marks before it in its paragraph gives (a stack of open marks);
 *   - the normal form of every token is valid UTF-8 without NUL or U+2019,
 *     and ASCII lowercase for an ASCII token.
 *
 * Invalid input is tokenized too (text.h: "it never crashes"), and its
 * spans must still lie inside the text.
 */
#include "fuzz.h"

#include <string.h>

#include "text.h"

static gboolean
is_word(gunichar c)
{
    switch (g_unichar_type(c)) {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
        return TRUE;
    default:
        return FALSE;
    }
}

static gboolean
is_apostrophe(gunichar c)
{
    return c == '\'' || c == 0x2019;
}

/* The character before byte @off (> 0) of valid UTF-8, and where it starts. */
static gunichar
char_before(const char *s, size_t off, size_t *at)
{
    const char *p = g_utf8_prev_char(s + off);
    if (at != NULL)
        *at = (size_t) (p - s);
    return g_utf8_get_char(p);
}

/* A break the rules of text.h demand between two tokens: the gap
 * [@from, @to) of @s follows a token that ends at @from. */
static gboolean
gap_must_break(const char *s, size_t from, size_t to, const SlantToken *last)
{
    const char *p = s + from, *end = s + to;
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2029)
            return TRUE;
        if (c == '\n') {
            const char *q = next;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (q < end && *q == '\n')
                return TRUE; /* a blank line */
        }
        if (c == '.' || c == '!' || c == '?') {
            const char *q = p;
            while (q < end && (*q == '.' || *q == '!' || *q == '?'))
                q++;
            size_t run = (size_t) (q - p);
            /* closing quotes and brackets, then white space */
            while (q < end) {
                gunichar k = g_utf8_get_char(q);
                if (k == '"' || k == ')' || k == ']' || k == '}' || k == '\'' || k == 0x201D ||
                    k == 0x2019 || k == 0x00BB || k == 0x300D || k == 0x300F)
                    q = g_utf8_next_char(q);
                else
                    break;
            }
            gboolean space = FALSE;
            if (q < end) {
                gunichar k = g_utf8_get_char(q);
                space = g_unichar_isspace(k) || k == 0x00A0 || k == 0x2029;
            }
            if (space) {
                if (c != '.' || run != 1)
                    return TRUE;
                if (p != s + from)
                    return TRUE; /* not right after a token: no abbreviation */
                /* a lone '.' right after a token: only tokens that are
                 * surely no abbreviation (none is longer than seven
                 * letters or holds a digit) and no initial end a sentence */
                size_t n = last->end - last->start;
                glong chars = g_utf8_strlen(s + last->start, (gssize) n);
                gboolean digit = FALSE;
                for (size_t i = last->start; i < last->end; i++)
                    if (g_ascii_isdigit(s[i]))
                        digit = TRUE;
                if (last->ascii && (n > 7 || (digit && n > 1)))
                    return TRUE;
                if (!last->ascii && chars >= 2)
                    return TRUE;
            }
            p = q > p ? q : next;
            continue;
        }
        p = next;
    }
    return FALSE;
}

/* Can the gap [@from, @to) not break a sentence at all? */
static gboolean
gap_cannot_break(const char *s, size_t from, size_t to)
{
    const char *p = s + from, *end = s + to;
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        if (c == '.' || c == '!' || c == '?' || c == '\n' || c == 0x3002 || c == 0xFF01 ||
            c == 0xFF1F || c == 0x2029)
            return FALSE;
        p = g_utf8_next_char(p);
    }
    return TRUE;
}

/* The quoted flags text.h's "Quotations" gives the @n tokens @tok of @s
 * (ascending), into @out: the marks before each since the last paragraph
 * break, read with a stack of the open marks (the low U+201E told apart
 * up to 32 levels, as text.h says), in one pass. */
static void
quoted_flags(const char *s, size_t len, const SlantToken *tok, guint n, guint8 *out)
{
    gboolean straight = FALSE, guillemets = TRUE;
    GArray *stack = g_array_new(FALSE, FALSE, sizeof(gunichar));
    guint k = 0;
    for (const char *p = s; k < n; p = g_utf8_next_char(p)) {
        size_t off = (size_t) (p - s);
        while (k < n && tok[k].start == off)
            out[k++] = straight || stack->len > 0;
        if (k == n || off >= len)
            break;
        gunichar c = g_utf8_get_char(p);
        gboolean paragraph = c == 0x2029;
        if (c == '\n') {
            const char *q = p + 1;
            while (q < s + len && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            paragraph = q < s + len && *q == '\n';
        }
        if (paragraph) {
            straight = FALSE;
            guillemets = TRUE;
            g_array_set_size(stack, 0);
        } else if (c == '"') {
            straight = !straight;
        } else if (c == 0x201E || c == 0x300C || c == 0x300E) {
            g_array_append_val(stack, c);
        } else if (c == 0x201C) {
            if (stack->len > 0 && stack->len <= 32 &&
                g_array_index(stack, gunichar, stack->len - 1) == 0x201E)
                g_array_set_size(stack, stack->len - 1);
            else
                g_array_append_val(stack, c);
        } else if (c == 0x201D || c == 0x300D || c == 0x300F) {
            if (stack->len > 0)
                g_array_set_size(stack, stack->len - 1);
        } else if ((c == 0x00AB || c == 0x2039) && guillemets) {
            g_array_append_val(stack, c);
        } else if ((c == 0x00BB || c == 0x203A) && guillemets) {
            if (stack->len > 0)
                g_array_set_size(stack, stack->len - 1);
            else
                guillemets = FALSE;
        }
    }
    g_array_unref(stack);
}

/* Check the tokens [@first, tokens->len) of the valid UTF-8 @s (@len bytes),
 * tokenized from sentence @first_sentence into @segment with result @ret. */
static void
check_tokens(const char *s, size_t len, const GArray *tokens, guint first,
             guint32 first_sentence, SlantSegment segment, guint32 ret)
{
    guint n = tokens->len - first;
    const SlantToken *tok = n > 0 ? &g_array_index(tokens, SlantToken, first) : NULL;
    g_autoptr(GString) norm = g_string_new(NULL);
    g_autofree guint8 *quoted = g_new0(guint8, n + 1);
    quoted_flags(s, len, tok, n, quoted);

    if (n == 0)
        FUZZ_CHECK_MSG(ret == first_sentence, "no tokens, returned %u, not %u", ret,
                       first_sentence);
    else
        FUZZ_CHECK_MSG(ret == tok[n - 1].sentence + 1, "returned %u after sentence %u", ret,
                       tok[n - 1].sentence);

    for (guint i = 0; i < n; i++) {
        const SlantToken *t = &tok[i];
        FUZZ_CHECK_MSG(t->start < t->end && t->end <= len, "token %u: [%u, %u) of %zu bytes", i,
                       t->start, t->end, len);
        FUZZ_CHECK_MSG(fuzz_utf8_boundary(s, len, t->start) && fuzz_utf8_boundary(s, len, t->end),
                       "token %u: [%u, %u) not on character boundaries", i, t->start, t->end);
        FUZZ_CHECK(t->segment == (guint8) segment);
        if (i == 0) {
            FUZZ_CHECK_MSG(t->sentence == first_sentence, "first token in sentence %u, not %u",
                           t->sentence, first_sentence);
        } else {
            const SlantToken *p = &tok[i - 1];
            FUZZ_CHECK_MSG(p->end < t->start, "tokens %u and %u: [%u, %u) then [%u, %u)", i - 1,
                           i, p->start, p->end, t->start, t->end);
            FUZZ_CHECK_MSG(t->sentence == p->sentence || t->sentence == p->sentence + 1,
                           "token %u: sentence %u after %u", i, t->sentence, p->sentence);
            if (gap_must_break(s, p->end, t->start, p))
                FUZZ_CHECK_MSG(t->sentence == p->sentence + 1,
                               "token %u at %u: no new sentence after [%u, %u)", i, t->start,
                               p->start, p->end);
            if (gap_cannot_break(s, p->end, t->start))
                FUZZ_CHECK_MSG(t->sentence == p->sentence,
                               "token %u at %u: new sentence without a terminator", i, t->start);
        }

        /* the characters of the token */
        gboolean ascii = TRUE;
        for (size_t b = t->start; b < t->end; b++)
            if ((unsigned char) s[b] >= 0x80)
                ascii = FALSE;
        FUZZ_CHECK_MSG(t->ascii == ascii, "token %u at %u: ascii flag %u", i, t->start, t->ascii);
        FUZZ_CHECK_MSG(t->quoted == quoted[i], "token %u at %u: quoted flag %u", i, t->start,
                       t->quoted);
        gunichar prev = 0;
        for (const char *q = s + t->start; q < s + t->end; q = g_utf8_next_char(q)) {
            gunichar c = g_utf8_get_char(q);
            if (q == s + t->start)
                FUZZ_CHECK_MSG(is_word(c), "token %u at %u starts with U+%04X", i, t->start, c);
            if (!is_word(c)) {
                const char *next = g_utf8_next_char(q);
                FUZZ_CHECK_MSG(is_apostrophe(c) && is_word(prev) && next < s + t->end &&
                                   is_word(g_utf8_get_char(next)),
                               "token %u at %u holds U+%04X at %zu", i, t->start, c,
                               (size_t) (q - s));
            }
            prev = c;
        }
        FUZZ_CHECK_MSG(is_word(prev), "token %u at %u ends with U+%04X", i, t->start, prev);

        /* maximal: it could not have been longer on either side */
        if (t->start > 0) {
            size_t at;
            gunichar c = char_before(s, t->start, &at);
            FUZZ_CHECK_MSG(!is_word(c), "token %u at %u: U+%04X before it", i, t->start, c);
            if (is_apostrophe(c) && at > 0)
                FUZZ_CHECK_MSG(!is_word(char_before(s, at, NULL)),
                               "token %u at %u: word, apostrophe, token", i, t->start);
        }
        if (t->end < len) {
            const char *q = s + t->end;
            gunichar c = g_utf8_get_char(q);
            FUZZ_CHECK_MSG(!is_word(c), "token %u at %u: U+%04X after it", i, t->start, c);
            const char *next = g_utf8_next_char(q);
            if (is_apostrophe(c) && next < s + len)
                FUZZ_CHECK_MSG(!is_word(g_utf8_get_char(next)),
                               "token %u at %u: token, apostrophe, word", i, t->start);
        }

        /* the normal form */
        const char *r = slant_normalize(s + t->start, t->end - t->start, norm);
        FUZZ_CHECK(r == norm->str);
        FUZZ_CHECK_MSG(g_utf8_validate_len(norm->str, norm->len, NULL),
                       "token %u at %u: normal form not valid UTF-8", i, t->start);
        FUZZ_CHECK(strlen(norm->str) == norm->len);
        FUZZ_CHECK_MSG(!fuzz_has_right_quote(norm->str, norm->len),
                       "token %u at %u: U+2019 in the normal form", i, t->start);
        if (ascii) {
            FUZZ_CHECK(norm->len == t->end - t->start);
            for (size_t b = 0; b < norm->len; b++)
                FUZZ_CHECK(norm->str[b] == g_ascii_tolower(s[t->start + b]));
        }
    }

    /* every word character lies in a token */
    guint k = 0;
    for (const char *q = s; q < s + len; q = g_utf8_next_char(q)) {
        size_t off = (size_t) (q - s);
        while (k < n && tok[k].end <= off)
            k++;
        if (k < n && tok[k].start <= off)
            continue;
        FUZZ_CHECK_MSG(!is_word(g_utf8_get_char(q)), "word character at %zu in no token", off);
    }
}

/* Invalid UTF-8: the tokens are unspecified, but lie inside the text. */
static void
check_invalid(const char *s, size_t len)
{
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    slant_tokenize(s, len, SLANT_SEGMENT_TEXT, 0, tokens);
    g_autoptr(GString) norm = g_string_new(NULL);
    guint32 last_end = 0;
    for (guint i = 0; i < tokens->len; i++) {
        const SlantToken *t = &g_array_index(tokens, SlantToken, i);
        FUZZ_CHECK_MSG(t->start < t->end && t->end <= len && t->start >= last_end,
                       "invalid input: token %u [%u, %u) of %zu bytes", i, t->start, t->end, len);
        last_end = t->end;
        slant_normalize(s + t->start, t->end - t->start, norm);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    if (size >= G_MAXUINT32)
        return 0;
    static const char empty[1] = "";
    const char *s = size > 0 ? (const char *) data : empty;

    guint64 line = 0, col = 0;
    gboolean valid = slant_utf8_validate(s, size, &line, &col);
    FUZZ_CHECK_MSG(valid == g_utf8_validate_len(s, size, NULL),
                   "slant_utf8_validate says %d, GLib disagrees", valid);
    if (!valid) {
        FUZZ_CHECK(line >= 1 && col >= 1);
        FUZZ_CHECK(line <= size + 1 && col <= size + 1);
        check_invalid(s, size);
        return 0;
    }

    /* the text alone */
    g_autoptr(GArray) alone = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 ret = slant_tokenize(s, size, SLANT_SEGMENT_TEXT, 0, alone);
    check_tokens(s, size, alone, 0, 0, SLANT_SEGMENT_TEXT, ret);

    /* again, from a later sentence: only the numbers shift */
    g_autoptr(GArray) again = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 ret7 = slant_tokenize(s, size, SLANT_SEGMENT_TEXT, 7, again);
    FUZZ_CHECK(ret7 == (alone->len ? ret + 7 : 7));
    FUZZ_CHECK(again->len == alone->len);
    for (guint i = 0; i < alone->len; i++) {
        const SlantToken *a = &g_array_index(alone, SlantToken, i);
        const SlantToken *b = &g_array_index(again, SlantToken, i);
        FUZZ_CHECK(a->start == b->start && a->end == b->end && a->sentence + 7 == b->sentence);
    }

    /* a title (the first line) and a text (the rest) in one token array */
    const char *nl = memchr(s, '\n', size);
    const char *title = s, *text = s;
    size_t title_len = size, text_len = size;
    if (nl != NULL) {
        title_len = (size_t) (nl - s);
        text = nl + 1;
        text_len = size - title_len - 1;
    }
    g_autoptr(GArray) both = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 next = slant_tokenize(title, title_len, SLANT_SEGMENT_TITLE, 0, both);
    guint n_title = both->len;
    check_tokens(title, title_len, both, 0, 0, SLANT_SEGMENT_TITLE, next);
    guint32 end = slant_tokenize(text, text_len, SLANT_SEGMENT_TEXT, next, both);
    check_tokens(text, text_len, both, n_title, next, SLANT_SEGMENT_TEXT, end);

    g_autoptr(GArray) text_alone = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    guint32 text_ret = slant_tokenize(text, text_len, SLANT_SEGMENT_TEXT, 0, text_alone);
    FUZZ_CHECK_MSG(both->len - n_title == text_alone->len,
                   "after a title: %u text tokens, alone %u", both->len - n_title,
                   text_alone->len);
    FUZZ_CHECK(end == text_ret + next);
    for (guint i = 0; i < text_alone->len; i++) {
        const SlantToken *a = &g_array_index(text_alone, SlantToken, i);
        const SlantToken *b = &g_array_index(both, SlantToken, n_title + i);
        FUZZ_CHECK_MSG(a->start == b->start && a->end == b->end && a->ascii == b->ascii &&
                           a->sentence + next == b->sentence,
                       "text token %u: alone [%u, %u) s%u, after a title [%u, %u) s%u", i,
                       a->start, a->end, a->sentence, b->start, b->end, b->sentence);
    }

    /* the normal form of the whole text */
    g_autoptr(GString) norm = g_string_new(NULL);
    slant_normalize(s, size, norm);
    FUZZ_CHECK(g_utf8_validate_len(norm->str, norm->len, NULL));
    FUZZ_CHECK(!fuzz_has_right_quote(norm->str, norm->len));
    return 0;
}

/* text.c: the tokenizer, sentence splitter and normalizer.
 *
 * The loop is hand-written because it runs over every byte of every
 * document: ASCII bytes are classified by table, and only non-ASCII
 * characters are decoded.  Nothing here allocates except the caller's
 * token array growing.
 */
#include "text.h"

#include <stddef.h>
#include <string.h>

/* a token's last four bytes are written as one word (slant_tokenize) */
G_STATIC_ASSERT(offsetof(SlantToken, ascii) == offsetof(SlantToken, segment) + 1);
G_STATIC_ASSERT(offsetof(SlantToken, quoted) == offsetof(SlantToken, segment) + 2);
G_STATIC_ASSERT(offsetof(SlantToken, reserved) == offsetof(SlantToken, segment) + 3);
G_STATIC_ASSERT(sizeof(SlantToken) == offsetof(SlantToken, segment) + 4);

enum {
    /* the classes the main loop only steps over come first: one test
     * finds them all (spaces are the commonest byte between tokens) */
    C_OTHER = 0,
    C_APOS,     /* ' */
    C_SPACE,    /* space, tab, CR, FF, VT */
    C_CLOSE,    /* ) ] } : closers that may stand between a terminator and the space */
    C_STEP_OVER = C_CLOSE,
    C_WORD,     /* ASCII letter or digit */
    C_TERM,     /* . ! ? */
    C_NEWLINE,  /* \n */
    C_DQUOTE,   /* " : a closer too, and a quotation mark (text.h, "Quotations") */
};

static guint8 ascii_class[128];

static void
init_classes(void)
{
    for (int c = 0; c < 128; c++) {
        guint8 k = C_OTHER;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            k = C_WORD;
        else if (c == '\'')
            k = C_APOS;
        else if (c == '.' || c == '!' || c == '?')
            k = C_TERM;
        else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            k = C_SPACE;
        else if (c == '\n')
            k = C_NEWLINE;
        else if (c == '"')
            k = C_DQUOTE;
        else if (c == ')' || c == ']' || c == '}')
            k = C_CLOSE;
        ascii_class[c] = k;
    }
}

static inline void
ensure_classes(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        init_classes();
        g_once_init_leave(&done, 1);
    }
}

#define RIGHT_SINGLE_QUOTE 0x2019u

#define ONES (~(guint64) 0 / 255)      /* 0x0101...01 */
#define ONES_HIGH (ONES * 0x80)          /* 0x8080...80 */

/* Per byte of @x, in its high bit: is the byte strictly between @m and @n
 * (both below 128), counting only bytes below 0x80 (the "has a byte
 * between" test of Bit Twiddling Hacks, kept per byte). */
static inline guint64
bytes_between(guint64 x, guint m, guint n)
{
    guint64 low7 = x & (ONES * 127);
    return (ONES * (127 + n) - low7) & ~x & (low7 + ONES * (127 - m)) & ONES_HIGH;
}

/* Per byte of @w (little-endian load), in its high bit: is it an ASCII
 * letter or digit?  The word-character class of ascii_class, for eight
 * bytes at once. */
static inline guint64
ascii_alnum_bytes(guint64 w)
{
    guint64 digits = bytes_between(w, '0' - 1, '9' + 1);
    guint64 letters = bytes_between(w | (ONES * 0x20), 'a' - 1, 'z' + 1);
    return digits | letters;
}

static inline gboolean
unichar_is_word(gunichar c)
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

static inline gboolean
unichar_is_closer(gunichar c)
{
    return c == 0x201D /* ” */ || c == RIGHT_SINGLE_QUOTE || c == 0x00BB /* » */ ||
           c == 0x300D || c == 0x300F /* 」』 */;
}

/* Decode the character at @p (valid UTF-8, p < end).  Returns its length. */
static inline guint
decode(const guchar *p, const guchar *end, gunichar *out)
{
    if (*p < 0x80) {
        *out = *p;
        return 1;
    }
    const char *next = g_utf8_next_char((const char *) p);
    if ((const guchar *) next > end)
        next = (const char *) end;
    *out = g_utf8_get_char_validated((const char *) p, (const char *) end - (const char *) p);
    if (*out == (gunichar) -1 || *out == (gunichar) -2)
        *out = 0xFFFD;
    return (guint) ((const guchar *) next - p);
}

/* Is the character at @p a word character?  Sets *len to its byte length. */
static inline gboolean
word_char_at(const guchar *p, const guchar *end, guint *len)
{
    if (*p < 0x80) {
        *len = 1;
        return ascii_class[*p] == C_WORD;
    }
    gunichar c;
    *len = decode(p, end, &c);
    return unichar_is_word(c);
}

/* Is the character at @p an apostrophe that may stay inside a token? */
static inline guint
apostrophe_len(const guchar *p, const guchar *end)
{
    if (*p == '\'')
        return 1;
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) /* U+2019 */
        return 3;
    return 0;
}

/* Abbreviations after which a '.' does not end a sentence (lowercase).
 * "no" is handled apart: only before a number ("No. 5"). */
static const char *const abbreviations[] = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft",
    "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt",
    "gov", "sen", "rep", "rev", "hon", "pres", "supt", "amb",
    "vs", "inc", "corp", "ltd", "co", "bros", "dept", "univ", "assn", "approx",
    "est", "fig", "vol", "op", "cf", "al",
};

/* Months and days are abbreviated capitalized, and some of them are common
 * words ("he sat.", "the sun."): they count only when capitalized. */
static const char *const capitalized_abbreviations[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
};

/* A word of at most 7 bytes as an integer: its bytes, lowercased, with
 * zeros after (so "co" and "col" differ). */
static inline guint64
pack_lower(const guchar *w, gsize n)
{
    guint64 k = 0;
    for (gsize i = 0; i < n; i++)
        k |= (guint64) (guchar) g_ascii_tolower(w[i]) << (8 * i);
    return k;
}

static guint64 abbreviation_keys[G_N_ELEMENTS(abbreviations)];
static guint64 capitalized_keys[G_N_ELEMENTS(capitalized_abbreviations)];
static guint32 abbreviation_first_letters;

static gboolean
is_abbreviation(const guchar *w, gsize n)
{
    /* the lists as integers, made once: a full stop after a word is common,
     * and comparing strings one by one showed in profiles */
    static gsize inited;
    if (g_once_init_enter(&inited)) {
        guint32 mask = 0;
        for (gsize i = 0; i < G_N_ELEMENTS(abbreviations); i++) {
            mask |= 1u << (abbreviations[i][0] - 'a');
            abbreviation_keys[i] =
                pack_lower((const guchar *) abbreviations[i], strlen(abbreviations[i]));
        }
        for (gsize i = 0; i < G_N_ELEMENTS(capitalized_abbreviations); i++) {
            mask |= 1u << (capitalized_abbreviations[i][0] - 'a');
            capitalized_keys[i] = pack_lower((const guchar *) capitalized_abbreviations[i],
                                             strlen(capitalized_abbreviations[i]));
        }
        abbreviation_first_letters = mask;
        g_once_init_leave(&inited, 1);
    }
    /* most words before a full stop are no abbreviation: a cheap first test */
    if (n == 0 || n > 6 || !g_ascii_isalpha(w[0]) ||
        !(abbreviation_first_letters & (1u << (g_ascii_tolower(w[0]) - 'a'))))
        return FALSE;
    guint64 k = pack_lower(w, n);
    for (gsize i = 0; i < G_N_ELEMENTS(abbreviation_keys); i++)
        if (abbreviation_keys[i] == k)
            return TRUE;
    if (!g_ascii_isupper(w[0]))
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(capitalized_keys); i++)
        if (capitalized_keys[i] == k)
            return TRUE;
    return FALSE;
}

/* Skip spaces and tabs (not newlines) from @p. */
static inline const guchar *
skip_blanks(const guchar *p, const guchar *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

/* Is there white space (or the end of text) at @p? */
static inline gboolean
space_at(const guchar *p, const guchar *end)
{
    if (p >= end)
        return TRUE;
    if (*p < 0x80)
        return ascii_class[*p] == C_SPACE || ascii_class[*p] == C_NEWLINE;
    gunichar c;
    decode(p, end, &c);
    return g_unichar_isspace(c) || c == 0x00A0 || c == 0x2029;
}

/* A terminator run starts at @p (the first of ".!?").  Does it end the
 * sentence?  @last is the token just before, when it ends right at @p. */
static gboolean
ends_sentence(const guchar *text, const guchar *p, const guchar *end, const SlantToken *last)
{
    const guchar *q = p;
    while (q < end && *q < 0x80 && ascii_class[*q] == C_TERM)
        q++;
    gsize run = (gsize) (q - p); /* the terminators alone, without the closers */
    /* closing quotes and brackets may follow: 'said so."' */
    for (;;) {
        if (q >= end)
            break;
        if (*q < 0x80) {
            if (ascii_class[*q] == C_CLOSE || ascii_class[*q] == C_DQUOTE || *q == '\'') {
                q++;
                continue;
            }
            break;
        }
        gunichar c;
        guint n = decode(q, end, &c);
        if (!unichar_is_closer(c))
            break;
        q += n;
    }
    if (!space_at(q, end))
        return FALSE; /* "3.5", "U.S.-Japan", "e.g.," */
    if (*p != '.' || run != 1 || last == NULL)
        return TRUE;
    const guchar *w = text + last->start;
    gsize n = last->end - last->start;
    if (last->ascii && n == 1 && ascii_class[*w] == C_WORD && !g_ascii_isdigit(*w))
        return FALSE; /* an initial: "J. Smith", the last dot of "U.S." */
    if (!last->ascii) {
        /* a single non-ASCII letter is an initial too ("Ö. Kaya") */
        gunichar c;
        guint clen = decode(w, end, &c);
        if (clen == n && g_unichar_isalpha(c))
            return FALSE;
        return TRUE;
    }
    if (is_abbreviation(w, n))
        return FALSE;
    if (n == 2 && g_ascii_tolower(w[0]) == 'n' && g_ascii_tolower(w[1]) == 'o') {
        const guchar *r = skip_blanks(p + 1, end);
        if (r < end && g_ascii_isdigit(*r))
            return FALSE; /* "No. 5" */
    }
    return TRUE;
}

/* Where a segment stands among quotation marks (text.h, "Quotations"):
 * whether a straight quotation is open, how many directed ones are, which
 * of those levels were opened by a low U+201E (bit d: level d + 1; levels
 * past 32 are counted, not told apart), and whether the paragraph's
 * guillemets are read (not after one closed nothing). */
typedef struct {
    guint8 straight;
    guint8 guillemets_unread;
    guint32 depth;
    guint32 low;
} QuoteState;

static inline void
quote_open(QuoteState *q, gboolean low)
{
    if (q->depth < 32)
        q->low = low ? q->low | 1u << q->depth : q->low & ~(1u << q->depth);
    q->depth++;
}

static inline void
quote_close(QuoteState *q)
{
    if (q->depth > 0)
        q->depth--;
}

/* A guillemet, @opening when it points as French opening ones do.  One
 * that closes with nothing open is either reversed (Danish and German
 * »...«) or has lost its opener: the paragraph's guillemets are then left
 * unread rather than read the wrong way round. */
static inline void
quote_guillemet(QuoteState *q, gboolean opening)
{
    if (q->guillemets_unread)
        return;
    if (opening)
        quote_open(q, FALSE);
    else if (q->depth > 0)
        quote_close(q);
    else
        q->guillemets_unread = TRUE;
}

/* The non-ASCII, non-word character @u moves the quotation state @q: TRUE
 * when it is a quotation mark (or ends a paragraph). */
static inline gboolean
quote_mark(QuoteState *q, gunichar u)
{
    switch (u) {
    case 0x201C: /* “ opens, or closes „ */
        if (q->depth > 0 && q->depth <= 32 && (q->low >> (q->depth - 1) & 1u))
            quote_close(q);
        else
            quote_open(q, FALSE);
        return TRUE;
    case 0x201E: /* „ */
        quote_open(q, TRUE);
        return TRUE;
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
        quote_open(q, FALSE);
        return TRUE;
    case 0x201D: /* ” */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
        quote_close(q);
        return TRUE;
    case 0x00AB: /* « */
    case 0x2039: /* ‹ */
        quote_guillemet(q, TRUE);
        return TRUE;
    case 0x00BB: /* » */
    case 0x203A: /* › */
        quote_guillemet(q, FALSE);
        return TRUE;
    case 0x2029: /* paragraph separator */
        memset(q, 0, sizeof *q);
        return TRUE;
    default:
        return FALSE;
    }
}

guint32
slant_tokenize(const char *text_, gsize len, SlantSegment segment, guint32 first_sentence,
               GArray *tokens)
{
    g_return_val_if_fail(text_ != NULL || len == 0, first_sentence);
    g_return_val_if_fail(tokens != NULL, first_sentence);
    g_return_val_if_fail(len < G_MAXUINT32, first_sentence);
    ensure_classes();

    const guchar *text = (const guchar *) text_;
    const guchar *p = text;
    const guchar *end = text + len;
    guint32 sentence = first_sentence;
    gboolean have_tokens = FALSE;  /* in the current sentence */
    gboolean pending_break = FALSE;
    guint first_index = tokens->len;
    /* tokens gather in a local buffer: one append per 256 tokens, not one each */
    SlantToken buf[256];
    guint n_buf = 0;
    /* every segment starts outside quotations (text.h, "Quotations"); the
     * last four bytes of a new token (segment, ascii, quoted, reserved) are
     * kept as one word, @tail, updated as quotation marks come: one store
     * per token, not four (storing the flags byte by byte cost about 4% of
     * the tokenizer's time on the bench corpus) */
    QuoteState qs = {0};
    guint32 tail = (guint32) segment;

    while (p < end) {
        guchar c = *p;
        guint clen = 1;
        gboolean word;
        if (c < 0x80)
            word = ascii_class[c] == C_WORD;
        else
            word = word_char_at(p, end, &clen);

        if (word) {
            const guchar *start = p;
            gboolean ascii = c < 0x80;
            p += clen;
            for (;;) {
                /* the hot path: a run of ASCII letters and digits, eight
                 * bytes at a time while eight are left */
                while (end - p >= 8) {
                    guint64 w;
                    memcpy(&w, p, 8);
                    w = GUINT64_FROM_LE(w); /* the first byte in the lowest bits */
                    guint64 stop = ~ascii_alnum_bytes(w) & ONES_HIGH;
                    if (stop != 0) {
                        /* the byte at p ends the ASCII run: past the
                         * byte loop, which would stop at it at once */
                        p += (guint) __builtin_ctzll(stop) / 8;
                        goto run_end;
                    }
                    p += 8;
                }
                while (p < end && *p < 0x80 && ascii_class[*p] == C_WORD)
                    p++;
                if (p >= end)
                    break;
            run_end:;
                guint n;
                if (*p >= 0x80 && word_char_at(p, end, &n)) {
                    ascii = FALSE;
                    p += n;
                    continue;
                }
                guint a = apostrophe_len(p, end);
                if (a > 0 && p + a < end && word_char_at(p + a, end, &n)) {
                    if (a > 1)
                        ascii = FALSE;
                    p += a;
                    continue;
                }
                break;
            }
            if (pending_break && have_tokens)
                sentence++;
            pending_break = FALSE;
            have_tokens = TRUE;
            if (G_UNLIKELY(n_buf == G_N_ELEMENTS(buf))) {
                g_array_append_vals(tokens, buf, n_buf);
                n_buf = 0;
            }
            SlantToken *t = &buf[n_buf++];
            t->start = (guint32) (start - text);
            t->end = (guint32) (p - text);
            t->sentence = sentence;
            guint32 last = GUINT32_TO_LE(tail | (guint32) ascii << 8);
            memcpy((guchar *) t + offsetof(SlantToken, segment), &last, sizeof last);
            continue;
        }

        if (c < 0x80) {
            guint8 k = ascii_class[c];
            if (k <= C_STEP_OVER) {
                p++;
                continue;
            }
            switch (k) {
            case C_TERM: {
                const SlantToken *last = NULL;
                const SlantToken *t = NULL;
                if (n_buf > 0)
                    t = &buf[n_buf - 1];
                else if (tokens->len > first_index)
                    t = &g_array_index(tokens, SlantToken, tokens->len - 1);
                if (t != NULL && t->end == (guint32) (p - text))
                    last = t;
                if (ends_sentence(text, p, end, last))
                    pending_break = TRUE;
                while (p < end && *p < 0x80 && ascii_class[*p] == C_TERM)
                    p++;
                continue;
            }
            case C_NEWLINE: {
                const guchar *q = skip_blanks(p + 1, end);
                if (q < end && *q == '\n') {
                    pending_break = TRUE; /* a blank line: the paragraph ends */
                    memset(&qs, 0, sizeof qs);
                    tail = (guint32) segment;
                }
                p++;
                continue;
            }
            case C_DQUOTE:
                qs.straight = !qs.straight;
                tail = (guint32) segment | (guint32) (qs.straight || qs.depth > 0) << 16;
                p++;
                continue;
            default:
                p++;
                continue;
            }
        }

        gunichar u;
        clen = decode(p, end, &u);
        /* full-width terminators of CJK text need no following space */
        if (u == 0x3002 || u == 0xFF01 || u == 0xFF1F || u == 0x2029)
            pending_break = TRUE;
        if (quote_mark(&qs, u))
            tail = (guint32) segment | (guint32) (qs.straight || qs.depth > 0) << 16;
        p += clen;
    }
    g_array_append_vals(tokens, buf, n_buf);
    if (!have_tokens)
        return first_sentence;
    return sentence + 1;
}

const char *
slant_normalize(const char *s, gsize len, GString *out)
{
    g_return_val_if_fail(out != NULL, NULL);
    g_string_truncate(out, 0);
    gboolean ascii = TRUE;
    for (gsize i = 0; i < len; i++) {
        if ((guchar) s[i] >= 0x80) {
            ascii = FALSE;
            break;
        }
    }
    if (ascii) {
        g_string_set_size(out, len);
        for (gsize i = 0; i < len; i++)
            out->str[i] = g_ascii_tolower(s[i]);
        return out->str;
    }
    /* NFKC, case folding, NFKC again (folding can denormalize), then U+2019 -> ' */
    g_autofree char *nfkc = g_utf8_normalize(s, (gssize) len, G_NORMALIZE_NFKC);
    if (nfkc == NULL) {
        g_string_append_len(out, s, (gssize) len); /* invalid UTF-8: keep the bytes */
        return out->str;
    }
    g_autofree char *folded = g_utf8_casefold(nfkc, -1);
    g_autofree char *again = g_utf8_normalize(folded, -1, G_NORMALIZE_NFKC);
    for (const char *q = again; *q != '\0';) {
        gunichar c = g_utf8_get_char(q);
        const char *next = g_utf8_next_char(q);
        if (c == RIGHT_SINGLE_QUOTE)
            g_string_append_c(out, '\'');
        else
            g_string_append_len(out, q, next - q);
        q = next;
    }
    return out->str;
}

gboolean
slant_utf8_validate(const char *s, gsize len, guint64 *line, guint64 *col)
{
    const char *bad = NULL;
    if (g_utf8_validate_len(s, len, &bad))
        return TRUE;
    guint64 l = 1, c = 1;
    for (const char *q = s; q < bad; q++) {
        if (*q == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    if (line)
        *line = l;
    if (col)
        *col = c;
    return FALSE;
}

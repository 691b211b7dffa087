/* text.h: tokens, sentences and normal forms (DESIGN.md §4, "Text rules").
 *
 * A token is a run of Unicode letters (L*), marks (M*) and decimal digits
 * (Nd); an apostrophe (' or U+2019) between two such runs stays inside the
 * token ("Washington's", "isn't"); every other character, hyphens included,
 * separates tokens.  Tokens are spans into the caller's text: tokenizing
 * allocates nothing but the growth of the caller's GArray, which callers
 * reuse from document to document (g_array_set_size(tokens, 0)).
 *
 * Sentences end at '.', '!' or '?' followed by white space (closing quotes
 * and brackets may stand between), and at blank lines; but not after common
 * abbreviations ("Mr.", "Jan.", "Gen.", "No." before a number) and initials
 * (a single letter: "U.S.", "J. Smith"), so that "U.S.-Japan" and "U.S. and
 * Japan" never cut a phrase or a negation window.  Sentence numbers count
 * only sentences that hold tokens.
 *
 * The normal form of a token is NFKC, then case folding, with U+2019 turned
 * into "'"; pure-ASCII tokens take a fast path (ASCII lowercase), which gives
 * the same result.
 */
#ifndef SLANT_TEXT_H
#define SLANT_TEXT_H

#include <glib.h>

G_BEGIN_DECLS

/* Which part of a document a token comes from. */
typedef enum {
    SLANT_SEGMENT_TITLE = 0,
    SLANT_SEGMENT_TEXT = 1,
} SlantSegment;

/* SlantToken: one token.  Invariant: start < end <= length of its segment,
 * both on UTF-8 character boundaries; sentence never decreases along a
 * document's token array. */
typedef struct {
    guint32 start;    /* byte offset of the first byte, in its segment */
    guint32 end;      /* byte offset one past the last byte */
    guint32 sentence; /* sentence number in the document, from 0 */
    guint8 segment;   /* SlantSegment */
    guint8 ascii;     /* TRUE when every byte is ASCII */
    guint16 reserved;
} SlantToken;

/* slant_tokenize: append the tokens of @text (@len bytes of valid UTF-8)
 * to @tokens (a GArray of SlantToken), the first one in sentence
 * @first_sentence, all tagged with @segment.  Returns the sentence number
 * the next segment should start with: @first_sentence when no token was
 * added, else the last token's sentence + 1.  @text must be shorter than
 * 4 GiB.  Invalid UTF-8 is a programming error (validate first): it never
 * crashes, but the tokens are then unspecified. */
guint32 slant_tokenize(const char *text, gsize len, SlantSegment segment,
                       guint32 first_sentence, GArray *tokens);

/* slant_normalize: set @out to the normal form of the @len bytes at @s
 * (valid UTF-8) and return out->str.  @out is reused: its old content is
 * dropped. */
const char *slant_normalize(const char *s, gsize len, GString *out);

/* slant_utf8_validate: TRUE when @len bytes at @s are valid UTF-8 without
 * NUL bytes; otherwise FALSE with *@line and *@col (from 1; col in bytes)
 * of the first bad byte when not NULL. */
gboolean slant_utf8_validate(const char *s, gsize len, guint64 *line, guint64 *col);

G_END_DECLS

#endif

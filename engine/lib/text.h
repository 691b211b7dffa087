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
 *
 * Quotations: each token says whether it stands inside quotation marks
 * (SlantToken.quoted), so that hits in reported speech can be told from
 * the writer's own voice.  The rules, one by one:
 *   - straight double quotes (") alternate: the first opens a quotation,
 *     the next closes it;
 *   - curly quotes open and close by their direction: U+201C and U+201E
 *     open, U+201D closes; so do CJK corner brackets (U+300C and U+300E
 *     open, U+300D and U+300F close); these quotations nest, and a closing
 *     mark with no quotation open does nothing;
 *   - U+201C closes instead of opening when the innermost open quotation
 *     was opened by U+201E (German low-high quotes);
 *   - guillemets open and close by their direction (U+00AB and U+2039
 *     open, U+00BB and U+203A close, as in French); a closing guillemet
 *     with no quotation open means the paragraph uses them the other way
 *     round (Danish and German »...«) or lost an opener, and the
 *     paragraph's guillemets after it are not read (rather than read
 *     backwards);
 *   - a token is quoted when a straight or a curly, corner or angle
 *     quotation is open at it;
 *   - a quotation never runs past the end of a paragraph (a blank line or
 *     U+2029) or of its segment: every paragraph, the title and the text
 *     start outside quotations, so one unbalanced mark cannot turn the
 *     rest of an article into a quote (the news convention for a quotation
 *     over several paragraphs opens it again at each one);
 *   - single quotes and apostrophes (', U+2018, U+2019, U+201A) are not
 *     quotation marks: ' and U+2019 are also the apostrophe ("Japan's",
 *     "the allies' plans"), so a closing single quote cannot be told from
 *     one; quotations in single quotes (British style) are not seen, nor
 *     Swedish ones (U+201D on both sides);
 *   - a straight double quote that is no quotation mark (an inch mark, a
 *     ditto mark) still counts as one, up to the paragraph's end.
 * Quote marks never stand inside a token, so a token is inside a
 * quotation as a whole or not at all.
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
    guint8 quoted;    /* TRUE inside a quotation (see "Quotations" above) */
    guint8 reserved;
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

/* fuzz-lexicon.c: fuzz target for the lexicon loader (engine/lib/lexicon.h)
 * and, behind it, the matcher (engine/lib/match.h).
 *
 * The input is a lexicon file, loaded with slant_lexicon_load_data().
 *
 *   - refused: a GError in SLANT_ERROR with a SLANT_ERROR_LEXICON_* code
 *     and a message "fuzz.json:LINE:COL: ..." (LINE and COL from 1, within
 *     the file);
 *   - loaded: the invariants of SlantEntry (one of axis and category,
 *     pole NONE iff a category, group, 0 < weight <= 100, words whose keys
 *     look up to themselves, specificity, entries_starting_with()), and
 *     slant_lexicon_lint() gives "fuzz.json:LINE:COL: warning: ..." lines;
 *     then a matcher analyzes a fixed short text (with and without a
 *     title, twice: the second time from its cache) and a text made of
 *     the lexicon's own patterns with modifiers before them, so that most
 *     entries hit.  Every hit: entry and group agree, first_token +
 *     n_tokens <= tokens, all its tokens in one sentence, pole in {-1, 0,
 *     1} (0 exactly for categories, else the entry's pole, flipped iff
 *     negated), weight > 0 and the entry's weight times the factor,
 *     negator and modifier before it; hits in token order, then group
 *     order, never overlapping within a group.  Every form: the token's
 *     bytes, its normal form, ascending keys.
 */
#include "fuzz.h"

#include <math.h>
#include <string.h>

#include "lexicon.h"
#include "match.h"
#include "slant-error.h"

#define NAME "fuzz.json"

static const char fixed_title[] = "Not very strengthened ties: Washington\u2019s deterrence";
static const char fixed_text[] =
    "Mr. Abe said the U.S.-Japan alliance isn't reliance on America. Somewhat "
    "non-independent missiles, Article 5 covers cyber attacks; deeply \u201cstrong\u201d "
    "ties!\n\nNever entanglement without shared defense. \u00c9lys\u00e9e's "
    "DETERRENT, deterrence. No. 5 is not a threat \u2014 missile-defense 3.5%.";

static void
check_error(const GError *err, const char *data, size_t size)
{
    FUZZ_CHECK(err != NULL);
    FUZZ_CHECK_MSG(err->domain == SLANT_ERROR && slant_error_is_lexicon(err),
                   "error %s %d: %s", g_quark_to_string(err->domain), err->code, err->message);
    const char *msg = err->message;
    FUZZ_CHECK_MSG(g_utf8_validate(msg, -1, NULL), "message not valid UTF-8");
    FUZZ_CHECK_MSG(g_str_has_prefix(msg, NAME ":"), "message without the name: %s", msg);
    char *end;
    const char *p = msg + strlen(NAME ":");
    FUZZ_CHECK_MSG(g_ascii_isdigit(*p), "no line: %s", msg);
    guint64 line = g_ascii_strtoull(p, &end, 10);
    FUZZ_CHECK_MSG(*end == ':' && g_ascii_isdigit(end[1]), "no column: %s", msg);
    guint64 col = g_ascii_strtoull(end + 1, &end, 10);
    FUZZ_CHECK_MSG(end[0] == ':' && end[1] == ' ' && end[2] != '\0', "no message: %s", msg);
    guint64 lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    FUZZ_CHECK_MSG(line >= 1 && line <= lines, "line %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                   ": %s", line, lines, msg);
    FUZZ_CHECK_MSG(col >= 1 && col <= size + 1, "column %" G_GUINT64_FORMAT ": %s", col, msg);
}

static void
check_lexicon(const SlantLexicon *lex)
{
    FUZZ_CHECK(slant_lexicon_name(lex) != NULL && slant_lexicon_version(lex) != NULL &&
               slant_lexicon_language(lex) != NULL);
    FUZZ_CHECK(strcmp(slant_lexicon_path(lex), NAME) == 0);
    const char *sha = slant_lexicon_sha256(lex);
    FUZZ_CHECK(sha != NULL && strlen(sha) == 64);
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    FUZZ_CHECK(na + nc >= 1);
    FUZZ_CHECK(slant_lexicon_n_groups(lex) == na + nc);
    for (guint i = 0; i < na; i++) {
        const SlantAxis *a = slant_lexicon_axis(lex, i);
        FUZZ_CHECK(a != NULL && a->id != NULL && a->positive != NULL && a->negative != NULL);
    }
    for (guint i = 0; i < nc; i++) {
        const SlantCategory *c = slant_lexicon_category(lex, i);
        FUZZ_CHECK(c != NULL && c->id != NULL);
    }
    FUZZ_CHECK(slant_lexicon_n_sources(lex) == 1);
    FUZZ_CHECK(slant_lexicon_source(lex, 0)->negation_window <= 10);
    FUZZ_CHECK(slant_lexicon_source(lex, 0)->n_entries == slant_lexicon_n_entries(lex));
    for (guint g = 0; g < na + nc; g++)
        FUZZ_CHECK(slant_lexicon_group_negation_window(lex, g) <= 10);

    guint nk = slant_lexicon_n_keys(lex);
    gsize max_prefix = slant_lexicon_max_prefix_len(lex);
    for (guint i = 0; i < slant_lexicon_n_entries(lex); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        FUZZ_CHECK(e != NULL && e->index == i);
        FUZZ_CHECK(e->pattern != NULL && e->canonical != NULL);
        FUZZ_CHECK(g_utf8_validate(e->pattern, -1, NULL) && g_utf8_validate(e->canonical, -1, NULL));
        FUZZ_CHECK_MSG((e->axis >= 0) != (e->category >= 0), "entry %u: axis %d, category %d", i,
                       e->axis, e->category);
        if (e->axis >= 0) {
            FUZZ_CHECK((guint) e->axis < na);
            FUZZ_CHECK(e->pole == SLANT_POLE_POSITIVE || e->pole == SLANT_POLE_NEGATIVE);
            FUZZ_CHECK(e->group == (guint32) e->axis);
        } else {
            FUZZ_CHECK((guint) e->category < nc);
            FUZZ_CHECK(e->pole == SLANT_POLE_NONE);
            FUZZ_CHECK(e->group == na + (guint32) e->category);
        }
        FUZZ_CHECK_MSG(isfinite(e->weight) && e->weight > 0 && e->weight <= 100,
                       "entry %u: weight %g", i, e->weight);
        FUZZ_CHECK(e->n_words >= 1 && e->words != NULL);
        FUZZ_CHECK(e->line >= 1 && e->col >= 1);
        guint32 spec = 0;
        for (guint32 w = 0; w < e->n_words; w++) {
            const SlantPatternWord *pw = &e->words[w];
            FUZZ_CHECK(pw->kind == SLANT_WORD_EXACT || pw->kind == SLANT_WORD_STEM ||
                       pw->kind == SLANT_WORD_PREFIX);
            FUZZ_CHECK(pw->text != NULL && g_utf8_validate(pw->text, -1, NULL));
            FUZZ_CHECK(pw->key < nk);
            FUZZ_CHECK_MSG(slant_lexicon_lookup_key(lex, pw->kind, pw->text, strlen(pw->text)) ==
                               (gint32) pw->key,
                           "entry %u word %u '%s': key %u does not look up", i, w, pw->text,
                           pw->key);
            if (pw->kind == SLANT_WORD_PREFIX)
                FUZZ_CHECK(strlen(pw->text) <= max_prefix);
            spec += (guint32) pw->kind;
        }
        FUZZ_CHECK(e->specificity == spec);
        guint n = 0;
        const guint32 *starts = slant_lexicon_entries_starting_with(lex, e->words[0].key, &n);
        gboolean found = FALSE;
        for (guint k = 0; k < n; k++) {
            if (starts[k] == i)
                found = TRUE;
            if (k > 0)
                FUZZ_CHECK(starts[k - 1] < starts[k]);
        }
        FUZZ_CHECK_MSG(found, "entry %u not among the entries starting with key %u", i,
                       e->words[0].key);
    }

    GPtrArray *lint = slant_lexicon_lint(lex, SLANT_LINT_ALL);
    FUZZ_CHECK(lint != NULL);
    for (guint i = 0; i < lint->len; i++) {
        const char *w = g_ptr_array_index(lint, i);
        FUZZ_CHECK(w != NULL && g_utf8_validate(w, -1, NULL));
        FUZZ_CHECK_MSG(g_str_has_prefix(w, NAME ":") && strstr(w, ": warning: ") != NULL,
                       "lint line: %s", w);
    }
    g_ptr_array_unref(lint);
}

static void
check_analysis(const SlantLexicon *lex, const SlantAnalysis *a)
{
    guint nt = a->tokens->len;
    FUZZ_CHECK(a->forms->len == nt);
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    g_autoptr(GString) norm = g_string_new(NULL);
    for (guint i = 0; i < nt; i++) {
        const SlantForm *f = g_ptr_array_index(a->forms, i);
        const char *s = slant_token_text(a, &tok[i]);
        gsize len = tok[i].end - tok[i].start;
        FUZZ_CHECK(f != NULL && f->raw_len == len && memcmp(f->raw, s, len) == 0);
        slant_normalize(s, len, norm);
        FUZZ_CHECK(f->norm_len == norm->len && strcmp(f->norm, norm->str) == 0);
        FUZZ_CHECK(f->stem != NULL && strlen(f->stem) == f->stem_len);
        for (guint k = 0; k < f->n_keys; k++) {
            FUZZ_CHECK(f->keys[k] < slant_lexicon_n_keys(lex));
            if (k > 0)
                FUZZ_CHECK(f->keys[k - 1] < f->keys[k]);
        }
        for (guint k = 0; k < f->n_starts; k++)
            FUZZ_CHECK(f->starts[k] < slant_lexicon_n_entries(lex));
        FUZZ_CHECK(f->modifier <= SLANT_MODIFIER_DIMINISHER);
    }

    guint ng = slant_lexicon_n_groups(lex);
    g_autofree guint32 *group_end = g_new0(guint32, ng);
    for (guint h = 0; h < a->hits->len; h++) {
        const SlantHit *hit = &g_array_index(a->hits, SlantHit, h);
        FUZZ_CHECK(hit->entry < slant_lexicon_n_entries(lex));
        const SlantEntry *e = slant_lexicon_entry(lex, hit->entry);
        FUZZ_CHECK(hit->group == e->group && hit->group < ng);
        FUZZ_CHECK_MSG(hit->n_tokens >= 1 && hit->n_tokens == e->n_words &&
                           hit->first_token + hit->n_tokens <= nt,
                       "hit %u: tokens %u + %u of %u", h, hit->first_token, hit->n_tokens, nt);
        for (guint32 k = 1; k < hit->n_tokens; k++)
            FUZZ_CHECK(tok[hit->first_token + k].sentence == tok[hit->first_token].sentence);
        FUZZ_CHECK_MSG(hit->pole == -1 || hit->pole == 0 || hit->pole == 1, "hit %u: pole %d", h,
                       hit->pole);
        if (e->category >= 0)
            FUZZ_CHECK(hit->pole == 0);
        else
            FUZZ_CHECK(hit->pole == (hit->negated ? -(int) e->pole : (int) e->pole));
        FUZZ_CHECK_MSG(hit->weight > 0 && isfinite(hit->weight),
                       "hit %u (entry %u '%s', weight %g, factor %g): weight %g", h, hit->entry,
                       e->pattern, e->weight, hit->factor, hit->weight);
        FUZZ_CHECK(hit->weight == e->weight * hit->factor);
        if (hit->negated)
            FUZZ_CHECK(hit->negator >= 0 && (guint32) hit->negator < hit->first_token);
        else
            FUZZ_CHECK(hit->negator == -1);
        if (hit->modifier >= 0)
            FUZZ_CHECK((guint32) hit->modifier + 1 == hit->first_token);
        else
            FUZZ_CHECK(hit->factor == 1.0);
        if (h > 0) {
            const SlantHit *prev = &g_array_index(a->hits, SlantHit, h - 1);
            FUZZ_CHECK(prev->first_token < hit->first_token ||
                       (prev->first_token == hit->first_token && prev->group < hit->group));
        }
        FUZZ_CHECK_MSG(hit->first_token >= group_end[hit->group],
                       "hit %u at token %u overlaps the group's last hit", h, hit->first_token);
        group_end[hit->group] = hit->first_token + hit->n_tokens;
    }
}

static void
same_hits(const SlantAnalysis *a, const SlantAnalysis *b)
{
    FUZZ_CHECK(a->tokens->len == b->tokens->len && a->hits->len == b->hits->len);
    for (guint h = 0; h < a->hits->len; h++) {
        const SlantHit *x = &g_array_index(a->hits, SlantHit, h);
        const SlantHit *y = &g_array_index(b->hits, SlantHit, h);
        FUZZ_CHECK(x->entry == y->entry && x->first_token == y->first_token &&
                   x->pole == y->pole && x->weight == y->weight && x->negator == y->negator &&
                   x->modifier == y->modifier);
    }
}

/* The lexicon's own patterns as text, each after "not very" and in its
 * own sentence, so that entries, negators and intensifiers meet. */
static char *
patterns_text(const SlantLexicon *lex)
{
    GString *s = g_string_new("Not very ");
    for (guint i = 0; i < slant_lexicon_n_entries(lex) && s->len < 16384; i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        for (const char *p = e->pattern; *p != '\0'; p++)
            if (*p != '*' && *p != '=')
                g_string_append_c(s, *p);
        g_string_append(s, i % 2 ? ". Not very " : " somewhat ");
    }
    return g_string_free(s, FALSE);
}

static void
run_matcher(const SlantLexicon *lex)
{
    GError *err = NULL;
    SlantMatcher *m = slant_matcher_new(lex, &err);
    FUZZ_CHECK_MSG(m != NULL, "no matcher for a loaded lexicon: %s", err ? err->message : "?");

    SlantAnalysis a, b;
    slant_analysis_init(&a);
    slant_analysis_init(&b);
    slant_matcher_analyze(m, fixed_title, strlen(fixed_title), fixed_text, strlen(fixed_text), &a);
    check_analysis(lex, &a);
    slant_matcher_analyze(m, fixed_title, strlen(fixed_title), fixed_text, strlen(fixed_text), &b);
    check_analysis(lex, &b);
    same_hits(&a, &b);

    slant_matcher_analyze(m, NULL, 0, fixed_text, strlen(fixed_text), &a);
    check_analysis(lex, &a);

    char *text = patterns_text(lex);
    slant_matcher_analyze(m, NULL, 0, text, strlen(text), &a);
    check_analysis(lex, &a);
    g_free(text);

    slant_analysis_clear(&a);
    slant_analysis_clear(&b);
    slant_matcher_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    static const char empty[1] = "";
    const char *s = size > 0 ? (const char *) data : empty;
    GError *err = NULL;
    SlantLexicon *lex = slant_lexicon_load_data(s, size, NAME, &err);
    if (lex == NULL) {
        check_error(err, s, size);
        g_error_free(err);
        return 0;
    }
    FUZZ_CHECK_MSG(err == NULL, "a lexicon and an error: %s", err->message);
    check_lexicon(lex);
    run_matcher(lex);
    slant_lexicon_free(lex);
    return 0;
}

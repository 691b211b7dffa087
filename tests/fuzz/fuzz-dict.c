/* fuzz-dict.c: fuzz target for dictionary import and export
 * (engine/lib/dict.h).
 *
 * The input is read with slant_dict_read_data() as each format in turn
 * (auto, dic, dicx, yaml, tsv), named "fuzz.dict"; with the environment
 * variable SLANT_FUZZ_DICT_FORMAT=dic (or dicx, yaml, tsv, auto) as that
 * one format alone, so that libFuzzer can dig into one reader.
 *
 *   - refused: a GError in SLANT_ERROR with a SLANT_ERROR_LEXICON_* code,
 *     and a message "fuzz.dict:LINE: ..." (LINE within the input),
 *     "fuzz.dict:LINE:COL: invalid UTF-8..." or, for auto alone,
 *     "fuzz.dict: cannot tell ...";
 *   - read: the invariants of SlantDictCategory and SlantDictEntry (ids
 *     that are identifiers, unique; categories in range, or -1 with a
 *     signed weight in a polar list; weights in [0.001, 100]; lines within
 *     the input), and warnings "fuzz.dict:LINE: ..." or "fuzz.dict: ...".
 *     Then slant_dict_to_lexicon() with the default options, with --stem,
 *     and, given two categories, with an axis made of the first two: it
 *     gives a lexicon, or fails with a duplicate term (naming its line),
 *     an empty dictionary or (the axis) a usage error, never with the
 *     loader refusing what it generated.  The lexicon has no more entries
 *     than the dictionary, each with a note naming its line.  Each lexicon
 *     is exported as dic, dicx and yaml; each export reads back in its
 *     format and imports, with the same options and the axis rebuilt from
 *     its pole categories, to the same lexicon: the same axes and
 *     categories, and per group the same entries in the same order (their
 *     compiled words and poles; their weights where the format carries
 *     them or they are 1); YAML, which lists a category's terms together,
 *     keeps the order per pole of an axis.
 */
#include "fuzz.h"

#include <math.h>
#include <string.h>

#include "dict.h"
#include "lexicon.h"
#include "slant-error.h"

#define NAME "fuzz.dict"

static guint64
count_lines(const char *s, size_t size)
{
    guint64 lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += s[i] == '\n';
    return lines;
}

/* "NAME:LINE: x" (LINE in [1, lines]), or "NAME: x" when @bare is allowed. */
static void
check_located(const char *msg, guint64 lines, gboolean bare)
{
    FUZZ_CHECK_MSG(g_utf8_validate(msg, -1, NULL), "message not valid UTF-8");
    FUZZ_CHECK_MSG(g_str_has_prefix(msg, NAME ":"), "message without the name: %s", msg);
    const char *p = msg + strlen(NAME ":");
    if (*p == ' ') {
        FUZZ_CHECK_MSG(bare, "message without a line: %s", msg);
        FUZZ_CHECK(p[1] != '\0');
        return;
    }
    FUZZ_CHECK_MSG(g_ascii_isdigit(*p), "no line: %s", msg);
    char *end;
    guint64 line = g_ascii_strtoull(p, &end, 10);
    FUZZ_CHECK_MSG(line >= 1 && line <= lines, "line %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                   ": %s", line, lines, msg);
    if (*end == ':' && g_ascii_isdigit(end[1])) {
        FUZZ_CHECK_MSG(strstr(end, "invalid UTF-8") != NULL, "a column without cause: %s", msg);
        return;
    }
    FUZZ_CHECK_MSG(end[0] == ':' && end[1] == ' ' && end[2] != '\0', "no message: %s", msg);
}

static void
check_warnings(const GPtrArray *w, guint from, guint64 lines)
{
    for (guint i = from; i < w->len; i++)
        check_located(w->pdata[i], lines, TRUE);
}

static void
check_dict(const SlantDict *d, guint64 lines)
{
    FUZZ_CHECK(strcmp(slant_dict_name(d), NAME) == 0);
    FUZZ_CHECK(slant_dict_format(d) != SLANT_DICT_AUTO);
    guint nc = slant_dict_n_categories(d);
    gboolean polar = slant_dict_is_polar(d);
    FUZZ_CHECK(!polar || (nc == 0 && slant_dict_format(d) == SLANT_DICT_TSV));
    g_autoptr(GHashTable) ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < nc; i++) {
        const SlantDictCategory *c = slant_dict_category(d, i);
        FUZZ_CHECK_MSG(slant_lexicon_is_identifier(c->id), "category id '%s'", c->id);
        FUZZ_CHECK_MSG(g_hash_table_add(ids, c->id), "category id '%s' twice", c->id);
        FUZZ_CHECK(c->label == NULL || (c->label[0] != '\0' && g_utf8_validate(c->label, -1, NULL)));
        FUZZ_CHECK(c->line >= 1 && c->line <= lines);
    }
    for (guint i = 0; i < slant_dict_n_entries(d); i++) {
        const SlantDictEntry *e = slant_dict_entry(d, i);
        FUZZ_CHECK(e->term != NULL && e->term[0] != '\0' && g_utf8_validate(e->term, -1, NULL));
        FUZZ_CHECK(e->line >= 1 && e->line <= lines);
        if (polar) {
            FUZZ_CHECK(e->category == -1);
            FUZZ_CHECK_MSG(fabs(e->weight) >= 0.001 && fabs(e->weight) <= 100, "weight %g",
                           e->weight);
        } else {
            FUZZ_CHECK(e->category >= 0 && (guint) e->category < nc);
            FUZZ_CHECK_MSG(e->weight >= 0.001 && e->weight <= 100, "weight %g", e->weight);
        }
        if (i > 0)
            FUZZ_CHECK(slant_dict_entry(d, i - 1)->line <= e->line);
    }
}

/* Each group's entries in order, or each pole's (@by_pole: YAML writes an
 * axis pole by pole). */
static GPtrArray *
group_lists(const SlantLexicon *lex, gboolean by_pole)
{
    GPtrArray *g = g_ptr_array_new_with_free_func((GDestroyNotify) g_ptr_array_unref);
    for (guint i = 0; i < 2 * slant_lexicon_n_groups(lex); i++)
        g_ptr_array_add(g, g_ptr_array_new());
    for (guint i = 0; i < slant_lexicon_n_entries(lex); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        guint k = 2 * e->group + (by_pole && e->pole == SLANT_POLE_NEGATIVE);
        g_ptr_array_add(g->pdata[k], (gpointer) e);
    }
    return g;
}

static void
same_lexicon(const SlantLexicon *a, const SlantLexicon *b, gboolean weights, const char *fmt)
{
    FUZZ_CHECK_MSG(slant_lexicon_n_axes(a) == slant_lexicon_n_axes(b), "%s: axes %u, %u", fmt,
                   slant_lexicon_n_axes(a), slant_lexicon_n_axes(b));
    for (guint i = 0; i < slant_lexicon_n_axes(a); i++) {
        const SlantAxis *x = slant_lexicon_axis(a, i), *y = slant_lexicon_axis(b, i);
        FUZZ_CHECK(strcmp(x->id, y->id) == 0 && strcmp(x->positive, y->positive) == 0 &&
                   strcmp(x->negative, y->negative) == 0);
    }
    FUZZ_CHECK_MSG(slant_lexicon_n_categories(a) == slant_lexicon_n_categories(b),
                   "%s: categories %u, %u", fmt, slant_lexicon_n_categories(a),
                   slant_lexicon_n_categories(b));
    for (guint i = 0; i < slant_lexicon_n_categories(a); i++)
        FUZZ_CHECK_MSG(strcmp(slant_lexicon_category(a, i)->id, slant_lexicon_category(b, i)->id) == 0,
                       "%s: category %u '%s', '%s'", fmt, i, slant_lexicon_category(a, i)->id,
                       slant_lexicon_category(b, i)->id);
    gboolean by_pole = strcmp(fmt, "yaml") == 0;
    g_autoptr(GPtrArray) ga = group_lists(a, by_pole);
    g_autoptr(GPtrArray) gb = group_lists(b, by_pole);
    for (guint g = 0; g < ga->len; g++) {
        GPtrArray *x = ga->pdata[g], *y = gb->pdata[g];
        FUZZ_CHECK_MSG(x->len == y->len, "%s: group %u: %u entries, %u after the round trip", fmt,
                       g, x->len, y->len);
        for (guint i = 0; i < x->len; i++) {
            const SlantEntry *e = x->pdata[i], *f = y->pdata[i];
            FUZZ_CHECK_MSG(e->pole == f->pole && strcmp(e->canonical, f->canonical) == 0,
                           "%s: group %u entry %u: %d '%s', %d '%s' after the round trip", fmt, g,
                           i, e->pole, e->canonical, f->pole, f->canonical);
            double want = weights ? e->weight : 1.0;
            FUZZ_CHECK_MSG(f->weight == want, "%s: group %u entry %u '%s': weight %.17g, %.17g "
                           "after the round trip", fmt, g, i, e->canonical, e->weight, f->weight);
        }
    }
}

static void
round_trip(const SlantLexicon *lex, const SlantDictLexiconOptions *o)
{
    static const SlantDictFormat out[] = {SLANT_DICT_LIWC, SLANT_DICT_LIWC22, SLANT_DICT_YAML};
    for (gsize f = 0; f < G_N_ELEMENTS(out); f++) {
        const char *fmt = slant_dict_format_name(out[f]);
        GPtrArray *w = g_ptr_array_new_with_free_func(g_free);
        GError *err = NULL;
        char *text = slant_dict_export(lex, out[f], w, &err);
        if (text == NULL) {
            /* only two groups that would be one category ("x-positive") */
            FUZZ_CHECK_MSG(err->code == SLANT_ERROR_LEXICON_DUPLICATE, "%s export: %s", fmt,
                           err->message);
            g_error_free(err);
            g_ptr_array_unref(w);
            continue;
        }
        FUZZ_CHECK(g_utf8_validate(text, -1, NULL));
        g_ptr_array_set_size(w, 0);
        SlantDict *d = slant_dict_read_data(text, strlen(text), NAME, out[f], w, &err);
        FUZZ_CHECK_MSG(d != NULL, "%s export does not read back: %s\n%s", fmt, err->message, text);
        SlantDictLexiconOptions o2 = *o;
        o2.axis = o2.positive = o2.negative = NULL;
        if (slant_lexicon_n_axes(lex) == 1) {
            const SlantAxis *ax = slant_lexicon_axis(lex, 0);
            o2.axis = ax->id;
            o2.positive = ax->positive;
            o2.negative = ax->negative;
        }
        SlantLexicon *back = NULL;
        char *json = slant_dict_to_lexicon(d, &o2, w, &back, &err);
        FUZZ_CHECK_MSG(json != NULL, "%s export does not import: %s\n%s", fmt, err->message, text);
        same_lexicon(lex, back, out[f] == SLANT_DICT_LIWC22, fmt);
        slant_lexicon_free(back);
        g_free(json);
        slant_dict_free(d);
        g_free(text);
        g_ptr_array_unref(w);
    }
}

static void
import(const SlantDict *d, const SlantDictLexiconOptions *o, guint64 lines)
{
    GPtrArray *w = g_ptr_array_new_with_free_func(g_free);
    GError *err = NULL;
    SlantLexicon *lex = NULL;
    char *json = slant_dict_to_lexicon(d, o, w, &lex, &err);
    check_warnings(w, 0, lines);
    g_ptr_array_unref(w);
    if (json == NULL) {
        FUZZ_CHECK(lex == NULL && err != NULL && err->domain == SLANT_ERROR);
        FUZZ_CHECK_MSG(!g_str_has_prefix(err->message, NAME ": the lexicon made from it does not load"),
                       "%s", err->message);
        FUZZ_CHECK_MSG(err->code == SLANT_ERROR_LEXICON_DUPLICATE || err->code == SLANT_ERROR_EMPTY ||
                           (o->axis != NULL && err->code == SLANT_ERROR_USAGE),
                       "to_lexicon: code %d: %s", err->code, err->message);
        if (err->code != SLANT_ERROR_USAGE)
            check_located(err->message, lines, err->code == SLANT_ERROR_EMPTY);
        g_error_free(err);
        return;
    }
    FUZZ_CHECK(lex != NULL && err == NULL);
    FUZZ_CHECK(slant_lexicon_n_entries(lex) >= 1 &&
               slant_lexicon_n_entries(lex) <= slant_dict_n_entries(d));
    for (guint i = 0; i < slant_lexicon_n_entries(lex); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        FUZZ_CHECK(e->note != NULL && g_str_has_prefix(e->note, NAME " line "));
    }
    round_trip(lex, o);
    slant_lexicon_free(lex);
    g_free(json);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    static const char empty[1] = "";
    const char *s = size > 0 ? (const char *) data : empty;
    guint64 lines = count_lines(s, size);
    static SlantDictFormat in[] = {SLANT_DICT_AUTO, SLANT_DICT_LIWC, SLANT_DICT_LIWC22,
                                   SLANT_DICT_YAML, SLANT_DICT_TSV};
    static gsize n_in = G_N_ELEMENTS(in);
    static gsize once = 0;
    if (g_once_init_enter(&once)) {
        const char *only = g_getenv("SLANT_FUZZ_DICT_FORMAT");
        if (only != NULL) {
            FUZZ_CHECK_MSG(slant_dict_format_parse(only, &in[0]),
                           "SLANT_FUZZ_DICT_FORMAT=%s: not a format", only);
            n_in = 1;
        }
        g_once_init_leave(&once, 1);
    }
    for (gsize f = 0; f < n_in; f++) {
        GPtrArray *w = g_ptr_array_new_with_free_func(g_free);
        GError *err = NULL;
        SlantDict *d = slant_dict_read_data(s, size, NAME, in[f], w, &err);
        check_warnings(w, 0, lines);
        g_ptr_array_unref(w);
        if (d == NULL) {
            FUZZ_CHECK(err != NULL);
            FUZZ_CHECK_MSG(err->domain == SLANT_ERROR && slant_error_is_lexicon(err),
                           "read: error %s %d: %s", g_quark_to_string(err->domain), err->code,
                           err->message);
            check_located(err->message, lines, in[f] == SLANT_DICT_AUTO);
            g_error_free(err);
            continue;
        }
        FUZZ_CHECK(err == NULL);
        FUZZ_CHECK(in[f] == SLANT_DICT_AUTO || slant_dict_format(d) == in[f]);
        check_dict(d, lines);
        SlantDictLexiconOptions o = {0};
        import(d, &o, lines);
        o.stem = TRUE;
        import(d, &o, lines);
        if (slant_dict_n_categories(d) >= 2) {
            SlantDictLexiconOptions ax = {NULL, NULL, "fuzz-axis", slant_dict_category(d, 0)->id,
                                          slant_dict_category(d, 1)->id, FALSE};
            import(d, &ax, lines);
        }
        slant_dict_free(d);
    }
    return 0;
}

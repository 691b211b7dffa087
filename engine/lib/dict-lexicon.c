/* dict-lexicon.c: the lexicon a dictionary gives (slant_dict_to_lexicon())
 * and the dictionary a lexicon gives (slant_dict_export()) (dict.h).
 *
 * The lexicon is generated as JSON and validated by loading it with
 * slant_lexicon_load_data(): the loader stays the one judge of what a
 * lexicon is.  So that it never refuses what we generate, this file keeps
 * the loader's rules on its side too: identifiers for ids, weights in its
 * range, patterns whose words it compiles (term_pattern() writes them,
 * pattern_keys() compiles them as the loader does), no pattern twice in a
 * group.
 */
#include "dict-private.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "slant-error.h"
#include "analyzer.h"

/* ---- patterns ---- */

/* Scratch for making and comparing patterns. */
typedef struct {
    GArray *tokens;
    SlantAnalyzer *analyzer; /* the lexicon's language: terms are read as text is */
    gboolean stems;          /* FALSE: surface keys only */
} Keys;

/* Append to @out the pattern of the dictionary term @term (which passed
 * dict_check_term()): every word "=exact" unless @stem, a glob "prefix*".
 * A word the loader would read otherwise (a glob of several tokens, which
 * would leave the first ones stem words, or a '=' inside) is written token
 * by token, which compiles to the same words the tokenizer gives. */
static void
term_pattern(const char *term, gboolean stem, const SlantAnalyzer *analyzer, GArray *tokens,
             GString *out)
{
    g_auto(GStrv) words = dict_raw_words(term);
    for (char **wp = words; *wp; wp++) {
        char *w = *wp;
        gsize n = strlen(w);
        gboolean glob = w[n - 1] == '*';
        gsize body = glob ? n - 1 : n;
        g_array_set_size(tokens, 0);
        slant_analyzer_tokenize(analyzer, w, body, SLANT_SEGMENT_TEXT, 0, tokens);
        if (tokens->len == 0)
            continue; /* punctuation alone, as in text */
        gboolean whole = memchr(w, '=', body) == NULL && (!glob || stem || tokens->len == 1);
        if (out->len > 0)
            g_string_append_c(out, ' ');
        if (whole) {
            if (!glob && !stem)
                g_string_append_c(out, '=');
            g_string_append(out, w);
            continue;
        }
        for (guint t = 0; t < tokens->len; t++) {
            const SlantToken *tok = &g_array_index(tokens, SlantToken, t);
            gboolean last = t + 1 == tokens->len;
            if (t > 0)
                g_string_append_c(out, ' ');
            if (!stem && !(glob && last))
                g_string_append_c(out, '=');
            g_string_append_len(out, w + tok->start, tok->end - tok->start);
            if (glob && last)
                g_string_append_c(out, '*');
        }
    }
}

/* The words @pattern compiles to, as the loader compiles them: @surface
 * with every word by its normal form ("=w" exact, "w*" prefix, a stem word
 * as "=w"), @canon as the loader's canonical form (stems for stem words,
 * when @k has a stemmer). */
static void
pattern_keys(Keys *k, const char *pattern, GString *surface, GString *canon)
{
    g_string_truncate(surface, 0);
    g_string_truncate(canon, 0);
    g_auto(GStrv) words = dict_raw_words(pattern);
    for (char **wp = words; *wp; wp++) {
        char *w = *wp;
        gboolean exact = w[0] == '=';
        if (exact)
            w++;
        gsize n = strlen(w);
        gboolean prefix = n > 0 && w[n - 1] == '*';
        if (prefix)
            n--;
        g_array_set_size(k->tokens, 0);
        slant_analyzer_tokenize(k->analyzer, w, n, SLANT_SEGMENT_TEXT, 0, k->tokens);
        for (guint t = 0; t < k->tokens->len; t++) {
            const SlantToken *tok = &g_array_index(k->tokens, SlantToken, t);
            gsize nl;
            const char *norm =
                slant_analyzer_normalize(k->analyzer, w + tok->start, tok->end - tok->start, &nl);
            gboolean is_prefix = prefix && t + 1 == k->tokens->len;
            if (surface->len > 0) {
                g_string_append_c(surface, ' ');
                g_string_append_c(canon, ' ');
            }
            if (is_prefix) {
                g_string_append_printf(surface, "%s*", norm);
                g_string_append_printf(canon, "%s*", norm);
            } else {
                g_string_append_printf(surface, "=%s", norm);
                if (exact || !k->stems) {
                    g_string_append_printf(canon, "=%s", norm);
                } else {
                    gsize sl;
                    const char *stem = slant_analyzer_stem(k->analyzer, norm, nl, &sl);
                    g_string_append_len(canon, stem, (gssize) sl);
                }
            }
        }
    }
}

/* ---- to a lexicon ---- */

/* Where an entry goes. */
typedef struct {
    gint axis;     /* 0 or -1 */
    gint category; /* index into the lexicon's categories, or -1 */
    SlantPole pole;
} Target;

/* A pole's name: the category's, unless the loader reserves it. */
static char *
pole_name(const char *axis, const char *category)
{
    if (strcmp(category, "positive") == 0 || strcmp(category, "negative") == 0)
        return g_strdup_printf("%s-%s", axis, category);
    return g_strdup(category);
}

static gint
find_category(const SlantDict *d, const char *id)
{
    gpointer v = g_hash_table_lookup(d->category_ids, id);
    return v != NULL ? (gint) GPOINTER_TO_UINT(v) - 1 : -1;
}

/* The category with id @name, or else the one written @name (its label). */
static gint
find_category_named(const SlantDict *d, const char *name)
{
    gint c = find_category(d, name);
    for (guint i = 0; c < 0 && i < d->categories->len; i++) {
        const SlantDictCategory *dc = d->categories->pdata[i];
        if (dc->label != NULL && strcmp(dc->label, name) == 0)
            c = (gint) i;
    }
    return c;
}

static char *
category_list(const SlantDict *d)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < d->categories->len; i++) {
        if (i == 12) {
            g_string_append_printf(s, ", ... (%u in all)", d->categories->len);
            break;
        }
        g_string_append_printf(s, "%s%s", i ? ", " : "",
                               ((SlantDictCategory *) d->categories->pdata[i])->id);
    }
    return g_string_free(s, FALSE);
}

/* The lexicon's name: the base name up to its first '.'. */
static char *
default_name(const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strchr(base, '.');
    if (dot != NULL)
        *dot = '\0';
    if (base[0] == '\0' || strcmp(base, "/") == 0) {
        g_free(base);
        return g_strdup("dictionary");
    }
    return base;
}

/* The first entry of a group with given words: its index + 1. */
typedef struct {
    GHashTable *surface; /* "group\x1fsurface" -> dict entry index + 1 */
    GHashTable *canon;   /* "group\x1fcanonical" -> dict entry index + 1 */
} Seen;

char *
slant_dict_to_lexicon(const SlantDict *dict, const SlantDictLexiconOptions *opts,
                      GPtrArray *warnings, SlantLexicon **lexicon, GError **error)
{
    g_return_val_if_fail(dict != NULL, NULL);
    static const SlantDictLexiconOptions defaults = {0};
    if (opts == NULL)
        opts = &defaults;
    if (lexicon != NULL)
        *lexicon = NULL;
    const char *language = opts->language ? opts->language : "english";
    g_autoptr(SlantAnalyzer) analyzer = slant_analyzer_new(language, error);
    if (analyzer == NULL)
        return NULL;

    /* the axis, if any, and where each dictionary category goes */
    g_autofree char *axis = NULL, *pos = NULL, *neg = NULL;
    gint pos_cat = -1, neg_cat = -1;
    if (dict->polar) {
        axis = g_strdup(opts->axis ? opts->axis : "sentiment");
        pos = g_strdup(opts->positive ? opts->positive : "positive-sentiment");
        neg = g_strdup(opts->negative ? opts->negative : "negative-sentiment");
    } else if (opts->axis != NULL) {
        if (opts->positive == NULL || opts->negative == NULL) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "axis '%s' needs the categories of its positive and negative poles",
                        opts->axis);
            return NULL;
        }
        pos_cat = find_category_named(dict, opts->positive);
        neg_cat = find_category_named(dict, opts->negative);
        const char *missing = pos_cat < 0 ? opts->positive : neg_cat < 0 ? opts->negative : NULL;
        if (missing != NULL) {
            g_autofree char *list = category_list(dict);
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "%s has no category '%s' (categories: %s)", dict->name, missing,
                        list[0] ? list : "none");
            return NULL;
        }
        if (pos_cat == neg_cat) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "axis '%s': the positive and negative poles need two categories",
                        opts->axis);
            return NULL;
        }
        axis = g_strdup(opts->axis);
        const char *pos_id = ((SlantDictCategory *) dict->categories->pdata[pos_cat])->id;
        const char *neg_id = ((SlantDictCategory *) dict->categories->pdata[neg_cat])->id;
        pos = pole_name(axis, pos_id);
        neg = pole_name(axis, neg_id);
        if (strcmp(pos, pos_id) != 0)
            dict_warn_to(warnings,
                "%s: the positive pole of axis '%s' is named '%s' ('%s' is reserved)",
                dict->name, axis, pos, pos_id);
        if (strcmp(neg, neg_id) != 0)
            dict_warn_to(warnings,
                "%s: the negative pole of axis '%s' is named '%s' ('%s' is reserved)",
                dict->name, axis, neg, neg_id);
    } else if (opts->positive != NULL || opts->negative != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "positive and negative poles need an axis (its id)");
        return NULL;
    }
    if (axis != NULL) {
        if (!slant_lexicon_is_identifier(axis)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "axis id '%s' must be letters, digits, '-', '_' or '.'", axis);
            return NULL;
        }
        gint clash = find_category(dict, axis);
        if (clash >= 0 && clash != pos_cat && clash != neg_cat) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "axis id '%s' is the id of a category of %s", axis, dict->name);
            return NULL;
        }
        if (strcmp(pos, neg) == 0 || strcmp(pos, "positive") == 0 || strcmp(pos, "negative") == 0 ||
            strcmp(neg, "positive") == 0 || strcmp(neg, "negative") == 0 || pos[0] == '\0' ||
            neg[0] == '\0') {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "axis '%s': the poles need two different names other than 'positive' "
                        "and 'negative'", axis);
            return NULL;
        }
    }
    guint n_cats = dict->categories->len;
    g_autofree Target *targets = g_new0(Target, MAX(n_cats, 1));
    guint n_lex_cats = 0;
    for (guint c = 0; c < n_cats; c++) {
        targets[c] = (Target){-1, -1, SLANT_POLE_NONE};
        if ((gint) c == pos_cat)
            targets[c] = (Target){0, -1, SLANT_POLE_POSITIVE};
        else if ((gint) c == neg_cat)
            targets[c] = (Target){0, -1, SLANT_POLE_NEGATIVE};
        else
            targets[c].category = (gint) n_lex_cats++;
    }

    g_autofree char *name = opts->name ? g_strdup(opts->name) : default_name(dict->name);
    if (name[0] == '\0') {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "the lexicon needs a name");
        return NULL;
    }
    g_autofree char *base = g_path_get_basename(dict->name);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "lexicon", name);
    cJSON_AddStringToObject(root, "version", "1.0.0");
    cJSON_AddStringToObject(root, "language", language);
    g_autofree char *desc = g_strdup_printf("imported from %s (%s) by slant lexicon import", base,
                                            slant_dict_format_name(dict->format));
    cJSON_AddStringToObject(root, "description", desc);
    if (axis != NULL) {
        cJSON *axes = cJSON_AddArrayToObject(root, "axes");
        cJSON *ax = cJSON_CreateObject();
        cJSON_AddStringToObject(ax, "id", axis);
        cJSON_AddStringToObject(ax, "positive", pos);
        cJSON_AddStringToObject(ax, "negative", neg);
        cJSON_AddItemToArray(axes, ax);
    }
    if (n_lex_cats > 0) {
        cJSON *cats = cJSON_AddArrayToObject(root, "categories");
        for (guint c = 0; c < n_cats; c++) {
            if (targets[c].category < 0)
                continue;
            const SlantDictCategory *dc = dict->categories->pdata[c];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", dc->id);
            if (dc->label != NULL)
                cJSON_AddStringToObject(o, "label", dc->label);
            cJSON_AddItemToArray(cats, o);
        }
    }

    cJSON *entries = cJSON_AddArrayToObject(root, "entries");
    Keys k = {g_array_new(FALSE, FALSE, sizeof(SlantToken)), analyzer, opts->stem};
    Seen seen = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    g_autoptr(GString) pattern = g_string_new(NULL);
    g_autoptr(GString) surface = g_string_new(NULL);
    g_autoptr(GString) canon = g_string_new(NULL);
    guint kept = 0;
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < dict->entries->len; i++) {
        const SlantDictEntry *e = &g_array_index(dict->entries, SlantDictEntry, i);
        Target t = dict->polar ? (Target){0, -1, e->weight > 0 ? SLANT_POLE_POSITIVE
                                                               : SLANT_POLE_NEGATIVE}
                               : targets[e->category];
        const char *cat_id = dict->polar ? NULL
                                         : ((SlantDictCategory *) dict->categories->pdata[e->category])->id;
        g_string_truncate(pattern, 0);
        term_pattern(e->term, opts->stem, analyzer, k.tokens, pattern);
        pattern_keys(&k, pattern->str, surface, canon);
        guint group = t.axis >= 0 ? 0 : 1 + (guint) t.category;
        char *skey = g_strdup_printf("%u\x1f%s", group, surface->str);
        char *ckey = g_strdup_printf("%u\x1f%s", group, canon->str);
        gpointer first = g_hash_table_lookup(seen.surface, skey);
        if (first == NULL)
            first = g_hash_table_lookup(seen.canon, ckey);
        if (first != NULL) {
            const SlantDictEntry *f = &g_array_index(dict->entries, SlantDictEntry,
                                                     GPOINTER_TO_UINT(first) - 1);
            gboolean same_words = g_hash_table_contains(seen.surface, skey);
            gboolean other_pole = t.axis >= 0 && !dict->polar && f->category != e->category;
            if (dict->polar && (f->weight > 0) != (e->weight > 0))
                other_pole = TRUE;
            const char *where = t.axis >= 0 ? "axis" : "category";
            const char *gname = t.axis >= 0 ? axis : cat_id;
            if (same_words && other_pole && f->line == e->line) {
                ok = dict_fail(dict, error, SLANT_ERROR_LEXICON_DUPLICATE, e->line,
                               "term '%s' is in both poles of axis '%s' (both on this line)",
                               e->term, axis);
            } else if (same_words && other_pole) {
                ok = dict_fail(dict, error, SLANT_ERROR_LEXICON_DUPLICATE, e->line,
                               "term '%s' is in both poles of axis '%s' (the other at line %u)",
                               e->term, axis, f->line);
            } else if (same_words) {
                if (f->line == e->line)
                    ok = dict_fail(dict, error, SLANT_ERROR_LEXICON_DUPLICATE, e->line,
                                   "term '%s' given twice in %s '%s' (on this line)", e->term,
                                   where, gname);
                else
                    ok = dict_fail(dict, error, SLANT_ERROR_LEXICON_DUPLICATE, e->line,
                                   "term '%s' given twice in %s '%s' (first at line %u)",
                                   e->term, where, gname, f->line);
            } else {
                dict_warn_to(warnings,
                    "%s:%u: term '%s' in %s '%s' compiles to the same words as '%s' (line %u), "
                    "'%s': left out, the entry of line %u is kept%s", dict->name, e->line,
                    e->term, where, gname, f->term, f->line, canon->str, f->line,
                    other_pole || f->weight != e->weight ? " (with its pole and weight)" : "");
            }
            g_free(skey);
            g_free(ckey);
            continue;
        }
        g_hash_table_insert(seen.surface, skey, GUINT_TO_POINTER(i + 1));
        g_hash_table_insert(seen.canon, ckey, GUINT_TO_POINTER(i + 1));
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "pattern", pattern->str);
        char wbuf[32];
        dict_format_number(e->weight, wbuf);
        g_autofree char *note = NULL;
        if (t.axis >= 0) {
            cJSON_AddStringToObject(o, "axis", axis);
            cJSON_AddStringToObject(o, "pole", t.pole == SLANT_POLE_POSITIVE ? "positive"
                                                                             : "negative");
            cJSON_AddNumberToObject(o, "weight", fabs(e->weight));
        } else {
            cJSON_AddStringToObject(o, "category", cat_id);
            if (e->weight != 1.0)
                cJSON_AddNumberToObject(o, "weight", e->weight);
        }
        if (dict->polar)
            note = g_strdup_printf("%s line %u: '%s' %s", base, e->line, e->term, wbuf);
        else
            note = g_strdup_printf("%s line %u: '%s' in %s", base, e->line, e->term, cat_id);
        cJSON_AddStringToObject(o, "note", note);
        cJSON_AddItemToArray(entries, o);
        kept++;
    }
    g_array_unref(k.tokens);
    g_hash_table_unref(seen.surface);
    g_hash_table_unref(seen.canon);
    if (ok && kept == 0) {
        ok = FALSE;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "%s: no entries to import", dict->name);
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    char *printed = cJSON_Print(root);
    cJSON_Delete(root);
    char *json = g_strconcat(printed, "\n", NULL);
    cJSON_free(printed);

    GError *lerr = NULL;
    g_autofree char *lname = g_strdup_printf("%s.json", name);
    SlantLexicon *lex = slant_lexicon_load_data(json, strlen(json), lname, &lerr);
    if (lex == NULL) {
        g_set_error(error, SLANT_ERROR, lerr->code,
                    "%s: the lexicon made from it does not load, a bug in slant: %s", dict->name,
                    lerr->message);
        g_error_free(lerr);
        g_free(json);
        return NULL;
    }
    if (lexicon != NULL)
        *lexicon = lex;
    else
        slant_lexicon_free(lex);
    return json;
}

/* ---- from a lexicon ---- */

static void
export_line_free(gpointer p)
{
    DictExportLine *l = p;
    g_free(l->term);
    g_array_unref(l->cats);
    g_array_unref(l->weights);
    g_free(l);
}

/* The dictionary term of @pattern: its words without '=' markers, one
 * space apart. */
static char *
export_term(const char *pattern)
{
    g_auto(GStrv) words = dict_raw_words(pattern);
    GString *s = g_string_new(NULL);
    for (char **w = words; *w; w++) {
        if (s->len > 0)
            g_string_append_c(s, ' ');
        g_string_append(s, (*w)[0] == '=' ? *w + 1 : *w);
    }
    return g_string_free(s, FALSE);
}

/* Add the category @name for @what to @x, or fail when a group took the
 * name already. */
static gboolean
export_category(DictExport *x, GHashTable *taken, const char *name, char *what,
                GPtrArray *warnings, GError **error)
{
    const char *lname = slant_lexicon_path(x->lex);
    const char *other = g_hash_table_lookup(taken, name);
    if (other != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_DUPLICATE,
                    "%s: cannot export: %s and %s would be one category '%s'", lname, other, what,
                    name);
        g_free(what);
        return FALSE;
    }
    g_hash_table_insert(taken, (gpointer) name, what);
    g_ptr_array_add(x->categories, g_strdup(name));
    if (!slant_lexicon_is_identifier(name)) {
        g_autofree char *id = dict_identifier_of(name);
        if (id != NULL)
            dict_warn_to(warnings, "%s: '%s' is not an id: importing the export names its category '%s'",
                    lname, name, id);
        else
            dict_warn_to(warnings, "%s: '%s' is not an id, and has no ASCII letter or digit to make one "
                              "of: importing the export fails", lname, name);
    }
    return TRUE;
}

char *
slant_dict_export(const SlantLexicon *lex, SlantDictFormat format, GPtrArray *warnings,
                  GError **error)
{
    g_return_val_if_fail(lex != NULL, NULL);
    const DictFormatClass *c = dict_format_class(format);
    if (c == NULL || c->write == NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "cannot export to '%s' (formats: dic, dicx, yaml)",
                    slant_dict_format_name(format));
        return NULL;
    }
    const char *lname = slant_lexicon_path(lex);
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    DictExport x = {lex, g_ptr_array_new_with_free_func(g_free),
                    g_ptr_array_new_with_free_func(export_line_free)};
    g_autoptr(GHashTable) taken = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    gboolean ok = TRUE;
    guint n_described = 0;
    for (guint a = 0; ok && a < na; a++) {
        const SlantAxis *ax = slant_lexicon_axis(lex, a);
        n_described += ax->description != NULL;
        ok = export_category(&x, taken, ax->positive,
                             g_strdup_printf("the positive pole of axis '%s'", ax->id), warnings,
                             error) &&
             export_category(&x, taken, ax->negative,
                             g_strdup_printf("the negative pole of axis '%s'", ax->id), warnings,
                             error);
    }
    for (guint i = 0; ok && i < nc; i++) {
        const SlantCategory *cat = slant_lexicon_category(lex, i);
        n_described += cat->label != NULL || cat->description != NULL;
        ok = export_category(&x, taken, cat->id, g_strdup_printf("category '%s'", cat->id),
                             warnings, error);
    }
    if (!ok) {
        g_ptr_array_unref(x.categories);
        g_ptr_array_unref(x.lines);
        return NULL;
    }

    g_autoptr(SlantAnalyzer) analyzer = slant_analyzer_new(slant_lexicon_language(lex), error);
    if (analyzer == NULL) {
        g_ptr_array_unref(x.categories);
        g_ptr_array_unref(x.lines);
        return NULL;
    }
    Keys k = {g_array_new(FALSE, FALSE, sizeof(SlantToken)), analyzer, FALSE};
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) term_line = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    /* per group (an axis spans two categories), the last line it stands on */
    guint n_groups = slant_lexicon_n_groups(lex);
    g_autofree gint *group_last = g_new(gint, MAX(n_groups, 1));
    for (guint i = 0; i < n_groups; i++)
        group_last[i] = -1;
    g_autoptr(GString) pattern = g_string_new(NULL);
    g_autoptr(GString) surface = g_string_new(NULL);
    g_autoptr(GString) canon = g_string_new(NULL);
    guint n_weight = 0, n_stem = 0, n_notes = 0;
    g_autofree gboolean *axis_negative = g_new0(gboolean, MAX(na, 1));
    g_autofree const SlantEntry **axis_mixed = g_new0(const SlantEntry *, MAX(na, 1));
    const SlantEntry *first_weight = NULL, *first_stem = NULL;
    for (guint i = 0; i < slant_lexicon_n_entries(lex); i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        char *term = export_term(e->pattern);
        g_string_truncate(pattern, 0);
        term_pattern(term, FALSE, analyzer, k.tokens, pattern);
        pattern_keys(&k, pattern->str, surface, canon);
        char *key = g_strdup_printf("%u\x1f%s", e->group, surface->str);
        gpointer prev = g_hash_table_lookup(seen, key);
        const char *gname = e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                                         : slant_lexicon_category(lex, (guint) e->category)->id;
        if (prev != NULL) {
            const SlantEntry *f = slant_lexicon_entry(lex, GPOINTER_TO_UINT(prev) - 1);
            dict_warn_to(warnings, "%s:%u:%u: '%s' and '%s' (line %u) in %s '%s' are one dictionary "
                              "term '%s': written once (the later never matches after import)",
                    lname, e->line, e->col, e->pattern, f->pattern, f->line,
                    e->axis >= 0 ? "axis" : "category", gname, term);
            g_free(key);
            g_free(term);
            continue;
        }
        g_hash_table_insert(seen, key, GUINT_TO_POINTER(i + 1));
        for (guint w = 0; w < e->n_words; w++) {
            if (e->words[w].kind == SLANT_WORD_STEM) {
                if (n_stem++ == 0)
                    first_stem = e;
                break;
            }
        }
        if (e->weight != 1.0 && !c->weights && n_weight++ == 0)
            first_weight = e;
        n_notes += e->note != NULL && e->note[0] != '\0';
        guint cat = e->axis >= 0 ? 2 * (guint) e->axis + (e->pole == SLANT_POLE_POSITIVE ? 0 : 1)
                                 : 2 * na + (guint) e->category;
        /* the term's latest line, unless the entry's group already stands
         * on a line after it: a group's entries keep their order, which
         * decides between entries that match at one place */
        gpointer lp = g_hash_table_lookup(term_line, term);
        gint line = lp != NULL ? (gint) GPOINTER_TO_UINT(lp) - 1 : -1;
        DictExportLine *l;
        if (line >= 0 && group_last[e->group] < line) {
            l = x.lines->pdata[line];
            g_free(term);
        } else {
            l = g_new0(DictExportLine, 1);
            l->term = term;
            l->cats = g_array_new(FALSE, FALSE, sizeof(guint));
            l->weights = g_array_new(FALSE, FALSE, sizeof(double));
            g_ptr_array_add(x.lines, l);
            line = (gint) x.lines->len - 1;
            g_hash_table_replace(term_line, g_strdup(l->term), GUINT_TO_POINTER((guint) line + 1));
        }
        g_array_append_val(l->cats, cat);
        g_array_append_val(l->weights, e->weight);
        group_last[e->group] = line;
        if (e->axis >= 0 && e->pole == SLANT_POLE_NEGATIVE)
            axis_negative[e->axis] = TRUE;
        else if (e->axis >= 0 && axis_negative[e->axis] && !axis_mixed[e->axis])
            axis_mixed[e->axis] = e; /* the first positive entry after a negative one */
    }
    g_array_unref(k.tokens);

    const char *fname = c->name;
    if (n_weight > 0)
        dict_warn_to(warnings, "%s: %u entr%s a weight other than 1, which %s cannot carry: written "
                          "without it (the first: '%s', weight %g, line %u)",
                lname, n_weight, n_weight == 1 ? "y has" : "ies have", fname,
                first_weight->pattern, first_weight->weight, first_weight->line);
    if (n_stem > 0)
        dict_warn_to(warnings, "%s: %u entr%s stem words, which %s writes as surface words: import "
                          "with --stem to match them by stem again (the first: '%s', line %u)",
                lname, n_stem, n_stem == 1 ? "y has" : "ies have", fname, first_stem->pattern,
                first_stem->line);
    for (guint a = 0; c->by_category && a < na; a++)
        if (axis_mixed[a] != NULL)
            dict_warn_to(warnings, "%s: %s lists the terms of axis '%s' pole by pole, positive first: "
                              "where a positive and a negative entry match the same words "
                              "equally well, the positive one now comes first (the first "
                              "entry moved: '%s', line %u)", lname, fname,
                    slant_lexicon_axis(lex, a)->id, axis_mixed[a]->pattern, axis_mixed[a]->line);
    guint n_mod = slant_lexicon_n_modifiers(lex, 0);
    guint window = slant_lexicon_source(lex, 0)->negation_window;
    if (n_mod > 0 || window != 3)
        dict_warn_to(warnings, "%s: the modifiers (%u word%s) and the negation window (%u) are not "
                          "carried by %s", lname, n_mod, n_mod == 1 ? "" : "s", window, fname);
    if (n_notes > 0)
        dict_warn_to(warnings, "%s: the notes of %u entr%s are not carried by %s", lname, n_notes,
                n_notes == 1 ? "y" : "ies", fname);
    if (n_described > 0)
        dict_warn_to(warnings, "%s: %u %s a label or a description, which %s does not carry", lname,
                n_described, n_described == 1 ? "category or axis has" : "categories or axes have",
                fname);

    GString *out = g_string_new(NULL);
    c->write(&x, out);
    g_ptr_array_unref(x.categories);
    g_ptr_array_unref(x.lines);
    return g_string_free(out, FALSE);
}

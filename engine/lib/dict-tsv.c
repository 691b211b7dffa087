/* dict-tsv.c: tab-separated word lists (dict.h).
 *
 *   calm<TAB>2                 a polar list: term<TAB>weight, the weight's
 *   gloomy<TAB>-2              sign gives the pole (AFINN and most lists)
 *
 *   calm<TAB>mood<TAB>2        categories: term<TAB>category[<TAB>weight]
 *   dusk<TAB>time              (weight 1 when left out)
 *
 * Blank lines and lines starting with '#' are passed over.  The first
 * other line fixes the shape: two fields with a number second make a polar
 * list, anything else a list of categories.  In a polar list a weight of 0
 * scores on neither pole: the term is left out with a warning (AFINN has
 * two such phrases).
 */
#include "dict-private.h"

#include <string.h>

#include "slant-error.h"

gboolean
dict_tsv_read(SlantDict *d, char *text, GError **error)
{
    enum { UNKNOWN, POLAR, CATEGORIES } shape = UNKNOWN;
    guint shape_line = 0, n = 0;
    /* category names as written -> index + 1 */
    g_autoptr(GHashTable) names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char *p = text;
    char *line;
    while ((line = dict_next_line(&p)) != NULL) {
        n++;
        /* a tab at the start is an empty term, not indentation */
        char *s = g_strchomp(line);
        while (*s == ' ')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        g_auto(GStrv) f = g_strsplit(s, "\t", -1);
        guint nf = g_strv_length(f);
        for (guint i = 0; i < nf; i++)
            g_strstrip(f[i]);
        double w = 1.0;
        if (shape == UNKNOWN) {
            if (nf == 1)
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                                 "expected 'term<TAB>weight' or 'term<TAB>category[<TAB>weight]' "
                                 "(no tab)");
            shape = nf == 2 && dict_parse_number(f[1], &w) ? POLAR : CATEGORIES;
            shape_line = n;
            d->polar = shape == POLAR;
        }
        if (shape == POLAR && nf != 2)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                             "expected 'term<TAB>weight', the shape of line %u (%s)",
                             shape_line, nf < 2 ? "no tab" : "more than one tab");
        if (shape == CATEGORIES && (nf < 2 || nf > 3))
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                             "expected 'term<TAB>category[<TAB>weight]', the shape of line %u (%s)",
                             shape_line, nf < 2 ? "no tab" : "more than two tabs");
        const char *term = f[0];
        if (*term == '\0')
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n, "empty term");
        const char *wtext = shape == POLAR ? f[1] : nf == 3 ? f[2] : NULL;
        if (wtext != NULL && !dict_parse_number(wtext, &w))
            return dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, n,
                             "term '%s': weight '%s' is not a number", term, wtext);
        if (shape == POLAR) {
            if (w == 0) {
                if (!dict_check_term(d, term, n, error))
                    return FALSE;
                dict_warn(d, n, "term '%s' has weight 0 (it scores on neither pole), left out",
                          term);
                d->n_left_out++;
                continue;
            }
            if (!dict_add_entry(d, term, -1, w, n, error))
                return FALSE;
            continue;
        }
        const char *cat = f[1];
        double dummy;
        if (dict_parse_number(cat, &dummy))
            return dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, n,
                             "term '%s': '%s' stands where this list (from line %u) has its "
                             "category", term, cat, shape_line);
        gpointer v = g_hash_table_lookup(names, cat);
        gint c = v != NULL ? (gint) GPOINTER_TO_UINT(v) - 1 : dict_add_category(d, cat, n, error);
        if (c < 0)
            return FALSE;
        if (v == NULL)
            g_hash_table_insert(names, g_strdup(cat), GUINT_TO_POINTER((guint) c + 1));
        if (!dict_add_entry(d, term, c, w, n, error))
            return FALSE;
    }
    return TRUE;
}

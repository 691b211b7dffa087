/* dict-liwc.c: LIWC 2007/2015 .dic dictionaries (dict.h).
 *
 *   %
 *   1<TAB>hope
 *   2<TAB>doubt
 *   %
 *   dreamer*<TAB>1
 *   bright future<TAB>1<TAB>2
 *
 * Category ids are whole numbers (compared by value: "02" is 2).  White
 * space before a header line's id (LIWC2015 indents sub-categories) is
 * passed over; what follows another tab after the name is the category's
 * label.  After a term's tab, ids may be separated by tabs or
 * spaces: the term is everything before the first tab, so a phrase's
 * spaces stay in the term.
 */
#include "dict-private.h"

#include <string.h>

#include "slant-error.h"

/* A category id: digits only, at most 9 of them (after leading zeros). */
static gboolean
parse_id(const char *s, guint *out)
{
    if (*s == '\0')
        return FALSE;
    guint64 v = 0;
    for (const char *p = s; *p; p++) {
        if (!g_ascii_isdigit(*p))
            return FALSE;
        v = v * 10 + (guint64) (*p - '0');
        if (v > 999999999)
            return FALSE;
    }
    *out = (guint) v;
    return TRUE;
}

typedef struct {
    guint category; /* index into the dictionary's categories */
    guint line;
} IdInfo;

gboolean
dict_liwc_read(SlantDict *d, char *text, GError **error)
{
    enum { BEFORE, HEADER, BODY } state = BEFORE;
    g_autoptr(GHashTable) ids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    guint opened = 0, n = 0;
    char *p = text;
    char *line;
    g_autoptr(GArray) seen_on_line = g_array_new(FALSE, FALSE, sizeof(guint));
    while ((line = dict_next_line(&p)) != NULL) {
        n++;
        char *s = g_strstrip(line);
        if (*s == '\0')
            continue;
        if (strcmp(s, "%") == 0) {
            if (state == BEFORE) {
                state = HEADER;
                opened = n;
            } else if (state == HEADER) {
                state = BODY;
            } else {
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                                 "a third '%%' line (the category header is closed already)");
            }
            continue;
        }
        if (state == BEFORE)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                             "expected the '%%' line that opens the category header");
        char *tab = strchr(s, '\t');
        if (state == HEADER) {
            if (tab == NULL)
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                                 "expected 'ID<TAB>category' (no tab)");
            *tab = '\0';
            char *name = g_strstrip(tab + 1);
            char *id_text = g_strstrip(s);
            guint id;
            if (!parse_id(id_text, &id))
                return dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, n,
                                 "category id '%s' is not a whole number (is the '%%' line that "
                                 "closes the header opened at line %u missing?)", id_text, opened);
            /* more after another tab ("1<TAB>funct<TAB>Function words") is a label */
            char *more = strchr(name, '\t');
            if (more != NULL) {
                *more++ = '\0';
                g_strstrip(name);
                g_strdelimit(more, "\t", ' ');
                g_strstrip(more);
            }
            IdInfo *prev = g_hash_table_lookup(ids, GUINT_TO_POINTER(id));
            if (prev != NULL)
                return dict_fail(d, error, SLANT_ERROR_LEXICON_DUPLICATE, n,
                                 "category id %u used twice in the header (first at line %u)", id,
                                 prev->line);
            gint c = dict_add_category(d, name, n, error);
            if (c < 0)
                return FALSE;
            if (more != NULL && *more != '\0') {
                SlantDictCategory *cat = d->categories->pdata[c];
                char *label = cat->label ? g_strdup_printf("%s %s", cat->label, more)
                                         : g_strdup(more);
                g_free(cat->label);
                cat->label = label;
            }
            IdInfo *info = g_new(IdInfo, 1);
            info->category = (guint) c;
            info->line = n;
            g_hash_table_insert(ids, GUINT_TO_POINTER(id), info);
            continue;
        }
        if (tab == NULL)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                             "expected 'term<TAB>category id...' (no tab)");
        *tab = '\0';
        char *term = g_strstrip(s);
        char *rest = g_strstrip(tab + 1);
        if (*term == '\0')
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n, "empty term");
        if (strpbrk(rest, "()/<>") != NULL) {
            g_strdelimit(rest, "\t", ' ');
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                             "term '%s': conditional categories ('%s') are not supported: "
                             "give the term plain ids, or leave the line out", term, rest);
        }
        g_auto(GStrv) fields = g_strsplit_set(rest, " \t", -1);
        g_array_set_size(seen_on_line, 0);
        for (char **f = fields; *f; f++) {
            if (**f == '\0')
                continue;
            guint id;
            if (!parse_id(*f, &id))
                return dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, n,
                                 "term '%s': category id '%s' is not a whole number", term, *f);
            IdInfo *info = g_hash_table_lookup(ids, GUINT_TO_POINTER(id));
            if (info == NULL)
                return dict_fail(d, error, SLANT_ERROR_LEXICON_REFERENCE, n,
                                 "term '%s': category id %u is not in the header", term, id);
            for (guint k = 0; k < seen_on_line->len; k++)
                if (g_array_index(seen_on_line, guint, k) == id)
                    return dict_fail(d, error, SLANT_ERROR_LEXICON_DUPLICATE, n,
                                     "term '%s': category id %u twice on the line", term, id);
            g_array_append_val(seen_on_line, id);
            if (!dict_add_entry(d, term, (gint) info->category, 1.0, n, error))
                return FALSE;
        }
        if (seen_on_line->len == 0)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n,
                             "term '%s' has no category id", term);
    }
    if (state == BEFORE)
        return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, n > 0 ? n : 1,
                         "no '%%' line: the category header is missing");
    if (state == HEADER)
        return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, opened,
                         "the category header opened here never closes (no second '%%' line)");
    return TRUE;
}

void
dict_liwc_write(const DictExport *x, GString *out)
{
    g_string_append(out, "%\n");
    for (guint i = 0; i < x->categories->len; i++)
        g_string_append_printf(out, "%u\t%s\n", i + 1, (const char *) x->categories->pdata[i]);
    g_string_append(out, "%\n");
    for (guint i = 0; i < x->lines->len; i++) {
        const DictExportLine *l = x->lines->pdata[i];
        g_string_append(out, l->term);
        for (guint k = 0; k < l->cats->len; k++)
            g_string_append_printf(out, "\t%u", g_array_index(l->cats, guint, k) + 1);
        g_string_append_c(out, '\n');
    }
}

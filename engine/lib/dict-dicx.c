/* dict-dicx.c: LIWC-22 .dicx dictionaries (dict.h): CSV after RFC 4180.
 *
 *   DicTerm,hope,doubt
 *   dreamer*,X,
 *   "bright future",X,0.5
 *
 * Fields are separated by ',' and records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes ("").  The
 * header's first cell names the term column (LIWC-22 writes "DicTerm");
 * the others name the categories.  A cell is "X" (or "x") for membership
 * with weight 1, a number for membership with that weight, empty or 0 for
 * none.  Blank records are passed over; a record shorter than the header
 * has empty cells at its end, and one longer may have only empty cells
 * beyond it (spreadsheets write such commas).
 */
#include "dict-private.h"

#include <string.h>

#include "slant-error.h"

typedef struct {
    const char *p;  /* the next byte */
    guint line;     /* the line of p */
} Csv;

/* Read one record into @cells (strings, trimmed of spaces outside quotes
 * only when unquoted); @*start gets the record's first line.  FALSE at
 * the end of the text, or with @error set. */
static gboolean
csv_record(SlantDict *d, Csv *c, GPtrArray *cells, guint *start, gboolean *done, GError **error)
{
    g_ptr_array_set_size(cells, 0);
    *done = FALSE;
    if (*c->p == '\0') {
        *done = TRUE;
        return TRUE;
    }
    *start = c->line;
    GString *cell = g_string_new(NULL);
    for (;;) {
        g_string_truncate(cell, 0);
        if (*c->p == '"') {
            guint opened = c->line;
            c->p++;
            for (;;) {
                if (*c->p == '\0') {
                    g_string_free(cell, TRUE);
                    return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, opened,
                                     "a quoted field opened here never closes");
                }
                if (*c->p == '"') {
                    if (c->p[1] == '"') {
                        g_string_append_c(cell, '"');
                        c->p += 2;
                        continue;
                    }
                    c->p++;
                    break;
                }
                if (*c->p == '\n')
                    c->line++;
                g_string_append_c(cell, *c->p++);
            }
            if (*c->p != ',' && *c->p != '\n' && *c->p != '\0' &&
                !(*c->p == '\r' && (c->p[1] == '\n' || c->p[1] == '\0'))) {
                g_string_free(cell, TRUE);
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, c->line,
                                 "a character after a closing quote (a quote inside a quoted "
                                 "field is written twice: \"\")");
            }
        } else {
            while (*c->p != ',' && *c->p != '\n' && *c->p != '\0' &&
                   !(*c->p == '\r' && (c->p[1] == '\n' || c->p[1] == '\0'))) {
                if (*c->p == '"') {
                    g_string_free(cell, TRUE);
                    return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, c->line,
                                     "a quote inside a field that does not start with one");
                }
                g_string_append_c(cell, *c->p++);
            }
            g_strstrip(cell->str);
            cell->len = strlen(cell->str);
        }
        g_ptr_array_add(cells, g_strdup(cell->str));
        if (*c->p == ',') {
            c->p++;
            continue;
        }
        if (*c->p == '\r')
            c->p++;
        if (*c->p == '\n') {
            c->p++;
            c->line++;
        }
        break;
    }
    g_string_free(cell, TRUE);
    return TRUE;
}

static gboolean
blank_record(const GPtrArray *cells)
{
    for (guint i = 0; i < cells->len; i++)
        if (((const char *) cells->pdata[i])[0] != '\0')
            return FALSE;
    return TRUE;
}

gboolean
dict_dicx_read(SlantDict *d, char *text, GError **error)
{
    Csv c = {text, 1};
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func(g_free);
    guint line = 0;
    gboolean done = FALSE;
    /* the header: the first record that is not blank */
    do {
        if (!csv_record(d, &c, cells, &line, &done, error))
            return FALSE;
    } while (!done && blank_record(cells));
    if (done)
        return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, c.line,
                         "no header row 'DicTerm,<category>,...'");
    if (((const char *) cells->pdata[0])[0] == '\0')
        return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, line,
                         "the header's first cell (the term column, 'DicTerm') is empty");
    guint n_cols = cells->len;
    g_autofree gint *col_cat = g_new0(gint, n_cols);
    for (guint i = 1; i < n_cols; i++) {
        const char *name = cells->pdata[i];
        if (name[0] == '\0')
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, line,
                             "the header's column %u has no category name", i + 1);
        col_cat[i] = dict_add_category(d, name, line, error);
        if (col_cat[i] < 0)
            return FALSE;
    }
    for (;;) {
        if (!csv_record(d, &c, cells, &line, &done, error))
            return FALSE;
        if (done)
            break;
        if (blank_record(cells))
            continue;
        const char *term = cells->pdata[0];
        if (term[0] == '\0')
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, line, "empty term");
        for (guint i = n_cols; i < cells->len; i++)
            if (((const char *) cells->pdata[i])[0] != '\0')
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, line,
                                 "term '%s': cell %u '%s' is beyond the %u columns of the header",
                                 term, i + 1, (const char *) cells->pdata[i], n_cols);
        guint in = 0;
        for (guint i = 1; i < MIN(n_cols, cells->len); i++) {
            const char *v = cells->pdata[i];
            double w;
            if (v[0] == '\0')
                continue;
            if (strcmp(v, "X") == 0 || strcmp(v, "x") == 0)
                w = 1.0;
            else if (!dict_parse_number(v, &w))
                return dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, line,
                                 "term '%s': cell '%s' for category '%s' is not 'X', a number "
                                 "or empty", term, v,
                                 slant_dict_category(d, (guint) col_cat[i])->id);
            if (w == 0)
                continue;
            if (!dict_add_entry(d, term, col_cat[i], w, line, error))
                return FALSE;
            in++;
        }
        if (in == 0) {
            dict_warn(d, line, "term '%s' is in no category, left out", term);
            d->n_left_out++;
        }
    }
    return TRUE;
}

/* @s as a CSV field: quoted when it holds a comma, quote or line break, or
 * white space at either end. */
static void
csv_field(GString *out, const char *s)
{
    gsize n = strlen(s);
    gboolean quote = strpbrk(s, ",\"\r\n") != NULL ||
                     (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
    if (!quote) {
        g_string_append(out, s);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

void
dict_dicx_write(const DictExport *x, GString *out)
{
    g_string_append(out, "DicTerm");
    for (guint i = 0; i < x->categories->len; i++) {
        g_string_append_c(out, ',');
        csv_field(out, x->categories->pdata[i]);
    }
    g_string_append_c(out, '\n');
    guint nc = x->categories->len;
    g_autofree double *row = g_new(double, MAX(nc, 1));
    for (guint i = 0; i < x->lines->len; i++) {
        const DictExportLine *l = x->lines->pdata[i];
        for (guint k = 0; k < nc; k++)
            row[k] = 0;
        for (guint k = 0; k < l->cats->len; k++)
            row[g_array_index(l->cats, guint, k)] = g_array_index(l->weights, double, k);
        csv_field(out, l->term);
        for (guint k = 0; k < nc; k++) {
            g_string_append_c(out, ',');
            if (row[k] == 1.0) {
                g_string_append_c(out, 'X');
            } else if (row[k] != 0) {
                char buf[32];
                dict_format_number(row[k], buf);
                g_string_append(out, buf);
            }
        }
        g_string_append_c(out, '\n');
    }
}

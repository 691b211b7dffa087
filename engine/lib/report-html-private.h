/* report-html-private.h: what the two halves of the HTML writer share:
 * report-html.c (the page: its head, the header tables, the sections, the
 * one pass over the comparisons) and report-html-plots.c (the SVG plots).
 * Not an API.
 *
 * A SlantHtmlPage is the page being written: the report, the text so far
 * (flushed after each section), which groups the lists and the grids show,
 * and what the pass over the comparisons kept.  Everything written goes
 * through put(), whose %e escapes (html.h): text from the corpus, the
 * lexicon or the command line is never written any other way. */
#ifndef SLANT_REPORT_HTML_PRIVATE_H
#define SLANT_REPORT_HTML_PRIVATE_H

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "html.h"
#include "report-private.h"

G_BEGIN_DECLS

#define SLANT_HTML_LIST_MAX 100       /* rows of a plot with one row per group */
#define SLANT_HTML_GRID_MAX 40        /* groups of the matrix and of the panels per group */
#define SLANT_HTML_DRIVERS_MAX 15     /* bars per driver panel */
#define SLANT_HTML_CATEGORY_PAIRS 15  /* differences per category */
#define SLANT_HTML_CATEGORY_ENTRIES 5 /* in a rate's tooltip */
#define SLANT_HTML_SKIPS_MAX 100
#define SLANT_HTML_MATCHED_MAX 100
#define SLANT_HTML_FONT 12.0
#define SLANT_HTML_ROW_H 18.0
#define SLANT_HTML_PANEL_W 460.0
#define SLANT_HTML_POSITIVE_COLOUR "#e08214"
#define SLANT_HTML_NEGATIVE_COLOUR "#4a8bc4"

/* One comparison's balance difference on an axis (or a category's rate
 * difference). */
typedef struct {
    double d, lo, hi;
} SlantHtmlDiff;

/* A comparison as the page keeps it. */
typedef struct {
    guint index;    /* its place in the design */
    guint a, b;     /* b may be SLANT_REST */
    gboolean empty; /* no units in common, or no rest */
    guint64 units, only_a, only_b;
} SlantHtmlPair;

/* One of the largest differences of a category. */
typedef struct {
    guint index, a, b;
    SlantHtmlDiff v;
} SlantHtmlCatPair;

typedef struct {
    const SlantReport *r;
    const SlantAggregateOptions *ao;
    GString *o;
    guint *by_docs;       /* every group, most documents first, ties by name */
    guint n_list, n_grid; /* how many of them the lists and the grids show */
    gboolean *in_list;    /* group -> shown in the lists */
    gint *grid_pos;       /* group -> its place among the grid's groups, or -1 */
    /* from the one pass over the comparisons */
    GArray *rows;         /* SlantHtmlPair: what the dot plots draw (designs other than all) */
    GArray *row_diffs;    /* SlantHtmlDiff: na per row */
    guint rows_eligible;  /* comparisons the dot plots could draw */
    SlantHtmlDiff *cells; /* design all: [(i * n_grid + j) * na + axis], row i - column j */
    guint8 *cell_state;   /* n_grid * n_grid: 0 not compared, 1 compared, 2 empty */
    guint64 *cell_units;  /* matched: units of the pair of cell (i, j) */
    GArray **cat_best;    /* nc: SlantHtmlCatPair, the largest |differences|, largest first */
    GArray *matched;      /* SlantHtmlPair: a matched design's first comparisons */
    guint n_empty;        /* comparisons without a unit in common */
} SlantHtmlPage;

/* ---- writing ---- */

/* put: @fmt with its directives replaced, appended to the page:
 *   %f  a coordinate (double)         %u  a guint       %U  a guint64
 *   %C  a guint64 with thousands separators
 *   %s  a string as it is (the page's own text only)
 *   %e  a string escaped (anything from the corpus, lexicon, command line)
 *   %1 %2 %3  a double with 1, 2, 3 decimals
 *   %+  signed, 3 decimals                     %p  signed, 2 decimals
 *   %%  a percent sign */
static inline void
put(SlantHtmlPage *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    GString *o = p->o;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            const char *next = strchr(f, '%');
            gsize n = next ? (gsize) (next - f) : strlen(f);
            g_string_append_len(o, f, (gssize) n);
            f += n - 1;
            continue;
        }
        f++;
        switch (*f) {
        case 'f': slant_html_coord(o, va_arg(ap, double)); break;
        case 'u': g_string_append_printf(o, "%u", va_arg(ap, guint)); break;
        case 'U': g_string_append_printf(o, "%" G_GUINT64_FORMAT, va_arg(ap, guint64)); break;
        case 'C': {
            char buf[32];
            g_snprintf(buf, sizeof buf, "%" G_GUINT64_FORMAT, va_arg(ap, guint64));
            gsize n = strlen(buf);
            for (gsize i = 0; i < n; i++) {
                if (i > 0 && (n - i) % 3 == 0)
                    g_string_append_c(o, ',');
                g_string_append_c(o, buf[i]);
            }
            break;
        }
        case 's': g_string_append(o, va_arg(ap, const char *)); break;
        case 'e': slant_html_escape(o, va_arg(ap, const char *)); break;
        case '1': slant_html_number(o, va_arg(ap, double), 1); break;
        case '2': slant_html_number(o, va_arg(ap, double), 2); break;
        case '3': slant_html_number(o, va_arg(ap, double), 3); break;
        case '+': slant_html_signed(o, va_arg(ap, double), 3, FALSE); break;
        case 'p': slant_html_signed(o, va_arg(ap, double), 2, FALSE); break;
        case '%': g_string_append_c(o, '%'); break;
        default: g_assert_not_reached();
        }
    }
    va_end(ap);
}

/* @s escaped, cut to @width px with an ellipsis. */
static inline void
fit(SlantHtmlPage *p, const char *s, double width)
{
    slant_html_escape_fit(p->o, s, width, SLANT_HTML_FONT);
}

static inline const SlantSourceResult *
group(const SlantHtmlPage *p, guint i)
{
    return slant_report_group(p->r, i);
}

static inline const char *
name(const SlantHtmlPage *p, guint i)
{
    return slant_report_group_name(p->r, i);
}

static inline const char *
pole(const SlantHtmlPage *p, guint axis, int sign)
{
    return slant_report_pole_name(p->r, axis, sign);
}

static inline gboolean
excludes_zero(const SlantHtmlDiff *v)
{
    return v->lo > 0 || v->hi < 0;
}

static inline double
level_percent(const SlantHtmlPage *p)
{
    return p->ao->level * 100;
}

/* The level as a person writes it: "95", "99.5". */
static inline void
put_level(SlantHtmlPage *p)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.4g", level_percent(p));
    g_string_append(p->o, buf);
}

/* The opening of an <svg> figure: @label (plain text, escaped here) is its
 * accessible name and its <title>; @attrs (the page's own text) goes into
 * the tag. */
static inline void
svg_open(SlantHtmlPage *p, const char *cls, const char *attrs, double w, double h,
         const char *label)
{
    put(p,
        "<svg class=\"%s\"%s%s width=\"%f\" height=\"%f\" viewBox=\"0 0 %f %f\" role=\"img\" "
        "aria-label=\"%e\"><title>%e</title>\n",
        cls, *attrs ? " " : "", attrs, w, h, w, h, label, label);
}

/* A row's background, light on every other row, that highlights on hover. */
static inline void
row_bg(SlantHtmlPage *p, guint k, double y, double w, double h)
{
    put(p, "<rect class=\"bg\" x=\"0\" y=\"%f\" width=\"%f\" height=\"%f\" fill-opacity=\"%s\"/>",
        y, w, h, k % 2 ? "0.045" : "0");
}

static inline void
put_cut_note(SlantHtmlPage *p, guint shown, guint all, const char *what, const char *by)
{
    put(p,
        "<p class=\"cut\">%u of %u %s shown: %s. The JSON report "
        "(<code>--format json</code>) has them all.</p>\n",
        shown, all, what, by);
}

/* ---- ordering and plots (report-html-plots.c) ---- */

typedef enum {
    SLANT_HTML_BY_NAME,    /* the report's order */
    SLANT_HTML_BY_BALANCE, /* pooled balance on axis @index, largest first */
    SLANT_HTML_BY_RATE,    /* rate of category @index, largest first */
} SlantHtmlOrder;

/* slant_html_groups_sorted: the first @n groups of p->by_docs (those with
 * the most documents), in the order @by (ties by name).  Free with
 * g_array_unref(). */
GArray *slant_html_groups_sorted(const SlantHtmlPage *p, guint n, SlantHtmlOrder by, guint index);

/* The plots of an axis: the forest plot of the groups; the differences as a
 * matrix (design all) or a dot plot (rest, reference, list); each group's
 * driver terms. */
void slant_html_forest(SlantHtmlPage *p, guint axis);
void slant_html_matrix(SlantHtmlPage *p, guint axis);
void slant_html_differences(SlantHtmlPage *p, guint axis);
void slant_html_drivers(SlantHtmlPage *p, guint axis);

/* The panels of a category: its rate per group; its largest differences. */
void slant_html_category_rates(SlantHtmlPage *p, guint category);
void slant_html_category_diffs(SlantHtmlPage *p, guint category);

G_END_DECLS

#endif

/* report-html.c: the report as one self-contained HTML page for people to
 * read and print: inline SVG, no script, nothing fetched, the same bytes
 * for the same report (no date, no random id).
 *
 *   header       what was compared: the lexicon (name, version, sha256,
 *                description), the inputs with their documents, the
 *                grouping, the pair design and why, the parameters, the
 *                methods in words (those of the JSON report's meta), the
 *                groups, and what was skipped
 *   per axis     a forest plot of the groups by pooled balance with their
 *                intervals, documents and hits per pole; the differences:
 *                a matrix of a - b when the design is every pair, else a
 *                dot plot of each comparison (against the rest, against a
 *                reference, or the pairs listed); each group's driver terms
 *                as diverging bars
 *   categories   each category's rate per group with its interval, and the
 *                largest differences of the comparisons
 *   matched      for a matched design, the units each pair shares
 *
 * Long lists are cut, and the page says so where it cuts: plots with a row
 * per group show the LIST_MAX groups with the most documents, the matrix
 * and the panels per group the GRID_MAX groups with the most documents
 * (ties by name); the JSON report has everything.  Every text from the
 * corpus, the lexicon or the command line goes through html.h's escaping.
 *
 * The comparisons are computed once, a batch at a time on the pool's
 * threads, and taken in the design's order: each one's numbers go where the
 * page needs them (a row of a dot plot, a cell of the matrix, the largest
 * differences of each category, a row of the matched units), and nothing
 * else is kept, so memory does not grow with the number of comparisons and
 * the bytes do not depend on the threads. */
#include "report-private.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "html.h"
#include "labels.h"
#include "slant-error.h"

#define LIST_MAX 100         /* rows of a plot with one row per group */
#define GRID_MAX 40          /* groups of the matrix and of the panels per group */
#define DRIVERS_MAX 15       /* bars per driver panel */
#define CATEGORY_PAIRS_MAX 15 /* differences per category */
#define CATEGORY_ENTRIES_SHOWN 5 /* in a rate's tooltip */
#define SKIPS_MAX 100
#define MATCHED_MAX 100
#define FONT 12.0
#define ROW_H 18.0
#define PANEL_W 460.0

/* One comparison's balance difference on an axis (or a category's rate
 * difference). */
typedef struct {
    double d, lo, hi;
} Diff;

/* A comparison as the page keeps it. */
typedef struct {
    guint index;       /* its place in the design */
    guint a, b;        /* b may be SLANT_REST */
    gboolean empty;    /* no units in common, or no rest */
    guint64 units, only_a, only_b;
} Pair;

/* One of the largest differences of a category. */
typedef struct {
    guint index, a, b;
    Diff v;
} CatPair;

typedef struct {
    const SlantReport *r;
    const SlantAggregateOptions *ao;
    GString *o;
    guint *by_docs;       /* every group, most documents first, ties by name */
    guint n_list, n_grid; /* how many of them the lists and the grids show */
    gboolean *in_list;    /* group -> shown in the lists */
    gint *grid_pos;       /* group -> its place among the grid's groups, or -1 */
    /* from the one pass over the comparisons */
    GArray *rows;         /* Pair: what the dot plots draw (designs other than all) */
    GArray *row_diffs;    /* Diff: na per row */
    guint rows_eligible;  /* comparisons the dot plots could draw */
    Diff *cells;          /* design all: [(i * n_grid + j) * na + axis], row i - column j */
    guint8 *cell_state;   /* n_grid * n_grid: 0 not compared, 1 compared, 2 empty */
    guint64 *cell_units;  /* matched: units of the pair of cell (i, j) */
    GArray **cat_best;    /* nc: CatPair, the largest |differences|, largest first */
    GArray *matched;      /* Pair: the first MATCHED_MAX comparisons of a matched design */
    guint n_empty;        /* comparisons without a unit in common */
} Page;

/* ---- writing ---- */

/* put: @fmt with its directives replaced, appended to the page:
 *   %f  a coordinate (double)         %u  a guint       %U  a guint64
 *   %C  a guint64 with thousands separators
 *   %s  a string as it is (the page's own text only)
 *   %e  a string escaped (anything from the corpus, lexicon, command line)
 *   %1 %2 %3  a double with 1, 2, 3 decimals
 *   %+  signed, 3 decimals                     %p  signed, 2 decimals
 *   %%  a percent sign */
static void
put(Page *p, const char *fmt, ...)
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
static void
fit(Page *p, const char *s, double width)
{
    slant_html_escape_fit(p->o, s, width, FONT);
}

static gboolean
flush(Page *p, SlantWriteFunc write, gpointer user, GError **error)
{
    gboolean ok = p->o->len == 0 || write(p->o->str, p->o->len, user, error);
    g_string_truncate(p->o, 0);
    return ok;
}

static const SlantSourceResult *
group(const Page *p, guint i)
{
    return slant_report_group(p->r, i);
}

static const char *
name(const Page *p, guint i)
{
    return slant_report_group_name(p->r, i);
}

static const char *
pole(const Page *p, guint axis, int sign)
{
    return slant_report_pole_name(p->r, axis, sign);
}

static gboolean
excludes_zero(const Diff *v)
{
    return v->lo > 0 || v->hi < 0;
}

static double
level_percent(const Page *p)
{
    return p->ao->level * 100;
}

/* The level as a person writes it: "95", "99.5". */
static void
put_level(Page *p)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.4g", level_percent(p));
    g_string_append(p->o, buf);
}

/* The opening of an <svg> figure: @label (plain text, escaped here) is its
 * accessible name and its <title>; @attrs (the page's own text) goes into
 * the tag. */
static void
svg_open(Page *p, const char *cls, const char *attrs, double w, double h, const char *label)
{
    put(p, "<svg class=\"%s\"%s%s width=\"%f\" height=\"%f\" viewBox=\"0 0 %f %f\" role=\"img\" "
           "aria-label=\"%e\"><title>%e</title>\n",
        cls, *attrs ? " " : "", attrs, w, h, w, h, label, label);
}

/* A row's background, light on every other row, that highlights on hover. */
static void
row_bg(Page *p, guint k, double y, double w, double h)
{
    put(p, "<rect class=\"bg\" x=\"0\" y=\"%f\" width=\"%f\" height=\"%f\" fill-opacity=\"%s\"/>", y,
        w, h, k % 2 ? "0.045" : "0");
}

/* ---- ordering ---- */

static gint
cmp_docs(gconstpointer x, gconstpointer y, gpointer user)
{
    const Page *p = user;
    guint a = *(const guint *) x, b = *(const guint *) y;
    guint64 da = group(p, a)->documents, db = group(p, b)->documents;
    if (da != db)
        return da > db ? -1 : 1;
    return a < b ? -1 : a > b;
}

static gint
cmp_index(gconstpointer x, gconstpointer y, gpointer user)
{
    (void) user;
    guint a = *(const guint *) x, b = *(const guint *) y;
    return a < b ? -1 : a > b;
}

typedef struct {
    const Page *p;
    guint axis;
} AxisSort;

static gint
cmp_balance(gconstpointer x, gconstpointer y, gpointer user)
{
    const AxisSort *s = user;
    guint a = *(const guint *) x, b = *(const guint *) y;
    double ba = group(s->p, a)->axes[s->axis].pooled[SLANT_SCORE_BALANCE];
    double bb = group(s->p, b)->axes[s->axis].pooled[SLANT_SCORE_BALANCE];
    if (ba != bb)
        return ba > bb ? -1 : 1;
    return a < b ? -1 : a > b;
}

static gint
cmp_rate(gconstpointer x, gconstpointer y, gpointer user)
{
    const AxisSort *s = user; /* axis: the category */
    guint a = *(const guint *) x, b = *(const guint *) y;
    double ra = group(s->p, a)->categories[s->axis].per_1k;
    double rb = group(s->p, b)->categories[s->axis].per_1k;
    if (ra != rb)
        return ra > rb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The first @n groups of by_docs, sorted by @cmp. */
static GArray *
groups_sorted(const Page *p, guint n, GCompareDataFunc cmp, guint axis)
{
    GArray *g = g_array_sized_new(FALSE, FALSE, sizeof(guint), n);
    g_array_append_vals(g, p->by_docs, n);
    AxisSort s = {p, axis};
    if (cmp != NULL)
        g_array_sort_with_data(g, cmp, &s);
    return g;
}

/* ---- the one pass over the comparisons ---- */

static void
keep_category_best(GArray *best, const CatPair *c)
{
    /* largest |difference| first, then the design's order */
    guint pos = best->len;
    while (pos > 0) {
        const CatPair *x = &g_array_index(best, CatPair, pos - 1);
        double ax = fabs(x->v.d), ac = fabs(c->v.d);
        if (ax > ac || (ax == ac && x->index < c->index))
            break;
        pos--;
    }
    if (pos >= CATEGORY_PAIRS_MAX)
        return;
    g_array_insert_val(best, pos, *c);
    if (best->len > CATEGORY_PAIRS_MAX)
        g_array_set_size(best, CATEGORY_PAIRS_MAX);
}

/* The comparisons are made a batch at a time on the pool's threads, each
 * written as a record (a Pair, then a Diff per axis, then one per
 * category) into the batch's buffer; the records come back in the design's
 * order and are taken in that order on the caller's thread, so what the
 * page keeps does not depend on the threads. */
#define COMPARISONS_CHUNK 64

typedef struct {
    Page *p;
    gsize record;     /* bytes of one record */
    GString *partial; /* a record cut between two pieces */
    Diff *diffs;      /* room for one record's Diffs */
} Gather;

static void
compare_batch(guint first, guint end, GString *out, gpointer *state, gpointer user)
{
    const Page *p = user;
    const SlantReport *r = p->r;
    if (*state == NULL)
        *state = slant_pair_work_new(r->agg);
    SlantPairIter it;
    slant_pair_iter_init(&it, r, first);
    guint a, b;
    for (guint index = first; index < end && slant_pair_iter_next(&it, &a, &b); index++) {
        const SlantComparison *c = slant_aggregate_compare(r->agg, a, b, *state);
        Pair pair;
        memset(&pair, 0, sizeof pair); /* the padding too: the bytes are copied */
        pair = (Pair){index, a, b, c->empty, c->units, c->only_a, c->only_b};
        g_string_append_len(out, (const char *) &pair, sizeof pair);
        for (guint x = 0; x < r->na; x++) {
            const SlantAxisComparison *ac = &c->axes[x];
            Diff v = {ac->diff[SLANT_SCORE_BALANCE], ac->lo[SLANT_SCORE_BALANCE],
                      ac->hi[SLANT_SCORE_BALANCE]};
            g_string_append_len(out, (const char *) &v, sizeof v);
        }
        for (guint k = 0; k < r->nc; k++) {
            Diff v = {c->empty ? 0 : c->category_diff[k], c->empty ? 0 : c->category_lo[k],
                      c->empty ? 0 : c->category_hi[k]};
            g_string_append_len(out, (const char *) &v, sizeof v);
        }
    }
}

static void
free_work(gpointer w)
{
    slant_pair_work_free(w);
}

/* One comparison, where the page needs it. */
static void
take(Page *p, const Pair *pair, const Diff *axes, const Diff *cats)
{
    const SlantReport *r = p->r;
    guint a = pair->a, b = pair->b;
    if (pair->empty)
        p->n_empty++;
    if (p->ao->matched && p->matched->len < MATCHED_MAX)
        g_array_append_val(p->matched, *pair);
    if (r->pairs == SLANT_PAIRS_ALL) {
        gint i = p->grid_pos[a], j = p->grid_pos[b];
        if (i >= 0 && j >= 0) {
            gsize ij = (gsize) i * p->n_grid + (gsize) j, ji = (gsize) j * p->n_grid + (gsize) i;
            for (guint x = 0; x < r->na; x++) {
                p->cells[ij * r->na + x] = axes[x];
                p->cells[ji * r->na + x] = (Diff){-axes[x].d, -axes[x].hi, -axes[x].lo};
            }
            p->cell_state[ij] = p->cell_state[ji] = pair->empty ? 2 : 1;
            p->cell_units[ij] = p->cell_units[ji] = pair->units;
        }
    } else if (r->pairs == SLANT_PAIRS_LIST || p->in_list[a]) {
        /* against the rest or a reference: the groups of the lists; pairs
         * listed: the first of them */
        p->rows_eligible++;
        if (p->rows->len < LIST_MAX) {
            g_array_append_val(p->rows, *pair);
            g_array_append_vals(p->row_diffs, axes, r->na);
        }
    }
    if (pair->empty)
        return;
    for (guint k = 0; k < r->nc; k++) {
        CatPair cp = {pair->index, a, b, cats[k]};
        keep_category_best(p->cat_best[k], &cp);
    }
}

static gboolean
take_batch(const char *data, gsize len, gpointer user, GError **error)
{
    (void) error;
    Gather *g = user;
    const SlantReport *r = g->p->r;
    g_string_append_len(g->partial, data, (gssize) len);
    gsize at = 0;
    for (; g->partial->len - at >= g->record; at += g->record) {
        Pair pair;
        memcpy(&pair, g->partial->str + at, sizeof pair);
        memcpy(g->diffs, g->partial->str + at + sizeof pair, (r->na + r->nc) * sizeof(Diff));
        take(g->p, &pair, g->diffs, g->diffs + r->na);
    }
    g_string_erase(g->partial, 0, (gssize) at);
    return TRUE;
}

static gboolean
gather(Page *p, SlantPool *pool, GError **error)
{
    const SlantReport *r = p->r;
    p->rows = g_array_new(FALSE, FALSE, sizeof(Pair));
    p->row_diffs = g_array_new(FALSE, FALSE, sizeof(Diff));
    p->matched = g_array_new(FALSE, FALSE, sizeof(Pair));
    p->cat_best = g_new0(GArray *, MAX(r->nc, 1));
    for (guint c = 0; c < r->nc; c++)
        p->cat_best[c] = g_array_new(FALSE, FALSE, sizeof(CatPair));
    if (r->pairs == SLANT_PAIRS_ALL) {
        gsize n = (gsize) p->n_grid * p->n_grid;
        p->cells = g_new0(Diff, MAX(n * r->na, 1));
        p->cell_state = g_new0(guint8, MAX(n, 1));
        p->cell_units = g_new0(guint64, MAX(n, 1));
    }
    if (r->n_comparisons == 0)
        return TRUE;
    Gather g = {p, sizeof(Pair) + (r->na + r->nc) * sizeof(Diff), g_string_new(NULL),
                g_new(Diff, MAX(r->na + r->nc, 1))};
    gboolean ok = slant_pool_map_ordered(pool, r->n_comparisons, COMPARISONS_CHUNK, compare_batch, p,
                                         free_work, take_batch, &g, error);
    g_assert(!ok || g.partial->len == 0);
    g_string_free(g.partial, TRUE);
    g_free(g.diffs);
    return ok;
}

/* ---- the head of the page ---- */

static const char style[] =
    ":root{color-scheme:light}\n"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"DejaVu Sans\","
    "sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1120px;padding:0 24px 48px}\n"
    "h1{font-size:1.6em;margin:.7em 0 .2em}\n"
    "h2{font-size:1.3em;margin:1.8em 0 .4em;border-bottom:2px solid #d0d0d0;padding-bottom:.15em}\n"
    "h3{font-size:1.08em;margin:1.3em 0 .3em}\n"
    "h4{font-size:1em;margin:0 0 .2em}\n"
    "p{margin:.35em 0}\n"
    "table{border-collapse:collapse;margin:.4em 0 1em;font-size:.93em}\n"
    "th,td{border:1px solid #d4d4d4;padding:2px 8px;text-align:left;vertical-align:top}\n"
    "th{background:#f0f0f0;font-weight:600}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.kv th{width:34%}\n"
    "table.methods{font-size:.86em}\n"
    "table.methods th{width:10em}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:0 28px}\n"
    ".cards table{width:100%}\n"
    "code{font-family:\"DejaVu Sans Mono\",ui-monospace,monospace;font-size:.92em;"
    "overflow-wrap:anywhere}\n"
    "nav ul{margin:.3em 0;padding-left:1.2em}\n"
    ".note{color:#4a4a4a;font-size:.93em}\n"
    ".cut{background:#fff4e0;border-left:4px solid #c86a10;padding:3px 10px;margin:.5em 0}\n"
    ".legend{font-size:.93em;color:#333}\n"
    ".key{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;border:1px solid #555}\n"
    "figure{margin:.5em 0 1.3em}\n"
    "figcaption{font-size:.93em;color:#333;margin:.25em 0}\n"
    "svg{max-width:100%;height:auto;display:block;font-family:inherit}\n"
    "svg text{font-size:12px;fill:#1a1a1a}\n"
    "svg text.h{font-weight:600}\n"
    "svg text.m{fill:#555}\n"
    "svg .bg{fill:#000}\n"
    "svg g.row:hover .bg,svg g.bar:hover .bg{fill:#e08214;fill-opacity:.18}\n"
    ".panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:6px 28px}\n"
    ".panels figure{margin:0 0 .8em;break-inside:avoid}\n"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}"
    "h2,h3{break-after:avoid}figure,tr{break-inside:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void
put_cut_note(Page *p, guint shown, guint all, const char *what, const char *by)
{
    put(p, "<p class=\"cut\">%u of %u %s shown: %s. The JSON report "
           "(<code>--format json</code>) has them all.</p>\n",
        shown, all, what, by);
}

static void
page_head(Page *p)
{
    const SlantReport *r = p->r;
    const SlantReportInput *in = r->in;
    put(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"slant %s\">\n"
           "<title>slant report: %e %e, %u group%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
        SLANT_VERSION, slant_lexicon_name(r->lex), slant_lexicon_version(r->lex), r->n_groups,
        r->n_groups == 1 ? "" : "s", style);
    put(p, "<header>\n<h1>slant report: %e %e</h1>\n", slant_lexicon_name(r->lex),
        slant_lexicon_version(r->lex));
    put(p, "<p>%C document%s (%C tokens) in %u group%s by <code>%e</code>", r->documents,
        r->documents == 1 ? "" : "s", r->tokens, r->n_groups, r->n_groups == 1 ? "" : "s",
        in->group_by ? in->group_by : "source");
    if (in->match != NULL)
        put(p, ", matched on <code>%e</code>", in->match);
    put(p, "; %u comparison%s (design <code>%s</code>); %u skipped.</p>\n", r->n_comparisons,
        r->n_comparisons == 1 ? "" : "s", slant_pair_mode_name(r->pairs), in->skipped->len);
    put(p, "</header>\n<nav aria-label=\"Contents\">\n<ul>\n<li><a href=\"#compared\">What was "
           "compared</a> (<a href=\"#skipped\">%u skipped</a>)</li>\n",
        in->skipped->len);
    for (guint a = 0; a < r->na; a++)
        put(p, "<li><a href=\"#axis-%u\">Axis %e: %e vs %e</a></li>\n", a + 1,
            slant_lexicon_axis(r->lex, a)->id, pole(p, a, -1), pole(p, a, 1));
    if (r->nc > 0)
        put(p, "<li><a href=\"#categories\">Categories</a></li>\n");
    if (p->ao->matched)
        put(p, "<li><a href=\"#matched\">Matched units</a></li>\n");
    put(p, "<li><a href=\"#groups\">Groups</a></li>\n</ul>\n</nav>\n<main>\n");
}

/* Inputs and skips in the JSON report's order: by name (and line). */
static gint
cmp_input(gconstpointer a, gconstpointer b)
{
    const SlantInputInfo *x = *(const SlantInputInfo *const *) a, *y = *(const SlantInputInfo *const *) b;
    return strcmp(x->name, y->name);
}

static gint
cmp_skip(gconstpointer a, gconstpointer b)
{
    const SlantSkip *x = *(const SlantSkip *const *) a, *y = *(const SlantSkip *const *) b;
    int c = strcmp(x->input, y->input);
    if (c != 0)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->message, y->message);
}

static GPtrArray *
sorted_copy(const GPtrArray *a, GCompareFunc cmp)
{
    GPtrArray *c = g_ptr_array_sized_new(a->len);
    for (guint i = 0; i < a->len; i++)
        g_ptr_array_add(c, a->pdata[i]);
    g_ptr_array_sort(c, cmp);
    return c;
}

static void
skipped(Page *p)
{
    const SlantReportInput *in = p->r->in;
    put(p, "<h3 id=\"skipped\">Skipped</h3>\n");
    if (in->skipped->len == 0) {
        put(p, "<p>Nothing was skipped.</p>\n");
        return;
    }
    put(p, "<p>%u document%s or input%s not scored:</p>\n", in->skipped->len,
        in->skipped->len == 1 ? "" : "s", in->skipped->len == 1 ? "" : "s");
    if (in->skipped->len > SKIPS_MAX)
        put_cut_note(p, SKIPS_MAX, in->skipped->len, "skips", "the first by input and line");
    put(p, "<table>\n<thead><tr><th scope=\"col\">input</th><th scope=\"col\">line</th>"
           "<th scope=\"col\">id</th><th scope=\"col\">reason</th><th scope=\"col\">message</th>"
           "</tr></thead>\n<tbody>\n");
    g_autoptr(GPtrArray) skipped = sorted_copy(in->skipped, cmp_skip);
    for (guint i = 0; i < skipped->len && i < SKIPS_MAX; i++) {
        const SlantSkip *s = skipped->pdata[i];
        put(p, "<tr><td><code>%e</code></td><td class=\"n\">%U</td><td>%e</td><td>%s</td>"
               "<td><code>%e</code></td></tr>\n",
            s->input, s->line, s->id ? s->id : "", slant_error_code_name(s->code), s->message);
    }
    put(p, "</tbody>\n</table>\n");
}

/* The methods, as the JSON report's meta.methods words them. */
static void
methods(Page *p)
{
    const SlantReport *r = p->r;
    static const char *const texts[][2] = {
        {"balance", "(P - N) / (P + N); 0 when there are no hits"},
        {"logit", "ln((P + 0.5) / (N + 0.5))"},
        {"net_per_1k", "1000 (P - N) / T"},
        {"intensity_per_1k", "1000 (P + N) / T"},
        {"pooled", "scores of the summed P, N and T of all the source's documents"},
        {"document_mean", "mean of the documents' scores"},
        {"interval", "percentile bootstrap (R type 7 quantiles) of the pooled scores, resampling "
                     "documents, or sentences for sources with fewer than 5 documents; SplitMix64 "
                     "seeded with seed XOR FNV-1a-64(source name)"},
        {"comparison", "difference a - b of pooled scores; interval from the differences of the two "
                       "sources' bootstrap replicates"},
    };
    put(p, "<h3>Methods</h3>\n<p class=\"note\">P and N are the summed weights of the hits on an "
           "axis' positive and negative poles after modifiers, T the tokens.</p>\n"
           "<table class=\"kv methods\">\n");
    for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
        put(p, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", texts[i][0], texts[i][1]);
    if (r->pairs == SLANT_PAIRS_REST)
        put(p, "<tr><th scope=\"row\">rest</th><td>%e</td></tr>\n",
            "b is \"(rest)\": every other group's documents pooled; its bootstrap replicate r is "
            "the sum of the other groups' replicates r (a stratified bootstrap), so the interval "
            "needs no pass over the rest's documents");
    put(p, "<tr><th scope=\"row\">categories</th><td>%e</td></tr>\n",
        "hits per 1,000 tokens; intervals from the same bootstrap replicates as the axes; drivers: a "
        "category's entries by hits (per source) or by |difference| of hits per 1k tokens (per "
        "comparison)");
    put(p, "<tr><th scope=\"row\">drivers</th><td>%e</td></tr>\n",
        "per source: entries by |signed weight| (positive pole +, negative -, after negation and "
        "modifiers); per comparison: by |difference| of signed weight per 1k tokens, with hits "
        "counted in both sources");
    if (p->ao->matched)
        put(p, "<tr><th scope=\"row\">matched</th><td>%e</td></tr>\n",
            "paired differences over the units both groups have: per unit, the scores of a's "
            "documents of that unit (pooled) minus b's; the difference is their mean, its interval a "
            "percentile bootstrap resampling the matched units (SplitMix64 seeded with seed XOR "
            "hash(a) XOR hash(b) * 0x9E3779B97F4A7C15); drivers and category rates over the "
            "matched units' documents");
    put(p, "</table>\n");
}

static void
section_compared(Page *p)
{
    const SlantReport *r = p->r;
    const SlantReportInput *in = r->in;
    const SlantLexicon *lex = r->lex;
    const SlantAggregateOptions *ao = p->ao;
    put(p, "<section id=\"compared\" aria-labelledby=\"h-compared\">\n"
           "<h2 id=\"h-compared\">What was compared</h2>\n");
    if (slant_lexicon_description(lex) != NULL)
        put(p, "<p><strong>%e %e</strong>: %e</p>\n", slant_lexicon_name(lex),
            slant_lexicon_version(lex), slant_lexicon_description(lex));
    /* two columns: the lexicon and the inputs; the grouping, design and parameters */
    put(p, "<div class=\"cards\">\n<div>\n<h3>Lexicon</h3>\n<table class=\"kv\">\n");
    put(p, "<tr><th scope=\"row\">name</th><td>%e</td></tr>\n", slant_lexicon_name(lex));
    put(p, "<tr><th scope=\"row\">version</th><td>%e</td></tr>\n", slant_lexicon_version(lex));
    put(p, "<tr><th scope=\"row\">file</th><td><code>%e</code></td></tr>\n", slant_lexicon_path(lex));
    put(p, "<tr><th scope=\"row\">sha256</th><td><code>%e</code></td></tr>\n",
        slant_lexicon_sha256(lex));
    put(p, "<tr><th scope=\"row\">entries</th><td>%u in %u ax%s and %u categor%s</td></tr>\n",
        slant_lexicon_n_entries(lex), r->na, r->na == 1 ? "is" : "es", r->nc,
        r->nc == 1 ? "y" : "ies");
    put(p, "<tr><th scope=\"row\">stemmer</th><td>%e</td></tr>\n</table>\n",
        slant_lexicon_language(lex));

    put(p, "<h3>Inputs</h3>\n<table>\n<thead><tr><th scope=\"col\">input</th><th scope=\"col\">"
           "format</th><th scope=\"col\">documents</th><th scope=\"col\">skipped</th></tr></thead>\n"
           "<tbody>\n");
    g_autoptr(GPtrArray) inputs = sorted_copy(in->inputs, cmp_input);
    for (guint i = 0; i < inputs->len; i++) {
        const SlantInputInfo *info = inputs->pdata[i];
        put(p, "<tr><td><code>%e</code></td><td>%s</td><td class=\"n\">%C</td><td class=\"n\">%C"
               "</td></tr>\n",
            info->name, info->opened ? slant_corpus_format_name(info->format) : "not opened",
            info->documents, info->skipped);
    }
    put(p, "</tbody>\n</table>\n</div>\n<div>\n");

    put(p, "<h3>Grouping and design</h3>\n<table class=\"kv\">\n");
    put(p, "<tr><th scope=\"row\">groups by</th><td><code>%e</code></td></tr>\n",
        in->group_by ? in->group_by : "source");
    put(p, "<tr><th scope=\"row\">groups</th><td>%u</td></tr>\n", r->n_groups);
    if (r->without_value > 0)
        put(p, "<tr><th scope=\"row\">documents without a value</th><td>%C (in the group "
               "<code>%e</code>)</td></tr>\n",
            r->without_value, SLANT_KEY_NONE);
    if (in->only != NULL) {
        put(p, "<tr><th scope=\"row\">groups kept (--groups)</th><td>");
        for (const char *const *g = in->only; *g != NULL; g++)
            put(p, "%s<code>%e</code>", g == in->only ? "" : ", ", *g);
        put(p, "; %C documents of other groups left out</td></tr>\n", in->left_out);
    }
    put(p, "<tr><th scope=\"row\">pair design</th><td><code>%s</code>: %e</td></tr>\n",
        slant_pair_mode_name(r->pairs), r->reason);
    if (r->reference >= 0)
        put(p, "<tr><th scope=\"row\">reference</th><td>%e</td></tr>\n",
            name(p, (guint) r->reference));
    put(p, "<tr><th scope=\"row\">comparisons</th><td>%u</td></tr>\n", r->n_comparisons);
    if (ao->matched)
        put(p, "<tr><th scope=\"row\">matched on</th><td><code>%e</code>: %U units, %U of them in "
               "two groups or more; %U documents without a unit (they count for their group's own "
               "scores only)</td></tr>\n",
            in->match, slant_aggregate_n_units(r->agg), slant_aggregate_n_units_shared(r->agg),
            slant_aggregate_documents_without_unit(r->agg));
    put(p, "</table>\n");

    put(p, "<h3>Parameters</h3>\n<table class=\"kv\">\n");
    put(p, "<tr><th scope=\"row\">bootstrap</th><td>%u replicates, seed %U, ", ao->bootstrap, ao->seed);
    put_level(p);
    put(p, "%% intervals, resampling documents in groups of %u documents or more, else "
           "sentences</td></tr>\n",
        (guint) SLANT_MIN_DOCUMENT_UNITS);
    put(p, "<tr><th scope=\"row\">top terms</th><td>%u</td></tr>\n", ao->top_terms);
    put(p, "<tr><th scope=\"row\">negation window</th><td>%u tokens</td></tr>\n",
        slant_lexicon_negation_window(lex));
    put(p, "<tr><th scope=\"row\">max document bytes</th><td>%C</td></tr>\n",
        (guint64) in->max_document_bytes);
    put(p, "<tr><th scope=\"row\">strict</th><td>%s</td></tr>\n", in->strict ? "yes" : "no");
    put(p, "<tr><th scope=\"row\">engine</th><td>slant %s</td></tr>\n</table>\n</div>\n</div>\n",
        SLANT_VERSION);

    if (r->na > 0) {
        put(p, "<h3>Axes</h3>\n<table>\n<thead><tr><th scope=\"col\">axis</th><th scope=\"col\">"
               "negative pole (left, blue)</th><th scope=\"col\">positive pole (right, orange)</th>"
               "<th scope=\"col\">description</th></tr></thead>\n<tbody>\n");
        for (guint a = 0; a < r->na; a++) {
            const SlantAxis *ax = slant_lexicon_axis(lex, a);
            put(p, "<tr><td><a href=\"#axis-%u\">%e</a></td><td>%e</td><td>%e</td><td>%e</td></tr>\n",
                a + 1, ax->id, ax->negative, ax->positive, ax->description ? ax->description : "");
        }
        put(p, "</tbody>\n</table>\n");
    }
    skipped(p);
    methods(p);
    put(p, "</section>\n");
}

/* Every group (the most documented ones when there are many), by name. */
static void
section_groups(Page *p)
{
    const SlantReport *r = p->r;
    put(p, "<section id=\"groups\" aria-labelledby=\"h-groups\">\n<h2 id=\"h-groups\">Groups</h2>\n");

    if (p->n_list < r->n_groups)
        put_cut_note(p, p->n_list, r->n_groups, "groups", "those with the most documents");
    g_autoptr(GArray) shown = groups_sorted(p, p->n_list, cmp_index, 0);
    put(p, "<table>\n<thead><tr><th scope=\"col\">group</th><th scope=\"col\">documents</th>"
           "<th scope=\"col\">tokens</th><th scope=\"col\">sentences</th>"
           "<th scope=\"col\">bootstrap unit</th></tr></thead>\n<tbody>\n");
    for (guint k = 0; k < shown->len; k++) {
        const SlantSourceResult *s = group(p, g_array_index(shown, guint, k));
        put(p, "<tr><td>%e</td><td class=\"n\">%C</td><td class=\"n\">%C</td><td class=\"n\">%C</td>"
               "<td>%C %s%s</td></tr>\n",
            s->name, s->documents, s->tokens, s->sentences, s->units,
            !s->sentence_unit ? "document" : s->blocks ? "sentence block" : "sentence",
            s->units == 1 ? "" : "s");
    }
    put(p, "</tbody>\n</table>\n</section>\n");
}

/* ---- plots ---- */

/* The x of @v on a scale from @d0 to @d1 drawn from @x0 to @x1. */
static double
sx(double v, double d0, double d1, double x0, double x1)
{
    if (!isfinite(v))
        v = 0;
    v = CLAMP(v, d0, d1);
    return x0 + (v - d0) / (d1 - d0) * (x1 - x0);
}

/* A tick's label: at most two decimals, trailing zeros dropped, with a
 * sign when @with_sign. */
static void
tick_label(Page *p, double v, gboolean with_sign)
{
    gsize at = p->o->len;
    slant_html_signed(p->o, v, 2, TRUE);
    if (!with_sign && p->o->str[at] == '+')
        g_string_erase(p->o, (gssize) at, 1);
}

/* Is @step 1, 2, 2.5 or 5 times a power of ten? */
static gboolean
round_step(double step)
{
    if (!(step > 0))
        return FALSE;
    double m = step / pow(10, floor(log10(step) + 1e-9));
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9;
}

/* How many intervals to cut [d0, d1] into for round tick labels: 4 when
 * that is round, else the first round one of 5, 3, 6, 2 (a range around 0:
 * an even count, so that 0 is a tick). */
static int
tick_intervals(double d0, double d1)
{
    static const int plain[] = {4, 5, 3, 6, 2}, around_zero[] = {4, 6, 2};
    gboolean sym = d0 < 0;
    const int *k = sym ? around_zero : plain;
    gsize n = sym ? G_N_ELEMENTS(around_zero) : G_N_ELEMENTS(plain);
    for (gsize i = 0; i < n; i++)
        if (round_step((d1 - d0) / k[i]))
            return k[i];
    return 4;
}

/* Vertical grid lines and their labels at the top and the bottom (the top
 * only unless @labels_below), at round steps from d0 to d1. */
static void
grid_lines(Page *p, double d0, double d1, double x0, double x1, double top, double bottom,
           gboolean signed_labels, gboolean labels_below)
{
    int n = tick_intervals(d0, d1);
    for (int k = 0; k <= n; k++) {
        double v = d0 + (d1 - d0) * k / n;
        double x = sx(v, d0, d1, x0, x1);
        gboolean zero = fabs(v) < 1e-9 * (d1 - d0);
        put(p, "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"%s\"/>", x, x, top - 4, bottom,
            zero ? "#8a8a8a" : "#dcdcdc");
        for (int side = 0; side < (labels_below ? 2 : 1); side++) {
            put(p, "<text class=\"m\" x=\"%f\" y=\"%f\" text-anchor=\"middle\">", x,
                side ? bottom + 14 : top - 8);
            tick_label(p, zero ? 0 : v, signed_labels);
            put(p, "</text>");
        }
    }
    put(p, "\n");
}

/* An interval and its point: filled with @fill, or open when @fill is NULL. */
static void
dot(Page *p, double x, double lo, double hi, double cy, const char *fill, const char *cls)
{
    put(p, "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"#3a3a3a\" stroke-width=\"1.6\"/>"
           "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"#3a3a3a\"/>"
           "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"#3a3a3a\"/>",
        lo, hi, cy, cy, lo, lo, cy - 3, cy + 3, hi, hi, cy - 3, cy + 3);
    put(p, "<circle class=\"%s\" cx=\"%f\" cy=\"%f\" r=\"4.5\" fill=\"%s\" stroke=\"#1a1a1a\" "
           "stroke-width=\"1.2\"/>",
        cls, x, cy, fill ? fill : "#fff");
}

/* The bootstrap unit of a group's interval, in words. */
static const char *
unit_name(const SlantSourceResult *s)
{
    return !s->sentence_unit ? "document" : s->blocks ? "sentence-block" : "sentence";
}

/* Per axis: the groups by pooled balance, each with its interval. */
static void
forest(Page *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    g_autoptr(GArray) order = groups_sorted(p, p->n_list, cmp_balance, axis);
    guint n = order->len;
    const double W = 1060, LW = 250, X0 = 262, X1 = 682, TOP = 44;
    const double C_DOCS = 748, C_HITS = 856, C_BAL = 874;
    double bottom = TOP + n * ROW_H, H = bottom + 24;

    put(p, "<h3>Groups by pooled balance</h3>\n");
    if (n == 0) {
        put(p, "<p>No group: nothing was scored.</p>\n");
        return;
    }
    if (n < r->n_groups)
        put_cut_note(p, n, r->n_groups, "groups", "those with the most documents");
    put(p, "<figure>\n");
    g_autoptr(GString) label = g_string_new(NULL);
    g_string_append_printf(label, "Forest plot of axis %s: pooled balance of %u group%s, from %s "
                                  "(-1) to %s (+1), with intervals",
                           ax->id, n, n == 1 ? "" : "s", ax->negative, ax->positive);
    g_autofree char *attrs = g_strdup_printf("data-axis=\"%u\" data-groups=\"%u\" data-shown=\"%u\"",
                                             axis + 1, r->n_groups, n);
    svg_open(p, "forest", attrs, W, H, label->str);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">group</text>", LW - 6);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\">\u2190 ", X0);
    fit(p, ax->negative, (X1 - X0) / 2 - 24);
    put(p, "</text><text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">", X1);
    fit(p, ax->positive, (X1 - X0) / 2 - 24);
    put(p, " \u2192</text>");
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">docs</text>", C_DOCS);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">hits + / \u2212</text>", C_HITS);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\">balance [", C_BAL);
    put_level(p);
    put(p, "%% interval]</text>\n");
    grid_lines(p, -1, 1, X0, X1, TOP, bottom, TRUE, TRUE);
    for (guint k = 0; k < n; k++) {
        guint gi = g_array_index(order, guint, k);
        const SlantSourceResult *s = group(p, gi);
        const SlantAxisResult *x = &s->axes[axis];
        double b = x->pooled[SLANT_SCORE_BALANCE], lo = x->lo[SLANT_SCORE_BALANCE],
               hi = x->hi[SLANT_SCORE_BALANCE];
        double y = TOP + k * ROW_H, cy = y + ROW_H / 2;
        put(p, "<g class=\"row grp\"><title>%e\nbalance %+ [%+, %+]", s->name, b, lo, hi);
        put(p, " (%s bootstrap of %C units)\n%C document%s, %C tokens\nhits: %C %e, %C %e (%C "
               "negated)</title>",
            unit_name(s), s->units, s->documents, s->documents == 1 ? "" : "s", s->tokens,
            x->hits_pos, ax->positive, x->hits_neg, ax->negative, x->negated);
        row_bg(p, k, y, W, ROW_H);
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">", LW - 6, cy + 4);
        fit(p, s->name, LW - 8);
        put(p, "</text>");
        gboolean none = x->hits_pos + x->hits_neg == 0;
        if (none) {
            /* no hit: no balance to speak of (0 by definition), so no dot */
            put(p, "<rect class=\"pt none\" x=\"%f\" y=\"%f\" width=\"6\" height=\"6\" "
                   "fill=\"#b0b0b0\"/>",
                sx(0, -1, 1, X0, X1) - 3, cy - 3);
        } else {
            /* the diverging colour, never so pale that the dot fades */
            char fill[8];
            double t = b == 0 ? 0 : (b > 0 ? 1 : -1) * (0.3 + 0.7 * fabs(b));
            dot(p, sx(b, -1, 1, X0, X1), sx(lo, -1, 1, X0, X1), sx(hi, -1, 1, X0, X1), cy,
                b == 0 ? "#9a9a9a" : slant_html_diverging(t, fill), "pt");
        }
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%C</text>", C_DOCS, cy + 4, s->documents);
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%C / %C</text>", C_HITS, cy + 4,
            x->hits_pos, x->hits_neg);
        if (none)
            put(p, "<text class=\"m\" x=\"%f\" y=\"%f\">no hits</text></g>\n", C_BAL, cy + 4);
        else
            put(p, "<text x=\"%f\" y=\"%f\">%+ [%+, %+]</text></g>\n", C_BAL, cy + 4, b, lo, hi);
    }
    put(p, "</svg>\n<figcaption>Each row is a group: the dot is its pooled balance (P \u2212 N) / "
           "(P + N), coloured by it, the line its ");
    put_level(p);
    put(p, "%% bootstrap interval; a grey square at 0: no hit. Hover a row for its numbers."
           "</figcaption>\n</figure>\n");
}

/* "a − b" of a comparison, as plain text. */
static char *
pair_label(const Page *p, guint a, guint b)
{
    return g_strdup_printf("%s \u2212 %s", name(p, a), name(p, b));
}

/* A symmetric domain [-d, d] that holds every value and interval end of
 * @v (@n of them, @stride apart), at most 2 (balances differ by at most 2). */
static double
symmetric_domain(const Diff *v, guint n, gsize stride, double cap)
{
    double m = 0;
    for (guint i = 0; i < n; i++) {
        const Diff *x = v + (gsize) i * stride;
        if (isfinite(x->d))
            m = MAX(m, MAX(fabs(x->d), MAX(fabs(x->lo), fabs(x->hi))));
    }
    double d = slant_html_nice(m > 0 ? m : 1);
    return cap > 0 ? MIN(d, cap) : d;
}

typedef struct {
    const Page *p;
    guint axis;
} RowSort;

static gint
cmp_row(gconstpointer x, gconstpointer y, gpointer user)
{
    const RowSort *s = user;
    guint i = *(const guint *) x, j = *(const guint *) y;
    const Pair *a = &g_array_index(s->p->rows, Pair, i), *b = &g_array_index(s->p->rows, Pair, j);
    if (a->empty != b->empty)
        return a->empty ? 1 : -1;
    double da = g_array_index(s->p->row_diffs, Diff, i * s->p->r->na + s->axis).d;
    double db = g_array_index(s->p->row_diffs, Diff, j * s->p->r->na + s->axis).d;
    if (!a->empty && da != db)
        return da > db ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Per axis, for designs other than every pair: each comparison's balance
 * difference with its interval, sorted. */
static void
diff_plot(Page *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    guint n = p->rows->len, na = r->na;
    gboolean rest = r->pairs == SLANT_PAIRS_REST, matched = p->ao->matched;
    gboolean by_group = rest || r->pairs == SLANT_PAIRS_REFERENCE;
    g_autoptr(GArray) order = g_array_sized_new(FALSE, FALSE, sizeof(guint), n);
    for (guint i = 0; i < n; i++)
        g_array_append_val(order, i);
    RowSort rs = {p, axis};
    g_array_sort_with_data(order, cmp_row, &rs);
    g_autofree Diff *v = g_new0(Diff, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        v[i] = g_array_index(p->row_diffs, Diff, i * na + axis);
    double D = symmetric_domain(v, n, 1, 2);

    const double W = 1060, LW = 250, X0 = 262, X1 = 682, TOP = 44;
    const double C_N = 748, C_V = 766;
    double bottom = TOP + n * ROW_H, H = bottom + 24;
    if (rest)
        put(p, "<h3>Each group against the rest</h3>\n<p class=\"note\">The balance of each group "
               "minus that of all the other groups' documents pooled, named <code>%s</code> in the "
               "JSON report.</p>\n",
            SLANT_REST_NAME);
    else if (by_group)
        put(p, "<h3>Each group against %e</h3>\n", name(p, (guint) r->reference));
    else
        put(p, "<h3>The pairs compared</h3>\n");
    if (n < p->rows_eligible)
        put_cut_note(p, n, p->rows_eligible, "comparisons",
                     by_group ? "those of the groups with the most documents" : "the first listed");
    put(p, "<figure>\n");
    g_autoptr(GString) label = g_string_new(NULL);
    g_string_append_printf(label, "Dot plot of axis %s: the balance difference of %u comparison%s, "
                                  "from more %s (left) to more %s (right), with intervals",
                           ax->id, n, n == 1 ? "" : "s", ax->negative, ax->positive);
    g_autofree char *attrs = g_strdup_printf("data-axis=\"%u\" data-comparisons=\"%u\" "
                                             "data-shown=\"%u\"",
                                             axis + 1, p->rows_eligible, n);
    svg_open(p, "diffs", attrs, W, H, label->str);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">%s</text>", LW - 6,
        by_group ? "group" : "a \u2212 b");
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\">\u2190 more ", X0);
    fit(p, ax->negative, (X1 - X0) / 2 - 56);
    put(p, "</text><text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">more ", X1);
    fit(p, ax->positive, (X1 - X0) / 2 - 56);
    put(p, " \u2192</text>");
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">%s</text>", C_N,
        matched ? "units" : by_group ? "docs" : "docs a / b");
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\">difference [", C_V);
    put_level(p);
    put(p, "%% interval]</text>\n");
    grid_lines(p, -D, D, X0, X1, TOP, bottom, TRUE, TRUE);
    for (guint k = 0; k < n; k++) {
        guint i = g_array_index(order, guint, k);
        const Pair *c = &g_array_index(p->rows, Pair, i);
        const Diff *x = &v[i];
        double y = TOP + k * ROW_H, cy = y + ROW_H / 2;
        g_autofree char *pl = pair_label(p, c->a, c->b);
        gboolean sig = !c->empty && excludes_zero(x);
        put(p, "<g class=\"row cmp%s\"><title>%e\n", c->empty ? " empty" : sig ? " sig" : "", pl);
        if (c->empty)
            put(p, "%s</title>", rest ? "no other group" : "no unit in common");
        else
            put(p, "balance difference %+ [%+, %+]%s</title>", x->d, x->lo, x->hi,
                sig ? "; the interval excludes 0" : "");
        row_bg(p, k, y, W, ROW_H);
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">", LW - 6, cy + 4);
        fit(p, by_group ? name(p, c->a) : pl, LW - 8);
        put(p, "</text>");
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%C", C_N, cy + 4,
            matched ? c->units : group(p, c->a)->documents);
        if (!matched && !by_group)
            put(p, " / %C", group(p, c->b)->documents);
        put(p, "</text>");
        if (c->empty) {
            put(p, "<text class=\"m\" x=\"%f\" y=\"%f\" text-anchor=\"middle\">%s</text></g>\n",
                (X0 + X1) / 2, cy + 4, rest ? "no other group" : "no unit in common");
            continue;
        }
        char fill[8];
        dot(p, sx(x->d, -D, D, X0, X1), sx(x->lo, -D, D, X0, X1), sx(x->hi, -D, D, X0, X1), cy,
            sig ? slant_html_diverging(x->d / D, fill) : NULL, "pt");
        put(p, "<text x=\"%f\" y=\"%f\">%+ [%+, %+]%s</text></g>\n", C_V, cy + 4, x->d, x->lo, x->hi,
            sig ? " *" : "");
    }
    if (rest)
        put(p, "</svg>\n<figcaption>Balance of each group minus that of the rest.");
    else if (by_group)
        put(p, "</svg>\n<figcaption>Balance of each group minus that of %e.", name(p, (guint) r->reference));
    else
        put(p, "</svg>\n<figcaption>Balance of a minus balance of b.");
    put(p, " A filled dot (and a *) marks a difference whose ");
    put_level(p);
    put(p, "%% interval excludes 0; an open dot one whose interval holds 0.%s</figcaption>\n"
           "</figure>\n",
        matched ? " Matched design: the mean of the paired differences over the units both groups "
                  "have."
                : "");
}

/* A colour legend: the diverging scale from -@d to +@d, with what each end
 * means, at (@x, @y); @gid names its gradient (unique in the page). */
static void
scale_legend(Page *p, double x, double y, double d, const char *left, const char *right,
             const char *gid)
{
    const double w = 240;
    put(p, "<defs><linearGradient id=\"%s\">", gid);
    for (int k = 0; k <= 4; k++) {
        char c[8];
        put(p, "<stop offset=\"%u%%\" stop-color=\"%s\"/>", (guint) (k * 25),
            slant_html_diverging(-1 + k * 0.5, c));
    }
    put(p, "</linearGradient></defs>");
    put(p, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"10\" fill=\"url(#%s)\" stroke=\"#888\"/>", x,
        y, w, gid);
    for (int k = 0; k <= 2; k++) {
        put(p, "<text class=\"m\" x=\"%f\" y=\"%f\" text-anchor=\"middle\">", x + w * k / 2, y + 24);
        tick_label(p, d * (k - 1), TRUE);
        put(p, "</text>");
    }
    put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">\u2190 ", x - 8, y + 9);
    fit(p, left, 220);
    put(p, "</text><text x=\"%f\" y=\"%f\">", x + w + 8, y + 9);
    fit(p, right, 220);
    put(p, " \u2192</text>\n");
}

/* Per axis, for every pair: the matrix of the balance differences row −
 * column, over the grid's groups sorted by balance. */
static void
matrix(Page *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    g_autoptr(GArray) order = groups_sorted(p, p->n_grid, cmp_balance, axis);
    guint n = order->len, na = r->na;
    gboolean matched = p->ao->matched;
    put(p, "<h3>Differences between the groups</h3>\n");
    if (n < r->n_groups)
        put_cut_note(p, n, r->n_groups, "groups",
                     "those with the most documents (the comparisons among them)");
    if (n < 2) {
        put(p, "<p>One group: nothing to compare.</p>\n");
        return;
    }
    double lw = 0;
    for (guint k = 0; k < n; k++)
        lw = MAX(lw, slant_html_text_width(name(p, g_array_index(order, guint, k)), FONT));
    lw = MIN(lw, 200) + 10;
    double cs = n <= 8 ? 40 : n <= 16 ? 28 : n <= 28 ? 20 : 15;
    gboolean steep = cs < 20;
    double sin_a = steep ? 0.866 : 0.707, cos_a = steep ? 0.5 : 0.707;
    double x0 = lw + 4, y0 = lw * sin_a + 16;
    double W = MAX(x0 + n * cs + lw * cos_a + 16, 760), H = y0 + n * cs + 64;
    /* the scale: symmetric, holding every difference shown */
    double m = 0;
    for (guint i = 0; i < n * n; i++)
        if (p->cell_state[i] == 1)
            m = MAX(m, fabs(p->cells[(gsize) i * na + axis].d));
    double D = MIN(slant_html_nice(m > 0 ? m : 1), 2);

    put(p, "<figure>\n");
    g_autoptr(GString) label = g_string_new(NULL);
    g_string_append_printf(label, "Matrix of axis %s: the balance difference row minus column for "
                                  "%u groups; orange: the row is more %s, blue: more %s; a dot "
                                  "marks an interval that excludes 0",
                           ax->id, n, ax->positive, ax->negative);
    g_autofree char *attrs = g_strdup_printf("data-axis=\"%u\" data-groups=\"%u\" data-shown=\"%u\"",
                                             axis + 1, r->n_groups, n);
    svg_open(p, "matrix", attrs, W, H, label->str);
    for (guint k = 0; k < n; k++) {
        const char *nm = name(p, g_array_index(order, guint, k));
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\"><title>%e</title>", x0 - 6,
            y0 + k * cs + cs / 2 + 4, nm);
        fit(p, nm, lw - 10);
        put(p, "</text><text transform=\"translate(%f %f) rotate(%s)\"><title>%e</title>",
            x0 + k * cs + cs / 2 + 4, y0 - 6, steep ? "-60" : "-45", nm);
        fit(p, nm, lw - 10);
        put(p, "</text>\n");
    }
    for (guint i = 0; i < n; i++) {
        guint gi = g_array_index(order, guint, i);
        gint pi = p->grid_pos[gi];
        for (guint j = 0; j < n; j++) {
            guint gj = g_array_index(order, guint, j);
            gint pj = p->grid_pos[gj];
            double x = x0 + j * cs, y = y0 + i * cs;
            if (i == j) {
                put(p, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"#fafafa\" "
                       "stroke=\"#e4e4e4\"/>",
                    x, y, cs, cs);
                continue;
            }
            gsize cell = (gsize) pi * p->n_grid + (gsize) pj;
            guint8 state = p->cell_state[cell];
            const Diff *v = &p->cells[cell * na + axis];
            g_autofree char *pl = pair_label(p, gi, gj);
            if (state != 1) {
                put(p, "<g class=\"cell empty\"><title>%e\n%s</title><rect x=\"%f\" y=\"%f\" "
                       "width=\"%f\" height=\"%f\" fill=\"#e2e2e2\" stroke=\"#fff\"/>"
                       "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#999\"/></g>",
                    pl, state == 2 ? "no unit in common" : "not compared", x, y, cs, cs, x + 3,
                    y + 3, x + cs - 3, y + cs - 3);
                continue;
            }
            gboolean sig = excludes_zero(v);
            char fill[8];
            put(p, "<g class=\"cell%s\"><title>%e\nbalance difference %+ [%+, %+]", sig ? " sig" : "",
                pl, v->d, v->lo, v->hi);
            if (matched)
                put(p, " over %C matched unit%s", p->cell_units[cell],
                    p->cell_units[cell] == 1 ? "" : "s");
            put(p, "%s</title><rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"%s\" "
                   "stroke=\"#fff\"/>",
                sig ? "; the interval excludes 0" : "", x, y, cs, cs,
                slant_html_diverging(v->d / D, fill));
            if (sig)
                put(p, "<circle class=\"mark\" cx=\"%f\" cy=\"%f\" r=\"%f\" fill=\"%s\"/>", x + cs / 2,
                    y + cs / 2, MAX(cs * 0.14, 2.2),
                    slant_html_is_dark(v->d / D) ? "#fff" : "#1a1a1a");
            put(p, "</g>");
        }
        put(p, "\n");
    }
    g_autofree char *gid = g_strdup_printf("scale-axis-%u", axis + 1);
    g_autofree char *left = g_strdup_printf("row more %s", ax->negative);
    g_autofree char *right = g_strdup_printf("row more %s", ax->positive);
    double ly = y0 + n * cs + 18;
    scale_legend(p, MAX(x0, 250), ly, D, left, right, gid);
    put(p, "</svg>\n<figcaption>Cell (row, column): balance of the row's group minus the column's, "
           "groups sorted by balance as in the forest plot; a dot marks a difference whose ");
    put_level(p);
    put(p, "%% interval excludes 0.%s Hover a cell for its numbers.</figcaption>\n</figure>\n",
        matched ? " Matched design: the mean of the paired differences over the units both groups "
                  "have; a crossed grey cell: no unit in common."
                : "");
}

#define POS_COLOUR "#e08214"
#define NEG_COLOUR "#4a8bc4"

/* Per axis: each group's driver terms as diverging bars, positive pole to
 * the right, negative to the left. */
static void
drivers(Page *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    g_autoptr(GArray) order = groups_sorted(p, p->n_grid, cmp_balance, axis);
    guint n = order->len;
    put(p, "<h3>Driver terms per group</h3>\n");
    if (n == 0) {
        put(p, "<p>No group: nothing was scored.</p>\n");
        return;
    }
    if (n < r->n_groups)
        put_cut_note(p, n, r->n_groups, "groups", "those with the most documents");
    put(p, "<p class=\"legend\"><span class=\"key\" style=\"background:%s\"></span> right: ", POS_COLOUR);
    put(p, "%e terms; <span class=\"key\" style=\"background:%s\"></span> left: %e terms. Bar "
           "length: the entry's signed weight in the group (hits times weight, after negation and "
           "modifiers), on each panel's own scale; the strongest %u of each group, as in the JSON "
           "report's drivers.</p>\n<div class=\"panels\">\n",
        ax->positive, NEG_COLOUR, ax->negative, MIN(p->ao->top_terms, DRIVERS_MAX));
    const double W = PANEL_W, CX = W / 2, BAR = 140, RH = 17;
    for (guint k = 0; k < n; k++) {
        guint gi = g_array_index(order, guint, k);
        const SlantSourceResult *s = group(p, gi);
        const SlantAxisResult *x = &s->axes[axis];
        guint nd = MIN(x->drivers->len, DRIVERS_MAX);
        put(p, "<figure class=\"drivers\" data-axis=\"%u\">\n<figcaption><strong>%e</strong>: "
               "balance %+, %C document%s</figcaption>\n",
            axis + 1, s->name, x->pooled[SLANT_SCORE_BALANCE], s->documents,
            s->documents == 1 ? "" : "s");
        if (nd == 0) {
            put(p, "<p class=\"note\">No hit on this axis.</p>\n</figure>\n");
            continue;
        }
        double m = 0;
        for (guint i = 0; i < nd; i++)
            m = MAX(m, fabs(g_array_index(x->drivers, SlantDriver, i).contribution));
        if (!(m > 0))
            m = 1;
        g_autofree char *lab = g_strdup_printf("Driver terms of %s on axis %s: %u entr%s", s->name,
                                               ax->id, nd, nd == 1 ? "y" : "ies");
        double H = nd * RH + 6;
        svg_open(p, "bars", "", W, H, lab);
        put(p, "<line x1=\"%f\" x2=\"%f\" y1=\"0\" y2=\"%f\" stroke=\"#8a8a8a\"/>\n", CX, CX, H);
        for (guint i = 0; i < nd; i++) {
            const SlantDriver *d = &g_array_index(x->drivers, SlantDriver, i);
            const SlantEntry *e = slant_lexicon_entry(r->lex, d->entry);
            double c = d->contribution, len = fabs(c) / m * BAR, y = 3 + i * RH, cy = y + RH / 2;
            gboolean right = c >= 0;
            put(p, "<g class=\"bar\"><title>%e (%e pole)\nweight %+ in %C hit%s", e->pattern,
                e->pole > 0 ? ax->positive : ax->negative, c, (guint64) d->hits,
                d->hits == 1 ? "" : "s");
            if (d->negated > 0)
                put(p, ", %C negated", (guint64) d->negated);
            put(p, "</title>");
            row_bg(p, i, y, W, RH);
            put(p, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"%s\"/>",
                right ? CX : CX - len, y + 2, len, RH - 4, right ? POS_COLOUR : NEG_COLOUR);
            put(p, "<text x=\"%f\" y=\"%f\"%s>", right ? CX - 6 : CX + 6, cy + 4,
                right ? " text-anchor=\"end\"" : "");
            fit(p, e->pattern, CX - 12);
            put(p, "</text><text class=\"m\" x=\"%f\" y=\"%f\"%s>", right ? CX + len + 4 : CX - len - 4,
                cy + 4, right ? "" : " text-anchor=\"end\"");
            slant_html_signed(p->o, c, 2, TRUE);
            put(p, "</text></g>\n");
        }
        put(p, "</svg>\n</figure>\n");
    }
    put(p, "</div>\n");
}

static void
section_axis(Page *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    put(p, "<section id=\"axis-%u\" aria-labelledby=\"h-axis-%u\">\n<h2 id=\"h-axis-%u\">Axis %e: "
           "%e vs %e</h2>\n",
        axis + 1, axis + 1, axis + 1, ax->id, ax->negative, ax->positive);
    if (ax->description != NULL)
        put(p, "<p>%e</p>\n", ax->description);
    forest(p, axis);
    if (r->pairs == SLANT_PAIRS_NONE || r->n_comparisons == 0)
        put(p, "<h3>Differences</h3>\n<p>No comparisons: %e.</p>\n", r->reason);
    else if (r->pairs == SLANT_PAIRS_ALL)
        matrix(p, axis);
    else
        diff_plot(p, axis);
    drivers(p, axis);
    put(p, "</section>\n");
}

/* The heading of a category's panel. */
static void
category_caption(Page *p, guint c)
{
    const SlantCategory *cat = slant_lexicon_category(p->r->lex, c);
    put(p, "<figcaption><strong>%e</strong>", cat->id);
    if (cat->label != NULL)
        put(p, ": %e", cat->label);
    put(p, "</figcaption>\n");
}

/* A category's rate per 1,000 tokens in each of the grid's groups; the
 * groups without a hit (sorted last) in one line, not a row of zeros each. */
static void
category_rates(Page *p, guint c)
{
    const SlantReport *r = p->r;
    const SlantCategory *cat = slant_lexicon_category(r->lex, c);
    g_autoptr(GArray) order = groups_sorted(p, p->n_grid, cmp_rate, c);
    guint n = order->len, hit = 0;
    const double W = PANEL_W, LW = 176, X0 = 186, X1 = 376, TOP = 22, RH = 16;
    double m = 0;
    for (guint k = 0; k < n; k++) {
        const SlantCategoryResult *cr = &group(p, g_array_index(order, guint, k))->categories[c];
        m = MAX(m, MAX(cr->per_1k, cr->hi));
        hit += cr->hits > 0;
    }
    double D = slant_html_nice(m > 0 ? m : 1), bottom = TOP + hit * RH;
    put(p, "<figure class=\"rates\" data-category=\"%u\">\n", c + 1);
    category_caption(p, c);
    g_autofree char *none = hit < n ? g_strdup_printf("; %u without a hit", n - hit) : g_strdup("");
    g_autofree char *lab = g_strdup_printf("Dot plot of category %s: hits per 1,000 tokens in %u "
                                           "group%s, with intervals%s",
                                           cat->id, hit, hit == 1 ? "" : "s", none);
    svg_open(p, "rates", "", W, bottom + (hit < n ? RH + 2 : 0) + 6, lab);
    grid_lines(p, 0, D, X0, X1, TOP, bottom, FALSE, FALSE);
    for (guint k = 0; k < hit; k++) {
        const SlantSourceResult *s = group(p, g_array_index(order, guint, k));
        const SlantCategoryResult *cr = &s->categories[c];
        double y = TOP + k * RH, cy = y + RH / 2;
        put(p, "<g class=\"row\"><title>%e\n%2 per 1,000 tokens [%2, %2]\n%C hit%s (%C negated) in %C "
               "tokens",
            s->name, cr->per_1k, cr->lo, cr->hi, cr->hits, cr->hits == 1 ? "" : "s", cr->negated,
            s->tokens);
        /* the entries behind it */
        for (guint i = 0; i < cr->drivers->len && i < CATEGORY_ENTRIES_SHOWN; i++) {
            const SlantDriver *d = &g_array_index(cr->drivers, SlantDriver, i);
            put(p, "%s%e %C", i ? ", " : "\nentries: ", slant_lexicon_entry(r->lex, d->entry)->pattern,
                (guint64) d->hits);
        }
        put(p, "</title>");
        row_bg(p, k, y, W, RH);
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">", LW - 4, cy + 4);
        fit(p, s->name, LW - 6);
        put(p, "</text>");
        dot(p, sx(cr->per_1k, 0, D, X0, X1), sx(cr->lo, 0, D, X0, X1), sx(cr->hi, 0, D, X0, X1), cy,
            "#5c5c5c", "pt");
        put(p, "<text x=\"%f\" y=\"%f\">%2</text></g>\n", X1 + 10, cy + 4, cr->per_1k);
    }
    if (hit < n) {
        put(p, "<g class=\"row none\"><title>Without a hit:");
        for (guint k = hit; k < n; k++)
            put(p, "%s%e", k > hit ? ", " : " ", group(p, g_array_index(order, guint, k))->name);
        put(p, "</title><rect class=\"bg\" x=\"0\" y=\"%f\" width=\"%f\" height=\"%f\" "
               "fill-opacity=\"0\"/><text class=\"m\" x=\"%f\" y=\"%f\">%s%u group%s without a hit"
               "</text></g>\n",
            bottom + 2, W, RH, X0, bottom + 14, hit == 0 ? "" : "and ", n - hit,
            n - hit == 1 ? "" : "s");
    }
    put(p, "</svg>\n</figure>\n");
}

/* A category's largest differences among the comparisons. */
static void
category_diffs(Page *p, guint c)
{
    const SlantReport *r = p->r;
    const SlantCategory *cat = slant_lexicon_category(r->lex, c);
    GArray *best = p->cat_best[c];
    guint n = best->len;
    /* sorted by difference, largest first */
    g_autoptr(GArray) rows = g_array_sized_new(FALSE, FALSE, sizeof(CatPair), n);
    g_array_append_vals(rows, best->data, n);
    for (guint i = 1; i < n; i++) /* few: insertion sort, stable */
        for (guint j = i; j > 0; j--) {
            CatPair *a = &g_array_index(rows, CatPair, j - 1), *b = &g_array_index(rows, CatPair, j);
            if (a->v.d > b->v.d || (a->v.d == b->v.d && a->index < b->index))
                break;
            CatPair t = *a;
            *a = *b;
            *b = t;
        }
    g_autofree Diff *v = g_new0(Diff, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        v[i] = g_array_index(rows, CatPair, i).v;
    double D = symmetric_domain(v, n, 1, 0);
    const double W = PANEL_W, LW = 262, X0 = 272, X1 = 392, TOP = 22, RH = 16;
    double bottom = TOP + n * RH;
    put(p, "<figure class=\"cdiffs\" data-category=\"%u\">\n", c + 1);
    category_caption(p, c);
    if (n == 0) {
        put(p, "<p class=\"note\">No comparison.</p>\n</figure>\n");
        return;
    }
    guint all = p->r->n_comparisons - p->n_empty;
    g_autofree char *lab =
        n < all ? g_strdup_printf("Dot plot of category %s: the %u largest of %u differences of hits "
                                  "per 1,000 tokens, with intervals",
                                  cat->id, n, all)
                : g_strdup_printf("Dot plot of category %s: the difference%s of hits per 1,000 "
                                  "tokens of %u comparison%s, with intervals",
                                  cat->id, n == 1 ? "" : "s", n, n == 1 ? "" : "s");
    svg_open(p, "cdiffs", "", W, bottom + 6, lab);
    grid_lines(p, -D, D, X0, X1, TOP, bottom, TRUE, FALSE);
    for (guint k = 0; k < n; k++) {
        const CatPair *cp = &g_array_index(rows, CatPair, k);
        double y = TOP + k * RH, cy = y + RH / 2;
        g_autofree char *pl = pair_label(p, cp->a, cp->b);
        gboolean sig = excludes_zero(&cp->v);
        put(p, "<g class=\"row%s\"><title>%e\n%p per 1,000 tokens [%p, %p]%s</title>",
            sig ? " sig" : "", pl, cp->v.d, cp->v.lo, cp->v.hi,
            sig ? "; the interval excludes 0" : "");
        row_bg(p, k, y, W, RH);
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">", LW - 4, cy + 4);
        fit(p, pl, LW - 6);
        put(p, "</text>");
        char fill[8];
        dot(p, sx(cp->v.d, -D, D, X0, X1), sx(cp->v.lo, -D, D, X0, X1), sx(cp->v.hi, -D, D, X0, X1),
            cy, sig ? slant_html_diverging(cp->v.d / D, fill) : NULL, "pt");
        put(p, "<text x=\"%f\" y=\"%f\">", X1 + 10, cy + 4);
        slant_html_signed(p->o, cp->v.d, 2, FALSE);
        put(p, "%s</text></g>\n", sig ? " *" : "");
    }
    put(p, "</svg>\n</figure>\n");
}

static void
section_categories(Page *p)
{
    const SlantReport *r = p->r;
    put(p, "<section id=\"categories\" aria-labelledby=\"h-categories\">\n<h2 id=\"h-categories\">"
           "Categories</h2>\n<h3>Rates per group</h3>\n");
    if (r->n_groups == 0) {
        put(p, "<p>No group: nothing was scored.</p>\n</section>\n");
        return;
    }
    if (p->n_grid < r->n_groups)
        put_cut_note(p, p->n_grid, r->n_groups, "groups", "those with the most documents");
    put(p, "<p class=\"legend\">Hits per 1,000 tokens with their ");
    put_level(p);
    put(p, "%% bootstrap intervals, each category on its own scale, groups sorted by rate.</p>\n"
           "<div class=\"panels\">\n");
    for (guint c = 0; c < r->nc; c++)
        category_rates(p, c);
    put(p, "</div>\n");
    if (r->n_comparisons > 0) {
        put(p, "<h3>Differences in rate</h3>\n<p class=\"legend\">Per category, ");
        if (r->n_comparisons - p->n_empty > CATEGORY_PAIRS_MAX)
            put(p, "the %u largest differences (by absolute value) of the %u comparisons",
                (guint) CATEGORY_PAIRS_MAX, r->n_comparisons - p->n_empty);
        else
            put(p, "every comparison");
        put(p, ": hits per 1,000 tokens of a minus b, sorted; a filled dot (and a *) marks a "
               "difference whose ");
        put_level(p);
        put(p, "%% interval excludes 0.</p>\n<div class=\"panels\">\n");
        for (guint c = 0; c < r->nc; c++)
            category_diffs(p, c);
        put(p, "</div>\n");
    }
    put(p, "</section>\n");
}

static void
section_matched(Page *p)
{
    const SlantReport *r = p->r;
    put(p, "<section id=\"matched\" aria-labelledby=\"h-matched\">\n<h2 id=\"h-matched\">Matched "
           "units</h2>\n<p>Matched design on <code>%e</code>: each pair is compared on the units both "
           "groups have (%U units in all, %U in two groups or more).</p>\n",
        r->in->match, slant_aggregate_n_units(r->agg), slant_aggregate_n_units_shared(r->agg));
    if (r->n_comparisons > p->matched->len)
        put_cut_note(p, p->matched->len, r->n_comparisons, "comparisons", "the first in the design");
    put(p, "<table>\n<thead><tr><th scope=\"col\">a</th><th scope=\"col\">b</th><th scope=\"col\">"
           "units of both</th><th scope=\"col\">of a alone</th><th scope=\"col\">of b alone</th>"
           "</tr></thead>\n<tbody>\n");
    for (guint i = 0; i < p->matched->len; i++) {
        const Pair *c = &g_array_index(p->matched, Pair, i);
        put(p, "<tr><td>%e</td><td>%e</td><td class=\"n\">%C</td><td class=\"n\">%C</td>"
               "<td class=\"n\">%C</td></tr>\n",
            name(p, c->a), name(p, c->b), c->units, c->only_a, c->only_b);
    }
    put(p, "</tbody>\n</table>\n</section>\n");
}

/* ---- the page ---- */

static void
page_init(Page *p, const SlantReport *r)
{
    memset(p, 0, sizeof *p);
    p->r = r;
    p->ao = slant_aggregate_options(r->agg);
    p->o = g_string_sized_new(64 * 1024);
    guint n = r->n_groups;
    p->by_docs = g_new(guint, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        p->by_docs[i] = i;
    g_autoptr(GArray) sorted = g_array_sized_new(FALSE, FALSE, sizeof(guint), n);
    g_array_append_vals(sorted, p->by_docs, n);
    g_array_sort_with_data(sorted, cmp_docs, p);
    memcpy(p->by_docs, sorted->data, n * sizeof(guint));
    p->n_list = MIN(n, LIST_MAX);
    p->n_grid = MIN(n, GRID_MAX);
    p->in_list = g_new0(gboolean, MAX(n, 1));
    p->grid_pos = g_new(gint, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        p->grid_pos[i] = -1;
    for (guint k = 0; k < p->n_list; k++)
        p->in_list[p->by_docs[k]] = TRUE;
    /* the grid's cells are kept in index order of the groups */
    guint pos = 0;
    for (guint i = 0; i < n; i++)
        for (guint k = 0; k < p->n_grid; k++)
            if (p->by_docs[k] == i)
                p->grid_pos[i] = (gint) pos++;
}

static void
page_clear(Page *p)
{
    g_string_free(p->o, TRUE);
    g_free(p->by_docs);
    g_free(p->in_list);
    g_free(p->grid_pos);
    if (p->rows != NULL)
        g_array_unref(p->rows);
    if (p->row_diffs != NULL)
        g_array_unref(p->row_diffs);
    if (p->matched != NULL)
        g_array_unref(p->matched);
    for (guint c = 0; p->cat_best != NULL && c < p->r->nc; c++)
        g_array_unref(p->cat_best[c]);
    g_free(p->cat_best);
    g_free(p->cells);
    g_free(p->cell_state);
    g_free(p->cell_units);
}

gboolean
slant_report_write_html(const SlantReport *r, SlantPool *pool, SlantWriteFunc write, gpointer user,
                        GError **error)
{
    Page p;
    page_init(&p, r);
    if (!gather(&p, pool, error)) {
        page_clear(&p);
        return FALSE;
    }
    page_head(&p);
    section_compared(&p);
    gboolean ok = flush(&p, write, user, error);
    for (guint a = 0; ok && a < r->na; a++) {
        section_axis(&p, a);
        ok = flush(&p, write, user, error);
    }
    if (ok && r->nc > 0) {
        section_categories(&p);
        ok = flush(&p, write, user, error);
    }
    if (ok && p.ao->matched) {
        section_matched(&p);
        ok = flush(&p, write, user, error);
    }
    if (ok) {
        section_groups(&p);
        put(&p, "</main>\n<footer>\n<p class=\"note\">Written by slant %s. Every number of this page, "
                "and those it leaves out, is in the JSON report (<code>slant compare --format "
                "json</code>).</p>\n</footer>\n</body>\n</html>\n",
            SLANT_VERSION);
        ok = flush(&p, write, user, error);
    }
    page_clear(&p);
    return ok;
}

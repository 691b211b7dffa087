/* report-html-plots.c: the SVG plots of the HTML report (see
 * report-html.c for the page they stand in): forest plots, the matrix of
 * differences, dot plots of comparisons, diverging driver bars and the
 * category panels.  Each is one <svg role="img"> with an aria-label and a
 * <title>, one <g> per row or cell with a <title> that gives its numbers
 * (the tooltip), and classes the browser test counts: g.grp (a forest
 * row), g.cell and g.row.cmp (a comparison), .sig (its interval excludes
 * 0). */
#include "report-html-private.h"

/* ---- ordering ---- */

static gint
cmp_index(gconstpointer x, gconstpointer y, gpointer user)
{
    (void) user;
    guint a = *(const guint *) x, b = *(const guint *) y;
    return a < b ? -1 : a > b;
}

typedef struct {
    const SlantHtmlPage *p;
    guint axis; /* or the category */
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
    const AxisSort *s = user;
    guint a = *(const guint *) x, b = *(const guint *) y;
    double ra = group(s->p, a)->categories[s->axis].per_1k;
    double rb = group(s->p, b)->categories[s->axis].per_1k;
    if (ra != rb)
        return ra > rb ? -1 : 1;
    return a < b ? -1 : a > b;
}

GArray *
slant_html_groups_sorted(const SlantHtmlPage *p, guint n, SlantHtmlOrder by, guint index)
{
    static const GCompareDataFunc cmp[] = {
        [SLANT_HTML_BY_NAME] = cmp_index,
        [SLANT_HTML_BY_BALANCE] = cmp_balance,
        [SLANT_HTML_BY_RATE] = cmp_rate,
    };
    GArray *g = g_array_sized_new(FALSE, FALSE, sizeof(guint), n);
    g_array_append_vals(g, p->by_docs, n);
    AxisSort s = {p, index};
    g_array_sort_with_data(g, cmp[by], &s);
    return g;
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
tick_label(SlantHtmlPage *p, double v, gboolean with_sign)
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
grid_lines(SlantHtmlPage *p, double d0, double d1, double x0, double x1, double top, double bottom,
           gboolean signed_labels, gboolean labels_below)
{
    int n = tick_intervals(d0, d1);
    for (int k = 0; k <= n; k++) {
        double v = d0 + (d1 - d0) * k / n;
        double x = sx(v, d0, d1, x0, x1);
        gboolean zero = fabs(v) < 1e-9 * (d1 - d0);
        put(p, "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"%s\"/>", x, x, top - 4,
            bottom, zero ? "#8a8a8a" : "#dcdcdc");
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
dot(SlantHtmlPage *p, double x, double lo, double hi, double cy, const char *fill, const char *cls)
{
    put(p,
        "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"#3a3a3a\" stroke-width=\"1.6\"/>"
        "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"#3a3a3a\"/>"
        "<line x1=\"%f\" x2=\"%f\" y1=\"%f\" y2=\"%f\" stroke=\"#3a3a3a\"/>",
        lo, hi, cy, cy, lo, lo, cy - 3, cy + 3, hi, hi, cy - 3, cy + 3);
    put(p,
        "<circle class=\"%s\" cx=\"%f\" cy=\"%f\" r=\"4.5\" fill=\"%s\" stroke=\"#1a1a1a\" "
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
void
slant_html_forest(SlantHtmlPage *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    g_autoptr(GArray) order = slant_html_groups_sorted(p, p->n_list, SLANT_HTML_BY_BALANCE, axis);
    guint n = order->len;
    const double W = 1060, LW = 250, X0 = 262, X1 = 682, TOP = 44;
    const double C_DOCS = 748, C_HITS = 856, C_BAL = 874;
    double bottom = TOP + n * SLANT_HTML_ROW_H, H = bottom + 24;

    put(p, "<h3>Groups by pooled balance</h3>\n");
    if (n == 0) {
        put(p, "<p>No group: nothing was scored.</p>\n");
        return;
    }
    if (n < r->n_groups)
        put_cut_note(p, n, r->n_groups, "groups", "those with the most documents");
    put(p, "<figure>\n");
    g_autoptr(GString) label = g_string_new(NULL);
    g_string_append_printf(label,
                           "Forest plot of axis %s: pooled balance of %u group%s, from %s "
                           "(-1) to %s (+1), with intervals",
                           ax->id, n, n == 1 ? "" : "s", ax->negative, ax->positive);
    g_autofree char *attrs = g_strdup_printf(
        "data-axis=\"%u\" data-groups=\"%u\" data-shown=\"%u\"", axis + 1, r->n_groups, n);
    svg_open(p, "forest", attrs, W, H, label->str);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">group</text>", LW - 6);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\">\u2190 ", X0);
    fit(p, ax->negative, (X1 - X0) / 2 - 24);
    put(p, "</text><text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">", X1);
    fit(p, ax->positive, (X1 - X0) / 2 - 24);
    put(p, " \u2192</text>");
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">docs</text>", C_DOCS);
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\" text-anchor=\"end\">hits + / \u2212</text>",
        C_HITS);
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
        double y = TOP + k * SLANT_HTML_ROW_H, cy = y + SLANT_HTML_ROW_H / 2;
        put(p, "<g class=\"row grp\"><title>%e\nbalance %+ [%+, %+]", s->name, b, lo, hi);
        put(p,
            " (%s bootstrap of %C units)\n%C document%s, %C tokens\nhits: %C %e, %C %e (%C "
            "negated, %C quoted)</title>",
            unit_name(s), s->units, s->documents, s->documents == 1 ? "" : "s", s->tokens,
            x->hits_pos, ax->positive, x->hits_neg, ax->negative, x->negated, x->quoted);
        row_bg(p, k, y, W, SLANT_HTML_ROW_H);
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">", LW - 6, cy + 4);
        fit(p, s->name, LW - 8);
        put(p, "</text>");
        gboolean none = x->hits_pos + x->hits_neg == 0;
        if (none) {
            /* no hit: no balance to speak of (0 by definition), so no dot */
            put(p,
                "<rect class=\"pt none\" x=\"%f\" y=\"%f\" width=\"6\" height=\"6\" "
                "fill=\"#b0b0b0\"/>",
                sx(0, -1, 1, X0, X1) - 3, cy - 3);
        } else {
            /* the diverging colour, never so pale that the dot fades */
            char fill[8];
            double t = b == 0 ? 0 : (b > 0 ? 1 : -1) * (0.3 + 0.7 * fabs(b));
            dot(p, sx(b, -1, 1, X0, X1), sx(lo, -1, 1, X0, X1), sx(hi, -1, 1, X0, X1), cy,
                b == 0 ? "#9a9a9a" : slant_html_diverging(t, fill), "pt");
        }
        put(p, "<text x=\"%f\" y=\"%f\" text-anchor=\"end\">%C</text>", C_DOCS, cy + 4,
            s->documents);
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
pair_label(const SlantHtmlPage *p, guint a, guint b)
{
    return g_strdup_printf("%s \u2212 %s", name(p, a), name(p, b));
}

/* A symmetric domain [-d, d] that holds every value and interval end of
 * @v (@n of them, @stride apart), at most 2 (balances differ by at most 2). */
static double
symmetric_domain(const SlantHtmlDiff *v, guint n, gsize stride, double cap)
{
    double m = 0;
    for (guint i = 0; i < n; i++) {
        const SlantHtmlDiff *x = v + (gsize) i * stride;
        if (isfinite(x->d))
            m = MAX(m, MAX(fabs(x->d), MAX(fabs(x->lo), fabs(x->hi))));
    }
    double d = slant_html_nice(m > 0 ? m : 1);
    return cap > 0 ? MIN(d, cap) : d;
}

typedef struct {
    const SlantHtmlPage *p;
    guint axis;
} RowSort;

static gint
cmp_row(gconstpointer x, gconstpointer y, gpointer user)
{
    const RowSort *s = user;
    guint i = *(const guint *) x, j = *(const guint *) y;
    const SlantHtmlPair *a = &g_array_index(s->p->rows, SlantHtmlPair, i),
                        *b = &g_array_index(s->p->rows, SlantHtmlPair, j);
    if (a->empty != b->empty)
        return a->empty ? 1 : -1;
    double da = g_array_index(s->p->row_diffs, SlantHtmlDiff, i * s->p->r->na + s->axis).d;
    double db = g_array_index(s->p->row_diffs, SlantHtmlDiff, j * s->p->r->na + s->axis).d;
    if (!a->empty && da != db)
        return da > db ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Per axis, for designs other than every pair: each comparison's balance
 * difference with its interval, sorted. */
void
slant_html_differences(SlantHtmlPage *p, guint axis)
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
    g_autofree SlantHtmlDiff *v = g_new0(SlantHtmlDiff, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        v[i] = g_array_index(p->row_diffs, SlantHtmlDiff, i * na + axis);
    double D = symmetric_domain(v, n, 1, 2);

    const double W = 1060, LW = 250, X0 = 262, X1 = 682, TOP = 44;
    const double C_N = 748, C_V = 766;
    double bottom = TOP + n * SLANT_HTML_ROW_H, H = bottom + 24;
    if (rest)
        put(p,
            "<h3>Each group against the rest</h3>\n<p class=\"note\">The balance of each group "
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
    g_string_append_printf(label,
                           "Dot plot of axis %s: the balance difference of %u comparison%s, "
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
        matched    ? "units"
        : by_group ? "docs"
                   : "docs a / b");
    put(p, "<text class=\"h\" x=\"%f\" y=\"14\">difference [", C_V);
    put_level(p);
    put(p, "%% interval]</text>\n");
    grid_lines(p, -D, D, X0, X1, TOP, bottom, TRUE, TRUE);
    for (guint k = 0; k < n; k++) {
        guint i = g_array_index(order, guint, k);
        const SlantHtmlPair *c = &g_array_index(p->rows, SlantHtmlPair, i);
        const SlantHtmlDiff *x = &v[i];
        double y = TOP + k * SLANT_HTML_ROW_H, cy = y + SLANT_HTML_ROW_H / 2;
        g_autofree char *pl = pair_label(p, c->a, c->b);
        gboolean sig = !c->empty && excludes_zero(x);
        put(p, "<g class=\"row cmp%s\"><title>%e\n", c->empty ? " empty" : sig ? " sig" : "", pl);
        if (c->empty)
            put(p, "%s</title>", rest ? "no other group" : "no unit in common");
        else
            put(p, "balance difference %+ [%+, %+]%s</title>", x->d, x->lo, x->hi,
                sig ? "; the interval excludes 0" : "");
        row_bg(p, k, y, W, SLANT_HTML_ROW_H);
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
        put(p, "<text x=\"%f\" y=\"%f\">%+ [%+, %+]%s</text></g>\n", C_V, cy + 4, x->d, x->lo,
            x->hi, sig ? " *" : "");
    }
    if (rest)
        put(p, "</svg>\n<figcaption>Balance of each group minus that of the rest.");
    else if (by_group)
        put(p, "</svg>\n<figcaption>Balance of each group minus that of %e.",
            name(p, (guint) r->reference));
    else
        put(p, "</svg>\n<figcaption>Balance of a minus balance of b.");
    put(p, " A filled dot (and a *) marks a difference whose ");
    put_level(p);
    put(p,
        "%% interval excludes 0; an open dot one whose interval holds 0.%s</figcaption>\n"
        "</figure>\n",
        matched ? " Matched design: the mean of the paired differences over the units both groups "
                  "have."
                : "");
}

/* A colour legend: the diverging scale from -@d to +@d, with what each end
 * means, at (@x, @y); @gid names its gradient (unique in the page). */
static void
scale_legend(SlantHtmlPage *p, double x, double y, double d, const char *left, const char *right,
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
    put(p, "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"10\" fill=\"url(#%s)\" stroke=\"#888\"/>",
        x, y, w, gid);
    for (int k = 0; k <= 2; k++) {
        put(p, "<text class=\"m\" x=\"%f\" y=\"%f\" text-anchor=\"middle\">", x + w * k / 2,
            y + 24);
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
void
slant_html_matrix(SlantHtmlPage *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    g_autoptr(GArray) order = slant_html_groups_sorted(p, p->n_grid, SLANT_HTML_BY_BALANCE, axis);
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
        lw = MAX(lw,
                 slant_html_text_width(name(p, g_array_index(order, guint, k)), SLANT_HTML_FONT));
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
    g_string_append_printf(label,
                           "Matrix of axis %s: the balance difference row minus column for "
                           "%u groups; orange: the row is more %s, blue: more %s; a dot "
                           "marks an interval that excludes 0",
                           ax->id, n, ax->positive, ax->negative);
    g_autofree char *attrs = g_strdup_printf(
        "data-axis=\"%u\" data-groups=\"%u\" data-shown=\"%u\"", axis + 1, r->n_groups, n);
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
                put(p,
                    "<rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"#fafafa\" "
                    "stroke=\"#e4e4e4\"/>",
                    x, y, cs, cs);
                continue;
            }
            gsize cell = (gsize) pi * p->n_grid + (gsize) pj;
            guint8 state = p->cell_state[cell];
            const SlantHtmlDiff *v = &p->cells[cell * na + axis];
            g_autofree char *pl = pair_label(p, gi, gj);
            if (state != 1) {
                put(p,
                    "<g class=\"cell empty\"><title>%e\n%s</title><rect x=\"%f\" y=\"%f\" "
                    "width=\"%f\" height=\"%f\" fill=\"#e2e2e2\" stroke=\"#fff\"/>"
                    "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"#999\"/></g>",
                    pl, state == 2 ? "no unit in common" : "not compared", x, y, cs, cs, x + 3,
                    y + 3, x + cs - 3, y + cs - 3);
                continue;
            }
            gboolean sig = excludes_zero(v);
            char fill[8];
            put(p, "<g class=\"cell%s\"><title>%e\nbalance difference %+ [%+, %+]",
                sig ? " sig" : "", pl, v->d, v->lo, v->hi);
            if (matched)
                put(p, " over %C matched unit%s", p->cell_units[cell],
                    p->cell_units[cell] == 1 ? "" : "s");
            put(p,
                "%s</title><rect x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\" fill=\"%s\" "
                "stroke=\"#fff\"/>",
                sig ? "; the interval excludes 0" : "", x, y, cs, cs,
                slant_html_diverging(v->d / D, fill));
            if (sig)
                put(p, "<circle class=\"mark\" cx=\"%f\" cy=\"%f\" r=\"%f\" fill=\"%s\"/>",
                    x + cs / 2, y + cs / 2, MAX(cs * 0.14, 2.2),
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

/* Per axis: each group's driver terms as diverging bars, positive pole to
 * the right, negative to the left. */
void
slant_html_drivers(SlantHtmlPage *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    g_autoptr(GArray) order = slant_html_groups_sorted(p, p->n_grid, SLANT_HTML_BY_BALANCE, axis);
    guint n = order->len;
    put(p, "<h3>Driver terms per group</h3>\n");
    if (n == 0) {
        put(p, "<p>No group: nothing was scored.</p>\n");
        return;
    }
    if (n < r->n_groups)
        put_cut_note(p, n, r->n_groups, "groups", "those with the most documents");
    put(p, "<p class=\"legend\"><span class=\"key\" style=\"background:%s\"></span> right: ",
        SLANT_HTML_POSITIVE_COLOUR);
    put(p,
        "%e terms; <span class=\"key\" style=\"background:%s\"></span> left: %e terms. Bar "
        "length: the entry's signed weight in the group (hits times weight, after negation and "
        "modifiers), on each panel's own scale; the strongest %u of each group, as in the JSON "
        "report's drivers.</p>\n<div class=\"panels\">\n",
        ax->positive, SLANT_HTML_NEGATIVE_COLOUR, ax->negative,
        MIN(p->ao->top_terms, SLANT_HTML_DRIVERS_MAX));
    const double W = SLANT_HTML_PANEL_W, CX = W / 2, BAR = 140, RH = 17;
    for (guint k = 0; k < n; k++) {
        guint gi = g_array_index(order, guint, k);
        const SlantSourceResult *s = group(p, gi);
        const SlantAxisResult *x = &s->axes[axis];
        guint nd = MIN(x->drivers->len, SLANT_HTML_DRIVERS_MAX);
        put(p,
            "<figure class=\"drivers\" data-axis=\"%u\">\n<figcaption><strong>%e</strong>: "
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
                right ? CX : CX - len, y + 2, len, RH - 4,
                right ? SLANT_HTML_POSITIVE_COLOUR : SLANT_HTML_NEGATIVE_COLOUR);
            put(p, "<text x=\"%f\" y=\"%f\"%s>", right ? CX - 6 : CX + 6, cy + 4,
                right ? " text-anchor=\"end\"" : "");
            fit(p, e->pattern, CX - 12);
            put(p, "</text><text class=\"m\" x=\"%f\" y=\"%f\"%s>",
                right ? CX + len + 4 : CX - len - 4, cy + 4, right ? "" : " text-anchor=\"end\"");
            slant_html_signed(p->o, c, 2, TRUE);
            put(p, "</text></g>\n");
        }
        put(p, "</svg>\n</figure>\n");
    }
    put(p, "</div>\n");
}

/* The heading of a category's panel. */
static void
category_caption(SlantHtmlPage *p, guint c)
{
    const SlantCategory *cat = slant_lexicon_category(p->r->lex, c);
    put(p, "<figcaption><strong>%e</strong>", cat->id);
    if (cat->label != NULL)
        put(p, ": %e", cat->label);
    put(p, "</figcaption>\n");
}

/* A category's rate per 1,000 tokens in each of the grid's groups; the
 * groups without a hit (sorted last) in one line, not a row of zeros each. */
void
slant_html_category_rates(SlantHtmlPage *p, guint c)
{
    const SlantReport *r = p->r;
    const SlantCategory *cat = slant_lexicon_category(r->lex, c);
    g_autoptr(GArray) order = slant_html_groups_sorted(p, p->n_grid, SLANT_HTML_BY_RATE, c);
    guint n = order->len, hit = 0;
    const double W = SLANT_HTML_PANEL_W, LW = 176, X0 = 186, X1 = 376, TOP = 22, RH = 16;
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
        put(p,
            "<g class=\"row\"><title>%e\n%2 per 1,000 tokens [%2, %2]\n%C hit%s (%C negated, %C "
            "quoted) in %C tokens",
            s->name, cr->per_1k, cr->lo, cr->hi, cr->hits, cr->hits == 1 ? "" : "s", cr->negated,
            cr->quoted, s->tokens);
        /* the entries behind it */
        for (guint i = 0; i < cr->drivers->len && i < SLANT_HTML_CATEGORY_ENTRIES; i++) {
            const SlantDriver *d = &g_array_index(cr->drivers, SlantDriver, i);
            put(p, "%s%e %C",
                i ? ", " : "\nentries: ", slant_lexicon_entry(r->lex, d->entry)->pattern,
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
        put(p,
            "</title><rect class=\"bg\" x=\"0\" y=\"%f\" width=\"%f\" height=\"%f\" "
            "fill-opacity=\"0\"/><text class=\"m\" x=\"%f\" y=\"%f\">%s%u group%s without a hit"
            "</text></g>\n",
            bottom + 2, W, RH, X0, bottom + 14, hit == 0 ? "" : "and ", n - hit,
            n - hit == 1 ? "" : "s");
    }
    put(p, "</svg>\n</figure>\n");
}

/* A category's largest differences among the comparisons. */
void
slant_html_category_diffs(SlantHtmlPage *p, guint c)
{
    const SlantReport *r = p->r;
    const SlantCategory *cat = slant_lexicon_category(r->lex, c);
    GArray *best = p->cat_best[c];
    guint n = best->len;
    /* sorted by difference, largest first */
    g_autoptr(GArray) rows = g_array_sized_new(FALSE, FALSE, sizeof(SlantHtmlCatPair), n);
    g_array_append_vals(rows, best->data, n);
    for (guint i = 1; i < n; i++) /* few: insertion sort, stable */
        for (guint j = i; j > 0; j--) {
            SlantHtmlCatPair *a = &g_array_index(rows, SlantHtmlCatPair, j - 1),
                             *b = &g_array_index(rows, SlantHtmlCatPair, j);
            if (a->v.d > b->v.d || (a->v.d == b->v.d && a->index < b->index))
                break;
            SlantHtmlCatPair t = *a;
            *a = *b;
            *b = t;
        }
    g_autofree SlantHtmlDiff *v = g_new0(SlantHtmlDiff, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        v[i] = g_array_index(rows, SlantHtmlCatPair, i).v;
    double D = symmetric_domain(v, n, 1, 0);
    const double W = SLANT_HTML_PANEL_W, LW = 262, X0 = 272, X1 = 392, TOP = 22, RH = 16;
    double bottom = TOP + n * RH;
    put(p, "<figure class=\"cdiffs\" data-category=\"%u\">\n", c + 1);
    category_caption(p, c);
    if (n == 0) {
        put(p, "<p class=\"note\">No comparison.</p>\n</figure>\n");
        return;
    }
    guint all = p->r->n_comparisons - p->n_empty;
    g_autofree char *lab =
        n < all
            ? g_strdup_printf("Dot plot of category %s: the %u largest of %u differences of hits "
                              "per 1,000 tokens, with intervals",
                              cat->id, n, all)
            : g_strdup_printf("Dot plot of category %s: the difference%s of hits per 1,000 "
                              "tokens of %u comparison%s, with intervals",
                              cat->id, n == 1 ? "" : "s", n, n == 1 ? "" : "s");
    svg_open(p, "cdiffs", "", W, bottom + 6, lab);
    grid_lines(p, -D, D, X0, X1, TOP, bottom, TRUE, FALSE);
    for (guint k = 0; k < n; k++) {
        const SlantHtmlCatPair *cp = &g_array_index(rows, SlantHtmlCatPair, k);
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

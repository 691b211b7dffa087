/* report-text.c: the report as a short summary for a person at a terminal:
 * per axis the groups sorted by pooled balance with their intervals, hits
 * (and how many of them were quoted) and strongest drivers; the largest differences between groups; the
 * category rates; what was skipped.  Long lists are cut (the JSON report
 * has everything), and say so. */
#include "report-private.h"

#include <math.h>
#include <string.h>

#include "slant-error.h"

#define GROUPS_SHOWN 12   /* at each end, when there are more */
#define PAIRS_SHOWN 10
#define DRIVERS_SHOWN 3

static void
num(GString *o, double v, int width)
{
    char buf[64];
    g_snprintf(buf, sizeof buf, "%.3f", v);
    if (strcmp(buf, "-0.000") == 0)
        g_strlcpy(buf, "0.000", sizeof buf);
    g_string_append_printf(o, "%*s", width, buf);
}

/* @s cut or padded to @width characters. */
static void
cell(GString *o, const char *s, glong width)
{
    glong n = g_utf8_strlen(s, -1);
    if (n > width) {
        const char *end = g_utf8_offset_to_pointer(s, width - 1);
        g_string_append_len(o, s, end - s);
        g_string_append(o, "~");
        return;
    }
    g_string_append(o, s);
    for (glong i = n; i < width; i++)
        g_string_append_c(o, ' ');
}

static void
drivers_text(GString *o, const SlantReport *r, const GArray *d)
{
    for (guint i = 0; i < d->len && i < DRIVERS_SHOWN; i++) {
        const SlantDriver *x = &g_array_index(d, SlantDriver, i);
        char buf[64];
        g_snprintf(buf, sizeof buf, "%+.3g", x->contribution);
        g_string_append_printf(o, "%s%s %s", i ? ", " : "", slant_lexicon_entry(r->lex, x->entry)->pattern, buf);
    }
}

static const SlantReport *sort_r;
static guint sort_axis;

static gint
cmp_balance(gconstpointer a, gconstpointer b)
{
    guint x = *(const guint *) a, y = *(const guint *) b;
    double bx = slant_report_group(sort_r, x)->axes[sort_axis].pooled[SLANT_SCORE_BALANCE];
    double by = slant_report_group(sort_r, y)->axes[sort_axis].pooled[SLANT_SCORE_BALANCE];
    if (bx != by)
        return bx > by ? -1 : 1;
    return x < y ? -1 : x > y;
}

typedef struct {
    guint a, b;
    double diff, lo, hi;
    char *drivers;
} PairLine;

static gint
cmp_pair(gconstpointer a, gconstpointer b)
{
    const PairLine *x = a, *y = b;
    double ax = fabs(x->diff), ay = fabs(y->diff);
    if (ax != ay)
        return ax > ay ? -1 : 1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

static void
axis_text(GString *o, const SlantReport *r, guint a)
{
    const SlantAxis *ax = slant_lexicon_axis(r->lex, a);
    const SlantAggregateOptions *ao = slant_aggregate_options(r->agg);
    g_string_append_printf(o, "\naxis %s: %s (+) vs %s (-); balance = (P - N) / (P + N), "
                              "%g%% interval\n",
                           ax->id, ax->positive, ax->negative, ao->level * 100);
    guint n = r->n_groups;
    g_autofree guint *order = g_new(guint, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        order[i] = i;
    sort_r = r;
    sort_axis = a;
    qsort(order, n, sizeof(guint), cmp_balance);
    glong w = 5;
    for (guint i = 0; i < n; i++)
        w = MAX(w, g_utf8_strlen(slant_report_group(r, i)->name, -1));
    w = MIN(w, 32);
    g_string_append(o, "  ");
    cell(o, "group", w);
    g_string_append(o, "    docs  balance  interval            hits +/-  quoted  drivers\n");
    for (guint k = 0; k < n; k++) {
        if (n > 2 * GROUPS_SHOWN && k == GROUPS_SHOWN) {
            g_string_append_printf(o, "  ... %u more groups ...\n", n - 2 * GROUPS_SHOWN);
            k = n - GROUPS_SHOWN;
        }
        const SlantSourceResult *s = slant_report_group(r, order[k]);
        const SlantAxisResult *x = &s->axes[a];
        g_string_append(o, "  ");
        cell(o, s->name, w);
        g_string_append_printf(o, " %7" G_GUINT64_FORMAT " ", s->documents);
        num(o, x->pooled[SLANT_SCORE_BALANCE], 8);
        g_string_append(o, "  [");
        num(o, x->lo[SLANT_SCORE_BALANCE], 6);
        g_string_append(o, ", ");
        num(o, x->hi[SLANT_SCORE_BALANCE], 6);
        g_string_append(o, "]");
        g_autofree char *hits = g_strdup_printf("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                                                x->hits_pos, x->hits_neg);
        g_string_append_printf(o, " %10s  %6" G_GUINT64_FORMAT "  ", hits, x->quoted);
        drivers_text(o, r, x->drivers);
        g_string_append(o, "\n");
    }
}

/* The largest balance differences of every axis, one pass over the pairs. */
static void
pairs_text(GString *o, const SlantReport *r)
{
    if (r->n_comparisons == 0 || r->na == 0)
        return;
    g_autoptr(SlantPairWork) work = slant_pair_work_new(r->agg);
    GArray **best = g_new0(GArray *, r->na);
    for (guint a = 0; a < r->na; a++)
        best[a] = g_array_new(FALSE, FALSE, sizeof(PairLine));
    SlantPairIter it;
    slant_pair_iter_init(&it, r, 0);
    guint ia, ib;
    while (slant_pair_iter_next(&it, &ia, &ib)) {
        const SlantComparison *c = slant_aggregate_compare(r->agg, ia, ib, work);
        if (c->empty)
            continue;
        for (guint a = 0; a < r->na; a++) {
            const SlantAxisComparison *x = &c->axes[a];
            PairLine line = {ia, ib, x->diff[SLANT_SCORE_BALANCE], x->lo[SLANT_SCORE_BALANCE],
                             x->hi[SLANT_SCORE_BALANCE], NULL};
            GArray *b = best[a];
            /* keep the PAIRS_SHOWN largest, by insertion */
            guint pos = b->len;
            while (pos > 0 && cmp_pair(&line, &g_array_index(b, PairLine, pos - 1)) < 0)
                pos--;
            if (pos >= PAIRS_SHOWN)
                continue;
            GString *d = g_string_new(NULL);
            drivers_text(d, r, x->drivers);
            line.drivers = g_string_free(d, FALSE);
            g_array_insert_val(b, pos, line);
            if (b->len > PAIRS_SHOWN) {
                g_free(g_array_index(b, PairLine, PAIRS_SHOWN).drivers);
                g_array_set_size(b, PAIRS_SHOWN);
            }
        }
    }
    for (guint a = 0; a < r->na; a++) {
        GArray *b = best[a];
        g_string_append_printf(o, "\nlargest differences on %s (balance of a - b%s; design %s):\n",
                               slant_lexicon_axis(r->lex, a)->id,
                               slant_aggregate_options(r->agg)->matched ? ", matched units" : "",
                               slant_pair_mode_name(r->pairs));
        if (r->n_comparisons > PAIRS_SHOWN)
            g_string_append_printf(o, "  (the %u largest of %u comparisons: %s)\n", b->len,
                                   r->n_comparisons, r->reason);
        for (guint i = 0; i < b->len; i++) {
            const PairLine *l = &g_array_index(b, PairLine, i);
            g_string_append_printf(o, "  %s - %s  ", slant_report_group_name(r, l->a),
                                   slant_report_group_name(r, l->b));
            num(o, l->diff, 0);
            g_string_append(o, " [");
            num(o, l->lo, 0);
            g_string_append(o, ", ");
            num(o, l->hi, 0);
            g_string_append_printf(o, "]%s  %s\n",
                                   (l->lo > 0 || l->hi < 0) ? " *" : "  ", l->drivers);
            g_free(l->drivers);
        }
        g_array_unref(b);
    }
    g_string_append(o, "  (* the interval excludes 0)\n");
    g_free(best);
}

static void
categories_text(GString *o, const SlantReport *r)
{
    if (r->nc == 0)
        return;
    g_string_append(o, "\ncategories, hits per 1,000 tokens:\n");
    glong w = 5;
    for (guint i = 0; i < r->n_groups; i++)
        w = MAX(w, g_utf8_strlen(slant_report_group(r, i)->name, -1));
    w = MIN(w, 32);
    g_string_append(o, "  ");
    cell(o, "group", w);
    /* a column as wide as its category's id (10 at least, 24 at most) */
    g_autofree int *cw = g_new(int, r->nc);
    for (guint c = 0; c < r->nc; c++) {
        const char *id = slant_lexicon_category(r->lex, c)->id;
        cw[c] = (int) CLAMP(strlen(id), 10, 24);
        g_string_append_printf(o, " %*.*s", cw[c], cw[c], id);
    }
    g_string_append(o, "\n");
    for (guint k = 0; k < r->n_groups; k++) {
        if (r->n_groups > 2 * GROUPS_SHOWN && k == GROUPS_SHOWN) {
            g_string_append_printf(o, "  ... %u more groups ...\n", r->n_groups - 2 * GROUPS_SHOWN);
            k = r->n_groups - GROUPS_SHOWN;
        }
        const SlantSourceResult *s = slant_report_group(r, k);
        g_string_append(o, "  ");
        cell(o, s->name, w);
        for (guint c = 0; c < r->nc; c++) {
            g_string_append(o, " ");
            num(o, s->categories[c].per_1k, cw[c]);
        }
        g_string_append(o, "\n");
    }
}

gboolean
slant_report_write_text(const SlantReport *r, SlantPool *pool, SlantWriteFunc write, gpointer user,
                        GError **error)
{
    (void) pool;
    const SlantReportInput *in = r->in;
    g_autoptr(GString) o = g_string_new(NULL);
    g_string_append_printf(o, "slant compare: lexicon %s %s; %" G_GUINT64_FORMAT " document%s, %"
                              G_GUINT64_FORMAT " tokens, in %u group%s by %s",
                           slant_lexicon_name(r->lex), slant_lexicon_version(r->lex), r->documents,
                           r->documents == 1 ? "" : "s", r->tokens, r->n_groups,
                           r->n_groups == 1 ? "" : "s", in->group_by ? in->group_by : "source");
    if (in->match != NULL)
        g_string_append_printf(o, ", matched on %s", in->match);
    if (in->voice != SLANT_VOICE_ALL)
        g_string_append_printf(o, "; --voice %s: hits %s quotation marks only",
                               slant_voice_name(in->voice),
                               in->voice == SLANT_VOICE_OWN ? "outside" : "inside");
    g_string_append_printf(o, "\n%u input%s, %u skipped\n", in->inputs->len,
                           in->inputs->len == 1 ? "" : "s", in->skipped->len);
    for (guint a = 0; a < r->na; a++)
        axis_text(o, r, a);
    pairs_text(o, r);
    categories_text(o, r);
    /* the first by input and line, as the JSON report lists them */
    for (guint i = 0; i < r->skipped->len && i < 5; i++) {
        const SlantSkip *s = r->skipped->pdata[i];
        g_string_append_printf(o, "%sskipped: %s\n", i ? "" : "\n", s->message);
    }
    if (in->skipped->len > 5)
        g_string_append_printf(o, "... and %u more skipped\n", in->skipped->len - 5);
    g_string_append(o, "\n(--format json for the whole report)\n");
    return write(o->str, o->len, user, error);
}

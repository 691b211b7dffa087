/* report-csv.c: the report as tidy CSV (RFC 4180, CRLF line ends), one
 * row per observation, for pandas' read_csv and R's read.csv as they are:
 *
 *   table,group,versus,kind,id,metric,value,lower,upper,pattern,pole,hits
 *
 *   table   "group", "comparison" or "driver"
 *   group   the group (a comparison's a)
 *   versus  a comparison's b, else empty
 *   kind    "group" (documents, tokens, sentences), "axis" or "category"
 *   id      the axis or category id (empty for kind "group")
 *   metric  what the value is: documents, tokens, sentences; per axis
 *           hits_positive, hits_negative, negated, quoted (hits inside
 *           quotations), weight_positive, weight_negative, the four scores
 *           (pooled, with the interval in lower and upper) and mean_SCORE
 *           (the document mean); per category hits, negated, quoted, per_1k; for comparisons the four score
 *           differences with their intervals and per category
 *           difference_per_1k (with intervals); for drivers "weight" (a
 *           group's axis entries), "hits" (a group's category entries) or
 *           "difference_per_1k" (a comparison's), with the entry's pattern,
 *           pole ("none" for categories) and hits in the last three columns;
 *           a comparison against the rest has versus "(rest)"
 *
 * Cells that do not apply are empty; numbers are written as in the JSON
 * report.  Groups, then comparisons (with their drivers after each), in
 * the report's order. */
#include "report-private.h"

#include <math.h>
#include <string.h>

#define GROUPS_CHUNK 8
#define COMPARISONS_CHUNK 64

static const char header[] = "table,group,versus,kind,id,metric,value,lower,upper,pattern,pole,hits\r\n";

static void
num(GString *o, double v)
{
    char buf[64];
    if (isfinite(v))
        g_string_append(o, slant_report_number(v, buf, sizeof buf));
}

/* One row; @lo and @hi NAN when there is no interval, @pattern NULL but
 * for drivers. */
static void
row(GString *o, const char *table, const char *group, const char *versus, const char *kind,
    const char *id, const char *metric, double value, double lo, double hi, const char *pattern,
    const char *pole, gint64 hits)
{
    g_string_append(o, table);
    g_string_append_c(o, ',');
    slant_report_csv_field(o, group);
    g_string_append_c(o, ',');
    slant_report_csv_field(o, versus ? versus : "");
    g_string_append_c(o, ',');
    g_string_append(o, kind);
    g_string_append_c(o, ',');
    slant_report_csv_field(o, id ? id : "");
    g_string_append_c(o, ',');
    g_string_append(o, metric);
    g_string_append_c(o, ',');
    num(o, value);
    g_string_append_c(o, ',');
    num(o, lo);
    g_string_append_c(o, ',');
    num(o, hi);
    g_string_append_c(o, ',');
    if (pattern != NULL) {
        slant_report_csv_field(o, pattern);
        g_string_append_c(o, ',');
        g_string_append(o, pole);
        g_string_append_printf(o, ",%" G_GINT64_FORMAT, hits);
    } else {
        g_string_append(o, ",,");
    }
    g_string_append(o, "\r\n");
}

/* The entries behind an axis's or a category's number (@kind), a row each;
 * a category entry's pole is "none". */
static void
drivers(GString *o, const SlantReport *r, const char *group, const char *versus,
        const char *kind, const char *id, const GArray *d, const char *metric)
{
    for (guint i = 0; i < d->len; i++) {
        const SlantDriver *x = &g_array_index(d, SlantDriver, i);
        const SlantEntry *e = slant_lexicon_entry(r->lex, x->entry);
        row(o, "driver", group, versus, kind, id, metric, x->contribution, NAN, NAN, e->pattern,
            slant_pole_name(e->pole), x->hits);
    }
}

static void
format_groups(guint first, guint end, GString *o, gpointer *state, gpointer user)
{
    (void) state;
    const SlantReport *r = user;
    for (guint i = first; i < end; i++) {
        const SlantSourceResult *s = slant_report_group(r, i);
        row(o, "group", s->name, NULL, "group", NULL, "documents", (double) s->documents, NAN, NAN,
            NULL, NULL, 0);
        row(o, "group", s->name, NULL, "group", NULL, "tokens", (double) s->tokens, NAN, NAN, NULL,
            NULL, 0);
        row(o, "group", s->name, NULL, "group", NULL, "sentences", (double) s->sentences, NAN, NAN,
            NULL, NULL, 0);
        for (guint a = 0; a < r->na; a++) {
            const SlantAxisResult *x = &s->axes[a];
            const char *id = slant_lexicon_axis(r->lex, a)->id;
            row(o, "group", s->name, NULL, "axis", id, "hits_positive", (double) x->hits_pos, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "axis", id, "hits_negative", (double) x->hits_neg, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "axis", id, "negated", (double) x->negated, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "axis", id, "quoted", (double) x->quoted, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "axis", id, "weight_positive", x->pos, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "axis", id, "weight_negative", x->neg, NAN, NAN, NULL, NULL, 0);
            for (int k = 0; k < SLANT_N_SCORES; k++)
                row(o, "group", s->name, NULL, "axis", id, slant_score_name(k), x->pooled[k], x->lo[k],
                    x->hi[k], NULL, NULL, 0);
            for (int k = 0; k < SLANT_N_SCORES; k++) {
                g_autofree char *m = g_strconcat("mean_", slant_score_name(k), NULL);
                row(o, "group", s->name, NULL, "axis", id, m, x->mean[k], NAN, NAN, NULL, NULL, 0);
            }
            drivers(o, r, s->name, NULL, "axis", id, x->drivers, "weight");
        }
        for (guint c = 0; c < r->nc; c++) {
            const SlantCategoryResult *cr = &s->categories[c];
            const char *id = slant_lexicon_category(r->lex, c)->id;
            row(o, "group", s->name, NULL, "category", id, "hits", (double) cr->hits, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "category", id, "negated", (double) cr->negated, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "category", id, "quoted", (double) cr->quoted, NAN, NAN, NULL, NULL, 0);
            row(o, "group", s->name, NULL, "category", id, "per_1k", cr->per_1k, cr->lo, cr->hi, NULL, NULL, 0);
            drivers(o, r, s->name, NULL, "category", id, cr->drivers, "hits");
        }
    }
}

static void
format_comparisons(guint first, guint end, GString *o, gpointer *state, gpointer user)
{
    const SlantReport *r = user;
    if (*state == NULL)
        *state = slant_pair_work_new(r->agg);
    SlantPairIter it;
    slant_pair_iter_init(&it, r, first);
    guint ia, ib;
    for (guint p = first; p < end && slant_pair_iter_next(&it, &ia, &ib); p++) {
        const SlantComparison *c = slant_aggregate_compare(r->agg, ia, ib, *state);
        const char *a = slant_report_group_name(r, ia), *b = slant_report_group_name(r, ib);
        if (slant_aggregate_options(r->agg)->matched) {
            row(o, "comparison", a, b, "group", NULL, "matched_units", (double) c->units, NAN, NAN, NULL, NULL, 0);
            row(o, "comparison", a, b, "group", NULL, "only_a", (double) c->only_a, NAN, NAN, NULL, NULL, 0);
            row(o, "comparison", a, b, "group", NULL, "only_b", (double) c->only_b, NAN, NAN, NULL, NULL, 0);
        }
        for (guint x = 0; x < r->na; x++) {
            const SlantAxisComparison *ac = &c->axes[x];
            const char *id = slant_lexicon_axis(r->lex, x)->id;
            for (int k = 0; k < SLANT_N_SCORES; k++)
                row(o, "comparison", a, b, "axis", id, slant_score_name(k),
                    c->empty ? NAN : ac->diff[k], c->empty ? NAN : ac->lo[k],
                    c->empty ? NAN : ac->hi[k], NULL, NULL, 0);
            if (!c->empty)
                drivers(o, r, a, b, "axis", id, ac->drivers, "difference_per_1k");
        }
        for (guint k = 0; k < r->nc; k++) {
            const char *id = slant_lexicon_category(r->lex, k)->id;
            row(o, "comparison", a, b, "category", id, "difference_per_1k",
                c->empty ? NAN : c->category_diff[k], c->empty ? NAN : c->category_lo[k],
                c->empty ? NAN : c->category_hi[k], NULL, NULL, 0);
            if (!c->empty)
                drivers(o, r, a, b, "category", id, c->category_drivers[k], "difference_per_1k");
        }
    }
}

static void
free_work(gpointer p)
{
    slant_pair_work_free(p);
}

gboolean
slant_report_write_csv(const SlantReport *r, SlantPool *pool, SlantWriteFunc write, gpointer user,
                       GError **error)
{
    return write(header, strlen(header), user, error) &&
           slant_pool_map_ordered(pool, r->n_groups, GROUPS_CHUNK, format_groups, (gpointer) r, NULL,
                                  write, user, error) &&
           slant_pool_map_ordered(pool, r->n_comparisons, COMPARISONS_CHUNK, format_comparisons,
                                  (gpointer) r, free_work, write, user, error);
}

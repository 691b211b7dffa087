/* report-private.h: the report model's insides, shared by its writers
 * (report-json.c, report-csv.c, report-text.c, report-html.c).  Not an API.
 *
 * A writer is one function that walks the model: the groups (the
 * aggregate's sources, by name) and the comparisons the design asks for,
 * in order.  To add a format: one file report-NAME.c with a
 * SlantReportWriterFunc, and one row in report.c's table. */
#ifndef SLANT_REPORT_PRIVATE_H
#define SLANT_REPORT_PRIVATE_H

#include "pool.h"
#include "jsonw.h"
#include "report.h"

G_BEGIN_DECLS

/* The comparisons of the design, walked in order. */
struct _SlantReport {
    const SlantReportInput *in;
    const SlantLexicon *lex;
    const SlantAggregate *agg;
    guint na, nc, n_groups;
    SlantPairMode pairs;        /* resolved: never AUTO */
    char *reason;               /* why, in words */
    gint reference;             /* SLANT_PAIRS_REFERENCE: its index */
    GArray *list;               /* REFERENCE and LIST: guint a, b per comparison */
    guint n_comparisons;
    guint64 documents, tokens;  /* over all groups */
    guint64 without_value;      /* documents in the group "(none)" */
    /* in->inputs and in->skipped (borrowed elements), sorted by name (and
     * line), so that the order inputs came in, or shards were merged in,
     * changes no writer's output */
    GPtrArray *inputs, *skipped;
};

typedef gboolean (*SlantReportWriterFunc)(const SlantReport *r, SlantPool *pool,
                                          SlantWriteFunc write, gpointer user, GError **error);

gboolean slant_report_write_json(const SlantReport *r, SlantPool *pool, SlantWriteFunc write,
                                 gpointer user, GError **error);
gboolean slant_report_write_csv(const SlantReport *r, SlantPool *pool, SlantWriteFunc write,
                                gpointer user, GError **error);
gboolean slant_report_write_text(const SlantReport *r, SlantPool *pool, SlantWriteFunc write,
                                 gpointer user, GError **error);
gboolean slant_report_write_html(const SlantReport *r, SlantPool *pool, SlantWriteFunc write,
                                 gpointer user, GError **error);

/* SlantPairIter: the comparisons in order, from any of them on. */
typedef struct {
    const SlantReport *r;
    guint i, a, b;
} SlantPairIter;

/* slant_pair_iter_init: stand before comparison @first. */
void slant_pair_iter_init(SlantPairIter *it, const SlantReport *r, guint first);
/* slant_pair_iter_next: the groups of the next comparison (b may be
 * SLANT_REST); FALSE past the last. */
gboolean slant_pair_iter_next(SlantPairIter *it, guint *a, guint *b);

/* The name of group @i, or of the rest. */
const char *slant_report_group_name(const SlantReport *r, guint i);

/* The group at @i (sorted by name). */
static inline const SlantSourceResult *
slant_report_group(const SlantReport *r, guint i)
{
    return slant_aggregate_source(r->agg, i);
}

/* slant_report_axis_pole: the name of @axis's pole @pole (+1, -1). */
const char *slant_report_pole_name(const SlantReport *r, guint axis, int pole);

/* How many threads a writer should use for @n items of @chunk each: none
 * to spare for a small report. */
guint slant_report_threads_for(const SlantReport *r, guint n, guint chunk);

/* ---- JSON members, for the writers of reports and documents ---- */

static inline void
put_number(SlantJsonWriter *w, double v)
{
    char buf[64];
    slant_jsonw_raw(w, slant_report_number(v, buf, sizeof buf));
}

static inline void
put_key_number(SlantJsonWriter *w, const char *key, double v)
{
    slant_jsonw_key(w, key);
    put_number(w, v);
}

static inline void
put_key_uint(SlantJsonWriter *w, const char *key, guint64 v)
{
    slant_jsonw_key(w, key);
    slant_jsonw_uint(w, v);
}

static inline void
put_key_string(SlantJsonWriter *w, const char *key, const char *v)
{
    slant_jsonw_key(w, key);
    slant_jsonw_string(w, v);
}

static inline void
put_key_null(SlantJsonWriter *w, const char *key)
{
    slant_jsonw_key(w, key);
    slant_jsonw_raw(w, "null");
}

static inline void
put_key_bool(SlantJsonWriter *w, const char *key, gboolean v)
{
    slant_jsonw_key(w, key);
    slant_jsonw_raw(w, v ? "true" : "false");
}

static inline void
put_key_string_or_null(SlantJsonWriter *w, const char *key, const char *v)
{
    if (v != NULL)
        put_key_string(w, key, v);
    else
        put_key_null(w, key);
}

G_END_DECLS

#endif

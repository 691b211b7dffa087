/* report.h: the JSON outputs (DESIGN.md §7).
 *
 * cJSON is used here, at the edge.  Numbers are written with at most
 * SLANT_REPORT_DECIMALS decimals (rounded, trailing zeros dropped, never
 * "-0"), objects keep a fixed key order, arrays are sorted: the same
 * inputs give the same bytes.  The report's shape is described by the JSON
 * Schema in engine/report.schema.json; SLANT_SCHEMA_VERSION changes with it.
 */
#ifndef SLANT_REPORT_H
#define SLANT_REPORT_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "engine.h"
#include "lexicon.h"
#include "score.h"

G_BEGIN_DECLS

#define SLANT_SCHEMA_VERSION "2.0.0"
#define SLANT_REPORT_DECIMALS 6

/* Everything a compare report is made of. */
typedef struct {
    const SlantLexicon *lex;
    const GPtrArray *inputs;     /* SlantInputInfo*, in run order */
    const GPtrArray *skipped;    /* SlantSkip*, in run order */
    const SlantAggregate *agg;   /* finished */
    gboolean strict;
    gsize max_document_bytes;
    cJSON *documents;            /* nullable array of slant_report_result() objects; taken over */
    const char *group_by;        /* the grouping key as written; NULL: "source" */
    const char *match;           /* the matched design's key, or NULL */
} SlantReportInput;

/* Called with consecutive pieces of output; FALSE (with @error) stops. */
typedef gboolean (*SlantWriteFunc)(const char *data, gsize len, gpointer user, GError **error);

/* slant_report_compare_write: write the compare report, indented JSON text
 * ending in a newline, piece by piece: sources and comparisons are
 * formatted a batch at a time (on slant_aggregate_options()->threads
 * threads; 0 or 1: the caller's alone) and written in order, so memory does
 * not grow with the report and the bytes do not depend on the threads.
 * @write is called from the caller's thread only. */
gboolean slant_report_compare_write(const SlantReportInput *in, SlantWriteFunc write,
                                    gpointer user, GError **error);

/* What a document's object holds beyond its scores and labels. */
typedef enum {
    SLANT_RESULT_SCORES = 0,
    SLANT_RESULT_HITS = 1 << 0,    /* every hit (the result must carry tokens) */
    SLANT_RESULT_ENTRIES = 1 << 1, /* hits per entry, sparse: a document x entry table */
} SlantResultParts;

/* slant_report_result: one document's scores and labels, with @parts, as
 * a new cJSON object. */
cJSON *slant_report_result(const SlantLexicon *lex, const SlantResult *r, SlantResultParts parts);

/* slant_report_add_labels: @doc's labels as the member "labels" of @obj,
 * an object keyed by the flattened names, each value of its own type. */
void slant_report_add_labels(cJSON *obj, const SlantDocument *doc);

/* slant_report_number: @v formatted as the reports write numbers, into
 * @buf (at least 40 bytes): printf's "%.6f" (the exact binary value
 * rounded to nearest, ties to even), trailing zeros and a trailing dot
 * dropped, "-0" written "0", non-finite values "null".  Returns @buf. */
const char *slant_report_number(double v, char *buf, gsize size);

/* slant_report_number_slow: the same through g_ascii_formatd, for every
 * value; slant_report_number() falls back to it where its fast path cannot
 * be sure of the rounding.  The reference for the tests. */
const char *slant_report_number_slow(double v, char *buf, gsize size);

/* slant_report_add_number: add @v to @obj under @key as a raw number. */
void slant_report_add_number(cJSON *obj, const char *key, double v);

G_END_DECLS

#endif

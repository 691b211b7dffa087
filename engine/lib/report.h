/* report.h: the compare report (DESIGN.md §7) and the per-document outputs.
 *
 * One report model, several writers.  A SlantReport is made from a
 * finished aggregate and the run's inputs, skips and parameters; it fixes
 * the groups and the comparisons the design asks for; a writer walks it:
 *
 *   json   the report of engine/report.schema.json, indented as cJSON
 *          prints it, schema-versioned (SLANT_SCHEMA_VERSION)
 *   csv    tidy long format (RFC 4180): one row per group x measure x
 *          metric with value, lower, upper; comparisons and drivers alike
 *   html   one self-contained page with inline SVG plots
 *   text   a short summary for a person at a terminal
 *
 * Every writer streams: groups and comparisons are formatted a batch at a
 * time on the aggregate's threads (pool.h) and written in order, so memory
 * does not grow with the report and the bytes do not depend on threads.
 * Numbers are written with at most SLANT_REPORT_DECIMALS decimals (rounded,
 * trailing zeros dropped, never "-0"); objects keep a fixed key order,
 * arrays are sorted: the same inputs give the same bytes.
 */
#ifndef SLANT_REPORT_H
#define SLANT_REPORT_H

#include <glib.h>

#include "engine.h"
#include "lexicon.h"
#include "score.h"

G_BEGIN_DECLS

#define SLANT_SCHEMA_VERSION "2.0.0"
#define SLANT_REPORT_DECIMALS 6

/* Which pairs of groups a report compares. */
typedef enum {
    SLANT_PAIRS_AUTO,      /* ALL up to SLANT_AUTO_PAIRS_MAX_GROUPS groups, else REST */
    SLANT_PAIRS_ALL,       /* every pair a < b, by name */
    SLANT_PAIRS_REST,      /* each group against the rest of the corpus */
    SLANT_PAIRS_REFERENCE, /* each group against one */
    SLANT_PAIRS_LIST,      /* the pairs given, in their order */
    SLANT_PAIRS_NONE,
} SlantPairMode;

#define SLANT_AUTO_PAIRS_MAX_GROUPS 40
#define SLANT_REST_NAME "(rest)"

typedef struct {
    SlantPairMode mode;
    const char *reference;     /* SLANT_PAIRS_REFERENCE: the group */
    const char *const *list;   /* SLANT_PAIRS_LIST: a, b, a, b, ..., NULL */
} SlantPairDesign;

/* slant_pair_mode_name: "auto", "all", "rest", "reference", "list", "none". */
const char *slant_pair_mode_name(SlantPairMode mode);

/* slant_pair_design_parse: --pairs SPEC (auto, all, none, rest, or
 * "A,B;C,D": the pairs, commas between a pair's groups, semicolons between
 * pairs) and --reference GROUP (nullable) into @design, whose list strings
 * are then in *@storage (free with g_strfreev()).  FALSE with a usage error
 * naming what is wrong. */
gboolean slant_pair_design_parse(const char *spec, const char *reference, SlantPairDesign *design,
                                 char ***storage, GError **error);

/* Everything a compare report is made of.  The report borrows all of it. */
typedef struct {
    const SlantLexicon *lex;
    const GPtrArray *inputs;     /* SlantInputInfo*, in run order */
    const GPtrArray *skipped;    /* SlantSkip*, in run order */
    const SlantAggregate *agg;   /* finished */
    gboolean strict;
    gsize max_document_bytes;
    const GPtrArray *documents;  /* nullable: char*, each document's object as
                                  * slant_report_document_pretty() makes it at depth 2
                                  * (JSON only) */
    const char *group_by;        /* the grouping key as written; NULL: "source" */
    const char *match;           /* the matched design's key, or NULL */
    SlantPairDesign pairs;       /* zeroed: auto */
    const char *const *only;     /* --groups: the groups kept, NULL-terminated, or NULL */
    guint64 left_out;            /* documents of the other groups, with @only */
    SlantVoice voice;            /* which hits the run counted (the engine's option) */
} SlantReportInput;

typedef enum {
    SLANT_FORMAT_JSON,
    SLANT_FORMAT_CSV,
    SLANT_FORMAT_HTML,
    SLANT_FORMAT_TEXT,
} SlantReportFormat;

/* slant_report_format_parse: "json", "csv", "html" or "text"; FALSE otherwise. */
gboolean slant_report_format_parse(const char *name, SlantReportFormat *format);
const char *slant_report_format_name(SlantReportFormat format);

typedef struct _SlantReport SlantReport;

/* slant_report_new: the model of the report of @in (which must outlive it):
 * the design resolved (auto made all or rest, with its reason).  NULL with
 * a usage error when the design names a group the report does not have, or
 * asks for the rest in a matched design. */
SlantReport *slant_report_new(const SlantReportInput *in, GError **error);
void slant_report_free(SlantReport *report); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantReport, slant_report_free)

/* The methods behind a report's numbers, in words: name and text, in the
 * order the report lists them, only those of its design (rest, matched).
 * One table for every writer (meta.methods in JSON, the HTML's methods). */
typedef struct {
    const char *name;
    const char *text;
} SlantMethodText;

#define SLANT_REPORT_MAX_METHODS 16

/* slant_report_methods: fills @out, returns how many. */
guint slant_report_methods(const SlantReport *report,
                           SlantMethodText out[SLANT_REPORT_MAX_METHODS]);

/* Called with consecutive pieces of output; FALSE (with @error) stops. */
typedef gboolean (*SlantWriteFunc)(const char *data, gsize len, gpointer user, GError **error);

/* slant_report_write: write @report in @format, piece by piece (from the
 * caller's thread only), formatting on slant_aggregate_options()->threads
 * threads.  FALSE as soon as @write fails. */
gboolean slant_report_write(const SlantReport *report, SlantReportFormat format,
                            SlantWriteFunc write, gpointer user, GError **error);

/* ---- per-document outputs ---- */

/* What a document's object holds beyond its scores and labels. */
typedef enum {
    SLANT_RESULT_SCORES = 0,
    SLANT_RESULT_HITS = 1 << 0,    /* every hit (the result must carry tokens) */
    SLANT_RESULT_ENTRIES = 1 << 1, /* hits per entry, sparse: a document x entry table */
} SlantResultParts;

/* slant_report_document_line: one document as a JSON object on one line,
 * ending in "\n" (a line of `slant score`); *len gets its length.  Free
 * with g_free(). */
char *slant_report_document_line(const SlantLexicon *lex, const SlantResult *r,
                                 SlantResultParts parts, gsize *len);

/* slant_report_document_pretty: the same object indented as it stands at
 * @depth of a report (1: an element of a top-level array, as `explain
 * --json` writes them; 2: an element of the report's "documents"), without
 * a final newline. */
char *slant_report_document_pretty(const SlantLexicon *lex, const SlantResult *r,
                                   SlantResultParts parts, guint depth);

/* CSV of documents, one row each: id, source, input, line, title, date,
 * tokens, sentences, per axis AXIS.hits_positive, AXIS.hits_negative,
 * AXIS.negated, AXIS.quoted, AXIS.positive ... AXIS.intensity_per_1k, per
 * category CATEGORY.hits, CATEGORY.negated and CATEGORY.quoted, then one column
 * "label.NAME" per name of @label_columns (NULL-terminated; a label a
 * document lacks is an empty cell; a label's value as its JSON text unless
 * a string), then "labels": all the document's labels as one JSON object. */
void slant_report_document_csv_header(GString *out, const SlantLexicon *lex,
                                      const char *const *label_columns);
void slant_report_document_csv_row(GString *out, const SlantLexicon *lex, const SlantResult *r,
                                   const char *const *label_columns);

/* slant_report_csv_field: @s as one CSV field (RFC 4180: quoted when it
 * holds a comma, a quote, a CR or LF, or leading or trailing space). */
void slant_report_csv_field(GString *out, const char *s);

/* ---- numbers ---- */

/* slant_report_number: @v formatted as the reports write numbers, into
 * @buf (at least 40 bytes): printf's "%.6f" (the exact binary value
 * rounded to nearest, ties to even), trailing zeros and a trailing dot
 * dropped, "-0" written "0", non-finite values "null".  Returns @buf. */
const char *slant_report_number(double v, char *buf, gsize size);

/* slant_report_number_slow: the same through g_ascii_formatd, for every
 * value; slant_report_number() falls back to it where its fast path cannot
 * be sure of the rounding.  The reference for the tests. */
const char *slant_report_number_slow(double v, char *buf, gsize size);

G_END_DECLS

#endif

/* diff.h: two slant outputs compared (`slant diff`), the CI gate.
 *
 * Reads two compare reports, or two `slant score` outputs (JSON Lines),
 * and compares every number found at the same place in both, driven by
 * the structure rather than a list of keys, so that members the report
 * gains later are compared too:
 *
 *   groups       sources[] matched by "name": documents, tokens, sentences,
 *                per axis (matched by id) hits, weights, pooled and
 *                document-mean scores, intervals
 *   categories   sources[].categories (matched by id): counts and rates
 *   pairs        comparisons[] matched by ("a", "b", "kind"), whatever "b"
 *                holds: differences, intervals, matched units
 *   documents    score lines, or a report's documents[], matched by "id":
 *                tokens, sentences, per axis scores and hits, per category
 *                hits
 *   summary      the report's summary (and any top-level member not named
 *                here): totals that follow from the groups, so context
 *   meta         meta (engine version, lexicon name, version and sha256,
 *                inputs' formats and counts, every parameter, grouping,
 *                design, methods), the axis and category definitions and
 *                schema_version
 *
 * Not compared: every member named "path" (and a document's "input" and
 * "line"), so a moved file is no change; "drivers" and a document's "hits"
 * and "entries" (they explain the numbers that are compared: a term
 * crossing the top-N cut is not a change of measurement); the report's
 * "skipped" (its count is in the summary).
 *
 * Each value compared is one check, a SlantDiffItem, with a role:
 *   value     drift when |new - old| exceeds its tolerance, or with
 *             @significant, for a value that has an interval in the old
 *             report (pooled scores, pair differences, and any number whose
 *             object or its parent's holds an "interval" with its name),
 *             when it lies outside that interval
 *   interval  an interval's bounds (and its unit, units, level): a change
 *             is reported, drift only with @intervals (then by tolerance)
 *   context   meta, the summary, a document's source, title, date, url and
 *             labels, and members that appear or disappear in a fixed-key
 *             object (a report format change): reported, drift only with
 *             @strict_meta
 *   member    a group, pair, axis, category or document that is in one
 *             file only: drift unless @allow_new
 * "Exceeds" allows for the decimals the reports are rounded to: |delta| >
 * tolerance + 1e-9 max(1, |old|, |new|), so a change of exactly the
 * tolerance is not drift.
 *
 * A tolerance is looked up by the metric's path below its group, pair or
 * document, axis or category id included ("alliance.pooled.balance"):
 * a --tolerance NAME (dotted allowed: "pooled.balance") applies where its
 * segments stand in that path as a run; the longest name that applies
 * wins, then the one nearer the end.  So "balance" covers every balance
 * (pooled, document mean, difference, interval), "hits" every hit count,
 * "alliance" a whole axis.
 *
 * Memory: the files are mapped and indexed (an offset per group, pair and
 * document); one group, pair or document of each file is parsed at a
 * time.  The result keeps the changes (and with @keep_unchanged every
 * check, for JUnit output).
 */
#ifndef SLANT_DIFF_H
#define SLANT_DIFF_H

#include <glib.h>

G_BEGIN_DECLS

#define SLANT_DIFF_DEFAULT_TOLERANCE 1e-6

/* What was read. */
typedef enum {
    SLANT_DIFF_REPORT, /* a compare (or merge) report */
    SLANT_DIFF_SCORES, /* `slant score` output: one document per line */
} SlantDiffType;

typedef enum {
    SLANT_DIFF_KIND_META,
    SLANT_DIFF_KIND_GROUPS,
    SLANT_DIFF_KIND_CATEGORIES,
    SLANT_DIFF_KIND_PAIRS,
    SLANT_DIFF_KIND_DOCUMENTS,
    SLANT_DIFF_KIND_SUMMARY,
    SLANT_DIFF_N_KINDS
} SlantDiffKind;

typedef enum {
    SLANT_DIFF_SAME,
    SLANT_DIFF_CHANGED,
    SLANT_DIFF_ADDED,   /* in the new file only */
    SLANT_DIFF_REMOVED, /* in the old file only */
} SlantDiffChange;

typedef enum {
    SLANT_DIFF_ROLE_VALUE,
    SLANT_DIFF_ROLE_INTERVAL,
    SLANT_DIFF_ROLE_CONTEXT,
    SLANT_DIFF_ROLE_MEMBER,
} SlantDiffRole;

typedef enum {
    SLANT_DIFF_ABSENT, /* not in this file (added or removed) */
    SLANT_DIFF_NUMBER, /* v[0] */
    SLANT_DIFF_BOUNDS, /* [v[0], v[1]], an interval */
    SLANT_DIFF_TEXT,   /* anything else: text holds it as compact JSON */
} SlantDiffValueType;

/* One side of a check.  @text is set for SLANT_DIFF_TEXT (compact JSON,
 * strings quoted; objects and arrays added or removed whole are written
 * "{...}" and "[N items]"), and only when the check is not SAME. */
typedef struct {
    SlantDiffValueType type;
    double v[2];
    const char *text;
} SlantDiffValue;

/* Where a check stands below its group, pair or document.  Shared by the
 * checks of every group at that place; lives as long as the SlantDiff. */
typedef struct {
    const char *scope;      /* "axis", "category" or NULL */
    const char *id;         /* the axis or category id, or NULL */
    const char *name;       /* the path below the id (or the group), e.g.
                             * "pooled.balance", "interval.balance",
                             * "documents"; for meta the path from the top,
                             * "meta.lexicon.sha256"; "" for a whole group,
                             * pair, axis, category or document */
    double tolerance;       /* the tolerance that applies to it */
    const char *tolerance_name; /* the --tolerance NAME that set it; NULL: the default */
} SlantDiffMetric;

/* One check.  Strings live as long as the SlantDiff. */
typedef struct {
    const SlantDiffMetric *metric;
    const char *a;          /* the group, a pair's "a", the document id; NULL for meta and summary */
    const char *b;          /* a pair's "b" (as text when not a string; " [KIND]" appended
                             * when the pair has a "kind"), else NULL */
    SlantDiffValue old_value, new_value;
    double delta;           /* new - old for numbers; for bounds the larger change of the two
                             * (signed); NAN otherwise */
    double interval[2];     /* with by_interval: the old interval the new value was held to */
    SlantDiffKind kind;
    SlantDiffChange change;
    SlantDiffRole role;
    gboolean drift;
    gboolean by_interval;   /* judged against the old interval (significant), not by tolerance */
} SlantDiffItem;

typedef struct {
    guint64 checked;   /* checks, whatever their outcome */
    guint64 changed;   /* checks that are not SAME */
    guint64 drift;     /* checks that are drift */
    guint64 within;    /* values changed within their tolerance (role value, not drift) */
    guint64 intervals; /* interval changes (role interval) */
    guint64 context;   /* context changes (role context) */
    guint64 added;     /* groups, pairs, axes, categories, documents in the new file only */
    guint64 removed;   /* ... in the old file only */
} SlantDiffCounts;

typedef struct {
    char *name;
    double tolerance;
} SlantDiffTolerance;

/* Options; embed and set up with slant_diff_options_init(). */
typedef struct {
    double tolerance;        /* the default (SLANT_DIFF_DEFAULT_TOLERANCE) */
    GPtrArray *tolerances;   /* SlantDiffTolerance*, owned; per metric name, a later one for
                              * the same name replaces the earlier */
    gboolean significant;    /* values with an interval: drift when outside the old interval */
    gboolean intervals;      /* interval changes are drift (by tolerance) */
    gboolean allow_new;      /* added and removed groups, pairs, ... are not drift */
    gboolean strict_meta;    /* context changes are drift */
    gboolean keep_unchanged; /* keep every check, not only the changes */
} SlantDiffOptions;

void slant_diff_options_init(SlantDiffOptions *o);
void slant_diff_options_clear(SlantDiffOptions *o);

/* slant_diff_options_add_tolerance: parse @spec, "NAME=T" (a tolerance for
 * a metric) or "T" (the default), T a finite number >= 0.  A bad spec is
 * SLANT_ERROR_USAGE. */
gboolean slant_diff_options_add_tolerance(SlantDiffOptions *o, const char *spec, GError **error);

typedef struct SlantDiff SlantDiff;

/* slant_diff_files: compare the files @old_path and @new_path ("-" is
 * standard input, for one of them).  Errors: SLANT_ERROR_IO (a file
 * missing or unreadable, named), SLANT_ERROR_JSON (not JSON:
 * "FILE:LINE:COL: ..."), SLANT_ERROR_FORMAT (JSON, but not a slant report
 * or score output, or one with a group or document twice), SLANT_ERROR_USAGE
 * (a report and a score output).  @o is read during the call only. */
SlantDiff *slant_diff_files(const char *old_path, const char *new_path, const SlantDiffOptions *o,
                            GError **error);

/* slant_diff_texts: the same on texts in memory (not copied: they must
 * outlive the call only), named @old_name and @new_name in messages. */
SlantDiff *slant_diff_texts(const char *old_name, const char *old_text, gsize old_len,
                            const char *new_name, const char *new_text, gsize new_len,
                            const SlantDiffOptions *o, GError **error);

void slant_diff_free(SlantDiff *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantDiff, slant_diff_free)

SlantDiffType slant_diff_type(const SlantDiff *d);

/* slant_diff_drift: TRUE when some check is drift (the gate fails). */
gboolean slant_diff_drift(const SlantDiff *d);

/* slant_diff_items: the checks of @kind kept (the changes; every check
 * with keep_unchanged), in the order of the new file, then what the old
 * file alone has; *@n is set to their number.  The array belongs to @d. */
const SlantDiffItem *slant_diff_items(const SlantDiff *d, SlantDiffKind kind, gsize *n);

/* slant_diff_counts: the counts of @kind, or of all kinds with
 * SLANT_DIFF_N_KINDS. */
const SlantDiffCounts *slant_diff_counts(const SlantDiff *d, SlantDiffKind kind);

/* slant_diff_ranked: the changes (not SAME), drift first, then by
 * slant_diff_item_magnitude(), largest first, then in item order.  A new
 * array of const SlantDiffItem* (free it; the items belong to @d). */
GPtrArray *slant_diff_ranked(const SlantDiff *d);

/* slant_diff_item_magnitude: how far a change goes relative to its
 * tolerance: |delta| / tolerance (for a value held to an interval, its
 * half-width); INFINITY for a change that has no delta (text, added,
 * removed) or a tolerance of 0; 0 for SAME. */
double slant_diff_item_magnitude(const SlantDiffItem *it);

/* slant_diff_unmatched_tolerances: the --tolerance names that applied to
 * no check (a misspelt metric?), NULL-terminated; belongs to @d. */
const char *const *slant_diff_unmatched_tolerances(const SlantDiff *d);

/* Stable lowercase names: "meta", "groups", "categories", "pairs",
 * "documents", "summary"; "same", "changed", "added", "removed"; "value",
 * "interval", "context", "member"; "report", "scores". */
const char *slant_diff_kind_name(SlantDiffKind kind);
const char *slant_diff_change_name(SlantDiffChange change);
const char *slant_diff_role_name(SlantDiffRole role);
const char *slant_diff_type_name(SlantDiffType type);

G_END_DECLS

#endif

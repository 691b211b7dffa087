/* cmd-diff.c: `slant diff OLD NEW`, the CI gate: two reports (or two score
 * outputs) compared (diff.h), formatted as text, JSON, JUnit XML, GitHub
 * workflow commands or Markdown. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diff.h"
#include "jsonw.h"
#include "report.h"
#include "slant-error.h"

#define DEFAULT_LIMIT 20
#define FLUSH_AT (1 << 20)

typedef enum { FMT_TEXT, FMT_JSON, FMT_JUNIT, FMT_GITHUB, FMT_MARKDOWN } Format;

typedef struct {
    const char *old_path, *new_path;
    const SlantDiffOptions *opts;
    const SlantDiff *d;
    gint limit;
} Ctx;

/* ---- pieces every format uses ----------------------------------------- */

static void
append_number(GString *s, double v)
{
    char buf[64];
    g_string_append(s, slant_report_number(v, buf, sizeof buf));
}

/* A tolerance: the report's decimals, or %g below them. */
static void
append_tolerance(GString *s, double t)
{
    if (t == 0 || t >= 1e-6)
        append_number(s, t);
    else
        g_string_append_printf(s, "%g", t);
}

static void
append_value(GString *s, const SlantDiffItem *it, const SlantDiffValue *v)
{
    switch (v->type) {
    case SLANT_DIFF_ABSENT:
        g_string_append(s, "-");
        break;
    case SLANT_DIFF_NUMBER:
        append_number(s, v->v[0]);
        break;
    case SLANT_DIFF_BOUNDS:
        g_string_append_c(s, '[');
        append_number(s, v->v[0]);
        g_string_append(s, ", ");
        append_number(s, v->v[1]);
        g_string_append_c(s, ']');
        break;
    case SLANT_DIFF_TEXT:
        g_string_append(s, it->role == SLANT_DIFF_ROLE_MEMBER || v->text == NULL ? "present" : v->text);
        break;
    }
}

static const char *
member_noun(const SlantDiffItem *it)
{
    if (it->metric->scope != NULL)
        return it->metric->scope;
    switch (it->kind) {
    case SLANT_DIFF_KIND_GROUPS: return "group";
    case SLANT_DIFF_KIND_PAIRS: return "pair";
    case SLANT_DIFF_KIND_DOCUMENTS: return "document";
    default: return "member";
    }
}

/* "group Valley Voice axis alliance", "pair A vs B category threat", "meta" */
static void
append_where(GString *s, const SlantDiffItem *it)
{
    switch (it->kind) {
    case SLANT_DIFF_KIND_META:
    case SLANT_DIFF_KIND_SUMMARY:
        g_string_append(s, slant_diff_kind_name(it->kind));
        return;
    case SLANT_DIFF_KIND_GROUPS:
    case SLANT_DIFF_KIND_CATEGORIES:
        g_string_append_printf(s, "group %s", it->a);
        break;
    case SLANT_DIFF_KIND_PAIRS:
        g_string_append_printf(s, "pair %s vs %s", it->a, it->b ? it->b : "");
        break;
    case SLANT_DIFF_KIND_DOCUMENTS:
        g_string_append_printf(s, "document %s", it->a);
        break;
    default:
        break;
    }
    if (it->metric->scope != NULL)
        g_string_append_printf(s, " %s %s", it->metric->scope, it->metric->id);
}

/* The metric, or "(added)"/"(removed)" for a whole group, pair, axis,
 * category or document. */
static void
append_metric(GString *s, const SlantDiffItem *it)
{
    if (it->role == SLANT_DIFF_ROLE_MEMBER)
        g_string_append(s, it->change == SLANT_DIFF_ADDED ? "(added)" : "(removed)");
    else
        g_string_append(s, it->metric->name);
}

/* "alliance.pooled.balance", "(group)": JUnit's test name */
static void
append_test_name(GString *s, const SlantDiffItem *it)
{
    const SlantDiffMetric *m = it->metric;
    if (m->id != NULL) {
        g_string_append(s, m->id);
        if (m->name[0] != '\0')
            g_string_append_printf(s, ".%s", m->name);
    } else if (m->name[0] != '\0') {
        g_string_append(s, m->name);
    } else {
        g_string_append_printf(s, "(%s)", member_noun(it));
    }
}

/* The readable path in the report: sources[Valley Voice].axes.alliance.pooled.balance */
static void
append_path(GString *s, const SlantDiffItem *it)
{
    const SlantDiffMetric *m = it->metric;
    switch (it->kind) {
    case SLANT_DIFF_KIND_META:
    case SLANT_DIFF_KIND_SUMMARY:
        g_string_append(s, m->name);
        return;
    case SLANT_DIFF_KIND_GROUPS:
    case SLANT_DIFF_KIND_CATEGORIES:
        g_string_append_printf(s, "sources[%s]", it->a);
        break;
    case SLANT_DIFF_KIND_PAIRS:
        g_string_append_printf(s, "comparisons[%s, %s]", it->a, it->b ? it->b : "");
        break;
    case SLANT_DIFF_KIND_DOCUMENTS:
        g_string_append_printf(s, "documents[%s]", it->a);
        break;
    default:
        break;
    }
    if (m->scope != NULL)
        g_string_append_printf(s, ".%s.%s", strcmp(m->scope, "axis") == 0 ? "axes" : "categories",
                               m->id);
    if (m->name[0] != '\0')
        g_string_append_printf(s, ".%s", m->name);
}

/* "tolerance 0.02" or "outside the old interval [a, b]" */
static void
append_judgement(GString *s, const SlantDiffItem *it)
{
    if (it->by_interval) {
        g_string_append_printf(s, "%s the old interval [", it->drift ? "outside" : "inside");
        append_number(s, it->interval[0]);
        g_string_append(s, ", ");
        append_number(s, it->interval[1]);
        g_string_append_c(s, ']');
        return;
    }
    switch (it->role) {
    case SLANT_DIFF_ROLE_CONTEXT:
        g_string_append(s, it->drift ? "context, drift with --strict-meta"
                                     : "context: not drift without --strict-meta");
        return;
    case SLANT_DIFF_ROLE_MEMBER:
        g_string_append(s, it->drift ? "drift without --allow-new" : "allowed by --allow-new");
        return;
    default:
        break;
    }
    if (isnan(it->delta)) {
        g_string_append(s, "no tolerance applies to a change of type");
        return;
    }
    g_string_append(s, "tolerance ");
    append_tolerance(s, it->metric->tolerance);
    if (it->role == SLANT_DIFF_ROLE_INTERVAL && !it->drift)
        g_string_append(s, "; an interval: not drift without --intervals");
}

static const char *
status_word(const SlantDiffItem *it)
{
    if (it->drift)
        return "drift";
    switch (it->role) {
    case SLANT_DIFF_ROLE_VALUE: return "within";
    case SLANT_DIFF_ROLE_INTERVAL: return "interval";
    case SLANT_DIFF_ROLE_CONTEXT: return "context";
    case SLANT_DIFF_ROLE_MEMBER: return it->change == SLANT_DIFF_ADDED ? "added" : "removed";
    }
    return "";
}

static const char *
plural(guint64 n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "2 drift, 1 changed within tolerance, 4 intervals moved (not drift
 * without --intervals), 1 context change (not drift without
 * --strict-meta), 1 added, 0 removed" */
static void
append_totals(GString *s, const Ctx *c)
{
    const SlantDiffCounts *t = slant_diff_counts(c->d, SLANT_DIFF_N_KINDS);
    g_string_append_printf(s, "%" G_GUINT64_FORMAT " %s checked: %" G_GUINT64_FORMAT " drift",
                           t->checked, plural(t->checked, "value", "values"), t->drift);
    g_string_append_printf(s, ", %" G_GUINT64_FORMAT " changed within tolerance", t->within);
    g_string_append_printf(s, ", %" G_GUINT64_FORMAT " %s moved%s", t->intervals,
                           plural(t->intervals, "interval", "intervals"),
                           c->opts->intervals ? "" : " (not drift without --intervals)");
    g_string_append_printf(s, ", %" G_GUINT64_FORMAT " context %s%s", t->context,
                           plural(t->context, "change", "changes"),
                           c->opts->strict_meta ? "" : " (not drift without --strict-meta)");
    g_string_append_printf(s, ", %" G_GUINT64_FORMAT " added, %" G_GUINT64_FORMAT " removed%s",
                           t->added, t->removed, c->opts->allow_new ? " (allowed)" : "");
}

/* "the context changed (meta.lexicon.sha256, meta.parameters.seed): ..."
 * when it did, or nothing. */
static void
append_context_note(GString *s, const Ctx *c)
{
    const SlantDiffCounts *t = slant_diff_counts(c->d, SLANT_DIFF_N_KINDS);
    if (t->context == 0)
        return;
    g_string_append(s, "the context changed (");
    guint listed = 0;
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++) {
        gsize n = 0;
        const SlantDiffItem *items = slant_diff_items(c->d, (SlantDiffKind) k, &n);
        for (gsize i = 0; i < n; i++) {
            const SlantDiffItem *it = &items[i];
            if (it->change == SLANT_DIFF_SAME || it->role != SLANT_DIFF_ROLE_CONTEXT)
                continue;
            if (listed++ == 5)
                break;
            if (listed > 1)
                g_string_append(s, ", ");
            append_path(s, it);
        }
    }
    if (listed > 5)
        g_string_append(s, ", ...");
    g_string_append(s, c->opts->strict_meta
                           ? "): drift, with --strict-meta"
                           : "): reported, not drift by itself (--strict-meta makes it drift)");
}

static void
append_headline(GString *s, const Ctx *c)
{
    const SlantDiffCounts *t = slant_diff_counts(c->d, SLANT_DIFF_N_KINDS);
    if (t->drift > 0)
        g_string_append_printf(s, "drift: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s",
                               t->drift, t->checked, plural(t->checked, "value", "values"));
    else if (t->changed > 0)
        g_string_append_printf(s, "no drift: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                                  " %s changed, none beyond what is allowed",
                               t->changed, t->checked, plural(t->checked, "value", "values"));
    else
        g_string_append_printf(s, "no change: %" G_GUINT64_FORMAT " %s the same", t->checked,
                               plural(t->checked, "value", "values"));
}

/* ---- text ------------------------------------------------------------- */

static gsize
width(const char *s)
{
    return (gsize) g_utf8_strlen(s, -1);
}

static void
pad(GString *s, const char *cell, gsize w, gboolean right)
{
    gsize n = width(cell);
    if (right)
        for (gsize i = n; i < w; i++)
            g_string_append_c(s, ' ');
    g_string_append(s, cell);
    if (!right)
        for (gsize i = n; i < w; i++)
            g_string_append_c(s, ' ');
}

#define N_COLS 7
#define CELL_MAX 24

/* A long text (a sha256) cut for a table cell: the JSON output has it whole. */
static void
shorten(GString *cell)
{
    if (width(cell->str) <= CELL_MAX)
        return;
    const char *cut = g_utf8_offset_to_pointer(cell->str, CELL_MAX - 3);
    g_string_truncate(cell, (gsize) (cut - cell->str));
    g_string_append(cell, "...");
}

static void
row_cells(const SlantDiffItem *it, GString **cells)
{
    for (int k = 0; k < N_COLS; k++)
        g_string_truncate(cells[k], 0);
    g_string_append(cells[0], status_word(it));
    append_where(cells[1], it);
    append_metric(cells[2], it);
    append_value(cells[3], it, &it->old_value);
    append_value(cells[4], it, &it->new_value);
    if (it->old_value.type == SLANT_DIFF_TEXT)
        shorten(cells[3]);
    if (it->new_value.type == SLANT_DIFF_TEXT)
        shorten(cells[4]);
    if (!isnan(it->delta))
        append_number(cells[5], it->delta);
    if (it->by_interval) {
        g_string_append_c(cells[6], '[');
        append_number(cells[6], it->interval[0]);
        g_string_append(cells[6], ", ");
        append_number(cells[6], it->interval[1]);
        g_string_append_c(cells[6], ']');
    } else if (!isnan(it->delta) &&
               (it->role == SLANT_DIFF_ROLE_VALUE || it->role == SLANT_DIFF_ROLE_INTERVAL)) {
        append_tolerance(cells[6], it->metric->tolerance);
    }
}

static void
format_text(GString *out, const Ctx *c)
{
    g_string_append(out, "slant diff: ");
    append_headline(out, c);
    g_string_append_printf(out, "\nold %s, new %s (%s)\n", c->old_path, c->new_path,
                           slant_diff_type(c->d) == SLANT_DIFF_REPORT ? "reports" : "score outputs");
    g_autoptr(GPtrArray) ranked = slant_diff_ranked(c->d);
    guint shown = c->limit > 0 ? MIN(ranked->len, (guint) c->limit) : ranked->len;
    if (shown > 0) {
        static const char *const heads[N_COLS] = {"status", "where", "metric", "old", "new",
                                                  "delta", "tolerance"};
        GString *cells[N_COLS];
        gsize w[N_COLS];
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
        for (int k = 0; k < N_COLS; k++) {
            cells[k] = g_string_new(NULL);
            w[k] = width(heads[k]);
        }
        for (guint i = 0; i < shown; i++) {
            row_cells(ranked->pdata[i], cells);
            for (int k = 0; k < N_COLS; k++) {
                w[k] = MAX(w[k], width(cells[k]->str));
                g_ptr_array_add(rows, g_strdup(cells[k]->str));
            }
        }
        g_string_append_c(out, '\n');
        for (guint i = 0; i <= shown; i++) {
            GString *line = g_string_new(NULL);
            for (int k = 0; k < N_COLS; k++) {
                const char *cell = i == 0 ? heads[k] : rows->pdata[(i - 1) * N_COLS + (guint) k];
                if (k > 0)
                    g_string_append(line, "  ");
                pad(line, cell, w[k], k >= 3);
            }
            while (line->len > 0 && line->str[line->len - 1] == ' ')
                g_string_truncate(line, line->len - 1);
            g_string_append_printf(out, "%s\n", line->str);
            g_string_free(line, TRUE);
        }
        for (int k = 0; k < N_COLS; k++)
            g_string_free(cells[k], TRUE);
        if (shown < ranked->len)
            g_string_append_printf(out, "... %u more %s (--limit 0 shows all, --format json lists all)\n",
                                   ranked->len - shown, plural(ranked->len - shown, "change", "changes"));
        g_string_append_c(out, '\n');
    }
    append_totals(out, c);
    g_string_append(out, "\n");
    g_autoptr(GString) note = g_string_new(NULL);
    append_context_note(note, c);
    if (note->len > 0)
        g_string_append_printf(out, "%s\n", note->str);
}

/* ---- JSON ------------------------------------------------------------- */

static void
json_number(SlantJsonWriter *w, double v)
{
    char buf[64];
    if (v != 0 && fabs(v) < 1e-6) {
        g_snprintf(buf, sizeof buf, "%.17g", v);
        slant_jsonw_raw(w, buf);
    } else {
        slant_jsonw_raw(w, slant_report_number(v, buf, sizeof buf));
    }
}

static void
json_value(SlantJsonWriter *w, const SlantDiffItem *it, const SlantDiffValue *v)
{
    switch (v->type) {
    case SLANT_DIFF_ABSENT:
        slant_jsonw_raw(w, "null");
        break;
    case SLANT_DIFF_NUMBER:
        json_number(w, v->v[0]);
        break;
    case SLANT_DIFF_BOUNDS:
        slant_jsonw_begin_array(w);
        json_number(w, v->v[0]);
        json_number(w, v->v[1]);
        slant_jsonw_end_array(w);
        break;
    case SLANT_DIFF_TEXT:
        if (it->role == SLANT_DIFF_ROLE_MEMBER || v->text == NULL)
            slant_jsonw_raw(w, "true");
        else if (v->text[0] == '{' || v->text[0] == '[') /* "{...}", "[3 items]" */
            slant_jsonw_string(w, v->text);
        else
            slant_jsonw_raw(w, v->text); /* compact JSON */
        break;
    }
}

static void
json_counts(SlantJsonWriter *w, const SlantDiffCounts *t)
{
    slant_jsonw_begin_object(w);
    struct {
        const char *k;
        guint64 v;
    } rows[] = {{"checked", t->checked}, {"changed", t->changed},     {"drift", t->drift},
                {"within", t->within},   {"intervals", t->intervals}, {"context", t->context},
                {"added", t->added},     {"removed", t->removed}};
    for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
        slant_jsonw_key(w, rows[i].k);
        slant_jsonw_uint(w, rows[i].v);
    }
    slant_jsonw_end_object(w);
}

static void
json_item(SlantJsonWriter *w, const SlantDiffItem *it, GString *scratch)
{
    const SlantDiffMetric *m = it->metric;
    slant_jsonw_begin_object(w);
    slant_jsonw_key(w, "kind");
    slant_jsonw_string(w, slant_diff_kind_name(it->kind));
    switch (it->kind) {
    case SLANT_DIFF_KIND_GROUPS:
    case SLANT_DIFF_KIND_CATEGORIES:
        slant_jsonw_key(w, "group");
        slant_jsonw_string(w, it->a);
        break;
    case SLANT_DIFF_KIND_PAIRS:
        slant_jsonw_key(w, "a");
        slant_jsonw_string(w, it->a);
        slant_jsonw_key(w, "b");
        slant_jsonw_string(w, it->b ? it->b : "");
        break;
    case SLANT_DIFF_KIND_DOCUMENTS:
        slant_jsonw_key(w, "document");
        slant_jsonw_string(w, it->a);
        break;
    default:
        break;
    }
    if (m->scope != NULL) {
        slant_jsonw_key(w, m->scope);
        slant_jsonw_string(w, m->id);
    }
    slant_jsonw_key(w, "metric");
    slant_jsonw_string(w, m->name);
    g_string_truncate(scratch, 0);
    append_path(scratch, it);
    slant_jsonw_key(w, "path");
    slant_jsonw_string(w, scratch->str);
    slant_jsonw_key(w, "change");
    slant_jsonw_string(w, slant_diff_change_name(it->change));
    slant_jsonw_key(w, "role");
    slant_jsonw_string(w, slant_diff_role_name(it->role));
    slant_jsonw_key(w, "drift");
    slant_jsonw_raw(w, it->drift ? "true" : "false");
    slant_jsonw_key(w, "old");
    json_value(w, it, &it->old_value);
    slant_jsonw_key(w, "new");
    json_value(w, it, &it->new_value);
    slant_jsonw_key(w, "delta");
    if (isnan(it->delta))
        slant_jsonw_raw(w, "null");
    else
        json_number(w, it->delta);
    if (it->by_interval) {
        slant_jsonw_key(w, "judged_by");
        slant_jsonw_string(w, "interval");
        slant_jsonw_key(w, "interval");
        slant_jsonw_begin_array(w);
        json_number(w, it->interval[0]);
        json_number(w, it->interval[1]);
        slant_jsonw_end_array(w);
    } else if ((it->role == SLANT_DIFF_ROLE_VALUE || it->role == SLANT_DIFF_ROLE_INTERVAL) &&
               !isnan(it->delta)) {
        slant_jsonw_key(w, "judged_by");
        slant_jsonw_string(w, "tolerance");
        slant_jsonw_key(w, "tolerance");
        json_number(w, m->tolerance);
        slant_jsonw_key(w, "tolerance_name");
        if (m->tolerance_name != NULL)
            slant_jsonw_string(w, m->tolerance_name);
        else
            slant_jsonw_raw(w, "null");
    }
    slant_jsonw_end_object(w);
}

static gboolean
flush(CliOut *out, GString *s, gboolean force, GError **error)
{
    if (s->len < FLUSH_AT && !force)
        return TRUE;
    gboolean ok = cli_out_write(out, s->str, s->len, error);
    g_string_truncate(s, 0);
    return ok;
}

static gboolean
write_json(CliOut *out, const Ctx *c, GError **error)
{
    g_autoptr(GString) s = g_string_new(NULL);
    g_autoptr(GString) scratch = g_string_new(NULL);
    SlantJsonWriter w;
    slant_jsonw_init(&w, s, 0);
    slant_jsonw_begin_object(&w);
    for (int side = 0; side < 2; side++) {
        slant_jsonw_key(&w, side == 0 ? "old" : "new");
        slant_jsonw_begin_object(&w);
        slant_jsonw_key(&w, "file");
        slant_jsonw_string(&w, side == 0 ? c->old_path : c->new_path);
        slant_jsonw_key(&w, "type");
        slant_jsonw_string(&w, slant_diff_type_name(slant_diff_type(c->d)));
        slant_jsonw_end_object(&w);
    }
    slant_jsonw_key(&w, "drift");
    slant_jsonw_raw(&w, slant_diff_drift(c->d) ? "true" : "false");
    slant_jsonw_key(&w, "options");
    slant_jsonw_begin_object(&w);
    slant_jsonw_key(&w, "tolerance");
    json_number(&w, c->opts->tolerance);
    slant_jsonw_key(&w, "tolerances");
    slant_jsonw_begin_object(&w);
    for (guint i = 0; i < c->opts->tolerances->len; i++) {
        const SlantDiffTolerance *t = c->opts->tolerances->pdata[i];
        gboolean later = FALSE; /* a later one for the same name wins */
        for (guint j = i + 1; j < c->opts->tolerances->len && !later; j++)
            later = strcmp(((const SlantDiffTolerance *) c->opts->tolerances->pdata[j])->name, t->name) == 0;
        if (later)
            continue;
        slant_jsonw_key(&w, t->name);
        json_number(&w, t->tolerance);
    }
    slant_jsonw_end_object(&w);
    struct {
        const char *k;
        gboolean v;
    } flags[] = {{"significant", c->opts->significant},
                 {"intervals", c->opts->intervals},
                 {"allow_new", c->opts->allow_new},
                 {"strict_meta", c->opts->strict_meta}};
    for (gsize i = 0; i < G_N_ELEMENTS(flags); i++) {
        slant_jsonw_key(&w, flags[i].k);
        slant_jsonw_raw(&w, flags[i].v ? "true" : "false");
    }
    slant_jsonw_end_object(&w);
    slant_jsonw_key(&w, "counts");
    json_counts(&w, slant_diff_counts(c->d, SLANT_DIFF_N_KINDS));
    slant_jsonw_key(&w, "by_kind");
    slant_jsonw_begin_object(&w);
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++) {
        slant_jsonw_key(&w, slant_diff_kind_name((SlantDiffKind) k));
        json_counts(&w, slant_diff_counts(c->d, (SlantDiffKind) k));
    }
    slant_jsonw_end_object(&w);
    slant_jsonw_key(&w, "unmatched_tolerances");
    slant_jsonw_begin_array(&w);
    for (const char *const *u = slant_diff_unmatched_tolerances(c->d); *u != NULL; u++)
        slant_jsonw_string(&w, *u);
    slant_jsonw_end_array(&w);
    slant_jsonw_key(&w, "changes");
    slant_jsonw_begin_array(&w);
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++) {
        gsize n = 0;
        const SlantDiffItem *items = slant_diff_items(c->d, (SlantDiffKind) k, &n);
        for (gsize i = 0; i < n; i++) {
            if (items[i].change == SLANT_DIFF_SAME)
                continue;
            json_item(&w, &items[i], scratch);
            if (!flush(out, s, FALSE, error))
                return FALSE;
        }
    }
    slant_jsonw_end_array(&w);
    slant_jsonw_end_object(&w);
    g_string_append_c(s, '\n');
    return flush(out, s, TRUE, error);
}

/* ---- JUnit XML -------------------------------------------------------- */

static void
xml_escape(GString *s, const char *text)
{
    g_autofree char *valid = g_utf8_validate(text, -1, NULL) ? NULL : g_utf8_make_valid(text, -1);
    for (const char *p = valid ? valid : text; *p != '\0'; p++) {
        switch (*p) {
        case '&': g_string_append(s, "&amp;"); break;
        case '<': g_string_append(s, "&lt;"); break;
        case '>': g_string_append(s, "&gt;"); break;
        case '"': g_string_append(s, "&quot;"); break;
        case '\'': g_string_append(s, "&apos;"); break;
        case '\n': g_string_append(s, "&#10;"); break;
        case '\t': g_string_append(s, "&#9;"); break;
        case '\r': g_string_append(s, "&#13;"); break;
        default:
            /* other control characters cannot stand in XML 1.0 at all */
            if ((guchar) *p < 0x20)
                g_string_append(s, "\xEF\xBF\xBD");
            else
                g_string_append_c(s, *p);
        }
    }
}

/* "old 1, new 0.8, delta -0.2, tolerance 0.000001" */
static void
append_change(GString *s, const SlantDiffItem *it)
{
    if (it->role == SLANT_DIFF_ROLE_MEMBER) {
        g_string_append_printf(s, "%s %s (%s)", member_noun(it),
                               it->change == SLANT_DIFF_ADDED ? "added: in NEW only"
                                                              : "removed: in OLD only",
                               it->drift ? "drift without --allow-new" : "allowed by --allow-new");
        return;
    }
    g_string_append(s, "old ");
    append_value(s, it, &it->old_value);
    g_string_append(s, ", new ");
    append_value(s, it, &it->new_value);
    if (!isnan(it->delta)) {
        g_string_append(s, ", delta ");
        append_number(s, it->delta);
    }
    g_string_append(s, ", ");
    append_judgement(s, it);
}

static gboolean
write_junit(CliOut *out, const Ctx *c, GError **error)
{
    g_autoptr(GString) s = g_string_new(NULL);
    g_autoptr(GString) t = g_string_new(NULL);
    const SlantDiffCounts *all = slant_diff_counts(c->d, SLANT_DIFF_N_KINDS);
    g_string_append(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    g_string_append_printf(s, "<testsuites name=\"slant diff\" tests=\"%" G_GUINT64_FORMAT
                              "\" failures=\"%" G_GUINT64_FORMAT "\" errors=\"0\">\n",
                           all->checked, all->drift);
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++) {
        const SlantDiffCounts *kc = slant_diff_counts(c->d, (SlantDiffKind) k);
        if (kc->checked == 0)
            continue;
        g_string_append_printf(s, "\t<testsuite name=\"%s\" tests=\"%" G_GUINT64_FORMAT
                                  "\" failures=\"%" G_GUINT64_FORMAT "\" errors=\"0\">\n",
                               slant_diff_kind_name((SlantDiffKind) k), kc->checked, kc->drift);
        gsize n = 0;
        const SlantDiffItem *items = slant_diff_items(c->d, (SlantDiffKind) k, &n);
        for (gsize i = 0; i < n; i++) {
            const SlantDiffItem *it = &items[i];
            g_string_append(s, "\t\t<testcase classname=\"");
            g_string_truncate(t, 0);
            switch (it->kind) {
            case SLANT_DIFF_KIND_PAIRS:
                g_string_append_printf(t, "%s vs %s", it->a, it->b ? it->b : "");
                break;
            case SLANT_DIFF_KIND_META:
            case SLANT_DIFF_KIND_SUMMARY:
                g_string_append(t, slant_diff_kind_name(it->kind));
                break;
            default:
                g_string_append(t, it->a);
            }
            xml_escape(s, t->str);
            g_string_append(s, "\" name=\"");
            g_string_truncate(t, 0);
            append_test_name(t, it);
            xml_escape(s, t->str);
            if (it->change == SLANT_DIFF_SAME) {
                g_string_append(s, "\"/>\n");
            } else {
                g_string_append(s, "\">\n");
                g_string_truncate(t, 0);
                append_change(t, it);
                if (it->drift) {
                    g_string_append(s, "\t\t\t<failure type=\"drift\" message=\"");
                    xml_escape(s, t->str);
                    g_string_append(s, "\">");
                    g_string_truncate(t, 0);
                    append_path(t, it);
                    g_string_append(t, ": ");
                    append_change(t, it);
                    xml_escape(s, t->str);
                    g_string_append(s, "</failure>\n");
                } else {
                    g_string_append(s, "\t\t\t<system-out>");
                    xml_escape(s, t->str);
                    g_string_append(s, "</system-out>\n");
                }
                g_string_append(s, "\t\t</testcase>\n");
            }
            if (!flush(out, s, FALSE, error))
                return FALSE;
        }
        g_string_append(s, "\t</testsuite>\n");
    }
    g_string_append(s, "</testsuites>\n");
    return flush(out, s, TRUE, error);
}

/* ---- GitHub workflow commands ----------------------------------------- */

/* The data of a workflow command: '%', CR and LF escaped. */
static void
gh_escape(GString *s, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '%')
            g_string_append(s, "%25");
        else if (*p == '\r')
            g_string_append(s, "%0D");
        else if (*p == '\n')
            g_string_append(s, "%0A");
        else
            g_string_append_c(s, *p);
    }
}

/* "group Valley Voice axis alliance metric pooled.balance: -0.8 -> -0.82
 * (tolerance 0.000001)" */
static void
append_github_message(GString *s, const SlantDiffItem *it)
{
    append_where(s, it);
    if (it->role == SLANT_DIFF_ROLE_MEMBER) {
        g_string_append_printf(s, ": %s", it->change == SLANT_DIFF_ADDED ? "added (in NEW only)"
                                                                         : "removed (in OLD only)");
        return;
    }
    if (it->kind == SLANT_DIFF_KIND_META || it->kind == SLANT_DIFF_KIND_SUMMARY)
        g_string_truncate(s, 0); /* the metric is the path from the top */
    else
        g_string_append(s, " metric ");
    g_string_append_printf(s, "%s: ", it->metric->name);
    append_value(s, it, &it->old_value);
    g_string_append(s, " -> ");
    append_value(s, it, &it->new_value);
    g_string_append(s, " (");
    append_judgement(s, it);
    g_string_append(s, ")");
}

static void
format_github(GString *out, const Ctx *c)
{
    g_autoptr(GPtrArray) ranked = slant_diff_ranked(c->d);
    g_autoptr(GString) m = g_string_new(NULL);
    guint errors = 0, warnings = 0, more_errors = 0, more_warnings = 0;
    for (guint i = 0; i < ranked->len; i++) {
        const SlantDiffItem *it = ranked->pdata[i];
        gboolean err = it->drift;
        gboolean warn = !err && it->role == SLANT_DIFF_ROLE_CONTEXT;
        if (!err && !warn)
            continue;
        guint *n = err ? &errors : &warnings;
        if (c->limit > 0 && *n >= (guint) c->limit) {
            (*(err ? &more_errors : &more_warnings))++;
            continue;
        }
        (*n)++;
        g_string_truncate(m, 0);
        append_github_message(m, it);
        g_string_append(out, err ? "::error title=slant drift::" : "::warning title=slant context::");
        gh_escape(out, m->str);
        g_string_append_c(out, '\n');
    }
    if (more_errors > 0)
        g_string_append_printf(out, "::error title=slant drift::%u more drift %s (--limit 0 shows all; "
                                    "--format json lists all)\n",
                               more_errors, plural(more_errors, "value", "values"));
    if (more_warnings > 0)
        g_string_append_printf(out, "::warning title=slant context::%u more context %s\n", more_warnings,
                               plural(more_warnings, "change", "changes"));
    g_string_truncate(m, 0);
    append_headline(m, c);
    g_string_append(m, "; ");
    append_totals(m, c);
    g_string_append(out, "::notice title=slant diff::");
    gh_escape(out, m->str);
    g_string_append_c(out, '\n');
}

/* ---- Markdown --------------------------------------------------------- */

static void
md_escape(GString *s, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n' || *p == '\r') {
            g_string_append_c(s, ' ');
            continue;
        }
        if (strchr("\\`*_[]<>|~", *p) != NULL)
            g_string_append_c(s, '\\');
        g_string_append_c(s, *p);
    }
}

static void
format_markdown(GString *out, const Ctx *c)
{
    g_autoptr(GString) cell = g_string_new(NULL);
    const SlantDiffCounts *t = slant_diff_counts(c->d, SLANT_DIFF_N_KINDS);
    g_string_append_printf(out, "### slant diff: %s\n\n", t->drift ? "drift" : "no drift");
    g_string_truncate(cell, 0);
    append_headline(cell, c);
    md_escape(out, cell->str);
    g_string_append(out, " (old `");
    md_escape(out, c->old_path);
    g_string_append(out, "`, new `");
    md_escape(out, c->new_path);
    g_string_append(out, "`).\n\n");
    g_autoptr(GPtrArray) ranked = slant_diff_ranked(c->d);
    guint shown = c->limit > 0 ? MIN(ranked->len, (guint) c->limit) : ranked->len;
    if (shown > 0) {
        g_string_append(out, "| status | where | metric | old | new | delta | tolerance |\n"
                             "|---|---|---|--:|--:|--:|--:|\n");
        GString *cells[N_COLS];
        for (int k = 0; k < N_COLS; k++)
            cells[k] = g_string_new(NULL);
        for (guint i = 0; i < shown; i++) {
            const SlantDiffItem *it = ranked->pdata[i];
            row_cells(it, cells);
            g_string_append(out, "|");
            for (int k = 0; k < N_COLS; k++) {
                g_string_append_c(out, ' ');
                if (k == 0 && it->drift)
                    g_string_append(out, "**drift**");
                else if (k == 2 && strchr(cells[k]->str, '`') == NULL)
                    g_string_append_printf(out, "`%s`", cells[k]->str);
                else
                    md_escape(out, cells[k]->str);
                g_string_append(out, " |");
            }
            g_string_append_c(out, '\n');
        }
        for (int k = 0; k < N_COLS; k++)
            g_string_free(cells[k], TRUE);
        if (shown < ranked->len)
            g_string_append_printf(out, "\n%u more %s not shown (`slant diff --format json` lists all).\n",
                                   ranked->len - shown, plural(ranked->len - shown, "change", "changes"));
        g_string_append_c(out, '\n');
    }
    g_string_truncate(cell, 0);
    append_totals(cell, c);
    g_string_append_c(cell, '.');
    md_escape(out, cell->str);
    g_string_append_c(out, '\n');
    g_string_truncate(cell, 0);
    append_context_note(cell, c);
    if (cell->len > 0) {
        g_string_append_c(out, '\n');
        md_escape(out, cell->str);
        g_string_append(out, ".\n");
    }
}

/* ---- the command ------------------------------------------------------ */

static gboolean
on_tolerance(const char *name, const char *value, gpointer data, GError **error)
{
    (void) name;
    return slant_diff_options_add_tolerance(data, value, error);
}

int
cmd_diff(int argc, char **argv, GError **error)
{
    SlantDiffOptions opts;
    slant_diff_options_init(&opts);
    char *format = NULL, *output = NULL;
    gint limit = DEFAULT_LIMIT;
    int status = 2;
    g_autoptr(GOptionContext) ctx = g_option_context_new("OLD NEW - compare two reports or two score outputs");
    g_option_context_set_summary(ctx,
        "Compare two `slant compare` reports (or two `slant score` outputs) value by value:\n"
        "groups by name, axes and categories by id, pairs by (a, b), documents by id. Exit 1\n"
        "when something drifts: a value moved beyond its tolerance, or a group, pair, axis,\n"
        "category or document was added or removed. Paths are not compared, so a moved\n"
        "file is no change; meta (lexicon sha256, parameters, engine version) is reported\n"
        "as a change of context, not drift. Exit 0 no drift, 1 drift, 2 usage, 4 a file\n"
        "missing, unreadable, or not a slant report or score output.");
    GOptionGroup *main_group = g_option_group_new(NULL, NULL, NULL, &opts, NULL);
    GOptionEntry entries[] = {
        {"tolerance", 't', 0, G_OPTION_ARG_CALLBACK, (gpointer) on_tolerance,
         "T: the tolerance of every value (default 1e-6); METRIC=T: of one metric (balance, "
         "net_per_1k, hits, pooled.balance, an axis id...); repeatable", "[METRIC=]T"},
        {"significant", 0, 0, G_OPTION_ARG_NONE, &opts.significant,
         "A value with an interval (pooled scores, pair differences) drifts when it leaves the old interval",
         NULL},
        {"intervals", 0, 0, G_OPTION_ARG_NONE, &opts.intervals,
         "A change of an interval's bounds beyond the tolerance is drift (default: reported)", NULL},
        {"allow-new", 0, 0, G_OPTION_ARG_NONE, &opts.allow_new,
         "Groups, pairs, axes, categories or documents added or removed are not drift", NULL},
        {"strict-meta", 0, 0, G_OPTION_ARG_NONE, &opts.strict_meta,
         "A change of context (lexicon, parameters, engine version, report format) is drift", NULL},
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
         "text (default on a terminal), json (default otherwise), junit, github or markdown", "FORMAT"},
        {"limit", 0, 0, G_OPTION_ARG_INT, &limit,
         "Changes shown by text, markdown and github (default 20; 0: all)", "N"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         "Write to FILE (whole or not at all) instead of standard output", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_option_group_add_entries(main_group, entries);
    g_option_context_set_main_group(ctx, main_group);
    SlantDiff *d = NULL;
    if (!cli_parse(ctx, &argc, &argv, error))
        goto out;
    Format fmt = output == NULL && isatty(STDOUT_FILENO) ? FMT_TEXT : FMT_JSON;
    if (format != NULL) {
        static const char *const names[] = {"text", "json", "junit", "github", "markdown"};
        gsize i = 0;
        while (i < G_N_ELEMENTS(names) && strcmp(format, names[i]) != 0)
            i++;
        if (i == G_N_ELEMENTS(names)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "--format '%s': give text, json, junit, github or markdown", format);
            goto out;
        }
        fmt = (Format) i;
    }
    if (limit < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--limit %d: give a number >= 0", limit);
        goto out;
    }
    if (argc != 3) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "diff: give two files, OLD and NEW (%d given)", argc - 1);
        goto out;
    }
    opts.keep_unchanged = fmt == FMT_JUNIT; /* a test case per value checked */
    d = slant_diff_files(argv[1], argv[2], &opts, error);
    if (d == NULL) {
        status = g_error_matches(*error, SLANT_ERROR, SLANT_ERROR_USAGE) ? 2 : 4;
        goto out;
    }
    for (const char *const *u = slant_diff_unmatched_tolerances(d); *u != NULL; u++)
        fprintf(stderr, "slant: warning: --tolerance '%s' applied to no value\n", *u);
    /* names to show ("-" is standard input) */
    Ctx c = {strcmp(argv[1], "-") == 0 ? "standard input" : argv[1],
             strcmp(argv[2], "-") == 0 ? "standard input" : argv[2], &opts, d, limit};
    CliOut *o = cli_out_open(output, error);
    if (o == NULL) {
        status = 4;
        goto out;
    }
    gboolean ok;
    if (fmt == FMT_JSON) {
        ok = write_json(o, &c, error);
    } else if (fmt == FMT_JUNIT) {
        ok = write_junit(o, &c, error);
    } else {
        g_autoptr(GString) s = g_string_new(NULL);
        if (fmt == FMT_TEXT)
            format_text(s, &c);
        else if (fmt == FMT_GITHUB)
            format_github(s, &c);
        else
            format_markdown(s, &c);
        ok = cli_out_write(o, s->str, s->len, error);
    }
    if (!cli_out_close(o, ok, ok ? error : NULL) || !ok) {
        status = 4;
        goto out;
    }
    status = 0;
    if (slant_diff_drift(d)) {
        const SlantDiffCounts *t = slant_diff_counts(d, SLANT_DIFF_N_KINDS);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED,
                    "diff: drift: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s",
                    t->drift, t->checked, plural(t->checked, "value", "values"));
        status = 1;
    }
out:
    slant_diff_free(d);
    slant_diff_options_clear(&opts);
    g_free(format);
    g_free(output);
    return status;
}

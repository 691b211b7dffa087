/* report-html.c: the report as one self-contained HTML page for people to
 * read and print: inline SVG, no script, nothing fetched, the same bytes
 * for the same report (no date, no random id).
 *
 *   header       what was compared: the lexicon (name, version, sha256,
 *                description), the inputs with their documents, the
 *                grouping, the pair design and why, the parameters, what
 *                was skipped, and the methods in words (those of the JSON
 *                report's meta)
 *   per axis     a forest plot of the groups by pooled balance with their
 *                intervals, documents and hits per pole; the differences:
 *                a matrix of a - b when the design is every pair, else a
 *                dot plot of each comparison (against the rest, against a
 *                reference, or the pairs listed); each group's driver terms
 *                as diverging bars
 *   categories   each category's rate per group with its interval, and the
 *                largest differences of the comparisons
 *   matched      for a matched design, the units each pair shares
 *   groups       the groups' documents, tokens, sentences and bootstrap units
 *
 * Long lists are cut, and the page says so where it cuts: plots with a row
 * per group show the SLANT_HTML_LIST_MAX groups with the most documents, the matrix
 * and the panels per group the SLANT_HTML_GRID_MAX groups with the most documents
 * (ties by name); the JSON report has everything.  Every text from the
 * corpus, the lexicon or the command line goes through html.h's escaping.
 *
 * The comparisons are computed once, a batch at a time on the pool's
 * threads, and taken in the design's order: each one's numbers go where the
 * page needs them (a row of a dot plot, a cell of the matrix, the largest
 * differences of each category, a row of the matched units), and nothing
 * else is kept, so memory does not grow with the number of comparisons and
 * the bytes do not depend on the threads. */
#include "report-html-private.h"

#include "labels.h"
#include "slant-error.h"

static gboolean
flush(SlantHtmlPage *p, SlantWriteFunc write, gpointer user, GError **error)
{
    gboolean ok = p->o->len == 0 || write(p->o->str, p->o->len, user, error);
    g_string_truncate(p->o, 0);
    return ok;
}

static gint
cmp_docs(gconstpointer x, gconstpointer y, gpointer user)
{
    const SlantHtmlPage *p = user;
    guint a = *(const guint *) x, b = *(const guint *) y;
    guint64 da = group(p, a)->documents, db = group(p, b)->documents;
    if (da != db)
        return da > db ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* ---- the one pass over the comparisons ---- */

static void
keep_category_best(GArray *best, const SlantHtmlCatPair *c)
{
    /* largest |difference| first, then the design's order */
    guint pos = best->len;
    while (pos > 0) {
        const SlantHtmlCatPair *x = &g_array_index(best, SlantHtmlCatPair, pos - 1);
        double ax = fabs(x->v.d), ac = fabs(c->v.d);
        if (ax > ac || (ax == ac && x->index < c->index))
            break;
        pos--;
    }
    if (pos >= SLANT_HTML_CATEGORY_PAIRS)
        return;
    g_array_insert_val(best, pos, *c);
    if (best->len > SLANT_HTML_CATEGORY_PAIRS)
        g_array_set_size(best, SLANT_HTML_CATEGORY_PAIRS);
}

/* The comparisons are made a batch at a time on the pool's threads, each
 * written as a record (a SlantHtmlPair, then a SlantHtmlDiff per axis, then one per
 * category) into the batch's buffer; the records come back in the design's
 * order and are taken in that order on the caller's thread, so what the
 * page keeps does not depend on the threads. */
#define COMPARISONS_CHUNK 64

typedef struct {
    SlantHtmlPage *p;
    gsize record;         /* bytes of one record */
    GString *partial;     /* a record cut between two pieces */
    SlantHtmlDiff *diffs; /* room for one record's Diffs */
} Gather;

static void
compare_batch(guint first, guint end, GString *out, gpointer *state, gpointer user)
{
    const SlantHtmlPage *p = user;
    const SlantReport *r = p->r;
    if (*state == NULL)
        *state = slant_pair_work_new(r->agg);
    SlantPairIter it;
    slant_pair_iter_init(&it, r, first);
    guint a, b;
    for (guint index = first; index < end && slant_pair_iter_next(&it, &a, &b); index++) {
        const SlantComparison *c = slant_aggregate_compare(r->agg, a, b, *state);
        SlantHtmlPair pair;
        memset(&pair, 0, sizeof pair); /* the padding too: the bytes are copied */
        pair = (SlantHtmlPair){index, a, b, c->empty, c->units, c->only_a, c->only_b};
        g_string_append_len(out, (const char *) &pair, sizeof pair);
        for (guint x = 0; x < r->na; x++) {
            const SlantAxisComparison *ac = &c->axes[x];
            SlantHtmlDiff v = {ac->diff[SLANT_SCORE_BALANCE], ac->lo[SLANT_SCORE_BALANCE],
                               ac->hi[SLANT_SCORE_BALANCE]};
            g_string_append_len(out, (const char *) &v, sizeof v);
        }
        for (guint k = 0; k < r->nc; k++) {
            SlantHtmlDiff v = {c->empty ? 0 : c->category_diff[k], c->empty ? 0 : c->category_lo[k],
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
take(SlantHtmlPage *p, const SlantHtmlPair *pair, const SlantHtmlDiff *axes,
     const SlantHtmlDiff *cats)
{
    const SlantReport *r = p->r;
    guint a = pair->a, b = pair->b;
    if (pair->empty)
        p->n_empty++;
    if (p->ao->matched && p->matched->len < SLANT_HTML_MATCHED_MAX)
        g_array_append_val(p->matched, *pair);
    if (r->pairs == SLANT_PAIRS_ALL) {
        gint i = p->grid_pos[a], j = p->grid_pos[b];
        if (i >= 0 && j >= 0) {
            gsize ij = (gsize) i * p->n_grid + (gsize) j, ji = (gsize) j * p->n_grid + (gsize) i;
            for (guint x = 0; x < r->na; x++) {
                p->cells[ij * r->na + x] = axes[x];
                p->cells[ji * r->na + x] = (SlantHtmlDiff){-axes[x].d, -axes[x].hi, -axes[x].lo};
            }
            p->cell_state[ij] = p->cell_state[ji] = pair->empty ? 2 : 1;
            p->cell_units[ij] = p->cell_units[ji] = pair->units;
        }
    } else if (r->pairs == SLANT_PAIRS_LIST || p->in_list[a]) {
        /* against the rest or a reference: the groups of the lists; pairs
         * listed: the first of them */
        p->rows_eligible++;
        if (p->rows->len < SLANT_HTML_LIST_MAX) {
            g_array_append_val(p->rows, *pair);
            g_array_append_vals(p->row_diffs, axes, r->na);
        }
    }
    if (pair->empty)
        return;
    for (guint k = 0; k < r->nc; k++) {
        SlantHtmlCatPair cp = {pair->index, a, b, cats[k]};
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
        SlantHtmlPair pair;
        memcpy(&pair, g->partial->str + at, sizeof pair);
        memcpy(g->diffs, g->partial->str + at + sizeof pair,
               (r->na + r->nc) * sizeof(SlantHtmlDiff));
        take(g->p, &pair, g->diffs, g->diffs + r->na);
    }
    g_string_erase(g->partial, 0, (gssize) at);
    return TRUE;
}

static gboolean
gather(SlantHtmlPage *p, SlantPool *pool, GError **error)
{
    const SlantReport *r = p->r;
    p->rows = g_array_new(FALSE, FALSE, sizeof(SlantHtmlPair));
    p->row_diffs = g_array_new(FALSE, FALSE, sizeof(SlantHtmlDiff));
    p->matched = g_array_new(FALSE, FALSE, sizeof(SlantHtmlPair));
    p->cat_best = g_new0(GArray *, MAX(r->nc, 1));
    for (guint c = 0; c < r->nc; c++)
        p->cat_best[c] = g_array_new(FALSE, FALSE, sizeof(SlantHtmlCatPair));
    if (r->pairs == SLANT_PAIRS_ALL) {
        gsize n = (gsize) p->n_grid * p->n_grid;
        p->cells = g_new0(SlantHtmlDiff, MAX(n * r->na, 1));
        p->cell_state = g_new0(guint8, MAX(n, 1));
        p->cell_units = g_new0(guint64, MAX(n, 1));
    }
    if (r->n_comparisons == 0)
        return TRUE;
    Gather g = {p, sizeof(SlantHtmlPair) + (r->na + r->nc) * sizeof(SlantHtmlDiff),
                g_string_new(NULL), g_new(SlantHtmlDiff, MAX(r->na + r->nc, 1))};
    gboolean ok = slant_pool_map_ordered(pool, r->n_comparisons, COMPARISONS_CHUNK, compare_batch,
                                         p, free_work, take_batch, &g, error);
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
    "@page{size:landscape;margin:12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}"
    "h2,h3{break-after:avoid}figure,tr{break-inside:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void
page_head(SlantHtmlPage *p)
{
    const SlantReport *r = p->r;
    const SlantReportInput *in = r->in;
    put(p,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
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
    put(p,
        "</header>\n<nav aria-label=\"Contents\">\n<ul>\n<li><a href=\"#compared\">What was "
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

/* Skips in the JSON report's order: by input and line. */
static void
skipped(SlantHtmlPage *p)
{
    const SlantReportInput *in = p->r->in;
    put(p, "<h3 id=\"skipped\">Skipped</h3>\n");
    if (in->skipped->len == 0) {
        put(p, "<p>Nothing was skipped.</p>\n");
        return;
    }
    put(p, "<p>%u document%s or input%s not scored:</p>\n", in->skipped->len,
        in->skipped->len == 1 ? "" : "s", in->skipped->len == 1 ? "" : "s");
    if (in->skipped->len > SLANT_HTML_SKIPS_MAX)
        put_cut_note(p, SLANT_HTML_SKIPS_MAX, in->skipped->len, "skips",
                     "the first by input and line");
    put(p, "<table>\n<thead><tr><th scope=\"col\">input</th><th scope=\"col\">line</th>"
           "<th scope=\"col\">id</th><th scope=\"col\">reason</th><th scope=\"col\">message</th>"
           "</tr></thead>\n<tbody>\n");
    const GPtrArray *skipped = p->r->skipped;
    for (guint i = 0; i < skipped->len && i < SLANT_HTML_SKIPS_MAX; i++) {
        const SlantSkip *s = skipped->pdata[i];
        put(p,
            "<tr><td><code>%e</code></td><td class=\"n\">%U</td><td>%e</td><td>%s</td>"
            "<td><code>%e</code></td></tr>\n",
            s->input, s->line, s->id ? s->id : "", slant_error_code_name(s->code), s->message);
    }
    put(p, "</tbody>\n</table>\n");
}

/* The methods, as the JSON report's meta.methods words them. */
static void
methods(SlantHtmlPage *p)
{
    const SlantReport *r = p->r;
    SlantMethodText mt[SLANT_REPORT_MAX_METHODS];
    guint n = slant_report_methods(r, mt);
    put(p, "<h3>Methods</h3>\n<p class=\"note\">P and N are the summed weights of the hits on an "
           "axis' positive and negative poles after modifiers, T the tokens.</p>\n"
           "<table class=\"kv methods\">\n");
    for (guint i = 0; i < n; i++)
        put(p, "<tr><th scope=\"row\">%s</th><td>%e</td></tr>\n", mt[i].name, mt[i].text);
    put(p, "</table>\n");
}

static void
section_compared(SlantHtmlPage *p)
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
    put(p, "<tr><th scope=\"row\">file</th><td><code>%e</code></td></tr>\n",
        slant_lexicon_path(lex));
    put(p, "<tr><th scope=\"row\">sha256</th><td><code>%e</code></td></tr>\n",
        slant_lexicon_sha256(lex));
    put(p, "<tr><th scope=\"row\">entries</th><td>%u in %u ax%s and %u categor%s</td></tr>\n",
        slant_lexicon_n_entries(lex), r->na, r->na == 1 ? "is" : "es", r->nc,
        r->nc == 1 ? "y" : "ies");
    put(p, "<tr><th scope=\"row\">stemmer</th><td>%e</td></tr>\n", slant_lexicon_language(lex));
    guint ns = slant_lexicon_n_sources(lex);
    for (guint k = 0; ns == 1 && k < ns; k++) {
        const SlantLexiconSource *src = slant_lexicon_source(lex, k);
        if (src->summary_axis >= 0)
            put(p, "<tr><th scope=\"row\">summary score</th><td>%e of axis %e%s%e</td></tr>\n",
                src->summary_score, slant_lexicon_axis(lex, (guint) src->summary_axis)->id,
                src->summary_description ? ": " : "",
                src->summary_description ? src->summary_description : "");
    }
    put(p, "</table>\n");
    if (ns > 1) {
        /* several lexicon files in one run: each with its identity */
        put(p, "<table>\n<thead><tr><th scope=\"col\">lexicon file</th><th scope=\"col\">"
               "version</th><th scope=\"col\">entries</th><th scope=\"col\">sha256</th>"
               "<th scope=\"col\">summary score</th></tr></thead>\n<tbody>\n");
        for (guint k = 0; k < ns; k++) {
            const SlantLexiconSource *src = slant_lexicon_source(lex, k);
            put(p, "<tr><td>%e (<code>%e</code>)</td><td>%e</td><td>%u</td><td><code>%e</code></td>",
                src->name, src->path, src->version, src->n_entries, src->sha256);
            if (src->summary_axis >= 0)
                put(p, "<td>%e of axis %e</td></tr>\n", src->summary_score,
                    slant_lexicon_axis(lex, (guint) src->summary_axis)->id);
            else
                put(p, "<td></td></tr>\n");
        }
        put(p, "</tbody>\n</table>\n");
    }

    put(p,
        "<h3>Inputs</h3>\n<table>\n<thead><tr><th scope=\"col\">input</th><th scope=\"col\">"
        "format</th><th scope=\"col\">documents</th><th scope=\"col\">skipped</th></tr></thead>\n"
        "<tbody>\n");
    const GPtrArray *inputs = p->r->inputs;
    for (guint i = 0; i < inputs->len; i++) {
        const SlantInputInfo *info = inputs->pdata[i];
        put(p,
            "<tr><td><code>%e</code></td><td>%s</td><td class=\"n\">%C</td><td class=\"n\">%C"
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
        put(p,
            "<tr><th scope=\"row\">documents without a value</th><td>%C (in the group "
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
        put(p,
            "<tr><th scope=\"row\">matched on</th><td><code>%e</code>: %U units, %U of them in "
            "two groups or more; %U documents without a unit (they count for their group's own "
            "scores only)</td></tr>\n",
            in->match, slant_aggregate_n_units(r->agg), slant_aggregate_n_units_shared(r->agg),
            slant_aggregate_documents_without_unit(r->agg));
    put(p, "</table>\n");

    put(p, "<h3>Parameters</h3>\n<table class=\"kv\">\n");
    put(p, "<tr><th scope=\"row\">bootstrap</th><td>%u replicates, seed %U, ", ao->bootstrap,
        ao->seed);
    put_level(p);
    put(p,
        "%% intervals, resampling documents in groups of %u documents or more, else "
        "sentences</td></tr>\n",
        (guint) SLANT_MIN_DOCUMENT_UNITS);
    put(p, "<tr><th scope=\"row\">voice</th><td>%s</td></tr>\n",
        in->voice == SLANT_VOICE_OWN      ? "own: hits outside quotation marks"
        : in->voice == SLANT_VOICE_QUOTED ? "quoted: hits inside quotation marks"
                                          : "all hits, quoted or not");
    put(p, "<tr><th scope=\"row\">top terms</th><td>%u</td></tr>\n", ao->top_terms);
    put(p, "<tr><th scope=\"row\">max document bytes</th><td>%C</td></tr>\n",
        (guint64) in->max_document_bytes);
    put(p, "<tr><th scope=\"row\">strict</th><td>%s</td></tr>\n", in->strict ? "yes" : "no");
    put(p, "<tr><th scope=\"row\">engine</th><td>slant %s</td></tr>\n</table>\n</div>\n</div>\n",
        SLANT_VERSION);

    if (r->na > 0) {
        put(p, "<h3>Axes</h3>\n<table>\n<thead><tr><th scope=\"col\">axis</th><th scope=\"col\">"
               "negative pole (left, blue)</th><th scope=\"col\">positive pole (right, orange)</th>"
               "<th scope=\"col\">negation window</th><th scope=\"col\">description</th></tr>"
               "</thead>\n<tbody>\n");
        for (guint a = 0; a < r->na; a++) {
            const SlantAxis *ax = slant_lexicon_axis(lex, a);
            put(p,
                "<tr><td><a href=\"#axis-%u\">%e</a></td><td>%e</td><td>%e</td><td>%u tokens</td>"
                "<td>%e</td></tr>\n",
                a + 1, ax->id, ax->negative, ax->positive,
                slant_lexicon_group_negation_window(lex, a), ax->description ? ax->description : "");
        }
        put(p, "</tbody>\n</table>\n");
    }
    skipped(p);
    methods(p);
    put(p, "</section>\n");
}

/* Every group (the most documented ones when there are many), by name. */
static void
section_groups(SlantHtmlPage *p)
{
    const SlantReport *r = p->r;
    put(p,
        "<section id=\"groups\" aria-labelledby=\"h-groups\">\n<h2 id=\"h-groups\">Groups</h2>\n");

    if (p->n_list < r->n_groups)
        put_cut_note(p, p->n_list, r->n_groups, "groups", "those with the most documents");
    g_autoptr(GArray) shown = slant_html_groups_sorted(p, p->n_list, SLANT_HTML_BY_NAME, 0);
    put(p, "<table>\n<thead><tr><th scope=\"col\">group</th><th scope=\"col\">documents</th>"
           "<th scope=\"col\">tokens</th><th scope=\"col\">sentences</th>"
           "<th scope=\"col\">bootstrap unit</th></tr></thead>\n<tbody>\n");
    for (guint k = 0; k < shown->len; k++) {
        const SlantSourceResult *s = group(p, g_array_index(shown, guint, k));
        put(p,
            "<tr><td>%e</td><td class=\"n\">%C</td><td class=\"n\">%C</td><td class=\"n\">%C</td>"
            "<td>%C %s%s</td></tr>\n",
            s->name, s->documents, s->tokens, s->sentences, s->units,
            !s->sentence_unit ? "document"
            : s->blocks       ? "sentence block"
                              : "sentence",
            s->units == 1 ? "" : "s");
    }
    put(p, "</tbody>\n</table>\n</section>\n");
}

static void
section_axis(SlantHtmlPage *p, guint axis)
{
    const SlantReport *r = p->r;
    const SlantAxis *ax = slant_lexicon_axis(r->lex, axis);
    put(p,
        "<section id=\"axis-%u\" aria-labelledby=\"h-axis-%u\">\n<h2 id=\"h-axis-%u\">Axis %e: "
        "%e vs %e</h2>\n",
        axis + 1, axis + 1, axis + 1, ax->id, ax->negative, ax->positive);
    if (ax->description != NULL)
        put(p, "<p>%e</p>\n", ax->description);
    slant_html_forest(p, axis);
    if (r->pairs == SLANT_PAIRS_NONE || r->n_comparisons == 0)
        put(p, "<h3>Differences</h3>\n<p>No comparisons: %e.</p>\n", r->reason);
    else if (r->pairs == SLANT_PAIRS_ALL)
        slant_html_matrix(p, axis);
    else
        slant_html_differences(p, axis);
    slant_html_drivers(p, axis);
    put(p, "</section>\n");
}

static void
section_categories(SlantHtmlPage *p)
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
        slant_html_category_rates(p, c);
    put(p, "</div>\n");
    if (r->n_comparisons > 0) {
        put(p, "<h3>Differences in rate</h3>\n<p class=\"legend\">Per category, ");
        if (r->n_comparisons - p->n_empty > SLANT_HTML_CATEGORY_PAIRS)
            put(p, "the %u largest differences (by absolute value) of the %u comparisons",
                (guint) SLANT_HTML_CATEGORY_PAIRS, r->n_comparisons - p->n_empty);
        else
            put(p, "every comparison");
        put(p, ": hits per 1,000 tokens of a minus b, sorted; a filled dot (and a *) marks a "
               "difference whose ");
        put_level(p);
        put(p, "%% interval excludes 0.</p>\n<div class=\"panels\">\n");
        for (guint c = 0; c < r->nc; c++)
            slant_html_category_diffs(p, c);
        put(p, "</div>\n");
    }
    put(p, "</section>\n");
}

static void
section_matched(SlantHtmlPage *p)
{
    const SlantReport *r = p->r;
    put(p,
        "<section id=\"matched\" aria-labelledby=\"h-matched\">\n<h2 id=\"h-matched\">Matched "
        "units</h2>\n<p>Matched design on <code>%e</code>: each pair is compared on the units both "
        "groups have (%U units in all, %U in two groups or more).</p>\n",
        r->in->match, slant_aggregate_n_units(r->agg), slant_aggregate_n_units_shared(r->agg));
    if (r->n_comparisons > p->matched->len)
        put_cut_note(p, p->matched->len, r->n_comparisons, "comparisons",
                     "the first in the design");
    put(p, "<table>\n<thead><tr><th scope=\"col\">a</th><th scope=\"col\">b</th><th scope=\"col\">"
           "units of both</th><th scope=\"col\">of a alone</th><th scope=\"col\">of b alone</th>"
           "</tr></thead>\n<tbody>\n");
    for (guint i = 0; i < p->matched->len; i++) {
        const SlantHtmlPair *c = &g_array_index(p->matched, SlantHtmlPair, i);
        put(p,
            "<tr><td>%e</td><td>%e</td><td class=\"n\">%C</td><td class=\"n\">%C</td>"
            "<td class=\"n\">%C</td></tr>\n",
            name(p, c->a), name(p, c->b), c->units, c->only_a, c->only_b);
    }
    put(p, "</tbody>\n</table>\n</section>\n");
}

/* ---- the page ---- */

static void
page_init(SlantHtmlPage *p, const SlantReport *r)
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
    p->n_list = MIN(n, SLANT_HTML_LIST_MAX);
    p->n_grid = MIN(n, SLANT_HTML_GRID_MAX);
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
page_clear(SlantHtmlPage *p)
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
    SlantHtmlPage p;
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
        put(&p,
            "</main>\n<footer>\n<p class=\"note\">Written by slant %s. Every number of this page, "
            "and those it leaves out, is in the JSON report (<code>slant compare --format "
            "json</code>).</p>\n</footer>\n</body>\n</html>\n",
            SLANT_VERSION);
        ok = flush(&p, write, user, error);
    }
    page_clear(&p);
    return ok;
}

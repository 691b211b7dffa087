/* cmd-explain.c: `slant explain`, a document's hits in context (keyword in
 * context), so that every score can be traced to the words behind it. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "slant-error.h"

typedef struct {
    const SlantLexicon *lex;
    SlantVoice voice;  /* the hits counted (the others are not in the results) */
    char **ids;        /* --doc filters, or NULL */
    char **sources;    /* --source filters, or NULL */
    gboolean *entries; /* --entry: the entries to show (n_entries), or NULL: all */
    gint min_hits;
    gboolean json;
    gint context;
    gboolean categories;
    CliOut *out;
    GString *buf;      /* one document's text, written as soon as it is made */
    guint64 shown;     /* documents written */
    GHashTable *found; /* ids seen */
} ExplainRun;

/* Is hit @h shown?  --entry picks entries (of axes or categories alike);
 * otherwise axis hits, and category hits with --categories. */
static gboolean
hit_shown(const ExplainRun *run, const SlantHit *h)
{
    if (run->entries != NULL)
        return run->entries[h->entry];
    return slant_lexicon_entry(run->lex, h->entry)->axis >= 0 || run->categories;
}

/* Up to @n characters of @s before @end or after @start, on one line. */
static char *
context_text(const char *seg, gsize seg_len, gsize start, gsize end, gint n, gboolean before)
{
    const char *p;
    if (before) {
        p = seg + start;
        for (gint i = 0; i < n && p > seg; i++)
            p = g_utf8_prev_char(p);
        g_autofree char *s = g_strndup(p, seg + start - p);
        return g_strdelimit(g_steal_pointer(&s), "\n\r\t", ' ');
    }
    p = seg + end;
    for (gint i = 0; i < n && p < seg + seg_len; i++)
        p = g_utf8_next_char(p);
    g_autofree char *s = g_strndup(seg + end, p - (seg + end));
    return g_strchomp(g_strdelimit(g_steal_pointer(&s), "\n\r\t", ' '));
}

static void
explain_human(ExplainRun *run, const SlantResult *r)
{
    const SlantLexicon *lex = run->lex;
    const SlantDocument *doc = r->doc;
    GString *o = run->buf;
    guint na = slant_lexicon_n_axes(lex);
    g_string_append_printf(o, "== %s  [%s]\n", doc->id, doc->source);
    if (doc->title)
        g_string_append_printf(o, "   title: %s\n", doc->title);
    guint axis_hits = 0, quoted = 0;
    for (guint i = 0; i < r->hits->len; i++) {
        const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
        axis_hits += h->group < na;
        quoted += h->group < na && h->quoted;
    }
    g_string_append_printf(o, "   %" G_GUINT64_FORMAT " token%s, %u sentence%s, %u axis hit%s",
                           r->tally.tokens, r->tally.tokens == 1 ? "" : "s", r->tally.sentences,
                           r->tally.sentences == 1 ? "" : "s", axis_hits, axis_hits == 1 ? "" : "s");
    /* how much of the score is reported speech, said where it is */
    if (run->voice == SLANT_VOICE_OWN)
        g_string_append(o, " outside quotations (--voice own)");
    else if (run->voice == SLANT_VOICE_QUOTED)
        g_string_append(o, " inside quotations (--voice quoted)");
    else if (quoted > 0)
        g_string_append_printf(o, " (%u quoted)", quoted);
    g_string_append_printf(o, ", %u category hit%s\n", r->hits->len - axis_hits,
                           r->hits->len - axis_hits == 1 ? "" : "s");
    for (guint a = 0; a < na; a++) {
        const SlantAxis *ax = slant_lexicon_axis(lex, a);
        const SlantAxisTally *x = &r->tally.axes[a];
        double sc[SLANT_N_SCORES];
        slant_scores_compute(x->pos, x->neg, r->tally.tokens, sc);
        char b[64], l[64];
        g_string_append_printf(o,
            "   axis %s: balance %s, logit %s  (%s P=%g in %u hit%s; %s N=%g in %u hit%s)\n",
            ax->id, slant_report_number(sc[0], b, sizeof b), slant_report_number(sc[1], l, sizeof l),
            ax->positive, x->pos, x->hits_pos, x->hits_pos == 1 ? "" : "s", ax->negative, x->neg,
            x->hits_neg, x->hits_neg == 1 ? "" : "s");
    }
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    const char *seg[2] = {doc->title, doc->text};
    gsize seg_len[2] = {doc->title ? strlen(doc->title) : 0, doc->text_len};
    for (guint i = 0; i < r->hits->len; i++) {
        const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
        const SlantEntry *e = slant_lexicon_entry(lex, h->entry);
        if (!hit_shown(run, h))
            continue;
        const SlantToken *first = &tok[h->first_token];
        const SlantToken *last = &tok[h->first_token + h->n_tokens - 1];
        guint s = first->segment;
        g_autofree char *left = context_text(seg[s], seg_len[s], first->start, last->end, run->context, TRUE);
        g_autofree char *right = context_text(seg[s], seg_len[s], first->start, last->end, run->context, FALSE);
        g_autofree char *match = g_strndup(seg[s] + first->start, last->end - first->start);
        char label[96];
        if (e->axis >= 0)
            g_snprintf(label, sizeof label, "%s %c%g", slant_lexicon_axis(lex, (guint) e->axis)->id,
                       h->pole > 0 ? '+' : '-', h->weight);
        else
            g_snprintf(label, sizeof label, "%s",
                       slant_lexicon_category(lex, (guint) e->category)->id);
        /* pad by characters, not bytes, so the matches line up */
        glong pad = run->context - g_utf8_strlen(left, -1);
        g_string_append_printf(o, "   %-14s %s s%-3u %6u  %*s%s[%s]%s\n", label,
                               s == SLANT_SEGMENT_TITLE ? "title" : "text ", first->sentence,
                               first->start, (int) MAX(pad, 0), "", left, match, right);
        g_string_append_printf(o, "   %-14s entry %u '%s'", "", e->index, e->pattern);
        if (slant_lexicon_n_sources(lex) > 1)
            g_string_append_printf(o, " of %s", slant_lexicon_source(lex, e->source)->name);
        if (h->quoted)
            g_string_append(o, ", quoted");
        if (!e->negatable && e->axis >= 0)
            g_string_append(o, ", not negatable");
        if (h->negator >= 0) {
            const SlantToken *t = &tok[h->negator];
            g_string_append_printf(o, ", negated by '%.*s'", (int) (t->end - t->start),
                                   seg[t->segment] + t->start);
        }
        if (h->modifier >= 0) {
            const SlantToken *t = &tok[h->modifier];
            g_string_append_printf(o, ", x%g by '%.*s'", h->factor, (int) (t->end - t->start),
                                   seg[t->segment] + t->start);
        }
        g_string_append_c(o, '\n');
    }
    g_string_append_c(o, '\n');
}

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    ExplainRun *run = user;
    if (run->ids != NULL && !g_strv_contains((const char *const *) run->ids, r->doc->id))
        return TRUE;
    g_hash_table_add(run->found, g_strdup(r->doc->id));
    if (run->sources != NULL &&
        !g_strv_contains((const char *const *) run->sources, r->doc->source))
        return TRUE;
    guint shown = 0;
    for (guint i = 0; i < r->hits->len; i++)
        shown += hit_shown(run, &g_array_index(r->hits, SlantHit, i));
    if ((gint64) shown < run->min_hits || (run->entries != NULL && shown == 0))
        return TRUE;
    g_string_truncate(run->buf, 0);
    if (run->json) {
        /* with --entry, the hits of the entries asked for and no others */
        SlantResult only = *r;
        g_autoptr(GArray) kept = NULL;
        if (run->entries != NULL) {
            kept = g_array_new(FALSE, FALSE, sizeof(SlantHit));
            for (guint i = 0; i < r->hits->len; i++) {
                const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
                if (run->entries[h->entry])
                    g_array_append_val(kept, *h);
            }
            only.hits = kept;
        }
        g_autofree char *text = slant_report_document_pretty(run->lex, &only, SLANT_RESULT_HITS, 1);
        g_string_append(run->buf, run->shown ? ", " : "[");
        g_string_append(run->buf, text);
    } else {
        explain_human(run, r);
    }
    run->shown++;
    return cli_out_write(run->out, run->buf->str, run->buf->len, error);
}

/* --entry PATTERN or INDEX: the entries it names (every entry whose
 * pattern is written so; an index names one). */
static gboolean
select_entries(const SlantLexicon *lex, char **want, gboolean *selected, GError **error)
{
    guint n = slant_lexicon_n_entries(lex);
    for (char **w = want; *w != NULL; w++) {
        gboolean any = FALSE;
        char *end = NULL;
        guint64 index = g_ascii_strtoull(*w, &end, 10);
        gboolean numeric = end != *w && *end == '\0';
        for (guint i = 0; i < n; i++) {
            const SlantEntry *e = slant_lexicon_entry(lex, i);
            if ((numeric && e->index == index) || strcmp(e->pattern, *w) == 0) {
                selected[i] = TRUE;
                any = TRUE;
            }
        }
        if (!any) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "--entry '%s': no entry of %s has that pattern or index", *w,
                        slant_lexicon_path(lex));
            return FALSE;
        }
    }
    return TRUE;
}

int
cmd_explain(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_auto(GStrv) ids = NULL, sources = NULL, want_entries = NULL;
    gboolean json = FALSE;
    gint context = 40, min_hits = 0;
    gboolean categories = FALSE;
    GOptionEntry entries[] = {
        {"doc", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &ids,
         "Explain only the document with this id (repeatable; default: every document)", "ID"},
        {"source", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sources,
         "Only documents of this source (repeatable)", "NAME"},
        {"entry", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &want_entries,
         "Only the hits of this entry, by pattern as written or by index (repeatable; axis or "
         "category entries); documents without one are left out", "PATTERN"},
        {"min-hits", 0, 0, G_OPTION_ARG_INT, &min_hits,
         "Only documents with at least N of the hits shown", "N"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON for programs (every hit)", NULL},
        {"categories", 0, 0, G_OPTION_ARG_NONE, &categories,
         "Show category hits too (default: axis hits only)", NULL},
        {"context", 'c', 0, G_OPTION_ARG_INT, &context,
         "Characters of context on each side (default 40)", "N"},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - show hits in context");
    g_option_context_set_summary(ctx,
        "Show each hit of a document with its context, the entry that made it, its pole and\n"
        "weight after modifiers, and the negator or intensifier that changed it. Documents\n"
        "are written as they are scored (in input order), so a large corpus streams.\n"
        "With no INPUT: the bundled corpus.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    if (context < 0 || context > 1000 || min_hits < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--context must be 0..1000 and --min-hits >= 0");
        cli_common_clear(&common);
        return 2;
    }
    g_autoptr(SlantLexicon) lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    g_autofree gboolean *selected = NULL;
    if (want_entries != NULL) {
        selected = g_new0(gboolean, MAX(slant_lexicon_n_entries(lex), 1));
        if (!select_entries(lex, want_entries, selected, error)) {
            cli_common_clear(&common);
            return 2;
        }
    }
    SlantEngineOptions eo = cli_engine_options(&common, TRUE);
    g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, error);
    CliOut *out = engine != NULL ? cli_out_open(common.output, error) : NULL;
    if (out == NULL) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    g_autoptr(GString) buf = g_string_new(NULL);
    g_autoptr(GHashTable) found = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    ExplainRun run = {lex, common.voice, ids, sources, selected, min_hits, json, context,
                      categories, out, buf, 0, found};
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (ok && json)
        ok = cli_out_write(out, run.shown ? "]\n" : "[]\n", run.shown ? 2 : 3, error);
    if (!cli_out_close(out, ok, ok ? error : NULL) || !ok) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    int status = cli_skips_status(slant_engine_skipped(engine));
    const char *missing = NULL;
    for (char **id = ids; id != NULL && *id != NULL && missing == NULL; id++)
        if (!g_hash_table_contains(found, *id))
            missing = *id;
    if (missing != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "no document with id '%s'", missing);
        status = 2;
    } else if (slant_engine_n_scored(engine) == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "no documents were scored");
        status = MAX(status, 1);
    }
    cli_common_clear(&common);
    return status;
}

/* cmd-explain.c: `slant explain`, a document's hits in context (keyword in
 * context), so that every score can be traced to the words behind it. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "slant-error.h"

typedef struct {
    const SlantLexicon *lex;
    char **ids;       /* --doc filters, or NULL */
    gboolean json;
    gint context;
    gboolean categories;
    GString *out;
    cJSON *array;
    GHashTable *found; /* ids shown */
} ExplainRun;

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
    GString *o = run->out;
    guint na = slant_lexicon_n_axes(lex);
    g_string_append_printf(o, "== %s  [%s]\n", doc->id, doc->source);
    if (doc->title)
        g_string_append_printf(o, "   title: %s\n", doc->title);
    guint axis_hits = 0;
    for (guint i = 0; i < r->hits->len; i++)
        axis_hits += g_array_index(r->hits, SlantHit, i).group < na;
    g_string_append_printf(o, "   %" G_GUINT64_FORMAT " token%s, %u sentence%s, %u axis hit%s, "
                              "%u category hit%s\n",
                           r->tally.tokens, r->tally.tokens == 1 ? "" : "s", r->tally.sentences,
                           r->tally.sentences == 1 ? "" : "s", axis_hits, axis_hits == 1 ? "" : "s",
                           r->hits->len - axis_hits, r->hits->len - axis_hits == 1 ? "" : "s");
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
        if (e->axis < 0 && !run->categories)
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
    (void) error;
    ExplainRun *run = user;
    if (run->ids != NULL && !g_strv_contains((const char *const *) run->ids, r->doc->id))
        return TRUE;
    g_hash_table_add(run->found, r->doc->id ? g_strdup(r->doc->id) : NULL);
    if (run->json)
        cJSON_AddItemToArray(run->array, slant_report_result(run->lex, r, SLANT_RESULT_HITS));
    else
        explain_human(run, r);
    return TRUE;
}

int
cmd_explain(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_auto(GStrv) ids = NULL;
    gboolean json = FALSE;
    gint context = 40;
    gboolean categories = FALSE;
    GOptionEntry entries[] = {
        {"doc", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &ids,
         "Explain only the document with this id (repeatable; default: every document)", "ID"},
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
        "weight after modifiers, and the negator or intensifier that changed it.\n"
        "With no INPUT: the bundled corpus.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    context = CLAMP(context, 0, 1000);
    g_autoptr(SlantLexicon) lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    SlantEngineOptions eo = cli_engine_options(&common, TRUE);
    g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, error);
    if (engine == NULL) {
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(GHashTable) found = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    ExplainRun run = {lex, ids, json, context, categories, out,
                      json ? cJSON_CreateArray() : NULL, found};
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (!ok) {
        cJSON_Delete(run.array);
        cli_common_clear(&common);
        return slant_error_exit_status(*error);
    }
    if (json) {
        char *text = cJSON_Print(run.array);
        g_string_append(out, text);
        g_string_append_c(out, '\n');
        cJSON_free(text);
        cJSON_Delete(run.array);
    }
    if (!cli_write_output(common.output, out->str, out->len, error)) {
        cli_common_clear(&common);
        return 4;
    }
    int status = slant_engine_worst_status(engine);
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

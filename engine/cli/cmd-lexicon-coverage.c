/* cmd-lexicon-coverage.c: `slant lexicon coverage`: what each entry of a
 * lexicon does on a corpus (coverage.h counts; this file formats). */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "coverage.h"
#include "labels.h"
#include "report.h"
#include "slant-error.h"

#define ALL_GROUP "(all)"
#define FORMS_SHOWN 4

typedef struct {
    SlantCoverage *cov;
    gboolean grouped;
    SlantKey by;
    SlantKeyCount count;
} CoverageRun;

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    (void) error;
    CoverageRun *run = user;
    const char *group = ALL_GROUP;
    if (run->grouped) {
        char buf[SLANT_KEY_BUF];
        SlantKeyStatus st;
        group = slant_key_value(&run->by, r->doc, buf, &st);
        slant_key_count_add(&run->count, &run->by, r->doc, st);
        if (group == NULL)
            group = SLANT_KEY_NONE;
    }
    slant_coverage_add(run->cov, r, group);
    return TRUE;
}

typedef enum { MATCHED, NEVER, SHADOWED, PARTLY } Status;

static Status
entry_status(const SlantEntryCoverage *ec)
{
    if (ec->hits == 0)
        return ec->lost > 0 ? SHADOWED : NEVER;
    return ec->lost > 0 ? PARTLY : MATCHED;
}

static const char *
status_name(Status s)
{
    static const char *const names[] = {"matched", "never-matched", "shadowed", "partly-shadowed"};
    return names[s];
}

static const char *
group_of(const SlantLexicon *lex, const SlantEntry *e)
{
    return e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                        : slant_lexicon_category(lex, (guint) e->category)->id;
}

static const char *
pole_of(const SlantLexicon *lex, const SlantEntry *e)
{
    if (e->axis < 0)
        return "-";
    const SlantAxis *ax = slant_lexicon_axis(lex, (guint) e->axis);
    return e->pole > 0 ? ax->positive : ax->negative;
}

static void
append_share(GString *o, const char *what, guint64 n, guint64 of)
{
    g_string_append_printf(o, "  %s %" G_GUINT64_FORMAT " (%.1f%%)", what, n,
                           of ? 100.0 * (double) n / (double) of : 0.0);
}

static const SlantCoverage *sort_cov;

/* Most hits first, then entry order. */
static gint
cmp_by_hits(gconstpointer a, gconstpointer b)
{
    guint x = *(const guint *) a, y = *(const guint *) b;
    guint64 hx = slant_coverage_entry(sort_cov, x)->hits, hy = slant_coverage_entry(sort_cov, y)->hits;
    if (hx != hy)
        return hx > hy ? -1 : 1;
    return x < y ? -1 : x > y;
}

static void
format_text(GString *o, const SlantLexicon *lex, const SlantCoverage *cov, const char *by,
            gboolean by_hits, SlantVoice voice)
{
    guint ng = slant_coverage_n_groups(cov), ne = slant_lexicon_n_entries(lex);
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    guint64 docs = 0, tokens = 0;
    for (guint g = 0; g < ng; g++) {
        docs += slant_coverage_group(cov, g)->documents;
        tokens += slant_coverage_group(cov, g)->tokens;
    }
    g_string_append_printf(o, "lexicon '%s' %s (%s) on %" G_GUINT64_FORMAT " document%s, %"
                              G_GUINT64_FORMAT " tokens",
                           slant_lexicon_name(lex), slant_lexicon_version(lex), slant_lexicon_path(lex),
                           docs, docs == 1 ? "" : "s", tokens);
    if (voice != SLANT_VOICE_ALL)
        g_string_append_printf(o, "; --voice %s: hits %s quotations only", slant_voice_name(voice),
                               voice == SLANT_VOICE_OWN ? "outside" : "inside");
    if (by != NULL) {
        g_string_append_printf(o, "; by %s:", by);
        for (guint g = 0; g < ng; g++) {
            const SlantCoverageGroup *gr = slant_coverage_group(cov, g);
            g_string_append_printf(o, "%s %s %" G_GUINT64_FORMAT, g ? "," : "", gr->name, gr->documents);
        }
    }
    g_string_append(o, "\n");
    guint counts[4] = {0};
    for (guint e = 0; e < ne; e++)
        counts[entry_status(slant_coverage_entry(cov, e))]++;
    g_string_append_printf(o, "%u entries: %u matched (%u of them partly shadowed), %u never "
                              "matched, %u shadowed\n\n",
                           ne, counts[MATCHED] + counts[PARTLY], counts[PARTLY], counts[NEVER],
                           counts[SHADOWED]);
    /* the entry table: widths from the content */
    int wp = 7, wg = 5, wpole = 4;
    for (guint e = 0; e < ne; e++) {
        const SlantEntry *en = slant_lexicon_entry(lex, e);
        wp = MAX(wp, (int) g_utf8_strlen(en->pattern, -1));
        wg = MAX(wg, (int) strlen(group_of(lex, en)));
        wpole = MAX(wpole, (int) strlen(pole_of(lex, en)));
    }
    wp = MIN(wp, 32);
    g_string_append_printf(o, "%4s  %-*s  %-*s  %-*s  %6s %5s %6s", "#", wp, "pattern", wg, "group",
                           wpole, "pole", "hits", "docs", "quoted");
    if (by != NULL)
        for (guint g = 0; g < ng; g++)
            g_string_append_printf(o, " %*s", (int) MAX(5, strlen(slant_coverage_group(cov, g)->name)),
                                   slant_coverage_group(cov, g)->name);
    g_string_append(o, "  forms\n");
    g_autofree guint *order = g_new(guint, MAX(ne, 1));
    for (guint e = 0; e < ne; e++)
        order[e] = e;
    if (by_hits) {
        sort_cov = cov;
        qsort(order, ne, sizeof(guint), cmp_by_hits);
    }
    for (guint k = 0; k < ne; k++) {
        guint e = order[k];
        const SlantEntry *en = slant_lexicon_entry(lex, e);
        const SlantEntryCoverage *ec = slant_coverage_entry(cov, e);
        glong plen = g_utf8_strlen(en->pattern, -1);
        g_string_append_printf(o, "%4u  %s%*s  %-*s  %-*s  %6" G_GUINT64_FORMAT " %5" G_GUINT64_FORMAT
                                  " %6" G_GUINT64_FORMAT,
                               en->index, en->pattern, (int) MAX(0, wp - plen), "", wg,
                               group_of(lex, en), wpole, pole_of(lex, en), ec->hits, ec->documents,
                               ec->quoted);
        if (by != NULL)
            for (guint g = 0; g < ng; g++)
                g_string_append_printf(o, " %*" G_GUINT64_FORMAT,
                                       (int) MAX(5, strlen(slant_coverage_group(cov, g)->name)),
                                       ec->group_hits[g]);
        for (guint f = 0; f < ec->forms->len && f < FORMS_SHOWN; f++) {
            const SlantFormCount *fc = &g_array_index(ec->forms, SlantFormCount, f);
            g_string_append_printf(o, "%s %s %" G_GUINT64_FORMAT, f ? "," : " ", fc->form, fc->count);
        }
        if (ec->forms->len > FORMS_SHOWN)
            g_string_append_printf(o, ", +%u more", ec->forms->len - FORMS_SHOWN);
        g_string_append(o, "\n");
    }
    for (int pass = 0; pass < 3; pass++) {
        Status want = pass == 0 ? NEVER : pass == 1 ? SHADOWED : PARTLY;
        if (counts[want] == 0)
            continue;
        g_string_append_printf(o, "\n%s (%u):\n",
                               want == NEVER      ? "never matched on this corpus"
                               : want == SHADOWED ? "shadowed on this corpus: matched, but another entry always took the tokens"
                                                  : "partly shadowed: another entry took some of its matches",
                               counts[want]);
        for (guint e = 0; e < ne; e++) {
            const SlantEntryCoverage *ec = slant_coverage_entry(cov, e);
            if (entry_status(ec) != want)
                continue;
            const SlantEntry *en = slant_lexicon_entry(lex, e);
            g_string_append_printf(o, "%4u  '%s' (%s)", en->index, en->pattern, group_of(lex, en));
            if (want != NEVER) {
                g_string_append_printf(o, ": lost %" G_GUINT64_FORMAT " match%s to", ec->lost,
                                       ec->lost == 1 ? "" : "es");
                for (guint w = 0; w < ec->winners->len && w < 3; w++) {
                    const SlantEntryCount *wc = &g_array_index(ec->winners, SlantEntryCount, w);
                    g_string_append_printf(o, "%s %u '%s' (%" G_GUINT64_FORMAT ")", w ? "," : "",
                                           wc->entry, slant_lexicon_entry(lex, wc->entry)->pattern,
                                           wc->count);
                }
            }
            g_string_append(o, "\n");
        }
    }
    g_string_append(o, "\nper group: documents, sentences and tokens with a hit\n");
    for (guint g = 0; g < ng; g++) {
        const SlantCoverageGroup *gr = slant_coverage_group(cov, g);
        g_string_append_printf(o, "%s: %" G_GUINT64_FORMAT " documents, %" G_GUINT64_FORMAT
                                  " sentences, %" G_GUINT64_FORMAT " tokens\n",
                               gr->name, gr->documents, gr->sentences, gr->tokens);
        for (guint a = 0; a < na; a++) {
            const SlantAxis *ax = slant_lexicon_axis(lex, a);
            for (int pole = 0; pole < 2; pole++) {
                const SlantCoverageShare *sh = &gr->axes[a * 2 + pole];
                g_string_append_printf(o, "  %s %s:", ax->id, pole == 0 ? ax->positive : ax->negative);
                append_share(o, "documents", sh->documents, gr->documents);
                append_share(o, "sentences", sh->sentences, gr->sentences);
                append_share(o, "tokens", sh->tokens, gr->tokens);
                g_string_append(o, "\n");
            }
        }
        for (guint c = 0; c < nc; c++) {
            const SlantCoverageShare *sh = &gr->categories[c];
            g_string_append_printf(o, "  category %s:", slant_lexicon_category(lex, c)->id);
            append_share(o, "documents", sh->documents, gr->documents);
            append_share(o, "sentences", sh->sentences, gr->sentences);
            append_share(o, "tokens", sh->tokens, gr->tokens);
            g_string_append(o, "\n");
        }
    }
}

static void
add_share(cJSON *o, const char *key, const SlantCoverageShare *sh)
{
    cJSON *s = cJSON_AddObjectToObject(o, key);
    cJSON_AddNumberToObject(s, "documents", (double) sh->documents);
    cJSON_AddNumberToObject(s, "sentences", (double) sh->sentences);
    cJSON_AddNumberToObject(s, "tokens", (double) sh->tokens);
}

static char *
format_json(const SlantLexicon *lex, const SlantCoverage *cov, const char *by, SlantVoice voice)
{
    guint ng = slant_coverage_n_groups(cov), ne = slant_lexicon_n_entries(lex);
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    cJSON *root = cJSON_CreateObject();
    cJSON *lx = cJSON_AddObjectToObject(root, "lexicon");
    cJSON_AddStringToObject(lx, "name", slant_lexicon_name(lex));
    cJSON_AddStringToObject(lx, "version", slant_lexicon_version(lex));
    cJSON_AddStringToObject(lx, "sha256", slant_lexicon_sha256(lex));
    cJSON_AddStringToObject(lx, "path", slant_lexicon_path(lex));
    if (by != NULL)
        cJSON_AddStringToObject(root, "by", by);
    else
        cJSON_AddNullToObject(root, "by");
    cJSON_AddStringToObject(root, "voice", slant_voice_name(voice));
    cJSON *groups = cJSON_AddArrayToObject(root, "groups");
    for (guint g = 0; g < ng; g++) {
        const SlantCoverageGroup *gr = slant_coverage_group(cov, g);
        cJSON *go = cJSON_CreateObject();
        cJSON_AddStringToObject(go, "name", gr->name);
        cJSON_AddNumberToObject(go, "documents", (double) gr->documents);
        cJSON_AddNumberToObject(go, "sentences", (double) gr->sentences);
        cJSON_AddNumberToObject(go, "tokens", (double) gr->tokens);
        cJSON *axes = cJSON_AddObjectToObject(go, "axes");
        for (guint a = 0; a < na; a++) {
            cJSON *ax = cJSON_AddObjectToObject(axes, slant_lexicon_axis(lex, a)->id);
            add_share(ax, "positive", &gr->axes[a * 2]);
            add_share(ax, "negative", &gr->axes[a * 2 + 1]);
        }
        cJSON *cats = cJSON_AddObjectToObject(go, "categories");
        for (guint c = 0; c < nc; c++)
            add_share(cats, slant_lexicon_category(lex, c)->id, &gr->categories[c]);
        cJSON_AddItemToArray(groups, go);
    }
    cJSON *entries = cJSON_AddArrayToObject(root, "entries");
    guint counts[4] = {0};
    for (guint e = 0; e < ne; e++) {
        const SlantEntry *en = slant_lexicon_entry(lex, e);
        const SlantEntryCoverage *ec = slant_coverage_entry(cov, e);
        Status st = entry_status(ec);
        counts[st]++;
        cJSON *eo = cJSON_CreateObject();
        cJSON_AddNumberToObject(eo, "entry", en->index);
        cJSON_AddStringToObject(eo, "pattern", en->pattern);
        cJSON_AddStringToObject(eo, en->axis >= 0 ? "axis" : "category", group_of(lex, en));
        if (en->axis >= 0)
            cJSON_AddStringToObject(eo, "pole", slant_pole_name(en->pole));
        cJSON_AddStringToObject(eo, "status", status_name(st));
        cJSON_AddNumberToObject(eo, "hits", (double) ec->hits);
        cJSON_AddNumberToObject(eo, "documents", (double) ec->documents);
        cJSON_AddNumberToObject(eo, "negated", (double) ec->negated);
        cJSON_AddNumberToObject(eo, "quoted", (double) ec->quoted);
        cJSON *bg = cJSON_AddObjectToObject(eo, "groups");
        for (guint g = 0; g < ng; g++) {
            cJSON *x = cJSON_AddObjectToObject(bg, slant_coverage_group(cov, g)->name);
            cJSON_AddNumberToObject(x, "hits", (double) ec->group_hits[g]);
            cJSON_AddNumberToObject(x, "documents", (double) ec->group_documents[g]);
        }
        cJSON *forms = cJSON_AddArrayToObject(eo, "forms");
        for (guint f = 0; f < ec->forms->len; f++) {
            const SlantFormCount *fc = &g_array_index(ec->forms, SlantFormCount, f);
            cJSON *fo = cJSON_CreateObject();
            cJSON_AddStringToObject(fo, "form", fc->form);
            cJSON_AddNumberToObject(fo, "count", (double) fc->count);
            cJSON_AddItemToArray(forms, fo);
        }
        cJSON_AddNumberToObject(eo, "lost", (double) ec->lost);
        cJSON *winners = cJSON_AddArrayToObject(eo, "lost_to");
        for (guint w = 0; w < ec->winners->len; w++) {
            const SlantEntryCount *wc = &g_array_index(ec->winners, SlantEntryCount, w);
            cJSON *wo = cJSON_CreateObject();
            cJSON_AddNumberToObject(wo, "entry", wc->entry);
            cJSON_AddStringToObject(wo, "pattern", slant_lexicon_entry(lex, wc->entry)->pattern);
            cJSON_AddNumberToObject(wo, "count", (double) wc->count);
            cJSON_AddItemToArray(winners, wo);
        }
        cJSON_AddItemToArray(entries, eo);
    }
    cJSON *sum = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(sum, "entries", ne);
    cJSON_AddNumberToObject(sum, "matched", counts[MATCHED] + counts[PARTLY]);
    cJSON_AddNumberToObject(sum, "partly_shadowed", counts[PARTLY]);
    cJSON_AddNumberToObject(sum, "never_matched", counts[NEVER]);
    cJSON_AddNumberToObject(sum, "shadowed", counts[SHADOWED]);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = g_strconcat(text, "\n", NULL);
    cJSON_free(text);
    return out;
}

int
cmd_lexicon_coverage(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_autofree char *by = NULL, *sort = NULL;
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        {"sort", 0, 0, G_OPTION_ARG_STRING, &sort,
         "Order of the entry table: entry (the lexicon's, default) or hits (most first)", "ORDER"},
        {"by", 'g', 0, G_OPTION_ARG_STRING, &by,
         "Split the counts by KEY: source, label.NAME, date:year, date:month or date:day", "KEY"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON for programs", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - what each entry does on a corpus");
    g_option_context_set_summary(ctx,
        "Score a corpus and report, per entry of the lexicon: hits and documents (per group\n"
        "with --by), the surface forms it matched, and the matches another entry of its\n"
        "group took (an entry that lost them all is shadowed on this corpus); entries that\n"
        "never matched; per group the share of documents, sentences and tokens with a hit,\n"
        "per axis pole and per category. With no INPUT: the bundled corpus and lexicon.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    if (sort != NULL && strcmp(sort, "entry") != 0 && strcmp(sort, "hits") != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--sort '%s': expected entry or hits", sort);
        cli_common_clear(&common);
        return 2;
    }
    CoverageRun run = {0};
    if (by != NULL && !slant_key_parse(&run.by, by, "--by", error)) {
        cli_common_clear(&common);
        return 2;
    }
    run.grouped = by != NULL;
    slant_key_count_init(&run.count);
    int status = 0;
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(SlantLexicon) lex = cli_load_lexicon(&common, error);
    g_autoptr(SlantEngine) engine = NULL;
    if (lex != NULL) {
        SlantEngineOptions eo = cli_engine_options(&common, TRUE);
        eo.trace = TRUE;
        engine = slant_engine_new(lex, &eo, error);
    }
    if (engine == NULL) {
        status = cli_exit_status(*error);
        goto out;
    }
    run.cov = slant_coverage_new(lex);
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (!ok) {
        status = cli_exit_status(*error);
        goto out;
    }
    if (run.grouped && !slant_key_count_check(&run.count, &run.by, "--by", error)) {
        status = 2;
        goto out;
    }
    slant_coverage_finish(run.cov);
    if (json) {
        g_autofree char *j = format_json(lex, run.cov, by, common.voice);
        g_string_append(text, j);
    } else {
        format_text(text, lex, run.cov, by, sort != NULL && strcmp(sort, "hits") == 0, common.voice);
    }
    if (!cli_write_output(common.output, text->str, text->len, error)) {
        status = 4;
        goto out;
    }
    status = cli_run_status(engine, error);
out:
    slant_coverage_free(run.cov);
    slant_key_clear(&run.by);
    slant_key_count_clear(&run.count);
    cli_common_clear(&common);
    return status;
}

/* cmd-lexicon-check.c: `slant lexicon check`: validate, lint and count lexicons. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "slant-error.h"

static void
print_stats(GString *o, const SlantLexicon *lex, gboolean notes)
{
    guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
    guint n = slant_lexicon_n_entries(lex);
    g_string_append_printf(o, "%s: lexicon '%s' version %s, language %s, %u entries\n",
                           slant_lexicon_path(lex), slant_lexicon_name(lex),
                           slant_lexicon_version(lex), slant_lexicon_language(lex), n);
    g_string_append_printf(o, "  sha256 %s\n", slant_lexicon_sha256(lex));
    guint phrases = 0, globs = 0, exact = 0, noted = 0;
    for (guint i = 0; i < n; i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        phrases += e->n_words > 1;
        gboolean g = FALSE, x = FALSE;
        for (guint w = 0; w < e->n_words; w++) {
            g |= e->words[w].kind == SLANT_WORD_PREFIX;
            x |= e->words[w].kind == SLANT_WORD_EXACT;
        }
        globs += g;
        exact += x;
        noted += e->note != NULL && e->note[0] != '\0';
    }
    g_string_append_printf(o, "  %u phrases (several words), %u with a prefix* word, "
                              "%u with an =exact word, %u with a note\n",
                           phrases, globs, exact, noted);
    for (guint a = 0; a < na; a++) {
        const SlantAxis *ax = slant_lexicon_axis(lex, a);
        guint cnt[2] = {0, 0};
        double wsum[2] = {0, 0};
        /* weights histogram: lexicons use a few distinct weights */
        g_autoptr(GString) hist = g_string_new(NULL);
        double seen_w[16];
        guint seen_n[16], n_seen = 0;
        for (guint i = 0; i < n; i++) {
            const SlantEntry *e = slant_lexicon_entry(lex, i);
            if (e->axis != (gint32) a)
                continue;
            int k = e->pole == SLANT_POLE_POSITIVE ? 0 : 1;
            cnt[k]++;
            wsum[k] += e->weight;
            guint j = 0;
            while (j < n_seen && seen_w[j] != e->weight)
                j++;
            if (j == n_seen && n_seen < G_N_ELEMENTS(seen_w)) {
                seen_w[n_seen] = e->weight;
                seen_n[n_seen++] = 0;
            }
            if (j < n_seen)
                seen_n[j]++;
        }
        for (guint j = 0; j < n_seen; j++) /* in ascending weight order */
            for (guint k = j + 1; k < n_seen; k++)
                if (seen_w[k] < seen_w[j]) {
                    double tw = seen_w[j]; seen_w[j] = seen_w[k]; seen_w[k] = tw;
                    guint tn = seen_n[j]; seen_n[j] = seen_n[k]; seen_n[k] = tn;
                }
        for (guint j = 0; j < n_seen; j++)
            g_string_append_printf(hist, "%s%g: %u", j ? ", " : "", seen_w[j], seen_n[j]);
        guint total = cnt[0] + cnt[1];
        g_string_append_printf(o, "  axis %s: %u entries; %s (positive) %u = %.0f%%, weight %g; "
                                  "%s (negative) %u = %.0f%%, weight %g\n",
                               ax->id, total, ax->positive, cnt[0],
                               total ? 100.0 * cnt[0] / total : 0.0, wsum[0], ax->negative, cnt[1],
                               total ? 100.0 * cnt[1] / total : 0.0, wsum[1]);
        g_string_append_printf(o, "    weights: %s\n", hist->str);
    }
    for (guint c = 0; c < nc; c++) {
        const SlantCategory *cat = slant_lexicon_category(lex, c);
        guint cnt = 0;
        for (guint i = 0; i < n; i++)
            cnt += slant_lexicon_entry(lex, i)->category == (gint32) c;
        g_string_append_printf(o, "  category %s: %u entr%s\n", cat->id, cnt, cnt == 1 ? "y" : "ies");
    }
    if (!notes)
        return;
    for (guint i = 0; i < n; i++) {
        const SlantEntry *e = slant_lexicon_entry(lex, i);
        const char *group = e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                                         : slant_lexicon_category(lex, (guint) e->category)->id;
        g_string_append_printf(o, "  %4u %-32s %-10s %-8s %-4g %s\n", e->index, e->pattern, group,
                               e->axis >= 0 ? slant_pole_name(e->pole) : "-", e->weight,
                               e->note ? e->note : "");
    }
}


int
cmd_lexicon_check(int argc, char **argv, GError **error)
{
    gboolean notes = FALSE, werror = FALSE;
    GOptionEntry entries[] = {
        {"notes", 0, 0, G_OPTION_ARG_NONE, &notes, "List every entry with its note", NULL},
        {"warnings-as-errors", 'W', 0, G_OPTION_ARG_NONE, &werror,
         "Exit 1 when a lexicon has warnings", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[LEXICON...] - validate, lint and count lexicons");
    g_option_context_set_summary(ctx,
        "Validate each LEXICON (default: the bundled one), print its statistics (entries\n"
        "per pole and category, phrases, globs, weights) and its warnings (stem collisions,\n"
        "entries without a note). Errors are FILE:LINE:COL: messages, exit 3.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error))
        return 2;
    g_autofree char *bundled = cli_bundled_path(CLI_BUNDLED_LEXICON);
    g_autoptr(GString) out = g_string_new(NULL);
    int status = 0;
    guint warnings = 0;
    int n = argc > 1 ? argc - 1 : 1;
    for (int i = 0; i < n; i++) {
        const char *path = argc > 1 ? argv[i + 1] : bundled;
        const char *name = argc > 1 ? argv[i + 1] : CLI_BUNDLED_LEXICON;
        GError *err = NULL;
        g_autoptr(SlantLexicon) lex = slant_lexicon_load(path, name, &err);
        if (lex == NULL) {
            /* report every bad lexicon, not just the first: main() prints
             * the last error; the others are printed here */
            status = MAX(status, cli_exit_status(err));
            if (error != NULL && *error != NULL) {
                fprintf(stderr, "slant: error: %s\n", (*error)->message);
                g_clear_error(error);
            }
            g_propagate_error(error, err);
            continue;
        }
        print_stats(out, lex, notes);
        g_autoptr(GPtrArray) lint = slant_lexicon_lint(lex, SLANT_LINT_ALL);
        for (guint w = 0; w < lint->len; w++)
            fprintf(stderr, "slant: %s\n", (const char *) lint->pdata[w]);
        warnings += lint->len;
        g_string_append_printf(out, "  %s\n", lint->len ? "valid, with warnings" : "valid");
    }
    fwrite(out->str, 1, out->len, stdout);
    if (status == 0 && werror && warnings > 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED, "%u warning%s", warnings,
                    warnings == 1 ? "" : "s");
        status = 1;
    }
    return status;
}

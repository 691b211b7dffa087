/* cmd-lexicon.c: `slant lexicon check`: validate, lint and count lexicons. */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "jsonpos.h"
#include "slant-error.h"
#include "text.h"

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


typedef struct {
    char *name, *axis, *positive, *negative, *language, *output;
    gboolean stem;
} ImportOptions;

/* Turn a term into a pattern: every word "=exact" (surface-form word lists
 * mis-score when stemmed), unless --stem. */
static char *
term_pattern(const char *term, gboolean stem)
{
    g_autoptr(GString) p = g_string_new(NULL);
    g_auto(GStrv) words = g_strsplit_set(term, " \t", -1);
    for (char **w = words; *w; w++) {
        if (**w == '\0')
            continue;
        if (p->len)
            g_string_append_c(p, ' ');
        if (!stem)
            g_string_append_c(p, '=');
        g_string_append(p, *w);
    }
    return g_string_free(g_steal_pointer(&p), FALSE);
}

/* `lexicon import FILE`: a plain "term<TAB>weight" list (AFINN and most
 * published word lists) to a slant lexicon with one axis; a negative weight
 * is the negative pole.  Terms that do not tokenize, have weight 0 or come
 * twice are reported on stderr and left out. */
static int
lexicon_import(const char *path, const ImportOptions *o, GError **error)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    GError *ferr = NULL;
    if (!g_file_get_contents(path, &data, &len, &ferr)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", path, ferr->message);
        g_error_free(ferr);
        return 4;
    }
    guint64 bl, bc;
    if (!slant_utf8_validate(data, len, &bl, &bc)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_UTF8,
                    "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": invalid UTF-8", path, bl, bc);
        return 1;
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "lexicon", o->name);
    cJSON_AddStringToObject(root, "version", "1.0.0");
    cJSON_AddStringToObject(root, "language", o->language);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *desc = g_strdup_printf("imported from %s by slant lexicon import", base);
    cJSON_AddStringToObject(root, "description", desc);
    cJSON *axes = cJSON_AddArrayToObject(root, "axes");
    cJSON *ax = cJSON_CreateObject();
    cJSON_AddStringToObject(ax, "id", o->axis);
    cJSON_AddStringToObject(ax, "positive", o->positive);
    cJSON_AddStringToObject(ax, "negative", o->negative);
    cJSON_AddItemToArray(axes, ax);
    cJSON *entries = cJSON_AddArrayToObject(root, "entries");
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
    guint kept = 0, dropped = 0;
    for (guint i = 0; lines[i] != NULL; i++) {
        char *line = g_strstrip(lines[i]);
        if (*line == '\0' || *line == '#')
            continue;
        char *tab = strrchr(line, '\t');
        char *end = NULL;
        double w = tab ? g_ascii_strtod(tab + 1, &end) : 0;
        if (tab == NULL || end == tab + 1 || *end != '\0') {
            fprintf(stderr, "slant: warning: %s:%u: expected 'term<TAB>weight', line left out\n", path, i + 1);
            dropped++;
            continue;
        }
        *tab = '\0';
        char *term = g_strstrip(line);
        g_array_set_size(tokens, 0);
        slant_tokenize(term, strlen(term), SLANT_SEGMENT_TEXT, 0, tokens);
        if (w == 0 || tokens->len == 0 || strchr(term, '*') || strchr(term, '=')) {
            fprintf(stderr, "slant: warning: %s:%u: term '%s' %s, left out\n", path, i + 1, term,
                    w == 0 ? "has weight 0" : "has no usable word");
            dropped++;
            continue;
        }
        g_autofree char *pattern = term_pattern(term, o->stem);
        g_autofree char *folded = g_utf8_casefold(pattern, -1);
        if (!g_hash_table_add(seen, g_steal_pointer(&folded))) {
            fprintf(stderr, "slant: warning: %s:%u: term '%s' comes twice, left out\n", path, i + 1, term);
            dropped++;
            continue;
        }
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "pattern", pattern);
        cJSON_AddStringToObject(e, "axis", o->axis);
        cJSON_AddStringToObject(e, "pole", w > 0 ? "positive" : "negative");
        cJSON_AddNumberToObject(e, "weight", w > 0 ? w : -w);
        g_autofree char *note = g_strdup_printf("%s line %u: '%s' %s", base, i + 1, term, tab + 1);
        cJSON_AddStringToObject(e, "note", note);
        cJSON_AddItemToArray(entries, e);
        kept++;
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    g_autofree char *out = g_strconcat(text, "\n", NULL);
    cJSON_free(text);
    fprintf(stderr, "slant: imported %u entries from %s (%u left out)\n", kept, path, dropped);
    if (kept == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY, "%s: no entries to import", path);
        return 1;
    }
    if (!cli_write_output(o->output, out, strlen(out), error))
        return 4;
    return 0;
}

int
cmd_lexicon(int argc, char **argv, GError **error)
{
    gboolean notes = FALSE, werror = FALSE;
    ImportOptions io = {0};
    GOptionEntry entries[] = {
        {"name", 0, 0, G_OPTION_ARG_STRING, &io.name, "import: the lexicon's name (default: the file's)", "NAME"},
        {"axis", 0, 0, G_OPTION_ARG_STRING, &io.axis, "import: axis id (default sentiment)", "ID"},
        {"positive", 0, 0, G_OPTION_ARG_STRING, &io.positive,
         "import: positive pole name (default positive-sentiment)", "NAME"},
        {"negative", 0, 0, G_OPTION_ARG_STRING, &io.negative,
         "import: negative pole name (default negative-sentiment)", "NAME"},
        {"language", 0, 0, G_OPTION_ARG_STRING, &io.language, "import: stemmer language (default english)", "LANG"},
        {"stem", 0, 0, G_OPTION_ARG_NONE, &io.stem,
         "import: match terms by stem instead of as exact forms (mis-scores surface-form lists)", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &io.output, "import: write to FILE", "FILE"},
        {"notes", 0, 0, G_OPTION_ARG_NONE, &notes, "List every entry with its note", NULL},
        {"warnings-as-errors", 'W', 0, G_OPTION_ARG_NONE, &werror,
         "Exit 1 when a lexicon has warnings", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("check [LEXICON...] | import FILE - lexicon tools");
    g_option_context_set_summary(ctx,
        "check: validate each LEXICON (default: the bundled one), print its statistics\n"
        "(entries per pole and category, phrases, globs, weights) and its warnings (stem\n"
        "collisions, entries without a note). Errors are FILE:LINE:COL: messages, exit 3.\n"
        "import: turn a 'term<TAB>weight' list (AFINN and most published lists) into a\n"
        "lexicon with one axis, each term as =exact words; a negative weight is the\n"
        "negative pole.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error))
        return 2;
    if (argc >= 2 && strcmp(argv[1], "import") == 0) {
        if (argc != 3) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "lexicon import: give one FILE");
            return 2;
        }
        g_autofree char *base = g_path_get_basename(argv[2]);
        char *dot = strchr(base, '.');
        if (dot)
            *dot = '\0';
        ImportOptions d = {
            io.name ? io.name : base, io.axis ? io.axis : (char *) "sentiment",
            io.positive ? io.positive : (char *) "positive-sentiment",
            io.negative ? io.negative : (char *) "negative-sentiment",
            io.language ? io.language : (char *) "english", io.output, io.stem,
        };
        int st = lexicon_import(argv[2], &d, error);
        g_free(io.name); g_free(io.axis); g_free(io.positive); g_free(io.negative);
        g_free(io.language); g_free(io.output);
        return st;
    }
    g_free(io.name); g_free(io.axis); g_free(io.positive); g_free(io.negative);
    g_free(io.language); g_free(io.output);
    if (argc < 2 || strcmp(argv[1], "check") != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    argc < 2 ? "lexicon: missing subcommand (available: check, import)%s"
                             : "lexicon: unknown subcommand '%s' (available: check, import)",
                    argc < 2 ? "" : argv[1]);
        return 2;
    }
    g_autofree char *bundled = cli_bundled_path(CLI_BUNDLED_LEXICON);
    g_autoptr(GString) out = g_string_new(NULL);
    int status = 0;
    guint warnings = 0;
    int n = argc > 2 ? argc - 2 : 1;
    for (int i = 0; i < n; i++) {
        const char *path = argc > 2 ? argv[i + 2] : bundled;
        const char *name = argc > 2 ? argv[i + 2] : CLI_BUNDLED_LEXICON;
        GError *err = NULL;
        g_autoptr(SlantLexicon) lex = slant_lexicon_load(path, name, &err);
        if (lex == NULL) {
            /* report every bad lexicon, not just the first: main() prints
             * the last error; the others are printed here */
            status = MAX(status, slant_error_exit_status(err));
            if (error != NULL && *error != NULL) {
                fprintf(stderr, "slant: error: %s\n", (*error)->message);
                g_clear_error(error);
            }
            g_propagate_error(error, err);
            continue;
        }
        print_stats(out, lex, notes);
        g_autoptr(GPtrArray) lint = slant_lexicon_lint(lex);
        for (guint w = 0; w < lint->len; w++)
            fprintf(stderr, "%s\n", (const char *) lint->pdata[w]);
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

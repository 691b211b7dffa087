/* cmd-lexicon-import.c: `slant lexicon import`: word lists to lexicons. */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "slant-error.h"
#include "text.h"

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
cmd_lexicon_import(int argc, char **argv, GError **error)
{
    ImportOptions io = {0};
    GOptionEntry entries[] = {
        {"name", 0, 0, G_OPTION_ARG_STRING, &io.name, "The lexicon's name (default: the file's)", "NAME"},
        {"axis", 0, 0, G_OPTION_ARG_STRING, &io.axis, "Axis id (default sentiment)", "ID"},
        {"positive", 0, 0, G_OPTION_ARG_STRING, &io.positive,
         "Positive pole name (default positive-sentiment)", "NAME"},
        {"negative", 0, 0, G_OPTION_ARG_STRING, &io.negative,
         "Negative pole name (default negative-sentiment)", "NAME"},
        {"language", 0, 0, G_OPTION_ARG_STRING, &io.language, "Stemmer language (default english)", "LANG"},
        {"stem", 0, 0, G_OPTION_ARG_NONE, &io.stem,
         "Match terms by stem instead of as exact forms (mis-scores surface-form lists)", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &io.output, "Write to FILE (whole or not at all)", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("FILE - turn a word list into a lexicon");
    g_option_context_set_summary(ctx,
        "Turn a 'term<TAB>weight' list (AFINN and most published lists) into a lexicon\n"
        "with one axis, each term as =exact words; a negative weight is the negative pole.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error))
        return 2;
    int st = 2;
    if (argc != 2) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "lexicon import: give one FILE");
    } else {
        g_autofree char *base = g_path_get_basename(argv[1]);
        char *dot = strchr(base, '.');
        if (dot)
            *dot = '\0';
        ImportOptions d = {
            io.name ? io.name : base, io.axis ? io.axis : (char *) "sentiment",
            io.positive ? io.positive : (char *) "positive-sentiment",
            io.negative ? io.negative : (char *) "negative-sentiment",
            io.language ? io.language : (char *) "english", io.output, io.stem,
        };
        st = lexicon_import(argv[1], &d, error);
    }
    g_free(io.name); g_free(io.axis); g_free(io.positive); g_free(io.negative);
    g_free(io.language); g_free(io.output);
    return st;
}

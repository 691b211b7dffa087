/* cmd-tokens.c: `slant tokens`, the text pipeline made visible. */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "slant-error.h"
#include "analyzer.h"

/* Append @s left-aligned in @width characters (not bytes). */
static void
append_padded(GString *out, const char *s, glong width)
{
    g_string_append(out, s);
    for (glong n = g_utf8_strlen(s, -1); n < width; n++)
        g_string_append_c(out, ' ');
}

static void
print_tokens(const char *label, const char *text, gsize len, SlantAnalyzer *an, gboolean json,
             GString *out)
{
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    slant_analyzer_tokenize(an, text, len, SLANT_SEGMENT_TEXT, 0, tokens);
    if (!json)
        g_string_append_printf(out, "# %s\n# %-5s %-4s %-13s %-1s %-20s %-20s %s\n", label, "token",
                               "sent", "bytes", "q", "surface", "normalized", "stem");
    for (guint i = 0; i < tokens->len; i++) {
        const SlantToken *t = &g_array_index(tokens, SlantToken, i);
        g_autofree char *surface = g_strndup(text + t->start, t->end - t->start);
        SlantWordForms w;
        slant_analyzer_word(an, surface, t->end - t->start, &w);
        g_autofree char *norm = g_strndup(w.norm, w.norm_len);
        g_autofree char *stem = g_strndup(w.stem, w.stem_len);
        if (json) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "input", label);
            cJSON_AddNumberToObject(o, "token", i);
            cJSON_AddNumberToObject(o, "sentence", t->sentence);
            cJSON_AddNumberToObject(o, "start", t->start);
            cJSON_AddNumberToObject(o, "end", t->end);
            cJSON_AddBoolToObject(o, "quoted", t->quoted);
            cJSON_AddStringToObject(o, "surface", surface);
            cJSON_AddStringToObject(o, "normalized", norm);
            cJSON_AddStringToObject(o, "stem", stem);
            char *line = cJSON_PrintUnformatted(o);
            g_string_append_printf(out, "%s\n", line);
            cJSON_free(line);
            cJSON_Delete(o);
        } else {
            g_string_append_printf(out, "  %-5u %-4u %5u-%-7u %s ", i, t->sentence, t->start, t->end,
                                   t->quoted ? "\"" : " ");
            append_padded(out, surface, 20);
            g_string_append_c(out, ' ');
            append_padded(out, norm, 20);
            g_string_append_printf(out, " %s\n", stem);
        }
    }
}

int
cmd_tokens(int argc, char **argv, GError **error)
{
    g_autofree char *lang = NULL;
    g_auto(GStrv) files = NULL;
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Stemmer language (default english)", "LANG"},
        {"file", 'f', 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
         "Read text from FILE (repeatable; - is standard input)", "FILE"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object per token (JSON Lines)", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[TEXT...] - show tokens");
    g_option_context_set_summary(ctx,
        "Show how text is tokenized: each token's sentence number, byte offsets, whether it is\n"
        "inside a quotation (q: \"), surface form, normalized form and stem. Text comes from the\n"
        "arguments, from --file, or, with neither, from standard input.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error))
        return 2;
    g_autoptr(SlantAnalyzer) st = slant_analyzer_new(lang ? lang : "english", error);
    if (st == NULL) {
        (*error)->code = SLANT_ERROR_USAGE;
        return 2;
    }
    g_autoptr(GString) out = g_string_new(NULL);
    gboolean any = FALSE;
    for (int i = 1; i < argc; i++) {
        if (!g_utf8_validate(argv[i], -1, NULL)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_UTF8, "argument %d: invalid UTF-8", i);
            return 1;
        }
        g_autofree char *label = g_strdup_printf("argument %d", i);
        print_tokens(label, argv[i], strlen(argv[i]), st, json, out);
        any = TRUE;
    }
    const char *stdin_only[] = {"-", NULL};
    const char *const *list = files ? (const char *const *) files : any ? NULL : stdin_only;
    for (; list && *list; list++) {
        g_autofree char *data = NULL;
        gsize len = 0;
        GError *ferr = NULL;
        gboolean ok;
        if (strcmp(*list, "-") == 0) {
            g_autoptr(GString) buf = g_string_new(NULL);
            char chunk[65536];
            size_t n;
            while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
                g_string_append_len(buf, chunk, (gssize) n);
            ok = !ferror(stdin);
            len = buf->len;
            data = g_string_free(g_steal_pointer(&buf), FALSE);
            if (!ok)
                g_set_error(&ferr, SLANT_ERROR, SLANT_ERROR_IO, "cannot read standard input");
        } else {
            ok = g_file_get_contents(*list, &data, &len, &ferr);
        }
        if (!ok) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", *list,
                        ferr->domain == G_FILE_ERROR && ferr->code == G_FILE_ERROR_NOENT
                            ? "no such file"
                            : ferr->message);
            g_error_free(ferr);
            return 4;
        }
        guint64 line, col;
        if (!slant_utf8_validate(data, len, &line, &col)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_UTF8,
                        "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": invalid UTF-8", *list,
                        line, col);
            return 1;
        }
        print_tokens(*list, data, len, st, json, out);
    }
    fwrite(out->str, 1, out->len, stdout);
    return 0;
}

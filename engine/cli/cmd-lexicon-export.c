/* cmd-lexicon-export.c: `slant lexicon export`: a lexicon written as a
 * dictionary of another tool (engine/lib/dict.h does the work). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dict.h"
#include "slant-error.h"

int
cmd_lexicon_export(int argc, char **argv, GError **error)
{
    char *format = NULL, *output = NULL;
    GOptionEntry entries[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &format,
         "dic (LIWC), dicx (LIWC-22, with weights) or yaml (quanteda); default: from -o's "
         "extension", "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (whole or not at all)", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("LEXICON - write a lexicon as a dictionary");
    g_option_context_set_summary(ctx,
        "Write LEXICON as a LIWC .dic, LIWC-22 .dicx or quanteda YAML dictionary. Categories\n"
        "stay categories; an axis becomes two categories named by its poles, so that\n"
        "'slant lexicon import --axis ID --positive POS --negative NEG' gives it back.\n"
        "What the format cannot carry (weights in .dic and YAML, stem words, modifiers,\n"
        "notes) is named in warnings.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    int status = 0;
    SlantDictFormat f = SLANT_DICT_AUTO;
    if (!cli_parse(ctx, &argc, &argv, error)) {
        status = 2;
    } else if (argc != 2) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "lexicon export: give one LEXICON");
        status = 2;
    } else if (format != NULL ? !slant_dict_format_parse(format, &f)
                              : (output == NULL ||
                                 (f = slant_dict_format_from_path(output)) == SLANT_DICT_AUTO)) {
        if (format != NULL)
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "lexicon export: unknown format '%s' (dic, dicx, yaml)", format);
        else
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "lexicon export: give --format (dic, dicx, yaml)%s",
                        output != NULL ? ": the output's extension does not say it" : "");
        status = 2;
    }
    if (status == 0) {
        const char *path = argv[1];
        g_autoptr(SlantLexicon) lex = slant_lexicon_load(path, path, error);
        g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
        g_autofree char *text = lex != NULL ? slant_dict_export(lex, f, warnings, error) : NULL;
        for (guint i = 0; i < warnings->len; i++)
            fprintf(stderr, "slant: warning: %s\n", (const char *) warnings->pdata[i]);
        if (text == NULL) {
            status = cli_exit_status(*error);
        } else {
            guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
            guint n = slant_lexicon_n_entries(lex);
            fprintf(stderr, "slant: exported %u entr%s in %u categor%s from %s as %s\n", n,
                    n == 1 ? "y" : "ies", 2 * na + nc, 2 * na + nc == 1 ? "y" : "ies", path,
                    slant_dict_format_name(f));
            if (!cli_write_output(output, text, strlen(text), error))
                status = 4;
        }
    }
    g_free(format);
    g_free(output);
    return status;
}

/* cmd-lexicon-import.c: `slant lexicon import`: dictionaries to lexicons
 * (engine/lib/dict.h does the work). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dict.h"
#include "slant-error.h"

static void
print_warnings(GPtrArray *warnings, guint from)
{
    for (guint i = from; i < warnings->len; i++)
        fprintf(stderr, "slant: warning: %s\n", (const char *) warnings->pdata[i]);
}

int
cmd_lexicon_import(int argc, char **argv, GError **error)
{
    char *format = NULL, *name = NULL, *axis = NULL, *positive = NULL, *negative = NULL;
    char *language = NULL, *output = NULL;
    gboolean stem = FALSE;
    GOptionEntry entries[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &format,
         "The dictionary's format: auto (default), dic, dicx, yaml or tsv", "FORMAT"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name, "The lexicon's name (default: the file's)", "NAME"},
        {"axis", 0, 0, G_OPTION_ARG_STRING, &axis,
         "Make an axis ID of the categories --positive and --negative (a term<TAB>weight "
         "list: its axis, default sentiment)", "ID"},
        {"positive", 0, 0, G_OPTION_ARG_STRING, &positive,
         "The category of the axis' positive pole (a term<TAB>weight list: the pole's name, "
         "default positive-sentiment)", "CAT"},
        {"negative", 0, 0, G_OPTION_ARG_STRING, &negative,
         "The category of the axis' negative pole (a term<TAB>weight list: the pole's name, "
         "default negative-sentiment)", "CAT"},
        {"language", 0, 0, G_OPTION_ARG_STRING, &language, "Stemmer language (default english)", "LANG"},
        {"stem", 0, 0, G_OPTION_ARG_NONE, &stem,
         "Match words by stem instead of as exact forms (mis-scores surface-form lists)", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (whole or not at all)", "FILE"},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("FILE - turn a dictionary into a lexicon");
    g_option_context_set_summary(ctx,
        "Turn a dictionary into a lexicon: LIWC .dic, LIWC-22 .dicx, quanteda YAML, or\n"
        "tab-separated 'term<TAB>weight' (one axis; a negative weight is the negative pole)\n"
        "or 'term<TAB>category[<TAB>weight]'. Categories stay categories, unless --axis makes\n"
        "an axis of two of them. Words become =exact words (globs 'prefix*' stay globs),\n"
        "each entry with a note naming its line. A line that cannot be read is an error\n"
        "FILE:LINE: message, exit 3.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    int status = 0;
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
    SlantDictFormat f = SLANT_DICT_AUTO;
    if (!cli_parse(ctx, &argc, &argv, error)) {
        status = 2;
    } else if (format != NULL && !slant_dict_format_parse(format, &f)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "lexicon import: unknown format '%s' (auto, dic, dicx, yaml, tsv)", format);
        status = 2;
    } else if (argc != 2) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "lexicon import: give one FILE");
        status = 2;
    }
    if (status == 0) {
        const char *path = argv[1];
        g_autoptr(SlantDict) dict = slant_dict_read(path, f, warnings, error);
        print_warnings(warnings, 0);
        guint printed = warnings->len;
        if (dict == NULL) {
            status = cli_exit_status(*error);
        } else {
            SlantDictLexiconOptions o = {name, language, axis, positive, negative, stem};
            g_autoptr(SlantLexicon) lex = NULL;
            g_autofree char *json = slant_dict_to_lexicon(dict, &o, warnings, &lex, error);
            print_warnings(warnings, printed);
            if (json == NULL) {
                status = cli_exit_status(*error);
            } else {
                guint n = slant_lexicon_n_entries(lex);
                guint na = slant_lexicon_n_axes(lex), nc = slant_lexicon_n_categories(lex);
                guint left_out = slant_dict_n_left_out(dict) + slant_dict_n_entries(dict) - n;
                g_autofree char *groups =
                    na > 0 && nc > 0
                        ? g_strdup_printf("1 axis and %u categor%s", nc, nc == 1 ? "y" : "ies")
                    : na > 0 ? g_strdup("1 axis")
                             : g_strdup_printf("%u categor%s", nc, nc == 1 ? "y" : "ies");
                fprintf(stderr, "slant: imported %u entr%s in %s from %s (%u left out)\n", n,
                        n == 1 ? "y" : "ies", groups, path, left_out);
                if (!cli_write_output(output, json, strlen(json), error))
                    status = 4;
            }
        }
    }
    g_free(format); g_free(name); g_free(axis); g_free(positive); g_free(negative);
    g_free(language); g_free(output);
    return status;
}

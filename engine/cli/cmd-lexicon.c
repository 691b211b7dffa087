/* cmd-lexicon.c: `slant lexicon SUBCOMMAND`: the table of lexicon tools.
 * Each subcommand lives in cmd-lexicon-<name>.c and parses its own options. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "slant-error.h"

static const struct {
    const char *name;
    SlantCommandFunc fn;
    const char *summary;
} subcommands[] = {
    {"check", cmd_lexicon_check, "validate lexicons, print their statistics and lint warnings"},
    {"coverage", cmd_lexicon_coverage, "what each entry does on a corpus: hits, forms, shadowed entries"},
    {"import", cmd_lexicon_import, "turn a dictionary (LIWC .dic/.dicx, YAML, TSV) into a lexicon"},
    {"export", cmd_lexicon_export, "write a lexicon as a LIWC .dic/.dicx or YAML dictionary"},
};

int
cmd_lexicon(int argc, char **argv, GError **error)
{
    g_autoptr(GString) names = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(subcommands); i++)
        g_string_append_printf(names, "%s%s", i ? ", " : "", subcommands[i].name);
    if (argc >= 2) {
        for (gsize i = 0; i < G_N_ELEMENTS(subcommands); i++) {
            if (strcmp(argv[1], subcommands[i].name) != 0)
                continue;
            g_autofree char *prgname = g_strdup_printf("slant lexicon %s", subcommands[i].name);
            g_set_prgname(prgname);
            return subcommands[i].fn(argc - 1, argv + 1, error);
        }
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: slant lexicon SUBCOMMAND [OPTIONS] [ARGS...]\n\nsubcommands:\n");
        for (gsize i = 0; i < G_N_ELEMENTS(subcommands); i++)
            printf("  %-9s %s\n", subcommands[i].name, subcommands[i].summary);
        printf("\n'slant lexicon SUBCOMMAND --help' describes its options.\n");
        return 0;
    }
    if (argc < 2 || argv[1][0] == '-')
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "lexicon: missing subcommand (available: %s)", names->str);
    else
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "lexicon: unknown subcommand '%s' (available: %s)", argv[1], names->str);
    return 2;
}

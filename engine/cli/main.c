/* main.c: the command table, the one place that prints errors, and the
 * check of standard output at exit. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "codec.h"
#include "slant-error.h"

typedef struct {
    const char *name;
    SlantCommandFunc fn;
    const char *summary;
} Command;

static const Command commands[] = {
    {"compare", cmd_compare, "corpus -> per-source comparison report (JSON)"},
    {"score", cmd_score, "per-document scores as JSON Lines, optionally with every hit"},
    {"explain", cmd_explain, "a document's hits in context, for people or (--json) programs"},
    {"kwic", cmd_kwic, "any pattern in context across a corpus, without a lexicon entry"},
    {"suggest", cmd_suggest, "candidate lexicon terms: words and phrases that separate groups"},
    {"validate", cmd_validate, "agreement of document scores with a human label (AUC, F1, rho), a gate"},
    {"merge", cmd_merge, "combine partial results of sharded runs into one report"},
    {"diff", cmd_diff, "compare two reports (or score outputs) within tolerances: a CI gate"},
    {"lexicon", cmd_lexicon, "lexicon tools: check, coverage, import, export"},
    {"tokens", cmd_tokens, "debug: tokens, normal forms, stems, sentence numbers"},
};

static void
usage(FILE *f)
{
    fprintf(f, "usage: slant COMMAND [OPTIONS] [INPUT...]\n\ncommands:\n");
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'slant COMMAND --help' describes a command's options.\n"
               "With no INPUT, corpus commands use the bundled corpus (%s)\n"
               "and the bundled lexicon (%s).\n",
            CLI_BUNDLED_CORPUS, CLI_BUNDLED_LEXICON);
}

/* Set when the command's own error was a failed write to standard output,
 * which close_stdout() must not report again. */
static gboolean stdout_reported;

/* At exit, whoever calls exit() (main's return, or GLib after --help):
 * flush and close standard output and check that nothing written to it
 * was lost, as git's run_builtin() and gnulib's close_stdout() do.  A full
 * disk, a closed pipe with SIGPIPE ignored (EPIPE) or any other failure is
 * exit status 4 with one message; a standard output closed before slant
 * started (EBADF) is no failure when nothing was written to it. */
static void
close_stdout(void)
{
    gboolean pending = __fpending(stdout) != 0;
    gboolean failed_before = ferror(stdout) != 0;
    errno = 0;
    gboolean close_failed = fclose(stdout) != 0;
    int err = close_failed ? errno : 0;
    if (!failed_before && (!close_failed || (err == EBADF && !pending)))
        return;
    if (!stdout_reported) {
        if (err != 0)
            fprintf(stderr, "slant: error: cannot write standard output: %s\n", g_strerror(err));
        else /* the reason went with the write that failed */
            fprintf(stderr, "slant: error: cannot write standard output\n");
    }
    _exit(4);
}

int
main(int argc, char **argv)
{
    setlocale(LC_CTYPE, ""); /* never LC_NUMERIC: reports use "." */
    atexit(close_stdout);
    /* cJSON allocates through GLib, so that running out of memory ends
     * slant as GLib does everywhere else (g_error: SIGTRAP, with a
     * message), instead of a NULL that cJSON reports as a parse failure
     * ("invalid JSON" in a valid lexicon) or a report cut short */
    cJSON_Hooks hooks = {g_malloc, g_free};
    cJSON_InitHooks(&hooks);
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("slant %s\n%s\n", SLANT_VERSION, slant_codec_versions());
        return 0;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        GError *error = NULL;
        g_autofree char *prgname = g_strdup_printf("slant %s", commands[i].name);
        g_set_prgname(prgname); /* for GOptionContext's usage line */
        /* "-j4" as "-j 4": GLib's parser takes a short option's value only
         * as the next argument */
        g_autoptr(GPtrArray) args = g_ptr_array_new();
        gboolean options = TRUE;
        for (int k = 1; k < argc; k++) {
            if (strcmp(argv[k], "--") == 0)
                options = FALSE;
            if (options && strncmp(argv[k], "-j", 2) == 0 && argv[k][2] != '\0' &&
                strspn(argv[k] + 2, "0123456789") == strlen(argv[k] + 2)) {
                g_ptr_array_add(args, (gpointer) "-j");
                g_ptr_array_add(args, argv[k] + 2);
            } else {
                g_ptr_array_add(args, argv[k]);
            }
        }
        g_ptr_array_add(args, NULL);
        int status = commands[i].fn((int) args->len - 1, (char **) args->pdata, &error);
        cli_progress_stop();
        if (error != NULL) {
            fprintf(stderr, "slant: error: %s\n", error->message);
            stdout_reported = g_str_has_prefix(error->message, "cannot write standard output");
            g_error_free(error);
        }
        return status; /* close_stdout() checks standard output */
    }
    fprintf(stderr, "slant: error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}

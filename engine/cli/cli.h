/* cli.h: the slant command-line front end.
 *
 * Each command lives in its own file, cmd-<name>.c, and exports one
 * function of type SlantCommandFunc; main.c owns the table of commands.
 * To add a command: write cmd-<name>.c with `int cmd_<name>(int argc,
 * char **argv, GError **error)`, declare it below, and add a row to the
 * table in main.c.  A command parses its options with its own
 * GOptionContext, prints its output to stdout (or -o FILE), and returns its
 * exit status: the return value is the one channel of the status.  On a
 * failure it also sets @error, the one message main prints ("slant:
 * error: MESSAGE"); main never derives a status from it.  Exit statuses
 * (DESIGN.md §6) are decided here in cli/, never in the library, which
 * reports what happened (SlantError codes, skips): cli_exit_status() and
 * cli_skips_status() map them.  0 ok, 1 a check failed or documents were
 * skipped, 2 usage, 3 invalid lexicon, 4 input/output failure.
 */
#ifndef SLANT_CLI_H
#define SLANT_CLI_H

#include <cjson/cJSON.h>
#include <glib.h>

#include "engine.h"
#include "lexicon.h"
#include "report.h"

G_BEGIN_DECLS

typedef int (*SlantCommandFunc)(int argc, char **argv, GError **error);

int cmd_compare(int argc, char **argv, GError **error);
int cmd_score(int argc, char **argv, GError **error);
int cmd_explain(int argc, char **argv, GError **error);
int cmd_kwic(int argc, char **argv, GError **error);
int cmd_suggest(int argc, char **argv, GError **error);
int cmd_validate(int argc, char **argv, GError **error);
int cmd_tokens(int argc, char **argv, GError **error);
int cmd_lexicon(int argc, char **argv, GError **error);
/* the subcommands of `slant lexicon`, dispatched by cmd-lexicon.c */
int cmd_lexicon_check(int argc, char **argv, GError **error);
int cmd_lexicon_import(int argc, char **argv, GError **error);
int cmd_lexicon_coverage(int argc, char **argv, GError **error);
int cmd_lexicon_export(int argc, char **argv, GError **error);
int cmd_merge(int argc, char **argv, GError **error);
int cmd_diff(int argc, char **argv, GError **error);

/* Options every corpus command shares.  Values out of range are usage
 * errors when parsed (exit 2, the message names the range). */
typedef struct {
    char **lexicons;    /* --lexicon, each time given; NULL: the bundled lexicon */
    gint threads;       /* -j, 0..CLI_MAX_THREADS; 0: all cores */
    gboolean strict;
    gboolean quiet;     /* --quiet: no lexicon warnings and no progress */
    gboolean progress;  /* --progress: progress on stderr even when it is no terminal */
    gint64 max_document_bytes; /* >= 0; 0: no limit */
    char *output;       /* -o; NULL: stdout */
    SlantVoice voice;   /* --voice: which hits count (default all) */
} CliCommon;

#define CLI_MAX_THREADS SLANT_ENGINE_MAX_THREADS

#define CLI_DEFAULT_MAX_DOCUMENT_BYTES (64 * 1024 * 1024)

void cli_common_init(CliCommon *c);
void cli_common_clear(CliCommon *c);
/* The GOptionEntry rows for CliCommon, as the context's main group (its
 * user data is @c, for the options parsed by callback): call it before
 * adding the command's own entries. */
void cli_common_add_entries(GOptionContext *ctx, CliCommon *c, gboolean with_output);

/* cli_parse: parse @argv with @ctx; usage errors get SLANT_ERROR_USAGE. */
gboolean cli_parse(GOptionContext *ctx, int *argc, char ***argv, GError **error);

/* The directory holding lexicons/ and corpora/: $SLANT_DATA_DIR, else
 * the source tree for a binary of the build tree, else the installed
 * share/slant (see cli-data.c).  Lives as long as the process. */
const char *cli_data_dir(void);
/* The bundled lexicon and corpus: absolute path and display name. */
char *cli_bundled_path(const char *relative);
#define CLI_BUNDLED_LEXICON "lexicons/us-japan-alliance.json"
#define CLI_BUNDLED_CORPUS "corpora/us-japan-cyber-2019"

/* Progress on standard error (cli-progress.c): started by
 * cli_engine_options() (shown when stderr is a terminal or @force, never
 * when @quiet, after a second), told the number of inputs by
 * cli_run_inputs(), fed by the engine (cli_progress_update is a
 * SlantProgressFunc), erased by cli_progress_clear() before anything else
 * is printed (cli_report_skips() and main do), ended by
 * cli_progress_stop() (cli_common_clear() does). */
void cli_progress_start(gboolean force, gboolean quiet);
void cli_progress_set_inputs(guint n);
void cli_progress_update(const SlantProgress *progress, gpointer data);
void cli_progress_clear(void);
void cli_progress_stop(void);

/* cli_append_count: @n in decimal with thousands separated by commas
 * ("12,345"), for people. */
void cli_append_count(GString *out, guint64 n);

/* cli_exit_status: the exit status for @error (NULL: 0): 2 usage, 3
 * invalid lexicon, 4 input/output failure (also any error outside
 * SLANT_ERROR: GLib's file errors), 1 otherwise. */
int cli_exit_status(const GError *error);

/* cli_skips_status: the exit status a run's skips (SlantSkip*) call for:
 * 0 none, 4 when an input could not be read, else 1. */
int cli_skips_status(const GPtrArray *skipped);

/* cli_json_number: @v as the reports write numbers (slant_report_number),
 * added to @obj as @key. */
void cli_json_number(cJSON *obj, const char *key, double v);

/* cli_load_lexicon: --lexicon (each file given) or the bundled one; unless
 * --quiet, its warnings that change scores (slant_lexicon_lint()) go to
 * standard error once, each as "slant: PATH:LINE:COL: warning: ...". */
SlantLexicon *cli_load_lexicon(const CliCommon *c, GError **error);

/* cli_engine_options: SlantEngineOptions from the common options. */
SlantEngineOptions cli_engine_options(const CliCommon *c, gboolean keep_tokens);

/* cli_run_inputs: run @engine over @inputs (argv-style, after parsing;
 * none: the bundled corpus), calling @fn per document. */
gboolean cli_run_inputs(SlantEngine *engine, int argc, char **argv, SlantResultFunc fn,
                        gpointer user, GError **error);

/* cli_report_skips: print each skip to stderr as "slant: warning: ...",
 * but not the one that stopped the run (@final, nullable), which main()
 * prints as the error. */
void cli_report_skips(const SlantEngine *engine, const GError *final);

/* cli_run_status: the exit status a finished run calls for (4 when an
 * input could not be read, 1 when documents were skipped or none was
 * scored, else 0), setting @error when none was scored. */
int cli_run_status(const SlantEngine *engine, GError **error);

/* cli_write_output: write @len bytes to @path whole or not at all, or to
 * stdout when @path is NULL (see CliOut). */
gboolean cli_write_output(const char *path, const char *data, gsize len, GError **error);

/* cli_write_report: write @report in @format to @path (NULL: stdout),
 * streamed, whole or not at all. */
gboolean cli_write_report(const char *path, const SlantReport *report, SlantReportFormat format,
                          GError **error);

/* cli_report_format: the format --format NAME asks for (NULL: the default:
 * from @output's extension .json, .csv, .html or .txt, else text when
 * standard output is a terminal and @output is NULL, else JSON); FALSE with
 * a usage error for an unknown name or one not in @allowed (a
 * NULL-terminated list of names, nullable: all). */
gboolean cli_report_format(const char *name, const char *output, const char *const *allowed,
                           SlantReportFormat *format, GError **error);

/* An output stream, buffered, written with write(2): standard output
 * (@path NULL), or -o @path, which appears whole or not at all: the bytes
 * go to an unnamed file in @path's folder (O_TMPFILE; else a temporary
 * file ".slant-XXXXXX" that SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT and
 * SIGTRAP remove), named @path by cli_out_close() once complete and
 * synced.  A symbolic link @path is followed and its target replaced; an
 * existing file that is not a regular file (a device, a named pipe) is
 * written in place; an existing regular file must be writable, and one
 * whose mode grants no write is refused even for root (EACCES).  Errors
 * are SLANT_ERROR_IO: "cannot write 'PATH': REASON", or "cannot write
 * standard output: REASON".  cli-common.c says why each choice. */
typedef struct CliOut CliOut;
CliOut *cli_out_open(const char *path, GError **error);
gboolean cli_out_write(CliOut *out, const char *data, gsize len, GError **error);
/* Close and free @out.  @commit TRUE gives the file its name (or reports
 * why not); FALSE drops it (standard output: what was written stays). */
gboolean cli_out_close(CliOut *out, gboolean commit, GError **error);

G_END_DECLS

#endif

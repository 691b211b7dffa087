/* slant.h: the public API of libslant, the slant stance and bias engine.
 *
 * slant scores news text against a framing lexicon (JSON, see the README's
 * "Lexicon format"): per axis the summed weights of the hits at its two
 * poles and four scores made of them, per category its hits, and every
 * hit with its entry and byte offsets; over a corpus, per source (or any
 * group) pooled scores with bootstrap intervals and every pair of sources
 * compared, written as the report `slant compare` writes.  This header is
 * the whole of the installed API; the numbers it gives are the numbers
 * `slant score` and `slant compare` print (they round to 6 decimals, the
 * API does not).
 *
 *     SlantLexicon *lex = slant_lexicon_open("us-japan-alliance.json", &error);
 *     SlantScorer *scorer = slant_scorer_new(lex, &error);
 *     SlantScore *score = slant_scorer_score(scorer, title, text, &error);
 *     double balance = slant_score_axis_value(score, 0, SLANT_MEASURE_BALANCE);
 *     slant_score_free(score);
 *     slant_scorer_free(scorer);
 *     slant_lexicon_close(lex);
 *
 * Link with `pkg-config --cflags --libs slant`.
 *
 * Conventions, for every function below:
 *
 *   Errors.  A function that can fail takes `GError **error` last and
 *   returns NULL (or FALSE) with *error set, in the SLANT_ERROR domain with
 *   one of the SlantError codes (or a GLib/GIO file error domain for a
 *   file that cannot be written).  The message is lowercase, without a
 *   full stop, and opens with "FILE:LINE:COL: " where a place is known.
 *   Pass NULL to ignore the error; free it with g_error_free() (GLib).
 *   Passing a NULL handle or an index out of range is a programming
 *   error: GLib logs a critical message and the function returns 0, NULL
 *   or FALSE.  The library never prints anything else and never exits.
 *
 *   Ownership.  Whatever a function named _open, _new or _score returns
 *   belongs to the caller, who frees it with the matching _close or _free
 *   (each accepts NULL).  A `const char *` returned belongs to the object
 *   it was read from and lives as long as it.  Strings passed in are
 *   copied where kept; objects passed in (a lexicon) must outlive the
 *   objects made from them.
 *
 *   Threads.  The library keeps no global state.  A SlantLexicon is
 *   immutable once opened: any number of threads may use it at once (to
 *   make scorers and runs, to read it), as long as none closes it.  A
 *   SlantScorer and a SlantRun are used by one thread at a time (make one
 *   per thread; they are cheap next to a lexicon).  A SlantScore may be
 *   read by any thread.  A SlantRun scores on worker threads of its own,
 *   but calls its callbacks on the thread that called it, in input order.
 *
 *   Text.  Strings are NUL-terminated UTF-8; byte offsets count bytes of
 *   that UTF-8 from 0.  Indices are size_t from 0.
 *
 * Stability (the ABI policy): the library's SONAME is libslant.so.N with N
 * = SLANT_SOVERSION.  Adding functions, measures, error codes at the end
 * of their enums, or options of slant_run_set_option() keeps N (the minor
 * version goes up).  Removing or renaming a function, changing a
 * signature or the meaning of an existing value, or renumbering an enum
 * bumps N.  Handles are opaque and no struct is part of the ABI.
 */
#ifndef SLANT_H
#define SLANT_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

#ifndef SLANT_EXPORT
#if defined(__GNUC__) && __GNUC__ >= 4
#define SLANT_EXPORT __attribute__((visibility("default")))
#else
#define SLANT_EXPORT
#endif
#endif

/* ---- version ---- */

/* The version this header belongs to (the build checks that it is the
 * project's version). */
#define SLANT_VERSION_MAJOR 0
#define SLANT_VERSION_MINOR 1
#define SLANT_VERSION_MICRO 0
#define SLANT_VERSION_STRING "0.1.0"
/* The N of the SONAME libslant.so.N (see the ABI policy above). */
#define SLANT_SOVERSION 0

/* SLANT_CHECK_VERSION: TRUE when this header is version @major.@minor.@micro
 * or newer. */
#define SLANT_CHECK_VERSION(major, minor, micro)                                                  \
    (SLANT_VERSION_MAJOR > (major) ||                                                             \
     (SLANT_VERSION_MAJOR == (major) && SLANT_VERSION_MINOR > (minor)) ||                         \
     (SLANT_VERSION_MAJOR == (major) && SLANT_VERSION_MINOR == (minor) &&                         \
      SLANT_VERSION_MICRO >= (micro)))

/* slant_version: the version of the library in use, "0.1.0" (which may be
 * newer than the SLANT_VERSION_STRING a program was compiled with); the
 * engine version that reports name in meta.engine_version.  Static
 * storage. */
SLANT_EXPORT const char *slant_version(void);

/* ---- errors ---- */

/* The library's own sources define these in engine/lib/slant-error.h;
 * tests/unit/test-api.c checks that the two agree. */
#ifndef SLANT_ERROR_H
#define SLANT_ERROR (slant_error_domain())

typedef enum {
    SLANT_ERROR_USAGE,             /* a bad argument or option value */
    SLANT_ERROR_IO,                /* a file missing, unreadable or unwritable */
    SLANT_ERROR_LEXICON_SYNTAX,    /* the lexicon is not valid JSON */
    SLANT_ERROR_LEXICON_KEY,       /* unknown or duplicate key */
    SLANT_ERROR_LEXICON_VALUE,     /* missing field, or a value of the wrong type or range */
    SLANT_ERROR_LEXICON_PATTERN,   /* a pattern that cannot be compiled */
    SLANT_ERROR_LEXICON_DUPLICATE, /* the same pattern twice in one axis or category */
    SLANT_ERROR_LEXICON_REFERENCE, /* unknown axis, category or pole */
    SLANT_ERROR_LEXICON_LANGUAGE,  /* no stemmer for the lexicon's language */
    SLANT_ERROR_UTF8,              /* invalid UTF-8 */
    SLANT_ERROR_JSON,              /* a JSON Lines record that is not valid JSON */
    SLANT_ERROR_FORMAT,            /* a required field missing or of the wrong type */
    SLANT_ERROR_DUPLICATE_ID,      /* a document id seen before in the run */
    SLANT_ERROR_TOO_LARGE,         /* a document or line over the size limit */
    SLANT_ERROR_EMPTY,             /* an empty document or input */
    SLANT_ERROR_CHECK_FAILED,      /* a check did not pass; a callback stopped a run */
} SlantError;
#endif

/* slant_error_domain: the GError domain of the library (SLANT_ERROR). */
SLANT_EXPORT GQuark slant_error_domain(void);

/* slant_error_name: a stable lowercase name for the SlantError @code, as
 * reports write it in "skipped" ("invalid-utf8", "duplicate-id", ...);
 * "unknown" for a number that is no code.  Static storage. */
SLANT_EXPORT const char *slant_error_name(int code);

/* ---- lexicons ---- */

/* SlantLexicon: a loaded, validated and compiled lexicon.  Immutable:
 * share it between threads freely. */
typedef struct _SlantLexicon SlantLexicon;

/* slant_lexicon_open: read, validate and compile the lexicon file at
 * @path, which names it in messages and in reports (meta.lexicon.path).
 * NULL with SLANT_ERROR_IO when the file cannot be read, or with a
 * SLANT_ERROR_LEXICON_* code and a "PATH:LINE:COL: " prefix when it is not
 * a valid lexicon.  Close with slant_lexicon_close(). */
SLANT_EXPORT SlantLexicon *slant_lexicon_open(const char *path, GError **error);

/* slant_lexicon_open_many: one lexicon of the @n files at @paths, scored
 * together as `--lexicon A --lexicon B` does: every axis and category of
 * all of them, each file with its own modifiers, so that each scores as it
 * would alone; axis and category ids two files share are an error
 * (SLANT_ERROR_LEXICON_DUPLICATE, naming both files), as is a file in
 * another language (SLANT_ERROR_LEXICON_LANGUAGE).  Entries are numbered
 * across the files in the order given.  slant_lexicon_get(lex, "name")
 * and the other fields then name the set (joined by '+'; sha256: of the
 * files' sha256s). */
SLANT_EXPORT SlantLexicon *slant_lexicon_open_many(const char *const *paths, size_t n,
                                                   GError **error);

/* slant_lexicon_open_data: the same from @len bytes at @data (copied as
 * needed: @data may be freed on return), named @name (nullable:
 * "lexicon") in messages and reports. */
SLANT_EXPORT SlantLexicon *slant_lexicon_open_data(const char *data, size_t len, const char *name,
                                                   GError **error);

/* slant_lexicon_close: free @lex.  Close it after every scorer and run
 * made from it.  NULL is a no-op. */
SLANT_EXPORT void slant_lexicon_close(SlantLexicon *lex);

/* slant_lexicon_get: the lexicon's @field: "name", "version", "language"
 * (the stemmer's), "description" (NULL when it has none), "sha256" (of the
 * file's bytes, hex) or "path" (the name it was opened with); NULL for any
 * other field. */
SLANT_EXPORT const char *slant_lexicon_get(const SlantLexicon *lex, const char *field);

/* Axes, in file order: an axis's id ("alliance") and the name of its
 * positive (@pole > 0) or negative (@pole < 0) pole ("alliance-supportive"). */
SLANT_EXPORT size_t slant_lexicon_axis_count(const SlantLexicon *lex);
SLANT_EXPORT const char *slant_lexicon_axis_id(const SlantLexicon *lex, size_t axis);
SLANT_EXPORT const char *slant_lexicon_axis_pole(const SlantLexicon *lex, size_t axis, int pole);

/* Categories, in file order: a category's id. */
SLANT_EXPORT size_t slant_lexicon_category_count(const SlantLexicon *lex);
SLANT_EXPORT const char *slant_lexicon_category_id(const SlantLexicon *lex, size_t category);

/* Entries, in file order (an entry's index is its position in the file's
 * "entries" array, as reports number them): its pattern as written, the
 * id of its axis or category, its pole (+1, -1, or 0 for a category
 * entry) and its weight. */
SLANT_EXPORT size_t slant_lexicon_entry_count(const SlantLexicon *lex);
SLANT_EXPORT const char *slant_lexicon_entry_pattern(const SlantLexicon *lex, size_t entry);
SLANT_EXPORT const char *slant_lexicon_entry_group(const SlantLexicon *lex, size_t entry);
SLANT_EXPORT int slant_lexicon_entry_pole(const SlantLexicon *lex, size_t entry);
SLANT_EXPORT double slant_lexicon_entry_weight(const SlantLexicon *lex, size_t entry);

/* ---- scoring one text ---- */

/* What slant_score_axis_value() reads of an axis, in the order and with
 * the names of the axis objects of `slant score`.  P and N are the summed
 * weights of the positive and negative hits after modifiers, T the
 * document's tokens. */
typedef enum {
    SLANT_MEASURE_HITS_POSITIVE,    /* hits at the positive pole (after negation) */
    SLANT_MEASURE_HITS_NEGATIVE,    /* hits at the negative pole */
    SLANT_MEASURE_NEGATED,          /* hits a negator flipped */
    SLANT_MEASURE_POSITIVE,         /* P */
    SLANT_MEASURE_NEGATIVE,         /* N */
    SLANT_MEASURE_BALANCE,          /* (P - N) / (P + N); 0 with no hits */
    SLANT_MEASURE_LOGIT,            /* ln((P + 0.5) / (N + 0.5)) */
    SLANT_MEASURE_NET_PER_1K,       /* 1000 (P - N) / T */
    SLANT_MEASURE_INTENSITY_PER_1K, /* 1000 (P + N) / T */
} SlantMeasure;
#define SLANT_N_MEASURES 9

/* slant_measure_name: "hits_positive", ..., "intensity_per_1k" (the keys
 * of `slant score`'s axis objects); NULL past the last measure.  Static
 * storage. */
SLANT_EXPORT const char *slant_measure_name(int measure);

/* SlantScorer: scores texts with one lexicon, one text at a time.  It
 * keeps a cache of the word forms it has seen (each distinct form is
 * normalized and stemmed once), so reuse it from text to text.  One
 * thread at a time. */
typedef struct _SlantScorer SlantScorer;

/* slant_scorer_new: a scorer for @lex, which must outlive it.  NULL with
 * SLANT_ERROR_LEXICON_LANGUAGE when no stemmer can be made for the
 * lexicon's language. */
SLANT_EXPORT SlantScorer *slant_scorer_new(const SlantLexicon *lex, GError **error);
SLANT_EXPORT void slant_scorer_free(SlantScorer *scorer); /* NULL is a no-op */

/* SlantScore: one document's scores and hits.  From slant_scorer_score()
 * it belongs to the caller (slant_score_free()); in a SlantRun's callback
 * it belongs to the run and lives until the callback returns. */
typedef struct _SlantScore SlantScore;

/* slant_scorer_score: score @text (UTF-8, NUL-terminated) with its @title
 * (nullable; "" is no title), which is scored as the first sentence, as
 * `slant score` scores a document.  Returns a new SlantScore, or NULL
 * with SLANT_ERROR_UTF8 ("title:LINE:COL: invalid UTF-8", or "text:...")
 * or SLANT_ERROR_TOO_LARGE (4 GiB or more).  An empty text is no error
 * here: it has no tokens, and every score is 0. */
SLANT_EXPORT SlantScore *slant_scorer_score(SlantScorer *scorer, const char *title,
                                            const char *text, GError **error);
SLANT_EXPORT void slant_score_free(SlantScore *score); /* NULL is a no-op */

/* The document: its id, source and labels (NULL for a text scored alone,
 * and for a label the document lacks; a label's value is its text, or the
 * JSON text of a number, boolean, null or array), its title (NULL when it
 * has none) and text, its tokens and sentences. */
SLANT_EXPORT const char *slant_score_id(const SlantScore *score);
SLANT_EXPORT const char *slant_score_source(const SlantScore *score);
SLANT_EXPORT const char *slant_score_label(const SlantScore *score, const char *name);
SLANT_EXPORT const char *slant_score_title(const SlantScore *score);
SLANT_EXPORT const char *slant_score_text(const SlantScore *score);
SLANT_EXPORT uint64_t slant_score_tokens(const SlantScore *score);
SLANT_EXPORT unsigned slant_score_sentences(const SlantScore *score);

/* Axes, in the lexicon's order: the id and a measure of axis @axis. */
SLANT_EXPORT size_t slant_score_axis_count(const SlantScore *score);
SLANT_EXPORT const char *slant_score_axis_id(const SlantScore *score, size_t axis);
SLANT_EXPORT double slant_score_axis_value(const SlantScore *score, size_t axis, int measure);
/* slant_score_axis_quoted: how many of the axis' hits stand inside
 * quotation marks (see `slant compare --voice`). */
SLANT_EXPORT unsigned slant_score_axis_quoted(const SlantScore *score, size_t axis);

/* Categories, in the lexicon's order: the id, the hits, how many of them
 * a negator stood before (counted all the same) and how many stand inside
 * quotation marks. */
SLANT_EXPORT size_t slant_score_category_count(const SlantScore *score);
SLANT_EXPORT const char *slant_score_category_id(const SlantScore *score, size_t category);
SLANT_EXPORT unsigned slant_score_category_hits(const SlantScore *score, size_t category);
SLANT_EXPORT unsigned slant_score_category_negated(const SlantScore *score, size_t category);
SLANT_EXPORT unsigned slant_score_category_quoted(const SlantScore *score, size_t category);

/* Hits, by position in the document (title first), as `slant score
 * --hits` lists them:
 *   entry     the entry's index in the lexicon (slant_lexicon_entry_*())
 *   pattern   the entry's pattern; group: its axis or category id
 *   pole      +1 or -1 after negation for an axis hit, 0 for a category
 *   negated   1 when a negator flipped (or, for a category, preceded) it
 *   quoted    1 when its first word stands inside quotation marks
 *   weight    the entry's weight times an intensifier's or diminisher's factor
 *   field     "title" or "text": the string the offsets point into
 *   sentence  the sentence number, from 0 (the title is sentence 0)
 *   start, end  byte offsets of the matched words in that string */
SLANT_EXPORT size_t slant_score_hit_count(const SlantScore *score);
SLANT_EXPORT unsigned slant_score_hit_entry(const SlantScore *score, size_t hit);
SLANT_EXPORT const char *slant_score_hit_pattern(const SlantScore *score, size_t hit);
SLANT_EXPORT const char *slant_score_hit_group(const SlantScore *score, size_t hit);
SLANT_EXPORT int slant_score_hit_pole(const SlantScore *score, size_t hit);
SLANT_EXPORT int slant_score_hit_negated(const SlantScore *score, size_t hit);
SLANT_EXPORT int slant_score_hit_quoted(const SlantScore *score, size_t hit);
SLANT_EXPORT double slant_score_hit_weight(const SlantScore *score, size_t hit);
SLANT_EXPORT const char *slant_score_hit_field(const SlantScore *score, size_t hit);
SLANT_EXPORT unsigned slant_score_hit_sentence(const SlantScore *score, size_t hit);
SLANT_EXPORT size_t slant_score_hit_start(const SlantScore *score, size_t hit);
SLANT_EXPORT size_t slant_score_hit_end(const SlantScore *score, size_t hit);

/* ---- running a corpus ---- */

/* SlantRun: a corpus run, as `slant compare` makes it: inputs scored on
 * worker threads, every document handed to a callback (optional) in input
 * order and added to per-group aggregates, then the report.  Broken
 * documents are skipped and listed (see slant_run_skip_*()), the run goes
 * on.  One thread at a time. */
typedef struct _SlantRun SlantRun;

/* slant_run_new: a run scoring with @lex (which must outlive it), with the
 * defaults of `slant compare`. */
SLANT_EXPORT SlantRun *slant_run_new(const SlantLexicon *lex);
SLANT_EXPORT void slant_run_free(SlantRun *run); /* NULL is a no-op */

/* slant_run_set_option: set option @name to @value, as `slant compare
 * --NAME=VALUE` does, before the first input:
 *   threads             worker threads, 0..1024 (default 0: one per core;
 *                       no output depends on it)
 *   strict              "true" or "false" (default): stop at the first
 *                       broken document instead of skipping it
 *   max-document-bytes  skip larger documents (default 67108864; 0: no limit)
 *   seed                bootstrap seed, >= 0 (default 1)
 *   bootstrap           replicates, 0..1000000 (default 1000)
 *   level               interval level, between 0 and 1 (default 0.95)
 *   top                 driver terms per group and pair, 0..100000 (default 10)
 *   group-by            source (default), label.NAME, date:year, date:month
 *                       or date:day
 *   pairs               auto (default), all, rest, none, or "A,B;C,D"
 *   reference           compare every group against this one
 *   voice               all (default), own or quoted: which hits count,
 *                       those outside or inside quotation marks (the
 *                       documents' scores in the callback follow it)
 * FALSE with SLANT_ERROR_USAGE for an unknown name, a bad value, or a run
 * that has begun. */
SLANT_EXPORT gboolean slant_run_set_option(SlantRun *run, const char *name, const char *value,
                                           GError **error);

/* SlantScoreFunc: called with each document scored, in input order, on
 * the thread that called slant_run_add(); @score lives until it returns.
 * Return 0 to go on, anything else to stop the run. */
typedef int (*SlantScoreFunc)(const SlantScore *score, void *user_data);

/* slant_run_add: score every document of the input at @path (a directory
 * tree ROOT/SOURCE/NAME.txt, a .jsonl or .jsonl.gz file, a text file, or
 * "-" for JSON Lines on standard input), which names it in messages and
 * the report, calling @fn (nullable) for each.  Broken documents, and an
 * input that cannot be opened, are skipped and the run goes on.  FALSE
 * with an error when the run must stop: a strict run met a broken
 * document (its code), the input broke off (SLANT_ERROR_IO), @fn returned
 * nonzero (SLANT_ERROR_CHECK_FAILED), or the report was written already
 * (SLANT_ERROR_USAGE). */
SLANT_EXPORT gboolean slant_run_add(SlantRun *run, const char *path, SlantScoreFunc fn,
                                    void *user_data, GError **error);

/* How many documents were scored so far, and what was skipped: each skip's
 * SlantError code and message ("INPUT:LINE: reason"), in input order. */
SLANT_EXPORT uint64_t slant_run_document_count(const SlantRun *run);
SLANT_EXPORT size_t slant_run_skip_count(const SlantRun *run);
SLANT_EXPORT int slant_run_skip_code(const SlantRun *run, size_t skip);
SLANT_EXPORT const char *slant_run_skip_message(const SlantRun *run, size_t skip);

/* SlantOutputFunc: takes the next @len bytes of output; returns 0 when it
 * did, anything else to stop. */
typedef int (*SlantOutputFunc)(const char *data, size_t len, void *user_data);

/* slant_run_write_report_to: finish the run and write its report in
 * @format: "json" (NULL: the report of engine/report.schema.json, byte for
 * byte what `slant compare` writes for the same inputs and options), "csv"
 * (tidy long format), "html" (one page) or "text" (a summary), piece by
 * piece to @fn.  After the first report the run takes no more inputs; the
 * report may be written again, in any format.  FALSE with
 * SLANT_ERROR_USAGE for an unknown format or a --group-by key no document
 * has, or SLANT_ERROR_IO when @fn returns nonzero. */
SLANT_EXPORT gboolean slant_run_write_report_to(SlantRun *run, const char *format,
                                                SlantOutputFunc fn, void *user_data,
                                                GError **error);

/* slant_run_write_report: the same into the file @path, which appears
 * whole or not at all (a temporary file in its folder, renamed when
 * complete); SLANT_ERROR_IO when it cannot be written. */
SLANT_EXPORT gboolean slant_run_write_report(SlantRun *run, const char *format, const char *path,
                                             GError **error);

G_END_DECLS

#endif

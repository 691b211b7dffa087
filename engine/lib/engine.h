/* engine.h: the run: inputs -> documents -> analyses -> results, in order.
 *
 * The engine reads each input with a SlantCorpusReader on the calling
 * thread, checks ids for uniqueness across the run, and scores documents on
 * a pool of worker threads (one SlantMatcher each), in batches.  Results are
 * handed to the caller's callback on the calling thread in input order,
 * whatever the thread count, so everything built from them is
 * deterministic.  At most a few batches per thread are in flight: memory
 * does not grow with the corpus.
 *
 * Broken documents are recorded as SlantSkip and the run goes on, unless
 * the options say strict, in which case the run stops with the document's
 * error.  An input that cannot be opened, and one that breaks off while
 * read (a truncated or corrupt .jsonl.gz or .jsonl.zst, a read error: what came before
 * the break is scored), is recorded as skipped too (code SLANT_ERROR_IO,
 * the line where it broke off) and the run goes on with the next input.
 */
#ifndef SLANT_ENGINE_H
#define SLANT_ENGINE_H

#include <glib.h>

#include "corpus.h"
#include "lexicon.h"
#include "match.h"
#include "score.h"

G_BEGIN_DECLS

typedef struct _SlantResult SlantResult;

/* A document's output made on the worker that scored it (a JSON line, say),
 * so that the thread delivering results in order only writes it.  Returns
 * a new string (g_free) of *len bytes, or NULL.  Called from any worker,
 * before delivery: the document's seq is not set yet, and a document later
 * skipped (a duplicate id) may have been prepared.  result->analysis holds
 * the worker's analysis of the document during the call. */
typedef char *(*SlantPrepareFunc)(const SlantResult *result, gpointer data, gsize *len);

/* The most worker threads an engine runs (more are taken as this many). */
#define SLANT_ENGINE_MAX_THREADS 1024

/* SlantProgress: how far a run has read, for a progress display. */
typedef struct {
    const char *input;        /* the input being read, as named */
    double fraction;          /* of that input read, 0 to 1, or -1 when unknown */
    guint64 documents;        /* documents read so far, all inputs (scored or skipped) */
    guint64 bytes;            /* bytes of document text (or JSON records) read so far */
    gboolean input_done;      /* the input has been read to its end */
} SlantProgress;

/* Called on the thread that runs slant_engine_run(), between reads (after
 * each batch of documents handed to the workers, and at the end of each
 * input); it must be quick. */
typedef void (*SlantProgressFunc)(const SlantProgress *progress, gpointer data);

typedef struct {
    guint threads;            /* worker threads, up to SLANT_ENGINE_MAX_THREADS; 0: one per core */
    gboolean strict;          /* stop at the first broken document */
    gsize max_document_bytes; /* 0: no limit */
    gboolean keep_tokens;     /* results carry the document's tokens (explain, --hits offsets) */
    gboolean trace;           /* results carry the shadows (slant_matcher_set_trace()) */
    SlantVoice voice;         /* which hits count (match.h): applied once, right after
                               * matching, so tallies, hits, shadows and prepare see
                               * only those; default SLANT_VOICE_ALL */
    SlantPrepareFunc prepare; /* nullable: fills SlantResult.prepared */
    gpointer prepare_data;
    SlantProgressFunc progress; /* nullable */
    gpointer progress_data;
} SlantEngineOptions;

/* SlantResult: one scored document, handed to the callback.  Everything
 * is owned by the engine and lives until the callback returns. */
struct _SlantResult {
    const SlantDocument *doc;
    SlantDocTally tally;
    GArray *hits;    /* SlantHit */
    GArray *tokens;  /* SlantToken, or NULL unless keep_tokens */
    GArray *shadows; /* SlantShadow, or NULL unless trace */
    guint32 n_sentences;
    char *prepared;  /* what SlantEngineOptions.prepare made, or NULL */
    gsize prepared_len;
    /* The worker's analysis of the document (its tokens and forms: the
     * normal form and stem of every token), set only while
     * SlantEngineOptions.prepare runs on it, NULL otherwise: the forms
     * live in the worker's matcher, which moves on to the next document. */
    const SlantAnalysis *analysis;
};

/* SlantSkip: a document or input that was not scored. */
typedef struct {
    char *input;    /* as given */
    guint64 line;   /* 0 for a whole input */
    char *id;       /* nullable */
    int code;       /* SlantError */
    char *message;  /* with its location prefix */
} SlantSkip;

typedef struct {
    char *name;     /* as given */
    SlantCorpusFormat format;
    gboolean opened;
    guint64 documents;
    guint64 skipped;
} SlantInputInfo;

/* Free functions for SlantSkip* and SlantInputInfo* (NULL is a no-op). */
void slant_skip_free(gpointer skip);
void slant_input_info_free(gpointer info);

/* Return FALSE (with @error set) to stop the run. */
typedef gboolean (*SlantResultFunc)(const SlantResult *result, gpointer user_data, GError **error);

typedef struct _SlantEngine SlantEngine;

/* slant_engine_new: an engine scoring with @lex (which must outlive it).
 * NULL with an error when a stemmer cannot be made. */
SlantEngine *slant_engine_new(const SlantLexicon *lex, const SlantEngineOptions *opts,
                              GError **error);
void slant_engine_free(SlantEngine *engine); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantEngine, slant_engine_free)

/* slant_engine_run: score every document of the input at @path ("-" is
 * standard input), named @name (nullable: @path) in messages and reports,
 * calling @fn for each in order.  Returns FALSE with @error when the run
 * must stop: @fn failed, or a strict run met a broken document or input.
 * An input that cannot be opened or breaks off is a skip (see above). */
gboolean slant_engine_run(SlantEngine *engine, const char *path, const char *name,
                          SlantResultFunc fn, gpointer user_data, GError **error);

/* The threads really used. */
guint slant_engine_threads(const SlantEngine *engine);
/* Skips and inputs so far (SlantSkip*, SlantInputInfo*), in order. */
const GPtrArray *slant_engine_skipped(const SlantEngine *engine);
const GPtrArray *slant_engine_inputs(const SlantEngine *engine);
guint64 slant_engine_n_scored(const SlantEngine *engine);
/* slant_engine_warnings: the first SLANT_ENGINE_KEPT_WARNINGS warnings of
 * the run (char*, "INPUT:LINE: message", in order: labels passed over, see
 * corpus.h) and in *total (nullable) how many there were in all.  Warnings
 * never stop a run nor skip a document. */
#define SLANT_ENGINE_KEPT_WARNINGS 20
const GPtrArray *slant_engine_warnings(const SlantEngine *engine, guint64 *total);


G_END_DECLS

#endif

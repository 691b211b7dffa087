/* shard.h: reading the partials of sharded runs from streams.
 *
 * `slant merge` takes partials (partial.h) from files, folders and standard
 * input, where a streaming engine (Hadoop Streaming, Spark's pipe, a Dask
 * or Slurm job that concatenates its outputs) may hand several partials
 * one after another.  A partial is one JSON object; partials follow one
 * another with only white space between them (each ends in a newline as
 * written).  SlantShardSplitter finds where each one ends by following the
 * JSON structure (objects, arrays, strings and their escapes), so a brace
 * inside a string never cuts a partial and nothing depends on how the bytes
 * were cut into reads.  It checks only that structure; the partial itself
 * is parsed and checked when it is merged.
 *
 * The splitter keeps the bytes of the partial being read and of the read
 * that finished it, never the whole stream: memory stays flat with the
 * number of partials.
 */
#ifndef SLANT_SHARD_H
#define SLANT_SHARD_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlantShardSplitter SlantShardSplitter;

/* What slant_shard_splitter_next() found. */
typedef enum {
    SLANT_SHARD_MORE,     /* no whole partial in the bytes fed so far: feed more */
    SLANT_SHARD_PARTIAL,  /* a whole partial */
    SLANT_SHARD_ERROR,    /* bytes that cannot be a partial (error set) */
} SlantShardNext;

/* slant_shard_splitter_new: a splitter for the stream named @name in
 * messages ("-" for standard input; copied).  Free with
 * slant_shard_splitter_free() (NULL is a no-op). */
SlantShardSplitter *slant_shard_splitter_new(const char *name);
void slant_shard_splitter_free(SlantShardSplitter *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantShardSplitter, slant_shard_splitter_free)

/* slant_shard_splitter_feed: append the next @len bytes of the stream
 * (copied).  Call slant_shard_splitter_next() until it returns
 * SLANT_SHARD_MORE before feeding again, so that the splitter holds no
 * more than one read beyond the partial it is in. */
void slant_shard_splitter_feed(SlantShardSplitter *s, const char *data, gsize len);

/* slant_shard_splitter_next: the next whole partial among the bytes fed:
 * SLANT_SHARD_PARTIAL with *@text and *@len its bytes (from its '{' to
 * its '}'; they belong to the splitter and live until the next call on it) and
 * *@line the line of the stream it starts on (1-based).  SLANT_SHARD_ERROR
 * with SLANT_ERROR_FORMAT ("NAME:LINE:COL: ...") when something other
 * than white space stands between partials, or a partial does not open
 * with '{'; the splitter is then of no further use. */
SlantShardNext slant_shard_splitter_next(SlantShardSplitter *s, const char **text, gsize *len,
                                         guint64 *line, GError **error);

/* slant_shard_splitter_finish: at the end of the stream, after next()
 * returned SLANT_SHARD_MORE: TRUE when only white space is left, else
 * FALSE with SLANT_ERROR_FORMAT ("NAME:LINE: a partial that does not
 * end": a truncated stream). */
gboolean slant_shard_splitter_finish(SlantShardSplitter *s, GError **error);

/* slant_shard_splitter_count: the partials returned so far. */
guint64 slant_shard_splitter_count(const SlantShardSplitter *s);

/* slant_shard_peek_lexicons: the lexicon files the partial @text (@len
 * bytes, named @name in messages) was made with, in order: *@sha256s
 * their sha256s (hex) and *@paths the paths they were given as (NULL in
 * partials that do not record one); both new arrays of char* (the same
 * length, at least one) to g_ptr_array_unref().  Partials that list no
 * "lexicons" give their "lexicon".  FALSE with SLANT_ERROR_FORMAT when
 * @text is no partial or names no lexicon sha256. */
gboolean slant_shard_peek_lexicons(const char *text, gsize len, const char *name,
                                   GPtrArray **paths, GPtrArray **sha256s, GError **error);

G_END_DECLS

#endif

/* codec.h: the stream decompressors of the corpus readers (corpus.c).
 *
 * A SlantCodec turns compressed bytes into plain ones, a chunk at a time,
 * through a table row of three functions (open, read, close), so that the
 * corpus format table (corpus.c) names its decompressor and a new one is
 * one more codec here.  Two are built in:
 *
 *   - gzip (RFC 1952): ISA-L's igzip (isal_inflate) when the build found
 *     libisal, else GIO's GZlibDecompressor (zlib).  Both read files of
 *     many members ("cat a.gz b.gz", pigz, bgzip) to the end and check
 *     each member's CRC-32 and length;
 *   - zstd (RFC 8878): libzstd's ZSTD_decompressStream, files of many
 *     frames (and skippable frames) read to the end, checksums checked
 *     where the frame has one.
 *
 * Codecs know nothing of lines or records: corpus.c turns their failures
 * into messages with the line they broke off in.  A codec state belongs to
 * one reader (not thread-safe); distinct states may be used from distinct
 * threads.
 */
#ifndef SLANT_CODEC_H
#define SLANT_CODEC_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    SLANT_CODEC_OK,      /* progress: *consumed and/or *produced may be 0 only if out is full */
    SLANT_CODEC_INVALID, /* the bytes are not valid data of the format (or fail its check) */
} SlantCodecStatus;

typedef struct {
    const char *name;     /* "gzip", "zstd": for messages ("invalid gzip data") */
    const char *library;  /* what does the work: "isa-l", "zlib", "zstd" */
    /* a new state (never NULL: allocation failure ends the process, as in GLib) */
    gpointer (*open)(void);
    /* Decompress from the @in_len bytes at @in into the @out_len bytes at
     * @out: *consumed and *produced say how many of each were used.
     * *in_unit is TRUE when the data read so far ends inside a member or
     * frame, so that the end of the input now means the data was cut short,
     * FALSE when it ends between two (or before the first).  A member's
     * end resets the state for the next one. */
    SlantCodecStatus (*read)(gpointer state, const guchar *in, gsize in_len, gsize *consumed,
                             char *out, gsize out_len, gsize *produced, gboolean *in_unit);
    void (*close)(gpointer state); /* NULL is a no-op */
} SlantCodec;

extern const SlantCodec slant_codec_gzip; /* ISA-L or zlib: see slant_codec_gzip.library */
extern const SlantCodec slant_codec_zstd;

/* slant_codec_gzip_zlib: the zlib inflater, whatever the build found (for
 * tests and measurements that compare the two; slant_codec_gzip is it
 * when ISA-L is missing). */
extern const SlantCodec slant_codec_gzip_zlib;

/* slant_codec_versions: one line naming each decompressor and its
 * library's version ("gzip: isa-l 2.30.0; zstd: 1.5.4"), static. */
const char *slant_codec_versions(void);

G_END_DECLS

#endif

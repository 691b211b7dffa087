/* codec.c: the decompressors of codec.h. */
#include "codec.h"

#include <gio/gio.h>
#include <zstd.h>

#ifdef SLANT_HAVE_ISAL
#include <isa-l.h>
#endif

/* ---- gzip through GIO's zlib ------------------------------------------- */

/* The decompressor is driven by hand rather than through a
 * GConverterInputStream: that stream stops at the end of the first gzip
 * member and throws away the rest, and files made with "cat a.gz b.gz" or
 * by pigz and bgzip hold many members. */
typedef struct {
    GConverter *conv;
    gboolean in_unit;
} ZlibState;

static gpointer
zlib_open(void)
{
    ZlibState *st = g_new0(ZlibState, 1);
    st->conv = G_CONVERTER(g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP));
    return st;
}

static SlantCodecStatus
zlib_read(gpointer state, const guchar *in, gsize in_len, gsize *consumed, char *out,
          gsize out_len, gsize *produced, gboolean *in_unit)
{
    ZlibState *st = state;
    GError *local = NULL;
    gsize n_read = 0, n_written = 0;
    GConverterResult res = g_converter_convert(st->conv, in, in_len, out, out_len,
                                               G_CONVERTER_NO_FLAGS, &n_read, &n_written, &local);
    *consumed = n_read;
    *produced = n_written;
    if (res == G_CONVERTER_ERROR) {
        /* asked to flush with no input and nothing pending: no progress,
         * which is no error */
        gboolean idle = in_len == 0 && g_error_matches(local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
        g_error_free(local);
        if (idle) {
            *in_unit = st->in_unit;
            return SLANT_CODEC_OK;
        }
        return SLANT_CODEC_INVALID;
    }
    if (res == G_CONVERTER_FINISHED) {
        /* another member may follow the one that just ended */
        g_converter_reset(st->conv);
        st->in_unit = FALSE;
    } else if (n_read > 0) {
        st->in_unit = TRUE;
    }
    *in_unit = st->in_unit;
    return SLANT_CODEC_OK;
}

static void
zlib_close(gpointer state)
{
    ZlibState *st = state;
    if (st == NULL)
        return;
    g_clear_object(&st->conv);
    g_free(st);
}

const SlantCodec slant_codec_gzip_zlib = {"gzip", "zlib", zlib_open, zlib_read, zlib_close};

/* ---- gzip through ISA-L's igzip ---------------------------------------- */

#ifdef SLANT_HAVE_ISAL
/* isal_inflate() with crc_flag ISAL_GZIP reads the member's header, the
 * deflate data and the trailer, and checks the trailer's CRC-32.  block_state is
 * ISAL_BLOCK_FINISH once the trailer is read; isal_inflate_reset() then
 * starts the next member, keeping next_in and avail_in. */
typedef struct {
    struct inflate_state s;
    gboolean in_unit;
} IsalState;

static gpointer
isal_open(void)
{
    IsalState *st = g_new0(IsalState, 1);
    isal_inflate_init(&st->s);
    st->s.crc_flag = ISAL_GZIP;
    return st;
}

static SlantCodecStatus
isal_read(gpointer state, const guchar *in, gsize in_len, gsize *consumed, char *out,
          gsize out_len, gsize *produced, gboolean *in_unit)
{
    IsalState *st = state;
    /* isal's counters are 32-bit: callers hand chunks of a few hundred KiB */
    g_return_val_if_fail(in_len <= G_MAXUINT32 && out_len <= G_MAXUINT32, SLANT_CODEC_INVALID);
    st->s.next_in = (uint8_t *) in;
    st->s.avail_in = (uint32_t) in_len;
    st->s.next_out = (uint8_t *) out;
    st->s.avail_out = (uint32_t) out_len;
    int r = isal_inflate(&st->s);
    *consumed = in_len - st->s.avail_in;
    *produced = out_len - st->s.avail_out;
    /* gzip has no preset dictionary: ISAL_NEED_DICT is broken data too */
    if (r < 0 || r == ISAL_NEED_DICT)
        return SLANT_CODEC_INVALID;
    if (st->s.block_state == ISAL_BLOCK_FINISH) {
        isal_inflate_reset(&st->s);
        st->s.crc_flag = ISAL_GZIP;
        st->in_unit = FALSE;
    } else if (*consumed > 0) {
        st->in_unit = TRUE;
    }
    *in_unit = st->in_unit;
    return SLANT_CODEC_OK;
}

static void
isal_close(gpointer state)
{
    g_free(state);
}

const SlantCodec slant_codec_gzip = {"gzip", "isa-l", isal_open, isal_read, isal_close};
#else
const SlantCodec slant_codec_gzip = {"gzip", "zlib", zlib_open, zlib_read, zlib_close};
#endif

/* ---- zstd -------------------------------------------------------------- */

/* ZSTD_decompressStream() returns 0 exactly when a frame is decoded and
 * flushed whole; the next call starts the next frame (skippable frames are
 * passed over by libzstd). */
typedef struct {
    ZSTD_DStream *d;
    gboolean in_unit;
} ZstdState;

static gpointer
zstd_open(void)
{
    ZstdState *st = g_new0(ZstdState, 1);
    st->d = ZSTD_createDStream();
    if (st->d == NULL)
        g_error("%s: failed to allocate a zstd decompressor", G_STRLOC);
    ZSTD_initDStream(st->d);
    return st;
}

static SlantCodecStatus
zstd_read(gpointer state, const guchar *in, gsize in_len, gsize *consumed, char *out,
          gsize out_len, gsize *produced, gboolean *in_unit)
{
    ZstdState *st = state;
    ZSTD_inBuffer ib = {in, in_len, 0};
    ZSTD_outBuffer ob = {out, out_len, 0};
    size_t r = ZSTD_decompressStream(st->d, &ob, &ib);
    *consumed = ib.pos;
    *produced = ob.pos;
    if (ZSTD_isError(r))
        return SLANT_CODEC_INVALID;
    if (r == 0)
        st->in_unit = FALSE;
    else if (ib.pos > 0)
        st->in_unit = TRUE;
    *in_unit = st->in_unit;
    return SLANT_CODEC_OK;
}

static void
zstd_close(gpointer state)
{
    ZstdState *st = state;
    if (st == NULL)
        return;
    ZSTD_freeDStream(st->d);
    g_free(st);
}

const SlantCodec slant_codec_zstd = {"zstd", "zstd", zstd_open, zstd_read, zstd_close};

const char *
slant_codec_versions(void)
{
    static gsize once;
    static char *line;
    if (g_once_init_enter(&once)) {
#ifdef SLANT_HAVE_ISAL
        line = g_strdup_printf("gzip: isa-l %d.%d.%d (igzip); zstd: %s", ISAL_MAJOR_VERSION,
                               ISAL_MINOR_VERSION, ISAL_PATCH_VERSION, ZSTD_versionString());
#else
        line = g_strdup_printf("gzip: zlib (through GIO; built without isa-l); zstd: %s",
                               ZSTD_versionString());
#endif
        g_once_init_leave(&once, 1);
    }
    return line;
}

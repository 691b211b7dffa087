/* compress.h: gzip and zstd compressors for the unit tests that read
 * compressed corpora (test-corpus.c, test-engine.c): zlib through GIO,
 * zstd through libzstd, so the readers are tested against encoders other
 * than their own decoders.  Include after cmocka.h. */
#ifndef SLANT_TEST_COMPRESS_H
#define SLANT_TEST_COMPRESS_H

#include <gio/gio.h>
#include <zstd.h>

/* @data as one gzip member (zlib's default level). */
static inline GBytes *
test_gzip(const char *data, gsize len)
{
    GOutputStream *mem = g_memory_output_stream_new_resizable();
    GZlibCompressor *zc = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
    GOutputStream *out = g_converter_output_stream_new(mem, G_CONVERTER(zc));
    assert_true(g_output_stream_write_all(out, data, len, NULL, NULL, NULL));
    assert_true(g_output_stream_close(out, NULL, NULL));
    GBytes *bytes = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
    g_object_unref(out);
    g_object_unref(zc);
    g_object_unref(mem);
    return bytes;
}

/* @data as one zstd frame (level 3), with a content checksum when @checksum. */
static inline GBytes *
test_zstd(const char *data, gsize len, gboolean checksum)
{
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    assert_non_null(cc);
    assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 3)));
    assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, checksum ? 1 : 0)));
    gsize cap = ZSTD_compressBound(len);
    char *out = g_malloc(cap);
    gsize n = ZSTD_compress2(cc, out, cap, data, len);
    assert_false(ZSTD_isError(n));
    ZSTD_freeCCtx(cc);
    return g_bytes_new_take(out, n);
}

#endif

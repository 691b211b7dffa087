/* test-engine.c: the run (engine/lib/engine.h): inputs that break off.
 *
 * A .jsonl.gz or .jsonl.zst cut short or corrupt is a skip of that input
 * (code SLANT_ERROR_IO, at the line where it broke off) after the
 * documents before the break are scored, and the run goes on with the
 * next input; a strict run stops there.  Fixtures are written at test
 * time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "compress.h"
#include "engine.h"
#include "slant-error.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define LEXICON SLANT_TEST_DATA "/cli/lexicon.json"

static int
make_tmp(void **state)
{
    char *dir = g_dir_make_tmp("slant-engine-XXXXXX", NULL);
    if (dir == NULL)
        return -1;
    *state = dir;
    return 0;
}

static int
drop_tmp(void **state)
{
    GDir *d = g_dir_open(*state, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        char *p = g_build_filename(*state, name, NULL);
        g_remove(p);
        g_free(p);
    }
    if (d != NULL)
        g_dir_close(d);
    g_rmdir(*state);
    g_free(*state);
    return 0;
}

static char *
write_file(const char *tmp, const char *name, const void *data, gsize len)
{
    char *path = g_build_filename(tmp, name, NULL);
    assert_true(g_file_set_contents(path, data, (gssize) len, NULL));
    return path;
}


static GBytes *
zstd_frame(const char *data, gsize len)
{
    return test_zstd(data, len, FALSE);
}

/* A compressed format: its file name ending, its compressor, and the name
 * its messages use. */
typedef struct {
    const char *ext;
    GBytes *(*compress)(const char *data, gsize len);
    const char *name;
} Packing;

static const Packing GZ = {"gz", test_gzip, "gzip"};
static const Packing ZST = {"zst", zstd_frame, "zstd"};

/* @n records "PREFIX00000".. with texts unlike each other, so that gzip
 * cannot squeeze them into a few bytes. */
static GString *
records(const char *prefix, guint n)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < n; i++)
        g_string_append_printf(s, "{\"id\": \"%s%05u\", \"source\": \"S%u\", \"text\": \"deterrence "
                                  "%u and dependence %u, then %x\"}\n",
                               prefix, i, i % 3, i * 7919, i * 104729, i * 2654435761u);
    return s;
}

typedef struct {
    guint64 delivered;
} Count;

static gboolean
count_result(const SlantResult *r, gpointer user, GError **error)
{
    (void) r;
    (void) error;
    ((Count *) user)->delivered++;
    return TRUE;
}

/* A cut .jsonl.gz or .jsonl.zst (@pk; half of its bytes) then a good
 * .jsonl of 3 records, with @threads and @strict. */
static void
run_cut_then_good(const char *tmp, const Packing *pk, guint threads, gboolean strict)
{
    GString *data = records("c", 3000);
    GBytes *gz = pk->compress(data->str, data->len);
    char *name = g_strdup_printf("cut.jsonl.%s", pk->ext);
    char *cut = write_file(tmp, name, g_bytes_get_data(gz, NULL), g_bytes_get_size(gz) / 2);
    GString *good = records("g", 3);
    char *next = write_file(tmp, "next.jsonl", good->str, good->len);

    GError *error = NULL;
    SlantLexicon *lex = slant_lexicon_load(LEXICON, "lexicon.json", &error);
    assert_non_null(lex);
    SlantEngineOptions o = {.threads = threads, .strict = strict};
    SlantEngine *e = slant_engine_new(lex, &o, &error);
    assert_non_null(e);
    Count count = {0};

    gboolean ok = slant_engine_run(e, cut, name, count_result, &count, &error);
    const GPtrArray *sk = slant_engine_skipped(e);
    assert_int_equal(sk->len, 1);
    const SlantSkip *s = sk->pdata[0];
    guint64 before = count.delivered;
    assert_true(before > 10 && before < 3000);
    assert_int_equal(s->code, SLANT_ERROR_IO);
    assert_string_equal(s->input, name);
    assert_int_equal(s->line, before + 1);
    assert_null(s->id);
    char *want = g_strdup_printf("%s:%" G_GUINT64_FORMAT ": cannot read: truncated %s data", name,
                                 before + 1, pk->name);
    assert_string_equal(s->message, want);
    g_free(want);
    const SlantInputInfo *in = slant_engine_inputs(e)->pdata[0];
    assert_int_equal(in->documents, before);
    assert_int_equal(in->skipped, 1);
    assert_int_equal(s->code, SLANT_ERROR_IO);

    if (strict) {
        /* a strict run stops at the cut, with its error */
        assert_false(ok);
        assert_non_null(error);
        assert_int_equal(error->code, SLANT_ERROR_IO);
        assert_string_equal(error->message, s->message);
        g_error_free(error);
    } else {
        assert_true(ok);
        assert_null(error);
        /* and the next input is read in full */
        assert_true(slant_engine_run(e, next, "next.jsonl", count_result, &count, &error));
        assert_null(error);
        assert_int_equal(count.delivered, before + 3);
        assert_int_equal(slant_engine_n_scored(e), before + 3);
        assert_int_equal(slant_engine_skipped(e)->len, 1);
    }
    slant_engine_free(e);
    slant_lexicon_free(lex);
    g_free(cut);
    g_free(name);
    g_free(next);
    g_bytes_unref(gz);
    g_string_free(data, TRUE);
    g_string_free(good, TRUE);
}

static void
run_should_score_before_a_cut_gzip_and_go_on(void **state)
{
    run_cut_then_good(*state, &GZ, 1, FALSE);
}

static void
run_should_score_before_a_cut_gzip_and_go_on_with_threads(void **state)
{
    run_cut_then_good(*state, &GZ, 3, FALSE);
}

static void
strict_run_should_stop_at_a_cut_gzip(void **state)
{
    run_cut_then_good(*state, &GZ, 2, TRUE);
}

static void
run_should_score_before_a_cut_zstd_and_go_on(void **state)
{
    run_cut_then_good(*state, &ZST, 1, FALSE);
}

static void
run_should_score_before_a_cut_zstd_and_go_on_with_threads(void **state)
{
    run_cut_then_good(*state, &ZST, 3, FALSE);
}

static void
strict_run_should_stop_at_a_cut_zstd(void **state)
{
    run_cut_then_good(*state, &ZST, 2, TRUE);
}

/* A file named as @pk's that holds no such data, then a good .jsonl. */
static void
run_corrupt_then_good(const char *tmp, const Packing *pk)
{
    char *name = g_strdup_printf("bad.jsonl.%s", pk->ext);
    char *bad = write_file(tmp, name, "this is no compressed data\n", 27);
    GString *good = records("g", 2);
    char *next = write_file(tmp, "next.jsonl", good->str, good->len);
    GError *error = NULL;
    SlantLexicon *lex = slant_lexicon_load(LEXICON, NULL, &error);
    SlantEngineOptions o = {.threads = 1};
    SlantEngine *e = slant_engine_new(lex, &o, &error);
    Count count = {0};
    assert_true(slant_engine_run(e, bad, name, count_result, &count, &error));
    assert_true(slant_engine_run(e, next, "next.jsonl", count_result, &count, &error));
    assert_null(error);
    assert_int_equal(count.delivered, 2);
    const GPtrArray *sk = slant_engine_skipped(e);
    assert_int_equal(sk->len, 1);
    const SlantSkip *s = sk->pdata[0];
    assert_int_equal(s->code, SLANT_ERROR_IO);
    assert_int_equal(s->line, 1);
    char *want = g_strdup_printf("%s:1: cannot read: invalid %s data", name, pk->name);
    assert_string_equal(s->message, want);
    g_free(want);
    slant_engine_free(e);
    slant_lexicon_free(lex);
    g_free(bad);
    g_free(name);
    g_free(next);
    g_string_free(good, TRUE);
}

static void
run_should_skip_corrupt_gzip_and_go_on(void **state)
{
    run_corrupt_then_good(*state, &GZ);
}

static void
run_should_skip_corrupt_zstd_and_go_on(void **state)
{
    run_corrupt_then_good(*state, &ZST);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(run_should_score_before_a_cut_gzip_and_go_on, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(run_should_score_before_a_cut_gzip_and_go_on_with_threads,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(strict_run_should_stop_at_a_cut_gzip, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(run_should_skip_corrupt_gzip_and_go_on, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(run_should_score_before_a_cut_zstd_and_go_on, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(run_should_score_before_a_cut_zstd_and_go_on_with_threads,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(strict_run_should_stop_at_a_cut_zstd, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(run_should_skip_corrupt_zstd_and_go_on, make_tmp, drop_tmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

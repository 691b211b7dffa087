/* test-shard.c: engine/lib/shard.h, splitting streams of concatenated
 * partials and the lexicon a partial names.
 *
 * - A stream of partials fed in reads of every size from one byte to the
 *   whole stream gives the same partials, with their lines: braces and
 *   brackets inside strings, escaped quotes and backslashes, white space
 *   (tabs, CRLF) between partials and none at all.
 * - Something other than white space between partials is an error at its
 *   line and column; a stream that stops inside a partial is an error at
 *   the line that partial starts on; white space alone is no partial.
 * - The splitter keeps no more than the partial it is in and one read.
 * - slant_shard_peek_lexicon() reads the lexicon's sha256 and path, and
 *   refuses what is not a partial.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "shard.h"
#include "slant-error.h"

/* The partials of @stream, fed @chunk bytes at a time, as "LINE:TEXT"
 * strings; NULL-terminated, g_strfreev().  Asserts no error. */
static char **
split_all(const char *stream, gsize chunk)
{
    g_autoptr(SlantShardSplitter) sp = slant_shard_splitter_new("s");
    GPtrArray *out = g_ptr_array_new();
    gsize n = strlen(stream);
    for (gsize at = 0; at < n; at += chunk) {
        slant_shard_splitter_feed(sp, stream + at, MIN(chunk, n - at));
        const char *text;
        gsize len;
        guint64 line;
        GError *error = NULL;
        SlantShardNext r;
        while ((r = slant_shard_splitter_next(sp, &text, &len, &line, &error)) == SLANT_SHARD_PARTIAL)
            g_ptr_array_add(out, g_strdup_printf("%" G_GUINT64_FORMAT ":%.*s", line, (int) len, text));
        assert_null(error);
        assert_int_equal(r, SLANT_SHARD_MORE);
    }
    GError *error = NULL;
    assert_true(slant_shard_splitter_finish(sp, &error));
    assert_int_equal(slant_shard_splitter_count(sp), out->len);
    g_ptr_array_add(out, NULL);
    return (char **) g_ptr_array_free(out, FALSE);
}

static void
splitter_should_find_the_same_partials_whatever_the_reads(void **state)
{
    (void) state;
    static const char stream[] =
        "{\"slant_partial\": 1,\n\"s\": \"a } in a string\", \"t\": \"\\\"{\\\\\",\n"
        "\"u\": [[1,2],{\"v\": \"]\"}]}\n"
        "{\"x\": \"\\\\\"}{\"y\": []}\r\n"
        "\t \n"
        "{\"z\": {\"w\": \"\\u007d\"}}\n";
    static const char *want[] = {
        "1:{\"slant_partial\": 1,\n\"s\": \"a } in a string\", \"t\": \"\\\"{\\\\\",\n"
        "\"u\": [[1,2],{\"v\": \"]\"}]}",
        "4:{\"x\": \"\\\\\"}",
        "4:{\"y\": []}",
        "6:{\"z\": {\"w\": \"\\u007d\"}}",
    };
    for (gsize chunk = 1; chunk <= sizeof stream; chunk++) {
        g_auto(GStrv) got = split_all(stream, chunk);
        assert_int_equal(g_strv_length(got), G_N_ELEMENTS(want));
        for (gsize i = 0; i < G_N_ELEMENTS(want); i++)
            assert_string_equal(got[i], want[i]);
    }
}

static void
splitter_should_refuse_what_stands_between_partials(void **state)
{
    (void) state;
    static const struct {
        const char *stream;
        const char *message;
    } cases[] = {
        {"{\"a\": 1}\n,\n{\"b\": 2}\n", "s:2:1: not a slant partial result: ',' where a partial ('{') should start"},
        {"  [1, 2]", "s:1:3: not a slant partial result: '[' where a partial ('{') should start"},
        {"{}\n\n  x", "s:3:3: not a slant partial result: 'x' where a partial ('{') should start"},
        {"{}\x01", "s:1:3: not a slant partial result: byte 0x01 where a partial ('{') should start"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(SlantShardSplitter) sp = slant_shard_splitter_new("s");
        slant_shard_splitter_feed(sp, cases[i].stream, strlen(cases[i].stream));
        const char *text;
        gsize len;
        guint64 line;
        GError *error = NULL;
        SlantShardNext r;
        while ((r = slant_shard_splitter_next(sp, &text, &len, &line, &error)) == SLANT_SHARD_PARTIAL)
            ;
        assert_int_equal(r, SLANT_SHARD_ERROR);
        assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_FORMAT));
        assert_string_equal(error->message, cases[i].message);
        g_error_free(error);
    }
}

static void
splitter_should_refuse_a_truncated_partial(void **state)
{
    (void) state;
    static const char *streams[] = {"{}\n{\"a\": [1,\n2", "{}\n{\"a\": \"}\n"};
    for (gsize i = 0; i < G_N_ELEMENTS(streams); i++) {
        g_autoptr(SlantShardSplitter) sp = slant_shard_splitter_new("s");
        slant_shard_splitter_feed(sp, streams[i], strlen(streams[i]));
        const char *text;
        gsize len;
        guint64 line;
        GError *error = NULL;
        assert_int_equal(slant_shard_splitter_next(sp, &text, &len, &line, &error), SLANT_SHARD_PARTIAL);
        assert_int_equal(slant_shard_splitter_next(sp, &text, &len, &line, &error), SLANT_SHARD_MORE);
        assert_false(slant_shard_splitter_finish(sp, &error));
        assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_FORMAT));
        assert_string_equal(error->message, "s:2: a partial that does not end (a truncated stream?)");
        g_error_free(error);
    }
}

static void
splitter_should_find_no_partial_in_white_space(void **state)
{
    (void) state;
    g_autoptr(SlantShardSplitter) sp = slant_shard_splitter_new("s");
    slant_shard_splitter_feed(sp, " \n\r\n\t", 5);
    const char *text;
    gsize len;
    guint64 line;
    GError *error = NULL;
    assert_int_equal(slant_shard_splitter_next(sp, &text, &len, &line, &error), SLANT_SHARD_MORE);
    assert_true(slant_shard_splitter_finish(sp, &error));
    assert_int_equal(slant_shard_splitter_count(sp), 0);
}

/* Many partials through one splitter: each comes out whole, and what was
 * read before it is not kept (its bytes start where the buffer does). */
static void
splitter_should_keep_only_the_current_partial(void **state)
{
    (void) state;
    g_autoptr(SlantShardSplitter) sp = slant_shard_splitter_new("s");
    g_autoptr(GString) one = g_string_new("{\"doc_tokens\": [");
    for (int i = 0; i < 2000; i++)
        g_string_append_printf(one, i ? ",%d" : "%d", i);
    g_string_append(one, "]}\n");
    const char *prev = NULL;
    for (int k = 0; k < 500; k++) {
        slant_shard_splitter_feed(sp, one->str, one->len);
        const char *text;
        gsize len;
        guint64 line;
        GError *error = NULL;
        assert_int_equal(slant_shard_splitter_next(sp, &text, &len, &line, &error), SLANT_SHARD_PARTIAL);
        assert_int_equal(len, one->len - 1);
        assert_memory_equal(text, one->str, len);
        assert_int_equal(line, (guint64) k + 1);
        if (prev != NULL)
            assert_ptr_equal(text, prev); /* the buffer did not grow */
        prev = text;
        assert_int_equal(slant_shard_splitter_next(sp, &text, &len, &line, &error), SLANT_SHARD_MORE);
    }
    assert_int_equal(slant_shard_splitter_count(sp), 500);
}

static void
peek_lexicon_should_read_sha256_and_path(void **state)
{
    (void) state;
    static const char with[] = "{\"slant_partial\": 1, \"lexicon\": {\"name\": \"x\", \"version\": "
                               "\"1.0.0\", \"sha256\": \"abc\", \"path\": \"lex/x.json\"}}";
    static const char without[] = "{\"slant_partial\": 1, \"lexicon\": {\"sha256\": \"abc\"}}";
    /* several files: "lexicons" names each, "lexicon" the combination */
    static const char several[] =
        "{\"slant_partial\": 2, \"lexicon\": {\"sha256\": \"ab\", \"path\": \"a.json+b.json\"},"
        " \"lexicons\": [{\"sha256\": \"a1\", \"path\": \"a.json\"}, {\"sha256\": \"b2\", "
        "\"path\": \"b.json\"}]}";
    GPtrArray *paths, *shas;
    GError *error = NULL;
    assert_true(slant_shard_peek_lexicons(with, strlen(with), "p", &paths, &shas, &error));
    assert_int_equal(paths->len, 1);
    assert_string_equal(paths->pdata[0], "lex/x.json");
    assert_string_equal(shas->pdata[0], "abc");
    g_ptr_array_unref(paths);
    g_ptr_array_unref(shas);
    assert_true(slant_shard_peek_lexicons(without, strlen(without), "p", &paths, &shas, &error));
    assert_int_equal(shas->len, 1);
    assert_null(paths->pdata[0]);
    assert_string_equal(shas->pdata[0], "abc");
    g_ptr_array_unref(paths);
    g_ptr_array_unref(shas);
    assert_true(slant_shard_peek_lexicons(several, strlen(several), "p", &paths, &shas, &error));
    assert_int_equal(shas->len, 2);
    assert_string_equal(paths->pdata[0], "a.json");
    assert_string_equal(shas->pdata[0], "a1");
    assert_string_equal(paths->pdata[1], "b.json");
    assert_string_equal(shas->pdata[1], "b2");
    g_ptr_array_unref(paths);
    g_ptr_array_unref(shas);
}

static void
peek_lexicon_should_refuse_what_is_no_partial(void **state)
{
    (void) state;
    static const char *texts[] = {
        "{\"schema_version\": \"1.0.0\", \"meta\": {}}",
        "{\"slant_partial\": 1, \"lexicon\": {\"name\": \"x\"}}",
        "{\"slant_partial\": 1, \"lexicon\": {\"sha256\": 5}}",
        "{\"slant_partial\": 1,",
        "[]",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(texts); i++) {
        GPtrArray *paths = (GPtrArray *) 1, *shas = (GPtrArray *) 1;
        GError *error = NULL;
        assert_false(slant_shard_peek_lexicons(texts[i], strlen(texts[i]), "p", &paths, &shas, &error));
        assert_null(paths);
        assert_null(shas);
        assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_FORMAT));
        assert_string_equal(error->message,
                            "p: not a slant partial result: no 'slant_partial' object with a "
                            "'lexicon.sha256'");
        g_error_free(error);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitter_should_find_the_same_partials_whatever_the_reads),
        cmocka_unit_test(splitter_should_refuse_what_stands_between_partials),
        cmocka_unit_test(splitter_should_refuse_a_truncated_partial),
        cmocka_unit_test(splitter_should_find_no_partial_in_white_space),
        cmocka_unit_test(splitter_should_keep_only_the_current_partial),
        cmocka_unit_test(peek_lexicon_should_read_sha256_and_path),
        cmocka_unit_test(peek_lexicon_should_refuse_what_is_no_partial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

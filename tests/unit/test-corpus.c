/* test-corpus.c: the corpus readers (engine/lib/corpus.h).
 *
 * Fixtures that are plain text live in tests/data/corpus; the ones whose
 * bytes matter (CRLF, BOM, invalid UTF-8, gzip, zstd, lines of megabytes, odd
 * file names, links) are written at test time into a temporary folder, so
 * that no checkout or editor can alter them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "codec.h"
#include "compress.h"
#include "corpus.h"
#include "slant-error.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA SLANT_TEST_DATA "/corpus"
#define MIB ((gsize) 1 << 20)

/* ---- helpers ----------------------------------------------------------- */

static void
remove_tree(const char *path)
{
    GStatBuf st;
    if (g_lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        GDir *dir = g_dir_open(path, 0, NULL);
        const char *name;
        while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
            char *child = g_build_filename(path, name, NULL);
            remove_tree(child);
            g_free(child);
        }
        if (dir != NULL)
            g_dir_close(dir);
        g_rmdir(path);
    } else {
        g_remove(path);
    }
}

static int
make_tmp(void **state)
{
    char *dir = g_dir_make_tmp("slant-corpus-XXXXXX", NULL);
    if (dir == NULL)
        return -1;
    *state = dir;
    return 0;
}

static int
drop_tmp(void **state)
{
    remove_tree(*state);
    g_free(*state);
    return 0;
}

/* Write @len bytes (-1: a string) to TMP/REL, making folders; returns the
 * path, to be freed. */
static char *
write_file(const char *tmp, const char *rel, const char *data, gssize len)
{
    char *path = g_build_filename(tmp, rel, NULL);
    char *dir = g_path_get_dirname(path);
    assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
    g_free(dir);
    assert_true(g_file_set_contents(path, data, len, NULL));
    return path;
}



/* "PATH:WHERE: " */
static char *
at(const char *path, const char *where)
{
    return g_strdup_printf("%s:%s: ", path, where);
}

static SlantCorpusReader *
open_reader(const char *path, gsize max)
{
    GError *error = NULL;
    SlantCorpusReader *reader = slant_corpus_reader_new(path, max, &error);
    if (error != NULL)
        fail_msg("cannot open reader: %s", error->message);
    assert_non_null(reader);
    return reader;
}

/* The next result must be a document with id @id; returns it. */
static SlantDocument *
expect_document(SlantCorpusReader *reader, const char *id)
{
    SlantDocument *doc = NULL;
    GError *error = NULL;
    char *skip_id = NULL;
    guint64 skip_line = 99;
    SlantReadStatus status = slant_corpus_reader_next(reader, &doc, &skip_line, &skip_id, &error);
    if (error != NULL)
        fail_msg("expected document '%s', got error: %s", id, error->message);
    assert_int_equal(status, SLANT_READ_DOCUMENT);
    assert_null(skip_id);
    assert_int_equal(skip_line, 0);
    assert_non_null(doc);
    assert_string_equal(doc->id, id);
    assert_non_null(doc->source);
    assert_non_null(doc->text);
    assert_non_null(doc->input);
    assert_non_null(doc->labels);
    assert_int_equal(doc->text_len, strlen(doc->text));
    return doc;
}

static void
expect_document_free(SlantCorpusReader *reader, const char *id)
{
    slant_document_free(expect_document(reader, id));
}

/* The next result must be a skip with @code, a message starting with
 * @prefix, line @line and id @id (NULL: none).  Returns the message. */
static char *
skip_message(SlantCorpusReader *reader, int code, const char *prefix, guint64 line, const char *id)
{
    SlantDocument *doc = NULL;
    GError *error = NULL;
    char *skip_id = NULL;
    guint64 skip_line = 0;
    SlantReadStatus status = slant_corpus_reader_next(reader, &doc, &skip_line, &skip_id, &error);
    if (status != SLANT_READ_SKIP)
        fail_msg("expected a skip with '%s', got status %d (%s)", prefix, (int) status,
                 error != NULL ? error->message : "no error");
    assert_null(doc);
    assert_non_null(error);
    assert_int_equal(error->domain, SLANT_ERROR);
    if (error->code != code)
        fail_msg("expected code %s, got %s: %s", slant_error_code_name(code),
                 slant_error_code_name(error->code), error->message);
    if (!g_str_has_prefix(error->message, prefix))
        fail_msg("message '%s' does not start with '%s'", error->message, prefix);
    assert_int_equal(skip_line, line);
    if (id != NULL) {
        assert_non_null(skip_id);
        assert_string_equal(skip_id, id);
    } else {
        assert_null(skip_id);
    }
    g_free(skip_id);
    char *message = g_strdup(error->message);
    g_error_free(error);
    return message;
}

static void
expect_skip(SlantCorpusReader *reader, int code, const char *prefix, guint64 line, const char *id)
{
    g_free(skip_message(reader, code, prefix, line, id));
}

/* The same, and the whole message must be @message. */
static void
expect_skip_msg(SlantCorpusReader *reader, int code, const char *prefix, guint64 line,
                const char *id, const char *message)
{
    char *got = skip_message(reader, code, prefix, line, id);
    assert_string_equal(got, message);
    g_free(got);
}

static void
expect_end(SlantCorpusReader *reader)
{
    SlantDocument *doc = NULL;
    GError *error = NULL;
    SlantReadStatus status = slant_corpus_reader_next(reader, &doc, NULL, NULL, &error);
    if (error != NULL)
        fail_msg("expected the end, got error: %s", error->message);
    assert_int_equal(status, SLANT_READ_END);
    assert_null(doc);
}

/* The next result must be fatal with SLANT_ERROR_IO and @prefix; the
 * message must hold @reason. */
static void
expect_fatal(SlantCorpusReader *reader, const char *prefix, const char *reason)
{
    SlantDocument *doc = NULL;
    GError *error = NULL;
    SlantReadStatus status = slant_corpus_reader_next(reader, &doc, NULL, NULL, &error);
    if (status != SLANT_READ_FATAL)
        fail_msg("expected fatal, got status %d (%s)", (int) status,
                 error != NULL ? error->message : "no error");
    assert_null(doc);
    assert_non_null(error);
    assert_int_equal(error->domain, SLANT_ERROR);
    assert_int_equal(error->code, SLANT_ERROR_IO);
    if (!g_str_has_prefix(error->message, prefix) || strstr(error->message, reason) == NULL)
        fail_msg("message '%s' does not start with '%s' or lacks '%s'", error->message, prefix,
                 reason);
    g_error_free(error);
}

static void
expect_label(const SlantDocument *doc, guint i, const char *key, const char *value)
{
    assert_true(i < doc->labels->len);
    const SlantLabel *label = g_ptr_array_index(doc->labels, i);
    assert_string_equal(label->key, key);
    assert_string_equal(label->value, value);
}

static char *
jsonl_record(const char *id, const char *text)
{
    return g_strdup_printf("{\"id\": \"%s\", \"source\": \"S\", \"text\": \"%s\"}", id, text);
}

/* ---- directory trees --------------------------------------------------- */

static void
dir_should_visit_files_in_byte_order_and_skip_hidden_ones(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/tree", 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_DIRECTORY);
    /* nested folder first ('2' < 'a'), upper case before lower case, and
     * no .hidden/x.txt, Asahi/.draft.txt or Asahi/notes.md anywhere */
    SlantDocument *doc = expect_document(reader, "Asahi/2019/c.txt");
    assert_string_equal(doc->source, "Asahi");
    assert_string_equal(doc->input, DATA "/tree/Asahi/2019/c.txt");
    slant_document_free(doc);
    expect_document_free(reader, "Asahi/a.txt");
    expect_document_free(reader, "Asahi/b.txt");
    expect_document_free(reader, "sankei-000");
    char *prefix = at(DATA "/tree/loose.txt", "1");
    expect_skip(reader, SLANT_ERROR_FORMAT, prefix, 1, "loose.txt");
    g_free(prefix);
    expect_document_free(reader, "wire.txt");
    expect_end(reader);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

/* A named pipe, a socket and a link to a device, each named "*.txt": skipped
 * as no regular file, without opening them (a pipe would block for ever:
 * the alarm ends a hang), the rest read. */
static void
dir_should_skip_what_is_not_a_regular_file(void **state)
{
    const char *tmp = *state;
    g_free(write_file(tmp, "S/a.txt", "text\n", -1));
    g_free(write_file(tmp, "S/z.txt", "text\n", -1));
    char *fifo = g_build_filename(tmp, "S", "pipe.txt", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *dev = g_build_filename(tmp, "S", "null.txt", NULL);
    assert_int_equal(symlink("/dev/null", dev), 0);
    alarm(20);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    expect_document_free(reader, "S/a.txt");
    char *prefix = at(dev, "1");
    char *message = g_strdup_printf("%snot a regular file", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "S/null.txt", message);
    g_free(message);
    g_free(prefix);
    prefix = at(fifo, "1");
    message = g_strdup_printf("%snot a regular file", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "S/pipe.txt", message);
    g_free(message);
    g_free(prefix);
    expect_document_free(reader, "S/z.txt");
    expect_end(reader);
    alarm(0);
    slant_corpus_reader_free(reader);
    g_free(fifo);
    g_free(dev);
}

/* A folder that cannot be listed is a skip in its place; the rest is read.
 * (As root, chmod 000 stops nothing: the catalogue covers that case with
 * the fault shim.) */
static void
dir_should_skip_unreadable_folder_and_read_the_rest(void **state)
{
    const char *tmp = *state;
    if (geteuid() == 0)
        skip();
    g_free(write_file(tmp, "A/a.txt", "text\n", -1));
    g_free(write_file(tmp, "B/locked/b.txt", "text\n", -1));
    g_free(write_file(tmp, "B/open.txt", "text\n", -1));
    g_free(write_file(tmp, "C/c.txt", "text\n", -1));
    char *locked = g_build_filename(tmp, "B", "locked", NULL);
    assert_int_equal(chmod(locked, 0), 0);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    expect_document_free(reader, "A/a.txt");
    char *message = g_strdup_printf("%s: cannot open folder: %s", locked, g_strerror(EACCES));
    expect_skip_msg(reader, SLANT_ERROR_IO, locked, 0, NULL, message);
    g_free(message);
    expect_document_free(reader, "B/open.txt");
    expect_document_free(reader, "C/c.txt");
    expect_end(reader);
    slant_corpus_reader_free(reader);
    chmod(locked, 0755);
    g_free(locked);
}

static void
dir_should_apply_front_matter(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/tree/", 0);
    slant_document_free(expect_document(reader, "Asahi/2019/c.txt"));
    SlantDocument *doc = expect_document(reader, "Asahi/a.txt");
    assert_string_equal(doc->source, "Asahi");
    assert_string_equal(doc->title, "Allies agree on a joint exercise");
    assert_string_equal(doc->date, "2019-04-19");
    assert_string_equal(doc->url, "https://example.org/a");
    /* sorted by key, the unknown "author" key passed over */
    assert_int_equal(doc->labels->len, 2);
    expect_label(doc, 0, "stance", "alliance-supportive");
    expect_label(doc, 1, "topic", "defence");
    assert_string_equal(slant_document_label(doc, "topic"), "defence");
    assert_null(slant_document_label(doc, "author"));
    assert_string_equal(doc->text, "The two governments agreed on a joint exercise.\n");
    assert_int_equal(doc->line, 9);
    /* a trailing slash on the root does not double the separator */
    assert_string_equal(doc->input, DATA "/tree/Asahi/a.txt");
    slant_document_free(doc);

    doc = expect_document(reader, "Asahi/b.txt");
    assert_null(doc->title);
    assert_null(doc->date);
    assert_null(doc->url);
    assert_int_equal(doc->labels->len, 0);
    assert_int_equal(doc->line, 1);
    assert_string_equal(doc->text, "A plain article without front matter.\n");
    slant_document_free(doc);
    slant_corpus_reader_free(reader);
}

static void
dir_should_let_front_matter_override_source_and_id(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/tree", 0);
    for (int i = 0; i < 3; i++) {
        SlantDocument *doc = NULL;
        assert_int_equal(slant_corpus_reader_next(reader, &doc, NULL, NULL, NULL),
                         SLANT_READ_DOCUMENT);
        slant_document_free(doc);
    }
    SlantDocument *doc = expect_document(reader, "sankei-000");
    assert_string_equal(doc->source, "Sankei Shimbun");
    assert_string_equal(doc->text, "\nThe source and id come from the front matter.\n");
    assert_int_equal(doc->line, 5);
    slant_document_free(doc);
    char *prefix = at(DATA "/tree/loose.txt", "1");
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "loose.txt",
                    DATA "/tree/loose.txt:1: no source: the file is not in a source folder and "
                         "has no 'source:' key");
    g_free(prefix);
    /* a file at the root is read when it names its source */
    doc = expect_document(reader, "wire.txt");
    assert_string_equal(doc->source, "Wire");
    slant_document_free(doc);
    slant_corpus_reader_free(reader);
}

static void
dir_should_accept_bom_and_crlf(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "Src/crlf.txt",
                            "\xEF\xBB\xBF---\r\ntitle: T\r\nlabels.x: y\r\n---\r\nText line.\r\n",
                            -1);
    g_free(path);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    SlantDocument *doc = expect_document(reader, "Src/crlf.txt");
    assert_string_equal(doc->title, "T");
    assert_string_equal(slant_document_label(doc, "x"), "y");
    assert_string_equal(doc->text, "Text line.\r\n");
    assert_int_equal(doc->line, 5);
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
dir_should_refuse_source_of_unicode_blanks(void **state)
{
    const char *tmp = *state;
    /* U+3000 IDEOGRAPHIC SPACE only: as empty as no value at all */
    char *bad = write_file(tmp, "Src/a-blank.txt", "---\nsource: \xE3\x80\x80\n---\ntext\n", -1);
    char *good = write_file(tmp, "Src/b-good.txt", "fine\n", -1);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    char *prefix = at(bad, "2");
    char *message = g_strdup_printf("%sempty value for 'source'", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "Src/a-blank.txt", message);
    expect_document_free(reader, "Src/b-good.txt");
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(bad);
    g_free(good);
    slant_corpus_reader_free(reader);
}

static void
dir_should_report_invalid_utf8_with_line_and_column(void **state)
{
    const char *tmp = *state;
    char *bad = write_file(tmp, "Src/bad.txt", "---\ntitle: t\n---\nline four\nabc\xFF" "def\n", -1);
    char *good = write_file(tmp, "Src/good.txt", "fine\n", -1);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    char *prefix = at(bad, "5:4");
    char *message = g_strdup_printf("%sinvalid UTF-8", prefix);
    expect_skip_msg(reader, SLANT_ERROR_UTF8, prefix, 1, "Src/bad.txt", message);
    expect_document_free(reader, "Src/good.txt");
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(bad);
    g_free(good);
    slant_corpus_reader_free(reader);
}

static void
dir_should_skip_file_over_the_limit(void **state)
{
    const char *tmp = *state;
    char *big = write_file(tmp, "Src/a-big.txt", "0123456789abcdefghij\n", -1);
    char *fits = write_file(tmp, "Src/b-fits.txt", "0123456789abcdefghi", -1);
    SlantCorpusReader *reader = open_reader(tmp, 20);
    char *prefix = at(big, "1");
    char *message = g_strdup_printf("%sdocument too large (21 bytes, limit 20)", prefix);
    expect_skip_msg(reader, SLANT_ERROR_TOO_LARGE, prefix, 1, "Src/a-big.txt", message);
    expect_document_free(reader, "Src/b-fits.txt");
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(big);
    g_free(fits);
    slant_corpus_reader_free(reader);
}

static void
dir_should_report_dangling_link_and_go_on(void **state)
{
    const char *tmp = *state;
    char *good = write_file(tmp, "Src/b.txt", "fine\n", -1);
    char *link = g_build_filename(tmp, "Src", "a.txt", NULL);
    assert_int_equal(symlink("nowhere.txt", link), 0);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    char *prefix = at(link, "1");
    expect_skip(reader, SLANT_ERROR_IO, prefix, 1, "Src/a.txt");
    expect_document_free(reader, "Src/b.txt");
    expect_end(reader);
    g_free(prefix);
    g_free(link);
    g_free(good);
    slant_corpus_reader_free(reader);
}

static void
dir_should_not_follow_links_to_folders(void **state)
{
    const char *tmp = *state;
    char *good = write_file(tmp, "Src/a.txt", "fine\n", -1);
    char *link = g_build_filename(tmp, "Src", "loop", NULL);
    assert_int_equal(symlink("..", link), 0); /* a cycle, if followed */
    SlantCorpusReader *reader = open_reader(tmp, 0);
    expect_document_free(reader, "Src/a.txt");
    expect_end(reader);
    g_free(link);
    g_free(good);
    slant_corpus_reader_free(reader);
}

static void
dir_should_skip_file_name_that_is_not_utf8(void **state)
{
    const char *tmp = *state;
    char *bad = write_file(tmp, "Src/caf\xE9.txt", "text\n", -1);
    char *good = write_file(tmp, "Src/d.txt", "text\n", -1);
    SlantCorpusReader *reader = open_reader(tmp, 0);
    char *shown = g_strdup_printf("%s/Src/caf\xEF\xBF\xBD.txt", tmp);
    char *prefix = at(shown, "1");
    expect_skip(reader, SLANT_ERROR_UTF8, prefix, 1, "Src/caf\xEF\xBF\xBD.txt");
    expect_document_free(reader, "Src/d.txt");
    g_free(prefix);
    g_free(shown);
    g_free(bad);
    g_free(good);
    slant_corpus_reader_free(reader);
}

static void
dir_should_end_at_once_when_empty(void **state)
{
    const char *tmp = *state;
    SlantCorpusReader *reader = open_reader(tmp, 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_DIRECTORY);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

/* ---- single text files ------------------------------------------------- */

static void
text_should_take_source_from_folder_and_id_from_name(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/text/not-front-matter.txt", 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_TEXT_FILE);
    SlantDocument *doc = expect_document(reader, "not-front-matter.txt");
    assert_string_equal(doc->source, "text");
    /* "--- " is not "---": no front matter, all text */
    assert_null(doc->title);
    assert_string_equal(doc->text, "--- \ntitle: this is text\n---\nmore text\n");
    assert_int_equal(doc->line, 1);
    assert_string_equal(doc->input, DATA "/text/not-front-matter.txt");
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
text_should_reject_unterminated_front_matter(void **state)
{
    (void) state;
    const char *path = DATA "/text/unterminated.txt";
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "1");
    char *message = g_strdup_printf("%sunterminated front matter (no closing '---')", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "unterminated.txt", message);
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    slant_corpus_reader_free(reader);
}

static void
text_should_reject_front_matter_line_without_colon(void **state)
{
    (void) state;
    const char *path = DATA "/text/no-colon.txt";
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "3");
    char *message = g_strdup_printf("%sno ':' in front matter line", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "no-colon.txt", message);
    g_free(message);
    g_free(prefix);
    slant_corpus_reader_free(reader);
}

static void
text_should_reject_duplicate_front_matter_key(void **state)
{
    (void) state;
    const char *path = DATA "/text/dup-key.txt";
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "5");
    char *message = g_strdup_printf("%sduplicate key 'title' (first on line 2)", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "dup-key.txt", message);
    g_free(message);
    g_free(prefix);
    slant_corpus_reader_free(reader);
}

static void
text_should_reject_empty_source_override(void **state)
{
    (void) state;
    const char *path = DATA "/text/empty-source.txt";
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "2");
    char *message = g_strdup_printf("%sempty value for 'source'", prefix);
    expect_skip_msg(reader, SLANT_ERROR_FORMAT, prefix, 1, "empty-source.txt", message);
    g_free(message);
    g_free(prefix);
    slant_corpus_reader_free(reader);
}

static void
text_should_skip_empty_file(void **state)
{
    (void) state;
    const char *path = DATA "/text/empty.txt";
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "1");
    char *message = g_strdup_printf("%sempty document", prefix);
    expect_skip_msg(reader, SLANT_ERROR_EMPTY, prefix, 1, "empty.txt", message);
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    slant_corpus_reader_free(reader);
}

static void
text_should_skip_whitespace_only_text(void **state)
{
    (void) state;
    /* blanks, a tab, U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE */
    const char *path = DATA "/text/blank-text.txt";
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "1");
    expect_skip(reader, SLANT_ERROR_EMPTY, prefix, 1, "blank-text.txt");
    g_free(prefix);
    slant_corpus_reader_free(reader);
}

static void
text_should_be_fatal_when_unreadable_at_read_time(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "Src/gone.txt", "text\n", -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    assert_int_equal(g_remove(path), 0);
    SlantDocument *doc = NULL;
    GError *error = NULL;
    assert_int_equal(slant_corpus_reader_next(reader, &doc, NULL, NULL, &error), SLANT_READ_FATAL);
    assert_null(doc);
    assert_int_equal(error->domain, SLANT_ERROR);
    assert_int_equal(error->code, SLANT_ERROR_IO);
    g_error_free(error);
    expect_end(reader);
    g_free(path);
    slant_corpus_reader_free(reader);
}

/* ---- JSON Lines -------------------------------------------------------- */

static void
jsonl_should_read_records_with_optional_fields(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/records.jsonl", 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_JSONL);
    SlantDocument *doc = expect_document(reader, "r1");
    assert_string_equal(doc->source, "Asahi");
    assert_string_equal(doc->text, "First text.");
    assert_string_equal(doc->title, "One");
    assert_string_equal(doc->date, "2019-04-19");
    assert_string_equal(doc->url, "https://example.org/1");
    assert_int_equal(doc->labels->len, 2);
    expect_label(doc, 0, "stance", "supportive");
    expect_label(doc, 1, "topic", "defence");
    assert_int_equal(doc->line, 1);
    assert_string_equal(doc->input, DATA "/records.jsonl");
    slant_document_free(doc);

    /* null and "" are "not given"; "labels": null is no labels */
    doc = expect_document(reader, "r2");
    assert_null(doc->title);
    assert_null(doc->date);
    assert_null(doc->url);
    assert_int_equal(doc->labels->len, 0);
    assert_int_equal(doc->line, 2);
    slant_document_free(doc);

    /* any member order; unknown members passed over */
    doc = expect_document(reader, "r3");
    assert_string_equal(doc->text, "Third text.");
    assert_int_equal(doc->line, 3);
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_skip_broken_line_and_continue(void **state)
{
    (void) state;
    const char *path = DATA "/broken.jsonl";
    SlantCorpusReader *reader = open_reader(path, 0);
    expect_document_free(reader, "b1");

    char *prefix = at(path, "2:48");
    char *message = g_strdup_printf("%sbroken JSON: unexpected end of line", prefix);
    expect_skip_msg(reader, SLANT_ERROR_JSON, prefix, 2, NULL, message);
    g_free(message);
    g_free(prefix);

    expect_document_free(reader, "b3");

    prefix = at(path, "4:42");
    message = g_strdup_printf("%sbroken JSON: trailing characters after the record", prefix);
    expect_skip_msg(reader, SLANT_ERROR_JSON, prefix, 4, NULL, message);
    g_free(message);
    g_free(prefix);

    prefix = at(path, "5:41");
    message = g_strdup_printf("%sbroken JSON: unexpected '}'", prefix);
    expect_skip_msg(reader, SLANT_ERROR_JSON, prefix, 5, NULL, message);
    g_free(message);
    g_free(prefix);

    prefix = at(path, "6:8");
    message = g_strdup_printf("%sbroken JSON: unexpected '''", prefix);
    expect_skip_msg(reader, SLANT_ERROR_JSON, prefix, 6, NULL, message);
    g_free(message);
    g_free(prefix);

    SlantDocument *doc = expect_document(reader, "b7");
    assert_int_equal(doc->line, 7);
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

/* RFC 8259: no raw control character inside a string (a key too); white
 * space outside them is fine, and so are escapes.  Both ways of reading
 * say the same. */
static void
jsonl_should_refuse_raw_control_characters_in_strings(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "ctl.jsonl",
                            "{\"id\": \"a\", \"source\": \"S\", \"text\": \"one\ttab\"}\n"
                            "{\"id\": \"b\", \"source\": \"S\", \"text\": \"t\", \"title\": \"x\x01\"}\n"
                            "{\"id\": \"c\", \"source\": \"S\", \"text\": \"t\", \"labels\": {\"k\": \"\x1f\"}}\n"
                            "{\"id\": \"d\", \"source\": \"S\", \"text\": \"t\", \"extra\": \"\x7f\\\"\x02\"}\n"
                            "{\"id\": \"f\", \"source\": \"S\", \"text\": \"t\", \"ke\x01y\": 1}\n"
                            "\t{\"id\":\t\"e\", \"source\": \"S\",\r \"text\": \"escaped\\ttab\"}\t\n",
                            -1);
    for (int pass = 0; pass < 2; pass++) {
        SlantCorpusReader *reader = open_reader(path, 0);
        static const struct {
            const char *where;
            guint64 line;
        } bad[] = {{"1:40", 1}, {"2:52", 2}, {"3:58", 3}, {"4:54", 4}, {"5:44", 5}};
        for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
            char *prefix = at(path, bad[i].where);
            char *message = g_strdup_printf("%sbroken JSON: control character in a string", prefix);
            if (pass == 0) {
                expect_skip_msg(reader, SLANT_ERROR_JSON, prefix, bad[i].line, NULL, message);
            } else {
                /* the engine's way: records parsed apart (maybe on other threads) */
                SlantDocument *doc = NULL;
                SlantRecord *rec = NULL;
                assert_int_equal(slant_corpus_reader_next_record(reader, &doc, &rec, NULL, NULL, NULL),
                                 SLANT_READ_DOCUMENT);
                assert_non_null(rec);
                GError *error = NULL;
                assert_int_equal(slant_corpus_record_parse(rec, &doc, NULL, &error), SLANT_READ_SKIP);
                assert_int_equal(error->code, SLANT_ERROR_JSON);
                assert_string_equal(error->message, message);
                g_error_free(error);
                slant_record_free(rec);
            }
            g_free(message);
            g_free(prefix);
        }
        if (pass == 0) {
            SlantDocument *doc = expect_document(reader, "e");
            assert_string_equal(doc->text, "escaped\ttab");
            slant_document_free(doc);
            expect_end(reader);
        }
        slant_corpus_reader_free(reader);
    }
    g_free(path);
}

static void
jsonl_should_name_missing_and_mistyped_fields(void **state)
{
    (void) state;
    const char *path = DATA "/fields.jsonl";
    SlantCorpusReader *reader = open_reader(path, 0);
    static const struct {
        int code;
        const char *where;
        const char *id;
        const char *what;
    } expected[] = {
        {SLANT_ERROR_FORMAT, "1", NULL, "missing string field 'id'"},
        {SLANT_ERROR_FORMAT, "2", "f2", "missing string field 'source'"},
        {SLANT_ERROR_FORMAT, "3", "f3", "missing string field 'text'"},
        {SLANT_ERROR_FORMAT, "4", NULL, "field 'id' is a number, not a string"},
        {SLANT_ERROR_FORMAT, "5", "f5", "field 'source' is an array, not a string"},
        {SLANT_ERROR_FORMAT, "6", "f6", "field 'text' is null, not a string"},
        {SLANT_ERROR_FORMAT, "7", "f7", "field 'title' is a number, not a string"},
        {SLANT_ERROR_FORMAT, "8", NULL, "record is an array, not an object"},
        {SLANT_ERROR_FORMAT, "9", NULL, "field 'id' is empty"},
        {SLANT_ERROR_FORMAT, "10", "f10", "field 'source' is empty"},
        {SLANT_ERROR_FORMAT, "11", "f11", "duplicate field 'source'"},
        {SLANT_ERROR_EMPTY, "12", "f12", "empty document"},
        {SLANT_ERROR_FORMAT, "13:42", "f13", "'\\u0000' in a string is not supported"},
        {SLANT_ERROR_FORMAT, "14", NULL, "missing string field 'id'"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
        char *prefix = at(path, expected[i].where);
        char *message = g_strconcat(prefix, expected[i].what, NULL);
        expect_skip_msg(reader, expected[i].code, prefix, i + 1, expected[i].id, message);
        g_free(message);
        g_free(prefix);
    }
    expect_document_free(reader, "f15");
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
expect_typed_label(const SlantDocument *doc, guint i, const char *key, const char *value,
                   SlantLabelType type)
{
    expect_label(doc, i, key, value);
    assert_int_equal(((const SlantLabel *) g_ptr_array_index(doc->labels, i))->type, type);
}

/* doc->warnings holds exactly the messages @expected (NULL-terminated),
 * each after "PATH:LINE: ". */
static void
expect_warnings(const SlantDocument *doc, const char *path, guint line, const char *const *expected)
{
    guint n = 0;
    while (expected[n] != NULL)
        n++;
    if (n == 0) {
        assert_null(doc->warnings);
        return;
    }
    assert_non_null(doc->warnings);
    assert_int_equal(doc->warnings->len, n);
    for (guint i = 0; i < n; i++) {
        char *want = g_strdup_printf("%s:%u: %s", path, line, expected[i]);
        assert_string_equal(g_ptr_array_index(doc->warnings, i), want);
        g_free(want);
    }
}

static void
jsonl_should_keep_every_label_shape_and_never_skip(void **state)
{
    (void) state;
    const char *path = DATA "/labels.jsonl";
    SlantCorpusReader *reader = open_reader(path, 0);
    SlantDocument *doc = expect_document(reader, "l1");
    /* sorted by key, each with its type; null and "" are kept too */
    assert_int_equal(doc->labels->len, 8);
    expect_typed_label(doc, 0, "big", "1e+20", SLANT_LABEL_NUMBER);
    expect_typed_label(doc, 1, "blank", "", SLANT_LABEL_STRING);
    expect_typed_label(doc, 2, "f", "0.5", SLANT_LABEL_NUMBER);
    expect_typed_label(doc, 3, "gone", "null", SLANT_LABEL_NULL);
    expect_typed_label(doc, 4, "n", "3", SLANT_LABEL_NUMBER);
    expect_typed_label(doc, 5, "no", "false", SLANT_LABEL_BOOL);
    expect_typed_label(doc, 6, "yes", "true", SLANT_LABEL_BOOL);
    expect_typed_label(doc, 7, "z", "last", SLANT_LABEL_STRING);
    assert_string_equal(slant_document_label(doc, "big"), "1e+20");
    assert_null(slant_document_label(doc, "missing"));
    assert_int_equal(slant_document_find_label(doc, "no")->type, SLANT_LABEL_BOOL);
    expect_warnings(doc, path, 1, (const char *[]){NULL});
    slant_document_free(doc);

    /* labels that are not an object: passed over, the document scored */
    doc = expect_document(reader, "l2");
    assert_int_equal(doc->labels->len, 0);
    expect_warnings(doc, path, 2,
                    (const char *[]){"field 'labels' is an array, not an object: passed over", NULL});
    slant_document_free(doc);

    /* arrays and an empty object as their JSON text */
    doc = expect_document(reader, "l3");
    assert_int_equal(doc->labels->len, 3);
    expect_typed_label(doc, 0, "empty", "{}", SLANT_LABEL_JSON);
    expect_typed_label(doc, 1, "stance", "[\"a\",\"b\"]", SLANT_LABEL_JSON);
    expect_typed_label(doc, 2, "words", "[]", SLANT_LABEL_JSON);
    expect_warnings(doc, path, 3, (const char *[]){NULL});
    slant_document_free(doc);

    /* a name given twice: the first stands */
    doc = expect_document(reader, "l4");
    assert_int_equal(doc->labels->len, 1);
    expect_typed_label(doc, 0, "stance", "a", SLANT_LABEL_STRING);
    expect_warnings(doc, path, 4,
                    (const char *[]){"label 'stance' given twice: the first stands", NULL});
    slant_document_free(doc);

    doc = expect_document(reader, "l5");
    assert_int_equal(doc->labels->len, 1);
    expect_typed_label(doc, 0, "ok", "y", SLANT_LABEL_STRING);
    expect_warnings(doc, path, 5,
                    (const char *[]){"label '' has an empty name: passed over", NULL});
    slant_document_free(doc);

    /* nested objects flatten to dotted names; a flattened name that meets a
     * dotted one is a name given twice */
    doc = expect_document(reader, "l6");
    assert_int_equal(doc->labels->len, 2);
    expect_typed_label(doc, 0, "article_level.relative_stance", "-2", SLANT_LABEL_NUMBER);
    expect_typed_label(doc, 1, "article_level.sub.deep", "yes", SLANT_LABEL_STRING);
    expect_warnings(doc, path, 6,
                    (const char *[]){"label 'article_level.sub.' has an empty name: passed over",
                                     "label 'article_level.relative_stance' given twice: the first stands",
                                     NULL});
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
text_should_read_front_matter_labels_and_warn_of_odd_ones(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "fm.txt",
                            "---\nlabels.stance: critical\nlabels.article_level.side: left\n"
                            "labels.stance: supportive\nlabels.: x\nlabels.a..b: y\n"
                            "labels.empty:\n---\nText.\n",
                            -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    SlantDocument *doc = expect_document(reader, "fm.txt");
    assert_int_equal(doc->labels->len, 3);
    expect_typed_label(doc, 0, "article_level.side", "left", SLANT_LABEL_STRING);
    expect_typed_label(doc, 1, "empty", "", SLANT_LABEL_STRING);
    expect_typed_label(doc, 2, "stance", "critical", SLANT_LABEL_STRING);
    assert_non_null(doc->warnings);
    assert_int_equal(doc->warnings->len, 3);
    char *w0 = g_strdup_printf("%s:5: label name '' has an empty part: passed over", path);
    char *w1 = g_strdup_printf("%s:6: label name 'a..b' has an empty part: passed over", path);
    char *w2 = g_strdup_printf("%s:1: label 'stance' given twice: the first stands", path);
    assert_string_equal(g_ptr_array_index(doc->warnings, 0), w0);
    assert_string_equal(g_ptr_array_index(doc->warnings, 1), w1);
    assert_string_equal(g_ptr_array_index(doc->warnings, 2), w2);
    g_free(w0);
    g_free(w1);
    g_free(w2);
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
    g_free(path);
}

static void
jsonl_should_report_invalid_utf8_with_line_and_column(void **state)
{
    const char *tmp = *state;
    char *r1 = jsonl_record("u1", "ok");
    char *r3 = jsonl_record("u3", "ok again");
    /* a lead byte without its continuation at column 41 */
    char *data = g_strdup_printf("%s\n{\"id\": \"u2\", \"source\": \"S\", \"text\": \"caf\xC3(\"}\n%s\n",
                                 r1, r3);
    char *path = write_file(tmp, "u.jsonl", data, -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    expect_document_free(reader, "u1");
    char *prefix = at(path, "2:41");
    char *message = g_strdup_printf("%sinvalid UTF-8", prefix);
    expect_skip_msg(reader, SLANT_ERROR_UTF8, prefix, 2, NULL, message);
    expect_document_free(reader, "u3");
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(path);
    g_free(data);
    g_free(r3);
    g_free(r1);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_allow_bom_and_count_it_in_columns(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "bom.jsonl",
                            "\xEF\xBB\xBF{\"id\": \"x\" \"source\": \"S\", \"text\": \"t\"}\n"
                            "\xEF\xBB\xBF{\"id\": \"y\", \"source\": \"S\", \"text\": \"t\"}\n",
                            -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    /* the mark's 3 bytes count: the missing ',' is at byte 15 */
    char *prefix = at(path, "1:15");
    char *message = g_strdup_printf("%sbroken JSON: unexpected '\"'", prefix);
    expect_skip_msg(reader, SLANT_ERROR_JSON, prefix, 1, NULL, message);
    /* a mark may start any line: "cat a.jsonl b.jsonl" puts b's there */
    expect_document_free(reader, "y");
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(path);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_accept_bom_before_first_record(void **state)
{
    const char *tmp = *state;
    char *path =
        write_file(tmp, "bom.jsonl", "\xEF\xBB\xBF{\"id\": \"x\", \"source\": \"S\", \"text\": \"t\"}\n", -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    SlantDocument *doc = expect_document(reader, "x");
    assert_int_equal(doc->line, 1);
    slant_document_free(doc);
    expect_end(reader);
    g_free(path);
    slant_corpus_reader_free(reader);
}

/* cat of an empty file saved by a Windows tool: a line of a mark alone */
static void
jsonl_should_pass_over_lines_of_a_bom_alone(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "bom-lines.jsonl",
                            "\xEF\xBB\xBF\n"
                            "{\"id\": \"a\", \"source\": \"S\", \"text\": \"t\"}\n"
                            "\xEF\xBB\xBF\r\n"
                            "\xEF\xBB\xBF \t\n"
                            "\xEF\xBB\xBF{\"id\": \"b\", \"source\": \"S\", \"text\": \"t\"}\n"
                            "\xEF\xBB\xBF",
                            -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    SlantDocument *doc = expect_document(reader, "a");
    assert_int_equal(doc->line, 2);
    slant_document_free(doc);
    doc = expect_document(reader, "b");
    assert_int_equal(doc->line, 5);
    slant_document_free(doc);
    expect_end(reader);
    g_free(path);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_end_quietly_on_empty_file(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/empty.jsonl", 0);
    expect_end(reader);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_pass_over_blank_lines_but_count_them(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/blank.jsonl", 0);
    SlantDocument *doc = expect_document(reader, "k1");
    assert_int_equal(doc->line, 2);
    slant_document_free(doc);
    doc = expect_document(reader, "k2");
    assert_int_equal(doc->line, 5);
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_read_last_line_without_newline(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/no-newline.jsonl", 0);
    expect_document_free(reader, "n1");
    SlantDocument *doc = expect_document(reader, "n2");
    assert_string_equal(doc->text, "the last line has no newline");
    assert_int_equal(doc->line, 2);
    slant_document_free(doc);
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_handle_crlf_lines(void **state)
{
    const char *tmp = *state;
    char *path = write_file(tmp, "crlf.jsonl",
                            "{\"id\": \"c1\", \"source\": \"S\", \"text\": \"one\"}\r\n"
                            "\r\n"
                            "{\"id\": \"c2\", \"source\": \"S\", \"text\": \"two\"}\r\n"
                            "{\"id\": \"c3\", \"source\": \"S\", \"text\": \"cut\"\r\n",
                            -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    SlantDocument *doc = expect_document(reader, "c1");
    assert_string_equal(doc->text, "one");
    slant_document_free(doc);
    doc = expect_document(reader, "c2");
    assert_int_equal(doc->line, 3);
    slant_document_free(doc);
    /* the '\r' is no part of the line: the record ends early at column 42 */
    char *prefix = at(path, "4:42");
    expect_skip(reader, SLANT_ERROR_JSON, prefix, 4, NULL);
    expect_end(reader);
    g_free(prefix);
    g_free(path);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_skip_line_over_limit_then_read_good_line(void **state)
{
    const char *tmp = *state;
    char *small = jsonl_record("s1", "short");
    gsize limit = strlen(small);
    char *big = jsonl_record("s2", "one byte longer");
    char *exact = jsonl_record("s3", "short");
    /* a "\r\n" ending does not count against the limit */
    char *data = g_strdup_printf("%s\n%s\n%s\r\n", small, big, exact);
    char *path = write_file(tmp, "limit.jsonl", data, -1);
    SlantCorpusReader *reader = open_reader(path, limit);
    expect_document_free(reader, "s1");
    char *prefix = at(path, "2");
    char *message = g_strdup_printf("%sline too large (%" G_GSIZE_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")",
                                    prefix, strlen(big), limit);
    expect_skip_msg(reader, SLANT_ERROR_TOO_LARGE, prefix, 2, NULL, message);
    expect_document_free(reader, "s3");
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(path);
    g_free(data);
    g_free(exact);
    g_free(big);
    g_free(small);
    slant_corpus_reader_free(reader);
}

/* A line of 3 MiB under a 1 MiB limit spans several reads: it must be
 * dropped as it streams by, and the lines around it read. */
static void
jsonl_should_discard_huge_line_across_chunks(void **state)
{
    const char *tmp = *state;
    gsize huge = 3 * MIB + 17;
    GString *data = g_string_new(NULL);
    char *r1 = jsonl_record("h1", "before");
    char *r3 = jsonl_record("h3", "after");
    g_string_append_printf(data, "%s\n", r1);
    gsize start = data->len;
    g_string_append(data, "{\"id\": \"h2\", \"source\": \"S\", \"text\": \"");
    while (data->len - start < huge - 2)
        g_string_append_c(data, 'x');
    g_string_append(data, "\"}\r\n");
    g_string_append_printf(data, "%s\n", r3);
    /* and a huge last line without a newline */
    gsize tail = data->len;
    for (gsize i = 0; i < 2 * MIB; i++)
        g_string_append_c(data, 'y');
    char *path = write_file(tmp, "huge.jsonl", data->str, (gssize) data->len);

    SlantCorpusReader *reader = open_reader(path, MIB);
    expect_document_free(reader, "h1");
    char *prefix = at(path, "2");
    char *message = g_strdup_printf("%sline too large (%" G_GSIZE_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")",
                                    prefix, huge, MIB);
    expect_skip_msg(reader, SLANT_ERROR_TOO_LARGE, prefix, 2, NULL, message);
    g_free(message);
    g_free(prefix);
    expect_document_free(reader, "h3");
    prefix = at(path, "4");
    message = g_strdup_printf("%sline too large (%" G_GSIZE_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")",
                              prefix, data->len - tail, MIB);
    expect_skip_msg(reader, SLANT_ERROR_TOO_LARGE, prefix, 4, NULL, message);
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(path);
    g_free(r3);
    g_free(r1);
    g_string_free(data, TRUE);
    slant_corpus_reader_free(reader);
}

/* Many records over several 1 MiB chunks: lines cut by a chunk's end are
 * joined, none lost, none doubled. */
static GString *
many_records(guint n)
{
    GString *data = g_string_new(NULL);
    char pad[1001];
    memset(pad, 'p', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    for (guint i = 0; i < n; i++)
        g_string_append_printf(data,
                               "{\"id\": \"m%05u\", \"source\": \"S\", \"text\": \"%.*s\"}%s\n", i,
                               (int) (i % 997) + 3, pad, i % 3 == 0 ? "\r" : "");
    return data;
}

static void
jsonl_should_read_records_across_chunk_boundaries(void **state)
{
    const char *tmp = *state;
    const guint n = 6000;
    GString *data = many_records(n);
    assert_true(data->len > 2 * MIB);
    char *path = write_file(tmp, "many.jsonl", data->str, (gssize) data->len);
    SlantCorpusReader *reader = open_reader(path, 4096);
    for (guint i = 0; i < n; i++) {
        char id[16];
        g_snprintf(id, sizeof id, "m%05u", i);
        SlantDocument *doc = expect_document(reader, id);
        assert_int_equal(doc->line, i + 1);
        assert_int_equal(doc->text_len, (i % 997) + 3);
        slant_document_free(doc);
    }
    expect_end(reader);
    g_free(path);
    g_string_free(data, TRUE);
    slant_corpus_reader_free(reader);
}

static void
jsonl_should_accept_null_out_parameters(void **state)
{
    (void) state;
    SlantCorpusReader *reader = open_reader(DATA "/broken.jsonl", 0);
    SlantDocument *doc = NULL;
    assert_int_equal(slant_corpus_reader_next(reader, &doc, NULL, NULL, NULL), SLANT_READ_DOCUMENT);
    slant_document_free(doc);
    doc = NULL;
    assert_int_equal(slant_corpus_reader_next(reader, &doc, NULL, NULL, NULL), SLANT_READ_SKIP);
    assert_null(doc);
    slant_corpus_reader_free(reader);
}

/* ---- gzip -------------------------------------------------------------- */

static void
jsonl_gz_should_decompress(void **state)
{
    const char *tmp = *state;
    char *plain = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(DATA "/records.jsonl", &plain, &len, NULL));
    GBytes *gz = test_gzip(plain, len);
    char *path = write_file(tmp, "records.jsonl.gz", g_bytes_get_data(gz, NULL),
                            (gssize) g_bytes_get_size(gz));
    SlantCorpusReader *reader = open_reader(path, 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_JSONL_GZ);
    SlantDocument *doc = expect_document(reader, "r1");
    assert_string_equal(slant_document_label(doc, "stance"), "supportive");
    assert_string_equal(doc->input, path);
    slant_document_free(doc);
    expect_document_free(reader, "r2");
    expect_document_free(reader, "r3");
    expect_end(reader);
    slant_corpus_reader_free(reader);
    g_free(path);
    g_bytes_unref(gz);
    g_free(plain);
}

static void
jsonl_gz_should_read_every_member(void **state)
{
    const char *tmp = *state;
    /* "cat a.gz b.gz": the first member ends inside a line */
    const char *a = "{\"id\": \"g1\", \"source\": \"S\", \"text\": \"one\"}\n{\"id\": \"g2\", ";
    const char *b = "\"source\": \"S\", \"text\": \"two\"}\n{\"id\": \"g3\", \"source\": \"S\", \"text\": \"three\"}\n";
    GBytes *ga = test_gzip(a, strlen(a));
    GBytes *gb = test_gzip(b, strlen(b));
    GByteArray *both = g_byte_array_new();
    g_byte_array_append(both, g_bytes_get_data(ga, NULL), (guint) g_bytes_get_size(ga));
    g_byte_array_append(both, g_bytes_get_data(gb, NULL), (guint) g_bytes_get_size(gb));
    char *path = write_file(tmp, "members.jsonl.gz", (const char *) both->data, both->len);
    SlantCorpusReader *reader = open_reader(path, 0);
    expect_document_free(reader, "g1");
    expect_document_free(reader, "g2");
    expect_document_free(reader, "g3");
    expect_end(reader);
    slant_corpus_reader_free(reader);
    g_free(path);
    g_byte_array_unref(both);
    g_bytes_unref(gb);
    g_bytes_unref(ga);
}

/* @packed, 3,000 records compressed as @format ("gzip", "zstd"), cut in
 * half and written as @name: the records before the cut are read, in order,
 * then a fatal "truncated" error on the line after the last whole one. */
static void
expect_cut_short(const char *tmp, const char *name, GBytes *packed, const char *format)
{
    gsize cut = g_bytes_get_size(packed) / 2;
    char *path = write_file(tmp, name, g_bytes_get_data(packed, NULL), (gssize) cut);
    SlantCorpusReader *reader = open_reader(path, 0);
    /* what came before the cut is read */
    expect_document_free(reader, "m00000");
    SlantReadStatus status;
    SlantDocument *doc = NULL;
    guint read = 1;
    while ((status = slant_corpus_reader_next(reader, &doc, NULL, NULL, NULL)) ==
           SLANT_READ_DOCUMENT) {
        slant_document_free(doc);
        read++;
    }
    assert_int_equal(status, SLANT_READ_FATAL);
    assert_true(read > 10 && read < 3000);
    slant_corpus_reader_free(reader);

    /* again, to check the error itself: on the line after the last whole one */
    reader = open_reader(path, 0);
    for (guint i = 0; i < read; i++) {
        char id[16];
        g_snprintf(id, sizeof id, "m%05u", i);
        expect_document_free(reader, id);
    }
    char where[32];
    g_snprintf(where, sizeof where, "%u", read + 1);
    char *prefix = at(path, where);
    char *message = g_strdup_printf("cannot read: truncated %s data", format);
    expect_fatal(reader, prefix, message);
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    slant_corpus_reader_free(reader);
    g_free(path);
}

/* A file of @name holding no data of @format: fatal on line 1. */
static void
expect_garbage(const char *tmp, const char *name, const char *format)
{
    char *text = g_strdup_printf("this is not %s data at all\n", format);
    char *path = write_file(tmp, name, text, -1);
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "1");
    char *message = g_strdup_printf("cannot read: invalid %s data", format);
    expect_fatal(reader, prefix, message);
    expect_end(reader);
    g_free(message);
    g_free(prefix);
    g_free(path);
    g_free(text);
    slant_corpus_reader_free(reader);
}

static void
jsonl_gz_should_be_fatal_when_truncated(void **state)
{
    GString *data = many_records(3000);
    GBytes *gz = test_gzip(data->str, data->len);
    expect_cut_short(*state, "cut.jsonl.gz", gz, "gzip");
    g_bytes_unref(gz);
    g_string_free(data, TRUE);
}

static void
jsonl_gz_should_be_fatal_on_garbage(void **state)
{
    expect_garbage(*state, "garbage.jsonl.gz", "gzip");
}

/* Records that compress to almost nothing: a chunk of input inflates past
 * the reader's buffer, so the decompressor must be asked again with no new
 * input for what it still holds. */
static GString *
repetitive_records(guint n)
{
    GString *s = g_string_new(NULL);
    char pad[2001];
    memset(pad, 'a', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    for (guint i = 0; i < n; i++)
        g_string_append_printf(s, "{\"id\": \"x%05u\", \"source\": \"S\", \"text\": \"%s\"}\n", i, pad);
    return s;
}

static void
read_all_ids(const char *path, guint n)
{
    SlantCorpusReader *reader = open_reader(path, 0);
    for (guint i = 0; i < n; i++) {
        char id[16];
        g_snprintf(id, sizeof id, "x%05u", i);
        expect_document_free(reader, id);
    }
    expect_end(reader);
    slant_corpus_reader_free(reader);
}

static void
jsonl_gz_should_read_what_inflates_past_a_buffer(void **state)
{
    const char *tmp = *state;
    GString *data = repetitive_records(4000); /* 8 MB */
    GBytes *gz = test_gzip(data->str, data->len);
    assert_true(g_bytes_get_size(gz) < 256 * 1024);
    char *path = write_file(tmp, "dense.jsonl.gz", g_bytes_get_data(gz, NULL),
                            (gssize) g_bytes_get_size(gz));
    read_all_ids(path, 4000);
    g_free(path);
    g_bytes_unref(gz);
    g_string_free(data, TRUE);
}

/* Decompress @in through @codec, handing it @in_step bytes at a time into
 * an output buffer of @out_step bytes; FALSE when it says invalid. */
static gboolean
codec_inflate(const SlantCodec *codec, const guchar *in, gsize len, gsize in_step, gsize out_step,
              GString *out, gboolean *in_unit)
{
    gpointer st = codec->open();
    char *buf = g_malloc(out_step);
    gsize pos = 0;
    gboolean ok = TRUE, full = FALSE;
    *in_unit = FALSE;
    while (pos < len || full) {
        gsize give = MIN(in_step, len - pos), used = 0, made = 0;
        if (codec->read(st, in + pos, give, &used, buf, out_step, &made, in_unit) !=
            SLANT_CODEC_OK) {
            ok = FALSE;
            break;
        }
        assert_true(used <= give && made <= out_step);
        assert_true(used > 0 || made > 0 || (give == 0 && full));
        g_string_append_len(out, buf, (gssize) made);
        pos += used;
        full = made == out_step;
    }
    g_free(buf);
    codec->close(st);
    return ok;
}

static void
gzip_codecs_should_agree(void **state)
{
    (void) state;
    /* three members, the middle one empty, the last highly compressible */
    const char *a = "{\"id\": \"g1\", \"source\": \"S\", \"text\": \"one\"}\n{\"id\": ";
    GString *c = repetitive_records(300);
    GBytes *ga = test_gzip(a, strlen(a)), *gb = test_gzip("", 0), *gc = test_gzip(c->str, c->len);
    GByteArray *all = g_byte_array_new();
    g_byte_array_append(all, g_bytes_get_data(ga, NULL), (guint) g_bytes_get_size(ga));
    g_byte_array_append(all, g_bytes_get_data(gb, NULL), (guint) g_bytes_get_size(gb));
    g_byte_array_append(all, g_bytes_get_data(gc, NULL), (guint) g_bytes_get_size(gc));
    GString *want = g_string_new(a);
    g_string_append_len(want, c->str, (gssize) c->len);
    const SlantCodec *codecs[] = {&slant_codec_gzip, &slant_codec_gzip_zlib};
    const gsize steps[][2] = {{1, 7}, {3, 4096}, {4096, 1}, {1 << 20, 1 << 20}};
    for (gsize k = 0; k < G_N_ELEMENTS(codecs); k++) {
        for (gsize i = 0; i < G_N_ELEMENTS(steps); i++) {
            GString *got = g_string_new(NULL);
            gboolean in_unit;
            assert_true(codec_inflate(codecs[k], all->data, all->len, steps[i][0], steps[i][1], got,
                                      &in_unit));
            assert_false(in_unit);
            assert_int_equal(got->len, want->len);
            assert_memory_equal(got->str, want->str, want->len);
            /* cut inside the last member: the data read so far ends in one */
            g_string_truncate(got, 0);
            assert_true(codec_inflate(codecs[k], all->data, all->len - 5, steps[i][0], steps[i][1],
                                      got, &in_unit));
            assert_true(in_unit);
            g_string_free(got, TRUE);
        }
        /* a wrong CRC-32 is invalid data */
        GByteArray *bad = g_byte_array_new();
        g_byte_array_append(bad, g_bytes_get_data(ga, NULL), (guint) g_bytes_get_size(ga));
        bad->data[bad->len - 8] ^= 0x55;
        GString *got = g_string_new(NULL);
        gboolean in_unit;
        assert_false(codec_inflate(codecs[k], bad->data, bad->len, 64, 64, got, &in_unit));
        g_string_free(got, TRUE);
        g_byte_array_unref(bad);
    }
    assert_true(strcmp(slant_codec_gzip.library, "isa-l") == 0 ||
                strcmp(slant_codec_gzip.library, "zlib") == 0);
    assert_non_null(strstr(slant_codec_versions(), "zstd"));
    g_string_free(want, TRUE);
    g_byte_array_unref(all);
    g_bytes_unref(ga);
    g_bytes_unref(gb);
    g_bytes_unref(gc);
    g_string_free(c, TRUE);
}

/* ---- zstd -------------------------------------------------------------- */

static void
jsonl_zst_should_decompress(void **state)
{
    const char *tmp = *state;
    char *plain = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(DATA "/records.jsonl", &plain, &len, NULL));
    GBytes *z = test_zstd(plain, len, TRUE);
    char *path = write_file(tmp, "records.jsonl.zst", g_bytes_get_data(z, NULL),
                            (gssize) g_bytes_get_size(z));
    SlantCorpusReader *reader = open_reader(path, 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_JSONL_ZST);
    SlantDocument *doc = expect_document(reader, "r1");
    assert_string_equal(slant_document_label(doc, "stance"), "supportive");
    assert_string_equal(doc->input, path);
    slant_document_free(doc);
    expect_document_free(reader, "r2");
    expect_document_free(reader, "r3");
    expect_end(reader);
    slant_corpus_reader_free(reader);
    g_free(path);
    g_bytes_unref(z);
    g_free(plain);
}

static void
jsonl_zst_should_read_every_frame(void **state)
{
    const char *tmp = *state;
    /* "cat a.zst b.zst", a skippable frame between: the first frame ends
     * inside a line */
    const char *a = "{\"id\": \"g1\", \"source\": \"S\", \"text\": \"one\"}\n{\"id\": \"g2\", ";
    const char *b = "\"source\": \"S\", \"text\": \"two\"}\n{\"id\": \"g3\", \"source\": \"S\", \"text\": \"three\"}\n";
    GBytes *za = test_zstd(a, strlen(a), FALSE);
    GBytes *zb = test_zstd(b, strlen(b), TRUE);
    /* a skippable frame: magic 0x184D2A50, little-endian size 3, 3 bytes */
    static const guchar skippable[] = {0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 'x', 'y', 'z'};
    GByteArray *all = g_byte_array_new();
    g_byte_array_append(all, g_bytes_get_data(za, NULL), (guint) g_bytes_get_size(za));
    g_byte_array_append(all, skippable, sizeof skippable);
    g_byte_array_append(all, g_bytes_get_data(zb, NULL), (guint) g_bytes_get_size(zb));
    char *path = write_file(tmp, "frames.jsonl.zst", (const char *) all->data, all->len);
    SlantCorpusReader *reader = open_reader(path, 0);
    expect_document_free(reader, "g1");
    expect_document_free(reader, "g2");
    expect_document_free(reader, "g3");
    expect_end(reader);
    slant_corpus_reader_free(reader);
    g_free(path);
    g_byte_array_unref(all);
    g_bytes_unref(za);
    g_bytes_unref(zb);
}

static void
jsonl_zst_should_read_what_inflates_past_a_buffer(void **state)
{
    const char *tmp = *state;
    GString *data = repetitive_records(4000);
    GBytes *z = test_zstd(data->str, data->len, FALSE);
    assert_true(g_bytes_get_size(z) < 256 * 1024);
    char *path = write_file(tmp, "dense.jsonl.zst", g_bytes_get_data(z, NULL),
                            (gssize) g_bytes_get_size(z));
    read_all_ids(path, 4000);
    g_free(path);
    g_bytes_unref(z);
    g_string_free(data, TRUE);
}

static void
jsonl_zst_should_be_fatal_when_truncated(void **state)
{
    GString *data = many_records(3000);
    GBytes *z = test_zstd(data->str, data->len, TRUE);
    expect_cut_short(*state, "cut.jsonl.zst", z, "zstd");
    g_bytes_unref(z);
    g_string_free(data, TRUE);
}

static void
jsonl_zst_should_be_fatal_on_garbage(void **state)
{
    const char *tmp = *state;
    expect_garbage(tmp, "garbage.jsonl.zst", "zstd");

    /* a frame whose content checksum does not match: the records it holds
     * are not handed out (libzstd checks at the frame's end, and the one
     * line is in the frame's last block) */
    const char *one = "{\"id\": \"z1\", \"source\": \"S\", \"text\": \"one\"}\n";
    GBytes *z = test_zstd(one, strlen(one), TRUE);
    GByteArray *bad = g_byte_array_new();
    g_byte_array_append(bad, g_bytes_get_data(z, NULL), (guint) g_bytes_get_size(z));
    bad->data[bad->len - 1] ^= 0x55;
    char *path = write_file(tmp, "checksum.jsonl.zst", (const char *) bad->data, bad->len);
    SlantCorpusReader *reader = open_reader(path, 0);
    char *prefix = at(path, "1");
    expect_fatal(reader, prefix, "cannot read: invalid zstd data");
    g_free(prefix);
    g_free(path);
    slant_corpus_reader_free(reader);
    g_byte_array_unref(bad);
    g_bytes_unref(z);

    /* an empty file holds no records: no error */
    path = write_file(tmp, "empty.jsonl.zst", "", 0);
    reader = open_reader(path, 0);
    expect_end(reader);
    slant_corpus_reader_free(reader);
    g_free(path);
}

/* ---- opening ----------------------------------------------------------- */

static void
reader_should_fail_on_missing_path(void **state)
{
    (void) state;
    GError *error = NULL;
    const char *paths[] = {DATA "/no-such-file.jsonl", DATA "/no-such-dir", ""};
    for (gsize i = 0; i < G_N_ELEMENTS(paths); i++) {
        SlantCorpusReader *reader = slant_corpus_reader_new(paths[i], 0, &error);
        assert_null(reader);
        assert_non_null(error);
        assert_int_equal(error->domain, SLANT_ERROR);
        assert_int_equal(error->code, SLANT_ERROR_IO);
        char *message = g_strdup_printf("cannot open '%s': %s", paths[i], g_strerror(ENOENT));
        assert_string_equal(error->message, message);
        g_free(message);
        g_clear_error(&error);
    }
}

static void
reader_should_refuse_special_files(void **state)
{
    (void) state;
    GError *error = NULL;
    SlantCorpusReader *reader = slant_corpus_reader_new("/dev/null", 0, &error);
    assert_null(reader);
    assert_int_equal(error->domain, SLANT_ERROR);
    assert_int_equal(error->code, SLANT_ERROR_IO);
    assert_string_equal(error->message, "cannot open '/dev/null': not a regular file or folder");
    g_error_free(error);
}

static void
stdin_should_read_jsonl(void **state)
{
    (void) state;
    int saved = dup(0);
    assert_true(saved >= 0);
    int fd = open(DATA "/broken.jsonl", O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(dup2(fd, 0), 0);
    close(fd);

    SlantCorpusReader *reader = open_reader("-", 0);
    assert_int_equal(slant_corpus_reader_format(reader), SLANT_CORPUS_STDIN);
    SlantDocument *doc = expect_document(reader, "b1");
    assert_string_equal(doc->input, "-");
    slant_document_free(doc);
    expect_skip(reader, SLANT_ERROR_JSON, "-:2:48: ", 2, NULL);
    expect_document_free(reader, "b3");
    slant_corpus_reader_free(reader);

    /* the reader leaves standard input open */
    assert_true(fcntl(0, F_GETFD) != -1);
    assert_int_equal(dup2(saved, 0), 0);
    close(saved);
}

static void
format_names_should_be_stable(void **state)
{
    (void) state;
    assert_string_equal(slant_corpus_format_name(SLANT_CORPUS_DIRECTORY), "directory");
    assert_string_equal(slant_corpus_format_name(SLANT_CORPUS_TEXT_FILE), "text");
    assert_string_equal(slant_corpus_format_name(SLANT_CORPUS_JSONL), "jsonl");
    assert_string_equal(slant_corpus_format_name(SLANT_CORPUS_JSONL_GZ), "jsonl.gz");
    assert_string_equal(slant_corpus_format_name(SLANT_CORPUS_STDIN), "stdin");
    assert_string_equal(slant_corpus_format_name(SLANT_CORPUS_JSONL_ZST), "jsonl.zst");
    const char *names[] = {"directory", "text", "jsonl", "jsonl.gz", "stdin", "jsonl.zst"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        SlantCorpusFormat f;
        assert_true(slant_corpus_format_from_name(names[i], &f));
        assert_string_equal(slant_corpus_format_name(f), names[i]);
    }
    SlantCorpusFormat f;
    assert_false(slant_corpus_format_from_name("jsonl.bz2", &f));
    assert_true(slant_corpus_path_is_jsonl("a/b.jsonl.zst"));
    assert_true(slant_corpus_path_is_jsonl("b.jsonl.gz"));
    assert_true(slant_corpus_path_is_jsonl("b.jsonl"));
    assert_false(slant_corpus_path_is_jsonl("b.jsonl.bz2"));
    assert_false(slant_corpus_path_is_jsonl("b.txt"));
}

static void
document_free_should_accept_null(void **state)
{
    (void) state;
    slant_document_free(NULL);
    slant_corpus_reader_free(NULL);
    g_autoptr(SlantCorpusReader) reader = open_reader(DATA "/records.jsonl", 0);
    g_autoptr(SlantDocument) doc = expect_document(reader, "r1");
    assert_null(slant_document_label(doc, "missing"));
    assert_null(slant_document_label(doc, "a"));
    assert_null(slant_document_label(doc, "zzz"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dir_should_visit_files_in_byte_order_and_skip_hidden_ones),
        cmocka_unit_test(dir_should_apply_front_matter),
        cmocka_unit_test(dir_should_let_front_matter_override_source_and_id),
        cmocka_unit_test_setup_teardown(dir_should_accept_bom_and_crlf, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_skip_what_is_not_a_regular_file, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_skip_unreadable_folder_and_read_the_rest,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_refuse_source_of_unicode_blanks, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_report_invalid_utf8_with_line_and_column,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_skip_file_over_the_limit, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_report_dangling_link_and_go_on, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_not_follow_links_to_folders, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_skip_file_name_that_is_not_utf8, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(dir_should_end_at_once_when_empty, make_tmp, drop_tmp),
        cmocka_unit_test(text_should_take_source_from_folder_and_id_from_name),
        cmocka_unit_test(text_should_reject_unterminated_front_matter),
        cmocka_unit_test(text_should_reject_front_matter_line_without_colon),
        cmocka_unit_test(text_should_reject_duplicate_front_matter_key),
        cmocka_unit_test(text_should_reject_empty_source_override),
        cmocka_unit_test(text_should_skip_empty_file),
        cmocka_unit_test(text_should_skip_whitespace_only_text),
        cmocka_unit_test_setup_teardown(text_should_be_fatal_when_unreadable_at_read_time,
                                        make_tmp, drop_tmp),
        cmocka_unit_test(jsonl_should_read_records_with_optional_fields),
        cmocka_unit_test(jsonl_should_skip_broken_line_and_continue),
        cmocka_unit_test(jsonl_should_name_missing_and_mistyped_fields),
        cmocka_unit_test(jsonl_should_keep_every_label_shape_and_never_skip),
        cmocka_unit_test_setup_teardown(text_should_read_front_matter_labels_and_warn_of_odd_ones,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_report_invalid_utf8_with_line_and_column,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_allow_bom_and_count_it_in_columns, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_refuse_raw_control_characters_in_strings,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_pass_over_lines_of_a_bom_alone, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_accept_bom_before_first_record, make_tmp,
                                        drop_tmp),
        cmocka_unit_test(jsonl_should_end_quietly_on_empty_file),
        cmocka_unit_test(jsonl_should_pass_over_blank_lines_but_count_them),
        cmocka_unit_test(jsonl_should_read_last_line_without_newline),
        cmocka_unit_test_setup_teardown(jsonl_should_handle_crlf_lines, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_skip_line_over_limit_then_read_good_line,
                                        make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_discard_huge_line_across_chunks, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_should_read_records_across_chunk_boundaries,
                                        make_tmp, drop_tmp),
        cmocka_unit_test(jsonl_should_accept_null_out_parameters),
        cmocka_unit_test_setup_teardown(jsonl_gz_should_decompress, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_gz_should_read_every_member, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_gz_should_be_fatal_when_truncated, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_gz_should_be_fatal_on_garbage, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_gz_should_read_what_inflates_past_a_buffer, make_tmp,
                                        drop_tmp),
        cmocka_unit_test(gzip_codecs_should_agree),
        cmocka_unit_test_setup_teardown(jsonl_zst_should_decompress, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_zst_should_read_every_frame, make_tmp, drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_zst_should_read_what_inflates_past_a_buffer, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_zst_should_be_fatal_when_truncated, make_tmp,
                                        drop_tmp),
        cmocka_unit_test_setup_teardown(jsonl_zst_should_be_fatal_on_garbage, make_tmp, drop_tmp),
        cmocka_unit_test(reader_should_fail_on_missing_path),
        cmocka_unit_test(reader_should_refuse_special_files),
        cmocka_unit_test(stdin_should_read_jsonl),
        cmocka_unit_test(format_names_should_be_stable),
        cmocka_unit_test(document_free_should_accept_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* fuzz-corpus.c: fuzz target for the corpus readers of engine/lib/corpus.h.
 *
 * The input is written, once per run, to files in a temporary folder
 * made at the first run (and removed at exit):
 *
 *   TMP/x.jsonl        read with slant_corpus_reader_next(), and again
 *                      with _next_record() + slant_corpus_record_parse();
 *   TMP/x.jsonl.gz     the input gzipped (in two members when the first
 *                      byte is odd), read with _next();
 *   TMP/raw.jsonl.gz   the input itself, when it opens with the gzip
 *                      magic bytes (corrupt and truncated gzip data);
 *   TMP/x.jsonl.zst    the input zstd-compressed (in two frames when the
 *                      first byte is odd, with a content checksum when its
 *                      second byte is), read with _next();
 *   TMP/raw.jsonl.zst  the input itself, when it opens with the zstd
 *                      magic bytes (corrupt and truncated zstd data);
 *   TMP/root/src/a.txt read as a directory tree (TMP/root) and as a single
 *                      text file.
 *
 * Each is read twice (the compressed files once): without a size limit, and
 * with a small one taken from the first byte (1 + byte % 128), so that
 * "too large" lines and files are common.  What is checked:
 *
 *   - every document: id, source, text and input set, every string valid
 *     UTF-8, text_len == strlen(text), text not blank, id and source not
 *     blank, labels sorted by key with keys unique and found by
 *     slant_document_label();
 *   - every skip: a GError in SLANT_ERROR, a per-document code, a message
 *     "INPUT:LINE: " or "INPUT:LINE:COL: " with INPUT the path given to the
 *     reader (for the tree: ROOT/src/a.txt), and for JSON Lines LINE the
 *     skip line (a text file's skip line is 1);
 *   - JSON Lines, against a model of the line rules written here: one
 *     document or skip per non-blank line, in order, with its line number;
 *     "line too large" exactly for the lines over the limit (with their
 *     byte count), "invalid UTF-8" exactly for the lines that are not (with
 *     the column of the first bad byte);
 *   - a document read from a JSON line is what cJSON reads there (corpus.c
 *     has a fast path of its own for plain records): the line is JSON, with
 *     no raw control character in a string (RFC 8259, which cJSON does not
 *     enforce), and id, source, text, title, date, url and labels are the
 *     same;
 *   - the record path gives what next() gives, and so do the gzipped and
 *     the zstd file;
 *   - a text file: "too large" exactly when the file is over the limit,
 *     "invalid UTF-8" exactly when it is not UTF-8, the text a tail of the
 *     file (all of it, less a byte order mark, without front matter), and
 *     the tree and the single-file reader agree;
 *   - after END or FATAL, next() says END again; no reader loops.
 */
#include "fuzz.h"

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "corpus.h"
#include "slant-error.h"

static char *tmp_dir, *jsonl_path, *gz_path, *raw_gz_path, *zst_path, *raw_zst_path, *tree_root,
    *src_dir, *txt_path;

static void
remove_files(void)
{
    const char *files[] = {jsonl_path, gz_path, raw_gz_path, zst_path, raw_zst_path, txt_path};
    for (gsize i = 0; i < G_N_ELEMENTS(files); i++)
        if (files[i] != NULL)
            g_remove(files[i]);
    const char *dirs[] = {src_dir, tree_root, tmp_dir};
    for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++)
        if (dirs[i] != NULL)
            g_rmdir(dirs[i]);
}

static void
setup_once(void)
{
    if (tmp_dir != NULL)
        return;
    tmp_dir = g_dir_make_tmp("slant-fuzz-corpus-XXXXXX", NULL);
    FUZZ_CHECK(tmp_dir != NULL);
    jsonl_path = g_build_filename(tmp_dir, "x.jsonl", NULL);
    gz_path = g_build_filename(tmp_dir, "x.jsonl.gz", NULL);
    raw_gz_path = g_build_filename(tmp_dir, "raw.jsonl.gz", NULL);
    zst_path = g_build_filename(tmp_dir, "x.jsonl.zst", NULL);
    raw_zst_path = g_build_filename(tmp_dir, "raw.jsonl.zst", NULL);
    tree_root = g_build_filename(tmp_dir, "root", NULL);
    src_dir = g_build_filename(tree_root, "src", NULL);
    txt_path = g_build_filename(src_dir, "a.txt", NULL);
    FUZZ_CHECK(g_mkdir_with_parents(src_dir, 0700) == 0);
    atexit(remove_files);
}

static void
write_file(const char *path, const void *data, size_t len)
{
    int fd = g_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FUZZ_CHECK_MSG(fd >= 0, "cannot write '%s': %s", path, g_strerror(errno));
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        FUZZ_CHECK_MSG(n > 0, "cannot write '%s': %s", path, g_strerror(errno));
        p += n;
        len -= (size_t) n;
    }
    close(fd);
}

/* Append @len bytes of @data to @out as one gzip member. */
static void
gzip_member(GByteArray *out, const guint8 *data, size_t len)
{
    GZlibCompressor *z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
    guint8 buf[4096];
    size_t pos = 0;
    for (;;) {
        gsize n_read = 0, n_written = 0;
        GError *err = NULL;
        GConverterResult res =
            g_converter_convert(G_CONVERTER(z), data + pos, len - pos, buf, sizeof buf,
                                G_CONVERTER_INPUT_AT_END, &n_read, &n_written, &err);
        FUZZ_CHECK_MSG(res != G_CONVERTER_ERROR, "gzip: %s", err->message);
        pos += n_read;
        g_byte_array_append(out, buf, (guint) n_written);
        if (res == G_CONVERTER_FINISHED)
            break;
    }
    g_object_unref(z);
}

/* Append @len bytes of @data to @out as one zstd frame. */
static void
zstd_frame(GByteArray *out, const guint8 *data, size_t len, gboolean checksum)
{
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    FUZZ_CHECK(cc != NULL);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, checksum ? 1 : 0);
    size_t cap = ZSTD_compressBound(len);
    guint8 *buf = g_malloc(cap);
    size_t n = ZSTD_compress2(cc, buf, cap, data, len);
    FUZZ_CHECK_MSG(!ZSTD_isError(n), "zstd: %s", ZSTD_getErrorName(n));
    g_byte_array_append(out, buf, (guint) n);
    g_free(buf);
    ZSTD_freeCCtx(cc);
}

static gboolean
has_zstd_magic(const uint8_t *data, size_t size)
{
    return size >= 4 && data[0] == 0x28 && data[1] == 0xB5 && data[2] == 0x2F && data[3] == 0xFD;
}

/* Unicode white space only (corpus.h: such a text or id is empty). */
static gboolean
blank(const char *s)
{
    for (; *s != '\0'; s = g_utf8_next_char(s))
        if (!g_unichar_isspace(g_utf8_get_char(s)))
            return FALSE;
    return TRUE;
}

static void
check_string(const char *what, const char *s, gboolean nullable)
{
    if (s == NULL) {
        FUZZ_CHECK_MSG(nullable, "document %s is NULL", what);
        return;
    }
    FUZZ_CHECK_MSG(g_utf8_validate(s, -1, NULL), "document %s is not valid UTF-8", what);
}

/* @jsonl: a JSON Lines record, whose id and source must not be blank
 * (front matter only asks them not to be empty). */
static void
check_document(const SlantDocument *doc, const char *input, gboolean jsonl)
{
    FUZZ_CHECK(doc != NULL);
    check_string("id", doc->id, FALSE);
    check_string("source", doc->source, FALSE);
    check_string("title", doc->title, TRUE);
    check_string("date", doc->date, TRUE);
    check_string("url", doc->url, TRUE);
    check_string("text", doc->text, FALSE);
    check_string("input", doc->input, FALSE);
    FUZZ_CHECK_MSG(strcmp(doc->input, input) == 0, "document input '%s', not '%s'", doc->input,
                   input);
    FUZZ_CHECK(doc->text_len == strlen(doc->text));
    FUZZ_CHECK_MSG(!blank(doc->text), "blank text in document '%s'", doc->id);
    FUZZ_CHECK(doc->id[0] != '\0' && doc->source[0] != '\0');
    if (jsonl) {
        FUZZ_CHECK_MSG(!blank(doc->id), "blank id '%s'", doc->id);
        FUZZ_CHECK_MSG(!blank(doc->source), "blank source in document '%s'", doc->id);
    }
    FUZZ_CHECK(doc->line >= 1);
    FUZZ_CHECK(doc->labels != NULL);
    for (guint i = 0; i < doc->labels->len; i++) {
        const SlantLabel *l = g_ptr_array_index(doc->labels, i);
        FUZZ_CHECK(l != NULL && l->key != NULL && l->value != NULL);
        check_string("label key", l->key, FALSE);
        check_string("label value", l->value, FALSE);
        FUZZ_CHECK_MSG(l->key[0] != '\0', "empty label name in '%s'", doc->id);
        if (i > 0) {
            const SlantLabel *p = g_ptr_array_index(doc->labels, i - 1);
            FUZZ_CHECK_MSG(strcmp(p->key, l->key) < 0, "labels '%s', '%s' out of order",
                           p->key, l->key);
        }
        FUZZ_CHECK(slant_document_label(doc, l->key) == l->value);
    }
}

/* One reader result, kept to compare readers. */
typedef struct {
    SlantReadStatus status;
    SlantDocument *doc;
    GError *error;
    char *skip_id;
    guint64 skip_line;
    guint64 msg_line, msg_col; /* parsed from the message; col 0 when none */
    const char *msg_rest;      /* the message after "INPUT:LINE[:COL]: " */
} Result;

static void
result_clear(Result *r)
{
    slant_document_free(r->doc);
    g_clear_error(&r->error);
    g_free(r->skip_id);
    memset(r, 0, sizeof *r);
}

static void
results_free(GArray *results)
{
    for (guint i = 0; i < results->len; i++)
        result_clear(&g_array_index(results, Result, i));
    g_array_unref(results);
}

/* Check a skip's GError and parse "INPUT:LINE[:COL]: " off its message. */
static void
check_skip(Result *r, const char *input, gboolean fatal, gboolean jsonl)
{
    FUZZ_CHECK_MSG(r->error != NULL, "%s without an error", fatal ? "FATAL" : "SKIP");
    FUZZ_CHECK_MSG(r->error->domain == SLANT_ERROR, "error domain %s: %s",
                   g_quark_to_string(r->error->domain), r->error->message);
    const char *msg = r->error->message;
    FUZZ_CHECK_MSG(g_utf8_validate(msg, -1, NULL), "message not valid UTF-8");
    if (fatal)
        FUZZ_CHECK_MSG(r->error->code == SLANT_ERROR_IO, "FATAL with code %d: %s", r->error->code,
                       msg);
    else
        FUZZ_CHECK_MSG(r->error->code == SLANT_ERROR_UTF8 || r->error->code == SLANT_ERROR_JSON ||
                           r->error->code == SLANT_ERROR_FORMAT ||
                           r->error->code == SLANT_ERROR_TOO_LARGE ||
                           r->error->code == SLANT_ERROR_EMPTY,
                       "SKIP with code %d: %s", r->error->code, msg);
    size_t n = strlen(input);
    FUZZ_CHECK_MSG(strncmp(msg, input, n) == 0 && msg[n] == ':',
                   "message does not start with '%s:': %s", input, msg);
    const char *p = msg + n + 1;
    char *endp;
    FUZZ_CHECK_MSG(g_ascii_isdigit(*p), "no line number: %s", msg);
    r->msg_line = g_ascii_strtoull(p, &endp, 10);
    FUZZ_CHECK_MSG(*endp == ':', "no ':' after the line: %s", msg);
    p = endp + 1;
    r->msg_col = 0;
    if (g_ascii_isdigit(*p)) {
        r->msg_col = g_ascii_strtoull(p, &endp, 10);
        FUZZ_CHECK_MSG(r->msg_col >= 1 && *endp == ':', "bad column: %s", msg);
        p = endp + 1;
    }
    FUZZ_CHECK_MSG(*p == ' ' && p[1] != '\0', "no message after the location: %s", msg);
    FUZZ_CHECK_MSG(r->msg_line >= 1, "line 0: %s", msg);
    r->msg_rest = p + 1;
    /* a text file's skip line is 1, whatever line its message names */
    if (!fatal && jsonl)
        FUZZ_CHECK_MSG(r->skip_line == r->msg_line,
                       "skip line %" G_GUINT64_FORMAT " but the message says: %s", r->skip_line,
                       msg);
    if (r->skip_id != NULL)
        FUZZ_CHECK(g_utf8_validate(r->skip_id, -1, NULL));
}

/* Read all of @path, whose documents and messages name @input;
 * @records: through next_record() + record_parse(). */
static GArray *
read_all(const char *path, const char *input, gsize max, gboolean records, guint limit)
{
    GError *err = NULL;
    SlantCorpusReader *reader = slant_corpus_reader_new(path, max, &err);
    FUZZ_CHECK_MSG(reader != NULL, "cannot open '%s': %s", path, err ? err->message : "?");
    gboolean jsonl = g_str_has_suffix(path, ".jsonl") || g_str_has_suffix(path, ".jsonl.gz");
    GArray *out = g_array_new(FALSE, TRUE, sizeof(Result));
    for (guint i = 0;; i++) {
        FUZZ_CHECK_MSG(i <= limit, "more than %u results from '%s'", limit, path);
        Result r = {0};
        SlantRecord *rec = NULL;
        if (records) {
            r.status = slant_corpus_reader_next_record(reader, &r.doc, &rec, &r.skip_line,
                                                       &r.skip_id, &r.error);
            if (r.status == SLANT_READ_DOCUMENT && r.doc == NULL) {
                FUZZ_CHECK(rec != NULL);
                FUZZ_CHECK(strcmp(rec->input, path) == 0);
                FUZZ_CHECK(rec->line != NULL && rec->line[rec->len] == '\0');
                r.skip_line = rec->line_no; /* kept for the model check below */
                r.status = slant_corpus_record_parse(rec, &r.doc, &r.skip_id, &r.error);
                FUZZ_CHECK(r.status == SLANT_READ_DOCUMENT || r.status == SLANT_READ_SKIP);
                slant_record_free(rec);
            } else {
                FUZZ_CHECK(rec == NULL);
            }
        } else {
            r.status = slant_corpus_reader_next(reader, &r.doc, &r.skip_line, &r.skip_id, &r.error);
        }
        switch (r.status) {
        case SLANT_READ_DOCUMENT:
            FUZZ_CHECK_MSG(r.error == NULL, "a document and an error: %s", r.error->message);
            check_document(r.doc, input, jsonl);
            break;
        case SLANT_READ_SKIP:
            FUZZ_CHECK(r.doc == NULL);
            check_skip(&r, input, FALSE, jsonl);
            break;
        case SLANT_READ_FATAL:
            FUZZ_CHECK(r.doc == NULL);
            check_skip(&r, input, TRUE, jsonl);
            break;
        case SLANT_READ_END:
            FUZZ_CHECK(r.doc == NULL && r.error == NULL);
            break;
        default:
            FUZZ_CHECK_MSG(FALSE, "status %d", r.status);
        }
        g_array_append_val(out, r);
        if (r.status == SLANT_READ_END || r.status == SLANT_READ_FATAL)
            break;
    }
    /* and END from now on */
    SlantDocument *doc = NULL;
    FUZZ_CHECK(slant_corpus_reader_next(reader, &doc, NULL, NULL, &err) == SLANT_READ_END);
    FUZZ_CHECK(doc == NULL && err == NULL);
    slant_corpus_reader_free(reader);
    return out;
}

static gboolean
str_equal0(const char *a, const char *b)
{
    return g_strcmp0(a, b) == 0;
}

/* Are two documents the same but for their input (and, if @ids, their id)? */
static void
check_same_document(const SlantDocument *a, const SlantDocument *b, gboolean ids)
{
    FUZZ_CHECK(!ids || strcmp(a->id, b->id) == 0);
    FUZZ_CHECK_MSG(strcmp(a->source, b->source) == 0, "source '%s' vs '%s'", a->source,
                   b->source);
    FUZZ_CHECK(str_equal0(a->title, b->title));
    FUZZ_CHECK(str_equal0(a->date, b->date));
    FUZZ_CHECK(str_equal0(a->url, b->url));
    FUZZ_CHECK(a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0);
    FUZZ_CHECK(a->line == b->line);
    FUZZ_CHECK(a->labels->len == b->labels->len);
    for (guint i = 0; i < a->labels->len; i++) {
        const SlantLabel *x = g_ptr_array_index(a->labels, i);
        const SlantLabel *y = g_ptr_array_index(b->labels, i);
        FUZZ_CHECK(strcmp(x->key, y->key) == 0 && strcmp(x->value, y->value) == 0);
    }
}

/* Two readings of the same JSON Lines give the same results. */
static void
check_same_results(GArray *a, GArray *b, const char *what)
{
    FUZZ_CHECK_MSG(a->len == b->len, "%s: %u results, not %u", what, b->len, a->len);
    for (guint i = 0; i < a->len; i++) {
        const Result *x = &g_array_index(a, Result, i);
        const Result *y = &g_array_index(b, Result, i);
        FUZZ_CHECK_MSG(x->status == y->status, "%s: result %u is %d, not %d", what, i, y->status,
                       x->status);
        if (x->status == SLANT_READ_DOCUMENT)
            check_same_document(x->doc, y->doc, TRUE);
        if (x->status == SLANT_READ_SKIP) {
            FUZZ_CHECK_MSG(x->error->code == y->error->code &&
                               x->msg_line == y->msg_line && x->msg_col == y->msg_col &&
                               strcmp(x->msg_rest, y->msg_rest) == 0,
                           "%s: result %u: '%s', not '%s'", what, i, y->error->message,
                           x->error->message);
            FUZZ_CHECK_MSG(str_equal0(x->skip_id, y->skip_id), "%s: skip id '%s', not '%s'", what,
                           y->skip_id, x->skip_id);
        }
    }
}

/* ---- the JSON Lines model ---------------------------------------------- */

typedef struct {
    guint64 line;
    const char *record; /* the line after any BOM, without "\n" or "\r\n" */
    gsize record_len;
    gboolean too_large;
    gsize bytes;      /* the line without "\n" or "\r\n" */
    gboolean bad_utf8;
    gsize bad_col;    /* of the first bad byte, from 1, BOM included */
} Expect;

/* What the line rules of corpus.h say of @data read with limit @max. */
static GArray *
jsonl_model(const char *data, size_t size, gsize max)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(Expect));
    const char *p = data, *end = data + size;
    guint64 line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t) (end - p));
        const char *stop = nl != NULL ? nl : end;
        gsize len = (gsize) (stop - p);
        line++;
        if (len > 0 && p[len - 1] == '\r')
            len--;
        Expect e = {.line = line, .bytes = len};
        if (max > 0 && len > max) {
            e.too_large = TRUE;
            g_array_append_val(out, e);
        } else {
            /* blank: blanks only, after any byte order mark */
            gsize bom = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            gsize i = bom;
            while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
                i++;
            if (i < len) {
                e.record = p + bom;
                e.record_len = len - bom;
                const char *bad = NULL;
                e.bad_utf8 = !g_utf8_validate_len(p + bom, len - bom, &bad);
                if (e.bad_utf8)
                    e.bad_col = (gsize) (bad - p) + 1;
                g_array_append_val(out, e);
            }
        }
        p = nl != NULL ? nl + 1 : end;
    }
    return out;
}

/* An optional string field of the record as corpus.h reads it: absent,
 * null and "" are not given (NULL). */
static const char *
optional_field(const cJSON *root, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, name);
    if (item == NULL || cJSON_IsNull(item))
        return NULL;
    FUZZ_CHECK_MSG(cJSON_IsString(item), "a document whose '%s' is not a string", name);
    return item->valuestring[0] != '\0' ? item->valuestring : NULL;
}

/* The labels @obj (at @prefix) flattens to, into @out (name -> leaf); the
 * first of a name stands. */
static void
model_labels(const cJSON *obj, const char *prefix, GHashTable *out)
{
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        if (m->string[0] == '\0')
            continue;
        char *name = prefix[0] ? g_strconcat(prefix, ".", m->string, NULL) : g_strdup(m->string);
        if (cJSON_IsObject(m) && m->child != NULL)
            model_labels(m, name, out);
        else if (!g_hash_table_contains(out, name))
            g_hash_table_insert(out, g_strdup(name), (gpointer) m);
        g_free(name);
    }
}

/* A document read from a JSON line is what cJSON, a reference parser,
 * reads there: the line is valid JSON (as cJSON takes it) and every field
 * is the same.  corpus.c reads plain records on a fast path of its own, and
 * promises the same documents as its cJSON path. */
/* Does the JSON @line hold a raw control character inside a string? */
static gboolean
raw_control_in_string(const char *line, gsize len)
{
    gboolean in_string = FALSE;
    for (gsize i = 0; i < len; i++) {
        unsigned char c = (unsigned char) line[i];
        if (!in_string)
            in_string = c == '"';
        else if (c == '\\')
            i++;
        else if (c == '"')
            in_string = FALSE;
        else if (c < 0x20)
            return TRUE;
    }
    return FALSE;
}

static void
check_with_cjson(const SlantDocument *doc, const char *line, gsize len)
{
    /* RFC 8259, stricter than cJSON: corpus.h refuses them */
    FUZZ_CHECK_MSG(!raw_control_in_string(line, len), "line %" G_GUINT64_FORMAT
                   " has a raw control character in a string, yet gave document '%s'", doc->line,
                   doc->id);
    char *copy = g_strndup(line, len);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, TRUE);
    FUZZ_CHECK_MSG(root != NULL, "line %" G_GUINT64_FORMAT " is no JSON for cJSON, yet gave "
                   "document '%s': %s", doc->line, doc->id, copy);
    FUZZ_CHECK(cJSON_IsObject(root));
    const char *req[3] = {"id", "source", "text"};
    const char *got[3] = {doc->id, doc->source, doc->text};
    for (int i = 0; i < 3; i++) {
        const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, req[i]);
        FUZZ_CHECK(cJSON_IsString(item));
        FUZZ_CHECK_MSG(strcmp(item->valuestring, got[i]) == 0, "line %" G_GUINT64_FORMAT
                       ": %s '%s', cJSON reads '%s'", doc->line, req[i], got[i],
                       item->valuestring);
    }
    FUZZ_CHECK(str_equal0(optional_field(root, "title"), doc->title));
    FUZZ_CHECK(str_equal0(optional_field(root, "date"), doc->date));
    FUZZ_CHECK(str_equal0(optional_field(root, "url"), doc->url));
    /* labels, by an independent model of corpus.h's rules: nested objects
     * flatten to dotted names, empty names are passed over, of a name
     * given twice the first stands, every leaf keeps its type */
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive(root, "labels");
    GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (labels != NULL && cJSON_IsObject(labels))
        model_labels(labels, "", want);
    FUZZ_CHECK_MSG(doc->labels->len == g_hash_table_size(want), "%u labels, the model reads %u",
                   doc->labels->len, g_hash_table_size(want));
    for (guint i = 0; i < doc->labels->len; i++) {
        const SlantLabel *l = g_ptr_array_index(doc->labels, i);
        const cJSON *it = g_hash_table_lookup(want, l->key);
        FUZZ_CHECK_MSG(it != NULL, "label '%s' is not in the record", l->key);
        if (cJSON_IsString(it)) {
            FUZZ_CHECK(l->type == SLANT_LABEL_STRING && strcmp(l->value, it->valuestring) == 0);
        } else if (cJSON_IsBool(it)) {
            FUZZ_CHECK(l->type == SLANT_LABEL_BOOL &&
                       strcmp(l->value, cJSON_IsTrue(it) ? "true" : "false") == 0);
        } else if (cJSON_IsNull(it)) {
            FUZZ_CHECK(l->type == SLANT_LABEL_NULL && strcmp(l->value, "null") == 0);
        } else if (cJSON_IsNumber(it)) {
            FUZZ_CHECK(l->type == SLANT_LABEL_NUMBER);
            FUZZ_CHECK_MSG(g_ascii_strtod(l->value, NULL) == it->valuedouble,
                           "label '%s' is %s, cJSON reads %.17g", l->key, l->value, it->valuedouble);
        } else {
            char *text = cJSON_PrintUnformatted(it);
            FUZZ_CHECK(l->type == SLANT_LABEL_JSON && strcmp(l->value, text) == 0);
            cJSON_free(text);
        }
    }
    g_hash_table_unref(want);
    cJSON_Delete(root);
    g_free(copy);
}

static void
check_jsonl_model(GArray *results, GArray *model, gsize max)
{
    FUZZ_CHECK_MSG(results->len == model->len + 1, "%u results for %u records (limit %zu)",
                   results->len - 1, model->len, (size_t) max);
    for (guint i = 0; i < model->len; i++) {
        const Expect *e = &g_array_index(model, Expect, i);
        const Result *r = &g_array_index(results, Result, i);
        if (r->status == SLANT_READ_DOCUMENT) {
            FUZZ_CHECK_MSG(r->doc->line == e->line, "document on line %" G_GUINT64_FORMAT
                           ", expected on line %" G_GUINT64_FORMAT, r->doc->line, e->line);
            FUZZ_CHECK_MSG(!e->too_large && !e->bad_utf8,
                           "line %" G_GUINT64_FORMAT " read as a document", e->line);
            check_with_cjson(r->doc, e->record, e->record_len);
            continue;
        }
        FUZZ_CHECK_MSG(r->status == SLANT_READ_SKIP, "line %" G_GUINT64_FORMAT ": status %d",
                       e->line, r->status);
        FUZZ_CHECK_MSG(r->msg_line == e->line, "expected line %" G_GUINT64_FORMAT ": %s",
                       e->line, r->error->message);
        if (e->too_large) {
            char *want = g_strdup_printf("line too large (%zu bytes, limit %zu)",
                                         (size_t) e->bytes, (size_t) max);
            FUZZ_CHECK_MSG(r->error->code == SLANT_ERROR_TOO_LARGE &&
                               strcmp(r->msg_rest, want) == 0,
                           "expected '%s': %s", want, r->error->message);
            g_free(want);
        } else {
            FUZZ_CHECK_MSG(r->error->code != SLANT_ERROR_TOO_LARGE, "line %" G_GUINT64_FORMAT
                           " (%zu bytes) too large: %s", e->line, (size_t) e->bytes,
                           r->error->message);
            FUZZ_CHECK_MSG((r->error->code == SLANT_ERROR_UTF8) == e->bad_utf8,
                           "line %" G_GUINT64_FORMAT ": UTF-8 %s: %s", e->line,
                           e->bad_utf8 ? "invalid" : "valid", r->error->message);
            if (e->bad_utf8)
                FUZZ_CHECK_MSG(r->msg_col == e->bad_col,
                               "first bad byte in column %zu: %s", (size_t) e->bad_col,
                               r->error->message);
        }
    }
    FUZZ_CHECK(g_array_index(results, Result, model->len).status == SLANT_READ_END);
}

/* ---- text files --------------------------------------------------------- */

/* Does @data open with a front-matter line ("---" alone, after a BOM)? */
static gboolean
opens_front_matter(const char *data, size_t size)
{
    size_t bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *p = data + bom;
    size_t n = size - bom;
    return n >= 3 && memcmp(p, "---", 3) == 0 &&
           (n == 3 || p[3] == '\n' || (n >= 5 && p[3] == '\r' && p[4] == '\n') ||
            (n == 4 && p[3] == '\r'));
}

static void
check_text_file(const char *data, size_t size, gsize max)
{
    g_autofree char *input = g_build_filename(tree_root, "src", "a.txt", NULL);
    GArray *tree = read_all(tree_root, input, max, FALSE, 2);
    GArray *file = read_all(txt_path, txt_path, max, FALSE, 2);
    FUZZ_CHECK(tree->len == 2 && file->len == 2);
    FUZZ_CHECK(g_array_index(tree, Result, 1).status == SLANT_READ_END);
    FUZZ_CHECK(g_array_index(file, Result, 1).status == SLANT_READ_END);
    const Result *t = &g_array_index(tree, Result, 0);
    const Result *f = &g_array_index(file, Result, 0);
    FUZZ_CHECK_MSG(t->status == f->status, "tree %d, file %d", t->status, f->status);

    gboolean too_large = max > 0 && size > max;
    const char *bad = NULL;
    gboolean valid = g_utf8_validate_len(data, size, &bad);
    if (t->status == SLANT_READ_SKIP) {
        FUZZ_CHECK(t->skip_line == 1 && f->skip_line == 1);
        FUZZ_CHECK_MSG(strcmp(t->error->message, f->error->message) == 0 &&
                           t->error->code == f->error->code,
                       "tree: %s; file: %s", t->error->message, f->error->message);
        FUZZ_CHECK_MSG(str_equal0(t->skip_id, "src/a.txt") && str_equal0(f->skip_id, "a.txt"),
                       "skip ids '%s' and '%s'", t->skip_id, f->skip_id);
        FUZZ_CHECK_MSG((t->error->code == SLANT_ERROR_TOO_LARGE) == too_large,
                       "%zu bytes, limit %zu: %s", size, (size_t) max, t->error->message);
        if (!too_large) {
            FUZZ_CHECK_MSG((t->error->code == SLANT_ERROR_UTF8) == !valid, "UTF-8 %s: %s",
                           valid ? "valid" : "invalid", t->error->message);
            if (!valid) {
                guint64 line = 1;
                const char *line_start = data;
                for (const char *p = data; p < bad; p++)
                    if (*p == '\n') {
                        line++;
                        line_start = p + 1;
                    }
                FUZZ_CHECK_MSG(t->msg_line == line &&
                                   t->msg_col == (guint64) (bad - line_start) + 1,
                               "first bad byte on line %" G_GUINT64_FORMAT ", column %zu: %s",
                               line, (size_t) (bad - line_start) + 1, t->error->message);
            }
        }
        FUZZ_CHECK_MSG(t->error->code != SLANT_ERROR_JSON, "JSON error for a text file: %s",
                       t->error->message);
    } else {
        FUZZ_CHECK(t->status == SLANT_READ_DOCUMENT);
        FUZZ_CHECK_MSG(!too_large && valid, "a document of %zu bytes (limit %zu), UTF-8 %d",
                       size, (size_t) max, valid);
        const SlantDocument *a = t->doc, *b = f->doc;
        FUZZ_CHECK(strcmp(a->input, input) == 0);
        check_same_document(a, b, FALSE);
        /* the text is what follows the front matter, as written */
        FUZZ_CHECK(a->text_len <= size &&
                   memcmp(data + size - a->text_len, a->text, a->text_len) == 0);
        if (!opens_front_matter(data, size)) {
            size_t bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            FUZZ_CHECK_MSG(a->text_len == size - bom, "no front matter, yet %zu of %zu bytes",
                           a->text_len, size - bom);
            FUZZ_CHECK(a->line == 1);
            FUZZ_CHECK(strcmp(a->id, "src/a.txt") == 0 && strcmp(b->id, "a.txt") == 0);
            FUZZ_CHECK(strcmp(a->source, "src") == 0);
            FUZZ_CHECK(a->title == NULL && a->date == NULL && a->url == NULL);
            FUZZ_CHECK(a->labels->len == 0);
        } else {
            /* an "id:" key names both, else each has its default */
            FUZZ_CHECK(strcmp(a->id, b->id) == 0 ||
                       (strcmp(a->id, "src/a.txt") == 0 && strcmp(b->id, "a.txt") == 0));
        }
    }
    results_free(tree);
    results_free(file);
}

/* ---- the target --------------------------------------------------------- */

static void
run(const uint8_t *data, size_t size, gsize max)
{
    const char *s = (const char *) data;
    guint limit = 2;
    for (size_t i = 0; i < size; i++)
        limit += data[i] == '\n';

    GArray *plain = read_all(jsonl_path, jsonl_path, max, FALSE, limit);
    GArray *model = jsonl_model(s, size, max);
    check_jsonl_model(plain, model, max);
    g_array_unref(model);

    GArray *records = read_all(jsonl_path, jsonl_path, max, TRUE, limit);
    check_same_results(plain, records, "next_record");
    results_free(records);

    /* gzip only changes how bytes arrive: once, without a limit, is enough */
    if (max == 0) {
        GArray *gz = read_all(gz_path, gz_path, max, FALSE, limit);
        check_same_results(plain, gz, "jsonl.gz");
        results_free(gz);
        GArray *zst = read_all(zst_path, zst_path, max, FALSE, limit);
        check_same_results(plain, zst, "jsonl.zst");
        results_free(zst);
    }
    results_free(plain);

    if (size >= 2 && data[0] == 0x1F && data[1] == 0x8B)
        results_free(read_all(raw_gz_path, raw_gz_path, max, FALSE, G_MAXUINT));
    if (has_zstd_magic(data, size))
        results_free(read_all(raw_zst_path, raw_zst_path, max, FALSE, G_MAXUINT));

    check_text_file(s, size, max);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    setup_once();
    static const uint8_t empty[1] = {0};
    if (size == 0)
        data = empty; /* never NULL: no arithmetic on a null pointer */

    write_file(jsonl_path, data, size);
    write_file(txt_path, data, size);
    GByteArray *gz = g_byte_array_new();
    if (size > 0 && (data[0] & 1)) {
        gzip_member(gz, data, size / 2);
        gzip_member(gz, data + size / 2, size - size / 2);
    } else {
        gzip_member(gz, data, size);
    }
    write_file(gz_path, gz->data, gz->len);
    g_byte_array_unref(gz);
    if (size >= 2 && data[0] == 0x1F && data[1] == 0x8B)
        write_file(raw_gz_path, data, size);
    GByteArray *zst = g_byte_array_new();
    gboolean checksum = size > 1 && (data[1] & 1);
    if (size > 0 && (data[0] & 1)) {
        zstd_frame(zst, data, size / 2, checksum);
        zstd_frame(zst, data + size / 2, size - size / 2, checksum);
    } else {
        zstd_frame(zst, data, size, checksum);
    }
    write_file(zst_path, zst->data, zst->len);
    g_byte_array_unref(zst);
    if (has_zstd_magic(data, size))
        write_file(raw_zst_path, data, size);

    run(data, size, 0);
    if (size > 0)
        run(data, size, 1 + data[0] % 128);
    return 0;
}

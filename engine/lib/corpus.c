/* corpus.c: the corpus readers of corpus.h (DESIGN.md §3). */
#include "corpus.h"

#include "codec.h"
#include "slant-error.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Decompressed bytes are handed out in chunks this large: big enough that
 * the per-read overhead vanishes next to JSON parsing, small enough that a
 * reader stays cheap to keep open. */
#define CHUNK_SIZE ((gsize) 1 << 20)
#define RAW_CHUNK_SIZE ((gsize) 256 << 10)

struct _SlantCorpusReader {
    SlantCorpusFormat format;
    char *path;    /* as given, in the file system's encoding */
    char *display; /* as given, made valid UTF-8 for messages and doc->input */
    gsize max_bytes;
    gboolean done; /* END from now on: a text file was read, or a FATAL was returned */

    /* directory: paths relative to the root, '/'-separated, sorted; those
     * of folders that could not be listed are in it too, and in unlisted
     * with their errno, to be skipped in their place */
    GPtrArray *files;
    GHashTable *unlisted;
    guint next_file;

    /* JSON Lines */
    int fd;                 /* -1 when none */
    gboolean own_fd;        /* FALSE for standard input, which is the process's */
    const SlantCodec *codec;/* NULL unless compressed (the format's row says) */
    gpointer codec_state;
    char *raw;              /* compressed bytes not yet decompressed */
    gsize raw_len, raw_pos;
    gboolean raw_eof;
    gboolean in_member;     /* inside a member or frame: EOF now means truncated data */
    gboolean out_full;      /* the codec filled buf last time: it may hold more */
    char *buf;              /* CHUNK_SIZE + 1 bytes of JSON Lines text */
    gsize buf_len, buf_pos;
    gboolean eof;
    GString *carry;         /* the start of a line cut by the end of buf */
    gboolean discarding;    /* inside a line over the limit: drop bytes up to '\n' */
    guint64 discarded;      /* bytes of that line so far */
    gboolean discard_cr;    /* ... the last of which was '\r' */
    guint64 line_no;        /* lines completed so far */
    gboolean defer;         /* next_record(): hand JSON lines out unparsed */
    SlantRecord *pending;   /* ... the one finish_line() just made */
};

/* ---- errors ------------------------------------------------------------ */

/* Location-prefixed errors: "INPUT:LINE: msg", or "INPUT:LINE:COL: msg"
 * when @col is not 0. */
static void set_error_at(GError **error, int code, const char *input, guint64 line, guint64 col,
                         const char *format, ...) G_GNUC_PRINTF(6, 7);

static void
set_error_at(GError **error, int code, const char *input, guint64 line, guint64 col,
             const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    if (col > 0)
        g_set_error(error, SLANT_ERROR, code, "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": %s",
                    input, line, col, msg);
    else
        g_set_error(error, SLANT_ERROR, code, "%s:%" G_GUINT64_FORMAT ": %s", input, line, msg);
    g_free(msg);
}

/* Paths are bytes; messages and documents must be UTF-8. */
static char *
display_name(const char *path)
{
    if (g_utf8_validate(path, -1, NULL))
        return g_strdup(path);
    return g_utf8_make_valid(path, -1);
}

/* ---- documents --------------------------------------------------------- */

static void
label_free(gpointer data)
{
    SlantLabel *label = data;
    g_free(label->key);
    g_free(label->value);
    g_free(label);
}

static void
add_label(GPtrArray *labels, const char *key, char *value, SlantLabelType type)
{
    SlantLabel *label = g_new(SlantLabel, 1);
    label->key = g_strdup(key);
    label->value = value;
    label->type = type;
    g_ptr_array_add(labels, label);
}

static gint
label_compare(gconstpointer a, gconstpointer b)
{
    const SlantLabel *la = *(SlantLabel *const *) a;
    const SlantLabel *lb = *(SlantLabel *const *) b;
    return strcmp(la->key, lb->key);
}

G_GNUC_PRINTF(4, 5)
static void
add_warning(SlantDocument *doc, const char *input, guint64 line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (doc->warnings == NULL)
        doc->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(doc->warnings,
                    g_strdup_printf("%s:%" G_GUINT64_FORMAT ": %s", input, line, msg));
}

/* Sort by key; of a key given twice the first added stands (the sort is
 * stable) and the others go, each with a warning. */
static void
sort_labels(SlantDocument *doc, const char *input, guint64 line)
{
    GPtrArray *labels = doc->labels;
    g_ptr_array_sort(labels, label_compare); /* stable: merge sort */
    guint out = 0;
    for (guint i = 0; i < labels->len; i++) {
        SlantLabel *cur = g_ptr_array_index(labels, i);
        if (out > 0 && strcmp(((SlantLabel *) g_ptr_array_index(labels, out - 1))->key, cur->key) == 0) {
            add_warning(doc, input, line, "label '%s' given twice: the first stands", cur->key);
            label_free(cur);
            continue;
        }
        labels->pdata[out++] = cur;
    }
    /* the dropped ones are freed above: shrink without the free function */
    g_ptr_array_set_free_func(labels, NULL);
    g_ptr_array_set_size(labels, out);
    g_ptr_array_set_free_func(labels, label_free);
}

static SlantDocument *
document_new(const char *input, guint64 line)
{
    SlantDocument *doc = g_new0(SlantDocument, 1);
    doc->labels = g_ptr_array_new_with_free_func(label_free);
    doc->input = g_strdup(input);
    doc->line = line;
    return doc;
}

void
slant_document_free(SlantDocument *doc)
{
    if (doc == NULL)
        return;
    g_free(doc->id);
    g_free(doc->source);
    g_free(doc->title);
    g_free(doc->date);
    g_free(doc->url);
    if (doc->labels != NULL)
        g_ptr_array_unref(doc->labels);
    if (doc->warnings != NULL)
        g_ptr_array_unref(doc->warnings);
    g_free(doc->text);
    g_free(doc->input);
    g_free(doc);
}

const SlantLabel *
slant_document_find_label(const SlantDocument *doc, const char *key)
{
    g_return_val_if_fail(doc != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);

    guint lo = 0, hi = doc->labels->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        const SlantLabel *label = g_ptr_array_index(doc->labels, mid);
        int cmp = strcmp(key, label->key);
        if (cmp == 0)
            return label;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *
slant_document_label(const SlantDocument *doc, const char *key)
{
    const SlantLabel *label = slant_document_find_label(doc, key);
    return label != NULL ? label->value : NULL;
}

/* Whitespace in the Unicode sense: a text of only U+3000 IDEOGRAPHIC SPACE
 * or NO-BREAK SPACE is as empty as one of only blanks.  @s is valid UTF-8. */
static gboolean
is_blank(const char *s, gsize len)
{
    const char *end = s + len;
    while (s < end) {
        guchar c = (guchar) *s;
        if (c < 0x80) {
            if (!g_ascii_isspace(c))
                return FALSE;
            s++;
        } else {
            if (!g_unichar_isspace(g_utf8_get_char(s)))
                return FALSE;
            s = g_utf8_next_char(s);
        }
    }
    return TRUE;
}

/* ---- reader ------------------------------------------------------------ */

/* The corpus formats, one row each: the name meta.inputs[].format and
 * partials store, the ending of a path that selects it (NULL: chosen
 * otherwise: a folder, "-", any other file), and the decompressor of a
 * compressed JSON Lines file.  The format is chosen by name, not by
 * sniffing the first bytes: a plain file named "x.jsonl.gz" is an error
 * ("invalid gzip data"), as gzip -d would say.  A new compressed format is
 * a row here, a SlantCodec in codec.c and a name in the schema's enum. */
typedef struct {
    SlantCorpusFormat format;
    const char *name;
    const char *suffix;
    const SlantCodec *codec;
} FormatRow;

static const FormatRow format_rows[] = {
    {SLANT_CORPUS_DIRECTORY, "directory", NULL, NULL},
    {SLANT_CORPUS_TEXT_FILE, "text", NULL, NULL},
    {SLANT_CORPUS_JSONL, "jsonl", ".jsonl", NULL},
    {SLANT_CORPUS_JSONL_GZ, "jsonl.gz", ".jsonl.gz", &slant_codec_gzip},      /* magic 1f 8b */
    {SLANT_CORPUS_STDIN, "stdin", NULL, NULL},
    {SLANT_CORPUS_JSONL_ZST, "jsonl.zst", ".jsonl.zst", &slant_codec_zstd},   /* magic 28 b5 2f fd */
};

static const FormatRow *
format_row(SlantCorpusFormat format)
{
    for (gsize i = 0; i < G_N_ELEMENTS(format_rows); i++)
        if (format_rows[i].format == format)
            return &format_rows[i];
    return NULL;
}

/* The row whose suffix ends @path, or NULL. */
static const FormatRow *
format_by_suffix(const char *path)
{
    for (gsize i = 0; i < G_N_ELEMENTS(format_rows); i++)
        if (format_rows[i].suffix != NULL && g_str_has_suffix(path, format_rows[i].suffix))
            return &format_rows[i];
    return NULL;
}

const char *
slant_corpus_format_name(SlantCorpusFormat format)
{
    const FormatRow *row = format_row(format);
    return row != NULL ? row->name : "unknown";
}

gboolean
slant_corpus_format_from_name(const char *name, SlantCorpusFormat *format)
{
    for (gsize i = 0; i < G_N_ELEMENTS(format_rows); i++) {
        if (strcmp(format_rows[i].name, name) == 0) {
            *format = format_rows[i].format;
            return TRUE;
        }
    }
    return FALSE;
}

gboolean
slant_corpus_path_is_jsonl(const char *path)
{
    g_return_val_if_fail(path != NULL, FALSE);
    return format_by_suffix(path) != NULL;
}

SlantCorpusFormat
slant_corpus_reader_format(const SlantCorpusReader *reader)
{
    g_return_val_if_fail(reader != NULL, SLANT_CORPUS_TEXT_FILE);
    return reader->format;
}

double
slant_corpus_reader_fraction(const SlantCorpusReader *reader)
{
    g_return_val_if_fail(reader != NULL, -1);
    if (reader->files != NULL)
        return reader->files->len > 0 ? (double) reader->next_file / reader->files->len : 1.0;
    if (reader->fd < 0)
        return reader->done ? 1.0 : -1.0;
    struct stat st;
    if (fstat(reader->fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
        return -1.0;
    off_t pos = lseek(reader->fd, 0, SEEK_CUR);
    if (pos < 0)
        return -1.0;
    return MIN(1.0, (double) pos / (double) st.st_size);
}

void
slant_corpus_reader_free(SlantCorpusReader *reader)
{
    if (reader == NULL)
        return;
    g_free(reader->path);
    g_free(reader->display);
    if (reader->files != NULL)
        g_ptr_array_unref(reader->files);
    if (reader->unlisted != NULL)
        g_hash_table_unref(reader->unlisted);
    if (reader->own_fd)
        close(reader->fd);
    if (reader->codec != NULL)
        reader->codec->close(reader->codec_state);
    g_free(reader->raw);
    g_free(reader->buf);
    if (reader->carry != NULL)
        g_string_free(reader->carry, TRUE);
    g_free(reader);
}

static gint
path_compare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Collect the "*.txt" files below @rel ("" for the root) into @out.  Links
 * to folders are not followed, so a link cycle cannot make the walk endless;
 * a link named "*.txt" is kept whatever it points to, so that a dangling or
 * odd one is reported when read instead of vanishing.  A folder below the
 * root that cannot be listed (or an entry that cannot be looked at) goes
 * into @out and @unlisted, to be skipped in its place: one unreadable
 * folder must not cost the rest of the tree.  Only the root itself failing
 * is an error. */
static gboolean
collect_files(const char *root, const char *rel, GPtrArray *out, GHashTable *unlisted,
              GError **error)
{
    char *dir_path = rel[0] != '\0' ? g_build_filename(root, rel, NULL) : g_strdup(root);
    /* opendir(), not g_dir_open(), which loses errno: asking again (open
     * the folder to learn why) could give another answer */
    DIR *dir = opendir(dir_path);
    if (dir == NULL) {
        int err = errno;
        if (rel[0] != '\0') {
            g_ptr_array_add(out, g_strdup(rel));
            g_hash_table_insert(unlisted, g_strdup(rel), GINT_TO_POINTER(err));
            g_free(dir_path);
            return TRUE;
        }
        char *shown = display_name(dir_path);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot open '%s': %s", shown,
                    g_strerror(err));
        g_free(shown);
        g_free(dir_path);
        return FALSE;
    }

    for (;;) {
        errno = 0;
        const struct dirent *entry = readdir(dir);
        if (entry == NULL) {
            /* listed in part: what was listed is read, the folder skipped */
            if (errno != 0 && !g_hash_table_contains(unlisted, rel)) {
                g_ptr_array_add(out, g_strdup(rel));
                g_hash_table_insert(unlisted, g_strdup(rel), GINT_TO_POINTER(errno));
            }
            break;
        }
        const char *name = entry->d_name;
        if (name[0] == '.') /* hidden, and "." and ".." */
            continue;
        char *child_rel = rel[0] != '\0' ? g_strconcat(rel, "/", name, NULL) : g_strdup(name);
        char *child_path = g_build_filename(dir_path, name, NULL);
        GStatBuf st;
        if (g_lstat(child_path, &st) != 0) {
            g_hash_table_insert(unlisted, g_strdup(child_rel), GINT_TO_POINTER(errno));
            g_ptr_array_add(out, g_steal_pointer(&child_rel));
        } else if (S_ISDIR(st.st_mode)) {
            collect_files(root, child_rel, out, unlisted, NULL);
        } else if (g_str_has_suffix(name, ".txt")) {
            g_ptr_array_add(out, g_steal_pointer(&child_rel));
        }
        g_free(child_rel);
        g_free(child_path);
    }
    closedir(dir);
    g_free(dir_path);
    return TRUE;
}

static gboolean
open_stream(SlantCorpusReader *reader, GError **error)
{
    /* Plain read(2) on a descriptor, not a GInputStream: standard input
     * needs GUnixInputStream, whose header is not in gio-2.0's include
     * path, and one read() a chunk is all a GInputStream would do here. */
    if (reader->format == SLANT_CORPUS_STDIN) {
        reader->fd = 0;
    } else {
        reader->fd = g_open(reader->path, O_RDONLY | O_CLOEXEC, 0);
        if (reader->fd < 0) {
            int saved = errno;
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot open '%s': %s",
                        reader->display, g_strerror(saved));
            return FALSE;
        }
        reader->own_fd = TRUE;
    }
    const FormatRow *row = format_row(reader->format);
    if (row != NULL && row->codec != NULL) {
        reader->codec = row->codec;
        reader->codec_state = row->codec->open();
        reader->raw = g_malloc(RAW_CHUNK_SIZE);
    }
    /* One byte more than a chunk, so that a line ending at the chunk's end
     * can still be NUL-terminated in place. */
    reader->buf = g_malloc(CHUNK_SIZE + 1);
    reader->carry = g_string_new(NULL);
    return TRUE;
}

SlantCorpusReader *
slant_corpus_reader_new(const char *path, gsize max_document_bytes, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    SlantCorpusReader *reader = g_new0(SlantCorpusReader, 1);
    reader->fd = -1;
    reader->path = g_strdup(path);
    reader->display = display_name(path);
    reader->max_bytes = max_document_bytes;

    if (strcmp(path, "-") == 0) {
        reader->format = SLANT_CORPUS_STDIN;
        open_stream(reader, NULL); /* fd 0 needs no opening: cannot fail */
        return reader;
    }

    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        int saved = errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot open '%s': %s", reader->display,
                    g_strerror(saved));
        slant_corpus_reader_free(reader);
        return NULL;
    }

    gboolean ok;
    if (S_ISDIR(st.st_mode)) {
        reader->format = SLANT_CORPUS_DIRECTORY;
        reader->files = g_ptr_array_new_with_free_func(g_free);
        reader->unlisted = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        ok = collect_files(path, "", reader->files, reader->unlisted, error);
        /* Byte order of the relative path, not the order the file system
         * happens to list: runs must not depend on the disk. */
        if (ok)
            g_ptr_array_sort(reader->files, path_compare);
    } else if (format_by_suffix(path) != NULL) {
        reader->format = format_by_suffix(path)->format;
        ok = open_stream(reader, error);
    } else if (S_ISREG(st.st_mode)) {
        reader->format = SLANT_CORPUS_TEXT_FILE;
        int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
        ok = fd >= 0;
        if (!ok) {
            int saved = errno;
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot open '%s': %s",
                        reader->display, g_strerror(saved));
        } else {
            close(fd);
        }
    } else {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO,
                    "cannot open '%s': not a regular file or folder", reader->display);
        ok = FALSE;
    }
    if (!ok) {
        slant_corpus_reader_free(reader);
        return NULL;
    }
    return reader;
}

/* ---- text files -------------------------------------------------------- */

/* Read a whole file, refusing it before reading when it is over @max.  A
 * named pipe, socket or device is refused without reading (SLANT_ERROR_FORMAT:
 * it is no corpus file): looked at before it is opened, so that no device
 * is opened, and opened without blocking, so that a pipe put there in the
 * meantime cannot hang the run either. */
static gboolean
read_whole_file(const char *path, const char *shown, gsize max, char **out, gsize *out_len,
                GError **error)
{
    GStatBuf before;
    if (g_stat(path, &before) == 0 && !S_ISREG(before.st_mode)) {
        set_error_at(error, SLANT_ERROR_FORMAT, shown, 1, 0, "not a regular file");
        return FALSE;
    }
    int fd = g_open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
    if (fd < 0) {
        int saved = errno;
        set_error_at(error, SLANT_ERROR_IO, shown, 1, 0, "cannot open: %s", g_strerror(saved));
        return FALSE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int saved = errno;
        set_error_at(error, SLANT_ERROR_IO, shown, 1, 0, "cannot read: %s", g_strerror(saved));
        close(fd);
        return FALSE;
    }
    if (!S_ISREG(st.st_mode)) {
        set_error_at(error, SLANT_ERROR_FORMAT, shown, 1, 0, "not a regular file");
        close(fd);
        return FALSE;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (max > 0 && (guint64) st.st_size > max) {
        set_error_at(error, SLANT_ERROR_TOO_LARGE, shown, 1, 0,
                     "document too large (%" G_GUINT64_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")",
                     (guint64) st.st_size, max);
        close(fd);
        return FALSE;
    }

    /* The size is a hint only: the file may grow while we read it. */
    gsize cap = (gsize) st.st_size + 1, len = 0;
    char *data = g_malloc(cap);
    for (;;) {
        if (len + 1 == cap) {
            cap *= 2;
            data = g_realloc(data, cap);
        }
        ssize_t n = read(fd, data + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            set_error_at(error, SLANT_ERROR_IO, shown, 1, 0, "cannot read: %s", g_strerror(saved));
            close(fd);
            g_free(data);
            return FALSE;
        }
        if (n == 0)
            break;
        len += (gsize) n;
        if (max > 0 && len > max) {
            set_error_at(error, SLANT_ERROR_TOO_LARGE, shown, 1, 0,
                         "document too large (over %" G_GSIZE_FORMAT " bytes)", max);
            close(fd);
            g_free(data);
            return FALSE;
        }
    }
    close(fd);
    data[len] = '\0';
    *out = data;
    *out_len = len;
    return TRUE;
}

/* The next line of @s (up to @end), without its "\n" or "\r\n".  Returns
 * FALSE at the end. */
static gboolean
next_line(const char **s, const char *end, const char **line, gsize *len)
{
    if (*s >= end)
        return FALSE;
    const char *nl = memchr(*s, '\n', (gsize) (end - *s));
    const char *stop = nl != NULL ? nl : end;
    *line = *s;
    *len = (gsize) (stop - *s);
    if (*len > 0 && (*line)[*len - 1] == '\r')
        (*len)--;
    *s = nl != NULL ? nl + 1 : end;
    return TRUE;
}

static gboolean
line_is(const char *line, gsize len, const char *what)
{
    return len == strlen(what) && memcmp(line, what, len) == 0;
}

/* Parse the front matter that opens @*s (after any BOM), moving *s past it
 * and counting lines in *line_no.  Without front matter, nothing moves. */
static gboolean
parse_front_matter(const char **s, const char *end, guint64 *line_no, const char *shown,
                   SlantDocument *doc, GError **error)
{
    const char *p = *s, *line;
    gsize len;
    if (!next_line(&p, end, &line, &len) || !line_is(line, len, "---"))
        return TRUE;

    /* Find the closing line first: without one, the text after the block
     * would be blamed line by line for what is one missing "---". */
    const char *after = p, *close = NULL;
    while (next_line(&after, end, &line, &len)) {
        if (line_is(line, len, "---")) {
            close = line;
            break;
        }
    }
    if (close == NULL) {
        set_error_at(error, SLANT_ERROR_FORMAT, shown, *line_no, 0,
                     "unterminated front matter (no closing '---')");
        return FALSE;
    }

    guint64 n = *line_no;
    /* key -> line, to name both lines of a key given twice */
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gboolean ok = TRUE;
    while (ok && p < close && next_line(&p, end, &line, &len)) {
        n++;
        const char *colon = memchr(line, ':', len);
        if (colon == NULL) {
            if (is_blank(line, len))
                continue;
            set_error_at(error, SLANT_ERROR_FORMAT, shown, n, 0,
                         "no ':' in front matter line");
            ok = FALSE;
            break;
        }
        char *key = g_strstrip(g_strndup(line, (gsize) (colon - line)));
        char *value = g_strstrip(g_strndup(colon + 1, (gsize) (line + len - colon - 1)));
        gpointer first = NULL;
        gboolean is_label = g_str_has_prefix(key, "labels.");
        if (key[0] == '\0') {
            set_error_at(error, SLANT_ERROR_FORMAT, shown, n, 0, "empty key in front matter");
            ok = FALSE;
        } else if (is_label) {
            /* labels are never a reason to skip: sort_labels() keeps the first */
        } else if (g_hash_table_lookup_extended(seen, key, NULL, &first)) {
            set_error_at(error, SLANT_ERROR_FORMAT, shown, n, 0,
                         "duplicate key '%s' (first on line %u)", key, GPOINTER_TO_UINT(first));
            ok = FALSE;
        } else {
            g_hash_table_insert(seen, g_strdup(key), GUINT_TO_POINTER((guint) n));
        }

        char **slot = NULL;
        gboolean required = FALSE;
        if (!ok) {
            /* reported above */
        } else if (strcmp(key, "title") == 0) {
            slot = &doc->title;
        } else if (strcmp(key, "date") == 0) {
            slot = &doc->date;
        } else if (strcmp(key, "url") == 0) {
            slot = &doc->url;
        } else if (strcmp(key, "source") == 0) {
            slot = &doc->source;
            required = TRUE;
        } else if (strcmp(key, "id") == 0) {
            slot = &doc->id;
            required = TRUE;
        } else if (is_label) {
            const char *name = key + strlen("labels.");
            if (name[0] == '\0' || name[strlen(name) - 1] == '.' || strstr(name, "..") != NULL ||
                name[0] == '.') {
                add_warning(doc, shown, n, "label name '%s' has an empty part: passed over", name);
            } else {
                add_label(doc->labels, name, value, SLANT_LABEL_STRING);
                value = NULL;
            }
        }
        /* other keys are not ours: passed over, so that front matter
         * written for other tools (tags, author, ...) does not hurt */

        if (slot != NULL) {
            /* g_strstrip() trims ASCII only: a value of U+3000 is blank too */
            gboolean blank = is_blank(value, strlen(value));
            if (!blank) {
                *slot = value;
                value = NULL;
            } else if (required) {
                /* an override to nothing is a mistake, not a request to
                 * fall back to the path */
                set_error_at(error, SLANT_ERROR_FORMAT, shown, n, 0, "empty value for '%s'", key);
                ok = FALSE;
            }
        }
        g_free(key);
        g_free(value);
    }
    g_hash_table_unref(seen);
    if (!ok)
        return FALSE;
    sort_labels(doc, shown, *line_no);
    *s = after;
    *line_no = n + 2; /* past the closing line */
    return TRUE;
}

/* Read the text document at @path.  @default_id and @default_source (which
 * may be NULL) stand when the front matter has no id or source. */
static SlantReadStatus
read_text_document(SlantCorpusReader *reader, const char *path, const char *default_id,
                   const char *default_source, gboolean io_is_fatal, SlantDocument **doc_out,
                   char **skip_id, GError **error)
{
    char *shown = display_name(path);
    char *data = NULL;
    gsize len = 0;
    SlantDocument *doc = NULL;
    GError *local = NULL;
    SlantReadStatus status = SLANT_READ_SKIP;

    if (!read_whole_file(path, shown, reader->max_bytes, &data, &len, &local)) {
        if (io_is_fatal && local->code == SLANT_ERROR_IO)
            status = SLANT_READ_FATAL;
        goto out;
    }

    const char *bad;
    if (!g_utf8_validate(data, (gssize) len, &bad)) {
        guint64 line = 1;
        const char *line_start = data;
        for (const char *p = data; p < bad; p++) {
            if (*p == '\n') {
                line++;
                line_start = p + 1;
            }
        }
        set_error_at(&local, SLANT_ERROR_UTF8, shown, line, (guint64) (bad - line_start) + 1,
                     "invalid UTF-8");
        goto out;
    }

    const char *s = data, *end = data + len;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    doc = document_new(shown, 1);
    guint64 line_no = 1;
    if (!parse_front_matter(&s, end, &line_no, shown, doc, &local))
        goto out;

    if (doc->source == NULL) {
        if (default_source == NULL) {
            set_error_at(&local, SLANT_ERROR_FORMAT, shown, 1, 0,
                         "no source: the file is not in a source folder and has no 'source:' key");
            goto out;
        }
        doc->source = g_strdup(default_source);
    }
    if (doc->id == NULL)
        doc->id = g_strdup(default_id);
    if (is_blank(s, (gsize) (end - s))) {
        set_error_at(&local, SLANT_ERROR_EMPTY, shown, 1, 0, "empty document");
        goto out;
    }
    doc->line = line_no;
    doc->text_len = (gsize) (end - s);
    doc->text = g_strndup(s, doc->text_len);
    *doc_out = doc;
    doc = NULL;
    status = SLANT_READ_DOCUMENT;

out:
    if (local != NULL) {
        g_propagate_error(error, local);
        if (status == SLANT_READ_SKIP && skip_id != NULL)
            *skip_id = g_strdup(default_id);
    }
    slant_document_free(doc);
    g_free(data);
    g_free(shown);
    return status;
}

static SlantReadStatus
next_in_directory(SlantCorpusReader *reader, SlantDocument **doc_out, guint64 *skip_line,
                  char **skip_id, GError **error)
{
    if (reader->next_file >= reader->files->len)
        return SLANT_READ_END;
    const char *rel = g_ptr_array_index(reader->files, reader->next_file++);
    char *path = g_build_filename(reader->path, rel, NULL);

    gpointer err;
    if (g_hash_table_lookup_extended(reader->unlisted, rel, NULL, &err)) {
        /* no line: a folder is no document */
        char *shown = display_name(path);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "%s: cannot open folder: %s", shown,
                    g_strerror(GPOINTER_TO_INT(err)));
        *skip_line = 0;
        g_free(shown);
        g_free(path);
        return SLANT_READ_SKIP;
    }

    if (!g_utf8_validate(rel, -1, NULL)) {
        char *shown = display_name(path);
        set_error_at(error, SLANT_ERROR_UTF8, shown, 1, 0, "invalid UTF-8 in file name");
        if (skip_id != NULL)
            *skip_id = display_name(rel);
        g_free(shown);
        g_free(path);
        return SLANT_READ_SKIP;
    }

    const char *slash = strchr(rel, '/');
    char *source = slash != NULL ? g_strndup(rel, (gsize) (slash - rel)) : NULL;
    SlantReadStatus status =
        read_text_document(reader, path, rel, source, FALSE, doc_out, skip_id, error);
    g_free(source);
    g_free(path);
    return status;
}

static SlantReadStatus
next_text_file(SlantCorpusReader *reader, SlantDocument **doc_out, char **skip_id, GError **error)
{
    if (reader->done)
        return SLANT_READ_END;
    reader->done = TRUE;

    /* "the name of its folder" must mean the real folder, also for a bare
     * "article.txt" in the working directory */
    char *absolute = g_canonicalize_filename(reader->path, NULL);
    char *folder_path = g_path_get_dirname(absolute);
    char *folder = g_path_get_basename(folder_path);
    char *base = g_path_get_basename(reader->path);
    char *id = display_name(base);
    char *source = NULL;
    if (strcmp(folder, G_DIR_SEPARATOR_S) != 0 && strcmp(folder, ".") != 0)
        source = display_name(folder);

    SlantReadStatus status =
        read_text_document(reader, reader->path, id, source, TRUE, doc_out, skip_id, error);
    g_free(source);
    g_free(id);
    g_free(base);
    g_free(folder);
    g_free(folder_path);
    g_free(absolute);
    return status;
}

/* ---- JSON Lines -------------------------------------------------------- */

static const char *
json_type_name(const cJSON *item)
{
    if (cJSON_IsString(item))
        return "a string";
    if (cJSON_IsNumber(item))
        return "a number";
    if (cJSON_IsBool(item))
        return "a boolean";
    if (cJSON_IsNull(item))
        return "null";
    if (cJSON_IsArray(item))
        return "an array";
    if (cJSON_IsObject(item))
        return "an object";
    return "invalid";
}

/* ---- JSON syntax errors ------------------------------------------------
 *
 * cJSON says only roughly where it gave up (after a bad string it points
 * one byte past the culprit, and after ",}" at the end of the line), and
 * never why.  Only when it fails, the line is scanned again against the
 * JSON grammar to find the first byte in the wrong place. */

typedef struct {
    const char *s;
    gsize len;
    gsize pos;
    int depth;
    gsize at;  /* where the first error is */
    char *why; /* what it is; NULL while none */
} Syntax;

/* cJSON's CJSON_NESTING_LIMIT: deeper is refused there, so here too */
#define SYNTAX_MAX_DEPTH 1000

static gboolean
syntax_fail(Syntax *sx, gsize at, char *why)
{
    sx->at = at;
    sx->why = why;
    return FALSE;
}

static gboolean
syntax_unexpected(Syntax *sx)
{
    if (sx->pos >= sx->len)
        return syntax_fail(sx, sx->len, g_strdup("unexpected end of line"));
    guchar c = (guchar) sx->s[sx->pos];
    if (c >= 0x20 && c < 0x7F)
        return syntax_fail(sx, sx->pos, g_strdup_printf("unexpected '%c'", c));
    return syntax_fail(sx, sx->pos,
                       g_strdup_printf("unexpected character U+%04X",
                                       (guint) g_utf8_get_char(sx->s + sx->pos)));
}

static void
syntax_ws(Syntax *sx)
{
    while (sx->pos < sx->len && (sx->s[sx->pos] == ' ' || sx->s[sx->pos] == '\t' ||
                                 sx->s[sx->pos] == '\r' || sx->s[sx->pos] == '\n'))
        sx->pos++;
}

static gboolean
syntax_expect(Syntax *sx, char c)
{
    syntax_ws(sx);
    if (sx->pos < sx->len && sx->s[sx->pos] == c) {
        sx->pos++;
        return TRUE;
    }
    return syntax_unexpected(sx);
}

static gboolean
syntax_string(Syntax *sx)
{
    gsize open = sx->pos++;
    while (sx->pos < sx->len) {
        guchar c = (guchar) sx->s[sx->pos];
        if (c == '"') {
            sx->pos++;
            return TRUE;
        }
        if (c < 0x20)
            return syntax_fail(sx, sx->pos, g_strdup("control character in a string"));
        if (c != '\\') {
            sx->pos++;
            continue;
        }
        gsize esc = sx->pos++;
        char e = sx->pos < sx->len ? sx->s[sx->pos] : '\0';
        if (e != '\0' && strchr("\"\\/bfnrt", e) != NULL) {
            sx->pos++;
        } else if (e == 'u') {
            sx->pos++;
            for (int i = 0; i < 4; i++, sx->pos++)
                if (sx->pos >= sx->len || !g_ascii_isxdigit(sx->s[sx->pos]))
                    return syntax_fail(sx, esc, g_strdup("bad '\\u' escape"));
        } else {
            return syntax_fail(sx, esc, g_strdup("bad escape"));
        }
    }
    return syntax_fail(sx, open, g_strdup("unterminated string"));
}

static gboolean
syntax_digits(Syntax *sx)
{
    if (sx->pos >= sx->len || !g_ascii_isdigit(sx->s[sx->pos]))
        return syntax_unexpected(sx);
    while (sx->pos < sx->len && g_ascii_isdigit(sx->s[sx->pos]))
        sx->pos++;
    return TRUE;
}

static gboolean
syntax_number(Syntax *sx)
{
    if (sx->s[sx->pos] == '-')
        sx->pos++;
    if (sx->pos < sx->len && sx->s[sx->pos] == '0')
        sx->pos++;
    else if (!syntax_digits(sx))
        return FALSE;
    if (sx->pos < sx->len && sx->s[sx->pos] == '.') {
        sx->pos++;
        if (!syntax_digits(sx))
            return FALSE;
    }
    if (sx->pos < sx->len && (sx->s[sx->pos] == 'e' || sx->s[sx->pos] == 'E')) {
        sx->pos++;
        if (sx->pos < sx->len && (sx->s[sx->pos] == '+' || sx->s[sx->pos] == '-'))
            sx->pos++;
        if (!syntax_digits(sx))
            return FALSE;
    }
    return TRUE;
}

static gboolean
syntax_word(Syntax *sx, const char *word)
{
    gsize n = strlen(word);
    for (gsize i = 0; i < n; i++, sx->pos++)
        if (sx->pos >= sx->len || sx->s[sx->pos] != word[i])
            return syntax_unexpected(sx);
    return TRUE;
}

static gboolean syntax_value(Syntax *sx);

/* '{' or '[' and what follows, up to the closing bracket */
static gboolean
syntax_container(Syntax *sx, char close)
{
    if (++sx->depth > SYNTAX_MAX_DEPTH)
        return syntax_fail(sx, sx->pos, g_strdup("nested too deep"));
    sx->pos++;
    syntax_ws(sx);
    if (sx->pos < sx->len && sx->s[sx->pos] == close) {
        sx->pos++;
        sx->depth--;
        return TRUE;
    }
    for (;;) {
        if (close == '}') {
            syntax_ws(sx);
            if (sx->pos >= sx->len || sx->s[sx->pos] != '"')
                return syntax_unexpected(sx);
            if (!syntax_string(sx) || !syntax_expect(sx, ':'))
                return FALSE;
        }
        if (!syntax_value(sx))
            return FALSE;
        syntax_ws(sx);
        if (sx->pos < sx->len && sx->s[sx->pos] == ',') {
            sx->pos++;
            continue;
        }
        if (sx->pos < sx->len && sx->s[sx->pos] == close) {
            sx->pos++;
            sx->depth--;
            return TRUE;
        }
        return syntax_unexpected(sx);
    }
}

static gboolean
syntax_value(Syntax *sx)
{
    syntax_ws(sx);
    if (sx->pos >= sx->len)
        return syntax_unexpected(sx);
    char c = sx->s[sx->pos];
    switch (c) {
    case '{': return syntax_container(sx, '}');
    case '[': return syntax_container(sx, ']');
    case '"': return syntax_string(sx);
    case 't': return syntax_word(sx, "true");
    case 'f': return syntax_word(sx, "false");
    case 'n': return syntax_word(sx, "null");
    default:
        if (c == '-' || g_ascii_isdigit(c))
            return syntax_number(sx);
        return syntax_unexpected(sx);
    }
}

/* nothing but white space after the value */
static gboolean
syntax_end(Syntax *sx)
{
    syntax_ws(sx);
    if (sx->pos < sx->len)
        return syntax_fail(sx, sx->pos, g_strdup("trailing characters after the record"));
    return TRUE;
}

/* cJSON takes raw control characters (a literal TAB, 0x01) inside strings,
 * which RFC 8259 forbids: the offset of the first in the valid JSON @line,
 * or -1.  (Outside strings TAB, CR and LF are white space.) */
static gssize
find_raw_control(const char *line, gsize len)
{
    gboolean in_string = FALSE;
    for (gsize i = 0; i < len; i++) {
        guchar c = (guchar) line[i];
        if (!in_string) {
            in_string = c == '"';
        } else if (c == '\\') {
            i++; /* the escaped byte, whatever it is */
        } else if (c == '"') {
            in_string = FALSE;
        } else if (c < 0x20) {
            return (gssize) i;
        }
    }
    return -1;
}

/* cJSON turns "\u0000" into a NUL inside the string, which would cut the
 * text short without a word; find one that is a real escape (an odd run of
 * backslashes before the 'u').  Returns its byte offset, or -1. */
static gssize
find_escaped_nul(const char *line, gsize len)
{
    const char *p = line, *end = line + len;
    while ((p = memchr(p, '\\', (gsize) (end - p))) != NULL) {
        const char *run = p;
        while (p < end && *p == '\\')
            p++;
        if (((p - run) & 1) == 1 && end - p >= 5 && memcmp(p, "u0000", 5) == 0)
            return (gssize) (p - 1 - line);
    }
    return -1;
}

/* A number as cJSON would print it: the shortest of %.15g and %.17g that
 * reads back to the same double, so 3 is "3" and 0.1 is "0.1". */
static char *
number_text(double d)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, "%.15g", d);
    if (g_ascii_strtod(buf, NULL) != d)
        g_ascii_formatd(buf, sizeof buf, "%.17g", d);
    return g_strdup(buf);
}

/* Flatten @item (the value of label @key) into @doc's labels: objects
 * name their members @key.NAME, every other value is a leaf. */
static void
flatten_label(SlantDocument *doc, GString *key, const cJSON *item, const char *shown,
              guint64 line)
{
    if (cJSON_IsObject(item) && item->child != NULL) {
        gsize len = key->len;
        for (const cJSON *m = item->child; m != NULL; m = m->next) {
            if (m->string[0] == '\0') {
                add_warning(doc, shown, line, "label '%s%s' has an empty name: passed over",
                            key->str, key->len ? "." : "");
                continue;
            }
            if (key->len > 0)
                g_string_append_c(key, '.');
            g_string_append(key, m->string);
            flatten_label(doc, key, m, shown, line);
            g_string_truncate(key, len);
        }
        return;
    }
    char *value;
    SlantLabelType type;
    if (cJSON_IsString(item)) {
        value = g_strdup(item->valuestring);
        type = SLANT_LABEL_STRING;
    } else if (cJSON_IsNumber(item)) {
        value = number_text(item->valuedouble);
        type = SLANT_LABEL_NUMBER;
    } else if (cJSON_IsBool(item)) {
        value = g_strdup(cJSON_IsTrue(item) ? "true" : "false");
        type = SLANT_LABEL_BOOL;
    } else if (cJSON_IsNull(item)) {
        value = g_strdup("null");
        type = SLANT_LABEL_NULL;
    } else {
        /* arrays, and an empty object, as their JSON text */
        char *text = cJSON_PrintUnformatted(item);
        value = g_strdup(text != NULL ? text : "null");
        cJSON_free(text);
        type = SLANT_LABEL_JSON;
    }
    add_label(doc->labels, key->str, value, type);
}

/* The "labels" member: never a reason to skip the document. */
static void
read_labels(const cJSON *labels, SlantDocument *doc, const char *shown, guint64 line)
{
    if (labels == NULL || cJSON_IsNull(labels))
        return;
    if (!cJSON_IsObject(labels)) {
        add_warning(doc, shown, line, "field 'labels' is %s, not an object: passed over",
                    json_type_name(labels));
        return;
    }
    g_autoptr(GString) key = g_string_new(NULL);
    flatten_label(doc, key, labels, shown, line);
    sort_labels(doc, shown, line);
}

/* A required string field: present, a string, not blank. */
static gboolean
required_string(const cJSON *item, const char *name, const char *shown, guint64 line,
                GError **error)
{
    if (item == NULL) {
        set_error_at(error, SLANT_ERROR_FORMAT, shown, line, 0, "missing string field '%s'", name);
        return FALSE;
    }
    if (!cJSON_IsString(item)) {
        set_error_at(error, SLANT_ERROR_FORMAT, shown, line, 0, "field '%s' is %s, not a string",
                     name, json_type_name(item));
        return FALSE;
    }
    return TRUE;
}

/* An optional string field: absent, null and "" all mean "not given". */
static gboolean
optional_string(const cJSON *item, const char *name, char **slot, const char *shown,
                guint64 line, GError **error)
{
    if (item == NULL || cJSON_IsNull(item))
        return TRUE;
    if (!cJSON_IsString(item)) {
        set_error_at(error, SLANT_ERROR_FORMAT, shown, line, 0, "field '%s' is %s, not a string",
                     name, json_type_name(item));
        return FALSE;
    }
    if (item->valuestring[0] != '\0')
        *slot = g_strdup(item->valuestring);
    return TRUE;
}

enum { F_ID, F_SOURCE, F_TEXT, F_TITLE, F_DATE, F_URL, F_LABELS, N_FIELDS };
static const char *const field_names[N_FIELDS] = {
    "id", "source", "text", "title", "date", "url", "labels",
};


/* ---- the fast path for JSON lines ----------------------------------------
 *
 * Most records are plain: an object of string fields.  Parsing them with
 * cJSON builds a node per member and copies every string twice; this scans
 * the line once and copies each wanted string once.  Anything unusual (a
 * label object, a field given twice, a non-string where a string belongs,
 * a broken line) makes it give up, and the cJSON path handles the record,
 * with its exact messages.  Both paths give the same documents. */

/* Is the UTF-8 at @s valid, with no NUL?  Eight ASCII bytes at a time. */
static gboolean
utf8_valid_fast(const char *s, gsize len, const char **bad)
{
    const char *p = s, *end = s + len;
    for (;;) {
        while (end - p >= 8) {
            guint64 w;
            memcpy(&w, p, 8);
            /* any high bit, or any zero byte, leaves the fast loop */
            if ((w & 0x8080808080808080ull) ||
                ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
                break;
            p += 8;
        }
        if (p >= end)
            return TRUE;
        guchar c = (guchar) *p;
        if (c == 0) {
            *bad = p;
            return FALSE;
        }
        if (c < 0x80) {
            p++;
            continue;
        }
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u == (gunichar) -1 || u == (gunichar) -2) {
            *bad = p;
            return FALSE;
        }
        p = g_utf8_next_char(p);
    }
}

typedef struct {
    const char *s, *end;
} Scan;

static inline void
scan_ws(Scan *sc)
{
    while (sc->s < sc->end && (*sc->s == ' ' || *sc->s == '\t' || *sc->s == '\r' || *sc->s == '\n'))
        sc->s++;
}

/* A string at sc->s (on its quote).  With @out, its decoded value is
 * appended.  FALSE on anything the fast path leaves to cJSON. */
static gboolean
scan_string(Scan *sc, GString *out)
{
    const char *p = sc->s + 1;
    for (;;) {
        const char *q = p;
        while (q < sc->end && *q != '"' && *q != '\\' && (guchar) *q >= 0x20)
            q++;
        if (q >= sc->end || (guchar) *q < 0x20)
            return FALSE;
        if (out)
            g_string_append_len(out, p, q - p);
        if (*q == '"') {
            sc->s = q + 1;
            return TRUE;
        }
        if (q + 1 >= sc->end)
            return FALSE;
        char e = q[1];
        p = q + 2;
        char c;
        switch (e) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
            if (sc->end - p < 4)
                return FALSE;
            gunichar u = 0;
            for (int i = 0; i < 4; i++) {
                int d = g_ascii_xdigit_value(p[i]);
                if (d < 0)
                    return FALSE;
                u = u * 16 + (gunichar) d;
            }
            p += 4;
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (sc->end - p < 6 || p[0] != '\\' || p[1] != 'u')
                    return FALSE;
                gunichar lo = 0;
                for (int i = 2; i < 6; i++) {
                    int d = g_ascii_xdigit_value(p[i]);
                    if (d < 0)
                        return FALSE;
                    lo = lo * 16 + (gunichar) d;
                }
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return FALSE;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
                return FALSE; /* a lone surrogate, or NUL: the slow path says why */
            }
            if (out)
                g_string_append_unichar(out, u);
            continue;
        }
        default:
            return FALSE;
        }
        if (out)
            g_string_append_c(out, c);
    }
}

/* Skip a value other than a string: a number or a literal.  Objects and
 * arrays go to the slow path (they are rare in records). */
static gboolean
scan_scalar(Scan *sc)
{
    const char *start = sc->s;
    while (sc->s < sc->end && strchr(",} \t\r\n", *sc->s) == NULL)
        sc->s++;
    gsize n = (gsize) (sc->s - start);
    if (n == 0)
        return FALSE;
    if ((n == 4 && memcmp(start, "true", 4) == 0) || (n == 5 && memcmp(start, "false", 5) == 0) ||
        (n == 4 && memcmp(start, "null", 4) == 0))
        return TRUE;
    /* JSON's number grammar, no more: strtod would take "0x10" and "inf" */
    const char *p = start, *e = start + n;
    if (p < e && *p == '-')
        p++;
    if (p >= e || !g_ascii_isdigit(*p))
        return FALSE;
    if (*p == '0')
        p++;
    else
        while (p < e && g_ascii_isdigit(*p))
            p++;
    if (p < e && *p == '.') {
        p++;
        if (p >= e || !g_ascii_isdigit(*p))
            return FALSE;
        while (p < e && g_ascii_isdigit(*p))
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        if (p >= e || !g_ascii_isdigit(*p))
            return FALSE;
        while (p < e && g_ascii_isdigit(*p))
            p++;
    }
    return p == e;
}

static SlantDocument *
fast_record(const char *shown, const char *line, gsize len, guint64 line_no)
{
    Scan sc = {line, line + len};
    GString *val[N_FIELDS] = {NULL};
    SlantDocument *doc = NULL;
    scan_ws(&sc);
    if (sc.s >= sc.end || *sc.s != '{')
        return NULL;
    sc.s++;
    scan_ws(&sc);
    gboolean ok = TRUE;
    if (sc.s < sc.end && *sc.s == '}') {
        sc.s++;
    } else {
        for (;;) {
            scan_ws(&sc);
            if (sc.s >= sc.end || *sc.s != '"') {
                ok = FALSE;
                break;
            }
            /* keys we care about hold no escapes (nor control characters,
             * which the slow path refuses) */
            const char *k = sc.s + 1;
            const char *kq = memchr(k, '"', (gsize) (sc.end - k));
            if (kq == NULL || memchr(k, '\\', (gsize) (kq - k)) != NULL) {
                ok = FALSE;
                break;
            }
            for (const char *c = k; c < kq && ok; c++)
                ok = (guchar) *c >= 0x20;
            if (!ok)
                break;
            int f = -1;
            for (int i = 0; i < N_FIELDS; i++)
                if ((gsize) (kq - k) == strlen(field_names[i]) &&
                    memcmp(k, field_names[i], (gsize) (kq - k)) == 0)
                    f = i;
            sc.s = kq + 1;
            scan_ws(&sc);
            if (sc.s >= sc.end || *sc.s != ':') {
                ok = FALSE;
                break;
            }
            sc.s++;
            scan_ws(&sc);
            if (sc.s >= sc.end) {
                ok = FALSE;
                break;
            }
            if (f >= 0) {
                /* a known field: a string, once; labels and the rest go slow */
                if (*sc.s != '"' || f == F_LABELS || val[f] != NULL) {
                    ok = FALSE;
                    break;
                }
                /* the text is most of a line: room for the rest of the
                 * line up front, instead of growing by doubling (the
                 * reallocations and copies showed in profiles) */
                val[f] = f == F_TEXT ? g_string_sized_new((gsize) (sc.end - sc.s))
                                     : g_string_new(NULL);
                if (!scan_string(&sc, val[f])) {
                    ok = FALSE;
                    break;
                }
            } else if (*sc.s == '"') {
                if (!scan_string(&sc, NULL)) {
                    ok = FALSE;
                    break;
                }
            } else if (*sc.s == '{' || *sc.s == '[' || !scan_scalar(&sc)) {
                ok = FALSE;
                break;
            }
            scan_ws(&sc);
            if (sc.s < sc.end && *sc.s == ',') {
                sc.s++;
                continue;
            }
            if (sc.s < sc.end && *sc.s == '}') {
                sc.s++;
                break;
            }
            ok = FALSE;
            break;
        }
    }
    scan_ws(&sc);
    ok = ok && sc.s == sc.end;
    /* the plain case only: errors are for the slow path to word */
    ok = ok && val[F_ID] && val[F_SOURCE] && val[F_TEXT] && !is_blank(val[F_ID]->str, val[F_ID]->len) &&
         !is_blank(val[F_SOURCE]->str, val[F_SOURCE]->len) &&
         !is_blank(val[F_TEXT]->str, val[F_TEXT]->len);
    if (ok) {
        doc = document_new(shown, line_no);
        doc->id = g_string_free(g_steal_pointer(&val[F_ID]), FALSE);
        doc->source = g_string_free(g_steal_pointer(&val[F_SOURCE]), FALSE);
        doc->text_len = val[F_TEXT]->len;
        doc->text = g_string_free(g_steal_pointer(&val[F_TEXT]), FALSE);
        char **opt[3] = {&doc->title, &doc->date, &doc->url};
        int fo[3] = {F_TITLE, F_DATE, F_URL};
        for (int i = 0; i < 3; i++)
            if (val[fo[i]] != NULL && val[fo[i]]->len > 0)
                *opt[i] = g_string_free(g_steal_pointer(&val[fo[i]]), FALSE);
    }
    for (int i = 0; i < N_FIELDS; i++)
        if (val[i] != NULL)
            g_string_free(val[i], TRUE);
    return doc;
}

/* Turn one JSON line into a document.  @line has @len bytes and line[len]
 * is NUL (cJSON wants the terminator inside the length it is given to
 * tell a cut record from trailing garbage). */
static SlantReadStatus
parse_record(const char *shown, const char *line, gsize len, gsize col_base,
             guint64 line_no, SlantDocument **doc_out, char **skip_id, GError **error)
{
    const char *bad;
    if (!utf8_valid_fast(line, len, &bad)) {
        set_error_at(error, SLANT_ERROR_UTF8, shown, line_no, col_base + (guint64) (bad - line) + 1,
                     "invalid UTF-8");
        return SLANT_READ_SKIP;
    }
    SlantDocument *fast = fast_record(shown, line, len, line_no);
    if (fast != NULL) {
        *doc_out = fast;
        return SLANT_READ_DOCUMENT;
    }

    const char *parse_end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(line, len + 1, &parse_end, TRUE);
    if (root == NULL) {
        Syntax sx = {line, len, 0, 0, 0, NULL};
        if (!syntax_value(&sx) || !syntax_end(&sx)) {
            set_error_at(error, SLANT_ERROR_JSON, shown, line_no, col_base + sx.at + 1,
                         "broken JSON: %s", sx.why);
        } else {
            /* what cJSON refuses beyond the grammar (a lone surrogate,
             * deep nesting): trust its position, roughly right */
            gsize at = parse_end != NULL && parse_end >= line ? (gsize) (parse_end - line) : 0;
            set_error_at(error, SLANT_ERROR_JSON, shown, line_no, col_base + MIN(at, len) + 1,
                         "broken JSON: value not accepted");
        }
        g_free(sx.why);
        return SLANT_READ_SKIP;
    }

    /* the fast path gives up on them too, so that both paths refuse them */
    gssize ctl = find_raw_control(line, len);
    if (ctl >= 0) {
        set_error_at(error, SLANT_ERROR_JSON, shown, line_no, col_base + (guint64) ctl + 1,
                     "broken JSON: control character in a string");
        cJSON_Delete(root);
        return SLANT_READ_SKIP;
    }

    SlantReadStatus status = SLANT_READ_SKIP;
    SlantDocument *doc = NULL;
    GError *local = NULL;
    const cJSON *fields[N_FIELDS] = {NULL};
    if (!cJSON_IsObject(root)) {
        set_error_at(&local, SLANT_ERROR_FORMAT, shown, line_no, 0, "record is %s, not an object",
                     json_type_name(root));
        goto out;
    }

    /* One pass over the members instead of a lookup per field: it costs
     * the same, and it sees a field given twice, which a lookup (first
     * wins) would drop without a word.  Names compare case-sensitively. */
    const char *duplicate = NULL;
    for (const cJSON *item = root->child; item != NULL; item = item->next) {
        for (int f = 0; f < N_FIELDS; f++) {
            if (strcmp(item->string, field_names[f]) == 0) {
                if (fields[f] != NULL && duplicate == NULL)
                    duplicate = field_names[f];
                else if (fields[f] == NULL)
                    fields[f] = item;
                break;
            }
        }
    }

    /* the id first, so that any later error can name the record */
    if (!required_string(fields[F_ID], "id", shown, line_no, &local))
        goto out;
    if (is_blank(fields[F_ID]->valuestring, strlen(fields[F_ID]->valuestring))) {
        set_error_at(&local, SLANT_ERROR_FORMAT, shown, line_no, 0, "field 'id' is empty");
        goto out;
    }
    if (duplicate != NULL) {
        set_error_at(&local, SLANT_ERROR_FORMAT, shown, line_no, 0, "duplicate field '%s'",
                     duplicate);
        goto out;
    }
    if (!required_string(fields[F_SOURCE], "source", shown, line_no, &local))
        goto out;
    if (is_blank(fields[F_SOURCE]->valuestring, strlen(fields[F_SOURCE]->valuestring))) {
        set_error_at(&local, SLANT_ERROR_FORMAT, shown, line_no, 0, "field 'source' is empty");
        goto out;
    }
    if (!required_string(fields[F_TEXT], "text", shown, line_no, &local))
        goto out;

    gssize nul = find_escaped_nul(line, len);
    if (nul >= 0) {
        set_error_at(&local, SLANT_ERROR_FORMAT, shown, line_no, col_base + (guint64) nul + 1,
                     "'\\u0000' in a string is not supported");
        goto out;
    }

    doc = document_new(shown, line_no);
    if (!optional_string(fields[F_TITLE], "title", &doc->title, shown, line_no, &local) ||
        !optional_string(fields[F_DATE], "date", &doc->date, shown, line_no, &local) ||
        !optional_string(fields[F_URL], "url", &doc->url, shown, line_no, &local))
        goto out;
    read_labels(fields[F_LABELS], doc, shown, line_no);

    const char *text = fields[F_TEXT]->valuestring;
    gsize text_len = strlen(text);
    if (is_blank(text, text_len)) {
        set_error_at(&local, SLANT_ERROR_EMPTY, shown, line_no, 0, "empty document");
        goto out;
    }
    doc->id = g_strdup(fields[F_ID]->valuestring);
    doc->source = g_strdup(fields[F_SOURCE]->valuestring);
    doc->text = g_strndup(text, text_len);
    doc->text_len = text_len;
    *doc_out = doc;
    doc = NULL;
    status = SLANT_READ_DOCUMENT;

out:
    if (local != NULL) {
        if (skip_id != NULL && fields[F_ID] != NULL && cJSON_IsString(fields[F_ID]) &&
            fields[F_ID]->valuestring[0] != '\0')
            *skip_id = g_strdup(fields[F_ID]->valuestring);
        g_propagate_error(error, local);
    }
    slant_document_free(doc);
    cJSON_Delete(root);
    return status;
}

/* One read(2), taking what is there: a pipe hands out what its writer
 * has written so far, and waiting for a full chunk would hold back
 * records that are ready.  Returns the byte count (0 at the end), or -1
 * with errno set. */
static gssize
read_some(int fd, char *buf, gsize size)
{
    for (;;) {
        ssize_t n = read(fd, buf, size);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

/* Refill buf with the next bytes of JSON Lines text, setting reader->eof
 * at the end of the input.  Errors are SLANT_ERROR_IO. */
static gboolean
fill_buffer(SlantCorpusReader *reader, GError **error)
{
    reader->buf_pos = 0;
    reader->buf_len = 0;
    if (reader->codec == NULL) {
        gssize n = read_some(reader->fd, reader->buf, CHUNK_SIZE);
        if (n < 0)
            goto fail;
        reader->eof = n == 0;
        reader->buf_len = (gsize) n;
        return TRUE;
    }

    while (reader->buf_len == 0) {
        /* a codec that filled the buffer may hold more output without
         * needing input: ask it again before reading or ending */
        if (reader->raw_pos == reader->raw_len && !reader->out_full) {
            if (!reader->raw_eof) {
                gssize n = read_some(reader->fd, reader->raw, RAW_CHUNK_SIZE);
                if (n < 0)
                    goto fail;
                reader->raw_pos = 0;
                reader->raw_len = (gsize) n;
                reader->raw_eof = n == 0;
                continue;
            }
            if (reader->in_member) {
                set_error_at(error, SLANT_ERROR_IO, reader->display, reader->line_no + 1, 0,
                             "cannot read: truncated %s data", reader->codec->name);
                return FALSE;
            }
            reader->eof = TRUE;
            return TRUE;
        }
        gsize n_read = 0, n_written = 0;
        SlantCodecStatus st = reader->codec->read(
            reader->codec_state, (const guchar *) reader->raw + reader->raw_pos,
            reader->raw_len - reader->raw_pos, &n_read, reader->buf, CHUNK_SIZE, &n_written,
            &reader->in_member);
        if (st == SLANT_CODEC_INVALID) {
            /* the libraries' reasons ("invalid distance too far back")
             * mean nothing to a reader of the message */
            set_error_at(error, SLANT_ERROR_IO, reader->display, reader->line_no + 1, 0,
                         "cannot read: invalid %s data", reader->codec->name);
            return FALSE;
        }
        if (n_read == 0 && n_written == 0 && reader->raw_pos < reader->raw_len) {
            /* input it will not take and nothing to give: it would never
             * get further (no codec does this on data it understands) */
            set_error_at(error, SLANT_ERROR_IO, reader->display, reader->line_no + 1, 0,
                         "cannot read: invalid %s data", reader->codec->name);
            return FALSE;
        }
        reader->raw_pos += n_read;
        reader->buf_len = n_written;
        reader->out_full = n_written == CHUNK_SIZE;
    }
    return TRUE;

fail: {
    int saved = errno;
    set_error_at(error, SLANT_ERROR_IO, reader->display, reader->line_no + 1, 0,
                 "cannot read: %s", g_strerror(saved));
    return FALSE;
}
}

/* Handle one complete line (without its '\n'); line[len] is writable.
 * Returns FALSE for a blank line, which is no record. */
static gboolean
finish_line(SlantCorpusReader *reader, char *line, gsize len, SlantDocument **doc_out,
            guint64 *skip_line, char **skip_id, GError **error, SlantReadStatus *status)
{
    if (len > 0 && line[len - 1] == '\r')
        len--;
    line[len] = '\0';
    *skip_line = reader->line_no;
    if (reader->max_bytes > 0 && len > reader->max_bytes) {
        set_error_at(error, SLANT_ERROR_TOO_LARGE, reader->display, reader->line_no, 0,
                     "line too large (%" G_GSIZE_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")", len,
                     reader->max_bytes);
        *status = SLANT_READ_SKIP;
        return TRUE;
    }
    /* Windows tools open files with a byte order mark, and "cat a b" puts
     * b's mark at the start of a line; cJSON passes over it anyway.
     * Columns still count it, as they count bytes of the file.  A line of
     * a mark alone is what an empty file saved by such a tool gives: blank. */
    gsize skip = 0;
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    gsize i = skip;
    while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
        i++;
    if (i == len)
        return FALSE;
    if (reader->defer) {
        /* parsed later, maybe on another thread: slant_corpus_record_parse() */
        SlantRecord *rec = g_new(SlantRecord, 1);
        rec->input = reader->display;
        rec->line = g_strndup(line + skip, len - skip);
        rec->len = len - skip;
        rec->col_base = skip;
        rec->line_no = reader->line_no;
        reader->pending = rec;
        *status = SLANT_READ_DOCUMENT;
        return TRUE;
    }
    *status = parse_record(reader->display, line + skip, len - skip, skip, reader->line_no, doc_out,
                           skip_id, error);
    return TRUE;
}

static SlantReadStatus
next_in_jsonl(SlantCorpusReader *reader, SlantDocument **doc_out, guint64 *skip_line,
              char **skip_id, GError **error)
{
    GString *carry = reader->carry;
    SlantReadStatus status;
    for (;;) {
        if (reader->buf_pos == reader->buf_len) {
            if (!reader->eof) {
                if (!fill_buffer(reader, error)) {
                    reader->done = TRUE;
                    *skip_line = reader->line_no + 1; /* the line it broke off in */
                    return SLANT_READ_FATAL;
                }
                continue;
            }
            /* a last line without a newline */
            if (reader->discarding) {
                reader->discarding = FALSE;
                reader->line_no++;
                *skip_line = reader->line_no;
                set_error_at(error, SLANT_ERROR_TOO_LARGE, reader->display, reader->line_no, 0,
                             "line too large (%" G_GUINT64_FORMAT " bytes, limit %" G_GSIZE_FORMAT
                             ")",
                             reader->discarded - (reader->discard_cr ? 1 : 0), reader->max_bytes);
                return SLANT_READ_SKIP;
            }
            if (carry->len > 0) {
                reader->line_no++;
                gboolean got = finish_line(reader, carry->str, carry->len, doc_out, skip_line,
                                           skip_id, error, &status);
                g_string_truncate(carry, 0);
                if (got)
                    return status;
            }
            reader->done = TRUE;
            return SLANT_READ_END;
        }

        char *start = reader->buf + reader->buf_pos;
        gsize avail = reader->buf_len - reader->buf_pos;
        char *nl = memchr(start, '\n', avail);
        if (nl == NULL) {
            if (reader->discarding) {
                reader->discarded += avail;
            } else {
                g_string_append_len(carry, start, (gssize) avail);
                /* +1: the line may yet end in "\r\n", and the '\r' is no
                 * part of it */
                if (reader->max_bytes > 0 && carry->len > reader->max_bytes + 1) {
                    reader->discarding = TRUE;
                    reader->discarded = carry->len;
                    g_string_truncate(carry, 0);
                }
            }
            reader->discard_cr = start[avail - 1] == '\r';
            reader->buf_pos = reader->buf_len;
            continue;
        }

        gsize seg = (gsize) (nl - start);
        reader->buf_pos += seg + 1;
        reader->line_no++;
        if (reader->discarding) {
            gboolean cr = seg > 0 ? start[seg - 1] == '\r' : reader->discard_cr;
            reader->discarding = FALSE;
            *skip_line = reader->line_no;
            set_error_at(error, SLANT_ERROR_TOO_LARGE, reader->display, reader->line_no, 0,
                         "line too large (%" G_GUINT64_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")",
                         reader->discarded + seg - (cr ? 1 : 0), reader->max_bytes);
            return SLANT_READ_SKIP;
        }
        gboolean got;
        if (carry->len > 0) {
            g_string_append_len(carry, start, (gssize) seg);
            got = finish_line(reader, carry->str, carry->len, doc_out, skip_line, skip_id, error,
                              &status);
            g_string_truncate(carry, 0);
        } else {
            /* the common case: the line lies whole in buf, parse it there */
            got = finish_line(reader, start, seg, doc_out, skip_line, skip_id, error, &status);
        }
        if (got)
            return status;
    }
}

SlantReadStatus
slant_corpus_reader_next(SlantCorpusReader *reader, SlantDocument **doc_out, guint64 *skip_line,
                         char **skip_id, GError **error)
{
    g_return_val_if_fail(reader != NULL, SLANT_READ_FATAL);
    g_return_val_if_fail(doc_out != NULL, SLANT_READ_FATAL);
    g_return_val_if_fail(error == NULL || *error == NULL, SLANT_READ_FATAL);

    *doc_out = NULL;
    if (skip_id != NULL)
        *skip_id = NULL;
    guint64 line = 1; /* a whole file */
    SlantReadStatus status;
    switch (reader->format) {
    case SLANT_CORPUS_DIRECTORY:
        status = next_in_directory(reader, doc_out, &line, skip_id, error);
        break;
    case SLANT_CORPUS_TEXT_FILE:
        status = next_text_file(reader, doc_out, skip_id, error);
        break;
    case SLANT_CORPUS_JSONL:
    case SLANT_CORPUS_JSONL_GZ:
    case SLANT_CORPUS_JSONL_ZST:
    case SLANT_CORPUS_STDIN:
    default:
        status = reader->done ? SLANT_READ_END
                              : next_in_jsonl(reader, doc_out, &line, skip_id, error);
        break;
    }
    if (skip_line != NULL)
        *skip_line = status == SLANT_READ_SKIP || status == SLANT_READ_FATAL ? line : 0;
    return status;
}

SlantReadStatus
slant_corpus_reader_next_record(SlantCorpusReader *reader, SlantDocument **doc_out,
                                SlantRecord **record_out, guint64 *skip_line, char **skip_id,
                                GError **error)
{
    g_return_val_if_fail(record_out != NULL, SLANT_READ_FATAL);
    *record_out = NULL;
    reader->defer = TRUE;
    reader->pending = NULL;
    SlantReadStatus st = slant_corpus_reader_next(reader, doc_out, skip_line, skip_id, error);
    reader->defer = FALSE;
    if (st == SLANT_READ_DOCUMENT && *doc_out == NULL) {
        *record_out = reader->pending;
        reader->pending = NULL;
    }
    return st;
}

SlantReadStatus
slant_corpus_record_parse(const SlantRecord *record, SlantDocument **doc_out, char **skip_id,
                          GError **error)
{
    g_return_val_if_fail(record != NULL && doc_out != NULL, SLANT_READ_FATAL);
    *doc_out = NULL;
    if (skip_id != NULL)
        *skip_id = NULL;
    return parse_record(record->input, record->line, record->len, record->col_base,
                        record->line_no, doc_out, skip_id, error);
}

void
slant_record_free(SlantRecord *record)
{
    if (record == NULL)
        return;
    g_free(record->line);
    g_free(record);
}

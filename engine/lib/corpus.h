/* corpus.h: streaming readers for the corpus formats of DESIGN.md §3.
 *
 * A SlantCorpusReader yields one SlantDocument at a time from one input:
 *
 *   - a directory tree ROOT/SOURCE/NAME.txt: the first folder level under
 *     ROOT names the source; files are visited in byte order of their
 *     relative path (strcmp), so runs are deterministic.  Only names ending
 *     in ".txt" (lowercase) are read, in any depth of folders below SOURCE;
 *     other files are not corpus files and are passed over, and so are
 *     hidden files and folders (names starting with ".").  Links to folders
 *     are not followed (no cycles); a link named "*.txt" is read like a
 *     file.  The id is the '/'-separated path relative to ROOT
 *     ("Sankei News/2019/000_x.txt").  A "*.txt" directly in ROOT has no
 *     source folder: it needs a "source:" key, else it is skipped
 *     (SLANT_ERROR_FORMAT).  A file whose relative path is not valid UTF-8
 *     is skipped (SLANT_ERROR_UTF8), since ids and sources must be UTF-8;
 *     a file that cannot be read is skipped with SLANT_ERROR_IO; a "*.txt"
 *     that is a named pipe, socket or device (or a link to one) is skipped
 *     with SLANT_ERROR_FORMAT ("not a regular file"), without opening or
 *     reading it; a folder below ROOT that cannot be listed (no
 *     permission) is skipped in its place, in byte order, with
 *     SLANT_ERROR_IO, line 0 and no id ("ROOT/REL: cannot open folder:
 *     REASON"), and the rest of the tree is read;
 *   - a single file not named "*.jsonl", "*.jsonl.gz" or "*.jsonl.zst": one document; its
 *     source is its folder's name (of the real path, so "x.txt" in the
 *     working directory takes the working directory's name), its id the
 *     file's base name;
 *   - JSON Lines: a path ending in ".jsonl", ".jsonl.gz" (gzip,
 *     decompressed with ISA-L's igzip, or zlib where the build did not
 *     find ISA-L: see codec.h; files of many gzip members, as
 *     "cat a.gz b.gz" or pigz make, are read to the end) or ".jsonl.zst"
 *     (zstd, libzstd; files of many frames are read to the end), or "-"
 *     for standard input (plain, not compressed), one object a line.  The
 *     ending alone chooses: the first bytes are not sniffed.
 *
 * Text files: UTF-8, with or without a byte order mark, lines ending in
 * "\n" or "\r\n".  A file may open with a front-matter block: a line
 * "---", then "key: value" lines, then a line "---".  The key is what
 * stands before the first ':', the value what follows; both are trimmed,
 * and values are taken literally (no YAML quoting: "title: \"x\"" keeps
 * the quotes).  Keys (case-sensitive): title, date, url, source (overrides
 * the folder name), id (overrides the relative path) and labels.NAME (one
 * string label, "" when the value is empty; see "Labels" below).  Unknown
 * keys are passed over, so that front matter written for other tools does
 * no harm; blank lines inside the block are allowed.  An empty title, date
 * or url counts as not given; an empty "source:" or "id:", a line without
 * ':', an empty key, a key other than a label given twice, and a block
 * without its closing "---" are SLANT_ERROR_FORMAT naming the line.  A first line that is not exactly
 * "---" (say "--- " or "----") opens no block: the file is all text.  The
 * text is everything after the block, as written (not trimmed);
 * doc->line is the line it starts on.  max_document_bytes is compared
 * with the size of the whole file, before reading it.
 *
 * JSON Lines records: an object with "id", "source", "text" (strings)
 * required and "title", "date", "url" (strings) and "labels" (an object)
 * optional; other members are passed over.  Names are case-sensitive.
 * Values are taken as written (not trimmed).  id and source must not be
 * empty or white space only.  An optional field that is null or "" counts
 * as not given.  A field given twice and "\u0000" in any string (it would
 * cut the string short) are SLANT_ERROR_FORMAT.  A raw control character
 * (U+0000 to U+001F: a literal TAB, 0x01) inside a string is broken JSON
 * (SLANT_ERROR_JSON, at its column), as RFC 8259 says, rather than taken
 * as written: a record slant takes is one any JSON reader takes (outside
 * strings TAB, CR and LF are white space).  Lines may end in "\r\n";
 * blank lines (spaces and tabs only) are no records and are passed over
 * without a word, but still count for line numbers; a byte order mark
 * at the start of a line is allowed (files joined with cat have them
 * there), and columns still count it; a line of a byte order mark alone
 * (and blanks) is blank (cat of an empty file a Windows tool saved).
 * Errors are checked in this order: line size, UTF-8, JSON syntax (raw
 * control characters included), object, id, fields given twice, source,
 * text, "\u0000", title, date, url, empty text.  Column numbers count
 * bytes, from 1.
 *
 * Labels (both formats) are never a reason to skip a document.  "labels"
 * may hold any JSON: nested objects flatten to dotted names
 * ({"a": {"b": 1}} is the label "a.b"), and every leaf keeps its type (see
 * SlantLabel): strings, numbers (their text as cJSON prints them: 3 gives
 * "3", 0.5 gives "0.5"), booleans, null, and arrays and empty objects as
 * their compact JSON text.  What cannot be a label is passed over with a
 * warning in doc->warnings (the document is scored): a "labels" member
 * that is not an object, an empty name (also an empty part of a dotted
 * one: {"": 1}, {"a": {"": 1}}), and a name given twice (also by
 * flattening: {"a.b": 1, "a": {"b": 2}}), of which the first stands.
 * Front matter "labels.NAME: value" lines give string labels the same
 * way.
 *
 * A document whose text is empty or only white space (Unicode white space:
 * U+3000 and U+00A0 count) is skipped with SLANT_ERROR_EMPTY ("INPUT:LINE:
 * empty document"; LINE is 1 for a file).  An input with no records at all
 * is not an error here: next() just returns SLANT_READ_END (the engine
 * decides what an empty corpus means).  A NUL byte counts as invalid
 * UTF-8.
 *
 * Memory stays flat: only the current document is held (for a directory,
 * the sorted list of relative paths is made up front; it is small), and a
 * JSON line over the limit is discarded as it streams by, not buffered
 * whole.  A document whose record is broken is not fatal: next() returns
 * SLANT_READ_SKIP with a GError in the SLANT_ERROR domain
 * (SLANT_ERROR_UTF8, _JSON, _FORMAT, _TOO_LARGE, _EMPTY, or _IO for a file
 * or folder of a directory tree that cannot be read) whose message starts
 * with "INPUT:LINE: " or "INPUT:LINE:COL: " (a folder: "INPUT: "), where
 * INPUT is the path as given to the reader (for a directory tree: that
 * path joined with the file's or folder's relative path), and the caller
 * can go on calling next().  Duplicate ids
 * are not detected here (ids must be unique across inputs: the engine
 * checks that).
 *
 * A reader is not thread-safe; distinct readers may be used from distinct
 * threads.
 */
#ifndef SLANT_CORPUS_H
#define SLANT_CORPUS_H

#include <glib.h>

G_BEGIN_DECLS

/* The JSON type of a label's value. */
typedef enum {
    SLANT_LABEL_STRING, /* value: the string itself (may be "") */
    SLANT_LABEL_NUMBER, /* value: the number's JSON text ("3", "0.5") */
    SLANT_LABEL_BOOL,   /* value: "true" or "false" */
    SLANT_LABEL_NULL,   /* value: "null" */
    SLANT_LABEL_JSON,   /* value: compact JSON text of an array or an empty object */
} SlantLabelType;

/* SlantLabel: one human label of a document ("stance" -> "supportive",
 * "article_level.relative_stance" -> 2).  key is the flattened, dotted
 * name; value is never NULL; for every type but STRING it is valid JSON
 * text, so a writer can put it in JSON as it stands. */
typedef struct {
    char *key;
    char *value;
    SlantLabelType type;
} SlantLabel;

/* SlantDocument: one article.  All strings are owned by the document and
 * are valid, NUL-terminated UTF-8.  Invariants: id, source, text and input
 * are never NULL; title, date and url may be NULL; labels is never NULL
 * (possibly empty), holds SlantLabel* sorted by key, keys unique. */
typedef struct {
    char *id;          /* unique within a run; dir tree: path relative to ROOT */
    char *source;      /* the outlet */
    char *title;       /* nullable */
    char *date;        /* nullable, as written */
    char *url;         /* nullable */
    GPtrArray *labels; /* of SlantLabel*, owned */
    GPtrArray *warnings; /* nullable: char* messages "INPUT:LINE: ..." about labels passed over */
    char *text;        /* the article body (front matter removed) */
    gsize text_len;    /* strlen(text) */
    char *input;       /* where it comes from, for messages "INPUT:LINE: ...": the path
                        * given to the reader ("-" for stdin); for a directory tree,
                        * that path joined with the file's relative path */
    guint64 line;      /* JSON Lines: line number (from 1); files: the line where text starts */
    guint64 seq;       /* set by the engine: position in the run, from 0 */
} SlantDocument;

void slant_document_free(SlantDocument *doc); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantDocument, slant_document_free)

/* slant_document_label: the value of label @key, or NULL.  The string is
 * owned by @doc and lives as long as it. */
const char *slant_document_label(const SlantDocument *doc, const char *key);

/* slant_document_find_label: label @key of @doc (owned by @doc), or NULL. */
const SlantLabel *slant_document_find_label(const SlantDocument *doc, const char *key);

typedef enum {
    SLANT_CORPUS_DIRECTORY,
    SLANT_CORPUS_TEXT_FILE,
    SLANT_CORPUS_JSONL,
    SLANT_CORPUS_JSONL_GZ,
    SLANT_CORPUS_STDIN,
    SLANT_CORPUS_JSONL_ZST,
} SlantCorpusFormat;

/* slant_corpus_format_name: "directory", "text", "jsonl", "jsonl.gz",
 * "stdin", "jsonl.zst" (static strings; the names reports and partials
 * store). */
const char *slant_corpus_format_name(SlantCorpusFormat format);

/* slant_corpus_format_from_name: the format named @name, FALSE when none is. */
gboolean slant_corpus_format_from_name(const char *name, SlantCorpusFormat *format);

/* slant_corpus_path_is_jsonl: does @path end as a JSON Lines file does
 * (".jsonl", ".jsonl.gz", ".jsonl.zst")?  Then the reader takes it as
 * JSON Lines whatever it is (a named pipe will do). */
gboolean slant_corpus_path_is_jsonl(const char *path);

/* After SLANT_READ_END or SLANT_READ_FATAL, next() returns SLANT_READ_END. */
typedef enum {
    SLANT_READ_DOCUMENT, /* *doc_out holds a document, owned by the caller */
    SLANT_READ_SKIP,     /* a record was broken: *error says why; call next() again */
    SLANT_READ_END,      /* no more documents */
    SLANT_READ_FATAL,    /* the input cannot be read further: *error says why (SLANT_ERROR_IO) */
} SlantReadStatus;

typedef struct _SlantCorpusReader SlantCorpusReader;

/* slant_corpus_reader_new: open @path ("-" is standard input).  The format
 * is chosen by what @path is (directory, *.jsonl, *.jsonl.gz, *.jsonl.zst,
 * other files are single text documents).  @max_document_bytes (0: no limit) bounds a
 * document's text and a JSON line: larger ones are skipped with
 * SLANT_ERROR_TOO_LARGE, whatever their size, without holding them whole
 * (for a text file the limit is on the file's size).  The format is
 * settled here: a directory named "x.jsonl" is a directory; a path ending
 * in ".jsonl", ".jsonl.gz" or ".jsonl.zst" need not be a regular file (a named pipe
 * will do); any other path that is neither a folder nor a regular file
 * is refused with SLANT_ERROR_IO.  A directory tree is listed here; of its
 * folders only ROOT failing to open fails here, the others are skips of
 * next().
 * Returns NULL with SLANT_ERROR_IO when @path does not exist or cannot be
 * opened ("cannot open 'PATH': REASON").  Free with slant_corpus_reader_free(). */
SlantCorpusReader *slant_corpus_reader_new(const char *path, gsize max_document_bytes,
                                           GError **error);
void slant_corpus_reader_free(SlantCorpusReader *reader); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantCorpusReader, slant_corpus_reader_free)

SlantCorpusFormat slant_corpus_reader_format(const SlantCorpusReader *reader);

/* slant_corpus_reader_fraction: how much of the input has been read, from
 * 0 to 1 (for progress: the share of a file's bytes read, compressed bytes
 * for .gz; of a tree's files), or -1 when unknown (standard input, a
 * pipe). */
double slant_corpus_reader_fraction(const SlantCorpusReader *reader);

/* slant_corpus_reader_next: read the next document.  See SlantReadStatus.
 * *doc_out is set to NULL unless a document is returned.  On
 * SLANT_READ_SKIP, *skip_line (when not NULL) is set to the line of the
 * broken record (1 for a whole file, 0 for a folder; else 0), and
 * *skip_id to the record's id when one could be read (newly allocated,
 * else NULL; may be NULL to ignore): for a file that is its default id,
 * the relative path (or base name), even if its front matter names
 * another.  A read failure or
 * corrupt compressed data in JSON Lines is SLANT_READ_FATAL with
 * SLANT_ERROR_IO ("INPUT:LINE: cannot read: REASON", LINE the line being
 * read, also in *skip_line; 1 for a text file); what was read before
 * stands.  The reasons for compressed files: "truncated gzip data" or
 * "truncated zstd data" (the file ends inside a member or frame),
 * "invalid gzip data" or "invalid zstd data" (anything else the
 * decompressor refuses, checksums included); an empty file is no error
 * (no records). */
SlantReadStatus slant_corpus_reader_next(SlantCorpusReader *reader, SlantDocument **doc_out,
                                         guint64 *skip_line, char **skip_id, GError **error);

/* SlantRecord: one JSON line read but not parsed yet.  Parsing (UTF-8
 * validation, JSON, fields) is most of a reader's work; handing records to
 * worker threads keeps the reading thread from being the bottleneck.
 * @input belongs to the reader and lives as long as it. */
typedef struct {
    const char *input; /* the reader's display name */
    char *line;        /* the record's bytes, NUL-terminated, owned */
    gsize len;
    gsize col_base;    /* bytes before line in the file's line (a byte order mark) */
    guint64 line_no;
} SlantRecord;

void slant_record_free(SlantRecord *record); /* NULL is a no-op */

/* slant_corpus_reader_next_record: like slant_corpus_reader_next(), but a
 * JSON line comes back unparsed in *record_out (with *doc_out NULL) for
 * slant_corpus_record_parse(); other formats come back parsed in *doc_out.
 * Problems found while reading (a line over the limit) are still SKIPs. */
SlantReadStatus slant_corpus_reader_next_record(SlantCorpusReader *reader,
                                                SlantDocument **doc_out,
                                                SlantRecord **record_out, guint64 *skip_line,
                                                char **skip_id, GError **error);

/* slant_corpus_record_parse: parse @record into *doc_out (SLANT_READ_DOCUMENT)
 * or say why not (SLANT_READ_SKIP, with *skip_id when the id could be read),
 * exactly as slant_corpus_reader_next() would have.  Thread-safe. */
SlantReadStatus slant_corpus_record_parse(const SlantRecord *record, SlantDocument **doc_out,
                                          char **skip_id, GError **error);

G_END_DECLS

#endif

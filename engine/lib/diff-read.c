/* diff-read.c: the files `slant diff` reads, scanned without building
 * anything.
 *
 * A report can be tens of megabytes (one element of comparisons[] per
 * pair: 35,778 pairs for 268 groups), and a cJSON tree takes about six
 * times the text.  So each file is mapped and scanned once (scan_*
 * below): the top-level members are located, and the elements of
 * sources[], comparisons[] and documents[] (or the lines of a score
 * output) are indexed by their key.  diff.c then parses one group, pair
 * or document of each side at a time with slant_diff_parse_span().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "diff-private.h"
#include "jsonpos.h"
#include "slant-error.h"

#define MAX_DEPTH 1000 /* cJSON's CJSON_NESTING_LIMIT */

static DiffEntities *
entities_new(DiffEntKind kind)
{
    DiffEntities *e = g_new0(DiffEntities, 1);
    e->kind = kind;
    e->list = g_array_new(FALSE, FALSE, sizeof(DiffEntity));
    e->index = g_hash_table_new(g_str_hash, g_str_equal);
    return e;
}

static void
entities_free(DiffEntities *e)
{
    if (e == NULL)
        return;
    for (guint i = 0; i < e->list->len; i++)
        g_free(g_array_index(e->list, DiffEntity, i).key);
    g_array_unref(e->list);
    g_hash_table_unref(e->index);
    g_free(e);
}

static void
member_free(gpointer p)
{
    DiffMember *m = p;
    g_free(m->key);
    entities_free(m->ents);
    g_free(m);
}

void
slant_diff_input_clear(DiffInput *in)
{
    if (in->map != NULL)
        g_mapped_file_unref(in->map);
    g_free(in->data);
    if (in->members != NULL)
        g_ptr_array_unref(in->members);
    entities_free(in->docs);
    memset(in, 0, sizeof *in);
}

gboolean
slant_diff_input_read(DiffInput *in, const char *path, GError **error)
{
    in->name = path;
    if (strcmp(path, "-") == 0) {
        in->name = "standard input";
        GString *s = g_string_new(NULL);
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
            g_string_append_len(s, buf, (gssize) n);
        if (ferror(stdin)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read standard input: %s",
                        g_strerror(errno));
            g_string_free(s, TRUE);
            return FALSE;
        }
        in->len = s->len;
        in->data = g_string_free(s, FALSE);
        in->text = in->data;
        return TRUE;
    }
    int fd = g_open(path, O_RDONLY, 0);
    if (fd < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", path,
                    g_strerror(errno));
        return FALSE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", path,
                    g_strerror(e));
        close(fd);
        return FALSE;
    }
    GError *merr = NULL;
    in->map = g_mapped_file_new_from_fd(fd, FALSE, &merr);
    close(fd);
    if (in->map == NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", path,
                    merr->message);
        g_error_free(merr);
        return FALSE;
    }
    in->text = g_mapped_file_get_contents(in->map);
    in->len = g_mapped_file_get_length(in->map);
    if (in->text == NULL)
        in->text = "";
    return TRUE;
}

typedef struct {
    const char *s;
    gsize len, pos;
} Scan;

static inline void
scan_ws(Scan *sc)
{
    while (sc->pos < sc->len) {
        char c = sc->s[sc->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        sc->pos++;
    }
}

/* From the opening quote to after the closing one. */
static gboolean
scan_string(Scan *sc)
{
    if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
        return FALSE;
    const char *p = sc->s + sc->pos + 1, *end = sc->s + sc->len;
    while (p < end) {
        const char *q = memchr(p, '"', (gsize) (end - p));
        if (q == NULL)
            break;
        /* the quote ends the string unless an odd run of backslashes precedes it */
        const char *b = q;
        while (b > p && b[-1] == '\\')
            b--;
        if (((q - b) & 1) == 0) {
            sc->pos = (gsize) (q + 1 - sc->s);
            return TRUE;
        }
        p = q + 1;
    }
    sc->pos = sc->len;
    return FALSE;
}

static gboolean scan_value(Scan *sc, guint depth);

/* The bytes of numbers and of true, false and null. */
static const guint8 literal_byte[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['-'] = 1, ['+'] = 1, ['.'] = 1, ['e'] = 1, ['E'] = 1, ['t'] = 1,
    ['r'] = 1, ['u'] = 1, ['f'] = 1, ['a'] = 1, ['l'] = 1, ['s'] = 1, ['n'] = 1,
};

static gboolean
scan_container(Scan *sc, guint depth)
{
    char close = sc->s[sc->pos] == '{' ? '}' : ']';
    if (depth >= MAX_DEPTH)
        return FALSE;
    sc->pos++;
    scan_ws(sc);
    if (sc->pos < sc->len && sc->s[sc->pos] == close) {
        sc->pos++;
        return TRUE;
    }
    for (;;) {
        if (close == '}') {
            if (!scan_string(sc))
                return FALSE;
            scan_ws(sc);
            if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
                return FALSE;
            sc->pos++;
        }
        if (!scan_value(sc, depth + 1))
            return FALSE;
        scan_ws(sc);
        if (sc->pos >= sc->len)
            return FALSE;
        char c = sc->s[sc->pos];
        if (c == close) {
            sc->pos++;
            return TRUE;
        }
        if (c != ',')
            return FALSE;
        sc->pos++;
        scan_ws(sc);
    }
}

/* Skips a value; the numbers and literals are checked by cJSON later,
 * when the value is parsed. */
static gboolean
scan_value(Scan *sc, guint depth)
{
    scan_ws(sc);
    if (sc->pos >= sc->len)
        return FALSE;
    char c = sc->s[sc->pos];
    if (c == '"')
        return scan_string(sc);
    if (c == '{' || c == '[')
        return scan_container(sc, depth);
    gsize start = sc->pos;
    while (sc->pos < sc->len && literal_byte[(guchar) sc->s[sc->pos]])
        sc->pos++;
    return sc->pos > start;
}

/* The step between the items of a container opened by @open and closed by
 * @close: call with *@first TRUE at @open.  1: an item starts at sc->pos;
 * 0: the end, after @close; -1: malformed, sc->pos at the fault. */
static int
scan_next_item(Scan *sc, gboolean *first, char open, char close)
{
    if (*first) {
        if (sc->pos >= sc->len || sc->s[sc->pos] != open)
            return -1;
        sc->pos++;
        scan_ws(sc);
        *first = FALSE;
        if (sc->pos < sc->len && sc->s[sc->pos] == close) {
            sc->pos++;
            return 0;
        }
        return 1;
    }
    scan_ws(sc);
    if (sc->pos >= sc->len)
        return -1;
    char c = sc->s[sc->pos];
    if (c == close) {
        sc->pos++;
        return 0;
    }
    if (c != ',')
        return -1;
    sc->pos++;
    scan_ws(sc);
    return 1;
}

/* The value at sc->pos into @value: scanned to its end with @skip, else
 * left for the caller to scan (its length 0).  FALSE when malformed. */
static gboolean
scan_item_value(Scan *sc, DiffSpan *value, gboolean skip)
{
    value->off = sc->pos;
    value->len = 0;
    if (!skip)
        return TRUE;
    if (!scan_value(sc, 1))
        return FALSE;
    value->len = sc->pos - value->off;
    return TRUE;
}

/* Members of the object at sc->pos, one at a time: call with *@first
 * TRUE at the '{'.  1: a member (@key includes the quotes), with @skip
 * scanned to its end (@value), without it sc->pos is at the value's start
 * for the caller to scan; 0: the end, after the '}'; -1: malformed,
 * sc->pos at the fault. */
static int
scan_member(Scan *sc, gboolean *first, DiffSpan *key, DiffSpan *value, gboolean skip)
{
    int r = scan_next_item(sc, first, '{', '}');
    if (r <= 0)
        return r;
    key->off = sc->pos;
    if (!scan_string(sc))
        return -1;
    key->len = sc->pos - key->off;
    scan_ws(sc);
    if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
        return -1;
    sc->pos++;
    scan_ws(sc);
    return scan_item_value(sc, value, skip) ? 1 : -1;
}

/* Elements of the array at sc->pos, as scan_member(). */
static int
scan_element(Scan *sc, gboolean *first, DiffSpan *value, gboolean skip)
{
    int r = scan_next_item(sc, first, '[', ']');
    if (r <= 0)
        return r;
    return scan_item_value(sc, value, skip) ? 1 : -1;
}

static gboolean
key_is(const char *s, DiffSpan key, const char *name)
{
    gsize n = strlen(name);
    return key.len == n + 2 && memcmp(s + key.off + 1, name, n) == 0;
}

static void
set_json_error(const DiffInput *in, gsize at, const char *what, GError **error)
{
    guint line, col;
    slant_text_position(in->text, in->len, at, &line, &col);
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_JSON, "%s:%u:%u: %s%s", in->name, line, col, what,
                at >= in->len ? " (the text ends early: cut short?)" : "");
}

static void
set_format_error(const DiffInput *in, gsize at, GError **error, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

static void
set_format_error(const DiffInput *in, gsize at, GError **error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *m = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    guint line, col;
    slant_text_position(in->text, in->len, at, &line, &col);
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT, "%s:%u:%u: %s", in->name, line, col, m);
}

/* Parse the value at @sp with cJSON. */
cJSON *
slant_diff_parse_span(const DiffInput *in, DiffSpan sp, GError **error)
{
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(in->text + sp.off, sp.len, &end, FALSE);
    if (j == NULL) {
        gsize at = end != NULL && end >= in->text && end <= in->text + in->len
                       ? (gsize) (end - in->text)
                       : sp.off;
        set_json_error(in, at, "not valid JSON", error);
    }
    return j;
}

/* A string value (or any value, as compact JSON text) at @sp, decoded. */
static char *
span_text(const DiffInput *in, DiffSpan sp, gboolean *is_string, GError **error)
{
    const char *s = in->text + sp.off;
    if (sp.len >= 2 && s[0] == '"' && memchr(s, '\\', sp.len) == NULL) {
        *is_string = TRUE;
        return g_strndup(s + 1, sp.len - 2);
    }
    cJSON *j = slant_diff_parse_span(in, sp, error);
    if (j == NULL)
        return NULL;
    char *out;
    *is_string = cJSON_IsString(j);
    if (*is_string) {
        out = g_strdup(j->valuestring);
    } else {
        char *p = cJSON_PrintUnformatted(j);
        out = g_strdup(p);
        cJSON_free(p);
    }
    cJSON_Delete(j);
    return out;
}

static const char *
ent_noun(DiffEntKind k)
{
    return k == ENT_SOURCES ? "group" : k == ENT_COMPARISONS ? "pair" : "document";
}

/* Index one element of sources[], comparisons[] or documents[] (or one
 * line of a score output), the object at sc->pos, by its key; sc->pos
 * ends after it. */
static gboolean
index_entity(SlantDiff *d, const DiffInput *in, DiffEntities *es, Scan *scp, GError **error)
{
    Scan sc = *scp;
    DiffSpan sp = {sc.pos, 0};
    gboolean first = TRUE;
    DiffSpan k, v;
    int r;
    DiffSpan found[3];
    gboolean have[3] = {FALSE, FALSE, FALSE};
    static const char *const names[3][3] = {
        {"name", NULL, NULL}, {"a", "b", "kind"}, {"id", NULL, NULL}};
    if (sp.off >= in->len || in->text[sp.off] != '{') {
        set_format_error(in, sp.off, error, "a %s that is not an object: not a slant %s",
                         ent_noun(es->kind), es->kind == ENT_DOCUMENTS ? "score line" : "report");
        return FALSE;
    }
    while ((r = scan_member(&sc, &first, &k, &v, TRUE)) == 1) {
        for (int i = 0; i < 3; i++)
            if (names[es->kind][i] != NULL && !have[i] && key_is(in->text, k, names[es->kind][i])) {
                found[i] = v;
                have[i] = TRUE;
            }
    }
    if (r < 0) {
        set_json_error(in, sc.pos, "not valid JSON", error);
        return FALSE;
    }
    sp.len = sc.pos - sp.off;
    scp->pos = sc.pos;
    if (!have[0]) {
        set_format_error(in, sp.off, error, "a %s without \"%s\": not a slant %s",
                         ent_noun(es->kind), names[es->kind][0],
                         es->kind == ENT_DOCUMENTS ? "score line" : "report");
        return FALSE;
    }
    DiffEntity e = {sp, NULL, NULL, NULL};
    gboolean str = FALSE;
    g_autofree char *a = span_text(in, found[0], &str, error);
    if (a == NULL)
        return FALSE;
    if (!str) {
        set_format_error(in, found[0].off, error, "a %s whose \"%s\" is not a string",
                         ent_noun(es->kind), names[es->kind][0]);
        return FALSE;
    }
    GString *key = g_string_new(NULL);
    g_string_append_printf(key, "%zu:%s", strlen(a), a);
    e.a = slant_diff_intern(d, a);
    if (es->kind == ENT_COMPARISONS) {
        g_autofree char *b = NULL, *kind = NULL;
        gboolean b_str = FALSE, k_str = FALSE;
        if (have[1] && (b = span_text(in, found[1], &b_str, error)) == NULL)
            goto fail;
        if (have[2] && (kind = span_text(in, found[2], &k_str, error)) == NULL)
            goto fail;
        g_string_append_printf(key, "|%c%zu:%s|%c%zu:%s", b ? (b_str ? 's' : 'j') : '-',
                               b ? strlen(b) : 0, b ? b : "", kind ? (k_str ? 's' : 'j') : '-',
                               kind ? strlen(kind) : 0, kind ? kind : "");
        g_autofree char *shown = kind ? g_strdup_printf("%s [%s]", b ? b : "", kind) : g_strdup(b ? b : "");
        e.b = slant_diff_intern(d, shown);
    }
    e.key = g_string_free(key, FALSE);
    if (g_hash_table_contains(es->index, e.key)) {
        if (es->kind == ENT_COMPARISONS)
            set_format_error(in, sp.off, error, "the pair '%s', '%s' appears twice", e.a, e.b);
        else
            set_format_error(in, sp.off, error, "the %s '%s' appears twice", ent_noun(es->kind),
                             e.a);
        g_free(e.key);
        return FALSE;
    }
    g_array_append_val(es->list, e);
    g_hash_table_insert(es->index, e.key, GUINT_TO_POINTER(es->list->len));
    return TRUE;
fail:
    g_string_free(key, TRUE);
    return FALSE;
}

/* The array at sc->pos, element by element; sc->pos ends after it. */
static gboolean
index_array(SlantDiff *d, const DiffInput *in, DiffEntities *es, Scan *sc, GError **error)
{
    gboolean first = TRUE;
    DiffSpan v;
    int r;
    while ((r = scan_element(sc, &first, &v, FALSE)) == 1)
        if (!index_entity(d, in, es, sc, error))
            return FALSE;
    if (r < 0) {
        set_json_error(in, sc->pos, "not valid JSON", error);
        return FALSE;
    }
    return TRUE;
}

const DiffMember *
slant_diff_member_find(const GPtrArray *members, const char *key)
{
    for (guint i = 0; members != NULL && i < members->len; i++) {
        const DiffMember *m = members->pdata[i];
        if (strcmp(m->key, key) == 0)
            return m;
    }
    return NULL;
}

static const char *
json_kind_noun(char c)
{
    switch (c) {
    case '[': return "an array";
    case '"': return "a string";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

/* Read @in's structure: a report (one object with schema_version, meta
 * and sources) or a score output (objects with id and axes, one a line). */
gboolean
slant_diff_input_index(SlantDiff *d, DiffInput *in, GError **error)
{
    Scan sc = {in->text, in->len, 0};
    if (in->len >= 3 && memcmp(in->text, "\xEF\xBB\xBF", 3) == 0)
        sc.pos = 3;
    scan_ws(&sc);
    if (sc.pos >= sc.len) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                    "%s: empty: not a slant report or score output", in->name);
        return FALSE;
    }
    gsize start = sc.pos;
    if (in->text[start] != '{') {
        Scan t = sc;
        if (scan_value(&t, 0) && (scan_ws(&t), t.pos == t.len)) {
            cJSON *j = cJSON_ParseWithLength(in->text + start, in->len - start);
            if (j != NULL) {
                cJSON_Delete(j);
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                            "%s: not a slant report or score output (%s, not an object)",
                            in->name, json_kind_noun(in->text[start]));
                return FALSE;
            }
        }
        set_json_error(in, start, "not valid JSON", error);
        return FALSE;
    }
    in->members = g_ptr_array_new_with_free_func(member_free);
    gboolean first = TRUE;
    DiffSpan k, v;
    int r;
    while ((r = scan_member(&sc, &first, &k, &v, FALSE)) == 1) {
        gboolean str;
        char *key = span_text(in, k, &str, error);
        if (key == NULL)
            return FALSE;
        DiffMember *m = g_new0(DiffMember, 1);
        m->key = key;
        m->span = v;
        g_ptr_array_add(in->members, m);
        DiffEntKind ek = ENT_SOURCES;
        gboolean ent = TRUE;
        if (strcmp(key, "sources") == 0)
            ek = ENT_SOURCES;
        else if (strcmp(key, "comparisons") == 0)
            ek = ENT_COMPARISONS;
        else if (strcmp(key, "documents") == 0)
            ek = ENT_DOCUMENTS;
        else
            ent = FALSE;
        if (ent && v.off < in->len && in->text[v.off] == '[') {
            m->ents = entities_new(ek);
            if (!index_array(d, in, m->ents, &sc, error))
                return FALSE;
        } else if (!scan_value(&sc, 1)) {
            set_json_error(in, sc.pos, "not valid JSON", error);
            return FALSE;
        }
        m->span.len = sc.pos - v.off;
    }
    if (r < 0) {
        set_json_error(in, sc.pos, "not valid JSON", error);
        return FALSE;
    }
    gsize end = sc.pos;
    scan_ws(&sc);
    gboolean more = sc.pos < sc.len;
    const DiffMember *sv = slant_diff_member_find(in->members, "schema_version");
    const DiffMember *meta = slant_diff_member_find(in->members, "meta");
    const DiffMember *sources = slant_diff_member_find(in->members, "sources");
    if (sv != NULL && meta != NULL && sources != NULL) {
        if (more) {
            set_json_error(in, sc.pos, "text after the report", error);
            return FALSE;
        }
        if (sources->ents == NULL) {
            set_format_error(in, sources->span.off, error,
                             "\"sources\" is not an array: not a slant report");
            return FALSE;
        }
        cJSON *mj = slant_diff_parse_span(in, meta->span, error);
        if (mj == NULL)
            return FALSE;
        const cJSON *engine = cJSON_GetObjectItemCaseSensitive(mj, "engine");
        gboolean ok = cJSON_IsString(engine) && strcmp(engine->valuestring, "slant") == 0;
        cJSON_Delete(mj);
        if (!ok) {
            set_format_error(in, meta->span.off, error,
                             "meta.engine is not \"slant\": not a slant report");
            return FALSE;
        }
        in->type = SLANT_DIFF_REPORT;
        return TRUE;
    }
    if (slant_diff_member_find(in->members, "id") != NULL && slant_diff_member_find(in->members, "axes") != NULL) {
        in->type = SLANT_DIFF_SCORES;
        g_ptr_array_unref(g_steal_pointer(&in->members));
        in->docs = entities_new(ENT_DOCUMENTS);
        Scan line = {in->text, end, start};
        if (!index_entity(d, in, in->docs, &line, error))
            return FALSE;
        while (sc.pos < sc.len) {
            if (in->text[sc.pos] != '{') {
                set_json_error(in, sc.pos, "not valid JSON Lines (a line that is not an object)",
                               error);
                return FALSE;
            }
            if (!index_entity(d, in, in->docs, &sc, error))
                return FALSE;
            scan_ws(&sc);
        }
        return TRUE;
    }
    if (slant_diff_member_find(in->members, "slant_partial") != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                    "%s: a partial result of a sharded run, not a report (slant merge makes "
                    "the report)", in->name);
        return FALSE;
    }
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                "%s: not a slant report or score output (an object without schema_version, "
                "meta and sources, or id and axes)", in->name);
    return FALSE;
}

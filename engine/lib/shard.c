/* shard.c: splitting streams of concatenated partials; the lexicon a
 * partial names.
 *
 * The splitter scans each byte once, whatever the reads' sizes: its state
 * (depth, inside a string, after a backslash, line and column) carries
 * over from one feed to the next.
 */
#include "shard.h"

#include <cjson/cJSON.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)

#include "slant-error.h"

struct _SlantShardSplitter {
    char *name;
    GString *buf;
    gsize pos;         /* next byte to scan */
    gsize start;       /* where the partial being read starts (depth > 0) */
    gsize drop;        /* bytes before this are done with: dropped at the next call */
    guint depth;       /* of objects and arrays; 0 between partials */
    gboolean in_string, escape;
    guint64 line, col; /* of the byte at pos */
    guint64 start_line;
    guint64 count;
};

SlantShardSplitter *
slant_shard_splitter_new(const char *name)
{
    SlantShardSplitter *s = g_new0(SlantShardSplitter, 1);
    s->name = g_strdup(name);
    s->buf = g_string_sized_new(64 * 1024);
    s->line = s->col = 1;
    return s;
}

void
slant_shard_splitter_free(SlantShardSplitter *s)
{
    if (s == NULL)
        return;
    g_free(s->name);
    g_string_free(s->buf, TRUE);
    g_free(s);
}

void
slant_shard_splitter_feed(SlantShardSplitter *s, const char *data, gsize len)
{
    g_string_append_len(s->buf, data, (gssize) len);
}

static void
drop_done(SlantShardSplitter *s)
{
    if (s->drop == 0)
        return;
    g_string_erase(s->buf, 0, (gssize) s->drop);
    s->pos -= s->drop;
    if (s->depth > 0)
        s->start -= s->drop;
    s->drop = 0;
}

SlantShardNext
slant_shard_splitter_next(SlantShardSplitter *s, const char **text, gsize *len, guint64 *line,
                          GError **error)
{
    drop_done(s);
    const char *b = s->buf->str;
    gsize n = s->buf->len;
    while (s->pos < n) {
        unsigned char c = (unsigned char) b[s->pos];
        if (s->depth == 0) {
            if (c == '{') {
                s->start = s->pos;
                s->start_line = s->line;
                s->depth = 1;
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                char what[16];
                if (c >= 0x20 && c < 0x7f)
                    g_snprintf(what, sizeof what, "'%c'", c);
                else
                    g_snprintf(what, sizeof what, "byte 0x%02x", c);
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                            "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT
                            ": not a slant partial result: %s where a partial ('{') should start",
                            s->name, s->line, s->col, what);
                return SLANT_SHARD_ERROR;
            }
        } else if (s->in_string) {
            if (s->escape)
                s->escape = FALSE;
            else if (c == '\\')
                s->escape = TRUE;
            else if (c == '"')
                s->in_string = FALSE;
        } else if (c == '"') {
            s->in_string = TRUE;
        } else if (c == '{' || c == '[') {
            s->depth++;
        } else if ((c == '}' || c == ']') && --s->depth == 0) {
            s->pos++;
            s->col++;
            *text = b + s->start;
            *len = s->pos - s->start;
            *line = s->start_line;
            s->drop = s->pos;
            s->count++;
            return SLANT_SHARD_PARTIAL;
        }
        if (c == '\n') {
            s->line++;
            s->col = 1;
        } else {
            s->col++;
        }
        s->pos++;
    }
    if (s->depth == 0)
        s->drop = s->pos; /* white space between partials is not kept */
    return SLANT_SHARD_MORE;
}

gboolean
slant_shard_splitter_finish(SlantShardSplitter *s, GError **error)
{
    if (s->depth == 0)
        return TRUE;
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                "%s:%" G_GUINT64_FORMAT ": a partial that does not end (a truncated stream?)",
                s->name, s->start_line);
    return FALSE;
}

guint64
slant_shard_splitter_count(const SlantShardSplitter *s)
{
    return s->count;
}

gboolean
slant_shard_peek_lexicons(const char *text, gsize len, const char *name, GPtrArray **paths,
                          GPtrArray **sha256s, GError **error)
{
    *paths = *sha256s = NULL;
    g_autoptr(cJSON) root = cJSON_ParseWithLength(text, len);
    const cJSON *lx = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "lexicon") : NULL;
    const cJSON *sha = cJSON_IsObject(lx) ? cJSON_GetObjectItemCaseSensitive(lx, "sha256") : NULL;
    if (!cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(root, "slant_partial")) ||
        !cJSON_IsString(sha)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                    "%s: not a slant partial result: no 'slant_partial' object with a "
                    "'lexicon.sha256'", name);
        return FALSE;
    }
    g_autoptr(GPtrArray) p = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) s = g_ptr_array_new_with_free_func(g_free);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "lexicons");
    const cJSON *one = cJSON_IsArray(files) ? files->child : lx;
    for (; one != NULL; one = cJSON_IsArray(files) ? one->next : NULL) {
        const cJSON *fsha = cJSON_IsObject(one) ? cJSON_GetObjectItemCaseSensitive(one, "sha256") : NULL;
        const cJSON *fpath = cJSON_IsObject(one) ? cJSON_GetObjectItemCaseSensitive(one, "path") : NULL;
        if (!cJSON_IsString(fsha)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                        "%s: not a slant partial result: a lexicon without 'sha256'", name);
            return FALSE;
        }
        g_ptr_array_add(s, g_strdup(fsha->valuestring));
        g_ptr_array_add(p, cJSON_IsString(fpath) ? g_strdup(fpath->valuestring) : NULL);
    }
    if (s->len == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                    "%s: not a slant partial result: 'lexicons' is empty", name);
        return FALSE;
    }
    *paths = g_steal_pointer(&p);
    *sha256s = g_steal_pointer(&s);
    return TRUE;
}

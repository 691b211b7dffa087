#include "jsonw.h"

#include <string.h>

static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

/* g_string_append_len() for the many short pieces: a copy when they fit,
 * as g_string_append_c_inline() does (g_string_insert_len() is costly for
 * a few bytes). */
static inline void
put(GString *out, const char *s, gsize n)
{
    if (out->len + n < out->allocated_len) {
        memcpy(out->str + out->len, s, n);
        out->len += n;
        out->str[out->len] = '\0';
    } else {
        g_string_append_len(out, s, (gssize) n);
    }
}

static void
append_tabs(GString *out, guint n)
{
    while (n > 0) {
        guint k = MIN(n, (guint) sizeof tabs - 1);
        put(out, tabs, k);
        n -= k;
    }
}

void
slant_jsonw_init(SlantJsonWriter *w, GString *out, guint depth)
{
    w->out = out;
    w->depth = depth;
    w->n_open = 0;
    w->empty = TRUE;
    w->compact = FALSE;
}

void
slant_jsonw_init_compact(SlantJsonWriter *w, GString *out)
{
    slant_jsonw_init(w, out, 0);
    w->compact = TRUE;
}

/* Before a value: in an array, the separator from the previous value; in
 * an object, slant_jsonw_key() has written everything already. */
static void
before_value(SlantJsonWriter *w)
{
    if (w->n_open > 0 && w->is_array[w->n_open - 1]) {
        if (!w->empty)
            put(w->out, ", ", w->compact ? 1 : 2);
        w->empty = FALSE;
    }
}

static void
open_container(SlantJsonWriter *w, gboolean is_array)
{
    g_return_if_fail(w->n_open < SLANT_JSONW_MAX_NESTING);
    before_value(w);
    put(w->out, is_array ? "[" : "{\n", is_array || w->compact ? 1 : 2);
    w->is_array[w->n_open++] = (guint8) is_array;
    w->depth++;
    w->empty = TRUE;
}

void
slant_jsonw_begin_object(SlantJsonWriter *w)
{
    open_container(w, FALSE);
}

void
slant_jsonw_end_object(SlantJsonWriter *w)
{
    g_return_if_fail(w->n_open > 0 && !w->is_array[w->n_open - 1] && w->depth > 0);
    if (!w->compact) {
        if (!w->empty)
            put(w->out, "\n", 1);
        append_tabs(w->out, w->depth - 1);
    }
    put(w->out, "}", 1);
    w->depth--;
    w->n_open--;
    w->empty = FALSE; /* the parent holds this object */
}

void
slant_jsonw_begin_array(SlantJsonWriter *w)
{
    open_container(w, TRUE);
}

void
slant_jsonw_end_array(SlantJsonWriter *w)
{
    g_return_if_fail(w->n_open > 0 && w->is_array[w->n_open - 1] && w->depth > 0);
    put(w->out, "]", 1);
    w->depth--;
    w->n_open--;
    w->empty = FALSE;
}

void
slant_jsonw_key(SlantJsonWriter *w, const char *key)
{
    g_return_if_fail(w->n_open > 0 && !w->is_array[w->n_open - 1]);
    /* cJSON ends a member with "," only when another follows */
    if (!w->empty)
        put(w->out, ",\n", w->compact ? 1 : 2);
    w->empty = FALSE;
    if (!w->compact)
        append_tabs(w->out, w->depth);
    slant_jsonw_append_string(w->out, key);
    put(w->out, ":\t", w->compact ? 1 : 2);
}

void
slant_jsonw_append_string(GString *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    put(out, "\"", 1);
    const unsigned char *run = (const unsigned char *) s, *p = run;
    for (; *p != '\0'; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(out, (const char *) run, (gsize) (p - run));
        run = p + 1;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        gsize n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 0xf];
            n = 6;
        }
        put(out, esc, n);
    }
    put(out, (const char *) run, (gsize) (p - run));
    put(out, "\"", 1);
}

void
slant_jsonw_string(SlantJsonWriter *w, const char *s)
{
    g_return_if_fail(s != NULL);
    before_value(w);
    slant_jsonw_append_string(w->out, s);
}

void
slant_jsonw_uint(SlantJsonWriter *w, guint64 v)
{
    char buf[20];
    char *p = buf + sizeof buf;
    do {
        *--p = (char) ('0' + v % 10);
        v /= 10;
    } while (v != 0);
    before_value(w);
    put(w->out, p, (gsize) (buf + sizeof buf - p));
}

void
slant_jsonw_raw(SlantJsonWriter *w, const char *text)
{
    g_return_if_fail(text != NULL);
    before_value(w);
    put(w->out, text, strlen(text));
}

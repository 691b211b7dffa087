#include "jsonpos.h"

#include <string.h>

typedef struct {
    const char *s;
    gsize len;
    gsize pos;
    int depth;
} Scanner;

#define MAX_DEPTH 1000 /* cJSON's CJSON_NESTING_LIMIT */

static void
skip_ws(Scanner *sc)
{
    while (sc->pos < sc->len) {
        /* what cJSON passes over: every byte up to the space */
        guchar c = (guchar) sc->s[sc->pos];
        if (c == 0 || c > ' ')
            break;
        sc->pos++;
    }
}

/* Scan a string at sc->pos (on the opening quote); append its decoded
 * content to @out when not NULL.  Escapes other than \uXXXX are decoded to
 * their character; \uXXXX is decoded to UTF-8 (surrogate pairs joined). */
static gboolean
scan_string(Scanner *sc, GString *out)
{
    if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
        return FALSE;
    sc->pos++;
    while (sc->pos < sc->len) {
        char c = sc->s[sc->pos++];
        if (c == '"')
            return TRUE;
        if (c != '\\') {
            if (out)
                g_string_append_c(out, c);
            continue;
        }
        if (sc->pos >= sc->len)
            return FALSE;
        char e = sc->s[sc->pos++];
        switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'u': {
            if (sc->pos + 4 > sc->len)
                return FALSE;
            char hex[5] = {0};
            memcpy(hex, sc->s + sc->pos, 4);
            sc->pos += 4;
            gunichar u = (gunichar) g_ascii_strtoull(hex, NULL, 16);
            if (u >= 0xD800 && u <= 0xDBFF && sc->pos + 6 <= sc->len &&
                sc->s[sc->pos] == '\\' && sc->s[sc->pos + 1] == 'u') {
                memcpy(hex, sc->s + sc->pos + 2, 4);
                gunichar lo = (gunichar) g_ascii_strtoull(hex, NULL, 16);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    sc->pos += 6;
                }
            }
            if (out)
                g_string_append_unichar(out, u);
            continue;
        }
        default: c = e; break;
        }
        if (out)
            g_string_append_c(out, c);
    }
    return FALSE;
}

static gboolean skip_value(Scanner *sc);

static gboolean
skip_container(Scanner *sc, char open, char close)
{
    if (++sc->depth > MAX_DEPTH)
        return FALSE;
    sc->pos++; /* the opening bracket */
    skip_ws(sc);
    if (sc->pos < sc->len && sc->s[sc->pos] == close) {
        sc->pos++;
        sc->depth--;
        return TRUE;
    }
    for (;;) {
        if (open == '{') {
            if (!scan_string(sc, NULL))
                return FALSE;
            skip_ws(sc);
            if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
                return FALSE;
            sc->pos++;
            skip_ws(sc);
        }
        if (!skip_value(sc))
            return FALSE;
        skip_ws(sc);
        if (sc->pos >= sc->len)
            return FALSE;
        char c = sc->s[sc->pos++];
        if (c == close) {
            sc->depth--;
            return TRUE;
        }
        if (c != ',')
            return FALSE;
        skip_ws(sc);
    }
}

static gboolean
skip_value(Scanner *sc)
{
    skip_ws(sc);
    if (sc->pos >= sc->len)
        return FALSE;
    char c = sc->s[sc->pos];
    if (c == '"')
        return scan_string(sc, NULL);
    if (c == '{')
        return skip_container(sc, '{', '}');
    if (c == '[')
        return skip_container(sc, '[', ']');
    /* number, true, false, null: up to the next delimiter */
    gsize start = sc->pos;
    while (sc->pos < sc->len && strchr(",]} \t\r\n", sc->s[sc->pos]) == NULL)
        sc->pos++;
    return sc->pos > start;
}

gboolean
slant_json_locate(const char *text, gsize len, const char *const *path, gboolean want_key,
                  guint occurrence, gsize *offset)
{
    Scanner sc = {text, len, 0, 0};
    *offset = 0;
    skip_ws(&sc);
    g_autoptr(GString) key = g_string_new(NULL);
    for (const char *const *seg = path; seg != NULL && *seg != NULL; seg++) {
        gboolean last = seg[1] == NULL;
        if (sc.pos >= sc.len)
            return FALSE;
        char c = sc.s[sc.pos];
        if (c == '{') {
            sc.pos++;
            guint seen = 0;
            for (;;) {
                skip_ws(&sc);
                gsize key_at = sc.pos;
                g_string_truncate(key, 0);
                if (!scan_string(&sc, key))
                    return FALSE;
                skip_ws(&sc);
                if (sc.pos >= sc.len || sc.s[sc.pos] != ':')
                    return FALSE;
                sc.pos++;
                skip_ws(&sc);
                /* @occurrence picks among duplicates of the last key only:
                 * the steps before it follow the first member, as cJSON does */
                if (strcmp(key->str, *seg) == 0 && seen++ == (last ? occurrence : 0)) {
                    if (last && want_key) {
                        *offset = key_at;
                        return TRUE;
                    }
                    break;
                }
                if (!skip_value(&sc))
                    return FALSE;
                skip_ws(&sc);
                if (sc.pos >= sc.len || sc.s[sc.pos] != ',')
                    return FALSE;
                sc.pos++;
            }
        } else if (c == '[') {
            char *end = NULL;
            guint64 index = g_ascii_strtoull(*seg, &end, 10);
            if (end == *seg || *end != '\0')
                return FALSE;
            sc.pos++;
            for (guint64 i = 0; i < index; i++) {
                if (!skip_value(&sc))
                    return FALSE;
                skip_ws(&sc);
                if (sc.pos >= sc.len || sc.s[sc.pos] != ',')
                    return FALSE;
                sc.pos++;
            }
            skip_ws(&sc);
        } else {
            return FALSE;
        }
    }
    *offset = sc.pos;
    return TRUE;
}

void
slant_text_position(const char *text, gsize len, gsize offset, guint *line, guint *col)
{
    guint l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (gsize i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((guchar) text[i] & 0xC0) != 0x80) {
            c++; /* count characters, not continuation bytes */
        }
    }
    *line = l;
    *col = c;
}

gboolean
slant_json_element_offsets(const char *text, gsize len, const char *const *path, GArray *offsets)
{
    gsize at = 0;
    if (!slant_json_locate(text, len, path, FALSE, 0, &at))
        return FALSE;
    Scanner sc = {text, len, at, 0};
    if (sc.pos >= sc.len || sc.s[sc.pos] != '[')
        return FALSE;
    sc.pos++;
    skip_ws(&sc);
    if (sc.pos < sc.len && sc.s[sc.pos] == ']')
        return TRUE;
    for (;;) {
        skip_ws(&sc);
        g_array_append_val(offsets, sc.pos);
        if (!skip_value(&sc))
            return FALSE;
        skip_ws(&sc);
        if (sc.pos >= sc.len)
            return FALSE;
        char c = sc.s[sc.pos++];
        if (c == ']')
            return TRUE;
        if (c != ',')
            return FALSE;
    }
}

void
slant_text_positions(const char *text, gsize len, const GArray *offsets, guint *lines, guint *cols)
{
    guint l = 1, c = 1;
    gsize i = 0;
    for (guint k = 0; k < offsets->len; k++) {
        gsize target = MIN(g_array_index(offsets, gsize, k), len);
        if (target < i) { /* not ascending: start over */
            i = 0;
            l = 1;
            c = 1;
        }
        for (; i < target; i++) {
            if (text[i] == '\n') {
                l++;
                c = 1;
            } else if (((guchar) text[i] & 0xC0) != 0x80) {
                c++;
            }
        }
        lines[k] = l;
        cols[k] = c;
    }
}

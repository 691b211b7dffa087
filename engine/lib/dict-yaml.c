/* dict-yaml.c: dictionaries in YAML, as quanteda reads and writes them
 * (dictionary(file = "x.yml"), as.yaml()) (dict.h).
 *
 *   # a comment
 *   politics:
 *     parties:                  category politics.parties
 *       - labour
 *       - 'green party'
 *     people: [minister*, "prime minister"]
 *   mood: calm                  category mood, one term
 *   empty: []
 *
 * The subset: block mappings (plain or quoted keys), block sequences of
 * scalars ("- term", at the key's indentation or deeper), flow sequences
 * of scalars ("[a, b]", over several lines too, a comma before ']'
 * allowed), single scalars, plain, 'single-quoted' ('' for a quote) and
 * "double-quoted" scalars (escapes \\ \" \/ \t \n \r \  \xXX \uXXXX
 * \UXXXXXXXX), comments, one document (an opening "---", a closing
 * "...").  Every scalar is text: "yes", "1" and "null" are terms like any
 * other.  The rest of YAML is an error naming its line, so that nothing
 * is read as something else.
 */
#include "dict-private.h"

#include <string.h>

#include "slant-error.h"

typedef struct {
    const char *text; /* the line after its indentation */
    guint no;         /* 1-based */
    guint indent;     /* spaces */
    gboolean blank;   /* empty or a comment, or a document marker */
} YLine;

typedef struct {
    SlantDict *d;
    GError **error;
    YLine *lines;
    guint n, i; /* i: the next line to read */
} Yaml;

static gboolean
is_blank_char(char c)
{
    return c == ' ' || c == '\t';
}

/* Is the rest of a line, from @p, empty or a comment?  @start: where the
 * line's text starts (a '#' is a comment at the start or after white
 * space). */
static gboolean
rest_empty(const char *start, const char *p)
{
    const char *q = p;
    while (is_blank_char(*q))
        q++;
    if (*q == '\0')
        return TRUE;
    return *q == '#' && (q == start || is_blank_char(q[-1]));
}

static const char *
skip_blanks(const char *p)
{
    while (is_blank_char(*p))
        p++;
    return p;
}

/* The next line that is not blank, or NULL at the end. */
static const YLine *
y_peek(Yaml *y)
{
    while (y->i < y->n && y->lines[y->i].blank)
        y->i++;
    return y->i < y->n ? &y->lines[y->i] : NULL;
}

static gboolean
is_seq_item(const YLine *l)
{
    return l->text[0] == '-' && (l->text[1] == '\0' || is_blank_char(l->text[1]));
}

/* Append the UTF-8 of code point @c; FALSE for one that cannot be text. */
static gboolean
append_code_point(GString *out, gunichar c)
{
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return FALSE;
    g_string_append_unichar(out, c);
    return TRUE;
}

/* A scalar at *@pp on line @no into @out; *@pp moves past it.  @flow:
 * inside a flow sequence (',', '[', ']', '{', '}' end a plain scalar). */
static gboolean
y_scalar(Yaml *y, guint no, const char **pp, gboolean flow, GString *out)
{
    SlantDict *d = y->d;
    const char *p = *pp;
    g_string_truncate(out, 0);
    if (*p == '\'') {
        for (p++;; p++) {
            if (*p == '\0')
                return dict_fail(d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                 "a quoted scalar must end on its line");
            if (*p == '\'') {
                if (p[1] != '\'')
                    break;
                p++;
            }
            g_string_append_c(out, *p);
        }
        *pp = p + 1;
        return TRUE;
    }
    if (*p == '"') {
        for (p++; *p != '"'; p++) {
            if (*p == '\0')
                return dict_fail(d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                 "a quoted scalar must end on its line");
            if (*p != '\\') {
                g_string_append_c(out, *p);
                continue;
            }
            p++;
            int hex = 0;
            switch (*p) {
            case '\\': g_string_append_c(out, '\\'); break;
            case '"': g_string_append_c(out, '"'); break;
            case '/': g_string_append_c(out, '/'); break;
            case ' ': g_string_append_c(out, ' '); break;
            case 't': case '\t': g_string_append_c(out, '\t'); break;
            case 'n': g_string_append_c(out, '\n'); break;
            case 'r': g_string_append_c(out, '\r'); break;
            case 'x': hex = 2; break;
            case 'u': hex = 4; break;
            case 'U': hex = 8; break;
            default:
                return dict_fail(d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                 "an escape '\\%.*s' this reader does not take",
                                 *p ? (int) (g_utf8_next_char(p) - p) : 0, p);
            }
            if (hex > 0) {
                char kind = *p;
                gunichar c = 0;
                for (int k = 0; k < hex; k++) {
                    int v = g_ascii_xdigit_value(p[1]);
                    if (v < 0)
                        return dict_fail(d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                         "an escape '\\%c' needs %d hex digits", kind, hex);
                    c = c * 16 + (gunichar) v;
                    p++;
                }
                if (!append_code_point(out, c))
                    return dict_fail(d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                     "an escape of U+%04X, which cannot stand in a term", c);
            }
        }
        *pp = p + 1;
        return TRUE;
    }
    /* a plain scalar: what it cannot start with */
    gboolean space_after = p[1] == '\0' || is_blank_char(p[1]);
    const char *why = NULL;
    switch (*p) {
    case '&': why = "anchors ('&')"; break;
    case '*': why = "aliases ('*'; quote a term that starts with '*')"; break;
    case '!': why = "tags ('!')"; break;
    case '|': case '>': why = "block scalars ('|', '>')"; break;
    case '{': case '}': why = "flow mappings ('{')"; break;
    case '[': why = "a sequence here"; break;
    case ']': case ',': why = flow ? "an empty item" : "a plain scalar that starts with ',' or ']'"; break;
    case '%': case '@': case '`': why = "a plain scalar that starts with '%', '@' or '`'"; break;
    case '-': if (space_after) why = "a sequence here"; break;
    case '?': if (space_after) why = "complex keys ('? ')"; break;
    case ':': if (space_after) why = "an empty key"; break;
    default: break;
    }
    if (why != NULL)
        return dict_fail(d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                         "%s: not in the YAML this reader takes", why);
    const char *s = p;
    for (; *p; p++) {
        if (*p == ':' && (p[1] == '\0' || is_blank_char(p[1]) || (flow && strchr(",[]{}", p[1]))))
            break;
        if (*p == '#' && p > s && is_blank_char(p[-1]))
            break;
        if (flow && strchr(",[]{}", *p))
            break;
    }
    const char *e = p;
    while (e > s && is_blank_char(e[-1]))
        e--;
    g_string_append_len(out, s, e - s);
    *pp = e; /* before the white space that ends it: a comment's '#' stays after white space */
    return TRUE;
}

static gboolean
y_entry(Yaml *y, const char *term, gint cat, guint no)
{
    if (term[0] == '\0')
        return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no, "empty term");
    return dict_add_entry(y->d, term, cat, 1.0, no, y->error);
}

/* "[a, b, ...]" from @p (at its '[') on line @l, over as many lines as it
 * takes; the line holding ']' is consumed. */
static gboolean
y_flow_seq(Yaml *y, const YLine *l, const char *p, gint cat)
{
    guint opened = l->no;
    gboolean want_item = TRUE;
    g_autoptr(GString) s = g_string_new(NULL);
    p++;
    gboolean after_space = TRUE;
    for (;;) {
        const char *q = p;
        while (is_blank_char(*q))
            q++;
        if (q > p)
            after_space = TRUE;
        p = q;
        if (*p == '\0' || (*p == '#' && after_space)) {
            y->i++;
            if (y->i >= y->n)
                return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, opened,
                                 "a flow sequence '[' opened here never closes");
            l = &y->lines[y->i];
            p = l->text;
            after_space = TRUE;
            continue;
        }
        after_space = FALSE;
        if (*p == ']') {
            p++;
            break;
        }
        if (*p == ',') {
            if (want_item)
                return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                                 "an empty item in a flow sequence");
            want_item = TRUE;
            p++;
            after_space = FALSE;
            continue;
        }
        if (!want_item)
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "expected ',' or ']' in a flow sequence");
        if (*p == '[' || *p == '{')
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "a sequence or mapping inside a flow sequence: not in the YAML this "
                             "reader takes");
        if (!y_scalar(y, l->no, &p, TRUE, s))
            return FALSE;
        p = skip_blanks(p);
        after_space = FALSE;
        if (*p == ':')
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "a mapping inside a flow sequence: not in the YAML this reader takes");
        if (!y_entry(y, s->str, cat, l->no))
            return FALSE;
        want_item = FALSE;
    }
    if (!rest_empty(l->text, p))
        return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                         "unexpected text after a flow sequence");
    y->i++;
    return TRUE;
}

/* The items "- term" at @indent. */
static gboolean
y_block_seq(Yaml *y, guint indent, gint cat)
{
    g_autoptr(GString) s = g_string_new(NULL);
    for (;;) {
        const YLine *l = y_peek(y);
        if (l == NULL || l->indent < indent || (l->indent == indent && !is_seq_item(l)))
            return TRUE;
        if (l->indent > indent)
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "unexpected indentation (a scalar over several lines, or a "
                             "nested block: not in the YAML this reader takes)");
        const char *p = skip_blanks(l->text + 1);
        if (rest_empty(l->text, p))
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "an empty sequence item");
        if (!y_scalar(y, l->no, &p, FALSE, s))
            return FALSE;
        if (*skip_blanks(p) == ':')
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "a mapping inside a sequence: not in the YAML this reader takes");
        if (!rest_empty(l->text, p))
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "unexpected text after a scalar");
        if (!y_entry(y, s->str, cat, l->no))
            return FALSE;
        y->i++;
    }
}

/* The entries "key: ..." at @indent, their categories named under @prefix
 * (NULL at the top). */
static gboolean
y_mapping(Yaml *y, guint indent, const char *prefix)
{
    g_autoptr(GHashTable) keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GString) key = g_string_new(NULL);
    g_autoptr(GString) s = g_string_new(NULL);
    for (;;) {
        const YLine *l = y_peek(y);
        if (l == NULL || l->indent < indent)
            return TRUE;
        if (l->indent > indent)
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "unexpected indentation (a scalar over several lines, or keys out "
                             "of line: not in the YAML this reader takes)");
        if (is_seq_item(l))
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             prefix == NULL && g_hash_table_size(keys) == 0
                                 ? "a sequence where the categories' mapping ('key:') should be"
                                 : "a sequence item where a 'key:' was expected");
        const char *p = l->text;
        if (!y_scalar(y, l->no, &p, FALSE, key))
            return FALSE;
        p = skip_blanks(p);
        if (*p != ':' || !(p[1] == '\0' || is_blank_char(p[1])))
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no,
                             "expected 'key:' (a category or a group of them)");
        p++;
        if (key->len == 0)
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, l->no, "empty key");
        gpointer first = g_hash_table_lookup(keys, key->str);
        if (first != NULL)
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_DUPLICATE, l->no,
                             "key '%s' given twice in one mapping (first at line %u)", key->str,
                             GPOINTER_TO_UINT(first));
        g_hash_table_insert(keys, g_strdup(key->str), GUINT_TO_POINTER(l->no));
        g_autofree char *full = prefix != NULL ? g_strdup_printf("%s.%s", prefix, key->str)
                                               : g_strdup(key->str);
        const char *line_text = l->text;
        p = skip_blanks(p);
        guint no = l->no;
        y->i++;
        if (rest_empty(line_text, p)) {
            const YLine *next = y_peek(y);
            if (next != NULL && is_seq_item(next) && next->indent >= indent) {
                gint cat = dict_add_category(y->d, full, no, y->error);
                if (cat < 0 || !y_block_seq(y, next->indent, cat))
                    return FALSE;
            } else if (next != NULL && next->indent > indent) {
                if (!y_mapping(y, next->indent, full))
                    return FALSE;
            } else if (dict_add_category(y->d, full, no, y->error) < 0) {
                return FALSE; /* an empty category */
            }
            continue;
        }
        gint cat = dict_add_category(y->d, full, no, y->error);
        if (cat < 0)
            return FALSE;
        if (*p == '[') {
            y->i--; /* the flow sequence starts on this line and consumes its last */
            if (!y_flow_seq(y, &y->lines[y->i], p, cat))
                return FALSE;
            continue;
        }
        if (!y_scalar(y, no, &p, FALSE, s))
            return FALSE;
        if (*skip_blanks(p) == ':')
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                             "a mapping on one line ('a: b: c'): not in the YAML this reader takes");
        if (!rest_empty(line_text, p))
            return dict_fail(y->d, y->error, SLANT_ERROR_LEXICON_SYNTAX, no,
                             "unexpected text after a scalar");
        if (!y_entry(y, s->str, cat, no))
            return FALSE;
    }
}

gboolean
dict_yaml_read(SlantDict *d, char *text, GError **error)
{
    g_autoptr(GArray) lines = g_array_new(FALSE, FALSE, sizeof(YLine));
    char *p = text, *line;
    guint no = 0;
    gboolean content = FALSE, ended = FALSE;
    while ((line = dict_next_line(&p)) != NULL) {
        YLine l = {NULL, ++no, 0, FALSE};
        const char *s = line;
        while (*s == ' ')
            s++;
        l.indent = (guint) (s - line);
        const char *t = s;
        while (is_blank_char(*t))
            t++;
        l.text = s;
        l.blank = *t == '\0' || *t == '#';
        if (!l.blank && t != s)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, no,
                             "a tab in the indentation (YAML indents with spaces)");
        if (!l.blank && ended)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, no,
                             "text after the end of the document ('...')");
        if (!l.blank && l.indent == 0) {
            gboolean marker = strncmp(s, "---", 3) == 0 || strncmp(s, "...", 3) == 0;
            if (marker && !rest_empty(s, s + 3))
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                 "text after a document marker: not in the YAML this reader takes");
            if (marker && s[0] == '-' && content)
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                 "a second YAML document: not in the YAML this reader takes");
            if (*s == '%' && !content)
                return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, no,
                                 "YAML directives ('%%'): not in the YAML this reader takes");
            if (marker) {
                l.blank = TRUE;
                ended = s[0] == '.';
            }
        }
        if (!l.blank)
            content = TRUE;
        g_array_append_val(lines, l);
    }
    Yaml y = {d, error, (YLine *) (void *) lines->data, lines->len, 0};
    const YLine *first = y_peek(&y);
    if (first == NULL)
        return TRUE; /* no categories: to_lexicon says there is nothing to import */
    if (!y_mapping(&y, first->indent, NULL))
        return FALSE;
    const YLine *rest = y_peek(&y);
    if (rest != NULL)
        return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, rest->no,
                         "unexpected indentation (less than the first key's)");
    return TRUE;
}

/* ---- writing ---- */

static gboolean
needs_quotes(const char *s)
{
    static const char *const special[] = {
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "y", "Y", "n", "N", NULL,
    };
    gsize n = strlen(s);
    if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) != NULL || is_blank_char(s[n - 1]) ||
        s[n - 1] == ':')
        return TRUE;
    if (strstr(s, ": ") != NULL || strstr(s, " #") != NULL || strstr(s, "\t#") != NULL ||
        strpbrk(s, ",[]{}") != NULL)
        return TRUE;
    for (const char *p = s; *p; p++)
        if ((guchar) *p < 0x20 || *p == 0x7F)
            return TRUE;
    if (g_ascii_isdigit(s[0]) || s[0] == '+' || s[0] == '.')
        return TRUE;
    return g_strv_contains(special, s);
}

static void
scalar_out(GString *out, const char *s)
{
    if (!needs_quotes(s)) {
        g_string_append(out, s);
        return;
    }
    gboolean control = FALSE;
    for (const char *p = s; *p; p++)
        control |= (guchar) *p < 0x20 || *p == 0x7F;
    if (!control) {
        g_string_append_c(out, '\'');
        for (const char *p = s; *p; p++) {
            if (*p == '\'')
                g_string_append_c(out, '\'');
            g_string_append_c(out, *p);
        }
        g_string_append_c(out, '\'');
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = s; *p; p++) {
        guchar c = (guchar) *p;
        if (c == '"' || c == '\\')
            g_string_append_printf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            g_string_append_printf(out, "\\x%02X", c);
        else
            g_string_append_c(out, (char) c);
    }
    g_string_append_c(out, '"');
}

/* @s on one comment line: control characters as spaces. */
static void
comment_text(GString *out, const char *s)
{
    for (const char *p = s; *p; p++)
        g_string_append_c(out, (guchar) *p < 0x20 || *p == 0x7F ? ' ' : *p);
}

void
dict_yaml_write(const DictExport *x, GString *out)
{
    g_string_append(out, "# lexicon '");
    comment_text(out, slant_lexicon_name(x->lex));
    g_string_append(out, "' version ");
    comment_text(out, slant_lexicon_version(x->lex));
    g_string_append(out, ", exported by slant lexicon export\n");
    for (guint c = 0; c < x->categories->len; c++) {
        scalar_out(out, x->categories->pdata[c]);
        g_string_append_c(out, ':');
        gboolean any = FALSE;
        for (guint i = 0; i < x->lines->len; i++) {
            const DictExportLine *l = x->lines->pdata[i];
            for (guint k = 0; k < l->cats->len; k++) {
                if (g_array_index(l->cats, guint, k) != c)
                    continue;
                g_string_append(out, "\n  - ");
                scalar_out(out, l->term);
                any = TRUE;
            }
        }
        g_string_append(out, any ? "\n" : " []\n");
    }
}

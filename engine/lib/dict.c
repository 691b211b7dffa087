/* dict.c: dictionaries as read (dict.h): the table of formats, the
 * SlantDict and the checks every reader shares (names, terms, weights),
 * and reading, with the format told from the content or the name.  The
 * readers and writers are dict-liwc.c, dict-dicx.c, dict-yaml.c and
 * dict-tsv.c; dict-lexicon.c turns dictionaries into lexicons and back.
 */
#include "dict-private.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "slant-error.h"
#include "text.h"

/* ---- the formats ---- */

static const char *const liwc_ext[] = {".dic", NULL};
static const char *const dicx_ext[] = {".dicx", NULL};
static const char *const yaml_ext[] = {".yml", ".yaml", NULL};
static const char *const tsv_ext[] = {".tsv", ".tab", ".txt", NULL};

static const DictFormatClass formats[] = {
    {SLANT_DICT_LIWC, "dic", "liwc", liwc_ext, dict_liwc_read, dict_liwc_write, FALSE, FALSE},
    {SLANT_DICT_LIWC22, "dicx", "liwc22", dicx_ext, dict_dicx_read, dict_dicx_write, TRUE, FALSE},
    {SLANT_DICT_YAML, "yaml", "yml", yaml_ext, dict_yaml_read, dict_yaml_write, FALSE, TRUE},
    {SLANT_DICT_TSV, "tsv", NULL, tsv_ext, dict_tsv_read, NULL, TRUE, FALSE},
};

const DictFormatClass *
dict_format_class(SlantDictFormat f)
{
    for (gsize i = 0; i < G_N_ELEMENTS(formats); i++)
        if (formats[i].format == f)
            return &formats[i];
    return NULL;
}

const char *
slant_dict_format_name(SlantDictFormat format)
{
    const DictFormatClass *c = dict_format_class(format);
    return c != NULL ? c->name : "auto";
}

gboolean
slant_dict_format_parse(const char *name, SlantDictFormat *out)
{
    g_return_val_if_fail(name != NULL && out != NULL, FALSE);
    if (strcmp(name, "auto") == 0) {
        *out = SLANT_DICT_AUTO;
        return TRUE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(formats); i++) {
        if (strcmp(name, formats[i].name) == 0 ||
            (formats[i].alias != NULL && strcmp(name, formats[i].alias) == 0)) {
            *out = formats[i].format;
            return TRUE;
        }
    }
    return FALSE;
}

SlantDictFormat
slant_dict_format_from_path(const char *path)
{
    g_return_val_if_fail(path != NULL, SLANT_DICT_AUTO);
    g_autofree char *base = g_path_get_basename(path);
    const char *dot = strrchr(base, '.');
    if (dot == NULL)
        return SLANT_DICT_AUTO;
    for (gsize i = 0; i < G_N_ELEMENTS(formats); i++)
        for (const char *const *e = formats[i].extensions; *e != NULL; e++)
            if (g_ascii_strcasecmp(dot, *e) == 0)
                return formats[i].format;
    return SLANT_DICT_AUTO;
}

/* ---- the dictionary ---- */

static void
category_free(gpointer p)
{
    SlantDictCategory *c = p;
    g_free(c->id);
    g_free(c->label);
    g_free(c);
}

static void
entry_clear(gpointer p)
{
    g_free(((SlantDictEntry *) p)->term);
}

static SlantDict *
dict_new(const char *name, SlantDictFormat format, GPtrArray *warnings)
{
    SlantDict *d = g_new0(SlantDict, 1);
    d->name = g_strdup(name);
    d->format = format;
    d->categories = g_ptr_array_new_with_free_func(category_free);
    d->entries = g_array_new(FALSE, FALSE, sizeof(SlantDictEntry));
    g_array_set_clear_func(d->entries, entry_clear);
    d->category_ids = g_hash_table_new(g_str_hash, g_str_equal);
    d->warnings = warnings;
    d->tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    return d;
}

void
slant_dict_free(SlantDict *dict)
{
    if (dict == NULL)
        return;
    g_free(dict->name);
    g_hash_table_unref(dict->category_ids);
    g_ptr_array_unref(dict->categories);
    g_array_unref(dict->entries);
    if (dict->tokens != NULL)
        g_array_unref(dict->tokens);
    g_free(dict);
}

const char *slant_dict_name(const SlantDict *dict) { return dict->name; }
SlantDictFormat slant_dict_format(const SlantDict *dict) { return dict->format; }
gboolean slant_dict_is_polar(const SlantDict *dict) { return dict->polar; }
guint slant_dict_n_categories(const SlantDict *dict) { return dict->categories->len; }
guint slant_dict_n_entries(const SlantDict *dict) { return dict->entries->len; }
guint slant_dict_n_left_out(const SlantDict *dict) { return dict->n_left_out; }

const SlantDictCategory *
slant_dict_category(const SlantDict *dict, guint i)
{
    g_return_val_if_fail(i < dict->categories->len, NULL);
    return dict->categories->pdata[i];
}

const SlantDictEntry *
slant_dict_entry(const SlantDict *dict, guint i)
{
    g_return_val_if_fail(i < dict->entries->len, NULL);
    return &g_array_index(dict->entries, SlantDictEntry, i);
}

/* ---- what readers share ---- */

G_GNUC_PRINTF(3, 0)
static char *
located(const char *name, guint line, const char *fmt, va_list ap)
{
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    return line > 0 ? g_strdup_printf("%s:%u: %s", name, line, msg)
                    : g_strdup_printf("%s: %s", name, msg);
}

gboolean
dict_fail(const SlantDict *d, GError **error, int code, guint line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = located(d->name, line, fmt, ap);
    va_end(ap);
    g_set_error_literal(error, SLANT_ERROR, code, msg);
    g_free(msg);
    return FALSE;
}

void
dict_warn(SlantDict *d, guint line, const char *fmt, ...)
{
    if (d->warnings == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(d->warnings, located(d->name, line, fmt, ap));
    va_end(ap);
}

char *
dict_identifier_of(const char *name)
{
    GString *s = g_string_new(NULL);
    gboolean alnum = FALSE, gap = FALSE;
    for (const char *p = name; *p; p++) {
        if (g_ascii_isalnum(*p) || *p == '-' || *p == '_' || *p == '.') {
            if (gap && s->len > 0)
                g_string_append_c(s, '_');
            gap = FALSE;
            g_string_append_c(s, *p);
            alnum |= g_ascii_isalnum(*p);
        } else {
            gap = TRUE;
        }
    }
    if (!alnum) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

void
dict_warn_to(GPtrArray *warnings, const char *fmt, ...)
{
    if (warnings == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(warnings, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

gint
dict_add_category(SlantDict *d, const char *name, guint line, GError **error)
{
    if (name[0] == '\0') {
        dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, line, "empty category name");
        return -1;
    }
    char *id = dict_identifier_of(name); /* NULL without a letter or digit */
    if (id == NULL) {
        dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, line,
                  "category '%s' has no ASCII letter or digit to make an id of "
                  "(ids are letters, digits, '-', '_' and '.')", name);
        return -1;
    }
    gpointer prev = g_hash_table_lookup(d->category_ids, id);
    if (prev != NULL) {
        const SlantDictCategory *first = d->categories->pdata[GPOINTER_TO_UINT(prev) - 1];
        const char *first_name = first->label ? first->label : first->id;
        if (strcmp(first_name, name) == 0)
            dict_fail(d, error, SLANT_ERROR_LEXICON_DUPLICATE, line,
                      "category '%s' defined twice (first at line %u)", name, first->line);
        else
            dict_fail(d, error, SLANT_ERROR_LEXICON_DUPLICATE, line,
                      "category '%s' and category '%s' (line %u) would have one id '%s'", name,
                      first_name, first->line, id);
        g_free(id);
        return -1;
    }
    if (strcmp(id, name) != 0)
        dict_warn(d, line, "category '%s' gets the id '%s' (ids are letters, digits, '-', '_' "
                           "and '.'); its name is kept as the label", name, id);
    SlantDictCategory *c = g_new0(SlantDictCategory, 1);
    c->id = id;
    c->label = strcmp(id, name) != 0 ? g_strdup(name) : NULL;
    c->line = line;
    g_ptr_array_add(d->categories, c);
    g_hash_table_insert(d->category_ids, c->id, GUINT_TO_POINTER(d->categories->len));
    return (gint) d->categories->len - 1;
}

static inline gboolean
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char **
dict_raw_words(const char *term)
{
    GPtrArray *out = g_ptr_array_new();
    const char *p = term;
    while (*p) {
        while (*p && is_space(*p))
            p++;
        const char *s = p;
        while (*p && !is_space(*p))
            p++;
        if (p > s)
            g_ptr_array_add(out, g_strndup(s, (gsize) (p - s)));
    }
    g_ptr_array_add(out, NULL);
    return (char **) g_ptr_array_free(out, FALSE);
}

gboolean
dict_check_term(SlantDict *d, const char *term, guint line, GError **error)
{
    g_auto(GStrv) words = dict_raw_words(term);
    guint n_tokens = 0;
    for (char **w = words; *w; w++) {
        gsize n = strlen(*w);
        gboolean glob = (*w)[n - 1] == '*';
        if (glob)
            n--;
        if (memchr(*w, '*', n) != NULL)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_PATTERN, line,
                             "term '%s': '*' only at the end of a word (a glob: 'prefix*')", term);
        /* whether a term holds any token at all: a dictionary has no
         * language of its own, so the shared tokenizer answers; the lexicon
         * made of it reads its terms with its language's analyzer
         * (dict-lexicon.c) */
        g_array_set_size(d->tokens, 0);
        slant_tokenize(*w, n, SLANT_SEGMENT_TEXT, 0, d->tokens);
        if (glob && d->tokens->len == 0)
            return dict_fail(d, error, SLANT_ERROR_LEXICON_PATTERN, line,
                             "term '%s': the glob '%s' has no letters or digits before its '*'",
                             term, *w);
        n_tokens += d->tokens->len;
    }
    if (n_tokens == 0)
        return dict_fail(d, error, SLANT_ERROR_LEXICON_PATTERN, line,
                         "term '%s' has no letters or digits", term);
    return TRUE;
}

gboolean
dict_add_entry(SlantDict *d, const char *term, gint category, double weight, guint line,
               GError **error)
{
    if (term[0] == '\0')
        return dict_fail(d, error, SLANT_ERROR_LEXICON_SYNTAX, line, "empty term");
    if (!dict_check_term(d, term, line, error))
        return FALSE;
    double a = category < 0 ? fabs(weight) : weight;
    if (!(a >= DICT_MIN_WEIGHT && a <= DICT_MAX_WEIGHT)) {
        char buf[32];
        dict_format_number(weight, buf);
        return dict_fail(d, error, SLANT_ERROR_LEXICON_VALUE, line,
                         "term '%s': weight %s is out of range (%s%g to %g)", term, buf,
                         category < 0 ? "±" : "", DICT_MIN_WEIGHT, DICT_MAX_WEIGHT);
    }
    SlantDictEntry e = {g_strdup(term), category, weight, line};
    g_array_append_val(d->entries, e);
    return TRUE;
}

gboolean
dict_parse_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    gboolean digits = FALSE;
    while (g_ascii_isdigit(*p)) {
        p++;
        digits = TRUE;
    }
    if (*p == '.') {
        p++;
        while (g_ascii_isdigit(*p)) {
            p++;
            digits = TRUE;
        }
    }
    if (!digits)
        return FALSE;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!g_ascii_isdigit(*p))
            return FALSE;
        while (g_ascii_isdigit(*p))
            p++;
    }
    if (*p != '\0')
        return FALSE;
    double v = g_ascii_strtod(s, NULL);
    if (!isfinite(v))
        return FALSE;
    *out = v;
    return TRUE;
}

void
dict_format_number(double w, char buf[32])
{
    if (w == floor(w) && fabs(w) < 1e15) {
        g_snprintf(buf, 32, "%.0f", w);
        return;
    }
    for (int prec = 6; prec <= 17; prec++) {
        g_snprintf(buf, 32, "%.*g", prec, w);
        if (g_ascii_strtod(buf, NULL) == w)
            break;
    }
    /* the C locale's '.' whatever LC_NUMERIC says (it is never set) */
}

char *
dict_next_line(char **p)
{
    char *s = *p;
    if (s == NULL || *s == '\0') {
        *p = NULL;
        return NULL;
    }
    char *nl = strchr(s, '\n');
    if (nl != NULL) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = s + strlen(s);
    }
    gsize n = strlen(s);
    if (n > 0 && s[n - 1] == '\r')
        s[n - 1] = '\0';
    return s;
}

/* ---- reading ---- */

/* The first line of @text that is not blank, trimmed, newly allocated. */
static char *
first_line(const char *text)
{
    const char *p = text;
    for (;;) {
        const char *e = strchr(p, '\n');
        gsize n = e ? (gsize) (e - p) : strlen(p);
        char *line = g_strstrip(g_strndup(p, n));
        if (line[0] != '\0' || e == NULL)
            return line;
        g_free(line);
        p = e + 1;
    }
}

static SlantDictFormat
detect(const char *text, const char *name)
{
    g_autofree char *line = first_line(text);
    if (strcmp(line, "%") == 0)
        return SLANT_DICT_LIWC;
    if (g_ascii_strncasecmp(text, "DicTerm,", 8) == 0 ||
        g_ascii_strncasecmp(text, "\"DicTerm\",", 10) == 0)
        return SLANT_DICT_LIWC22;
    SlantDictFormat f = slant_dict_format_from_path(name);
    if (f != SLANT_DICT_AUTO)
        return f;
    if (strchr(line, '\t') != NULL)
        return SLANT_DICT_TSV;
    if (strchr(line, ':') != NULL)
        return SLANT_DICT_YAML;
    return SLANT_DICT_AUTO;
}

SlantDict *
slant_dict_read_data(const char *data, gsize len, const char *name, SlantDictFormat format,
                     GPtrArray *warnings, GError **error)
{
    g_return_val_if_fail((data != NULL || len == 0) && name != NULL, NULL);
    guint64 bl, bc;
    if (len > 0 && !slant_utf8_validate(data, len, &bl, &bc)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_SYNTAX,
                    "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": invalid UTF-8%s (a dictionary "
                    "is read as UTF-8: convert it first, e.g. iconv -f windows-1252 -t utf-8)",
                    name, bl, bc, memchr(data, '\0', len) != NULL ? " or a NUL byte" : "");
        return NULL;
    }
    /* valid UTF-8 without NUL: a C string from here on */
    gsize skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    g_autofree char *text = g_strndup(len > 0 ? data + skip : "", len - skip);
    if (format == SLANT_DICT_AUTO) {
        format = detect(text, name);
        if (format == SLANT_DICT_AUTO) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_SYNTAX,
                        "%s: cannot tell the dictionary's format (give it: dic, dicx, yaml or tsv)",
                        name);
            return NULL;
        }
    }
    const DictFormatClass *c = dict_format_class(format);
    g_return_val_if_fail(c != NULL, NULL);
    SlantDict *d = dict_new(name, format, warnings);
    if (!c->read(d, text, error)) {
        slant_dict_free(d);
        return NULL;
    }
    d->warnings = NULL;
    g_array_unref(d->tokens);
    d->tokens = NULL;
    return d;
}

SlantDict *
slant_dict_read(const char *path, SlantDictFormat format, GPtrArray *warnings, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    g_autofree char *data = NULL;
    gsize len = 0;
    GError *ferr = NULL;
    if (!g_file_get_contents(path, &data, &len, &ferr)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read dictionary '%s': %s", path,
                    ferr->code == G_FILE_ERROR_NOENT ? "no such file" : ferr->message);
        g_error_free(ferr);
        return NULL;
    }
    return slant_dict_read_data(data, len, path, format, warnings, error);
}

/* labels.c: group keys (see labels.h). */
#include "labels.h"

#include <string.h>

#include "slant-error.h"

#define MAX_LABELS_SEEN 256

gboolean
slant_key_parse(SlantKey *key, const char *spec, const char *option, GError **error)
{
    memset(key, 0, sizeof *key);
    if (strcmp(spec, "source") == 0) {
        key->kind = SLANT_KEY_SOURCE;
    } else if (g_str_has_prefix(spec, "label.") && spec[strlen("label.")] != '\0') {
        key->kind = SLANT_KEY_LABEL;
        key->label = g_strdup(spec + strlen("label."));
    } else if (strcmp(spec, "date:year") == 0) {
        key->kind = SLANT_KEY_DATE_YEAR;
    } else if (strcmp(spec, "date:month") == 0) {
        key->kind = SLANT_KEY_DATE_MONTH;
    } else if (strcmp(spec, "date:day") == 0) {
        key->kind = SLANT_KEY_DATE_DAY;
    } else {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "%s '%s': expected source, label.NAME, date:year, date:month or date:day",
                    option, spec);
        return FALSE;
    }
    key->spec = g_strdup(spec);
    return TRUE;
}

void
slant_key_clear(SlantKey *key)
{
    g_free(key->label);
    g_free(key->spec);
    memset(key, 0, sizeof *key);
}

gboolean
slant_key_is_source(const SlantKey *key)
{
    return key->kind == SLANT_KEY_SOURCE;
}

static gboolean
digits(const char *s, guint n)
{
    for (guint i = 0; i < n; i++)
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
    return TRUE;
}

/* The first @n bytes of @date when it starts with an ISO 8601 date of that
 * precision (4: YYYY, 7: YYYY-MM, 10: YYYY-MM-DD) that ends there or
 * goes on with a time or a further part. */
static gboolean
date_prefix(const char *date, guint n)
{
    gsize len = strlen(date);
    if (len < n || !digits(date, 4))
        return FALSE;
    if (n >= 7) {
        if (date[4] != '-' || !digits(date + 5, 2))
            return FALSE;
        int month = (date[5] - '0') * 10 + (date[6] - '0');
        if (month < 1 || month > 12)
            return FALSE;
    }
    if (n >= 10) {
        if (date[7] != '-' || !digits(date + 8, 2))
            return FALSE;
        int day = (date[8] - '0') * 10 + (date[9] - '0');
        if (day < 1 || day > 31)
            return FALSE;
    }
    /* "2019" must not be the start of "20190419" */
    return len == n || !g_ascii_isdigit(date[n]);
}

const char *
slant_key_value(const SlantKey *key, const SlantDocument *doc, char *buf, SlantKeyStatus *status)
{
    SlantKeyStatus st = SLANT_KEY_FOUND;
    const char *value = NULL;
    guint n = 0;
    switch (key->kind) {
    case SLANT_KEY_SOURCE:
        value = doc->source;
        break;
    case SLANT_KEY_LABEL: {
        const SlantLabel *l = slant_document_find_label(doc, key->label);
        if (l == NULL)
            st = SLANT_KEY_ABSENT;
        else if (l->type == SLANT_LABEL_NULL || l->value[0] == '\0')
            st = SLANT_KEY_EMPTY;
        else
            value = l->value;
        break;
    }
    case SLANT_KEY_DATE_YEAR:
        n = 4;
        break;
    case SLANT_KEY_DATE_MONTH:
        n = 7;
        break;
    case SLANT_KEY_DATE_DAY:
        n = 10;
        break;
    }
    if (n > 0) {
        if (doc->date == NULL) {
            st = SLANT_KEY_ABSENT;
        } else if (!date_prefix(doc->date, n)) {
            st = SLANT_KEY_INVALID;
        } else {
            memcpy(buf, doc->date, n);
            buf[n] = '\0';
            value = buf;
        }
    }
    if (status != NULL)
        *status = st;
    return value;
}

void
slant_key_count_init(SlantKeyCount *c)
{
    memset(c, 0, sizeof *c);
    c->labels_seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

void
slant_key_count_clear(SlantKeyCount *c)
{
    if (c->labels_seen != NULL)
        g_hash_table_unref(c->labels_seen);
    memset(c, 0, sizeof *c);
}

void
slant_key_count_add(SlantKeyCount *c, const SlantKey *key, const SlantDocument *doc,
                    SlantKeyStatus status)
{
    switch (status) {
    case SLANT_KEY_FOUND:
        c->found++;
        break;
    case SLANT_KEY_ABSENT:
        c->absent++;
        break;
    case SLANT_KEY_EMPTY:
        c->empty++;
        break;
    case SLANT_KEY_INVALID:
        c->invalid++;
        break;
    }
    /* the names, to say which labels there are when the key names none */
    if (key->kind == SLANT_KEY_LABEL && c->found == 0)
        for (guint i = 0; i < doc->labels->len; i++) {
            const SlantLabel *l = g_ptr_array_index(doc->labels, i);
            if (g_hash_table_size(c->labels_seen) >= MAX_LABELS_SEEN)
                break;
            if (!g_hash_table_contains(c->labels_seen, l->key))
                g_hash_table_add(c->labels_seen, g_strdup(l->key));
        }
}

static gint
cmp_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

gboolean
slant_key_count_check(const SlantKeyCount *c, const SlantKey *key, const char *option,
                      GError **error)
{
    guint64 total = c->found + c->absent + c->empty + c->invalid;
    if (c->found > 0 || total == 0 || key->kind == SLANT_KEY_SOURCE)
        return TRUE;
    if (key->kind == SLANT_KEY_LABEL && c->empty == 0) {
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        GHashTableIter it;
        gpointer k;
        g_hash_table_iter_init(&it, c->labels_seen);
        while (g_hash_table_iter_next(&it, &k, NULL))
            g_ptr_array_add(names, k);
        g_ptr_array_sort(names, cmp_names);
        g_autoptr(GString) seen = g_string_new(NULL);
        for (guint i = 0; i < names->len && i < 20; i++)
            g_string_append_printf(seen, "%s%s", i ? ", " : "", (const char *) names->pdata[i]);
        if (names->len > 20)
            g_string_append_printf(seen, ", ... (%u in all)", names->len);
        if (names->len == 0)
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "%s %s: no document has the label '%s' (the documents have no labels)",
                        option, key->spec, key->label);
        else
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "%s %s: no document has the label '%s' (labels seen: %s)", option,
                        key->spec, key->label, seen->str);
        return FALSE;
    }
    if (key->kind == SLANT_KEY_LABEL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "%s %s: the label '%s' has no values (%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                    " documents have it null or empty, the others lack it)",
                    option, key->spec, key->label, c->empty, total);
        return FALSE;
    }
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                "%s %s: no document has a date to group by (%" G_GUINT64_FORMAT " have none, %"
                G_GUINT64_FORMAT " one that is not ISO 8601 to that precision)",
                option, key->spec, c->absent, c->invalid);
    return FALSE;
}

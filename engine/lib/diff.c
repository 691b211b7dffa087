/* diff.c: two reports (or two score outputs) compared, value by value
 * (diff.h).  diff-read.c maps and indexes the files; here one group, pair
 * or document of each side at a time is parsed with cJSON, walked in step
 * with the other side's, and freed.
 */
#include "diff.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diff-private.h"
#include "slant-error.h"

#define TEXT_MAX 200 /* a text value longer than this is cut (with "...") */

/* ---- the result ------------------------------------------------------- */

struct SlantDiff {
    SlantDiffType type;
    GArray *items[SLANT_DIFF_N_KINDS]; /* SlantDiffItem */
    SlantDiffCounts counts[SLANT_DIFF_N_KINDS + 1];
    GStringChunk *chunk;
    GHashTable *strings; /* interned: text -> the chunk's copy */
    GHashTable *metrics; /* "scope\x1fid\x1fname" (owned) -> SlantDiffMetric* (owned) */
    char **unmatched;    /* tolerance names never applied */
    /* during the run */
    const SlantDiffOptions *o;
    GPtrArray *tols;     /* Tol*, one per name (the last given wins) */
    GString *key;        /* scratch */
};

typedef struct {
    const char *name;
    char **segs;
    guint n_segs;
    double tolerance;
    gboolean used;
} Tol;

static void
tol_free(gpointer p)
{
    Tol *t = p;
    g_strfreev(t->segs);
    g_free(t);
}

const char *
slant_diff_intern(SlantDiff *d, const char *s)
{
    if (s == NULL)
        return NULL;
    const char *got = g_hash_table_lookup(d->strings, s);
    if (got == NULL) {
        got = g_string_chunk_insert(d->chunk, s);
        g_hash_table_insert(d->strings, (gpointer) got, (gpointer) got);
    }
    return got;
}

/* "alliance" + "interval.balance" -> alliance, interval, balance; "[0]"
 * and "[id]" steps become segments of their own. */
static char **
metric_segments(const char *id, const char *name, guint *n)
{
    GPtrArray *a = g_ptr_array_new();
    if (id != NULL)
        g_ptr_array_add(a, g_strdup(id));
    const char *p = name;
    while (*p != '\0') {
        gsize k = strcspn(p, ".[]");
        if (k > 0)
            g_ptr_array_add(a, g_strndup(p, k));
        p += k;
        if (*p != '\0')
            p++;
    }
    *n = a->len;
    g_ptr_array_add(a, NULL);
    return (char **) g_ptr_array_free(a, FALSE);
}

/* The tolerance for a metric: the longest name whose segments stand as a
 * run in the metric's, then the one ending nearest the end. */
static void
metric_tolerance(SlantDiff *d, SlantDiffMetric *m)
{
    m->tolerance = d->o->tolerance;
    m->tolerance_name = NULL;
    if (d->tols->len == 0)
        return;
    guint n = 0;
    char **segs = metric_segments(m->id, m->name, &n);
    guint best_len = 0, best_end = 0;
    for (guint t = 0; t < d->tols->len; t++) {
        const Tol *tol = d->tols->pdata[t];
        for (guint p = 0; p + tol->n_segs <= n; p++) {
            guint k = 0;
            while (k < tol->n_segs && strcmp(segs[p + k], tol->segs[k]) == 0)
                k++;
            if (k < tol->n_segs)
                continue;
            guint end = p + k;
            if (k > best_len || (k == best_len && end > best_end)) {
                best_len = k;
                best_end = end;
                m->tolerance = tol->tolerance;
                m->tolerance_name = tol->name;
            }
        }
    }
    g_strfreev(segs);
}

static const SlantDiffMetric *
metric_get(SlantDiff *d, const char *scope, const char *id, const char *name)
{
    GString *k = d->key;
    g_string_assign(k, scope ? scope : "");
    g_string_append_c(k, '\x1f');
    if (id != NULL)
        g_string_append(k, id);
    g_string_append_c(k, '\x1f');
    g_string_append(k, name);
    SlantDiffMetric *m = g_hash_table_lookup(d->metrics, k->str);
    if (m == NULL) {
        m = g_new0(SlantDiffMetric, 1);
        m->scope = scope; /* static strings */
        m->id = slant_diff_intern(d, id);
        m->name = slant_diff_intern(d, name);
        metric_tolerance(d, m);
        g_hash_table_insert(d->metrics, g_strdup(k->str), m);
    }
    return m;
}

static SlantDiff *
diff_new(const SlantDiffOptions *o)
{
    SlantDiff *d = g_new0(SlantDiff, 1);
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++)
        d->items[k] = g_array_new(FALSE, FALSE, sizeof(SlantDiffItem));
    d->chunk = g_string_chunk_new(64 * 1024);
    d->strings = g_hash_table_new(g_str_hash, g_str_equal);
    d->metrics = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    d->o = o;
    d->tols = g_ptr_array_new_with_free_func(tol_free);
    d->key = g_string_new(NULL);
    if (o->tolerances != NULL) {
        for (guint i = 0; i < o->tolerances->len; i++) {
            const SlantDiffTolerance *t = o->tolerances->pdata[i];
            Tol *tol = NULL;
            for (guint j = 0; j < d->tols->len && tol == NULL; j++)
                if (strcmp(((Tol *) d->tols->pdata[j])->name, t->name) == 0)
                    tol = d->tols->pdata[j];
            if (tol == NULL) {
                tol = g_new0(Tol, 1);
                tol->name = slant_diff_intern(d, t->name);
                tol->segs = metric_segments(NULL, t->name, &tol->n_segs);
                g_ptr_array_add(d->tols, tol);
            }
            tol->tolerance = t->tolerance;
        }
    }
    return d;
}

void
slant_diff_free(SlantDiff *d)
{
    if (d == NULL)
        return;
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++)
        g_array_unref(d->items[k]);
    g_string_chunk_free(d->chunk);
    g_hash_table_unref(d->strings);
    g_hash_table_unref(d->metrics);
    g_free(d->unmatched);
    if (d->tols != NULL)
        g_ptr_array_unref(d->tols);
    if (d->key != NULL)
        g_string_free(d->key, TRUE);
    g_free(d);
}

/* ---- options ---------------------------------------------------------- */

static void
tolerance_free(gpointer p)
{
    SlantDiffTolerance *t = p;
    g_free(t->name);
    g_free(t);
}

void
slant_diff_options_init(SlantDiffOptions *o)
{
    memset(o, 0, sizeof *o);
    o->tolerance = SLANT_DIFF_DEFAULT_TOLERANCE;
    o->tolerances = g_ptr_array_new_with_free_func(tolerance_free);
}

void
slant_diff_options_clear(SlantDiffOptions *o)
{
    if (o->tolerances != NULL)
        g_ptr_array_unref(o->tolerances);
    memset(o, 0, sizeof *o);
}

gboolean
slant_diff_options_add_tolerance(SlantDiffOptions *o, const char *spec, GError **error)
{
    const char *eq = strchr(spec, '=');
    const char *num = eq ? eq + 1 : spec;
    g_autofree char *name = eq ? g_strstrip(g_strndup(spec, (gsize) (eq - spec))) : NULL;
    char *end = NULL;
    double v = g_ascii_strtod(num, &end);
    if (end == num || *end != '\0' || !isfinite(v) || v < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--tolerance '%s': give T or METRIC=T, T a number >= 0", spec);
        return FALSE;
    }
    if (eq != NULL && (name[0] == '\0' || name[0] == '.' || name[strlen(name) - 1] == '.')) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--tolerance '%s': no metric name before '='", spec);
        return FALSE;
    }
    if (eq == NULL) {
        o->tolerance = v;
        return TRUE;
    }
    SlantDiffTolerance *t = g_new0(SlantDiffTolerance, 1);
    t->name = g_steal_pointer(&name);
    t->tolerance = v;
    g_ptr_array_add(o->tolerances, t);
    return TRUE;
}

/* ---- comparing -------------------------------------------------------- */

typedef struct {
    SlantDiff *d;
    SlantDiffKind kind;
    SlantDiffRole role;
    const char *a, *b;
    const char *scope, *id;
    GString *name;
} Walk;

static void
name_push(Walk *w, const char *key, gsize *saved)
{
    *saved = w->name->len;
    if (w->name->len > 0)
        g_string_append_c(w->name, '.');
    g_string_append(w->name, key);
}

static void
name_push_index(Walk *w, const char *index, gsize *saved)
{
    *saved = w->name->len;
    g_string_append_c(w->name, '[');
    g_string_append(w->name, index);
    g_string_append_c(w->name, ']');
}

static void
name_pop(Walk *w, gsize saved)
{
    g_string_truncate(w->name, saved);
}

static gboolean
is_bounds(const cJSON *j)
{
    return cJSON_IsArray(j) && cJSON_GetArraySize(j) == 2 && cJSON_IsNumber(j->child) &&
           cJSON_IsNumber(j->child->next);
}

/* A short text for a value added or removed, or changed in type. */
static const char *
value_text(SlantDiff *d, const cJSON *j)
{
    if (cJSON_IsObject(j))
        return "{...}";
    if (cJSON_IsArray(j)) {
        int n = cJSON_GetArraySize(j);
        char buf[48];
        g_snprintf(buf, sizeof buf, "[%d item%s]", n, n == 1 ? "" : "s");
        return slant_diff_intern(d, buf);
    }
    char *p;
    if (cJSON_IsString(j) && strlen(j->valuestring) > TEXT_MAX) {
        /* cut at a character boundary, and still a JSON string */
        const char *v = j->valuestring;
        const char *cut = g_utf8_find_prev_char(v, v + TEXT_MAX + 1);
        g_autofree char *s = g_strdup_printf("%.*s...", (int) (cut ? cut - v : TEXT_MAX), v);
        cJSON *c = cJSON_CreateString(s);
        p = cJSON_PrintUnformatted(c);
        cJSON_Delete(c);
    } else {
        p = cJSON_PrintUnformatted(j);
    }
    const char *out = g_string_chunk_insert(d->chunk, p);
    cJSON_free(p);
    return out;
}

static void
set_value(SlantDiff *d, SlantDiffValue *v, const cJSON *j, gboolean with_text)
{
    memset(v, 0, sizeof *v);
    if (j == NULL) {
        v->type = SLANT_DIFF_ABSENT;
    } else if (cJSON_IsNumber(j)) {
        v->type = SLANT_DIFF_NUMBER;
        v->v[0] = j->valuedouble;
    } else if (is_bounds(j)) {
        v->type = SLANT_DIFF_BOUNDS;
        v->v[0] = j->child->valuedouble;
        v->v[1] = j->child->next->valuedouble;
    } else {
        v->type = SLANT_DIFF_TEXT;
        if (with_text)
            v->text = value_text(d, j);
    }
}

static inline gboolean
over(double delta, double tol, double a, double b)
{
    double m = MAX(1.0, MAX(fabs(a), fabs(b)));
    return fabs(delta) > tol + 1e-9 * m;
}

static void
add_item(Walk *w, const cJSON *o, const cJSON *n, const cJSON *interval)
{
    SlantDiff *d = w->d;
    const SlantDiffOptions *opt = d->o;
    SlantDiffItem it;
    memset(&it, 0, sizeof it);
    it.kind = w->kind;
    it.role = w->role;
    it.a = w->a;
    it.b = w->b;
    it.delta = NAN;
    const SlantDiffMetric *m = metric_get(d, w->scope, w->id, w->name->str);
    it.metric = m;
    if (o == NULL || n == NULL) {
        it.change = o == NULL ? SLANT_DIFF_ADDED : SLANT_DIFF_REMOVED;
    } else if (cJSON_IsNumber(o) && cJSON_IsNumber(n)) {
        it.delta = n->valuedouble - o->valuedouble;
        it.change = o->valuedouble == n->valuedouble ? SLANT_DIFF_SAME : SLANT_DIFF_CHANGED;
    } else if (is_bounds(o) && is_bounds(n)) {
        double d0 = n->child->valuedouble - o->child->valuedouble;
        double d1 = n->child->next->valuedouble - o->child->next->valuedouble;
        it.delta = fabs(d1) > fabs(d0) ? d1 : d0;
        it.change = d0 == 0 && d1 == 0 ? SLANT_DIFF_SAME : SLANT_DIFF_CHANGED;
    } else {
        it.change = cJSON_Compare(o, n, TRUE) ? SLANT_DIFF_SAME : SLANT_DIFF_CHANGED;
    }
    gboolean numeric = !isnan(it.delta);
    if (it.role == SLANT_DIFF_ROLE_MEMBER) {
        /* the side that has it: present, no value */
        it.old_value.type = o != NULL ? SLANT_DIFF_TEXT : SLANT_DIFF_ABSENT;
        it.new_value.type = n != NULL ? SLANT_DIFF_TEXT : SLANT_DIFF_ABSENT;
        it.drift = !opt->allow_new;
    } else if (it.change != SLANT_DIFF_SAME) {
        set_value(d, &it.old_value, o, TRUE);
        set_value(d, &it.new_value, n, TRUE);
        double ov = it.old_value.v[0], nv = it.new_value.v[0];
        switch (it.role) {
        case SLANT_DIFF_ROLE_VALUE:
            if (it.change != SLANT_DIFF_CHANGED) {
                /* a fixed-key member that appears or disappears: the format changed */
                it.role = SLANT_DIFF_ROLE_CONTEXT;
                it.drift = opt->strict_meta;
            } else if (opt->significant && interval != NULL && is_bounds(interval) &&
                       it.new_value.type == SLANT_DIFF_NUMBER) {
                it.by_interval = TRUE;
                it.interval[0] = interval->child->valuedouble;
                it.interval[1] = interval->child->next->valuedouble;
                double slack = 1e-9 * MAX(1.0, MAX(fabs(it.interval[0]), fabs(it.interval[1])));
                it.drift = nv < it.interval[0] - slack || nv > it.interval[1] + slack;
            } else if (numeric) {
                it.drift = over(it.delta, m->tolerance, ov, nv);
            } else {
                it.drift = TRUE; /* a number became null, or the like */
            }
            break;
        case SLANT_DIFF_ROLE_INTERVAL:
            if (it.change != SLANT_DIFF_CHANGED)
                it.role = SLANT_DIFF_ROLE_CONTEXT;
            it.drift = it.role == SLANT_DIFF_ROLE_CONTEXT
                           ? opt->strict_meta
                           : opt->intervals && (!numeric || over(it.delta, m->tolerance, ov, nv));
            break;
        case SLANT_DIFF_ROLE_CONTEXT:
            it.drift = opt->strict_meta;
            break;
        case SLANT_DIFF_ROLE_MEMBER:
            break;
        }
    } else {
        set_value(d, &it.old_value, o, FALSE);
        set_value(d, &it.new_value, n, FALSE);
    }
    if ((it.role == SLANT_DIFF_ROLE_VALUE || it.role == SLANT_DIFF_ROLE_INTERVAL) && numeric &&
        !it.by_interval && m->tolerance_name != NULL) {
        for (guint t = 0; t < d->tols->len; t++) {
            Tol *tol = d->tols->pdata[t];
            if (tol->name == m->tolerance_name)
                tol->used = TRUE;
        }
    }
    for (int k = 0; k < 2; k++) {
        SlantDiffCounts *c = &d->counts[k == 0 ? (int) it.kind : SLANT_DIFF_N_KINDS];
        c->checked++;
        if (it.change == SLANT_DIFF_SAME)
            continue;
        c->changed++;
        c->drift += it.drift;
        if (it.role == SLANT_DIFF_ROLE_VALUE && !it.drift)
            c->within++;
        c->intervals += it.role == SLANT_DIFF_ROLE_INTERVAL;
        c->context += it.role == SLANT_DIFF_ROLE_CONTEXT;
        if (it.role == SLANT_DIFF_ROLE_MEMBER) {
            c->added += it.change == SLANT_DIFF_ADDED;
            c->removed += it.change == SLANT_DIFF_REMOVED;
        }
    }
    if (it.change != SLANT_DIFF_SAME || opt->keep_unchanged)
        g_array_append_val(d->items[it.kind], it);
}

/* A member (group, pair, axis, category, document) in one file only. */
static void
add_member(Walk *w, gboolean added)
{
    SlantDiffRole saved = w->role;
    w->role = SLANT_DIFF_ROLE_MEMBER;
    static const cJSON present = {.type = cJSON_NULL};
    add_item(w, added ? NULL : &present, added ? &present : NULL, NULL);
    w->role = saved;
}

static gboolean
ignored_key(const char *key)
{
    /* paths name files, not content; drivers explain what is compared */
    return strcmp(key, "path") == 0 || strcmp(key, "drivers") == 0;
}

/* The member of an array element that keys it, when every element of
 * both arrays is an object with a distinct string under that name. */
static const char *
array_key(const cJSON *o, const cJSON *n)
{
    static const char *const names[] = {"id", "name", "pattern"};
    for (gsize k = 0; k < G_N_ELEMENTS(names); k++) {
        gboolean ok = TRUE;
        for (int side = 0; side < 2 && ok; side++) {
            const cJSON *arr = side == 0 ? o : n;
            g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
            for (const cJSON *e = arr->child; e != NULL && ok; e = e->next) {
                const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, names[k]);
                ok = cJSON_IsObject(e) && cJSON_IsString(v) &&
                     g_hash_table_add(seen, v->valuestring);
            }
        }
        if (ok && (o->child != NULL || n->child != NULL))
            return names[k];
    }
    return NULL;
}

static const cJSON *
keyed_find(const cJSON *arr, const char *key, const char *value)
{
    for (const cJSON *e = arr->child; e != NULL; e = e->next) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);
        if (strcmp(v->valuestring, value) == 0)
            return e;
    }
    return NULL;
}

static void walk(Walk *w, const cJSON *o, const cJSON *n, const cJSON *iv);

/* Child @key of the objects @o and @n (@nc may be NULL: old only). */
static void
walk_member(Walk *w, const char *key, const cJSON *oc, const cJSON *nc, const cJSON *iv,
            const cJSON *own_iv)
{
    gsize saved;
    name_push(w, key, &saved);
    if (oc == NULL || nc == NULL) {
        add_item(w, oc, nc, NULL);
    } else if (cJSON_IsObject(oc) && cJSON_IsObject(nc)) {
        SlantDiffRole role = w->role;
        if (strcmp(key, "interval") == 0 && role == SLANT_DIFF_ROLE_VALUE)
            w->role = SLANT_DIFF_ROLE_INTERVAL;
        /* the interval of a group's pooled scores and of a pair's
         * differences stands beside them */
        const cJSON *child_iv = NULL;
        if (strcmp(key, "pooled") == 0 || strcmp(key, "difference") == 0)
            child_iv = own_iv;
        walk(w, oc, nc, child_iv);
        w->role = role;
    } else {
        SlantDiffRole role = w->role;
        if (strcmp(key, "interval") == 0 && role == SLANT_DIFF_ROLE_VALUE)
            w->role = SLANT_DIFF_ROLE_INTERVAL;
        const cJSON *leaf_iv = NULL;
        if (iv != NULL)
            leaf_iv = cJSON_GetObjectItemCaseSensitive(iv, key);
        else if (own_iv != NULL && strcmp(key, "interval") != 0)
            leaf_iv = cJSON_GetObjectItemCaseSensitive(own_iv, key);
        if (cJSON_IsArray(oc) && cJSON_IsArray(nc) && !(is_bounds(oc) && is_bounds(nc)))
            walk(w, oc, nc, NULL);
        else
            add_item(w, oc, nc, leaf_iv);
        w->role = role;
    }
    name_pop(w, saved);
}

/* Compare @o and @n at w->name.  @iv: the old interval object that holds
 * the intervals of the numbers right inside @o (their parent's). */
static void
walk(Walk *w, const cJSON *o, const cJSON *n, const cJSON *iv)
{
    if (cJSON_IsObject(o) && cJSON_IsObject(n)) {
        const cJSON *own_iv = cJSON_GetObjectItemCaseSensitive(o, "interval");
        if (!cJSON_IsObject(own_iv))
            own_iv = NULL;
        for (const cJSON *nc = n->child; nc != NULL; nc = nc->next) {
            if (ignored_key(nc->string))
                continue;
            const cJSON *oc = cJSON_GetObjectItemCaseSensitive(o, nc->string);
            walk_member(w, nc->string, oc, nc, iv, own_iv);
        }
        for (const cJSON *oc = o->child; oc != NULL; oc = oc->next) {
            if (ignored_key(oc->string) || cJSON_GetObjectItemCaseSensitive(n, oc->string) != NULL)
                continue;
            walk_member(w, oc->string, oc, NULL, NULL, NULL);
        }
        return;
    }
    if (cJSON_IsArray(o) && cJSON_IsArray(n) && !(is_bounds(o) && is_bounds(n))) {
        const char *key = array_key(o, n);
        gsize saved;
        if (key != NULL) {
            for (const cJSON *ne = n->child; ne != NULL; ne = ne->next) {
                const char *id = cJSON_GetObjectItemCaseSensitive(ne, key)->valuestring;
                name_push_index(w, id, &saved);
                const cJSON *oe = keyed_find(o, key, id);
                if (oe == NULL)
                    add_item(w, NULL, ne, NULL);
                else
                    walk(w, oe, ne, NULL);
                name_pop(w, saved);
            }
            for (const cJSON *oe = o->child; oe != NULL; oe = oe->next) {
                const char *id = cJSON_GetObjectItemCaseSensitive(oe, key)->valuestring;
                if (keyed_find(n, key, id) != NULL)
                    continue;
                name_push_index(w, id, &saved);
                add_item(w, oe, NULL, NULL);
                name_pop(w, saved);
            }
            return;
        }
        const cJSON *oe = o->child, *ne = n->child;
        for (int i = 0; oe != NULL || ne != NULL; i++) {
            char idx[24];
            g_snprintf(idx, sizeof idx, "%d", i);
            name_push_index(w, idx, &saved);
            if (oe != NULL && ne != NULL)
                walk(w, oe, ne, NULL);
            else
                add_item(w, oe, ne, NULL);
            name_pop(w, saved);
            oe = oe ? oe->next : NULL;
            ne = ne ? ne->next : NULL;
        }
        return;
    }
    add_item(w, o, n, NULL);
}

/* The children of a group's or a pair's "axes" and "categories" are
 * lexicon ids: one that is in one file only is an axis or category added
 * or removed, not a format change. */
static void
walk_scoped(Walk *w, const char *member, const cJSON *o, const cJSON *n)
{
    SlantDiffKind kind = w->kind;
    const char *scope = strcmp(member, "axes") == 0 ? "axis" : "category";
    if (kind == SLANT_DIFF_KIND_GROUPS && strcmp(member, "categories") == 0)
        w->kind = SLANT_DIFF_KIND_CATEGORIES;
    w->scope = scope;
    for (int pass = 0; pass < 2; pass++) {
        const cJSON *list = pass == 0 ? n : o;
        for (const cJSON *c = list->child; c != NULL; c = c->next) {
            const cJSON *other = cJSON_GetObjectItemCaseSensitive(pass == 0 ? o : n, c->string);
            if (pass == 1 && other != NULL)
                continue;
            w->id = slant_diff_intern(w->d, c->string);
            g_string_truncate(w->name, 0);
            if (other == NULL)
                add_member(w, pass == 0);
            else
                walk(w, other, c, NULL);
        }
    }
    w->scope = NULL;
    w->id = NULL;
    g_string_truncate(w->name, 0);
    w->kind = kind;
}

static gboolean
identity_key(DiffEntKind ek, const char *key)
{
    switch (ek) {
    case ENT_SOURCES: return strcmp(key, "name") == 0;
    case ENT_COMPARISONS: return strcmp(key, "a") == 0 || strcmp(key, "b") == 0 || strcmp(key, "kind") == 0;
    case ENT_DOCUMENTS:
        /* where the document was read, and its detail (every hit, every
         * entry): not its measurement */
        return strcmp(key, "id") == 0 || strcmp(key, "input") == 0 || strcmp(key, "line") == 0 ||
               strcmp(key, "hits") == 0 || strcmp(key, "entries") == 0;
    }
    return FALSE;
}

static gboolean
document_context_key(const char *key)
{
    return strcmp(key, "source") == 0 || strcmp(key, "title") == 0 || strcmp(key, "date") == 0 ||
           strcmp(key, "url") == 0 || strcmp(key, "labels") == 0;
}

static void
walk_entity(Walk *w, DiffEntKind ek, const cJSON *o, const cJSON *n)
{
    for (int pass = 0; pass < 2; pass++) {
        const cJSON *list = pass == 0 ? n : o;
        for (const cJSON *c = list->child; c != NULL; c = c->next) {
            if (identity_key(ek, c->string) || ignored_key(c->string))
                continue;
            const cJSON *other = cJSON_GetObjectItemCaseSensitive(pass == 0 ? o : n, c->string);
            if (pass == 1 && other != NULL)
                continue;
            const cJSON *oc = pass == 0 ? other : c, *nc = pass == 0 ? c : NULL;
            if ((strcmp(c->string, "axes") == 0 || strcmp(c->string, "categories") == 0) &&
                cJSON_IsObject(oc) && cJSON_IsObject(nc)) {
                walk_scoped(w, c->string, oc, nc);
                continue;
            }
            SlantDiffRole role = w->role;
            if (ek == ENT_DOCUMENTS && document_context_key(c->string))
                w->role = SLANT_DIFF_ROLE_CONTEXT;
            g_string_truncate(w->name, 0);
            walk_member(w, c->string, oc, nc, NULL, NULL);
            w->role = role;
        }
    }
    g_string_truncate(w->name, 0);
}

static SlantDiffKind
ent_diff_kind(DiffEntKind ek)
{
    return ek == ENT_SOURCES ? SLANT_DIFF_KIND_GROUPS
           : ek == ENT_COMPARISONS ? SLANT_DIFF_KIND_PAIRS
                                   : SLANT_DIFF_KIND_DOCUMENTS;
}

static gboolean
compare_entities(SlantDiff *d, const DiffInput *oi, const DiffEntities *oe, const DiffInput *ni,
                 const DiffEntities *ne, GError **error)
{
    Walk w = {d, ent_diff_kind(ne->kind), SLANT_DIFF_ROLE_VALUE, NULL, NULL, NULL, NULL,
              g_string_new(NULL)};
    gboolean ok = TRUE;
    g_autofree gboolean *seen = g_new0(gboolean, oe->list->len + 1);
    for (guint i = 0; i < ne->list->len && ok; i++) {
        const DiffEntity *e = &g_array_index(ne->list, DiffEntity, i);
        guint at = GPOINTER_TO_UINT(g_hash_table_lookup(oe->index, e->key));
        w.a = e->a;
        w.b = e->b;
        w.kind = ent_diff_kind(ne->kind);
        if (at == 0) {
            add_member(&w, TRUE);
            continue;
        }
        seen[at - 1] = TRUE;
        const DiffEntity *old = &g_array_index(oe->list, DiffEntity, at - 1);
        cJSON *oj = slant_diff_parse_span(oi, old->span, error);
        cJSON *nj = oj ? slant_diff_parse_span(ni, e->span, error) : NULL;
        if (oj != NULL && nj != NULL)
            walk_entity(&w, ne->kind, oj, nj);
        else
            ok = FALSE;
        cJSON_Delete(oj);
        cJSON_Delete(nj);
    }
    for (guint i = 0; i < oe->list->len && ok; i++) {
        if (seen[i])
            continue;
        const DiffEntity *old = &g_array_index(oe->list, DiffEntity, i);
        w.a = old->a;
        w.b = old->b;
        add_member(&w, FALSE);
    }
    g_string_free(w.name, TRUE);
    return ok;
}

/* A top-level member of a report other than the indexed arrays. */
static gboolean
compare_top(SlantDiff *d, const char *key, const DiffInput *oi, const DiffMember *om, const DiffInput *ni,
            const DiffMember *nm, GError **error)
{
    if (strcmp(key, "skipped") == 0)
        return TRUE; /* what was skipped names files and lines; the count is in summary */
    /* the summary's totals follow from the groups (a group added changes
     * them): context, like meta */
    Walk w = {d, SLANT_DIFF_KIND_SUMMARY, SLANT_DIFF_ROLE_CONTEXT, NULL, NULL, NULL, NULL,
              g_string_new(NULL)};
    if (strcmp(key, "meta") == 0 || strcmp(key, "schema_version") == 0 ||
        strcmp(key, "axes") == 0 || strcmp(key, "categories") == 0) {
        w.kind = SLANT_DIFF_KIND_META;
        w.role = SLANT_DIFF_ROLE_CONTEXT;
    } else if (om == NULL || nm == NULL || om->ents != NULL || nm->ents != NULL) {
        /* a member the report gained or lost (documents with --documents) */
        w.kind = SLANT_DIFF_KIND_META;
        w.role = SLANT_DIFF_ROLE_CONTEXT;
    }
    cJSON *oj = om ? slant_diff_parse_span(oi, om->span, error) : NULL;
    cJSON *nj = (om == NULL || oj != NULL) && nm ? slant_diff_parse_span(ni, nm->span, error) : NULL;
    gboolean ok = (om == NULL || oj != NULL) && (nm == NULL || nj != NULL);
    if (ok) {
        /* the whole member as one value when it is in one file only */
        if (om == NULL || nm == NULL) {
            g_string_assign(w.name, key);
            add_item(&w, oj, nj, NULL);
        } else {
            gsize saved;
            name_push(&w, key, &saved);
            walk(&w, oj, nj, NULL);
        }
    }
    cJSON_Delete(oj);
    cJSON_Delete(nj);
    g_string_free(w.name, TRUE);
    return ok;
}

static gboolean
compare_reports(SlantDiff *d, const DiffInput *oi, const DiffInput *ni, GError **error)
{
    for (guint i = 0; i < ni->members->len; i++) {
        const DiffMember *nm = ni->members->pdata[i];
        const DiffMember *om = slant_diff_member_find(oi->members, nm->key);
        gboolean ok;
        if (om != NULL && om->ents != NULL && nm->ents != NULL)
            ok = compare_entities(d, oi, om->ents, ni, nm->ents, error);
        else
            ok = compare_top(d, nm->key, oi, om, ni, nm, error);
        if (!ok)
            return FALSE;
    }
    for (guint i = 0; i < oi->members->len; i++) {
        const DiffMember *om = oi->members->pdata[i];
        if (slant_diff_member_find(ni->members, om->key) == NULL && !compare_top(d, om->key, oi, om, ni, NULL, error))
            return FALSE;
    }
    return TRUE;
}

static SlantDiff *
diff_inputs(DiffInput *oi, DiffInput *ni, const SlantDiffOptions *o, GError **error)
{
    SlantDiff *d = diff_new(o);
    if (!slant_diff_input_index(d, oi, error) || !slant_diff_input_index(d, ni, error)) {
        slant_diff_free(d);
        return NULL;
    }
    if (oi->type != ni->type) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "cannot compare %s ('%s') with %s ('%s'): give two reports or two score outputs",
                    oi->type == SLANT_DIFF_REPORT ? "a report" : "a score output", oi->name,
                    ni->type == SLANT_DIFF_REPORT ? "a report" : "a score output", ni->name);
        slant_diff_free(d);
        return NULL;
    }
    d->type = oi->type;
    gboolean ok = d->type == SLANT_DIFF_REPORT ? compare_reports(d, oi, ni, error)
                                               : compare_entities(d, oi, oi->docs, ni, ni->docs, error);
    if (!ok) {
        slant_diff_free(d);
        return NULL;
    }
    GPtrArray *un = g_ptr_array_new();
    for (guint t = 0; t < d->tols->len; t++) {
        const Tol *tol = d->tols->pdata[t];
        if (!tol->used)
            g_ptr_array_add(un, (gpointer) tol->name);
    }
    g_ptr_array_add(un, NULL);
    d->unmatched = (char **) g_ptr_array_free(un, FALSE);
    g_ptr_array_unref(g_steal_pointer(&d->tols));
    g_string_free(g_steal_pointer(&d->key), TRUE);
    g_hash_table_remove_all(d->strings); /* the chunk keeps the strings */
    d->o = NULL;
    return d;
}

SlantDiff *
slant_diff_texts(const char *old_name, const char *old_text, gsize old_len, const char *new_name,
                 const char *new_text, gsize new_len, const SlantDiffOptions *o, GError **error)
{
    g_return_val_if_fail(old_text != NULL && new_text != NULL && o != NULL, NULL);
    DiffInput oi = {.name = old_name, .text = old_text, .len = old_len};
    DiffInput ni = {.name = new_name, .text = new_text, .len = new_len};
    SlantDiff *d = diff_inputs(&oi, &ni, o, error);
    slant_diff_input_clear(&oi);
    slant_diff_input_clear(&ni);
    return d;
}

SlantDiff *
slant_diff_files(const char *old_path, const char *new_path, const SlantDiffOptions *o,
                 GError **error)
{
    g_return_val_if_fail(old_path != NULL && new_path != NULL && o != NULL, NULL);
    if (strcmp(old_path, "-") == 0 && strcmp(new_path, "-") == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "only one of OLD and NEW can be standard input ('-')");
        return NULL;
    }
    DiffInput oi = {0}, ni = {0};
    SlantDiff *d = NULL;
    if (slant_diff_input_read(&oi, old_path, error) && slant_diff_input_read(&ni, new_path, error))
        d = diff_inputs(&oi, &ni, o, error);
    slant_diff_input_clear(&oi);
    slant_diff_input_clear(&ni);
    return d;
}

/* ---- the result, read ------------------------------------------------- */

SlantDiffType
slant_diff_type(const SlantDiff *d)
{
    return d->type;
}

gboolean
slant_diff_drift(const SlantDiff *d)
{
    return d->counts[SLANT_DIFF_N_KINDS].drift > 0;
}

const SlantDiffItem *
slant_diff_items(const SlantDiff *d, SlantDiffKind kind, gsize *n)
{
    g_return_val_if_fail(kind < SLANT_DIFF_N_KINDS, NULL);
    *n = d->items[kind]->len;
    return (const SlantDiffItem *) (gconstpointer) d->items[kind]->data;
}

const SlantDiffCounts *
slant_diff_counts(const SlantDiff *d, SlantDiffKind kind)
{
    g_return_val_if_fail(kind <= SLANT_DIFF_N_KINDS, NULL);
    return &d->counts[kind];
}

const char *const *
slant_diff_unmatched_tolerances(const SlantDiff *d)
{
    return (const char *const *) d->unmatched;
}

double
slant_diff_item_magnitude(const SlantDiffItem *it)
{
    if (it->change == SLANT_DIFF_SAME)
        return 0;
    if (isnan(it->delta))
        return INFINITY;
    /* held to an interval: its half-width is the tolerance */
    double t = it->by_interval ? (it->interval[1] - it->interval[0]) / 2 : it->metric->tolerance;
    if (t <= 0)
        return it->delta == 0 ? 0 : INFINITY;
    return fabs(it->delta) / t;
}

typedef struct {
    const SlantDiffItem *it;
    double magnitude;
    guint order;
} Ranked;

static gint
cmp_ranked(gconstpointer pa, gconstpointer pb)
{
    const Ranked *a = pa, *b = pb;
    if (a->it->drift != b->it->drift)
        return a->it->drift ? -1 : 1;
    if (a->magnitude != b->magnitude)
        return a->magnitude > b->magnitude ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

GPtrArray *
slant_diff_ranked(const SlantDiff *d)
{
    g_autoptr(GArray) r = g_array_new(FALSE, FALSE, sizeof(Ranked));
    guint order = 0;
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++) {
        for (guint i = 0; i < d->items[k]->len; i++) {
            const SlantDiffItem *it = &g_array_index(d->items[k], SlantDiffItem, i);
            if (it->change == SLANT_DIFF_SAME)
                continue;
            Ranked x = {it, slant_diff_item_magnitude(it), order++};
            g_array_append_val(r, x);
        }
    }
    g_array_sort(r, cmp_ranked);
    GPtrArray *out = g_ptr_array_sized_new(r->len);
    for (guint i = 0; i < r->len; i++)
        g_ptr_array_add(out, (gpointer) g_array_index(r, Ranked, i).it);
    return out;
}

const char *
slant_diff_kind_name(SlantDiffKind kind)
{
    static const char *const names[] = {"meta", "groups", "categories", "pairs", "documents",
                                        "summary"};
    return kind < SLANT_DIFF_N_KINDS ? names[kind] : "all";
}

const char *
slant_diff_change_name(SlantDiffChange change)
{
    static const char *const names[] = {"same", "changed", "added", "removed"};
    return change <= SLANT_DIFF_REMOVED ? names[change] : "?";
}

const char *
slant_diff_role_name(SlantDiffRole role)
{
    static const char *const names[] = {"value", "interval", "context", "member"};
    return role <= SLANT_DIFF_ROLE_MEMBER ? names[role] : "?";
}

const char *
slant_diff_type_name(SlantDiffType type)
{
    return type == SLANT_DIFF_REPORT ? "report" : "scores";
}

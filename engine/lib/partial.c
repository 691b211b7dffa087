/* partial.c: writing and merging partial results.
 *
 * Written by hand into a GString (a partial holds a few numbers per
 * document, too many for a cJSON node each), read back with cJSON.
 */
#include "partial.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <string.h>

#include "report.h"
#include "score-private.h"
#include "slant-error.h"

static void
append_string(GString *out, const char *s)
{
    if (s == NULL) {
        g_string_append(out, "null");
        return;
    }
    cJSON *str = cJSON_CreateString(s);
    char *text = cJSON_PrintUnformatted(str);
    g_string_append(out, text);
    cJSON_free(text);
    cJSON_Delete(str);
}

/* The elements of a GArray of guint32 (or gint64), comma-separated. */
static void
append_u32s(GString *out, const GArray *a)
{
    for (guint i = 0; i < a->len; i++)
        g_string_append_printf(out, i ? ",%u" : "%u", g_array_index(a, guint32, i));
}

static void
append_i64s(GString *out, const GArray *a)
{
    for (guint i = 0; i < a->len; i++)
        g_string_append_printf(out, i ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                               g_array_index(a, gint64, i));
}

static int
cmp_unit_entry_key(gconstpointer a, gconstpointer b)
{
    gint64 x = **(const gint64 *const *) a, y = **(const gint64 *const *) b;
    return x < y ? -1 : x > y;
}

/* [unit, entry, pos, neg, hits, negated] of each (unit, entry) with hits,
 * in key order: hash order must not leak out. */
static void
append_unit_entries(GString *o, const SourceAcc *s)
{
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, s->unit_entries);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_ptr_array_add(keys, k);
    g_ptr_array_sort(keys, cmp_unit_entry_key);
    for (guint i = 0; i < keys->len; i++) {
        const gint64 *key = keys->pdata[i];
        const DriverAcc *d = g_hash_table_lookup(s->unit_entries, key);
        g_string_append_printf(o, "%s[%u,%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%u]",
                               i ? "," : "", (guint32) ((guint64) *key >> 32), d->entry, d->pos,
                               d->neg, d->hits, d->negated);
    }
}

/* [entry, pos, neg, hits, negated] of each entry, in ascending order:
 * table order must not leak out. */
static void
append_drivers(GString *o, const DriverTable *t)
{
    g_autofree DriverAcc *sorted = slant_drivers_sorted(t);
    for (guint j = 0; j < t->len; j++) {
        const DriverAcc *d = &sorted[j];
        g_string_append_printf(o, "%s[%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%u]", j ? "," : "",
                               d->entry, d->pos, d->neg, d->hits, d->negated);
    }
}

char *
slant_partial_write(const SlantAggregate *agg, const SlantLexicon *lex, const GPtrArray *inputs,
                    const GPtrArray *skipped, const SlantRunParameters *params)
{
    g_return_val_if_fail(!agg->finished, NULL);
    GString *o = g_string_new(NULL);
    g_string_printf(o, "{\"slant_partial\": %d,\n\"engine_version\": ", SLANT_PARTIAL_VERSION);
    char num[64];
    append_string(o, SLANT_VERSION);
    g_string_append(o, ",\n\"lexicon\": {\"name\": ");
    append_string(o, slant_lexicon_name(lex));
    g_string_append(o, ", \"version\": ");
    append_string(o, slant_lexicon_version(lex));
    g_string_append(o, ", \"sha256\": ");
    append_string(o, slant_lexicon_sha256(lex));
    g_string_append(o, ", \"path\": "); append_string(o, slant_lexicon_path(lex));
    g_string_append(o, "},\n\"lexicons\": [");
    for (guint k = 0; k < slant_lexicon_n_sources(lex); k++) {
        const SlantLexiconSource *src = slant_lexicon_source(lex, k);
        g_string_append(o, k ? ", {\"name\": " : "{\"name\": ");
        append_string(o, src->name);
        g_string_append(o, ", \"version\": ");
        append_string(o, src->version);
        g_string_append(o, ", \"sha256\": ");
        append_string(o, src->sha256);
        g_string_append(o, ", \"path\": ");
        append_string(o, src->path);
        g_string_append(o, "}");
    }
    g_string_append_printf(o, "],\n\"parameters\": {\"bootstrap_replicates\": %u, \"seed\": %"
                              G_GUINT64_FORMAT ", \"confidence_level\": %s, \"top_terms\": %u, "
                              "\"max_document_bytes\": %" G_GSIZE_FORMAT ", \"strict\": %s, "
                              "\"group_by\": ",
                           params->agg.bootstrap, params->agg.seed,
                           g_ascii_dtostr(num, sizeof num, params->agg.level), params->agg.top_terms,
                           params->max_document_bytes, params->strict ? "true" : "false");
    append_string(o, params->group_by != NULL ? params->group_by : "source");
    g_string_append(o, ", \"match\": ");
    append_string(o, params->match);
    g_string_append(o, ", \"pairs\": ");
    append_string(o, params->pairs);
    g_string_append(o, ", \"reference\": ");
    append_string(o, params->reference);
    g_string_append(o, ", \"groups\": ");
    if (params->only == NULL) {
        g_string_append(o, "null");
    } else {
        g_string_append_c(o, '[');
        for (char **g = params->only; *g != NULL; g++) {
            if (g != params->only)
                g_string_append_c(o, ',');
            append_string(o, *g);
        }
        g_string_append_c(o, ']');
    }
    g_string_append(o, ", \"voice\": ");
    append_string(o, slant_voice_name(params->voice));
    g_string_append_printf(o, "},\n\"left_out\": %" G_GUINT64_FORMAT ",\n", params->left_out);
    if (agg->opts.matched) {
        /* unit names once; documents name them by position here */
        g_string_append(o, "\"units\": [");
        for (guint i = 0; i < agg->unit_names->len; i++) {
            if (i > 0)
                g_string_append_c(o, ',');
            append_string(o, agg->unit_names->pdata[i]);
        }
        g_string_append(o, "],\n");
    }
    g_string_append(o, "\"inputs\": [");
    for (guint i = 0; i < inputs->len; i++) {
        const SlantInputInfo *in = inputs->pdata[i];
        g_string_append(o, i ? ",\n  {\"path\": " : "\n  {\"path\": ");
        append_string(o, in->name);
        g_string_append(o, ", \"format\": ");
        append_string(o, in->opened ? slant_corpus_format_name(in->format) : NULL);
        g_string_append_printf(o, ", \"documents\": %" G_GUINT64_FORMAT
                                  ", \"skipped\": %" G_GUINT64_FORMAT "}",
                               in->documents, in->skipped);
    }
    g_string_append(o, "],\n\"skipped\": [");
    for (guint i = 0; i < skipped->len; i++) {
        const SlantSkip *sk = skipped->pdata[i];
        g_string_append(o, i ? ",\n  {\"input\": " : "\n  {\"input\": ");
        append_string(o, sk->input);
        g_string_append_printf(o, ", \"line\": %" G_GUINT64_FORMAT ", \"id\": ", sk->line);
        append_string(o, sk->id);
        g_string_append(o, ", \"reason\": ");
        append_string(o, slant_error_code_name(sk->code));
        g_string_append(o, ", \"message\": ");
        append_string(o, sk->message);
        g_string_append_c(o, '}');
    }
    g_string_append(o, "],\n\"sources\": [");
    guint na = agg->na, nc = agg->nc;
    for (guint i = 0; i < agg->sources->len; i++) {
        const SourceAcc *s = agg->sources->pdata[i];
        const SlantSourceResult *r = &s->result;
        g_string_append(o, i ? ",\n {\"name\": " : "\n {\"name\": ");
        append_string(o, s->name);
        g_string_append_printf(o, ", \"documents\": %" G_GUINT64_FORMAT ", \"tokens\": %" G_GUINT64_FORMAT
                                  ", \"sentences\": %" G_GUINT64_FORMAT ",\n  \"doc_ids\": [",
                               s->docs, s->tokens, s->sentences);
        /* the ids' 64-bit hashes, as hex (JSON numbers hold 53 bits) */
        const guint64 *dh = (const guint64 *) (void *) s->doc_hash->data;
        for (guint d = 0; d < s->doc_hash->len; d++)
            g_string_append_printf(o, d ? ",\"%016" G_GINT64_MODIFIER "x\"" : "\"%016" G_GINT64_MODIFIER "x\"", dh[d]);
        g_string_append(o, "],\n  \"doc_tokens\": [");
        append_u32s(o, s->unit_tokens);
        g_string_append(o, "],\n  \"doc_weights\": [");
        append_i64s(o, s->unit_weights);
        g_string_append(o, "],\n  \"doc_categories\": [");
        append_u32s(o, s->unit_cats);
        if (agg->opts.matched) {
            g_string_append(o, "],\n  \"doc_units\": [");
            const guint32 *du = (const guint32 *) (void *) s->doc_units->data;
            for (guint d = 0; d < s->doc_units->len; d++) {
                if (du[d] == SLANT_NO_UNIT)
                    g_string_append(o, d ? ",null" : "null");
                else
                    g_string_append_printf(o, d ? ",%u" : "%u", du[d]);
            }
            g_string_append(o, "],\n  \"unit_entries\": [");
            append_unit_entries(o, s);
        }
        if (s->sent_tokens != NULL) {
            g_string_append(o, "],\n  \"sentence_blocks\": [");
            append_u32s(o, s->doc_blocks);
            g_string_append(o, "],\n  \"sentence_tokens\": [");
            append_u32s(o, s->sent_tokens);
            g_string_append(o, "],\n  \"sentence_weights\": [");
            append_i64s(o, s->sent_weights);
            g_string_append(o, "],\n  \"sentence_categories\": [");
            append_u32s(o, s->sent_cats);
            g_string_append_printf(o, "], \"blocks\": %s,\n", s->blocks ? "true" : "false");
        } else {
            g_string_append(o, "],\n  \"sentence_blocks\": null,\n");
        }
        g_string_append(o, "  \"axes\": [");
        for (guint a = 0; a < na; a++) {
            const SlantAxisResult *x = &r->axes[a];
            g_string_append_printf(o, "%s{\"hits_positive\": %" G_GUINT64_FORMAT ", \"hits_negative\": %"
                                      G_GUINT64_FORMAT ", \"negated\": %" G_GUINT64_FORMAT
                                      ", \"quoted\": %" G_GUINT64_FORMAT ", \"drivers\": [",
                                   a ? ", " : "", x->hits_pos, x->hits_neg, x->negated, x->quoted);
            append_drivers(o, &s->drivers[a]);
            g_string_append(o, "]}");
        }
        g_string_append(o, "],\n  \"categories\": [");
        for (guint c = 0; c < nc; c++) {
            g_string_append_printf(o, "%s{\"hits\": %" G_GUINT64_FORMAT ", \"negated\": %" G_GUINT64_FORMAT
                                      ", \"quoted\": %" G_GUINT64_FORMAT ", \"drivers\": [",
                                   c ? ", " : "", r->categories[c].hits, r->categories[c].negated,
                                   r->categories[c].quoted);
            append_drivers(o, &s->drivers[na + c]);
            g_string_append(o, "]}");
        }
        g_string_append(o, "]}");
    }
    g_string_append(o, "]}\n");
    return g_string_free(o, FALSE);
}

/* ---- reading ---- */

typedef struct {
    const char *name;
    GError **error;
} Rd;

G_GNUC_PRINTF(2, 3)
static gboolean
bad(Rd *rd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(rd->error, SLANT_ERROR, SLANT_ERROR_FORMAT, "%s: not a slant partial result: %s",
                rd->name, msg);
    return FALSE;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)

static const cJSON *
member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* Is @v a whole number in [0, @max]?  Numbers come from the file: one out
 * of range must be refused, not cast (a cast of a double too large for its
 * type is undefined). */
static gboolean
is_whole(const cJSON *v, double max)
{
    return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= max &&
           v->valuedouble == (double) (guint64) v->valuedouble;
}

#define MAX_EXACT 9007199254740992.0 /* 2^53: doubles are whole and exact up to here */
#define MAX_U32 4294967295.0

static gboolean
get_uint(Rd *rd, const cJSON *o, const char *key, guint64 *out)
{
    const cJSON *v = member(o, key);
    if (!is_whole(v, MAX_EXACT))
        return bad(rd, "'%s' must be a whole number", key);
    *out = (guint64) v->valuedouble;
    return TRUE;
}

/* An array of whole numbers: up to 2^53 when @wide (gint64 weights in
 * millionths, never negative), else up to 2^32 - 1 (guint32 token counts). */
static gboolean
get_int_array(Rd *rd, const cJSON *arr, const char *key, GArray *out, gboolean wide)
{
    if (!cJSON_IsArray(arr))
        return bad(rd, "'%s' must be an array", key);
    for (const cJSON *v = arr->child; v != NULL; v = v->next) {
        if (!is_whole(v, wide ? MAX_EXACT : MAX_U32))
            return bad(rd, "'%s' must hold whole numbers from 0", key);
        if (wide) {
            gint64 x = (gint64) v->valuedouble;
            g_array_append_val(out, x);
        } else {
            guint32 x = (guint32) v->valuedouble;
            g_array_append_val(out, x);
        }
    }
    return TRUE;
}

static cJSON *
parse(Rd *rd, const char *text, gsize len)
{
    /* names from the file go into the report, which must be UTF-8 */
    if (!g_utf8_validate_len(text, len, NULL)) {
        bad(rd, "invalid UTF-8");
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, FALSE);
    if (root == NULL || !cJSON_IsObject(root) ||
        !cJSON_IsNumber(member(root, "slant_partial"))) {
        cJSON_Delete(root);
        bad(rd, "no 'slant_partial' object");
        return NULL;
    }
    double version = member(root, "slant_partial")->valuedouble;
    if (version != SLANT_PARTIAL_VERSION) {
        cJSON_Delete(root); /* the version was copied out first: root is gone now */
        bad(rd, "version %g, this slant reads version %d", version, SLANT_PARTIAL_VERSION);
        return NULL;
    }
    return root;
}

static gboolean
read_params(Rd *rd, const cJSON *root, SlantRunParameters *p)
{
    const cJSON *o = member(root, "parameters");
    guint64 b = 0, seed = 0, top = 0, maxb = 0;
    if (!cJSON_IsObject(o))
        return bad(rd, "no 'parameters'");
    if (!get_uint(rd, o, "bootstrap_replicates", &b) || !get_uint(rd, o, "seed", &seed) ||
        !get_uint(rd, o, "top_terms", &top) || !get_uint(rd, o, "max_document_bytes", &maxb))
        return FALSE;
    const cJSON *lv = member(o, "confidence_level");
    const cJSON *st = member(o, "strict");
    const cJSON *gb = member(o, "group_by"), *mt = member(o, "match");
    const cJSON *pr = member(o, "pairs"), *rf = member(o, "reference"), *gr = member(o, "groups");
    const cJSON *vo = member(o, "voice");
    SlantVoice voice = SLANT_VOICE_ALL;
    if (!cJSON_IsString(vo) || !slant_voice_parse(vo->valuestring, &voice))
        return bad(rd, "bad 'voice' (all, own or quoted)");
    if (!cJSON_IsNumber(lv) || !cJSON_IsBool(st))
        return bad(rd, "bad 'confidence_level' or 'strict'");
    if (!cJSON_IsString(gb) || !(cJSON_IsNull(mt) || cJSON_IsString(mt)))
        return bad(rd, "bad 'group_by' or 'match'");
    if (!(cJSON_IsNull(pr) || cJSON_IsString(pr)) || !(cJSON_IsNull(rf) || cJSON_IsString(rf)) ||
        !(cJSON_IsNull(gr) || cJSON_IsArray(gr)))
        return bad(rd, "bad 'pairs', 'reference' or 'groups'");
    for (const cJSON *g = cJSON_IsArray(gr) ? gr->child : NULL; g != NULL; g = g->next)
        if (!cJSON_IsString(g))
            return bad(rd, "'groups' must hold strings");
    /* the ranges `slant compare` accepts */
    if (b > 1000000 || top > 100000 || !(lv->valuedouble > 0 && lv->valuedouble < 1))
        return bad(rd, "parameters out of range");
    memset(p, 0, sizeof *p);
    p->agg.bootstrap = (guint) b;
    p->agg.seed = seed;
    p->agg.level = lv->valuedouble;
    p->agg.top_terms = (guint) top;
    p->agg.matched = cJSON_IsString(mt);
    p->max_document_bytes = (gsize) maxb;
    p->strict = cJSON_IsTrue(st);
    p->voice = voice;
    p->group_by = g_strdup(gb->valuestring);
    p->match = cJSON_IsString(mt) ? g_strdup(mt->valuestring) : NULL;
    p->pairs = cJSON_IsString(pr) ? g_strdup(pr->valuestring) : NULL;
    p->reference = cJSON_IsString(rf) ? g_strdup(rf->valuestring) : NULL;
    if (cJSON_IsArray(gr)) {
        GPtrArray *names = g_ptr_array_new();
        for (const cJSON *g = gr->child; g != NULL; g = g->next)
            g_ptr_array_add(names, g_strdup(g->valuestring));
        g_ptr_array_add(names, NULL);
        p->only = (char **) g_ptr_array_free(names, FALSE);
    }
    return TRUE;
}

static gboolean
strv_equal0(char **a, char **b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return g_strv_equal((const char *const *) a, (const char *const *) b);
}

void
slant_run_parameters_clear(SlantRunParameters *params)
{
    g_clear_pointer(&params->group_by, g_free);
    g_clear_pointer(&params->match, g_free);
    g_clear_pointer(&params->pairs, g_free);
    g_clear_pointer(&params->reference, g_free);
    g_clear_pointer(&params->only, g_strfreev);
}

gboolean
slant_partial_peek(const char *text, gsize len, const char *name, SlantRunParameters *params,
                   GError **error)
{
    Rd rd = {name, error};
    cJSON *root = parse(&rd, text, len);
    if (root == NULL)
        return FALSE;
    gboolean ok = read_params(&rd, root, params);
    cJSON_Delete(root);
    return ok;
}

/* A driver row of @n whole numbers into @v: [.., pos, neg, hits, negated]
 * ending in an entry's summed weights (millionths, up to 2^53) and its
 * hit counts, the ids before them up to 2^32 - 1 (a unit entry is [unit,
 * entry, ...], a driver [entry, ...]).  FALSE when it is not. */
static gboolean
read_driver_row(const cJSON *d, int n, double *v)
{
    if (!cJSON_IsArray(d) || cJSON_GetArraySize(d) != n)
        return FALSE;
    int i = 0;
    for (const cJSON *x = d->child; x != NULL; x = x->next, i++) {
        gboolean weight = i == n - 4 || i == n - 3;
        if (!is_whole(x, weight ? MAX_EXACT : MAX_U32))
            return FALSE;
        v[i] = x->valuedouble;
    }
    return TRUE;
}

/* The unit of each of a source's documents, from partial ids to the
 * aggregate's (@units: the partial's unit ids in the aggregate). */
static gboolean
merge_units(Rd *rd, SlantAggregate *agg, SourceAcc *s, const cJSON *src, guint64 docs,
            const GArray *units)
{
    const cJSON *du = member(src, "doc_units"), *ue = member(src, "unit_entries");
    if (!cJSON_IsArray(du) || cJSON_GetArraySize(du) != (int) docs || !cJSON_IsArray(ue))
        return bad(rd, "a source without 'doc_units' or 'unit_entries' in a matched design");
    for (const cJSON *v = du->child; v != NULL; v = v->next) {
        guint32 id = SLANT_NO_UNIT;
        if (cJSON_IsNumber(v)) {
            if (v->valuedouble < 0 || v->valuedouble >= units->len)
                return bad(rd, "a document's unit is not in 'units'");
            id = g_array_index(units, guint32, (guint) v->valuedouble);
        } else if (!cJSON_IsNull(v)) {
            return bad(rd, "'doc_units' must hold numbers or null");
        } else {
            agg->without_unit++;
        }
        g_array_append_val(s->doc_units, id);
    }
    for (const cJSON *d = ue->child; d != NULL; d = d->next) {
        double v[6];
        if (!read_driver_row(d, 6, v))
            return bad(rd, "a unit entry must be [unit, entry, pos, neg, hits, negated] of "
                           "whole numbers from 0");
        if (v[0] >= units->len || v[1] >= slant_lexicon_n_entries(agg->lex))
            return bad(rd, "a unit entry names no unit or no entry");
        guint32 unit = g_array_index(units, guint32, (guint) v[0]);
        gint64 key = (gint64) (((guint64) unit << 32) | (guint32) v[1]);
        DriverAcc *acc = g_hash_table_lookup(s->unit_entries, &key);
        if (acc == NULL) {
            struct {
                gint64 key;
                DriverAcc acc;
            } *kv = g_malloc0(sizeof *kv);
            kv->key = key;
            kv->acc.entry = (guint32) v[1];
            g_hash_table_insert(s->unit_entries, &kv->key, &kv->acc);
            acc = &kv->acc;
        }
        acc->pos += (gint64) v[2];
        acc->neg += (gint64) v[3];
        acc->hits += (guint32) v[4];
        acc->negated += (guint32) v[5];
    }
    return TRUE;
}

/* The drivers [entry, pos, neg, hits, negated] of one group into @t. */
static gboolean
merge_drivers(Rd *rd, SlantAggregate *agg, const cJSON *drv, guint group, DriverTable *t)
{
    if (!cJSON_IsArray(drv))
        return bad(rd, "'drivers' must be an array");
    for (const cJSON *d = drv->child; d != NULL; d = d->next) {
        double v[5];
        if (!read_driver_row(d, 5, v))
            return bad(rd, "a driver must be [entry, pos, neg, hits, negated] of whole numbers "
                           "from 0");
        if (v[0] >= slant_lexicon_n_entries(agg->lex) ||
            slant_lexicon_entry(agg->lex, (guint) v[0])->group != group)
            return bad(rd, "a driver names no entry of that axis or category");
        DriverAcc *acc = slant_drivers_get(t, (guint32) v[0]);
        acc->pos += (gint64) v[1];
        acc->neg += (gint64) v[2];
        acc->hits += (guint32) v[3];
        acc->negated += (guint32) v[4];
    }
    return TRUE;
}

/* The document id hashes of a source: new to the run, or the shards overlap. */
static gboolean
merge_ids(Rd *rd, SlantAggregate *agg, const cJSON *ids, guint64 docs, GHashTable *seen,
          GArray *out)
{
    if (!cJSON_IsArray(ids) || cJSON_GetArraySize(ids) != (int) docs)
        return bad(rd, "'doc_ids' must hold one hash per document");
    (void) agg;
    for (const cJSON *v = ids->child; v != NULL; v = v->next) {
        char *end = NULL;
        if (!cJSON_IsString(v) || strlen(v->valuestring) != 16)
            return bad(rd, "'doc_ids' must hold 16 hexadecimal digits each");
        guint64 h = g_ascii_strtoull(v->valuestring, &end, 16);
        if (end == NULL || *end != '\0')
            return bad(rd, "'doc_ids' must hold 16 hexadecimal digits each");
        if (seen != NULL) {
            gint64 *key = g_new(gint64, 1);
            *key = (gint64) h;
            if (!g_hash_table_add(seen, key)) {
                g_set_error(rd->error, SLANT_ERROR, SLANT_ERROR_DUPLICATE_ID,
                            "%s: a document whose id an earlier partial has too: shards must not "
                            "overlap (one run would have skipped it)", rd->name);
                return FALSE;
            }
        }
        g_array_append_val(out, h);
    }
    return TRUE;
}

static gboolean
merge_source(Rd *rd, SlantAggregate *agg, const cJSON *src, const GArray *units, GHashTable *seen)
{
    const cJSON *name = member(src, "name");
    if (!cJSON_IsString(name))
        return bad(rd, "a source without a name");
    guint64 docs = 0, tokens = 0, sentences = 0;
    if (!get_uint(rd, src, "documents", &docs) || !get_uint(rd, src, "tokens", &tokens) ||
        !get_uint(rd, src, "sentences", &sentences))
        return FALSE;
    guint na = agg->na, nc = agg->nc;
    g_autoptr(GArray) dt = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_autoptr(GArray) dw = g_array_new(FALSE, FALSE, sizeof(gint64));
    g_autoptr(GArray) dc = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_autoptr(GArray) dh = g_array_new(FALSE, FALSE, sizeof(guint64));
    if (!get_int_array(rd, member(src, "doc_tokens"), "doc_tokens", dt, FALSE) ||
        !get_int_array(rd, member(src, "doc_weights"), "doc_weights", dw, TRUE) ||
        !get_int_array(rd, member(src, "doc_categories"), "doc_categories", dc, FALSE))
        return FALSE;
    if (dt->len != docs || dw->len != docs * na * 2 || dc->len != docs * nc)
        return bad(rd, "source '%s': document arrays do not match its document count",
                   name->valuestring);
    if (!merge_ids(rd, agg, member(src, "doc_ids"), docs, seen, dh))
        return FALSE;
    const cJSON *axes = member(src, "axes");
    const cJSON *cats = member(src, "categories");
    if (!cJSON_IsArray(axes) || cJSON_GetArraySize(axes) != (int) na || !cJSON_IsArray(cats) ||
        cJSON_GetArraySize(cats) != (int) nc)
        return bad(rd, "source '%s': axes or categories do not match the lexicon", name->valuestring);

    SourceAcc *s = slant_aggregate_get_source(agg, name->valuestring);
    /* sentences stay the bootstrap unit only while the merged source has few documents */
    if (s->sent_tokens != NULL) {
        const cJSON *sb = member(src, "sentence_blocks");
        if (s->docs + docs >= SLANT_MIN_DOCUMENT_UNITS || cJSON_IsNull(sb)) {
            g_clear_pointer(&s->doc_blocks, g_array_unref);
            g_clear_pointer(&s->sent_tokens, g_array_unref);
            g_clear_pointer(&s->sent_weights, g_array_unref);
            g_clear_pointer(&s->sent_cats, g_array_unref);
        } else {
            guint had_blocks = s->doc_blocks->len, had = s->sent_tokens->len;
            if (!get_int_array(rd, sb, "sentence_blocks", s->doc_blocks, FALSE) ||
                !get_int_array(rd, member(src, "sentence_tokens"), "sentence_tokens", s->sent_tokens, FALSE) ||
                !get_int_array(rd, member(src, "sentence_weights"), "sentence_weights", s->sent_weights, TRUE) ||
                !get_int_array(rd, member(src, "sentence_categories"), "sentence_categories", s->sent_cats, FALSE))
                return FALSE;
            guint64 n = 0;
            for (guint d = had_blocks; d < s->doc_blocks->len; d++)
                n += g_array_index(s->doc_blocks, guint32, d);
            if (s->doc_blocks->len - had_blocks != docs || s->sent_tokens->len - had != n ||
                s->sent_weights->len != (guint64) s->sent_tokens->len * na * 2 ||
                s->sent_cats->len != (guint64) s->sent_tokens->len * nc)
                return bad(rd, "source '%s': sentence arrays do not match", name->valuestring);
            s->blocks |= cJSON_IsTrue(member(src, "blocks"));
        }
    }
    s->docs += docs;
    s->tokens += tokens;
    s->sentences += sentences;
    g_array_append_vals(s->doc_hash, dh->data, dh->len);
    g_array_append_vals(s->unit_tokens, dt->data, dt->len);
    g_array_append_vals(s->unit_weights, dw->data, dw->len);
    g_array_append_vals(s->unit_cats, dc->data, dc->len);
    if (agg->opts.matched && !merge_units(rd, agg, s, src, docs, units))
        return FALSE;
    const gint64 *w = (const gint64 *) (void *) dw->data;
    for (guint d = 0; d < docs; d++)
        for (guint a = 0; a < na; a++) {
            s->pos[a] += w[((gsize) d * na + a) * 2];
            s->neg[a] += w[((gsize) d * na + a) * 2 + 1];
        }
    guint a = 0;
    for (const cJSON *ax = axes->child; ax != NULL; ax = ax->next, a++) {
        guint64 hp, hn, ng, qu;
        if (!get_uint(rd, ax, "hits_positive", &hp) || !get_uint(rd, ax, "hits_negative", &hn) ||
            !get_uint(rd, ax, "negated", &ng) || !get_uint(rd, ax, "quoted", &qu))
            return FALSE;
        s->result.axes[a].hits_pos += hp;
        s->result.axes[a].hits_neg += hn;
        s->result.axes[a].negated += ng;
        s->result.axes[a].quoted += qu;
        if (!merge_drivers(rd, agg, member(ax, "drivers"), a, &s->drivers[a]))
            return FALSE;
    }
    guint c = 0;
    for (const cJSON *cat = cats->child; cat != NULL; cat = cat->next, c++) {
        guint64 hits, negated, quoted;
        if (!cJSON_IsObject(cat))
            return bad(rd, "a category must be {hits, negated, quoted, drivers}");
        if (!get_uint(rd, cat, "hits", &hits) || !get_uint(rd, cat, "negated", &negated) ||
            !get_uint(rd, cat, "quoted", &quoted))
            return FALSE; /* get_uint() said why */
        s->result.categories[c].hits += hits;
        s->result.categories[c].negated += negated;
        s->result.categories[c].quoted += quoted;
        if (!merge_drivers(rd, agg, member(cat, "drivers"), na + c, &s->drivers[na + c]))
            return FALSE;
    }
    return TRUE;
}

gboolean
slant_partial_merge(SlantAggregate *agg, const SlantLexicon *lex, const char *text, gsize len,
                    const char *name, const SlantRunParameters *params, GPtrArray *inputs,
                    GPtrArray *skipped, guint64 *left_out, GError **error)
{
    g_return_val_if_fail(!agg->finished, FALSE);
    Rd rd = {name, error};
    g_autoptr(cJSON) root = parse(&rd, text, len);
    if (root == NULL)
        return FALSE;
    const cJSON *lx = member(root, "lexicon");
    const cJSON *sha = lx ? member(lx, "sha256") : NULL;
    if (!cJSON_IsString(sha))
        return bad(&rd, "no 'lexicon.sha256'");
    if (strcmp(sha->valuestring, slant_lexicon_sha256(lex)) != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED,
                    "%s: made with another lexicon (sha256 %.12s..., this one is %.12s...)", name,
                    sha->valuestring, slant_lexicon_sha256(lex));
        return FALSE;
    }
    SlantRunParameters p;
    if (!read_params(&rd, root, &p))
        return FALSE;
    if (p.voice != params->voice) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED,
                    "%s: made with --voice %s, the first partial with --voice %s (the "
                    "partials of one report must count the same hits)",
                    name, slant_voice_name(p.voice), slant_voice_name(params->voice));
        slant_run_parameters_clear(&p);
        return FALSE;
    }
    if (p.agg.bootstrap != params->agg.bootstrap || p.agg.seed != params->agg.seed ||
        p.agg.level != params->agg.level || p.agg.top_terms != params->agg.top_terms ||
        p.max_document_bytes != params->max_document_bytes || p.strict != params->strict ||
        g_strcmp0(p.group_by, params->group_by) != 0 || g_strcmp0(p.match, params->match) != 0 ||
        g_strcmp0(p.pairs, params->pairs) != 0 || g_strcmp0(p.reference, params->reference) != 0 ||
        !strv_equal0(p.only, params->only)) {
        slant_run_parameters_clear(&p);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED,
                    "%s: made with other parameters than the first partial (seed, bootstrap, "
                    "level, top, max-document-bytes, strict, group-by, groups, match, pairs and "
                    "reference must agree)",
                    name);
        return FALSE;
    }
    slant_run_parameters_clear(&p);
    g_autoptr(GArray) units = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (agg->opts.matched) {
        const cJSON *un = member(root, "units");
        if (!cJSON_IsArray(un))
            return bad(&rd, "no 'units' in a matched design");
        for (const cJSON *u = un->child; u != NULL; u = u->next) {
            if (!cJSON_IsString(u))
                return bad(&rd, "'units' must hold strings");
            guint32 id = slant_aggregate_unit_id(agg, u->valuestring);
            g_array_append_val(units, id);
        }
    }
    guint64 lo = 0;
    if (!get_uint(&rd, root, "left_out", &lo))
        return FALSE;
    *left_out += lo;
    const cJSON *ins = member(root, "inputs"), *sks = member(root, "skipped"),
                *srcs = member(root, "sources");
    if (!cJSON_IsArray(ins) || !cJSON_IsArray(sks) || !cJSON_IsArray(srcs))
        return bad(&rd, "'inputs', 'skipped' and 'sources' must be arrays");
    for (const cJSON *in = ins->child; in != NULL; in = in->next) {
        const cJSON *path = member(in, "path"), *fmt = member(in, "format");
        guint64 docs = 0, sk = 0;
        SlantCorpusFormat format = SLANT_CORPUS_TEXT_FILE;
        if (!cJSON_IsString(path) || !(cJSON_IsNull(fmt) || cJSON_IsString(fmt)) ||
            (cJSON_IsString(fmt) && !slant_corpus_format_from_name(fmt->valuestring, &format)))
            return bad(&rd, "a bad input");
        if (!get_uint(&rd, in, "documents", &docs) || !get_uint(&rd, in, "skipped", &sk))
            return FALSE; /* get_uint() said why */
        SlantInputInfo *info = g_new0(SlantInputInfo, 1);
        info->name = g_strdup(path->valuestring);
        info->format = format;
        info->opened = cJSON_IsString(fmt);
        info->documents = docs;
        info->skipped = sk;
        g_ptr_array_add(inputs, info);
    }
    for (const cJSON *k = sks->child; k != NULL; k = k->next) {
        const cJSON *in = member(k, "input"), *id = member(k, "id"), *reason = member(k, "reason"),
                    *msg = member(k, "message");
        guint64 line = 0;
        int code = cJSON_IsString(reason) ? slant_error_code_from_name(reason->valuestring) : -1;
        /* a skip's code is an input's or a document's (the report names it) */
        if (!cJSON_IsString(in) || code < 0 ||
            (code != SLANT_ERROR_IO && code < SLANT_ERROR_UTF8) || !cJSON_IsString(msg))
            return bad(&rd, "a bad skip");
        if (!get_uint(&rd, k, "line", &line))
            return FALSE;
        SlantSkip *s = g_new0(SlantSkip, 1);
        s->input = g_strdup(in->valuestring);
        s->line = line;
        s->id = cJSON_IsString(id) ? g_strdup(id->valuestring) : NULL;
        s->code = code;
        s->message = g_strdup(msg->valuestring);
        g_ptr_array_add(skipped, s);
    }
    for (const cJSON *src = srcs->child; src != NULL; src = src->next)
        if (!merge_source(&rd, agg, src, units, agg->merged_ids))
            return FALSE;
    return TRUE;
}

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

char *
slant_partial_write(const SlantAggregate *agg, const SlantLexicon *lex, const GPtrArray *inputs,
                    const GPtrArray *skipped, const SlantRunParameters *params)
{
    g_return_val_if_fail(!agg->finished, NULL);
    GString *o = g_string_new("{\"slant_partial\": 1,\n\"engine_version\": ");
    char num[64];
    append_string(o, SLANT_VERSION);
    g_string_append(o, ",\n\"lexicon\": {\"name\": ");
    append_string(o, slant_lexicon_name(lex));
    g_string_append(o, ", \"version\": ");
    append_string(o, slant_lexicon_version(lex));
    g_string_append(o, ", \"sha256\": ");
    append_string(o, slant_lexicon_sha256(lex));
    g_string_append_printf(o, "},\n\"parameters\": {\"bootstrap_replicates\": %u, \"seed\": %"
                              G_GUINT64_FORMAT ", \"confidence_level\": %s, \"top_terms\": %u, "
                              "\"max_document_bytes\": %" G_GSIZE_FORMAT ", \"strict\": %s},\n",
                           params->agg.bootstrap, params->agg.seed,
                           g_ascii_dtostr(num, sizeof num, params->agg.level), params->agg.top_terms,
                           params->max_document_bytes, params->strict ? "true" : "false");
    g_string_append(o, "\"inputs\": [");
    for (guint i = 0; i < inputs->len; i++) {
        const SlantInputInfo *in = inputs->pdata[i];
        g_string_append(o, i ? ",\n  {\"path\": " : "\n  {\"path\": ");
        append_string(o, in->name);
        g_string_append_printf(o, ", \"format\": %d, \"opened\": %s, \"documents\": %" G_GUINT64_FORMAT
                                  ", \"skipped\": %" G_GUINT64_FORMAT "}",
                               (int) in->format, in->opened ? "true" : "false", in->documents,
                               in->skipped);
    }
    g_string_append(o, "],\n\"skipped\": [");
    for (guint i = 0; i < skipped->len; i++) {
        const SlantSkip *sk = skipped->pdata[i];
        g_string_append(o, i ? ",\n  {\"input\": " : "\n  {\"input\": ");
        append_string(o, sk->input);
        g_string_append_printf(o, ", \"line\": %" G_GUINT64_FORMAT ", \"id\": ", sk->line);
        append_string(o, sk->id);
        g_string_append_printf(o, ", \"code\": %d, \"message\": ", sk->code);
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
                                  ", \"sentences\": %" G_GUINT64_FORMAT ",\n  \"doc_tokens\": [",
                               s->docs, s->tokens, s->sentences);
        append_u32s(o, s->unit_tokens);
        g_string_append(o, "],\n  \"doc_weights\": [");
        append_i64s(o, s->unit_weights);
        if (s->sent_tokens != NULL) {
            g_string_append(o, "],\n  \"sentence_tokens\": [");
            append_u32s(o, s->sent_tokens);
            g_string_append(o, "],\n  \"sentence_weights\": [");
            append_i64s(o, s->sent_weights);
            g_string_append(o, "],\n");
        } else {
            g_string_append(o, "],\n  \"sentence_tokens\": null, \"sentence_weights\": null,\n");
        }
        g_string_append(o, "  \"axes\": [");
        for (guint a = 0; a < na; a++) {
            const SlantAxisResult *x = &r->axes[a];
            g_string_append_printf(o, "%s{\"hits_positive\": %" G_GUINT64_FORMAT ", \"hits_negative\": %"
                                      G_GUINT64_FORMAT ", \"negated\": %" G_GUINT64_FORMAT ", \"drivers\": [",
                                   a ? ", " : "", x->hits_pos, x->hits_neg, x->negated);
            /* entries in ascending order: table order must not leak out */
            g_autofree DriverAcc *sorted = slant_drivers_sorted(&s->drivers[a]);
            for (guint j = 0; j < s->drivers[a].len; j++) {
                const DriverAcc *d = &sorted[j];
                g_string_append_printf(o, "%s[%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%u]",
                                       j ? "," : "", d->entry, d->pos, d->neg, d->hits, d->negated);
            }
            g_string_append(o, "]}");
        }
        g_string_append(o, "],\n  \"categories\": [");
        for (guint c = 0; c < nc; c++)
            g_string_append_printf(o, "%s[%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "]", c ? "," : "",
                                   r->categories[c].hits, r->categories[c].negated);
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
    if (!cJSON_IsNumber(lv) || !cJSON_IsBool(st))
        return bad(rd, "bad 'confidence_level' or 'strict'");
    /* the ranges `slant compare` accepts */
    if (b > 1000000 || top > 100000 || !(lv->valuedouble > 0 && lv->valuedouble < 1))
        return bad(rd, "parameters out of range");
    memset(p, 0, sizeof *p);
    p->agg.bootstrap = (guint) b;
    p->agg.seed = seed;
    p->agg.level = lv->valuedouble;
    p->agg.top_terms = (guint) top;
    p->max_document_bytes = (gsize) maxb;
    p->strict = cJSON_IsTrue(st);
    return TRUE;
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

static gboolean
merge_source(Rd *rd, SlantAggregate *agg, const cJSON *src)
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
    if (!get_int_array(rd, member(src, "doc_tokens"), "doc_tokens", dt, FALSE) ||
        !get_int_array(rd, member(src, "doc_weights"), "doc_weights", dw, TRUE))
        return FALSE;
    if (dt->len != docs || dw->len != docs * na * 2)
        return bad(rd, "source '%s': document arrays do not match its document count",
                   name->valuestring);
    const cJSON *axes = member(src, "axes");
    const cJSON *cats = member(src, "categories");
    if (!cJSON_IsArray(axes) || cJSON_GetArraySize(axes) != (int) na || !cJSON_IsArray(cats) ||
        cJSON_GetArraySize(cats) != (int) nc)
        return bad(rd, "source '%s': axes or categories do not match the lexicon", name->valuestring);

    SourceAcc *s = slant_aggregate_get_source(agg, name->valuestring);
    /* sentences stay the bootstrap unit only while the merged source has few documents */
    if (s->sent_tokens != NULL) {
        const cJSON *st = member(src, "sentence_tokens");
        if (s->docs + docs >= SLANT_MIN_DOCUMENT_UNITS || cJSON_IsNull(st)) {
            g_array_unref(s->sent_tokens);
            g_array_unref(s->sent_weights);
            s->sent_tokens = s->sent_weights = NULL;
        } else {
            /* apart first: the bootstrap reads the weights by the tokens' count */
            g_autoptr(GArray) stt = g_array_new(FALSE, FALSE, sizeof(guint32));
            g_autoptr(GArray) stw = g_array_new(FALSE, FALSE, sizeof(gint64));
            if (!get_int_array(rd, st, "sentence_tokens", stt, FALSE) ||
                !get_int_array(rd, member(src, "sentence_weights"), "sentence_weights", stw, TRUE))
                return FALSE;
            if (stt->len != sentences || stw->len != (guint64) stt->len * na * 2)
                return bad(rd, "source '%s': sentence arrays do not match its sentence count",
                           name->valuestring);
            g_array_append_vals(s->sent_tokens, stt->data, stt->len);
            g_array_append_vals(s->sent_weights, stw->data, stw->len);
        }
    }
    s->docs += docs;
    s->tokens += tokens;
    s->sentences += sentences;
    g_array_append_vals(s->unit_tokens, dt->data, dt->len);
    g_array_append_vals(s->unit_weights, dw->data, dw->len);
    const gint64 *w = (const gint64 *) (void *) dw->data;
    for (guint d = 0; d < docs; d++)
        for (guint a = 0; a < na; a++) {
            s->pos[a] += w[((gsize) d * na + a) * 2];
            s->neg[a] += w[((gsize) d * na + a) * 2 + 1];
        }
    guint a = 0;
    for (const cJSON *ax = axes->child; ax != NULL; ax = ax->next, a++) {
        guint64 hp, hn, ng;
        if (!get_uint(rd, ax, "hits_positive", &hp) || !get_uint(rd, ax, "hits_negative", &hn) ||
            !get_uint(rd, ax, "negated", &ng))
            return FALSE;
        s->result.axes[a].hits_pos += hp;
        s->result.axes[a].hits_neg += hn;
        s->result.axes[a].negated += ng;
        const cJSON *drv = member(ax, "drivers");
        if (!cJSON_IsArray(drv))
            return bad(rd, "'drivers' must be an array");
        for (const cJSON *d = drv->child; d != NULL; d = d->next) {
            if (!cJSON_IsArray(d) || cJSON_GetArraySize(d) != 5)
                return bad(rd, "a driver must be [entry, pos, neg, hits, negated]");
            double v[5];
            int i = 0;
            for (const cJSON *x = d->child; x != NULL; x = x->next, i++) {
                if (!is_whole(x, i == 1 || i == 2 ? MAX_EXACT : MAX_U32))
                    return bad(rd, "a driver must hold whole numbers from 0");
                v[i] = x->valuedouble;
            }
            if (v[0] >= slant_lexicon_n_entries(agg->lex))
                return bad(rd, "a driver names no entry of the lexicon");
            guint32 e = (guint32) v[0];
            DriverAcc *acc = slant_drivers_get(&s->drivers[a], e);
            acc->pos += (gint64) v[1];
            acc->neg += (gint64) v[2];
            acc->hits += (guint32) v[3];
            acc->negated += (guint32) v[4];
        }
    }
    guint c = 0;
    for (const cJSON *cat = cats->child; cat != NULL; cat = cat->next, c++) {
        if (!cJSON_IsArray(cat) || cJSON_GetArraySize(cat) != 2 ||
            !is_whole(cJSON_GetArrayItem(cat, 0), MAX_EXACT) ||
            !is_whole(cJSON_GetArrayItem(cat, 1), MAX_EXACT))
            return bad(rd, "a category must be [hits, negated]");
        s->result.categories[c].hits += (guint64) cJSON_GetArrayItem(cat, 0)->valuedouble;
        s->result.categories[c].negated += (guint64) cJSON_GetArrayItem(cat, 1)->valuedouble;
    }
    return TRUE;
}

gboolean
slant_partial_merge(SlantAggregate *agg, const SlantLexicon *lex, const char *text, gsize len,
                    const char *name, const SlantRunParameters *params, GPtrArray *inputs,
                    GPtrArray *skipped, GError **error)
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
    if (p.agg.bootstrap != params->agg.bootstrap || p.agg.seed != params->agg.seed ||
        p.agg.level != params->agg.level || p.agg.top_terms != params->agg.top_terms ||
        p.max_document_bytes != params->max_document_bytes || p.strict != params->strict) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED,
                    "%s: made with other parameters than the first partial (seed, bootstrap, "
                    "level, top, max-document-bytes and strict must agree)", name);
        return FALSE;
    }
    const cJSON *ins = member(root, "inputs"), *sks = member(root, "skipped"),
                *srcs = member(root, "sources");
    if (!cJSON_IsArray(ins) || !cJSON_IsArray(sks) || !cJSON_IsArray(srcs))
        return bad(&rd, "'inputs', 'skipped' and 'sources' must be arrays");
    for (const cJSON *in = ins->child; in != NULL; in = in->next) {
        const cJSON *path = member(in, "path"), *fmt = member(in, "format");
        guint64 docs = 0, sk = 0;
        if (!cJSON_IsString(path) || !is_whole(fmt, SLANT_CORPUS_STDIN))
            return bad(&rd, "a bad input");
        if (!get_uint(&rd, in, "documents", &docs) || !get_uint(&rd, in, "skipped", &sk))
            return FALSE; /* get_uint() said why */
        SlantInputInfo *info = g_new0(SlantInputInfo, 1);
        info->name = g_strdup(path->valuestring);
        info->format = (SlantCorpusFormat) fmt->valueint;
        info->opened = cJSON_IsTrue(member(in, "opened"));
        info->documents = docs;
        info->skipped = sk;
        g_ptr_array_add(inputs, info);
    }
    for (const cJSON *k = sks->child; k != NULL; k = k->next) {
        const cJSON *in = member(k, "input"), *id = member(k, "id"), *code = member(k, "code"),
                    *msg = member(k, "message");
        guint64 line = 0;
        /* a skip's code is an input's or a document's (the report names it) */
        if (!cJSON_IsString(in) || !is_whole(code, SLANT_ERROR_EMPTY) ||
            (code->valueint != SLANT_ERROR_IO && code->valueint < SLANT_ERROR_UTF8) ||
            !cJSON_IsString(msg))
            return bad(&rd, "a bad skip");
        if (!get_uint(&rd, k, "line", &line))
            return FALSE;
        SlantSkip *s = g_new0(SlantSkip, 1);
        s->input = g_strdup(in->valuestring);
        s->line = line;
        s->id = cJSON_IsString(id) ? g_strdup(id->valuestring) : NULL;
        s->code = code->valueint;
        s->message = g_strdup(msg->valuestring);
        g_ptr_array_add(skipped, s);
    }
    for (const cJSON *src = srcs->child; src != NULL; src = src->next)
        if (!merge_source(&rd, agg, src))
            return FALSE;
    return TRUE;
}

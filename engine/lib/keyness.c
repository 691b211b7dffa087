/* keyness.c: counting candidate terms per group and ranking them by keyness
 * (keyness.h). */
#include "keyness.h"

#include <math.h>
#include <string.h>

#include "hash.h"
#include "jsonw.h"
#include "labels.h"
#include "match.h"
#include "slant-error.h"
#include "stats.h"
#include "text.h"

/* ---- hashing ------------------------------------------------------------------ */

static inline guint64
mix64(guint64 z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}


/* The running hash of a stem sequence, one stem more. */
static inline guint64
seq_extend(guint64 k, guint64 h)
{
    return mix64(k * 0x9E3779B97F4A7C15ull + h);
}

/* A term's key: 62 bits of its sequence hash, its length on top (so never 0). */
static inline guint64
term_key(guint64 k, guint length)
{
    return (k >> 2) | ((guint64) length << 62);
}

static inline guint
key_length(guint64 key)
{
    return (guint) (key >> 62);
}

/* ---- an open-addressing table: 64-bit keys (0: empty slot) to 32-bit values ---- */

typedef struct {
    guint64 *keys;
    guint32 *vals;
    gsize mask, count;
} Table;

static void
table_init(Table *t, gsize slots)
{
    t->keys = g_new0(guint64, slots);
    t->vals = g_new0(guint32, slots);
    t->mask = slots - 1;
    t->count = 0;
}

static void
table_clear(Table *t)
{
    g_free(t->keys);
    g_free(t->vals);
    memset(t, 0, sizeof *t);
}

static inline gsize
table_slot(const Table *t, guint64 key)
{
    gsize j = (gsize) mix64(key) & t->mask;
    while (t->keys[j] != 0 && t->keys[j] != key)
        j = (j + 1) & t->mask;
    return j;
}

/* The value of @key, or 0 when absent. */
static inline guint32
table_get(const Table *t, guint64 key)
{
    if (t->keys == NULL)
        return 0;
    gsize j = table_slot(t, key);
    return t->keys[j] == key ? t->vals[j] : 0;
}

static void
table_grow(Table *t)
{
    Table bigger;
    table_init(&bigger, (t->mask + 1) * 2);
    for (gsize i = 0; i <= t->mask; i++) {
        if (t->keys[i] == 0)
            continue;
        gsize j = table_slot(&bigger, t->keys[i]);
        bigger.keys[j] = t->keys[i];
        bigger.vals[j] = t->vals[i];
    }
    bigger.count = t->count;
    table_clear(t);
    *t = bigger;
}

/* The value slot of @key, made (value 0) when absent; *fresh says which. */
static guint32 *
table_ref(Table *t, guint64 key, gboolean *fresh)
{
    gsize j = table_slot(t, key);
    *fresh = t->keys[j] == 0;
    if (*fresh) {
        /* at most 7/10 full: linear probing stays short */
        if ((t->count + 1) * 10 > (t->mask + 1) * 7) {
            table_grow(t);
            j = table_slot(t, key);
        }
        t->keys[j] = key;
        t->vals[j] = 0;
        t->count++;
    }
    return &t->vals[j];
}

/* ---- the count-min sketch of pass 1 ------------------------------------------ */

#define SKETCH_BITS 23
#define SKETCH_CELLS (1u << SKETCH_BITS)

static inline void
sketch_cells(guint64 key, gsize *p1, gsize *p2)
{
    guint64 x = mix64(key ^ 0x5851F42D4C957F2Dull);
    *p1 = (gsize) (x & (SKETCH_CELLS - 1));
    *p2 = (gsize) ((x >> 32) & (SKETCH_CELLS - 1));
}

/* Conservative update: raise only the cells at the minimum, so that the
 * estimate (the minimum) grows by one and no cell more than it must. */
static inline void
sketch_add(guint8 *cells, guint64 key)
{
    gsize p1, p2;
    sketch_cells(key, &p1, &p2);
    guint8 m = MIN(cells[p1], cells[p2]);
    if (m == 255)
        return; /* saturated: "at least 255" */
    if (cells[p1] == m)
        cells[p1]++;
    if (p2 != p1 && cells[p2] == m)
        cells[p2]++;
}

static inline guint
sketch_estimate(const guint8 *cells, guint64 key)
{
    gsize p1, p2;
    sketch_cells(key, &p1, &p2);
    return MIN(cells[p1], cells[p2]);
}

/* ---- the counter --------------------------------------------------------------- */

typedef struct {
    char *name;
    SlantKeynessGroup pub;
} Group;

/* A candidate while ranking: a survivor (counted term) in one comparison. */
typedef struct {
    guint32 idx;
    guint64 y_a, y_b;
    SlantKeyness k;
    double a_w, p, p_adjusted;
    double rank;     /* the ranking statistic (z or G^2) */
} Cand;

/* What pass 3 fills for a term shown. */
typedef struct {
    SlantKeynessTerm pub;
    guint32 idx;
    GHashTable *forms;  /* form -> guint64 count (boxed in the pointer) */
    GPtrArray *items;   /* SlantKeynessCandidate* showing it */
    GPtrArray *item_cmp;/* the comparison of each item */
    GArray *last_doc;   /* guint64 per item: the seq of its last example's document, +1 */
} Shown;

struct _SlantKeynessCounter {
    SlantKeynessOptions opts;
    guint pass;
    guint64 documents[4];          /* documents read per pass */
    GPtrArray *groups;             /* Group* */
    GHashTable *group_index;       /* name -> index + 1 */
    guint64 corpus[SLANT_KEYNESS_MAX_NGRAMS]; /* N(L) */
    /* pass 1 */
    Table unigrams;                /* key -> corpus count */
    guint8 *sketch;                /* SKETCH_CELLS, or NULL when ngrams == 1 */
    /* pass 2 */
    gint design_a, design_b;
    Table survivors;               /* key -> index + 1 */
    GArray *keys;                  /* guint64 per survivor */
    GArray *totals;                /* guint32 corpus count per survivor */
    GArray *slots;                 /* a against b or the rest: guint32 counts of slots
                                      0 and 1, two per survivor */
    Table *pairs;                  /* each against the rest: per group, term index + 1 ->
                                      count (one small table a group: a document's
                                      counts all go to one, which stays in cache) */
    guint n_pair_tables;
    guint64 n_pairs;               /* the non-zero (term, group) counts held */
    /* results */
    GPtrArray *comparisons;        /* SlantKeynessComparison* */
    GPtrArray *shown;              /* Shown*, in order of first showing */
    Table shown_keys;              /* key -> shown index + 1 */
};

SlantKeynessCounter *
slant_keyness_new(const SlantKeynessOptions *opts)
{
    g_return_val_if_fail(opts != NULL, NULL);
    g_return_val_if_fail(opts->ngrams >= 1 && opts->ngrams <= SLANT_KEYNESS_MAX_NGRAMS, NULL);
    SlantKeynessCounter *c = g_new0(SlantKeynessCounter, 1);
    c->opts = *opts;
    if (c->opts.min_count == 0)
        c->opts.min_count = 1;
    c->pass = 1;
    c->groups = g_ptr_array_new();
    c->group_index = g_hash_table_new(g_str_hash, g_str_equal);
    table_init(&c->unigrams, 1u << 12);
    if (opts->ngrams > 1)
        c->sketch = g_new0(guint8, SKETCH_CELLS); /* pages are touched as they are used */
    c->design_a = SLANT_KEYNESS_EACH;
    c->design_b = SLANT_KEYNESS_REST;
    c->comparisons = g_ptr_array_new();
    c->shown = g_ptr_array_new();
    return c;
}

static void
candidate_free(gpointer p)
{
    SlantKeynessCandidate *k = p;
    if (k == NULL)
        return;
    for (guint i = 0; k->examples != NULL && i < k->examples->len; i++) {
        SlantKeynessExample *e = k->examples->pdata[i];
        g_free(e->id);
        g_free(e->pre);
        g_free(e->match);
        g_free(e->post);
        g_free(e);
    }
    if (k->examples != NULL)
        g_ptr_array_unref(k->examples);
    g_free(k);
}

static void
comparison_free(SlantKeynessComparison *cmp)
{
    g_ptr_array_unref(cmp->to_a);
    g_ptr_array_unref(cmp->to_b);
    g_free(cmp);
}

static void
shown_free(Shown *s)
{
    g_free(s->pub.stems);
    for (guint i = 0; s->pub.forms != NULL && i < s->pub.forms->len; i++)
        g_free(g_array_index(s->pub.forms, SlantKeynessForm, i).form);
    if (s->pub.forms != NULL)
        g_array_unref(s->pub.forms);
    if (s->pub.entries != NULL)
        g_array_unref(s->pub.entries);
    if (s->forms != NULL)
        g_hash_table_unref(s->forms);
    g_ptr_array_unref(s->items);
    g_ptr_array_unref(s->item_cmp);
    g_array_unref(s->last_doc);
    g_free(s);
}

void
slant_keyness_free(SlantKeynessCounter *c)
{
    if (c == NULL)
        return;
    for (guint i = 0; i < c->groups->len; i++) {
        Group *g = c->groups->pdata[i];
        g_free(g->name);
        g_free(g);
    }
    g_ptr_array_unref(c->groups);
    g_hash_table_unref(c->group_index);
    table_clear(&c->unigrams);
    g_free(c->sketch);
    table_clear(&c->survivors);
    if (c->keys != NULL)
        g_array_unref(c->keys);
    if (c->totals != NULL)
        g_array_unref(c->totals);
    for (guint g = 0; g < c->n_pair_tables; g++)
        table_clear(&c->pairs[g]);
    g_free(c->pairs);
    if (c->slots != NULL)
        g_array_unref(c->slots);
    for (guint i = 0; i < c->comparisons->len; i++)
        comparison_free(c->comparisons->pdata[i]);
    g_ptr_array_unref(c->comparisons);
    for (guint i = 0; i < c->shown->len; i++)
        shown_free(c->shown->pdata[i]);
    g_ptr_array_unref(c->shown);
    table_clear(&c->shown_keys);
    g_free(c);
}

SlantLexicon *
slant_keyness_analysis_lexicon(const char *language, GError **error)
{
    g_return_val_if_fail(language != NULL, NULL);
    g_autoptr(GString) text = g_string_new("{\"lexicon\": \"suggest-analysis\", \"version\": \"1.0.0\", "
                                           "\"language\": ");
    slant_jsonw_append_string(text, language);
    /* one entry the engine must have; its hits are never read */
    g_string_append(text, ", \"categories\": [{\"id\": \"none\"}], \"entries\": "
                          "[{\"pattern\": \"=suggest\", \"category\": \"none\"}]}");
    GError *err = NULL;
    SlantLexicon *lex = slant_lexicon_load_data(text->str, text->len, "suggest", &err);
    if (lex == NULL) {
        /* "suggest:1:N: unknown language ...": the position is in text nobody wrote */
        g_set_error(error, SLANT_ERROR, err->code, "%s", slant_lexicon_error_reason(err->message));
        g_error_free(err);
    }
    return lex;
}

guint
slant_keyness_pass(const SlantKeynessCounter *c)
{
    return c->pass;
}

gboolean
slant_keyness_wants_tokens(const SlantKeynessCounter *c)
{
    return c->pass == 3;
}

/* ---- a document's terms (the analyzer seam) --------------------------------- */

typedef struct {
    guint64 hash;      /* of the stem */
    guint32 sentence;
    guint8 stop;       /* a stop token: no n-gram starts or ends on it */
    guint8 voice;      /* in the voice counted (SlantKeynessOptions.voice): n-grams hold only these */
    guint8 ok;         /* pass 2: a stop token, or a word whose corpus count reaches min_count */
} Term;

/* Every token of @a as a Term.  This is the one place that reads what the
 * tokenizer, normalizer and stemmer made of a document (the engine's
 * matcher ran them: the stems are the ones lexicon patterns match); a
 * per-language analyzer would take its place here. */
static void
document_terms(const SlantKeynessCounter *c, const SlantAnalysis *a, Term *terms)
{
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    const SlantStopwords *stop = c->opts.stopwords;
    SlantVoice voice = c->opts.voice;
    for (guint i = 0; i < a->tokens->len; i++) {
        const SlantForm *f = a->forms->pdata[i];
        Term *t = &terms[i];
        t->voice = voice == SLANT_VOICE_ALL || tok[i].quoted == (voice == SLANT_VOICE_QUOTED);
        guint64 stem = slant_stopwords_hash(f->stem, f->stem_len);
        t->hash = mix64(stem); /* every bit counts in the n-gram hashes */
        t->sentence = tok[i].sentence;
        t->stop = FALSE;
        if (stop != NULL) {
            if (g_utf8_next_char(f->norm) == f->norm + f->norm_len)
                t->stop = TRUE; /* one character: the "u" and "s" of "U.S." */
            else if (f->norm_len <= slant_stopwords_max_len(stop))
                t->stop = slant_stopwords_contains_hashed(
                    stop, f->stem == f->norm ? stem : slant_stopwords_hash(f->norm, f->norm_len),
                    f->norm, f->norm_len);
        }
        t->ok = TRUE;
    }
}

/* One candidate n-gram of a document. */
typedef struct {
    guint64 key;
    guint32 first;   /* its first token */
    guint8 length;
    guint8 ok;       /* pass 2: every word reaches min_count */
} Ngram;

/* The candidate n-grams of @terms into @out, by first token, then length:
 * within one sentence and the voice counted, neither end on a stop token. */
static void
document_ngrams(const SlantKeynessCounter *c, const Term *terms, guint n, GArray *out)
{
    for (guint i = 0; i < n; i++) {
        if (terms[i].stop || !terms[i].voice)
            continue;
        guint64 k = terms[i].hash;
        gboolean ok = terms[i].ok;
        for (guint len = 1; len <= c->opts.ngrams && i + len - 1 < n; len++) {
            guint j = i + len - 1;
            if (terms[j].sentence != terms[i].sentence || !terms[j].voice)
                break;
            if (len > 1) {
                k = seq_extend(k, terms[j].hash);
                ok = ok && terms[j].ok;
            }
            if (terms[j].stop)
                continue;
            Ngram g = {term_key(k, len), i, (guint8) len, (guint8) ok};
            g_array_append_val(out, g);
        }
    }
}

/* pass 3 records: shown index, first token, length, then the normal forms
 * and the stems joined by spaces, each as a 32-bit length and its bytes */
static void
put_u32(GString *o, guint32 v)
{
    g_string_append_len(o, (const char *) &v, sizeof v);
}

static guint32
get_u32(const char **p)
{
    guint32 v;
    memcpy(&v, *p, sizeof v);
    *p += sizeof v;
    return v;
}

static void
put_joined(GString *o, const SlantAnalysis *a, guint first, guint length, gboolean stems)
{
    gsize at = o->len;
    put_u32(o, 0);
    for (guint j = first; j < first + length; j++) {
        const SlantForm *f = a->forms->pdata[j];
        if (j > first)
            g_string_append_c(o, ' ');
        if (stems)
            g_string_append_len(o, f->stem, f->stem_len);
        else
            g_string_append_len(o, f->norm, f->norm_len);
    }
    guint32 n = (guint32) (o->len - at - sizeof(guint32));
    memcpy(o->str + at, &n, sizeof n);
}

char *
slant_keyness_prepare(const SlantResult *r, gpointer counter, gsize *len)
{
    const SlantKeynessCounter *c = counter;
    const SlantAnalysis *a = r->analysis;
    *len = 0;
    guint n = a->tokens->len;
    if (n == 0)
        return NULL;
    Term *terms = g_new(Term, n);
    document_terms(c, a, terms);
    if (c->pass == 2) {
        /* a word below min_count in the corpus is in no term that reaches it */
        for (guint i = 0; i < n; i++)
            if (!terms[i].stop)
                terms[i].ok = table_get(&c->unigrams, term_key(terms[i].hash, 1)) >= c->opts.min_count;
    }
    GArray *ngrams = g_array_sized_new(FALSE, FALSE, sizeof(Ngram), n * c->opts.ngrams);
    document_ngrams(c, terms, n, ngrams);
    g_free(terms);
    char *out = NULL;
    if (c->pass == 1 || c->pass == 2) {
        /* the keys, in place */
        guint64 *keys = (guint64 *) (void *) ngrams->data;
        guint sketch_min = (guint) MIN(c->opts.min_count, 255);
        gsize k = 0;
        for (guint i = 0; i < ngrams->len; i++) {
            const Ngram *g = &g_array_index(ngrams, Ngram, i);
            if (c->pass == 2 &&
                (!g->ok || (g->length > 1 && sketch_estimate(c->sketch, g->key) < sketch_min)))
                continue;
            keys[k++] = g->key;
        }
        if (k > 0) {
            /* a copy of just the keys: the array is freed on this thread, where
             * it was made (handing a larger buffer to the delivering thread
             * raised peak memory with two threads by a third) */
            *len = k * sizeof(guint64);
            out = g_memdup2(keys, *len);
        }
    } else if (c->pass == 3) {
        GString *o = NULL;
        for (guint i = 0; i < ngrams->len; i++) {
            const Ngram *g = &g_array_index(ngrams, Ngram, i);
            guint32 s = table_get(&c->shown_keys, g->key);
            if (s == 0)
                continue;
            if (o == NULL)
                o = g_string_new(NULL);
            put_u32(o, s - 1);
            put_u32(o, g->first);
            put_u32(o, g->length);
            put_joined(o, a, g->first, g->length, FALSE);
            put_joined(o, a, g->first, g->length, TRUE);
        }
        if (o != NULL) {
            *len = o->len;
            out = g_string_free(o, FALSE);
        }
    }
    g_array_unref(ngrams);
    return out;
}

/* ---- delivery ------------------------------------------------------------------ */

static guint
group_of(SlantKeynessCounter *c, const char *name)
{
    if (name == NULL)
        name = SLANT_KEY_NONE;
    gpointer v = g_hash_table_lookup(c->group_index, name);
    if (v != NULL)
        return GPOINTER_TO_UINT(v) - 1;
    Group *g = g_new0(Group, 1);
    g->name = g_strdup(name);
    g->pub.name = g->name;
    g_ptr_array_add(c->groups, g);
    g_hash_table_insert(c->group_index, g->name, GUINT_TO_POINTER(c->groups->len));
    return c->groups->len - 1;
}

/* The slot group @g is counted under in pass 2, or -1 for none. */
static gint
slot_of(const SlantKeynessCounter *c, guint g)
{
    if (c->design_a == SLANT_KEYNESS_EACH)
        return (gint) g;
    if ((gint) g == c->design_a)
        return 0;
    if ((gint) g == c->design_b)
        return 1;
    return -1;
}

static gboolean
too_large(GError **error)
{
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_TOO_LARGE,
                "a term count passed 4294967295: the corpus is too large for suggest's counters");
    return FALSE;
}

static gboolean
bump(guint32 *v, GError **error)
{
    if (*v == G_MAXUINT32)
        return too_large(error);
    (*v)++;
    return TRUE;
}

/* The example of an occurrence: up to window tokens each side, within its segment. */
static SlantKeynessExample *
make_example(const SlantKeynessCounter *c, const SlantResult *r, guint first, guint length)
{
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    guint ntok = r->tokens->len, last = first + length - 1;
    guint s = tok[first].segment;
    const char *seg = s == SLANT_SEGMENT_TITLE ? r->doc->title : r->doc->text;
    guint from = first, to = last;
    for (guint k = 0; k < c->opts.window && from > 0 && tok[from - 1].segment == s; k++)
        from--;
    for (guint k = 0; k < c->opts.window && to + 1 < ntok && tok[to + 1].segment == s; k++)
        to++;
    SlantKeynessExample *e = g_new0(SlantKeynessExample, 1);
    e->id = g_strdup(r->doc->id);
    e->sentence = tok[first].sentence;
    e->field = (guint8) s;
    GString *part[3] = {g_string_new(NULL), g_string_new(NULL), g_string_new(NULL)};
    guint32 bounds[4] = {tok[from].start, tok[first].start, tok[last].end, tok[to].end};
    for (int p = 0; p < 3; p++) {
        /* each run of white space as one space, so that a context stays on its line */
        gboolean space = FALSE;
        for (const char *q = seg + bounds[p]; q < seg + bounds[p + 1]; q++) {
            if (*q == '\n' || *q == '\r' || *q == '\t' || *q == ' ') {
                space = TRUE;
                continue;
            }
            if (space)
                g_string_append_c(part[p], ' ');
            space = FALSE;
            g_string_append_c(part[p], *q);
        }
        if (space)
            g_string_append_c(part[p], ' ');
    }
    e->pre = g_string_free(part[0], FALSE);
    e->match = g_string_free(part[1], FALSE);
    e->post = g_string_free(part[2], FALSE);
    return e;
}

static gboolean
add_pass3(SlantKeynessCounter *c, const SlantResult *r, guint g)
{
    const char *p = r->prepared, *end = r->prepared + r->prepared_len;
    gboolean in_scope = c->design_a == SLANT_KEYNESS_EACH || c->design_b == SLANT_KEYNESS_REST ||
                        (gint) g == c->design_a || (gint) g == c->design_b;
    while (p < end) {
        guint32 si = get_u32(&p), first = get_u32(&p), length = get_u32(&p);
        guint32 nlen = get_u32(&p);
        const char *norm = p;
        p += nlen;
        guint32 slen = get_u32(&p);
        const char *stems = p;
        p += slen;
        Shown *s = c->shown->pdata[si];
        if (s->pub.stems == NULL)
            s->pub.stems = g_strndup(stems, slen);
        if (in_scope) {
            g_autofree char *form = g_strndup(norm, nlen);
            gpointer old = NULL;
            if (g_hash_table_lookup_extended(s->forms, form, NULL, &old))
                g_hash_table_insert(s->forms, g_steal_pointer(&form),
                                    GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
            else
                g_hash_table_insert(s->forms, g_steal_pointer(&form), GSIZE_TO_POINTER(1));
        }
        for (guint it = 0; it < s->items->len; it++) {
            SlantKeynessCandidate *k = s->items->pdata[it];
            const SlantKeynessComparison *cmp = s->item_cmp->pdata[it];
            if (k->examples->len >= c->opts.examples)
                continue;
            gboolean side = k->lean > 0 ? (gint) g == cmp->a
                                        : (cmp->b == SLANT_KEYNESS_REST ? (gint) g != cmp->a
                                                                         : (gint) g == cmp->b);
            guint64 *last = &g_array_index(s->last_doc, guint64, it);
            if (!side || *last == r->doc->seq + 1)
                continue; /* one example a document */
            *last = r->doc->seq + 1;
            g_ptr_array_add(k->examples, make_example(c, r, first, length));
        }
    }
    return TRUE;
}

gboolean
slant_keyness_add(SlantKeynessCounter *c, const SlantResult *r, const char *group, GError **error)
{
    g_return_val_if_fail(c->pass >= 1 && c->pass <= 3, FALSE);
    c->documents[c->pass]++;
    if (c->pass > 1 && slant_keyness_find_group(c, group != NULL ? group : SLANT_KEY_NONE) < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO,
                    "the inputs changed while suggest read them: group '%s' was not there before",
                    group != NULL ? group : SLANT_KEY_NONE);
        return FALSE;
    }
    guint g = group_of(c, group);
    const guint64 *keys = (const guint64 *) (const void *) r->prepared;
    gsize n = r->prepared_len / sizeof(guint64);
    if (c->pass == 1) {
        Group *gr = c->groups->pdata[g];
        gr->pub.documents++;
        for (gsize i = 0; i < n; i++) {
            guint length = key_length(keys[i]);
            c->corpus[length - 1]++;
            gr->pub.ngrams[length - 1]++;
            if (length == 1) {
                gboolean fresh;
                if (!bump(table_ref(&c->unigrams, keys[i], &fresh), error))
                    return FALSE;
            } else {
                sketch_add(c->sketch, keys[i]);
            }
        }
        return TRUE;
    }
    if (c->pass == 2) {
        gint slot = slot_of(c, g);
        for (gsize i = 0; i < n; i++) {
            gboolean fresh;
            guint32 *idx = table_ref(&c->survivors, keys[i], &fresh);
            if (fresh) {
                g_array_append_val(c->keys, keys[i]);
                guint32 zero[2] = {0, 0};
                g_array_append_val(c->totals, zero[0]);
                if (c->slots != NULL)
                    g_array_append_vals(c->slots, zero, 2);
                *idx = c->keys->len;
            }
            guint32 at = *idx - 1;
            if (!bump(&g_array_index(c->totals, guint32, at), error))
                return FALSE;
            if (slot < 0)
                continue;
            /* two groups: counts beside the term; each group: a sparse table */
            guint32 *v = c->slots != NULL
                             ? &g_array_index(c->slots, guint32, 2 * (gsize) at + (guint) slot)
                             : table_ref(&c->pairs[slot], (guint64) at + 1, &fresh);
            if (!bump(v, error))
                return FALSE;
        }
        return TRUE;
    }
    return add_pass3(c, r, g);
}

guint
slant_keyness_n_groups(const SlantKeynessCounter *c)
{
    return c->groups->len;
}

const SlantKeynessGroup *
slant_keyness_group(const SlantKeynessCounter *c, guint i)
{
    g_return_val_if_fail(i < c->groups->len, NULL);
    return &((const Group *) c->groups->pdata[i])->pub;
}

gint
slant_keyness_find_group(const SlantKeynessCounter *c, const char *name)
{
    gpointer v = g_hash_table_lookup(c->group_index, name);
    return v != NULL ? (gint) GPOINTER_TO_UINT(v) - 1 : -1;
}

guint64
slant_keyness_documents(const SlantKeynessCounter *c)
{
    return c->documents[1];
}

void
slant_keyness_set_design(SlantKeynessCounter *c, gint a, gint b)
{
    g_return_if_fail(c->pass == 1);
    c->design_a = a;
    c->design_b = a == SLANT_KEYNESS_EACH ? SLANT_KEYNESS_REST : b;
}

guint64
slant_keyness_corpus_ngrams(const SlantKeynessCounter *c, guint length)
{
    g_return_val_if_fail(length >= 1 && length <= SLANT_KEYNESS_MAX_NGRAMS, 0);
    return c->corpus[length - 1];
}

guint64
slant_keyness_n_counted(const SlantKeynessCounter *c)
{
    return c->keys != NULL ? c->keys->len : 0;
}

guint64
slant_keyness_n_pairs(const SlantKeynessCounter *c)
{
    return c->n_pairs;
}

guint
slant_keyness_n_comparisons(const SlantKeynessCounter *c)
{
    return c->comparisons->len;
}

const SlantKeynessComparison *
slant_keyness_comparison(const SlantKeynessCounter *c, guint i)
{
    g_return_val_if_fail(i < c->comparisons->len, NULL);
    return c->comparisons->pdata[i];
}

/* ---- ranking --------------------------------------------------------------------- */

/* One candidate's statistics, from its counts and the groups' totals. */
static void
score_candidate(const SlantKeynessCounter *c, guint length, guint64 total, const guint64 *n_a,
                const guint64 *n_b, Cand *k)
{
    double big_n = (double) c->corpus[length - 1];
    double a0 = c->opts.prior > 0 ? c->opts.prior : big_n;
    k->a_w = big_n > 0 ? a0 * (double) total / big_n : 0.0;
    slant_stats_keyness(k->y_a, n_a[length - 1], k->y_b, n_b[length - 1], k->a_w, a0, &k->k);
    k->p = slant_stats_chisq1_sf(fabs(k->k.g2));
    k->rank = c->opts.rank == SLANT_KEYNESS_RANK_G2 ? k->k.g2 : k->k.z;
}

/* Strongest first (by |rank|), then the larger corpus count, then the term
 * first seen first. */
static gint
cmp_cands(gconstpointer pa, gconstpointer pb, gpointer counter)
{
    const SlantKeynessCounter *c = counter;
    const Cand *x = pa, *y = pb;
    double rx = fabs(x->rank), ry = fabs(y->rank);
    if (rx != ry)
        return rx > ry ? -1 : 1;
    guint32 tx = g_array_index(c->totals, guint32, x->idx);
    guint32 ty = g_array_index(c->totals, guint32, y->idx);
    if (tx != ty)
        return tx > ty ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sort @cands (no two compare equal: the order is total) and keep the
 * first @top as SlantKeynessCandidates in @out, each with its term. */
static void
take_top(SlantKeynessCounter *c, SlantKeynessComparison *cmp, GArray *cands, GPtrArray *out,
         GHashTable *shown_of)
{
    g_array_sort_with_data(cands, cmp_cands, c);
    for (guint i = 0; i < cands->len && i < c->opts.top; i++) {
        const Cand *k = &g_array_index(cands, Cand, i);
        SlantKeynessCandidate *o = g_new0(SlantKeynessCandidate, 1);
        o->count_a = k->y_a;
        o->count_b = k->y_b;
        o->rate_a = k->k.rate_a;
        o->rate_b = k->k.rate_b;
        guint length = key_length(g_array_index(c->keys, guint64, k->idx));
        o->prior_w = k->a_w;
        o->log_odds = k->k.log_odds;
        o->z = k->k.z;
        o->g2 = k->k.g2;
        o->p = k->p;
        o->p_adjusted = k->p_adjusted;
        o->lean = k->rank > 0 ? 1 : -1;
        o->examples = g_ptr_array_new();
        Shown *s = g_hash_table_lookup(shown_of, GUINT_TO_POINTER(k->idx + 1));
        if (s == NULL) {
            s = g_new0(Shown, 1);
            s->idx = k->idx;
            s->pub.n_words = length;
            s->pub.corpus_count = g_array_index(c->totals, guint32, k->idx);
            s->pub.forms = g_array_new(FALSE, FALSE, sizeof(SlantKeynessForm));
            s->pub.entries = g_array_new(FALSE, FALSE, sizeof(SlantKeynessEntryMatch));
            s->forms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
            s->items = g_ptr_array_new();
            s->item_cmp = g_ptr_array_new();
            s->last_doc = g_array_new(FALSE, TRUE, sizeof(guint64));
            g_ptr_array_add(c->shown, s);
            g_hash_table_insert(shown_of, GUINT_TO_POINTER(k->idx + 1), s);
        }
        o->term = &s->pub;
        g_ptr_array_add(s->items, o);
        g_ptr_array_add(s->item_cmp, cmp);
        guint64 zero = 0;
        g_array_append_val(s->last_doc, zero);
        g_ptr_array_add(out, o);
    }
}

static SlantKeynessComparison *
comparison_new(const SlantKeynessCounter *c, gint a, gint b)
{
    SlantKeynessComparison *cmp = g_new0(SlantKeynessComparison, 1);
    cmp->a = a;
    cmp->b = b;
    const SlantKeynessGroup *ga = slant_keyness_group(c, (guint) a);
    cmp->documents_a = ga->documents;
    memcpy(cmp->ngrams_a, ga->ngrams, sizeof cmp->ngrams_a);
    if (b == SLANT_KEYNESS_REST) {
        cmp->documents_b = c->documents[1] - ga->documents;
        for (guint l = 0; l < SLANT_KEYNESS_MAX_NGRAMS; l++)
            cmp->ngrams_b[l] = c->corpus[l] - ga->ngrams[l];
    } else {
        const SlantKeynessGroup *gb = slant_keyness_group(c, (guint) b);
        cmp->documents_b = gb->documents;
        memcpy(cmp->ngrams_b, gb->ngrams, sizeof cmp->ngrams_b);
    }
    cmp->to_a = g_ptr_array_new_with_free_func(candidate_free);
    cmp->to_b = g_ptr_array_new_with_free_func(candidate_free);
    return cmp;
}

/* The candidates of a against b (or the rest): every counted term at or
 * above min_count, both directions. */
static void
rank_pair(SlantKeynessCounter *c, GHashTable *shown_of)
{
    SlantKeynessComparison *cmp = comparison_new(c, c->design_a, c->design_b);
    g_ptr_array_add(c->comparisons, cmp);
    gboolean rest = c->design_b == SLANT_KEYNESS_REST;
    g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(Cand));
    for (guint32 idx = 0; idx < c->keys->len; idx++) {
        guint64 key = g_array_index(c->keys, guint64, idx);
        guint64 total = g_array_index(c->totals, guint32, idx);
        Cand k = {.idx = idx};
        k.y_a = g_array_index(c->slots, guint32, 2 * (gsize) idx);
        k.y_b = rest ? total - k.y_a : g_array_index(c->slots, guint32, 2 * (gsize) idx + 1);
        if (k.y_a + k.y_b < c->opts.min_count)
            continue;
        score_candidate(c, key_length(key), total, cmp->ngrams_a, cmp->ngrams_b, &k);
        g_array_append_val(all, k);
    }
    cmp->tested = all->len;
    g_autofree double *p = g_new(double, MAX(all->len, 1));
    for (guint i = 0; i < all->len; i++)
        p[i] = g_array_index(all, Cand, i).p;
    slant_stats_p_adjust_bh(p, all->len, p);
    g_autoptr(GArray) to_a = g_array_new(FALSE, FALSE, sizeof(Cand));
    g_autoptr(GArray) to_b = g_array_new(FALSE, FALSE, sizeof(Cand));
    for (guint i = 0; i < all->len; i++) {
        Cand *k = &g_array_index(all, Cand, i);
        k->p_adjusted = p[i];
        if (isnan(k->rank) || k->rank == 0)
            continue;
        g_array_append_val(k->rank > 0 ? to_a : to_b, *k);
    }
    cmp->leaning_a = to_a->len;
    cmp->leaning_b = to_b->len;
    take_top(c, cmp, to_a, cmp->to_a, shown_of);
    take_top(c, cmp, to_b, cmp->to_b, shown_of);
}

/* A class of tested terms a group lacks: one length and one corpus count,
 * so one G^2 and one p-value. */
typedef struct {
    guint length;
    guint64 total;
    guint64 members;   /* tested terms in the class */
} Class;

/* Groups by name (names are unique). */
static gint
cmp_group_names(gconstpointer pa, gconstpointer pb, gpointer counter)
{
    const SlantKeynessCounter *c = counter;
    guint x = *(const guint *) pa, y = *(const guint *) pb;
    return strcmp(((const Group *) c->groups->pdata[x])->name,
                  ((const Group *) c->groups->pdata[y])->name);
}

/* Each group against the rest: the terms leaning to the group, tested
 * over every term at or above min_count (the rest holds what the group
 * lacks). */
static void
rank_each(SlantKeynessCounter *c, GHashTable *shown_of)
{
    /* the tested terms and their classes */
    guint32 *class_of = g_new(guint32, MAX(c->keys->len, 1));
    g_autoptr(GArray) classes = g_array_new(FALSE, FALSE, sizeof(Class));
    Table class_index; /* length << 62 | total -> class + 1 */
    table_init(&class_index, 1u << 8);
    guint64 tested = 0;
    for (guint32 idx = 0; idx < c->keys->len; idx++) {
        guint64 total = g_array_index(c->totals, guint32, idx);
        class_of[idx] = G_MAXUINT32;
        if (total < c->opts.min_count)
            continue;
        tested++;
        guint length = key_length(g_array_index(c->keys, guint64, idx));
        gboolean fresh;
        guint32 *v = table_ref(&class_index, (guint64) length << 62 | total, &fresh);
        if (fresh) {
            Class cl = {length, total, 0};
            g_array_append_val(classes, cl);
            *v = classes->len;
        }
        class_of[idx] = *v - 1;
        g_array_index(classes, Class, class_of[idx]).members++;
    }
    table_clear(&class_index);
    g_autofree guint64 *seen = g_new0(guint64, MAX(classes->len, 1));
    g_autoptr(GArray) cands = g_array_new(FALSE, FALSE, sizeof(Cand));
    g_autoptr(GArray) ps = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) weights = g_array_new(FALSE, FALSE, sizeof(guint64));
    /* groups are compared in name order */
    guint ng = c->groups->len;
    g_autofree guint *order = g_new(guint, MAX(ng, 1));
    for (guint g = 0; g < ng; g++)
        order[g] = g;
    g_qsort_with_data(order, (gint) ng, sizeof(guint), cmp_group_names, c);
    for (guint o = 0; o < ng; o++) {
        guint g = order[o];
        const Table *t = &c->pairs[g];
        SlantKeynessComparison *cmp = comparison_new(c, (gint) g, SLANT_KEYNESS_REST);
        g_ptr_array_add(c->comparisons, cmp);
        cmp->tested = tested;
        g_array_set_size(cands, 0);
        g_array_set_size(ps, 0);
        g_array_set_size(weights, 0);
        memset(seen, 0, sizeof(guint64) * MAX(classes->len, 1));
        /* the group's counts of tested terms, in table order: BH and the
         * sort of the candidates below do not depend on it */
        for (gsize slot = 0; slot <= t->mask; slot++) {
            if (t->keys[slot] == 0)
                continue;
            guint32 idx = (guint32) (t->keys[slot] - 1);
            if (class_of[idx] == G_MAXUINT32)
                continue;
            guint64 total = g_array_index(c->totals, guint32, idx);
            Cand k = {.idx = idx, .y_a = t->vals[slot], .y_b = total - t->vals[slot]};
            score_candidate(c, key_length(g_array_index(c->keys, guint64, idx)), total,
                            cmp->ngrams_a, cmp->ngrams_b, &k);
            seen[class_of[idx]]++;
            g_array_append_val(cands, k);
            g_array_append_val(ps, k.p);
            guint64 one = 1;
            g_array_append_val(weights, one);
        }
        guint n_present = cands->len;
        /* the terms the group lacks: one p-value per class */
        for (guint k = 0; k < classes->len; k++) {
            const Class *cl = &g_array_index(classes, Class, k);
            guint64 lacking = cl->members - seen[k];
            if (lacking == 0)
                continue;
            Cand z = {.idx = 0, .y_a = 0, .y_b = cl->total};
            score_candidate(c, cl->length, cl->total, cmp->ngrams_a, cmp->ngrams_b, &z);
            g_array_append_val(ps, z.p);
            g_array_append_val(weights, lacking);
            if (!isnan(z.rank) && z.rank < 0)
                cmp->leaning_b += lacking;
        }
        slant_stats_p_adjust_bh_weighted((const double *) (void *) ps->data,
                                         (const guint64 *) (void *) weights->data, ps->len,
                                         (double *) (void *) ps->data);
        g_autoptr(GArray) to_a = g_array_new(FALSE, FALSE, sizeof(Cand));
        for (guint i = 0; i < n_present; i++) {
            Cand *k = &g_array_index(cands, Cand, i);
            if (isnan(k->rank) || k->rank == 0)
                continue;
            if (k->rank < 0) {
                cmp->leaning_b++;
                continue;
            }
            k->p_adjusted = g_array_index(ps, double, i);
            g_array_append_val(to_a, *k);
        }
        cmp->leaning_a = to_a->len;
        take_top(c, cmp, to_a, cmp->to_a, shown_of);
    }
    g_free(class_of);
}

/* Does the stem sequence @outer hold @inner as whole consecutive words? */
static gboolean
holds_words(const char *outer, const char *inner)
{
    gsize n = strlen(inner);
    for (const char *p = strstr(outer, inner); p != NULL; p = strstr(p + 1, inner))
        if ((p == outer || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return TRUE;
    return FALSE;
}

/* A term with the counts of a longer term of its list that holds it: every
 * occurrence in the two groups is inside one of the longer term's (each of
 * those holds one of its occurrences, at one place, and the counts are
 * equal), so the longer term says all it says. */
static void
mark_within(GPtrArray *list)
{
    for (guint i = 0; i < list->len; i++) {
        SlantKeynessCandidate *k = list->pdata[i];
        for (guint j = 0; j < list->len && k->within == NULL; j++) {
            const SlantKeynessCandidate *o = list->pdata[j];
            if (o->term->n_words > k->term->n_words && o->count_a == k->count_a &&
                o->count_b == k->count_b && holds_words(o->term->stems, k->term->stems))
                k->within = o->term;
        }
    }
}

static gint
cmp_forms(gconstpointer pa, gconstpointer pb)
{
    const SlantKeynessForm *x = pa, *y = pb;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->form, y->form);
}

gboolean
slant_keyness_end_pass(SlantKeynessCounter *c, GError **error)
{
    g_return_val_if_fail(c->pass >= 1 && c->pass <= 3, FALSE);
    if (c->pass > 1 && c->documents[c->pass] != c->documents[1]) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO,
                    "the inputs changed while suggest read them: %" G_GUINT64_FORMAT
                    " documents, then %" G_GUINT64_FORMAT,
                    c->documents[1], c->documents[c->pass]);
        return FALSE;
    }
    if (c->pass == 1) {
        table_init(&c->survivors, 1u << 12);
        if (c->design_a == SLANT_KEYNESS_EACH) {
            c->n_pair_tables = c->groups->len;
            c->pairs = g_new0(Table, MAX(c->n_pair_tables, 1));
            for (guint g = 0; g < c->n_pair_tables; g++)
                table_init(&c->pairs[g], 1u << 6);
        } else
            c->slots = g_array_new(FALSE, FALSE, sizeof(guint32));
        c->keys = g_array_new(FALSE, FALSE, sizeof(guint64));
        c->totals = g_array_new(FALSE, FALSE, sizeof(guint32));
        c->pass = 2;
        return TRUE;
    }
    if (c->pass == 2) {
        /* pass 1's structures have done their work */
        g_clear_pointer(&c->sketch, g_free);
        table_clear(&c->unigrams);
        g_autoptr(GHashTable) shown_of = g_hash_table_new(NULL, NULL);
        if (c->design_a == SLANT_KEYNESS_EACH)
            rank_each(c, shown_of);
        else
            rank_pair(c, shown_of);
        c->n_pairs = 0;
        for (guint g = 0; g < c->n_pair_tables; g++) {
            c->n_pairs += c->pairs[g].count;
            table_clear(&c->pairs[g]);
        }
        g_clear_pointer(&c->pairs, g_free);
        c->n_pair_tables = 0;
        for (guint i = 0; c->slots != NULL && i < c->slots->len; i++)
            c->n_pairs += g_array_index(c->slots, guint32, i) != 0;
        g_clear_pointer(&c->slots, g_array_unref);
        table_clear(&c->survivors);
        table_init(&c->shown_keys, 1u << 6);
        for (guint i = 0; i < c->shown->len; i++) {
            Shown *s = c->shown->pdata[i];
            gboolean fresh;
            *table_ref(&c->shown_keys, g_array_index(c->keys, guint64, s->idx), &fresh) = i + 1;
        }
        c->pass = 3;
        return TRUE;
    }
    for (guint i = 0; i < c->shown->len; i++) {
        Shown *s = c->shown->pdata[i];
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, s->forms);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            SlantKeynessForm f = {g_strdup(k), GPOINTER_TO_SIZE(v)};
            g_array_append_val(s->pub.forms, f);
        }
        g_array_sort(s->pub.forms, cmp_forms);
        g_clear_pointer(&s->forms, g_hash_table_unref);
        if (s->pub.stems == NULL)
            s->pub.stems = g_strdup("");
    }
    for (guint i = 0; i < c->comparisons->len; i++) {
        SlantKeynessComparison *cmp = c->comparisons->pdata[i];
        mark_within(cmp->to_a);
        mark_within(cmp->to_b);
    }
    c->pass = 0;
    return TRUE;
}

/* ---- existing entries ----------------------------------------------------------- */

static gint
cmp_entry_matches(gconstpointer pa, gconstpointer pb)
{
    const SlantKeynessEntryMatch *x = pa, *y = pb;
    if (x->whole != y->whole)
        return x->whole ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

gboolean
slant_keyness_match_lexicon(SlantKeynessCounter *c, const SlantLexicon *lex, GError **error)
{
    g_return_val_if_fail(c->pass == 0 && lex != NULL, FALSE);
    g_autoptr(SlantMatcher) m = slant_matcher_new(lex, error);
    if (m == NULL)
        return FALSE;
    SlantAnalysis a;
    slant_analysis_init(&a);
    for (guint i = 0; i < c->shown->len; i++) {
        Shown *s = c->shown->pdata[i];
        g_array_set_size(s->pub.entries, 0);
        if (s->pub.forms->len == 0)
            continue;
        const char *text = g_array_index(s->pub.forms, SlantKeynessForm, 0).form;
        slant_matcher_analyze(m, NULL, 0, text, strlen(text), &a);
        for (guint h = 0; h < a.hits->len; h++) {
            const SlantHit *hit = &g_array_index(a.hits, SlantHit, h);
            SlantKeynessEntryMatch em = {hit->entry,
                                         hit->first_token == 0 && hit->n_tokens == a.tokens->len};
            gboolean dup = FALSE;
            for (guint e = 0; e < s->pub.entries->len; e++)
                if (g_array_index(s->pub.entries, SlantKeynessEntryMatch, e).entry == em.entry)
                    dup = TRUE;
            if (!dup)
                g_array_append_val(s->pub.entries, em);
        }
        g_array_sort(s->pub.entries, cmp_entry_matches);
    }
    slant_analysis_clear(&a);
    return TRUE;
}

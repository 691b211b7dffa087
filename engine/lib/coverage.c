/* coverage.c: per-entry and per-group counts of a lexicon on a corpus (see
 * coverage.h). */
#include "coverage.h"

#include <string.h>

#include "analyzer.h"

typedef struct {
    guint64 hits, documents;
} Pair;

typedef struct {
    char *name;
    guint id;       /* in order of first appearance */
    SlantCoverageGroup g;
} Group;

struct _SlantCoverage {
    const SlantLexicon *lex;
    guint na, nc, ne;
    GHashTable *group_ids;   /* name -> Group* */
    GPtrArray *groups;       /* Group*, by id; sorted by name after finish */
    GHashTable *entry_group; /* (entry << 32 | group id) -> Pair* */
    GHashTable **forms;      /* per entry: form -> count (guint64 in the pointer) */
    GHashTable **winners;    /* per entry: winner + 1 -> count */
    SlantEntryCoverage *entries;
    SlantAnalyzer *analyzer; /* the lexicon's language, for the forms hits show */
    GString *form;
    gboolean finished;
};

SlantCoverage *
slant_coverage_new(const SlantLexicon *lex)
{
    SlantCoverage *c = g_new0(SlantCoverage, 1);
    c->lex = lex;
    c->na = slant_lexicon_n_axes(lex);
    c->nc = slant_lexicon_n_categories(lex);
    c->ne = slant_lexicon_n_entries(lex);
    c->group_ids = g_hash_table_new(g_str_hash, g_str_equal);
    c->groups = g_ptr_array_new();
    c->entry_group = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    c->forms = g_new0(GHashTable *, MAX(c->ne, 1));
    c->winners = g_new0(GHashTable *, MAX(c->ne, 1));
    c->entries = g_new0(SlantEntryCoverage, MAX(c->ne, 1));
    /* the lexicon loaded, so its language has an analyzer */
    c->analyzer = slant_analyzer_new(slant_lexicon_language(lex), NULL);
    g_assert(c->analyzer != NULL);
    c->form = g_string_new(NULL);
    return c;
}

void
slant_coverage_free(SlantCoverage *c)
{
    if (c == NULL)
        return;
    for (guint i = 0; i < c->groups->len; i++) {
        Group *g = c->groups->pdata[i];
        g_free(g->name);
        g_free(g->g.axes);
        g_free(g->g.categories);
        g_free(g);
    }
    g_ptr_array_unref(c->groups);
    g_hash_table_unref(c->group_ids);
    g_hash_table_unref(c->entry_group);
    for (guint e = 0; e < c->ne; e++) {
        if (c->forms[e])
            g_hash_table_unref(c->forms[e]);
        if (c->winners[e])
            g_hash_table_unref(c->winners[e]);
        g_free(c->entries[e].group_hits);
        g_free(c->entries[e].group_documents);
        if (c->entries[e].forms)
            g_array_unref(c->entries[e].forms);
        if (c->entries[e].winners)
            g_array_unref(c->entries[e].winners);
    }
    g_free(c->forms);
    g_free(c->winners);
    g_free(c->entries);
    slant_analyzer_free(c->analyzer);
    g_string_free(c->form, TRUE);
    g_free(c);
}

static Group *
get_group(SlantCoverage *c, const char *name)
{
    Group *g = g_hash_table_lookup(c->group_ids, name);
    if (g != NULL)
        return g;
    g = g_new0(Group, 1);
    g->name = g_strdup(name);
    g->id = c->groups->len;
    g->g.name = g->name;
    g->g.axes = g_new0(SlantCoverageShare, MAX(c->na * 2, 1));
    g->g.categories = g_new0(SlantCoverageShare, MAX(c->nc, 1));
    g_hash_table_insert(c->group_ids, g->name, g);
    g_ptr_array_add(c->groups, g);
    return g;
}

static Pair *
entry_group(SlantCoverage *c, guint32 entry, guint id)
{
    gint64 key = (gint64) (((guint64) entry << 32) | id);
    Pair *p = g_hash_table_lookup(c->entry_group, &key);
    if (p != NULL)
        return p;
    struct {
        gint64 key;
        Pair p;
    } *kv = g_malloc0(sizeof *kv);
    kv->key = key;
    g_hash_table_insert(c->entry_group, &kv->key, &kv->p);
    return &kv->p;
}

/* Add @n to the count of @key in *@table (made when first needed; string
 * keys are copied, other keys are small integers in the pointer). */
static void
count_in(GHashTable **table, gpointer key, gboolean string_key, guint64 n)
{
    if (*table == NULL)
        *table = string_key ? g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)
                            : g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    guint64 *count = g_hash_table_lookup(*table, key);
    if (count == NULL) {
        count = g_new0(guint64, 1);
        g_hash_table_insert(*table, string_key ? g_strdup(key) : key, count);
    }
    *count += n;
}

/* The normal forms of tokens [first, first + n), joined by spaces. */
static const char *
hit_form(SlantCoverage *c, const SlantResult *r, guint32 first, guint32 n)
{
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    const char *seg[2] = {r->doc->title, r->doc->text};
    g_string_truncate(c->form, 0);
    for (guint32 k = first; k < first + n; k++) {
        if (k > first)
            g_string_append_c(c->form, ' ');
        g_string_append(c->form, slant_analyzer_normalize(c->analyzer, seg[tok[k].segment] + tok[k].start,
                                                          tok[k].end - tok[k].start, NULL));
    }
    return c->form->str;
}

void
slant_coverage_add(SlantCoverage *c, const SlantResult *r, const char *group)
{
    g_return_if_fail(!c->finished && r->tokens != NULL);
    Group *g = get_group(c, group);
    g->g.documents++;
    g->g.sentences += r->tally.sentences;
    g->g.tokens += r->tally.tokens;
    guint na = c->na, nc = c->nc;
    guint ns = MAX(r->tally.sentences, 1);
    /* per pole or category: the sentences and tokens with a hit, this document */
    guint nshares = na * 2 + nc;
    g_autofree guint8 *sent = g_new0(guint8, (gsize) nshares * ns);
    g_autofree guint64 *toks = g_new0(guint64, MAX(nshares, 1));
    g_autofree guint8 *doc = g_new0(guint8, MAX(nshares, 1));
    g_autofree guint8 *seen = g_new0(guint8, MAX(c->ne, 1));
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    for (guint i = 0; i < r->hits->len; i++) {
        const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
        const SlantEntry *e = slant_lexicon_entry(c->lex, h->entry);
        SlantEntryCoverage *ec = &c->entries[h->entry];
        ec->hits++;
        ec->negated += h->negated;
        ec->quoted += h->quoted;
        Pair *p = entry_group(c, h->entry, g->id);
        p->hits++;
        if (!seen[h->entry]) {
            seen[h->entry] = 1;
            ec->documents++;
            p->documents++;
        }
        count_in(&c->forms[h->entry], (gpointer) hit_form(c, r, h->first_token, h->n_tokens), TRUE, 1);
        guint share = e->axis >= 0 ? (guint) e->axis * 2 + (h->pole > 0 ? 0 : 1) : na * 2 + (guint) e->category;
        doc[share] = 1;
        sent[(gsize) share * ns + tok[h->first_token].sentence] = 1;
        toks[share] += h->n_tokens;
    }
    for (guint s = 0; s < nshares; s++) {
        SlantCoverageShare *sh = s < na * 2 ? &g->g.axes[s] : &g->g.categories[s - na * 2];
        sh->documents += doc[s];
        sh->tokens += toks[s];
        for (guint k = 0; k < ns; k++)
            sh->sentences += sent[(gsize) s * ns + k];
    }
    for (guint i = 0; r->shadows != NULL && i < r->shadows->len; i++) {
        const SlantShadow *sh = &g_array_index(r->shadows, SlantShadow, i);
        c->entries[sh->entry].lost++;
        count_in(&c->winners[sh->entry], GUINT_TO_POINTER(sh->winner + 1), FALSE, 1);
    }
}

static gint
cmp_group(gconstpointer a, gconstpointer b)
{
    const Group *x = *(const Group *const *) a, *y = *(const Group *const *) b;
    return strcmp(x->name, y->name);
}

static gint
cmp_form(gconstpointer a, gconstpointer b)
{
    const SlantFormCount *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->form, y->form);
}

static gint
cmp_entry_count(gconstpointer a, gconstpointer b)
{
    const SlantEntryCount *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

void
slant_coverage_finish(SlantCoverage *c)
{
    g_return_if_fail(!c->finished);
    c->finished = TRUE;
    guint ng = c->groups->len;
    /* group ids are in order of appearance; results by name */
    g_autofree guint *rank = g_new(guint, MAX(ng, 1));
    g_ptr_array_sort(c->groups, cmp_group);
    for (guint i = 0; i < ng; i++)
        rank[((Group *) c->groups->pdata[i])->id] = i;
    for (guint e = 0; e < c->ne; e++) {
        SlantEntryCoverage *ec = &c->entries[e];
        ec->group_hits = g_new0(guint64, MAX(ng, 1));
        ec->group_documents = g_new0(guint64, MAX(ng, 1));
        ec->forms = g_array_new(FALSE, FALSE, sizeof(SlantFormCount));
        ec->winners = g_array_new(FALSE, FALSE, sizeof(SlantEntryCount));
        GHashTableIter it;
        gpointer k, v;
        if (c->forms[e] != NULL) {
            g_hash_table_iter_init(&it, c->forms[e]);
            while (g_hash_table_iter_next(&it, &k, &v)) {
                SlantFormCount fc = {k, *(const guint64 *) v};
                g_array_append_val(ec->forms, fc);
            }
            g_array_sort(ec->forms, cmp_form);
        }
        if (c->winners[e] != NULL) {
            g_hash_table_iter_init(&it, c->winners[e]);
            while (g_hash_table_iter_next(&it, &k, &v)) {
                SlantEntryCount w = {GPOINTER_TO_UINT(k) - 1, *(const guint64 *) v};
                g_array_append_val(ec->winners, w);
            }
            g_array_sort(ec->winners, cmp_entry_count);
        }
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, c->entry_group);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        guint64 key = (guint64) *(const gint64 *) k;
        guint32 entry = (guint32) (key >> 32), id = (guint32) key;
        const Pair *p = v;
        c->entries[entry].group_hits[rank[id]] = p->hits;
        c->entries[entry].group_documents[rank[id]] = p->documents;
    }
}

guint
slant_coverage_n_groups(const SlantCoverage *c)
{
    return c->groups->len;
}

const SlantCoverageGroup *
slant_coverage_group(const SlantCoverage *c, guint i)
{
    g_return_val_if_fail(c->finished && i < c->groups->len, NULL);
    return &((const Group *) c->groups->pdata[i])->g;
}

const SlantEntryCoverage *
slant_coverage_entry(const SlantCoverage *c, guint entry)
{
    g_return_val_if_fail(c->finished && entry < c->ne, NULL);
    return &c->entries[entry];
}

/* match.c: the form cache and the matcher.
 *
 * The cache is a hand-written open-addressing table (linear probing, power
 * of two, at most half full) of SlantForm pointers; forms and their
 * strings live in a bump arena that is dropped as a whole, so the hot path
 * never frees and, once a form has been seen, never allocates.
 */
#include "match.h"

#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "analyzer.h"

#define ARENA_FIRST_BLOCK (256 * 1024)
#define HUGE_PAGE (2 * 1024 * 1024)

/* Memory for the cache (g_aligned_free() frees it).  From 2 MiB up, in
 * huge pages where the system gives them: lookups land on random forms all
 * over a cache of several megabytes, and with 4 KiB pages many also miss
 * the TLB. */
static gpointer
huge_alloc(gsize size)
{
    if (size < HUGE_PAGE)
        return g_aligned_alloc(1, size, 64);
    gsize rounded = (size + HUGE_PAGE - 1) & ~(gsize) (HUGE_PAGE - 1);
    gpointer p = g_aligned_alloc(1, rounded, HUGE_PAGE);
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}

static gpointer
huge_alloc0(gsize size)
{
    gpointer p = huge_alloc(size);
    memset(p, 0, size);
    return p;
}

/* A bump allocator dropped as a whole.  Blocks start at 256 KiB and double
 * up to 2 MiB (huge pages from there), so a small run or a thread that
 * makes few forms keeps little. */
typedef struct {
    GPtrArray *blocks; /* huge_alloc() blocks */
    char *cur;
    gsize left;
    gsize next;        /* the size of the next block */
} Arena;

static void
arena_init(Arena *a)
{
    a->blocks = g_ptr_array_new_with_free_func(g_aligned_free);
    a->cur = NULL;
    a->left = 0;
    a->next = ARENA_FIRST_BLOCK;
}

static void
arena_reset(Arena *a)
{
    g_ptr_array_set_size(a->blocks, 0);
    a->cur = NULL;
    a->left = 0;
}

static void
arena_clear(Arena *a)
{
    g_ptr_array_unref(a->blocks);
}

static gpointer
arena_alloc(Arena *a, gsize n)
{
    n = (n + 7) & ~(gsize) 7;
    if (n > a->left) {
        gsize size = MAX(n, a->next);
        a->next = MIN(a->next * 2, (gsize) HUGE_PAGE);
        a->cur = huge_alloc(size);
        a->left = size;
        g_ptr_array_add(a->blocks, a->cur);
    }
    gpointer p = a->cur;
    a->cur += n;
    a->left -= n;
    return p;
}

static char *
arena_strndup(Arena *a, const char *s, gsize n)
{
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* The forms shared by the matchers of one run: a fixed-size open-addressing
 * table that any thread reads without locks and adds to by compare-and-swap
 * on an empty slot.  Nothing is ever removed, and a form's fields are
 * written before it is published, so a reader that sees a form sees it
 * whole.  When the table is full enough, matchers keep new forms in their
 * own caches (below), as they do without a shared table. */
struct _SlantFormTable {
    _Atomic(SlantForm *) *slots;
    guint32 mask;
    guint32 limit;          /* forms it takes at most: 5/8 of the slots */
    atomic_uint count;
};

SlantFormTable *
slant_form_table_new(guint32 capacity)
{
    g_return_val_if_fail(capacity >= 16 && (capacity & (capacity - 1)) == 0, NULL);
    SlantFormTable *t = g_new0(SlantFormTable, 1);
    t->slots = huge_alloc(capacity * sizeof(*t->slots));
    for (guint32 i = 0; i < capacity; i++)
        atomic_init(&t->slots[i], NULL);
    t->mask = capacity - 1;
    t->limit = capacity / 8 * 5;
    atomic_init(&t->count, 0);
    return t;
}

void
slant_form_table_free(SlantFormTable *t)
{
    if (t == NULL)
        return;
    g_aligned_free(t->slots);
    g_free(t);
}

guint
slant_form_table_size(const SlantFormTable *t)
{
    return atomic_load_explicit(&((SlantFormTable *) t)->count, memory_order_relaxed);
}

struct _SlantMatcher {
    const SlantLexicon *lex;
    SlantAnalyzer *analyzer; /* the lexicon's language */
    SlantFormTable *shared; /* nullable; its forms live in @published */
    Arena published;        /* forms put in @shared: kept until the matcher goes */
    SlantForm **slots;      /* the matcher's own cache, for forms @shared did not take */
    guint32 mask;   /* capacity - 1 */
    guint32 count;
    Arena arena;
    GArray *keys;   /* guint32 scratch */
    GArray *starts; /* guint32 scratch */
    /* per-document scratch for matching, sized to the number of groups */
    guint32 *group_next;
    gint32 *best;   /* per group: entry index of the best match at this position, or -1 */
    guint32 *touched;
    guint32 *prefix_keys;   /* scratch for make_form(): max_prefix_len, or NULL */
    guint *windows;         /* per group: its negation window */
    gboolean trace;         /* record shadows */
    const SlantEntry *entries; /* the lexicon's entries, by index (NULL if none) */
    GArray *hashes;         /* guint32 per token of the document: hash_bytes() */
    GArray *candidates;     /* guint: tokens whose form may start an entry */
    guint32 *last_entry;    /* per group: the entry of its last hit (with trace) */
};

/* A hash of a token's bytes, eight at a time (tokens are short: most take
 * one or two rounds), finished with a 64-bit mixer so that the low bits the
 * table uses depend on every byte. */
static inline guint32
hash_bytes(const char *s, gsize n)
{
    guint64 h = 0x9E3779B97F4A7C15ull ^ n;
    while (n >= 8) {
        guint64 w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    if (n >= 4) {
        /* 4 to 7 bytes: two overlapping 4-byte loads cover them */
        guint32 a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        h = (h ^ ((guint64) a << 32 | b)) * 0x94D049BB133111EBull;
    } else if (n > 0) {
        guint64 w = (guint64) (guchar) s[0] << 16 | (guint64) (guchar) s[n / 2] << 8 |
                    (guchar) s[n - 1];
        h = (h ^ w) * 0x94D049BB133111EBull;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return (guint32) h;
}

static void
cache_alloc(SlantMatcher *m, guint32 capacity)
{
    m->slots = huge_alloc0(capacity * sizeof(SlantForm *));
    m->mask = capacity - 1;
    m->count = 0;
}

static void
cache_grow(SlantMatcher *m)
{
    SlantForm **old = m->slots;
    guint32 cap = m->mask + 1;
    cache_alloc(m, cap * 2);
    for (guint32 i = 0; i < cap; i++) {
        SlantForm *f = old[i];
        if (f == NULL)
            continue;
        guint32 j = f->hash & m->mask;
        while (m->slots[j] != NULL)
            j = (j + 1) & m->mask;
        m->slots[j] = f;
        m->count++;
    }
    g_aligned_free(old);
}

SlantMatcher *
slant_matcher_new(const SlantLexicon *lex, GError **error)
{
    return slant_matcher_new_shared(lex, NULL, error);
}

SlantMatcher *
slant_matcher_new_shared(const SlantLexicon *lex, SlantFormTable *shared, GError **error)
{
    g_return_val_if_fail(lex != NULL, NULL);
    SlantAnalyzer *an = slant_analyzer_new(slant_lexicon_language(lex), error);
    if (an == NULL)
        return NULL;
    SlantMatcher *m = g_new0(SlantMatcher, 1);
    m->lex = lex;
    m->analyzer = an;
    m->shared = shared;
    arena_init(&m->published);
    cache_alloc(m, shared != NULL ? 1u << 6 : 1u << 12);
    arena_init(&m->arena);
    m->keys = g_array_new(FALSE, FALSE, sizeof(guint32));
    m->starts = g_array_new(FALSE, FALSE, sizeof(guint32));
    guint ng = slant_lexicon_n_groups(lex);
    m->group_next = g_new0(guint32, ng);
    m->best = g_new(gint32, ng);
    for (guint g = 0; g < ng; g++)
        m->best[g] = -1;
    m->touched = g_new0(guint32, ng);
    m->last_entry = g_new0(guint32, ng);
    m->windows = g_new(guint, MAX(ng, 1));
    for (guint g = 0; g < ng; g++)
        m->windows[g] = slant_lexicon_group_negation_window(lex, g);
    /* entries sit in one array that a compiled lexicon never changes:
     * entry i is entries[i], without a call per candidate */
    m->entries = slant_lexicon_n_entries(lex) > 0 ? slant_lexicon_entry(lex, 0) : NULL;
    m->hashes = g_array_new(FALSE, FALSE, sizeof(guint32));
    m->candidates = g_array_new(FALSE, FALSE, sizeof(guint));
    gsize maxp = slant_lexicon_max_prefix_len(lex);
    m->prefix_keys = maxp > 0 ? g_new(guint32, maxp) : NULL;
    return m;
}

void
slant_matcher_free(SlantMatcher *m)
{
    if (m == NULL)
        return;
    slant_analyzer_free(m->analyzer);
    g_aligned_free(m->slots);
    arena_clear(&m->arena);
    arena_clear(&m->published);
    g_array_unref(m->keys);
    g_array_unref(m->starts);
    g_array_unref(m->hashes);
    g_array_unref(m->candidates);
    g_free(m->group_next);
    g_free(m->best);
    g_free(m->touched);
    g_free(m->last_entry);
    g_free(m->windows);
    g_free(m->prefix_keys);
    g_free(m);
}

void
slant_matcher_set_trace(SlantMatcher *m, gboolean trace)
{
    m->trace = trace;
}

guint
slant_matcher_cache_size(const SlantMatcher *m)
{
    return m->count;
}

static int
cmp_u32(gconstpointer a, gconstpointer b)
{
    guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
    return x < y ? -1 : x > y;
}

static void
add_key(SlantMatcher *m, gint32 key)
{
    if (key < 0)
        return;
    guint32 k = (guint32) key;
    g_array_append_val(m->keys, k);
    guint n;
    const guint32 *s = slant_lexicon_entries_starting_with(m->lex, k, &n);
    g_array_append_vals(m->starts, s, n);
}

/* Build the form of a token seen for the first time. */
static SlantForm *
make_form(SlantMatcher *m, Arena *ar, const char *s, gsize len, guint32 h)
{
    const SlantLexicon *lex = m->lex;
    SlantWordForms w;
    slant_analyzer_word(m->analyzer, s, len, &w);
    const char *norm = w.norm, *stem = w.stem;
    gsize norm_len = w.norm_len, stem_len = w.stem_len;

    /* the raw bytes right before the form, whose first fields are the ones
     * a lookup reads: a lookup mostly touches one cache line.  The normal
     * form and the stem share the bytes before them when they are equal
     * (most English tokens are lowercase, many their own stem). */
    const char *raw = arena_strndup(ar, s, len);
    SlantForm *f = arena_alloc(ar, sizeof *f);
    memset(f, 0, sizeof *f);
    f->hash = h;
    f->raw = raw;
    f->raw_len = (guint32) len;
    if (norm_len == len && memcmp(norm, s, len) == 0)
        f->norm = raw;
    else
        f->norm = arena_strndup(ar, norm, norm_len);
    f->norm_len = (guint32) norm_len;
    if (stem_len == norm_len && memcmp(stem, norm, norm_len) == 0)
        f->stem = f->norm;
    else
        f->stem = arena_strndup(ar, stem, stem_len);
    f->stem_len = (guint32) stem_len;

    g_array_set_size(m->keys, 0);
    g_array_set_size(m->starts, 0);
    add_key(m, slant_lexicon_lookup_key(lex, SLANT_WORD_EXACT, f->norm, norm_len));
    add_key(m, slant_lexicon_lookup_key(lex, SLANT_WORD_STEM, f->stem, stem_len));
    if (m->prefix_keys != NULL) {
        guint np = slant_lexicon_prefix_keys(lex, f->norm, norm_len, m->prefix_keys);
        for (guint i = 0; i < np; i++)
            add_key(m, (gint32) m->prefix_keys[i]);
    }
    if (m->keys->len > 0) {
        g_array_sort(m->keys, cmp_u32);
        g_array_sort(m->starts, cmp_u32);
        guint32 *k = arena_alloc(ar, m->keys->len * sizeof(guint32));
        memcpy(k, m->keys->data, m->keys->len * sizeof(guint32));
        f->keys = k;
        f->n_keys = (guint16) MIN(m->keys->len, G_MAXUINT16);
        if (m->starts->len > 0) {
            guint32 *st = arena_alloc(ar, m->starts->len * sizeof(guint32));
            memcpy(st, m->starts->data, m->starts->len * sizeof(guint32));
            f->starts = st;
            f->n_starts = m->starts->len;
        }
    }
    f->modifier = (guint8) slant_lexicon_modifier(lex, 0, f->norm, norm_len, &f->factor);
    guint n_sources = slant_lexicon_n_sources(lex);
    if (n_sources > 1) {
        SlantFormModifier *more = arena_alloc(ar, (n_sources - 1) * sizeof *more);
        for (guint k = 1; k < n_sources; k++) {
            SlantFormModifier *fm = &more[k - 1];
            fm->kind = (guint8) slant_lexicon_modifier(lex, k, f->norm, norm_len, &fm->factor);
        }
        f->more = more;
    }
    return f;
}

/* memcmp() == 0 for short keys without the call */
static inline gboolean
same_bytes(const char *a, const char *b, gsize n)
{
    while (n >= 8) {
        guint64 x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return FALSE;
        a += 8;
        b += 8;
        n -= 8;
    }
    for (gsize i = 0; i < n; i++)
        if (a[i] != b[i])
            return FALSE;
    return TRUE;
}

static inline gboolean
is_form_of(const SlantForm *f, guint32 h, const char *s, gsize len)
{
    return f->hash == h && f->raw_len == len && same_bytes(f->raw, s, len);
}

/* Look the form up in the shared table; when it is not there and the table
 * still takes forms, make it and publish it.  NULL: look in the matcher's
 * own cache. */
static const SlantForm *
shared_form(SlantMatcher *m, const char *s, gsize len, guint32 h)
{
    SlantFormTable *t = m->shared;
    guint32 j = h & t->mask;
    SlantForm *f;
    while ((f = atomic_load_explicit(&t->slots[j], memory_order_acquire)) != NULL) {
        if (is_form_of(f, h, s, len))
            return f;
        j = (j + 1) & t->mask;
    }
    if (atomic_load_explicit(&t->count, memory_order_relaxed) >= t->limit)
        return NULL;
    SlantForm *made = make_form(m, &m->published, s, len, h);
    for (;;) {
        SlantForm *expected = NULL;
        if (atomic_compare_exchange_strong_explicit(&t->slots[j], &expected, made,
                                                    memory_order_release, memory_order_acquire)) {
            atomic_fetch_add_explicit(&t->count, 1, memory_order_relaxed);
            return made;
        }
        /* another thread took the slot first, perhaps with this very form
         * (then ours is left unused in the arena: a rare race, a few bytes) */
        if (is_form_of(expected, h, s, len))
            return expected;
        j = (j + 1) & t->mask;
        while ((f = atomic_load_explicit(&t->slots[j], memory_order_acquire)) != NULL) {
            if (is_form_of(f, h, s, len))
                return f;
            j = (j + 1) & t->mask;
        }
    }
}

/* The form of the @len bytes at @s, whose hash_bytes() is @h. */
static inline const SlantForm *
form_with_hash(SlantMatcher *m, const char *s, gsize len, guint32 h)
{
    if (m->shared != NULL) {
        const SlantForm *sf = shared_form(m, s, len, h);
        if (sf != NULL)
            return sf;
    }
    guint32 j = h & m->mask;
    for (;;) {
        SlantForm *f = m->slots[j];
        if (f == NULL)
            break;
        if (is_form_of(f, h, s, len))
            return f;
        j = (j + 1) & m->mask;
    }
    SlantForm *f = make_form(m, &m->arena, s, len, h);
    m->slots[j] = f;
    if (++m->count * 2 > m->mask + 1)
        cache_grow(m);
    return f;
}

const SlantForm *
slant_matcher_form(SlantMatcher *m, const char *s, gsize len)
{
    return form_with_hash(m, s, len, hash_bytes(s, len));
}

/* How far ahead of the token being looked up its successors' memory is
 * asked for: the slot of token i + SLOT_AHEAD, the form in the slot of
 * token i + FORM_AHEAD.  A token costs some 100 ns of work here and a miss
 * to memory about as much, so a few tokens ahead are enough. */
#define SLOT_AHEAD 16
#define FORM_AHEAD 8

/* The home slot of hash @h, in the table a lookup reads first. */
static inline const void *
home_slot(const SlantMatcher *m, guint32 h)
{
    if (m->shared != NULL)
        return &m->shared->slots[h & m->shared->mask];
    return &m->slots[h & m->mask];
}

/* Ask for the form that the home slot of @h holds now, and the raw bytes
 * made just before it (make_form() puts them there).  The slot may hold
 * another form, or none: this is a hint to the cache, never a result. */
static inline void
prefetch_form(const SlantMatcher *m, guint32 h)
{
    const SlantForm *f;
    if (m->shared != NULL)
        f = atomic_load_explicit(&m->shared->slots[h & m->shared->mask], memory_order_relaxed);
    else
        f = m->slots[h & m->mask];
    if (f != NULL) {
        __builtin_prefetch(f);
        __builtin_prefetch((const char *) f - 32);
    }
}

/* The forms of every token of @a, into a->forms; token positions where
 * some entry may start go to m->candidates.
 *
 * Each lookup is two dependent loads from tables of megabytes (the slot,
 * then the form it points to), and profiles showed most of this loop
 * waiting on them, one token at a time.  The hashes are made first, so
 * that the slot of a later token and then its form can be asked for
 * (prefetched) while earlier ones are looked up: the misses overlap
 * instead of following each other.  The lookup itself is the one of
 * slant_matcher_form(), in token order, so the forms (and which thread
 * makes a new one) are exactly those of looking tokens up one by one:
 * a prefetch only moves memory into the cache. */
static void
lookup_forms(SlantMatcher *m, SlantAnalysis *a)
{
    guint n = a->tokens->len;
    g_ptr_array_set_size(a->forms, n);
    g_array_set_size(m->hashes, n);
    g_array_set_size(m->candidates, 0);
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    guint32 *hashes = (guint32 *) (void *) m->hashes->data;
    for (guint i = 0; i < n; i++)
        hashes[i] = hash_bytes(a->segments[tok[i].segment] + tok[i].start,
                               tok[i].end - tok[i].start);
    for (guint i = 0; i < n && i < SLOT_AHEAD; i++)
        __builtin_prefetch(home_slot(m, hashes[i]));
    for (guint i = 0; i < n && i < FORM_AHEAD; i++)
        prefetch_form(m, hashes[i]);
    for (guint i = 0; i < n; i++) {
        if (i + SLOT_AHEAD < n)
            __builtin_prefetch(home_slot(m, hashes[i + SLOT_AHEAD]));
        if (i + FORM_AHEAD < n)
            prefetch_form(m, hashes[i + FORM_AHEAD]);
        const char *s = a->segments[tok[i].segment] + tok[i].start;
        const SlantForm *f = form_with_hash(m, s, tok[i].end - tok[i].start, hashes[i]);
        a->forms->pdata[i] = (gpointer) f;
        /* read while the form is in the cache: the matching loop then
         * visits these positions only */
        if (f->n_starts > 0)
            g_array_append_val(m->candidates, i);
    }
}

void
slant_analysis_init(SlantAnalysis *a)
{
    memset(a, 0, sizeof *a);
    a->tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    a->forms = g_ptr_array_new();
    a->hits = g_array_new(FALSE, FALSE, sizeof(SlantHit));
    a->shadows = g_array_new(FALSE, FALSE, sizeof(SlantShadow));
}

void
slant_analysis_clear(SlantAnalysis *a)
{
    if (a->tokens)
        g_array_unref(a->tokens);
    if (a->forms)
        g_ptr_array_unref(a->forms);
    if (a->hits)
        g_array_unref(a->hits);
    if (a->shadows)
        g_array_unref(a->shadows);
    memset(a, 0, sizeof *a);
}

const char *
slant_voice_name(SlantVoice voice)
{
    switch (voice) {
    case SLANT_VOICE_ALL:
        return "all";
    case SLANT_VOICE_OWN:
        return "own";
    case SLANT_VOICE_QUOTED:
        return "quoted";
    }
    g_return_val_if_reached("?");
}

gboolean
slant_voice_parse(const char *name, SlantVoice *voice)
{
    static const SlantVoice all[] = {SLANT_VOICE_ALL, SLANT_VOICE_OWN, SLANT_VOICE_QUOTED};
    for (gsize i = 0; name != NULL && i < G_N_ELEMENTS(all); i++)
        if (strcmp(name, slant_voice_name(all[i])) == 0) {
            *voice = all[i];
            return TRUE;
        }
    return FALSE;
}

guint
slant_analysis_select_voice(SlantAnalysis *a, SlantVoice voice)
{
    if (voice == SLANT_VOICE_ALL)
        return 0;
    guint8 want = voice == SLANT_VOICE_QUOTED;
    SlantHit *hits = (SlantHit *) (void *) a->hits->data;
    guint kept = 0;
    for (guint i = 0; i < a->hits->len; i++)
        if (hits[i].quoted == want)
            hits[kept++] = hits[i];
    guint dropped = a->hits->len - kept;
    g_array_set_size(a->hits, kept);
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    SlantShadow *sh = (SlantShadow *) (void *) a->shadows->data;
    guint ks = 0;
    for (guint i = 0; i < a->shadows->len; i++)
        if (tok[sh[i].first_token].quoted == want)
            sh[ks++] = sh[i];
    g_array_set_size(a->shadows, ks);
    return dropped;
}

const char *
slant_token_text(const SlantAnalysis *a, const SlantToken *t)
{
    return a->segments[t->segment] + t->start;
}

static inline gboolean
form_has_key(const SlantForm *f, guint32 key)
{
    for (guint i = 0; i < f->n_keys; i++)
        if (f->keys[i] == key)
            return TRUE;
    return FALSE;
}

/* Does entry @e match the tokens from @i on, within @i's sentence? */
static inline gboolean
entry_matches_at(const SlantEntry *e, const SlantAnalysis *a, guint i)
{
    if (i + e->n_words > a->tokens->len)
        return FALSE;
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    const SlantForm *const *forms = (const SlantForm *const *) a->forms->pdata;
    guint32 sentence = tok[i].sentence;
    for (guint k = 1; k < e->n_words; k++) {
        if (tok[i + k].sentence != sentence)
            return FALSE;
        if (!form_has_key(forms[i + k], e->words[k].key))
            return FALSE;
    }
    return TRUE;
}


/* What @f is as a modifier in lexicon file @source (and its factor). */
static inline SlantModifierKind
form_modifier(const SlantForm *f, guint source, double *factor)
{
    if (source == 0) {
        if (factor != NULL)
            *factor = f->factor;
        return (SlantModifierKind) f->modifier;
    }
    const SlantFormModifier *fm = &f->more[source - 1];
    if (factor != NULL)
        *factor = fm->factor;
    return (SlantModifierKind) fm->kind;
}

static void
apply_modifiers(const SlantMatcher *m, const SlantAnalysis *a, const SlantEntry *e, SlantHit *h)
{
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    const SlantForm *const *forms = (const SlantForm *const *) a->forms->pdata;
    guint32 i = h->first_token;
    guint32 sentence = tok[i].sentence;
    /* an entry marked "negatable": false is never flipped; an axis may
     * have a window of its own */
    guint window = e->negatable ? m->windows[h->group] : 0;
    guint source = e->source;
    for (guint d = 1; d <= window && d <= i; d++) {
        guint32 j = i - d;
        if (tok[j].sentence != sentence)
            break;
        if (form_modifier(forms[j], source, NULL) == SLANT_MODIFIER_NEGATOR) {
            h->negated = TRUE;
            h->negator = (gint32) j;
            break;
        }
    }
    if (i > 0 && tok[i - 1].sentence == sentence) {
        double factor;
        SlantModifierKind kind = form_modifier(forms[i - 1], source, &factor);
        if (kind == SLANT_MODIFIER_INTENSIFIER || kind == SLANT_MODIFIER_DIMINISHER) {
            h->modifier = (gint32) (i - 1);
            h->factor = factor;
            h->weight *= factor;
        }
    }
    if (h->negated && h->pole != 0)
        h->pole = (gint8) -h->pole;
}

static void
add_shadow(SlantAnalysis *a, guint32 entry, guint32 winner, guint32 i)
{
    if (entry == winner)
        return;
    SlantShadow sh = {entry, winner, i};
    g_array_append_val(a->shadows, sh);
}

/* Tracing: entries that match at @i, in groups whose last hit still
 * covers @i, lost to that hit. */
static void
trace_covered(SlantMatcher *m, SlantAnalysis *a, const SlantForm *f, guint i)
{
    for (guint c = 0; c < f->n_starts; c++) {
        const SlantEntry *e = slant_lexicon_entry(m->lex, f->starts[c]);
        if (i < m->group_next[e->group] && entry_matches_at(e, a, i))
            add_shadow(a, e->index, m->last_entry[e->group], i);
    }
}

/* Tracing: the other entries of @winner's group that match at @i too. */
static void
trace_lost(SlantMatcher *m, SlantAnalysis *a, const SlantForm *f, guint i,
           const SlantEntry *winner)
{
    for (guint c = 0; c < f->n_starts; c++) {
        const SlantEntry *e = slant_lexicon_entry(m->lex, f->starts[c]);
        if (e->group == winner->group && e != winner && entry_matches_at(e, a, i))
            add_shadow(a, e->index, winner->index, i);
    }
}

void
slant_matcher_analyze(SlantMatcher *m, const char *title, gsize title_len, const char *text,
                      gsize text_len, SlantAnalysis *a)
{
    if (m->count > SLANT_FORM_CACHE_MAX) {
        /* bounded memory on endless vocabularies; nothing points into the
         * cache between documents */
        memset(m->slots, 0, (m->mask + 1) * sizeof(SlantForm *));
        m->count = 0;
        arena_reset(&m->arena);
    }
    g_array_set_size(a->tokens, 0);
    g_ptr_array_set_size(a->forms, 0);
    g_array_set_size(a->hits, 0);
    g_array_set_size(a->shadows, 0);
    a->segments[SLANT_SEGMENT_TITLE] = title;
    a->segment_len[SLANT_SEGMENT_TITLE] = title ? title_len : 0;
    a->segments[SLANT_SEGMENT_TEXT] = text;
    a->segment_len[SLANT_SEGMENT_TEXT] = text_len;

    guint32 next = 0;
    if (title != NULL)
        next = slant_analyzer_tokenize(m->analyzer, title, title_len, SLANT_SEGMENT_TITLE, 0,
                                       a->tokens);
    a->n_sentences = slant_analyzer_tokenize(m->analyzer, text, text_len, SLANT_SEGMENT_TEXT, next,
                                             a->tokens);

    lookup_forms(m, a);

    guint ng = slant_lexicon_n_groups(m->lex);
    memset(m->group_next, 0, ng * sizeof(guint32));
    const SlantForm *const *forms = (const SlantForm *const *) a->forms->pdata;
    /* the positions with n_starts > 0, in order: the others start nothing */
    const guint *cand = (const guint *) (void *) m->candidates->data;
    const SlantEntry *entries = m->entries;
    const SlantToken *tok = (const SlantToken *) (void *) a->tokens->data;
    for (guint ci = 0; ci < m->candidates->len; ci++) {
        guint i = cand[ci];
        const SlantForm *f = forms[i];
        guint n_touched = 0;
        if (m->trace)
            trace_covered(m, a, f, i);
        for (guint c = 0; c < f->n_starts; c++) {
            const SlantEntry *e = &entries[f->starts[c]];
            guint32 g = e->group;
            if (i < m->group_next[g] || !entry_matches_at(e, a, i))
                continue;
            if (m->best[g] < 0) {
                m->best[g] = (gint32) e->index;
                m->touched[n_touched++] = g;
            } else if (slant_entry_better(e, &entries[m->best[g]])) {
                m->best[g] = (gint32) e->index;
            }
        }
        /* emit in group order so the hit list does not depend on entry order */
        if (n_touched > 1)
            qsort(m->touched, n_touched, sizeof(guint32), cmp_u32);
        for (guint t = 0; t < n_touched; t++) {
            guint32 g = m->touched[t];
            const SlantEntry *e = &entries[m->best[g]];
            m->best[g] = -1;
            SlantHit h = {
                .entry = e->index,
                .group = g,
                .first_token = i,
                .n_tokens = e->n_words,
                .weight = e->weight,
                .factor = 1.0,
                .negator = -1,
                .modifier = -1,
                .pole = (gint8) e->pole,
                .quoted = tok[i].quoted,
            };
            apply_modifiers(m, a, e, &h);
            g_array_append_val(a->hits, h);
            m->group_next[g] = i + e->n_words;
            if (m->trace)
                trace_lost(m, a, f, i, e);
            m->last_entry[g] = e->index;
        }
    }
}

/* lexicon.c: the lexicon loader, validator and compiler.
 *
 * cJSON parses; on an error jsonpos.c finds the line and column of the
 * offending key or value in the raw text.  Validation walks the tree once,
 * in file order, so the first problem in the file is the one reported.
 */
#include "lexicon.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "jsonpos.h"
#include "slant-error.h"
#include "analyzer.h"

#define MAX_WEIGHT 100.0
/* Weights are summed in millionths: a smaller weight, or one made smaller
 * by a diminisher, would count as nothing. */
#define MIN_WEIGHT 0.001
#define MIN_FACTOR 0.01
#define MAX_NEGATION_WINDOW 10

typedef struct {
    SlantModifierKind kind;
    double factor;
} Modifier;

/* The keys again, in an open-addressing table hashed byte by byte, so that
 * a form seen for the first time looks up its normal form, its stem and
 * every prefix of it (up to the longest prefix key) without copying or
 * rehashing: the prefixes' hashes are steps of one walk. */
typedef struct {
    guint64 hash;      /* key_finish() of the walk over kind and bytes; 0: empty */
    const char *text;  /* the key, owned by keys[kind] */
    guint32 len, id;
    guint32 kind;
} KeySlot;

static inline guint64
key_start(SlantWordKind kind)
{
    return 0xCBF29CE484222325ull ^ ((guint64) kind + 1) * 0x9E3779B97F4A7C15ull;
}

static inline guint64
key_step(guint64 h, guchar b)
{
    return (h ^ b) * 0x100000001B3ull;
}

static inline guint64
key_finish(guint64 h)
{
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h | 1; /* never 0, the empty slot */
}

/* One lexicon file of the lexicon: its identity, its share of the axes,
 * categories and entries, and its modifiers (each file's negators and
 * windows apply to its own entries only). */
typedef struct {
    SlantLexiconSource pub;
    char *name, *version, *language, *description, *sha256, *path;
    char *summary_score, *summary_description;
    GHashTable *modifiers;       /* normalized word -> Modifier* */
    GPtrArray *negator_suffixes; /* char*: "*SUFFIX" negators, normalized SUFFIX */
    GPtrArray *negators;         /* char*: the negators as written (or the defaults) */
} Source;

struct _SlantLexicon {
    /* the run's identity: the file's, or for several files their names,
     * versions and paths joined by '+' and the sha256 of their sha256s */
    char *name, *version, *language, *description, *sha256, *path;
    GPtrArray *sources;    /* Source*, in the order given */
    GPtrArray *axes;       /* SlantAxis* */
    GPtrArray *categories; /* SlantCategory* */
    GArray *entries;       /* SlantEntry */
    GHashTable *keys[3];   /* per SlantWordKind: text -> key id + 1 */
    KeySlot *kslots;       /* the same keys for the hot path: see key_find() */
    guint32 kmask, kcount;
    GPtrArray *starts;     /* per key: GArray of guint32 entry indices */
    gsize max_prefix_len;
    guint32 *group_source; /* per group: its source */
};

/* The loading context: the raw text for locating errors. */
typedef struct {
    const char *text;
    gsize len;
    const char *name;
    GError **error;
    SlantAnalyzer *analyzer; /* the language's: patterns are read as text is */
    GArray *tokens;
    Source *src;      /* the file being loaded */
    guint index;      /* its index among the sources */
    GHashTable *ids;  /* axis and category id -> the source index + 1, all files */
} Ctx;

/* Set an error located at the value (or key) named by the path @p. */
G_GNUC_PRINTF(5, 6)
static gboolean
fail_at(Ctx *ctx, int code, const char *const *p, gboolean want_key, const char *fmt, ...)
{
    gsize off = 0;
    guint line = 1, col = 1;
    if (slant_json_locate(ctx->text, ctx->len, p, want_key, 0, &off))
        slant_text_position(ctx->text, ctx->len, off, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(ctx->error, SLANT_ERROR, code, "%s:%u:%u: %s", ctx->name, line, col, msg);
    return FALSE;
}

static void
axis_free(gpointer p)
{
    SlantAxis *a = p;
    g_free(a->id);
    g_free(a->positive);
    g_free(a->negative);
    g_free(a->description);
    g_free(a);
}

static void
category_free(gpointer p)
{
    SlantCategory *c = p;
    g_free(c->id);
    g_free(c->label);
    g_free(c->description);
    g_free(c);
}

static void
entry_clear(gpointer p)
{
    SlantEntry *e = p;
    g_free(e->pattern);
    g_free(e->canonical);
    g_free(e->note);
    for (guint i = 0; i < e->n_words; i++)
        g_free(e->words[i].text);
    g_free(e->words);
}

static void
starts_free(gpointer p)
{
    g_array_unref(p);
}

static void
source_free(gpointer p)
{
    Source *s = p;
    g_free(s->name);
    g_free(s->version);
    g_free(s->language);
    g_free(s->description);
    g_free(s->sha256);
    g_free(s->path);
    g_free(s->summary_score);
    g_free(s->summary_description);
    g_hash_table_unref(s->modifiers);
    g_ptr_array_unref(s->negator_suffixes);
    g_ptr_array_unref(s->negators);
    g_free(s);
}

static Source *
source_new(SlantLexicon *lex)
{
    Source *s = g_new0(Source, 1);
    s->modifiers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    s->negator_suffixes = g_ptr_array_new_with_free_func(g_free);
    s->negators = g_ptr_array_new_with_free_func(g_free);
    s->pub.negation_window = 3;
    s->pub.summary_axis = -1;
    s->pub.first_axis = lex->axes->len;
    s->pub.first_category = lex->categories->len;
    s->pub.first_entry = lex->entries->len;
    g_ptr_array_add(lex->sources, s);
    return s;
}

void
slant_lexicon_free(SlantLexicon *lex)
{
    if (lex == NULL)
        return;
    g_free(lex->name);
    g_free(lex->version);
    g_free(lex->language);
    g_free(lex->description);
    g_free(lex->sha256);
    g_free(lex->path);
    g_ptr_array_unref(lex->axes);
    g_ptr_array_unref(lex->categories);
    g_array_unref(lex->entries);
    for (int k = 0; k < 3; k++)
        g_hash_table_unref(lex->keys[k]);
    g_free(lex->kslots);
    g_ptr_array_unref(lex->starts);
    g_ptr_array_unref(lex->sources);
    g_free(lex->group_source);
    g_free(lex);
}

static SlantLexicon *
lexicon_new(void)
{
    SlantLexicon *lex = g_new0(SlantLexicon, 1);
    lex->axes = g_ptr_array_new_with_free_func(axis_free);
    lex->categories = g_ptr_array_new_with_free_func(category_free);
    lex->entries = g_array_new(FALSE, TRUE, sizeof(SlantEntry));
    g_array_set_clear_func(lex->entries, entry_clear);
    for (int k = 0; k < 3; k++)
        lex->keys[k] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    lex->starts = g_ptr_array_new_with_free_func(starts_free);
    lex->kmask = 63;
    lex->kslots = g_new0(KeySlot, lex->kmask + 1);
    lex->sources = g_ptr_array_new_with_free_func(source_free);
    return lex;
}

/* ---- validation helpers ---- */

/* Check that @obj is an object with only @allowed keys, none twice. */
static gboolean
check_keys(Ctx *ctx, const cJSON *obj, const char *const *path, guint depth,
           const char *const *allowed, const char *what)
{
    const char *p[8];
    for (guint i = 0; i < depth; i++)
        p[i] = path[i];
    p[depth + 1] = NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (const cJSON *it = obj->child; it != NULL; it = it->next) {
        p[depth] = it->string;
        if (!g_strv_contains(allowed, it->string)) {
            g_autofree char *list = g_strjoinv("', '", (char **) allowed);
            return fail_at(ctx, SLANT_ERROR_LEXICON_KEY, p, TRUE,
                           "unknown key '%s' in %s (allowed: '%s')", it->string, what, list);
        }
        if (g_hash_table_contains(seen, it->string)) {
            gsize off = 0;
            guint line = 1, col = 1;
            if (slant_json_locate(ctx->text, ctx->len, p, TRUE, 1, &off))
                slant_text_position(ctx->text, ctx->len, off, &line, &col);
            g_set_error(ctx->error, SLANT_ERROR, SLANT_ERROR_LEXICON_KEY,
                        "%s:%u:%u: duplicate key '%s' in %s", ctx->name, line, col, it->string,
                        what);
            return FALSE;
        }
        g_hash_table_add(seen, it->string);
    }
    return TRUE;
}

/* A string member: required or optional (*out NULL when absent). */
static gboolean
get_string(Ctx *ctx, const cJSON *obj, const char *key, const char *const *path, guint depth,
           gboolean required, const char **out)
{
    const char *p[8];
    for (guint i = 0; i < depth; i++)
        p[i] = path[i];
    p[depth] = key;
    p[depth + 1] = NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (v == NULL) {
        if (!required)
            return TRUE;
        p[depth] = NULL;
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "missing string '%s'", key);
    }
    if (!cJSON_IsString(v))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'%s' must be a string", key);
    if (required && v->valuestring[0] == '\0')
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'%s' must not be empty", key);
    *out = v->valuestring;
    return TRUE;
}

const char *
slant_lexicon_error_reason(const char *message)
{
    const char *why = message;
    for (int colons = 0; colons < 3 && strchr(why, ':') != NULL; colons++)
        why = strchr(why, ':') + 1;
    while (*why == ' ')
        why++;
    return why;
}

gboolean
slant_lexicon_is_identifier(const char *s)
{
    if (*s == '\0')
        return FALSE;
    for (; *s; s++)
        if (!g_ascii_isalnum(*s) && *s != '-' && *s != '_' && *s != '.')
            return FALSE;
    return TRUE;
}

static gboolean
is_semver(const char *s)
{
    g_auto(GStrv) parts = g_strsplit(s, ".", 4);
    if (g_strv_length(parts) != 3)
        return FALSE;
    for (int i = 0; i < 3; i++) {
        if (parts[i][0] == '\0')
            return FALSE;
        for (const char *c = parts[i]; *c; c++)
            if (!g_ascii_isdigit(*c))
                return FALSE;
    }
    return TRUE;
}

/* ---- keys ---- */

static void
key_slot_put(KeySlot *slots, guint32 mask, const KeySlot *k)
{
    guint32 j = (guint32) (k->hash >> 20) & mask;
    while (slots[j].hash != 0)
        j = (j + 1) & mask;
    slots[j] = *k;
}

static void
key_index_add(SlantLexicon *lex, SlantWordKind kind, const char *text, guint32 id)
{
    gsize len = strlen(text);
    guint64 h = key_start(kind);
    for (gsize i = 0; i < len; i++)
        h = key_step(h, (guchar) text[i]);
    KeySlot k = {key_finish(h), text, (guint32) len, id, kind};
    if (++lex->kcount * 2 > lex->kmask + 1) {
        guint32 mask = lex->kmask * 2 + 1;
        KeySlot *slots = g_new0(KeySlot, mask + 1);
        for (guint32 i = 0; i <= lex->kmask; i++)
            if (lex->kslots[i].hash != 0)
                key_slot_put(slots, mask, &lex->kslots[i]);
        g_free(lex->kslots);
        lex->kslots = slots;
        lex->kmask = mask;
    }
    key_slot_put(lex->kslots, lex->kmask, &k);
}

/* The key of @kind whose walk finished at @h, with @len bytes equal to
 * @text's; -1. */
static inline gint32
key_find(const SlantLexicon *lex, SlantWordKind kind, guint64 h, const char *text, gsize len)
{
    guint32 j = (guint32) (h >> 20) & lex->kmask;
    for (;;) {
        const KeySlot *k = &lex->kslots[j];
        if (k->hash == 0)
            return -1;
        if (k->hash == h && k->len == len && k->kind == kind && memcmp(k->text, text, len) == 0)
            return (gint32) k->id;
        j = (j + 1) & lex->kmask;
    }
}

static guint32
intern_key(SlantLexicon *lex, SlantWordKind kind, const char *text)
{
    gpointer v = g_hash_table_lookup(lex->keys[kind], text);
    if (v != NULL)
        return GPOINTER_TO_UINT(v) - 1;
    guint32 id = lex->starts->len;
    char *copy = g_strdup(text);
    g_hash_table_insert(lex->keys[kind], copy, GUINT_TO_POINTER(id + 1));
    key_index_add(lex, kind, copy, id);
    g_ptr_array_add(lex->starts, g_array_new(FALSE, FALSE, sizeof(guint32)));
    if (kind == SLANT_WORD_PREFIX)
        lex->max_prefix_len = MAX(lex->max_prefix_len, strlen(text));
    return id;
}

/* ---- patterns ---- */

/* Compile @pattern into @e->words.  A pattern is split at white space into
 * raw words; "=" before a raw word makes all its tokens exact; "*" after it
 * makes its last token a prefix; each raw word is then tokenized like text,
 * so "non-independent" is the two words "non" "independent". */
static gboolean
compile_pattern(Ctx *ctx, SlantLexicon *lex, SlantEntry *e, const char *const *p)
{
    const char *pattern = e->pattern;
    g_auto(GStrv) raw = g_strsplit_set(pattern, " \t\n\r", -1);
    GArray *words = g_array_new(FALSE, TRUE, sizeof(SlantPatternWord));
    g_autoptr(GString) canon = g_string_new(NULL);
    gboolean ok = TRUE;
    for (guint r = 0; ok && raw[r] != NULL; r++) {
        char *w = raw[r];
        if (*w == '\0')
            continue;
        gboolean exact = FALSE, prefix = FALSE;
        if (*w == '=') {
            exact = TRUE;
            w++;
        }
        gsize n = strlen(w);
        if (n > 0 && w[n - 1] == '*') {
            prefix = TRUE;
            w[--n] = '\0';
        }
        if (exact && prefix) {
            ok = fail_at(ctx, SLANT_ERROR_LEXICON_PATTERN, p, FALSE,
                         "pattern '%s': a word cannot be both '=exact' and 'prefix*'", pattern);
            break;
        }
        if (strchr(w, '*') != NULL || strchr(w, '=') != NULL) {
            ok = fail_at(ctx, SLANT_ERROR_LEXICON_PATTERN, p, FALSE,
                         "pattern '%s': '=' only at the start and '*' only at the end of a word",
                         pattern);
            break;
        }
        g_array_set_size(ctx->tokens, 0);
        slant_analyzer_tokenize(ctx->analyzer, w, n, SLANT_SEGMENT_TEXT, 0, ctx->tokens);
        if (ctx->tokens->len == 0) {
            ok = fail_at(ctx, SLANT_ERROR_LEXICON_PATTERN, p, FALSE,
                         "pattern '%s': word '%s' has no letters or digits", pattern, raw[r]);
            break;
        }
        for (guint t = 0; t < ctx->tokens->len; t++) {
            const SlantToken *tok = &g_array_index(ctx->tokens, SlantToken, t);
            gsize nl;
            const char *norm =
                slant_analyzer_normalize(ctx->analyzer, w + tok->start, tok->end - tok->start, &nl);
            SlantPatternWord pw = {0};
            if (exact) {
                pw.kind = SLANT_WORD_EXACT;
                pw.text = g_strdup(norm);
            } else if (prefix && t + 1 == ctx->tokens->len) {
                pw.kind = SLANT_WORD_PREFIX;
                pw.text = g_strdup(norm);
            } else {
                gsize sl;
                const char *stem = slant_analyzer_stem(ctx->analyzer, norm, nl, &sl);
                pw.kind = SLANT_WORD_STEM;
                pw.text = g_strndup(stem, sl);
            }
            pw.key = intern_key(lex, pw.kind, pw.text);
            if (canon->len)
                g_string_append_c(canon, ' ');
            if (pw.kind == SLANT_WORD_EXACT)
                g_string_append_c(canon, '=');
            g_string_append(canon, pw.text);
            if (pw.kind == SLANT_WORD_PREFIX)
                g_string_append_c(canon, '*');
            e->specificity += (guint32) pw.kind;
            g_array_append_val(words, pw);
        }
    }
    if (ok && words->len == 0)
        ok = fail_at(ctx, SLANT_ERROR_LEXICON_PATTERN, p, FALSE, "empty pattern");
    e->n_words = words->len;
    e->words = (SlantPatternWord *) g_array_free(words, FALSE);
    e->canonical = g_string_free(g_steal_pointer(&canon), FALSE);
    return ok;
}

/* ---- sections ---- */

/* Take @id for an axis or category of the file being loaded; FALSE (at
 * @p) when an axis or category of this file or of an earlier one has it. */
static gboolean
claim_id(Ctx *ctx, SlantLexicon *lex, const char *id, const char *const *p)
{
    gpointer owner = g_hash_table_lookup(ctx->ids, id);
    if (owner == NULL) {
        g_hash_table_insert(ctx->ids, g_strdup(id), GUINT_TO_POINTER(ctx->index + 1));
        return TRUE;
    }
    guint other = GPOINTER_TO_UINT(owner) - 1;
    if (other == ctx->index)
        return fail_at(ctx, SLANT_ERROR_LEXICON_DUPLICATE, p, FALSE,
                       "duplicate axis or category id '%s'", id);
    const Source *o = lex->sources->pdata[other];
    return fail_at(ctx, SLANT_ERROR_LEXICON_DUPLICATE, p, FALSE,
                   "axis or category id '%s' is also in %s: the lexicons of one run need "
                   "different ids", id, o->path);
}

static gboolean
load_axes(Ctx *ctx, SlantLexicon *lex, const cJSON *root)
{
    static const char *const allowed[] = {"id", "positive", "negative", "description", "label",
                                          "negation_window", "positive_categories",
                                          "negative_categories", NULL};
    const cJSON *axes = cJSON_GetObjectItemCaseSensitive(root, "axes");
    const char *p[4] = {"axes", NULL, NULL, NULL};
    if (axes == NULL)
        return TRUE;
    if (!cJSON_IsArray(axes))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'axes' must be an array");
    guint i = 0;
    for (const cJSON *a = axes->child; a != NULL; a = a->next, i++) {
        char idx[16];
        g_snprintf(idx, sizeof idx, "%u", i);
        p[1] = idx;
        if (!cJSON_IsObject(a))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "an axis must be an object");
        if (!check_keys(ctx, a, p, 2, allowed, "an axis"))
            return FALSE;
        const char *id, *pos, *neg, *desc;
        if (!get_string(ctx, a, "id", p, 2, TRUE, &id) ||
            !get_string(ctx, a, "positive", p, 2, TRUE, &pos) ||
            !get_string(ctx, a, "negative", p, 2, TRUE, &neg) ||
            !get_string(ctx, a, "description", p, 2, FALSE, &desc))
            return FALSE;
        p[2] = "id";
        if (!slant_lexicon_is_identifier(id))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "axis id '%s' must be letters, digits, '-', '_' or '.'", id);
        if (strcmp(pos, neg) == 0 || strcmp(pos, "positive") == 0 ||
            strcmp(neg, "negative") == 0 || strcmp(pos, "negative") == 0 ||
            strcmp(neg, "positive") == 0) {
            p[2] = "negative";
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "axis '%s': the poles need two different names other than "
                           "'positive' and 'negative'", id);
        }
        p[2] = NULL;
        gint window = -1;
        const cJSON *win = cJSON_GetObjectItemCaseSensitive(a, "negation_window");
        if (win != NULL) {
            p[2] = "negation_window";
            if (!cJSON_IsNumber(win) || win->valuedouble != floor(win->valuedouble) ||
                win->valuedouble < 0 || win->valuedouble > MAX_NEGATION_WINDOW)
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                               "axis '%s': 'negation_window' must be a whole number from 0 to %d",
                               id, MAX_NEGATION_WINDOW);
            window = (gint) win->valuedouble;
        }
        p[2] = "id";
        if (!claim_id(ctx, lex, id, p))
            return FALSE;
        p[2] = NULL;
        SlantAxis *ax = g_new0(SlantAxis, 1);
        ax->id = g_strdup(id);
        ax->positive = g_strdup(pos);
        ax->negative = g_strdup(neg);
        ax->description = g_strdup(desc);
        ax->negation_window = window;
        g_ptr_array_add(lex->axes, ax);
    }
    return TRUE;
}

static gboolean
load_categories(Ctx *ctx, SlantLexicon *lex, const cJSON *root)
{
    static const char *const allowed[] = {"id", "label", "description", NULL};
    const cJSON *cats = cJSON_GetObjectItemCaseSensitive(root, "categories");
    const char *p[4] = {"categories", NULL, NULL, NULL};
    if (cats == NULL)
        return TRUE;
    if (!cJSON_IsArray(cats))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'categories' must be an array");
    guint i = 0;
    for (const cJSON *c = cats->child; c != NULL; c = c->next, i++) {
        char idx[16];
        g_snprintf(idx, sizeof idx, "%u", i);
        p[1] = idx;
        if (!cJSON_IsObject(c))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "a category must be an object");
        if (!check_keys(ctx, c, p, 2, allowed, "a category"))
            return FALSE;
        const char *id, *label, *desc;
        if (!get_string(ctx, c, "id", p, 2, TRUE, &id) ||
            !get_string(ctx, c, "label", p, 2, FALSE, &label) ||
            !get_string(ctx, c, "description", p, 2, FALSE, &desc))
            return FALSE;
        p[2] = "id";
        if (!slant_lexicon_is_identifier(id))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "category id '%s' must be letters, digits, '-', '_' or '.'", id);
        if (!claim_id(ctx, lex, id, p))
            return FALSE;
        p[2] = NULL;
        SlantCategory *cat = g_new0(SlantCategory, 1);
        cat->id = g_strdup(id);
        cat->label = g_strdup(label);
        cat->description = g_strdup(desc);
        g_ptr_array_add(lex->categories, cat);
    }
    return TRUE;
}

/* The axis of the file being loaded with id @id (its index among all the
 * lexicon's axes), or -1. */
static gint
find_axis(const Ctx *ctx, const SlantLexicon *lex, const char *id)
{
    for (guint i = ctx->src->pub.first_axis; i < lex->axes->len; i++)
        if (strcmp(((SlantAxis *) lex->axes->pdata[i])->id, id) == 0)
            return (gint) i;
    return -1;
}

static gint
find_category(const Ctx *ctx, const SlantLexicon *lex, const char *id)
{
    for (guint i = ctx->src->pub.first_category; i < lex->categories->len; i++)
        if (strcmp(((SlantCategory *) lex->categories->pdata[i])->id, id) == 0)
            return (gint) i;
    return -1;
}

/* An axis may take its poles' entries from categories ("positive_categories":
 * ["subjective", "labels"]): each entry of those categories is also an
 * entry of the axis's pole, with the category entry's pattern, weight and
 * note, after the file's entries.  The category keeps its own entries and
 * counts; the axis scores them (two groups match independently). */
static gboolean
add_category_poles(Ctx *ctx, SlantLexicon *lex, const cJSON *root)
{
    const cJSON *axes = cJSON_GetObjectItemCaseSensitive(root, "axes");
    guint a = 0, first = ctx->src->pub.first_entry, n_file = lex->entries->len;
    for (const cJSON *ax = axes ? axes->child : NULL; ax != NULL; ax = ax->next, a++) {
        static const char *const keys[2] = {"positive_categories", "negative_categories"};
        for (int k = 0; k < 2; k++) {
            const cJSON *list = cJSON_GetObjectItemCaseSensitive(ax, keys[k]);
            if (list == NULL)
                continue;
            char idx[16];
            g_snprintf(idx, sizeof idx, "%u", a);
            const char *p[5] = {"axes", idx, keys[k], NULL, NULL};
            if (!cJSON_IsArray(list))
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                               "'%s' must be an array of category ids", keys[k]);
            guint j = 0;
            for (const cJSON *c = list->child; c != NULL; c = c->next, j++) {
                char jdx[16];
                g_snprintf(jdx, sizeof jdx, "%u", j);
                p[3] = jdx;
                gint cat = cJSON_IsString(c) ? find_category(ctx, lex, c->valuestring) : -1;
                if (cat < 0)
                    return fail_at(ctx, SLANT_ERROR_LEXICON_REFERENCE, p, FALSE,
                                   "'%s': no category '%s'", keys[k],
                                   cJSON_IsString(c) ? c->valuestring : "?");
                for (guint i = first; i < n_file; i++) {
                    const SlantEntry *src = &g_array_index(lex->entries, SlantEntry, i);
                    if (src->category != cat)
                        continue;
                    SlantEntry e = {0};
                    e.index = lex->entries->len;
                    e.axis = (gint32) (ctx->src->pub.first_axis + a);
                    e.category = -1;
                    e.from_category = cat;
                    e.source = ctx->index;
                    e.pole = k == 0 ? SLANT_POLE_POSITIVE : SLANT_POLE_NEGATIVE;
                    e.weight = src->weight;
                    e.negatable = src->negatable;
                    e.line = src->line;
                    e.col = src->col;
                    e.pattern = g_strdup(src->pattern);
                    e.note = g_strdup(src->note);
                    const char *pe[] = {"entries", NULL};
                    if (!compile_pattern(ctx, lex, &e, pe)) {
                        entry_clear(&e);
                        return FALSE;
                    }
                    g_array_append_val(lex->entries, e);
                    g_array_append_val((GArray *) lex->starts->pdata[e.words[0].key], e.index);
                }
            }
        }
    }
    return TRUE;
}

static gboolean
load_entries(Ctx *ctx, SlantLexicon *lex, const cJSON *root)
{
    static const char *const allowed[] = {"pattern", "axis", "pole", "weight", "category", "note",
                                          "negatable", NULL};
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
    const char *p[4] = {"entries", NULL, NULL, NULL};
    if (entries == NULL) {
        const char *top[] = {NULL};
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, top, FALSE, "missing array 'entries'");
    }
    if (!cJSON_IsArray(entries) || cJSON_GetArraySize(entries) == 0)
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                       "'entries' must be an array with at least one entry");
    /* this file's groups (its axes, then its categories) -> (canonical ->
     * entry index + 1), to find duplicates; the entries' groups among all
     * files' are set once every file is loaded (finish_groups()) */
    const SlantLexiconSource *src = &ctx->src->pub;
    guint n_axes = lex->axes->len - src->first_axis;
    guint n_groups = n_axes + lex->categories->len - src->first_category;
    g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func((GDestroyNotify) g_hash_table_unref);
    for (guint g = 0; g < n_groups; g++)
        g_ptr_array_add(seen, g_hash_table_new(g_str_hash, g_str_equal));
    /* where every entry stands, found in one pass */
    g_autoptr(GArray) offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
    slant_json_element_offsets(ctx->text, ctx->len, p, offsets);
    guint n_entries = (guint) cJSON_GetArraySize(entries);
    g_autofree guint *lines = g_new0(guint, MAX(offsets->len, 1));
    g_autofree guint *cols = g_new0(guint, MAX(offsets->len, 1));
    slant_text_positions(ctx->text, ctx->len, offsets, lines, cols);
    guint i = 0;
    for (const cJSON *it = entries->child; it != NULL; it = it->next, i++) {
        char idx[16];
        g_snprintf(idx, sizeof idx, "%u", i);
        p[1] = idx;
        p[2] = NULL;
        if (!cJSON_IsObject(it))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "an entry must be an object");
        if (!check_keys(ctx, it, p, 2, allowed, "an entry"))
            return FALSE;
        const char *pattern, *axis, *pole, *category, *note;
        if (!get_string(ctx, it, "pattern", p, 2, TRUE, &pattern) ||
            !get_string(ctx, it, "axis", p, 2, FALSE, &axis) ||
            !get_string(ctx, it, "pole", p, 2, FALSE, &pole) ||
            !get_string(ctx, it, "category", p, 2, FALSE, &category) ||
            !get_string(ctx, it, "note", p, 2, FALSE, &note))
            return FALSE;

        SlantEntry e = {0};
        e.index = lex->entries->len;
        e.source = ctx->index;
        e.axis = -1;
        e.category = -1;
        e.from_category = -1;
        e.weight = 1.0;
        e.negatable = TRUE;
        const cJSON *ng = cJSON_GetObjectItemCaseSensitive(it, "negatable");
        if (ng != NULL) {
            p[2] = "negatable";
            if (!cJSON_IsBool(ng))
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                               "entry '%s': 'negatable' must be true or false", pattern);
            e.negatable = cJSON_IsTrue(ng);
            p[2] = NULL;
        }
        if (offsets->len == n_entries) {
            e.line = lines[i];
            e.col = cols[i];
        }

        if ((axis == NULL) == (category == NULL))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "entry '%s' needs exactly one of 'axis' and 'category'", pattern);
        if (axis != NULL) {
            p[2] = "axis";
            e.axis = find_axis(ctx, lex, axis);
            if (e.axis < 0)
                return fail_at(ctx, SLANT_ERROR_LEXICON_REFERENCE, p, FALSE,
                               "entry '%s': unknown axis '%s'", pattern, axis);
            const SlantAxis *ax = lex->axes->pdata[e.axis];
            p[2] = "pole";
            if (pole == NULL)
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, (const char *const[]){"entries", idx, NULL},
                               FALSE, "entry '%s': missing string 'pole'", pattern);
            if (strcmp(pole, "positive") == 0 || strcmp(pole, ax->positive) == 0)
                e.pole = SLANT_POLE_POSITIVE;
            else if (strcmp(pole, "negative") == 0 || strcmp(pole, ax->negative) == 0)
                e.pole = SLANT_POLE_NEGATIVE;
            else
                return fail_at(ctx, SLANT_ERROR_LEXICON_REFERENCE, p, FALSE,
                               "entry '%s': unknown pole '%s' (use 'positive', 'negative', "
                               "'%s' or '%s')", pattern, pole, ax->positive, ax->negative);
            e.group = (guint32) e.axis - src->first_axis;
        } else {
            p[2] = "category";
            e.category = find_category(ctx, lex, category);
            if (e.category < 0)
                return fail_at(ctx, SLANT_ERROR_LEXICON_REFERENCE, p, FALSE,
                               "entry '%s': unknown category '%s'", pattern, category);
            if (pole != NULL) {
                p[2] = "pole";
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                               "entry '%s': a category entry has no pole", pattern);
            }
            e.pole = SLANT_POLE_NONE;
            e.group = n_axes + (guint32) e.category - src->first_category;
        }
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(it, "weight");
        if (w != NULL) {
            p[2] = "weight";
            if (!cJSON_IsNumber(w) || !isfinite(w->valuedouble) || w->valuedouble < MIN_WEIGHT ||
                w->valuedouble > MAX_WEIGHT)
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                               "entry '%s': weight must be a number from %g to %g",
                               pattern, MIN_WEIGHT, MAX_WEIGHT);
            e.weight = w->valuedouble;
        }
        e.pattern = g_strdup(pattern);
        e.note = g_strdup(note);
        p[2] = "pattern";
        gboolean ok = compile_pattern(ctx, lex, &e, p);
        if (ok) {
            GHashTable *s = seen->pdata[e.group];
            gpointer prev = g_hash_table_lookup(s, e.canonical);
            if (prev != NULL) {
                const SlantEntry *first =
                    &g_array_index(lex->entries, SlantEntry, GPOINTER_TO_UINT(prev) - 1);
                /* Two spellings that stem alike ("deterrence", "deterrent") are a lint
                 * warning; the same pattern written twice is an error. */
                if (g_ascii_strcasecmp(first->pattern, e.pattern) == 0)
                    ok = fail_at(ctx, SLANT_ERROR_LEXICON_DUPLICATE, p, FALSE,
                                 "duplicate pattern '%s' (first at line %u)", pattern, first->line);
            } else {
                g_hash_table_insert(s, e.canonical, GUINT_TO_POINTER(e.index + 1));
            }
        }
        if (!ok) {
            entry_clear(&e);
            return FALSE;
        }
        g_array_append_val(lex->entries, e);
        g_array_append_val((GArray *) lex->starts->pdata[e.words[0].key], e.index);
    }
    ctx->src->pub.n_file_entries = lex->entries->len - src->first_entry;
    return add_category_poles(ctx, lex, root);
}

static gboolean
add_modifier(Ctx *ctx, const char *word, SlantModifierKind kind, double factor,
             const char *const *p)
{
    /* the token's normal form, without any punctuation around it */
    const char *norm;
    gsize nl;
    if (!slant_analyzer_single_token(ctx->analyzer, word, strlen(word), &norm, &nl))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                       "modifier '%s' must be a single token", word);
    Modifier *m = g_new(Modifier, 1);
    m->kind = kind;
    m->factor = factor;
    g_hash_table_replace(ctx->src->modifiers, g_strdup(norm), m);
    return TRUE;
}

const char *const *
slant_lexicon_default_negators(const char *language)
{
    return slant_analyzer_default_negators(language);
}

/* One negator: a word, or "*SUFFIX" for every token ending in SUFFIX. */
static gboolean
add_negator(Ctx *ctx, const char *word, const char *const *p)
{
    g_ptr_array_add(ctx->src->negators, g_strdup(word));
    if (word[0] != '*' && strchr(word, '*') == NULL)
        return add_modifier(ctx, word, SLANT_MODIFIER_NEGATOR, 1.0, p);
    if (word[0] != '*' || word[1] == '\0' || strchr(word + 1, '*') != NULL || strchr(word, ' ') != NULL)
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                       "negator '%s': '*' stands only at the start, before a suffix", word);
    g_ptr_array_add(ctx->src->negator_suffixes,
                    g_strdup(slant_analyzer_normalize(ctx->analyzer, word + 1, strlen(word + 1), NULL)));
    return TRUE;
}

static gboolean
load_modifiers(Ctx *ctx, const cJSON *root)
{
    static const char *const allowed[] = {"negators", "negation_window", "intensifiers", "diminishers", NULL};
    const cJSON *mods = cJSON_GetObjectItemCaseSensitive(root, "modifiers");
    const char *p[4] = {"modifiers", NULL, NULL, NULL};
    const cJSON *neg = mods != NULL && cJSON_IsObject(mods)
                           ? cJSON_GetObjectItemCaseSensitive(mods, "negators")
                           : NULL;
    if (neg == NULL) {
        /* no list given: the language's own (negators: [] is none) */
        for (const char *const *d = slant_lexicon_default_negators(ctx->src->language); *d != NULL; d++)
            if (!add_negator(ctx, *d, p))
                return FALSE;
    }
    if (mods == NULL)
        return TRUE;
    if (!cJSON_IsObject(mods))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'modifiers' must be an object");
    if (!check_keys(ctx, mods, p, 1, allowed, "'modifiers'"))
        return FALSE;
    if (neg != NULL) {
        p[1] = "negators";
        if (!cJSON_IsArray(neg))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "'negators' must be an array of strings");
        guint i = 0;
        for (const cJSON *n = neg->child; n != NULL; n = n->next, i++) {
            char idx[16];
            g_snprintf(idx, sizeof idx, "%u", i);
            p[2] = idx;
            if (!cJSON_IsString(n))
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "a negator must be a string");
            if (!add_negator(ctx, n->valuestring, p))
                return FALSE;
        }
        p[2] = NULL;
    }
    const cJSON *win = cJSON_GetObjectItemCaseSensitive(mods, "negation_window");
    if (win != NULL) {
        p[1] = "negation_window";
        if (!cJSON_IsNumber(win) || win->valuedouble != floor(win->valuedouble) ||
            win->valuedouble < 0 || win->valuedouble > MAX_NEGATION_WINDOW)
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "'negation_window' must be a whole number from 0 to %d",
                           MAX_NEGATION_WINDOW);
        ctx->src->pub.negation_window = (guint) win->valuedouble;
    }
    static const char *const kinds[] = {"intensifiers", "diminishers"};
    for (int k = 0; k < 2; k++) {
        const cJSON *obj = cJSON_GetObjectItemCaseSensitive(mods, kinds[k]);
        if (obj == NULL)
            continue;
        p[1] = kinds[k];
        p[2] = NULL;
        if (!cJSON_IsObject(obj))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "'%s' must be an object of word: factor", kinds[k]);
        for (const cJSON *it = obj->child; it != NULL; it = it->next) {
            p[2] = it->string;
            gboolean intens = k == 0;
            if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble) || it->valuedouble < MIN_FACTOR ||
                (intens && it->valuedouble <= 1.0) || (!intens && it->valuedouble >= 1.0) ||
                it->valuedouble > MAX_WEIGHT)
                return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                               intens ? "intensifier '%s' needs a factor above 1"
                                      : "diminisher '%s' needs a factor from 0.01 to below 1",
                               it->string);
            if (!add_modifier(ctx, it->string,
                              intens ? SLANT_MODIFIER_INTENSIFIER : SLANT_MODIFIER_DIMINISHER,
                              it->valuedouble, p))
                return FALSE;
        }
    }
    return TRUE;
}

/* "summary": {"axis": ID, "score": balance|logit|net_per_1k|intensity_per_1k,
 * "description": TEXT}: the score the lexicon is meant to be read by. */
static gboolean
load_summary(Ctx *ctx, SlantLexicon *lex, const cJSON *root)
{
    static const char *const allowed[] = {"axis", "score", "description", NULL};
    static const char *const scores[] = {"balance", "logit", "net_per_1k", "intensity_per_1k", NULL};
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
    const char *p[3] = {"summary", NULL, NULL};
    if (sum == NULL)
        return TRUE;
    if (!cJSON_IsObject(sum))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'summary' must be an object");
    if (!check_keys(ctx, sum, p, 1, allowed, "'summary'"))
        return FALSE;
    const char *axis, *score, *desc;
    if (!get_string(ctx, sum, "axis", p, 1, TRUE, &axis) ||
        !get_string(ctx, sum, "score", p, 1, TRUE, &score) ||
        !get_string(ctx, sum, "description", p, 1, FALSE, &desc))
        return FALSE;
    p[1] = "axis";
    ctx->src->pub.summary_axis = find_axis(ctx, lex, axis);
    if (ctx->src->pub.summary_axis < 0)
        return fail_at(ctx, SLANT_ERROR_LEXICON_REFERENCE, p, FALSE, "summary: unknown axis '%s'", axis);
    p[1] = "score";
    if (!g_strv_contains(scores, score))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                       "summary: score '%s' must be balance, logit, net_per_1k or intensity_per_1k",
                       score);
    ctx->src->summary_score = g_strdup(score);
    ctx->src->summary_description = g_strdup(desc);
    return TRUE;
}

static gboolean
load_changelog(Ctx *ctx, const cJSON *root)
{
    static const char *const allowed[] = {"version", "date", "changes", NULL};
    const cJSON *log = cJSON_GetObjectItemCaseSensitive(root, "changelog");
    const char *p[4] = {"changelog", NULL, NULL, NULL};
    if (log == NULL)
        return TRUE;
    if (!cJSON_IsArray(log))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE, "'changelog' must be an array");
    guint i = 0;
    for (const cJSON *it = log->child; it != NULL; it = it->next, i++) {
        char idx[16];
        g_snprintf(idx, sizeof idx, "%u", i);
        p[1] = idx;
        if (!cJSON_IsObject(it))
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "a changelog item must be an object");
        if (!check_keys(ctx, it, p, 2, allowed, "a changelog item"))
            return FALSE;
        const char *v, *d;
        if (!get_string(ctx, it, "version", p, 2, TRUE, &v) ||
            !get_string(ctx, it, "date", p, 2, TRUE, &d))
            return FALSE;
        const cJSON *ch = cJSON_GetObjectItemCaseSensitive(it, "changes");
        if (ch != NULL && !cJSON_IsString(ch) && !cJSON_IsArray(ch)) {
            p[2] = "changes";
            return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, p, FALSE,
                           "'changes' must be a string or an array of strings");
        }
    }
    return TRUE;
}

static gboolean
load_root(Ctx *ctx, SlantLexicon *lex, const cJSON *root)
{
    static const char *const allowed[] = {
        "$schema", "lexicon", "version", "language", "description", "license", "authors",
        "url", "codebook", "axes", "categories", "entries", "modifiers", "changelog", "summary", NULL,
    };
    const char *top[2] = {NULL, NULL};
    if (!cJSON_IsObject(root))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, top, FALSE, "a lexicon must be a JSON object");
    if (!check_keys(ctx, root, top, 0, allowed, "the lexicon"))
        return FALSE;
    const char *name, *version, *language, *desc, *s;
    if (!get_string(ctx, root, "lexicon", top, 0, TRUE, &name) ||
        !get_string(ctx, root, "version", top, 0, TRUE, &version) ||
        !get_string(ctx, root, "language", top, 0, TRUE, &language) ||
        !get_string(ctx, root, "description", top, 0, FALSE, &desc) ||
        !get_string(ctx, root, "license", top, 0, FALSE, &s) ||
        !get_string(ctx, root, "url", top, 0, FALSE, &s) ||
        !get_string(ctx, root, "codebook", top, 0, FALSE, &s) ||
        !get_string(ctx, root, "$schema", top, 0, FALSE, &s))
        return FALSE;
    const char *pv[] = {"version", NULL};
    if (!is_semver(version))
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, pv, FALSE,
                       "version '%s' must be MAJOR.MINOR.PATCH", version);
    const char *pl[] = {"language", NULL};
    if (ctx->index > 0 && strcmp(language, lex->language) != 0) {
        const Source *first = lex->sources->pdata[0];
        return fail_at(ctx, SLANT_ERROR_LEXICON_LANGUAGE, pl, FALSE,
                       "language '%s' is not that of %s ('%s'): the lexicons of one run share "
                       "one language", language, first->path, lex->language);
    }
    GError *serr = NULL;
    ctx->analyzer = slant_analyzer_new(language, &serr);
    if (ctx->analyzer == NULL) {
        fail_at(ctx, SLANT_ERROR_LEXICON_LANGUAGE, pl, FALSE, "%s", serr->message);
        g_error_free(serr);
        return FALSE;
    }
    Source *src = ctx->src;
    src->name = g_strdup(name);
    src->version = g_strdup(version);
    src->language = g_strdup(language);
    src->description = g_strdup(desc);
    if (ctx->index == 0)
        lex->language = g_strdup(language);
    if (!load_axes(ctx, lex, root) || !load_categories(ctx, lex, root))
        return FALSE;
    if (lex->axes->len == src->pub.first_axis && lex->categories->len == src->pub.first_category)
        return fail_at(ctx, SLANT_ERROR_LEXICON_VALUE, top, FALSE,
                       "a lexicon needs at least one axis or category");
    return load_modifiers(ctx, root) && load_entries(ctx, lex, root) &&
           load_changelog(ctx, root) && load_summary(ctx, lex, root);
}

/* cJSON decodes "\u0000" to a NUL inside the string, which would cut it
 * short without a word ("deter\u0000rence" loaded as "deter"): the offset
 * of the first such escape in the JSON @text (an odd run of backslashes
 * before "u0000"; in valid JSON a backslash stands only in strings), or
 * -1. */
static gssize
find_escaped_nul(const char *text, gsize len)
{
    const char *p = text, *end = text + len;
    while ((p = memchr(p, '\\', (gsize) (end - p))) != NULL) {
        const char *run = p;
        while (p < end && *p == '\\')
            p++;
        if (((p - run) & 1) == 1 && end - p >= 5 && memcmp(p, "u0000", 5) == 0)
            return (gssize) (p - 1 - text);
    }
    return -1;
}

/* Load the file @data (its name @display_name) as source @index of @lex. */
static gboolean
load_source(SlantLexicon *lex, guint index, const char *data, gsize len,
            const char *display_name, GHashTable *ids, GError **error)
{
    /* A byte order mark (Windows editors write one) is no part of the JSON:
     * lines and columns count from after it.  The sha256 stays the file's. */
    const char *whole = data;
    gsize whole_len = len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    Ctx ctx = {data, len, display_name, error, NULL, NULL, NULL, index, ids};
    const char *bad = NULL;
    if (!g_utf8_validate_len(data, len, &bad)) {
        guint line, col;
        slant_text_position(data, len, (gsize) (bad - data), &line, &col);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_SYNTAX,
                    "%s:%u:%u: invalid UTF-8", display_name, line, col);
        return FALSE;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, FALSE);
    if (root != NULL) {
        /* cJSON stops after the first value: anything but white space
         * after it is an error too ("{...} }") */
        while (end < data + len && (guchar) *end <= ' ' && *end != '\0')
            end++;
        if (end < data + len) {
            cJSON_Delete(root);
            root = NULL;
        }
    }
    if (root == NULL) {
        guint line, col;
        gsize off = end != NULL && end >= data ? (gsize) (end - data) : 0;
        slant_text_position(data, len, off, &line, &col);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_SYNTAX,
                    "%s:%u:%u: invalid JSON%s", display_name, line, col,
                    off >= len ? ": unexpected end of file" : "");
        return FALSE;
    }
    gssize nul = find_escaped_nul(data, len);
    if (nul >= 0) {
        guint line, col;
        slant_text_position(data, len, (gsize) nul, &line, &col);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_SYNTAX,
                    "%s:%u:%u: '\\u0000' in a string is not supported", display_name, line, col);
        cJSON_Delete(root);
        return FALSE;
    }
    ctx.src = source_new(lex);
    ctx.src->path = g_strdup(display_name);
    ctx.src->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) whole, whole_len);
    ctx.tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    gboolean ok = load_root(&ctx, lex, root);
    cJSON_Delete(root);
    slant_analyzer_free(ctx.analyzer);
    g_array_unref(ctx.tokens);
    SlantLexiconSource *pub = &ctx.src->pub;
    pub->n_axes = lex->axes->len - pub->first_axis;
    pub->n_categories = lex->categories->len - pub->first_category;
    pub->n_entries = lex->entries->len - pub->first_entry;
    return ok;
}

/* Once every file is loaded: the entries' groups among all the files'
 * (axes first, then categories), the groups' files, the public views of
 * the sources and the lexicon's identity. */
static void
finish_sources(SlantLexicon *lex)
{
    guint n_axes = lex->axes->len;
    for (guint i = 0; i < lex->entries->len; i++) {
        SlantEntry *e = &g_array_index(lex->entries, SlantEntry, i);
        e->group = e->axis >= 0 ? (guint32) e->axis : n_axes + (guint32) e->category;
    }
    lex->group_source = g_new0(guint32, MAX(slant_lexicon_n_groups(lex), 1));
    g_autoptr(GString) shas = g_string_new(NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    g_autoptr(GPtrArray) versions = g_ptr_array_new();
    g_autoptr(GPtrArray) paths = g_ptr_array_new();
    for (guint k = 0; k < lex->sources->len; k++) {
        Source *s = lex->sources->pdata[k];
        SlantLexiconSource *p = &s->pub;
        p->name = s->name;
        p->version = s->version;
        p->language = s->language;
        p->description = s->description;
        p->sha256 = s->sha256;
        p->path = s->path;
        p->summary_score = s->summary_score;
        p->summary_description = s->summary_description;
        for (guint a = 0; a < p->n_axes; a++)
            lex->group_source[p->first_axis + a] = k;
        for (guint c = 0; c < p->n_categories; c++)
            lex->group_source[n_axes + p->first_category + c] = k;
        g_string_append_printf(shas, "%s\n", s->sha256);
        g_ptr_array_add(names, s->name);
        g_ptr_array_add(versions, s->version);
        g_ptr_array_add(paths, s->path);
    }
    g_ptr_array_add(names, NULL);
    g_ptr_array_add(versions, NULL);
    g_ptr_array_add(paths, NULL);
    const Source *first = lex->sources->pdata[0];
    lex->description = g_strdup(first->description);
    if (lex->sources->len == 1) {
        lex->name = g_strdup(first->name);
        lex->version = g_strdup(first->version);
        lex->sha256 = g_strdup(first->sha256);
        lex->path = g_strdup(first->path);
        return;
    }
    lex->name = g_strjoinv("+", (char **) names->pdata);
    lex->version = g_strjoinv("+", (char **) versions->pdata);
    lex->path = g_strjoinv("+", (char **) paths->pdata);
    lex->sha256 = g_compute_checksum_for_string(G_CHECKSUM_SHA256, shas->str, (gssize) shas->len);
}

SlantLexicon *
slant_lexicon_load_data_many(const char *const *datas, const gsize *lens,
                             const char *const *display_names, guint n, GError **error)
{
    g_return_val_if_fail(n > 0 && datas != NULL && lens != NULL && display_names != NULL, NULL);
    SlantLexicon *lex = lexicon_new();
    g_autoptr(GHashTable) ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint k = 0; k < n; k++) {
        g_return_val_if_fail(datas[k] != NULL && display_names[k] != NULL, NULL);
        if (!load_source(lex, k, datas[k], lens[k], display_names[k], ids, error)) {
            slant_lexicon_free(lex);
            return NULL;
        }
    }
    finish_sources(lex);
    return lex;
}

SlantLexicon *
slant_lexicon_load_data(const char *data, gsize len, const char *display_name, GError **error)
{
    g_return_val_if_fail(data != NULL && display_name != NULL, NULL);
    return slant_lexicon_load_data_many(&data, &len, &display_name, 1, error);
}

/* The lexicon text of @patterns, one category each. */
static char *
patterns_text(const char *const *patterns, guint n, const char *language)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "lexicon", "patterns");
    cJSON_AddStringToObject(root, "version", "1.0.0");
    cJSON_AddStringToObject(root, "language", language);
    cJSON *cats = cJSON_AddArrayToObject(root, "categories");
    cJSON *entries = cJSON_AddArrayToObject(root, "entries");
    for (guint i = 0; i < n; i++) {
        char id[24];
        g_snprintf(id, sizeof id, "p%u", i + 1);
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "id", id);
        cJSON_AddStringToObject(c, "label", patterns[i]);
        cJSON_AddItemToArray(cats, c);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "pattern", patterns[i]);
        cJSON_AddStringToObject(e, "category", id);
        cJSON_AddItemToArray(entries, e);
    }
    cJSON *mods = cJSON_AddObjectToObject(root, "modifiers");
    cJSON_AddArrayToObject(mods, "negators");
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    char *out = g_strdup(text);
    cJSON_free(text);
    return out;
}

SlantLexicon *
slant_lexicon_new_for_patterns(const char *const *patterns, guint n, const char *language,
                               GError **error)
{
    g_return_val_if_fail(n > 0 && language != NULL, NULL);
    /* one at a time first, so that a bad one is named, not a position in
     * text the user never wrote */
    for (guint i = 0; i < n; i++) {
        g_autofree char *one = patterns_text(&patterns[i], 1, language);
        GError *err = NULL;
        SlantLexicon *lex = slant_lexicon_load_data(one, strlen(one), "patterns", &err);
        if (lex == NULL) {
            /* "patterns:1:N: why": keep the why, a position in text the
             * user never wrote says nothing */
            const char *why = slant_lexicon_error_reason(err->message);
            if (err->code == SLANT_ERROR_LEXICON_LANGUAGE) {
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_LEXICON_LANGUAGE, "%s", why);
                g_error_free(err);
                return NULL;
            }
            /* the loader's message names the pattern already when it is about it */
            if (g_str_has_prefix(why, "pattern '"))
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "%s", why);
            else
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "pattern '%s': %s", patterns[i],
                            why);
            g_error_free(err);
            return NULL;
        }
        slant_lexicon_free(lex);
    }
    g_autofree char *text = patterns_text(patterns, n, language);
    return slant_lexicon_load_data(text, strlen(text), "patterns", error);
}

static gboolean
read_lexicon_file(const char *path, const char *display_name, char **data, gsize *len,
                  GError **error)
{
    GError *ferr = NULL;
    if (!g_file_get_contents(path, data, len, &ferr)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read lexicon '%s': %s",
                    display_name ? display_name : path,
                    ferr->code == G_FILE_ERROR_NOENT ? "no such file" : ferr->message);
        g_error_free(ferr);
        return FALSE;
    }
    return TRUE;
}

SlantLexicon *
slant_lexicon_load_many(const char *const *paths, const char *const *display_names, guint n,
                        GError **error)
{
    g_return_val_if_fail(paths != NULL && n > 0, NULL);
    g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func(g_free);
    g_autofree gsize *lens = g_new0(gsize, n);
    g_autofree const char **names = g_new0(const char *, n);
    for (guint k = 0; k < n; k++) {
        names[k] = display_names != NULL && display_names[k] != NULL ? display_names[k] : paths[k];
        char *data = NULL;
        if (!read_lexicon_file(paths[k], names[k], &data, &lens[k], error))
            return NULL;
        g_ptr_array_add(datas, data);
    }
    return slant_lexicon_load_data_many((const char *const *) datas->pdata, lens, names, n, error);
}

SlantLexicon *
slant_lexicon_load(const char *path, const char *display_name, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    return slant_lexicon_load_many(&path, &display_name, 1, error);
}

/* ---- accessors ---- */

const char *slant_lexicon_name(const SlantLexicon *lex) { return lex->name; }
const char *slant_lexicon_version(const SlantLexicon *lex) { return lex->version; }
const char *slant_lexicon_language(const SlantLexicon *lex) { return lex->language; }
const char *slant_lexicon_description(const SlantLexicon *lex) { return lex->description; }
const char *slant_lexicon_sha256(const SlantLexicon *lex) { return lex->sha256; }
const char *slant_lexicon_path(const SlantLexicon *lex) { return lex->path; }
guint slant_lexicon_n_axes(const SlantLexicon *lex) { return lex->axes->len; }
guint slant_lexicon_n_categories(const SlantLexicon *lex) { return lex->categories->len; }
guint slant_lexicon_n_groups(const SlantLexicon *lex) { return lex->axes->len + lex->categories->len; }
guint slant_lexicon_n_entries(const SlantLexicon *lex) { return lex->entries->len; }
guint slant_lexicon_n_keys(const SlantLexicon *lex) { return lex->starts->len; }
gsize slant_lexicon_max_prefix_len(const SlantLexicon *lex) { return lex->max_prefix_len; }
guint slant_lexicon_n_sources(const SlantLexicon *lex) { return lex->sources->len; }

const SlantLexiconSource *
slant_lexicon_source(const SlantLexicon *lex, guint i)
{
    g_return_val_if_fail(i < lex->sources->len, NULL);
    return &((const Source *) lex->sources->pdata[i])->pub;
}

guint
slant_lexicon_group_source(const SlantLexicon *lex, guint group)
{
    g_return_val_if_fail(group < slant_lexicon_n_groups(lex), 0);
    return lex->group_source[group];
}

guint
slant_lexicon_group_negation_window(const SlantLexicon *lex, guint group)
{
    if (group < lex->axes->len) {
        const SlantAxis *ax = lex->axes->pdata[group];
        if (ax->negation_window >= 0)
            return (guint) ax->negation_window;
    }
    return slant_lexicon_source(lex, slant_lexicon_group_source(lex, group))->negation_window;
}

const char **
slant_lexicon_negators(const SlantLexicon *lex, guint source)
{
    g_return_val_if_fail(source < lex->sources->len, NULL);
    const Source *s = lex->sources->pdata[source];
    const char **out = g_new0(const char *, s->negators->len + 1);
    for (guint i = 0; i < s->negators->len; i++)
        out[i] = s->negators->pdata[i];
    return out;
}

guint
slant_lexicon_n_modifiers(const SlantLexicon *lex, guint source)
{
    g_return_val_if_fail(source < lex->sources->len, 0);
    const Source *s = lex->sources->pdata[source];
    return g_hash_table_size(s->modifiers);
}

const SlantAxis *
slant_lexicon_axis(const SlantLexicon *lex, guint i)
{
    g_return_val_if_fail(i < lex->axes->len, NULL);
    return lex->axes->pdata[i];
}

const SlantCategory *
slant_lexicon_category(const SlantLexicon *lex, guint i)
{
    g_return_val_if_fail(i < lex->categories->len, NULL);
    return lex->categories->pdata[i];
}

const SlantEntry *
slant_lexicon_entry(const SlantLexicon *lex, guint i)
{
    g_return_val_if_fail(i < lex->entries->len, NULL);
    return &g_array_index(lex->entries, SlantEntry, i);
}

gint32
slant_lexicon_lookup_key(const SlantLexicon *lex, SlantWordKind kind, const char *text, gsize len)
{
    guint64 h = key_start(kind);
    for (gsize i = 0; i < len; i++)
        h = key_step(h, (guchar) text[i]);
    return key_find(lex, kind, key_finish(h), text, len);
}

guint
slant_lexicon_prefix_keys(const SlantLexicon *lex, const char *norm, gsize len, guint32 *out)
{
    gsize maxp = MIN(lex->max_prefix_len, len);
    guint n = 0;
    guint64 h = key_start(SLANT_WORD_PREFIX);
    for (gsize p = 1; p <= maxp; p++) {
        h = key_step(h, (guchar) norm[p - 1]);
        /* prefixes end on character boundaries only */
        if (p < len && ((guchar) norm[p] & 0xC0) == 0x80)
            continue;
        gint32 k = key_find(lex, SLANT_WORD_PREFIX, key_finish(h), norm, p);
        if (k >= 0)
            out[n++] = (guint32) k;
    }
    return n;
}

const guint32 *
slant_lexicon_entries_starting_with(const SlantLexicon *lex, guint32 key, guint *n)
{
    g_return_val_if_fail(key < lex->starts->len, NULL);
    GArray *a = lex->starts->pdata[key];
    *n = a->len;
    return (const guint32 *) (void *) a->data;
}

SlantModifierKind
slant_lexicon_modifier(const SlantLexicon *lex, guint source, const char *norm, gsize len,
                       double *factor)
{
    *factor = 1.0;
    g_return_val_if_fail(source < lex->sources->len, SLANT_MODIFIER_NONE);
    const Source *s = lex->sources->pdata[source];
    char buf[128];
    if (len >= sizeof buf)
        return SLANT_MODIFIER_NONE;
    memcpy(buf, norm, len);
    buf[len] = '\0';
    const Modifier *m = g_hash_table_lookup(s->modifiers, buf);
    if (m != NULL) {
        *factor = m->factor;
        return m->kind;
    }
    for (guint i = 0; i < s->negator_suffixes->len; i++) {
        const char *suffix = s->negator_suffixes->pdata[i];
        /* longer than the suffix: "n't" alone is no word */
        if (len > strlen(suffix) && g_str_has_suffix(buf, suffix))
            return SLANT_MODIFIER_NEGATOR;
    }
    return SLANT_MODIFIER_NONE;
}

#define LINT_MAX_NO_NOTE 5

/* ---- lint ---- */

typedef enum {
    COVER_NO,
    COVER_ALWAYS,    /* every token satisfying the word satisfies the other */
    COVER_SAME_STEM, /* every such token whose stem is the other's stem */
} Cover;

/* Does every token that satisfies pattern word @e satisfy @w too? */
static Cover
word_covers(const SlantPatternWord *w, const SlantPatternWord *e, SlantAnalyzer *analyzer)
{
    if (w->kind == e->kind && strcmp(w->text, e->text) == 0)
        return COVER_ALWAYS;
    gsize sl;
    switch (e->kind) {
    case SLANT_WORD_EXACT:
        if (w->kind == SLANT_WORD_PREFIX)
            return g_str_has_prefix(e->text, w->text) ? COVER_ALWAYS : COVER_NO;
        if (w->kind == SLANT_WORD_STEM) {
            const char *st = slant_analyzer_stem(analyzer, e->text, strlen(e->text), &sl);
            return sl == strlen(w->text) && memcmp(st, w->text, sl) == 0 ? COVER_ALWAYS : COVER_NO;
        }
        return COVER_NO;
    case SLANT_WORD_PREFIX:
        if (w->kind == SLANT_WORD_PREFIX)
            return g_str_has_prefix(e->text, w->text) ? COVER_ALWAYS : COVER_NO;
        if (w->kind == SLANT_WORD_STEM) {
            /* "immigrant*" against the stem word "immigr": the words the
             * prefix matches that stem to "immigr" ("immigrant",
             * "immigrants") go to the stem entry */
            const char *st = slant_analyzer_stem(analyzer, e->text, strlen(e->text), &sl);
            return sl == strlen(w->text) && memcmp(st, w->text, sl) == 0 ? COVER_SAME_STEM : COVER_NO;
        }
        return COVER_NO;
    default:
        /* a stem word: an exact or prefix word covers only some of its
         * forms, another stem none */
        return COVER_NO;
    }
}

/* Does @w take every match of @e (COVER_ALWAYS), or those whose words stem
 * alike (COVER_SAME_STEM)?  Both in one group, of one length, @w winning
 * the tie-break. */
static Cover
entry_covers(const SlantEntry *w, const SlantEntry *e, SlantAnalyzer *analyzer)
{
    if (w->n_words != e->n_words || !slant_entry_better(w, e) || strcmp(w->canonical, e->canonical) == 0)
        return COVER_NO;
    Cover worst = COVER_ALWAYS;
    for (guint k = 0; k < e->n_words; k++) {
        Cover c = word_covers(&w->words[k], &e->words[k], analyzer);
        if (c == COVER_NO)
            return COVER_NO;
        if (c == COVER_SAME_STEM)
            worst = COVER_SAME_STEM;
    }
    return worst;
}

static const char *
group_kind(const SlantEntry *e)
{
    return e->axis >= 0 ? "axis" : "category";
}

static const char *
group_id(const SlantLexicon *lex, const SlantEntry *e)
{
    return e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                        : slant_lexicon_category(lex, (guint) e->category)->id;
}

/* The entries of each group by their first pattern word: key "GROUP KIND
 * TEXT" (GROUP and KIND in decimal, separated by 0x1f) -> GArray of entry
 * indices, in index order.  An entry can take another's matches only if its
 * first word takes the other's first word (word_covers()), so the lint
 * looks among the entries of a few keys instead of the whole group:
 * linear in the lexicon, not quadratic (10,000 entries: 0.1 s, not 5). */
static char *
word_key(guint32 group, SlantWordKind kind, const char *text, gsize len)
{
    return g_strdup_printf("%u\x1f%d\x1f%.*s", group, (int) kind, (int) len, text);
}

static void
add_candidates(GHashTable *index, char *key, GArray *out)
{
    const GArray *ids = g_hash_table_lookup(index, key);
    g_free(key);
    if (ids != NULL)
        g_array_append_vals(out, ids->data, ids->len);
}

static int
cmp_u32(gconstpointer a, gconstpointer b)
{
    guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
    return x < y ? -1 : x > y;
}

/* Entries of @e's group that take its matches: the first that takes them
 * all, else the first that takes those whose words stem alike. */
static void
lint_shadowed(const SlantLexicon *lex, const SlantEntry *e, GHashTable *index, GArray *cand,
              SlantAnalyzer *analyzer, const char *path, GPtrArray *out)
{
    /* the entries whose first word may take e's first word */
    const SlantPatternWord *fw = &e->words[0];
    gsize tl = strlen(fw->text);
    g_array_set_size(cand, 0);
    add_candidates(index, word_key(e->group, fw->kind, fw->text, tl), cand);
    if (fw->kind != SLANT_WORD_STEM) {
        for (gsize n = 1; n <= tl; n++)
            if (fw->kind != SLANT_WORD_PREFIX || n < tl) /* the same prefix: added above */
                add_candidates(index, word_key(e->group, SLANT_WORD_PREFIX, fw->text, n), cand);
        gsize sl;
        const char *st = slant_analyzer_stem(analyzer, fw->text, tl, &sl);
        add_candidates(index, word_key(e->group, SLANT_WORD_STEM, st, sl), cand);
    }
    /* in index order, each once: "first" as in the group's order */
    g_array_sort(cand, cmp_u32);
    const SlantEntry *always = NULL, *stem = NULL;
    guint32 last = G_MAXUINT32;
    for (guint j = 0; j < cand->len && always == NULL; j++) {
        guint32 id = g_array_index(cand, guint32, j);
        if (id == last)
            continue;
        last = id;
        const SlantEntry *w = slant_lexicon_entry(lex, id);
        /* twins made from one category: the category's own lint says it */
        if (w == e || (e->from_category >= 0 && w->from_category == e->from_category))
            continue;
        Cover c = entry_covers(w, e, analyzer);
        if (c == COVER_ALWAYS)
            always = w;
        else if (c == COVER_SAME_STEM && stem == NULL)
            stem = w;
    }
    const SlantEntry *w = always != NULL ? always : stem;
    if (w == NULL)
        return;
    g_autofree char *where = NULL;
    if (e->from_category >= 0)
        where = g_strdup_printf("axis '%s' (made from category '%s')", group_id(lex, e),
                                slant_lexicon_category(lex, (guint) e->from_category)->id);
    else
        where = g_strdup_printf("%s '%s'", group_kind(e), group_id(lex, e));
    const char *why = w->specificity < e->specificity
                          ? "it is more specific: exact > stem > prefix"
                          : "it comes first in the file";
    if (always != NULL)
        g_ptr_array_add(out, g_strdup_printf(
            "%s:%u:%u: warning: entry '%s' never wins in %s: '%s' (line %u) matches wherever it "
            "does and wins (%s)", path, e->line, e->col, e->pattern, where, w->pattern, w->line, why));
    else
        g_ptr_array_add(out, g_strdup_printf(
            "%s:%u:%u: warning: entry '%s' loses to '%s' (line %u) in %s wherever its words stem "
            "as that entry's do (%s): it wins only on words of other stems", path, e->line, e->col,
            e->pattern, w->pattern, w->line, where, why));
}

/* A phrase whose words the tokenizer puts in two sentences ("end. Start")
 * never matches: a phrase matches within one sentence. */
static void
lint_unreachable(const SlantEntry *e, const SlantAnalyzer *analyzer, GArray *tokens,
                 const char *path, GPtrArray *out)
{
    if (e->n_words < 2)
        return;
    g_array_set_size(tokens, 0);
    slant_analyzer_tokenize(analyzer, e->pattern, strlen(e->pattern), SLANT_SEGMENT_TEXT, 0, tokens);
    if (tokens->len < 2)
        return;
    const SlantToken *first = &g_array_index(tokens, SlantToken, 0);
    for (guint t = 1; t < tokens->len; t++) {
        const SlantToken *tok = &g_array_index(tokens, SlantToken, t);
        if (tok->sentence != first->sentence) {
            const SlantToken *prev = tok - 1;
            g_ptr_array_add(out, g_strdup_printf(
                "%s:%u:%u: warning: pattern '%s' never matches: the text's tokenizer ends a "
                "sentence between '%.*s' and '%.*s', and a phrase matches within one sentence",
                path, e->line, e->col, e->pattern, (int) (prev->end - prev->start),
                e->pattern + prev->start, (int) (tok->end - tok->start), e->pattern + tok->start));
            return;
        }
    }
}

GPtrArray *
slant_lexicon_lint(const SlantLexicon *lex, SlantLintFlags what)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) index =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
    for (guint i = 0; i < lex->entries->len; i++) {
        const SlantEntry *e = &g_array_index(lex->entries, SlantEntry, i);
        if (e->n_words == 0)
            continue;
        char *key = word_key(e->group, e->words[0].kind, e->words[0].text, strlen(e->words[0].text));
        GArray *ids = g_hash_table_lookup(index, key);
        if (ids == NULL) {
            ids = g_array_new(FALSE, FALSE, sizeof(guint32));
            g_hash_table_insert(index, key, ids);
        } else {
            g_free(key);
        }
        g_array_append_val(ids, e->index);
    }
    g_autoptr(GArray) cand = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_autoptr(SlantAnalyzer) analyzer = slant_analyzer_new(lex->language, NULL);
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    for (guint k = 0; k < lex->sources->len; k++) {
        const SlantLexiconSource *src = slant_lexicon_source(lex, k);
        guint no_note = 0;
        for (guint i = src->first_entry; i < src->first_entry + src->n_entries; i++) {
            const SlantEntry *e = &g_array_index(lex->entries, SlantEntry, i);
            g_autofree char *key = g_strdup_printf("%u\x1f%s", e->group, e->canonical);
            gpointer prev = g_hash_table_lookup(first, key);
            if (prev == NULL)
                g_hash_table_insert(first, g_steal_pointer(&key), GUINT_TO_POINTER(i + 1));
            if ((what & SLANT_LINT_SCORES) && prev != NULL) {
                const SlantEntry *f =
                    &g_array_index(lex->entries, SlantEntry, GPOINTER_TO_UINT(prev) - 1);
                gboolean conflict = f->pole != e->pole || f->weight != e->weight;
                g_ptr_array_add(out, g_strdup_printf(
                    "%s:%u:%u: warning: stem collision: '%s' and '%s' (line %u) both compile to "
                    "'%s'%s%s", src->path, e->line, e->col, e->pattern, f->pattern, f->line,
                    e->canonical, e->from_category >= 0 ? " on an axis made from categories" : "",
                    conflict ? " with different poles or weights; the earlier entry wins"
                             : "; the later entry never matches"));
            }
            if ((what & SLANT_LINT_SCORES) && prev == NULL && analyzer != NULL && e->n_words > 0)
                lint_shadowed(lex, e, index, cand, analyzer, src->path, out);
            if ((what & SLANT_LINT_SCORES) && e->from_category < 0 && analyzer != NULL)
                lint_unreachable(e, analyzer, tokens, src->path, out);
            /* entries made from categories have their category entry's note */
            if ((what & SLANT_LINT_NOTES) && e->from_category < 0 &&
                (e->note == NULL || e->note[0] == '\0')) {
                /* name the first few; a list without notes (an import) says so once */
                if (++no_note <= LINT_MAX_NO_NOTE)
                    g_ptr_array_add(out, g_strdup_printf("%s:%u:%u: warning: entry '%s' has no note",
                                                         src->path, e->line, e->col, e->pattern));
            }
        }
        if (no_note > LINT_MAX_NO_NOTE)
            g_ptr_array_add(out, g_strdup_printf("%s: warning: %u more entries have no note",
                                                 src->path, no_note - LINT_MAX_NO_NOTE));
    }
    return out;
}

const char *
slant_pole_name(SlantPole pole)
{
    switch (pole) {
    case SLANT_POLE_POSITIVE: return "positive";
    case SLANT_POLE_NEGATIVE: return "negative";
    default: return "none";
    }
}

const char *
slant_word_kind_name(SlantWordKind kind)
{
    switch (kind) {
    case SLANT_WORD_EXACT: return "exact";
    case SLANT_WORD_STEM: return "stem";
    default: return "prefix";
    }
}

/* api.c: the installed API (engine/slant.h) on top of the library's modules.
 *
 * Nothing is computed here that the modules do not compute for the command
 * line: a text is scored as the engine scores a document (matcher, then
 * tally), a run is `slant compare`'s run (engine, aggregate, report).  The
 * wrappers exist so that the installed API stays put while the modules
 * change: its handles are opaque, what a caller reads comes through
 * accessors of plain C types (no GArray for a ctypes caller to walk), and
 * the modules' own functions stay hidden in libslant.so (only what this
 * file marks SLANT_EXPORT is exported).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "engine.h"
#include "labels.h"
#include "lexicon.h"
#include "match.h"
#include "report.h"
#include "score.h"
#include "slant-error.h"
#include "text.h"

/* after slant-error.h, whose SlantError slant.h then leaves out */
#include "slant.h"

/* ---- version and errors ---- */

const char *
slant_version(void)
{
    return SLANT_VERSION;
}

GQuark
slant_error_domain(void)
{
    return slant_error_quark();
}

const char *
slant_error_name(int code)
{
    return slant_error_code_name(code);
}

/* ---- lexicons ---- */

SlantLexicon *
slant_lexicon_open(const char *path, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    return slant_lexicon_load(path, path, error);
}

SlantLexicon *
slant_lexicon_open_many(const char *const *paths, size_t n, GError **error)
{
    g_return_val_if_fail(paths != NULL && n > 0 && n <= G_MAXUINT, NULL);
    return slant_lexicon_load_many(paths, NULL, (guint) n, error);
}

SlantLexicon *
slant_lexicon_open_data(const char *data, size_t len, const char *name, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    return slant_lexicon_load_data(data != NULL ? data : "", len, name != NULL ? name : "lexicon",
                                   error);
}

void
slant_lexicon_close(SlantLexicon *lex)
{
    slant_lexicon_free(lex);
}

const char *
slant_lexicon_get(const SlantLexicon *lex, const char *field)
{
    g_return_val_if_fail(lex != NULL && field != NULL, NULL);
    if (strcmp(field, "name") == 0)
        return slant_lexicon_name(lex);
    if (strcmp(field, "version") == 0)
        return slant_lexicon_version(lex);
    if (strcmp(field, "language") == 0)
        return slant_lexicon_language(lex);
    if (strcmp(field, "description") == 0)
        return slant_lexicon_description(lex);
    if (strcmp(field, "sha256") == 0)
        return slant_lexicon_sha256(lex);
    if (strcmp(field, "path") == 0)
        return slant_lexicon_path(lex);
    return NULL;
}

size_t
slant_lexicon_axis_count(const SlantLexicon *lex)
{
    g_return_val_if_fail(lex != NULL, 0);
    return slant_lexicon_n_axes(lex);
}

const char *
slant_lexicon_axis_id(const SlantLexicon *lex, size_t axis)
{
    g_return_val_if_fail(lex != NULL && axis < slant_lexicon_n_axes(lex), NULL);
    return slant_lexicon_axis(lex, (guint) axis)->id;
}

const char *
slant_lexicon_axis_pole(const SlantLexicon *lex, size_t axis, int pole)
{
    g_return_val_if_fail(lex != NULL && axis < slant_lexicon_n_axes(lex) && pole != 0, NULL);
    const SlantAxis *a = slant_lexicon_axis(lex, (guint) axis);
    return pole > 0 ? a->positive : a->negative;
}

size_t
slant_lexicon_category_count(const SlantLexicon *lex)
{
    g_return_val_if_fail(lex != NULL, 0);
    return slant_lexicon_n_categories(lex);
}

const char *
slant_lexicon_category_id(const SlantLexicon *lex, size_t category)
{
    g_return_val_if_fail(lex != NULL && category < slant_lexicon_n_categories(lex), NULL);
    return slant_lexicon_category(lex, (guint) category)->id;
}

size_t
slant_lexicon_entry_count(const SlantLexicon *lex)
{
    g_return_val_if_fail(lex != NULL, 0);
    return slant_lexicon_n_entries(lex);
}

/* entries are compiled in file order: entry i is the file's entry i */
static const SlantEntry *
entry_at(const SlantLexicon *lex, size_t entry)
{
    g_return_val_if_fail(lex != NULL && entry < slant_lexicon_n_entries(lex), NULL);
    return slant_lexicon_entry(lex, (guint) entry);
}

static const char *
entry_group_id(const SlantLexicon *lex, const SlantEntry *e)
{
    return e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                        : slant_lexicon_category(lex, (guint) e->category)->id;
}

const char *
slant_lexicon_entry_pattern(const SlantLexicon *lex, size_t entry)
{
    const SlantEntry *e = entry_at(lex, entry);
    return e != NULL ? e->pattern : NULL;
}

const char *
slant_lexicon_entry_group(const SlantLexicon *lex, size_t entry)
{
    const SlantEntry *e = entry_at(lex, entry);
    return e != NULL ? entry_group_id(lex, e) : NULL;
}

int
slant_lexicon_entry_pole(const SlantLexicon *lex, size_t entry)
{
    const SlantEntry *e = entry_at(lex, entry);
    return e != NULL ? (int) e->pole : 0;
}

double
slant_lexicon_entry_weight(const SlantLexicon *lex, size_t entry)
{
    const SlantEntry *e = entry_at(lex, entry);
    return e != NULL ? e->weight : 0;
}

/* ---- scores ---- */

static const char *const measure_names[SLANT_N_MEASURES] = {
    "hits_positive", "hits_negative", "negated", "positive", "negative",
    "balance", "logit", "net_per_1k", "intensity_per_1k",
};

/* the four scores are the last measures, in score.h's order */
G_STATIC_ASSERT(SLANT_MEASURE_BALANCE + SLANT_SCORE_BALANCE == SLANT_MEASURE_BALANCE &&
                SLANT_MEASURE_BALANCE + SLANT_SCORE_LOGIT == SLANT_MEASURE_LOGIT &&
                SLANT_MEASURE_BALANCE + SLANT_SCORE_NET_PER_1K == SLANT_MEASURE_NET_PER_1K &&
                SLANT_MEASURE_BALANCE + SLANT_SCORE_INTENSITY_PER_1K ==
                    SLANT_MEASURE_INTENSITY_PER_1K &&
                SLANT_MEASURE_INTENSITY_PER_1K + 1 == SLANT_N_MEASURES &&
                SLANT_N_SCORES == 4);

const char *
slant_measure_name(int measure)
{
    return measure >= 0 && measure < SLANT_N_MEASURES ? measure_names[measure] : NULL;
}

/* One hit as the accessors give it: the token numbers of the matcher's
 * SlantHit turned into a field and byte offsets. */
typedef struct {
    guint32 entry;
    guint32 sentence;
    gsize start, end;
    double weight;
    gint8 pole;
    guint8 negated;
    guint8 quoted;
    guint8 field; /* SlantSegment */
} ApiHit;

struct _SlantScore {
    const SlantLexicon *lex;
    const SlantDocument *doc; /* a run's document (borrowed), or NULL for a text alone */
    char *title, *text;       /* a text alone: copies; NULL (title: none) otherwise */
    SlantDocTally tally;      /* a text alone: owned; a run's: borrowed arrays, not cleared */
    ApiHit *hits;             /* owned by a text alone; a run's buffer otherwise */
    gsize n_hits;
};

/* fill_hits: @n hits of a document with @tokens, into @out (room for @n). */
static void
fill_hits(ApiHit *out, const SlantHit *hits, gsize n, const SlantToken *tokens)
{
    for (gsize i = 0; i < n; i++) {
        const SlantHit *h = &hits[i];
        const SlantToken *first = &tokens[h->first_token];
        const SlantToken *last = &tokens[h->first_token + h->n_tokens - 1];
        out[i] = (ApiHit) {
            .entry = h->entry,
            .sentence = first->sentence,
            .start = first->start,
            .end = last->end,
            .weight = h->weight,
            .pole = h->pole,
            .negated = h->negated,
            .quoted = h->quoted,
            .field = first->segment,
        };
    }
}

void
slant_score_free(SlantScore *score)
{
    if (score == NULL)
        return;
    g_free(score->title);
    g_free(score->text);
    slant_doc_tally_clear(&score->tally);
    g_free(score->hits);
    g_free(score);
}

const char *
slant_score_id(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, NULL);
    return score->doc != NULL ? score->doc->id : NULL;
}

const char *
slant_score_source(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, NULL);
    return score->doc != NULL ? score->doc->source : NULL;
}

const char *
slant_score_label(const SlantScore *score, const char *name)
{
    g_return_val_if_fail(score != NULL && name != NULL, NULL);
    return score->doc != NULL ? slant_document_label(score->doc, name) : NULL;
}

const char *
slant_score_title(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, NULL);
    return score->doc != NULL ? score->doc->title : score->title;
}

const char *
slant_score_text(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, NULL);
    return score->doc != NULL ? score->doc->text : score->text;
}

uint64_t
slant_score_tokens(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, 0);
    return score->tally.tokens;
}

unsigned
slant_score_sentences(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, 0);
    return score->tally.sentences;
}

size_t
slant_score_axis_count(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, 0);
    return score->tally.n_axes;
}

const char *
slant_score_axis_id(const SlantScore *score, size_t axis)
{
    g_return_val_if_fail(score != NULL && axis < score->tally.n_axes, NULL);
    return slant_lexicon_axis(score->lex, (guint) axis)->id;
}

double
slant_score_axis_value(const SlantScore *score, size_t axis, int measure)
{
    g_return_val_if_fail(score != NULL && axis < score->tally.n_axes && measure >= 0 &&
                             measure < SLANT_N_MEASURES,
                         0);
    const SlantAxisTally *x = &score->tally.axes[axis];
    switch ((SlantMeasure) measure) {
    case SLANT_MEASURE_HITS_POSITIVE:
        return x->hits_pos;
    case SLANT_MEASURE_HITS_NEGATIVE:
        return x->hits_neg;
    case SLANT_MEASURE_NEGATED:
        return x->negated;
    case SLANT_MEASURE_POSITIVE:
        return x->pos;
    case SLANT_MEASURE_NEGATIVE:
        return x->neg;
    default: {
        /* the scores as `slant score` computes them */
        double sc[SLANT_N_SCORES];
        slant_scores_compute(x->pos, x->neg, score->tally.tokens, sc);
        return sc[measure - SLANT_MEASURE_BALANCE];
    }
    }
}

size_t
slant_score_category_count(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, 0);
    return score->tally.n_categories;
}

const char *
slant_score_category_id(const SlantScore *score, size_t category)
{
    g_return_val_if_fail(score != NULL && category < score->tally.n_categories, NULL);
    return slant_lexicon_category(score->lex, (guint) category)->id;
}

unsigned
slant_score_category_hits(const SlantScore *score, size_t category)
{
    g_return_val_if_fail(score != NULL && category < score->tally.n_categories, 0);
    return score->tally.categories[category].hits;
}

unsigned
slant_score_category_negated(const SlantScore *score, size_t category)
{
    g_return_val_if_fail(score != NULL && category < score->tally.n_categories, 0);
    return score->tally.categories[category].negated;
}

unsigned
slant_score_category_quoted(const SlantScore *score, size_t category)
{
    g_return_val_if_fail(score != NULL && category < score->tally.n_categories, 0);
    return score->tally.categories[category].quoted;
}

unsigned
slant_score_axis_quoted(const SlantScore *score, size_t axis)
{
    g_return_val_if_fail(score != NULL && axis < score->tally.n_axes, 0);
    return score->tally.axes[axis].quoted;
}

size_t
slant_score_hit_count(const SlantScore *score)
{
    g_return_val_if_fail(score != NULL, 0);
    return score->n_hits;
}

static const ApiHit *
hit_at(const SlantScore *score, size_t hit)
{
    g_return_val_if_fail(score != NULL && hit < score->n_hits, NULL);
    return &score->hits[hit];
}

unsigned
slant_score_hit_entry(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->entry : 0;
}

const char *
slant_score_hit_pattern(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? slant_lexicon_entry(score->lex, h->entry)->pattern : NULL;
}

const char *
slant_score_hit_group(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? entry_group_id(score->lex, slant_lexicon_entry(score->lex, h->entry)) : NULL;
}

int
slant_score_hit_pole(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->pole : 0;
}

int
slant_score_hit_negated(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->negated : 0;
}

int
slant_score_hit_quoted(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->quoted : 0;
}

double
slant_score_hit_weight(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->weight : 0;
}

const char *
slant_score_hit_field(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    if (h == NULL)
        return NULL;
    return h->field == SLANT_SEGMENT_TITLE ? "title" : "text";
}

unsigned
slant_score_hit_sentence(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->sentence : 0;
}

size_t
slant_score_hit_start(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->start : 0;
}

size_t
slant_score_hit_end(const SlantScore *score, size_t hit)
{
    const ApiHit *h = hit_at(score, hit);
    return h != NULL ? h->end : 0;
}

/* ---- one text ---- */

struct _SlantScorer {
    const SlantLexicon *lex;
    SlantMatcher *matcher;
    SlantAnalysis analysis; /* reused from text to text */
};

SlantScorer *
slant_scorer_new(const SlantLexicon *lex, GError **error)
{
    g_return_val_if_fail(lex != NULL, NULL);
    SlantMatcher *m = slant_matcher_new(lex, error);
    if (m == NULL)
        return NULL;
    SlantScorer *sc = g_new0(SlantScorer, 1);
    sc->lex = lex;
    sc->matcher = m;
    slant_analysis_init(&sc->analysis);
    return sc;
}

void
slant_scorer_free(SlantScorer *scorer)
{
    if (scorer == NULL)
        return;
    slant_analysis_clear(&scorer->analysis);
    slant_matcher_free(scorer->matcher);
    g_free(scorer);
}

/* check_text: @s (@len bytes) is UTF-8 the tokenizer takes; else an error
 * naming @what ("title" or "text") and the place. */
static gboolean
check_text(const char *what, const char *s, gsize len, GError **error)
{
    if (len >= G_MAXUINT32) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_TOO_LARGE,
                    "%s: %" G_GSIZE_FORMAT " bytes, more than a text may have (4 GiB)", what, len);
        return FALSE;
    }
    guint64 line = 0, col = 0;
    if (!slant_utf8_validate(s, len, &line, &col)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_UTF8,
                    "%s:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ": invalid UTF-8", what, line, col);
        return FALSE;
    }
    return TRUE;
}

SlantScore *
slant_scorer_score(SlantScorer *scorer, const char *title, const char *text, GError **error)
{
    g_return_val_if_fail(scorer != NULL && text != NULL, NULL);
    if (title != NULL && *title == '\0')
        title = NULL; /* as the corpus readers take an empty title */
    gsize title_len = title != NULL ? strlen(title) : 0, text_len = strlen(text);
    if ((title != NULL && !check_text("title", title, title_len, error)) ||
        !check_text("text", text, text_len, error))
        return NULL;
    SlantAnalysis *a = &scorer->analysis;
    slant_matcher_analyze(scorer->matcher, title, title_len, text, text_len, a);
    SlantScore *s = g_new0(SlantScore, 1);
    s->lex = scorer->lex;
    s->title = g_strdup(title);
    s->text = g_strdup(text);
    slant_doc_tally_compute(&s->tally, scorer->lex, a);
    s->n_hits = a->hits->len;
    s->hits = g_new(ApiHit, MAX(s->n_hits, 1));
    fill_hits(s->hits, (const SlantHit *) (void *) a->hits->data, s->n_hits,
              (const SlantToken *) (void *) a->tokens->data);
    return s;
}

/* ---- corpus runs ---- */

struct _SlantRun {
    const SlantLexicon *lex;
    SlantEngineOptions engine_opts;
    SlantAggregateOptions agg_opts;
    SlantKey group_by;
    char *pairs, *reference;   /* as set, for slant_pair_design_parse() */
    SlantPairDesign design;
    char **design_storage;
    SlantEngine *engine;       /* from the first input on */
    SlantAggregate *agg;
    SlantKeyCount group_count;
    gboolean finished;         /* the aggregate is: no more inputs */
    SlantReportInput input;    /* what the report borrows */
    SlantReport *report;
    /* during slant_run_add() */
    SlantScoreFunc fn;
    void *user;
    GArray *hit_buffer;        /* ApiHit, reused from document to document */
};

SlantRun *
slant_run_new(const SlantLexicon *lex)
{
    g_return_val_if_fail(lex != NULL, NULL);
    SlantRun *run = g_new0(SlantRun, 1);
    run->lex = lex;
    /* the defaults of `slant compare` */
    run->engine_opts = (SlantEngineOptions) {
        .threads = 0,
        .max_document_bytes = 64 * 1024 * 1024,
        .keep_tokens = TRUE, /* the callbacks' hits have byte offsets */
    };
    run->agg_opts = (SlantAggregateOptions) {
        .bootstrap = 1000,
        .seed = 1,
        .level = 0.95,
        .top_terms = 10,
    };
    slant_key_parse(&run->group_by, "source", "group-by", NULL);
    slant_pair_design_parse(NULL, NULL, &run->design, &run->design_storage, NULL);
    slant_key_count_init(&run->group_count);
    run->hit_buffer = g_array_new(FALSE, FALSE, sizeof(ApiHit));
    return run;
}

void
slant_run_free(SlantRun *run)
{
    if (run == NULL)
        return;
    slant_report_free(run->report);
    slant_aggregate_free(run->agg);
    slant_engine_free(run->engine);
    slant_key_clear(&run->group_by);
    slant_key_count_clear(&run->group_count);
    g_free(run->pairs);
    g_free(run->reference);
    g_strfreev(run->design_storage);
    g_array_unref(run->hit_buffer);
    g_free(run);
}

static gboolean
bad_value(const char *name, const char *value, const char *expected, GError **error)
{
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "option '%s': '%s' is not %s", name, value,
                expected);
    return FALSE;
}

static gboolean
parse_uint(const char *name, const char *value, guint64 max, const char *expected, guint64 *out,
           GError **error)
{
    if (!g_ascii_string_to_unsigned(value, 10, 0, max, out, NULL) || value[0] == '+')
        return bad_value(name, value, expected, error);
    return TRUE;
}

gboolean
slant_run_set_option(SlantRun *run, const char *name, const char *value, GError **error)
{
    g_return_val_if_fail(run != NULL && name != NULL && value != NULL, FALSE);
    guint64 n = 0;
    if (run->engine != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "option '%s': options are set before the first input", name);
        return FALSE;
    }
    if (strcmp(name, "threads") == 0) {
        if (!parse_uint(name, value, 1024, "a number of threads from 0 to 1024", &n, error))
            return FALSE;
        run->engine_opts.threads = (guint) n;
    } else if (strcmp(name, "strict") == 0) {
        if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
            return bad_value(name, value, "'true' or 'false'", error);
        run->engine_opts.strict = strcmp(value, "true") == 0;
    } else if (strcmp(name, "max-document-bytes") == 0) {
        if (!parse_uint(name, value, G_MAXSIZE, "a number of bytes (0: no limit)", &n, error))
            return FALSE;
        run->engine_opts.max_document_bytes = (gsize) n;
    } else if (strcmp(name, "seed") == 0) {
        if (!parse_uint(name, value, G_MAXINT64, "a seed from 0 to 2^63 - 1", &n, error))
            return FALSE;
        run->agg_opts.seed = n;
    } else if (strcmp(name, "bootstrap") == 0) {
        if (!parse_uint(name, value, 1000000, "a number of replicates from 0 to 1000000", &n, error))
            return FALSE;
        run->agg_opts.bootstrap = (guint) n;
    } else if (strcmp(name, "top") == 0) {
        if (!parse_uint(name, value, 100000, "a number of terms from 0 to 100000", &n, error))
            return FALSE;
        run->agg_opts.top_terms = (guint) n;
    } else if (strcmp(name, "level") == 0) {
        char *end = NULL;
        double level = g_ascii_strtod(value, &end);
        if (end == value || *end != '\0' || !(level > 0 && level < 1))
            return bad_value(name, value, "a level between 0 and 1", error);
        run->agg_opts.level = level;
    } else if (strcmp(name, "voice") == 0) {
        SlantVoice voice;
        if (!slant_voice_parse(value, &voice))
            return bad_value(name, value, "all, own or quoted", error);
        run->engine_opts.voice = voice;
    } else if (strcmp(name, "group-by") == 0) {
        SlantKey key;
        if (!slant_key_parse(&key, value, "group-by", error))
            return FALSE;
        slant_key_clear(&run->group_by);
        run->group_by = key;
    } else if (strcmp(name, "pairs") == 0 || strcmp(name, "reference") == 0) {
        /* the design borrows the reference's string: parse the run's copies */
        char **slot = strcmp(name, "pairs") == 0 ? &run->pairs : &run->reference;
        char *old = *slot;
        *slot = g_strdup(value);
        SlantPairDesign design;
        char **storage = NULL;
        if (!slant_pair_design_parse(run->pairs, run->reference, &design, &storage, error)) {
            g_free(*slot);
            *slot = old;
            return FALSE;
        }
        g_free(old);
        g_strfreev(run->design_storage);
        run->design = design;
        run->design_storage = storage;
    } else {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "unknown option '%s'", name);
        return FALSE;
    }
    return TRUE;
}

static gboolean
run_begin(SlantRun *run, GError **error)
{
    if (run->engine != NULL)
        return TRUE;
    run->engine = slant_engine_new(run->lex, &run->engine_opts, error);
    if (run->engine == NULL)
        return FALSE;
    run->agg_opts.threads = slant_engine_threads(run->engine);
    run->agg = slant_aggregate_new(run->lex, &run->agg_opts);
    return TRUE;
}

/* Each document as `slant compare` takes it, then to the caller. */
static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    SlantRun *run = user;
    char buf[SLANT_KEY_BUF];
    SlantKeyStatus st;
    const char *group = slant_key_value(&run->group_by, r->doc, buf, &st);
    slant_key_count_add(&run->group_count, &run->group_by, r->doc, st);
    const SlantHit *hits = (const SlantHit *) (void *) r->hits->data;
    slant_aggregate_add(run->agg, group != NULL ? group : SLANT_KEY_NONE, NULL, r->doc->id,
                        &r->tally, hits, r->hits->len);
    if (run->fn == NULL)
        return TRUE;
    g_array_set_size(run->hit_buffer, r->hits->len);
    fill_hits((ApiHit *) (void *) run->hit_buffer->data, hits, r->hits->len,
              (const SlantToken *) (void *) r->tokens->data);
    SlantScore s = {
        .lex = run->lex,
        .doc = r->doc,
        .tally = r->tally,
        .hits = (ApiHit *) (void *) run->hit_buffer->data,
        .n_hits = r->hits->len,
    };
    if (run->fn(&s, run->user) != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED,
                    "the callback stopped the run at document '%s'", r->doc->id);
        return FALSE;
    }
    return TRUE;
}

gboolean
slant_run_add(SlantRun *run, const char *path, SlantScoreFunc fn, void *user_data, GError **error)
{
    g_return_val_if_fail(run != NULL && path != NULL, FALSE);
    if (run->finished) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "cannot add '%s': the run's report was written", path);
        return FALSE;
    }
    if (!run_begin(run, error))
        return FALSE;
    run->fn = fn;
    run->user = user_data;
    gboolean ok = slant_engine_run(run->engine, path, path, on_result, run, error);
    run->fn = NULL;
    run->user = NULL;
    return ok;
}

uint64_t
slant_run_document_count(const SlantRun *run)
{
    g_return_val_if_fail(run != NULL, 0);
    return run->engine != NULL ? slant_engine_n_scored(run->engine) : 0;
}

size_t
slant_run_skip_count(const SlantRun *run)
{
    g_return_val_if_fail(run != NULL, 0);
    return run->engine != NULL ? slant_engine_skipped(run->engine)->len : 0;
}

static const SlantSkip *
skip_at(const SlantRun *run, size_t skip)
{
    g_return_val_if_fail(run != NULL && skip < slant_run_skip_count(run), NULL);
    return g_ptr_array_index(slant_engine_skipped(run->engine), skip);
}

int
slant_run_skip_code(const SlantRun *run, size_t skip)
{
    const SlantSkip *s = skip_at(run, skip);
    return s != NULL ? s->code : -1;
}

const char *
slant_run_skip_message(const SlantRun *run, size_t skip)
{
    const SlantSkip *s = skip_at(run, skip);
    return s != NULL ? s->message : NULL;
}

/* run_report: finish the run (once) and make its report model. */
static const SlantReport *
run_report(SlantRun *run, GError **error)
{
    if (run->report != NULL)
        return run->report;
    if (!run_begin(run, error))
        return NULL;
    /* a key no document has is a mistake (a misspelt label), as in compare */
    if (!slant_key_count_check(&run->group_count, &run->group_by, "group-by", error))
        return NULL;
    if (!run->finished) {
        slant_aggregate_finish(run->agg);
        run->finished = TRUE;
    }
    run->input = (SlantReportInput) {
        .lex = run->lex,
        .inputs = slant_engine_inputs(run->engine),
        .skipped = slant_engine_skipped(run->engine),
        .agg = run->agg,
        .strict = run->engine_opts.strict,
        .max_document_bytes = run->engine_opts.max_document_bytes,
        .group_by = run->group_by.spec,
        .pairs = run->design,
        .voice = run->engine_opts.voice,
    };
    run->report = slant_report_new(&run->input, error);
    return run->report;
}

typedef struct {
    SlantOutputFunc fn;
    void *user;
} OutputTo;

static gboolean
write_to_func(const char *data, gsize len, gpointer user, GError **error)
{
    const OutputTo *o = user;
    if (o->fn(data, len, o->user) != 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "the output callback stopped the report");
        return FALSE;
    }
    return TRUE;
}

static gboolean
report_format(const char *name, SlantReportFormat *format, GError **error)
{
    if (name == NULL)
        name = "json";
    if (!slant_report_format_parse(name, format)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "report format '%s': expected json, csv, html or text", name);
        return FALSE;
    }
    return TRUE;
}

gboolean
slant_run_write_report_to(SlantRun *run, const char *format, SlantOutputFunc fn, void *user_data,
                          GError **error)
{
    g_return_val_if_fail(run != NULL && fn != NULL, FALSE);
    SlantReportFormat f;
    if (!report_format(format, &f, error))
        return FALSE;
    const SlantReport *report = run_report(run, error);
    if (report == NULL)
        return FALSE;
    OutputTo o = {fn, user_data};
    return slant_report_write(report, f, write_to_func, &o, error);
}

typedef struct {
    FILE *f;
    const char *path;
} OutputFile;

static gboolean
write_to_file(const char *data, gsize len, gpointer user, GError **error)
{
    const OutputFile *o = user;
    if (fwrite(data, 1, len, o->f) != len) {
        int err = errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", o->path,
                    g_strerror(err));
        return FALSE;
    }
    return TRUE;
}

gboolean
slant_run_write_report(SlantRun *run, const char *format, const char *path, GError **error)
{
    g_return_val_if_fail(run != NULL && path != NULL, FALSE);
    SlantReportFormat f;
    if (!report_format(format, &f, error))
        return FALSE;
    const SlantReport *report = run_report(run, error);
    if (report == NULL)
        return FALSE;
    /* a temporary file beside @path, renamed once complete: mode 0666
     * less the umask, as a plain create would make it */
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *name = g_strdup_printf(".%s.XXXXXX", base);
    g_autofree char *tmp = g_build_filename(dir, name, NULL);
    int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
        int err = errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(err));
        return FALSE;
    }
    OutputFile o = {fdopen(fd, "w"), path};
    if (o.f == NULL) {
        int err = errno;
        close(fd);
        g_unlink(tmp);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(err));
        return FALSE;
    }
    gboolean ok = slant_report_write(report, f, write_to_file, &o, error);
    if (ok && (fflush(o.f) != 0 || fsync(fd) != 0)) {
        int err = errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(err));
        ok = FALSE;
    }
    if (fclose(o.f) != 0 && ok) {
        int err = errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(err));
        ok = FALSE;
    }
    if (ok && g_rename(tmp, path) != 0) {
        int err = errno;
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write '%s': %s", path,
                    g_strerror(err));
        ok = FALSE;
    }
    if (!ok)
        g_unlink(tmp);
    return ok;
}

/* test-report.c: the report writer of engine/lib/report.h and the JSON
 * text writer under it (engine/lib/jsonw.h).
 *
 * - slant_report_number() against slant_report_number_slow(), the plain
 *   g_ascii_formatd path, on a few million values: random bit patterns and
 *   magnitudes, values next to a half of a millionth, exact halves, the
 *   1e9 boundary of the fast path, subnormals, zeros and non-finite values.
 * - jsonw against cJSON_Print on random trees: the report's big arrays are
 *   written with jsonw and must keep cJSON's bytes; its compact mode
 *   against cJSON_PrintUnformatted (score's lines).
 * - slant_report_write() (JSON) on a synthetic corpus (made at test time
 *   from a fixed word list and seed) of enough sources for the formatting
 *   to run on several threads: the same bytes for any thread count, and a
 *   failed write stops the report with its error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "engine.h"
#include "jsonw.h"
#include "report.h"
#include "slant-error.h"

#define SEED 20240611

/* ---- slant_report_number ---- */

static void
assert_number_as_slow_path(double v)
{
    char fast[64], slow[64];
    slant_report_number(v, fast, sizeof fast);
    slant_report_number_slow(v, slow, sizeof slow);
    if (strcmp(fast, slow) != 0)
        fail_msg("%a (%.17g): \"%s\", slow path \"%s\"", v, v, fast, slow);
}

static double
random_bits(GRand *r)
{
    guint64 bits = ((guint64) g_rand_int(r) << 32) | g_rand_int(r);
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static void
number_should_write_known_values(void **state)
{
    (void) state;
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {0.0, "0"},
        {-0.0, "0"},
        {1.0, "1"},
        {-1.0, "-1"},
        {1.5, "1.5"},
        {0.1, "0.1"},
        {-123.4560001, "-123.456"},
        {0.0000005, "0"},          /* just below the half in binary */
        {0.0000015, "0.000002"},   /* just above */
        {2.5e-7, "0"},
        {-0.0000004, "0"},         /* "-0.000000" */
        {-0.0000006, "-0.000001"},
        {0.0078125, "0.007812"},   /* an exact half: to even */
        {0.0234375, "0.023438"},   /* an exact half: to even, up */
        {999999999.9999996, "1000000000"},
        {1e9, "1000000000"},
        {-1e9, "-1000000000"},
        {123456789.123456, "123456789.123456"},
        {4.9406564584124654e-324, "0"},
        {-DBL_MIN, "0"},
        {1e10, "10000000000"},
        {12345678901.5, "12345678901.5"},
        {INFINITY, "null"},
        {-INFINITY, "null"},
        {NAN, "null"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        char buf[64];
        assert_string_equal(slant_report_number(cases[i].v, buf, sizeof buf), cases[i].text);
        assert_number_as_slow_path(cases[i].v);
    }
}

static void
number_should_match_slow_path_on_random_bit_patterns(void **state)
{
    (void) state;
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED);
    for (int i = 0; i < 500000; i++)
        assert_number_as_slow_path(random_bits(r));
}

static void
number_should_match_slow_path_on_random_magnitudes(void **state)
{
    (void) state;
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED + 1);
    for (int i = 0; i < 1500000; i++) {
        /* 1e-12 .. 1e10, both signs: all the fast path's range and past it */
        double v = g_rand_double(r) * pow(10.0, g_rand_int_range(r, -12, 11));
        assert_number_as_slow_path(g_rand_boolean(r) ? v : -v);
    }
}

static void
number_should_match_slow_path_near_halves(void **state)
{
    (void) state;
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED + 2);
    for (int i = 0; i < 100000; i++) {
        /* (k + 1/2) millionths, for k from tiny to the 1e9 boundary, and
         * the doubles around it */
        double k = floor(g_rand_double(r) * pow(10.0, g_rand_int_range(r, 0, 16)));
        double v = (k + 0.5) / 1e6;
        double lo = v, hi = v;
        assert_number_as_slow_path(v);
        assert_number_as_slow_path(-v);
        for (int u = 0; u < 4; u++) {
            lo = nextafter(lo, -INFINITY);
            hi = nextafter(hi, INFINITY);
            assert_number_as_slow_path(lo);
            assert_number_as_slow_path(hi);
            assert_number_as_slow_path(-lo);
            assert_number_as_slow_path(-hi);
        }
    }
    /* exact halves: odd multiples of 2^-7 .. 2^-20 are (k + 1/2) millionths
     * when 5^6 divides them; test every odd multiple in a range */
    for (int e = 7; e <= 24; e++)
        for (int m = 1; m < 20000; m += 2) {
            assert_number_as_slow_path(ldexp(m, -e));
            assert_number_as_slow_path(-ldexp(m, -e));
            assert_number_as_slow_path(ldexp(m, -e) + 1e8);
        }
}

static void
number_should_match_slow_path_at_edges(void **state)
{
    (void) state;
    const double edges[] = {
        0.0, -0.0, 1e9, -1e9, 1e9 - 0.5e-6, 999999999.9999995, 999999999.9999994,
        999999999.9999996, 1e15 / 1e6, 0x1p47 / 1e6, 0x1p53 / 1e6, 1e-6, 5e-7, 1.5e-6,
        DBL_MIN, -DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN / 3, DBL_MAX, -DBL_MAX,
        DBL_EPSILON, 0.5, -0.5, 1e-7, 4.9999999999999e-7, 5.0000000000001e-7,
        INFINITY, -INFINITY, NAN, -NAN,
    };
    for (gsize i = 0; i < G_N_ELEMENTS(edges); i++) {
        double v = edges[i];
        assert_number_as_slow_path(v);
        double lo = v, hi = v;
        for (int u = 0; u < 64; u++) {
            lo = nextafter(lo, -INFINITY);
            hi = nextafter(hi, INFINITY);
            assert_number_as_slow_path(lo);
            assert_number_as_slow_path(hi);
        }
    }
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED + 3);
    for (int i = 0; i < 200000; i++) {
        /* subnormals and tiny normals */
        double v = ldexp(g_rand_double(r), -g_rand_int_range(r, 20, 1075));
        assert_number_as_slow_path(g_rand_boolean(r) ? v : -v);
    }
}

/* ---- jsonw against cJSON_Print ---- */

/* A short string of mostly letters, with quotes, backslashes, control and
 * non-ASCII bytes now and then. */
static char *
random_string(GRand *r)
{
    static const char special[] = "\"\\/\b\f\n\r\t\x01\x1f\x7f\x80\xc3\xa9\xff ";
    int n = g_rand_int_range(r, 0, 12);
    char *s = g_malloc(n + 1);
    for (int i = 0; i < n; i++) {
        if (g_rand_int_range(r, 0, 4) == 0)
            s[i] = special[g_rand_int_range(r, 0, sizeof special - 1)];
        else if (g_rand_int_range(r, 0, 8) == 0)
            s[i] = (char) g_rand_int_range(r, 1, 256);
        else
            s[i] = (char) g_rand_int_range(r, 'a', 'z' + 1);
    }
    s[n] = '\0';
    return s;
}

static cJSON *
random_value(GRand *r, int depth)
{
    int kind = g_rand_int_range(r, depth >= 5 ? 2 : 0, 4);
    switch (kind) {
    case 0: {
        cJSON *o = cJSON_CreateObject();
        for (int i = g_rand_int_range(r, 0, 5); i > 0; i--) {
            g_autofree char *key = random_string(r);
            cJSON_AddItemToObject(o, key, random_value(r, depth + 1));
        }
        return o;
    }
    case 1: {
        cJSON *a = cJSON_CreateArray();
        for (int i = g_rand_int_range(r, 0, 5); i > 0; i--)
            cJSON_AddItemToArray(a, random_value(r, depth + 1));
        return a;
    }
    case 2: {
        g_autofree char *s = random_string(r);
        return cJSON_CreateString(s);
    }
    default: {
        char buf[64];
        return cJSON_CreateRaw(slant_report_number(random_bits(r), buf, sizeof buf));
    }
    }
}

/* Write @item with @w, as the report writer would. */
static void
write_like(SlantJsonWriter *w, const cJSON *item)
{
    if (cJSON_IsObject(item)) {
        slant_jsonw_begin_object(w);
        for (const cJSON *c = item->child; c != NULL; c = c->next) {
            slant_jsonw_key(w, c->string);
            write_like(w, c);
        }
        slant_jsonw_end_object(w);
    } else if (cJSON_IsArray(item)) {
        slant_jsonw_begin_array(w);
        for (const cJSON *c = item->child; c != NULL; c = c->next)
            write_like(w, c);
        slant_jsonw_end_array(w);
    } else if (cJSON_IsString(item)) {
        slant_jsonw_string(w, item->valuestring);
    } else {
        slant_jsonw_raw(w, item->valuestring);
    }
}

/* cJSON_Print of @item with @depth tabs after every newline: the bytes of
 * @item printed in place, @depth deep. */
static char *
print_at(const cJSON *item, guint depth)
{
    char *text = cJSON_Print(item);
    GString *out = g_string_new(NULL);
    for (const char *c = text; *c != '\0'; c++) {
        g_string_append_c(out, *c);
        if (*c == '\n')
            for (guint d = 0; d < depth; d++)
                g_string_append_c(out, '\t');
    }
    cJSON_free(text);
    return g_string_free(out, FALSE);
}

static void
assert_written_like_cjson(const cJSON *item, guint depth)
{
    g_autoptr(GString) got = g_string_new(NULL);
    SlantJsonWriter w;
    slant_jsonw_init(&w, got, depth);
    write_like(&w, item);
    g_autofree char *want = print_at(item, depth);
    assert_string_equal(got->str, want);
}

static void
jsonw_should_print_like_cjson_on_random_trees(void **state)
{
    (void) state;
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED + 4);
    for (int i = 0; i < 5000; i++) {
        cJSON *tree = random_value(r, 0);
        assert_written_like_cjson(tree, 0);
        assert_written_like_cjson(tree, 2);
        cJSON_Delete(tree);
    }
}

/* The compact writer against cJSON_PrintUnformatted (score's lines). */
static void
assert_compact_like_cjson(const cJSON *item)
{
    g_autoptr(GString) got = g_string_new(NULL);
    SlantJsonWriter w;
    slant_jsonw_init_compact(&w, got);
    write_like(&w, item);
    char *want = cJSON_PrintUnformatted(item);
    assert_string_equal(got->str, want);
    cJSON_free(want);
}

static void
jsonw_compact_should_print_like_cjson_unformatted_on_random_trees(void **state)
{
    (void) state;
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED + 5);
    for (int i = 0; i < 5000; i++) {
        cJSON *tree = random_value(r, 0);
        assert_compact_like_cjson(tree);
        cJSON_Delete(tree);
    }
    /* empty containers, nested */
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "o", cJSON_CreateObject());
    cJSON_AddItemToObject(o, "a", cJSON_CreateArray());
    cJSON *n = cJSON_AddArrayToObject(o, "n");
    cJSON_AddItemToArray(n, cJSON_CreateObject());
    cJSON_AddItemToArray(n, cJSON_CreateRaw("7"));
    assert_compact_like_cjson(o);
    cJSON_Delete(o);
}

static void
jsonw_should_escape_every_byte_like_cjson(void **state)
{
    (void) state;
    char all[256];
    for (int c = 1; c < 256; c++)
        all[c - 1] = (char) c;
    all[255] = '\0';
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, all, all);
    cJSON_AddStringToObject(o, "", "");
    assert_written_like_cjson(o, 0);
    assert_compact_like_cjson(o);
    cJSON_Delete(o);
}

static void
jsonw_should_write_empty_containers_as_cjson_does(void **state)
{
    (void) state;
    g_autoptr(GString) out = g_string_new(NULL);
    SlantJsonWriter w;
    slant_jsonw_init(&w, out, 2);
    slant_jsonw_begin_object(&w);
    slant_jsonw_key(&w, "o");
    slant_jsonw_begin_object(&w);
    slant_jsonw_end_object(&w);
    slant_jsonw_key(&w, "a");
    slant_jsonw_begin_array(&w);
    slant_jsonw_end_array(&w);
    slant_jsonw_key(&w, "n");
    slant_jsonw_begin_array(&w);
    slant_jsonw_begin_object(&w);
    slant_jsonw_end_object(&w);
    slant_jsonw_uint(&w, 7);
    slant_jsonw_end_array(&w);
    slant_jsonw_end_object(&w);
    assert_string_equal(out->str, "{\n\t\t\t\"o\":\t{\n\t\t\t},\n\t\t\t\"a\":\t[],\n"
                                  "\t\t\t\"n\":\t[{\n\t\t\t\t}, 7]\n\t\t}");
}

static void
jsonw_uint_should_write_decimal(void **state)
{
    (void) state;
    const guint64 values[] = {0, 1, 9, 10, 99, 100, 4294967295u, 4294967296u, G_MAXUINT64};
    for (gsize i = 0; i < G_N_ELEMENTS(values); i++) {
        g_autoptr(GString) out = g_string_new(NULL);
        SlantJsonWriter w;
        slant_jsonw_init(&w, out, 0);
        slant_jsonw_uint(&w, values[i]);
        g_autofree char *want = g_strdup_printf("%" G_GUINT64_FORMAT, values[i]);
        assert_string_equal(out->str, want);
    }
}

/* ---- slant_report_compare_write ---- */

#define N_SOURCES 40 /* 780 pairs: several chunks for each thread */

static const char *const words[] = {
    "the", "council", "met", "on", "a", "grey", "morning", "and", "spoke", "about", "trade",
    "roads", "budget", "river", "town", "said", "that", "was", "deterrence", "cornerstone",
    "strengthen ties", "reliance on America", "dependence", "entanglement",
    "non-independent", "friendly", "hostile", "missiles", "attack", "Article 5", "not",
    "very", "deeply", "somewhat", "never",
};

/* A JSON Lines corpus of N_SOURCES sources, 1 to 7 documents each (so both
 * bootstrap units), names with quotes, a backslash, a tab and non-ASCII. */
static char *
make_corpus(void)
{
    g_autoptr(GRand) r = g_rand_new_with_seed(SEED + 5);
    g_autoptr(GString) text = g_string_new(NULL);
    for (int s = 0; s < N_SOURCES; s++) {
        g_autofree char *name = s % 10 == 3 ? g_strdup_printf("Wire \"%02d\" \\ \tÉté", s)
                                            : g_strdup_printf("Source %02d", s);
        for (int d = g_rand_int_range(r, 1, 8); d > 0; d--) {
            g_autoptr(GString) body = g_string_new(NULL);
            for (int k = g_rand_int_range(r, 1, 6); k > 0; k--) {
                for (int i = g_rand_int_range(r, 3, 15); i > 0; i--)
                    g_string_append_printf(body, "%s%s", body->len ? " " : "",
                                           words[g_rand_int_range(r, 0, G_N_ELEMENTS(words))]);
                g_string_append_c(body, '.');
            }
            cJSON *o = cJSON_CreateObject();
            g_autofree char *id = g_strdup_printf("d%02d-%d", s, d);
            cJSON_AddStringToObject(o, "id", id);
            cJSON_AddStringToObject(o, "source", name);
            cJSON_AddStringToObject(o, "text", body->str);
            char *line = cJSON_PrintUnformatted(o);
            g_string_append_printf(text, "%s\n", line);
            cJSON_free(line);
            cJSON_Delete(o);
        }
    }
    char *path = NULL;
    GError *error = NULL;
    int fd = g_file_open_tmp("slant-test-report-XXXXXX.jsonl", &path, &error);
    assert_null(error);
    close(fd);
    assert_true(g_file_set_contents(path, text->str, text->len, &error));
    return path;
}

#define N_RUNS 6
static const guint run_threads[N_RUNS] = {1, 0, 2, 3, 4, 7};

typedef struct {
    SlantAggregate *aggs[N_RUNS];
} Runs;

static gboolean
add_to_all(const SlantResult *res, gpointer user, GError **error)
{
    (void) error;
    Runs *runs = user;
    for (int k = 0; k < N_RUNS; k++)
        slant_aggregate_add(runs->aggs[k], res->doc->source, NULL, res->doc->id, &res->tally,
                            (const SlantHit *) (void *) res->hits->data, res->hits->len);
    return TRUE;
}

typedef struct {
    GString *out;
    guint calls;
    guint fail_at; /* 0: never */
} Sink;

static gboolean
sink_write(const char *data, gsize len, gpointer user, GError **error)
{
    Sink *sink = user;
    if (++sink->calls == sink->fail_at) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot write 'sink': disk full");
        return FALSE;
    }
    assert_true(sink->fail_at == 0 || sink->calls < sink->fail_at);
    g_string_append_len(sink->out, data, len);
    return TRUE;
}

typedef struct {
    char *corpus;
    SlantLexicon *lex;
    SlantEngine *engine;
    Runs runs;
} Fixture;

static int
setup_reports(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    GError *error = NULL;
    f->corpus = make_corpus();
    f->lex = slant_lexicon_load(SLANT_TEST_DATA "/cli/lexicon.json", NULL, &error);
    assert_non_null(f->lex);
    SlantEngineOptions eo = {.threads = 1};
    f->engine = slant_engine_new(f->lex, &eo, &error);
    assert_non_null(f->engine);
    for (int k = 0; k < N_RUNS; k++) {
        SlantAggregateOptions ao = {
            .bootstrap = 50, .seed = 1, .level = 0.95, .top_terms = 3, .threads = run_threads[k],
        };
        f->runs.aggs[k] = slant_aggregate_new(f->lex, &ao);
    }
    assert_true(slant_engine_run(f->engine, f->corpus, "corpus.jsonl", add_to_all, &f->runs, &error));
    assert_int_equal(slant_engine_skipped(f->engine)->len, 0);
    for (int k = 0; k < N_RUNS; k++) {
        slant_aggregate_finish(f->runs.aggs[k]);
        assert_int_equal(slant_aggregate_n_sources(f->runs.aggs[k]), N_SOURCES);
    }
    *state = f;
    return 0;
}

static int
teardown_reports(void **state)
{
    Fixture *f = *state;
    for (int k = 0; k < N_RUNS; k++)
        slant_aggregate_free(f->runs.aggs[k]);
    slant_engine_free(f->engine);
    slant_lexicon_free(f->lex);
    g_unlink(f->corpus);
    g_free(f->corpus);
    g_free(f);
    return 0;
}

static SlantReportInput
report_input(const Fixture *f, int k)
{
    return (SlantReportInput){
        .lex = f->lex,
        .inputs = slant_engine_inputs(f->engine),
        .skipped = slant_engine_skipped(f->engine),
        .agg = f->runs.aggs[k],
        .max_document_bytes = 1024,
    };
}

typedef struct {
    SlantAggregate *few, *all;
} TopRuns;

static gboolean
add_to_both(const SlantResult *res, gpointer user, GError **error)
{
    (void) error;
    TopRuns *t = user;
    const SlantHit *hits = (const SlantHit *) (void *) res->hits->data;
    slant_aggregate_add(t->few, res->doc->source, NULL, res->doc->id, &res->tally, hits, res->hits->len);
    slant_aggregate_add(t->all, res->doc->source, NULL, res->doc->id, &res->tally, hits, res->hits->len);
    return TRUE;
}

static void
assert_drivers_prefix(const GArray *few, const GArray *all, guint k)
{
    assert_int_equal(few->len, MIN(k, all->len));
    for (guint i = 0; i < few->len; i++) {
        const SlantDriver *x = &g_array_index(few, SlantDriver, i);
        const SlantDriver *y = &g_array_index(all, SlantDriver, i);
        assert_int_equal(x->entry, y->entry);
        assert_int_equal(x->hits, y->hits);
        assert_int_equal(x->negated, y->negated);
        assert_memory_equal(&x->contribution, &y->contribution, sizeof(double));
    }
}

/* A few drivers are kept by insertion, many by sorting them all: the few
 * must be the first of the many, for sources and for pairs. */
static void
drivers_should_be_the_first_of_all_drivers_whatever_the_top(void **state)
{
    const Fixture *f = *state;
    SlantAggregateOptions few = {.bootstrap = 0, .seed = 1, .level = 0.95, .top_terms = 3};
    SlantAggregateOptions all = few;
    all.top_terms = 100000;
    TopRuns t = {slant_aggregate_new(f->lex, &few), slant_aggregate_new(f->lex, &all)};
    SlantEngineOptions eo = {.threads = 1};
    GError *error = NULL;
    g_autoptr(SlantEngine) engine = slant_engine_new(f->lex, &eo, &error);
    assert_true(slant_engine_run(engine, f->corpus, "corpus.jsonl", add_to_both, &t, &error));
    slant_aggregate_finish(t.few);
    slant_aggregate_finish(t.all);
    guint na = slant_lexicon_n_axes(f->lex), longest = 0;
    for (guint i = 0; i < slant_aggregate_n_sources(t.few); i++) {
        for (guint a = 0; a < na; a++) {
            const GArray *x = slant_aggregate_source(t.few, i)->axes[a].drivers;
            const GArray *y = slant_aggregate_source(t.all, i)->axes[a].drivers;
            assert_drivers_prefix(x, y, 3);
            longest = MAX(longest, y->len);
        }
    }
    assert_true(longest > 3); /* some source has more drivers than the few */
    SlantPairWork *wf = slant_pair_work_new(t.few), *wa = slant_pair_work_new(t.all);
    /* in order, and out of order (a work keeps nothing of the last pair) */
    guint n = slant_aggregate_n_pairs(t.few);
    for (guint k = 0; k < 2 * n; k++) {
        guint p = k < n ? k : (k * 7919) % n;
        guint ia, ib;
        slant_aggregate_pair(t.few, p, &ia, &ib);
        const SlantAxisComparison *cf = slant_aggregate_compare(t.few, ia, ib, wf)->axes;
        const SlantAxisComparison *ca = slant_aggregate_compare(t.all, ia, ib, wa)->axes;
        for (guint a = 0; a < na; a++) {
            assert_int_equal(cf[a].a, ia);
            assert_int_equal(cf[a].b, ib);
            assert_int_equal(ca[a].a, ia);
            assert_drivers_prefix(cf[a].drivers, ca[a].drivers, 3);
        }
    }
    slant_pair_work_free(wf);
    slant_pair_work_free(wa);
    slant_aggregate_free(t.few);
    slant_aggregate_free(t.all);
}

static void
compare_write_should_give_same_bytes_for_any_thread_count(void **state)
{
    const Fixture *f = *state;
    g_autoptr(GString) first = g_string_new(NULL);
    for (int k = 0; k < N_RUNS; k++) {
        g_autoptr(GString) out = g_string_new(NULL);
        Sink sink = {out, 0, 0};
        SlantReportInput in = report_input(f, k);
        g_autoptr(SlantReport) report = slant_report_new(&in, NULL);
        GError *error = NULL;
        assert_true(slant_report_write(report, SLANT_FORMAT_JSON, sink_write, &sink, &error));
        assert_null(error);
        if (k == 0) {
            g_string_assign(first, out->str);
            /* valid JSON, every pair in it, names escaped */
            cJSON *doc = cJSON_Parse(out->str);
            assert_non_null(doc);
            assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "comparisons")),
                             N_SOURCES * (N_SOURCES - 1) / 2);
            assert_non_null(strstr(out->str, "\"a\":\t\"Wire \\\"03\\\" \\\\ \\tÉté\""));
            cJSON_Delete(doc);
        } else {
            assert_int_equal(out->len, first->len);
            assert_memory_equal(out->str, first->str, first->len);
        }
    }
}

static void
compare_write_should_stop_at_first_failed_write(void **state)
{
    const Fixture *f = *state;
    SlantReportInput in = report_input(f, 4); /* 4 threads */
    g_autoptr(SlantReport) report = slant_report_new(&in, NULL);
    g_autoptr(GString) whole = g_string_new(NULL);
    Sink count = {whole, 0, 0};
    assert_true(slant_report_write(report, SLANT_FORMAT_JSON, sink_write, &count, NULL));
    /* the first call, one in the sources, one in the comparisons, the last */
    const guint fail_at[] = {1, 3, count.calls / 2, count.calls - 1, count.calls};
    for (gsize i = 0; i < G_N_ELEMENTS(fail_at); i++) {
        g_autoptr(GString) out = g_string_new(NULL);
        Sink sink = {out, 0, fail_at[i]};
        GError *error = NULL;
        assert_false(slant_report_write(report, SLANT_FORMAT_JSON, sink_write, &sink, &error));
        assert_non_null(error);
        assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_IO));
        assert_int_equal(sink.calls, fail_at[i]);
        /* what was written is the start of the report */
        assert_memory_equal(out->str, whole->str, out->len);
        g_error_free(error);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_should_write_known_values),
        cmocka_unit_test(number_should_match_slow_path_on_random_bit_patterns),
        cmocka_unit_test(number_should_match_slow_path_on_random_magnitudes),
        cmocka_unit_test(number_should_match_slow_path_near_halves),
        cmocka_unit_test(number_should_match_slow_path_at_edges),
        cmocka_unit_test(jsonw_should_print_like_cjson_on_random_trees),
        cmocka_unit_test(jsonw_compact_should_print_like_cjson_unformatted_on_random_trees),
        cmocka_unit_test(jsonw_should_escape_every_byte_like_cjson),
        cmocka_unit_test(jsonw_should_write_empty_containers_as_cjson_does),
        cmocka_unit_test(jsonw_uint_should_write_decimal),
        cmocka_unit_test_setup_teardown(drivers_should_be_the_first_of_all_drivers_whatever_the_top,
                                        setup_reports, teardown_reports),
        cmocka_unit_test_setup_teardown(compare_write_should_give_same_bytes_for_any_thread_count,
                                        setup_reports, teardown_reports),
        cmocka_unit_test_setup_teardown(compare_write_should_stop_at_first_failed_write,
                                        setup_reports, teardown_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

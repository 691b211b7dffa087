/* test-api.c: the public API of engine/slant.h (engine/lib/api.c).
 *
 * This file includes slant.h alone, as a program using the installed
 * library does, so it checks that the header stands on its own and that
 * its SlantError codes are the library's (by the names the library gives
 * them).  The numbers are worked out by hand from a lexicon of a few
 * entries written here; the corpus is a JSON Lines file written at test
 * time.  Everything made is freed, so the sanitizer build finds any leak
 * of the wrappers.  tests/install/ checks the same API from an installed
 * libslant.so (a C program, Python's ctypes) against the command line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "slant.h"

/* An axis "tone" (good + / bad -, weight 2), a category "things" of one
 * exact word, the negator "not" (window 3) and the intensifier "very". */
static const char LEXICON[] =
    "{\"lexicon\": \"tiny\", \"version\": \"1.2.3\", \"language\": \"english\",\n"
    " \"axes\": [{\"id\": \"tone\", \"positive\": \"upbeat\", \"negative\": \"gloomy\"}],\n"
    " \"categories\": [{\"id\": \"things\"}],\n"
    " \"entries\": [\n"
    "  {\"pattern\": \"good\", \"axis\": \"tone\", \"pole\": \"positive\"},\n"
    "  {\"pattern\": \"bad\", \"axis\": \"tone\", \"pole\": \"gloomy\", \"weight\": 2},\n"
    "  {\"pattern\": \"=thing\", \"category\": \"things\"}],\n"
    " \"modifiers\": {\"negators\": [\"not\"], \"negation_window\": 3,\n"
    "                 \"intensifiers\": {\"very\": 1.5}}}\n";

static SlantLexicon *
tiny_lexicon(void)
{
    GError *error = NULL;
    SlantLexicon *lex = slant_lexicon_open_data(LEXICON, strlen(LEXICON), "tiny.json", &error);
    assert_null(error);
    assert_non_null(lex);
    return lex;
}

static void
version_should_be_the_headers(void **state)
{
    (void) state;
    char v[32];
    g_snprintf(v, sizeof v, "%d.%d.%d", SLANT_VERSION_MAJOR, SLANT_VERSION_MINOR,
               SLANT_VERSION_MICRO);
    assert_string_equal(v, SLANT_VERSION_STRING);
    assert_string_equal(slant_version(), SLANT_VERSION_STRING);
    assert_true(SLANT_CHECK_VERSION(0, 0, 0));
    assert_true(SLANT_CHECK_VERSION(SLANT_VERSION_MAJOR, SLANT_VERSION_MINOR, SLANT_VERSION_MICRO));
    assert_false(SLANT_CHECK_VERSION(SLANT_VERSION_MAJOR + 1, 0, 0));
    assert_false(SLANT_CHECK_VERSION(SLANT_VERSION_MAJOR, SLANT_VERSION_MINOR + 1, 0));
}

static void
error_codes_should_be_the_librarys(void **state)
{
    (void) state;
    static const struct {
        int code;
        const char *name;
    } codes[] = {
        {SLANT_ERROR_USAGE, "usage"},
        {SLANT_ERROR_IO, "io"},
        {SLANT_ERROR_LEXICON_SYNTAX, "lexicon-syntax"},
        {SLANT_ERROR_LEXICON_KEY, "lexicon-key"},
        {SLANT_ERROR_LEXICON_VALUE, "lexicon-value"},
        {SLANT_ERROR_LEXICON_PATTERN, "lexicon-pattern"},
        {SLANT_ERROR_LEXICON_DUPLICATE, "lexicon-duplicate"},
        {SLANT_ERROR_LEXICON_REFERENCE, "lexicon-reference"},
        {SLANT_ERROR_LEXICON_LANGUAGE, "lexicon-language"},
        {SLANT_ERROR_UTF8, "invalid-utf8"},
        {SLANT_ERROR_JSON, "broken-json"},
        {SLANT_ERROR_FORMAT, "bad-format"},
        {SLANT_ERROR_DUPLICATE_ID, "duplicate-id"},
        {SLANT_ERROR_TOO_LARGE, "too-large"},
        {SLANT_ERROR_EMPTY, "empty"},
        {SLANT_ERROR_CHECK_FAILED, "check-failed"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(codes); i++) {
        assert_int_equal(codes[i].code, i); /* in order, from 0 */
        assert_string_equal(slant_error_name(codes[i].code), codes[i].name);
    }
    /* the public list is the whole list */
    assert_string_equal(slant_error_name(SLANT_ERROR_CHECK_FAILED + 1), "unknown");
    assert_true(SLANT_ERROR == g_quark_from_static_string("slant-error-quark"));
}

static void
lexicon_should_say_what_its_file_says(void **state)
{
    (void) state;
    SlantLexicon *lex = tiny_lexicon();
    assert_string_equal(slant_lexicon_get(lex, "name"), "tiny");
    assert_string_equal(slant_lexicon_get(lex, "version"), "1.2.3");
    assert_string_equal(slant_lexicon_get(lex, "language"), "english");
    assert_string_equal(slant_lexicon_get(lex, "path"), "tiny.json");
    assert_null(slant_lexicon_get(lex, "description"));
    assert_null(slant_lexicon_get(lex, "colour"));
    g_autofree char *sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256, LEXICON, -1);
    assert_string_equal(slant_lexicon_get(lex, "sha256"), sha);
    assert_int_equal(slant_lexicon_axis_count(lex), 1);
    assert_string_equal(slant_lexicon_axis_id(lex, 0), "tone");
    assert_string_equal(slant_lexicon_axis_pole(lex, 0, 1), "upbeat");
    assert_string_equal(slant_lexicon_axis_pole(lex, 0, -1), "gloomy");
    assert_int_equal(slant_lexicon_category_count(lex), 1);
    assert_string_equal(slant_lexicon_category_id(lex, 0), "things");
    assert_int_equal(slant_lexicon_entry_count(lex), 3);
    assert_string_equal(slant_lexicon_entry_pattern(lex, 1), "bad");
    assert_string_equal(slant_lexicon_entry_group(lex, 1), "tone");
    assert_int_equal(slant_lexicon_entry_pole(lex, 1), -1);
    assert_true(slant_lexicon_entry_weight(lex, 1) == 2);
    assert_string_equal(slant_lexicon_entry_group(lex, 2), "things");
    assert_int_equal(slant_lexicon_entry_pole(lex, 2), 0);
    assert_true(slant_lexicon_entry_weight(lex, 2) == 1);
    slant_lexicon_close(lex);
    slant_lexicon_close(NULL);
}

static void
lexicon_open_should_say_where_a_lexicon_is_broken(void **state)
{
    (void) state;
    GError *error = NULL;
    static const char broken[] = "{\"lexicon\": \"x\",\n \"version\": 1.0}";
    assert_null(slant_lexicon_open_data(broken, strlen(broken), NULL, &error));
    assert_non_null(error);
    assert_true(error->domain == SLANT_ERROR);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_VALUE);
    assert_true(g_str_has_prefix(error->message, "lexicon:2:"));
    g_clear_error(&error);
    assert_null(slant_lexicon_open("no/such/lexicon.json", &error));
    assert_true(error->domain == SLANT_ERROR);
    assert_int_equal(error->code, SLANT_ERROR_IO);
    assert_non_null(strstr(error->message, "no/such/lexicon.json"));
    g_clear_error(&error);
    assert_null(slant_lexicon_open("no/such/lexicon.json", NULL)); /* NULL: errors ignored */
}

/* Title "Bad news", text "Good thing. It is not bad. Very good.":
 *   title  bad  -2                       (sentence 0, bytes 0-3)
 *   text   good +1, thing (category)     (sentence 1)
 *          bad  negated by "not": +2     (sentence 2, bytes 22-25)
 *          good after "very": +1.5       (sentence 3, bytes 32-36: the
 *          negator is in another sentence)
 * P = 4.5, N = 2, T = 10 tokens, 4 sentences. */
static void
scorer_should_score_a_title_and_a_text(void **state)
{
    (void) state;
    SlantLexicon *lex = tiny_lexicon();
    GError *error = NULL;
    SlantScorer *scorer = slant_scorer_new(lex, &error);
    assert_non_null(scorer);
    for (int round = 0; round < 2; round++) {
        SlantScore *s =
            slant_scorer_score(scorer, "Bad news", "Good thing. It is not bad. Very good.", &error);
        assert_null(error);
        assert_non_null(s);
        assert_null(slant_score_id(s));
        assert_null(slant_score_source(s));
        assert_null(slant_score_label(s, "stance"));
        assert_string_equal(slant_score_title(s), "Bad news");
        assert_string_equal(slant_score_text(s), "Good thing. It is not bad. Very good.");
        assert_int_equal(slant_score_tokens(s), 10);
        assert_int_equal(slant_score_sentences(s), 4);
        assert_int_equal(slant_score_axis_count(s), 1);
        assert_string_equal(slant_score_axis_id(s, 0), "tone");
        double want[SLANT_N_MEASURES] = {
            [SLANT_MEASURE_HITS_POSITIVE] = 3,
            [SLANT_MEASURE_HITS_NEGATIVE] = 1,
            [SLANT_MEASURE_NEGATED] = 1,
            [SLANT_MEASURE_POSITIVE] = 4.5,
            [SLANT_MEASURE_NEGATIVE] = 2,
            [SLANT_MEASURE_BALANCE] = 2.5 / 6.5,
            [SLANT_MEASURE_LOGIT] = log(5.0 / 2.5),
            [SLANT_MEASURE_NET_PER_1K] = 250,
            [SLANT_MEASURE_INTENSITY_PER_1K] = 650,
        };
        for (int m = 0; m < SLANT_N_MEASURES; m++)
            if (fabs(slant_score_axis_value(s, 0, m) - want[m]) > 1e-12)
                fail_msg("%s: %.17g, not %.17g", slant_measure_name(m),
                         slant_score_axis_value(s, 0, m), want[m]);
        assert_int_equal(slant_score_category_count(s), 1);
        assert_string_equal(slant_score_category_id(s, 0), "things");
        assert_int_equal(slant_score_category_hits(s, 0), 1);
        assert_int_equal(slant_score_category_negated(s, 0), 0);
        assert_int_equal(slant_score_category_quoted(s, 0), 0);
        assert_int_equal(slant_score_axis_quoted(s, 0), 0);

        static const struct {
            const char *pattern, *group, *field;
            int pole, negated;
            double weight;
            unsigned entry, sentence;
            size_t start, end;
        } hits[] = {
            {"bad", "tone", "title", -1, 0, 2, 1, 0, 0, 3},
            {"good", "tone", "text", 1, 0, 1, 0, 1, 0, 4},
            {"=thing", "things", "text", 0, 0, 1, 2, 1, 5, 10},
            {"bad", "tone", "text", 1, 1, 2, 1, 2, 22, 25},
            {"good", "tone", "text", 1, 0, 1.5, 0, 3, 32, 36},
        };
        assert_int_equal(slant_score_hit_count(s), G_N_ELEMENTS(hits));
        for (gsize i = 0; i < G_N_ELEMENTS(hits); i++) {
            assert_string_equal(slant_score_hit_pattern(s, i), hits[i].pattern);
            assert_string_equal(slant_score_hit_group(s, i), hits[i].group);
            assert_string_equal(slant_score_hit_field(s, i), hits[i].field);
            assert_int_equal(slant_score_hit_pole(s, i), hits[i].pole);
            assert_int_equal(slant_score_hit_negated(s, i), hits[i].negated);
            assert_int_equal(slant_score_hit_quoted(s, i), 0);
            assert_true(slant_score_hit_weight(s, i) == hits[i].weight);
            assert_int_equal(slant_score_hit_entry(s, i), hits[i].entry);
            assert_int_equal(slant_score_hit_sentence(s, i), hits[i].sentence);
            assert_int_equal(slant_score_hit_start(s, i), hits[i].start);
            assert_int_equal(slant_score_hit_end(s, i), hits[i].end);
        }
        slant_score_free(s);
    }
    slant_score_free(NULL);
    slant_scorer_free(scorer);
    slant_scorer_free(NULL);
    slant_lexicon_close(lex);
}

/* Text 'They said "good thing". Bad.': good (+1) and thing (category)
 * stand inside the quotation marks, bad (-2) outside. */
static void
scorer_should_say_which_hits_are_quoted(void **state)
{
    (void) state;
    SlantLexicon *lex = tiny_lexicon();
    GError *error = NULL;
    SlantScorer *scorer = slant_scorer_new(lex, &error);
    SlantScore *s = slant_scorer_score(scorer, NULL, "They said \"good thing\". Bad.", &error);
    assert_non_null(s);
    assert_int_equal(slant_score_hit_count(s), 3);
    static const char *const pattern[] = {"good", "=thing", "bad"};
    static const int quoted[] = {1, 1, 0};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(slant_score_hit_pattern(s, i), pattern[i]);
        assert_int_equal(slant_score_hit_quoted(s, i), quoted[i]);
    }
    assert_int_equal(slant_score_axis_quoted(s, 0), 1);
    assert_int_equal(slant_score_category_quoted(s, 0), 1);
    assert_int_equal(slant_score_category_hits(s, 0), 1);
    slant_score_free(s);
    slant_scorer_free(scorer);
    slant_lexicon_close(lex);
}

static void
scorer_should_take_an_empty_title_and_text(void **state)
{
    (void) state;
    SlantLexicon *lex = tiny_lexicon();
    SlantScorer *scorer = slant_scorer_new(lex, NULL);
    SlantScore *s = slant_scorer_score(scorer, "", "", NULL);
    assert_non_null(s);
    assert_null(slant_score_title(s));
    assert_int_equal(slant_score_tokens(s), 0);
    assert_int_equal(slant_score_sentences(s), 0);
    assert_int_equal(slant_score_hit_count(s), 0);
    for (int m = 0; m < SLANT_N_MEASURES; m++)
        assert_true(slant_score_axis_value(s, 0, m) == 0);
    slant_score_free(s);
    slant_scorer_free(scorer);
    slant_lexicon_close(lex);
}

static void
scorer_should_refuse_invalid_utf8_with_its_place(void **state)
{
    (void) state;
    SlantLexicon *lex = tiny_lexicon();
    SlantScorer *scorer = slant_scorer_new(lex, NULL);
    static const struct {
        const char *title, *text, *message;
    } cases[] = {
        {NULL, "good \xff", "text:1:6: invalid UTF-8"},
        {"ok\nno \xc3", "good", "title:2:4: invalid UTF-8"},
        {NULL, "a\n\nb \xe2\x82 c", "text:3:3: invalid UTF-8"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *error = NULL;
        assert_null(slant_scorer_score(scorer, cases[i].title, cases[i].text, &error));
        assert_non_null(error);
        assert_true(error->domain == SLANT_ERROR);
        assert_int_equal(error->code, SLANT_ERROR_UTF8);
        assert_string_equal(error->message, cases[i].message);
        g_error_free(error);
    }
    slant_scorer_free(scorer);
    slant_lexicon_close(lex);
}

static void
measure_names_should_be_the_score_keys(void **state)
{
    (void) state;
    static const char *const names[] = {"hits_positive", "hits_negative", "negated", "positive",
                                        "negative", "balance", "logit", "net_per_1k",
                                        "intensity_per_1k"};
    assert_int_equal(G_N_ELEMENTS(names), SLANT_N_MEASURES);
    for (int m = 0; m < SLANT_N_MEASURES; m++)
        assert_string_equal(slant_measure_name(m), names[m]);
    assert_null(slant_measure_name(SLANT_N_MEASURES));
    assert_null(slant_measure_name(-1));
}

/* ---- runs ---- */

typedef struct {
    char *dir, *corpus;
} RunFixture;

static int
run_setup(void **state)
{
    RunFixture *f = g_new0(RunFixture, 1);
    f->dir = g_dir_make_tmp("slant-test-api-XXXXXX", NULL);
    assert_non_null(f->dir);
    f->corpus = g_build_filename(f->dir, "corpus.jsonl", NULL);
    static const char corpus[] =
        "{\"id\": \"a1\", \"source\": \"A\", \"text\": \"Good thing. Very good.\", "
        "\"labels\": {\"stance\": \"up\"}}\n"
        "{\"id\": \"b1\", \"source\": \"B\", \"title\": \"Bad\", \"text\": \"Not good at all.\"}\n"
        "{\"id\": \"a2\", \"source\": \"A\", \"text\": \"\\u00e9t\\u00e9: good, bad.\"}\n"
        "not json\n"
        "{\"id\": \"b2\", \"source\": \"B\", \"text\": \"Bad things, bad.\"}\n";
    assert_true(g_file_set_contents(f->corpus, corpus, -1, NULL));
    *state = f;
    return 0;
}

static int
run_teardown(void **state)
{
    RunFixture *f = *state;
    g_unlink(f->corpus);
    assert_int_equal(g_rmdir(f->dir), 0); /* nothing else was left in it */
    g_free(f->corpus);
    g_free(f->dir);
    g_free(f);
    return 0;
}

typedef struct {
    GString *ids;
    int stop_after; /* 0: never */
    int seen;
} Seen;

static int
on_score(const SlantScore *s, void *user)
{
    Seen *seen = user;
    if (seen->stop_after > 0 && seen->seen >= seen->stop_after)
        return 1;
    seen->seen++;
    g_string_append_printf(seen->ids, "%s/%s:%" G_GUINT64_FORMAT ":%zu;", slant_score_source(s),
                           slant_score_id(s), slant_score_tokens(s), slant_score_hit_count(s));
    const char *stance = slant_score_label(s, "stance");
    if (stance != NULL)
        g_string_append_printf(seen->ids, "stance=%s;", stance);
    /* offsets point into the document's own strings */
    for (size_t h = 0; h < slant_score_hit_count(s); h++) {
        const char *seg =
            strcmp(slant_score_hit_field(s, h), "title") == 0 ? slant_score_title(s) : slant_score_text(s);
        size_t start = slant_score_hit_start(s, h), end = slant_score_hit_end(s, h);
        assert_true(end > start && end <= strlen(seg));
        if (strcmp(slant_score_hit_pattern(s, h), "=thing") != 0)
            assert_int_equal(g_ascii_strncasecmp(seg + start, slant_score_hit_pattern(s, h),
                                                 end - start), 0);
    }
    return 0;
}

static int
to_gstring(const char *data, size_t len, void *user)
{
    g_string_append_len(user, data, (gssize) len);
    return 0;
}

static int
refuse(const char *data, size_t len, void *user)
{
    (void) data, (void) len, (void) user;
    return 1;
}

static void
run_should_score_a_corpus_and_write_its_report(void **state)
{
    RunFixture *f = *state;
    SlantLexicon *lex = tiny_lexicon();
    SlantRun *run = slant_run_new(lex);
    GError *error = NULL;
    assert_true(slant_run_set_option(run, "bootstrap", "50", &error));
    assert_true(slant_run_set_option(run, "threads", "2", &error));
    assert_true(slant_run_set_option(run, "seed", "3", &error));
    Seen seen = {g_string_new(NULL), 0, 0};
    assert_true(slant_run_add(run, f->corpus, on_score, &seen, &error));
    assert_null(error);
    assert_string_equal(seen.ids->str,
                        "A/a1:4:3;stance=up;B/b1:5:2;A/a2:3:2;B/b2:3:2;");
    assert_int_equal(slant_run_document_count(run), 4);
    assert_int_equal(slant_run_skip_count(run), 1);
    assert_int_equal(slant_run_skip_code(run, 0), SLANT_ERROR_JSON);
    g_autofree char *where = g_strconcat(f->corpus, ":4:", NULL);
    assert_true(g_str_has_prefix(slant_run_skip_message(run, 0), where));
    /* options once the run has begun */
    assert_false(slant_run_set_option(run, "seed", "4", &error));
    assert_int_equal(error->code, SLANT_ERROR_USAGE);
    g_clear_error(&error);

    GString *json = g_string_new(NULL);
    assert_true(slant_run_write_report_to(run, NULL, to_gstring, json, &error));
    assert_true(g_str_has_prefix(json->str, "{\n\t\"schema_version\":"));
    assert_non_null(strstr(json->str, "\"replicates\":\t50"));
    assert_non_null(strstr(json->str, "\"reason\":\t\"broken-json\""));
    /* again, and to a file: the same bytes, nothing left beside the file */
    GString *again = g_string_new(NULL);
    assert_true(slant_run_write_report_to(run, "json", to_gstring, again, &error));
    assert_string_equal(json->str, again->str);
    g_autofree char *path = g_build_filename(f->dir, "report.json", NULL);
    assert_true(slant_run_write_report(run, "json", path, &error));
    g_autofree char *file = NULL;
    assert_true(g_file_get_contents(path, &file, NULL, NULL));
    assert_string_equal(file, json->str);
    g_unlink(path);
    GString *csv = g_string_new(NULL);
    assert_true(slant_run_write_report_to(run, "csv", to_gstring, csv, &error));
    assert_true(csv->len > 0 && strchr(csv->str, ',') != NULL);

    /* failures: a format, a callback that refuses, a folder that is not there */
    assert_false(slant_run_write_report_to(run, "pdf", to_gstring, csv, &error));
    assert_int_equal(error->code, SLANT_ERROR_USAGE);
    g_clear_error(&error);
    assert_false(slant_run_write_report_to(run, NULL, refuse, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_IO);
    g_clear_error(&error);
    g_autofree char *nowhere = g_build_filename(f->dir, "no", "report.json", NULL);
    assert_false(slant_run_write_report(run, NULL, nowhere, &error));
    assert_int_equal(error->code, SLANT_ERROR_IO);
    g_clear_error(&error);
    /* no input once the report is written */
    assert_false(slant_run_add(run, f->corpus, NULL, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_USAGE);
    g_clear_error(&error);

    g_string_free(json, TRUE);
    g_string_free(again, TRUE);
    g_string_free(csv, TRUE);
    g_string_free(seen.ids, TRUE);
    slant_run_free(run);
    slant_run_free(NULL);
    slant_lexicon_close(lex);
}

/* voice own: the quoted hits are gone from every document's scores and
 * the report names the voice. */
static void
run_should_count_the_voice_it_is_given(void **state)
{
    RunFixture *f = *state;
    g_autofree char *path = g_build_filename(f->dir, "quoted.jsonl", NULL);
    static const char corpus[] =
        "{\"id\": \"q1\", \"source\": \"A\", \"text\": \"He said \\\"good\\\". Bad.\"}\n";
    assert_true(g_file_set_contents(path, corpus, -1, NULL));
    SlantLexicon *lex = tiny_lexicon();
    for (int own = 0; own < 2; own++) {
        SlantRun *run = slant_run_new(lex);
        GError *error = NULL;
        assert_true(slant_run_set_option(run, "bootstrap", "0", &error));
        if (own)
            assert_true(slant_run_set_option(run, "voice", "own", &error));
        Seen seen = {g_string_new(NULL), 0, 0};
        assert_true(slant_run_add(run, path, on_score, &seen, &error));
        /* 4 tokens; all: good (quoted) and bad, own: bad alone */
        assert_string_equal(seen.ids->str, own ? "A/q1:4:1;" : "A/q1:4:2;");
        g_string_free(seen.ids, TRUE);
        GString *json = g_string_new(NULL);
        assert_true(slant_run_write_report_to(run, "json", to_gstring, json, &error));
        assert_non_null(strstr(json->str, own ? "\"voice\":\t\"own\"" : "\"voice\":\t\"all\""));
        g_string_free(json, TRUE);
        slant_run_free(run);
    }
    slant_lexicon_close(lex);
    g_unlink(path);
}

static void
run_should_stop_when_told(void **state)
{
    RunFixture *f = *state;
    SlantLexicon *lex = tiny_lexicon();
    GError *error = NULL;
    /* by the callback */
    SlantRun *run = slant_run_new(lex);
    Seen seen = {g_string_new(NULL), 2, 0};
    assert_false(slant_run_add(run, f->corpus, on_score, &seen, &error));
    assert_int_equal(error->code, SLANT_ERROR_CHECK_FAILED);
    assert_int_equal(seen.seen, 2);
    g_clear_error(&error);
    g_string_free(seen.ids, TRUE);
    slant_run_free(run);
    /* by a strict run, at the broken line */
    run = slant_run_new(lex);
    assert_true(slant_run_set_option(run, "strict", "true", &error));
    assert_false(slant_run_add(run, f->corpus, NULL, NULL, &error));
    assert_int_equal(error->code, SLANT_ERROR_JSON);
    g_autofree char *where = g_strconcat(f->corpus, ":4:", NULL);
    assert_true(g_str_has_prefix(error->message, where));
    g_clear_error(&error);
    slant_run_free(run);
    /* a missing input is a skip, and the run goes on */
    run = slant_run_new(lex);
    assert_true(slant_run_add(run, "no/such/corpus.jsonl", NULL, NULL, &error));
    assert_true(slant_run_add(run, f->corpus, NULL, NULL, &error));
    assert_int_equal(slant_run_document_count(run), 4);
    assert_int_equal(slant_run_skip_count(run), 2);
    assert_int_equal(slant_run_skip_code(run, 0), SLANT_ERROR_IO);
    slant_run_free(run);
    slant_lexicon_close(lex);
}

static void
run_options_should_be_checked(void **state)
{
    (void) state;
    SlantLexicon *lex = tiny_lexicon();
    SlantRun *run = slant_run_new(lex);
    static const char *const bad[][2] = {
        {"threads", "1025"}, {"threads", "-1"}, {"threads", "two"}, {"seed", "-3"},
        {"seed", "+3"}, {"bootstrap", "1000001"}, {"top", "100001"}, {"level", "0"},
        {"level", "1"}, {"level", "0.9x"}, {"strict", "yes"}, {"max-document-bytes", "1e6"},
        {"group-by", "colour"}, {"pairs", "A"}, {"pairs", "reference"}, {"colour", "blue"},
        {"voice", "mine"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *error = NULL;
        if (slant_run_set_option(run, bad[i][0], bad[i][1], &error))
            fail_msg("%s=%s was taken", bad[i][0], bad[i][1]);
        assert_non_null(error);
        assert_true(error->domain == SLANT_ERROR);
        assert_int_equal(error->code, SLANT_ERROR_USAGE);
        g_error_free(error);
    }
    static const char *const good[][2] = {
        {"threads", "0"}, {"seed", "9223372036854775807"}, {"bootstrap", "0"}, {"level", "0.5"},
        {"top", "0"}, {"strict", "false"}, {"max-document-bytes", "0"}, {"group-by", "label.x"},
        {"group-by", "date:year"}, {"pairs", "rest"}, {"pairs", "A,B;A,C"}, {"pairs", "auto"},
        {"voice", "own"}, {"voice", "quoted"}, {"voice", "all"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
        GError *error = NULL;
        if (!slant_run_set_option(run, good[i][0], good[i][1], &error))
            fail_msg("%s=%s: %s", good[i][0], good[i][1], error->message);
    }
    slant_run_free(run);
    /* a reference goes with no other pairs, as in compare */
    run = slant_run_new(lex);
    GError *error = NULL;
    assert_true(slant_run_set_option(run, "reference", "A", &error));
    assert_false(slant_run_set_option(run, "pairs", "all", &error));
    assert_int_equal(error->code, SLANT_ERROR_USAGE);
    g_clear_error(&error);
    assert_true(slant_run_set_option(run, "pairs", "reference", &error));
    slant_run_free(run);
    slant_lexicon_close(lex);
}

static void
run_report_should_refuse_a_group_no_document_has(void **state)
{
    RunFixture *f = *state;
    SlantLexicon *lex = tiny_lexicon();
    SlantRun *run = slant_run_new(lex);
    GError *error = NULL;
    assert_true(slant_run_set_option(run, "group-by", "label.colour", &error));
    assert_true(slant_run_add(run, f->corpus, NULL, NULL, &error));
    GString *out = g_string_new(NULL);
    assert_false(slant_run_write_report_to(run, NULL, to_gstring, out, &error));
    assert_int_equal(error->code, SLANT_ERROR_USAGE);
    assert_non_null(strstr(error->message, "colour"));
    assert_int_equal(out->len, 0);
    g_clear_error(&error);
    g_string_free(out, TRUE);
    slant_run_free(run);
    /* a report of no input at all is a report */
    run = slant_run_new(lex);
    out = g_string_new(NULL);
    assert_true(slant_run_write_report_to(run, NULL, to_gstring, out, &error));
    assert_non_null(strstr(out->str, "\"schema_version\""));
    g_string_free(out, TRUE);
    slant_run_free(run);
    slant_lexicon_close(lex);
}

static void
lexicon_open_many_should_score_each_file_as_alone(void **state)
{
    (void) state;
    g_autofree char *a = g_build_filename(SLANT_TEST_DATA, "negation", "ties.json", NULL);
    g_autofree char *b = g_build_filename(SLANT_TEST_DATA, "negation", "warmth.json", NULL);
    const char *paths[] = {a, b};
    GError *error = NULL;
    SlantLexicon *both = slant_lexicon_open_many(paths, 2, &error);
    assert_null(error);
    assert_int_equal(slant_lexicon_axis_count(both), 3);
    assert_string_equal(slant_lexicon_axis_id(both, 2), "warmth");
    assert_string_equal(slant_lexicon_get(both, "name"), "negation-ties+negation-warmth");
    /* "not ... strong ties": the first file negates, the second has no negators */
    SlantScorer *sc = slant_scorer_new(both, &error);
    SlantScore *s = slant_scorer_score(sc, NULL, "They do not have strong ties.", &error);
    assert_non_null(s);
    assert_string_equal(slant_score_axis_id(s, 0), "ties");
    assert_true(slant_score_axis_value(s, 0, SLANT_MEASURE_BALANCE) == -1);
    assert_string_equal(slant_score_axis_id(s, 2), "warmth");
    assert_true(slant_score_axis_value(s, 2, SLANT_MEASURE_BALANCE) == 1);
    slant_score_free(s);
    slant_scorer_free(sc);
    slant_lexicon_close(both);
    /* a file twice: its ids clash */
    const char *twice[] = {a, a};
    assert_null(slant_lexicon_open_many(twice, 2, &error));
    assert_non_null(error);
    assert_int_equal(error->code, SLANT_ERROR_LEXICON_DUPLICATE);
    g_clear_error(&error);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_should_be_the_headers),
        cmocka_unit_test(error_codes_should_be_the_librarys),
        cmocka_unit_test(lexicon_should_say_what_its_file_says),
        cmocka_unit_test(lexicon_open_should_say_where_a_lexicon_is_broken),
        cmocka_unit_test(lexicon_open_many_should_score_each_file_as_alone),
        cmocka_unit_test(scorer_should_score_a_title_and_a_text),
        cmocka_unit_test(scorer_should_say_which_hits_are_quoted),
        cmocka_unit_test(scorer_should_take_an_empty_title_and_text),
        cmocka_unit_test(scorer_should_refuse_invalid_utf8_with_its_place),
        cmocka_unit_test(measure_names_should_be_the_score_keys),
        cmocka_unit_test_setup_teardown(run_should_score_a_corpus_and_write_its_report, run_setup,
                                        run_teardown),
        cmocka_unit_test_setup_teardown(run_should_stop_when_told, run_setup, run_teardown),
        cmocka_unit_test_setup_teardown(run_should_count_the_voice_it_is_given, run_setup,
                                        run_teardown),
        cmocka_unit_test(run_options_should_be_checked),
        cmocka_unit_test_setup_teardown(run_report_should_refuse_a_group_no_document_has,
                                        run_setup, run_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test-diff.c: engine/lib/diff.h on small hand-written reports and score
 * lines: what is checked and what is not (paths, drivers), tolerances per
 * metric and which one applies, intervals (--significant, --intervals),
 * groups, pairs and axes added or removed (--allow-new), meta as context
 * (--strict-meta), pairs keyed by whatever "b" holds, score outputs, and
 * the errors for files that are not what diff reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "diff.h"
#include "slant-error.h"

/* Written with ' for " (see json()).  Checked, by hand:
 *   meta        schema_version 1; meta: engine, engine_version 2, lexicon
 *               name, version, sha256, entries 4 (path not), stemmer 1,
 *               inputs[0] format, documents, skipped 3 (path not),
 *               parameters 2, grouping 3, design 2; axes[stance] id,
 *               positive, negative 3; categories[threat] id, label 2:  23
 *   groups      per group documents, tokens, sentences 3; stance: hits 4,
 *               pooled 2, document_mean 2, interval unit, units, balance,
 *               net_per_1k 4 (drivers not): 15, two groups:            30
 *   categories  threat hits, negated, per_1k, two groups:               6
 *   pairs       stance difference 2, interval 2; threat 1:              5
 *   summary     4 (skipped not)                                         4
 *                                                               total  68 */
static const char base_report[] =
    "{'schema_version': '2.0.0',"
    " 'meta': {'engine': 'slant', 'engine_version': '0.1.0',"
    "   'lexicon': {'name': 't', 'version': '1.0.0', 'sha256': 'aaaa', 'path': 'lex/a.json', 'entries': 3},"
    "   'stemmer': 'english',"
    "   'inputs': [{'path': 'in/a.jsonl', 'format': 'jsonl', 'documents': 4, 'skipped': 0}],"
    "   'parameters': {'bootstrap_replicates': 1000, 'seed': 1},"
    "   'grouping': {'by': 'source', 'groups': 2, 'documents_without_value': 0},"
    "   'design': {'pairs': 'all', 'matched': null}},"
    " 'axes': [{'id': 'stance', 'positive': 'pro', 'negative': 'con'}],"
    " 'categories': [{'id': 'threat', 'label': null}],"
    " 'sources': ["
    "  {'name': 'A', 'documents': 2, 'tokens': 100, 'sentences': 5,"
    "   'axes': {'stance': {'hits': {'positive': 3, 'negative': 1, 'total': 4, 'negated': 0},"
    "     'pooled': {'balance': 0.5, 'net_per_1k': 20},"
    "     'document_mean': {'balance': 0.4, 'net_per_1k': 18},"
    "     'interval': {'unit': 'sentence', 'units': 5, 'balance': [0.2, 0.8], 'net_per_1k': [10, 30]},"
    "     'drivers': [{'pattern': 'x', 'weight': 2}]}},"
    "   'categories': {'threat': {'hits': 2, 'negated': 0, 'per_1k': 20}}},"
    "  {'name': 'B', 'documents': 2, 'tokens': 110, 'sentences': 6,"
    "   'axes': {'stance': {'hits': {'positive': 1, 'negative': 3, 'total': 4, 'negated': 1},"
    "     'pooled': {'balance': -0.5, 'net_per_1k': -21},"
    "     'document_mean': {'balance': -0.45, 'net_per_1k': -19},"
    "     'interval': {'unit': 'sentence', 'units': 6, 'balance': [-0.9, -0.1], 'net_per_1k': [-35, -8]},"
    "     'drivers': [{'pattern': 'y', 'weight': -2}]}},"
    "   'categories': {'threat': {'hits': 1, 'negated': 0, 'per_1k': 9.090909}}}],"
    " 'comparisons': [{'a': 'A', 'b': 'B',"
    "   'axes': {'stance': {'difference': {'balance': 1, 'net_per_1k': 41},"
    "     'interval': {'balance': [0.6, 1.4], 'net_per_1k': [20, 60]}, 'drivers': []}},"
    "   'categories': {'threat': {'difference_per_1k': 10.909091}}}],"
    " 'skipped': [],"
    " 'summary': {'sources': 2, 'documents_scored': 4, 'documents_skipped': 0, 'tokens': 210}}";

/* @text with ' made ", and each (from, to) pair of the NULL-ended list
 * replaced once (it must be there). */
static char *
json(const char *text, ...)
{
    GString *s = g_string_new(text);
    va_list ap;
    va_start(ap, text);
    const char *from;
    while ((from = va_arg(ap, const char *)) != NULL) {
        const char *to = va_arg(ap, const char *);
        const char *at = strstr(s->str, from);
        if (at == NULL)
            fail_msg("'%s' not in the text", from);
        gsize pos = (gsize) (at - s->str);
        g_string_erase(s, (gssize) pos, (gssize) strlen(from));
        g_string_insert(s, (gssize) pos, to);
    }
    va_end(ap);
    for (gsize i = 0; i < s->len; i++)
        if (s->str[i] == '\'')
            s->str[i] = '"';
    return g_string_free(s, FALSE);
}

static SlantDiff *
diff(const char *old_text, const char *new_text, const SlantDiffOptions *o)
{
    GError *error = NULL;
    SlantDiff *d = slant_diff_texts("old.json", old_text, strlen(old_text), "new.json", new_text,
                                    strlen(new_text), o, &error);
    if (d == NULL)
        fail_msg("diff failed: %s", error->message);
    return d;
}

static const SlantDiffCounts *
all(const SlantDiff *d)
{
    return slant_diff_counts(d, SLANT_DIFF_N_KINDS);
}

/* The one change of @kind at @a (group), @id (axis/category id or NULL)
 * and @name, or a failure. */
static const SlantDiffItem *
find(const SlantDiff *d, SlantDiffKind kind, const char *a, const char *id, const char *name)
{
    gsize n = 0;
    const SlantDiffItem *items = slant_diff_items(d, kind, &n);
    for (gsize i = 0; i < n; i++) {
        const SlantDiffItem *it = &items[i];
        if (g_strcmp0(it->a, a) == 0 && g_strcmp0(it->metric->id, id) == 0 &&
            strcmp(it->metric->name, name) == 0)
            return it;
    }
    fail_msg("no check %s %s %s %s", slant_diff_kind_name(kind), a ? a : "-", id ? id : "-", name);
    return NULL;
}

static void
same_report_should_have_no_change_and_count_every_value(void **state)
{
    (void) state;
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autofree char *r = json(base_report, NULL);
    g_autoptr(SlantDiff) d = diff(r, r, &o);
    assert_int_equal(slant_diff_type(d), SLANT_DIFF_REPORT);
    assert_false(slant_diff_drift(d));
    assert_int_equal(all(d)->checked, 68);
    assert_int_equal(all(d)->changed, 0);
    assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_META)->checked, 23);
    assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_GROUPS)->checked, 30);
    assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_CATEGORIES)->checked, 6);
    assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_PAIRS)->checked, 5);
    assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_SUMMARY)->checked, 4);
    gsize n = 1;
    slant_diff_items(d, SLANT_DIFF_KIND_GROUPS, &n);
    assert_int_equal(n, 0); /* only changes are kept */
    /* with keep_unchanged, every check */
    o.keep_unchanged = TRUE;
    g_autoptr(SlantDiff) e = diff(r, r, &o);
    gsize total = 0;
    for (int k = 0; k < SLANT_DIFF_N_KINDS; k++) {
        slant_diff_items(e, (SlantDiffKind) k, &n);
        total += n;
    }
    assert_int_equal(total, 68);
    const SlantDiffItem *it = find(e, SLANT_DIFF_KIND_GROUPS, "B", "stance", "pooled.balance");
    assert_int_equal(it->change, SLANT_DIFF_SAME);
    assert_string_equal(it->metric->scope, "axis");
    slant_diff_options_clear(&o);
}

static void
paths_and_drivers_should_not_be_compared(void **state)
{
    (void) state;
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autofree char *a = json(base_report, NULL);
    /* the lexicon and the input moved; a driver changed; skipped differs */
    g_autofree char *b = json(base_report, "'path': 'lex/a.json'", "'path': '/elsewhere/lexicon.json'",
                              "'path': 'in/a.jsonl'", "'path': 'other/dir/a.jsonl'",
                              "'pattern': 'x', 'weight': 2", "'pattern': 'z', 'weight': 7",
                              "'skipped': []", "'skipped': [{'input': 'in/b.jsonl', 'line': 3}]",
                              NULL);
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    assert_false(slant_diff_drift(d));
    assert_int_equal(all(d)->changed, 0);
    assert_int_equal(all(d)->checked, 68);
    slant_diff_options_clear(&o);
}

static void
tolerance_should_apply_per_metric_the_longest_name_winning(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    /* A's pooled balance +0.01, its document mean +0.03, net_per_1k +0.4 */
    g_autofree char *b = json(base_report, "'pooled': {'balance': 0.5, 'net_per_1k': 20}",
                              "'pooled': {'balance': 0.51, 'net_per_1k': 20.4}",
                              "'document_mean': {'balance': 0.4,", "'document_mean': {'balance': 0.43,",
                              NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o); /* default 1e-6: all three drift */
        assert_true(slant_diff_drift(d));
        assert_int_equal(all(d)->drift, 3);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "pooled.balance");
        assert_int_equal(it->role, SLANT_DIFF_ROLE_VALUE);
        assert_float_equal(it->delta, 0.01, 1e-12);
        assert_float_equal(it->old_value.v[0], 0.5, 0);
        assert_float_equal(it->new_value.v[0], 0.51, 0);
        assert_null(it->metric->tolerance_name);
    }
    GError *error = NULL;
    assert_true(slant_diff_options_add_tolerance(&o, "balance=0.02", &error));
    assert_true(slant_diff_options_add_tolerance(&o, "net_per_1k=0.5", &error));
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        /* 0.01 and 0.4 are within; the document mean's 0.03 is not */
        assert_int_equal(all(d)->drift, 1);
        assert_int_equal(all(d)->within, 2);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "document_mean.balance");
        assert_true(it->drift);
        assert_string_equal(it->metric->tolerance_name, "balance");
        assert_float_equal(it->metric->tolerance, 0.02, 0);
    }
    /* "pooled.balance" is longer than "balance": it wins where both apply */
    assert_true(slant_diff_options_add_tolerance(&o, "pooled.balance=0.005", &error));
    assert_true(slant_diff_options_add_tolerance(&o, "document_mean=0.05", &error));
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "pooled.balance");
        assert_true(it->drift);
        assert_string_equal(it->metric->tolerance_name, "pooled.balance");
        /* "document_mean" and "balance" are as long: the one nearer the end wins */
        it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "document_mean.balance");
        assert_string_equal(it->metric->tolerance_name, "balance");
        assert_true(it->drift);
        assert_int_equal(all(d)->drift, 2);
    }
    /* the last tolerance given for a name wins; the default is T alone */
    assert_true(slant_diff_options_add_tolerance(&o, "balance=0.1", &error));
    assert_true(slant_diff_options_add_tolerance(&o, "0.001", &error));
    assert_float_equal(o.tolerance, 0.001, 0);
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "document_mean.balance");
        assert_false(it->drift);
        assert_float_equal(it->metric->tolerance, 0.1, 0);
    }
    slant_diff_options_clear(&o);
}

static void
a_change_of_exactly_the_tolerance_should_not_be_drift(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    /* 0.000001 in the last of six decimals: 0.500001 - 0.5 is a hair above 1e-6 in binary */
    g_autofree char *b = json(base_report, "'pooled': {'balance': 0.5,", "'pooled': {'balance': 0.500001,",
                              NULL);
    g_autofree char *c = json(base_report, "'pooled': {'balance': 0.5,", "'pooled': {'balance': 0.500002,",
                              NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    assert_false(slant_diff_drift(d));
    assert_int_equal(all(d)->within, 1);
    g_autoptr(SlantDiff) e = diff(a, c, &o);
    assert_true(slant_diff_drift(e));
    slant_diff_options_clear(&o);
}

static void
hits_tolerance_zero_should_make_any_count_change_drift(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    g_autofree char *b = json(base_report, "'hits': {'positive': 3, 'negative': 1, 'total': 4,",
                              "'hits': {'positive': 4, 'negative': 1, 'total': 5,",
                              "'threat': {'hits': 2,", "'threat': {'hits': 3,", NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    GError *error = NULL;
    assert_true(slant_diff_options_add_tolerance(&o, "hits=1", &error));
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_false(slant_diff_drift(d));
        assert_int_equal(all(d)->within, 3);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_CATEGORIES, "A", "threat", "hits");
        assert_string_equal(it->metric->scope, "category");
        assert_string_equal(it->metric->tolerance_name, "hits");
    }
    assert_true(slant_diff_options_add_tolerance(&o, "hits=0", &error));
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_int_equal(all(d)->drift, 3);
        assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_GROUPS)->drift, 2);
        assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_CATEGORIES)->drift, 1);
        assert_true(isinf(slant_diff_item_magnitude(
            find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "hits.total"))));
    }
    slant_diff_options_clear(&o);
}

static void
unmatched_tolerance_names_should_be_listed(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    GError *error = NULL;
    assert_true(slant_diff_options_add_tolerance(&o, "balence=0.1", &error));
    assert_true(slant_diff_options_add_tolerance(&o, "stance=0.1", &error)); /* an axis id */
    assert_true(slant_diff_options_add_tolerance(&o, "seed=3", &error));     /* meta: no tolerance */
    g_autoptr(SlantDiff) d = diff(a, a, &o);
    const char *const *u = slant_diff_unmatched_tolerances(d);
    assert_string_equal(u[0], "balence");
    assert_string_equal(u[1], "seed");
    assert_null(u[2]);
    /* bad specs */
    static const char *const bad[] = {"x", "balance=", "balance=-1", "=0.1", "balance=inf", "b=1e999"};
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        assert_false(slant_diff_options_add_tolerance(&o, bad[i], &error));
        assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_USAGE));
        g_clear_error(&error);
    }
    slant_diff_options_clear(&o);
}

static void
significant_should_hold_values_with_an_interval_to_the_old_one(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    /* A's pooled balance 0.5 -> 0.7 (old interval [0.2, 0.8]): inside;
     * net_per_1k 20 -> 31 ([10, 30]): outside; the pair's difference 1 ->
     * 1.3 ([0.6, 1.4]): inside; the document mean has no interval */
    g_autofree char *b = json(base_report, "'pooled': {'balance': 0.5, 'net_per_1k': 20}",
                              "'pooled': {'balance': 0.7, 'net_per_1k': 31}",
                              "'difference': {'balance': 1,", "'difference': {'balance': 1.3,",
                              "'document_mean': {'balance': 0.4,", "'document_mean': {'balance': 0.41,",
                              NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_int_equal(all(d)->drift, 4);
    }
    o.significant = TRUE;
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "pooled.balance");
    assert_true(it->by_interval);
    assert_false(it->drift);
    assert_float_equal(it->interval[0], 0.2, 0);
    assert_float_equal(it->interval[1], 0.8, 0);
    it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "pooled.net_per_1k");
    assert_true(it->by_interval);
    assert_true(it->drift);
    it = find(d, SLANT_DIFF_KIND_PAIRS, "A", "stance", "difference.balance");
    assert_true(it->by_interval);
    assert_false(it->drift);
    assert_string_equal(it->b, "B");
    assert_float_equal(it->interval[1], 1.4, 0);
    it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "document_mean.balance");
    assert_false(it->by_interval);
    assert_true(it->drift); /* by the tolerance */
    assert_int_equal(all(d)->drift, 2);
    slant_diff_options_clear(&o);
}

static void
significant_should_use_an_interval_beside_a_rate(void **state)
{
    (void) state;
    /* the shape category intervals take: per_1k with interval.per_1k beside it */
    g_autofree char *a = json(base_report, "'threat': {'hits': 2, 'negated': 0, 'per_1k': 20}",
                              "'threat': {'hits': 2, 'negated': 0, 'per_1k': 20, 'interval': {'per_1k': [15, 25]}}",
                              NULL);
    g_autofree char *b = json(base_report, "'threat': {'hits': 2, 'negated': 0, 'per_1k': 20}",
                              "'threat': {'hits': 2, 'negated': 0, 'per_1k': 26, 'interval': {'per_1k': [21, 31]}}",
                              NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    o.significant = TRUE;
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_CATEGORIES, "A", "threat", "per_1k");
    assert_true(it->by_interval);
    assert_true(it->drift);
    it = find(d, SLANT_DIFF_KIND_CATEGORIES, "A", "threat", "interval.per_1k");
    assert_int_equal(it->role, SLANT_DIFF_ROLE_INTERVAL);
    assert_false(it->drift);
    assert_int_equal(it->old_value.type, SLANT_DIFF_BOUNDS);
    assert_float_equal(it->delta, 6, 0);
    slant_diff_options_clear(&o);
}

static void
interval_changes_should_be_drift_only_with_intervals(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    g_autofree char *b = json(base_report, "'balance': [0.2, 0.8]", "'balance': [0.25, 0.7]",
                              "'unit': 'sentence', 'units': 5", "'unit': 'document', 'units': 2", NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_false(slant_diff_drift(d));
        assert_int_equal(all(d)->intervals, 3);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "interval.balance");
        assert_int_equal(it->role, SLANT_DIFF_ROLE_INTERVAL);
        assert_int_equal(it->new_value.type, SLANT_DIFF_BOUNDS);
        assert_float_equal(it->new_value.v[0], 0.25, 0);
        assert_float_equal(it->delta, -0.1, 1e-12); /* the larger move, signed */
        it = find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "interval.unit");
        assert_string_equal(it->old_value.text, "\"sentence\"");
        assert_string_equal(it->new_value.text, "\"document\"");
    }
    o.intervals = TRUE;
    GError *error = NULL;
    assert_true(slant_diff_options_add_tolerance(&o, "balance=0.2", &error));
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        /* the bounds moved by 0.1, within 0.2; unit and units are drift */
        assert_int_equal(all(d)->drift, 2);
        assert_false(find(d, SLANT_DIFF_KIND_GROUPS, "A", "stance", "interval.balance")->drift);
    }
    slant_diff_options_clear(&o);
}

static void
groups_added_or_removed_should_be_drift_unless_allowed(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    /* B renamed C: B removed, C added, the pair (A, B) removed, (A, C) added */
    g_autofree char *b = json(base_report, "{'name': 'B',", "{'name': 'C',", "'a': 'A', 'b': 'B'",
                              "'a': 'A', 'b': 'C'", NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_true(slant_diff_drift(d));
        assert_int_equal(all(d)->added, 2);
        assert_int_equal(all(d)->removed, 2);
        assert_int_equal(all(d)->drift, 4);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_GROUPS, "C", NULL, "");
        assert_int_equal(it->change, SLANT_DIFF_ADDED);
        assert_int_equal(it->role, SLANT_DIFF_ROLE_MEMBER);
        assert_int_equal(it->old_value.type, SLANT_DIFF_ABSENT);
        it = find(d, SLANT_DIFF_KIND_GROUPS, "B", NULL, "");
        assert_int_equal(it->change, SLANT_DIFF_REMOVED);
        gsize n = 0;
        const SlantDiffItem *pairs = slant_diff_items(d, SLANT_DIFF_KIND_PAIRS, &n);
        assert_int_equal(n, 2);
        assert_string_equal(pairs[0].b, "C");
        assert_int_equal(pairs[0].change, SLANT_DIFF_ADDED);
        assert_string_equal(pairs[1].b, "B");
        assert_int_equal(pairs[1].change, SLANT_DIFF_REMOVED);
        /* A is compared as before: 15 + 3 values, and the group C, B */
        assert_int_equal(slant_diff_counts(d, SLANT_DIFF_KIND_GROUPS)->checked, 15 + 2);
    }
    o.allow_new = TRUE;
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_false(slant_diff_drift(d));
        assert_int_equal(all(d)->added, 2);
    }
    slant_diff_options_clear(&o);
}

static void
an_axis_added_should_be_a_member_and_a_new_field_a_format_change(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    g_autofree char *b = json(base_report,
                              "'categories': {'threat': {'hits': 2, 'negated': 0, 'per_1k': 20}}",
                              "'categories': {'threat': {'hits': 2, 'negated': 0, 'per_1k': 20, 'drivers': [], 'extra': 1},"
                              " 'legal': {'hits': 0, 'negated': 0, 'per_1k': 0}}",
                              NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_CATEGORIES, "A", "legal", "");
    assert_int_equal(it->role, SLANT_DIFF_ROLE_MEMBER);
    assert_int_equal(it->change, SLANT_DIFF_ADDED);
    assert_true(it->drift);
    it = find(d, SLANT_DIFF_KIND_CATEGORIES, "A", "threat", "extra");
    assert_int_equal(it->role, SLANT_DIFF_ROLE_CONTEXT);
    assert_false(it->drift);
    assert_int_equal(all(d)->drift, 1);
    assert_int_equal(all(d)->context, 1);
    o.strict_meta = TRUE;
    g_autoptr(SlantDiff) e = diff(a, b, &o);
    assert_int_equal(all(e)->drift, 2);
    slant_diff_options_clear(&o);
}

static void
meta_changes_should_be_context_unless_strict(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    g_autofree char *b = json(base_report, "'sha256': 'aaaa'", "'sha256': 'bbbb'", "'seed': 1", "'seed': 2",
                              "'engine_version': '0.1.0'", "'engine_version': '0.2.0'",
                              "'positive': 'pro'", "'positive': 'for'", NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_false(slant_diff_drift(d));
        assert_int_equal(all(d)->context, 4);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_META, NULL, NULL, "meta.lexicon.sha256");
        assert_int_equal(it->role, SLANT_DIFF_ROLE_CONTEXT);
        assert_string_equal(it->old_value.text, "\"aaaa\"");
        assert_string_equal(it->new_value.text, "\"bbbb\"");
        it = find(d, SLANT_DIFF_KIND_META, NULL, NULL, "meta.parameters.seed");
        assert_float_equal(it->delta, 1, 0);
        assert_false(it->drift);
        find(d, SLANT_DIFF_KIND_META, NULL, NULL, "axes[stance].positive");
    }
    /* a long text is cut, at a character and still a JSON string */
    GString *longer = g_string_new("'stemmer': '");
    for (int i = 0; i < 150; i++)
        g_string_append(longer, "\xc3\xa9"); /* 300 bytes of e acute */
    g_string_append_c(longer, '\'');
    g_autofree char *c = json(base_report, "'stemmer': 'english'", longer->str, NULL);
    g_string_free(longer, TRUE);
    {
        g_autoptr(SlantDiff) d = diff(a, c, &o);
        const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_META, NULL, NULL, "meta.stemmer");
        const char *t = it->new_value.text;
        assert_true(g_utf8_validate(t, -1, NULL));
        assert_int_equal(strlen(t), 1 + 200 + 3 + 1); /* 100 characters of 2 bytes, "...", quotes */
        assert_true(g_str_has_suffix(t, "...\""));
        assert_int_equal(t[0], '"');
    }
    o.strict_meta = TRUE;
    {
        g_autoptr(SlantDiff) d = diff(a, b, &o);
        assert_int_equal(all(d)->drift, 4);
    }
    slant_diff_options_clear(&o);
}

static void
pairs_should_be_matched_by_whatever_b_holds(void **state)
{
    (void) state;
    /* a design against the rest: "b" is "(rest)", and a "kind" beside it */
    g_autofree char *a = json(base_report, "'a': 'A', 'b': 'B',", "'a': 'A', 'b': '(rest)', 'kind': 'rest',",
                              NULL);
    g_autofree char *b = json(base_report, "'a': 'A', 'b': 'B',", "'a': 'A', 'b': '(rest)', 'kind': 'rest',",
                              "'difference': {'balance': 1,", "'difference': {'balance': 0.9,", NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_PAIRS, "A", "stance", "difference.balance");
    assert_string_equal(it->b, "(rest) [rest]");
    assert_true(it->drift);
    assert_int_equal(all(d)->drift, 1);
    /* "b" of another type: an object naming the reference */
    g_autofree char *c = json(base_report, "'a': 'A', 'b': 'B',", "'a': 'A', 'b': {'reference': 'B'},", NULL);
    g_autoptr(SlantDiff) e = diff(c, c, &o);
    assert_int_equal(slant_diff_counts(e, SLANT_DIFF_KIND_PAIRS)->checked, 5);
    assert_int_equal(all(e)->changed, 0);
    /* and (A, B) is not (A, {"reference": "B"}) */
    g_autofree char *r = json(base_report, NULL);
    g_autoptr(SlantDiff) f = diff(r, c, &o);
    assert_int_equal(slant_diff_counts(f, SLANT_DIFF_KIND_PAIRS)->added, 1);
    assert_int_equal(slant_diff_counts(f, SLANT_DIFF_KIND_PAIRS)->removed, 1);
    slant_diff_options_clear(&o);
}

static void
a_difference_that_became_null_should_be_drift(void **state)
{
    (void) state;
    /* a matched pair that no longer shares a unit: differences null */
    g_autofree char *a = json(base_report, NULL);
    g_autofree char *b = json(base_report, "'difference': {'balance': 1, 'net_per_1k': 41}", "'difference': null",
                              "'interval': {'balance': [0.6, 1.4], 'net_per_1k': [20, 60]}", "'interval': null",
                              NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_PAIRS, "A", "stance", "difference");
    assert_true(it->drift);
    assert_true(isnan(it->delta));
    assert_string_equal(it->old_value.text, "{...}");
    assert_string_equal(it->new_value.text, "null");
    it = find(d, SLANT_DIFF_KIND_PAIRS, "A", "stance", "interval");
    assert_int_equal(it->role, SLANT_DIFF_ROLE_INTERVAL);
    assert_false(it->drift);
    g_autoptr(SlantDiff) e = diff(b, b, &o); /* null and null: the same */
    assert_int_equal(all(e)->changed, 0);
    slant_diff_options_clear(&o);
}

static void
ranked_should_put_drift_first_then_the_largest_relative_change(void **state)
{
    (void) state;
    g_autofree char *a = json(base_report, NULL);
    g_autofree char *b = json(base_report, "'pooled': {'balance': 0.5, 'net_per_1k': 20}",
                              "'pooled': {'balance': 0.51, 'net_per_1k': 20.3}",
                              "'sha256': 'aaaa'", "'sha256': 'bbbb'", NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    GError *error = NULL;
    /* relative to tolerance: net_per_1k 0.3 / 0.1 = 3, balance 0.01 / 0.001 = 10 */
    assert_true(slant_diff_options_add_tolerance(&o, "net_per_1k=0.1", &error));
    assert_true(slant_diff_options_add_tolerance(&o, "balance=0.02", &error));
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    g_autoptr(GPtrArray) r = slant_diff_ranked(d);
    assert_int_equal(r->len, 3);
    const SlantDiffItem *first = r->pdata[0], *second = r->pdata[1], *third = r->pdata[2];
    assert_string_equal(first->metric->name, "pooled.net_per_1k"); /* the one drift */
    assert_true(first->drift);
    assert_float_equal(slant_diff_item_magnitude(first), 3, 1e-9);
    assert_string_equal(second->metric->name, "meta.lexicon.sha256"); /* no delta: infinite */
    assert_string_equal(third->metric->name, "pooled.balance");
    assert_float_equal(slant_diff_item_magnitude(third), 0.5, 1e-9);
    slant_diff_options_clear(&o);
}

static const char score_lines[] =
    "{'id': 'd1', 'source': 'S', 'input': 'a.jsonl', 'line': 1, 'title': null, 'date': null, 'labels': {'k': 1},"
    " 'tokens': 10, 'sentences': 1, 'axes': {'stance': {'hits_positive': 1, 'hits_negative': 0, 'balance': 1}},"
    " 'categories': {'threat': {'hits': 0, 'negated': 0}}, 'hits': [{'entry': 0}]}\n"
    "{'id': 'd2', 'source': 'S', 'input': 'a.jsonl', 'line': 2, 'title': null, 'date': null, 'labels': {'k': 3},"
    " 'tokens': 12, 'sentences': 2, 'axes': {'stance': {'hits_positive': 0, 'hits_negative': 1, 'balance': -1}},"
    " 'categories': {'threat': {'hits': 1, 'negated': 0}}, 'hits': [{'entry': 1}]}\n";

static void
score_outputs_should_be_matched_by_id(void **state)
{
    (void) state;
    g_autofree char *a = json(score_lines, NULL);
    /* read from elsewhere, in another order: d2's hits (detail) and label
     * k changed, d1's balance changed and a label m added, d3 added */
    g_autofree char *b = json(
        "{'id': 'd3', 'source': 'T', 'tokens': 5, 'axes': {}}\n"
        "{'id': 'd2', 'source': 'S', 'input': 'b.jsonl', 'line': 9, 'title': null, 'date': null, 'labels': {'k': 2},"
        " 'tokens': 12, 'sentences': 2, 'axes': {'stance': {'hits_positive': 0, 'hits_negative': 1, 'balance': -1}},"
        " 'categories': {'threat': {'hits': 1, 'negated': 0}}, 'hits': [{'entry': 7}]}\n"
        "{'id': 'd1', 'source': 'S', 'input': 'b.jsonl', 'line': 8, 'title': null, 'date': null, 'labels': {'k': 1, 'm': true},"
        " 'tokens': 10, 'sentences': 1, 'axes': {'stance': {'hits_positive': 1, 'hits_negative': 0, 'balance': 0.5}},"
        " 'categories': {'threat': {'hits': 0, 'negated': 0}}}",
        NULL);
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    g_autoptr(SlantDiff) d = diff(a, b, &o);
    assert_int_equal(slant_diff_type(d), SLANT_DIFF_SCORES);
    const SlantDiffCounts *c = slant_diff_counts(d, SLANT_DIFF_KIND_DOCUMENTS);
    /* per document source, title, date, labels.k, tokens, sentences, 3
     * axis values, 2 category values: 11; d1's labels.m; d3 */
    assert_int_equal(c->checked, 11 + 11 + 1 + 1);
    assert_int_equal(c->added, 1);
    assert_int_equal(c->drift, 2);   /* d3 added, d1's balance */
    assert_int_equal(c->context, 2); /* d2's label k, d1's label m */
    const SlantDiffItem *it = find(d, SLANT_DIFF_KIND_DOCUMENTS, "d1", "stance", "balance");
    assert_float_equal(it->delta, -0.5, 0);
    it = find(d, SLANT_DIFF_KIND_DOCUMENTS, "d2", NULL, "labels.k");
    assert_int_equal(it->role, SLANT_DIFF_ROLE_CONTEXT);
    assert_int_equal(it->change, SLANT_DIFF_CHANGED);
    it = find(d, SLANT_DIFF_KIND_DOCUMENTS, "d1", NULL, "labels.m");
    assert_int_equal(it->change, SLANT_DIFF_ADDED);
    assert_int_equal(it->role, SLANT_DIFF_ROLE_CONTEXT);
    slant_diff_options_clear(&o);
}

static void
files_that_are_not_reports_should_be_named_errors(void **state)
{
    (void) state;
    g_autofree char *r = json(base_report, NULL);
    g_autofree char *dup = json(base_report, "{'name': 'B',", "{'name': 'A',", NULL);
    g_autofree char *nojson = json("{'schema_version': '2.0.0', 'meta': {'engine': 'slant'},\n 'sources': [{'name': }", NULL);
    g_autofree char *other = json("{'schema_version': '2.0.0', 'meta': {'engine': 'other'}, 'sources': []}", NULL);
    g_autofree char *lexicon = json("{'lexicon': 'x', 'entries': []}", NULL);
    g_autofree char *partial = json("{'slant_partial': 2, 'inputs': []}", NULL);
    g_autofree char *scores = json(score_lines, NULL);
    g_autofree char *trailing = g_strconcat(r, "\n{}", NULL);
    static const struct {
        const char *name;
        int code;
        const char *message;
    } cases[] = {
        {"empty", SLANT_ERROR_FORMAT, "new.json: empty: not a slant report or score output"},
        {"not json", SLANT_ERROR_JSON, "new.json:1:1: not valid JSON"},
        {"broken", SLANT_ERROR_JSON, "new.json:2:23: not valid JSON"},
        {"an array", SLANT_ERROR_FORMAT, "new.json: not a slant report or score output (an array, not an object)"},
        {"a lexicon", SLANT_ERROR_FORMAT, "new.json: not a slant report or score output (an object without schema_version, meta and sources, or id and axes)"},
        {"a partial", SLANT_ERROR_FORMAT, "new.json: a partial result of a sharded run, not a report (slant merge makes the report)"},
        {"another engine", SLANT_ERROR_FORMAT, "new.json:1:37: meta.engine is not \"slant\": not a slant report"},
        {"a group twice", SLANT_ERROR_FORMAT, "new.json:1:"},
        {"scores", SLANT_ERROR_USAGE, "cannot compare a report ('old.json') with a score output ('new.json'): give two reports or two score outputs"},
        {"trailing", SLANT_ERROR_JSON, "new.json:2:1: text after the report"},
    };
    const char *texts[] = {"  \n", "hello", nojson, "[1, 2]", lexicon, partial, other, dup, scores, trailing};
    SlantDiffOptions o;
    slant_diff_options_init(&o);
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *error = NULL;
        SlantDiff *d = slant_diff_texts("old.json", r, strlen(r), "new.json", texts[i], strlen(texts[i]), &o,
                                        &error);
        if (d != NULL)
            fail_msg("%s: no error", cases[i].name);
        if (!g_error_matches(error, SLANT_ERROR, cases[i].code))
            fail_msg("%s: code %d (%s)", cases[i].name, error->code, error->message);
        if (!g_str_has_prefix(error->message, cases[i].message))
            fail_msg("%s: message '%s'", cases[i].name, error->message);
        g_error_free(error);
    }
    GError *error = NULL;
    assert_null(slant_diff_files("no/such/old.json", "no/such/new.json", &o, &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_IO));
    assert_string_equal(error->message, "cannot read 'no/such/old.json': No such file or directory");
    g_clear_error(&error);
    assert_null(slant_diff_files("-", "-", &o, &error));
    assert_true(g_error_matches(error, SLANT_ERROR, SLANT_ERROR_USAGE));
    g_clear_error(&error);
    slant_diff_options_clear(&o);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_report_should_have_no_change_and_count_every_value),
        cmocka_unit_test(paths_and_drivers_should_not_be_compared),
        cmocka_unit_test(tolerance_should_apply_per_metric_the_longest_name_winning),
        cmocka_unit_test(a_change_of_exactly_the_tolerance_should_not_be_drift),
        cmocka_unit_test(hits_tolerance_zero_should_make_any_count_change_drift),
        cmocka_unit_test(unmatched_tolerance_names_should_be_listed),
        cmocka_unit_test(significant_should_hold_values_with_an_interval_to_the_old_one),
        cmocka_unit_test(significant_should_use_an_interval_beside_a_rate),
        cmocka_unit_test(interval_changes_should_be_drift_only_with_intervals),
        cmocka_unit_test(groups_added_or_removed_should_be_drift_unless_allowed),
        cmocka_unit_test(an_axis_added_should_be_a_member_and_a_new_field_a_format_change),
        cmocka_unit_test(meta_changes_should_be_context_unless_strict),
        cmocka_unit_test(pairs_should_be_matched_by_whatever_b_holds),
        cmocka_unit_test(a_difference_that_became_null_should_be_drift),
        cmocka_unit_test(ranked_should_put_drift_first_then_the_largest_relative_change),
        cmocka_unit_test(score_outputs_should_be_matched_by_id),
        cmocka_unit_test(files_that_are_not_reports_should_be_named_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

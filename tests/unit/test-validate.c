/* test-validate.c: engine/lib/validate.h on a table worked by hand: the
 * classes predicted with a band, the confusion matrix, macro-F1, the AUC
 * of two classes, groups, the documents furthest on the wrong side, and
 * the bootstrap's seeding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "validate.h"

/* Three classes (0 negative, 1 neutral, 2 positive), threshold 0, band
 * 0.2: a score above 0.2 is positive, below -0.2 negative, else neutral.
 *
 *   id  score  truth     predicted  on the wrong side by
 *   a    0.9   positive  positive
 *   b    0.1   positive  neutral    0.2 - 0.1    = 0.1
 *   c   -0.5   positive  negative   0.2 - (-0.5) = 0.7
 *   d    0.0   neutral   neutral
 *   e    0.5   neutral   positive   0.5 - 0.2    = 0.3
 *   f   -0.9   negative  negative
 *   g   -0.1   negative  neutral    -0.1 - (-0.2) = 0.1
 *   h    0.3   negative  positive   0.3 - (-0.2) = 0.5
 *
 * Confusion (rows truth negative, neutral, positive; columns predicted):
 *   negative [1 1 1]   neutral [0 1 1]   positive [1 1 1]
 * F1 = 2 tp / (predicted + support): negative 2 / (2 + 3) = 0.4, neutral
 * 2 / (3 + 2) = 0.4, positive 2 / (3 + 3) = 1/3; macro-F1 = 1.13333 / 3;
 * accuracy 3/8.  AUC positive vs negative: of the 9 pairs, 0.9 beats all
 * three negatives, 0.1 beats -0.9 and -0.1, -0.5 beats -0.9: 6/9.  The
 * wrong side, worst first: c 0.7, h 0.5, e 0.3, then b and g at 0.1 (by
 * id). */
static const struct {
    const char *id, *group;
    double score;
    guint klass;
} table[] = {
    {"a", "G1", 0.9, 2},  {"b", "G1", 0.1, 2},  {"c", "G1", -0.5, 2}, {"d", "G1", 0.0, 1},
    {"e", "G0", 0.5, 1},  {"f", "G0", -0.9, 0}, {"g", "G0", -0.1, 0}, {"h", "G0", 0.3, 0},
};

static SlantValidation *
three_class(guint bootstrap, guint64 seed)
{
    SlantValidateOptions o = {SLANT_VALIDATE_THREE, 3, 0.0, 0.2, bootstrap, seed, 0.95, 10};
    SlantValidation *v = slant_validation_new(&o);
    for (gsize i = 0; i < G_N_ELEMENTS(table); i++)
        slant_validation_add(v, table[i].score, table[i].klass, table[i].group, table[i].id, "S",
                             TRUE, NULL);
    slant_validation_finish(v);
    return v;
}

static void
three_class_should_give_the_hand_worked_matrix_and_scores(void **state)
{
    (void) state;
    g_autoptr(SlantValidation) v = three_class(0, 1);
    const SlantValidateResult *r = slant_validation_overall(v);
    assert_string_equal(r->name, "(all)");
    assert_int_equal(r->n, 8);
    static const guint64 want[9] = {1, 1, 1, 0, 1, 1, 1, 1, 1};
    for (int i = 0; i < 9; i++)
        assert_int_equal(r->confusion[i], want[i]);
    assert_float_equal(r->per_class[0].f1, 0.4, 1e-12);
    assert_float_equal(r->per_class[1].f1, 0.4, 1e-12);
    assert_float_equal(r->per_class[2].f1, 1.0 / 3.0, 1e-12);
    assert_float_equal(r->per_class[1].precision, 1.0 / 3.0, 1e-12);
    assert_float_equal(r->per_class[1].recall, 0.5, 1e-12);
    assert_float_equal(r->macro_f1.value, (0.8 + 1.0 / 3.0) / 3.0, 1e-12);
    assert_float_equal(r->accuracy.value, 3.0 / 8.0, 1e-12);
    assert_float_equal(r->auc.value, 6.0 / 9.0, 1e-12);
    assert_int_equal(r->auc_n, 6);
    /* no bootstrap: the intervals are the value */
    assert_true(r->auc.lo == r->auc.value && r->auc.hi == r->auc.value);
}

static void
three_class_should_list_the_wrong_side_worst_first(void **state)
{
    (void) state;
    g_autoptr(SlantValidation) v = three_class(0, 1);
    static const struct {
        const char *id;
        double distance;
        guint predicted;
    } want[] = {{"c", 0.7, 0}, {"h", 0.5, 2}, {"e", 0.3, 2}, {"b", 0.1, 1}, {"g", 0.1, 1}};
    assert_int_equal(slant_validation_n_worst(v), G_N_ELEMENTS(want));
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        const SlantValidateDoc *d = slant_validation_worst(v, i);
        assert_string_equal(d->id, want[i].id);
        assert_float_equal(d->distance, want[i].distance, 1e-12);
        assert_int_equal(d->predicted, want[i].predicted);
    }
}

static void
groups_should_be_computed_apart_and_sorted_by_name(void **state)
{
    (void) state;
    g_autoptr(SlantValidation) v = three_class(0, 1);
    assert_int_equal(slant_validation_n_groups(v), 2);
    const SlantValidateResult *g0 = slant_validation_group(v, 0), *g1 = slant_validation_group(v, 1);
    assert_string_equal(g0->name, "G0");
    assert_string_equal(g1->name, "G1");
    assert_int_equal(g0->n, 4);
    /* G1 has no negative document: no AUC */
    assert_true(isnan(g1->auc.value));
    /* G0: neutral e 0.5 -> positive; f, g, h negative -> negative, neutral,
     * positive: accuracy 1/4 */
    assert_float_equal(g0->accuracy.value, 0.25, 1e-12);
    assert_int_equal(g0->class_n[0], 3);
    assert_int_equal(g0->class_n[1], 1);
    assert_int_equal(g0->class_n[2], 0);
}

static void
binary_should_predict_positive_only_above_the_threshold(void **state)
{
    (void) state;
    SlantValidateOptions o = {SLANT_VALIDATE_BINARY, 2, 0.0, 0.0, 0, 1, 0.95, 10};
    assert_int_equal(slant_validation_predict(&o, 0.0), 0);
    assert_int_equal(slant_validation_predict(&o, 1e-9), 1);
    assert_int_equal(slant_validation_predict(&o, -1), 0);
    o.threshold = 0.5;
    assert_int_equal(slant_validation_predict(&o, 0.5), 0);
    assert_int_equal(slant_validation_predict(&o, 0.6), 1);
}

static void
bootstrap_should_repeat_for_a_seed_and_move_for_another(void **state)
{
    (void) state;
    g_autoptr(SlantValidation) a = three_class(500, 7), b = three_class(500, 7), c = three_class(500, 8);
    const SlantValidateResult *ra = slant_validation_overall(a), *rb = slant_validation_overall(b),
                              *rc = slant_validation_overall(c);
    assert_true(ra->auc.lo == rb->auc.lo && ra->auc.hi == rb->auc.hi);
    assert_true(ra->rho.lo == rb->rho.lo && ra->macro_f1.hi == rb->macro_f1.hi);
    assert_true(ra->auc.lo <= ra->auc.value && ra->auc.value <= ra->auc.hi);
    assert_true(ra->auc.lo < ra->auc.hi);
    assert_true(ra->rho.lo != rc->rho.lo || ra->rho.hi != rc->rho.hi || ra->auc.lo != rc->auc.lo);
}

static void
ordinal_should_rank_by_the_gap_between_score_and_class_ranks(void **state)
{
    (void) state;
    /* classes 0 < 1 < 2, one document each but the middle; scores in the
     * reverse order of the classes for x and z:
     *   x score 1, class 0: score rank 3, class rank 1      gap 2/3
     *   y score 0, class 1: score rank 2, class rank 2      gap 0
     *   z score -1, class 2: score rank 1, class rank 3     gap 2/3
     * rho = -1 */
    SlantValidateOptions o = {SLANT_VALIDATE_ORDINAL, 3, 0, 0, 0, 1, 0.95, 2};
    g_autoptr(SlantValidation) v = slant_validation_new(&o);
    slant_validation_add(v, 1, 0, NULL, "x", "S", TRUE, "'a' +1");
    slant_validation_add(v, 0, 1, NULL, "y", "S", FALSE, NULL);
    slant_validation_add(v, -1, 2, NULL, "z", "S", TRUE, "'b' -1");
    slant_validation_finish(v);
    const SlantValidateResult *r = slant_validation_overall(v);
    assert_float_equal(r->rho.value, -1.0, 1e-12);
    assert_float_equal(r->tau.value, -1.0, 1e-12);
    assert_true(isnan(r->auc.value));
    assert_int_equal(r->no_hits, 1);
    assert_int_equal(slant_validation_n_worst(v), 2); /* --worst 2 */
    assert_string_equal(slant_validation_worst(v, 0)->id, "x");
    assert_float_equal(slant_validation_worst(v, 0)->distance, 2.0 / 3.0, 1e-12);
    assert_string_equal(slant_validation_worst(v, 0)->top_hits, "'a' +1");
    assert_string_equal(slant_validation_worst(v, 1)->id, "z");
    assert_int_equal(slant_validation_n_groups(v), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(three_class_should_give_the_hand_worked_matrix_and_scores),
        cmocka_unit_test(three_class_should_list_the_wrong_side_worst_first),
        cmocka_unit_test(groups_should_be_computed_apart_and_sorted_by_name),
        cmocka_unit_test(binary_should_predict_positive_only_above_the_threshold),
        cmocka_unit_test(bootstrap_should_repeat_for_a_seed_and_move_for_another),
        cmocka_unit_test(ordinal_should_rank_by_the_gap_between_score_and_class_ranks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

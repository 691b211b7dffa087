/* validate.h: agreement of document scores with a human label
 * (`slant validate`).
 *
 * The caller adds, per labelled document, its score (an axis score, or a
 * category rate) and its class, an index into the classes it was asked
 * for, in their order: for an ordinal label the classes low to high
 * (--order a,b,c); for a binary one 0 the negative and 1 the positive
 * class; for three classes 0 negative, 1 neutral, 2 positive.  At the end
 * the validation computes, for all documents and per group:
 *
 *   - always: Spearman's rho and Kendall's tau-b of score and class index,
 *     each with a percentile bootstrap interval (documents resampled);
 *   - binary and three classes: ROC AUC of the positive against the
 *     negative class (the neutral left out) with its interval, and the
 *     classes predicted from the score: positive when score > threshold +
 *     band, negative when score < threshold - band, else neutral (three
 *     classes); binary: positive when score > threshold, else negative;
 *     the confusion matrix, per-class precision, recall and F1, accuracy
 *     and macro-F1 (the mean F1 of the classes that occur as truth or as
 *     prediction, as scikit-learn's default), with their intervals;
 *   - the documents furthest on the wrong side: for classes, those
 *     predicted wrongly, by their distance to the edge of their true
 *     class's region; for an ordinal label, by the distance between their
 *     score's normalized rank and their class's.
 *
 * Bootstraps are SplitMix64 seeded with the seed XOR a hash of the group's
 * name (the whole: "(all)"), so a group's intervals depend on its own
 * documents only.  Memory holds a score, a class, an id and a short
 * description of the top hits per document added.
 */
#ifndef SLANT_VALIDATE_H
#define SLANT_VALIDATE_H

#include <glib.h>

#include "stats.h"

G_BEGIN_DECLS

typedef enum {
    SLANT_VALIDATE_ORDINAL,
    SLANT_VALIDATE_BINARY,
    SLANT_VALIDATE_THREE,
} SlantValidateDesign;

typedef struct {
    SlantValidateDesign design;
    guint n_classes;   /* ordinal: the number of classes (>= 2); binary 2; three 3 */
    double threshold;  /* classes: the score that separates negative from positive */
    double band;       /* three classes: neutral is within threshold +- band (>= 0) */
    guint bootstrap;   /* replicates (0: intervals collapse to the value) */
    guint64 seed;
    double level;
    guint worst;       /* how many of the furthest on the wrong side to keep */
} SlantValidateOptions;

typedef struct _SlantValidation SlantValidation;

SlantValidation *slant_validation_new(const SlantValidateOptions *opts);
void slant_validation_free(SlantValidation *v); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantValidation, slant_validation_free)

/* slant_validation_add: one labelled document: its @score (finite), class
 * (< n_classes), group (nullable: no groups), id, source, whether it had a
 * hit, and a short text of its strongest hits (nullable), for the list of
 * the worst.  Strings are copied. */
void slant_validation_add(SlantValidation *v, double score, guint klass, const char *group,
                          const char *id, const char *source, gboolean has_hits,
                          const char *top_hits);

/* slant_validation_finish: compute everything (call once, after the last
 * add); the accessors below are valid after it. */
void slant_validation_finish(SlantValidation *v);

/* A value with its percentile interval. */
typedef struct {
    double value, lo, hi;
} SlantEstimate;

typedef struct {
    const char *name;          /* the group, or "(all)" */
    guint64 n, no_hits;        /* documents; those without a hit (scored 0 or as given) */
    guint64 *class_n;          /* n_classes */
    SlantEstimate rho, tau;
    /* classes (binary, three) */
    SlantEstimate auc;         /* positive vs negative */
    guint64 auc_n;             /* documents of those two classes */
    guint64 *confusion;        /* k * k, row truth, column predicted */
    SlantClassMetrics *per_class; /* k */
    SlantEstimate accuracy, macro_f1;
} SlantValidateResult;

typedef struct {
    const char *id, *source, *group, *top_hits;
    double score;
    guint klass, predicted;    /* predicted = klass for an ordinal label */
    double distance;           /* how far on the wrong side */
    gboolean has_hits;
} SlantValidateDoc;

const SlantValidateResult *slant_validation_overall(const SlantValidation *v);
guint slant_validation_n_groups(const SlantValidation *v);
const SlantValidateResult *slant_validation_group(const SlantValidation *v, guint i); /* by name */
guint slant_validation_n_worst(const SlantValidation *v);
const SlantValidateDoc *slant_validation_worst(const SlantValidation *v, guint i); /* worst first */

/* slant_validation_predict: the class the options predict for @score
 * (binary and three classes). */
guint slant_validation_predict(const SlantValidateOptions *opts, double score);

G_END_DECLS

#endif

/* validate.c: agreement of scores with labels (see validate.h). */
#include "validate.h"

#include <math.h>
#include <string.h>

#include "hash.h"

#define ALL_NAME "(all)"

typedef struct {
    double score;
    guint klass;
    guint group; /* G_MAXUINT: none */
    gboolean has_hits;
    char *id, *source, *top_hits;
} Doc;

typedef struct {
    char *name;
    SlantValidateResult r;
} GroupResult;

struct _SlantValidation {
    SlantValidateOptions opts;
    GArray *docs;            /* Doc */
    GHashTable *group_ids;   /* name -> id + 1 */
    GPtrArray *group_names;  /* by id */
    GroupResult overall;
    GPtrArray *groups;       /* GroupResult*, by name */
    GArray *worst;           /* SlantValidateDoc */
    gboolean finished;
};

SlantValidation *
slant_validation_new(const SlantValidateOptions *opts)
{
    g_return_val_if_fail(opts->n_classes >= 2, NULL);
    SlantValidation *v = g_new0(SlantValidation, 1);
    v->opts = *opts;
    if (!(v->opts.level > 0 && v->opts.level < 1))
        v->opts.level = 0.95;
    v->docs = g_array_new(FALSE, FALSE, sizeof(Doc));
    v->group_ids = g_hash_table_new(g_str_hash, g_str_equal);
    v->group_names = g_ptr_array_new_with_free_func(g_free);
    v->groups = g_ptr_array_new();
    v->worst = g_array_new(FALSE, FALSE, sizeof(SlantValidateDoc));
    return v;
}

static void
result_clear(SlantValidateResult *r)
{
    g_free(r->class_n);
    g_free(r->confusion);
    g_free(r->per_class);
}

void
slant_validation_free(SlantValidation *v)
{
    if (v == NULL)
        return;
    for (guint i = 0; i < v->docs->len; i++) {
        Doc *d = &g_array_index(v->docs, Doc, i);
        g_free(d->id);
        g_free(d->source);
        g_free(d->top_hits);
    }
    g_array_unref(v->docs);
    g_hash_table_unref(v->group_ids);
    g_ptr_array_unref(v->group_names);
    result_clear(&v->overall.r);
    for (guint i = 0; i < v->groups->len; i++) {
        GroupResult *g = v->groups->pdata[i];
        result_clear(&g->r);
        g_free(g);
    }
    g_ptr_array_unref(v->groups);
    g_array_unref(v->worst);
    g_free(v);
}

void
slant_validation_add(SlantValidation *v, double score, guint klass, const char *group,
                     const char *id, const char *source, gboolean has_hits, const char *top_hits)
{
    g_return_if_fail(!v->finished && klass < v->opts.n_classes && isfinite(score));
    Doc d = {score, klass, G_MAXUINT, has_hits, g_strdup(id), g_strdup(source), g_strdup(top_hits)};
    if (group != NULL) {
        gpointer p = g_hash_table_lookup(v->group_ids, group);
        if (p == NULL) {
            char *copy = g_strdup(group);
            g_ptr_array_add(v->group_names, copy);
            p = GUINT_TO_POINTER(v->group_names->len);
            g_hash_table_insert(v->group_ids, copy, p);
        }
        d.group = GPOINTER_TO_UINT(p) - 1;
    }
    g_array_append_val(v->docs, d);
}

guint
slant_validation_predict(const SlantValidateOptions *o, double score)
{
    if (o->design == SLANT_VALIDATE_BINARY)
        return score > o->threshold ? 1 : 0;
    if (score > o->threshold + o->band)
        return 2;
    if (score < o->threshold - o->band)
        return 0;
    return 1;
}

/* ---- the statistics of a set of documents, and their bootstraps ---- */

typedef struct {
    const SlantValidateOptions *o;
    gsize n;
    const double *score;
    const guint *klass;
    /* scratch, n each */
    double *x, *y;
    gboolean *pos;
    guint *t, *p;
} Set;

static double
stat_rho(const guint32 *idx, gsize n, gpointer user)
{
    Set *s = user;
    for (gsize i = 0; i < n; i++) {
        s->x[i] = s->score[idx[i]];
        s->y[i] = s->klass[idx[i]];
    }
    return slant_stats_spearman(s->x, s->y, n);
}

static double
stat_tau(const guint32 *idx, gsize n, gpointer user)
{
    Set *s = user;
    for (gsize i = 0; i < n; i++) {
        s->x[i] = s->score[idx[i]];
        s->y[i] = s->klass[idx[i]];
    }
    return slant_stats_kendall_tau_b(s->x, s->y, n);
}

/* The positive class, and the negative one (0). */
static guint
positive_class(const SlantValidateOptions *o)
{
    return o->design == SLANT_VALIDATE_THREE ? 2 : 1;
}

static double
stat_auc(const guint32 *idx, gsize n, gpointer user)
{
    Set *s = user;
    guint pc = positive_class(s->o);
    gsize m = 0;
    for (gsize i = 0; i < n; i++) {
        guint k = s->klass[idx[i]];
        if (k != 0 && k != pc)
            continue;
        s->x[m] = s->score[idx[i]];
        s->pos[m++] = k == pc;
    }
    return slant_stats_auc(s->x, s->pos, m);
}

static void
confusion_of(Set *s, const guint32 *idx, gsize n, guint64 *matrix)
{
    for (gsize i = 0; i < n; i++) {
        guint d = idx != NULL ? idx[i] : (guint) i;
        s->t[i] = s->klass[d];
        s->p[i] = slant_validation_predict(s->o, s->score[d]);
    }
    slant_stats_confusion(s->t, s->p, n, s->o->n_classes, matrix);
}

static double
stat_accuracy(const guint32 *idx, gsize n, gpointer user)
{
    Set *s = user;
    guint k = s->o->n_classes;
    guint64 m[9];
    confusion_of(s, idx, n, m);
    double acc;
    slant_stats_class_metrics(m, k, NULL, &acc, NULL);
    return acc;
}

/* (Classes, for which these run, are 2 or 3: the matrices fit in 9.) */

/* Macro-F1 over the classes that occur (as truth or as prediction), as
 * scikit-learn's default: a resample that happens to miss a class would
 * otherwise count a 0 for it. */
static double
macro_f1_present(const guint64 *m, guint k)
{
    SlantClassMetrics pc[3];
    slant_stats_class_metrics(m, k, pc, NULL, NULL);
    double sum = 0;
    guint present = 0;
    for (guint c = 0; c < k; c++) {
        guint64 predicted = 0;
        for (guint t = 0; t < k; t++)
            predicted += m[t * k + c];
        if (pc[c].support == 0 && predicted == 0)
            continue;
        sum += pc[c].f1;
        present++;
    }
    return present ? sum / present : NAN;
}

static double
stat_macro_f1(const guint32 *idx, gsize n, gpointer user)
{
    Set *s = user;
    guint64 m[9];
    confusion_of(s, idx, n, m);
    return macro_f1_present(m, s->o->n_classes);
}

static void
estimate(Set *s, SlantResampleStat stat, guint64 seed, SlantEstimate *e)
{
    g_autofree guint32 *all = g_new(guint32, MAX(s->n, 1));
    for (gsize i = 0; i < s->n; i++)
        all[i] = (guint32) i;
    e->value = stat(all, s->n, s);
    e->lo = e->hi = e->value;
    if (s->o->bootstrap > 0 && s->n > 0 && !isnan(e->value)) {
        guint used = 0;
        slant_stats_bootstrap(s->n, s->o->bootstrap, seed, s->o->level, stat, s, &e->lo, &e->hi,
                              &used);
    }
}

/* Everything of @r, from the documents @members (indices into v->docs). */
static void
compute(SlantValidation *v, const GArray *members, const char *name, SlantValidateResult *r)
{
    const SlantValidateOptions *o = &v->opts;
    guint k = o->n_classes;
    gsize n = members->len;
    r->name = name;
    r->n = n;
    r->class_n = g_new0(guint64, k);
    g_autofree double *score = g_new(double, MAX(n, 1));
    g_autofree guint *klass = g_new(guint, MAX(n, 1));
    for (gsize i = 0; i < n; i++) {
        const Doc *d = &g_array_index(v->docs, Doc, g_array_index(members, guint, i));
        score[i] = d->score;
        klass[i] = d->klass;
        r->class_n[d->klass]++;
        r->no_hits += !d->has_hits;
    }
    Set s = {o, n, score, klass, g_new(double, MAX(n, 1)), g_new(double, MAX(n, 1)),
             g_new(gboolean, MAX(n, 1)), g_new(guint, MAX(n, 1)), g_new(guint, MAX(n, 1))};
    /* one seed per group and statistic: each interval its own draws */
    guint64 seed = o->seed ^ slant_hash_name(name);
    estimate(&s, stat_rho, seed ^ 1, &r->rho);
    estimate(&s, stat_tau, seed ^ 2, &r->tau);
    if (o->design != SLANT_VALIDATE_ORDINAL) {
        estimate(&s, stat_auc, seed ^ 3, &r->auc);
        r->auc_n = r->class_n[0] + r->class_n[positive_class(o)];
        r->confusion = g_new0(guint64, k * k);
        r->per_class = g_new0(SlantClassMetrics, k);
        confusion_of(&s, NULL, n, r->confusion);
        slant_stats_class_metrics(r->confusion, k, r->per_class, NULL, NULL);
        estimate(&s, stat_accuracy, seed ^ 4, &r->accuracy);
        estimate(&s, stat_macro_f1, seed ^ 5, &r->macro_f1);
    } else {
        r->auc.value = r->auc.lo = r->auc.hi = NAN;
        r->accuracy = r->macro_f1 = r->auc;
    }
    g_free(s.x);
    g_free(s.y);
    g_free(s.pos);
    g_free(s.t);
    g_free(s.p);
}

static gint
cmp_group(gconstpointer a, gconstpointer b)
{
    const GroupResult *x = *(const GroupResult *const *) a, *y = *(const GroupResult *const *) b;
    return strcmp(x->name, y->name);
}

static gint
cmp_worst(gconstpointer a, gconstpointer b)
{
    const SlantValidateDoc *x = a, *y = b;
    if (x->distance != y->distance)
        return x->distance > y->distance ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* How far @d lies outside its true class's region of scores. */
static double
class_distance(const SlantValidateOptions *o, const Doc *d)
{
    double lo_edge = o->threshold - (o->design == SLANT_VALIDATE_THREE ? o->band : 0);
    double hi_edge = o->threshold + (o->design == SLANT_VALIDATE_THREE ? o->band : 0);
    guint pc = positive_class(o);
    if (d->klass == pc)
        return hi_edge - d->score;        /* should be above hi_edge */
    if (d->klass == 0)
        return d->score - lo_edge;        /* should be below lo_edge (binary: at or below) */
    return d->score > hi_edge ? d->score - hi_edge : lo_edge - d->score;
}

void
slant_validation_finish(SlantValidation *v)
{
    g_return_if_fail(!v->finished);
    v->finished = TRUE;
    const SlantValidateOptions *o = &v->opts;
    guint n = v->docs->len;
    g_autoptr(GArray) all = g_array_sized_new(FALSE, FALSE, sizeof(guint), n);
    for (guint i = 0; i < n; i++)
        g_array_append_val(all, i);
    v->overall.name = ALL_NAME;
    compute(v, all, ALL_NAME, &v->overall.r);
    /* groups, by name */
    guint ng = v->group_names->len;
    g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func((GDestroyNotify) g_array_unref);
    for (guint g = 0; g < ng; g++)
        g_ptr_array_add(members, g_array_new(FALSE, FALSE, sizeof(guint)));
    for (guint i = 0; i < n; i++) {
        const Doc *d = &g_array_index(v->docs, Doc, i);
        if (d->group != G_MAXUINT)
            g_array_append_val(members->pdata[d->group], i);
    }
    for (guint g = 0; g < ng; g++) {
        GroupResult *gr = g_new0(GroupResult, 1);
        gr->name = v->group_names->pdata[g];
        compute(v, members->pdata[g], gr->name, &gr->r);
        g_ptr_array_add(v->groups, gr);
    }
    g_ptr_array_sort(v->groups, cmp_group);
    /* the worst: wrongly predicted classes, or the widest rank gaps */
    g_autofree double *rs = NULL, *ry = NULL;
    if (o->design == SLANT_VALIDATE_ORDINAL && n > 0) {
        g_autofree double *x = g_new(double, n), *y = g_new(double, n);
        rs = g_new(double, n);
        ry = g_new(double, n);
        for (guint i = 0; i < n; i++) {
            x[i] = g_array_index(v->docs, Doc, i).score;
            y[i] = g_array_index(v->docs, Doc, i).klass;
        }
        slant_stats_ranks(x, n, rs);
        slant_stats_ranks(y, n, ry);
    }
    for (guint i = 0; i < n; i++) {
        const Doc *d = &g_array_index(v->docs, Doc, i);
        SlantValidateDoc w = {d->id, d->source,
                              d->group != G_MAXUINT ? v->group_names->pdata[d->group] : NULL,
                              d->top_hits, d->score, d->klass, d->klass, 0, d->has_hits};
        if (o->design == SLANT_VALIDATE_ORDINAL) {
            w.distance = fabs(rs[i] - ry[i]) / n;
        } else {
            w.predicted = slant_validation_predict(o, d->score);
            if (w.predicted == d->klass)
                continue;
            w.distance = class_distance(o, d);
        }
        g_array_append_val(v->worst, w);
    }
    g_array_sort(v->worst, cmp_worst);
    if (v->worst->len > o->worst)
        g_array_set_size(v->worst, o->worst);
}

const SlantValidateResult *
slant_validation_overall(const SlantValidation *v)
{
    g_return_val_if_fail(v->finished, NULL);
    return &v->overall.r;
}

guint
slant_validation_n_groups(const SlantValidation *v)
{
    return v->groups->len;
}

const SlantValidateResult *
slant_validation_group(const SlantValidation *v, guint i)
{
    g_return_val_if_fail(v->finished && i < v->groups->len, NULL);
    return &((const GroupResult *) v->groups->pdata[i])->r;
}

guint
slant_validation_n_worst(const SlantValidation *v)
{
    return v->worst->len;
}

const SlantValidateDoc *
slant_validation_worst(const SlantValidation *v, guint i)
{
    g_return_val_if_fail(v->finished && i < v->worst->len, NULL);
    return &g_array_index(v->worst, SlantValidateDoc, i);
}

/* cmd-validate.c: `slant validate`, agreement of document scores with a
 * human label (validate.h computes; this file reads options and formats). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "labels.h"
#include "report.h"
#include "slant-error.h"
#include "validate.h"

#define TOP_HITS 3

typedef struct {
    const SlantLexicon *lex;
    SlantVoice voice;
    SlantValidation *v;
    SlantValidateOptions opts;
    SlantKey label, group;
    gboolean grouped;
    char **classes;       /* class names, in class-index order */
    gint axis;            /* or -1: categories */
    gboolean *cats;       /* the categories summed, with axis -1 */
    SlantScoreKind kind;  /* axes */
    gboolean cat_hits;    /* categories: the hit count, not the rate */
    gboolean skip_no_hits;
    SlantKeyCount count;
    guint64 without_label, other_value, skipped_no_hits, used;
    GHashTable *others;   /* value -> count (guint64*) */
} ValidateRun;

/* The document's score, and whether it has a hit at all. */
static double
doc_score(const ValidateRun *run, const SlantResult *r, gboolean *has_hits)
{
    if (run->axis >= 0) {
        const SlantAxisTally *x = &r->tally.axes[run->axis];
        double sc[SLANT_N_SCORES];
        slant_scores_compute(x->pos, x->neg, r->tally.tokens, sc);
        *has_hits = x->hits_pos + x->hits_neg > 0;
        return sc[run->kind];
    }
    guint64 hits = 0;
    for (guint c = 0; c < slant_lexicon_n_categories(run->lex); c++)
        if (run->cats[c])
            hits += r->tally.categories[c].hits;
    *has_hits = hits > 0;
    if (run->cat_hits)
        return (double) hits;
    return r->tally.tokens ? 1000.0 * (double) hits / (double) r->tally.tokens : 0.0;
}

typedef struct {
    guint32 entry;
    guint hits;
    gint64 weight; /* signed, millionths */
} EntrySum;

static gint
cmp_entry_sum(gconstpointer a, gconstpointer b)
{
    const EntrySum *x = a, *y = b;
    gint64 ax = x->weight < 0 ? -x->weight : x->weight, ay = y->weight < 0 ? -y->weight : y->weight;
    if (ax != ay)
        return ax > ay ? -1 : 1;
    if (x->hits != y->hits)
        return x->hits > y->hits ? -1 : 1;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* "'deterrence' x2 +3, 'entanglement' -1.5": the strongest entries behind
 * the score. */
static char *
top_hits(const ValidateRun *run, const SlantResult *r)
{
    g_autoptr(GArray) sums = g_array_new(FALSE, FALSE, sizeof(EntrySum));
    for (guint i = 0; i < r->hits->len; i++) {
        const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
        const SlantEntry *e = slant_lexicon_entry(run->lex, h->entry);
        if (run->axis >= 0 ? e->axis != run->axis : e->axis >= 0 || !run->cats[e->category])
            continue;
        gint64 w = slant_weight_fixed(h->weight) * (h->pole < 0 ? -1 : 1);
        guint j = 0;
        while (j < sums->len && g_array_index(sums, EntrySum, j).entry != h->entry)
            j++;
        if (j == sums->len) {
            EntrySum s = {h->entry, 0, 0};
            g_array_append_val(sums, s);
        }
        g_array_index(sums, EntrySum, j).hits++;
        g_array_index(sums, EntrySum, j).weight += w;
    }
    if (sums->len == 0)
        return NULL;
    g_array_sort(sums, cmp_entry_sum);
    GString *o = g_string_new(NULL);
    for (guint j = 0; j < sums->len && j < TOP_HITS; j++) {
        const EntrySum *s = &g_array_index(sums, EntrySum, j);
        char w[64];
        slant_report_number((double) s->weight / SLANT_WEIGHT_SCALE, w, sizeof w);
        g_string_append_printf(o, "%s'%s'", j ? ", " : "", slant_lexicon_entry(run->lex, s->entry)->pattern);
        if (s->hits > 1)
            g_string_append_printf(o, " x%u", s->hits);
        if (run->axis >= 0)
            g_string_append_printf(o, " %s%s", s->weight > 0 ? "+" : "", w);
    }
    if (sums->len > TOP_HITS)
        g_string_append_printf(o, ", +%u more", sums->len - TOP_HITS);
    return g_string_free(o, FALSE);
}

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    (void) error;
    ValidateRun *run = user;
    char buf[SLANT_KEY_BUF];
    SlantKeyStatus st;
    const char *value = slant_key_value(&run->label, r->doc, buf, &st);
    slant_key_count_add(&run->count, &run->label, r->doc, st);
    if (value == NULL) {
        run->without_label++;
        return TRUE;
    }
    guint klass = 0;
    while (run->classes[klass] != NULL && strcmp(run->classes[klass], value) != 0)
        klass++;
    if (run->classes[klass] == NULL) {
        run->other_value++;
        guint64 *n = g_hash_table_lookup(run->others, value);
        if (n == NULL) {
            n = g_new0(guint64, 1);
            g_hash_table_insert(run->others, g_strdup(value), n);
        }
        (*n)++;
        return TRUE;
    }
    gboolean has_hits;
    double score = doc_score(run, r, &has_hits);
    if (!has_hits && run->skip_no_hits) {
        run->skipped_no_hits++;
        return TRUE;
    }
    const char *group = NULL;
    char gbuf[SLANT_KEY_BUF];
    if (run->grouped) {
        group = slant_key_value(&run->group, r->doc, gbuf, NULL);
        if (group == NULL)
            group = SLANT_KEY_NONE;
    }
    g_autofree char *top = top_hits(run, r);
    slant_validation_add(run->v, score, klass, group, r->doc->id, r->doc->source, has_hits, top);
    run->used++;
    return TRUE;
}

/* ---- text ---- */

static void
put_num(GString *o, double v)
{
    if (isnan(v))
        g_string_append(o, "-");
    else
        g_string_append_printf(o, "%.3f", v);
}

static void
put_estimate(GString *o, const char *name, const SlantEstimate *e, double level)
{
    g_string_append_printf(o, "  %-14s ", name);
    put_num(o, e->value);
    if (!isnan(e->value)) {
        g_string_append_printf(o, "  %g%% [", level * 100);
        put_num(o, e->lo);
        g_string_append(o, ", ");
        put_num(o, e->hi);
        g_string_append(o, "]");
    }
    g_string_append(o, "\n");
}

static void
format_result_text(GString *o, const ValidateRun *run, const SlantValidateResult *r)
{
    const SlantValidateOptions *op = &run->opts;
    guint k = op->n_classes;
    g_string_append_printf(o, "%s: %" G_GUINT64_FORMAT " documents (", r->name, r->n);
    for (guint c = 0; c < k; c++)
        g_string_append_printf(o, "%s%s %" G_GUINT64_FORMAT, c ? ", " : "", run->classes[c],
                               r->class_n[c]);
    g_string_append_printf(o, "), %" G_GUINT64_FORMAT " without a hit\n", r->no_hits);
    put_estimate(o, "Spearman rho", &r->rho, op->level);
    put_estimate(o, "Kendall tau-b", &r->tau, op->level);
    if (op->design == SLANT_VALIDATE_ORDINAL)
        return;
    guint pc = op->design == SLANT_VALIDATE_THREE ? 2 : 1;
    char name[160];
    g_snprintf(name, sizeof name, "ROC AUC");
    put_estimate(o, name, &r->auc, op->level);
    g_string_append_printf(o, "  %-14s (%s vs %s, %" G_GUINT64_FORMAT " documents)\n", "",
                           run->classes[pc], run->classes[0], r->auc_n);
    put_estimate(o, "accuracy", &r->accuracy, op->level);
    put_estimate(o, "macro-F1", &r->macro_f1, op->level);
    int w = 10;
    for (guint c = 0; c < k; c++)
        w = MAX(w, (int) strlen(run->classes[c]));
    g_string_append_printf(o, "  %-*s  %9s %9s %9s %9s   predicted:", w, "class", "precision",
                           "recall", "F1", "support");
    for (guint c = 0; c < k; c++)
        g_string_append_printf(o, " %*s", (int) MAX(6, strlen(run->classes[c])), run->classes[c]);
    g_string_append(o, "\n");
    for (guint t = 0; t < k; t++) {
        const SlantClassMetrics *m = &r->per_class[t];
        g_string_append_printf(o, "  %-*s  %9.3f %9.3f %9.3f %9" G_GUINT64_FORMAT "             ",
                               w, run->classes[t], m->precision, m->recall, m->f1, m->support);
        for (guint c = 0; c < k; c++)
            g_string_append_printf(o, " %*" G_GUINT64_FORMAT, (int) MAX(6, strlen(run->classes[c])),
                                   r->confusion[t * k + c]);
        g_string_append(o, "\n");
    }
}

static void
format_text(GString *o, const ValidateRun *run, const char *what, const char *label_name)
{
    const SlantValidateOptions *op = &run->opts;
    const SlantValidation *v = run->v;
    g_string_append_printf(o, "validate %s against label '%s'", what, label_name);
    if (run->voice == SLANT_VOICE_OWN)
        g_string_append(o, ", own voice (hits outside quotations)");
    else if (run->voice == SLANT_VOICE_QUOTED)
        g_string_append(o, ", quoted voices (hits inside quotations)");
    if (op->design == SLANT_VALIDATE_ORDINAL) {
        g_string_append(o, ", ordinal:");
        for (guint c = 0; c < op->n_classes; c++)
            g_string_append_printf(o, "%s %s", c ? " <" : "", run->classes[c]);
    } else if (op->design == SLANT_VALIDATE_BINARY) {
        g_string_append_printf(o, ": %s (positive) vs %s (negative), predicted positive when the "
                                  "score is above %g",
                               run->classes[1], run->classes[0], op->threshold);
    } else {
        g_string_append_printf(o, ": %s < %s < %s, predicted neutral within %g +- %g",
                               run->classes[0], run->classes[1], run->classes[2], op->threshold,
                               op->band);
    }
    g_string_append_printf(o, "\n%" G_GUINT64_FORMAT " documents used; %" G_GUINT64_FORMAT
                              " without the label",
                           run->used, run->without_label);
    if (run->other_value > 0) {
        g_string_append_printf(o, ", %" G_GUINT64_FORMAT " with another value (", run->other_value);
        g_autoptr(GList) keys = g_list_sort(g_hash_table_get_keys(run->others), (GCompareFunc) strcmp);
        guint shown = 0;
        for (GList *l = keys; l != NULL && shown < 8; l = l->next, shown++)
            g_string_append_printf(o, "%s%s %" G_GUINT64_FORMAT, shown ? ", " : "",
                                   (const char *) l->data,
                                   *(guint64 *) g_hash_table_lookup(run->others, l->data));
        if (g_list_length(keys) > 8)
            g_string_append(o, ", ...");
        g_string_append(o, ")");
    }
    if (run->skip_no_hits)
        g_string_append_printf(o, ", %" G_GUINT64_FORMAT " left out without a hit (--skip-no-hits)",
                               run->skipped_no_hits);
    g_string_append(o, "\n\n");
    format_result_text(o, run, slant_validation_overall(v));
    for (guint g = 0; g < slant_validation_n_groups(v); g++) {
        g_string_append(o, "\n");
        format_result_text(o, run, slant_validation_group(v, g));
    }
    guint nw = slant_validation_n_worst(v);
    if (nw > 0) {
        g_string_append_printf(o, "\nfurthest on the wrong side (%u):\n", nw);
        for (guint i = 0; i < nw; i++) {
            const SlantValidateDoc *d = slant_validation_worst(v, i);
            char sc[64];
            slant_report_number(d->score, sc, sizeof sc);
            g_string_append_printf(o, "  %s [%s] %s, score %s", d->id, d->source,
                                   run->classes[d->klass], sc);
            if (op->design != SLANT_VALIDATE_ORDINAL)
                g_string_append_printf(o, ", predicted %s", run->classes[d->predicted]);
            g_string_append_printf(o, "\n      %s\n", d->top_hits ? d->top_hits : "no hit");
        }
    }
}

/* ---- JSON ---- */

static void
add_estimate(cJSON *o, const char *key, const SlantEstimate *e)
{
    if (isnan(e->value)) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    cJSON *x = cJSON_AddObjectToObject(o, key);
    cli_json_number(x, "value", e->value);
    cJSON *iv = cJSON_AddArrayToObject(x, "interval");
    char buf[64];
    cJSON_AddItemToArray(iv, cJSON_CreateRaw(slant_report_number(e->lo, buf, sizeof buf)));
    cJSON_AddItemToArray(iv, cJSON_CreateRaw(slant_report_number(e->hi, buf, sizeof buf)));
}

static cJSON *
result_json(const ValidateRun *run, const SlantValidateResult *r)
{
    const SlantValidateOptions *op = &run->opts;
    guint k = op->n_classes;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", r->name);
    cJSON_AddNumberToObject(o, "documents", (double) r->n);
    cJSON_AddNumberToObject(o, "without_hits", (double) r->no_hits);
    cJSON *cn = cJSON_AddObjectToObject(o, "classes");
    for (guint c = 0; c < k; c++)
        cJSON_AddNumberToObject(cn, run->classes[c], (double) r->class_n[c]);
    add_estimate(o, "spearman_rho", &r->rho);
    add_estimate(o, "kendall_tau_b", &r->tau);
    if (op->design == SLANT_VALIDATE_ORDINAL)
        return o;
    add_estimate(o, "auc", &r->auc);
    cJSON_AddNumberToObject(o, "auc_documents", (double) r->auc_n);
    add_estimate(o, "accuracy", &r->accuracy);
    add_estimate(o, "macro_f1", &r->macro_f1);
    cJSON *pc = cJSON_AddObjectToObject(o, "per_class");
    for (guint c = 0; c < k; c++) {
        cJSON *m = cJSON_AddObjectToObject(pc, run->classes[c]);
        cli_json_number(m, "precision", r->per_class[c].precision);
        cli_json_number(m, "recall", r->per_class[c].recall);
        cli_json_number(m, "f1", r->per_class[c].f1);
        cJSON_AddNumberToObject(m, "support", (double) r->per_class[c].support);
    }
    cJSON *cm = cJSON_AddObjectToObject(o, "confusion");
    for (guint t = 0; t < k; t++) {
        cJSON *row = cJSON_AddObjectToObject(cm, run->classes[t]);
        for (guint c = 0; c < k; c++)
            cJSON_AddNumberToObject(row, run->classes[c], (double) r->confusion[t * k + c]);
    }
    return o;
}

static char *
format_json(const ValidateRun *run, const char *what, const char *label_name, gboolean passed,
            const char *gate)
{
    const SlantValidateOptions *op = &run->opts;
    const SlantValidation *v = run->v;
    cJSON *root = cJSON_CreateObject();
    cJSON *lx = cJSON_AddObjectToObject(root, "lexicon");
    cJSON_AddStringToObject(lx, "name", slant_lexicon_name(run->lex));
    cJSON_AddStringToObject(lx, "version", slant_lexicon_version(run->lex));
    cJSON_AddStringToObject(lx, "sha256", slant_lexicon_sha256(run->lex));
    cJSON_AddStringToObject(root, "score", what);
    cJSON_AddStringToObject(root, "label", label_name);
    cJSON_AddStringToObject(root, "design", op->design == SLANT_VALIDATE_ORDINAL ? "ordinal"
                                            : op->design == SLANT_VALIDATE_BINARY ? "binary"
                                                                                   : "three-class");
    cJSON *cl = cJSON_AddArrayToObject(root, "classes");
    for (guint c = 0; c < op->n_classes; c++)
        cJSON_AddItemToArray(cl, cJSON_CreateString(run->classes[c]));
    if (op->design != SLANT_VALIDATE_ORDINAL)
        cli_json_number(root, "threshold", op->threshold);
    if (op->design == SLANT_VALIDATE_THREE)
        cli_json_number(root, "band", op->band);
    cJSON *par = cJSON_AddObjectToObject(root, "parameters");
    cJSON_AddNumberToObject(par, "bootstrap_replicates", op->bootstrap);
    cJSON_AddNumberToObject(par, "seed", (double) op->seed);
    cli_json_number(par, "confidence_level", op->level);
    cJSON_AddBoolToObject(par, "skip_no_hits", run->skip_no_hits);
    cJSON_AddStringToObject(par, "voice", slant_voice_name(run->voice));
    if (run->grouped)
        cJSON_AddStringToObject(par, "group_by", run->group.spec);
    else
        cJSON_AddNullToObject(par, "group_by");
    cJSON *cnt = cJSON_AddObjectToObject(root, "documents");
    cJSON_AddNumberToObject(cnt, "used", (double) run->used);
    cJSON_AddNumberToObject(cnt, "without_label", (double) run->without_label);
    cJSON_AddNumberToObject(cnt, "other_value", (double) run->other_value);
    cJSON_AddNumberToObject(cnt, "left_out_without_hits", (double) run->skipped_no_hits);
    cJSON_AddItemToObject(root, "overall", result_json(run, slant_validation_overall(v)));
    cJSON *groups = cJSON_AddArrayToObject(root, "groups");
    for (guint g = 0; g < slant_validation_n_groups(v); g++)
        cJSON_AddItemToArray(groups, result_json(run, slant_validation_group(v, g)));
    cJSON *worst = cJSON_AddArrayToObject(root, "wrong_side");
    for (guint i = 0; i < slant_validation_n_worst(v); i++) {
        const SlantValidateDoc *d = slant_validation_worst(v, i);
        cJSON *w = cJSON_CreateObject();
        cJSON_AddStringToObject(w, "id", d->id);
        cJSON_AddStringToObject(w, "source", d->source);
        cJSON_AddStringToObject(w, "label", run->classes[d->klass]);
        if (op->design != SLANT_VALIDATE_ORDINAL)
            cJSON_AddStringToObject(w, "predicted", run->classes[d->predicted]);
        cli_json_number(w, "score", d->score);
        cli_json_number(w, "distance", d->distance);
        if (d->top_hits)
            cJSON_AddStringToObject(w, "top_hits", d->top_hits);
        else
            cJSON_AddNullToObject(w, "top_hits");
        cJSON_AddItemToArray(worst, w);
    }
    cJSON *gt = cJSON_AddObjectToObject(root, "gate");
    if (gate != NULL)
        cJSON_AddStringToObject(gt, "checked", gate);
    else
        cJSON_AddNullToObject(gt, "checked");
    cJSON_AddBoolToObject(gt, "passed", passed);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = g_strconcat(text, "\n", NULL);
    cJSON_free(text);
    return out;
}

/* ---- options ---- */

static gboolean
parse_score(ValidateRun *run, const char *kind, gboolean categories, GError **error)
{
    if (categories) {
        if (kind == NULL || strcmp(kind, "per_1k") == 0)
            return TRUE;
        if (strcmp(kind, "hits") == 0) {
            run->cat_hits = TRUE;
            return TRUE;
        }
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--score '%s': a category's score is per_1k or hits", kind);
        return FALSE;
    }
    run->kind = SLANT_SCORE_BALANCE;
    if (kind == NULL)
        return TRUE;
    for (int k = 0; k < SLANT_N_SCORES; k++)
        if (strcmp(kind, slant_score_name(k)) == 0) {
            run->kind = k;
            return TRUE;
        }
    g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                "--score '%s': expected balance, logit, net_per_1k or intensity_per_1k", kind);
    return FALSE;
}

int
cmd_validate(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_autofree char *label = NULL, *order = NULL, *positive = NULL, *negative = NULL,
                    *neutral = NULL, *axis = NULL, *category = NULL, *score = NULL, *group = NULL;
    double band = 0, threshold = 0, level = 0.95, min_auc = NAN, min_rho = NAN, min_f1 = NAN;
    gint64 bootstrap = 1000, seed = 1, worst = 10;
    gboolean json = FALSE, skip_no_hits = FALSE;
    GOptionEntry entries[] = {
        {"label", 0, 0, G_OPTION_ARG_STRING, &label, "The human label to agree with (its flattened name)", "NAME"},
        {"order", 0, 0, G_OPTION_ARG_STRING, &order,
         "Ordinal label: its values low to high, comma-separated (Spearman, Kendall)", "A,B,C"},
        {"positive", 0, 0, G_OPTION_ARG_STRING, &positive, "Binary label: the positive value (ROC AUC, F1)", "X"},
        {"negative", 0, 0, G_OPTION_ARG_STRING, &negative, "Binary label: the negative value", "Y"},
        {"neutral", 0, 0, G_OPTION_ARG_STRING, &neutral,
         "Three classes: the value in between (macro-F1, 3x3 confusion)", "Z"},
        {"band", 0, 0, G_OPTION_ARG_DOUBLE, &band,
         "Three classes: scores within threshold +- W are neutral (default 0)", "W"},
        {"threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
         "Classes: a score above it is positive (default 0)", "T"},
        {"axis", 0, 0, G_OPTION_ARG_STRING, &axis, "The axis scored (default: the lexicon's first)", "ID"},
        {"category", 0, 0, G_OPTION_ARG_STRING, &category,
         "Score by the summed hits of these categories instead of an axis", "ID[,ID...]"},
        {"score", 0, 0, G_OPTION_ARG_STRING, &score,
         "Axis: balance (default), logit, net_per_1k or intensity_per_1k; categories: per_1k "
         "(default) or hits", "KIND"},
        {"group-by", 'g', 0, G_OPTION_ARG_STRING, &group,
         "Also per group: source, label.NAME, date:year, date:month or date:day", "KEY"},
        {"skip-no-hits", 0, 0, G_OPTION_ARG_NONE, &skip_no_hits,
         "Leave out documents without a hit (counted); by default they count, scored 0", NULL},
        {"worst", 0, 0, G_OPTION_ARG_INT64, &worst,
         "List the N documents furthest on the wrong side (default 10)", "N"},
        {"bootstrap", 'b', 0, G_OPTION_ARG_INT64, &bootstrap, "Bootstrap replicates (default 1000)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Bootstrap seed (default 1)", "N"},
        {"level", 0, 0, G_OPTION_ARG_DOUBLE, &level, "Interval level (default 0.95)", "P"},
        {"min-auc", 0, 0, G_OPTION_ARG_DOUBLE, &min_auc, "Gate: exit 1 when the AUC is below A", "A"},
        {"min-rho", 0, 0, G_OPTION_ARG_DOUBLE, &min_rho, "Gate: exit 1 when Spearman's rho is below R", "R"},
        {"min-macro-f1", 0, 0, G_OPTION_ARG_DOUBLE, &min_f1, "Gate: exit 1 when macro-F1 is below F", "F"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON for programs", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - agreement with a human label");
    g_option_context_set_summary(ctx,
        "Score each document and measure how well the scores agree with a human label:\n"
        "Spearman's rho and Kendall's tau-b always, and for classes the ROC AUC, accuracy,\n"
        "per-class precision, recall and F1, macro-F1 and the confusion matrix, each with a\n"
        "bootstrap interval; then the documents furthest on the wrong side, with the hits\n"
        "behind their scores. Give --order, or --positive and --negative (and --neutral).\n"
        "Documents without the label, or with another value, are counted and left out.\n"
        "With no INPUT: the bundled corpus and lexicon.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    ValidateRun run = {0};
    int status = 2;
    g_auto(GStrv) classes = NULL;
    g_autofree char *spec = NULL, *what = NULL;
    g_autoptr(SlantLexicon) lex = NULL;
    g_autoptr(SlantEngine) engine = NULL;
    g_autoptr(GString) gate = g_string_new(NULL);
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(GString) failed = g_string_new(NULL);
    const char *problem = NULL;
    if (label == NULL)
        problem = "give --label NAME";
    else if ((order != NULL) == (positive != NULL || negative != NULL))
        problem = "give either --order A,B,C or --positive X --negative Y";
    else if (order == NULL && (positive == NULL || negative == NULL))
        problem = "--positive and --negative go together";
    else if (neutral != NULL && order != NULL)
        problem = "--neutral goes with --positive and --negative";
    else if (!(band >= 0) || !isfinite(threshold))
        problem = "--band must be >= 0 and --threshold a number";
    else if (bootstrap < 0 || bootstrap > 1000000 || seed < 0 || !(level > 0 && level < 1) ||
             worst < 0 || worst > 100000)
        problem = "--bootstrap must be 0..1000000, --seed >= 0, --level between 0 and 1, --worst 0..100000";
    else if (axis != NULL && category != NULL)
        problem = "--axis and --category do not go together";
    if (problem != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "validate: %s", problem);
        cli_common_clear(&common);
        return 2;
    }
    if (order != NULL) {
        classes = g_strsplit(order, ",", -1);
        run.opts.design = SLANT_VALIDATE_ORDINAL;
    } else if (neutral != NULL) {
        classes = g_new0(char *, 4);
        classes[0] = g_strdup(negative);
        classes[1] = g_strdup(neutral);
        classes[2] = g_strdup(positive);
        run.opts.design = SLANT_VALIDATE_THREE;
    } else {
        classes = g_new0(char *, 3);
        classes[0] = g_strdup(negative);
        classes[1] = g_strdup(positive);
        run.opts.design = SLANT_VALIDATE_BINARY;
    }
    guint k = g_strv_length(classes);
    for (guint i = 0; i < k && problem == NULL; i++) {
        g_strstrip(classes[i]);
        if (classes[i][0] == '\0')
            problem = "a class value is empty";
        for (guint j = 0; j < i && problem == NULL; j++)
            if (strcmp(classes[i], classes[j]) == 0)
                problem = "a class value is given twice";
    }
    if (problem == NULL && k < 2)
        problem = "--order needs two values or more";
    spec = g_strconcat("label.", label, NULL);
    if (problem != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "validate: %s", problem);
        goto out;
    }
    if (!slant_key_parse(&run.label, spec, "--label", error) ||
        (group != NULL && !slant_key_parse(&run.group, group, "--group-by", error)))
        goto out;
    run.grouped = group != NULL;
    run.classes = classes;
    run.skip_no_hits = skip_no_hits;
    run.opts.n_classes = k;
    run.opts.threshold = threshold;
    run.opts.band = run.opts.design == SLANT_VALIDATE_THREE ? band : 0;
    run.opts.bootstrap = (guint) bootstrap;
    run.opts.seed = (guint64) seed;
    run.opts.level = level;
    run.opts.worst = (guint) worst;
    lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        status = cli_exit_status(*error);
        goto out;
    }
    run.lex = lex;
    run.voice = common.voice;
    /* what is scored */
    run.axis = -1;
    if (category != NULL) {
        g_auto(GStrv) ids = g_strsplit(category, ",", -1);
        run.cats = g_new0(gboolean, MAX(slant_lexicon_n_categories(lex), 1));
        for (char **id = ids; *id != NULL; id++) {
            guint c = 0;
            g_strstrip(*id);
            while (c < slant_lexicon_n_categories(lex) && strcmp(slant_lexicon_category(lex, c)->id, *id) != 0)
                c++;
            if (c == slant_lexicon_n_categories(lex)) {
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                            "--category '%s': no such category in %s", *id, slant_lexicon_path(lex));
                goto out;
            }
            run.cats[c] = TRUE;
        }
        if (!parse_score(&run, score, TRUE, error))
            goto out;
        what = g_strdup_printf("categories %s (%s)", category, run.cat_hits ? "hits" : "per_1k");
    } else {
        if (slant_lexicon_n_axes(lex) == 0) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "%s has no axis: give --category ID", slant_lexicon_path(lex));
            goto out;
        }
        run.axis = 0;
        if (axis != NULL) {
            run.axis = -1;
            for (guint a = 0; a < slant_lexicon_n_axes(lex); a++)
                if (strcmp(slant_lexicon_axis(lex, a)->id, axis) == 0)
                    run.axis = (gint) a;
            if (run.axis < 0) {
                g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--axis '%s': no such axis in %s",
                            axis, slant_lexicon_path(lex));
                goto out;
            }
        }
        if (!parse_score(&run, score, FALSE, error))
            goto out;
        what = g_strdup_printf("axis %s (%s)", slant_lexicon_axis(lex, (guint) run.axis)->id,
                               slant_score_name(run.kind));
    }
    SlantEngineOptions eo = cli_engine_options(&common, FALSE);
    engine = slant_engine_new(lex, &eo, error);
    if (engine == NULL) {
        status = cli_exit_status(*error);
        goto out;
    }
    run.v = slant_validation_new(&run.opts);
    run.others = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    slant_key_count_init(&run.count);
    gboolean ok = cli_run_inputs(engine, argc, argv, on_result, &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (!ok) {
        status = cli_exit_status(*error);
        goto out;
    }
    if (!slant_key_count_check(&run.count, &run.label, "--label", error))
        goto out;
    if (run.used == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_EMPTY,
                    "validate: no document has one of the values given for '%s'%s", label,
                    run.skipped_no_hits ? " and a hit" : "");
        status = 1;
        goto out;
    }
    slant_validation_finish(run.v);
    const SlantValidateResult *all = slant_validation_overall(run.v);
    /* the gates: which were checked, and which failed with their values */
    gboolean passed = TRUE;
    struct {
        const char *name;
        double min, value;
    } gates[] = {
        {"auc", min_auc, all->auc.value},
        {"rho", min_rho, all->rho.value},
        {"macro-F1", min_f1, all->macro_f1.value},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(gates); i++) {
        if (isnan(gates[i].min))
            continue;
        g_string_append_printf(gate, "%s%s >= %g", gate->len ? ", " : "", gates[i].name, gates[i].min);
        if (isnan(gates[i].value)) {
            passed = FALSE;
            g_string_append_printf(failed, "%s%s is undefined%s", failed->len ? "; " : "",
                                   gates[i].name,
                                   run.opts.design == SLANT_VALIDATE_ORDINAL && i != 1
                                       ? " for an ordinal label"
                                       : "");
        } else if (gates[i].value < gates[i].min) {
            passed = FALSE;
            char v[64];
            slant_report_number(gates[i].value, v, sizeof v);
            g_string_append_printf(failed, "%s%s %s is below %g", failed->len ? "; " : "",
                                   gates[i].name, v, gates[i].min);
        }
    }
    if (json) {
        g_autofree char *j = format_json(&run, what, label, passed, gate->len ? gate->str : NULL);
        g_string_append(text, j);
    } else {
        format_text(text, &run, what, label);
    }
    if (!cli_write_output(common.output, text->str, text->len, error)) {
        status = 4;
        goto out;
    }
    status = cli_run_status(engine, error);
    if (status == 0 && all->no_hits == all->n)
        fprintf(stderr, "slant: warning: no document used has a hit: the scores say nothing\n");
    if (!passed && status <= 1) {
        g_clear_error(error);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_CHECK_FAILED, "validate: gate failed: %s",
                    failed->str);
        status = 1;
    }
out:
    slant_validation_free(run.v);
    slant_key_clear(&run.label);
    slant_key_clear(&run.group);
    slant_key_count_clear(&run.count);
    if (run.others)
        g_hash_table_unref(run.others);
    g_free(run.cats);
    cli_common_clear(&common);
    return status;
}

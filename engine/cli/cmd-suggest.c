/* cmd-suggest.c: `slant suggest`, candidate lexicon terms: the words and
 * phrases that separate two groups of documents (keyness.h counts and
 * ranks; this file reads options, runs the passes and formats). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "jsonw.h"
#include "keyness.h"
#include "labels.h"
#include "report.h"
#include "slant-error.h"

#define FORMS_SHOWN 3

typedef struct {
    SlantKeynessCounter *counter;
    SlantKey by;
    SlantKeyCount count;
} SuggestRun;

/* One input as given, and the file read in its place (standard input and
 * pipes are read once into a temporary file: there are three passes). */
typedef struct {
    const char *name;
    char *path;
    gboolean spooled;
} Input;

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    SuggestRun *run = user;
    char buf[SLANT_KEY_BUF];
    SlantKeyStatus st;
    const char *group = slant_key_value(&run->by, r->doc, buf, &st);
    if (slant_keyness_pass(run->counter) == 1)
        slant_key_count_add(&run->count, &run->by, r->doc, st);
    return slant_keyness_add(run->counter, r, group, error);
}

/* Copy standard input, or a pipe, into a temporary file whose name ends
 * like @name (so that the reader picks the same format). */
static gboolean
spool(Input *in, GError **error)
{
    const char *suffix = g_str_has_suffix(in->name, ".jsonl.gz")    ? ".jsonl.gz"
                         : g_str_has_suffix(in->name, ".jsonl.zst") ? ".jsonl.zst"
                                                                     : ".jsonl";
    g_autofree char *tmpl = g_strconcat("slant-suggest-XXXXXX", suffix, NULL);
    GError *err = NULL;
    int out = g_file_open_tmp(tmpl, &in->path, &err);
    if (out < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot make a temporary file for '%s': %s",
                    in->name, err->message);
        g_error_free(err);
        return FALSE;
    }
    in->spooled = TRUE;
    int src = strcmp(in->name, "-") == 0 ? 0 : g_open(in->name, O_RDONLY, 0);
    gboolean ok = src >= 0;
    char buf[1 << 16];
    while (ok) {
        ssize_t n = read(src, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t w = write(out, buf + done, (gsize) (n - done));
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            done += w > 0 ? w : 0;
        }
    }
    int saved = errno;
    if (src > 0)
        close(src);
    if (close(out) != 0 && ok) {
        ok = FALSE;
        saved = errno;
    }
    if (!ok)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s' into a temporary file: %s",
                    in->name, g_strerror(saved));
    return ok;
}

/* The inputs: the arguments, or the bundled corpus. */
static GArray *
inputs_of(int argc, char **argv, GError **error)
{
    GArray *inputs = g_array_new(FALSE, TRUE, sizeof(Input));
    if (argc <= 1) {
        Input in = {CLI_BUNDLED_CORPUS, cli_bundled_path(CLI_BUNDLED_CORPUS), FALSE};
        g_array_append_val(inputs, in);
        return inputs;
    }
    for (int i = 1; i < argc; i++) {
        Input in = {argv[i], NULL, FALSE};
        struct stat st;
        gboolean pipe_like = strcmp(argv[i], "-") == 0 ||
                             (stat(argv[i], &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode) &&
                              slant_corpus_path_is_jsonl(argv[i]));
        g_array_append_val(inputs, in);
        Input *added = &g_array_index(inputs, Input, inputs->len - 1);
        if (pipe_like) {
            if (!spool(added, error))
                return inputs; /* the caller frees, with what was made */
        } else {
            added->path = g_strdup(argv[i]);
        }
    }
    return inputs;
}

static void
inputs_free(GArray *inputs)
{
    if (inputs == NULL)
        return;
    for (guint i = 0; i < inputs->len; i++) {
        Input *in = &g_array_index(inputs, Input, i);
        if (in->spooled && in->path != NULL)
            g_unlink(in->path);
        g_free(in->path);
    }
    g_array_unref(inputs);
}

/* ---- formatting -------------------------------------------------------------- */

typedef struct {
    const SlantLexicon *lex;      /* for existing entries */
    const SlantKeynessCounter *c;
    const SlantStopwords *stop;
    const char *by;
    const char *language;
    const GArray *inputs;
    SlantKeynessOptions opts;
    gboolean new_only;
} Format;

static const char *
group_name(const SlantKeynessCounter *c, gint g)
{
    return g == SLANT_KEYNESS_REST ? "the rest" : slant_keyness_group(c, (guint) g)->name;
}

static gboolean
covered(const SlantKeynessTerm *t)
{
    for (guint i = 0; i < t->entries->len; i++)
        if (g_array_index(t->entries, SlantKeynessEntryMatch, i).whole)
            return TRUE;
    return FALSE;
}

static const char *
entry_group(const SlantLexicon *lex, const SlantEntry *e)
{
    return e->axis >= 0 ? slant_lexicon_axis(lex, (guint) e->axis)->id
                        : slant_lexicon_category(lex, (guint) e->category)->id;
}

static const char *
entry_pole(const SlantLexicon *lex, const SlantEntry *e)
{
    if (e->axis < 0)
        return NULL;
    const SlantAxis *ax = slant_lexicon_axis(lex, (guint) e->axis);
    return e->pole > 0 ? ax->positive : ax->negative;
}

static const char *
first_form(const SlantKeynessTerm *t)
{
    return t->forms->len > 0 ? g_array_index(t->forms, SlantKeynessForm, 0).form : t->stems;
}


static void
append_prior(GString *o, double prior)
{
    if (prior > 0)
        g_string_append_printf(o, "a_0 = %g", prior);
    else
        g_string_append(o, "a_0 = N (the corpus's count of candidates of the term's length)");
}

static void
append_ngrams(GString *o, const Format *f, const guint64 *ngrams)
{
    for (guint l = 1; l <= f->opts.ngrams; l++) {
        g_string_append(o, l == 1 ? "" : ", ");
        cli_append_count(o, ngrams[l - 1]);
        g_string_append(o, l == 1 ? " words" : l == 2 ? " 2-word" : " 3-word");
    }
}

static void
append_candidate_text(GString *o, const Format *f, const SlantKeynessCandidate *k, guint rank, int wt)
{
    const SlantKeynessTerm *t = k->term;
    const char *form = first_form(t);
    glong flen = g_utf8_strlen(form, -1);
    const char *entry = t->entries->len == 0 ? "-" : covered(t) ? "yes" : "part";
    char p_adj[32];
    g_snprintf(p_adj, sizeof p_adj, "%.2g", k->p_adjusted);
    g_string_append_printf(o, "%4u  %s%*s %6" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT
                              " %7.2f %7.2f %8.3f %7.2f %8.2f %8s  %s\n",
                           rank, form, (int) MAX(0, wt - flen), "", k->count_a, k->count_b, k->rate_a,
                           k->rate_b, k->log_odds, k->z, k->g2, p_adj, entry);
    g_string_append(o, "      forms");
    for (guint i = 0; i < t->forms->len && i < FORMS_SHOWN; i++) {
        const SlantKeynessForm *fc = &g_array_index(t->forms, SlantKeynessForm, i);
        g_string_append_printf(o, "%s %s %" G_GUINT64_FORMAT, i ? "," : "", fc->form, fc->count);
    }
    if (t->forms->len > FORMS_SHOWN)
        g_string_append_printf(o, ", +%u more", t->forms->len - FORMS_SHOWN);
    g_string_append_printf(o, "; stems '%s'", t->stems);
    if (k->within != NULL)
        g_string_append_printf(o, "; always within '%s'", first_form(k->within));
    g_string_append_c(o, '\n');
    for (guint i = 0; i < t->entries->len; i++) {
        const SlantKeynessEntryMatch *m = &g_array_index(t->entries, SlantKeynessEntryMatch, i);
        const SlantEntry *e = slant_lexicon_entry(f->lex, m->entry);
        const char *pole = entry_pole(f->lex, e);
        g_string_append_printf(o, "      entry %u '%s' (%s%s%s)%s\n", e->index, e->pattern,
                               entry_group(f->lex, e), pole ? ", " : "", pole ? pole : "",
                               m->whole ? "" : ": a part of the term");
    }
    for (guint i = 0; i < k->examples->len; i++) {
        const SlantKeynessExample *e = k->examples->pdata[i];
        g_string_append_printf(o, "      %s %s%u: %s[%s]%s\n", e->id,
                               e->field == SLANT_SEGMENT_TITLE ? "title s" : "s", e->sentence, e->pre,
                               e->match, e->post);
    }
}

static void
append_list_text(GString *o, const Format *f, const SlantKeynessComparison *cmp, gboolean to_a)
{
    const GPtrArray *list = to_a ? cmp->to_a : cmp->to_b;
    guint64 leaning = to_a ? cmp->leaning_a : cmp->leaning_b;
    guint shown = 0;
    int wt = 4;
    for (guint i = 0; i < list->len; i++) {
        const SlantKeynessCandidate *k = list->pdata[i];
        if (f->new_only && covered(k->term))
            continue;
        shown++;
        wt = MAX(wt, (int) g_utf8_strlen(first_form(k->term), -1));
    }
    wt = MIN(wt, 30);
    g_string_append_printf(o, "\nleaning to %s: %u shown of %" G_GUINT64_FORMAT "%s\n",
                           group_name(f->c, to_a ? cmp->a : cmp->b), shown, leaning,
                           f->new_only ? " (--new-only: without those an entry matches)" : "");
    if (shown == 0)
        return;
    g_string_append_printf(o, "%4s  %-*s %6s %6s %7s %7s %8s %7s %8s %8s  %s\n", "#", wt, "term", "a",
                           "b", "a/1k", "b/1k", "log-odds", "z", "G2", "p BH", "entry");
    guint rank = 0;
    for (guint i = 0; i < list->len; i++) {
        const SlantKeynessCandidate *k = list->pdata[i];
        if (f->new_only && covered(k->term))
            continue;
        append_candidate_text(o, f, k, ++rank, wt);
    }
}

static void
format_text(GString *o, const Format *f)
{
    const SlantKeynessCounter *c = f->c;
    g_string_append_printf(o, "slant suggest by %s on %" G_GUINT64_FORMAT " document%s (", f->by,
                           slant_keyness_documents(c), slant_keyness_documents(c) == 1 ? "" : "s");
    for (guint i = 0; i < f->inputs->len; i++)
        g_string_append_printf(o, "%s%s", i ? ", " : "", g_array_index(f->inputs, Input, i).name);
    g_string_append(o, ")\n");
    g_string_append_printf(o, "terms: 1 to %u words in a sentence, compared as %s stems; ", f->opts.ngrams,
                           f->language);
    if (f->opts.voice != SLANT_VOICE_ALL)
        g_string_append_printf(o, "--voice %s: words %s quotation marks only; ",
                               slant_voice_name(f->opts.voice),
                               f->opts.voice == SLANT_VOICE_OWN ? "outside" : "inside");
    if (f->stop != NULL)
        g_string_append_printf(o, "stop words %s (%u) and one-character tokens at neither end\n",
                               slant_stopwords_name(f->stop), slant_stopwords_size(f->stop));
    else
        g_string_append(o, "no stop words\n");
    g_string_append_printf(o, "tested: terms counted at least %" G_GUINT64_FORMAT
                              " times in the two groups together; ranked by %s; ",
                           f->opts.min_count,
                           f->opts.rank == SLANT_KEYNESS_RANK_G2 ? "|G2|" : "|z|");
    g_string_append(o, "log-odds ratio with an informative Dirichlet prior, ");
    append_prior(o, f->opts.prior);
    g_string_append(o, "\ncounts a, b; rates per 1,000 candidates of the term's length; "
                       "G2 signed; p BH: G2's p-value, Benjamini-Hochberg adjusted over the terms tested\n");
    g_string_append(o, "corpus: ");
    append_ngrams(o, f, (guint64[]) {slant_keyness_corpus_ngrams(c, 1),
                                     f->opts.ngrams > 1 ? slant_keyness_corpus_ngrams(c, 2) : 0,
                                     f->opts.ngrams > 2 ? slant_keyness_corpus_ngrams(c, 3) : 0});
    g_string_append(o, "\n");
    for (guint i = 0; i < slant_keyness_n_comparisons(c); i++) {
        const SlantKeynessComparison *cmp = slant_keyness_comparison(c, i);
        g_string_append_printf(o, "\n== a: %s (%" G_GUINT64_FORMAT " document%s; ", group_name(c, cmp->a),
                               cmp->documents_a, cmp->documents_a == 1 ? "" : "s");
        append_ngrams(o, f, cmp->ngrams_a);
        g_string_append_printf(o, ")\n   b: %s (%" G_GUINT64_FORMAT " document%s; ", group_name(c, cmp->b),
                               cmp->documents_b, cmp->documents_b == 1 ? "" : "s");
        append_ngrams(o, f, cmp->ngrams_b);
        g_string_append(o, ")\n   ");
        cli_append_count(o, cmp->tested);
        g_string_append(o, " terms tested\n");
        append_list_text(o, f, cmp, TRUE);
        /* each group against the rest: the terms leaning to the group only */
        if (slant_keyness_n_comparisons(c) == 1)
            append_list_text(o, f, cmp, FALSE);
    }
}

static void
add_ngrams_json(cJSON *o, const Format *f, const guint64 *ngrams)
{
    cJSON *a = cJSON_AddArrayToObject(o, "ngrams");
    for (guint l = 0; l < f->opts.ngrams; l++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber((double) ngrams[l]));
}

static cJSON *
candidate_json(const Format *f, const SlantKeynessComparison *cmp, const SlantKeynessCandidate *k)
{
    const SlantKeynessTerm *t = k->term;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "term", first_form(t));
    cJSON_AddStringToObject(o, "stems", t->stems);
    cJSON_AddNumberToObject(o, "words", t->n_words);
    cJSON_AddStringToObject(o, "leans_to", group_name(f->c, k->lean > 0 ? cmp->a : cmp->b));
    cJSON_AddNumberToObject(o, "count_a", (double) k->count_a);
    cJSON_AddNumberToObject(o, "count_b", (double) k->count_b);
    cJSON_AddNumberToObject(o, "count_corpus", (double) t->corpus_count);
    cli_json_number(o, "rate_a", k->rate_a);
    cli_json_number(o, "rate_b", k->rate_b);
    cli_json_number(o, "prior", k->prior_w);
    cli_json_number(o, "log_odds", k->log_odds);
    cli_json_number(o, "z", k->z);
    cli_json_number(o, "g2", k->g2);
    /* p-values are often below the reports' 6 decimals: %.6g */
    char buf[40];
    g_ascii_formatd(buf, sizeof buf, "%.6g", k->p);
    cJSON_AddRawToObject(o, "p", isfinite(k->p) ? buf : "null");
    g_ascii_formatd(buf, sizeof buf, "%.6g", k->p_adjusted);
    cJSON_AddRawToObject(o, "p_adjusted", isfinite(k->p_adjusted) ? buf : "null");
    if (k->within != NULL)
        cJSON_AddStringToObject(o, "within", k->within->stems);
    else
        cJSON_AddNullToObject(o, "within");
    cJSON *forms = cJSON_AddArrayToObject(o, "forms");
    for (guint i = 0; i < t->forms->len; i++) {
        const SlantKeynessForm *fc = &g_array_index(t->forms, SlantKeynessForm, i);
        cJSON *fo = cJSON_CreateObject();
        cJSON_AddStringToObject(fo, "form", fc->form);
        cJSON_AddNumberToObject(fo, "count", (double) fc->count);
        cJSON_AddItemToArray(forms, fo);
    }
    cJSON *entries = cJSON_AddArrayToObject(o, "entries");
    for (guint i = 0; i < t->entries->len; i++) {
        const SlantKeynessEntryMatch *m = &g_array_index(t->entries, SlantKeynessEntryMatch, i);
        const SlantEntry *e = slant_lexicon_entry(f->lex, m->entry);
        cJSON *eo = cJSON_CreateObject();
        cJSON_AddNumberToObject(eo, "entry", e->index);
        cJSON_AddStringToObject(eo, "pattern", e->pattern);
        cJSON_AddStringToObject(eo, e->axis >= 0 ? "axis" : "category", entry_group(f->lex, e));
        if (e->axis >= 0)
            cJSON_AddStringToObject(eo, "pole", slant_pole_name(e->pole));
        cJSON_AddBoolToObject(eo, "whole", m->whole);
        cJSON_AddItemToArray(entries, eo);
    }
    cJSON *ex = cJSON_AddArrayToObject(o, "examples");
    for (guint i = 0; i < k->examples->len; i++) {
        const SlantKeynessExample *e = k->examples->pdata[i];
        cJSON *eo = cJSON_CreateObject();
        cJSON_AddStringToObject(eo, "id", e->id);
        cJSON_AddStringToObject(eo, "field", e->field == SLANT_SEGMENT_TITLE ? "title" : "text");
        cJSON_AddNumberToObject(eo, "sentence", e->sentence);
        cJSON_AddStringToObject(eo, "pre", e->pre);
        cJSON_AddStringToObject(eo, "match", e->match);
        cJSON_AddStringToObject(eo, "post", e->post);
        cJSON_AddItemToArray(ex, eo);
    }
    return o;
}

static char *
format_json(const Format *f)
{
    const SlantKeynessCounter *c = f->c;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "by", f->by);
    cJSON *inputs = cJSON_AddArrayToObject(root, "inputs");
    for (guint i = 0; i < f->inputs->len; i++)
        cJSON_AddItemToArray(inputs, cJSON_CreateString(g_array_index(f->inputs, Input, i).name));
    cJSON_AddNumberToObject(root, "documents", (double) slant_keyness_documents(c));
    cJSON_AddStringToObject(root, "language", f->language);
    if (f->stop != NULL)
        cJSON_AddStringToObject(root, "stopwords", slant_stopwords_name(f->stop));
    else
        cJSON_AddNullToObject(root, "stopwords");
    cJSON *lx = cJSON_AddObjectToObject(root, "lexicon");
    cJSON_AddStringToObject(lx, "name", slant_lexicon_name(f->lex));
    cJSON_AddStringToObject(lx, "version", slant_lexicon_version(f->lex));
    cJSON_AddStringToObject(lx, "path", slant_lexicon_path(f->lex));
    cJSON_AddStringToObject(lx, "sha256", slant_lexicon_sha256(f->lex));
    cJSON *par = cJSON_AddObjectToObject(root, "parameters");
    cJSON_AddNumberToObject(par, "ngrams", f->opts.ngrams);
    cJSON_AddNumberToObject(par, "min_count", (double) f->opts.min_count);
    cJSON_AddNumberToObject(par, "top", f->opts.top);
    cJSON_AddStringToObject(par, "rank", f->opts.rank == SLANT_KEYNESS_RANK_G2 ? "g2" : "z");
    if (f->opts.prior > 0)
        cli_json_number(par, "prior", f->opts.prior);
    else
        cJSON_AddStringToObject(par, "prior", "corpus");
    cJSON_AddNumberToObject(par, "window", f->opts.window);
    cJSON_AddBoolToObject(par, "new_only", f->new_only);
    cJSON_AddStringToObject(par, "voice", slant_voice_name(f->opts.voice));
    g_autoptr(GString) method = g_string_new(
        "terms: n-grams of consecutive tokens within a sentence, compared by their stems, "
        "neither end a stop token; a term's count, rate (per 1,000 candidates of its length) and "
        "statistics compare it with the other candidates of its length; log-odds ratio with an "
        "informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), a_w = a_0 count(w) / N, ");
    append_prior(method, f->opts.prior);
    g_string_append(method, ", and its z; Dunning's G2 (signed), its chi-square(1) p-value and the "
                            "Benjamini-Hochberg adjusted p-value over the terms tested");
    cJSON_AddStringToObject(root, "method", method->str);
    cJSON *corpus = cJSON_AddObjectToObject(root, "corpus");
    add_ngrams_json(corpus, f, (guint64[]) {slant_keyness_corpus_ngrams(c, 1),
                                            f->opts.ngrams > 1 ? slant_keyness_corpus_ngrams(c, 2) : 0,
                                            f->opts.ngrams > 2 ? slant_keyness_corpus_ngrams(c, 3) : 0});
    /* what the pruning of pass 2 kept (keyness.h, "Passes") */
    cJSON *counted = cJSON_AddObjectToObject(root, "counted");
    cJSON_AddNumberToObject(counted, "terms", (double) slant_keyness_n_counted(c));
    cJSON_AddNumberToObject(counted, "group_counts", (double) slant_keyness_n_pairs(c));
    cJSON *cmps = cJSON_AddArrayToObject(root, "comparisons");
    for (guint i = 0; i < slant_keyness_n_comparisons(c); i++) {
        const SlantKeynessComparison *cmp = slant_keyness_comparison(c, i);
        cJSON *co = cJSON_CreateObject();
        cJSON *a = cJSON_AddObjectToObject(co, "a");
        cJSON_AddStringToObject(a, "name", group_name(c, cmp->a));
        cJSON_AddNumberToObject(a, "documents", (double) cmp->documents_a);
        add_ngrams_json(a, f, cmp->ngrams_a);
        cJSON *b = cJSON_AddObjectToObject(co, "b");
        if (cmp->b == SLANT_KEYNESS_REST)
            cJSON_AddNullToObject(b, "name");
        else
            cJSON_AddStringToObject(b, "name", group_name(c, cmp->b));
        cJSON_AddBoolToObject(b, "rest", cmp->b == SLANT_KEYNESS_REST);
        cJSON_AddNumberToObject(b, "documents", (double) cmp->documents_b);
        add_ngrams_json(b, f, cmp->ngrams_b);
        cJSON_AddNumberToObject(co, "tested", (double) cmp->tested);
        cJSON_AddNumberToObject(co, "leaning_a", (double) cmp->leaning_a);
        cJSON_AddNumberToObject(co, "leaning_b", (double) cmp->leaning_b);
        for (int side = 0; side < 2; side++) {
            const GPtrArray *list = side == 0 ? cmp->to_a : cmp->to_b;
            cJSON *arr = cJSON_AddArrayToObject(co, side == 0 ? "to_a" : "to_b");
            for (guint j = 0; j < list->len; j++) {
                const SlantKeynessCandidate *k = list->pdata[j];
                if (f->new_only && covered(k->term))
                    continue;
                cJSON_AddItemToArray(arr, candidate_json(f, cmp, k));
            }
        }
        cJSON_AddItemToArray(cmps, co);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    char *out = g_strconcat(text, "\n", NULL);
    cJSON_free(text);
    return out;
}

/* The candidates leaning to a as lexicon entries: a JSON array, one entry
 * a line.  Left out: terms an entry of @axis already matches whole
 * (pasting them would add nothing), terms always within a longer one
 * shown (that one is pasted), and with --new-only those any entry matches
 * whole. */
static char *
format_entries(const Format *f, guint axis, SlantPole pole)
{
    const SlantKeynessComparison *cmp = slant_keyness_comparison(f->c, 0);
    const SlantAxis *ax = slant_lexicon_axis(f->lex, axis);
    g_autoptr(GString) corpus = g_string_new(NULL);
    for (guint i = 0; i < f->inputs->len; i++)
        g_string_append_printf(corpus, "%s%s", i ? ", " : "", g_array_index(f->inputs, Input, i).name);
    GString *o = g_string_new("[");
    guint n = 0;
    for (guint i = 0; i < cmp->to_a->len; i++) {
        const SlantKeynessCandidate *k = cmp->to_a->pdata[i];
        const SlantKeynessTerm *t = k->term;
        gboolean in_axis = FALSE;
        for (guint e = 0; e < t->entries->len; e++) {
            const SlantKeynessEntryMatch *m = &g_array_index(t->entries, SlantKeynessEntryMatch, e);
            if (m->whole && slant_lexicon_entry(f->lex, m->entry)->axis == (gint) axis)
                in_axis = TRUE;
        }
        /* a term always inside a longer one shown: the longer one is the entry */
        if (in_axis || (f->new_only && covered(t)) || k->within != NULL)
            continue;
        g_autoptr(GString) note = g_string_new("slant suggest: ");
        if (f->opts.rank == SLANT_KEYNESS_RANK_G2)
            g_string_append_printf(note, "G2 = %.2f (z = %.2f)", k->g2, k->z);
        else
            g_string_append_printf(note, "z = %.2f (G2 = %.2f)", k->z, k->g2);
        g_string_append_printf(note, " of the log-odds ratio %.3f with an informative Dirichlet prior; %"
                                     G_GUINT64_FORMAT " in %s against %" G_GUINT64_FORMAT " in %s (by %s); corpus: %s",
                               k->log_odds, k->count_a, group_name(f->c, cmp->a), k->count_b,
                               group_name(f->c, cmp->b), f->by, corpus->str);
        g_string_append(o, n++ ? ",\n  " : "\n  ");
        g_string_append(o, "{\"pattern\": ");
        slant_jsonw_append_string(o, first_form(t));
        g_string_append(o, ", \"axis\": ");
        slant_jsonw_append_string(o, ax->id);
        g_string_append_printf(o, ", \"pole\": \"%s\", \"weight\": 1, \"note\": ", slant_pole_name(pole));
        slant_jsonw_append_string(o, note->str);
        g_string_append(o, "}");
    }
    g_string_append(o, n ? "\n]\n" : "]\n");
    return g_string_free(o, FALSE);
}

/* ---- options and passes ----------------------------------------------------------- */

static gboolean
parse_prior(const char *s, double *prior, GError **error)
{
    if (s == NULL)
        return TRUE;
    if (strcmp(s, "corpus") == 0) {
        *prior = 0;
        return TRUE;
    }
    char *end = NULL;
    double v = g_ascii_strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v) || v <= 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--prior '%s': expected a positive number (a_0) or 'corpus'", s);
        return FALSE;
    }
    *prior = v;
    return TRUE;
}

static gint
cmp_group_names(gconstpointer a, gconstpointer b, gpointer counter)
{
    const SlantKeynessCounter *c = counter;
    return strcmp(slant_keyness_group(c, *(const guint *) a)->name,
                  slant_keyness_group(c, *(const guint *) b)->name);
}

/* "'critical' (50 documents), 'neutral' (50)": the groups seen, by name,
 * for messages. */
static char *
groups_seen(const SlantKeynessCounter *c)
{
    GString *o = g_string_new(NULL);
    guint n = slant_keyness_n_groups(c);
    g_autofree guint *order = g_new(guint, MAX(n, 1));
    for (guint i = 0; i < n; i++)
        order[i] = i;
    g_qsort_with_data(order, (gint) n, sizeof(guint), cmp_group_names, (gpointer) c);
    for (guint i = 0; i < n && i < 20; i++) {
        const SlantKeynessGroup *g = slant_keyness_group(c, order[i]);
        g_string_append_printf(o, "%s'%s' (%" G_GUINT64_FORMAT "%s)", i ? ", " : "", g->name,
                               g->documents, i ? "" : g->documents == 1 ? " document" : " documents");
    }
    if (n > 20)
        g_string_append_printf(o, " and %u more", n - 20);
    return g_string_free(o, FALSE);
}

/* Check the groups named and set the design; FALSE with a usage error. */
static gboolean
set_design(SlantKeynessCounter *c, const char *by, const char *a, const char *b, GError **error)
{
    gint ga = SLANT_KEYNESS_EACH, gb = SLANT_KEYNESS_REST;
    const char *names[2] = {a, b};
    gint *found[2] = {&ga, &gb};
    for (int i = 0; i < 2; i++) {
        if (names[i] == NULL)
            continue;
        *found[i] = slant_keyness_find_group(c, names[i]);
        if (*found[i] < 0) {
            g_autofree char *seen = groups_seen(c);
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "--%s '%s': no document has that value of %s; values seen: %s", i ? "b" : "a",
                        names[i], by, seen);
            return FALSE;
        }
    }
    guint64 docs = slant_keyness_documents(c);
    if (a == NULL && slant_keyness_n_groups(c) < 2) {
        g_autofree char *seen = groups_seen(c);
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--by %s: every document is in one group (%s): nothing to compare", by, seen);
        return FALSE;
    }
    if (a != NULL && b == NULL && slant_keyness_group(c, (guint) ga)->documents == docs) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--a '%s': every document is in it: no rest to compare with", a);
        return FALSE;
    }
    slant_keyness_set_design(c, ga, gb);
    return TRUE;
}

static gboolean
run_pass(SuggestRun *run, const CliCommon *common, const SlantLexicon *analysis, const GArray *inputs,
         SlantEngine **engine_out, GError **error)
{
    SlantEngineOptions eo = cli_engine_options(common, slant_keyness_wants_tokens(run->counter));
    eo.prepare = slant_keyness_prepare;
    eo.prepare_data = run->counter;
    SlantEngine *engine = slant_engine_new(analysis, &eo, error);
    if (engine == NULL)
        return FALSE;
    *engine_out = engine;
    for (guint i = 0; i < inputs->len; i++) {
        const Input *in = &g_array_index(inputs, Input, i);
        if (!slant_engine_run(engine, in->path, in->name, on_result, run, error))
            return FALSE;
    }
    return TRUE;
}

int
cmd_suggest(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_autofree char *by = NULL, *a = NULL, *b = NULL, *rank = NULL, *prior = NULL, *lang = NULL;
    g_autofree char *stopwords = NULL, *as_entries = NULL, *axis_id = NULL;
    gint ngrams = 2, top = 25, window = 4;
    gint64 min_count = 5;
    gboolean no_stopwords = FALSE, new_only = FALSE, json = FALSE;
    GOptionEntry entries[] = {
        {"by", 'g', 0, G_OPTION_ARG_STRING, &by,
         "Group documents by KEY: source (default), label.NAME, date:year, date:month or date:day", "KEY"},
        {"a", 0, 0, G_OPTION_ARG_STRING, &a, "Group a: compare it with --b, or with the rest", "VALUE"},
        {"b", 0, 0, G_OPTION_ARG_STRING, &b, "Group b (needs --a)", "VALUE"},
        {"ngrams", 'n', 0, G_OPTION_ARG_INT, &ngrams, "Terms of 1 to N words, N = 1, 2 or 3 (default 2)", "N"},
        {"min-count", 0, 0, G_OPTION_ARG_INT64, &min_count,
         "Test terms counted at least N times in the two groups together (default 5)", "N"},
        {"top", 0, 0, G_OPTION_ARG_INT, &top, "Show N terms per direction (default 25)", "N"},
        {"rank", 0, 0, G_OPTION_ARG_STRING, &rank, "Rank by z (default) or g2", "STAT"},
        {"prior", 0, 0, G_OPTION_ARG_STRING, &prior,
         "The informative prior's strength a_0 in pseudo-counts, or 'corpus' (default: a_0 = N, the "
         "corpus's count of terms of each length, so a term's prior is its corpus count)", "A0"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Stemmer language (default: the lexicon's)", "LANG"},
        {"stopwords", 0, 0, G_OPTION_ARG_FILENAME, &stopwords,
         "Stop word list, one word a line (default: lexicons/stopwords/LANG.txt)", "FILE"},
        {"no-stopwords", 0, 0, G_OPTION_ARG_NONE, &no_stopwords, "No stop words: every n-gram is a term", NULL},
        {"new-only", 0, 0, G_OPTION_ARG_NONE, &new_only,
         "Leave out terms an entry of the lexicon already matches whole", NULL},
        {"as-entries", 0, 0, G_OPTION_ARG_STRING, &as_entries,
         "Print the terms leaning to --a as lexicon entries of POLE (positive, negative or a pole's name)",
         "POLE"},
        {"axis", 0, 0, G_OPTION_ARG_STRING, &axis_id, "The axis of --as-entries (default: the first)", "ID"},
        {"window", 'w', 0, G_OPTION_ARG_INT, &window, "Tokens of context each side in examples (default 4)", "N"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON for programs", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("[INPUT...] - terms that separate groups");
    g_option_context_set_summary(ctx,
        "Find candidate lexicon terms: words and phrases (1 to --ngrams words in a sentence,\n"
        "compared by their stems, neither end a stop word) that separate group --a from group\n"
        "--b, from the rest of the corpus (--a alone), or each group from the rest (neither).\n"
        "Each term: counts and rates per group, the log-odds ratio with an informative\n"
        "Dirichlet prior and its z, Dunning's G2 with its p-value (Benjamini-Hochberg\n"
        "adjusted), its surface forms, the lexicon entries that match it, and two examples\n"
        "(the first in input order, one a document). The inputs are read three times\n"
        "(standard input is kept in a temporary file). With no INPUT: the bundled corpus.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    SlantKeynessOptions opts = {
        .ngrams = (guint) CLAMP(ngrams, 1, 3),
        .min_count = (guint64) MAX(min_count, 1),
        .top = (guint) MAX(top, 1),
        .rank = SLANT_KEYNESS_RANK_Z,
        .prior = 0, /* corpus */
        .window = (guint) CLAMP(window, 0, 50),
        .examples = 2,
        .voice = common.voice,
    };
    int status = 2;
    if (ngrams < 1 || ngrams > SLANT_KEYNESS_MAX_NGRAMS)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--ngrams %d: expected 1, 2 or 3", ngrams);
    else if (min_count < 1 || min_count > G_MAXUINT32)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--min-count %" G_GINT64_FORMAT ": expected 1 or more",
                    min_count);
    else if (top < 1)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--top %d: expected 1 or more", top);
    else if (window < 0 || window > 50)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--window %d: expected 0..50", window);
    else if (rank != NULL && strcmp(rank, "z") != 0 && strcmp(rank, "g2") != 0)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--rank '%s': expected z or g2", rank);
    else if (b != NULL && a == NULL)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--b needs --a: name both groups, or --a alone");
    else if (a != NULL && b != NULL && strcmp(a, b) == 0)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--a and --b name the same group '%s'", a);
    else if (as_entries != NULL && a == NULL)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--as-entries needs --a: the group whose terms become entries");
    else if (as_entries != NULL && json)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--as-entries and --json: choose one");
    else if (no_stopwords && stopwords != NULL)
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--stopwords and --no-stopwords: choose one");
    else if (parse_prior(prior, &opts.prior, error))
        status = 0;
    if (status != 0) {
        cli_common_clear(&common);
        return status;
    }
    if (rank != NULL && strcmp(rank, "g2") == 0)
        opts.rank = SLANT_KEYNESS_RANK_G2;

    SuggestRun run = {0};
    slant_key_count_init(&run.count);
    g_autoptr(SlantLexicon) lex = NULL, analysis = NULL;
    g_autoptr(SlantStopwords) stop = NULL;
    GArray *inputs = NULL;
    SlantEngine *first_engine = NULL, *engine = NULL;
    guint axis = 0;
    SlantPole pole = SLANT_POLE_POSITIVE;
    const char *language = NULL;
    gboolean ok = FALSE;
    char *text = NULL;
    if (!slant_key_parse(&run.by, by != NULL ? by : "source", "--by", error)) {
        status = 2;
        goto out;
    }
    lex = cli_load_lexicon(&common, error);
    if (lex == NULL) {
        status = cli_exit_status(*error);
        goto out;
    }
    if (as_entries != NULL) {
        gint found = -1;
        for (guint i = 0; i < slant_lexicon_n_axes(lex); i++)
            if (axis_id == NULL || strcmp(slant_lexicon_axis(lex, i)->id, axis_id) == 0) {
                found = (gint) i;
                break;
            }
        if (found < 0) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        axis_id ? "--axis '%s': the lexicon %s has no such axis"
                                : "--as-entries%s: the lexicon %s has no axis",
                        axis_id ? axis_id : "", slant_lexicon_path(lex));
            status = 2;
            goto out;
        }
        axis = (guint) found;
        const SlantAxis *ax = slant_lexicon_axis(lex, axis);
        if (strcmp(as_entries, "positive") == 0 || strcmp(as_entries, ax->positive) == 0)
            pole = SLANT_POLE_POSITIVE;
        else if (strcmp(as_entries, "negative") == 0 || strcmp(as_entries, ax->negative) == 0)
            pole = SLANT_POLE_NEGATIVE;
        else {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "--as-entries '%s': axis '%s' has the poles positive ('%s') and negative ('%s')",
                        as_entries, ax->id, ax->positive, ax->negative);
            status = 2;
            goto out;
        }
    } else if (axis_id != NULL) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "--axis goes with --as-entries");
        status = 2;
        goto out;
    }
    language = lang != NULL ? lang : slant_lexicon_language(lex);
    analysis = slant_keyness_analysis_lexicon(language, error);
    if (analysis == NULL) {
        g_prefix_error(error, "--lang: ");
        (*error)->code = SLANT_ERROR_USAGE;
        status = 2;
        goto out;
    }
    if (!no_stopwords) {
        g_autofree char *path = stopwords != NULL ? g_strdup(stopwords)
                                                  : slant_stopwords_bundled(cli_data_dir(), language);
        if (path == NULL) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                        "no bundled stop word list for '%s' (lexicons/stopwords/): give --stopwords FILE "
                        "or --no-stopwords", language);
            status = 2;
            goto out;
        }
        /* the bundled list is named by its place in the repository */
        g_autofree char *shown = stopwords != NULL ? g_strdup(stopwords)
                                                   : g_strconcat("lexicons/stopwords/",
                                                                 strrchr(path, '/') + 1, NULL);
        stop = slant_stopwords_load(path, shown, language, error);
        if (stop == NULL) {
            status = cli_exit_status(*error);
            if ((*error)->code == SLANT_ERROR_FORMAT) {
                g_prefix_error(error, "--stopwords: ");
                (*error)->code = SLANT_ERROR_USAGE;
                status = 2;
            }
            goto out;
        }
    }
    opts.stopwords = stop;
    inputs = inputs_of(argc, argv, error);
    if (*error != NULL) {
        status = cli_exit_status(*error);
        goto out;
    }
    run.counter = slant_keyness_new(&opts);

    /* pass 1: every document read, skips reported, groups known */
    ok = run_pass(&run, &common, analysis, inputs, &first_engine, error);
    if (first_engine != NULL)
        cli_report_skips(first_engine, ok ? NULL : *error);
    if (!ok) {
        status = cli_exit_status(*error);
        goto out;
    }
    if (slant_engine_n_scored(first_engine) == 0) {
        status = cli_run_status(first_engine, error);
        goto out;
    }
    if (!slant_key_count_check(&run.count, &run.by, "--by", error) ||
        !set_design(run.counter, run.by.spec, a, b, error)) {
        status = 2;
        goto out;
    }
    /* passes 2 and 3: the same documents (their skips are pass 1's) */
    while (slant_keyness_pass(run.counter) != 0) {
        if (!slant_keyness_end_pass(run.counter, error)) {
            status = cli_exit_status(*error);
            goto out;
        }
        if (slant_keyness_pass(run.counter) == 0)
            break;
        ok = run_pass(&run, &common, analysis, inputs, &engine, error);
        slant_engine_free(g_steal_pointer(&engine));
        if (!ok) {
            status = cli_exit_status(*error);
            goto out;
        }
    }
    if (!slant_keyness_match_lexicon(run.counter, lex, error)) {
        status = cli_exit_status(*error);
        goto out;
    }
    Format f = {lex, run.counter, stop, run.by.spec, language, inputs, opts, new_only};
    if (as_entries != NULL) {
        text = format_entries(&f, axis, pole);
    } else if (json) {
        text = format_json(&f);
    } else {
        GString *t = g_string_new(NULL);
        format_text(t, &f);
        text = g_string_free(t, FALSE);
    }
    if (!cli_write_output(common.output, text, strlen(text), error)) {
        status = 4;
        goto out;
    }
    status = cli_run_status(first_engine, error);
out:
    g_free(text);
    slant_engine_free(engine);
    slant_engine_free(first_engine);
    slant_keyness_free(run.counter);
    inputs_free(inputs);
    slant_key_clear(&run.by);
    slant_key_count_clear(&run.count);
    cli_common_clear(&common);
    return status;
}

/* cmd-kwic.c: `slant kwic`, any pattern in context across a corpus, without
 * writing a lexicon entry (quanteda's kwic(), in the lexicon's pattern
 * syntax: stem words, prefix*, =exact, phrases). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "labels.h"
#include "slant-error.h"

typedef struct {
    guint64 matches, documents;
} Count;

typedef struct {
    const SlantLexicon *lex; /* the patterns, one category each */
    char **sources;          /* --source filters, or NULL */
    gboolean grouped;
    SlantKey group;
    gint window;
    gint64 max;
    gboolean json;
    CliOut *out;
    GString *buf;
    guint n_patterns;
    guint64 *shown;          /* per pattern */
    guint64 *total;          /* per pattern */
    guint64 *docs;           /* per pattern */
    GHashTable *by_group;    /* "pattern\x1fgroup" -> Count* */
    guint64 written;         /* matches written (JSON separators) */
} KwicRun;

/* The bytes [start, end) of one segment, each run of white space as one
 * space (so a context stays on its line). */
static void
append_span(GString *o, const char *seg, guint32 start, guint32 end)
{
    gboolean space = FALSE;
    for (const char *p = seg + start; p < seg + end; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
            space = TRUE;
            continue;
        }
        if (space)
            g_string_append_c(o, ' ');
        space = FALSE;
        g_string_append_c(o, *p);
    }
    if (space)
        g_string_append_c(o, ' ');
}

/* Left context padded or cut on the left to @width characters. */
static void
append_left(GString *o, const char *text, glong width)
{
    glong n = g_utf8_strlen(text, -1);
    if (n > width) {
        g_string_append(o, "...");
        g_string_append(o, g_utf8_offset_to_pointer(text, n - width + 3));
        return;
    }
    for (glong i = n; i < width; i++)
        g_string_append_c(o, ' ');
    g_string_append(o, text);
}

static void
count_group(KwicRun *run, guint pattern, const char *group, gboolean new_doc)
{
    g_autofree char *key = g_strdup_printf("%u\x1f%s", pattern, group);
    Count *c = g_hash_table_lookup(run->by_group, key);
    if (c == NULL) {
        c = g_new0(Count, 1);
        g_hash_table_insert(run->by_group, g_steal_pointer(&key), c);
    }
    c->matches++;
    c->documents += new_doc;
}

static gboolean
on_result(const SlantResult *r, gpointer user, GError **error)
{
    KwicRun *run = user;
    const SlantDocument *doc = r->doc;
    if (run->sources != NULL && !g_strv_contains((const char *const *) run->sources, doc->source))
        return TRUE;
    if (r->hits->len == 0)
        return TRUE;
    char gbuf[SLANT_KEY_BUF];
    const char *group = NULL;
    if (run->grouped) {
        group = slant_key_value(&run->group, doc, gbuf, NULL);
        if (group == NULL)
            group = SLANT_KEY_NONE;
    }
    const SlantToken *tok = (const SlantToken *) (void *) r->tokens->data;
    guint ntok = r->tokens->len;
    const char *seg[2] = {doc->title, doc->text};
    g_string_truncate(run->buf, 0);
    g_autofree gboolean *seen = g_new0(gboolean, run->n_patterns);
    for (guint i = 0; i < r->hits->len; i++) {
        const SlantHit *h = &g_array_index(r->hits, SlantHit, i);
        guint p = h->group; /* one category per pattern, in order */
        run->total[p]++;
        if (!seen[p]) {
            run->docs[p]++;
        }
        if (run->grouped)
            count_group(run, p, group, !seen[p]);
        seen[p] = TRUE;
        if (run->max > 0 && run->shown[p] >= (guint64) run->max)
            continue;
        run->shown[p]++;
        guint first = h->first_token, last = h->first_token + h->n_tokens - 1;
        guint s = tok[first].segment;
        /* up to --window tokens each side, within the segment */
        guint from = first, to = last;
        for (gint k = 0; k < run->window && from > 0 && tok[from - 1].segment == s; k++)
            from--;
        for (gint k = 0; k < run->window && to + 1 < ntok && tok[to + 1].segment == s; k++)
            to++;
        g_autoptr(GString) pre = g_string_new(NULL), match = g_string_new(NULL),
                           post = g_string_new(NULL);
        append_span(pre, seg[s], tok[from].start, tok[first].start);
        append_span(match, seg[s], tok[first].start, tok[last].end);
        append_span(post, seg[s], tok[last].end, tok[to].end);
        const char *pattern = slant_lexicon_category(run->lex, p)->label;
        if (run->json) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "pattern", pattern);
            cJSON_AddStringToObject(o, "id", doc->id);
            cJSON_AddStringToObject(o, "source", doc->source);
            if (run->grouped)
                cJSON_AddStringToObject(o, "group", group);
            cJSON_AddStringToObject(o, "field", s == SLANT_SEGMENT_TITLE ? "title" : "text");
            cJSON_AddNumberToObject(o, "sentence", tok[first].sentence);
            cJSON *tr = cJSON_AddArrayToObject(o, "tokens");
            cJSON_AddItemToArray(tr, cJSON_CreateNumber(first));
            cJSON_AddItemToArray(tr, cJSON_CreateNumber(last + 1));
            cJSON *br = cJSON_AddArrayToObject(o, "bytes");
            cJSON_AddItemToArray(br, cJSON_CreateNumber(tok[first].start));
            cJSON_AddItemToArray(br, cJSON_CreateNumber(tok[last].end));
            cJSON_AddStringToObject(o, "pre", pre->str);
            cJSON_AddStringToObject(o, "match", match->str);
            cJSON_AddStringToObject(o, "post", post->str);
            char *text = cJSON_PrintUnformatted(o);
            cJSON_Delete(o);
            g_string_append(run->buf, run->written ? ",\n" : "\n");
            g_string_append(run->buf, text);
            cJSON_free(text);
        } else {
            g_string_append_printf(run->buf, "%s s%u", doc->id, tok[first].sentence);
            if (run->grouped)
                g_string_append_printf(run->buf, " [%s]", group);
            if (run->n_patterns > 1)
                g_string_append_printf(run->buf, " '%s'", pattern);
            g_string_append(run->buf, "  ");
            append_left(run->buf, pre->str, (glong) run->window * 7 + 1);
            g_string_append_printf(run->buf, "[%s]%s\n", match->str, post->str);
        }
        run->written++;
    }
    return cli_out_write(run->out, run->buf->str, run->buf->len, error);
}

static gint
cmp_keys(gconstpointer a, gconstpointer b)
{
    const char *x = *(const char *const *) a, *y = *(const char *const *) b;
    /* "pattern index \x1f group": by pattern index (numerically), then group */
    guint64 px = g_ascii_strtoull(x, NULL, 10), py = g_ascii_strtoull(y, NULL, 10);
    if (px != py)
        return px < py ? -1 : 1;
    return strcmp(strchr(x, '\x1f'), strchr(y, '\x1f'));
}

/* The counts: per pattern, and per pattern and group. */
static void
append_counts(KwicRun *run, GString *o)
{
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    if (run->grouped) {
        GHashTableIter it;
        gpointer k;
        g_hash_table_iter_init(&it, run->by_group);
        while (g_hash_table_iter_next(&it, &k, NULL))
            g_ptr_array_add(keys, k);
        g_ptr_array_sort(keys, cmp_keys);
    }
    if (run->json) {
        g_string_append(o, run->written ? "\n],\n\"counts\": [" : "],\n\"counts\": [");
        guint k = 0;
        for (guint p = 0; p < run->n_patterns; p++) {
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "pattern", slant_lexicon_category(run->lex, p)->label);
            cJSON_AddNumberToObject(c, "matches", (double) run->total[p]);
            cJSON_AddNumberToObject(c, "documents", (double) run->docs[p]);
            cJSON_AddNumberToObject(c, "shown", (double) run->shown[p]);
            if (run->grouped) {
                cJSON *g = cJSON_AddArrayToObject(c, "groups");
                for (; k < keys->len && g_ascii_strtoull(keys->pdata[k], NULL, 10) == p; k++) {
                    const Count *n = g_hash_table_lookup(run->by_group, keys->pdata[k]);
                    cJSON *go = cJSON_CreateObject();
                    cJSON_AddStringToObject(go, "group", strchr(keys->pdata[k], '\x1f') + 1);
                    cJSON_AddNumberToObject(go, "matches", (double) n->matches);
                    cJSON_AddNumberToObject(go, "documents", (double) n->documents);
                    cJSON_AddItemToArray(g, go);
                }
            }
            char *text = cJSON_PrintUnformatted(c);
            cJSON_Delete(c);
            g_string_append_printf(o, "%s\n%s", p ? "," : "", text);
            cJSON_free(text);
        }
        g_string_append(o, "\n]}\n");
        return;
    }
    g_string_append(o, "-- counts\n");
    guint k = 0;
    for (guint p = 0; p < run->n_patterns; p++) {
        g_string_append_printf(o, "'%s': %" G_GUINT64_FORMAT " match%s in %" G_GUINT64_FORMAT
                                  " document%s",
                               slant_lexicon_category(run->lex, p)->label, run->total[p],
                               run->total[p] == 1 ? "" : "es", run->docs[p],
                               run->docs[p] == 1 ? "" : "s");
        if (run->shown[p] < run->total[p])
            g_string_append_printf(o, " (%" G_GUINT64_FORMAT " shown: --max)", run->shown[p]);
        g_string_append_c(o, '\n');
        for (; k < keys->len && g_ascii_strtoull(keys->pdata[k], NULL, 10) == p; k++) {
            const Count *n = g_hash_table_lookup(run->by_group, keys->pdata[k]);
            g_string_append_printf(o, "  %-24s %6" G_GUINT64_FORMAT " match%s in %" G_GUINT64_FORMAT
                                      " document%s\n",
                                   strchr(keys->pdata[k], '\x1f') + 1, n->matches,
                                   n->matches == 1 ? "" : "es", n->documents,
                                   n->documents == 1 ? "" : "s");
        }
    }
}

/* Is @arg an input (an existing file or folder, or "-") rather than a
 * pattern? */
static gboolean
is_input(const char *arg)
{
    struct stat st;
    return strcmp(arg, "-") == 0 || stat(arg, &st) == 0;
}

int
cmd_kwic(int argc, char **argv, GError **error)
{
    CliCommon common;
    cli_common_init(&common);
    g_auto(GStrv) patterns = NULL, sources = NULL;
    g_autofree char *lang = NULL, *group = NULL;
    gint window = 5;
    gint64 max = 0;
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        {"pattern", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &patterns,
         "A pattern (repeatable); with -p, every argument is an INPUT", "PATTERN"},
        {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
         "Stemmer language for stem words (default: the --lexicon's, else english)", "LANG"},
        {"window", 'w', 0, G_OPTION_ARG_INT, &window, "Tokens of context on each side (default 5)", "N"},
        {"group", 'g', 0, G_OPTION_ARG_STRING, &group,
         "Show each match's group and count matches per group: source, label.NAME, date:year, "
         "date:month or date:day", "KEY"},
        {"source", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sources,
         "Only documents of this source (repeatable)", "NAME"},
        {"max", 'm', 0, G_OPTION_ARG_INT64, &max,
         "Show at most N matches per pattern (all are counted; default 0: no limit)", "N"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON for programs", NULL},
        G_OPTION_ENTRY_NULL,
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("PATTERN... [INPUT...] - patterns in context");
    g_option_context_set_summary(ctx,
        "Show every match of each PATTERN across a corpus with its context, in the lexicon's\n"
        "pattern syntax (a stem word, prefix*, =exact, a phrase of several words), without a\n"
        "lexicon entry; then count the matches per pattern (and per group with --group).\n"
        "Arguments are patterns up to the first one that names an existing file or folder\n"
        "(or -): that one and the rest are the INPUTs; with -p, all arguments are INPUTs.\n"
        "With no INPUT: the bundled corpus. Matches stream in input order.");
    cli_common_add_entries(ctx, &common, TRUE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!cli_parse(ctx, &argc, &argv, error)) {
        cli_common_clear(&common);
        return 2;
    }
    /* patterns, then inputs */
    g_autoptr(GPtrArray) pats = g_ptr_array_new();
    g_autoptr(GPtrArray) inputs = g_ptr_array_new();
    g_ptr_array_add(inputs, argv[0]);
    for (char **p = patterns; p != NULL && *p != NULL; p++)
        g_ptr_array_add(pats, *p);
    int k = 1;
    if (patterns == NULL)
        for (; k < argc && !is_input(argv[k]); k++)
            g_ptr_array_add(pats, argv[k]);
    for (; k < argc; k++)
        g_ptr_array_add(inputs, argv[k]);
    int status = 2;
    if (pats->len == 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE, "kwic: give at least one PATTERN");
    } else if (window < 0 || window > 100 || max < 0) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_USAGE,
                    "--window must be 0..100 and --max >= 0");
    } else {
        status = 0;
    }
    KwicRun run = {0};
    if (status == 0 && group != NULL && !slant_key_parse(&run.group, group, "--group", error))
        status = 2;
    if (status != 0) {
        cli_common_clear(&common);
        return status;
    }
    run.grouped = group != NULL;
    g_autoptr(SlantLexicon) language_of = NULL;
    if (lang == NULL && common.lexicons != NULL) {
        common.quiet = TRUE; /* the lexicon names the language only: its entries are not used */
        language_of = cli_load_lexicon(&common, error);
        if (language_of == NULL) {
            slant_key_clear(&run.group);
            cli_common_clear(&common);
            return cli_exit_status(*error);
        }
    }
    const char *language = lang ? lang : language_of ? slant_lexicon_language(language_of) : "english";
    g_autoptr(SlantLexicon) lex =
        slant_lexicon_new_for_patterns((const char *const *) pats->pdata, pats->len, language, error);
    if (lex == NULL && g_error_matches(*error, SLANT_ERROR, SLANT_ERROR_LEXICON_LANGUAGE)) {
        /* an option's value, not a lexicon file, is wrong */
        char *m = g_strdup_printf("--lang: %s", (*error)->message);
        g_clear_error(error);
        g_set_error_literal(error, SLANT_ERROR, SLANT_ERROR_USAGE, m);
        g_free(m);
    }
    if (lex == NULL) {
        slant_key_clear(&run.group);
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    SlantEngineOptions eo = cli_engine_options(&common, TRUE);
    g_autoptr(SlantEngine) engine = slant_engine_new(lex, &eo, error);
    CliOut *out = engine != NULL ? cli_out_open(common.output, error) : NULL;
    if (out == NULL) {
        slant_key_clear(&run.group);
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    run.lex = lex;
    run.sources = sources;
    run.window = window;
    run.max = max;
    run.json = json;
    run.out = out;
    run.buf = g_string_new(NULL);
    run.n_patterns = pats->len;
    run.shown = g_new0(guint64, pats->len);
    run.total = g_new0(guint64, pats->len);
    run.docs = g_new0(guint64, pats->len);
    run.by_group = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    gboolean ok = TRUE;
    if (json) {
        cJSON *p = cJSON_CreateArray();
        for (guint i = 0; i < pats->len; i++)
            cJSON_AddItemToArray(p, cJSON_CreateString(pats->pdata[i]));
        char *text = cJSON_PrintUnformatted(p);
        cJSON_Delete(p);
        cJSON *l = cJSON_CreateString(language);
        char *ltext = cJSON_PrintUnformatted(l);
        cJSON_Delete(l);
        g_autofree char *head = g_strdup_printf("{\"patterns\": %s,\n\"language\": %s,\n\"matches\": [",
                                                text, ltext);
        cJSON_free(text);
        cJSON_free(ltext);
        ok = cli_out_write(out, head, strlen(head), error);
    }
    g_ptr_array_add(inputs, NULL);
    ok = ok && cli_run_inputs(engine, (int) inputs->len - 1, (char **) inputs->pdata, on_result,
                              &run, error);
    cli_report_skips(engine, ok ? NULL : *error);
    if (ok) {
        g_string_truncate(run.buf, 0);
        append_counts(&run, run.buf);
        ok = cli_out_write(out, run.buf->str, run.buf->len, error);
    }
    if (!cli_out_close(out, ok, ok ? error : NULL))
        ok = FALSE;
    g_string_free(run.buf, TRUE);
    g_free(run.shown);
    g_free(run.total);
    g_free(run.docs);
    g_hash_table_unref(run.by_group);
    slant_key_clear(&run.group);
    if (!ok) {
        cli_common_clear(&common);
        return cli_exit_status(*error);
    }
    status = cli_run_status(engine, error);
    cli_common_clear(&common);
    return status;
}

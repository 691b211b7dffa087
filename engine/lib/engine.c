/* engine.c: reading, the worker pool and in-order delivery.
 *
 * The reading thread only cuts the input into records (JSON lines stay
 * unparsed); workers parse and score them.  Everything that depends on the
 * order of documents (duplicate ids, skips, the callback) happens when a
 * batch is delivered, in input order, on the calling thread.
 *
 * Why batches: handing documents to threads one by one costs more in queue
 * traffic than scoring a short article.  Why a reorder step: workers finish
 * out of order, and reports must not depend on that.
 */
#include "engine.h"

#include <string.h>

#include "hash.h"
#include "slant-error.h"

#define BATCH_DOCUMENTS 32
#define BATCH_BYTES (1u << 20)

/* One record on its way: read, then parsed and scored, then delivered. */
typedef struct {
    SlantRecord *record;   /* a JSON line still to parse, or NULL */
    SlantDocument *doc;    /* the document, once parsed */
    SlantResult *result;   /* its scores, once scored */
    GError *error;         /* why it is skipped, if it is */
    guint64 skip_line;
    char *skip_id;
} Item;

typedef struct _Run Run;

typedef struct {
    guint64 seq;
    GArray *items;      /* Item */
    const Run *run;     /* the input the items come from */
} Batch;

struct _SlantEngine {
    const SlantLexicon *lex;
    SlantEngineOptions opts;
    guint threads;
    SlantFormTable *forms;     /* shared by the matchers */
    SlantMatcher *matcher;     /* the calling thread's, for threads == 1 */
    SlantAnalysis analysis;
    GThreadPool *pool;
    GAsyncQueue *matchers;     /* idle SlantMatcher* for workers */
    GAsyncQueue *done;         /* finished Batch* */
    GPtrArray *all_matchers;
    GPtrArray *skipped;
    GPtrArray *inputs;
    GPtrArray *warnings;       /* the first SLANT_ENGINE_KEPT_WARNINGS, char* */
    guint64 n_warnings;
    guint64 *ids;              /* 64-bit hashes of the ids seen: open addressing, 0 = empty */
    gsize ids_mask, ids_count;
    guint64 next_seq;          /* documents */
    guint64 batch_seq, emit_seq;
    guint in_flight;
    GHashTable *finished;      /* batch seq -> Batch*, waiting for their turn */
    guint64 scored;
    guint64 read_documents, read_bytes; /* for progress */
};

void
slant_skip_free(gpointer p)
{
    SlantSkip *s = p;
    if (s == NULL)
        return;
    g_free(s->input);
    g_free(s->id);
    g_free(s->message);
    g_free(s);
}

void
slant_input_info_free(gpointer p)
{
    SlantInputInfo *i = p;
    if (i == NULL)
        return;
    g_free(i->name);
    g_free(i);
}

static void
result_free(gpointer p)
{
    SlantResult *r = p;
    slant_doc_tally_clear(&r->tally);
    if (r->hits)
        g_array_unref(r->hits);
    if (r->tokens)
        g_array_unref(r->tokens);
    if (r->shadows)
        g_array_unref(r->shadows);
    g_free(r->prepared);
    g_free(r);
}

static void
item_clear(gpointer p)
{
    Item *it = p;
    slant_record_free(it->record);
    if (it->result)
        result_free(it->result);
    slant_document_free(it->doc);
    if (it->error)
        g_error_free(it->error);
    g_free(it->skip_id);
}

static void
batch_free(Batch *b)
{
    g_array_unref(b->items);
    g_free(b);
}

static Batch *
batch_new(guint64 seq)
{
    Batch *b = g_new0(Batch, 1);
    b->seq = seq;
    b->items = g_array_new(FALSE, TRUE, sizeof(Item));
    g_array_set_clear_func(b->items, item_clear);
    return b;
}

static SlantResult *
score_document(const SlantEngine *e, SlantMatcher *m, SlantAnalysis *a, const SlantDocument *doc)
{
    slant_matcher_analyze(m, doc->title, doc->title ? strlen(doc->title) : 0, doc->text,
                          doc->text_len, a);
    slant_analysis_select_voice(a, e->opts.voice);
    SlantResult *r = g_new0(SlantResult, 1);
    r->doc = doc;
    r->n_sentences = a->n_sentences;
    slant_doc_tally_compute(&r->tally, e->lex, a);
    r->hits = g_array_sized_new(FALSE, FALSE, sizeof(SlantHit), a->hits->len);
    g_array_append_vals(r->hits, a->hits->data, a->hits->len);
    if (e->opts.keep_tokens) {
        r->tokens = g_array_sized_new(FALSE, FALSE, sizeof(SlantToken), a->tokens->len);
        g_array_append_vals(r->tokens, a->tokens->data, a->tokens->len);
    }
    if (e->opts.trace) {
        r->shadows = g_array_sized_new(FALSE, FALSE, sizeof(SlantShadow), a->shadows->len);
        g_array_append_vals(r->shadows, a->shadows->data, a->shadows->len);
    }
    return r;
}

/* The input being run: what processing and delivering an item need. */
struct _Run {
    SlantInputInfo *in;
    const char *path, *name;
    SlantResultFunc fn;
    gpointer user;
};

/* Parse (when still a record) and score one item, and prepare its output. */
static void
process_item(const SlantEngine *e, const Run *run, SlantMatcher *m, SlantAnalysis *a, Item *it)
{
    if (it->record != NULL) {
        slant_corpus_record_parse(it->record, &it->doc, &it->skip_id, &it->error);
        it->skip_line = it->record->line_no;
        slant_record_free(it->record);
        it->record = NULL;
    }
    if (it->doc == NULL)
        return;
    SlantDocument *doc = it->doc;
    if (strcmp(run->path, run->name) != 0 && g_str_has_prefix(doc->input, run->path)) {
        /* the reader names files under the path it was given */
        char *renamed = g_strconcat(run->name, doc->input + strlen(run->path), NULL);
        g_free(doc->input);
        doc->input = renamed;
        for (guint i = 0; doc->warnings != NULL && i < doc->warnings->len; i++) {
            char *w = doc->warnings->pdata[i];
            if (g_str_has_prefix(w, run->path)) {
                doc->warnings->pdata[i] = g_strconcat(run->name, w + strlen(run->path), NULL);
                g_free(w);
            }
        }
    }
    it->result = score_document(e, m, a, doc);
    if (e->opts.prepare != NULL) {
        it->result->analysis = a;
        it->result->prepared = e->opts.prepare(it->result, e->opts.prepare_data,
                                               &it->result->prepared_len);
        it->result->analysis = NULL;
    }
}

static void
worker(gpointer data, gpointer user_data)
{
    Batch *b = data;
    SlantEngine *e = user_data;
    SlantMatcher *m = g_async_queue_pop(e->matchers);
    SlantAnalysis a;
    slant_analysis_init(&a);
    for (guint i = 0; i < b->items->len; i++)
        process_item(e, b->run, m, &a, &g_array_index(b->items, Item, i));
    slant_analysis_clear(&a);
    g_async_queue_push(e->matchers, m);
    g_async_queue_push(e->done, b);
}

SlantEngine *
slant_engine_new(const SlantLexicon *lex, const SlantEngineOptions *opts, GError **error)
{
    g_return_val_if_fail(lex != NULL && opts != NULL, NULL);
    /* 2^18 slots: the forms of most corpora's common words (a 56 MB news
     * sample has 103,000), 2 MiB; rarer forms go to each thread's cache */
    SlantFormTable *forms = slant_form_table_new(1u << 18);
    g_autoptr(SlantMatcher) m = slant_matcher_new_shared(lex, forms, error);
    if (m == NULL) {
        slant_form_table_free(forms);
        return NULL;
    }
    slant_matcher_set_trace(m, opts->trace);
    SlantEngine *e = g_new0(SlantEngine, 1);
    e->lex = lex;
    e->opts = *opts;
    e->threads = opts->threads ? opts->threads : g_get_num_processors();
    e->threads = CLAMP(e->threads, 1, SLANT_ENGINE_MAX_THREADS);
    e->forms = forms;
    e->matcher = g_steal_pointer(&m);
    slant_analysis_init(&e->analysis);
    e->skipped = g_ptr_array_new_with_free_func(slant_skip_free);
    e->inputs = g_ptr_array_new_with_free_func(slant_input_info_free);
    e->warnings = g_ptr_array_new_with_free_func(g_free);
    e->ids_mask = 1023;
    e->ids = g_new0(guint64, e->ids_mask + 1);
    e->finished = g_hash_table_new(g_int64_hash, g_int64_equal);
    if (e->threads > 1) {
        e->matchers = g_async_queue_new();
        e->done = g_async_queue_new();
        e->all_matchers = g_ptr_array_new_with_free_func((GDestroyNotify) slant_matcher_free);
        for (guint i = 0; i < e->threads; i++) {
            SlantMatcher *wm = slant_matcher_new_shared(lex, e->forms, NULL);
            slant_matcher_set_trace(wm, opts->trace);
            g_ptr_array_add(e->all_matchers, wm);
            g_async_queue_push(e->matchers, wm);
        }
        e->pool = g_thread_pool_new(worker, e, (gint) e->threads, FALSE, NULL);
    }
    return e;
}

void
slant_engine_free(SlantEngine *e)
{
    if (e == NULL)
        return;
    if (e->pool)
        g_thread_pool_free(e->pool, FALSE, TRUE);
    if (e->matchers)
        g_async_queue_unref(e->matchers);
    if (e->done) {
        Batch *b;
        while ((b = g_async_queue_try_pop(e->done)) != NULL)
            batch_free(b);
        g_async_queue_unref(e->done);
    }
    if (e->all_matchers)
        g_ptr_array_unref(e->all_matchers);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, e->finished);
    while (g_hash_table_iter_next(&it, &k, &v))
        batch_free(v);
    g_hash_table_unref(e->finished);
    slant_matcher_free(e->matcher);
    slant_form_table_free(e->forms); /* after every matcher: they own its forms */
    slant_analysis_clear(&e->analysis);
    g_ptr_array_unref(e->skipped);
    g_ptr_array_unref(e->inputs);
    g_ptr_array_unref(e->warnings);
    g_free(e->ids);
    g_free(e);
}

guint slant_engine_threads(const SlantEngine *e) { return e->threads; }
const GPtrArray *slant_engine_skipped(const SlantEngine *e) { return e->skipped; }
const GPtrArray *slant_engine_inputs(const SlantEngine *e) { return e->inputs; }
guint64 slant_engine_n_scored(const SlantEngine *e) { return e->scored; }

const GPtrArray *
slant_engine_warnings(const SlantEngine *e, guint64 *total)
{
    if (total != NULL)
        *total = e->n_warnings;
    return e->warnings;
}

static void
add_skip(SlantEngine *e, SlantInputInfo *in, const char *where, guint64 line, const char *id,
         const GError *err)
{
    SlantSkip *s = g_new0(SlantSkip, 1);
    s->input = g_strdup(where != NULL ? where : in->name);
    s->line = line;
    s->id = g_strdup(id);
    s->code = err->domain == SLANT_ERROR ? err->code : SLANT_ERROR_IO;
    s->message = g_strdup(err->message);
    g_ptr_array_add(e->skipped, s);
    in->skipped++;
}

/* Rename the reader's location prefix from the path to the display name. */
static void
rename_prefix(GError *err, const char *path, const char *name)
{
    if (strcmp(path, name) == 0 || !g_str_has_prefix(err->message, path))
        return;
    char *m = g_strconcat(name, err->message + strlen(path), NULL);
    g_free(err->message);
    err->message = m;
}

/* Record a skip; in a strict run, stop with its error. */
static gboolean
skip_item(SlantEngine *e, const Run *run, guint64 line, const char *id, GError *err,
          GError **error)
{
    rename_prefix(err, run->path, run->name);
    /* a file of a directory tree is named by its own path */
    g_autofree char *where = NULL;
    if (run->in->opened && run->in->format == SLANT_CORPUS_DIRECTORY && id != NULL)
        where = g_build_path("/", run->name, id, NULL);
    add_skip(e, run->in, where, line, id, err);
    if (e->opts.strict) {
        g_propagate_error(error, err);
        return FALSE;
    }
    g_error_free(err);
    return TRUE;
}

/* Add the id hash @h to the set; FALSE when it was there.  Eight bytes a
 * slot at most half full: the memory a run keeps per document stays a few
 * numbers.  (Two ids with one 64-bit hash would be taken for duplicates:
 * among a billion ids that happens with a chance of about 3 in 100.) */
static gboolean
id_set_add(SlantEngine *e, guint64 h)
{
    if (h == 0)
        h = 1; /* 0 marks an empty slot */
    gsize j = (gsize) (h ^ (h >> 29)) & e->ids_mask;
    while (e->ids[j] != 0) {
        if (e->ids[j] == h)
            return FALSE;
        j = (j + 1) & e->ids_mask;
    }
    e->ids[j] = h;
    if (++e->ids_count * 2 > e->ids_mask + 1) {
        gsize old_mask = e->ids_mask;
        guint64 *old = e->ids;
        e->ids_mask = old_mask * 2 + 1;
        e->ids = g_new0(guint64, e->ids_mask + 1);
        for (gsize i = 0; i <= old_mask; i++) {
            if (old[i] == 0)
                continue;
            gsize k = (gsize) (old[i] ^ (old[i] >> 29)) & e->ids_mask;
            while (e->ids[k] != 0)
                k = (k + 1) & e->ids_mask;
            e->ids[k] = old[i];
        }
        g_free(old);
    }
    return TRUE;
}

/* Deliver one item, in input order: skips are recorded, duplicate ids
 * caught, documents handed to the callback. */
static gboolean
deliver(SlantEngine *e, const Run *run, Item *it, GError **error)
{
    if (it->error != NULL) {
        GError *err = g_steal_pointer(&it->error);
        return skip_item(e, run, it->skip_line, it->skip_id, err, error);
    }
    SlantDocument *doc = it->doc;
    /* ids are kept as 64-bit hashes (hash.h): a few bytes per document */
    if (!id_set_add(e, slant_hash_name(doc->id))) {
        GError *err = g_error_new(SLANT_ERROR, SLANT_ERROR_DUPLICATE_ID,
                                  "%s:%" G_GUINT64_FORMAT ": duplicate id '%s'", doc->input,
                                  doc->line, doc->id);
        return skip_item(e, run, doc->line, doc->id, err, error);
    }
    doc->seq = e->next_seq++;
    run->in->documents++;
    for (guint i = 0; doc->warnings != NULL && i < doc->warnings->len; i++, e->n_warnings++)
        if (e->warnings->len < SLANT_ENGINE_KEPT_WARNINGS)
            g_ptr_array_add(e->warnings, g_strdup(doc->warnings->pdata[i]));
    if (!run->fn(it->result, run->user, error))
        return FALSE;
    e->scored++;
    return TRUE;
}

/* Deliver the finished batches that are next in order.  After a failure
 * (error == NULL then) batches are only collected and freed. */
static gboolean
emit_ready(SlantEngine *e, const Run *run, gboolean *ok, GError **error)
{
    for (;;) {
        Batch *b = g_hash_table_lookup(e->finished, &e->emit_seq);
        if (b == NULL)
            return *ok;
        g_hash_table_remove(e->finished, &e->emit_seq);
        e->emit_seq++;
        for (guint i = 0; *ok && i < b->items->len; i++)
            *ok = deliver(e, run, &g_array_index(b->items, Item, i), error);
        batch_free(b);
    }
}

static gboolean
wait_one(SlantEngine *e, const Run *run, gboolean *ok, GError **error)
{
    Batch *b = g_async_queue_pop(e->done);
    e->in_flight--;
    g_hash_table_insert(e->finished, &b->seq, b);
    return emit_ready(e, run, ok, error);
}

static gboolean
submit(SlantEngine *e, const Run *run, Batch *b, gboolean *ok, GError **error)
{
    while (*ok && e->in_flight >= e->threads * 2)
        wait_one(e, run, ok, error);
    if (!*ok) {
        batch_free(b);
        return FALSE;
    }
    e->in_flight++;
    g_thread_pool_push(e->pool, b, NULL);
    return TRUE;
}

static void
report_progress(const SlantEngine *e, const char *name, const SlantCorpusReader *reader,
                gboolean done)
{
    if (e->opts.progress == NULL)
        return;
    SlantProgress p = {
        .input = name,
        .fraction = done ? 1.0 : reader != NULL ? slant_corpus_reader_fraction(reader) : -1.0,
        .documents = e->read_documents,
        .bytes = e->read_bytes,
        .input_done = done,
    };
    e->opts.progress(&p, e->opts.progress_data);
}

/* every this many documents without a pool (one thread): a progress report */
#define PROGRESS_EVERY 256

gboolean
slant_engine_run(SlantEngine *e, const char *path, const char *name, SlantResultFunc fn,
                 gpointer user, GError **error)
{
    g_return_val_if_fail(e != NULL && path != NULL && fn != NULL, FALSE);
    if (name == NULL)
        name = path;
    SlantInputInfo *in = g_new0(SlantInputInfo, 1);
    in->name = g_strdup(name);
    g_ptr_array_add(e->inputs, in);
    Run run = {in, path, name, fn, user};

    GError *err = NULL;
    g_autoptr(SlantCorpusReader) reader = slant_corpus_reader_new(path, e->opts.max_document_bytes, &err);
    if (reader == NULL) {
        if (err->domain == SLANT_ERROR && err->code == SLANT_ERROR_IO &&
            strstr(err->message, path) == NULL && strstr(err->message, name) == NULL) {
            char *m = g_strdup_printf("%s: %s", name, err->message);
            g_free(err->message);
            err->message = m;
        }
        return skip_item(e, &run, 0, NULL, err, error);
    }
    in->opened = TRUE;
    in->format = slant_corpus_reader_format(reader);

    Batch *batch = NULL;
    gsize batch_bytes = 0;
    gboolean ok = TRUE;
    while (ok) {
        Item it = {0};
        SlantReadStatus st = slant_corpus_reader_next_record(reader, &it.doc, &it.record,
                                                             &it.skip_line, &it.skip_id, &err);
        if (st == SLANT_READ_END)
            break;
        if (st == SLANT_READ_FATAL) {
            /* What was read before still counts: deliver it first.  Then the
             * input that broke off (a cut or corrupt .gz, a read error) is a
             * skip, as a missing input is, and the run goes on with the next
             * input; a strict run stops there. */
            guint64 line = it.skip_line;
            item_clear(&it);
            if (batch != NULL) {
                submit(e, &run, batch, &ok, error);
                batch = NULL;
            }
            while (e->in_flight > 0)
                wait_one(e, &run, &ok, ok ? error : NULL);
            if (ok)
                ok = skip_item(e, &run, line, NULL, err, error);
            else
                g_error_free(err);
            err = NULL;
            break;
        }
        if (st == SLANT_READ_SKIP)
            it.error = g_steal_pointer(&err);
        gsize item_bytes = it.record ? it.record->len : it.doc ? it.doc->text_len : 0;
        e->read_documents++;
        e->read_bytes += item_bytes;
        if (e->pool == NULL) {
            process_item(e, &run, e->matcher, &e->analysis, &it);
            ok = deliver(e, &run, &it, error);
            item_clear(&it);
            if (e->read_documents % PROGRESS_EVERY == 0)
                report_progress(e, name, reader, FALSE);
            continue;
        }
        if (batch == NULL) {
            batch = batch_new(e->batch_seq++);
            batch->run = &run;
            batch_bytes = 0;
        }
        batch_bytes += item_bytes;
        g_array_append_val(batch->items, it);
        if (batch->items->len >= BATCH_DOCUMENTS || batch_bytes >= BATCH_BYTES) {
            submit(e, &run, batch, &ok, error);
            batch = NULL;
            report_progress(e, name, reader, FALSE);
        }
    }
    if (batch != NULL) {
        if (ok)
            submit(e, &run, batch, &ok, error);
        else
            batch_free(batch);
    }
    /* keep collecting after a failure so that no worker is left writing */
    while (e->in_flight > 0)
        wait_one(e, &run, &ok, ok ? error : NULL);
    report_progress(e, name, reader, TRUE);
    return ok;
}

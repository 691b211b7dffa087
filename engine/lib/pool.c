/* pool.c: threads that format in parallel and emit in order (see pool.h). */
#include "pool.h"

#define MAX_THREADS 64

typedef enum { JOB_NONE, JOB_EACH, JOB_MAP } JobKind;

typedef struct {
    SlantPool *pool;
    guint index;
    GThread *thread; /* NULL for thread 0, the caller's */
    GString *buf;
    gpointer state;
} Worker;

struct _SlantPool {
    guint threads;
    Worker *w;
    GMutex lock;
    GCond go, done;
    /* the current job, set under @lock */
    guint64 generation;
    JobKind kind;
    guint busy;        /* worker threads still at it */
    gboolean quit;
    /* for_each */
    SlantPoolTask task;
    gpointer user;
    gint next;         /* the next item, taken atomically */
    guint n;
    /* map */
    SlantPoolFormat format;
    guint first, end, chunk;
};

static void
run_each(SlantPool *p)
{
    for (;;) {
        gint i = g_atomic_int_add(&p->next, 1);
        if (i < 0 || (guint) i >= p->n)
            return;
        p->task((guint) i, p->user);
    }
}

static void
run_chunk(SlantPool *p, Worker *w)
{
    g_string_truncate(w->buf, 0);
    guint64 from = (guint64) p->first + (guint64) w->index * p->chunk;
    if (from < p->end)
        p->format((guint) from, (guint) MIN(from + p->chunk, p->end), w->buf, &w->state, p->user);
}

static gpointer
worker_main(gpointer data)
{
    Worker *w = data;
    SlantPool *p = w->pool;
    guint64 seen = 0;
    for (;;) {
        g_mutex_lock(&p->lock);
        while (p->generation == seen && !p->quit)
            g_cond_wait(&p->go, &p->lock);
        if (p->quit) {
            g_mutex_unlock(&p->lock);
            return NULL;
        }
        seen = p->generation;
        JobKind kind = p->kind;
        g_mutex_unlock(&p->lock);

        if (kind == JOB_EACH)
            run_each(p);
        else if (kind == JOB_MAP)
            run_chunk(p, w);

        g_mutex_lock(&p->lock);
        if (--p->busy == 0)
            g_cond_signal(&p->done);
        g_mutex_unlock(&p->lock);
    }
}

SlantPool *
slant_pool_new(guint threads)
{
    SlantPool *p = g_new0(SlantPool, 1);
    p->threads = CLAMP(threads, 1, MAX_THREADS);
    p->w = g_new0(Worker, p->threads);
    g_mutex_init(&p->lock);
    g_cond_init(&p->go);
    g_cond_init(&p->done);
    for (guint t = 0; t < p->threads; t++) {
        p->w[t] = (Worker){p, t, NULL, g_string_sized_new(64 * 1024), NULL};
        if (t > 0)
            p->w[t].thread = g_thread_new("slant-pool", worker_main, &p->w[t]);
    }
    return p;
}

void
slant_pool_free(SlantPool *p)
{
    if (p == NULL)
        return;
    g_mutex_lock(&p->lock);
    p->quit = TRUE;
    g_cond_broadcast(&p->go);
    g_mutex_unlock(&p->lock);
    for (guint t = 0; t < p->threads; t++) {
        if (p->w[t].thread != NULL)
            g_thread_join(p->w[t].thread);
        g_string_free(p->w[t].buf, TRUE);
    }
    g_mutex_clear(&p->lock);
    g_cond_clear(&p->go);
    g_cond_clear(&p->done);
    g_free(p->w);
    g_free(p);
}

guint
slant_pool_threads(const SlantPool *p)
{
    return p->threads;
}

/* Start @kind on the worker threads (the caller then works as thread 0),
 * and wait_job() for them. */
static void
start_job(SlantPool *p, JobKind kind)
{
    if (p->threads == 1)
        return;
    g_mutex_lock(&p->lock);
    p->kind = kind;
    p->busy = p->threads - 1;
    p->generation++;
    g_cond_broadcast(&p->go);
    g_mutex_unlock(&p->lock);
}

static void
wait_job(SlantPool *p)
{
    if (p->threads == 1)
        return;
    g_mutex_lock(&p->lock);
    while (p->busy > 0)
        g_cond_wait(&p->done, &p->lock);
    p->kind = JOB_NONE;
    g_mutex_unlock(&p->lock);
}

void
slant_pool_for_each(SlantPool *p, guint n, SlantPoolTask task, gpointer user)
{
    if (n == 0)
        return;
    p->task = task;
    p->user = user;
    p->n = n;
    g_atomic_int_set(&p->next, 0);
    start_job(p, JOB_EACH);
    run_each(p);
    wait_job(p);
}

gboolean
slant_pool_map_ordered(SlantPool *p, guint n, guint chunk, SlantPoolFormat format, gpointer user,
                       GDestroyNotify free_state, SlantPoolEmit emit, gpointer emit_user,
                       GError **error)
{
    g_return_val_if_fail(chunk > 0, FALSE);
    gboolean ok = TRUE;
    p->format = format;
    p->user = user;
    p->chunk = chunk;
    p->end = n;
    guint64 batch = (guint64) chunk * p->threads;
    for (guint64 first = 0; ok && first < n; first += batch) {
        p->first = (guint) first;
        start_job(p, JOB_MAP);
        run_chunk(p, &p->w[0]);
        wait_job(p);
        for (guint t = 0; ok && t < p->threads; t++) {
            const GString *buf = p->w[t].buf;
            if (buf->len > 0)
                ok = emit(buf->str, buf->len, emit_user, error);
        }
    }
    for (guint t = 0; t < p->threads; t++) {
        if (p->w[t].state != NULL && free_state != NULL)
            free_state(p->w[t].state);
        p->w[t].state = NULL;
        g_string_truncate(p->w[t].buf, 0);
    }
    return ok;
}

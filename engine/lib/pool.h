/* pool.h: the library's one helper for work spread over threads.
 *
 * Two shapes of work, both deterministic whatever the thread count:
 *
 *   slant_pool_for_each()    items [0, n) handed out one at a time to the
 *                            pool's threads (each taking the next one left);
 *                            for work whose results go to the item's own
 *                            place (finishing each group of an aggregate);
 *   slant_pool_map_ordered() items [0, n) formatted a batch at a time: a
 *                            batch is threads * chunk consecutive items,
 *                            thread t formats the t-th chunk of it into its
 *                            own buffer, and once all are done the buffers
 *                            are emitted in order; memory stays at one
 *                            batch, the bytes do not depend on the threads.
 *
 * The calling thread is thread 0 and works too; a pool of one thread runs
 * everything on the caller's.  A pool is used from one thread at a time.
 */
#ifndef SLANT_POOL_H
#define SLANT_POOL_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlantPool SlantPool;

/* slant_pool_new: a pool of @threads threads (0 and 1: the caller's only;
 * at most 64), started once and kept until slant_pool_free(). */
SlantPool *slant_pool_new(guint threads);
void slant_pool_free(SlantPool *pool); /* NULL is a no-op */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SlantPool, slant_pool_free)

guint slant_pool_threads(const SlantPool *pool);

typedef void (*SlantPoolTask)(guint i, gpointer user);

/* slant_pool_for_each: call @task for every i in [0, n), on the pool's
 * threads, in no set order; returns when all are done. */
void slant_pool_for_each(SlantPool *pool, guint n, SlantPoolTask task, gpointer user);

/* Format items [first, end) onto @out (appending).  *@state is the
 * thread's own, NULL at first: the function may make it (it is freed with
 * the @free_state given to slant_pool_map_ordered()) and keep it across
 * the calls of one map. */
typedef void (*SlantPoolFormat)(guint first, guint end, GString *out, gpointer *state,
                                gpointer user);

/* Called with consecutive pieces of output; FALSE (with @error) stops. */
typedef gboolean (*SlantPoolEmit)(const char *data, gsize len, gpointer user, GError **error);

/* slant_pool_map_ordered: format the @n items in batches (see above) and
 * emit the text in item order, from the calling thread.  Returns FALSE as
 * soon as @emit does. */
gboolean slant_pool_map_ordered(SlantPool *pool, guint n, guint chunk, SlantPoolFormat format,
                                gpointer user, GDestroyNotify free_state, SlantPoolEmit emit,
                                gpointer emit_user, GError **error);

G_END_DECLS

#endif

/* standalone.c: run a fuzz target over files, without libFuzzer.
 *
 *   fuzz-TARGET [-q] PATH...
 *
 * Each PATH is a file (one input) or a folder, whose files are inputs
 * (in byte order of their names, folders below included, hidden ones
 * passed over).  Each input is handed to LLVMFuzzerTestOneInput() in a
 * buffer of exactly its size, so that AddressSanitizer sees a read past
 * its end.  A target that finds a problem aborts: the last "running"
 * line on stdout names the input (-q leaves those lines out).
 * Exits 0 after the last input, 1 when a PATH cannot be read or holds no
 * input at all (a seed folder that went missing must not pass silently).
 *
 * This is how gcc builds and ctest run the fuzz targets over the seed
 * corpus (tests/fuzz.cmake); clang builds can link the same targets with
 * libFuzzer instead.
 */
#include "fuzz.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static gint
compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Append the input files at @path (a file, or a folder walked in order). */
static gboolean
collect(const char *path, GPtrArray *out)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0) {
        fprintf(stderr, "fuzz: cannot open '%s': %s\n", path, g_strerror(errno));
        return FALSE;
    }
    if (!S_ISDIR(st.st_mode)) {
        g_ptr_array_add(out, g_strdup(path));
        return TRUE;
    }
    GError *err = NULL;
    GDir *dir = g_dir_open(path, 0, &err);
    if (dir == NULL) {
        fprintf(stderr, "fuzz: %s\n", err->message);
        g_error_free(err);
        return FALSE;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(dir)) != NULL)
        if (name[0] != '.')
            g_ptr_array_add(names, g_strdup(name));
    g_dir_close(dir);
    g_ptr_array_sort(names, compare_names);
    gboolean ok = TRUE;
    for (guint i = 0; i < names->len && ok; i++) {
        char *child = g_build_filename(path, g_ptr_array_index(names, i), NULL);
        ok = collect(child, out);
        g_free(child);
    }
    g_ptr_array_unref(names);
    return ok;
}

int
main(int argc, char **argv)
{
    int first = 1;
    gboolean quiet = FALSE;
    if (argc > 1 && strcmp(argv[1], "-q") == 0) {
        quiet = TRUE;
        first = 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: %s [-q] FILE-OR-FOLDER...\n", argv[0]);
        return 2;
    }
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    for (int i = first; i < argc; i++) {
        guint before = files->len;
        if (!collect(argv[i], files)) {
            g_ptr_array_unref(files);
            return 1;
        }
        if (files->len == before) {
            fprintf(stderr, "fuzz: no input in '%s'\n", argv[i]);
            g_ptr_array_unref(files);
            return 1;
        }
    }
    for (guint i = 0; i < files->len; i++) {
        const char *path = g_ptr_array_index(files, i);
        char *contents = NULL;
        gsize len = 0;
        GError *err = NULL;
        if (!g_file_get_contents(path, &contents, &len, &err)) {
            fprintf(stderr, "fuzz: %s\n", err->message);
            g_error_free(err);
            g_ptr_array_unref(files);
            return 1;
        }
        if (!quiet) {
            printf("running %s (%zu bytes)\n", path, (size_t) len);
            fflush(stdout);
        }
        /* exactly len bytes (at least one, so that the pointer is never NULL) */
        uint8_t *buf = g_malloc(len > 0 ? len : 1);
        memcpy(buf, contents, len);
        g_free(contents);
        LLVMFuzzerTestOneInput(buf, len);
        g_free(buf);
    }
    printf("fuzz: %u inputs passed\n", files->len);
    g_ptr_array_unref(files);
    return 0;
}

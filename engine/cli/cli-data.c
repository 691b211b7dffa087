/* cli-data.c: where the bundled lexicons, corpora and schemas are.
 *
 * The first of these that holds a lexicons/ folder (the environment
 * variable is taken as it is):
 *
 *   1. $SLANT_DATA_DIR;
 *   2. the source tree (SLANT_DATA_DIR), for the binary of the build tree
 *      it was built in (SLANT_BUILD_DIR), so that a build never reads an
 *      older installed copy;
 *   3. SLANT_DATA_FROM_BIN ("../share/slant") from the folder the running
 *      binary stands in (/proc/self/exe), so that an install moved
 *      elsewhere (DESTDIR, a .deb unpacked into a folder, a prefix copied
 *      to another machine) reads its own data;
 *   4. the share/slant of the prefix it was configured for
 *      (SLANT_INSTALL_DATA_DIR);
 *   5. the source tree, for a binary copied out of its build tree.
 *
 * The macros come from engine/dist/libslant.cmake and engine/CMakeLists.txt.
 */
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cli.h"

/* The folder of the running binary (the kernel gives its real path), or
 * NULL. */
static char *
binary_folder(void)
{
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    return exe != NULL && g_path_is_absolute(exe) ? g_path_get_dirname(exe) : NULL;
}

/* The same folder, whatever links lead to either. */
static gboolean
same_folder(const char *a, const char *b)
{
    GStatBuf sa, sb;
    return g_stat(a, &sa) == 0 && g_stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static gboolean
holds_data(const char *dir)
{
    g_autofree char *lexicons = g_build_filename(dir, "lexicons", NULL);
    return g_file_test(lexicons, G_FILE_TEST_IS_DIR);
}

static char *
find_data_dir(void)
{
    g_autofree char *bin = binary_folder();
    if (bin != NULL) {
        if (same_folder(bin, SLANT_BUILD_DIR) && holds_data(SLANT_DATA_DIR))
            return g_strdup(SLANT_DATA_DIR);
        char *near = g_canonicalize_filename(SLANT_DATA_FROM_BIN, bin);
        if (holds_data(near))
            return near;
        g_free(near);
    }
    if (holds_data(SLANT_INSTALL_DATA_DIR))
        return g_strdup(SLANT_INSTALL_DATA_DIR);
    return g_strdup(SLANT_DATA_DIR);
}

const char *
cli_data_dir(void)
{
    const char *env = g_getenv("SLANT_DATA_DIR");
    if (env != NULL && *env != '\0')
        return env;
    static gsize once;
    static char *dir;
    if (g_once_init_enter(&once)) {
        dir = find_data_dir();
        g_once_init_leave(&once, 1);
    }
    return dir;
}

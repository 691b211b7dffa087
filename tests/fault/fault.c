/* fault.c: an LD_PRELOAD shim that makes one call of the C library fail.
 *
 * After SQLite's fault tests and jq's tests/inject_errors.c: run slant
 * with this library preloaded and it counts the calls of each kind below,
 * and can make the Nth call of one kind fail with a chosen errno, so that
 * every failure path of a command can be driven in turn (tests/fault/
 * fault.py does that).  Kinds and the calls they count:
 *
 *   open     open, open64, openat, openat64, opendir
 *   read     read
 *   write    write (not on descriptor 2: the messages must get out), and
 *            the stdio calls that write to a stream other than stderr:
 *            fwrite, fputs, puts, fputc, putc, putchar, printf, fprintf,
 *            vprintf, vfprintf (and their _chk forms).  A failed stdio
 *            write marks its stream as failed, as a real one would:
 *            ferror() is then true, and fflush() and fclose() fail with
 *            the same errno (after jq's tests/inject_errors.c).
 *   rename   rename, renameat
 *   fsync    fsync, fdatasync
 *   linkat   linkat, link
 *   malloc   malloc, calloc, realloc, posix_memalign, aligned_alloc
 *
 * Only calls made through the dynamic linker are seen: those of slant,
 * GLib, cJSON and libstemmer, not the C library's calls to itself (stdio
 * writes with an internal write(), fopen opens with an internal open()).
 * Calls made before this library's constructor runs are not counted, so
 * the counts of one command line are the same run after run (with -j 1).
 *
 * Environment:
 *
 *   SLANT_FAULT=KIND:N[:ERRNO]   fail the Nth call of KIND (from 1); "N+"
 *                                fails the Nth and every later one (a
 *                                disk that stays full).  ERRNO is a name
 *                                (ENOSPC, EIO, EACCES, ...) or a number;
 *                                by default ENOSPC for write, EIO for read
 *                                and fsync, EACCES for open, rename and
 *                                linkat, ENOMEM for malloc (which returns
 *                                NULL: GLib then aborts, by design).
 *   SLANT_FAULT_COUNT=FILE       at exit, append "KIND COUNT" lines, one
 *                                per kind, to FILE.
 *   SLANT_FAULT_DENY=PATH        open and opendir of PATH, or of a path
 *                                inside it, fail with EACCES, whoever runs:
 *                                a folder that root cannot read (chmod 000
 *                                does not stop root).  PATH is compared as
 *                                written, in whole components ("t/L" is
 *                                denied in "t/L", "t/L/x" and "/w/t/L", not
 *                                in "t/Lx").
 *   SLANT_FAULT_NO_TMPFILE=1     open with O_TMPFILE fails with
 *                                EOPNOTSUPP, as on a file system without
 *                                it, so that the fallback path runs.
 *
 * Under AddressSanitizer, run with ASAN_OPTIONS=verify_asan_link_order=0:
 * this library then comes before the sanitizer's runtime, and its calls
 * go on to the sanitizer's interceptors.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { K_OPEN, K_READ, K_WRITE, K_RENAME, K_FSYNC, K_LINKAT, K_MALLOC, N_KINDS };
static const char *const kind_names[N_KINDS] = {
    "open", "read", "write", "rename", "fsync", "linkat", "malloc",
};
static const int default_errno[N_KINDS] = {EACCES, EIO, ENOSPC, EACCES, EIO, EACCES, ENOMEM};

static int ready;
static int fail_kind = -1;
static unsigned long fail_n;
static int fail_persistent;
static int fail_errno;
static unsigned long counts[N_KINDS];
static const char *count_file;
static const char *deny;
static int no_tmpfile;
static int bad_spec;

static const struct {
    const char *name;
    int value;
} errno_names[] = {
    {"ENOSPC", ENOSPC}, {"EIO", EIO},       {"EACCES", EACCES}, {"ENOMEM", ENOMEM},
    {"EPIPE", EPIPE},   {"EINTR", EINTR},   {"EXDEV", EXDEV},   {"EROFS", EROFS},
    {"EDQUOT", EDQUOT}, {"EMFILE", EMFILE}, {"ENFILE", ENFILE}, {"ENOENT", ENOENT},
    {"EPERM", EPERM},   {"EFBIG", EFBIG},   {"EAGAIN", EAGAIN}, {"EOPNOTSUPP", EOPNOTSUPP},
};

static int
parse_errno(const char *s, int fallback)
{
    if (s == NULL || *s == '\0')
        return fallback;
    for (size_t i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++)
        if (strcmp(s, errno_names[i].name) == 0)
            return errno_names[i].value;
    int n = atoi(s);
    return n > 0 ? n : fallback;
}

__attribute__((constructor)) static void
fault_init(void)
{
    const char *spec = getenv("SLANT_FAULT");
    if (spec != NULL && *spec != '\0') {
        char kind[16];
        size_t k = strcspn(spec, ":");
        if (k < sizeof kind) {
            memcpy(kind, spec, k);
            kind[k] = '\0';
            for (int i = 0; i < N_KINDS; i++)
                if (strcmp(kind, kind_names[i]) == 0)
                    fail_kind = i;
        }
        const char *num = spec[k] == ':' ? spec + k + 1 : "";
        char *end = NULL;
        fail_n = strtoul(num, &end, 10);
        if (end != NULL && *end == '+') {
            fail_persistent = 1;
            end++;
        }
        if (fail_kind >= 0)
            fail_errno = parse_errno(end != NULL && *end == ':' ? end + 1 : NULL,
                                     default_errno[fail_kind]);
        if (fail_kind < 0 || fail_n == 0) {
            bad_spec = 1;
        }
    }
    count_file = getenv("SLANT_FAULT_COUNT");
    deny = getenv("SLANT_FAULT_DENY");
    if (deny != NULL && *deny == '\0')
        deny = NULL;
    const char *nt = getenv("SLANT_FAULT_NO_TMPFILE");
    no_tmpfile = nt != NULL && *nt != '\0' && strcmp(nt, "0") != 0;
    ready = !bad_spec;
}

/* Resolve the next definition of a function: the C library's, or the
 * sanitizer's interceptor.  dlsym() may allocate; while it runs, the
 * allocation functions below hand out a static arena instead. */
static __thread __attribute__((tls_model("initial-exec"))) int in_dlsym;

static void *
next_symbol(const char *name)
{
    in_dlsym++;
    void *p = dlsym(RTLD_NEXT, name);
    in_dlsym--;
    if (p == NULL) {
        static const char msg[] = "fault.c: a C library function cannot be found\n";
        ssize_t (*w)(int, const void *, size_t) = dlsym(RTLD_NEXT, "write");
        if (w != NULL)
            (void) w(2, msg, sizeof msg - 1);
        _exit(125);
    }
    return p;
}

#define NEXT(name)                                          \
    static __typeof__(name) *real_##name;                   \
    if (real_##name == NULL)                                \
        real_##name = (__typeof__(name) *) next_symbol(#name)

/* Count a call of @kind; TRUE (errno set) when this one must fail. */
static int
hit(int kind)
{
    if (!ready)
        return 0;
    unsigned long n = __atomic_add_fetch(&counts[kind], 1, __ATOMIC_RELAXED);
    if (kind == fail_kind && (n == fail_n || (fail_persistent && n > fail_n))) {
        errno = fail_errno;
        return 1;
    }
    return 0;
}

static int
denied(const char *path)
{
    if (!ready || deny == NULL || path == NULL)
        return 0;
    size_t n = strlen(deny);
    for (const char *p = strstr(path, deny); p != NULL; p = strstr(p + 1, deny))
        if ((p == path || p[-1] == '/') && (p[n] == '\0' || p[n] == '/'))
            return 1;
    return 0;
}

__attribute__((destructor)) static void
fault_report(void)
{
    if (!ready || count_file == NULL)
        return;
    NEXT(open);
    NEXT(write);
    int fd = real_open(count_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char line[64];
    for (int k = 0; k < N_KINDS; k++) {
        int n = snprintf(line, sizeof line, "%s %lu\n", kind_names[k],
                         __atomic_load_n(&counts[k], __ATOMIC_RELAXED));
        if (n > 0)
            (void) real_write(fd, line, (size_t) n);
    }
    close(fd);
}

/* ---- open ---- */

static int
open_common(int (*real)(int, const char *, int, ...), int dirfd, const char *path, int flags,
            mode_t mode)
{
    if (no_tmpfile && ready && (flags & O_TMPFILE) == O_TMPFILE) {
        errno = EOPNOTSUPP;
        return -1;
    }
    if (denied(path)) {
        errno = EACCES;
        return -1;
    }
    if (hit(K_OPEN))
        return -1;
    return real(dirfd, path, flags, mode);
}

static mode_t
open_mode(int flags, va_list ap)
{
    if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE)
        return (mode_t) va_arg(ap, int);
    return 0;
}

int
openat(int dirfd, const char *path, int flags, ...)
{
    NEXT(openat);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return open_common(real_openat, dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
    NEXT(openat64);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return open_common(real_openat64, dirfd, path, flags, mode);
}

int
open(const char *path, int flags, ...)
{
    NEXT(openat);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return open_common(real_openat, AT_FDCWD, path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
    NEXT(openat64);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return open_common(real_openat64, AT_FDCWD, path, flags, mode);
}

DIR *
opendir(const char *path)
{
    NEXT(opendir);
    if (denied(path)) {
        errno = EACCES;
        return NULL;
    }
    if (hit(K_OPEN))
        return NULL;
    return real_opendir(path);
}

/* ---- read, write ---- */

ssize_t
read(int fd, void *buf, size_t n)
{
    NEXT(read);
    if (hit(K_READ))
        return -1;
    return real_read(fd, buf, n);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
    NEXT(write);
    if (fd != 2 && hit(K_WRITE))
        return -1;
    return real_write(fd, buf, n);
}

/* ---- stdio writes ---- */

static FILE *failed_streams[8];

static int
stream_failed(FILE *f)
{
    for (size_t i = 0; i < sizeof failed_streams / sizeof failed_streams[0]; i++)
        if (f != NULL && failed_streams[i] == f)
            return 1;
    return 0;
}

static void
stream_mark(FILE *f, int failed)
{
    for (size_t i = 0; i < sizeof failed_streams / sizeof failed_streams[0]; i++) {
        if (failed && failed_streams[i] == NULL) {
            failed_streams[i] = f;
            return;
        }
        if (!failed && failed_streams[i] == f)
            failed_streams[i] = NULL;
    }
}

/* Count a stdio write to @f; TRUE when it must fail (the stream is then failed). */
static int
stdio_hit(FILE *f)
{
    if (f == stderr)
        return 0;
    if (stream_failed(f)) {
        errno = fail_errno;
        return 1;
    }
    if (hit(K_WRITE)) {
        stream_mark(f, 1);
        return 1;
    }
    return 0;
}

size_t
fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    NEXT(fwrite);
    if (size != 0 && n != 0 && stdio_hit(f))
        return 0;
    return real_fwrite(p, size, n, f);
}

int
fputs(const char *s, FILE *f)
{
    NEXT(fputs);
    if (stdio_hit(f))
        return EOF;
    return real_fputs(s, f);
}

int
puts(const char *s)
{
    NEXT(puts);
    if (stdio_hit(stdout))
        return EOF;
    return real_puts(s);
}

int
fputc(int c, FILE *f)
{
    NEXT(fputc);
    if (stdio_hit(f))
        return EOF;
    return real_fputc(c, f);
}

int
putc(int c, FILE *f)
{
    NEXT(putc);
    if (stdio_hit(f))
        return EOF;
    return real_putc(c, f);
}

int
putchar(int c)
{
    NEXT(putchar);
    if (stdio_hit(stdout))
        return EOF;
    return real_putchar(c);
}

int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
    NEXT(vfprintf);
    if (stdio_hit(f))
        return -1;
    return real_vfprintf(f, fmt, ap);
}

int
vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int
fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int
printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

/* glibc's fortified forms, which GLib may call; the flag only asks for
 * checks, which the plain forms do not need here */
int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap);
int __fprintf_chk(FILE *f, int flag, const char *fmt, ...);
int __printf_chk(int flag, const char *fmt, ...);
int __vprintf_chk(int flag, const char *fmt, va_list ap);

int
__vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
    NEXT(__vfprintf_chk);
    if (stdio_hit(f))
        return -1;
    return real___vfprintf_chk(f, flag, fmt, ap);
}

int
__vprintf_chk(int flag, const char *fmt, va_list ap)
{
    return __vfprintf_chk(stdout, flag, fmt, ap);
}

int
__fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __vfprintf_chk(f, flag, fmt, ap);
    va_end(ap);
    return r;
}

int
__printf_chk(int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = __vfprintf_chk(stdout, flag, fmt, ap);
    va_end(ap);
    return r;
}

int
fflush(FILE *f)
{
    NEXT(fflush);
    if (stream_failed(f)) {
        errno = fail_errno;
        return EOF;
    }
    return real_fflush(f);
}

int
ferror(FILE *f)
{
    NEXT(ferror);
    return stream_failed(f) || real_ferror(f);
}

int
fclose(FILE *f)
{
    NEXT(fclose);
    int failed = stream_failed(f);
    stream_mark(f, 0);
    int r = real_fclose(f);
    if (failed) {
        errno = fail_errno;
        return EOF;
    }
    return r;
}

/* ---- rename, fsync, linkat ---- */

int
rename(const char *from, const char *to)
{
    NEXT(rename);
    if (hit(K_RENAME))
        return -1;
    return real_rename(from, to);
}

int
renameat(int fromfd, const char *from, int tofd, const char *to)
{
    NEXT(renameat);
    if (hit(K_RENAME))
        return -1;
    return real_renameat(fromfd, from, tofd, to);
}

int
fsync(int fd)
{
    NEXT(fsync);
    if (hit(K_FSYNC))
        return -1;
    return real_fsync(fd);
}

int
fdatasync(int fd)
{
    NEXT(fdatasync);
    if (hit(K_FSYNC))
        return -1;
    return real_fdatasync(fd);
}

int
linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
    NEXT(linkat);
    if (hit(K_LINKAT))
        return -1;
    return real_linkat(fromfd, from, tofd, to, flags);
}

int
link(const char *from, const char *to)
{
    NEXT(link);
    if (hit(K_LINKAT))
        return -1;
    return real_link(from, to);
}

/* ---- allocation ----
 *
 * While dlsym() looks a function up, allocations come from a static
 * arena that is never given back (free() of it is ignored). */

static _Alignas(max_align_t) char arena[1 << 16];
static size_t arena_used;

static void *
arena_alloc(size_t n)
{
    size_t a = _Alignof(max_align_t);
    size_t at = __atomic_fetch_add(&arena_used, (n + a - 1) / a * a, __ATOMIC_RELAXED);
    if (at + n > sizeof arena)
        return NULL;
    return arena + at;
}

static int
in_arena(const void *p)
{
    return (const char *) p >= arena && (const char *) p < arena + sizeof arena;
}

void *
malloc(size_t n)
{
    if (in_dlsym)
        return arena_alloc(n);
    NEXT(malloc);
    if (hit(K_MALLOC))
        return NULL;
    return real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
    if (in_dlsym) {
        void *p = size != 0 && n > SIZE_MAX / size ? NULL : arena_alloc(n * size);
        if (p != NULL)
            memset(p, 0, n * size);
        return p;
    }
    NEXT(calloc);
    if (hit(K_MALLOC))
        return NULL;
    return real_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
    if (in_dlsym || in_arena(p)) {
        /* rare: dlsym's own buffers; copy out of the arena */
        void *q = in_dlsym ? arena_alloc(n) : malloc(n);
        if (q != NULL && p != NULL) {
            size_t left = (size_t) (arena + sizeof arena - (const char *) p);
            memcpy(q, p, n < left ? n : left); /* the block's size is not kept: copy what may be it */
        }
        return q;
    }
    NEXT(realloc);
    if (hit(K_MALLOC))
        return NULL;
    return real_realloc(p, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
    NEXT(posix_memalign);
    if (hit(K_MALLOC))
        return ENOMEM;
    return real_posix_memalign(out, align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
    NEXT(aligned_alloc);
    if (hit(K_MALLOC))
        return NULL;
    return real_aligned_alloc(align, n);
}

void
free(void *p)
{
    if (p == NULL || in_arena(p))
        return;
    static void (*real_free)(void *);
    if (real_free == NULL) {
        if (in_dlsym)
            return; /* cannot look free() up from inside dlsym(): keep the block */
        real_free = (void (*)(void *)) next_symbol("free");
    }
    real_free(p);
}

/* bench-floor.c: the floor of slant's pipeline, for tools/bench.
 *
 * What a scorer cannot avoid doing: read JSON Lines, decode each record's
 * "text" string (escapes, \uXXXX to UTF-8), cut it into tokens with a byte
 * class table (runs of ASCII letters and digits eight bytes at a time, as
 * slant does), and look each token up in a cache from its raw bytes to a
 * stem id and a "lexicon info" word. Only a token seen for the first time is
 * lowercased, stemmed (libstemmer) and checked against the lexicon's
 * single-word patterns; every other token costs one hash and one probe.
 *
 * Deliberately left out (slant does them): Unicode normalization (NFKC, case
 * folding) of non-ASCII tokens, sentences, the other fields and their
 * validation, multi-word patterns, modifiers, scores, output. Non-ASCII
 * bytes count as letters, except U+00A0 and U+2000..U+206F (spaces, dashes,
 * quotes), which separate tokens; U+2019 between letters is an apostrophe.
 *
 * usage: bench-floor CORPUS.jsonl [WORDS]
 * WORDS: the lexicon's single-word patterns, one a line: "S word" (by stem),
 * "E word" (exact normal form), "P word" (prefix), as written by tools/bench.
 * Prints one JSON object: tokens, distinct forms and stems, hits, bytes of
 * text, lines, seconds. Build: cc -O2 -o bench-floor bench-floor.c -lstemmer
 * Nothing here comes from engine/.
 */
#define _DEFAULT_SOURCE /* madvise(), MADV_HUGEPAGE */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static void
die(const char *what)
{
    fprintf(stderr, "bench-floor: %s: %s\n", what, errno ? strerror(errno) : "failed");
    exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (p == NULL)
        die("out of memory");
    return p;
}

/* ---- byte arena for interned strings ---------------------------------- */

/* Zeroed memory for the tables, in 2 MiB huge pages where the system gives
 * them (slant's form cache does the same: random lookups over megabytes
 * otherwise miss the TLB nearly every time). */
static void *
huge_calloc(size_t n, size_t size)
{
    const size_t huge = 2u << 20;
    size_t bytes = n * size;
    if (bytes < huge) {
        void *p = calloc(n, size);
        if (p == NULL)
            die("out of memory");
        return p;
    }
    size_t rounded = (bytes + huge - 1) & ~(huge - 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, rounded) != 0)
        die("out of memory");
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    memset(p, 0, bytes);
    return p;
}

typedef struct {
    char *buf;
    size_t len, cap;
} Bytes;

static uint32_t
bytes_add(Bytes *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2 + 4096;
        char *buf = huge_calloc(cap, 1);
        if (b->len)
            memcpy(buf, b->buf, b->len);
        free(b->buf);
        b->buf = buf;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    return (uint32_t) (b->len - n);
}

/* ---- hashing ------------------------------------------------------------ */

static inline uint64_t
load_tail(const unsigned char *p, size_t n) /* n < 8 */
{
    uint64_t v = 0;
    memcpy(&v, p, n);
    return v;
}

static inline uint32_t
hash_bytes(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *) s;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    if (n) {
        h = (h ^ load_tail(p, n)) * 0xC4CEB9FE1A85EC53ull;
    }
    h ^= h >> 29;
    h *= 0x9E3779B97F4A7C15ull;
    return (uint32_t) (h >> 32);
}

/* ---- open addressing table: key bytes -> (id, info) --------------------- */

typedef struct {
    uint32_t hash;
    uint32_t len;   /* 0: empty slot */
    uint32_t off;   /* key bytes in the table's arena */
    uint32_t id;    /* form: stem id; stem table: stem id */
    uint32_t info;  /* lexicon info: bit 0 stem hit, bit 1 exact hit, bit 2 prefix hit */
} Slot;

typedef struct {
    Slot *slots;
    uint32_t mask, count;
    Bytes keys;
} Table;

static void
table_init(Table *t, uint32_t cap)
{
    t->slots = huge_calloc(cap, sizeof(Slot));
    t->mask = cap - 1;
    t->count = 0;
    memset(&t->keys, 0, sizeof t->keys);
}

static void
table_grow(Table *t)
{
    uint32_t cap = (t->mask + 1) * 2;
    Slot *old = t->slots;
    uint32_t oldcap = t->mask + 1;
    t->slots = huge_calloc(cap, sizeof(Slot));
    t->mask = cap - 1;
    for (uint32_t i = 0; i < oldcap; i++) {
        if (old[i].len == 0)
            continue;
        uint32_t j = old[i].hash & t->mask;
        while (t->slots[j].len != 0)
            j = (j + 1) & t->mask;
        t->slots[j] = old[i];
    }
    free(old);
}

/* Find KEY; when absent, insert it (id and info zero) and set *fresh. */
static inline Slot *
table_get(Table *t, const char *key, uint32_t len, uint32_t h, int *fresh)
{
    uint32_t j = h & t->mask;
    for (;;) {
        Slot *s = &t->slots[j];
        if (s->len == 0)
            break;
        if (s->hash == h && s->len == len && memcmp(t->keys.buf + s->off, key, len) == 0) {
            *fresh = 0;
            return s;
        }
        j = (j + 1) & t->mask;
    }
    if ((t->count + 1) * 2 > t->mask + 1) {
        table_grow(t);
        j = h & t->mask;
        while (t->slots[j].len != 0)
            j = (j + 1) & t->mask;
    }
    Slot *s = &t->slots[j];
    s->hash = h;
    s->len = len;
    s->off = bytes_add(&t->keys, key, len);
    s->id = 0;
    s->info = 0;
    t->count++;
    *fresh = 1;
    return s;
}

static inline Slot *
table_find(const Table *t, const char *key, uint32_t len)
{
    uint32_t h = hash_bytes(key, len);
    uint32_t j = h & t->mask;
    for (;;) {
        Slot *s = &t->slots[j];
        if (s->len == 0)
            return NULL;
        if (s->hash == h && s->len == len && memcmp(t->keys.buf + s->off, key, len) == 0)
            return s;
        j = (j + 1) & t->mask;
    }
}

/* ---- lexicon single words ----------------------------------------------- */

static Table lex_stems, lex_exact, lex_prefix;
static uint32_t max_prefix;
static struct sb_stemmer *stemmer;

static void
lower_ascii(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char) (s[i] + 32);
}

static void
load_words(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        die(path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int fresh;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n < 3 || line[1] != ' ')
            continue;
        char *w = line + 2;
        uint32_t len = (uint32_t) (n - 2);
        lower_ascii(w, len);
        if (line[0] == 'S') {
            const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *) w, (int) len);
            uint32_t sl = (uint32_t) sb_stemmer_length(stemmer);
            table_get(&lex_stems, (const char *) st, sl, hash_bytes((const char *) st, sl), &fresh);
        } else if (line[0] == 'E') {
            table_get(&lex_exact, w, len, hash_bytes(w, len), &fresh);
        } else if (line[0] == 'P') {
            table_get(&lex_prefix, w, len, hash_bytes(w, len), &fresh);
            if (len > max_prefix)
                max_prefix = len;
        }
    }
    free(line);
    fclose(f);
}

/* ---- the pipeline ------------------------------------------------------- */

static Table forms, stems;
static uint64_t n_tokens, n_hits, n_text_bytes, n_lines, n_bad;
static char *lowbuf;
static size_t lowcap;

/* A form seen for the first time: lowercase, stem, intern, ask the lexicon. */
static void
new_form(Slot *s, const char *tok, size_t len)
{
    if (len + 1 > lowcap) {
        lowcap = len * 2 + 64;
        lowbuf = xrealloc(lowbuf, lowcap);
    }
    memcpy(lowbuf, tok, len);
    lower_ascii(lowbuf, len);
    /* U+2019 inside a word becomes ' (the normal form does the same) */
    size_t m = 0;
    for (size_t i = 0; i < len; i++) {
        if (i + 2 < len && (unsigned char) lowbuf[i] == 0xE2 && (unsigned char) lowbuf[i + 1] == 0x80
            && (unsigned char) lowbuf[i + 2] == 0x99) {
            lowbuf[m++] = '\'';
            i += 2;
        } else {
            lowbuf[m++] = lowbuf[i];
        }
    }
    const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *) lowbuf, (int) m);
    uint32_t sl = (uint32_t) sb_stemmer_length(stemmer);
    int fresh;
    Slot *ss = table_get(&stems, (const char *) st, sl, hash_bytes((const char *) st, sl), &fresh);
    if (fresh)
        ss->id = stems.count;
    uint32_t info = 0;
    if (lex_stems.count && table_find(&lex_stems, (const char *) st, sl))
        info |= 1;
    if (lex_exact.count && table_find(&lex_exact, lowbuf, (uint32_t) m))
        info |= 2;
    for (uint32_t p = 1; p <= max_prefix && p <= m; p++)
        if (table_find(&lex_prefix, lowbuf, p)) {
            info |= 4;
            break;
        }
    /* table_find/table_get on other tables never move S: it lives in FORMS */
    s->id = ss->id;
    s->info = info;
}

/* byte classes: 1 word byte (ASCII letter or digit, or any byte >= 0x80) */
static unsigned char cls[256];

static void
init_classes(void)
{
    for (int c = 0; c < 256; c++)
        cls[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Non-ASCII separators: U+00A0 and U+2000..U+206F (E2 80 xx, E2 81 xx). */
static inline size_t
sep_len(const unsigned char *p, const unsigned char *end)
{
    if (p[0] == 0xC2 && p + 1 < end && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE2 && p + 2 < end && (p[1] == 0x80 || p[1] == 0x81))
        return 3;
    return 0;
}

static inline int
is_rsquo(const unsigned char *p, const unsigned char *end)
{
    return p + 2 < end && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99;
}

static inline int
word_at(const unsigned char *p, const unsigned char *end)
{
    return p < end && cls[*p] && !(*p >= 0x80 && sep_len(p, end));
}

static inline void
token(const char *tok, size_t len)
{
    uint32_t h = hash_bytes(tok, len);
    int fresh;
    Slot *s = table_get(&forms, tok, (uint32_t) len, h, &fresh);
    if (fresh)
        new_form(s, tok, len);
    n_tokens++;
    n_hits += s->info != 0;
}

static void
tokenize(const char *text, size_t n)
{
    const unsigned char *p = (const unsigned char *) text, *end = p + n;
    while (p < end) {
        /* skip separators */
        while (p < end) {
            if (!cls[*p]) {
                p++;
                continue;
            }
            if (*p >= 0x80) {
                size_t k = sep_len(p, end);
                if (k) {
                    p += k;
                    continue;
                }
            }
            break;
        }
        if (p >= end)
            break;
        const unsigned char *start = p;
        for (;;) {
            /* ASCII letters and digits eight bytes at a time, as slant's
             * tokenizer does (per-byte range tests in one word; little-endian) */
            while (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && end - p >= 8) {
                const uint64_t ones = ~(uint64_t) 0 / 255, high = ones * 0x80;
                uint64_t w;
                memcpy(&w, p, 8);
                uint64_t l7 = w & (ones * 127), wl = w | (ones * 0x20), ll7 = wl & (ones * 127);
                uint64_t digits = (ones * (127 + '9' + 1) - l7) & ~w & (l7 + ones * (127 - ('0' - 1))) & high;
                uint64_t letters = (ones * (127 + 'z' + 1) - ll7) & ~wl & (ll7 + ones * (127 - ('a' - 1))) & high;
                uint64_t stop = ~(digits | letters) & high;
                if (stop) {
                    p += __builtin_ctzll(stop) / 8;
                    break;
                }
                p += 8;
            }
            while (p < end && cls[*p]) {
                if (*p >= 0x80 && sep_len(p, end)) {
                    /* U+2019 between word bytes stays inside the word */
                    if (is_rsquo(p, end) && word_at(p + 3, end)) {
                        p += 3;
                        continue;
                    }
                    break;
                }
                p++;
            }
            if (p < end && *p == '\'' && word_at(p + 1, end)) {
                p++;
                continue;
            }
            break;
        }
        token((const char *) start, (size_t) (p - start));
    }
}

/* ---- JSON: find the top-level "text" string and decode it --------------- */

static char *dec;
static size_t deccap;

static inline const char *
skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    return p;
}

/* P is just past an opening quote; return just past the closing quote. */
static const char *
skip_string(const char *p, const char *end)
{
    while (p < end) {
        const char *q = memchr(p, '"', (size_t) (end - p));
        if (q == NULL)
            return NULL;
        /* count backslashes before the quote */
        const char *b = q;
        while (b > p && b[-1] == '\\')
            b--;
        if (((q - b) & 1) == 0)
            return q + 1;
        p = q + 1;
    }
    return NULL;
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int
hex4(const char *p, const char *end, uint32_t *v)
{
    if (end - p < 4)
        return 0;
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char) p[i]);
        if (h < 0)
            return 0;
        x = x << 4 | (uint32_t) h;
    }
    *v = x;
    return 1;
}

static size_t
put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char) c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char) (0xC0 | c >> 6);
        o[1] = (char) (0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char) (0xE0 | c >> 12);
        o[1] = (char) (0x80 | ((c >> 6) & 0x3F));
        o[2] = (char) (0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char) (0xF0 | c >> 18);
    o[1] = (char) (0x80 | ((c >> 12) & 0x3F));
    o[2] = (char) (0x80 | ((c >> 6) & 0x3F));
    o[3] = (char) (0x80 | (c & 0x3F));
    return 4;
}

/* P is just past the opening quote. Decode into DEC; return the length, or -1. */
static ssize_t
decode_string(const char *p, const char *end, const char **after)
{
    if ((size_t) (end - p) + 4 > deccap) {
        deccap = (size_t) (end - p) * 2 + 64;
        dec = xrealloc(dec, deccap);
    }
    char *o = dec;
    while (p < end) {
        /* copy the run up to the next quote or backslash */
        const char *q = p;
        while (q < end && *q != '"' && *q != '\\')
            q++;
        memcpy(o, p, (size_t) (q - p));
        o += q - p;
        p = q;
        if (p >= end)
            return -1;
        if (*p == '"') {
            *after = p + 1;
            return o - dec;
        }
        p++; /* backslash */
        if (p >= end)
            return -1;
        char c = *p++;
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            uint32_t u;
            if (!hex4(p, end, &u))
                return -1;
            p += 4;
            if (u >= 0xD800 && u < 0xDC00) {
                uint32_t lo;
                if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, end, &lo) && lo >= 0xDC00
                    && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else {
                    u = 0xFFFD;
                }
            } else if (u >= 0xDC00 && u < 0xE000) {
                u = 0xFFFD;
            }
            o += put_utf8(o, u);
            break;
        }
        default: return -1;
        }
    }
    return -1;
}

/* Skip one JSON value starting at P; return the byte after it, or NULL. */
static const char *
skip_value(const char *p, const char *end)
{
    if (p >= end)
        return NULL;
    if (*p == '"')
        return skip_string(p + 1, end);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (p < end) {
            char c = *p;
            if (c == '"') {
                p = skip_string(p + 1, end);
                if (p == NULL)
                    return NULL;
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return p + 1;
            }
            p++;
        }
        return NULL;
    }
    while (p < end && *p != ',' && *p != '}' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        p++;
    return p;
}

static void
do_line(const char *p, const char *end)
{
    p = skip_ws(p, end);
    if (p >= end)
        return;
    n_lines++;
    if (*p != '{') {
        n_bad++;
        return;
    }
    p = skip_ws(p + 1, end);
    while (p < end && *p == '"') {
        const char *key = p + 1;
        const char *kend = skip_string(key, end);
        if (kend == NULL)
            break;
        p = skip_ws(kend, end);
        if (p >= end || *p != ':')
            break;
        p = skip_ws(p + 1, end);
        if (kend - key == 5 && memcmp(key, "text", 4) == 0 && p < end && *p == '"') {
            const char *after;
            ssize_t n = decode_string(p + 1, end, &after);
            if (n < 0)
                break;
            n_text_bytes += (uint64_t) n;
            tokenize(dec, (size_t) n);
            return;
        }
        p = skip_value(p, end);
        if (p == NULL)
            break;
        p = skip_ws(p, end);
        if (p < end && *p == ',')
            p = skip_ws(p + 1, end);
    }
    n_bad++;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench-floor CORPUS.jsonl [WORDS]\n");
        return 2;
    }
    double t0 = now();
    stemmer = sb_stemmer_new("english", "UTF_8");
    if (stemmer == NULL)
        die("sb_stemmer_new");
    init_classes();
    table_init(&forms, 1u << 12);
    table_init(&stems, 1u << 12);
    table_init(&lex_stems, 1u << 8);
    table_init(&lex_exact, 1u << 8);
    table_init(&lex_prefix, 1u << 8);
    if (argc == 3)
        load_words(argv[2]);

    FILE *f = fopen(argv[1], "rb");
    if (f == NULL)
        die(argv[1]);
    size_t cap = 1u << 22, have = 0;
    char *buf = xrealloc(NULL, cap);
    uint64_t file_bytes = 0;
    for (;;) {
        if (have == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + have, 1, cap - have, f);
        file_bytes += got;
        have += got;
        int eof = got == 0;
        char *p = buf, *end = buf + have;
        for (;;) {
            char *nl = memchr(p, '\n', (size_t) (end - p));
            if (nl == NULL)
                break;
            do_line(p, nl);
            p = nl + 1;
        }
        if (eof) {
            if (p < end)
                do_line(p, end);
            break;
        }
        have = (size_t) (end - p);
        memmove(buf, p, have);
    }
    if (ferror(f))
        die(argv[1]);
    fclose(f);
    double t1 = now();
    printf("{\"tokens\": %llu, \"forms\": %u, \"stems\": %u, \"hits\": %llu, \"text_bytes\": %llu, "
           "\"file_bytes\": %llu, \"lines\": %llu, \"bad_lines\": %llu, \"lexicon_words\": %u, "
           "\"seconds\": %.6f, \"ns_per_token\": %.2f, \"mb_per_s\": %.2f}\n",
           (unsigned long long) n_tokens, forms.count, stems.count, (unsigned long long) n_hits,
           (unsigned long long) n_text_bytes, (unsigned long long) file_bytes,
           (unsigned long long) n_lines, (unsigned long long) n_bad,
           lex_stems.count + lex_exact.count + lex_prefix.count, t1 - t0,
           n_tokens ? (t1 - t0) * 1e9 / (double) n_tokens : 0.0,
           (t1 - t0) > 0 ? (double) n_text_bytes / 1e6 / (t1 - t0) : 0.0);
    sb_stemmer_delete(stemmer);
    return n_bad ? 1 : 0;
}

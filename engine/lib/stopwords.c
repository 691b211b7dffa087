/* stopwords.c: stop word lists (stopwords.h). */
#include "stopwords.h"

#include <string.h>

#include "slant-error.h"
#include "analyzer.h"
#include "text.h"

/* A small open-addressing set of words (every token of a corpus is looked
 * up in it, so no GHashTable and its string hashing): slots hold the
 * word's FNV-1a hash (0: empty) and the word. */
struct _SlantStopwords {
    guint64 *hashes;
    char **words;
    gsize *lens;
    gsize mask, count;
    gsize max_len;     /* the longest, in bytes: longer tokens skip the lookup */
    char *name;
};

gboolean
slant_stopwords_contains_hashed(const SlantStopwords *s, guint64 h, const char *norm, gsize len)
{
    if (len == 0 || len > s->max_len)
        return FALSE; /* most tokens are longer than any stop word */
    if (h == 0)
        h = 1;
    for (gsize j = (gsize) (h ^ (h >> 29)) & s->mask; s->hashes[j] != 0; j = (j + 1) & s->mask)
        if (s->hashes[j] == h && s->lens[j] == len && memcmp(s->words[j], norm, len) == 0)
            return TRUE;
    return FALSE;
}

static void
stop_insert(SlantStopwords *s, const char *word, gsize len)
{
    guint64 h = slant_stopwords_hash(word, len);
    if (len <= s->max_len && slant_stopwords_contains_hashed(s, h, word, len))
        return;
    if ((s->count + 1) * 2 > s->mask + 1) {
        gsize old_mask = s->mask;
        guint64 *old_h = s->hashes;
        char **old_w = s->words;
        gsize *old_l = s->lens;
        s->mask = old_mask * 2 + 1;
        s->hashes = g_new0(guint64, s->mask + 1);
        s->words = g_new0(char *, s->mask + 1);
        s->lens = g_new0(gsize, s->mask + 1);
        for (gsize i = 0; i <= old_mask; i++) {
            if (old_h[i] == 0)
                continue;
            gsize j = (gsize) (old_h[i] ^ (old_h[i] >> 29)) & s->mask;
            while (s->hashes[j] != 0)
                j = (j + 1) & s->mask;
            s->hashes[j] = old_h[i];
            s->words[j] = old_w[i];
            s->lens[j] = old_l[i];
        }
        g_free(old_h);
        g_free(old_w);
        g_free(old_l);
    }
    if (h == 0)
        h = 1;
    gsize j = (gsize) (h ^ (h >> 29)) & s->mask;
    while (s->hashes[j] != 0)
        j = (j + 1) & s->mask;
    s->hashes[j] = h;
    s->words[j] = g_strndup(word, len);
    s->lens[j] = len;
    s->count++;
    s->max_len = MAX(s->max_len, len);
}

SlantStopwords *
slant_stopwords_load(const char *path, const char *display_name, const char *language,
                     GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    if (display_name == NULL)
        display_name = path;
    g_autofree char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_IO, "cannot read '%s': %s", display_name,
                    err->message);
        g_error_free(err);
        return NULL;
    }
    guint64 bad_line = 0;
    if (!slant_utf8_validate(data, len, &bad_line, NULL)) {
        g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT, "%s:%" G_GUINT64_FORMAT ": invalid UTF-8",
                    display_name, bad_line);
        return NULL;
    }
    SlantStopwords *s = g_new0(SlantStopwords, 1);
    s->mask = 255;
    s->hashes = g_new0(guint64, s->mask + 1);
    s->words = g_new0(char *, s->mask + 1);
    s->lens = g_new0(gsize, s->mask + 1);
    s->name = g_strdup(display_name);
    g_autoptr(GArray) tokens = g_array_new(FALSE, FALSE, sizeof(SlantToken));
    g_autoptr(SlantAnalyzer) analyzer = slant_analyzer_new(language, error);
    if (analyzer == NULL) {
        slant_stopwords_free(s);
        return NULL;
    }
    guint64 line_no = 0;
    for (const char *line = data; line < data + len;) {
        const char *end = memchr(line, '\n', (gsize) (data + len - line));
        if (end == NULL)
            end = data + len;
        line_no++;
        const char *hash = memchr(line, '#', (gsize) (end - line));
        const char *stop = hash != NULL ? hash : end;
        g_array_set_size(tokens, 0);
        slant_analyzer_tokenize(analyzer, line, (gsize) (stop - line), SLANT_SEGMENT_TEXT, 0, tokens);
        gboolean other = FALSE; /* anything but the word and white space */
        for (const char *p = line; p < stop; p++)
            if (!g_ascii_isspace(*p))
                other = TRUE;
        if (tokens->len > 1 || (tokens->len == 0 && other)) {
            g_set_error(error, SLANT_ERROR, SLANT_ERROR_FORMAT,
                        "%s:%" G_GUINT64_FORMAT ": expected one word a line", display_name, line_no);
            slant_stopwords_free(s);
            return NULL;
        }
        if (tokens->len == 1) {
            const SlantToken *t = &g_array_index(tokens, SlantToken, 0);
            gsize nl;
            const char *norm = slant_analyzer_normalize(analyzer, line + t->start, t->end - t->start, &nl);
            stop_insert(s, norm, nl);
        }
        line = end + 1;
    }
    return s;
}

void
slant_stopwords_free(SlantStopwords *s)
{
    if (s == NULL)
        return;
    for (gsize i = 0; i <= s->mask; i++)
        g_free(s->words[i]);
    g_free(s->words);
    g_free(s->lens);
    g_free(s->hashes);
    g_free(s->name);
    g_free(s);
}

gboolean
slant_stopwords_contains(const SlantStopwords *s, const char *norm, gsize len)
{
    if (len == 0 || len > s->max_len)
        return FALSE;
    return slant_stopwords_contains_hashed(s, slant_stopwords_hash(norm, len), norm, len);
}

gsize
slant_stopwords_max_len(const SlantStopwords *s)
{
    return s->max_len;
}

guint
slant_stopwords_size(const SlantStopwords *s)
{
    return (guint) s->count;
}

const char *
slant_stopwords_name(const SlantStopwords *s)
{
    return s->name;
}

char *
slant_stopwords_bundled(const char *data_dir, const char *language)
{
    g_return_val_if_fail(data_dir != NULL && language != NULL, NULL);
    if (strcmp(language, "en") == 0 || strcmp(language, "eng") == 0)
        language = "english";
    for (const char *p = language; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '_')
            return NULL; /* not a file name of ours */
    g_autofree char *file = g_strconcat(language, ".txt", NULL);
    char *path = g_build_filename(data_dir, "lexicons", "stopwords", file, NULL);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_free(path);
        return NULL;
    }
    return path;
}

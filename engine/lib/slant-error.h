/* slant-error.h: the one error domain of the slant library.
 *
 * Every expected failure in engine/lib is reported through a GError in the
 * SLANT_ERROR domain with one of the codes below; programming mistakes are
 * caught with g_return_val_if_fail()/g_assert() instead.  Messages follow
 * the project style: lowercase, no full stop, the subject quoted, and a
 * location prefix "FILE:LINE:COL: " (or "FILE:LINE: ") where one is known.
 * The library decides no exit status: the command-line front end maps
 * codes to exit statuses (cli_exit_status() in engine/cli).
 */
#ifndef SLANT_ERROR_H
#define SLANT_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define SLANT_ERROR (slant_error_quark())

typedef enum {
    SLANT_ERROR_USAGE,             /* bad option or argument (exit 2) */
    SLANT_ERROR_IO,                /* file missing, unreadable or unwritable (exit 4) */
    /* lexicon errors (exit 3) */
    SLANT_ERROR_LEXICON_SYNTAX,    /* the lexicon file is not valid JSON */
    SLANT_ERROR_LEXICON_KEY,       /* unknown or duplicate key */
    SLANT_ERROR_LEXICON_VALUE,     /* missing field or a value of the wrong type or range */
    SLANT_ERROR_LEXICON_PATTERN,   /* a pattern that cannot be compiled */
    SLANT_ERROR_LEXICON_DUPLICATE, /* the same pattern twice in one axis or category */
    SLANT_ERROR_LEXICON_REFERENCE, /* unknown axis, category or pole */
    SLANT_ERROR_LEXICON_LANGUAGE,  /* no stemmer for the language */
    /* per-document input errors: the document is skipped (exit 1 at the end) */
    SLANT_ERROR_UTF8,              /* invalid UTF-8 */
    SLANT_ERROR_JSON,              /* a JSON Lines record that is not valid JSON */
    SLANT_ERROR_FORMAT,            /* a required field missing or of the wrong type, bad front matter */
    SLANT_ERROR_DUPLICATE_ID,      /* a document id seen before in this run */
    SLANT_ERROR_TOO_LARGE,         /* a document or line over the size limit */
    SLANT_ERROR_EMPTY,             /* an empty document, input or corpus */
    /* checks */
    SLANT_ERROR_CHECK_FAILED,      /* a check did not pass (exit 1) */
} SlantError;

GQuark slant_error_quark(void);

/* slant_error_is_lexicon: TRUE for the SLANT_ERROR_LEXICON_* codes. */
gboolean slant_error_is_lexicon(const GError *error);

/* slant_error_code_name: a stable lowercase name for @code, as used in
 * reports ("invalid-utf8", "broken-json", ...). Never NULL. */
const char *slant_error_code_name(int code);

/* slant_error_code_from_name: the code slant_error_code_name() gives
 * @name for, or -1. */
int slant_error_code_from_name(const char *name);

G_END_DECLS

#endif

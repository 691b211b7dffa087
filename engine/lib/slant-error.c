#include "slant-error.h"

#include <string.h>

G_DEFINE_QUARK(slant-error-quark, slant_error)

gboolean
slant_error_is_lexicon(const GError *error)
{
    return error != NULL && error->domain == SLANT_ERROR &&
           error->code >= SLANT_ERROR_LEXICON_SYNTAX &&
           error->code <= SLANT_ERROR_LEXICON_LANGUAGE;
}

const char *
slant_error_code_name(int code)
{
    switch ((SlantError) code) {
    case SLANT_ERROR_USAGE: return "usage";
    case SLANT_ERROR_IO: return "io";
    case SLANT_ERROR_LEXICON_SYNTAX: return "lexicon-syntax";
    case SLANT_ERROR_LEXICON_KEY: return "lexicon-key";
    case SLANT_ERROR_LEXICON_VALUE: return "lexicon-value";
    case SLANT_ERROR_LEXICON_PATTERN: return "lexicon-pattern";
    case SLANT_ERROR_LEXICON_DUPLICATE: return "lexicon-duplicate";
    case SLANT_ERROR_LEXICON_REFERENCE: return "lexicon-reference";
    case SLANT_ERROR_LEXICON_LANGUAGE: return "lexicon-language";
    case SLANT_ERROR_UTF8: return "invalid-utf8";
    case SLANT_ERROR_JSON: return "broken-json";
    case SLANT_ERROR_FORMAT: return "bad-format";
    case SLANT_ERROR_DUPLICATE_ID: return "duplicate-id";
    case SLANT_ERROR_TOO_LARGE: return "too-large";
    case SLANT_ERROR_EMPTY: return "empty";
    case SLANT_ERROR_CHECK_FAILED: return "check-failed";
    }
    return "unknown";
}

int
slant_error_code_from_name(const char *name)
{
    for (int code = SLANT_ERROR_USAGE; code <= SLANT_ERROR_CHECK_FAILED; code++)
        if (strcmp(slant_error_code_name(code), name) == 0)
            return code;
    return -1;
}

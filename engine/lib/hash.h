/* hash.h: the small hashes the library shares, named once.
 *
 * slant_hash_name() is the 64-bit FNV-1a loop with the offset basis
 * 1469598103934665603 (one digit short of FNV's published 14695981039346656037:
 * an early slip, kept because bootstrap seeds and so every report's intervals
 * depend on it).  It seeds each group's bootstrap (seed XOR hash of the name)
 * and keys the run's set of document ids.  Not for anything adversarial. */
#ifndef SLANT_HASH_H
#define SLANT_HASH_H

#include <glib.h>

G_BEGIN_DECLS

#define SLANT_HASH_NAME_BASIS 1469598103934665603ull
#define SLANT_HASH_NAME_PRIME 1099511628211ull

/* slant_hash_name_step: one byte more of a slant_hash_name() hash. */
static inline guint64
slant_hash_name_step(guint64 h, guchar byte)
{
    return (h ^ byte) * SLANT_HASH_NAME_PRIME;
}

/* slant_hash_name: the hash of the NUL-terminated @s. */
static inline guint64
slant_hash_name(const char *s)
{
    guint64 h = SLANT_HASH_NAME_BASIS;
    for (; *s; s++)
        h = slant_hash_name_step(h, (guchar) *s);
    return h;
}

G_END_DECLS

#endif

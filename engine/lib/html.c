/* html.c: escaping, numbers, colours and text widths for the HTML report
 * (see html.h). */
#include "html.h"

#include <math.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* Characters HTML calls parse errors when they stand raw in a document:
 * controls other than TAB, LF, CR (and FF, left out too), and the
 * noncharacters. */
static gboolean
unwanted(gunichar c)
{
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r';
    if (c >= 0x7f && c <= 0x9f)
        return TRUE;
    if (c >= 0xfdd0 && c <= 0xfdef)
        return TRUE;
    return (c & 0xfffe) == 0xfffe;
}

/* Append the escaped text of @s, and with @width >= 0 stop before the
 * character that would make it wider than @width px; returns the width
 * written. */
static double
escape_upto(GString *out, const char *s, double width, double font_px)
{
    double w = 0;
    const char *p = s;
    while (*p) {
        unsigned char b = (unsigned char) *p;
        gunichar c;
        gsize n;
        if (b < 0x80) {
            c = b;
            n = 1;
        } else {
            c = g_utf8_get_char_validated(p, -1);
            if (c == (gunichar) -1 || c == (gunichar) -2) {
                c = 0xfffd; /* one replacement per bad byte */
                n = 1;
            } else {
                n = (gsize) (g_utf8_next_char(p) - p);
            }
        }
        if (width >= 0) {
            char one[8];
            gint len = g_unichar_to_utf8(c, one);
            one[len] = '\0';
            double cw = slant_html_text_width(one, font_px);
            if (w + cw > width)
                break;
            w += cw;
        }
        switch (c) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\'': g_string_append(out, "&#39;"); break;
        default:
            if (unwanted(c) || c == 0xfffd)
                g_string_append(out, REPLACEMENT);
            else
                g_string_append_len(out, p, (gssize) n);
        }
        p += n;
    }
    return w;
}

void
slant_html_escape(GString *out, const char *s)
{
    if (s != NULL)
        escape_upto(out, s, -1, 0);
}

/* A coarse width class, in em, of DejaVu Sans's glyphs. */
static double
char_em(gunichar c)
{
    if (c < 0x80) {
        if (c == ' ')
            return 0.32;
        if (strchr("iljI.,:;'!|`", (int) c))
            return 0.30;
        if (strchr("frt()[]{}-\"/\\", (int) c))
            return 0.40;
        if (strchr("mwMW@", (int) c))
            return 0.95;
        if (c >= 'A' && c <= 'Z')
            return 0.72;
        return 0.62;
    }
    if (g_unichar_iszerowidth(c) || g_unichar_ismark(c))
        return 0;
    if (g_unichar_iswide(c))
        return 1.0;
    return 0.66;
}

double
slant_html_text_width(const char *s, double font_px)
{
    double em = 0;
    for (const char *p = s; *p;) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar) -1 || c == (gunichar) -2) {
            em += 1.0; /* written as U+FFFD */
            p++;
            continue;
        }
        em += char_em(c);
        p = g_utf8_next_char(p);
    }
    return em * font_px;
}

gboolean
slant_html_escape_fit(GString *out, const char *s, double width, double font_px)
{
    if (s == NULL)
        return FALSE;
    if (slant_html_text_width(s, font_px) <= width) {
        escape_upto(out, s, -1, 0);
        return FALSE;
    }
    double ell = slant_html_text_width("\xe2\x80\xa6", font_px);
    escape_upto(out, s, MAX(width - ell, 0), font_px);
    g_string_append(out, "\xe2\x80\xa6");
    return TRUE;
}

static void
fixed(char *buf, gsize size, double v, int decimals)
{
    char fmt[16];
    g_snprintf(fmt, sizeof fmt, "%%.%df", CLAMP(decimals, 0, 9));
    g_ascii_formatd(buf, (gint) size, fmt, v);
    if (buf[0] == '-') { /* "-0.000" is zero */
        gboolean zero = TRUE;
        for (const char *p = buf + 1; *p; p++)
            if (*p != '0' && *p != '.')
                zero = FALSE;
        if (zero)
            memmove(buf, buf + 1, strlen(buf));
    }
}

void
slant_html_number(GString *out, double v, int decimals)
{
    if (!isfinite(v)) {
        g_string_append(out, "n/a");
        return;
    }
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    fixed(buf, sizeof buf, v, decimals);
    g_string_append(out, buf);
}

void
slant_html_signed(GString *out, double v, int decimals, gboolean trim)
{
    if (!isfinite(v)) {
        g_string_append(out, "n/a");
        return;
    }
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    fixed(buf, sizeof buf, v, decimals);
    if (trim && strchr(buf, '.') != NULL) {
        char *end = buf + strlen(buf) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
    }
    gboolean zero = TRUE;
    for (const char *p = buf; *p; p++)
        if (*p != '0' && *p != '.' && *p != '-')
            zero = FALSE;
    if (!zero && buf[0] != '-')
        g_string_append_c(out, '+');
    g_string_append(out, buf);
}

void
slant_html_coord(GString *out, double v)
{
    if (!isfinite(v))
        v = 0;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    fixed(buf, sizeof buf, v, 1);
    gsize n = strlen(buf);
    if (n >= 2 && strcmp(buf + n - 2, ".0") == 0)
        buf[n - 2] = '\0';
    g_string_append(out, buf);
}

/* Blue (RdBu) through light grey to orange (PuOr), at t = -1, -0.5, 0,
 * 0.5, 1. */
static const guint8 stops[5][3] = {
    {0x21, 0x66, 0xac}, {0x92, 0xc5, 0xde}, {0xf2, 0xf2, 0xf2},
    {0xfd, 0xb8, 0x63}, {0xb3, 0x58, 0x06},
};

static void
diverging_rgb(double t, guint8 c[3])
{
    if (!isfinite(t))
        t = 0;
    t = CLAMP(t, -1.0, 1.0);
    double x = (t + 1) * 2; /* [0, 4] */
    int i = MIN((int) x, 3);
    double f = x - i;
    for (int k = 0; k < 3; k++)
        c[k] = (guint8) lround(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f);
}

const char *
slant_html_diverging(double t, char buf[8])
{
    guint8 c[3];
    diverging_rgb(t, c);
    g_snprintf(buf, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

static double
linear(guint8 v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

gboolean
slant_html_is_dark(double t)
{
    /* white where it contrasts more than black (WCAG's relative luminance) */
    guint8 c[3];
    diverging_rgb(t, c);
    double y = 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
    return 1.05 / (y + 0.05) > (y + 0.05) / 0.05;
}

double
slant_html_nice(double v)
{
    if (!(v > 0) || !isfinite(v))
        return 1;
    double p = pow(10, floor(log10(v)));
    static const double steps[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
    for (gsize i = 0; i < G_N_ELEMENTS(steps); i++)
        if (steps[i] * p >= v * (1 - 1e-12))
            return steps[i] * p;
    return 10 * p;
}

/* html.h: writing HTML with inline SVG safely, for the HTML report
 * (report-html.c).
 *
 * Escaping: every string that comes from a corpus, a lexicon or the
 * command line (group names, input paths, messages, patterns, labels, the
 * lexicon's name and description) goes through slant_html_escape() or
 * slant_html_escape_fit().  What they write holds no raw '<', '>', '&', '"'
 * or '\'': it is safe as the text of an HTML or an SVG element and as a
 * double-quoted attribute value, so no tag, no end of an attribute, no
 * CDATA section ("<![CDATA[", "]]>") and no comment can come from it.
 * Invalid UTF-8 and the C0 and C1 controls other than TAB, LF and CR
 * (parse errors in HTML) are written as U+FFFD.  Text is never put into
 * <style>, <script>, URLs or element ids.
 *
 * Numbers are written in the C locale whatever the process's locale.
 */
#ifndef SLANT_HTML_H
#define SLANT_HTML_H

#include <glib.h>

G_BEGIN_DECLS

/* slant_html_escape: @s (nullable: nothing) escaped, appended to @out. */
void slant_html_escape(GString *out, const char *s);

/* slant_html_text_width: about how wide @s is, in px, at @font_px in a
 * common sans-serif (DejaVu Sans, the widest of the usual ones, so that
 * what fits there fits elsewhere): East Asian wide characters one em,
 * combining marks nothing, others by a coarse class of their shape. */
double slant_html_text_width(const char *s, double font_px);

/* slant_html_escape_fit: @s escaped, cut to fit @width px at @font_px
 * (slant_html_text_width) with an ellipsis "…" at the end when it does not
 * fit.  Returns TRUE when it was cut. */
gboolean slant_html_escape_fit(GString *out, const char *s, double width, double font_px);

/* slant_html_number: @v with @decimals decimals (printf's "%.Nf" in the C
 * locale), "-0.000" written "0.000"; "n/a" when @v is not finite. */
void slant_html_number(GString *out, double v, int decimals);

/* slant_html_signed: the same with a sign always ("+0.250", "-1.000",
 * "0.000" for zero), trailing zeros after the point dropped when @trim. */
void slant_html_signed(GString *out, double v, int decimals, gboolean trim);

/* slant_html_coord: a coordinate in px: one decimal, ".0" dropped. */
void slant_html_coord(GString *out, double v);

/* slant_html_diverging: the colour of @t on a blue-orange diverging scale
 * (ColorBrewer's RdBu blue side, light grey at 0, PuOr's orange side: apart
 * for readers with any of the common colour-vision deficiencies), @t
 * clamped to [-1, 1], as "#rrggbb" into @buf.  Returns @buf. */
const char *slant_html_diverging(double t, char buf[8]);

/* slant_html_is_dark: TRUE when a mark on the colour of @t should be
 * white rather than black (white contrasts more, by WCAG's relative
 * luminance). */
gboolean slant_html_is_dark(double t);

/* slant_html_nice: the smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 and 8
 * times a power of ten that is at least @v (> 0), so that quarters of it
 * are round; 1 for @v <= 0 or not finite. */
double slant_html_nice(double v);

G_END_DECLS

#endif

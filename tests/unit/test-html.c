/* test-html.c: the HTML helpers of engine/lib/html.c: escaping (the five
 * characters, controls, invalid UTF-8, every byte, random strings), cutting
 * to a width without breaking a character or an entity, numbers in the C
 * locale, the diverging colour scale and the nice scale ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html.h"

static char *
escaped(const char *s)
{
    GString *o = g_string_new(NULL);
    slant_html_escape(o, s);
    return g_string_free(o, FALSE);
}

/* The only '&' are those of the five entities; no '<', '>', '"', '\''; valid
 * UTF-8 without controls other than TAB, LF, CR. */
static void
assert_inert(const char *out)
{
    static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
    assert_true(g_utf8_validate(out, -1, NULL));
    for (const char *p = out; *p; p++) {
        unsigned char c = (unsigned char) *p;
        assert_false(c == '<' || c == '>' || c == '"' || c == '\'');
        assert_false(c < 0x20 && c != '\t' && c != '\n' && c != '\r');
        assert_false(c == 0x7f);
        if (c == '&') {
            gboolean known = FALSE;
            for (gsize i = 0; i < G_N_ELEMENTS(entities); i++)
                known |= strncmp(p, entities[i], strlen(entities[i])) == 0;
            assert_true(known);
        }
    }
    for (const char *p = out; *p; p = g_utf8_next_char(p)) {
        gunichar u = g_utf8_get_char(p);
        assert_false(u >= 0x80 && u <= 0x9f);
    }
}

static void
escape_should_write_the_five_entities(void **state)
{
    (void) state;
    static const char *const cases[][2] = {
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"\"quotes' & ampersands", "&quot;quotes&#39; &amp; ampersands"},
        {"</svg>", "&lt;/svg&gt;"},
        {"]]>", "]]&gt;"},
        {"<![CDATA[x]]>", "&lt;![CDATA[x]]&gt;"},
        {"<!-- c -->", "&lt;!-- c --&gt;"},
        {"&amp;", "&amp;amp;"},
        {"Été à Tōkyō 東京", "Été à Tōkyō 東京"},
        {"tab\there\nline\r", "tab\there\nline\r"},
        {"", ""},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *out = escaped(cases[i][0]);
        assert_string_equal(out, cases[i][1]);
        assert_inert(out);
    }
    g_autoptr(GString) o = g_string_new("x");
    slant_html_escape(o, NULL);
    assert_string_equal(o->str, "x");
}

static void
escape_should_replace_controls_and_invalid_utf8(void **state)
{
    (void) state;
    static const char *const cases[][2] = {
        {"a\x01" "b", "a\xef\xbf\xbd" "b"},
        {"\x1b[31m", "\xef\xbf\xbd[31m"},
        {"del\x7f", "del\xef\xbf\xbd"},
        {"c1\xc2\x85", "c1\xef\xbf\xbd"},          /* U+0085 */
        {"\xff", "\xef\xbf\xbd"},
        {"\xc3", "\xef\xbf\xbd"},                  /* a sequence cut short */
        {"\xc3<", "\xef\xbf\xbd&lt;"},             /* ... before markup */
        {"\xe2\x80", "\xef\xbf\xbd\xef\xbf\xbd"},  /* one per bad byte */
        {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* a surrogate */
        {"\xef\xbf\xbe", "\xef\xbf\xbd"},          /* U+FFFE, a noncharacter */
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *out = escaped(cases[i][0]);
        assert_string_equal(out, cases[i][1]);
        assert_inert(out);
    }
}

static void
escape_should_leave_nothing_active_for_any_bytes(void **state)
{
    (void) state;
    char one[2] = {0, 0};
    for (int c = 1; c < 256; c++) {
        one[0] = (char) c;
        g_autofree char *out = escaped(one);
        assert_inert(out);
    }
    /* random strings over the bytes that matter */
    static const char alphabet[] = "<>&\"'/]![-a \t\n\x01\x7f\xc2\x85\xc3\xa9\xe6\x9d\xb1\xff";
    g_autoptr(GRand) r = g_rand_new_with_seed(7);
    for (int k = 0; k < 2000; k++) {
        char buf[40];
        int n = g_rand_int_range(r, 0, (gint32) sizeof buf);
        for (int i = 0; i < n; i++)
            buf[i] = alphabet[g_rand_int_range(r, 0, (gint32) sizeof alphabet - 1)];
        buf[n] = '\0';
        g_autofree char *out = escaped(buf);
        assert_inert(out);
    }
}

static void
fit_should_cut_whole_characters_with_an_ellipsis(void **state)
{
    (void) state;
    g_autoptr(GString) o = g_string_new(NULL);
    assert_false(slant_html_escape_fit(o, "Sankei News", 200, 12));
    assert_string_equal(o->str, "Sankei News");
    const char *long_name = "Carnegie Endowment for International Peace <&> 東京 \"Tōkyō\"";
    for (double w = 0; w < 420; w += 7) {
        g_string_truncate(o, 0);
        gboolean cut = slant_html_escape_fit(o, long_name, w, 12);
        assert_inert(o->str);
        if (!cut) {
            assert_true(slant_html_text_width(long_name, 12) <= w);
            continue;
        }
        assert_true(g_str_has_suffix(o->str, "\xe2\x80\xa6"));
        /* what is left, unescaped, fits and is a start of the name */
        g_autoptr(GString) plain = g_string_new(NULL);
        for (const char *p = o->str; *p;) {
            static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                                 {"&quot;", "\""}, {"&#39;", "'"}};
            gboolean done = FALSE;
            for (gsize i = 0; i < G_N_ELEMENTS(ent) && !done; i++)
                if (g_str_has_prefix(p, ent[i][0])) {
                    g_string_append(plain, ent[i][1]);
                    p += strlen(ent[i][0]);
                    done = TRUE;
                }
            if (!done)
                g_string_append_c(plain, *p++);
        }
        /* (no room even for the ellipsis: the ellipsis alone) */
        double ell = slant_html_text_width("\xe2\x80\xa6", 12);
        assert_true(slant_html_text_width(plain->str, 12) <= MAX(w, ell) + 1e-9);
        g_string_truncate(plain, plain->len - 3); /* the ellipsis */
        assert_true(g_str_has_prefix(long_name, plain->str));
    }
}

static void
text_width_should_count_wide_and_combining_characters(void **state)
{
    (void) state;
    assert_true(slant_html_text_width("", 12) == 0);
    /* an East Asian wide character is one em, a combining mark nothing */
    assert_true(fabs(slant_html_text_width("\xe6\x9d\xb1", 10) - 10) < 1e-9);
    assert_true(fabs(slant_html_text_width("e\xcc\x81", 10) - slant_html_text_width("e", 10)) < 1e-9);
    assert_true(slant_html_text_width("WWW", 12) > slant_html_text_width("iii", 12));
    assert_true(fabs(slant_html_text_width("ab", 24) - 2 * slant_html_text_width("ab", 12)) < 1e-9);
}

static char *
number(double v, int decimals)
{
    GString *o = g_string_new(NULL);
    slant_html_number(o, v, decimals);
    return g_string_free(o, FALSE);
}

static char *
signed_number(double v, int decimals, gboolean trim)
{
    GString *o = g_string_new(NULL);
    slant_html_signed(o, v, decimals, trim);
    return g_string_free(o, FALSE);
}

static char *
coord(double v)
{
    GString *o = g_string_new(NULL);
    slant_html_coord(o, v);
    return g_string_free(o, FALSE);
}

static void
numbers_should_be_written_in_the_c_locale(void **state)
{
    (void) state;
    /* a locale with a decimal comma, where the system has one */
    const char *old = setlocale(LC_NUMERIC, NULL);
    g_autofree char *saved = g_strdup(old);
    gboolean comma = setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL ||
                     setlocale(LC_NUMERIC, "fr_FR.UTF-8") != NULL;
    (void) comma;
    static const struct {
        double v;
        int decimals;
        const char *want;
    } cases[] = {
        {0.5, 3, "0.500"}, {-0.0001, 3, "0.000"}, {-0.0, 2, "0.00"}, {1234.5678, 2, "1234.57"},
        {-1, 3, "-1.000"}, {2, 0, "2"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *out = number(cases[i].v, cases[i].decimals);
        assert_string_equal(out, cases[i].want);
    }
    g_autofree char *nan = number(NAN, 3);
    assert_string_equal(nan, "n/a");
    g_autofree char *inf = signed_number(INFINITY, 3, FALSE);
    assert_string_equal(inf, "n/a");

    static const struct {
        double v;
        gboolean trim;
        const char *want;
    } signs[] = {
        {0.25, FALSE, "+0.250"}, {-1, FALSE, "-1.000"}, {0, FALSE, "0.000"},
        {-0.0002, FALSE, "0.000"}, {2.5, TRUE, "+2.5"}, {3, TRUE, "+3"}, {-0.0, TRUE, "0"},
        {-1.5, TRUE, "-1.5"}, {0.0004, TRUE, "0"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(signs); i++) {
        g_autofree char *out = signed_number(signs[i].v, 3, signs[i].trim);
        assert_string_equal(out, signs[i].want);
    }
    static const struct {
        double v;
        const char *want;
    } coords[] = {{12, "12"}, {12.26, "12.3"}, {-0.04, "0"}, {-3.5, "-3.5"}, {NAN, "0"}};
    for (gsize i = 0; i < G_N_ELEMENTS(coords); i++) {
        g_autofree char *out = coord(coords[i].v);
        assert_string_equal(out, coords[i].want);
    }
    setlocale(LC_NUMERIC, saved);
}

static void
diverging_should_run_from_blue_through_grey_to_orange(void **state)
{
    (void) state;
    char buf[8];
    assert_string_equal(slant_html_diverging(-1, buf), "#2166ac");
    assert_string_equal(slant_html_diverging(0, buf), "#f2f2f2");
    assert_string_equal(slant_html_diverging(1, buf), "#b35806");
    assert_string_equal(slant_html_diverging(0.5, buf), "#fdb863");
    assert_string_equal(slant_html_diverging(7, buf), "#b35806");   /* clamped */
    assert_string_equal(slant_html_diverging(-7, buf), "#2166ac");
    assert_string_equal(slant_html_diverging(NAN, buf), "#f2f2f2");
    /* blue for negative, orange for positive: the blue channel leads below 0 */
    for (double t = -1; t <= 1.0001; t += 0.125) {
        unsigned r, g, b;
        assert_int_equal(sscanf(slant_html_diverging(t, buf), "#%02x%02x%02x", &r, &g, &b), 3);
        if (t < -0.01)
            assert_true(b > r);
        if (t > 0.01)
            assert_true(r > b);
    }
    assert_true(slant_html_is_dark(-1));
    assert_true(slant_html_is_dark(1));
    assert_false(slant_html_is_dark(0));
    assert_false(slant_html_is_dark(0.5));
    assert_false(slant_html_is_dark(-0.5));
}

static void
nice_should_round_up_to_round_numbers(void **state)
{
    (void) state;
    static const double cases[][2] = {
        {0.93, 1}, {1, 1}, {1.05, 1.2}, {1.7, 2}, {2, 2}, {2.0001, 2.5}, {55, 60}, {0.13, 0.15},
        {7.2, 8}, {8.5, 10}, {1234, 1500}, {0, 1}, {-3, 1},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
        assert_true(fabs(slant_html_nice(cases[i][0]) - cases[i][1]) < 1e-9 * cases[i][1]);
    assert_true(slant_html_nice(NAN) == 1);
    assert_true(slant_html_nice(INFINITY) == 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_should_write_the_five_entities),
        cmocka_unit_test(escape_should_replace_controls_and_invalid_utf8),
        cmocka_unit_test(escape_should_leave_nothing_active_for_any_bytes),
        cmocka_unit_test(fit_should_cut_whole_characters_with_an_ellipsis),
        cmocka_unit_test(text_width_should_count_wide_and_combining_characters),
        cmocka_unit_test(numbers_should_be_written_in_the_c_locale),
        cmocka_unit_test(diverging_should_run_from_blue_through_grey_to_orange),
        cmocka_unit_test(nice_should_round_up_to_round_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

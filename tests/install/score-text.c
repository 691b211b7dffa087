/* score-text.c: score one text with a lexicon through libslant.
 *   cc score-text.c $(pkg-config --cflags --libs slant) -o score-text
 *   ./score-text LEXICON TITLE TEXT */
#include <slant.h>
#include <stdio.h>

int
main(int argc, char **argv)
{
    GError *error = NULL;
    if (argc != 4) {
        fprintf(stderr, "usage: score-text LEXICON TITLE TEXT\n");
        return 2;
    }
    SlantLexicon *lex = slant_lexicon_open(argv[1], &error);
    SlantScorer *scorer = lex ? slant_scorer_new(lex, &error) : NULL;
    SlantScore *s = scorer ? slant_scorer_score(scorer, argv[2], argv[3], &error) : NULL;
    if (s == NULL) {
        fprintf(stderr, "score-text: %s\n", error->message);
        return 1;
    }
    printf("libslant %s: %llu tokens, %u sentences\n", slant_version(),
           (unsigned long long) slant_score_tokens(s), slant_score_sentences(s));
    for (size_t a = 0; a < slant_score_axis_count(s); a++)
        for (int m = 0; m < SLANT_N_MEASURES; m++)
            printf("axis %s %s %.6f\n", slant_score_axis_id(s, a), slant_measure_name(m),
                   slant_score_axis_value(s, a, m));
    for (size_t c = 0; c < slant_score_category_count(s); c++)
        printf("category %s %u %u\n", slant_score_category_id(s, c),
               slant_score_category_hits(s, c), slant_score_category_negated(s, c));
    for (size_t h = 0; h < slant_score_hit_count(s); h++)
        printf("hit %s %zu %zu %+d %.6f %s\n", slant_score_hit_field(s, h),
               slant_score_hit_start(s, h), slant_score_hit_end(s, h), slant_score_hit_pole(s, h),
               slant_score_hit_weight(s, h), slant_score_hit_pattern(s, h));
    slant_score_free(s);
    slant_scorer_free(scorer);
    slant_lexicon_close(lex);
    return 0;
}

package dev.confnotes.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JamoDistanceTests {

    private final JamoDistance distance = new JamoDistance();

    @Test
    void hangulIsComparedByItsLettersNotWholeSyllables() {
        // 팀 and 틴 differ in one final consonant; 고루 lacks a whole syllable (three letters)
        assertThat(distance.getDistance("고루팀", "고루틴")).isGreaterThan(distance.getDistance("고루팀", "고루"));
        assertThat(distance.getDistance("고로틴", "고루틴")).isGreaterThanOrEqualTo(SpellingSuggester.ACCURACY);
        assertThat(distance.getDistance("컨택스트", "컨텍스트")).isGreaterThanOrEqualTo(SpellingSuggester.ACCURACY);
    }

    @Test
    void syllablesDecomposeIntoConjoiningJamo() {
        assertThat(JamoDistance.decompose("한a")).isEqualTo("\u1112\u1161\u11AB" + "a");
        assertThat(JamoDistance.decompose("go")).isEqualTo("go");
    }

    @Test
    void latinWordsAreComparedByEditDistanceWithTranspositions() {
        assertThat(distance.getDistance("kubernets", "kubernetes")).isGreaterThanOrEqualTo(SpellingSuggester.ACCURACY);
        assertThat(distance.getDistance("kafak", "kafka")).isGreaterThanOrEqualTo(SpellingSuggester.ACCURACY);
        assertThat(distance.getDistance("kafka", "redis")).isLessThan(SpellingSuggester.ACCURACY);
        assertThat(distance.getDistance("same", "same")).isEqualTo(1f);
    }
}

package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonStringsTest {

    @Test
    void isDigitWhenSuperscriptsAndCircledDigitsThenTrueLikePython() {
        assertThat(PythonStrings.isDigit("0123456789")).isTrue();
        assertThat(PythonStrings.isDigit("²³¹⁰₉①⓪❶")).isTrue();
        assertThat(PythonStrings.isDigit("𝟘𝟙")).isTrue();
    }

    @Test
    void isDigitWhenEmptyFractionsOrNumbersAboveNineThenFalseLikePython() {
        assertThat(PythonStrings.isDigit("")).isFalse();
        assertThat(PythonStrings.isDigit("½")).isFalse();
        assertThat(PythonStrings.isDigit("⑩")).isFalse();
        assertThat(PythonStrings.isDigit("Ⅻ")).isFalse();
        assertThat(PythonStrings.isDigit("12a")).isFalse();
    }

    @Test
    void stripWhenNoBreakSpacesAndNextLineThenStrippedLikePython() {
        assertThat(PythonStrings.strip("\u00a0\u2007 \t\u0085password\u202f\n\u3000"))
                .isEqualTo("password");
        assertThat(PythonStrings.strip(" \u200b ")).isEqualTo("\u200b");
        assertThat(PythonStrings.strip("   ")).isEmpty();
    }

    @Test
    void splitOnNonWordWhenSeparatorsAtEdgesThenEmptyPartsLikeRegexSplit() {
        // re.split(r'\W+', '@testclient@example.com.') == ['', 'testclient', 'example', 'com', '']
        assertThat(PythonStrings.splitOnNonWord("@testclient@example.com."))
                .containsExactly("", "testclient", "example", "com", "");
        assertThat(PythonStrings.splitOnNonWord("")).containsExactly("");
    }

    @Test
    void splitOnNonWordWhenUnicodeThenLettersNumbersAndUnderscoreAreWordCharacters() {
        assertThat(PythonStrings.splitOnNonWord("jürgen_ß²-密码 ①x")).containsExactly("jürgen_ß²", "密码", "①x");
        // A combining mark is not \w in Python (it is in Java's Unicode \w): it splits.
        assertThat(PythonStrings.splitOnNonWord("e\u0301t")).containsExactly("e", "t");
    }
}

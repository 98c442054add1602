package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final String TOO_SHORT = "This password is too short. It must contain at least 8 characters.";
    private static final String TOO_LONG = "This password is too long. It must contain at most 4096 characters.";
    private static final String TOO_COMMON = "This password is too common.";
    private static final String NUMERIC = "This password is entirely numeric.";
    private static final String SIMILAR_TO_EMAIL = "The password is too similar to the email.";
    private static final String SIMILAR_TO_NAME = "The password is too similar to the name.";

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"a-safe-password", "keyhold-Sunset42!", "pässwörd-密码-ok", "correct horse battery staple"})
    void problemsWhenGoodPasswordThenNone(String password) {
        assertThat(policy.problems(password, "someone@example.com", "Some One")).isEmpty();
        assertThat(policy.problems(password, null, null)).isEmpty();
    }

    @Test
    void problemsWhenSevenCharactersThenTooShort() {
        assertThat(policy.problems("k3yh0ld", null, null)).containsExactly(TOO_SHORT);
        assertThat(policy.problems("k3yh0ld!", null, null)).isEmpty();
    }

    @Test
    void problemsWhenNonAsciiThenLengthCountsCodePoints() {
        // Seven code points but eight UTF-16 units (the key emoji is a surrogate pair): Python's len() says 7.
        assertThat(policy.problems("密码🔑ключ", null, null)).containsExactly(TOO_SHORT);
        assertThat(policy.problems("密码🔑ключ!", null, null)).isEmpty();
    }

    @Test
    void problemsWhenLongerThan4096ThenOnlyTooLong() {
        String atLimit = "x7".repeat(2048);
        String overLimit = "1".repeat(4097);

        assertThat(policy.problems(atLimit, null, null)).isEmpty();
        // Numeric and similar to the email too, but the other validators are skipped.
        assertThat(policy.problems(overLimit, overLimit + "@example.com", null)).containsExactly(TOO_LONG);
        assertThat(policy.problems("🔑".repeat(4096), null, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"godzilla", "GODZILLA", "password1", "  Password1 ", "qwertyuiop", "password1\u00a0"})
    void problemsWhenCommonPasswordThenTooCommon(String password) {
        assertThat(policy.problems(password, null, null)).containsExactly(TOO_COMMON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42424242", "٠١٢٣٤٥٦٧٨", "²³¹①②③④⑤⑥"})
    void problemsWhenEveryCharacterIsADigitThenEntirelyNumeric(String password) {
        assertThat(policy.problems(password, null, null)).contains(NUMERIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424x", "4242 4242", "½¼¾½¼¾½¼¾"})
    void problemsWhenNotEveryCharacterIsADigitThenNotNumeric(String password) {
        assertThat(policy.problems(password, null, null)).doesNotContain(NUMERIC);
    }

    @Test
    void problemsWhenPasswordIsEmailLocalPartThenTooSimilarToEmail() {
        // Django's own test: user testclient@example.com, password "testclient" and "example.com".
        assertThat(policy.problems("testclient", "testclient@example.com", null))
                .containsExactly(SIMILAR_TO_EMAIL);
        assertThat(policy.problems("example.com", "testclient@example.com", null))
                .containsExactly(SIMILAR_TO_EMAIL);
    }

    @Test
    void problemsWhenSimilarToNameThenTooSimilarToName() {
        assertThat(policy.problems("testclient", null, "Test Client")).containsExactly(SIMILAR_TO_NAME);
        assertThat(policy.problems("Client-Test-9", "someone@example.com", "Test Client"))
                .containsExactly(SIMILAR_TO_NAME);
    }

    @Test
    void problemsWhenSimilarToBothThenOnlyEmailIsReported() {
        assertThat(policy.problems("testclient", "testclient@example.com", "Test Client"))
                .containsExactly(SIMILAR_TO_EMAIL);
    }

    @Test
    void problemsWhenEmailOrNameEmptyThenNoSimilarityCheck() {
        assertThat(policy.problems("a-safe-password", "", "")).isEmpty();
    }

    @Test
    void problemsWhenValueFarShorterThanPasswordThenSkippedByLengthRatio() {
        // "abc" is inside the password, but 30 code points is ten times its length: Django skips it.
        assertThat(policy.problems("abc-and-a-long-unrelated-tail!", "abc@x.io", null))
                .isEmpty();
    }

    @Test
    void problemsWhenSeveralFailThenInDjangoOrder() {
        assertThat(policy.problems("1234567", "1234567@example.com", null))
                .containsExactly(SIMILAR_TO_EMAIL, TOO_SHORT, TOO_COMMON, NUMERIC);
    }

    @Test
    void problemsWhenEmptyPasswordThenTooShortAndNothingElse() {
        assertThat(policy.problems("", "someone@example.com", "Some One")).containsExactly(TOO_SHORT);
    }

    /** Cases whose expected messages came from Django 3.2's own validators (email and name attributes). */
    static Stream<Arguments> djangoDecisions() {
        return Stream.of(
                Arguments.of("6²de", "6²de@x.org", null, List.of(SIMILAR_TO_EMAIL, TOO_SHORT)),
                Arguments.of("40tĺItfö0@-2σ", "40tĺItfö0@-2σ@x.org", "Test Client", List.of(SIMILAR_TO_EMAIL)),
                Arguments.of(" QWE456", "", " QWE4  ²t密", List.of(SIMILAR_TO_NAME, TOO_SHORT, TOO_COMMON)),
                Arguments.of("①ncΣ8", null, "①ncΣ8 tÄ.", List.of(SIMILAR_TO_NAME, TOO_SHORT)),
                Arguments.of(" jill", " jill@x.org", " jill İ.öb", List.of(SIMILAR_TO_EMAIL, TOO_SHORT, TOO_COMMON)),
                Arguments.of("8", null, "a-", List.of(TOO_SHORT, TOO_COMMON, NUMERIC)),
                Arguments.of("0①٣5", null, "0①٣5 ", List.of(SIMILAR_TO_NAME, TOO_SHORT, NUMERIC)),
                Arguments.of("@4c3InÄÄ", "testclient@example.com", "", List.of()),
                Arguments.of("sÄt@.b9IlßaItlt_", "σeäd1 @@ä_ItädtiycI@..com", "sÄt@. íy9", List.of()),
                Arguments.of(".t\u0301@xäi9s7e691e", "testclient@example.com", "xs", List.of()),
                Arguments.of("fyd\u0301l8eyb码", "xf@exe.com", "Test Client", List.of()));
    }

    @ParameterizedTest
    @MethodSource("djangoDecisions")
    void problemsWhenCheckedByDjangoThenSameMessages(
            String password, String email, String name, List<String> expected) {
        assertThat(policy.problems(password, email, name)).isEqualTo(expected);
    }
}

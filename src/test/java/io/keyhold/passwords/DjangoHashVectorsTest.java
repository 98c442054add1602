package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Hashes written by a real Django (3.2 and 5.2), shared with the lead's project at ../shared. */
class DjangoHashVectorsTest {

    private static final Path VECTORS = Path.of("..", "shared", "django-hash-vectors.json");
    // Every format Django writes, with how many vectors of each the file holds: a vector of an algorithm
    // missing here, or a count that changes, fails the build instead of going unchecked.
    private static final Map<String, Long> VECTORS_PER_ALGORITHM = Map.of(
            "pbkdf2_sha256", 23L,
            "bcrypt_sha256", 22L,
            "argon2", 21L,
            "bcrypt", 16L,
            "pbkdf2_sha1", 14L,
            "scrypt", 12L,
            "unsalted_md5", 10L,
            "sha1", 8L,
            "md5", 8L,
            "unsalted_sha1", 8L);

    record Vector(String algorithm, String password, String encoded, boolean matches, String note, String django) {}

    // Cheap Argon2, so every argon2id vector is at or above the configured cost and needs no upgrade.
    private final Passwords passwords =
            new Passwords(TestProperties.cheap(), new HashPool(TestProperties.cheap(), new SimpleMeterRegistry()));

    static List<Vector> vectors() {
        assertTrue(
                Files.isRegularFile(VECTORS),
                () -> "Missing test vectors at " + VECTORS.toAbsolutePath().normalize()
                        + " (run from the project root)");
        return JsonMapper.builder().build().readValue(VECTORS.toFile(), new TypeReference<List<Vector>>() {});
    }

    static Stream<Arguments> allVectors() {
        return vectors().stream().map(vector -> Arguments.of(vector.algorithm() + ": " + vector.note(), vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void verifyWhenDjangoVectorThenMatchesAsDjangoDoesAndOnlyArgon2idIsCurrent(String description, Vector vector) {
        PasswordCheck expected;
        if (!vector.matches()) {
            expected = PasswordCheck.MISMATCH;
        } else if (vector.encoded().startsWith("argon2$argon2id$")) {
            expected = PasswordCheck.MATCH;
        } else {
            expected = PasswordCheck.MATCH_NEEDS_UPGRADE;
        }

        assertThat(passwords.verify(vector.password(), vector.encoded())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void algorithmOfWhenDjangoVectorThenSameAlgorithmAsDjangoIdentifies(String description, Vector vector) {
        assertThat(Passwords.algorithmOf(vector.encoded())).isEqualTo(vector.algorithm());
    }

    @Test
    void vectorsWhenReadThenCoverEveryAlgorithmWithBothOutcomes() {
        List<Vector> vectors = vectors();

        assertThat(vectors.stream().collect(Collectors.groupingBy(Vector::algorithm, Collectors.counting())))
                .isEqualTo(VECTORS_PER_ALGORITHM);
        for (String algorithm : VECTORS_PER_ALGORITHM.keySet()) {
            assertThat(vectors).anyMatch(vector -> vector.algorithm().equals(algorithm) && vector.matches());
            assertThat(vectors).anyMatch(vector -> vector.algorithm().equals(algorithm) && !vector.matches());
        }
    }

    // Django 3.2 writes m=102400, t=2, p=8 with 16-byte hashes: at or above our default cost, so no upgrade.
    @Test
    void verifyWhenDjangoArgon2HashAboveOurCostThenMatchWithoutUpgrade() {
        Passwords withDefaults = new Passwords(
                TestProperties.defaults(), new HashPool(TestProperties.defaults(), new SimpleMeterRegistry()));
        assertThat(withDefaults.verify(
                        "password123",
                        "argon2$argon2id$v=19$m=102400,t=2,p=8$eVEzOTZQRkJub0NIenc4VEtlUE1adA$MWtsOirz1LiyJjaJuJdCZg"))
                .isEqualTo(PasswordCheck.MATCH);
    }
}

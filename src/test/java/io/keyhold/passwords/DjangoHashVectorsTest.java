package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
    private static final Set<String> SUPPORTED = Set.of("argon2", "pbkdf2_sha256");

    record Vector(String algorithm, String password, String encoded, boolean matches, String note, String django) {}

    private final Passwords passwords = new Passwords(TestProperties.cheap(), new HashPool(TestProperties.cheap()));

    static List<Vector> vectors() {
        assertTrue(
                Files.isRegularFile(VECTORS),
                () -> "Missing test vectors at " + VECTORS.toAbsolutePath().normalize()
                        + " (run from the project root)");
        return JsonMapper.builder().build().readValue(VECTORS.toFile(), new TypeReference<List<Vector>>() {});
    }

    static Stream<Arguments> supportedVectors() {
        return vectors().stream()
                .filter(vector -> SUPPORTED.contains(vector.algorithm()))
                .map(vector -> Arguments.of(vector.algorithm() + ": " + vector.note(), vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedVectors")
    void verifyWhenDjangoVectorThenMatchesAsDjangoDoes(String description, Vector vector) {
        assertThat(passwords.verify(vector.password(), vector.encoded()).matches())
                .isEqualTo(vector.matches());
    }

    @Test
    void vectorsWhenReadThenCoverBothAlgorithmsAndBothOutcomes() {
        List<Vector> supported = vectors().stream()
                .filter(vector -> SUPPORTED.contains(vector.algorithm()))
                .toList();
        for (String algorithm : SUPPORTED) {
            assertThat(supported).anyMatch(vector -> vector.algorithm().equals(algorithm) && vector.matches());
            assertThat(supported).anyMatch(vector -> vector.algorithm().equals(algorithm) && !vector.matches());
        }
    }

    // Django 3.2 writes m=102400, t=2, p=8 with 16-byte hashes: at or above our default cost, so no upgrade.
    @Test
    void verifyWhenDjangoArgon2HashAboveOurCostThenMatchWithoutUpgrade() {
        Passwords withDefaults = new Passwords(TestProperties.defaults(), new HashPool(TestProperties.defaults()));
        assertThat(withDefaults.verify(
                        "password123",
                        "argon2$argon2id$v=19$m=102400,t=2,p=8$eVEzOTZQRkJub0NIenc4VEtlUE1adA$MWtsOirz1LiyJjaJuJdCZg"))
                .isEqualTo(PasswordCheck.MATCH);
    }
}

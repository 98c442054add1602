package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    private static final String CHEAP_PREFIX = "argon2$argon2id$v=19$m=8,t=1,p=1$";

    private final Passwords passwords = new Passwords(TestProperties.cheap(), new HashPool(TestProperties.cheap()));

    @Test
    void hashWhenDefaultPropertiesThenDjangoArgon2idFormatThatVerifiesAsCurrent() {
        Passwords withDefaults = new Passwords(TestProperties.defaults(), new HashPool(TestProperties.defaults()));

        String encoded = withDefaults.hash("correct horse battery staple");

        assertThat(encoded).startsWith("argon2$argon2id$v=19$m=19456,t=2,p=1$");
        // 16 bytes of salt and 32 of hash, base64 without padding.
        assertThat(encoded.split("\\$")).hasSize(6).satisfies(parts -> {
            assertThat(parts[4]).hasSize(22);
            assertThat(parts[5]).hasSize(43);
        });
        assertThat(withDefaults.verify("correct horse battery staple", encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(withDefaults.verify("correct horse battery stapler", encoded))
                .isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void hashWhenSamePasswordTwiceThenDifferentSalts() {
        assertThat(passwords.hash("same password")).isNotEqualTo(passwords.hash("same password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "pässwörd-密码", "emoji 🔑 key", "pa$$word:with$dollars"})
    void verifyWhenHashOfSamePasswordThenMatch(String password) {
        String encoded = passwords.hash(password);

        assertThat(encoded).startsWith(CHEAP_PREFIX);
        assertThat(passwords.verify(password, encoded)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void verifyWhenWrongPasswordThenMismatch() {
        String encoded = passwords.hash("password one");

        assertThat(passwords.verify("password two", encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(passwords.verify("PASSWORD ONE", encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(passwords.verify(null, encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenArgon2BelowConfiguredCostThenMatchNeedsUpgrade() {
        Passwords weak = passwordsWithArgon2(8192, 2, 1);
        Passwords strong = passwordsWithArgon2(16384, 2, 2);

        String encoded = weak.hash("upgrade me");

        assertThat(encoded).startsWith("argon2$argon2id$v=19$m=8192,t=2,p=1$");
        assertThat(weak.verify("upgrade me", encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(strong.verify("upgrade me", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(strong.verify("not me", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenAnyOneArgon2ParameterBelowConfiguredThenMatchNeedsUpgrade() {
        String encoded = passwordsWithArgon2(64, 2, 2).hash("pw");

        assertThat(passwordsWithArgon2(64, 2, 2).verify("pw", encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(passwordsWithArgon2(32, 1, 1).verify("pw", encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(passwordsWithArgon2(128, 2, 2).verify("pw", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwordsWithArgon2(64, 3, 2).verify("pw", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwordsWithArgon2(64, 2, 4).verify("pw", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
    }

    @Test
    void verifyWhenArgon2iThenMatchNeedsUpgrade() {
        // The example in the reference implementation's README (phc-winner-argon2), in Django's format.
        String encoded = "argon2$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

        assertThat(passwords.verify("password", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("Password", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenPbkdf2Sha256ThenMatchNeedsUpgrade() {
        // Django 3.2: make_password("password", "seedsalt", PBKDF2PasswordHasher) with 1 iteration.
        String encoded = "pbkdf2_sha256$1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=";

        assertThat(passwords.verify("password", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("passworD", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "!abc",
                "!",
                "!pbkdf2_sha256$1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "$",
                "argon2",
                "argon2$",
                "argon2$argon2id$v=19$m=8,t=1,p=1$",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$",
                "argon2$argon2d$v=19$m=8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=16$m=8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$m=8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=x,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$t=1,m=8,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=-8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=8,t=0,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=8,t=1,p=0$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=15,t=1,p=2$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=262145,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=8,t=21,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=256,t=1,p=17$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=99999999999999999999,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c2FsdA$c29tZWhhc2g",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$YWJj",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g=",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2gx",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$c29t*Whhc2g",
                "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$c29tZWhhc2g$extra",
                "pbkdf2_sha256$",
                "pbkdf2_sha256$abc$salt$xx",
                "pbkdf2_sha256$1000$salt$xx",
                "pbkdf2_sha256$1000$$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha256$0$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha256$01$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha256$-1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha256$10000001$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha256$99999999999999999999$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha256$1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE",
                "pbkdf2_sha256$1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=$",
                "pbkdf2_sha256$1$seedsalt",
                "PBKDF2_SHA256$1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "pbkdf2_sha1$1$seedsalt$WtLqxztDICYX+HRS2h33ii1XUhXcMi7s7MdUrGVFjmE=",
                "bcrypt$$2b$12$abcdefghijklmnopqrstuu",
                "md5$salt$0123456789abcdef0123456789abcdef",
                "sha256$salt$hash",
                "plain text password",
            })
    void verifyWhenMalformedOrUnusableHashThenMismatchWithoutException(String encoded) {
        assertThat(passwords.verify("password", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    static Stream<String> garbage() {
        Random random = new Random(20240601);
        String alphabet = "argon2pbkdf_sh256$=,+/vtmi019AZaz!\u00e9\u5bc6 ";
        Supplier<String> next = () -> {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "argon2$" : "pbkdf2_sha256$");
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
        return Stream.generate(next).limit(300);
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void verifyWhenSeededRandomGarbageThenMismatchWithoutException(String encoded) {
        assertThat(passwords.verify("password", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenMalformedHashOrUnknownEmailThenWorkStillRunsOnThePool() {
        AtomicInteger runs = new AtomicInteger();
        HashPool countingPool = new HashPool(TestProperties.cheap()) {
            @Override
            public <T> T run(Supplier<T> work) {
                runs.incrementAndGet();
                return super.run(work);
            }
        };
        Passwords counted = new Passwords(TestProperties.cheap(), countingPool);

        counted.verify("password", "!unusable");
        counted.verifyAgainstNothing("password");
        counted.verifyAgainstNothing(null);

        assertThat(runs).hasValue(3);
    }

    @Test
    void verifyAgainstNothingWhenAnyPasswordThenReturnsQuietly() {
        assertThatNoException().isThrownBy(() -> passwords.verifyAgainstNothing("whatever"));
    }

    @Test
    void passwordsWhenConfiguredAboveVerificationBoundsThenRefusesToStart() {
        PasswordProperties tooCostly =
                new PasswordProperties(new PasswordProperties.Argon2(524_288, 2, 1), 1, Duration.ofSeconds(1));

        assertThatIllegalArgumentException().isThrownBy(() -> new Passwords(tooCostly, new HashPool(tooCostly)));
    }

    private static Passwords passwordsWithArgon2(int memoryKib, int iterations, int parallelism) {
        PasswordProperties properties = new PasswordProperties(
                new PasswordProperties.Argon2(memoryKib, iterations, parallelism), 1, Duration.ofSeconds(30));
        return new Passwords(properties, new HashPool(properties));
    }
}

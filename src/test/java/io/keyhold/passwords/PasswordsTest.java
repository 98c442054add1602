package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordsTest {

    private static final String CHEAP_PREFIX = "argon2$argon2id$v=19$m=8,t=1,p=1$";

    private final Passwords passwords =
            new Passwords(TestProperties.cheap(), new HashPool(TestProperties.cheap(), new SimpleMeterRegistry()));

    @Test
    void hashWhenDefaultPropertiesThenDjangoArgon2idFormatThatVerifiesAsCurrent() {
        Passwords withDefaults = new Passwords(
                TestProperties.defaults(), new HashPool(TestProperties.defaults(), new SimpleMeterRegistry()));

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

    /**
     * Each hashing thread reuses its Argon2 memory from one hash to the next; checks that run at
     * once on every thread, against hashes of several costs and the unknown-email decoy, must each
     * still get their own right answer.
     */
    @Test
    void verifyWhenManyChecksAtOnceOnEveryHashingThreadThenEachGetsItsOwnAnswer() throws Exception {
        var properties = new PasswordProperties(new PasswordProperties.Argon2(1024, 1, 1), 4, Duration.ofSeconds(60));
        var shared = new Passwords(properties, new HashPool(properties, new SimpleMeterRegistry()));
        List<String> hashes = List.of(
                shared.hash("first secret"),
                shared.hash("second secret"),
                passwords.hash("third secret"), // m=8: smaller than the pool's blocks
                "argon2$argon2id$v=19$m=2048,t=1,p=2$c29tZXNhbHRzb21lc2FsdA$" // larger: borrows the rest
                        + Base64.getEncoder().withoutPadding().encodeToString(new byte[32]));
        List<String> secrets = List.of("first secret", "second secret", "third secret", "fourth secret");
        var checks = new ArrayList<Callable<Boolean>>();
        for (int round = 0; round < 80; round++) {
            int index = round % hashes.size();
            boolean right = round % 3 != 0;
            String password = right ? secrets.get(index) : "wrong " + round;
            checks.add(() -> {
                shared.verifyAgainstNothing(password);
                PasswordCheck check = shared.verify(password, hashes.get(index));
                // The fourth hash is of no known password: it never matches.
                boolean expected = right && index < 3;
                return (check != PasswordCheck.MISMATCH) == expected;
            });
        }
        var callers = Executors.newFixedThreadPool(8);
        try {
            for (var answer : callers.invokeAll(checks)) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
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

    @Test
    void verifyWhenPbkdf2Sha1ThenMatchNeedsUpgrade() {
        // Django 3.2: make_password("password123", hasher=PBKDF2SHA1PasswordHasher) with 1000 iterations.
        String encoded = "pbkdf2_sha1$1000$xTxvx8JiJB4v4flSjpG7Vz$LZ/uYPBrHvZP/Byo1IVzC+goof8=";

        assertThat(passwords.verify("password123", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("password12", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2a$", "$2b$", "$2y$"})
    void verifyWhenBcryptRevisionThatPythonBcryptReadsThenMatchNeedsUpgrade(String revision) {
        // Django 3.2 wrote this as $2b$ at cost 4; for passwords under 255 bytes the revisions hash alike.
        String encoded = "bcrypt$" + revision + "04$JHvyXpfIiuNwzMNUWpF6C.ez624k7MXnUERc4S7VYngNKyy4OhTsi";

        assertThat(passwords.verify("password123", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("password124", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    @Timeout(10)
    void verifyWhenBcryptCostAbsurdThenMismatch() {
        // A real cost-4 hash with its cost raised: checked as written it would take 2^27 times as long.
        String encoded = "bcrypt_sha256$$2b$31$/VZgYJIuUxw0T0RkEFTJbu/VwDXvr8BARV4VTW8jdohPeJlcbiPp6";

        assertThat(passwords.verify("password123", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenScryptNeedsMoreMemoryThanDjangoAllowsThenMismatch() {
        // n=16384, r=8 needs just under Django's 32 MiB; n=32768 just over, so Django could not check it.
        String withinLimit = scrypt("pw", "salt", 16_384, 8, 1);
        String overLimit = scrypt("pw", "salt", 32_768, 8, 1);

        assertThat(passwords.verify("pw", withinLimit)).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("pw", overLimit)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenScryptParallelismAboveBoundThenMismatch() {
        assertThat(passwords.verify("pw", scrypt("pw", "salt", 2, 1, 16))).isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("pw", scrypt("pw", "salt", 2, 1, 17))).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void verifyWhenUnsaltedMd5BareOrBehindEmptySaltThenMatchNeedsUpgrade() {
        assertThat(passwords.verify("password123", "482c811da5d5b4bc6d497ffa98491e38"))
                .isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
        assertThat(passwords.verify("password123", "md5$$482c811da5d5b4bc6d497ffa98491e38"))
                .isEqualTo(PasswordCheck.MATCH_NEEDS_UPGRADE);
    }

    // Django compares its lower-case hexdigest() with the stored text as it is.
    @Test
    void verifyWhenHexDigestInUpperCaseThenMismatchAsInDjango() {
        assertThat(passwords.verify("password123", "482C811DA5D5B4BC6D497FFA98491E38"))
                .isEqualTo(PasswordCheck.MISMATCH);
        assertThat(passwords.verify("password123", "sha1$$CBFDAC6008F9CAB4083784CBD1874F76618D2A97"))
                .isEqualTo(PasswordCheck.MISMATCH);
        assertThat(passwords.verify("password123", "md5$3tgGgH4GyNRub2aB1AVyiH$4CBA30AF174DA0F193456F0795DBF1EF"))
                .isEqualTo(PasswordCheck.MISMATCH);
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
                "pbkdf2_sha1$1000$xTxvx8JiJB4v4flSjpG7Vz$LZ/uYPBrHvZP/Byo1IVzC+goof8",
                "pbkdf2_sha1$1000$xTxvx8JiJB4v4flSjpG7Vz$LZ/uYPBrHvZP/Byo1IVzC+goof=",
                "pbkdf2_sha1$1000$xTxvx8JiJB4v4flSjpG7Vz$LZ/uY*BrHvZP/Byo1IVzC+goof8=",
                "pbkdf2_sha1$1000$$LZ/uYPBrHvZP/Byo1IVzC+goof8=",
                "pbkdf2_sha1$10000001$xTxvx8JiJB4v4flSjpG7Vz$LZ/uYPBrHvZP/Byo1IVzC+goof8=",
                "pbkdf2_sha1$99999999999999999999$xTxvx8JiJB4v4flSjpG7Vz$LZ/uYPBrHvZP/Byo1IVzC+goof8=",
                "bcrypt$",
                "bcrypt$$",
                "bcrypt$$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Y",
                "bcrypt$$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Yex",
                "bcrypt$$2b$12$GfBs12C7AU*PsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Y=",
                "bcrypt$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2x$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$1$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$03$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$17$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$31$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$99$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt$$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye$",
                "bcrypt_sha256$$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Y",
                "bcrypt_sha256$$2b$31$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt_sha256$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "bcrypt_sha256$bcrypt$$2b$12$GfBs12C7AUePsjKZyVRF9eJcF.5JSDG3fe..Ck5kI1hAJ/xXQO6Ye",
                "scrypt$",
                "scrypt$16384$salt$8$5",
                "scrypt$16384$salt$8$5$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA",
                "scrypt$16384$salt$8$5$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertd==",
                "scrypt$16384$salt$8$5$13V697BGii*STMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$16384$$8$5$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$1000$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$1$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$0$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$016384$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$16384$salt$0$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$16384$salt$8$0$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$16384$salt$8$17$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$65536$salt$1$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$32768$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$1048576$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$1048576$salt$32$16$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$1073741824$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$99999999999999999999$salt$8$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "scrypt$16384$salt$99999999999999999999$1$13V697BGiiYSTMdm/X0g0W64Uyq/UqbbIAhcvYjtgF1b/37hbHvkmn3tlnGz8021ifJhLu0gxcPRTmhTzertdA==",
                "sha1$",
                "sha1$salt",
                "sha1$salt$613aa4019eaaa7026cdbe3d11dfe9682917f8c7",
                "sha1$salt$613aa4019eaaa7026cdbe3d11dfe9682917f8c770",
                "sha1$salt$613AA4019EAAA7026CDBE3D11DFE9682917F8C77",
                "sha1$salt$613aa4019eaaa7026cdbe3d11dfe9682917f8c7g",
                "sha1$salt$613aa4019eaaa7026cdbe3d11dfe9682917f8c77$",
                "sha1$$613aa4019eaaa7026cdbe3d11dfe9682917f8c7",
                "sha1$$613aa4019eaaa7026cdbe3d11dfe9682917f8c770",
                "sha1$$613AA4019EAAA7026CDBE3D11DFE9682917F8C77",
                "unsalted_sha1$$613aa4019eaaa7026cdbe3d11dfe9682917f8c77",
                "md5$",
                "md5$salt$4cba30af174da0f193456f0795dbf1e",
                "md5$salt$4CBA30AF174DA0F193456F0795DBF1EF",
                "md5$salt$4cba30af174da0f193456f0795dbf1ez",
                "md5$$4cba30af174da0f193456f0795dbf1e",
                "md5$$4cba30af174da0f193456f0795dbf1ef0",
                "md5$$4CBA30AF174DA0F193456F0795DBF1EF",
                "md5$$$$4cba30af174da0f193456f0795dbf",
                "4cba30af174da0f193456f0795dbf1e",
                "4cba30af174da0f193456f0795dbf1ef0",
                "4CBA30AF174DA0F193456F0795DBF1EF",
                "4cba30af174da0f193456f0795dbf1eg",
                "                                ",
                "unsalted_md5$4cba30af174da0f193456f0795dbf1ef",
                "plain text password",
            })
    void verifyWhenMalformedOrUnusableHashThenMismatchWithoutException(String encoded) {
        assertThat(passwords.verify("password", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    static Stream<String> garbage() {
        Random random = new Random(20240601);
        String alphabet = "argon2pbkdf_sh256$=,+/.vtmi019AZaz!\u00e9\u5bc6 ";
        List<String> prefixes = List.of(
                "argon2$",
                "pbkdf2_sha256$",
                "pbkdf2_sha1$",
                "bcrypt_sha256$$2b$",
                "bcrypt$$2b$",
                "scrypt$",
                "sha1$",
                "sha1$$",
                "md5$",
                "md5$$",
                "");
        Supplier<String> next = () -> {
            StringBuilder text = new StringBuilder(prefixes.get(random.nextInt(prefixes.size())));
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
        HashPool countingPool = new HashPool(TestProperties.cheap(), new SimpleMeterRegistry()) {
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

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Passwords(tooCostly, new HashPool(tooCostly, new SimpleMeterRegistry())));
    }

    // What Django's ScryptPasswordHasher.encode writes.
    private static String scrypt(String password, String salt, int n, int r, int p) {
        byte[] key = SCrypt.generate(
                password.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), n, r, p, 64);
        return "scrypt$" + n + "$" + salt + "$" + r + "$" + p + "$"
                + Base64.getEncoder().encodeToString(key);
    }

    private static Passwords passwordsWithArgon2(int memoryKib, int iterations, int parallelism) {
        PasswordProperties properties = new PasswordProperties(
                new PasswordProperties.Argon2(memoryKib, iterations, parallelism), 1, Duration.ofSeconds(30));
        return new Passwords(properties, new HashPool(properties, new SimpleMeterRegistry()));
    }
}

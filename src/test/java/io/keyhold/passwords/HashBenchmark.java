package io.keyhold.passwords;

import io.keyhold.passwords.PasswordHasher.StoredHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one password hash costs on one thread: the denominator of the login bound, hash threads ÷
 * single-hash time. Argon2id hash and verify at the cost Keyhold writes by default (verify also on
 * every core at once), and Django's pbkdf2_sha256 verify for comparison. Run by {@code bench/jmh-hash.sh}; not a test, so surefire
 * (which runs {@code *Test} and {@code *Tests}) leaves it alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HashBenchmark {

    static final String PASSWORD = "bench-mark-password-1";

    /** A hasher at the default cost and one stored hash of {@link #PASSWORD} made by it. */
    @State(Scope.Thread)
    public static class Argon2 {

        Argon2Hasher hasher;
        String encoded;

        @Setup
        public void setUp() throws IOException {
            hasher = new Argon2Hasher(DefaultArgon2Hash.cost());
            encoded = hasher.encode(PASSWORD);
            if (requireMatch(hasher, encoded).needsUpgrade()) {
                throw new IllegalStateException("a new hash asks for an upgrade: " + encoded);
            }
        }
    }

    /** A Django pbkdf2_sha256 hash of {@link #PASSWORD}. */
    @State(Scope.Thread)
    public static class Pbkdf2 {

        // Django 3.2's default (the seed's hashes) and Django 5.2's.
        @Param({"260000", "1000000"})
        int iterations;

        Pbkdf2Hasher hasher;
        String encoded;

        @Setup
        public void setUp() throws GeneralSecurityException {
            hasher = Pbkdf2Hasher.sha256();
            // Made with the JDK's PBKDF2, so the benchmark also checks Keyhold's against another implementation.
            String salt = "bNchMrkSaltOfDjangoLen";
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(
                            PASSWORD.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256))
                    .getEncoded();
            encoded = "pbkdf2_sha256$" + iterations + "$" + salt + "$"
                    + Base64.getEncoder().encodeToString(key);
            requireMatch(hasher, encoded);
        }
    }

    /** A new hash, as signup and a password change compute it. */
    @Benchmark
    public String argon2idHash(Argon2 state) {
        return state.hasher.encode(PASSWORD);
    }

    /** A login's check against a current hash: parse the stored hash, then derive and compare. */
    @Benchmark
    public boolean argon2idVerify(Argon2 state) {
        return verify(state.hasher, state.encoded);
    }

    /**
     * The same check on every core at once (as many threads as cores, each with its own hash), as the
     * hash pool runs it under a flood with its default size. When this is slower per check than
     * {@link #argon2idVerify}, the cores do not scale for Argon2 (shared memory bandwidth or cache,
     * SMT siblings, a CPU quota) and no server can reach hash threads ÷ single-hash time.
     */
    @Benchmark
    @Threads(Threads.MAX)
    public boolean argon2idVerifyOnEveryCore(Argon2 state) {
        return verify(state.hasher, state.encoded);
    }

    /** A login's check against a hash imported from Django (before it is moved to Argon2id). */
    @Benchmark
    public boolean pbkdf2Sha256Verify(Pbkdf2 state) {
        return verify(state.hasher, state.encoded);
    }

    private static boolean verify(PasswordHasher hasher, String encoded) {
        return hasher.decode(encoded).map(stored -> stored.matches(PASSWORD)).orElse(false);
    }

    private static StoredHash requireMatch(PasswordHasher hasher, String encoded) {
        StoredHash stored =
                hasher.decode(encoded).orElseThrow(() -> new IllegalStateException("unreadable: " + encoded));
        if (!stored.matches(PASSWORD)) {
            throw new IllegalStateException("the benchmark's hash does not match its password: " + encoded);
        }
        return stored;
    }
}

package io.keyhold.passwords;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.passwords.*}: the Argon2 cost of new hashes and the size of the hash pool.
 *
 * @param argon2 cost of new hashes; stored hashes below it are upgraded at the next login
 * @param hashThreads how many hashes may run at once; defaults to the number of cores
 * @param hashWait how long a caller waits for a free hashing slot before getting 503
 */
@ConfigurationProperties("keyhold.passwords")
public record PasswordProperties(
        @DefaultValue Argon2 argon2,
        Integer hashThreads,
        @DefaultValue("2s") Duration hashWait) {

    public PasswordProperties {
        Objects.requireNonNull(argon2, "argon2");
        Objects.requireNonNull(hashWait, "hashWait");
        // The core count is only known at run time, so it cannot be a @DefaultValue.
        if (hashThreads == null) {
            hashThreads = Runtime.getRuntime().availableProcessors();
        }
        if (hashThreads < 1) {
            throw new IllegalArgumentException("keyhold.passwords.hash-threads must be at least 1");
        }
        if (hashWait.isNegative()) {
            throw new IllegalArgumentException("keyhold.passwords.hash-wait must not be negative");
        }
    }

    /**
     * Argon2id cost of new hashes. Not held to the OWASP minimum here, so tests can hash cheaply; the
     * defaults are that minimum (m=19456 KiB, t=2, p=1).
     */
    public record Argon2(
            @DefaultValue("19456") int memoryKib,
            @DefaultValue("2") int iterations,
            @DefaultValue("1") int parallelism) {

        public Argon2 {
            // Fail at startup rather than at the first login: these are Argon2's own lower bounds.
            if (iterations < 1 || parallelism < 1 || memoryKib < 8 * parallelism) {
                throw new IllegalArgumentException(
                        "keyhold.passwords.argon2 needs iterations >= 1, parallelism >= 1 and memory-kib >= 8 * parallelism");
            }
        }
    }
}

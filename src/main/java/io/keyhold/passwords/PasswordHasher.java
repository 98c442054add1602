package io.keyhold.passwords;

import java.util.Optional;

/**
 * One of Django's hash formats, identified by the algorithm name before the first {@code $}. To
 * verify another Django format, add one implementation and register it in {@link Passwords}.
 */
interface PasswordHasher {

    /** The algorithm name Django writes before the first {@code $}, such as {@code pbkdf2_sha256}. */
    String algorithm();

    /**
     * The stored hash in {@code encoded}, or empty when it is not a well-formed hash of this algorithm
     * or asks for more work than we are willing to spend on one check. Never throws.
     */
    Optional<StoredHash> decode(String encoded);

    /** A well-formed stored hash, ready to check passwords against. */
    interface StoredHash {

        /** Compares in constant time. */
        boolean matches(String rawPassword);

        /** True when the hash is in an older format or weaker than what we write today. */
        boolean needsUpgrade();
    }
}

package io.keyhold.passwords;

import java.util.Optional;

/**
 * One of Django's hash formats, identified by the algorithm name before the first {@code $} (or, for
 * the unsalted digests of old Django, by shape as {@link Passwords} does). To verify another Django
 * format, add one implementation and register it in {@link Passwords}.
 */
interface PasswordHasher {

    /**
     * Django's name for the algorithm, such as {@code pbkdf2_sha256}: what Django writes before the first
     * {@code $}, except for {@code unsalted_md5} and {@code unsalted_sha1}, which Django recognises by shape.
     */
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

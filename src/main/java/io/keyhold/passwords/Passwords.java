package io.keyhold.passwords;

import io.keyhold.passwords.PasswordHasher.StoredHash;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Hashes new passwords (Argon2id in Django's encoded format) and verifies stored hashes in the Django
 * formats we know. All hashing runs on the {@link HashPool}, so it may throw {@link HashPoolSaturated}.
 */
@Service
public class Passwords {

    private final HashPool pool;
    private final Argon2Hasher argon2;
    private final Map<String, PasswordHasher> hashersByAlgorithm;
    // A real hash at today's cost. Checking against it costs what checking a current user's hash costs,
    // so unknown emails and unusable or malformed hashes take as long as a wrong password does.
    private final StoredHash decoy;

    public Passwords(PasswordProperties properties, HashPool pool) {
        this.pool = pool;
        this.argon2 = new Argon2Hasher(properties.argon2());
        this.hashersByAlgorithm = List.of(argon2, new Pbkdf2Sha256Hasher()).stream()
                .collect(Collectors.toUnmodifiableMap(PasswordHasher::algorithm, Function.identity()));
        this.decoy = argon2.decode(argon2.encode("keyhold-decoy")).orElseThrow();
    }

    /** A new Argon2id hash of {@code rawPassword} in Django's format. */
    public String hash(String rawPassword) {
        Objects.requireNonNull(rawPassword, "rawPassword");
        return pool.run(() -> argon2.encode(rawPassword));
    }

    /**
     * Checks {@code rawPassword} against a stored hash. Anything that cannot match (null, empty, Django's
     * unusable {@code !…} hashes, unknown algorithms, malformed hashes) is {@link PasswordCheck#MISMATCH}
     * after the same work as a real check, never an exception other than {@link HashPoolSaturated}.
     */
    public PasswordCheck verify(String rawPassword, String encoded) {
        return pool.run(() -> check(rawPassword, encoded));
    }

    /** Spends what {@link #verify} spends on a current hash, for a login with an unknown email. */
    public void verifyAgainstNothing(String rawPassword) {
        pool.run(() -> decoy.matches(Objects.requireNonNullElse(rawPassword, "")));
    }

    private PasswordCheck check(String rawPassword, String encoded) {
        Optional<StoredHash> stored = decode(encoded);
        if (rawPassword == null || stored.isEmpty()) {
            decoy.matches(Objects.requireNonNullElse(rawPassword, ""));
            return PasswordCheck.MISMATCH;
        }
        if (!stored.get().matches(rawPassword)) {
            return PasswordCheck.MISMATCH;
        }
        return stored.get().needsUpgrade() ? PasswordCheck.MATCH_NEEDS_UPGRADE : PasswordCheck.MATCH;
    }

    private Optional<StoredHash> decode(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        // Django's unusable passwords start with "!" and have no registered algorithm, like "" does.
        int endOfAlgorithm = encoded.indexOf('$');
        PasswordHasher hasher =
                endOfAlgorithm < 0 ? null : hashersByAlgorithm.get(encoded.substring(0, endOfAlgorithm));
        return hasher == null ? Optional.empty() : hasher.decode(encoded);
    }
}

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

    private static final String UNUSABLE_PREFIX = "!";

    private final HashPool pool;
    private final Argon2Hasher argon2;
    private final Map<String, PasswordHasher> hashersByAlgorithm;
    // A hash at today's cost that nothing matches. Checking against it costs what checking a current
    // user's hash costs, so unknown emails and unusable or malformed hashes take as long as a wrong
    // password does.
    private final StoredHash decoy;

    public Passwords(PasswordProperties properties, HashPool pool) {
        this.pool = pool;
        this.argon2 = new Argon2Hasher(properties.argon2());
        this.hashersByAlgorithm = List.of(
                        argon2,
                        Pbkdf2Hasher.sha256(),
                        Pbkdf2Hasher.sha1(),
                        BcryptHasher.bcryptSha256(),
                        BcryptHasher.bcrypt(),
                        new ScryptHasher(),
                        HexDigestHasher.sha1(),
                        HexDigestHasher.md5(),
                        HexDigestHasher.unsaltedSha1(),
                        HexDigestHasher.unsaltedMd5())
                .stream()
                .collect(Collectors.toUnmodifiableMap(PasswordHasher::algorithm, Function.identity()));
        this.decoy = argon2.decoy();
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

    /**
     * Whether a stored hash is one Keyhold can check, or Django's mark of an unusable password
     * ({@code !…}), which is kept as it is and simply never matches. Parses only; hashes nothing.
     */
    public boolean recognizes(String encoded) {
        return encoded != null
                && (encoded.startsWith(UNUSABLE_PREFIX) || decode(encoded).isPresent());
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
        String algorithm = algorithmOf(encoded);
        PasswordHasher hasher = algorithm == null ? null : hashersByAlgorithm.get(algorithm);
        return hasher == null ? Optional.empty() : hasher.decode(encoded);
    }

    // Django's identify_hasher: the name before the first '$', except for the unsalted digests of old
    // Django, which carry no name of their own and are known by shape and length alone. Django's
    // unusable passwords start with "!" and have no registered algorithm, like "" does.
    static String algorithmOf(String encoded) {
        if ((encoded.length() == 32 && encoded.indexOf('$') < 0)
                || (encoded.length() == 37 && encoded.startsWith("md5$$"))) {
            return "unsalted_md5";
        }
        if (encoded.length() == 46 && encoded.startsWith("sha1$$")) {
            return "unsalted_sha1";
        }
        int endOfAlgorithm = encoded.indexOf('$');
        return endOfAlgorithm < 0 ? null : encoded.substring(0, endOfAlgorithm);
    }
}

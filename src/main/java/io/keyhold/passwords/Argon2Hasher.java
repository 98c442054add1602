package io.keyhold.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.FixedBlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Django's {@code argon2} format: {@code argon2$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and
 * hash in base64 without padding. Writes Argon2id at the configured cost; verifies argon2id and argon2i
 * of version 19 at any cost within the bounds below.
 */
final class Argon2Hasher implements PasswordHasher {

    // Stored hashes reach us from the database and from import-django, so one could be crafted or
    // corrupted. Its parameters set what a single check costs, and Argon2 is built to make that cost
    // large: without bounds one login could allocate gigabytes or run for minutes. The bounds keep room
    // for hashes written by Django (m=102400, t=2, p=8) and for much stronger settings than today's.
    static final int MAX_MEMORY_KIB = 262_144;
    static final int MAX_ITERATIONS = 20;
    static final int MAX_PARALLELISM = 16;
    // libargon2 (which Django uses) refuses salts under 8 bytes and outputs under 4; the upper bounds
    // only keep the numbers sane.
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 4;
    private static final int MAX_SALT_OR_HASH_BYTES = 1024;

    private static final int NEW_SALT_BYTES = 16;
    private static final int NEW_HASH_BYTES = 32;

    // Digit runs are capped at 7 so that parsing cannot overflow; the bounds above are checked after.
    private static final Pattern FORMAT = Pattern.compile(
            "argon2\\$(argon2id|argon2i)\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,7}),p=(\\d{1,7})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private final PasswordProperties.Argon2 cost;
    private final SecureRandom random = new SecureRandom();
    // Each thread that hashes keeps the memory blocks of its last hash for the next one. Without it
    // every hash leaves m KiB of garbage (19 MiB by default), and a login flood grows the heap by that
    // much per hash between collections. Hashes run on HashPool's few threads, so this holds one
    // hash's memory per hashing thread; a stored hash with a larger m than ours borrows the rest.
    private final ThreadLocal<FixedBlockPool> blocks;

    Argon2Hasher(PasswordProperties.Argon2 cost) {
        // Our own new hashes must pass our own verification bounds.
        if (cost.memoryKib() > MAX_MEMORY_KIB
                || cost.iterations() > MAX_ITERATIONS
                || cost.parallelism() > MAX_PARALLELISM) {
            throw new IllegalArgumentException("keyhold.passwords.argon2 is above what verification accepts: m <= "
                    + MAX_MEMORY_KIB + ", t <= " + MAX_ITERATIONS + ", p <= " + MAX_PARALLELISM);
        }
        this.cost = cost;
        int ownBlocks = Argon2BytesGenerator.getBlockCount(cost.memoryKib(), cost.parallelism());
        this.blocks = ThreadLocal.withInitial(() -> new FixedBlockPool(ownBlocks));
    }

    @Override
    public String algorithm() {
        return "argon2";
    }

    /** A new Argon2id hash of {@code rawPassword} at the configured cost, with a fresh random salt. */
    String encode(String rawPassword) {
        Parameters parameters = ownCostWithNewSalt();
        byte[] hash = derive(parameters, rawPassword, NEW_HASH_BYTES);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "argon2$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + base64.encodeToString(parameters.salt()) + "$" + base64.encodeToString(hash);
    }

    /**
     * A hash at the configured cost that no password matches: random salt, random hash bytes.
     * Checking a password against it costs what checking a real hash does, and making it costs
     * nothing, where hashing some password would cost an Argon2 run on the start path.
     */
    StoredHash decoy() {
        byte[] hash = new byte[NEW_HASH_BYTES];
        random.nextBytes(hash);
        return new Argon2Hash(ownCostWithNewSalt(), hash, false);
    }

    /** Argon2id at the configured cost, with a fresh random salt: what every new hash gets. */
    private Parameters ownCostWithNewSalt() {
        byte[] salt = new byte[NEW_SALT_BYTES];
        random.nextBytes(salt);
        return new Parameters(
                Argon2Parameters.ARGON2_id, cost.memoryKib(), cost.iterations(), cost.parallelism(), salt);
    }

    @Override
    public Optional<StoredHash> decode(String encoded) {
        Matcher matcher = FORMAT.matcher(encoded);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int type = matcher.group(1).equals("argon2id") ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i;
        int memoryKib = Integer.parseInt(matcher.group(2));
        int iterations = Integer.parseInt(matcher.group(3));
        int parallelism = Integer.parseInt(matcher.group(4));
        if (iterations < 1
                || iterations > MAX_ITERATIONS
                || parallelism < 1
                || parallelism > MAX_PARALLELISM
                // Argon2 needs 8 blocks per lane; BouncyCastle would quietly round up where libargon2 refuses.
                || memoryKib < 8 * parallelism
                || memoryKib > MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(matcher.group(5));
            hash = Base64.getDecoder().decode(matcher.group(6));
        } catch (IllegalArgumentException badBase64) {
            return Optional.empty();
        }
        if (salt.length < MIN_SALT_BYTES
                || salt.length > MAX_SALT_OR_HASH_BYTES
                || hash.length < MIN_HASH_BYTES
                || hash.length > MAX_SALT_OR_HASH_BYTES) {
            return Optional.empty();
        }
        boolean needsUpgrade = type != Argon2Parameters.ARGON2_id
                || memoryKib < cost.memoryKib()
                || iterations < cost.iterations()
                || parallelism < cost.parallelism();
        return Optional.of(
                new Argon2Hash(new Parameters(type, memoryKib, iterations, parallelism, salt), hash, needsUpgrade));
    }

    /**
     * Computes on the calling thread with that thread's blocks: the parameters name the blocks to use,
     * so they are built here, not where the hash was decoded (the decoy is decoded once and checked
     * on every hashing thread).
     */
    private byte[] derive(Parameters parameters, String rawPassword, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(parameters.type())
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKib())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(parameters.salt())
                .withBlockPool(blocks.get())
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(rawPassword.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private record Parameters(int type, int memoryKib, int iterations, int parallelism, byte[] salt) {}

    private final class Argon2Hash implements StoredHash {

        private final Parameters parameters;
        private final byte[] expected;
        private final boolean needsUpgrade;

        Argon2Hash(Parameters parameters, byte[] expected, boolean needsUpgrade) {
            this.parameters = parameters;
            this.expected = expected;
            this.needsUpgrade = needsUpgrade;
        }

        @Override
        public boolean matches(String rawPassword) {
            return MessageDigest.isEqual(derive(parameters, rawPassword, expected.length), expected);
        }

        @Override
        public boolean needsUpgrade() {
            return needsUpgrade;
        }
    }
}

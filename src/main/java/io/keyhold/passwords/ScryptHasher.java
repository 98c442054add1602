package io.keyhold.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Django's {@code scrypt} format (Django 4.0+), {@code scrypt$<n>$<salt>$<r>$<p>$<base64 of the 64-byte
 * key>}. Verified only; a match always asks for an upgrade to Argon2id.
 */
final class ScryptHasher implements PasswordHasher {

    // scrypt needs 128 * r * (n + 2) bytes for its table plus 128 * r * p for its blocks. Django calls
    // hashlib.scrypt with maxmem=0, which leaves OpenSSL's limit of 32 MiB in place, so Django itself
    // cannot check a hash that needs more: the same limit lets us check every hash Django can, and keeps a
    // crafted hash from allocating gigabytes (n = 2^20 with r = 32 would need 4 GiB).
    static final long MAX_MEMORY_BYTES = 32L * 1024 * 1024;
    // The p passes run one after another, each as costly as the table allows. Django writes p=5 (p=1 before
    // 4.1); 16 keeps a crafted hash to about 16 checks at the memory limit.
    static final int MAX_PARALLELISM = 16;
    private static final int KEY_BYTES = 64;

    // Django compares the whole re-encoded hash, so leading zeros, zero (which Django would replace by its
    // default) or a non-canonical key never match. Digit runs are capped so that parsing cannot overflow;
    // the bounds are checked after. The salt is any text without '$', used as UTF-8.
    private static final Pattern FORMAT = Pattern.compile(
            "scrypt\\$([1-9][0-9]{0,8})\\$([^$]+)\\$([1-9][0-9]{0,3})\\$([1-9][0-9]{0,3})\\$([A-Za-z0-9+/]{86}==)");

    @Override
    public String algorithm() {
        return "scrypt";
    }

    @Override
    public Optional<StoredHash> decode(String encoded) {
        Matcher matcher = FORMAT.matcher(encoded);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(matcher.group(1));
        int r = Integer.parseInt(matcher.group(3));
        int p = Integer.parseInt(matcher.group(4));
        if (!isAcceptedCost(n, r, p)) {
            return Optional.empty();
        }
        byte[] salt = matcher.group(2).getBytes(StandardCharsets.UTF_8);
        byte[] expected = matcher.group(5).getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new ScryptHash(n, r, p, salt, expected));
    }

    // What OpenSSL accepts under Django's memory limit: n a power of two above 1, and below 2^(16r), which
    // for an int n only bites at r = 1 (BouncyCastle refuses that case too).
    private static boolean isAcceptedCost(int n, int r, int p) {
        boolean powerOfTwo = n > 1 && (n & (n - 1)) == 0;
        long memoryBytes = 128L * r * (n + 2L) + 128L * r * p;
        return powerOfTwo && (r > 1 || n < 1 << 16) && p <= MAX_PARALLELISM && memoryBytes <= MAX_MEMORY_BYTES;
    }

    private record ScryptHash(int n, int r, int p, byte[] salt, byte[] expectedBase64) implements StoredHash {

        @Override
        public boolean matches(String rawPassword) {
            byte[] key = SCrypt.generate(rawPassword.getBytes(StandardCharsets.UTF_8), salt, n, r, p, KEY_BYTES);
            return MessageDigest.isEqual(Base64.getEncoder().encode(key), expectedBase64);
        }

        @Override
        public boolean needsUpgrade() {
            return true;
        }
    }
}

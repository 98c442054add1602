package io.keyhold.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Django's PBKDF2 formats, {@code <algorithm>$<iterations>$<salt>$<base64 of the key>}, where the key is
 * as long as the digest's output: {@code pbkdf2_sha256} (Django's default hasher, so most imported
 * accounts carry one) and the older {@code pbkdf2_sha1}. Verified only; a match always asks for an
 * upgrade to Argon2id.
 */
final class Pbkdf2Hasher implements PasswordHasher {

    // One check costs as many HMACs as the hash says, so a crafted hash could otherwise stall a login
    // for minutes. Django 5.2 writes 1,000,000 (under 2 s here); ten times that is still not minutes.
    static final int MAX_ITERATIONS = 10_000_000;

    private final String algorithm;
    private final Supplier<Digest> digest;
    private final int keyBytes;
    private final Pattern format;

    private Pbkdf2Hasher(String algorithm, Supplier<Digest> digest) {
        this.algorithm = algorithm;
        this.digest = digest;
        this.keyBytes = digest.get().getDigestSize();
        // Django compares the whole re-encoded hash, so "0100" iterations or a non-canonical key never
        // match; the pattern rejects such shapes up front, down to the padded length of the key. The salt
        // is any text without '$', used as UTF-8.
        int keyCharacters = (keyBytes * 4 + 2) / 3;
        String keyPadding = "=".repeat((3 - keyBytes % 3) % 3);
        this.format = Pattern.compile(Pattern.quote(algorithm) + "\\$([1-9][0-9]{0,7})\\$([^$]+)\\$([A-Za-z0-9+/]{"
                + keyCharacters + "}" + keyPadding + ")");
    }

    static Pbkdf2Hasher sha256() {
        return new Pbkdf2Hasher("pbkdf2_sha256", SHA256Digest::new);
    }

    static Pbkdf2Hasher sha1() {
        return new Pbkdf2Hasher("pbkdf2_sha1", SHA1Digest::new);
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public Optional<StoredHash> decode(String encoded) {
        Matcher matcher = format.matcher(encoded);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int iterations = Integer.parseInt(matcher.group(1));
        if (iterations > MAX_ITERATIONS) {
            return Optional.empty();
        }
        byte[] salt = matcher.group(2).getBytes(StandardCharsets.UTF_8);
        byte[] expected = matcher.group(3).getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new Pbkdf2Hash(digest, keyBytes, iterations, salt, expected));
    }

    private record Pbkdf2Hash(Supplier<Digest> digest, int keyBytes, int iterations, byte[] salt, byte[] expectedBase64)
            implements StoredHash {

        @Override
        public boolean matches(String rawPassword) {
            // BouncyCastle rather than the JDK's PBEKeySpec, which takes the password as chars and does
            // not promise UTF-8 for the non-ASCII ones.
            PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest.get());
            generator.init(rawPassword.getBytes(StandardCharsets.UTF_8), salt, iterations);
            byte[] key = ((KeyParameter) generator.generateDerivedMacParameters(keyBytes * 8)).getKey();
            byte[] actualBase64 = Base64.getEncoder().encode(key);
            return MessageDigest.isEqual(actualBase64, expectedBase64);
        }

        @Override
        public boolean needsUpgrade() {
            return true;
        }
    }
}

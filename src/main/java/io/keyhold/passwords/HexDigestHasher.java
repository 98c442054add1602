package io.keyhold.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-digest formats of old Django, each the lower-case hex of one MD5 or SHA-1 over the salt
 * followed by the password: {@code sha1$<salt>$<hex>} and {@code md5$<salt>$<hex>}, and the unsalted
 * {@code sha1$$<hex>} ({@code unsalted_sha1}), and {@code md5$$<hex>} or bare {@code <hex>} ({@code
 * unsalted_md5}). Verified only; a match always asks for an upgrade to Argon2id.
 */
final class HexDigestHasher implements PasswordHasher {

    private final String algorithm;
    private final String digestAlgorithm;
    // Group 1 is the salt (empty in the unsalted formats), group 2 the hex.
    private final Pattern format;

    private HexDigestHasher(String algorithm, String digestAlgorithm, String formatBeforeHex) {
        this.algorithm = algorithm;
        this.digestAlgorithm = digestAlgorithm;
        // Django compares the hex it computes, always lower-case, with the stored text as it is, so
        // stored hex in upper case never matches there; rejecting it here gives the same answer.
        int hexLength = 2 * newDigest(digestAlgorithm).getDigestLength();
        this.format = Pattern.compile(formatBeforeHex + "([0-9a-f]{" + hexLength + "})");
    }

    // The salt is any text without '$' and may not be empty: Django refuses to hash with an empty one.
    static HexDigestHasher sha1() {
        return new HexDigestHasher("sha1", "SHA-1", "sha1\\$([^$]+)\\$");
    }

    static HexDigestHasher md5() {
        return new HexDigestHasher("md5", "MD5", "md5\\$([^$]+)\\$");
    }

    static HexDigestHasher unsaltedSha1() {
        return new HexDigestHasher("unsalted_sha1", "SHA-1", "sha1\\$\\$()");
    }

    // Ancient Django stored the bare hex; later ones also accept it behind an empty salt.
    static HexDigestHasher unsaltedMd5() {
        return new HexDigestHasher("unsalted_md5", "MD5", "(?:md5\\$\\$)?()");
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
        byte[] salt = matcher.group(1).getBytes(StandardCharsets.UTF_8);
        byte[] expectedHex = matcher.group(2).getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new HexDigestHash(digestAlgorithm, salt, expectedHex));
    }

    private static MessageDigest newDigest(String digestAlgorithm) {
        try {
            return MessageDigest.getInstance(digestAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides " + digestAlgorithm, e);
        }
    }

    private record HexDigestHash(String digestAlgorithm, byte[] salt, byte[] expectedHex) implements StoredHash {

        @Override
        public boolean matches(String rawPassword) {
            // (salt + password).encode() in Python: the UTF-8 of the two is the two UTF-8s in a row.
            MessageDigest digest = newDigest(digestAlgorithm);
            digest.update(salt);
            byte[] actual = digest.digest(rawPassword.getBytes(StandardCharsets.UTF_8));
            byte[] actualHex = HexFormat.of().formatHex(actual).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(actualHex, expectedHex);
        }

        @Override
        public boolean needsUpgrade() {
            return true;
        }
    }
}

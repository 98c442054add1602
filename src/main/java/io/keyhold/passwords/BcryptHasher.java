package io.keyhold.passwords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Django's bcrypt formats, {@code <algorithm>$<bcrypt string>} such as {@code bcrypt$$2b$12$<salt and
 * hash>}: {@code bcrypt_sha256}, which bcrypts the lower-case hex of SHA-256 of the password so that long
 * passwords are not cut short, and plain {@code bcrypt} of the password's UTF-8 bytes. Verified only; a
 * match always asks for an upgrade to Argon2id.
 */
final class BcryptHasher implements PasswordHasher {

    // A check costs 2^cost Blowfish key setups, and bcrypt allows up to 31: one crafted hash could
    // otherwise hold a hashing slot for hours. Django writes 12 (about 0.25 s here); 16 is 16 times that.
    static final int MAX_COST = 16;
    // bcrypt itself refuses anything cheaper.
    private static final int MIN_COST = 4;
    // bcrypt keys Blowfish with at most 72 bytes and ignores the rest, which Django's plain bcrypt
    // inherits. Cut here rather than rely on how the library treats longer input.
    private static final int MAX_PASSWORD_BYTES = 72;

    private final String algorithm;
    private final UnaryOperator<byte[]> prehash;
    private final Pattern format;

    private BcryptHasher(String algorithm, UnaryOperator<byte[]> prehash) {
        this.algorithm = algorithm;
        this.prehash = prehash;
        // Django hands everything after "<algorithm>$" to bcrypt and compares the whole result, so only
        // the three revisions Python's bcrypt reads ($2a$, $2b$, $2y$), two cost digits, and 22 salt plus
        // 31 hash characters of bcrypt's base64 can ever match.
        this.format = Pattern.compile(Pattern.quote(algorithm) + "\\$(\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53})");
    }

    static BcryptHasher bcryptSha256() {
        return new BcryptHasher("bcrypt_sha256", BcryptHasher::sha256Hex);
    }

    static BcryptHasher bcrypt() {
        return new BcryptHasher("bcrypt", UnaryOperator.identity());
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
        int cost = Integer.parseInt(matcher.group(2));
        if (cost < MIN_COST || cost > MAX_COST) {
            return Optional.empty();
        }
        return Optional.of(new BcryptHash(prehash, matcher.group(1)));
    }

    // binascii.hexlify(hashlib.sha256(password).digest()): 64 ASCII bytes, well under bcrypt's 72.
    private static byte[] sha256Hex(byte[] password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password);
            return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    private record BcryptHash(UnaryOperator<byte[]> prehash, String bcrypt) implements StoredHash {

        @Override
        public boolean matches(String rawPassword) {
            byte[] password = prehash.apply(rawPassword.getBytes(StandardCharsets.UTF_8));
            byte[] key = Arrays.copyOf(password, Math.min(password.length, MAX_PASSWORD_BYTES));
            // checkpw re-hashes with the stored salt and compares the two strings without an early return.
            // decode has already checked everything BCrypt would throw IllegalArgumentException for.
            return BCrypt.checkpw(key, bcrypt);
        }

        @Override
        public boolean needsUpgrade() {
            return true;
        }
    }
}

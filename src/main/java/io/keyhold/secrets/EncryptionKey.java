package io.keyhold.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key that seals secrets at rest ({@code keyhold.mfa.encryption-key}): AES-256-GCM with a
 * fresh nonce per secret, and HMAC keys derived from it for uses that need a keyed digest. Without
 * a configured key, one is made once and kept in {@code keyhold.mfa.key-file}, which suits a
 * single embedded node only.
 */
@Component
public class EncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(EncryptionKey.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final SecretKeySpec encryption;

    public EncryptionKey(EncryptionKeyProperties properties) {
        this.key =
                properties.encryptionKey() == null || properties.encryptionKey().isBlank()
                        ? keyFromFile(properties.keyFile())
                        : decodeKey(properties.encryptionKey());
        this.encryption = new SecretKeySpec(key, "AES");
    }

    private static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException unreadable) {
            key = new byte[0];
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "keyhold.mfa.encryption-key must be 32 bytes in base64, for example the output of "
                            + "`openssl rand -base64 32`");
        }
        return key;
    }

    private static byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                RANDOM.nextBytes(key);
                create(file, Base64.getEncoder().encodeToString(key));
            }
            log.warn(
                    "keyhold.mfa.encryption-key is not set: second factors and webhook secrets are encrypted under "
                            + "a key kept in {}. Every node needs the same key; set keyhold.mfa.encryption-key when "
                            + "running more than one.",
                    file.toAbsolutePath());
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, unreadable);
        }
    }

    /** Written readable by its owner only; a second node starting at the same time keeps the first key. */
    private static void create(Path file, String key) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path draft = Files.createTempFile(parent, "mfa-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies.
            }
            Files.writeString(draft, key, StandardOpenOption.WRITE);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first; use theirs.
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** The nonce and the sealed bytes, in base64: what a table keeps. */
    public String encrypt(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("Every Java runtime has AES-GCM", impossible);
        }
    }

    /**
     * The plain bytes of what {@link #encrypt} made.
     *
     * @throws WrongEncryptionKey when it was made under another key, or altered
     */
    public byte[] decrypt(String stored) {
        byte[] all = Base64.getDecoder().decode(stored);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException wrongKey) {
            throw new WrongEncryptionKey();
        }
    }

    /**
     * An HMAC-SHA-256 key of its own for one {@code purpose}, derived from this key, so that a
     * keyed digest for one use never equals one for another.
     */
    public SecretKeySpec derivedMacKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", impossible);
        }
    }
}

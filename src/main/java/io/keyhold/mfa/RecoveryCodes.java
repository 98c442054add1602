package io.keyhold.mfa;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Recovery codes: ten codes of ten characters from an alphabet without look-alikes (no 0/o, 1/l/i),
 * shown once, stored as keyed hashes, each usable once. Typed back with any case, spaces or dashes.
 */
@Component
class RecoveryCodes {

    static final int COUNT = 10;
    static final int LENGTH = 10;
    private static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecoveryCodeRepository codes;
    private final SecretCipher cipher;

    RecoveryCodes(RecoveryCodeRepository codes, SecretCipher cipher) {
        this.codes = codes;
        this.cipher = cipher;
    }

    /** A new set for the user; the old set stops working. Call inside the change's transaction. */
    List<String> replace(long userId) {
        List<String> fresh = IntStream.range(0, COUNT).mapToObj(i -> newCode()).toList();
        codes.replace(userId, fresh.stream().map(cipher::digestOf).toList());
        return fresh;
    }

    private static String newCode() {
        var code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Uses up one of the user's codes; false when it is not one, or was used already. */
    boolean use(long userId, String typed) {
        String code = typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return false;
        }
        return codes.use(userId, cipher.digestOf(code));
    }

    int left(long userId) {
        return codes.countLeft(userId);
    }

    void deleteAll(long userId) {
        codes.deleteAll(userId);
    }
}

package io.keyhold.mfa;

import java.time.Duration;
import java.time.Instant;

/**
 * What an authenticator app shows, for tests outside this package (the console's), which cannot see
 * {@link Totp} or {@link Base32}: the code of a base32 secret at an instant.
 */
public final class TotpCodes {

    /** How long a code lasts; a code used once works no more, so tests move on by a step. */
    public static final Duration STEP = Duration.ofSeconds(Totp.STEP_SECONDS);

    private TotpCodes() {}

    public static String at(String base32Secret, Instant instant) {
        return Totp.code(Base32.decode(base32Secret), Totp.stepAt(instant));
    }
}

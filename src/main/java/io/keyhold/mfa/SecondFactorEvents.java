package io.keyhold.mfa;

import java.util.List;
import java.util.Locale;

/**
 * Changes to a user's second factors, published inside the transaction that makes them, so that
 * other features (webhooks) can report them without {@code mfa} knowing of those features. A new
 * set of recovery codes is no change of factors: the ways a login may be completed stay the same.
 */
public final class SecondFactorEvents {

    private SecondFactorEvents() {}

    /**
     * The user's factors changed; {@code methods} are those a login may use from now on, named as
     * SPEC §13's {@code methods} (empty: the password alone logs in).
     */
    public record Changed(long userId, Change change, List<String> methods) {}

    /** What changed. */
    public enum Change {
        TOTP_ENABLED,
        TOTP_DISABLED,
        PASSKEY_ADDED,
        PASSKEY_REMOVED,
        /** Staff removed every factor of a user who lost them. */
        ALL_REMOVED;

        /** As applications read it: {@code totp_enabled}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

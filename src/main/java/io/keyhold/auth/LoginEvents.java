package io.keyhold.auth;

import java.time.Instant;

/**
 * Facts of logging in that other features report (webhooks), published inside the transaction
 * that records them, so that {@code auth} knows nothing of those features.
 */
public final class LoginEvents {

    private LoginEvents() {}

    /**
     * Repeated failures locked an existing account's address until {@code lockedUntil}. An address
     * with no account is locked as well, so that answers reveal nothing, but that is no event.
     */
    public record Locked(long userId, Instant lockedUntil) {}
}

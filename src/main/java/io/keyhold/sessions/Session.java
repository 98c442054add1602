package io.keyhold.sessions;

import java.time.Duration;
import java.time.Instant;

/** A login session as stored; {@code absoluteExpiry} is fixed at creation. */
public record Session(
        long id,
        long userId,
        Instant createdAt,
        Instant lastUsedAt,
        Instant absoluteExpiry,
        String ip,
        String userAgent,
        SessionChannel channel) {

    /** When the session ends if it is not used again: the idle limit or the absolute one, whichever first. */
    public Instant expiresAt(Duration idleTimeout) {
        Instant idleExpiry = lastUsedAt.plus(idleTimeout);
        return idleExpiry.isBefore(absoluteExpiry) ? idleExpiry : absoluteExpiry;
    }

    /** The same session as it stands after a use at {@code now}. */
    Session usedAt(Instant now) {
        return new Session(id, userId, createdAt, now, absoluteExpiry, ip, userAgent, channel);
    }

    public boolean isLive(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt(idleTimeout));
    }
}

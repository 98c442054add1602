package io.keyhold.mail;

import java.time.Duration;
import java.time.Instant;

/** A mailed link's token as stored: what it is for, whose, and for which address. */
record AccountToken(long id, long userId, Purpose purpose, String email, Instant createdAt, Instant expiresAt) {

    enum Purpose {
        RESET(Duration.ofHours(1)),
        VERIFY(Duration.ofHours(48));

        final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }
}

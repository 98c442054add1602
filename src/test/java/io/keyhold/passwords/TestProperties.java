package io.keyhold.passwords;

import java.time.Duration;

/** Properties for tests: the real defaults, or the cheapest Argon2 where the cost does not matter. */
final class TestProperties {

    private TestProperties() {}

    static PasswordProperties cheap() {
        return new PasswordProperties(new PasswordProperties.Argon2(8, 1, 1), 2, Duration.ofSeconds(30));
    }

    static PasswordProperties defaults() {
        return new PasswordProperties(new PasswordProperties.Argon2(19456, 2, 1), null, Duration.ofSeconds(2));
    }
}

package io.keyhold.sessions;

import java.util.Locale;

/** What a session was opened for; a session's token or cookie works on its own channel only. */
public enum SessionChannel {
    /** A bearer token of the JSON API. */
    API,
    /** A cookie of the admin console. */
    CONSOLE;

    /** The value stored in {@code sessions.channel}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SessionChannel of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

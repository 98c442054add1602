package io.keyhold.sessions;

/** What a session was opened for; a session's token or cookie works on its own channel only. */
public enum SessionChannel {
    /** A bearer token of the JSON API. */
    API("api"),
    /** A cookie of the admin console. */
    CONSOLE("console");

    private static final SessionChannel[] ALL = values();

    private final String code;

    SessionChannel(String code) {
        this.code = code;
    }

    /** The value stored in {@code sessions.channel}, and the name applications see. */
    public String code() {
        return code;
    }

    /** Read on every authenticated request, so a comparison rather than a case conversion. */
    static SessionChannel of(String code) {
        for (SessionChannel channel : ALL) {
            if (channel.code.equals(code)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("Unknown session channel: " + code);
    }
}

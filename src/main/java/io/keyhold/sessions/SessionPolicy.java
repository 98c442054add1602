package io.keyhold.sessions;

/** What a login does when the user already has live sessions ({@code keyhold.sessions.policy}). */
public enum SessionPolicy {
    /** The seed's rule: a second login ends the live session and is refused with 409; the next succeeds. */
    SINGLE,
    /** A new login ends the user's other sessions and succeeds. */
    REPLACE,
    /** Each login adds a session, up to {@code max-per-user}; the oldest ends first. */
    MULTIPLE
}

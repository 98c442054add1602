package io.keyhold.users;

/**
 * Facts about users that other features react to inside the same transaction (sessions end,
 * audit records, webhook deliveries are queued). Publishing them keeps {@code users} free of any
 * dependency on those features.
 */
public final class UserEvents {

    private UserEvents() {}

    /**
     * The password was set. {@code keptSessionId} is the session of a user who changed their own
     * password, which stays alive; null when staff, a reset or a command set it.
     */
    public record PasswordChanged(long userId, Long keptSessionId) {}

    /** The account was deactivated; nothing of it may stay logged in. */
    public record Deactivated(long userId) {}

    /** A new account (signup, or a command): its address is not verified yet. */
    public record Created(long userId, String email) {}

    /** A profile was edited; {@code fields} names what changed, never its values. */
    public record Updated(long userId, java.util.List<String> fields) {}

    /** The account is gone; {@code lastState} is the account as it was just before, for those who describe it. */
    public record Deleted(long userId, User lastState) {}

    /** The account's current address was confirmed (a verification link, or a reset link that proved the mailbox). */
    public record EmailVerified(long userId) {}

    /** The address of an account changed; the new one is not verified yet. */
    public record EmailChanged(long userId, String oldEmail, String newEmail) {}
}

package io.keyhold.sessions;

import java.util.Locale;

/**
 * Sessions opening and ending, published inside the transaction that opens or ends them, so that
 * other features (webhooks) can report them without {@code sessions} knowing of those features.
 * A session that merely expires is no event: nothing happens at that moment, and the pruning that
 * later removes its row says nothing new.
 */
public final class SessionEvents {

    private SessionEvents() {}

    /** A login opened a session. */
    public record Started(long sessionId, long userId, SessionChannel channel) {}

    /** A live session was ended, one event per session. */
    public record Ended(long sessionId, long userId, SessionChannel channel, EndReason reason) {}

    /** Why a session ended. */
    public enum EndReason {
        /** Its owner logged out with it. */
        LOGOUT,
        /** Its owner ended it from their list of sessions. */
        REVOKED,
        /** All the user's sessions were ended at once ({@code logout/{id}}, the console's "End all sessions"). */
        ENDED_ALL,
        /** A login ended it under the session policy (single, replace, or the oldest beyond multiple's maximum). */
        SESSION_POLICY,
        /** The password was changed or reset. */
        PASSWORD_CHANGED,
        /** The account was deactivated. */
        DEACTIVATED,
        /** The user's second factors changed, or staff removed them. */
        SECOND_FACTORS_CHANGED;

        /** As applications read it: {@code password_changed}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

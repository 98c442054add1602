package io.keyhold.auth;

import io.keyhold.network.ClientInfo;
import io.keyhold.users.User;
import java.util.Optional;

/**
 * Where a login leads once the password matched and the account may log in: a bearer-token
 * session of the API, or a cookie session of the admin console.
 *
 * @param <S> what the new session hands back to the caller
 */
@FunctionalInterface
public interface LoginChannel<S> {

    /**
     * Opens the session, inside the transaction that holds the user's row lock. Empty when the
     * session policy refuses the login.
     */
    Optional<S> open(User current, ClientInfo client);

    /**
     * Refuses an account this channel does not admit; it is recorded as a failed login and counted as
     * {@code not_admitted}. Every account may use the API.
     */
    default void admit(User user) throws NotAdmitted {}

    /** The detail of the {@code login_succeeded} event; the API's logins have none. */
    default String auditDetail() {
        return null;
    }
}

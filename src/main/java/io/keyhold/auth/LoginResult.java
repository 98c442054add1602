package io.keyhold.auth;

import io.keyhold.users.User;
import java.util.function.Function;
import org.jspecify.annotations.NullMarked;

/**
 * What a login with the right credentials leads to. Sealed, so that a further step (a second
 * factor, SPEC §13) is one more case that every caller must answer, not one more {@code if}.
 * Keyhold compiles for Java 17, which cannot switch over a sealed type; {@link #fold} takes one
 * function per case instead, and a new case adds a parameter that no caller can leave out.
 *
 * @param <S> what the session the login opens hands back (see {@link LoginChannel})
 */
@NullMarked
public sealed interface LoginResult<S> {

    /** Applies the function for this result's case. */
    <R> R fold(Function<? super LoggedIn<S>, ? extends R> loggedIn);

    /** A successful login: the new session and the user as they are after it. */
    record LoggedIn<S>(S session, User user) implements LoginResult<S> {

        @Override
        public <R> R fold(Function<? super LoggedIn<S>, ? extends R> loggedIn) {
            return loggedIn.apply(this);
        }
    }
}

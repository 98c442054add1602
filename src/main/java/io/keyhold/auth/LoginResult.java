package io.keyhold.auth;

import io.keyhold.users.User;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.NullMarked;

/**
 * What a login with the right credentials leads to: a session, or a wait for the second factor
 * (SPEC §13). Sealed, so a further step is one more case that every caller must answer, not one
 * more {@code if}. Keyhold compiles for Java 17, which cannot switch over a sealed type; {@link
 * #fold} takes one function per case instead, and a new case adds a parameter no caller can leave out.
 *
 * @param <S> what the session the login opens hands back (see {@link LoginChannel})
 */
@NullMarked
public sealed interface LoginResult<S> {

    /** Applies the function for this result's case. */
    <R> R fold(
            Function<? super LoggedIn<S>, ? extends R> loggedIn,
            Function<? super SecondFactorRequired<S>, ? extends R> secondFactorRequired);

    /** A successful login: the new session and the user as they are after it. */
    record LoggedIn<S>(S session, User user) implements LoginResult<S> {

        @Override
        public <R> R fold(
                Function<? super LoggedIn<S>, ? extends R> loggedIn,
                Function<? super SecondFactorRequired<S>, ? extends R> secondFactorRequired) {
            return loggedIn.apply(this);
        }
    }

    /**
     * The password was right and the user has a second factor: the login goes on with {@code
     * mfaToken} (shown once) and one of {@code methods}.
     */
    record SecondFactorRequired<S>(String mfaToken, List<String> methods) implements LoginResult<S> {

        @Override
        public <R> R fold(
                Function<? super LoggedIn<S>, ? extends R> loggedIn,
                Function<? super SecondFactorRequired<S>, ? extends R> secondFactorRequired) {
            return secondFactorRequired.apply(this);
        }

        @Override
        public String toString() {
            return "SecondFactorRequired[mfaToken hidden, methods=" + methods + "]";
        }
    }
}

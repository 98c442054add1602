package io.keyhold.mail;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A request for a password-reset link, from the API or from a staff member in the console. The
 * address need not be valid: whatever was asked for is answered alike (see {@link
 * PasswordResetService#request}). It is null only when {@code fieldErrors} says why.
 *
 * <p>The problems found while reading the body travel with it rather than being thrown at once:
 * the client's rate limit comes first, so a request that cannot even be read is an attempt too.
 */
@NullMarked
public record ResetRequest(@Nullable String email, Map<String, List<String>> fieldErrors) {

    /** A request for an address the server already holds, as the console makes it. */
    public ResetRequest(String email) {
        this(email, Map.of());
    }
}

package io.keyhold.mail;

import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(name = "PasswordResetRequest", description = "The address to send a reset link to.")
public record ResetRequest(
        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Any text is answered alike; only the address of an active account gets a link.",
                example = "ada@example.com")
        @Nullable
        String email,

        @Schema(hidden = true) Map<String, List<String>> fieldErrors) {

    /** A request for an address the server already holds, as the console makes it. */
    public ResetRequest(String email) {
        this(email, Map.of());
    }
}

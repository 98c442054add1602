package io.keyhold.users;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A user's change of their own password. Either password is null only when {@code fieldErrors}
 * says why; the errors travel with it so that one answer also lists the policy's objections to
 * the new password.
 */
@NullMarked
public record PasswordChange(
        @Nullable String currentPassword, @Nullable String newPassword, Map<String, List<String>> fieldErrors) {}

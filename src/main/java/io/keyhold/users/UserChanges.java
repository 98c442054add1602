package io.keyhold.users;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * What a PUT or PATCH asks to change about a user; a null field was left out and stays as it is.
 * {@code currentPassword} is not a change but the proof a user gives when changing their own
 * password or address.
 *
 * <p>{@code fieldErrors} are the problems found while reading the body. They travel with it
 * rather than being thrown at once, so that a caller who may not make the change at all hears
 * that first, and one answer lists them together with the service's own (password policy).
 */
@NullMarked
public record UserChanges(
        @Nullable EmailAddress email,
        @Nullable String name,
        Change<String> phone,
        Change<String> gender,
        @Nullable String password,
        @Nullable String currentPassword,
        @Nullable Boolean active,
        @Nullable Boolean staff,
        @Nullable Boolean superuser,
        Map<String, List<String>> fieldErrors) {

    /** Activation or deactivation alone, as the console's buttons ask for it. */
    public static UserChanges onlyActive(boolean active) {
        return new UserChanges(null, null, Change.keep(), Change.keep(), null, null, active, null, null, Map.of());
    }
}

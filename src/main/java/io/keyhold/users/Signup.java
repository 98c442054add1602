package io.keyhold.users;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A signup as sent. Email and password are null only when {@code fieldErrors} says why; a flag
 * left out takes its default. The field errors travel with the signup for the reason given on
 * {@link UserChanges}.
 */
@NullMarked
public record Signup(
        @Nullable EmailAddress email,
        @Nullable String password,
        @Nullable String name,
        @Nullable String phone,
        @Nullable String gender,
        @Nullable Boolean active,
        @Nullable Boolean staff,
        @Nullable Boolean superuser,
        Map<String, List<String>> fieldErrors) {}

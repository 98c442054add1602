package io.keyhold.users;

import java.time.Instant;

/**
 * A Keyhold account as stored. {@code passwordHash} is in Django's encoded format; it never
 * leaves the service (see {@link UserJson}) and is kept out of {@link #toString()} so it cannot
 * reach a log line.
 */
public record User(
        long id,
        String email,
        String name,
        String phone,
        String gender,
        String passwordHash,
        boolean active,
        boolean staff,
        boolean superuser,
        boolean emailVerified,
        Instant lastLogin,
        Instant createdAt,
        Instant updatedAt) {

    public static final String DEFAULT_NAME = "Anonymous";

    /** The same user with the verification flag set as given. */
    public User withEmailVerified(boolean verified) {
        return new User(
                id,
                email,
                name,
                phone,
                gender,
                passwordHash,
                active,
                staff,
                superuser,
                verified,
                lastLogin,
                createdAt,
                updatedAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", staff=" + staff + ", superuser=" + superuser + ", active=" + active + "]";
    }
}

package io.keyhold.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.time.Timestamps;

/** The user as the API shows it: never the password, its hash, or any token. */
@JsonPropertyOrder({
    "id",
    "email",
    "name",
    "phone",
    "gender",
    "is_active",
    "is_staff",
    "is_superuser",
    "email_verified",
    "last_login",
    "created_at",
    "updated_at"
})
public record UserJson(
        long id,
        String email,
        String name,
        String phone,
        String gender,
        @JsonProperty("is_active") boolean active,
        @JsonProperty("is_staff") boolean staff,
        @JsonProperty("is_superuser") boolean superuser,
        @JsonProperty("email_verified") boolean emailVerified,
        @JsonProperty("last_login") String lastLogin,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {

    public static UserJson of(User user) {
        return new UserJson(
                user.id(),
                user.email(),
                user.name(),
                user.phone(),
                user.gender(),
                user.active(),
                user.staff(),
                user.superuser(),
                user.emailVerified(),
                Timestamps.format(user.lastLogin()),
                Timestamps.format(user.createdAt()),
                Timestamps.format(user.updatedAt()));
    }
}

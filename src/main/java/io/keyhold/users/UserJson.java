package io.keyhold.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.time.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;

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
@Schema(description = "A user as the API shows it: never the password, its hash or any token.")
public record UserJson(
        @Schema(description = "Server-assigned and immutable.", example = "42")
        long id,

        @Schema(
                description = "Unique case-insensitively; the domain part is stored lower-cased.",
                example = "ada@example.com")
        String email,

        @Schema(description = "Display name; `Anonymous` unless set.", example = "Ada Lovelace")
        String name,

        @Schema(description = "Phone number, or null.", nullable = true, example = "+1 555-0100")
        String phone,

        @Schema(description = "Free text, or null.", nullable = true)
        String gender,

        @Schema(description = "Inactive users cannot log in.") @JsonProperty("is_active")
        boolean active,

        @Schema(description = "Staff manage users and read the audit trail.") @JsonProperty("is_staff")
        boolean staff,

        @Schema(description = "Superusers also grant and remove staff and superuser rights.")
        @JsonProperty("is_superuser")
        boolean superuser,

        @Schema(description = "True once the address has been confirmed through a mailed link.")
        @JsonProperty("email_verified")
        boolean emailVerified,

        @Schema(
                description = "The last successful login, or null." + Timestamps.DOC,
                format = "date-time",
                nullable = true,
                example = Timestamps.EXAMPLE)
        @JsonProperty("last_login")
        String lastLogin,

        @Schema(
                description = "When the account was created." + Timestamps.DOC,
                format = "date-time",
                example = Timestamps.EXAMPLE)
        @JsonProperty("created_at")
        String createdAt,

        @Schema(
                description = "When the account last changed." + Timestamps.DOC,
                format = "date-time",
                example = Timestamps.EXAMPLE)
        @JsonProperty("updated_at")
        String updatedAt) {

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

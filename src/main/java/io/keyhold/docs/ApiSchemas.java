package io.keyhold.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keyhold.audit.AuditEvent;
import io.keyhold.paging.Page;
import io.keyhold.problems.Problem;
import io.keyhold.text.PlainText;
import io.keyhold.users.UserJson;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schemas springdoc cannot infer or describe: request bodies (read by {@code RequestFields},
 * so untyped in the controllers), the meaning of each response field, and the examples. Examples
 * are built from the API's own records where they are public, so they serialise exactly as
 * responses do.
 */
final class ApiSchemas {

    private static final Logger log = LoggerFactory.getLogger(ApiSchemas.class);

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";
    static final String PROBLEM_JSON = "application/problem+json";

    static final String BEARER = "bearer";
    static final String DRF_TOKEN = "token";
    static final String PROBLEM = "Problem";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String RETRY_AFTER = "Retry-After";
    static final String LOCATION = "Location";

    static final String SIGNUP = "SignupRequest";
    static final String USER_REPLACE = "UserReplaceRequest";
    static final String USER_PATCH = "UserPatchRequest";
    static final String LOGIN = "LoginRequest";
    static final String PASSWORD_CHANGE = "PasswordChangeRequest";
    static final String PASSWORD_RESET = "PasswordResetRequest";
    static final String PASSWORD_RESET_CONFIRM = "PasswordResetConfirmRequest";
    static final String EMAIL_VERIFICATION = "EmailVerificationRequest";

    private static final String EXAMPLE_PASSWORD = "analytical-engine-1843";
    private static final String EXAMPLE_LINK_TOKEN = "JAQ31dHYBJRfGVC_hIfF7fg6DwIiP_JZUmtkAtIXjD0";
    private static final String BASE_URL = "http://localhost:8000";

    private static final String HIDDEN_CHARACTERS_REFUSED = "Control and invisible characters (line breaks, "
            + "escapes, zero-width spaces, bidi overrides, soft hyphens) are refused with 400: `"
            + PlainText.HIDDEN_CHARACTERS
            + "`";

    static final UserJson USER = new UserJson(
            42,
            "ada@example.com",
            "Ada Lovelace",
            "+1 555-0100",
            null,
            true,
            false,
            false,
            true,
            "2026-11-24T10:00:00.123456Z",
            "2026-11-20T09:30:00.000000Z",
            "2026-11-24T10:00:00.123456Z");

    static final UserJson NEW_USER = new UserJson(
            43,
            "grace@example.com",
            "Grace Hopper",
            null,
            null,
            true,
            false,
            false,
            false,
            null,
            "2026-11-24T10:05:00.000000Z",
            "2026-11-24T10:05:00.000000Z");

    static final Page<UserJson> USER_PAGE =
            new Page<>(57, BASE_URL + "/api/users/?page=3", BASE_URL + "/api/users/", List.of(USER));

    static final Map<String, Object> LOGIN_RESPONSE = ordered(
            "token", "tYOpFnyKrYmimmFsoSvwBLdY086k5CwFJceXoiAgfvM",
            "expires_at", "2026-12-01T10:00:00.123456Z",
            "user", USER);

    static final List<Map<String, Object>> SESSIONS = List.of(
            session(7, "2026-11-24T10:00:00.123456Z", "203.0.113.9", "curl/8.5.0", true),
            session(5, "2026-11-22T18:41:12.000000Z", "198.51.100.20", "Mozilla/5.0 (X11; Linux x86_64)", false));

    static final Page<AuditEvent> AUDIT_PAGE = new Page<>(
            2,
            null,
            null,
            List.of(
                    new AuditEvent(
                            1002,
                            "2026-11-24T10:00:00.123456Z",
                            "login_succeeded",
                            42L,
                            42L,
                            "203.0.113.9",
                            "curl/8.5.0",
                            null),
                    new AuditEvent(
                            1001,
                            "2026-11-24T09:59:41.000000Z",
                            "login_failed",
                            42L,
                            null,
                            "203.0.113.9",
                            "curl/8.5.0",
                            "wrong password")));

    private ApiSchemas() {}

    static Map<String, Object> message(String text) {
        return Map.of("message", text);
    }

    /**
     * Adds the security scheme, shared headers, the problem-details schema and every request body.
     * Added by the customizer rather than with the {@code OpenAPI} bean: springdoc copies that bean
     * through JSON, and the copy loses schemas with {@code additionalProperties} (Problem's
     * {@code errors}).
     */
    static void addTo(Components components) {
        components
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The token from `POST /api/users/login/`, sent as "
                                        + "`Authorization: Bearer <token>`. A token that names no live session is "
                                        + "refused with 401 on every endpoint, even one that needs none."))
                .addSecuritySchemes(
                        DRF_TOKEN,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("Authorization")
                                .description("The same token in Django REST Framework's spelling: "
                                        + "`Authorization: Token <token>`."))
                .addHeaders(
                        WWW_AUTHENTICATE,
                        new Header()
                                .description("The challenge of every 401.")
                                .schema(new StringSchema().example("Bearer")))
                .addHeaders(
                        RETRY_AFTER,
                        new Header()
                                .description("Seconds to wait before trying again.")
                                .schema(new IntegerSchema().example(60)))
                .addHeaders(
                        LOCATION,
                        new Header()
                                .description("The path of the new user.")
                                .schema(new StringSchema().example("/api/users/43/")));
        ModelConverters.getInstance().read(Problem.class).forEach(components::addSchemas);
        requestSchemas().forEach(components::addSchemas);
    }

    /** The request bodies, in JSON or form encoding alike: unknown fields are ignored. */
    private static Map<String, Schema> requestSchemas() {
        var schemas = new LinkedHashMap<String, Schema>();
        schemas.put(
                SIGNUP,
                new ObjectSchema()
                        .description("A new account. `is_active` needs staff, `is_staff` and `is_superuser` a "
                                + "superuser; sending the value an account gets anyway is not a change.")
                        .addProperty("email", email())
                        .addProperty("password", newPassword())
                        .addProperty("name", name())
                        .addProperty("phone", phone())
                        .addProperty("gender", gender())
                        .addProperty("is_active", isActive())
                        .addProperty("is_staff", isStaff())
                        .addProperty("is_superuser", isSuperuser())
                        .required(List.of("email", "password")));
        schemas.put(
                USER_REPLACE,
                userUpdate("The whole editable profile (PUT): `email` is required, omitted optional fields are "
                                + "left as they are.")
                        .required(List.of("email")));
        schemas.put(
                USER_PATCH,
                userUpdate("Any subset of the editable profile (PATCH); fields not sent are left as they are."));
        schemas.put(
                LOGIN,
                new ObjectSchema()
                        .description("Credentials of an account.")
                        .addProperty("email", email())
                        .addProperty(
                                "password",
                                secret("The account's password; shorter than 8 characters is refused with 400.")
                                        .minLength(8))
                        .required(List.of("email", "password")));
        schemas.put(
                PASSWORD_CHANGE,
                new ObjectSchema()
                        .description("The caller's own password change.")
                        .addProperty("current_password", secret("The password in use now."))
                        .addProperty("new_password", newPassword())
                        .required(List.of("current_password", "new_password")));
        schemas.put(
                PASSWORD_RESET,
                new ObjectSchema()
                        .description("The address to send a reset link to.")
                        .addProperty(
                                "email",
                                new StringSchema()
                                        .description("Any text is answered alike; only the address of an active "
                                                + "account gets a link.")
                                        .example("ada@example.com"))
                        .required(List.of("email")));
        schemas.put(
                PASSWORD_RESET_CONFIRM,
                new ObjectSchema()
                        .description("The token from a reset link and the new password.")
                        .addProperty("token", linkToken("The `token` parameter of the reset link."))
                        .addProperty("new_password", newPassword())
                        .required(List.of("token", "new_password")));
        schemas.put(
                EMAIL_VERIFICATION,
                new ObjectSchema()
                        .description("The token from a verification link.")
                        .addProperty("token", linkToken("The `token` parameter of the verification link."))
                        .required(List.of("token")));
        return schemas;
    }

    private static Schema<?> userUpdate(String description) {
        return new ObjectSchema()
                .description(description)
                .addProperty("email", email())
                .addProperty("name", name())
                .addProperty("phone", phone())
                .addProperty("gender", gender())
                .addProperty(
                        "password",
                        newPassword()
                                .description("A new password (Django's validators apply). Changing one's own "
                                        + "password ends the user's other sessions; a password set by staff "
                                        + "ends all of them."))
                .addProperty("current_password", secret("Required when changing one's own password or email address."))
                .addProperty("is_active", isActive())
                .addProperty("is_staff", isStaff())
                .addProperty("is_superuser", isSuperuser());
    }

    private static Schema<?> email() {
        return new StringSchema()
                .format("email")
                .maxLength(254)
                .description("Unique case-insensitively, after IDNA (UTS #46) normalisation of the domain: "
                        + "`a@ＥＸＡＭＰＬＥ.com` and `a@example.com` are one address, as are `a@xn--bcher-kva.de` "
                        + "and `a@bücher.de`. The domain part is stored lower-cased, in its Unicode form. "
                        + HIDDEN_CHARACTERS_REFUSED)
                .example("ada@example.com");
    }

    private static Schema<?> newPassword() {
        return secret("8 to 4096 characters, not a common password, not too similar to the email or name, "
                        + "not entirely numeric.")
                .minLength(8)
                .maxLength(4096)
                .example(EXAMPLE_PASSWORD);
    }

    private static Schema<?> secret(String description) {
        return new StringSchema()
                .format("password")
                .writeOnly(true)
                .description(description)
                .example(EXAMPLE_PASSWORD);
    }

    private static Schema<?> linkToken(String description) {
        return new StringSchema().description(description).example(EXAMPLE_LINK_TOKEN);
    }

    private static Schema<?> name() {
        return new StringSchema()
                .maxLength(255)
                ._default("Anonymous")
                .description("Display name. " + HIDDEN_CHARACTERS_REFUSED)
                .example("Ada Lovelace");
    }

    private static Schema<?> phone() {
        return new StringSchema()
                .maxLength(15)
                .pattern("^(\\+?[0-9][0-9 -]*)?$")
                .nullable(true)
                .description("Digits with an optional leading `+`, spaces and dashes; null or empty clears it. "
                        + HIDDEN_CHARACTERS_REFUSED)
                .example("+1 555-0100");
    }

    private static Schema<?> gender() {
        return new StringSchema()
                .maxLength(10)
                .nullable(true)
                .description("Free text; null or empty clears it. " + HIDDEN_CHARACTERS_REFUSED)
                .example("female");
    }

    private static Schema<?> isActive() {
        return flag("Only staff may change it; inactive users cannot log in.");
    }

    private static Schema<?> isStaff() {
        return flag("Only a superuser may change it.");
    }

    private static Schema<?> isSuperuser() {
        return flag("Only a superuser may change it.");
    }

    /** A boolean as RequestFields reads one: JSON true or false, or one of DRF's spellings (all a form can send). */
    private static Schema<?> flag(String description) {
        return new ComposedSchema()
                .addAnyOfItem(new BooleanSchema())
                .addAnyOfItem(new StringSchema()
                        ._enum(List.of(
                                "true", "True", "TRUE", "t", "T", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON", "1",
                                "false", "False", "FALSE", "f", "F", "no", "No", "NO", "n", "N", "off", "Off", "OFF",
                                "0")))
                .addAnyOfItem(new IntegerSchema()._enum(List.of(0, 1)))
                .description(description + " `true` or `false`, or one of Django REST Framework's spellings.")
                .example(true);
    }

    /** Request examples, in the order Swagger UI offers them. */
    static Map<String, Object> signupExamples() {
        return ordered(
                "minimal", ordered("email", "grace@example.com", "password", EXAMPLE_PASSWORD),
                "full",
                        ordered(
                                "email",
                                "grace@example.com",
                                "password",
                                EXAMPLE_PASSWORD,
                                "name",
                                "Grace Hopper",
                                "phone",
                                "+1 555-0199",
                                "gender",
                                "female"));
    }

    static Map<String, Object> replaceExamples() {
        return ordered(
                "profile",
                onlyFrom(
                        "Ada's own profile (user 42). From any other caller this changes the address, which "
                                + "also needs that caller's `current_password`.",
                        ordered(
                                "email",
                                "ada@example.com",
                                "name",
                                "Ada Lovelace",
                                "phone",
                                "+1 555-0100",
                                "gender",
                                null)));
    }

    static Map<String, Object> patchExamples() {
        return ordered(
                "rename", ordered("name", "Ada King"),
                "new password",
                        onlyFrom(
                                "`current_password` must be the caller's own; this one is Ada's.",
                                ordered("password", "difference-engine-1822", "current_password", EXAMPLE_PASSWORD)),
                "deactivate (staff)", onlyFrom("Staff only: anyone else gets 403.", ordered("is_active", false)));
    }

    static Map<String, Object> loginExample() {
        return ordered("email", "ada@example.com", "password", EXAMPLE_PASSWORD);
    }

    static Example passwordChangeExample() {
        return onlyFrom(
                "`current_password` must be the caller's own; this one is Ada's.",
                ordered("current_password", EXAMPLE_PASSWORD, "new_password", "difference-engine-1822"));
    }

    static Map<String, Object> passwordResetExample() {
        return ordered("email", "ada@example.com");
    }

    static Example passwordResetConfirmExample() {
        return onlyFrom(
                "`token` stands for the one in a mailed reset link: this one is refused.",
                ordered("token", EXAMPLE_LINK_TOKEN, "new_password", "difference-engine-1822"));
    }

    static Example emailVerificationExample() {
        return onlyFrom(
                "`token` stands for the one in a mailed verification link: this one is refused.",
                ordered("token", EXAMPLE_LINK_TOKEN));
    }

    /** An example the server accepts only from a certain caller or with a mailed token, which its description names. */
    private static Example onlyFrom(String description, Object value) {
        return new Example().description(description).value(example(value));
    }

    /**
     * What each field of a response means. springdoc derives the schemas from the records, so the
     * names stay true to the code; this only adds descriptions, formats and nullability.
     */
    static void describeResponseSchemas(Map<String, Schema> schemas) {
        describe(schemas, "UserJson", "A user as the API shows it: never the password, its hash or any token.")
                .property("id", "Server-assigned and immutable.")
                .property("email", "Unique case-insensitively; the domain part is stored lower-cased.")
                .property("name", "Display name; `Anonymous` unless set.")
                .nullable("phone", "Phone number, or null.")
                .nullable("gender", "Free text, or null.")
                .property("is_active", "Inactive users cannot log in.")
                .property("is_staff", "Staff manage users and read the audit trail.")
                .property("is_superuser", "Superusers also grant and remove staff and superuser rights.")
                .property("email_verified", "True once the address has been confirmed through a mailed link.")
                .timestamp("last_login", "The last successful login, or null.", true)
                .timestamp("created_at", "When the account was created.", false)
                .timestamp("updated_at", "When the account last changed.", false);
        describe(schemas, "LoginResponse", "A new session: the only response that ever carries a token.")
                .property("token", "43 characters, base64url: send it as `Authorization: Bearer <token>`.")
                .timestamp("expires_at", "When the session ends unless used before (idle timeout).", false);
        describe(schemas, "SessionJson", "A live session of the caller; never its token.")
                .property("id", "Pass it to `DELETE /api/users/me/sessions/{sessionId}/` to end the session.")
                .timestamp("created_at", "The login that opened it.", false)
                .timestamp("last_used_at", "Last use, recorded at most once a minute.", true)
                .timestamp("expires_at", "When it ends if not used again.", false)
                .nullable("ip", "Client address at login.")
                .nullable("user_agent", "User agent at login.")
                .property("current", "True for the session that made this request.");
        describe(schemas, "AuditEvent", "One audit event; never a password or token.")
                .property("id", "Increases with time.")
                .timestamp("at", "When it happened.", false)
                .property("type", "One of the event types of the `type` filter.")
                .nullable("user_id", "The user it concerns, or null when unknown (a login for no account).")
                .nullable("actor_id", "The user who acted, or null when anonymous.")
                .nullable("ip", "Client address.")
                .nullable("user_agent", "Client user agent.")
                .nullable("detail", "Names of changed fields, or a reason; never a value.");
        describe(schemas, "Message", "A confirmation for people; clients need not parse it.")
                .property("message", "What happened.");
        describe(
                        schemas,
                        PROBLEM,
                        "RFC 9457 problem details with the seed's `error` text and, for invalid input, "
                                + "`errors` by field. The same failure always gives the same bytes.")
                .property("type", "Always `about:blank`.")
                .property("title", "The HTTP reason phrase.")
                .property("status", "The HTTP status code.")
                .property("error", "What went wrong, in the seed API's words.")
                .property("errors", "Messages by field name, for invalid input; absent otherwise.");
        schemas.forEach((name, schema) -> {
            if (schema.getProperties() != null
                    && schema.getProperties().keySet().equals(Set.of("count", "next", "previous", "results"))) {
                new Described(name, schema)
                        .property("count", "How many items match, over all pages.")
                        .link("next", "The next page, or null on the last.")
                        .link("previous", "The previous page, or null on the first.")
                        .property("results", "This page, at most `page_size` items.");
                schema.description("One page of a list, as Django REST Framework paginates it.");
            }
        });
    }

    private static Described describe(Map<String, Schema> schemas, String name, String description) {
        Schema<?> schema = schemas.get(name);
        if (schema == null) {
            log.warn("OpenAPI: no schema {} to describe", name);
            return new Described(name, new ObjectSchema());
        }
        schema.description(description);
        return new Described(name, schema);
    }

    /** Adds to properties the schema already has; a missing one means the docs fell behind the code. */
    private record Described(String name, Schema<?> schema) {

        Described property(String property, String description) {
            Schema<?> found = find(property);
            if (found != null) {
                found.description(description);
            }
            return this;
        }

        Described nullable(String property, String description) {
            Schema<?> found = find(property);
            if (found != null) {
                found.description(description).nullable(true);
            }
            return this;
        }

        Described timestamp(String property, String description, boolean nullable) {
            Schema<?> found = find(property);
            if (found != null) {
                found.format("date-time")
                        .description(description + " ISO-8601 UTC with microseconds.")
                        .example("2026-11-24T10:00:00.123456Z");
                if (nullable) {
                    found.nullable(true);
                }
            }
            return this;
        }

        Described link(String property, String description) {
            Schema<?> found = find(property);
            if (found != null) {
                found.format("uri").description(description).nullable(true);
            }
            return this;
        }

        private Schema<?> find(String property) {
            Schema<?> found = schema.getProperties() == null
                    ? null
                    : schema.getProperties().get(property);
            if (found == null) {
                log.warn("OpenAPI: schema {} has no property {}", name, property);
            }
            return found;
        }
    }

    private static Map<String, Object> session(
            long id, String createdAt, String ip, String userAgent, boolean current) {
        return ordered(
                "id", id,
                "created_at", createdAt,
                "last_used_at", createdAt,
                "expires_at", "2026-12-01T10:00:00.123456Z",
                "ip", ip,
                "user_agent", userAgent,
                "current", current);
    }

    /**
     * An example as the API writes it. springdoc serialises the document with swagger-core's own
     * (Jackson 2) mapper, which leaves out null members; the API sends them ({@code "gender": null}),
     * so the example is written by Jackson 3 as the API does and handed over as a finished tree.
     */
    static Object example(Object value) {
        try {
            return Json.mapper().readTree(JsonMapper.shared().writeValueAsString(value));
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Jackson 2 cannot read what Jackson 3 wrote", unreadable);
        }
    }

    /** A map that keeps the order its entries are written in, and allows null values. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

package io.keyhold.docs;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.DELETE;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.GET;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.PATCH;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.PUT;
import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.CONFLICT;
import static org.springframework.http.HttpStatus.CONTENT_TOO_LARGE;
import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.NOT_ACCEPTABLE;
import static org.springframework.http.HttpStatus.NOT_FOUND;
import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;
import static org.springframework.http.HttpStatus.TOO_MANY_REQUESTS;
import static org.springframework.http.HttpStatus.UNAUTHORIZED;
import static org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE;

import io.keyhold.audit.AuditType;
import io.keyhold.problems.NotAuthenticated;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.PermissionDenied;
import io.keyhold.problems.Problem;
import io.keyhold.users.UserPermissions;
import io.keyhold.users.UserService;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Every API operation as a client needs to know it: who may call it, what it takes, what it
 * answers and how it fails. springdoc finds the operations in the controllers; this table adds
 * the rest and writes each path with its trailing slash, as the seed API spells its URLs (both
 * spellings work). An operation missing from the table is still listed, with a warning.
 */
final class ApiOperations {

    private static final Logger log = LoggerFactory.getLogger(ApiOperations.class);

    static final String USERS = "Users";
    static final String LOGIN = "Login and sessions";
    static final String PASSWORDS = "Passwords and email";
    static final String AUDIT = "Audit";

    private static final String RATE_LIMITED = "Too many requests; try again later.";
    private static final String EMAIL_TAKEN = "A user with this email already exists.";
    private static final String CHANGED_MEANWHILE = "The account changed while this request ran; try again.";
    private static final String LAST_SUPERUSER_DEMOTED = "Cannot deactivate or demote the last active superuser.";
    private static final String LAST_SUPERUSER_DELETED = "Cannot delete the last active superuser.";
    private static final String INVALID_LINK = "This link is invalid or has expired.";
    private static final String INVALID_PAGE = "Invalid page.";
    private static final String LOGGED_OUT = "User logged out successfully";

    private static final Problem INVALID_EMAIL =
            invalid("Invalid email format", "email", "Enter a valid email address.");
    private static final Problem COMMON_PASSWORD =
            invalid("password: This password is too common.", "password", "This password is too common.");
    private static final Problem COMMON_NEW_PASSWORD =
            invalid("new_password: This password is too common.", "new_password", "This password is too common.");
    private static final Problem CURRENT_PASSWORD_REQUIRED =
            invalid("current_password: This field is required.", "current_password", "This field is required.");
    private static final Problem WRONG_CURRENT_PASSWORD = invalid(
            "current_password: Your current password was entered incorrectly.",
            "current_password",
            "Your current password was entered incorrectly.");
    private static final Problem LINK_REFUSED = invalid(INVALID_LINK, "token", INVALID_LINK);

    static List<Tag> tags() {
        return List.of(
                new Tag().name(USERS).description("Signup, profiles, and user administration by staff."),
                new Tag().name(LOGIN).description("Tokens: log in, log out, see and end sessions."),
                new Tag().name(PASSWORDS).description("Password changes and resets, address verification."),
                new Tag().name(AUDIT).description("The audit trail, for staff."));
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            endpoint(POST, "/api/users/", "signup", USERS, "Sign up")
                    .description("Creates an account and mails a link to confirm its address. Anyone may sign "
                            + "up; a token is only needed to set privileged fields (`is_active` by staff, "
                            + "`is_staff` and `is_superuser` by a superuser). Rate-limited per client IP.")
                    .access(Access.OPTIONAL_TOKEN)
                    .body(ApiSchemas.SIGNUP, ApiSchemas.signupExamples())
                    .responds(201, "The new account; `Location` names it.", ApiSchemas.NEW_USER)
                    .header(ApiSchemas.LOCATION)
                    .problems(
                            badRequest(
                                    "Missing or invalid fields, or a password the policy refuses.",
                                    INVALID_EMAIL,
                                    COMMON_PASSWORD),
                            refused(
                                    FORBIDDEN,
                                    "A privileged field the caller may not set; nothing was created.",
                                    "Only a superuser may change is_staff."),
                            refused(CONFLICT, "The address is taken (compared case-insensitively).", EMAIL_TAKEN),
                            refused(
                                    TOO_MANY_REQUESTS,
                                    "Too many signups from this client IP in the last minute.",
                                    RATE_LIMITED)),
            endpoint(GET, "/api/users/", "listUsers", USERS, "List users")
                    .description("Staff only (superusers count as staff). Paginated; `search` matches email and "
                            + "name, `is_active` and `is_staff` filter, `ordering` sorts.")
                    .access(Access.TOKEN)
                    .paginated()
                    .responds(200, "One page of users.", ApiSchemas.USER_PAGE)
                    .problems(
                            badRequest(
                                    "An unknown `ordering` field or an unreadable filter.",
                                    invalid(
                                            "Invalid ordering",
                                            "ordering",
                                            "Unknown field. Choose one of: created_at, email, email_verified, gender, "
                                                    + "id, is_active, is_staff, is_superuser, last_login, name, phone, "
                                                    + "updated_at, optionally prefixed with -.")),
                            refused(FORBIDDEN, "The caller is not staff.", PermissionDenied.DEFAULT_MESSAGE),
                            refused(NOT_FOUND, "A page past the end.", INVALID_PAGE)),
            endpoint(GET, "/api/users/me/", "getMe", USERS, "Read the caller's account")
                    .access(Access.TOKEN)
                    .responds(200, "The caller.", ApiSchemas.USER),
            endpoint(PUT, "/api/users/me/", "replaceMe", USERS, "Replace the caller's profile")
                    .description("`email` is required. A new password or email address also needs "
                            + "`current_password`; a new password ends the caller's other sessions.")
                    .access(Access.TOKEN)
                    .body(ApiSchemas.USER_REPLACE, ApiSchemas.replaceExamples())
                    .responds(200, "The account as changed.", ApiSchemas.USER)
                    .problems(updateProblems(false)),
            endpoint(PATCH, "/api/users/me/", "patchMe", USERS, "Change some of the caller's fields")
                    .description("Fields not sent are left as they are. A new password or email address also "
                            + "needs `current_password`; a new password ends the caller's other sessions.")
                    .access(Access.TOKEN)
                    .body(ApiSchemas.USER_PATCH, ApiSchemas.patchExamples())
                    .responds(200, "The account as changed.", ApiSchemas.USER)
                    .problems(updateProblems(false)),
            endpoint(DELETE, "/api/users/me/", "deleteMe", USERS, "Delete the caller's account")
                    .description("Every session of the account ends.")
                    .access(Access.TOKEN)
                    .responds(204, "Deleted.", null)
                    .problems(refused(CONFLICT, "The caller is the last active superuser.", LAST_SUPERUSER_DELETED)),
            endpoint(GET, "/api/users/{id}/", "getUser", USERS, "Read a user")
                    .description("The caller themself, or any user for staff. A user the caller may not see "
                            + "is a 404, exactly as if there were none.")
                    .access(Access.TOKEN)
                    .responds(200, "The user.", ApiSchemas.USER)
                    .problems(notVisible()),
            endpoint(PUT, "/api/users/{id}/", "replaceUser", USERS, "Replace a user's profile")
                    .description("Self or staff; `email` is required. Staff may set `is_active`, a superuser "
                            + "also `is_staff` and `is_superuser`; only a superuser may change a staff or "
                            + "superuser account. A password set by staff ends all of that user's sessions, as "
                            + "does deactivation.")
                    .access(Access.TOKEN)
                    .body(ApiSchemas.USER_REPLACE, ApiSchemas.replaceExamples())
                    .responds(200, "The user as changed.", ApiSchemas.USER)
                    .problems(updateProblems(true)),
            endpoint(PATCH, "/api/users/{id}/", "patchUser", USERS, "Change some of a user's fields")
                    .description("Self or staff; fields not sent are left as they are. Staff may set "
                            + "`is_active`, a superuser also `is_staff` and `is_superuser`; only a superuser "
                            + "may change a staff or superuser account. A password set by staff ends all of "
                            + "that user's sessions, as does deactivation.")
                    .access(Access.TOKEN)
                    .body(ApiSchemas.USER_PATCH, ApiSchemas.patchExamples())
                    .responds(200, "The user as changed.", ApiSchemas.USER)
                    .problems(updateProblems(true)),
            endpoint(DELETE, "/api/users/{id}/", "deleteUser", USERS, "Delete a user")
                    .description("Self or staff; only a superuser may delete a staff or superuser account. "
                            + "Every session of the user ends.")
                    .access(Access.TOKEN)
                    .responds(204, "Deleted.", null)
                    .problems(
                            superuserOnly(),
                            notVisible(),
                            refused(CONFLICT, "The user is the last active superuser.", LAST_SUPERUSER_DELETED)),
            endpoint(POST, "/api/users/login/", "login", LOGIN, "Log in")
                    .description("Checks, in this order: the input, the per-IP rate limit and per-account "
                            + "lockout, the credentials, the account's state, and the session policy "
                            + "(`keyhold.sessions.policy`). The only response that ever carries a token.")
                    .body(ApiSchemas.LOGIN, Map.of("credentials", ApiSchemas.loginExample()))
                    .responds(200, "A new session.", ApiSchemas.LOGIN_RESPONSE)
                    .problems(
                            badRequest(
                                    "A malformed email, or a password shorter than 8 characters.",
                                    INVALID_EMAIL,
                                    invalid(
                                            "Password must be at least 8 characters long",
                                            "password",
                                            "Ensure this field has at least 8 characters.")),
                            unauthorized(
                                    "Wrong email or password: one answer for both, in the same time.",
                                    "Invalid email or password",
                                    NotAuthenticated.INVALID_TOKEN),
                            refused(
                                    FORBIDDEN,
                                    "The password is right, but the account is disabled, or its address is "
                                            + "unverified while `keyhold.signup.require-verified-email` is on.",
                                    "Account is disabled",
                                    "Email not verified"),
                            refused(
                                    CONFLICT,
                                    "Policy `single`: the user had a live session. It has now ended, so the next "
                                            + "login succeeds.",
                                    "User already logged in"),
                            refused(
                                    TOO_MANY_REQUESTS,
                                    "Too many logins from this client IP in the last minute, or the account is "
                                            + "locked after repeated failures.",
                                    RATE_LIMITED,
                                    "Too many failed login attempts; try again later.")),
            endpoint(POST, "/api/users/logout/", "logout", LOGIN, "Log out")
                    .description("Ends the session of the token sent.")
                    .access(Access.TOKEN)
                    .responds(200, "The session has ended.", ApiSchemas.message(LOGGED_OUT)),
            endpoint(POST, "/api/users/logout/{id}/", "logoutUser", LOGIN, "End all of a user's sessions")
                    .description("That user or staff; a staff or superuser account only by a superuser.")
                    .access(Access.TOKEN)
                    .responds(200, "Every session of the user has ended.", ApiSchemas.message(LOGGED_OUT))
                    .problems(
                            superuserOnly(),
                            refused(
                                    NOT_FOUND,
                                    "No such user, or one the caller may not see.",
                                    UserService.USER_DOES_NOT_EXIST)),
            endpoint(GET, "/api/users/logout/{id}/", "logoutUserWithGet", LOGIN, "End all of a user's sessions (GET)")
                    .description("The same as `POST`, kept because the seed API answered `GET` here.")
                    .access(Access.TOKEN)
                    .responds(200, "Every session of the user has ended.", ApiSchemas.message(LOGGED_OUT))
                    .problems(
                            superuserOnly(),
                            refused(
                                    NOT_FOUND,
                                    "No such user, or one the caller may not see.",
                                    UserService.USER_DOES_NOT_EXIST)),
            endpoint(GET, "/api/users/me/sessions/", "listSessions", LOGIN, "List the caller's live sessions")
                    .description("A JSON array, not paginated.")
                    .access(Access.TOKEN)
                    .responds(200, "The caller's live sessions.", ApiSchemas.SESSIONS),
            endpoint(
                            DELETE,
                            "/api/users/me/sessions/{sessionId}/",
                            "revokeSession",
                            LOGIN,
                            "End one of the caller's sessions")
                    .access(Access.TOKEN)
                    .responds(204, "The session has ended.", null)
                    .problems(
                            refused(NOT_FOUND, "No live session of the caller has this id.", NotFound.DEFAULT_MESSAGE)),
            endpoint(POST, "/api/users/me/password/", "changeOwnPassword", PASSWORDS, "Change the caller's password")
                    .description("The session that makes the change stays; every other session of the user ends.")
                    .access(Access.TOKEN)
                    .body(ApiSchemas.PASSWORD_CHANGE, Map.of("change", ApiSchemas.passwordChangeExample()))
                    .responds(204, "The password has changed.", null)
                    .problems(
                            badRequest(
                                    "A wrong `current_password`, or a new password the policy refuses.",
                                    WRONG_CURRENT_PASSWORD,
                                    COMMON_NEW_PASSWORD),
                            refused(CONFLICT, "The password changed while this request ran.", CHANGED_MEANWHILE)),
            endpoint(
                            POST,
                            "/api/users/password-reset/",
                            "requestPasswordReset",
                            PASSWORDS,
                            "Request a password reset link")
                    .description("Always the same answer, whether or not an account uses the address. An active "
                            + "account's address gets a single-use link valid for one hour (at most three an "
                            + "hour). Rate-limited per client IP.")
                    .body(ApiSchemas.PASSWORD_RESET, Map.of("address", ApiSchemas.passwordResetExample()))
                    .responds(
                            202,
                            "Accepted; a link is mailed if an active account uses the address.",
                            ApiSchemas.message(
                                    "If an account uses this address, a link to reset its password is on its way."))
                    .problems(
                            badRequest(
                                    "`email` is missing.",
                                    invalid("email: This field is required.", "email", "This field is required.")),
                            refused(
                                    TOO_MANY_REQUESTS,
                                    "Too many reset requests from this client IP in the last minute.",
                                    RATE_LIMITED)),
            endpoint(
                            POST,
                            "/api/users/password-reset/confirm/",
                            "confirmPasswordReset",
                            PASSWORDS,
                            "Set a new password from a reset link")
                    .description("Uses the link up, ends every session of the user, and counts the address as "
                            + "verified. A password the policy refuses leaves the link usable.")
                    .body(ApiSchemas.PASSWORD_RESET_CONFIRM, Map.of("reset", ApiSchemas.passwordResetConfirmExample()))
                    .responds(204, "The password is set.", null)
                    .problems(badRequest(
                            "A link that is unknown, used or expired, a missing field, or a password the policy "
                                    + "refuses.",
                            LINK_REFUSED,
                            COMMON_NEW_PASSWORD)),
            endpoint(POST, "/api/users/verify-email/", "verifyEmail", PASSWORDS, "Confirm an email address")
                    .description("Uses the link up and sets `email_verified`.")
                    .body(ApiSchemas.EMAIL_VERIFICATION, Map.of("verification", ApiSchemas.emailVerificationExample()))
                    .responds(204, "The address is verified.", null)
                    .problems(badRequest("A link that is unknown, used or expired, or no `token`.", LINK_REFUSED)),
            endpoint(
                            POST,
                            "/api/users/verify-email/resend/",
                            "resendVerification",
                            PASSWORDS,
                            "Send another verification link")
                    .description("Nothing is sent for an address that is verified already.")
                    .access(Access.TOKEN)
                    .responds(
                            202,
                            "Accepted.",
                            ApiSchemas.message(
                                    "If the address is not verified yet, a new confirmation link is on its way.")),
            endpoint(GET, "/api/audit/", "listAuditEvents", AUDIT, "Browse the audit trail")
                    .description("Staff only. Newest first, paginated, filtered by `user_id`, `type`, `since` "
                            + "and `until`.")
                    .access(Access.TOKEN)
                    .paginated()
                    .responds(200, "One page of events.", ApiSchemas.AUDIT_PAGE)
                    .problems(
                            badRequest(
                                    "An unreadable filter.",
                                    invalid("type: Unknown event type.", "type", "Unknown event type.")),
                            refused(FORBIDDEN, "The caller is not staff.", PermissionDenied.DEFAULT_MESSAGE),
                            refused(NOT_FOUND, "A page past the end.", INVALID_PAGE)));

    private ApiOperations() {}

    /** Describes every operation springdoc found and writes each path as the API spells it. */
    static void describe(OpenAPI api) {
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        ApiSchemas.addTo(api.getComponents());
        ApiSchemas.describeResponseSchemas(api.getComponents().getSchemas());
        Paths found = api.getPaths() == null ? new Paths() : api.getPaths();
        var described = new Paths();
        Set<String> done = new HashSet<>();
        for (Endpoint endpoint : ENDPOINTS) {
            PathItem item = found.get(endpoint.mappedPath());
            Operation operation = item == null ? null : item.readOperationsMap().get(endpoint.method);
            if (operation == null) {
                log.warn("OpenAPI: no operation {} {} to describe", endpoint.method, endpoint.path);
                continue;
            }
            endpoint.applyTo(operation);
            described.computeIfAbsent(endpoint.path, path -> new PathItem()).operation(endpoint.method, operation);
            done.add(endpoint.method + " " + endpoint.mappedPath());
        }
        found.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!done.contains(method + " " + path)) {
                log.warn("OpenAPI: operation {} {} is not described in {}", method, path, ApiOperations.class);
                described
                        .computeIfAbsent(withSlash(path), key -> new PathItem())
                        .operation(method, operation);
            }
        }));
        api.setPaths(described);
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }

    /** Who may call an operation: {@code security} is what Swagger UI sends the token to. */
    enum Access {
        PUBLIC,
        OPTIONAL_TOKEN,
        TOKEN;

        List<SecurityRequirement> requirements() {
            var bearer = new SecurityRequirement().addList(ApiSchemas.BEARER);
            var token = new SecurityRequirement().addList(ApiSchemas.DRF_TOKEN);
            return switch (this) {
                case PUBLIC -> null;
                case OPTIONAL_TOKEN -> List.of(new SecurityRequirement(), bearer, token);
                case TOKEN -> List.of(bearer, token);
            };
        }
    }

    /** A failure an operation can answer with: status, when, and the bodies it sends. */
    record Failure(HttpStatus status, String description, List<Problem> examples, String header) {

        /** One answer for both: a status has one entry in an operation's responses. */
        Failure and(Failure other) {
            var both = new ArrayList<>(examples);
            both.addAll(other.examples);
            return new Failure(status, description + " Or: " + other.description, both, header);
        }

        ApiResponse toResponse() {
            var media = new MediaType().schema(new Schema<>().$ref(ApiSchemas.PROBLEM));
            if (examples.size() == 1) {
                media.example(ApiSchemas.example(examples.get(0)));
            } else {
                examples.forEach(problem -> media.addExamples(
                        problem.error(), new Example().summary(problem.error()).value(ApiSchemas.example(problem))));
            }
            var response = new ApiResponse()
                    .description(description)
                    .content(new Content().addMediaType(ApiSchemas.PROBLEM_JSON, media));
            if (header != null) {
                response.addHeaderObject(header, new Header().$ref(header));
            }
            return response;
        }
    }

    /** What QueryStringFilter and Spring Security's firewall refuse on every path, before any handler runs. */
    private static final Failure MALFORMED_TARGET = badRequest(
            "A malformed query string (an empty parameter name, a broken percent escape, text that is not "
                    + "UTF-8, more than 1000 parameters), or a path the firewall refuses (an encoded slash, a "
                    + "`..` or empty segment, a `;`).",
            Problem.of(BAD_REQUEST, "Malformed query string: a percent escape is malformed."),
            Problem.of(BAD_REQUEST, "Too many query parameters: at most 1000."),
            Problem.of(BAD_REQUEST, BAD_REQUEST.getReasonPhrase() + "."));

    private static Failure badRequest(String description, Problem... examples) {
        return new Failure(BAD_REQUEST, description, List.of(examples), null);
    }

    /** SPEC §3: staff manage users, superusers manage staff. */
    private static Failure superuserOnly() {
        return refused(
                FORBIDDEN,
                "A staff or superuser account, and the caller is not a superuser; nothing changed.",
                UserPermissions.STAFF_ACCOUNT_NEEDS_SUPERUSER,
                UserPermissions.SUPERUSER_ACCOUNT_NEEDS_SUPERUSER);
    }

    private static Failure refused(HttpStatus status, String description, String... errors) {
        String header = status == TOO_MANY_REQUESTS ? ApiSchemas.RETRY_AFTER : null;
        return new Failure(
                status,
                description,
                Arrays.stream(errors).map(error -> Problem.of(status, error)).toList(),
                header);
    }

    private static Failure unauthorized(String description, String... errors) {
        return new Failure(
                UNAUTHORIZED,
                description,
                Arrays.stream(errors)
                        .map(error -> Problem.of(UNAUTHORIZED, error))
                        .toList(),
                ApiSchemas.WWW_AUTHENTICATE);
    }

    private static Failure notVisible() {
        return refused(NOT_FOUND, "No such user, or one the caller may not see.", NotFound.DEFAULT_MESSAGE);
    }

    private static Failure[] updateProblems(boolean otherUsers) {
        var failures = new ArrayList<Failure>();
        failures.add(badRequest(
                "Missing or invalid fields, a password the policy refuses, or a missing or wrong "
                        + "`current_password`.",
                INVALID_EMAIL,
                COMMON_PASSWORD,
                CURRENT_PASSWORD_REQUIRED,
                WRONG_CURRENT_PASSWORD));
        if (otherUsers) {
            failures.add(refused(
                    FORBIDDEN,
                    "A privileged field the caller may not change, or a staff or superuser account changed "
                            + "by someone who is not a superuser; nothing changed.",
                    "Only staff may change is_active.",
                    UserPermissions.STAFF_ACCOUNT_NEEDS_SUPERUSER,
                    UserPermissions.SUPERUSER_ACCOUNT_NEEDS_SUPERUSER));
            failures.add(notVisible());
        } else {
            failures.add(refused(
                    FORBIDDEN,
                    "A privileged field the caller may not change; nothing changed.",
                    "Only staff may change is_active."));
        }
        failures.add(refused(
                CONFLICT,
                "The new address is taken, the account changed meanwhile, or the change would leave no "
                        + "active superuser.",
                EMAIL_TAKEN,
                CHANGED_MEANWHILE,
                LAST_SUPERUSER_DEMOTED));
        return failures.toArray(Failure[]::new);
    }

    private static Problem invalid(String error, String field, String message) {
        return Problem.of(BAD_REQUEST, error, Map.of(field, List.of(message)));
    }

    private static Endpoint endpoint(HttpMethod method, String path, String operationId, String tag, String summary) {
        return new Endpoint(method, path, operationId, tag, summary);
    }

    /** One row of the table, filled in fluently. */
    static final class Endpoint {

        private final HttpMethod method;
        private final String path;
        private final String operationId;
        private final String tag;
        private final String summary;
        private String description;
        private Access access = Access.PUBLIC;
        private String requestSchema;
        private Map<String, Object> requestExamples = Map.of();
        private int successStatus = 200;
        private String successDescription = "OK";
        private Object successExample;
        private String successHeader;
        private boolean paginated;
        private final List<Failure> failures = new ArrayList<>();

        private Endpoint(HttpMethod method, String path, String operationId, String tag, String summary) {
            this.method = method;
            this.path = path;
            this.operationId = operationId;
            this.tag = tag;
            this.summary = summary;
        }

        Endpoint description(String description) {
            this.description = description;
            return this;
        }

        Endpoint access(Access access) {
            this.access = access;
            return this;
        }

        Endpoint body(String schema, Map<String, Object> examples) {
            this.requestSchema = schema;
            this.requestExamples = examples;
            return this;
        }

        /** The success answer; a null example means no body. */
        Endpoint responds(int status, String description, Object example) {
            this.successStatus = status;
            this.successDescription = description;
            this.successExample = example;
            return this;
        }

        Endpoint header(String header) {
            this.successHeader = header;
            return this;
        }

        Endpoint paginated() {
            this.paginated = true;
            return this;
        }

        Endpoint problems(Failure... failures) {
            this.failures.addAll(List.of(failures));
            return this;
        }

        /** The path as Spring maps it: no trailing slash. */
        String mappedPath() {
            return path.substring(0, path.length() - 1);
        }

        void applyTo(Operation operation) {
            operation
                    .operationId(operationId)
                    .summary(summary)
                    .description(description)
                    .tags(List.of(tag))
                    .security(access.requirements());
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(ApiOperations::describeParameter);
            }
            if (paginated) {
                operation
                        .addParametersItem(new QueryParameter()
                                .name("page")
                                .description("Page number, from 1.")
                                .schema(new IntegerSchema()
                                        .minimum(BigDecimal.ONE)
                                        ._default(1)))
                        .addParametersItem(new QueryParameter()
                                .name("page_size")
                                .description("Items per page; larger values are capped at 100, and a value under 1 "
                                        + "or not a number is taken as 20.")
                                .schema(new IntegerSchema()._default(20)));
            }
            if (requestSchema != null) {
                operation.requestBody(requestBody());
            }
            operation.responses(responses(operation.getResponses()));
        }

        private RequestBody requestBody() {
            var content = new Content();
            for (String mediaType : List.of(ApiSchemas.JSON, ApiSchemas.FORM, ApiSchemas.MULTIPART)) {
                var media = new MediaType().schema(new Schema<>().$ref(requestSchema));
                Object only = requestExamples.size() == 1
                        ? requestExamples.values().iterator().next()
                        : null;
                if (only != null && !(only instanceof Example)) {
                    media.example(ApiSchemas.example(only));
                } else {
                    // An Example carries the description of when the server accepts it.
                    requestExamples.forEach((name, value) -> media.addExamples(
                            name,
                            value instanceof Example described
                                    ? described.summary(name)
                                    : new Example().summary(name).value(ApiSchemas.example(value))));
                }
                content.addMediaType(mediaType, media);
            }
            return new RequestBody()
                    .required(true)
                    .description("JSON, form-encoded or multipart form fields (no files); unknown fields are ignored.")
                    .content(content);
        }

        /** The success answer keeps the schema springdoc inferred from the method's return type. */
        private ApiResponses responses(ApiResponses inferred) {
            var success = new ApiResponse().description(successDescription);
            Schema<?> schema = inferredSchema(inferred);
            if (successExample != null && schema != null) {
                success.content(new Content()
                        .addMediaType(
                                ApiSchemas.JSON,
                                new MediaType().schema(schema).example(ApiSchemas.example(successExample))));
            }
            if (successHeader != null) {
                success.addHeaderObject(successHeader, new Header().$ref(successHeader));
            }
            var responses = new ApiResponses().addApiResponse(String.valueOf(successStatus), success);
            allFailures().stream()
                    .sorted(Comparator.comparingInt(failure -> failure.status().value()))
                    .forEach(failure -> responses.addApiResponse(
                            String.valueOf(failure.status().value()), failure.toResponse()));
            return responses;
        }

        /** The declared failures plus those every operation of its kind can meet. */
        private List<Failure> allFailures() {
            var all = new ArrayList<Failure>();
            Set<HttpStatus> declared = new HashSet<>();
            failures.forEach(failure -> declared.add(failure.status()));
            failures.forEach(
                    failure -> all.add(failure.status() == BAD_REQUEST ? failure.and(MALFORMED_TARGET) : failure));
            if (!declared.contains(BAD_REQUEST)) {
                all.add(MALFORMED_TARGET);
            }
            if (!declared.contains(UNAUTHORIZED)) {
                all.add(
                        access == Access.TOKEN
                                ? unauthorized(
                                        "No token, or one that names no live session.",
                                        NotAuthenticated.NO_CREDENTIALS,
                                        NotAuthenticated.INVALID_TOKEN)
                                : unauthorized(
                                        "A token was sent that names no live session (leave it out, or log in "
                                                + "again).",
                                        NotAuthenticated.INVALID_TOKEN));
            }
            if (successExample != null) {
                all.add(refused(
                        NOT_ACCEPTABLE,
                        "The `Accept` header admits no `application/json`.",
                        NOT_ACCEPTABLE.getReasonPhrase() + "."));
            }
            if (requestSchema != null) {
                all.add(refused(
                        CONTENT_TOO_LARGE,
                        "The body is larger than 65,536 bytes.",
                        "Request body is larger than 65536 bytes."));
                all.add(refused(
                        UNSUPPORTED_MEDIA_TYPE,
                        "The body is neither JSON nor form-encoded.",
                        "Unsupported media type \"text/plain\" in request."));
            }
            all.add(new Failure(
                    SERVICE_UNAVAILABLE,
                    "The database is unavailable, or (where a password is hashed) every hashing slot stayed "
                            + "busy; try again after `Retry-After` seconds.",
                    List.of(
                            Problem.of(SERVICE_UNAVAILABLE, "Service temporarily unavailable."),
                            Problem.of(SERVICE_UNAVAILABLE, "Service is overloaded, try again shortly.")),
                    ApiSchemas.RETRY_AFTER));
            return all;
        }
    }

    private static Schema<?> inferredSchema(ApiResponses inferred) {
        if (inferred == null) {
            return null;
        }
        return inferred.values().stream()
                .filter(response -> response.getContent() != null)
                .flatMap(response -> response.getContent().values().stream())
                .map(MediaType::getSchema)
                .filter(schema -> schema != null)
                .findFirst()
                .orElse(null);
    }

    /** A boolean filter in django-filter's spellings, as UserQuery reads it. */
    private static Schema<?> filterFlag() {
        return new StringSchema()._enum(List.of("true", "false", "True", "False", "1", "0", ""));
    }

    /** The fields UserQuery sorts by, each ascending and descending, and empty for the default. */
    private static List<String> orderings() {
        var orderings = new ArrayList<String>();
        orderings.add("");
        for (String field : List.of(
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
                "updated_at")) {
            orderings.add(field);
            orderings.add("-" + field);
        }
        return orderings;
    }

    /** Query and path parameters springdoc found; their meaning is written here. */
    private static void describeParameter(Parameter parameter) {
        switch (parameter.getName()) {
            case "id" ->
                parameter
                        .description("The user's id.")
                        .schema(new IntegerSchema().format("int64"))
                        .example(42);
            case "sessionId" ->
                parameter
                        .description("The session's id, from `GET /api/users/me/sessions/`.")
                        .schema(new IntegerSchema().format("int64"))
                        .example(7);
            case "search" ->
                parameter.description(
                        "Users whose email or name contains this, ignoring case; `%` and `_` are literal.");
            case "ordering" ->
                parameter
                        .description("A user field to sort by, prefixed with `-` for descending. Empty or "
                                + "absent: `id`.")
                        .schema(new StringSchema()._enum(orderings()))
                        .example("-created_at");
            case "is_active" ->
                parameter
                        .description("Only active (`true`) or inactive (`false`) users; empty: all.")
                        .schema(filterFlag());
            case "is_staff" ->
                parameter
                        .description("Only staff (`true`; superusers count as staff) or other users (`false`); "
                                + "empty: all.")
                        .schema(filterFlag());
            case "user_id" ->
                parameter.description("Only events about this user.").schema(new IntegerSchema().format("int64"));
            case "type" ->
                parameter
                        .description("Only events of this type.")
                        .schema(new StringSchema()
                                ._enum(Arrays.stream(AuditType.values())
                                        .map(AuditType::code)
                                        .toList()));
            case "since" ->
                parameter
                        .description("Only events at or after this instant (ISO-8601 with an offset).")
                        .schema(new StringSchema().format("date-time"))
                        .example("2026-11-24T00:00:00Z");
            case "until" ->
                parameter
                        .description("Only events before this instant (ISO-8601 with an offset).")
                        .schema(new StringSchema().format("date-time"))
                        .example("2026-11-25T00:00:00Z");
            default -> log.warn("OpenAPI: parameter {} is not described", parameter.getName());
        }
    }
}

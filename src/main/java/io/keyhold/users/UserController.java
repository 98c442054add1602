package io.keyhold.users;

import io.keyhold.network.ClientInfo;
import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import io.keyhold.passwords.PasswordPolicy;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.PermissionDenied;
import io.keyhold.ratelimits.TooManyRequests;
import io.keyhold.requests.RequestFields;
import io.keyhold.web.PublicUrlProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's router-generated user CRUD plus {@code me}. Ids are digits only in the mapping, so
 * {@code /api/users/login/} never reaches the retrieve action and a wrong method there is a 405.
 */
@RestController
@RequestMapping("/api/users")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class UserController {

    private static final String USERS = "Users";
    private static final String OWN_PASSWORD = "`current_password` must be the caller's own; this one is Ada's.";

    private final UserService users;
    private final PublicUrlProperties publicUrl;

    UserController(UserService users, PublicUrlProperties publicUrl) {
        this.users = users;
        this.publicUrl = publicUrl;
    }

    @PostMapping
    @Operation(
            operationId = "signup",
            summary = "Sign up",
            tags = USERS,
            description = "Creates an account and mails a link to confirm its address. Anyone may sign up; a token is "
                    + "only needed to set privileged fields (`is_active` by staff, `is_staff` and `is_superuser` by a "
                    + "superuser). Rate-limited per client IP.")
    @SecurityRequirement(name = "anonymous")
    @SecurityRequirement(name = "bearer")
    @SecurityRequirement(name = "token")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = Signup.class),
                            examples = {
                                @ExampleObject(
                                        name = "minimal",
                                        value =
                                                "{\"email\": \"grace@example.com\", \"password\": \"analytical-engine-1843\"}"),
                                @ExampleObject(
                                        name = "full",
                                        value =
                                                "{\"email\": \"grace@example.com\", \"password\": \"analytical-engine-1843\", "
                                                        + "\"name\": \"Grace Hopper\", \"phone\": \"+1 555-0199\", \"gender\": \"female\"}")
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "The new account; `Location` names it.",
            headers =
                    @Header(
                            name = "Location",
                            description = "The path of the new user.",
                            schema = @Schema(type = "string", example = "/api/users/43/")))
    @ApiResponse(
            responseCode = "400",
            description = "Missing or invalid fields, or a password the policy refuses.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = EmailAddress.INVALID_SUMMARY,
                                        value = "{\"email\": [\"" + UserFieldRules.INVALID_EMAIL + "\"]}"),
                                @ExampleObject(
                                        name = "password: " + PasswordPolicy.TOO_COMMON,
                                        value = "{\"password\": [\"" + PasswordPolicy.TOO_COMMON + "\"]}")
                            }))
    @ApiResponse(
            responseCode = "403",
            description = "A privileged field the caller may not set; nothing was created.",
            content = @Content(examples = {@ExampleObject(name = UserPermissions.STAFF_FLAG_NEEDS_SUPERUSER)}))
    @ApiResponse(
            responseCode = "409",
            description = "The address is taken (compared case-insensitively).",
            content = @Content(examples = {@ExampleObject(name = EmailAlreadyUsed.MESSAGE)}))
    @ApiResponse(
            responseCode = "429",
            description = "Too many signups from this client IP in the last minute.",
            content = @Content(examples = {@ExampleObject(name = TooManyRequests.MESSAGE)}))
    ResponseEntity<UserJson> signup(Caller caller, RequestFields body, ClientInfo client) {
        User created = users.signup(caller, UserBodies.signup(body), client);
        return ResponseEntity.created(publicUrl.resolve("/api/users/" + created.id() + "/"))
                .body(UserJson.of(created));
    }

    @GetMapping
    @Operation(
            operationId = "listUsers",
            summary = "List users",
            tags = USERS,
            description =
                    "Staff only (superusers count as staff). Paginated; `search` matches email and name, `is_active` "
                            + "and `is_staff` filter, `ordering` sorts.")
    @ApiResponse(responseCode = "200", description = "One page of users.")
    @ApiResponse(
            responseCode = "400",
            description = "An unknown `ordering` field (`errors` lists the known ones) or an unreadable filter.",
            content = @Content(examples = {@ExampleObject(name = UserQuery.INVALID_ORDERING)}))
    @ApiResponse(
            responseCode = "403",
            description = "The caller is not staff.",
            content = @Content(examples = {@ExampleObject(name = PermissionDenied.DEFAULT_MESSAGE)}))
    @ApiResponse(
            responseCode = "404",
            description = "A page past the end.",
            content = @Content(examples = {@ExampleObject(name = PageRequest.INVALID_PAGE)}))
    Page<UserJson> list(
            Caller caller,
            @Parameter(description = "Users whose email or name contains this, ignoring case; `%` and `_` are literal.")
                    @RequestParam(required = false)
                    String search,
            @Parameter(schema = @Schema(ref = "UserOrdering")) @RequestParam(required = false) String ordering,
            @Parameter(
                            description = "Only active (`true`) or inactive (`false`) users.",
                            schema = @Schema(ref = "FilterFlag"))
                    @RequestParam(name = "is_active", required = false)
                    String active,
            @Parameter(
                            description = "Only staff (`true`; superusers count as staff) or other users (`false`).",
                            schema = @Schema(ref = "FilterFlag"))
                    @RequestParam(name = "is_staff", required = false)
                    String staff,
            HttpServletRequest request) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        UserService.PageOfUsers found = users.list(caller, new UserQuery.Params(search, ordering, active, staff), page);
        return Page.of(
                found.users().stream().map(UserJson::of).toList(), found.total(), page, publicUrl.requestUrl(request));
    }

    @GetMapping("/me")
    @Operation(operationId = "getMe", summary = "Read the caller's account", tags = USERS)
    @ApiResponse(responseCode = "200", description = "The caller.")
    UserJson me(Caller caller) {
        return UserJson.of(users.me(caller));
    }

    @GetMapping("/{id:[0-9]+}")
    @Operation(
            operationId = "getUser",
            summary = "Read a user",
            tags = USERS,
            description =
                    "The caller themself, or any user for staff. A user the caller may not see is a 404, exactly as "
                            + "if there were none.")
    @ApiResponse(responseCode = "200", description = "The user.")
    @UnseenUserIsNotFound
    UserJson get(
            Caller caller,
            @Parameter(
                            description = "The user's id.",
                            schema = @Schema(type = "integer", format = "int64"),
                            example = "42")
                    @PathVariable
                    String id) {
        return UserJson.of(users.get(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE)));
    }

    @PutMapping("/me")
    @Operation(
            operationId = "replaceMe",
            summary = "Replace the caller's profile",
            tags = USERS,
            description = "`email` is required. "
                    + "A new password or email address also needs `current_password`; a new password ends the "
                    + "caller's other sessions.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = UserChanges.Replacement.class),
                            examples = {
                                @ExampleObject(
                                        name = "profile",
                                        description =
                                                "Ada's own profile (user 42). From any other caller this changes the address, "
                                                        + "which also needs that caller's `current_password`.",
                                        value = "{\"email\": \"ada@example.com\", \"name\": \"Ada Lovelace\", "
                                                + "\"phone\": \"+1 555-0100\", \"gender\": null}")
                            }))
    @ApiResponse(responseCode = "200", description = "The account as changed.")
    @ProfileChangeRefusals
    @ApiResponse(
            responseCode = "403",
            description = "A privileged field the caller may not change; nothing changed.",
            content = @Content(examples = {@ExampleObject(name = UserPermissions.ACTIVE_NEEDS_STAFF)}))
    UserJson replaceMe(Caller caller, RequestFields body) {
        return UserJson.of(users.update(caller, users.me(caller).id(), UserBodies.replacement(body)));
    }

    @PatchMapping("/me")
    @Operation(
            operationId = "patchMe",
            summary = "Change some of the caller's fields",
            tags = USERS,
            description = "Fields not sent are left as they are. "
                    + "A new password or email address also needs `current_password`; a new password ends the "
                    + "caller's other sessions.")
    @PatchBody
    @ApiResponse(responseCode = "200", description = "The account as changed.")
    @ProfileChangeRefusals
    @ApiResponse(
            responseCode = "403",
            description = "A privileged field the caller may not change; nothing changed.",
            content = @Content(examples = {@ExampleObject(name = UserPermissions.ACTIVE_NEEDS_STAFF)}))
    UserJson patchMe(Caller caller, RequestFields body) {
        return UserJson.of(users.update(caller, users.me(caller).id(), UserBodies.patch(body)));
    }

    @PutMapping("/{id:[0-9]+}")
    @Operation(
            operationId = "replaceUser",
            summary = "Replace a user's profile",
            tags = USERS,
            description = "Self or staff; `email` is required. "
                    + "Staff may set `is_active`, a superuser also `is_staff` and `is_superuser`; only a superuser may "
                    + "change a staff or superuser account. A password set by staff ends all of that user's sessions, "
                    + "as does deactivation.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = UserChanges.Replacement.class),
                            examples = {
                                @ExampleObject(
                                        name = "profile",
                                        description =
                                                "Ada's own profile (user 42). From any other caller this changes the address, "
                                                        + "which also needs that caller's `current_password`.",
                                        value = "{\"email\": \"ada@example.com\", \"name\": \"Ada Lovelace\", "
                                                + "\"phone\": \"+1 555-0100\", \"gender\": null}")
                            }))
    @ApiResponse(responseCode = "200", description = "The user as changed.")
    @ProfileChangeRefusals
    @PrivilegedChangeRefused
    @UnseenUserIsNotFound
    UserJson replace(
            Caller caller,
            @Parameter(
                            description = "The user's id.",
                            schema = @Schema(type = "integer", format = "int64"),
                            example = "42")
                    @PathVariable
                    String id,
            RequestFields body) {
        return UserJson.of(
                users.update(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE), UserBodies.replacement(body)));
    }

    @PatchMapping("/{id:[0-9]+}")
    @Operation(
            operationId = "patchUser",
            summary = "Change some of a user's fields",
            tags = USERS,
            description = "Self or staff; fields not sent are left as they are. "
                    + "Staff may set `is_active`, a superuser also `is_staff` and `is_superuser`; only a superuser may "
                    + "change a staff or superuser account. A password set by staff ends all of that user's sessions, "
                    + "as does deactivation.")
    @PatchBody
    @ApiResponse(responseCode = "200", description = "The user as changed.")
    @ProfileChangeRefusals
    @PrivilegedChangeRefused
    @UnseenUserIsNotFound
    UserJson patch(
            Caller caller,
            @Parameter(
                            description = "The user's id.",
                            schema = @Schema(type = "integer", format = "int64"),
                            example = "42")
                    @PathVariable
                    String id,
            RequestFields body) {
        return UserJson.of(users.update(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE), UserBodies.patch(body)));
    }

    @PostMapping("/me/password")
    @Operation(
            operationId = "changeOwnPassword",
            summary = "Change the caller's password",
            tags = "Passwords and email",
            description = "The session that makes the change stays; every other session of the user ends.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = PasswordChange.class),
                            examples = {
                                @ExampleObject(
                                        name = "change",
                                        description = OWN_PASSWORD,
                                        value = "{\"current_password\": \"analytical-engine-1843\", "
                                                + "\"new_password\": \"difference-engine-1822\"}")
                            }))
    @ApiResponse(responseCode = "204", description = "The password has changed.")
    @ApiResponse(
            responseCode = "400",
            description = "A wrong `current_password`, or a new password the policy refuses.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "current_password: " + UserService.WRONG_CURRENT_PASSWORD,
                                        value = "{\"current_password\": [\"" + UserService.WRONG_CURRENT_PASSWORD
                                                + "\"]}"),
                                @ExampleObject(
                                        name = "new_password: " + PasswordPolicy.TOO_COMMON,
                                        value = "{\"new_password\": [\"" + PasswordPolicy.TOO_COMMON + "\"]}")
                            }))
    @ApiResponse(
            responseCode = "409",
            description = "The password changed while this request ran.",
            content = @Content(examples = {@ExampleObject(name = ChangedMeanwhile.MESSAGE)}))
    ResponseEntity<Void> changeOwnPassword(Caller caller, RequestFields body) {
        users.changeOwnPassword(caller, UserBodies.passwordChange(body));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/me")
    @Operation(
            operationId = "deleteMe",
            summary = "Delete the caller's account",
            tags = USERS,
            description = "Every session of the account ends.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(
            responseCode = "409",
            description = "The caller is the last active superuser.",
            content = @Content(examples = {@ExampleObject(name = LastSuperuser.CANNOT_DELETE)}))
    ResponseEntity<Void> deleteMe(Caller caller) {
        users.delete(caller, users.me(caller).id());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id:[0-9]+}")
    @Operation(
            operationId = "deleteUser",
            summary = "Delete a user",
            tags = USERS,
            description =
                    "Self or staff; only a superuser may delete a staff or superuser account. Every session of the "
                            + "user ends.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(
            responseCode = "403",
            description = "A staff or superuser account, and the caller is not a superuser; nothing changed.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = UserPermissions.STAFF_ACCOUNT_NEEDS_SUPERUSER),
                                @ExampleObject(name = UserPermissions.SUPERUSER_ACCOUNT_NEEDS_SUPERUSER)
                            }))
    @UnseenUserIsNotFound
    @ApiResponse(
            responseCode = "409",
            description = "The user is the last active superuser.",
            content = @Content(examples = {@ExampleObject(name = LastSuperuser.CANNOT_DELETE)}))
    ResponseEntity<Void> delete(
            Caller caller,
            @Parameter(
                            description = "The user's id.",
                            schema = @Schema(type = "integer", format = "int64"),
                            example = "42")
                    @PathVariable
                    String id) {
        users.delete(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }

    /** The 400 and 409 every change of a profile can meet, for the API document of each PUT and PATCH. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "400",
            description =
                    "Missing or invalid fields, a password the policy refuses, or a missing or wrong `current_password`.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = EmailAddress.INVALID_SUMMARY,
                                        value = "{\"email\": [\"" + UserFieldRules.INVALID_EMAIL + "\"]}"),
                                @ExampleObject(
                                        name = "password: " + PasswordPolicy.TOO_COMMON,
                                        value = "{\"password\": [\"" + PasswordPolicy.TOO_COMMON + "\"]}"),
                                @ExampleObject(
                                        name = "current_password: " + FieldErrors.REQUIRED,
                                        value = "{\"current_password\": [\"" + FieldErrors.REQUIRED + "\"]}"),
                                @ExampleObject(
                                        name = "current_password: " + UserService.WRONG_CURRENT_PASSWORD,
                                        value = "{\"current_password\": [\"" + UserService.WRONG_CURRENT_PASSWORD
                                                + "\"]}")
                            }))
    @ApiResponse(
            responseCode = "409",
            description =
                    "The new address is taken, the account changed meanwhile, or the change would leave no active "
                            + "superuser.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = EmailAlreadyUsed.MESSAGE),
                                @ExampleObject(name = ChangedMeanwhile.MESSAGE),
                                @ExampleObject(name = LastSuperuser.CANNOT_DEMOTE)
                            }))
    @interface ProfileChangeRefusals {}

    /** The 404 of every operation on a user by id: one the caller may not see answers as one that does not exist. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "404",
            description = "No such user, or one the caller may not see.",
            content = @Content(examples = {@ExampleObject(name = NotFound.DEFAULT_MESSAGE)}))
    @interface UnseenUserIsNotFound {}

    /** The 403 of a PUT or PATCH on another user: a flag or an account the caller may not change. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "403",
            description = "A privileged field the caller may not change, or a staff or superuser account changed by "
                    + "someone who is not a superuser; nothing changed.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = UserPermissions.ACTIVE_NEEDS_STAFF),
                                @ExampleObject(name = UserPermissions.STAFF_ACCOUNT_NEEDS_SUPERUSER),
                                @ExampleObject(name = UserPermissions.SUPERUSER_ACCOUNT_NEEDS_SUPERUSER)
                            }))
    @interface PrivilegedChangeRefused {}

    /** The body of a PATCH, on the caller's own account or another's: the same fields, the same examples. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = UserChanges.class),
                            examples = {
                                @ExampleObject(name = "rename", value = "{\"name\": \"Ada King\"}"),
                                @ExampleObject(
                                        name = "new password",
                                        description = OWN_PASSWORD,
                                        value = "{\"password\": \"difference-engine-1822\", "
                                                + "\"current_password\": \"analytical-engine-1843\"}"),
                                @ExampleObject(
                                        name = "deactivate (staff)",
                                        description = "Staff only: anyone else gets 403.",
                                        value = "{\"is_active\": false}")
                            }))
    @interface PatchBody {}
}

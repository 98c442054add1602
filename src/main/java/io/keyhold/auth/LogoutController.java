package io.keyhold.auth;

import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserIds;
import io.keyhold.users.UserPermissions;
import io.keyhold.users.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logout. The seed's {@code logout/<id>/} ended anyone's session without authentication; here
 * only that user or staff may (a superuser for a staff account), and others get the same 404 as
 * for an unknown id.
 */
@RestController
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class LogoutController {

    @Schema(description = "A confirmation for people; clients need not parse it.")
    record Message(@Schema(description = "What happened.") String message) {}

    private static final String TAG = "Login and sessions";
    private static final Message LOGGED_OUT = new Message("User logged out successfully");

    private final SessionService sessions;
    private final UserService users;

    LogoutController(SessionService sessions, UserService users) {
        this.sessions = sessions;
        this.users = users;
    }

    @PostMapping("/api/users/logout")
    @Operation(
            operationId = "logout",
            summary = "Log out",
            tags = TAG,
            description = "Ends the session of the token sent.")
    @ApiResponse(responseCode = "200", description = "The session has ended.")
    Message logout(Caller caller) {
        sessions.logout(caller);
        return LOGGED_OUT;
    }

    @RequestMapping(
            path = "/api/users/logout/{id}",
            method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(
            operationId = "logoutUser",
            summary = "End all of a user's sessions",
            tags = TAG,
            description = "That user or staff; a staff or superuser account only by a superuser. `GET` does the "
                    + "same, as the seed API answered it.")
    @ApiResponse(responseCode = "200", description = "Every session of the user has ended.")
    @ApiResponse(
            responseCode = "403",
            description = "A staff or superuser account, and the caller is not a superuser; nothing changed.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = UserPermissions.STAFF_ACCOUNT_NEEDS_SUPERUSER),
                                @ExampleObject(name = UserPermissions.SUPERUSER_ACCOUNT_NEEDS_SUPERUSER)
                            }))
    @ApiResponse(
            responseCode = "404",
            description = "No such user, or one the caller may not see.",
            content = @Content(examples = @ExampleObject(name = UserService.USER_DOES_NOT_EXIST)))
    Message logoutUser(
            Caller caller,
            @Parameter(
                            description = "The user's id.",
                            schema = @Schema(type = "integer", format = "int64"),
                            example = "42")
                    @PathVariable
                    String id) {
        User target =
                users.get(caller, UserIds.parse(id, UserService.USER_DOES_NOT_EXIST), UserService.USER_DOES_NOT_EXIST);
        sessions.endAllSessions(caller, target);
        return LOGGED_OUT;
    }
}

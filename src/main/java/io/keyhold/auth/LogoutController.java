package io.keyhold.auth;

import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserIds;
import io.keyhold.users.UserService;
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
class LogoutController {

    record Message(String message) {}

    private static final Message LOGGED_OUT = new Message("User logged out successfully");

    private final SessionService sessions;
    private final UserService users;

    LogoutController(SessionService sessions, UserService users) {
        this.sessions = sessions;
        this.users = users;
    }

    @PostMapping("/api/users/logout")
    Message logout(Caller caller) {
        sessions.logout(caller);
        return LOGGED_OUT;
    }

    @RequestMapping(
            path = "/api/users/logout/{id}",
            method = {RequestMethod.GET, RequestMethod.POST})
    Message logoutUser(Caller caller, @PathVariable String id) {
        User target =
                users.get(caller, UserIds.parse(id, UserService.USER_DOES_NOT_EXIST), UserService.USER_DOES_NOT_EXIST);
        sessions.endAllSessions(caller, target);
        return LOGGED_OUT;
    }
}

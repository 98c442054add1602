package io.keyhold.users;

import io.keyhold.web.NotAuthenticated;
import io.keyhold.web.NotFound;
import io.keyhold.web.PermissionDenied;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every rule about who may do what to which user, in one place, for the API and the admin
 * console alike. The rules close the seed's holes: listing is staff-only, a user is visible only
 * to themselves and to staff (everyone else gets 404, so ids reveal nothing), plain staff cannot
 * touch superusers, and privileged flags need privilege.
 */
@Component
public class UserPermissions {

    public void requireAuthenticated(Caller caller) {
        if (caller.isAnonymous()) {
            throw new NotAuthenticated(NotAuthenticated.NO_CREDENTIALS);
        }
    }

    public void checkCanList(Caller caller) {
        requireAuthenticated(caller);
        if (!caller.isStaff()) {
            throw new PermissionDenied();
        }
    }

    /** The user if the caller may see them; 404 otherwise, exactly as if there were no such user. */
    public User visible(Caller caller, Optional<User> target, String notFoundMessage) {
        requireAuthenticated(caller);
        return target.filter(user -> caller.is(user) || caller.isStaff())
                .orElseThrow(() -> new NotFound(notFoundMessage));
    }

    /**
     * Edits and deletion, for a caller who can see the target: only a superuser acts on another
     * superuser, since whoever sets a superuser's password becomes one.
     */
    public void checkCanModify(Caller caller, User target) {
        if (!canModify(caller, target)) {
            throw new PermissionDenied("Only a superuser may change or delete a superuser.");
        }
    }

    /** {@link #checkCanModify} as a question, for pages that offer only what the caller may do. */
    public boolean canModify(Caller caller, User target) {
        return caller.is(target) || !target.superuser() || caller.isSuperuser();
    }

    /** Whether the caller may change {@code is_staff} and {@code is_superuser} at all. */
    public boolean canChangePrivileges(Caller caller) {
        return caller.isSuperuser();
    }

    /**
     * Refuses a request that would change a privileged flag without the privilege. Sending a
     * flag's current value is not a change. {@code current} is null for a new account, whose
     * flags start as active, not staff, not superuser.
     */
    public void checkFlagChanges(Caller caller, User current, Boolean active, Boolean staff, Boolean superuser) {
        boolean isActive = current == null || current.active();
        boolean isStaff = current != null && current.staff();
        boolean isSuperuser = current != null && current.superuser();
        if (changes(active, isActive) && !caller.isStaff()) {
            throw new PermissionDenied("Only staff may change is_active.");
        }
        if (changes(staff, isStaff) && !canChangePrivileges(caller)) {
            throw new PermissionDenied("Only a superuser may change is_staff.");
        }
        if (changes(superuser, isSuperuser) && !canChangePrivileges(caller)) {
            throw new PermissionDenied("Only a superuser may change is_superuser.");
        }
    }

    private static boolean changes(Boolean requested, boolean current) {
        return requested != null && requested != current;
    }
}

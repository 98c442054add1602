package io.keyhold.users;

import io.keyhold.problems.NotAuthenticated;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.PermissionDenied;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every rule about who may do what to which user, in one place, for the API and the admin
 * console alike. The rules close the seed's holes: listing is staff-only, a user is visible only
 * to themselves and to staff (everyone else gets 404, so ids reveal nothing), plain staff change
 * non-staff accounts only, and privileged flags need privilege.
 */
@Component
public class UserPermissions {

    private final StaffClearance clearance;

    UserPermissions(StaffClearance clearance) {
        this.clearance = clearance;
    }

    public static final String STAFF_ACCOUNT_NEEDS_SUPERUSER = "Only a superuser may change a staff account.";
    static final String ACTIVE_NEEDS_STAFF = "Only staff may change is_active.";
    static final String STAFF_FLAG_NEEDS_SUPERUSER = "Only a superuser may change is_staff.";
    public static final String SUPERUSER_ACCOUNT_NEEDS_SUPERUSER = "Only a superuser may change a superuser account.";

    public void requireAuthenticated(Caller caller) {
        if (caller.isAnonymous()) {
            throw new NotAuthenticated(NotAuthenticated.NO_CREDENTIALS);
        }
    }

    public void checkCanList(Caller caller) {
        requireAuthenticated(caller);
        if (!actsAsStaff(caller)) {
            throw new PermissionDenied();
        }
    }

    /** For superuser-only powers (API clients); superusers without a required second factor get 403. */
    public void checkSuperuser(Caller caller) {
        requireAuthenticated(caller);
        if (!caller.isSuperuser() || !actsAsStaff(caller)) {
            throw new PermissionDenied();
        }
    }

    /**
     * Whether the caller is staff, for a staff-only power. Staff who must still set up a second
     * factor are refused with 403 instead, so they learn what to do; their own account stays theirs.
     */
    private boolean actsAsStaff(Caller caller) {
        if (!caller.isStaff()) {
            return false;
        }
        if (!clearance.cleared(caller.user())) {
            throw new PermissionDenied(StaffClearance.SECOND_FACTOR_REQUIRED);
        }
        return true;
    }

    /** Whether a staff caller must set up a second factor before acting as staff: the console sends them to do so. */
    public boolean needsSecondFactor(Caller caller) {
        return caller.isStaff() && !clearance.cleared(caller.user());
    }

    /** The user if the caller may see them; 404 otherwise, exactly as if there were no such user. */
    public User visible(Caller caller, Optional<User> target, String notFoundMessage) {
        requireAuthenticated(caller);
        return target.filter(user -> caller.is(user) || actsAsStaff(caller))
                .orElseThrow(() -> new NotFound(notFoundMessage));
    }

    /**
     * Every change to another account (any field, its password or address, deactivation,
     * deletion, ending its sessions), for a caller who can see the target. Staff manage users and
     * superusers manage staff (SPEC §3): whoever sets a staff member's password or address can log
     * in as them, so a plain staff member changes non-staff accounts only. Acting on oneself is
     * always allowed; what one may change about oneself is {@link #checkFlagChanges}'s business.
     */
    public void checkCanModify(Caller caller, User target) {
        if (!canModify(caller, target)) {
            throw new PermissionDenied(
                    target.superuser() ? SUPERUSER_ACCOUNT_NEEDS_SUPERUSER : STAFF_ACCOUNT_NEEDS_SUPERUSER);
        }
    }

    /** {@link #checkCanModify} as a question, for pages that offer only what the caller may do. */
    public boolean canModify(Caller caller, User target) {
        if (caller.is(target) || (caller.isSuperuser() && actsAsStaff(caller))) {
            return true;
        }
        return actsAsStaff(caller) && !target.staff() && !target.superuser();
    }

    /** Whether the caller may change {@code is_staff} and {@code is_superuser} at all. */
    public boolean canChangePrivileges(Caller caller) {
        return caller.isSuperuser() && actsAsStaff(caller);
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
        if (changes(active, isActive) && !actsAsStaff(caller)) {
            throw new PermissionDenied(ACTIVE_NEEDS_STAFF);
        }
        if (changes(staff, isStaff) && !canChangePrivileges(caller)) {
            throw new PermissionDenied(STAFF_FLAG_NEEDS_SUPERUSER);
        }
        if (changes(superuser, isSuperuser) && !canChangePrivileges(caller)) {
            throw new PermissionDenied("Only a superuser may change is_superuser.");
        }
    }

    private static boolean changes(Boolean requested, boolean current) {
        return requested != null && requested != current;
    }
}

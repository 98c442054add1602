package io.keyhold.users;

/**
 * Who makes a request: a user and the session their token belongs to, or nobody. Built by the
 * bearer-token filter; every permission decision starts from it.
 */
public record Caller(User user, Long sessionId) {

    private static final Caller ANONYMOUS = new Caller(null, null);

    public static Caller anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return user == null;
    }

    public boolean isStaff() {
        return user != null && user.active() && (user.staff() || user.superuser());
    }

    public boolean isSuperuser() {
        return user != null && user.active() && user.superuser();
    }

    public boolean is(User other) {
        return user != null && user.id() == other.id();
    }
}

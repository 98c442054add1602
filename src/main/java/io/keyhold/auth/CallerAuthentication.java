package io.keyhold.auth;

import io.keyhold.users.Caller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a session token; the principal is the {@link Caller}. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(caller.isStaff() ? List.of(new SimpleGrantedAuthority("ROLE_STAFF")) : List.of());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        // The token is not kept: nothing downstream needs it, and it must not be logged.
        return null;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }
}

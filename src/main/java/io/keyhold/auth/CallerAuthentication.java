package io.keyhold.auth;

import io.keyhold.users.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A request authenticated by an API token or a console cookie; the principal is the {@link Caller}. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        // No authorities: what a caller may do is decided per object by UserPermissions.
        super(AuthorityUtils.NO_AUTHORITIES);
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

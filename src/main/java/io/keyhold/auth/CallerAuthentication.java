package io.keyhold.auth;

import io.keyhold.users.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** A request authenticated by an API token or a console cookie; the principal is the {@link Caller}. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        // No authorities: what a caller may do is decided per object by UserPermissions.
        super(AuthorityUtils.NO_AUTHORITIES);
        this.caller = caller;
        setAuthenticated(true);
    }

    /** Runs the rest of the filter chain as {@code caller}, and forgets them once it returns. */
    public static void continueAs(Caller caller, FilterChain chain, ServletRequest request, ServletResponse response)
            throws IOException, ServletException {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
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

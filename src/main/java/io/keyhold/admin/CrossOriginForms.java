package io.keyhold.admin;

import io.keyhold.web.PublicUrlProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;

/**
 * The console's CSRF check with the browser's own word on where a form came from, before its token
 * is looked at. The token is a double-submit cookie, which anyone able to plant a cookie for the
 * console's host (a sibling subdomain, a man in the middle of plain HTTP) could choose; a browser's
 * {@code Sec-Fetch-Site} and {@code Origin} cannot be chosen by a page. The rule is Go's {@code
 * http.CrossOriginProtection}: a form sent from another site or origin is refused, as a form
 * without its token is; a request with neither header comes from no browser, or a very old one,
 * and is left to the token alone.
 */
final class CrossOriginForms implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestHandler tokens;
    private final String publicOrigin;

    CrossOriginForms(CsrfTokenRequestHandler tokens, PublicUrlProperties publicUrl) {
        this.tokens = tokens;
        this.publicOrigin = originOf(URI.create(publicUrl.publicUrl()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        tokens.handle(request, response, csrfToken);
    }

    /** The form's token, or none (a refusal) when the browser says the form came from elsewhere. */
    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        return fromThisOrigin(request) ? tokens.resolveCsrfTokenValue(request, csrfToken) : null;
    }

    private boolean fromThisOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // "none": the user's own action (a bookmark, the address bar), never a page's.
            return fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String claimed = origin.toLowerCase(Locale.ROOT);
        return claimed.equals(publicOrigin) || claimed.equals(ownOrigin(request));
    }

    /** The origin the browser addressed: the request's scheme with the Host header it sent. */
    private static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host == null
                ? null
                : request.getScheme().toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT);
    }

    /** {@code scheme://host[:port]}, the port only where it is not the scheme's own, as browsers write it. */
    private static String originOf(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        try {
            return new URI(
                            scheme,
                            null,
                            url.getHost().toLowerCase(Locale.ROOT),
                            defaultPort ? -1 : port,
                            null,
                            null,
                            null)
                    .toString();
        } catch (URISyntaxException impossible) {
            throw new IllegalArgumentException("keyhold.public-url has no host", impossible);
        }
    }
}

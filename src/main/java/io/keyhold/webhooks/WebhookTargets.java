package io.keyhold.webhooks;

import io.keyhold.problems.FieldErrors;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go (SPEC §15): {@code https:} URLs whose host resolves to public addresses
 * only ({@link TargetAddresses}), so that whoever creates an endpoint cannot make Keyhold post into
 * its private network. Checked when an endpoint is created and again at every delivery, where the
 * addresses checked are the very ones the connection is made to: a name that resolved to a public
 * address at creation and to a private one later (DNS rebinding) is refused then.
 * {@code keyhold.webhooks.allow-private-targets} lifts both rules.
 */
@Component
class WebhookTargets {

    static final int URL_MAX_LENGTH = 2048;
    static final String INVALID_URL = "Enter a valid URL.";
    static final String HTTPS_ONLY = "Only https: URLs are allowed.";
    static final String HTTP_OR_HTTPS = "Enter an http: or https: URL.";
    static final String NO_USERINFO = "A URL may not carry a user name or password.";
    static final String NOT_PUBLIC = "The host must resolve to public addresses only.";
    static final String UNKNOWN_HOST = "The host name does not resolve.";
    static final String TOO_LONG = "Ensure this field has no more than " + URL_MAX_LENGTH + " characters.";

    private final HostResolver resolver;
    private final WebhookProperties properties;

    WebhookTargets(HostResolver resolver, WebhookProperties properties) {
        this.resolver = resolver;
        this.properties = properties;
    }

    /**
     * The URL, if webhooks may be delivered to it; otherwise null, with the reason added under
     * {@code field} (a missing URL is required). Looks the host up, so it runs outside any
     * transaction.
     */
    String check(String url, String field, FieldErrors errors) {
        Optional<String> problem = url == null ? Optional.of(FieldErrors.REQUIRED) : problemOf(url);
        if (problem.isPresent()) {
            errors.add(field, problem.get());
            return null;
        }
        return url;
    }

    private Optional<String> problemOf(String url) {
        if (url.length() > URL_MAX_LENGTH) {
            return Optional.of(TOO_LONG);
        }
        // Only ASCII: an international name is sent in its xn-- form, which says which host it is.
        if (!url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of(INVALID_URL);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return Optional.of(INVALID_URL);
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            return Optional.of(INVALID_URL);
        }
        Optional<String> scheme = schemeProblem(uri);
        if (scheme.isPresent()) {
            return scheme;
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(NO_USERINFO);
        }
        if (uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of(INVALID_URL);
        }
        if (properties.allowPrivateTargets()) {
            return Optional.empty();
        }
        try {
            addressesOf(uri.getHost());
            return Optional.empty();
        } catch (TargetRefused refused) {
            return Optional.of(NOT_PUBLIC);
        } catch (UnknownHostException unknown) {
            return Optional.of(UNKNOWN_HOST);
        }
    }

    /** Why a stored URL may not be delivered to now, by its scheme; its host is checked as it is resolved. */
    Optional<String> schemeProblem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (!properties.allowPrivateTargets()) {
            return Optional.of(HTTPS_ONLY);
        }
        return scheme.equals("http") ? Optional.empty() : Optional.of(HTTP_OR_HTTPS);
    }

    /**
     * The host's addresses, every one of them public unless private targets are allowed: one
     * private address among public ones refuses the host, as a client could be sent to either.
     *
     * @throws TargetRefused when one is not public
     */
    InetAddress[] addressesOf(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (!properties.allowPrivateTargets()
                && Arrays.stream(addresses).anyMatch(address -> !TargetAddresses.isPublic(address))) {
            throw new TargetRefused(host);
        }
        return addresses;
    }
}

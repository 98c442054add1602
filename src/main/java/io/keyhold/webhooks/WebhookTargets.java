package io.keyhold.webhooks;

import io.keyhold.problems.FieldErrors;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
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
class WebhookTargets implements DisposableBean {

    /**
     * How many of a host's addresses a delivery tries: each may take the connect timeout, so a
     * name with many addresses cannot stretch an attempt far past its 10 s.
     */
    static final int ADDRESSES_TRIED = 2;

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
    /**
     * Where lookups run, so that a caller waits only as long as it has: the system's resolver has
     * no timeout of its own. A lookup left behind keeps its thread until the resolver gives up.
     */
    private final ExecutorService lookups = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "keyhold-webhook-lookup");
        thread.setDaemon(true);
        return thread;
    });

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
            addressesOf(uri.getHost(), WebhookSender.TIMEOUT);
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
     * The first {@link #ADDRESSES_TRIED} of the host's addresses, as resolved within {@code
     * within}; every one of them public unless private targets are allowed: one private address
     * among public ones refuses the host, as a client could be sent to either.
     *
     * @throws TargetRefused when one is not public
     * @throws ResolutionTimedOut when the name did not resolve in time
     */
    InetAddress[] addressesOf(String host, Duration within) throws UnknownHostException {
        InetAddress[] addresses = resolve(host, within);
        if (!properties.allowPrivateTargets()
                && Arrays.stream(addresses).anyMatch(address -> !TargetAddresses.isPublic(address))) {
            throw new TargetRefused(host);
        }
        return Arrays.copyOf(addresses, Math.min(addresses.length, ADDRESSES_TRIED));
    }

    private InetAddress[] resolve(String host, Duration within) throws UnknownHostException {
        if (within.isNegative() || within.isZero()) {
            throw new ResolutionTimedOut(host);
        }
        Future<InetAddress[]> lookup = lookups.submit(() -> resolver.resolve(host));
        try {
            return lookup.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            lookup.cancel(true);
            throw new ResolutionTimedOut(host);
        } catch (InterruptedException interrupted) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new ResolutionTimedOut(host);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException unknown = new UnknownHostException(host);
            unknown.initCause(failed.getCause());
            throw unknown;
        }
    }

    @Override
    public void destroy() {
        lookups.shutdownNow();
    }
}

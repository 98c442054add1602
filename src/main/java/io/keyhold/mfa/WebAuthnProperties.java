package io.keyhold.mfa;

import io.keyhold.web.PublicUrlProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.webauthn.*}: the relying party that passkeys are bound to (SPEC §13). Left unset,
 * the RP id is the host of {@code keyhold.public-url} and the one allowed origin is its origin, which
 * is right for a Keyhold served at one address; a Keyhold reached under several subdomains names their
 * parent domain as {@code rp-id} and lists each origin.
 */
@ConfigurationProperties("keyhold.webauthn")
public record WebAuthnProperties(
        String rpId, @DefaultValue("Keyhold") String rpName, List<String> origins) {

    /**
     * The origin a native Android app's passkey ceremony reports: its signing certificate's hash
     * rather than a web origin. Listed as it is; the RP id then comes from the app's asset links.
     */
    private static final String ANDROID_APP = "android:apk-key-hash:";

    public WebAuthnProperties {
        if (rpId != null && !isBareHost(rpId)) {
            throw new IllegalArgumentException(
                    "keyhold.webauthn.rp-id must be a domain name such as id.example.com, without scheme, port or path");
        }
        if (rpName == null || rpName.isBlank()) {
            throw new IllegalArgumentException("keyhold.webauthn.rp-name must not be blank");
        }
        origins = origins == null
                ? List.of()
                : origins.stream().map(WebAuthnProperties::originOrFail).toList();
    }

    /** Where passkeys are bound: the RP id, its display name, and the origins allowed to use them. */
    record RelyingParty(String id, String name, Set<String> origins) {}

    /** The relying party as configured, with the defaults taken from the public URL. */
    RelyingParty relyingParty(PublicUrlProperties publicUrl) {
        URI url = URI.create(publicUrl.publicUrl());
        String id = (rpId != null ? rpId : url.getHost()).toLowerCase(Locale.ROOT);
        Set<String> allowed = new LinkedHashSet<>(origins);
        if (allowed.isEmpty()) {
            allowed.add(originOf(url));
        }
        for (String origin : allowed) {
            if (origin.startsWith(ANDROID_APP)) {
                continue;
            }
            String host = URI.create(origin).getHost();
            // A browser refuses a ceremony whose RP id is neither the page's host nor a parent of it.
            if (!host.equals(id) && !host.endsWith("." + id)) {
                throw new IllegalArgumentException("keyhold.webauthn.rp-id " + id
                        + " must be the host of every origin or a parent domain of it, and " + origin + " is not");
            }
        }
        return new RelyingParty(id, rpName, Set.copyOf(allowed));
    }

    private static boolean isBareHost(String value) {
        URI parsed = parse("https://" + value);
        return parsed != null && plainOrigin(parsed) && parsed.getPort() == -1 && value.equals(parsed.getHost());
    }

    private static String originOrFail(String value) {
        if (value != null && value.startsWith(ANDROID_APP) && value.length() > ANDROID_APP.length()) {
            return value;
        }
        URI parsed = value == null ? null : parse(value);
        if (parsed == null || !plainOrigin(parsed)) {
            throw new IllegalArgumentException("keyhold.webauthn.origins must be origins such as https://id.example.com"
                    + " (scheme, host and any port, nothing after) or an Android app's android:apk-key-hash:…");
        }
        return originOf(parsed);
    }

    /** An http(s) URL with a host and nothing but an optional port after it. */
    private static boolean plainOrigin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return (scheme.equals("http") || scheme.equals("https"))
                && url.getHost() != null
                && url.getRawUserInfo() == null
                && (path.isEmpty() || path.equals("/"))
                && url.getRawQuery() == null
                && url.getRawFragment() == null;
    }

    /** What a browser puts in {@code clientDataJSON.origin}: {@code scheme://host[:port]}, default port left out. */
    private static String originOf(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException unreadable) {
            return null;
        }
    }
}

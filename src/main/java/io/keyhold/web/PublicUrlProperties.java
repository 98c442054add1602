package io.keyhold.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code keyhold.public-url}: where users reach this Keyhold. Every absolute URL Keyhold writes
 * (mailed links, pagination links, a new user's {@code Location}) starts with it, never with the
 * request's {@code Host} header, which anyone can set. It may carry a path, for a Keyhold served
 * under a prefix by a proxy.
 */
@ConfigurationProperties("keyhold")
public record PublicUrlProperties(
        @DefaultValue("http://localhost:8000") String publicUrl) {

    public PublicUrlProperties {
        if (!isAbsoluteHttp(publicUrl)) {
            throw new IllegalArgumentException(
                    "keyhold.public-url must be an absolute http: or https: URL, such as https://id.example.com");
        }
    }

    private static boolean isAbsoluteHttp(String url) {
        try {
            URI parsed = new URI(url);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null;
        } catch (URISyntaxException unreadable) {
            return false;
        }
    }

    /** Users reach Keyhold over HTTPS, even when a proxy hands the request on in plain HTTP. */
    public boolean isHttps() {
        return publicUrl.regionMatches(true, 0, "https:", 0, 6);
    }

    /** The public URL without a trailing slash, ready for a path to be appended. */
    public String withoutTrailingSlash() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** {@code path} (starting with {@code /}) on the public URL. */
    public URI resolve(String path) {
        return URI.create(withoutTrailingSlash() + path);
    }

    /** The request's path and query string on the public URL, as a builder for links beside it. */
    public UriComponentsBuilder requestUrl(HttpServletRequest request) {
        return UriComponentsBuilder.fromUriString(withoutTrailingSlash() + request.getRequestURI())
                .query(request.getQueryString());
    }
}

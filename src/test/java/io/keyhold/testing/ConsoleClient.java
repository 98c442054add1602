package io.keyhold.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser without a browser, for the console's HTTP-level tests: keeps cookies like one, and
 * sends forms with the CSRF token of the last page it loaded, as a real form would.
 */
public final class ConsoleClient {

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String csrfToken;

    public ConsoleClient(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A response and its page, parsed the way a browser would. */
    public record Page(int status, String location, Document document, String body) {

        public String text() {
            return document.text();
        }

        public String textOf(String cssSelector) {
            return document.select(cssSelector).text();
        }
    }

    public Page get(String path) {
        return remember(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    /** Signs in through the login page; the page the login answered with. */
    public Page logIn(String email, String password) {
        get("/admin/login");
        return post("/admin/login", Map.of("email", email, "password", password));
    }

    /** Posts a form with the CSRF token of the last page loaded. */
    public Page post(String path, Map<String, String> fields) {
        return postFrom(path, fields, Map.of());
    }

    /** Posts exactly these fields: no CSRF token unless one is among them. */
    public Page postWithout(String path, Map<String, String> fields) {
        return postWithHeaders(path, fields, Map.of());
    }

    /**
     * Posts a form with the CSRF token of the last page loaded and these headers besides, such as
     * the {@code Origin} and {@code Sec-Fetch-Site} a browser adds to a form sent from another page.
     */
    public Page postFrom(String path, Map<String, String> fields, Map<String, String> headers) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrfToken != null) {
            form.putIfAbsent("_csrf", csrfToken);
        }
        return postWithHeaders(path, form, headers);
    }

    private Page postWithHeaders(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return remember(send(request));
    }

    /** Posts these fields as {@code multipart/form-data}, with the CSRF token of the last page loaded. */
    public Page postMultipart(String path, Map<String, String> fields) {
        var form = MultipartForm.of(fields);
        if (csrfToken != null && !fields.containsKey("_csrf")) {
            form.field("_csrf", csrfToken);
        }
        return remember(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))));
    }

    /** The value of a cookie this client holds, if any. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst();
    }

    private Page remember(Page page) {
        var token = page.document().selectFirst("input[name=_csrf]");
        if (token != null) {
            csrfToken = token.attr("value");
        }
        return page;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElse(null);
            return new Page(response.statusCode(), location, Jsoup.parse(response.body(), base), response.body());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

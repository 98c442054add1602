package io.keyhold.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for a Keyhold server on a local port. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final int port;
    private final String base;

    public Api(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** The server's port, for requests that need a raw socket ({@link RawHttp}). */
    public int port() {
        return port;
    }

    public String url(String path) {
        return base + path;
    }

    public ApiResponse get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public ApiResponse delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public ApiResponse postJson(String path, String token, Map<String, ?> body) {
        return send("POST", path, token, "application/json", JSON.writeValueAsBytes(body));
    }

    public ApiResponse putJson(String path, String token, Map<String, ?> body) {
        return send("PUT", path, token, "application/json", JSON.writeValueAsBytes(body));
    }

    public ApiResponse patchJson(String path, String token, Map<String, ?> body) {
        return send("PATCH", path, token, "application/json", JSON.writeValueAsBytes(body));
    }

    public ApiResponse postForm(String path, String token, String form) {
        return send("POST", path, token, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse postMultipart(String path, String token, MultipartForm form) {
        return send("POST", path, token, form.contentType(), form.bytes());
    }

    public ApiResponse patchMultipart(String path, String token, MultipartForm form) {
        return send("PATCH", path, token, form.contentType(), form.bytes());
    }

    public ApiResponse post(String path, String token) {
        return send("POST", path, token, null, null);
    }

    /** Any method, any headers, any body bytes: for malformed and hostile requests. */
    public ApiResponse send(String method, String path, Map<String, String> headers, byte[] body) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private ApiResponse send(String method, String path, String token, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return send(method, path, headers, body);
    }
}

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

/**
 * A real HTTP client for a Keyhold server on a local port. Every exchange with the JSON API is
 * held to the OpenAPI document that server serves ({@link ApiDocument}): a disagreement fails the
 * test that made it.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final int port;
    private final String base;
    private final Check check;

    public Api(int port) {
        this(port, Check.EXCHANGES);
    }

    private Api(int port, Check check) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.check = check;
    }

    /** How much of an exchange with the API is held to the document. */
    private enum Check {
        /** The answer, and the request when the server accepts it. */
        EXCHANGES,
        /** The answer only. */
        ANSWERS,
        /** Nothing: the management port, or a server other than Keyhold, serves no API document. */
        NOTHING
    }

    /** A client for the management port, which serves the actuator and no API document. */
    public static Api management(int port) {
        return new Api(port, Check.NOTHING);
    }

    /**
     * A client for another server of a test, on a local port: an application that trusts Keyhold,
     * or a proxy in front of one. Keyhold's document says nothing of what they answer.
     */
    public static Api otherServer(int port) {
        return new Api(port, Check.NOTHING);
    }

    /**
     * This client holding only the answers to the document, not the requests: for requests hostile
     * by design (random bodies, content types and {@code Accept} headers), which the server ignores
     * where an operation reads no body and which no document describes. Only tests of such requests
     * use it, and each says why; every other exchange with the API is checked whole.
     */
    public Api withoutRequestCheck() {
        return new Api(port, Check.ANSWERS);
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

    /** A DELETE that carries proof in its body, such as {@code current_password}. */
    public ApiResponse deleteJson(String path, String token, Map<String, ?> body) {
        return send("DELETE", path, token, "application/json", JSON.writeValueAsBytes(body));
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

    /** A JSON delivery as a Standard Webhooks sender posts it, with its id, timestamp and signature headers. */
    public ApiResponse postWebhook(String path, String id, long timestamp, String signature, String json) {
        return send(
                "POST",
                path,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "webhook-id",
                        id,
                        "webhook-timestamp",
                        String.valueOf(timestamp),
                        "webhook-signature",
                        signature),
                json.getBytes(StandardCharsets.UTF_8));
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
            var answer = new ApiResponse(response.statusCode(), response.headers(), response.body());
            if (check != Check.NOTHING && ApiDocument.isApiOperation(method, path)) {
                ApiDocument.servedAt(base, this::document)
                        .check(method, path, headers, body, answer, check == Check.EXCHANGES);
            }
            return answer;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private String document() {
        var request = HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException failure) {
            throw new UncheckedIOException("GET /v3/api-docs failed", failure);
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

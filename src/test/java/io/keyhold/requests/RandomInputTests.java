package io.keyhold.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.MultipartForm;
import io.keyhold.testing.RawHttp;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Seeded random and malformed requests against every endpoint: bodies of every JSON shape and
 * broken encodings, odd content types, hostile headers and path ids, malformed query strings and
 * multipart bodies, unknown methods and oversized headers. Whatever arrives, the answer is never a
 * 5xx and never a stack trace, and each kind of malformed request gets its own 4xx. A failing seed
 * reproduces by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class RandomInputTests extends ApiTest {

    private static final String[][] ENDPOINTS = {
        {"POST", "/api/users/"},
        {"GET", "/api/users/"},
        {"GET", "/api/users/me/"},
        {"PUT", "/api/users/me/"},
        {"PATCH", "/api/users/me/"},
        {"DELETE", "/api/users/{id}/"},
        {"GET", "/api/users/{id}/"},
        {"PUT", "/api/users/{id}/"},
        {"PATCH", "/api/users/{id}/"},
        {"POST", "/api/users/login/"},
        {"GET", "/api/users/logout/{id}/"},
        {"POST", "/api/users/logout/{id}/"},
        {"POST", "/api/users/logout/"},
        {"POST", "/api/users/me/password/"},
        {"GET", "/api/users/me/sessions/"},
        {"DELETE", "/api/users/me/sessions/{id}/"},
    };
    private static final String[] FIELDS = {
        "email",
        "password",
        "name",
        "phone",
        "gender",
        "is_active",
        "is_staff",
        "is_superuser",
        "current_password",
        "id",
        "email_verified",
        "",
        "__proto__"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
        "garbage",
        "",
        "application/*",
        "application/problem+json",
        "application/merge-patch+json"
    };

    /** The methods each API path serves: what a 405 on that path lists in {@code Allow}. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "/api/users/", Set.of("GET", "POST"),
            "/api/users/me/", Set.of("GET", "PUT", "PATCH", "DELETE"),
            "/api/users/{id}/", Set.of("GET", "PUT", "PATCH", "DELETE"),
            "/api/users/login/", Set.of("POST"),
            "/api/users/logout/{id}/", Set.of("GET", "POST"),
            "/api/users/logout/", Set.of("POST"),
            "/api/users/me/password/", Set.of("POST"),
            "/api/users/me/sessions/", Set.of("GET"),
            "/api/users/me/sessions/{id}/", Set.of("DELETE"),
            "/reset-password", Set.of("GET", "POST"));
    /** Pages that answer in HTML: the console and the mailed links. Only their status is checked. */
    private static final String[][] PAGES = {
        {"GET", "/admin/login"},
        {"POST", "/admin/login"},
        {"GET", "/admin/"},
        {"GET", "/admin/users"},
        {"POST", "/admin/users/1/delete"},
        {"GET", "/reset-password"},
        {"POST", "/reset-password"},
        {"GET", "/verify-email"},
        {"POST", "/verify-email"},
    };
    /** Everything else that answers with problem JSON: the API's documents and the health probe. */
    private static final String[] DOCUMENTS = {"/docs", "/v3/api-docs", "/actuator/health"};

    private static final String[] BROKEN_ESCAPES = {"%", "%Z", "%ZZ", "%G1", "%1", "%%41", "%+1", "%-1", "%u00e9"};
    private static final String[] INVALID_UTF8 = {
        "%FF", "%C3", "%C3%28", "%E2%82", "%ED%A0%80", "%C0%AF", "%F8%88%80%80%80", "%80", "%FE%FF"
    };
    private static final String[] UNKNOWN_METHODS = {"QUERY", "FOO", "PROPFIND", "MKCOL", "PURGE", "LINK", "SEARCH"};

    private String staffToken;

    @BeforeEach
    void staff() {
        staffToken = tokenOf(newStaff());
    }

    static Stream<Long> seeds() {
        return LongStream.range(1, 61).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomRequestsNeverGet5xxOrStackTrace(long seed) {
        Random random = new Random(seed);
        for (String[] endpoint : ENDPOINTS) {
            String method = random.nextInt(8) == 0 ? randomMethod(random) : endpoint[0];
            String path = endpoint[1].replace("{id}", randomId(random));
            Map<String, String> headers = randomHeaders(random);
            byte[] body = random.nextInt(6) == 0 ? null : randomBody(random, headers.get("Content-Type"));

            // Random bodies, content types and Accept headers go to operations that read none of
            // them, and the server ignores them there: only the answers are held to the document.
            ApiResponse response = api.withoutRequestCheck().send(method, path, headers, body);

            assertThat(response.status())
                    .as("seed %d: %s %s %s -> %s", seed, method, path, headers, response)
                    .isLessThan(500);
            assertThat(response.body())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("io.keyhold");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void malformedQueryStringsGet400Everywhere(long seed, CapturedOutput output) {
        Random random = new Random(seed);
        for (String[] endpoint : ENDPOINTS) {
            String target =
                    endpoint[1].replace("{id}", String.valueOf(random.nextInt(1000))) + "?" + malformedQuery(random);

            ApiResponse answer = rawRequest(endpoint[0] + " " + target, List.of());

            assertProblem(answer, 400, "seed %d: %s %s".formatted(seed, endpoint[0], target));
            assertThat(answer.error()).startsWith("Malformed query string: ");
        }
        for (String document : DOCUMENTS) {
            String target = document + "?" + malformedQuery(random);
            assertProblem(rawRequest("GET " + target, List.of()), 400, "seed %d: GET %s".formatted(seed, target));
        }
        for (String[] page : PAGES) {
            String target = page[1] + "?" + malformedQuery(random);
            assertThat(rawRequest(page[0] + " " + target, List.of()).status())
                    .as("seed %d: %s %s", seed, page[0], target)
                    .isEqualTo(400);
        }
        assertNoErrorLogged(output);
    }

    /**
     * Random bytes, percent-encoded: a query that decodes to UTF-8 is read, any other is a 400.
     * Raw bytes outside ASCII in the request target are refused by Tomcat itself, as problem JSON.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomQueryBytesAreReadWhenUtf8AndOtherwise400(long seed, CapturedOutput output) {
        Random random = new Random(seed);
        for (int i = 0; i < 8; i++) {
            byte[] bytes = new byte[1 + random.nextInt(12)];
            random.nextBytes(bytes);
            String target = "/api/users/?search=" + percentEncoded(bytes);

            ApiResponse answer = rawRequest("GET " + target, List.of("Authorization: Bearer " + staffToken));

            if (isUtf8(bytes)) {
                assertThat(answer.status())
                        .as("seed %d: %s -> %s", seed, target, answer)
                        .isEqualTo(200);
            } else {
                assertProblem(answer, 400, "seed %d: %s".formatted(seed, target));
            }
        }
        byte[] raw = new byte[1 + random.nextInt(8)];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0x80 + random.nextInt(0x80));
        }
        String target = "/api/users/?search=" + new String(raw, StandardCharsets.ISO_8859_1);
        assertProblem(rawRequest("GET " + target, List.of()), 400, "seed %d: raw bytes".formatted(seed));
        assertNoErrorLogged(output);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void malformedMultipartBodiesGet400AndWellFormedOnesAreRead(long seed, CapturedOutput output) {
        Random random = new Random(seed);
        for (String[] endpoint : ENDPOINTS) {
            String path = endpoint[1].replace("{id}", String.valueOf(random.nextInt(1000)));
            MultipartCase sent = randomMultipart(random);
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", sent.contentType()));
            if (random.nextBoolean()) {
                headers.put("Authorization", "Bearer " + staffToken);
            }

            // Multipart bodies go to operations that read none, and the server ignores them there:
            // only the answers are held to the document.
            ApiResponse response = api.withoutRequestCheck().send(endpoint[0], path, headers, sent.body());

            String what = "seed %d: %s %s %s (%s) -> %s"
                    .formatted(seed, endpoint[0], path, sent.contentType(), sent.kind(), response);
            assertThat(response.status()).as(what).isLessThan(500);
            if (sent.expectedError() == null) {
                assertThat(response.status() == 400 ? response.error() : "")
                        .as(what)
                        .isNotIn(MultipartBody.MALFORMED, MultipartBody.FILE_PART);
            } else {
                assertThat(response.status()).as(what).isEqualTo(400);
                assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
                assertThat(response.error()).as(what).isEqualTo(sent.expectedError());
            }
        }
        for (String[] page : PAGES) {
            MultipartCase sent = randomMultipart(random);
            ApiResponse response = api.send("POST", page[1], Map.of("Content-Type", sent.contentType()), sent.body());
            String what = "seed %d: POST %s (%s) -> %s".formatted(seed, page[1], sent.kind(), response.status());
            if (sent.expectedError() == null) {
                assertThat(response.status()).as(what).isLessThan(500).isNotEqualTo(400);
            } else {
                assertThat(response.status()).as(what).isEqualTo(400);
            }
        }
        assertNoErrorLogged(output);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unknownMethodsGet405WithThePathsAllow(long seed, CapturedOutput output) {
        Random random = new Random(seed);
        for (Map.Entry<String, Set<String>> path : ALLOWED.entrySet()) {
            String method = unknownMethod(random);
            String target = path.getKey().replace("{id}", String.valueOf(1 + random.nextInt(1000)));
            Map<String, String> headers =
                    random.nextBoolean() ? Map.of("Authorization", "Bearer " + staffToken) : Map.of();

            ApiResponse response = api.send(method, target, headers, random.nextBoolean() ? null : "{}".getBytes());

            String what = "seed %d: %s %s -> %s".formatted(seed, method, target, response);
            assertThat(response.status()).as(what).isEqualTo(405);
            assertThat(response.header("Allow").split(",\\s*"))
                    .as(what)
                    .containsExactlyInAnyOrderElementsOf(path.getValue());
            assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
        }
        for (String[] page : PAGES) {
            String method = unknownMethod(random);
            int unknown = api.send(method, page[1], Map.of(), null).status();
            int knownButUnsupported = api.send("PUT", page[1], Map.of(), null).status();
            assertThat(unknown)
                    .as("seed %d: %s %s answers like PUT", seed, method, page[1])
                    .isEqualTo(knownButUnsupported)
                    .isBetween(400, 499);
        }
        assertNoErrorLogged(output);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void headerSectionsOver8KibGet431(long seed, CapturedOutput output) {
        Random random = new Random(seed);
        String[][] targets = {
            pick(random, ENDPOINTS), {"GET", pick(random, DOCUMENTS)},
        };
        for (String[] target : targets) {
            List<String> headers = oversizedHeaders(random);
            String requestLine = target[0] + " " + target[1].replace("{id}", "1");

            assertProblem(rawRequest(requestLine, headers), 431, "seed %d: %s".formatted(seed, requestLine));
        }
        String[] page = pick(random, PAGES);
        assertThat(rawRequest(page[0] + " " + page[1], oversizedHeaders(random)).status())
                .as("seed %d: %s %s", seed, page[0], page[1])
                .isEqualTo(431);
        assertNoErrorLogged(output);
    }

    /** One multipart request: its content type and body, and the error it must get (null: none). */
    private record MultipartCase(String kind, String contentType, byte[] body, String expectedError) {}

    private static MultipartCase randomMultipart(Random random) {
        var form = new MultipartForm();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            // Every part has a name: a nameless part is a case of its own below.
            String name = pick(random, FIELDS);
            form.field(name.isEmpty() ? "name" : name, randomText(random, random.nextInt(30), false));
        }
        String withBoundary = form.contentType();
        return switch (random.nextInt(8)) {
            case 0 -> new MultipartCase("well-formed", withBoundary, form.bytes(), null);
            case 1 ->
                new MultipartCase(
                        "no boundary",
                        pick(
                                random,
                                "multipart/form-data",
                                "multipart/form-data;",
                                "Multipart/Form-Data; charset=utf-8"),
                        form.bytes(),
                        MultipartBody.MALFORMED);
            case 2 ->
                new MultipartCase(
                        "empty boundary",
                        pick(random, "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\""),
                        form.bytes(),
                        MultipartBody.MALFORMED);
            case 3 -> {
                byte[] content = new byte[random.nextInt(200)];
                random.nextBytes(content);
                form.file(pick(random, "avatar", "email", "file"), pick(random, "a.png", "", "résumé.pdf"), content);
                yield new MultipartCase("file part", withBoundary, form.bytes(), MultipartBody.FILE_PART);
            }
            case 4 -> {
                int length = form.truncated(Integer.MAX_VALUE).length;
                yield new MultipartCase(
                        "truncated", withBoundary, form.truncated(1 + random.nextInt(length)), MultipartBody.MALFORMED);
            }
            case 5 -> {
                byte[] noise = new byte[1 + random.nextInt(300)];
                random.nextBytes(noise);
                yield new MultipartCase("garbage", withBoundary, noise, MultipartBody.MALFORMED);
            }
            case 6 ->
                new MultipartCase(
                        "part without a name",
                        withBoundary,
                        ("--" + MultipartForm.BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--"
                                        + MultipartForm.BOUNDARY + "--\r\n")
                                .getBytes(StandardCharsets.US_ASCII),
                        MultipartBody.MALFORMED);
            default ->
                new MultipartCase(
                        "other boundary",
                        "multipart/form-data; boundary=elsewhere",
                        form.bytes(),
                        MultipartBody.MALFORMED);
        };
    }

    /**
     * A query with one defect among well-formed parameters: an empty name, a broken escape (put
     * last in its name or value, so that what follows cannot complete it), or text not UTF-8.
     */
    private static String malformedQuery(Random random) {
        String name = randomQueryWord(random);
        String defect = switch (random.nextInt(5)) {
            case 0 -> "=" + randomQueryWord(random);
            case 1 -> name + "=" + randomQueryWord(random) + pick(random, BROKEN_ESCAPES);
            case 2 -> name + pick(random, BROKEN_ESCAPES) + "=1";
            case 3 -> name + "=" + pick(random, INVALID_UTF8);
            default -> {
                byte[] bytes;
                do {
                    bytes = new byte[1 + random.nextInt(10)];
                    random.nextBytes(bytes);
                } while (isUtf8(bytes));
                yield name + "=" + percentEncoded(bytes);
            }
        };
        List<String> parameters = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            parameters.add(randomQueryWord(random) + "=" + randomQueryWord(random));
        }
        parameters.add(random.nextInt(parameters.size() + 1), defect);
        return String.join("&", parameters);
    }

    private static String randomQueryWord(Random random) {
        return URLEncoder.encode(randomText(random, 1 + random.nextInt(8), true), StandardCharsets.UTF_8);
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return encoded.toString();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static String unknownMethod(Random random) {
        if (random.nextBoolean()) {
            return pick(random, UNKNOWN_METHODS);
        }
        StringBuilder token = new StringBuilder("X");
        for (int i = random.nextInt(8); i >= 0; i--) {
            token.append((char) ('A' + random.nextInt(26)));
        }
        return token.toString();
    }

    /** Headers that together pass Tomcat's 8 KiB limit on the request head: one large or many small. */
    private static List<String> oversizedHeaders(Random random) {
        int total = 8_300 + random.nextInt(8_000);
        if (random.nextBoolean()) {
            return List.of("X-Padding: " + randomText(random, total, true));
        }
        List<String> headers = new ArrayList<>();
        for (int written = 0; written < total; written += 200) {
            headers.add("X-Padding-" + headers.size() + ": " + randomText(random, 180, true));
        }
        return headers;
    }

    private ApiResponse rawRequest(String requestLine, List<String> headers) {
        return RawHttp.request(api.port(), requestLine + " HTTP/1.1", headers, new byte[0]);
    }

    private static void assertProblem(ApiResponse answer, int status, String what) {
        assertThat(answer.status()).as("%s -> %s", what, answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).as(what).isEqualTo(status);
        assertThat(answer.body()).as(what).doesNotContain("Exception").doesNotContain("<html");
    }

    private static void assertNoErrorLogged(CapturedOutput output) {
        ProtocolTests.assertNoErrorLogged(output);
    }

    private Map<String, String> randomHeaders(Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(6)) {
            case 0 -> headers.put("Authorization", "Bearer " + staffToken);
            case 1 -> headers.put("Authorization", "Bearer " + randomText(random, 43, true));
            case 2 ->
                headers.put(
                        "Authorization",
                        pick(random, "Token", "Basic", "Bearer", "bearer  ", "Digest") + " "
                                + randomText(random, random.nextInt(80), true));
            case 3 -> headers.put("Authorization", "Bearer");
            default -> {}
        }
        String contentType = pick(random, CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        if (random.nextBoolean()) {
            headers.put("User-Agent", randomText(random, random.nextInt(2000), true));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", pick(random, "text/html", "application/xml", "*/*", "image/png", ";;;"));
        }
        return headers;
    }

    private static byte[] randomBody(Random random, String contentType) {
        if (random.nextInt(5) == 0) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            return noise;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            fields.put(pick(random, FIELDS), randomValue(random, 0));
        }
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            fields.forEach((name, value) -> form.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(
                            random.nextInt(5) == 0
                                    ? "%zz%"
                                    : URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8))
                    .append('&'));
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
        String json = toJson(fields);
        if (random.nextInt(6) == 0) {
            json = json.substring(0, random.nextInt(json.length() + 1));
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(300));
            case 4 -> randomText(random, random.nextInt(40), false);
            case 5 ->
                pick(
                        random,
                        "a@b.co",
                        "A@EXAMPLE.COM",
                        "x@[::1]",
                        "\"q\"@example.com",
                        "@",
                        "a@b",
                        "",
                        "1e999",
                        "true",
                        "0",
                        "ü@ü.de",
                        "\u0000@x.io",
                        "%00",
                        "-1",
                        "9".repeat(40),
                        PASSWORD);
            case 6 -> Arrays.asList(randomValue(random, depth + 1), randomValue(random, depth + 1));
            case 7 -> Collections.singletonMap("k", randomValue(random, depth + 1));
            default -> randomText(random, 300 + random.nextInt(5000), false);
        };
    }

    private static String randomText(Random random, int length, boolean headerSafe) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            if (headerSafe) {
                text.append((char) (0x21 + random.nextInt(0x5e)));
            } else {
                int kind = random.nextInt(10);
                text.appendCodePoint(
                        kind == 0
                                ? random.nextInt(0x20)
                                : kind == 1
                                        ? 0x80 + random.nextInt(0x2000)
                                        : kind == 2
                                                ? 0x1F600 + random.nextInt(0x50)
                                                : kind == 3
                                                        ? 0xD800 + random.nextInt(0x400)
                                                        : 0x20 + random.nextInt(0x5f));
            }
        }
        return text.toString();
    }

    private static String randomId(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> String.valueOf(random.nextInt(1000));
            case 1 -> "9".repeat(1 + random.nextInt(40));
            case 2 -> "-1";
            case 3 -> "%00";
            case 4 -> "me";
            case 5 -> "..%2F..%2Fetc";
            default -> URLEncoder.encode(randomText(random, 1 + random.nextInt(10), false), StandardCharsets.UTF_8);
        };
    }

    private static String randomMethod(Random random) {
        return pick(random, "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE");
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            StringBuilder json = new StringBuilder("\"");
            text.chars()
                    .forEach(c -> json.append(
                            c < 0x20 || c == '"' || c == '\\'
                                    ? String.format("\\u%04x", c)
                                    : String.valueOf((char) c)));
            return json.append('"').toString();
        }
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((name, member) -> members.add(toJson(String.valueOf(name)) + ":" + toJson(member)));
            return "{" + String.join(",", members) + "}";
        }
        if (value instanceof List<?> list) {
            return "["
                    + String.join(
                            ",", list.stream().map(RandomInputTests::toJson).toList()) + "]";
        }
        if (value instanceof Double number && (number.isInfinite() || number.isNaN())) {
            return "1e999";
        }
        return String.valueOf(value);
    }
}

package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random and malformed requests against every endpoint: bodies of every JSON shape and
 * broken encodings, odd content types, hostile headers and path ids. Whatever arrives, the answer
 * is never a 5xx and never a stack trace. A failing seed reproduces by itself.
 */
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

            ApiResponse response = api.send(method, path, headers, body);

            assertThat(response.status())
                    .as("seed %d: %s %s %s -> %s", seed, method, path, headers, response)
                    .isLessThan(500);
            assertThat(response.body())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("io.keyhold");
        }
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

package io.keyhold.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.ConsoleClient;
import io.keyhold.testing.MultipartForm;
import io.keyhold.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The HTTP conventions of SPEC §2: slashes, media types, sizes, methods and error bodies. */
@ExtendWith(OutputCaptureExtension.class)
public abstract class ProtocolTests extends ApiTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final List<String> HIDDEN_ACTUATOR_PATHS = List.of(
            "/actuator",
            "/actuator/env",
            "/actuator/beans",
            "/actuator/configprops",
            "/actuator/heapdump",
            "/actuator/threaddump",
            "/actuator/loggers",
            "/actuator/metrics",
            "/actuator/info",
            "/",
            "/api/users/",
            "/admin/",
            "/docs");
    private static final List<String> ACTUATOR_PATHS = Stream.concat(
                    Stream.of(
                            "/actuator/health",
                            "/actuator/health/readiness",
                            "/actuator/health/liveness",
                            "/actuator/prometheus"),
                    HIDDEN_ACTUATOR_PATHS.stream().filter(path -> path.startsWith("/actuator")))
            .toList();

    @ParameterizedTest
    @CsvSource({
        "GET, /api/users/me, 200",
        "GET, /api/users/me/, 200",
        "GET, /api/users/{id}, 200",
        "GET, /api/users/{id}/, 200",
        "PATCH, /api/users/me, 200",
        "PATCH, /api/users/{id}/, 200",
        "POST, /api/users/logout, 200",
        "POST, /api/users/logout/, 200",
    })
    void everyPathAnswersWithAndWithoutTrailingSlash(String method, String path, int status) {
        Account account = newUser();
        String token = tokenOf(account);

        ApiResponse response = api.send(
                method,
                path.replace("{id}", String.valueOf(account.id())),
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                // Of these, only PATCH takes a body: the API document lists none for GET or logout.
                method.equals("PATCH") ? "{}".getBytes(StandardCharsets.UTF_8) : null);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Location")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/users/"})
    void signupAnswersWithAndWithoutTrailingSlash(String path) {
        ApiResponse response = api.postJson(path, null, Map.of("email", uniqueEmail(), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users/login", "/api/users/login/"})
    void loginAnswersWithAndWithoutTrailingSlash(String path) {
        Account account = newUser();

        ApiResponse response = api.postJson(path, null, Map.of("email", account.email(), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void bodyOfExactly64KibIsReadAndOneByteMoreIs413() {
        byte[] exact = paddedJson(65_536);
        byte[] over = paddedJson(65_537);

        ApiResponse read = api.send("POST", "/api/users/", JSON, exact);
        ApiResponse refused = api.send("POST", "/api/users/", JSON, over);

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.fieldErrors("email")).containsExactly("This field is required.");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeThen415() {
        ApiResponse response =
                api.send("POST", "/api/users/", Map.of("Content-Type", "text/plain"), "hello".getBytes());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error()).isEqualTo("Unsupported media type \"text/plain\" in request.");
    }

    @Test
    void malformedJsonThen400() {
        ApiResponse response = api.send("POST", "/api/users/login/", JSON, "{\"email\": ".getBytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
    }

    @Test
    void jsonThatIsNotAnObjectThen400() {
        ApiResponse response = api.send("POST", "/api/users/", JSON, "[\"a\"]".getBytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid data. Expected a dictionary, but got list.");
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /api/users/login/, POST",
        "PUT, /api/users/logout/, POST",
        "POST, /api/users/me/, 'GET,PUT,PATCH,DELETE'"
    })
    void unsupportedMethodThen405WithAllow(String method, String path, String allowed) {
        ApiResponse response = api.send(method, path, Map.of(), null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow").split(",\\s*")).containsExactlyInAnyOrder(allowed.split(","));
        assertThat(response.error()).isEqualTo("Method \"" + method + "\" not allowed.");
    }

    @ParameterizedTest
    @CsvSource({
        "QUERY, /api/users/login/, POST",
        "FOO, /api/users/logout/, POST",
        "PROPFIND, /api/users/me/, 'GET,PUT,PATCH,DELETE'",
        "QUERY, /api/users/, 'GET,POST'",
        "FOO, /reset-password, 'GET,POST'"
    })
    void unknownMethodThen405WithThePathsAllow(String method, String path, String allowed, CapturedOutput output) {
        ApiResponse response = api.send(method, path, Map.of(), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(405);
        assertThat(response.header("Allow").split(",\\s*")).containsExactlyInAnyOrder(allowed.split(","));
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.error()).isEqualTo("Method \"" + method + "\" not allowed.");
        assertNoErrorLogged(output);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/users/?=x",
                "/api/users/?a=%",
                "/api/users/?%ZZ=1",
                "/api/users/me/?x=%FF",
                "/api/users/login/?a=%C3%28",
                "/actuator/health?x=%FF",
                "/docs?=x",
                "/v3/api-docs?x=%FF"
            })
    void malformedQueryStringThen400Problem(String target, CapturedOutput output) {
        ApiResponse answer = RawHttp.request(api.port(), "GET " + target + " HTTP/1.1", List.of(), new byte[0]);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.error()).startsWith("Malformed query string: ");
        assertNoErrorLogged(output);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /admin/login?=x",
                "GET /admin/users?q=%FF",
                "POST /admin/login?a=%",
                "GET /reset-password?token=%ZZ",
                "POST /verify-email?=1"
            })
    void malformedQueryStringOnConsoleAndLinkPagesThen400(String requestLine, CapturedOutput output) {
        ApiResponse answer = RawHttp.request(api.port(), requestLine + " HTTP/1.1", List.of(), new byte[0]);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertNoErrorLogged(output);
    }

    @Test
    void wellFormedQueryStringsStillRead() {
        String token = tokenOf(newStaff());

        ApiResponse list = api.get("/api/users/?search=Test+User&&page_size=1&ordering=", token);

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("results")).hasSize(1);
    }

    @Test
    void tooManyQueryParametersThen400Problem() {
        StringBuilder query = new StringBuilder("a=0");
        for (int i = 1; i <= QueryStringFilter.MAX_PARAMETERS; i++) {
            query.append("&a=").append(i);
        }

        ApiResponse response = api.get("/api/users/me/?" + query, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Too many query parameters: at most 1000.");
    }

    @Test
    void headerSectionOver8KibThen431Problem(CapturedOutput output) {
        ApiResponse answer = RawHttp.request(
                api.port(), "GET /api/users/me/ HTTP/1.1", List.of("X-Padding: " + "a".repeat(8_200)), new byte[0]);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(431);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.error()).isEqualTo("Request Header Fields Too Large.");
        assertThat(answer.body()).doesNotContain("Tomcat").doesNotContain("<html");
        assertNoErrorLogged(output);
    }

    @Test
    void twoContentLengthsThen400Problem(CapturedOutput output) {
        ApiResponse answer = RawHttp.request(
                api.port(),
                "POST /api/users/login/ HTTP/1.1",
                List.of("Content-Type: application/json", "Content-Length: 2", "Content-Length: 3"),
                "{}".getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.error()).isEqualTo("Bad Request.");
        assertNoErrorLogged(output);
    }

    @Test
    void unknownTransferCodingThen501Problem(CapturedOutput output) {
        ApiResponse answer = RawHttp.request(
                api.port(),
                "POST /api/users/login/ HTTP/1.1",
                List.of("Content-Type: application/json", "Transfer-Encoding: xchunked"),
                "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(501);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.error()).isEqualTo("Not Implemented.");
        assertNoErrorLogged(output);
    }

    @Test
    void multipartLoginThen200WithTokenLikeJson() {
        Account account = newUser();

        ApiResponse response = api.postMultipart(
                "/api/users/login/",
                null,
                MultipartForm.of(Map.of("email", account.email(), "password", account.password())));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("token")).isNotBlank();
        assertThat(api.get("/api/users/me/", response.text("token")).status()).isEqualTo(200);
    }

    @Test
    void multipartSignupThen201WithUtf8AndDeclaredCharsetText() {
        String email = uniqueEmail();
        var form = new MultipartForm()
                .field("email", email)
                .field("password", PASSWORD)
                .field("name", "Zoë Ørsted")
                .field("gender", "né", StandardCharsets.ISO_8859_1);

        ApiResponse response = api.postMultipart("/api/users/", null, form);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.text("name")).isEqualTo("Zoë Ørsted");
        assertThat(response.text("gender")).isEqualTo("né");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void multipartSignupWithFilePartThen400AndNothingStored() {
        String email = uniqueEmail();
        var form = new MultipartForm()
                .field("email", email)
                .field("password", PASSWORD)
                .file("avatar", "me.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        ApiResponse response = api.postMultipart("/api/users/", null, form);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.error()).isEqualTo(MultipartBody.FILE_PART);
        assertThat(userAccounts.findByEmail(email)).isEmpty();
    }

    @Test
    void multipartPatchChangesTheUserLikeJson() {
        Account account = newUser();
        String token = tokenOf(account);

        ApiResponse response =
                api.patchMultipart("/api/users/me/", token, MultipartForm.of(Map.of("name", "Multipart Name")));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("name")).isEqualTo("Multipart Name");
        assertThat(api.get("/api/users/me/", token).text("name")).isEqualTo("Multipart Name");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"",
                "multipart/form-data; boundary=not-the-one"
            })
    void multipartWithoutItsBoundaryThen400Problem(String contentType, CapturedOutput output) {
        Account account = newUser();
        byte[] body = MultipartForm.of(Map.of("email", account.email(), "password", account.password()))
                .bytes();

        ApiResponse response = api.send("POST", "/api/users/login/", Map.of("Content-Type", contentType), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.error()).isEqualTo(MultipartBody.MALFORMED);
        assertNoErrorLogged(output);
    }

    @Test
    void multipartWithoutClosingDelimiterThen400() {
        var form = MultipartForm.of(Map.of("email", uniqueEmail(), "password", PASSWORD));
        byte[] truncated = form.truncated(Integer.MAX_VALUE);

        ApiResponse response = api.send("POST", "/api/users/", Map.of("Content-Type", form.contentType()), truncated);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo(MultipartBody.MALFORMED);
    }

    @Test
    void consoleLoginByMultipartFormReadsItsCsrfField() {
        Account staff = newStaff();
        var console = new ConsoleClient(api.url(""));
        console.get("/admin/login");

        var withoutToken = console.postMultipart(
                "/admin/login", Map.of("_csrf", "", "email", staff.email(), "password", staff.password()));
        var withToken =
                console.postMultipart("/admin/login", Map.of("email", staff.email(), "password", staff.password()));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withToken.status()).as(withToken.body()).isEqualTo(302);
        assertThat(console.get("/admin/").status()).isEqualTo(200);
    }

    @Test
    void sameFailureTwiceThenByteIdenticalBodies() {
        ApiResponse first = login("nobody@example.com", "wrong-password");
        ApiResponse second = login("nobody@example.com", "wrong-password");

        assertThat(first.body()).isEqualTo(second.body());
        assertThat(first.json().propertyNames()).containsExactly("type", "title", "status", "error");
    }

    @Test
    void unknownPathAndNonNumericIdThen404ProblemJson() {
        String token = tokenOf(newStaff());

        assertThat(api.get("/api/nothing-here", token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/abc/", token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/99999999999999999999999/", token).status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/abc/", token).header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void managementPortShowsHealthAndMetricsOnly() {
        assertThat(management.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus", null).status()).isEqualTo(200);
        for (String hidden : HIDDEN_ACTUATOR_PATHS) {
            ApiResponse refused = management.get(hidden, null);
            assertThat(refused.status()).as(hidden).isEqualTo(404);
            assertThat(refused.header("Content-Type")).as(hidden).startsWith("application/problem+json");
        }
    }

    @Test
    void publicPortServesNoActuatorEndpointAtAll() {
        for (String path : ACTUATOR_PATHS) {
            ApiResponse refused = api.get(path, null);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(refused.body()).as(path).doesNotContain("UP", "jvm_", "keyhold_");
        }
    }

    @Test
    void prometheusShowsLoginOutcomesSignupsSessionsAndHashing() {
        Account account = newUser();
        tokenOf(account);
        login(account.email(), "wrong-password");
        signup(Map.of("email", uniqueEmail(), "password", PASSWORD));

        String metrics = management.get("/actuator/prometheus", null).body();

        assertThat(metrics)
                .contains("keyhold_logins_total{outcome=\"success\"")
                .contains("keyhold_logins_total{outcome=\"bad_credentials\"")
                .contains("keyhold_signups_total")
                .contains("keyhold_lockouts_total")
                .contains("keyhold_sessions_live")
                .contains("keyhold_passwords_hash_seconds_count")
                .contains("keyhold_passwords_hash_wait_seconds_count");
        // The gauge is a query: a broken one would show NaN, not a count of live sessions.
        Matcher live = Pattern.compile("(?m)^keyhold_sessions_live\\S* (\\S+)$").matcher(metrics);
        assertThat(live.find()).isTrue();
        assertThat(Double.parseDouble(live.group(1))).isGreaterThanOrEqualTo(1.0);
    }

    /** Whatever went wrong was the client's: nothing at ERROR, no stack trace in the log. */
    public static void assertNoErrorLogged(CapturedOutput output) {
        // A mail another suite queued may give up on its SMTP server, which that suite has stopped, while this
        // one runs in the same JVM: an ERROR of the mail outbox, not of the request under test.
        assertThat(output.getAll().lines().filter(line -> !line.contains("Gave up on mail to")))
                .noneMatch(line -> line.contains(" ERROR "))
                .noneMatch(line -> line.contains("\tat "));
    }

    /** A JSON object of exactly {@code size} bytes that Keyhold reads as a signup without an email. */
    private static byte[] paddedJson(int size) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }
}

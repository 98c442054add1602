package io.keyhold.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyhold.testing.Api;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest.Account;
import io.keyhold.testing.DeployedKeyhold;
import io.keyhold.testing.Installed;
import io.keyhold.testing.Nginx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §14 and the README's "Applications": Debian's nginx, configured with the README's
 * {@code auth_request} snippet, lets through to the application exactly the requests that carry a
 * token Keyhold holds live, hands the application who the user is in {@code X-Keyhold-*} headers
 * that the client cannot forge, and stops letting a user through the moment they log out. Keyhold
 * is the built jar; the application is a small server in this JVM that echoes the headers it got.
 */
@Installed(value = Nginx.EXECUTABLE, by = "apt-get install -y nginx")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxAuthRequestIT {

    private static final String TEMPLATE = "nginx/auth-request.conf";
    private static final String COOKIE = "kh_token";
    private static final String PATH = "/orders/42";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeployedKeyhold keyhold;
    private HeaderEcho app;
    private Nginx nginx;
    private Api proxy;

    @BeforeAll
    void start(@TempDir Path directory) {
        keyhold = DeployedKeyhold.start(directory.resolve("keyhold"), "--keyhold.forward-auth.cookie=" + COOKIE);
        app = new HeaderEcho();
        nginx = Nginx.start(
                directory.resolve("nginx"),
                TEMPLATE,
                Map.of("keyhold", "127.0.0.1:" + keyhold.port(), "app", app.address()));
        proxy = Api.otherServer(nginx.port());
    }

    @AfterEach
    void nginxStillRuns() {
        nginx.assertRunning();
    }

    @AfterAll
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (app != null) {
            app.close();
        }
        if (keyhold != null) {
            keyhold.close();
        }
    }

    @Test
    void liveTokenThenTheAppSeesWhoTheUserIs() {
        Account user = keyhold.newUser();
        Account staff = keyhold.newStaff();

        ApiResponse asUser = proxy.get(PATH, keyhold.login(user));
        ApiResponse asStaff = proxy.get(PATH, keyhold.login(staff));

        assertThat(echoed(asUser)).isEqualTo(headersOf(user, "false"));
        assertThat(echoed(asStaff)).isEqualTo(headersOf(staff, "true"));
    }

    @Test
    void noTokenThen401AndTheAppIsNeverAsked() {
        int before = app.requests();

        ApiResponse answer = proxy.get(PATH, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(app.requests()).isEqualTo(before);
    }

    @Test
    void unknownTokenThen401AndTheAppIsNeverAsked() {
        int before = app.requests();

        for (String token : List.of("A".repeat(43), "not-a-token")) {
            assertThat(proxy.get(PATH, token).status()).as(token).isEqualTo(401);
        }
        assertThat(app.requests()).isEqualTo(before);
    }

    /** A write is checked like a read: nginx's subrequest is a GET, the one method /api/auth/verify/ answers. */
    @Test
    void postWithBodyThenCheckedTheSameWay() {
        Account user = keyhold.newUser();
        int before = app.requests();

        ApiResponse withToken = proxy.postJson(PATH, keyhold.login(user), Map.of("quantity", 3));
        ApiResponse withoutToken = proxy.postJson(PATH, null, Map.of("quantity", 3));

        assertThat(echoed(withToken)).isEqualTo(headersOf(user, "false"));
        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(app.requests()).isEqualTo(before + 1);
    }

    @Test
    void logoutEndsAccessAtTheVeryNextRequest() {
        String token = keyhold.login(keyhold.newUser());
        assertThat(proxy.get(PATH, token).status()).isEqualTo(200);

        keyhold.logout(token);

        assertThat(proxy.get(PATH, token).status()).isEqualTo(401);
    }

    @Test
    void forgedXKeyholdHeadersNeverReachTheApp() {
        Account user = keyhold.newUser();
        Account victim = keyhold.newStaff();
        Map<String, String> forged = Map.of(
                "X-Keyhold-Email",
                victim.email(),
                "X-Keyhold-User-Id",
                String.valueOf(victim.id()),
                // Header names are case-insensitive: another spelling is the same header.
                "x-KEYHOLD-staff",
                "true",
                "X-Keyhold-Email-Verified",
                "true");
        var forgedWithToken = new TreeMap<>(forged);
        forgedWithToken.put("Authorization", "Bearer " + keyhold.login(user));
        int before = app.requests();

        ApiResponse withoutToken = proxy.send("GET", PATH, forged, null);
        ApiResponse withUsersToken = proxy.send("GET", PATH, forgedWithToken, null);

        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(echoed(withUsersToken)).isEqualTo(headersOf(user, "false"));
        assertThat(app.requests()).isEqualTo(before + 1);
    }

    @Test
    void tokenInTheConfiguredCookiePassesThroughNginxUntilLogout() {
        Account user = keyhold.newUser();
        String token = keyhold.login(user);
        Map<String, String> cookie = Map.of("Cookie", "theme=dark; " + COOKIE + "=" + token);

        ApiResponse passed = proxy.send("GET", PATH, cookie, null);
        keyhold.logout(token);
        ApiResponse afterLogout = proxy.send("GET", PATH, cookie, null);

        assertThat(echoed(passed)).isEqualTo(headersOf(user, "false"));
        assertThat(afterLogout.status()).isEqualTo(401);
    }

    /** The configuration tested here is the one the README gives operators, so the two cannot drift apart. */
    @Test
    void readmeSnippetIsTheTestedConfiguration() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher snippet = Pattern.compile("```nginx\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(snippet.find()).as("an nginx snippet in README.md").isTrue();

        assertThat(testedLocations().replace("@keyhold@", "keyhold:8000").replace("@app@", "app:8080"))
                .isEqualTo(snippet.group(1));
    }

    /** The template's lines between its README.md markers, without the server block's indentation. */
    private static String testedLocations() {
        String template = Nginx.template(TEMPLATE);
        String between = template.substring(
                template.indexOf('\n', template.indexOf("# README.md begins")) + 1,
                template.lastIndexOf('\n', template.indexOf("# README.md ends")) + 1);
        return Arrays.stream(between.split("\n", -1))
                .map(line -> line.replaceFirst("^ {8}", ""))
                .collect(Collectors.joining("\n"));
    }

    /** What the application should see for {@code account}: each header once, with Keyhold's value. */
    private static Map<String, List<String>> headersOf(Account account, String staff) {
        return Map.of(
                "x-keyhold-user-id", List.of(String.valueOf(account.id())),
                "x-keyhold-email", List.of(account.email()),
                "x-keyhold-staff", List.of(staff),
                // Users made over the API have not confirmed their address by mail.
                "x-keyhold-email-verified", List.of("false"));
    }

    /** The X-Keyhold-* headers the application received, as it echoed them. */
    private static Map<String, List<String>> echoed(ApiResponse answer) {
        assertThat(answer.status()).as("through nginx: %s", answer).isEqualTo(200);
        return JSON.readValue(answer.body(), new TypeReference<Map<String, List<String>>>() {});
    }

    /**
     * The application behind nginx: answers every request with the {@code X-Keyhold-*} headers it
     * received (names in lower case, every value of each), and counts the requests it got.
     */
    private static final class HeaderEcho implements AutoCloseable {

        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        HeaderEcho() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
            server.createContext("/", this::echo);
            server.start();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        int requests() {
            return requests.get();
        }

        private void echo(HttpExchange exchange) throws IOException {
            requests.incrementAndGet();
            Map<String, List<String>> received = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-keyhold-")) {
                    received.computeIfAbsent(lower, key -> new ArrayList<>()).addAll(values);
                }
            });
            byte[] body = JSON.writeValueAsBytes(received);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

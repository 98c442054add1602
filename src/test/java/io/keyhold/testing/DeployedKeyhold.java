package io.keyhold.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiTest.Account;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyhold as an operator deploys it in front of applications (SPEC §14): the built jar, started
 * with a bootstrap superuser, who creates the API clients and the users the integration suites
 * need. Everything goes through the public API, as it would for the operator.
 */
public final class DeployedKeyhold implements AutoCloseable {

    private static final String SUPERUSER = "admin@example.com";

    private final KeyholdProcess process;
    private final Api api;
    private final String superuserToken;

    /** An API client's credentials; the secret stays out of test reports. */
    public record Client(String clientId, String secret) {

        @Override
        public String toString() {
            return "Client[" + clientId + ", secret hidden]";
        }
    }

    /** A webhook endpoint (SPEC §15) and its signing secret; the secret stays out of test reports. */
    public record Webhook(long id, String secret) {

        @Override
        public String toString() {
            return "Webhook[" + id + ", secret hidden]";
        }
    }

    private DeployedKeyhold(KeyholdProcess process) {
        this.process = process;
        this.api = process.api();
        this.superuserToken = login(new Account(0, SUPERUSER, ApiTest.PASSWORD));
    }

    /**
     * {@code java -jar target/keyhold.jar} in {@code directory} (its H2 database lands there), with
     * {@code arguments} added to the server's own.
     */
    public static DeployedKeyhold start(Path directory, String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--keyhold.bootstrap.admin.email=" + SUPERUSER,
                "--keyhold.bootstrap.admin.password=" + ApiTest.PASSWORD,
                // Every login of a suite comes from 127.0.0.1; the limits have tests of their own.
                "--keyhold.rate-limits.login=0",
                "--keyhold.rate-limits.signup=0"));
        all.addAll(List.of(arguments));
        return new DeployedKeyhold(KeyholdProcess.start(KeyholdProcess.Launch.builtJar(), directory, all));
    }

    public int port() {
        return process.port();
    }

    /** An absolute URL on the public port. */
    public String url(String path) {
        return api.url(path);
    }

    public Api api() {
        return api;
    }

    /** {@code POST /api/clients/} as the superuser: the only time the secret is shown. */
    public Client newClient(String name) {
        ApiResponse created = api.postJson("/api/clients/", superuserToken, Map.of("name", name));
        assertThat(created.status()).as("create client: %s", created).isEqualTo(201);
        return new Client(created.text("client_id"), created.text("client_secret"));
    }

    /**
     * {@code POST /api/webhooks/} as the superuser: an endpoint at {@code url} for {@code events}; the
     * only time its secret is shown.
     */
    public Webhook newWebhook(String url, List<String> events) {
        ApiResponse created = api.postJson("/api/webhooks/", superuserToken, Map.of("url", url, "events", events));
        assertThat(created.status()).as("create webhook: %s", created).isEqualTo(201);
        return new Webhook(created.id(), created.text("secret"));
    }

    /** For the superuser's own requests (webhooks, clients): a live token of the bootstrap superuser. */
    public String superuserToken() {
        return superuserToken;
    }

    public Account newUser() {
        return newAccount(false);
    }

    public Account newStaff() {
        return newAccount(true);
    }

    private Account newAccount(boolean staff) {
        String email = ApiTest.uniqueEmail();
        ApiResponse created = api.postJson(
                "/api/users/",
                superuserToken,
                Map.of("email", email, "password", ApiTest.PASSWORD, "name", "Ada Lovelace", "is_staff", staff));
        assertThat(created.status()).as("signup of %s: %s", email, created).isEqualTo(201);
        return new Account(created.id(), email, ApiTest.PASSWORD);
    }

    /** A new token of the account's, from {@code POST /api/users/login/}. */
    public String login(Account account) {
        ApiResponse login = api.postJson(
                "/api/users/login/", null, Map.of("email", account.email(), "password", account.password()));
        assertThat(login.status()).as("login of %s: %s", account.email(), login).isEqualTo(200);
        return login.text("token");
    }

    /** {@code POST /api/users/logout/}: the token ends. */
    public void logout(String token) {
        assertThat(api.post("/api/users/logout/", token).status()).isEqualTo(200);
    }

    /** The superuser sets {@code is_active} false; the account's tokens stop working. */
    public void deactivate(Account account) {
        ApiResponse patched =
                api.patchJson("/api/users/" + account.id() + "/", superuserToken, Map.of("is_active", false));
        assertThat(patched.status())
                .as("deactivate %s: %s", account.email(), patched)
                .isEqualTo(200);
    }

    /** {@code kill -9}: its exit status (137). */
    public int kill() {
        return process.kill();
    }

    /** The same server again, on the same database, directory and ports, after {@link #kill()}. */
    public void restart() {
        process.restart();
    }

    /** The server's output, for failure messages. */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}

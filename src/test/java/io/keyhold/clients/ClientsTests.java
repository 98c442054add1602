package io.keyhold.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.cli.KeyholdCommandLine;
import io.keyhold.problems.FieldErrors;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.ConsoleClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** API clients, RFC 7662 introspection and forward authentication (SPEC §14). */
@TestPropertySource(properties = "keyhold.forward-auth.cookie=kh_token")
abstract class ClientsTests extends ApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Autowired
    private ApplicationContext context;

    @Autowired
    private JdbcClient jdbc;

    @LocalServerPort
    private int port;

    private record Client(long id, String clientId, String secret) {}

    private Client newClient(String superuserToken) {
        ApiResponse created = api.postJson("/api/clients/", superuserToken, Map.of("name", "Billing service"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Client(created.id(), created.text("client_id"), created.text("client_secret"));
    }

    private ApiResponse introspectForm(Client client, String token) {
        return api.postForm(
                "/api/introspect/",
                null,
                "token=" + token + "&client_id=" + client.clientId() + "&client_secret=" + client.secret());
    }

    @Test
    void createWhenSuperuserThen201WithSecretShownOnceAndListedWithout() {
        String superuser = tokenOf(newSuperuser());

        ApiResponse created = api.postJson("/api/clients/", superuser, Map.of("name", "Billing service"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(PUBLIC_URL + "/api/clients/" + created.id() + "/");
        assertThat(created.text("client_id")).matches("kh_[A-Za-z0-9_-]{16}");
        String secret = created.text("client_secret");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.text("name")).isEqualTo("Billing service");
        assertThat(created.text("created_at")).isNotBlank();

        ApiResponse list = api.get("/api/clients/?page_size=100", superuser);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("count").asLong()).isPositive();
        assertThat(list.body()).contains(created.text("client_id")).doesNotContain(secret, "secret");

        ApiResponse audit = api.get("/api/audit/?type=client_created&page_size=100", superuser);
        assertThat(audit.body()).contains(created.text("client_id")).doesNotContain(secret);
    }

    @Test
    void createWhenStaffNotSuperuserThen403AndAnonymous401() {
        String staff = tokenOf(newStaff());

        assertThat(api.postJson("/api/clients/", staff, Map.of("name", "x")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/clients/", staff).status()).isEqualTo(403);
        assertThat(api.delete("/api/clients/1/", staff).status()).isEqualTo(403);
        assertThat(api.postJson("/api/clients/", null, Map.of("name", "x")).status())
                .isEqualTo(401);
        assertThat(api.get("/api/clients/", null).status()).isEqualTo(401);
    }

    @Test
    void createWhenNameMissingBlankTooLongOrHiddenThen400() {
        String superuser = tokenOf(newSuperuser());

        for (Map<String, String> body : java.util.List.of(
                Map.<String, String>of(),
                Map.of("name", "  "),
                Map.of("name", "x".repeat(101)),
                Map.of("name", "Billing\u202Eecivres"),
                Map.of("name", "Billing \uD800"))) {
            ApiResponse refused = api.postJson("/api/clients/", superuser, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.fieldErrors("name")).as(body.toString()).isNotEmpty();
        }
    }

    @Test
    void deleteThen204AndClientCanNoLongerIntrospectAndUnknown404() {
        String superuser = tokenOf(newSuperuser());
        Client client = newClient(superuser);
        String token = tokenOf(newUser());
        assertThat(introspect(client.clientId(), client.secret(), token).status())
                .isEqualTo(200);
        // Only the canonical spelling names a client, so a proxy rule for one id cannot be walked around.
        for (String spelling : java.util.List.of("+" + client.id(), "0" + client.id(), "%D9%A6")) {
            assertThat(api.withoutRequestCheck()
                            .delete("/api/clients/" + spelling + "/", superuser)
                            .status())
                    .as(spelling)
                    .isEqualTo(404);
        }

        assertThat(api.delete("/api/clients/" + client.id() + "/", superuser).status())
                .isEqualTo(204);

        ApiResponse refused = introspect(client.clientId(), client.secret(), token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Basic realm=\"keyhold\"");
        assertThat(api.delete("/api/clients/" + client.id() + "/", superuser).status())
                .isEqualTo(404);
        ApiResponse audit = api.get("/api/audit/?type=client_deleted&page_size=100", superuser);
        assertThat(audit.body()).contains(client.clientId()).doesNotContain(client.secret());
    }

    @Test
    void deleteOnAnotherNodeThenRefusedHereOnceTheKeptSecondHasPassedAndTokensStillEndAtOnce() {
        Client client = newClient(tokenOf(newSuperuser()));
        String token = tokenOf(newUser());
        String live = tokenOf(newUser());
        assertThat(introspect(client.clientId(), client.secret(), token)
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();

        // What another node's DELETE /api/clients/{id}/ leaves in the shared database.
        jdbc.sql("DELETE FROM api_clients WHERE id = ?").param(client.id()).update();
        assertThat(api.post("/api/users/logout/", token).status()).isEqualTo(200);

        ApiResponse withinTheSecond = introspect(client.clientId(), client.secret(), token);
        assertThat(withinTheSecond.status()).isEqualTo(200);
        assertThat(withinTheSecond.json().path("active").asBoolean())
                .as("a logout reaches introspection at once: tokens are never kept")
                .isFalse();
        assertThat(introspect(client.clientId(), "not-the-secret", live).status())
                .as("a wrong secret is refused against the kept hash")
                .isEqualTo(401);

        clock.advance(ClientSecretHashes.KEPT_FOR);
        assertThat(introspect(client.clientId(), client.secret(), live).status())
                .isEqualTo(401);
    }

    @Test
    void introspectWhenLiveTokenThenActiveWithTheUsersMembers() {
        Client client = newClient(tokenOf(newSuperuser()));
        Account user = newUser();
        Instant before = Instant.now().minusSeconds(1);
        String token = tokenOf(user);

        ApiResponse answer = introspect(client.clientId(), client.secret(), token);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("active").asBoolean()).isTrue();
        assertThat(json.path("sub").isString()).isTrue();
        assertThat(json.path("sub").asString()).isEqualTo(String.valueOf(user.id()));
        assertThat(json.path("username").asString()).isEqualTo(user.email());
        assertThat(json.path("email").asString()).isEqualTo(user.email());
        assertThat(json.path("name").asString()).isEqualTo("Test User");
        assertThat(json.path("is_staff").asBoolean()).isFalse();
        assertThat(json.path("is_superuser").asBoolean()).isFalse();
        assertThat(json.path("email_verified").asBoolean()).isFalse();
        assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
        long iat = json.path("iat").asLong();
        assertThat(iat).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond() + 1);
        // The idle limit (7 days by default) comes first, well before the absolute one (30 days).
        assertThat(json.path("exp").asLong() - iat)
                .isBetween(
                        Duration.ofDays(7).toSeconds() - 2, Duration.ofDays(7).toSeconds() + 2);
    }

    @Test
    void introspectWithFormCredentialsAndJsonBodyThenActive() {
        Client client = newClient(tokenOf(newSuperuser()));
        String token = tokenOf(newUser());

        assertThat(introspectForm(client, token).json().path("active").asBoolean())
                .isTrue();
        ApiResponse json = api.postJson(
                "/api/introspect/",
                null,
                Map.of("token", token, "client_id", client.clientId(), "client_secret", client.secret()));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("active").asBoolean()).isTrue();
    }

    @Test
    void introspectWhenLoggedOutDeactivatedOrGarbageThenInactiveOnly() {
        String superuser = tokenOf(newSuperuser());
        Client client = newClient(superuser);
        String loggedOut = tokenOf(newUser());
        assertThat(api.post("/api/users/logout/", loggedOut).status()).isEqualTo(200);
        Account deactivated = newUser();
        String ofDeactivated = tokenOf(deactivated);
        assertThat(api.patchJson("/api/users/" + deactivated.id() + "/", superuser, Map.of("is_active", false))
                        .status())
                .isEqualTo(200);

        for (String token : java.util.List.of(loggedOut, ofDeactivated, "garbage", "A".repeat(43))) {
            ApiResponse answer = introspect(client.clientId(), client.secret(), token);
            assertThat(answer.status()).as(token).isEqualTo(200);
            assertThat(answer.json().propertyNames()).as(token).containsExactly("active");
            assertThat(answer.json().path("active").asBoolean()).as(token).isFalse();
        }
    }

    @Test
    void introspectWhenWrongSecretUnknownOrNoClientThen401WithBasicChallenge() {
        Client client = newClient(tokenOf(newSuperuser()));
        String token = tokenOf(newUser());

        // One character off: a secret that already starts with "x" gets a "y".
        String wrongSecret =
                (client.secret().startsWith("x") ? "y" : "x") + client.secret().substring(1);
        ApiResponse wrong = introspect(client.clientId(), wrongSecret, token);
        ApiResponse unknown = introspect("kh_nobody", client.secret(), token);
        ApiResponse none = api.postForm("/api/introspect/", null, "token=" + token);
        // Bytes no client id has, which a database would refuse to even compare.
        ApiResponse nulInBasic = introspect("kh_\u0000", "x", token);
        ApiResponse nulInForm = api.postForm(
                "/api/introspect/",
                null,
                "token=" + token + "&client_id=kh_%00" + client.clientId().substring(4) + "&client_secret=x");

        assertThat(nulInForm.status())
                .as("as every form field with one is refused")
                .isEqualTo(400);
        assertThat(nulInForm.fieldErrors("client_id")).containsExactly("Null characters are not allowed.");
        for (ApiResponse refused : java.util.List.of(wrong, unknown, none, nulInBasic)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Basic realm=\"keyhold\"");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.error()).isEqualTo(InvalidClient.MESSAGE);
        }
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    void introspectWhenNoTokenThen400AndWhenGetThen405AndAnswersAreNeverCached() {
        Client client = newClient(tokenOf(newSuperuser()));

        ApiResponse noToken = api.postForm(
                "/api/introspect/", null, "client_id=" + client.clientId() + "&client_secret=" + client.secret());
        ApiResponse get = api.withoutRequestCheck().get("/api/introspect/", null);
        ApiResponse live = introspect(client.clientId(), client.secret(), tokenOf(newUser()));

        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.fieldErrors("token")).containsExactly(FieldErrors.REQUIRED);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        assertThat(live.header("Cache-Control")).contains("no-store");
    }

    @Test
    void introspectTouchesASessionAtMostOnceAMinuteAsAnyUseDoesAndAnIdleOneIsInactive() {
        Client client = newClient(tokenOf(newSuperuser()));
        String token = tokenOf(newUser());
        long exp = introspect(client.clientId(), client.secret(), token)
                .json()
                .path("exp")
                .asLong();

        clock.advance(Duration.ofSeconds(30));
        assertThat(introspect(client.clientId(), client.secret(), token)
                        .json()
                        .path("exp")
                        .asLong())
                .as("used within the minute: not written, so the idle expiry stays")
                .isEqualTo(exp);
        clock.advance(Duration.ofSeconds(31));
        assertThat(introspect(client.clientId(), client.secret(), token)
                        .json()
                        .path("exp")
                        .asLong())
                .as("a minute after the last write: the use is recorded, as any request records it")
                .isEqualTo(exp + 61);

        clock.advance(Duration.ofDays(7));
        assertThat(introspect(client.clientId(), client.secret(), token)
                        .json()
                        .path("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void introspectWhenConsoleSessionTokenThenInactive() {
        Client client = newClient(tokenOf(newSuperuser()));
        Account staff = newStaff();
        var console = new ConsoleClient("http://127.0.0.1:" + port);
        assertThat(console.logIn(staff.email(), PASSWORD).status()).isEqualTo(302);
        String consoleToken = console.cookie("keyhold_console").orElseThrow();

        assertThat(introspect(client.clientId(), client.secret(), consoleToken)
                        .json()
                        .path("active")
                        .asBoolean())
                .isFalse();
        assertThat(api.send("GET", "/api/auth/verify/", Map.of("Cookie", "kh_token=" + consoleToken), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void verifyWhenLiveTokenThen200WithUserHeadersAndEmptyBody() {
        Account staff = newStaff();
        String token = tokenOf(staff);

        ApiResponse answer = api.get("/api/auth/verify/", token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.header("X-Keyhold-User-Id")).isEqualTo(String.valueOf(staff.id()));
        assertThat(answer.header("X-Keyhold-Email")).isEqualTo(staff.email());
        assertThat(answer.header("X-Keyhold-Staff")).isEqualTo("true");
        assertThat(answer.header("X-Keyhold-Email-Verified")).isEqualTo("false");
        jdbc.sql("UPDATE users SET email_verified = TRUE WHERE id = ?")
                .param(staff.id())
                .update();
        assertThat(api.get("/api/auth/verify/", token).header("X-Keyhold-Email-Verified"))
                .isEqualTo("true");
        ApiResponse drf = api.send("GET", "/api/auth/verify/", Map.of("Authorization", "Token " + token), null);
        assertThat(drf.header("X-Keyhold-Staff")).isEqualTo("true");
    }

    @Test
    void verifyWhenInternationalDomainThenEmailHeaderInAsciiForm() {
        String local = "ada-" + UUID.randomUUID();
        ApiResponse signedUp = signup(Map.of("email", local + "@bücher.de", "password", PASSWORD));
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        String token = tokenOf(new Account(signedUp.id(), local + "@bücher.de", PASSWORD));

        ApiResponse answer = api.get("/api/auth/verify/", token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Keyhold-Email")).isEqualTo(local + "@xn--bcher-kva.de");
    }

    @Test
    void verifyWhenSuperuserWithoutTheStaffFlagThenStaffHeaderTrue() {
        Account superuser = newSuperuser();
        jdbc.sql("UPDATE users SET is_staff = FALSE WHERE id = ?")
                .param(superuser.id())
                .update();

        ApiResponse answer = api.get("/api/auth/verify/", tokenOf(superuser));

        assertThat(answer.header("X-Keyhold-Staff"))
                .as("a superuser has every staff power")
                .isEqualTo("true");
    }

    @Test
    void verifyWhenNoTokenOrEndedTokenThen401() {
        String token = tokenOf(newUser());
        assertThat(api.post("/api/users/logout/", token).status()).isEqualTo(200);

        ApiResponse none = api.get("/api/auth/verify/", null);
        ApiResponse ended = api.get("/api/auth/verify/", token);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(ended.status()).isEqualTo(401);
        assertThat(ended.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void verifyWhenTokenInTheConfiguredCookieThen200AndEndedCookie401() {
        Account user = newUser();
        String token = tokenOf(user);

        ApiResponse answer = api.send("GET", "/api/auth/verify/", Map.of("Cookie", "kh_token=" + token), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Keyhold-User-Id")).isEqualTo(String.valueOf(user.id()));
        assertThat(answer.header("X-Keyhold-Staff")).isEqualTo("false");
        assertThat(api.post("/api/users/logout/", token).status()).isEqualTo(200);
        assertThat(api.send("GET", "/api/auth/verify/", Map.of("Cookie", "kh_token=" + token), null)
                        .status())
                .isEqualTo(401);
        ApiResponse garbage = api.send("GET", "/api/auth/verify/", Map.of("Cookie", "kh_token=garbage"), null);
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.error())
                .as("refused as the same token in the header is")
                .isEqualTo("Invalid token.");
        assertThat(garbage.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        ApiResponse otherCookie = api.send("GET", "/api/auth/verify/", Map.of("Cookie", "other=" + token), null);
        assertThat(otherCookie.status()).isEqualTo(401);
        assertThat(otherCookie.error()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void createClientCommandPrintsIdAndSecretThatIntrospect() {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine commandLine = KeyholdCommandLine.commandLine(context);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("create-client", "Reports");

        assertThat(exit).as(err.toString()).isZero();
        String clientId = out.toString().replaceAll("(?s).*client_id: (\\S+).*", "$1");
        String secret = out.toString().replaceAll("(?s).*client_secret: (\\S+).*", "$1");
        ApiResponse answer = introspect(clientId, secret, tokenOf(newUser()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("active").asBoolean()).isTrue();
        assertThat(commandLine.execute("create-client", " ")).isEqualTo(1);
    }
}

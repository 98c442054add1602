package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Absolute URLs come from {@code keyhold.public-url}, never from the {@code Host} header, which
 * anyone can set (a cache in front of Keyhold would hand the forged links to everyone); redirects
 * are relative, so a browser follows them on the address it used (SPEC §2).
 */
@ExtendWith(OutputCaptureExtension.class)
class PublicUrlTest extends ApiTest {

    private static final String EVIL = "evil.example";

    @LocalServerPort
    private int port;

    /** HTTP/1.0 on purpose: Tomcat builds absolute redirects from {@code Host} for it even when told not to. */
    private ApiResponse send(String method, String path, Map<String, String> headers, String body) {
        var head = new ArrayList<String>();
        headers.forEach((name, value) -> head.add(name + ": " + value));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.add("Content-Length: " + content.length);
        }
        return RawHttp.request(port, method + " " + path + " HTTP/1.0", head, content);
    }

    @Test
    void paginationLinksWhenHostIsForgedThenOnThePublicUrl() {
        String token = tokenOf(newStaff());
        for (int i = 0; i < 3; i++) {
            newUser();
        }

        ApiResponse middle = send(
                "GET",
                "/api/users/?page_size=1&page=2",
                Map.of("Host", EVIL, "Authorization", "Bearer " + token),
                null);

        assertThat(middle.status()).as(middle.toString()).isEqualTo(200);
        assertThat(middle.text("next")).startsWith(PUBLIC_URL + "/api/users/?").contains("page=3");
        assertThat(middle.text("previous")).isEqualTo(PUBLIC_URL + "/api/users/?page_size=1");
    }

    @Test
    void auditPaginationLinksWhenHostIsForgedThenOnThePublicUrl() {
        String token = tokenOf(newStaff());

        ApiResponse first =
                send("GET", "/api/audit/?page_size=1", Map.of("Host", EVIL, "Authorization", "Bearer " + token), null);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("next")).startsWith(PUBLIC_URL + "/api/audit/?");
    }

    @Test
    void signupLocationWhenHostIsForgedThenOnThePublicUrl() {
        ApiResponse created = send(
                "POST",
                "/api/users/",
                Map.of("Host", EVIL, "Content-Type", "application/json"),
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(PUBLIC_URL + "/api/users/" + created.id() + "/");
    }

    @Test
    void consoleLoginRedirectWhenHostIsForgedThenRelative() {
        ApiResponse redirected = send("GET", "/admin/users?page=2", Map.of("Host", EVIL), null);

        assertThat(redirected.status()).isEqualTo(302);
        assertThat(redirected.header("Location")).isEqualTo("/admin/login?next=%2Fadmin%2Fusers%3Fpage%3D2");
    }

    @Test
    void docsRedirectWhenHostIsForgedThenRelative() {
        ApiResponse redirected = send("GET", "/docs", Map.of("Host", EVIL), null);

        assertThat(redirected.status()).isEqualTo(302);
        assertThat(redirected.header("Location")).startsWith("/").doesNotContain(EVIL);
    }

    @Test
    void apiDocumentWhenHostIsForgedThenNamesThePublicUrlAsItsServer() {
        ApiResponse document = send("GET", "/v3/api-docs", Map.of("Host", EVIL), null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("servers").get(0).get("url").asString()).isEqualTo(PUBLIC_URL);
        assertThat(document.body()).doesNotContain(EVIL);
    }

    @Test
    void mailedLinkWhenHostIsForgedThenOnThePublicUrl(CapturedOutput output) {
        Account account = newUser();

        ApiResponse accepted = send(
                "POST",
                "/api/users/password-reset/",
                Map.of("Host", EVIL, "Content-Type", "application/json"),
                "{\"email\":\"" + account.email() + "\"}");

        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(output.getOut())
                        .contains("to " + account.email())
                        .contains(PUBLIC_URL + "/reset-password?token="));
        assertThat(output.getOut()).doesNotContain(EVIL);
    }
}

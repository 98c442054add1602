package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The headers that tell a browser how to treat Keyhold's pages: a Content-Security-Policy on the
 * link pages and the API docs, no {@code Referer} from a page whose URL holds a token, and HSTS
 * exactly when users reach Keyhold over HTTPS.
 */
class SecurityHeadersTest {

    private static final String LINK_PAGES_POLICY =
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern LOGGED_LINK =
            Pattern.compile("/(reset-password|verify-email)\\?token=([A-Za-z0-9_-]{43})");

    /** Answers of every kind: the API, the console, a link page, the docs, an error. */
    private static final List<String> EVERY_KIND_OF_PAGE = List.of(
            "/api/users/me/", "/admin/login", "/reset-password?token=x", "/docs", "/swagger-ui/index.html", "/nothing");

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class OverHttp extends ApiTest {

        @Test
        void resetPageThenNoScriptNoReferrerAndNoCache(CapturedOutput output) {
            Account account = newUser();
            api.postJson("/api/users/password-reset/", null, Map.of("email", account.email()));
            String token = loggedToken(output, "reset-password");

            ApiResponse page = api.get("/reset-password?token=" + token, null);

            assertThat(page.body()).contains("Choose a new password");
            assertThat(page.header("Content-Security-Policy")).isEqualTo(LINK_PAGES_POLICY);
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.header("Cache-Control")).contains("no-store");
        }

        @Test
        void verifyPageThenNoScriptNoReferrerAndNoCache(CapturedOutput output) {
            signup(Map.of("email", uniqueEmail(), "password", PASSWORD));
            String token = loggedToken(output, "verify-email");

            ApiResponse page = api.get("/verify-email?token=" + token, null);

            assertThat(page.body()).contains("Confirm your email address");
            assertThat(page.header("Content-Security-Policy")).isEqualTo(LINK_PAGES_POLICY);
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.header("Cache-Control")).contains("no-store");
        }

        @Test
        void linkPagesAfterTheirFormIsSentThenTheSameHeaders() {
            for (String path : List.of("/reset-password", "/verify-email")) {
                ApiResponse answered = api.send(
                        "POST",
                        path,
                        Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        "token=spent&new_password=Never-used-91&new_password_again=Never-used-91".getBytes());

                assertThat(answered.body()).as(path).contains("This link cannot be used");
                assertThat(answered.header("Content-Security-Policy")).as(path).isEqualTo(LINK_PAGES_POLICY);
                assertThat(answered.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            }
        }

        @Test
        void linkPagesStylesheetIsServedFromKeyhold() {
            ApiResponse stylesheet = api.get("/assets/pages.css", null);

            assertThat(stylesheet.status()).isEqualTo(200);
            assertThat(stylesheet.header("Content-Type")).startsWith("text/css");
        }

        @Test
        void apiDocsThenOnlyKeyholdsScriptsAndStylesAndCallsToThePublicUrl() {
            for (String path : List.of("/docs", "/swagger-ui/index.html", "/swagger-ui/swagger-ui-bundle.js")) {
                String policy = api.get(path, null).header("Content-Security-Policy");

                assertThat(policy)
                        .as(path)
                        .startsWith("default-src 'none'; ")
                        .contains("script-src 'self';", "style-src 'self';", "connect-src 'self' " + PUBLIC_URL + ";")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval");
            }
        }

        @Test
        void httpPublicUrlThenNoStrictTransportSecurityAnywhere() {
            for (String path : EVERY_KIND_OF_PAGE) {
                assertThat(api.get(path, null).header("Strict-Transport-Security"))
                        .as(path)
                        .isNull();
            }
        }
    }

    /** Behind a proxy that terminates TLS: Keyhold sees plain HTTP, the public URL says HTTPS. */
    @Nested
    @TestPropertySource(properties = "keyhold.public-url=https://keyhold.example")
    class BehindTlsProxy extends ApiTest {

        @Test
        void httpsPublicUrlThenStrictTransportSecurityOnEveryAnswer() {
            for (String path : EVERY_KIND_OF_PAGE) {
                assertThat(api.get(path, null).header("Strict-Transport-Security"))
                        .as(path)
                        .isEqualTo("max-age=31536000 ; includeSubDomains");
            }
            assertThat(api.postJson("/api/users/login/", null, Map.of("email", "nobody@example.com"))
                            .header("Strict-Transport-Security"))
                    .isNotNull();
        }

        @Test
        void apiDocsThenMayCallTheHttpsPublicUrl() {
            assertThat(api.get("/swagger-ui/index.html", null).header("Content-Security-Policy"))
                    .contains("connect-src 'self' https://keyhold.example;");
        }
    }

    /** The token of the last link of this kind written to the log (mail goes to the log here). */
    private static String loggedToken(CapturedOutput output, String page) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> lastLinkToken(output.getOut(), page), token -> token != null);
    }

    private static String lastLinkToken(String log, String page) {
        Matcher link = LOGGED_LINK.matcher(log);
        String token = null;
        while (link.find()) {
            if (link.group(1).equals(page)) {
                token = link.group(2);
            }
        }
        return token;
    }
}

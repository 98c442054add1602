package io.keyhold.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A node behind a proxy that terminates TLS sees plain HTTP; an {@code https:} public URL tells
 * it that users reach it over HTTPS, so the console's cookies must not travel without it.
 */
@TestPropertySource(properties = "keyhold.public-url=https://keyhold.example")
class ConsoleBehindTlsProxyTest extends ApiTest {

    @Test
    void theConsolesCookiesAreSecureWhenThePublicUrlIsHttps() {
        Account staff = newStaff();
        ApiResponse form = api.get("/admin/login", null);
        String csrfCookie = cookieNamed(form, ConsoleCsrfConfig.CSRF_COOKIE);
        assertThat(csrfCookie).contains("; Secure");
        String token = Jsoup.parse(form.body()).selectFirst("input[name=_csrf]").attr("value");

        ApiResponse loggedIn = api.send(
                "POST",
                "/admin/login",
                Map.of(
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        csrfCookie.substring(0, csrfCookie.indexOf(';'))),
                ("_csrf=" + encode(token) + "&email=" + encode(staff.email()) + "&password=" + encode(PASSWORD))
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(loggedIn.status()).isEqualTo(302);
        assertThat(cookieNamed(loggedIn, ConsoleCookie.NAME)).contains("; Secure", "; HttpOnly", "SameSite=Lax");
    }

    private static String cookieNamed(ApiResponse response, String name) {
        List<String> cookies = response.allHeaders().getOrDefault("set-cookie", List.of());
        return cookies.stream()
                .filter(cookie -> cookie.startsWith(name + "=") && !cookie.startsWith(name + "=;"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + cookies));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

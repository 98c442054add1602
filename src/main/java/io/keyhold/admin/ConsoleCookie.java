package io.keyhold.admin;

import io.keyhold.web.PublicUrlProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The console's session cookie: the token of a console session, sent only to {@code /admin},
 * never readable by scripts. Its lifetime is the server's to decide, so it has no expiry of its
 * own and ends when the browser closes. It is {@code Secure} when the request came over HTTPS or
 * when {@code keyhold.public-url} is HTTPS, which is how a node behind a TLS-terminating load
 * balancer knows.
 */
@Component
class ConsoleCookie {

    static final String NAME = "keyhold_console";
    static final String PATH = "/admin";

    private final boolean publicUrlIsHttps;

    ConsoleCookie(PublicUrlProperties publicUrl) {
        this.publicUrlIsHttps = publicUrl.isHttps();
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(cookie -> NAME.equals(cookie.getName()))
                .map(Cookie::getValue)
                .findFirst();
    }

    /** Whether every console cookie must be {@code Secure}, whatever the request says. */
    boolean alwaysSecure() {
        return publicUrlIsHttps;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String token) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, token, null));
    }

    void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", 0L));
    }

    private String cookie(HttpServletRequest request, String value, Long maxAge) {
        var cookie = ResponseCookie.from(NAME, value)
                .path(PATH)
                .httpOnly(true)
                .secure(publicUrlIsHttps || request.isSecure())
                .sameSite("Lax");
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        return cookie.build().toString();
    }
}

package io.keyhold.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The console's CSRF token, in a cookie of its own for forms to echo. The security chain checks
 * it; the login controller replaces it at every login and logout. {@code SameSite=Lax} like the
 * session cookie: with {@code Strict}, following a link into the console from elsewhere would
 * arrive without it, mint a new one and expire the forms open in other tabs.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleCsrfConfig {

    static final String CSRF_COOKIE = "keyhold_csrf";

    @Bean
    CookieCsrfTokenRepository consoleCsrfTokens(ConsoleCookie consoleCookie) {
        var csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setCookiePath(ConsoleCookie.PATH);
        boolean alwaysSecure = consoleCookie.alwaysSecure();
        csrfTokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Lax");
            if (alwaysSecure) {
                cookie.secure(true);
            }
        });
        return csrfTokens;
    }
}

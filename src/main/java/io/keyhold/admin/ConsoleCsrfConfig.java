package io.keyhold.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The console's CSRF token, in a cookie of its own for forms to echo. The security chain checks
 * it; the login controller replaces it at every login and logout.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleCsrfConfig {

    static final String CSRF_COOKIE = "keyhold_csrf";

    @Bean
    CookieCsrfTokenRepository consoleCsrfTokens() {
        var csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName(CSRF_COOKIE);
        csrfTokens.setCookiePath(ConsoleCookie.PATH);
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return csrfTokens;
    }
}

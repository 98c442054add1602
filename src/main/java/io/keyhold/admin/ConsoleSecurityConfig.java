package io.keyhold.admin;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.keyhold.sessions.SessionService;
import io.keyhold.users.UserPermissions;
import io.keyhold.web.PublicUrlProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's own chain, ahead of the API's: a cookie session read by {@link
 * ConsoleSessionFilter}, CSRF tokens on every form, and a login page for everyone else. Both the
 * session and the CSRF token live in cookies checked against the database or themselves, so any
 * node behind a load balancer can serve any request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfig {

    /** Pages load only their own stylesheet: no script runs on them, inline or not. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The pages with a passkey ceremony (SPEC §13): the logins and the staff member's own second
     * factors. Only there may the console's own script file run and fetch its options from the
     * console; nothing inline. The QR code of a new TOTP secret is a {@code data:} image.
     */
    static final RequestMatcher PASSKEY_PAGES =
            new OrRequestMatcher(pathPattern("/admin/login/**"), pathPattern(ConsoleAccountController.PAGE + "/**"));

    private static final String PASSKEY_PAGES_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(0)
    SecurityFilterChain consoleChain(
            HttpSecurity http,
            SessionService sessions,
            UserPermissions permissions,
            CookieCsrfTokenRepository csrfTokens,
            ConsoleCookie consoleCookie,
            ConsolePages pages,
            PublicUrlProperties publicUrl)
            throws Exception {
        var csrfForms = new XorCsrfTokenRequestAttributeHandler();
        // Load the token before the page renders: a deferred one would set its cookie too late.
        csrfForms.setCsrfRequestAttributeName(null);
        return http.securityMatcher("/admin", "/admin/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/admin/login", "/admin/login/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(
                        new ConsoleSessionFilter(sessions, consoleCookie, permissions),
                        AnonymousAuthenticationFilter.class)
                // Spring's session management would take every request for a fresh login (the
                // cookie is read anew each time) and replace the CSRF token under the open page.
                .sessionManagement(session -> session.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CrossOriginForms(csrfForms, publicUrl)))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.addHeaderWriter(only(PASSKEY_PAGES, PASSKEY_PAGES_POLICY))
                        .addHeaderWriter(only(new NegatedRequestMatcher(PASSKEY_PAGES), CONTENT_SECURITY_POLICY)))
                .exceptionHandling(failures -> failures.authenticationEntryPoint((request, response, failure) ->
                                response.sendRedirect(ConsoleLoginController.loginPath(request)))
                        .accessDeniedHandler((request, response, failure) -> pages.renderRefusal(
                                response,
                                HttpStatus.FORBIDDEN,
                                "This form has expired",
                                "The form was sent without a valid security token, so nothing was changed. "
                                        + "Go back, reload the page and try again.")))
                .build();
    }

    private static HeaderWriter only(RequestMatcher requests, String policy) {
        return new DelegatingRequestMatcherHeaderWriter(requests, new ContentSecurityPolicyHeaderWriter(policy));
    }
}

package io.keyhold.admin;

import io.keyhold.sessions.SessionService;
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

/**
 * The console's own chain, ahead of the API's: a cookie session read by {@link
 * ConsoleSessionFilter}, CSRF tokens on every form, and a login page for everyone else. Both the
 * session and the CSRF token live in cookies checked against the database or themselves, so any
 * node behind a load balancer can serve any request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfig {

    /** Pages load only their own stylesheet: no script runs in the console, inline or not. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(0)
    SecurityFilterChain consoleChain(
            HttpSecurity http,
            SessionService sessions,
            CookieCsrfTokenRepository csrfTokens,
            ConsoleCookie consoleCookie,
            ConsolePages pages)
            throws Exception {
        var csrfForms = new XorCsrfTokenRequestAttributeHandler();
        // Load the token before the page renders: a deferred one would set its cookie too late.
        csrfForms.setCsrfRequestAttributeName(null);
        return http.securityMatcher("/admin", "/admin/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/admin/login", "/admin/login/mfa")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new ConsoleSessionFilter(sessions, consoleCookie), AnonymousAuthenticationFilter.class)
                // Spring's session management would take every request for a fresh login (the
                // cookie is read anew each time) and replace the CSRF token under the open page.
                .sessionManagement(session -> session.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(csrfForms))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
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
}

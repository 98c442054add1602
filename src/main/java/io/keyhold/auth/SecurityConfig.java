package io.keyhold.auth;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.keyhold.problems.NotFound;
import io.keyhold.problems.ProblemWriter;
import io.keyhold.problems.Refusal;
import io.keyhold.sessions.SessionService;
import io.keyhold.web.PublicUrlProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security chains, top to bottom: the management port (health and metrics only), the admin
 * console's ({@code ConsoleSecurityConfig}), the API (stateless, bearer tokens, no cookies and so
 * no CSRF), and everything else: API docs, the pages of mailed links, the error page. Authorization of API actions is decided per object in {@code
 * UserPermissions}, not by URL here, because it depends on whose user a request touches. Every
 * chain, the console's too, sends HSTS when users reach Keyhold over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig implements WebMvcConfigurer {

    private static final RequestMatcher ACTUATOR = pathPattern("/actuator/**");
    private static final RequestMatcher LINK_PAGES =
            new OrRequestMatcher(pathPattern("/reset-password"), pathPattern("/verify-email"));
    private static final RequestMatcher API_DOCS = new OrRequestMatcher(
            pathPattern("/docs/**"), pathPattern("/swagger-ui/**"), pathPattern("/v3/api-docs/**"));

    /** The link pages load their stylesheet and post their form to Keyhold, and nothing else. */
    private static final String LINK_PAGES_POLICY =
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * Only what the API uses runs on its hot path: the security headers and the bearer-token
     * filter. Every decision is {@code UserPermissions}', so there is no URL authorization, no
     * anonymous token, no servlet-session or logout machinery to pay for on each request.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, SessionService sessions, ProblemWriter problemWriter)
            throws Exception {
        return http.securityMatcher("/api/**")
                .addFilterBefore(new BearerTokenFilter(sessions, problemWriter), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.disable())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .exceptionHandling(failures -> failures.disable())
                .build();
    }

    /**
     * The management port ({@code management.server.port}, whose child context runs these same
     * chains) answers health and metrics to anyone who can reach it; everything else there is
     * refused as if it did not exist, every other actuator endpoint included, even if someone
     * widens {@code management.endpoints.web.exposure.include}. On the public port {@code
     * /actuator/**} is refused too: nothing is mapped there unless an operator puts the
     * management port back on the public one.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementChain(HttpSecurity http, ProblemWriter problemWriter) throws Exception {
        return http.securityMatcher(new OrRequestMatcher(SecurityConfig::onManagementPort, ACTUATOR))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(failures -> answerWith(failures, problemWriter, new NotFound(), new NotFound()))
                .build();
    }

    /**
     * API docs, the link pages and the error page: public, and without cookie authentication
     * nothing needs CSRF. The link pages run no script and their URL carries a token, which no
     * other site may see in a {@code Referer}; Swagger UI runs its own scripts and nothing else.
     */
    @Bean
    @Order(3)
    SecurityFilterChain publicChain(HttpSecurity http, PublicUrlProperties publicUrl) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.addHeaderWriter(only(LINK_PAGES, contentSecurityPolicy(LINK_PAGES_POLICY)))
                        .addHeaderWriter(only(LINK_PAGES, new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER)))
                        .addHeaderWriter(only(API_DOCS, contentSecurityPolicy(apiDocsPolicy(publicUrl)))))
                .build();
    }

    /**
     * HSTS on every response of every chain when {@code keyhold.public-url} is HTTPS, also when a
     * TLS-terminating proxy hands the request on in plain HTTP (Spring's default sends it only on
     * requests that arrived over TLS); never when it is HTTP, where it would lock users out.
     */
    @Bean
    Customizer<HeadersConfigurer<HttpSecurity>> strictTransportSecurity(PublicUrlProperties publicUrl) {
        if (!publicUrl.isHttps()) {
            return headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable());
        }
        return headers -> headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                .maxAgeInSeconds(Duration.ofDays(365).toSeconds())
                .includeSubDomains(true));
    }

    /**
     * Swagger UI loads its scripts, stylesheets and images from Keyhold (its icons are {@code
     * data:} images; its top bar, whose logo has an inline style, is left out in {@code
     * application.yaml}), and calls the API on the public URL when someone tries an operation out.
     */
    private static String apiDocsPolicy(PublicUrlProperties publicUrl) {
        URI api = publicUrl.resolve("/");
        String apiOrigin = api.getScheme() + "://" + api.getRawAuthority();
        return String.join(
                "; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self' " + apiOrigin,
                "form-action 'self'",
                "frame-ancestors 'none'",
                "base-uri 'none'");
    }

    private static HeaderWriter only(RequestMatcher requests, HeaderWriter writer) {
        return new DelegatingRequestMatcherHeaderWriter(requests, writer);
    }

    private static HeaderWriter contentSecurityPolicy(String policy) {
        return new ContentSecurityPolicyHeaderWriter(policy);
    }

    /** Whether the request came in on the management port, served by a child context of its own. */
    private static boolean onManagementPort(HttpServletRequest request) {
        return WebServerApplicationContext.hasServerNamespace(
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()), "management");
    }

    private static void answerWith(
            ExceptionHandlingConfigurer<HttpSecurity> failures,
            ProblemWriter problemWriter,
            Refusal unauthenticated,
            Refusal denied) {
        failures.authenticationEntryPoint(
                        (request, response, failure) -> problemWriter.write(response, unauthenticated))
                .accessDeniedHandler((request, response, failure) -> problemWriter.write(response, denied));
    }

    /**
     * No observation per security filter: wrapping each of them costs more than the request's
     * query, and the HTTP server metrics already time every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}

package io.keyhold.auth;

import io.keyhold.sessions.SessionService;
import io.keyhold.web.ApiException;
import io.keyhold.web.NotFound;
import io.keyhold.web.ProblemWriter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security chains, top to bottom: the API (stateless, bearer tokens, no cookies and so no
 * CSRF), the actuator (health and metrics only), and everything else. Authorization of API
 * actions is decided per object in {@code UserPermissions}, not by URL here, because it depends
 * on whose user a request touches.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig implements WebMvcConfigurer {

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
     * Health and metrics are public; every other actuator endpoint is refused as if it did not
     * exist, even if someone widens {@code management.endpoints.web.exposure.include}.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http, ProblemWriter problemWriter) throws Exception {
        return http.securityMatcher("/actuator/**")
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

    /** API docs and the error page: public, and without cookie authentication nothing needs CSRF. */
    @Bean
    @Order(3)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static void answerWith(
            ExceptionHandlingConfigurer<HttpSecurity> failures,
            ProblemWriter problemWriter,
            ApiException unauthenticated,
            ApiException denied) {
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

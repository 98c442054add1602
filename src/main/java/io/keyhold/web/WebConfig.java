package io.keyhold.web;

import io.keyhold.network.ClientAddresses;
import io.keyhold.network.ClientInfoResolver;
import io.keyhold.problems.ProblemReportValveCustomizer;
import io.keyhold.problems.ProblemWriter;
import io.keyhold.requests.BodyLimitFilter;
import io.keyhold.requests.QueryStringFilter;
import io.keyhold.requests.RequestFieldsResolver;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.RelativeRedirectFilter;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request plumbing shared by every controller: query check, body limit, trailing slashes, body
 * parsing, client address, and problem JSON for the errors Tomcat answers itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebConfig implements WebMvcConfigurer {

    private final JsonMapper jsonMapper;
    private final ClientAddresses clientAddresses;

    WebConfig(JsonMapper jsonMapper, ClientAddresses clientAddresses) {
        this.jsonMapper = jsonMapper;
        this.clientAddresses = clientAddresses;
    }

    /** First of all, so that every answer of a draining node closes its connection, refusals too. */
    @Bean
    FilterRegistrationBean<DrainingConnectionFilter> drainingConnectionFilter(ShutdownDrain drain) {
        var registration = new FilterRegistrationBean<>(new DrainingConnectionFilter(drain));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before anything that reads a query string: nothing may read one before it is known to parse. */
    @Bean
    FilterRegistrationBean<QueryStringFilter> queryStringFilter(ProblemWriter problemWriter) {
        return queryStringFilterRegistration(problemWriter);
    }

    static FilterRegistrationBean<QueryStringFilter> queryStringFilterRegistration(ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new QueryStringFilter(problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Outside the security filters, which look sessions up in the database. */
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    /**
     * Every API path answers with and without its trailing slash, for every method, without a
     * redirect (a redirected POST loses its body in many clients).
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        var filter =
                UrlHandlerFilter.trailingSlashHandler("/api/**").wrapRequest().build();
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /**
     * Every redirect (the console's, the security chain's, the docs') keeps the relative {@code
     * Location} it was given, so a browser follows it on the address it used. Left to Tomcat,
     * {@code sendRedirect} makes it absolute from the request's {@code Host} header, which anyone
     * can set, and for HTTP/1.0 requests it does so even with its relative-redirects setting on.
     * Outside the security chains, whose entry points redirect to the console's login page.
     */
    @Bean
    FilterRegistrationBean<RelativeRedirectFilter> relativeRedirectFilter() {
        var filter = new RelativeRedirectFilter();
        filter.setRedirectStatus(HttpStatus.FOUND);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    ProblemReportValveCustomizer problemReportValveCustomizer() {
        return new ProblemReportValveCustomizer(jsonMapper);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestFieldsResolver(jsonMapper));
        resolvers.add(new ClientInfoResolver(clientAddresses));
    }
}

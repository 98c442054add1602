package io.keyhold.web;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
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

    /** First of all: nothing may read a query string before it is known to parse. */
    @Bean
    FilterRegistrationBean<QueryStringFilter> queryStringFilter(ProblemWriter problemWriter) {
        return queryStringFilterRegistration(problemWriter);
    }

    static FilterRegistrationBean<QueryStringFilter> queryStringFilterRegistration(ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new QueryStringFilter(problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new BodyLimitFilter(problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Outside the security filters, which look sessions up in the database. */
    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(problemWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
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
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
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

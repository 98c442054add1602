package io.keyhold.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.RelativeRedirectFilter;

/**
 * Every redirect (the console's, the security chain's, the docs') keeps the relative {@code
 * Location} it was given, so a browser follows it on the address it used. Left to Tomcat, {@code
 * sendRedirect} makes it absolute from the request's {@code Host} header, which anyone can set,
 * and for HTTP/1.0 requests it does so even with its relative-redirects setting on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RelativeRedirects {

    /** Outside the security chains, whose entry points redirect to the console's login page. */
    @Bean
    FilterRegistrationBean<RelativeRedirectFilter> relativeRedirectFilter() {
        var filter = new RelativeRedirectFilter();
        filter.setRedirectStatus(HttpStatus.FOUND);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}

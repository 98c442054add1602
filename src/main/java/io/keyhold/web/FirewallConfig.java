package io.keyhold.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with one change: it lets every method through, so a method
 * HTTP does not know ({@code QUERY}, {@code FOO}) gets the path's 405 and {@code Allow} from
 * Spring MVC like a known one, instead of a bare 400. The firewall's method list guards against
 * verb tampering where access rules name methods; none of Keyhold's do, since every chain matches
 * paths only. Its other checks (encoded slashes, path traversal, odd headers) stay as they are.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfig {

    @Bean
    HttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return firewall;
    }
}

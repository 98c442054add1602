package example.resourceserver;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Someone else's Spring Boot application that trusts Keyhold's tokens: the opaque-token resource
 * server of {@code spring-boot-starter-oauth2-resource-server}, configured by Boot's three
 * {@code spring.security.oauth2.resourceserver.opaquetoken.*} properties and nothing else, with
 * Boot's own security defaults (every request authenticated). Its one resource, {@code GET /me},
 * answers with what Spring made of Keyhold's introspection answer.
 *
 * <p>It lives outside {@code io.keyhold}, so Keyhold's component scan and its tests' search for a
 * {@code @SpringBootConfiguration} never find it.
 */
@SpringBootConfiguration
// What the web and resource-server starters auto-configure in an application of their own. The
// test JVM's class path also carries Keyhold's libraries (a database, Flyway, mail, the actuator),
// which plain @EnableAutoConfiguration would start here too.
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    ServletWebSecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class,
    OAuth2ResourceServerAutoConfiguration.class
})
@Import(ResourceServerApplication.MeController.class)
public class ResourceServerApplication {

    /** Starts it on a random port of 127.0.0.1, introspecting at {@code introspectionUri} as the given client. */
    static ConfigurableApplicationContext start(String introspectionUri, String clientId, String clientSecret) {
        return new SpringApplicationBuilder(ResourceServerApplication.class)
                .main(ResourceServerApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        // Its own configuration only: not Keyhold's application.yaml on the class path.
                        "--spring.config.name=resource-server",
                        "--spring.main.banner-mode=off",
                        "--server.address=127.0.0.1",
                        "--server.port=0",
                        "--spring.security.oauth2.resourceserver.opaquetoken.introspection-uri=" + introspectionUri,
                        "--spring.security.oauth2.resourceserver.opaquetoken.client-id=" + clientId,
                        "--spring.security.oauth2.resourceserver.opaquetoken.client-secret=" + clientSecret);
    }

    static int port(ConfigurableApplicationContext application) {
        return Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
    }

    @RestController
    static class MeController {

        /** The principal's name (Spring takes {@code sub}) and every attribute of the introspection answer. */
        @GetMapping("/me")
        Map<String, Object> me(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal principal) {
            return Map.of("name", principal.getName(), "attributes", principal.getAttributes());
        }
    }
}

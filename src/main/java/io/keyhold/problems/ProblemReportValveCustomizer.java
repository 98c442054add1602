package io.keyhold.problems;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs {@link ProblemReportValve} on each Tomcat that Keyhold starts. Runs after Spring Boot's
 * own Tomcat customizer, whose error report valve it replaces.
 */
public final class ProblemReportValveCustomizer
        implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final JsonMapper jsonMapper;

    public ProblemReportValveCustomizer(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> ProblemReportValve.install(context.getParent(), jsonMapper));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

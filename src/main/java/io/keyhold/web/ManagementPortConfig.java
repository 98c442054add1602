package io.keyhold.web;

import io.keyhold.problems.ProblemReportValveCustomizer;
import io.keyhold.problems.ProblemWriter;
import io.keyhold.requests.QueryStringFilter;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query check and the problem-JSON error report on the management port too, when it is a
 * port of its own: Spring Boot serves it from a child context with a Tomcat of its own, which the
 * main context's filters and customizers do not reach.
 *
 * <p>Listed in {@code META-INF/spring/…ManagementContextConfiguration.imports} and deliberately
 * not a {@code @Configuration}, so component scanning leaves it out of the main context.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class ManagementPortConfig {

    @Bean
    FilterRegistrationBean<QueryStringFilter> managementQueryStringFilter(ProblemWriter problemWriter) {
        return WebConfig.queryStringFilterRegistration(problemWriter);
    }

    @Bean
    ProblemReportValveCustomizer managementProblemReportValveCustomizer(JsonMapper jsonMapper) {
        return new ProblemReportValveCustomizer(jsonMapper);
    }
}

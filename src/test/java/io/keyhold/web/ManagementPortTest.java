package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.requests.ProtocolTests;
import io.keyhold.requests.QueryStringFilter;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import io.keyhold.testing.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A management port of its own runs in a child context with its own Tomcat, which the main
 * context's filters and customizers do not reach: it refuses a malformed query and reports
 * Tomcat's own errors as problem JSON all the same.
 */
@TestPropertySource(properties = {"management.server.port=0", "management.server.address=127.0.0.1"})
@ExtendWith(OutputCaptureExtension.class)
class ManagementPortTest extends ApiTest {

    @LocalManagementPort
    private int managementPort;

    @Test
    void healthAnswersOnTheManagementPort() {
        ApiResponse answer = get("/actuator/health", List.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void malformedQueryStringThen400Problem(CapturedOutput output) {
        ApiResponse answer = get("/actuator/health?x=%FF", List.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.error()).isEqualTo("Malformed query string: the text is not UTF-8.");
        ProtocolTests.assertNoErrorLogged(output);
    }

    @Test
    void moreQueryParametersThanTomcatParsesThen400Problem(CapturedOutput output) {
        // Short pairs: the whole request head must stay under Tomcat's 8 KiB.
        StringBuilder query = new StringBuilder("a=0");
        for (int i = 1; i <= QueryStringFilter.MAX_PARAMETERS; i++) {
            query.append("&a=").append(i % 10);
        }

        ApiResponse answer = get("/actuator/health?" + query, List.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("Too many query parameters: at most 1000.");
        ProtocolTests.assertNoErrorLogged(output);
    }

    @Test
    void headerSectionOver8KibThen431Problem(CapturedOutput output) {
        ApiResponse answer = get("/actuator/health", List.of("X-Padding: " + "a".repeat(8_200)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(431);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("<html");
        ProtocolTests.assertNoErrorLogged(output);
    }

    private ApiResponse get(String target, List<String> headers) {
        return RawHttp.request(managementPort, "GET " + target + " HTTP/1.1", headers, new byte[0]);
    }
}

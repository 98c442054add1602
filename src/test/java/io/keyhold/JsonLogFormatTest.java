package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} switches the log to one JSON object per line. */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theJsonSwitchWritesEveryLineAsAJsonObject(CapturedOutput output) {
        new SpringApplicationBuilder(KeyholdApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=jdbc:h2:mem:json-log;DB_CLOSE_DELAY=-1",
                        "--spring.main.banner-mode=off",
                        "--logging.structured.format.console=ecs")
                .close();

        List<String> lines =
                output.getOut().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.has("@timestamp")).isTrue();
            assertThat(event.get("log").get("level").asString()).isNotEmpty();
            assertThat(event.get("message").asString()).isNotNull();
        });
        assertThat(lines)
                .anySatisfy(
                        line -> assertThat(JSON.readTree(line).get("message").asString())
                                .startsWith("Started "));
    }
}

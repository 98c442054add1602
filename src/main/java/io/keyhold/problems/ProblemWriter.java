package io.keyhold.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to the servlet response, for the places that answer before Spring
 * MVC runs: servlet filters and the security chain's entry points.
 */
@Component
public class ProblemWriter {

    private final JsonMapper jsonMapper;

    ProblemWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public void write(HttpServletResponse response, Refusal failure) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        HttpStatus status = RefusalStatus.of(failure);
        response.setStatus(status.value());
        RefusalStatus.headersOf(failure)
                .forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = jsonMapper.writeValueAsBytes(Problem.of(status, failure.error(), failure.fieldErrors()));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}

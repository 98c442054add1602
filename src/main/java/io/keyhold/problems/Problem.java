package io.keyhold.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * RFC 9457 problem details plus the seed design's {@code error} member and, for validation
 * failures, {@code errors} by field. Deliberately has no timestamp or request id, so the same
 * failure always yields the same bytes.
 */
@JsonPropertyOrder({"type", "title", "status", "error", "errors"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String error, Map<String, List<String>> errors) {

    public static Problem of(HttpStatus status, String error, Map<String, List<String>> errors) {
        return new Problem("about:blank", status.getReasonPhrase(), status.value(), error, errors);
    }

    public static Problem of(HttpStatus status, String error) {
        return of(status, error, Map.of());
    }
}

package io.keyhold.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(
        description = "RFC 9457 problem details with the seed's `error` text and, for invalid input, `errors` by "
                + "field. The same failure always gives the same bytes.")
public record Problem(
        @Schema(description = "Always `about:blank`.") String type,
        @Schema(description = "The HTTP reason phrase.") String title,
        @Schema(description = "The HTTP status code.") int status,

        @Schema(description = "What went wrong, in the seed API's words.")
        String error,

        @Schema(description = "Messages by field name, for invalid input; absent otherwise.")
        Map<String, List<String>> errors) {

    public static Problem of(HttpStatus status, String error, Map<String, List<String>> errors) {
        return new Problem("about:blank", status.getReasonPhrase(), status.value(), error, errors);
    }

    public static Problem of(HttpStatus status, String error) {
        return of(status, error, Map.of());
    }
}

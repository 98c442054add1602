package io.keyhold.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatches (a malformed request line, an exception from a
 * filter) with the same problem JSON as the API, instead of Boot's default page, and never with
 * exception details.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.NOT_FOUND;
        return RefusalHandler.problem(status, errorText(status), Map.of(), HttpHeaders.EMPTY);
    }

    /** The {@code error} text for a failure the container reports: its reason, never its details. */
    static String errorText(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> NotFound.DEFAULT_MESSAGE;
            case INTERNAL_SERVER_ERROR -> "Internal server error.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}

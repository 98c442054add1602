package io.keyhold.admin;

import io.keyhold.problems.Refusal;
import io.keyhold.problems.RefusalStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal no page handled itself (a user that is not there, a page number past the end) shown
 * as a console page with its status, instead of the API's JSON.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorHandler {

    @ExceptionHandler(Refusal.class)
    String refused(Refusal refused, HttpServletResponse response, Model model) {
        answerWith(refused, response);
        model.addAttribute("title", titleOf(RefusalStatus.of(refused)));
        model.addAttribute("message", refused.error());
        return ConsolePages.REFUSAL;
    }

    /** The refusal's status and headers ({@code Retry-After}, say) on a page that explains it. */
    static void answerWith(Refusal refused, HttpServletResponse response) {
        response.setStatus(RefusalStatus.of(refused).value());
        RefusalStatus.headersOf(refused)
                .forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    }

    private static String titleOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not allowed";
            case BAD_REQUEST -> "That did not work";
            default -> status.getReasonPhrase();
        };
    }
}

package io.keyhold.requests;

import io.keyhold.problems.BadRequest;
import io.keyhold.problems.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a malformed query string (an empty parameter name, a broken percent escape, bytes that
 * are not UTF-8, more parameters than Tomcat parses) with 400 before anything reads it. Left to
 * the container, the same query throws from whichever {@code getParameter} call happens to come
 * first, a 500 with a stack trace.
 */
public final class QueryStringFilter extends OncePerRequestFilter {

    /** Tomcat's default {@code maxParameterCount}: past it, its parser throws (the actuator uses it). */
    public static final int MAX_PARAMETERS = 1000;

    public static final String MALFORMED = "Malformed query string: ";
    public static final String TOO_MANY_PARAMETERS = "Too many query parameters: at most " + MAX_PARAMETERS + ".";

    private final ProblemWriter problemWriter;

    public QueryStringFilter(ProblemWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            MultiValueMap<String, String> parameters;
            try {
                parameters = FormBody.parseQuery(query);
            } catch (IllegalArgumentException malformed) {
                problemWriter.write(response, new BadRequest(MALFORMED + malformed.getMessage() + "."));
                return;
            }
            if (parameters.values().stream().mapToInt(List::size).sum() > MAX_PARAMETERS) {
                problemWriter.write(response, new BadRequest(TOO_MANY_PARAMETERS));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

package io.keyhold.web;

import io.keyhold.problems.DatabaseUnavailable;
import io.keyhold.problems.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when the database is away and a filter needed it (the bearer-token or console
 * cookie lookup runs before any controller): one warning in the log instead of a stack trace per
 * request, and the same body a controller's request gets from {@link io.keyhold.problems.RefusalHandler}.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final ProblemWriter problemWriter;

    DatabaseOutageFilter(ProblemWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (!DatabaseUnavailable.isCause(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unavailable: {}", failure.getClass().getSimpleName());
            problemWriter.write(response, new DatabaseUnavailable());
        }
    }
}

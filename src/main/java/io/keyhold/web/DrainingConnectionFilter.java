package io.keyhold.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** While the node drains ({@link ShutdownDrain}), every answer closes its connection after it. */
final class DrainingConnectionFilter extends OncePerRequestFilter {

    private final ShutdownDrain drain;

    DrainingConnectionFilter(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (drain.isDraining()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }
}

package io.keyhold.requests;

import io.keyhold.problems.BadRequest;
import io.keyhold.problems.ProblemWriter;
import io.keyhold.problems.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body once, up to the limit, before anything else sees it. Larger bodies are
 * refused with 413 whether or not they declare a length (chunked uploads count too). A form body
 * is parsed here too, once, so {@link RequestFields} and the request parameters (the console's
 * CSRF field among them) read the same fields, and a malformed one is a 400 before any of them.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 65_536;
    private static final Refusal TOO_LARGE = new BodyTooLarge();

    private final ProblemWriter problemWriter;

    public BodyLimitFilter(ProblemWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declaredLength = request.getContentLengthLong();
        if (declaredLength > MAX_BODY_BYTES) {
            refuseTooLarge(response);
            return;
        }
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        byte[] body = declaredLength <= 0 && !chunked
                ? new byte[0]
                : request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            refuseTooLarge(response);
            return;
        }
        MultiValueMap<String, String> form;
        try {
            form = FormFields.parse(request.getContentType(), body);
        } catch (BadRequest malformed) {
            problemWriter.write(response, malformed);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body, form), response);
    }

    private void refuseTooLarge(HttpServletResponse response) throws IOException {
        // The rest of the upload is not worth reading: close the connection after answering.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        problemWriter.write(response, TOO_LARGE);
    }
}

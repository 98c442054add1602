package io.keyhold.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** Who is calling, as far as the network tells: recorded on sessions and audit events. */
public record ClientInfo(String ip, String userAgent) {

    static final int MAX_USER_AGENT = 512;

    public static ClientInfo of(HttpServletRequest request) {
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        if (userAgent != null) {
            // PostgreSQL text cannot hold NUL, and nobody needs a novel-length agent string.
            userAgent = userAgent.replace("\0", "");
            userAgent = userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT));
        }
        return new ClientInfo(request.getRemoteAddr(), userAgent);
    }

    public static ClientInfo none() {
        return new ClientInfo(null, null);
    }
}

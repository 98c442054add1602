package io.keyhold.network;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Works out who is calling: the socket's address, unless the socket belongs to a trusted proxy;
 * then the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. A
 * header from anyone else is ignored, so a client cannot pick its own address to dodge limits.
 */
@Component
public class ClientAddresses {

    static final int MAX_USER_AGENT = 512;
    // Only text shaped like an IP address is ever matched: a host name would mean a DNS lookup.
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(ProxyProperties properties) {
        this.trustedProxies =
                properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
    }

    public ClientInfo of(HttpServletRequest request) {
        return new ClientInfo(clientAddress(request), userAgent(request));
    }

    /** The client of the request this thread is serving, if it serves one. */
    public Optional<ClientInfo> current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(of(attributes.getRequest()))
                : Optional.empty();
    }

    private String clientAddress(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !isTrusted(address)) {
            return address;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!ADDRESS.matcher(hop).matches()) {
                return address; // a garbled header: believe no further than the last good hop
            }
            address = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return address;
    }

    private boolean isTrusted(String address) {
        return ADDRESS.matcher(address).matches() && trustedProxies.stream().anyMatch(proxy -> proxy.matches(address));
    }

    private static String userAgent(HttpServletRequest request) {
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        if (userAgent == null) {
            return null;
        }
        // PostgreSQL text cannot hold NUL, and nobody needs a novel-length agent string.
        userAgent = userAgent.replace("\0", "");
        return userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT));
    }
}

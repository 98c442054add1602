package io.keyhold.clients;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code keyhold.forward-auth.*}: {@code cookie} names a cookie that carries the token for
 * {@code GET /api/auth/verify/} when a request has no {@code Authorization} header, for browser
 * apps behind a proxy; unset (the default), only the header counts.
 */
@ConfigurationProperties("keyhold.forward-auth")
public record ForwardAuthProperties(String cookie) {}

package io.keyhold.network;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.trusted-proxies}: addresses or CIDR ranges of the proxies whose
 * {@code X-Forwarded-For} Keyhold believes. Empty by default: the socket's address is the client.
 */
@ConfigurationProperties("keyhold")
public record ProxyProperties(@DefaultValue List<String> trustedProxies) {}

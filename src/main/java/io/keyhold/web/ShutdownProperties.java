package io.keyhold.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code keyhold.shutdown.drain}: how long a node that was told to stop keeps serving, with
 * readiness already down, before it closes its port. A load balancer that polls readiness every
 * few seconds needs that long to move the traffic elsewhere.
 */
@ConfigurationProperties("keyhold.shutdown")
public record ShutdownProperties(@DefaultValue("5s") Duration drain) {}

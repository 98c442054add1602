package io.keyhold.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code keyhold.audit.retention}: how long audit events are kept. */
@ConfigurationProperties("keyhold.audit")
record AuditProperties(@DefaultValue("90d") Duration retention) {}

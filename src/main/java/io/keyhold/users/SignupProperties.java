package io.keyhold.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code keyhold.signup.*}: whether login waits for a verified address. */
@ConfigurationProperties("keyhold.signup")
public record SignupProperties(@DefaultValue("false") boolean requireVerifiedEmail) {}

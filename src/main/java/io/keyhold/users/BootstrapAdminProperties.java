package io.keyhold.users;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code KEYHOLD_BOOTSTRAP_ADMIN_EMAIL} and {@code KEYHOLD_BOOTSTRAP_ADMIN_PASSWORD}: the first
 * superuser of a fresh deployment, for setups where nobody runs {@code createsuperuser}.
 */
@ConfigurationProperties("keyhold.bootstrap.admin")
public record BootstrapAdminProperties(String email, String password) {

    boolean isSet() {
        return email != null && !email.isBlank() && password != null && !password.isEmpty();
    }
}

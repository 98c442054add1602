/** Authentication: login, logout, the bearer-token filter and the security chains. */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "mfa",
            "passwords",
            "sessions",
            "users",
            "network",
            "problems",
            "ratelimits",
            "requests",
            "time",
            "web"
        })
package io.keyhold.auth;

import org.springframework.modulith.ApplicationModule;

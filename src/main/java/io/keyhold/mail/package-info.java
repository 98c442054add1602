/** Mail: password reset and address verification links, their tokens and pages, notices, and delivery. */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "users",
            "network",
            "passwords",
            "problems",
            "ratelimits",
            "requests",
            "text",
            "time",
            "tokens",
            "web"
        })
package io.keyhold.mail;

import org.springframework.modulith.ApplicationModule;

/**
 * The admin console: server-rendered pages for staff at {@code /admin/}, with a cookie session and
 * CSRF protection of their own. Every action calls the same services as the API, so permissions,
 * validation and audit events are the API's.
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "auth",
            "clients",
            "webhooks",
            "mail",
            "mfa",
            "sessions",
            "users",
            "network",
            "paging",
            "problems",
            "requests",
            "web"
        })
package io.keyhold.admin;

import org.springframework.modulith.ApplicationModule;

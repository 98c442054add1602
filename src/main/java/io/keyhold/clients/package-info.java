/**
 * Applications in front of which Keyhold stands (SPEC §14): API clients, which superusers create
 * and which authenticate to introspect tokens (RFC 7662), and forward authentication for reverse
 * proxies (nginx {@code auth_request}, Traefik {@code forwardAuth}, Caddy {@code forward_auth}).
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "network",
            "paging",
            "problems",
            "requests",
            "sessions",
            "text",
            "time",
            "tokens",
            "users",
            "web"
        })
package io.keyhold.clients;

import org.springframework.modulith.ApplicationModule;

/** The management commands of the jar (createsuperuser), run in a non-web application context. */
@ApplicationModule(allowedDependencies = {"clients", "users", "problems", "text", "time"})
package io.keyhold.cli;

import org.springframework.modulith.ApplicationModule;

/** Per-client-address rate limits on login, signup and the mail endpoints (SPEC §4). */
@ApplicationModule(allowedDependencies = {"network", "problems"})
package io.keyhold.ratelimits;

import org.springframework.modulith.ApplicationModule;

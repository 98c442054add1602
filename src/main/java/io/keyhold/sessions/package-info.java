/** Sessions: starting them under the configured policy, resolving tokens, ending them when SPEC §4 says so. */
@ApplicationModule(allowedDependencies = {"audit", "users", "network", "problems", "time", "tokens"})
package io.keyhold.sessions;

import org.springframework.modulith.ApplicationModule;

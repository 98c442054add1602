/** Who is calling: the client's address behind trusted proxies, and its user agent. */
@ApplicationModule(allowedDependencies = {})
package io.keyhold.network;

import org.springframework.modulith.ApplicationModule;

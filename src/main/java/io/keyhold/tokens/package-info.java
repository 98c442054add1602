/** Secret tokens shared by sessions and mailed links: generation, shape check, hashing. */
@ApplicationModule(allowedDependencies = {})
package io.keyhold.tokens;

import org.springframework.modulith.ApplicationModule;

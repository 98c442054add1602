/** Time as Keyhold stores and shows it, and the one clock every expiry decision reads. */
@ApplicationModule(allowedDependencies = {})
package io.keyhold.time;

import org.springframework.modulith.ApplicationModule;

/** Text that cannot lie: which characters user text may not hold, and user text made safe for a log line. */
@ApplicationModule(allowedDependencies = {})
package io.keyhold.text;

import org.springframework.modulith.ApplicationModule;

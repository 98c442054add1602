/** Text that cannot lie: which characters user text may not hold, and user text made safe for a log line. */
package io.keyhold.text;

/** Per-client-address rate limits on login, signup and the mail endpoints (SPEC §4). */
package io.keyhold.ratelimits;

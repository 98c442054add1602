/** Sessions: starting them under the configured policy, resolving tokens, ending them when SPEC §4 says so. */
package io.keyhold.sessions;

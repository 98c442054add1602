/** Authentication: login, logout, the bearer-token filter and the security chains. */
package io.keyhold.auth;

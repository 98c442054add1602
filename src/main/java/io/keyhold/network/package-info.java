/** Who is calling: the client's address behind trusted proxies, and its user agent. */
package io.keyhold.network;

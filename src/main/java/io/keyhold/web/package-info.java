/**
 * The HTTP server's assembly: the order of the servlet filters, the firewall, the management port,
 * the public URL, and draining on shutdown. Errors, body reading, client addresses, rate limits and
 * paging each have a package of their own.
 */
@ApplicationModule(allowedDependencies = {"network", "problems", "requests"})
package io.keyhold.web;

import org.springframework.modulith.ApplicationModule;

package io.keyhold.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks a host name up: the system's resolver, which the tests of DNS rebinding replace. */
@FunctionalInterface
interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}

package io.keyhold.network;

/**
 * Who is calling, as far as the network tells: recorded on sessions, keyed on by rate limits.
 * Controllers receive it as a handler argument; {@link ClientInfoResolver} works it out.
 */
public record ClientInfo(String ip, String userAgent) {}

package io.keyhold.clients;

/** What an application presents to introspect: its client id and secret, either of them possibly missing (null). */
public record ClientCredentials(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret hidden]";
    }
}

package io.keyhold.testing;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the server answered: status, headers and body, with the body readable as JSON. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public JsonNode json() {
        return JSON.readTree(body);
    }

    /** A top-level string member of the JSON body. */
    public String text(String member) {
        JsonNode node = json().get(member);
        return node == null || node.isNull() ? null : node.asString();
    }

    public String error() {
        return text("error");
    }

    public List<String> fieldErrors(String field) {
        JsonNode errors = json().path("errors").path(field);
        var messages = new ArrayList<String>();
        errors.forEach(message -> messages.add(message.asString()));
        return messages;
    }

    public long id() {
        return json().get("id").asLong();
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public Map<String, List<String>> allHeaders() {
        return headers.map();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}

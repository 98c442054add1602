package io.keyhold.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every API exchange of the integration suites goes through bites: a hand-made document against hand-made exchanges. */
class ApiDocumentTest {

    private static final ApiDocument DOCUMENT = ApiDocument.of("""
            openapi: 3.0.1
            info: {title: Things, version: "1"}
            servers: [{url: "https://things.example/behind/a/proxy"}]
            paths:
              /api/things/:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [name]
                          properties: {name: {type: string, maxLength: 5}}
                  responses:
                    "201": {description: Made, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
                    "400": {description: Refused, content: {application/problem+json: {schema: {type: object}}}}
              /api/things/count/:
                post:
                  responses:
                    "200": {description: Counted, content: {application/json: {schema: {type: integer}}}}
              /api/things/{id}/:
                get:
                  parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                  responses:
                    "200": {description: The thing, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
                    "404": {description: None, content: {application/problem+json: {schema: {type: object}}}}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id, name]
                  properties: {id: {type: integer}, name: {type: string}}
            """);

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Test
    void exchangesTheDocumentDescribesPassWithOrWithoutTrailingSlash() {
        assertThat(DOCUMENT.mismatches(
                        "GET", "/api/things/7/", Map.of(), null, json(200, "{\"id\": 7, \"name\": \"a\"}")))
                .isEmpty();
        assertThat(DOCUMENT.mismatches(
                        "GET", "/api/things/7", Map.of(), null, json(200, "{\"id\": 7, \"name\": \"a\"}")))
                .isEmpty();
        assertThat(DOCUMENT.mismatches(
                        "POST",
                        "/api/things/",
                        JSON,
                        bytes("{\"name\": \"b\"}"),
                        json(201, "{\"id\": 8, \"name\": \"b\"}")))
                .isEmpty();
    }

    @Test
    void responseBodyNotMatchingItsSchemaIsReported() {
        List<String> mismatches =
                DOCUMENT.mismatches("GET", "/api/things/7/", Map.of(), null, json(200, "{\"id\": \"seven\"}"));

        assertThat(mismatches)
                .anyMatch(line -> line.startsWith("response:") && line.contains("/id"))
                .anyMatch(line -> line.contains("name"));
    }

    @Test
    void undocumentedStatusAndContentTypeAreReported() {
        assertThat(DOCUMENT.mismatches("GET", "/api/things/7/", Map.of(), null, problem(500)))
                .anyMatch(line -> line.contains("validation.response.status.unknown"));
        assertThat(DOCUMENT.mismatches("GET", "/api/things/7/", Map.of(), null, answer(200, "text/html", "<p>7</p>")))
                .anyMatch(line -> line.contains("validation.response.contentType.notAllowed"));
    }

    @Test
    void acceptedRequestTheDocumentForbidsIsReported() {
        List<String> mismatches = DOCUMENT.mismatches(
                "POST",
                "/api/things/",
                JSON,
                bytes("{\"name\": \"too long\"}"),
                json(201, "{\"id\": 9, \"name\": \"x\"}"));

        assertThat(mismatches).anyMatch(line -> line.startsWith("request:") && line.contains("maxLength"));
    }

    @Test
    void refusedRequestIsNotCheckedButItsAnswerIs() {
        assertThat(DOCUMENT.mismatches("POST", "/api/things/", JSON, bytes("{\"name\": 5}"), problem(400)))
                .isEmpty();
        assertThat(DOCUMENT.mismatches("POST", "/api/things/", JSON, bytes("{\"name\": 5}"), problem(409)))
                .anyMatch(line -> line.contains("validation.response.status.unknown"));
    }

    @Test
    void acceptedRequestToAnUndocumentedOperationIsReportedAndARefusedOneIsNot() {
        assertThat(DOCUMENT.mismatches("DELETE", "/api/things/7/", Map.of(), null, answer(204, null, "")))
                .anyMatch(line -> line.contains("names no operation"));
        assertThat(DOCUMENT.mismatches("GET", "/api/nothing/", Map.of(), null, json(200, "{}")))
                .anyMatch(line -> line.contains("names no operation"));
        assertThat(DOCUMENT.mismatches("DELETE", "/api/things/7/", Map.of(), null, problem(405)))
                .isEmpty();
        assertThat(DOCUMENT.mismatches("GET", "/api/nothing/", Map.of(), null, problem(404)))
                .isEmpty();
    }

    @Test
    void pathThatFitsATemplateOnlyWithAnInvalidParameterNamesNoOperation() {
        // GET /api/things/count/ is no GET /api/things/{id}/: its id is no integer.
        assertThat(DOCUMENT.mismatches("GET", "/api/things/count/", Map.of(), null, problem(405)))
                .isEmpty();
        assertThat(DOCUMENT.mismatches("GET", "/api/things/count/", Map.of(), null, json(200, "{\"id\": 1}")))
                .anyMatch(line -> line.contains("names no operation"));
    }

    @Test
    void pathsAndMethodsOutsideTheApiAreNotChecked() {
        assertThat(DOCUMENT.mismatches("GET", "/admin/things", Map.of(), null, answer(200, "text/html", "<p>")))
                .isEmpty();
        assertThat(DOCUMENT.mismatches("OPTIONS", "/api/things/7/", Map.of(), null, answer(200, null, "")))
                .isEmpty();
        assertThat(DOCUMENT.mismatches("FOO", "/api/things/7/", Map.of(), null, problem(405)))
                .isEmpty();
    }

    @Test
    void checkFailsNamingTheExchangeAndWhatDisagrees() {
        assertThatThrownBy(() -> DOCUMENT.check("GET", "/api/things/7/?x=1", Map.of(), null, problem(418), true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/things/7/?x=1 -> 418")
                .hasMessageContaining("Response status 418 not defined");
    }

    @Test
    void withoutRequestCheckTheAnswerIsStillChecked() {
        byte[] tooLong = bytes("{\"name\": \"too long\"}");

        DOCUMENT.check("POST", "/api/things/", JSON, tooLong, json(201, "{\"id\": 9, \"name\": \"x\"}"), false);
        assertThatThrownBy(() -> DOCUMENT.check("POST", "/api/things/", JSON, tooLong, json(201, "{\"id\": 9}"), false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("name");
    }

    private static ApiResponse json(int status, String body) {
        return answer(status, "application/json", body);
    }

    private static ApiResponse problem(int status) {
        return answer(status, "application/problem+json", "{\"status\": " + status + "}");
    }

    private static ApiResponse answer(int status, String contentType, String body) {
        Map<String, List<String>> headers =
                contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
        return new ApiResponse(status, HttpHeaders.of(headers, (name, value) -> true), body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.keyhold.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiDocument;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI document at /v3/api-docs and Swagger UI at /docs, as a client or a browser sees them. */
class ApiDocsTest extends ApiTest {

    /** Every operation of the API table in README.md ("Using the API"). */
    private static final Set<String> API_OPERATIONS = Set.of(
            "POST /api/users/",
            "GET /api/users/",
            "GET /api/users/me/",
            "PUT /api/users/me/",
            "PATCH /api/users/me/",
            "DELETE /api/users/me/",
            "GET /api/users/{id}/",
            "PUT /api/users/{id}/",
            "PATCH /api/users/{id}/",
            "DELETE /api/users/{id}/",
            "POST /api/users/login/",
            "POST /api/users/logout/",
            "GET /api/users/logout/{id}/",
            "POST /api/users/logout/{id}/",
            "POST /api/users/me/password/",
            "GET /api/users/me/sessions/",
            "DELETE /api/users/me/sessions/{sessionId}/",
            "POST /api/users/password-reset/",
            "POST /api/users/password-reset/confirm/",
            "POST /api/users/verify-email/",
            "POST /api/users/verify-email/resend/",
            "GET /api/audit/",
            "GET /api/users/me/mfa/",
            "POST /api/users/me/mfa/totp/",
            "DELETE /api/users/me/mfa/totp/",
            "POST /api/users/me/mfa/totp/confirm/",
            "POST /api/users/me/mfa/recovery-codes/",
            "POST /api/users/me/passkeys/options/",
            "POST /api/users/me/passkeys/",
            "DELETE /api/users/me/passkeys/{id}/",
            "DELETE /api/users/{id}/mfa/",
            "POST /api/users/login/mfa/",
            "POST /api/users/login/mfa/webauthn-options/",
            "POST /api/users/login/passkey/options/",
            "POST /api/users/login/passkey/",
            "POST /api/clients/",
            "GET /api/clients/",
            "DELETE /api/clients/{id}/",
            "POST /api/introspect/",
            "GET /api/auth/verify/",
            "POST /api/webhooks/",
            "GET /api/webhooks/",
            "DELETE /api/webhooks/{id}/",
            "GET /api/webhooks/{id}/deliveries/",
            "POST /api/webhooks/{id}/test/");

    /** Operations anyone may call without a token. */
    private static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "POST /api/users/login/",
            "POST /api/users/login/mfa/",
            "POST /api/users/login/mfa/webauthn-options/",
            "POST /api/users/login/passkey/options/",
            "POST /api/users/login/passkey/",
            "POST /api/users/password-reset/",
            "POST /api/users/password-reset/confirm/",
            "POST /api/users/verify-email/",
            "POST /api/introspect/",
            "GET /api/auth/verify/");

    /** Signup needs no token, but takes one: staff and superusers may set privileged fields. */
    private static final String SIGNUP = "POST /api/users/";

    /** The fields each request body takes, as SPEC §3 names them. */
    private static final Map<String, Set<String>> BODY_FIELDS = Map.ofEntries(
            Map.entry(SIGNUP, Set.of("email", "password", "name", "phone", "gender")),
            Map.entry("PUT /api/users/me/", Set.of("email", "name", "phone", "gender", "password", "current_password")),
            Map.entry(
                    "PATCH /api/users/{id}/",
                    Set.of("email", "name", "phone", "gender", "password", "current_password", "is_active")),
            Map.entry("POST /api/users/login/", Set.of("email", "password")),
            Map.entry("POST /api/users/me/password/", Set.of("current_password", "new_password")),
            Map.entry("POST /api/users/password-reset/", Set.of("email")),
            Map.entry("POST /api/users/password-reset/confirm/", Set.of("token", "new_password")),
            Map.entry("POST /api/users/verify-email/", Set.of("token")),
            Map.entry("POST /api/users/login/mfa/", Set.of("mfa_token", "code", "recovery_code", "credential")),
            Map.entry("POST /api/users/me/passkeys/", Set.of("flow_id", "credential", "name")),
            Map.entry("POST /api/clients/", Set.of("name")),
            Map.entry("POST /api/webhooks/", Set.of("url", "events")),
            Map.entry("POST /api/introspect/", Set.of("token", "client_id", "client_secret")));

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Test
    void apiDocsWhenAnonymousThenOpenApi3DocumentOfEveryApiOperation() {
        ApiResponse response = api.get("/v3/api-docs", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode document = response.json();
        assertThat(document.path("openapi").asString()).startsWith("3.");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Keyhold API");
        assertThat(operations(document)).containsExactlyInAnyOrderElementsOf(API_OPERATIONS);
    }

    @Test
    void apiDocsWhenReadThenEveryOperationHasSummaryIdAndDocumentedAnswers() {
        JsonNode document = document();
        Set<String> operationIds = new HashSet<>();

        for (String operation : API_OPERATIONS) {
            JsonNode described = operation(document, operation);
            assertThat(described.path("summary").asString()).as(operation).isNotBlank();
            assertThat(operationIds.add(described.path("operationId").asString()))
                    .as("unique operationId of %s", operation)
                    .isTrue();
            assertThat(described.path("tags")).as(operation).isNotEmpty();
            assertThat(described.path("responses").propertyNames())
                    .as(operation)
                    .anyMatch(status -> status.startsWith("2"))
                    .contains("401", "503");
        }
    }

    @Test
    void apiDocsWhenReadThenOnlyTheJsonApiIsDescribed() {
        ApiResponse response = api.get("/v3/api-docs", null);
        JsonNode document = response.json();

        assertThat(document.path("paths").propertyNames())
                .isNotEmpty()
                .allMatch(path -> path.startsWith("/api/"), "starts with /api/")
                .noneMatch(path -> path.contains("admin") || path.contains("actuator"));
        // Keyhold's own handler arguments are no parameters and leak no internals.
        assertThat(document.path("components").path("schemas").propertyNames())
                .doesNotContain("Caller", "User", "RequestFields", "ClientInfo");
        assertThat(response.body()).doesNotContain("passwordHash", "password_hash", "\"caller\"");
    }

    @Test
    void operationsThatNeedATokenListTheBearerAndDrfTokenSchemes() {
        JsonNode document = document();
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        JsonNode drfToken = document.path("components").path("securitySchemes").path("token");
        assertThat(drfToken.path("type").asString()).isEqualTo("apiKey");
        assertThat(drfToken.path("in").asString()).isEqualTo("header");
        assertThat(drfToken.path("name").asString()).isEqualTo("Authorization");

        for (String operation : API_OPERATIONS) {
            List<Set<String>> security = security(operation(document, operation));
            if (PUBLIC_OPERATIONS.contains(operation)) {
                assertThat(security).as(operation).noneMatch(requirement -> requirement.contains("bearer"));
            } else if (operation.equals(SIGNUP)) {
                assertThat(security)
                        .as(operation)
                        .containsExactlyInAnyOrder(Set.of(), Set.of("bearer"), Set.of("token"));
            } else {
                assertThat(security).as(operation).containsExactlyInAnyOrder(Set.of("bearer"), Set.of("token"));
            }
        }
    }

    @Test
    void loginDocumentsItsBodySchemaWithAnExample() {
        JsonNode document = document();
        JsonNode body = operation(document, "POST /api/users/login/").path("requestBody");

        JsonNode json = body.path("content").path("application/json");
        JsonNode schema = resolve(document, json.path("schema"));
        assertThat(schema.path("properties").propertyNames()).contains("email", "password");
        assertThat(texts(schema.path("required"))).containsExactlyInAnyOrder("email", "password");
        assertThat(json.path("example").path("email").asString()).isEqualTo("ada@example.com");
        assertThat(json.path("example").path("password").asString()).isNotBlank();
        assertThat(body.path("content").has("application/x-www-form-urlencoded"))
                .isTrue();
        assertThat(body.path("content").has("multipart/form-data")).isTrue();
    }

    @Test
    void everyRequestBodyDocumentsTheSpecFieldsInJsonFormAndMultipartWithExamples() {
        JsonNode document = document();

        BODY_FIELDS.forEach((operation, fields) -> {
            JsonNode content =
                    operation(document, operation).path("requestBody").path("content");
            for (String mediaType :
                    List.of("application/json", "application/x-www-form-urlencoded", "multipart/form-data")) {
                JsonNode media = content.path(mediaType);
                assertThat(bodyFields(document, media.path("schema")))
                        .as("%s %s", operation, mediaType)
                        .containsAll(fields);
                assertThat(media.has("example") || media.has("examples"))
                        .as("%s %s has an example", operation, mediaType)
                        .isTrue();
            }
        });
    }

    @Test
    void errorResponsesUseTheProblemSchemaWithTheirHeaders() {
        JsonNode document = document();
        JsonNode login = operation(document, "POST /api/users/login/").path("responses");

        for (String status : List.of("400", "403", "409", "413", "415", "429", "503")) {
            assertThat(login.path(status)
                            .path("content")
                            .path("application/problem+json")
                            .path("schema")
                            .path("$ref")
                            .asString())
                    .as("login %s", status)
                    .isEqualTo(PROBLEM_REF);
        }
        // A right password of a user with a second factor answers a problem with members of its own.
        assertThat(login.path("401")
                        .path("content")
                        .path("application/problem+json")
                        .path("schema")
                        .path("anyOf")
                        .findValuesAsString("$ref"))
                .containsExactly(PROBLEM_REF, "#/components/schemas/SecondFactorRequiredProblem");
        assertThat(login.path("401").path("headers").has("WWW-Authenticate")).isTrue();
        assertThat(login.path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(login.path("503").path("headers").has("Retry-After")).isTrue();
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").propertyNames())
                .containsExactlyInAnyOrder("type", "title", "status", "error", "errors");
        for (String operation : API_OPERATIONS) {
            JsonNode unauthorized =
                    operation(document, operation).path("responses").path("401");
            assertThat(unauthorized.path("headers").has("WWW-Authenticate"))
                    .as(operation)
                    .isTrue();
        }
    }

    @Test
    void documentedExamplesAreWhatTheApiAnswers() {
        JsonNode document = document();

        ApiResponse badLogin = login("not-an-email", "long-enough-password");
        assertThat(badLogin.status()).isEqualTo(400);
        assertThat(problemExample(document, "POST /api/users/login/", "400", badLogin.error()))
                .isEqualTo(badLogin.json());

        ApiResponse anonymous = api.get("/api/users/me/", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(problemExample(document, "GET /api/users/me/", "401", anonymous.error()))
                .isEqualTo(anonymous.json());
    }

    @Test
    void documentedResponseSchemasHaveTheFieldsTheApiSends() {
        JsonNode document = document();
        String email = uniqueEmail();

        ApiResponse signup = signup(Map.of("email", email, "password", PASSWORD));
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        assertThat(properties(document, successSchema(document, SIGNUP, "201")))
                .isEqualTo(new TreeSet<>(signup.json().propertyNames()));

        ApiResponse login = login(email, PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(properties(document, successSchema(document, "POST /api/users/login/", "200")))
                .isEqualTo(new TreeSet<>(login.json().propertyNames()));

        ApiResponse sessions = api.get("/api/users/me/sessions/", login.text("token"));
        JsonNode sessionList = successSchema(document, "GET /api/users/me/sessions/", "200");
        assertThat(sessionList.path("type").asString()).isEqualTo("array");
        assertThat(properties(document, sessionList.path("items")))
                .isEqualTo(new TreeSet<>(sessions.json().get(0).propertyNames()));
    }

    /** Every exchange of the suites is checked this way (testing.Api); here the check must bite. */
    @Test
    void servedDocumentRefusesAnswersItDoesNotDescribe() {
        ApiDocument served = ApiDocument.of(document().toString());
        String token = tokenOf(newUser());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
        ApiResponse me = api.get("/api/users/me/", token);
        ObjectNode drifted = (ObjectNode) me.json();
        drifted.put("id", "forty-two");

        assertThat(served.mismatches("GET", "/api/users/me/", headers, null, me))
                .isEmpty();
        assertThat(served.mismatches(
                        "GET", "/api/users/me/", headers, null, new ApiResponse(200, me.headers(), drifted.toString())))
                .anyMatch(mismatch -> mismatch.contains("/id"));
        assertThat(served.mismatches(
                        "GET", "/api/users/me/", headers, null, new ApiResponse(418, me.headers(), me.body())))
                .anyMatch(mismatch -> mismatch.contains("418"));
    }

    @Test
    void docsWhenAnonymousThenSwaggerUiServedForTheApiDocs() {
        ApiResponse page = followRedirects("/docs");

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");

        ApiResponse config = api.get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text("url")).isEqualTo("/v3/api-docs");
        assertThat(api.get("/swagger-ui/swagger-ui-bundle.js", null).status()).isEqualTo(200);
    }

    private JsonNode document() {
        ApiResponse response = api.get("/v3/api-docs", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private ApiResponse followRedirects(String path) {
        URI location = URI.create(api.url(path));
        for (int hop = 0; hop < 5; hop++) {
            ApiResponse response = api.get(location.getRawPath(), null);
            if (response.status() < 300 || response.status() >= 400) {
                return response;
            }
            location = location.resolve(response.header("Location"));
        }
        throw new AssertionError("more than 5 redirects from " + path);
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private static JsonNode operation(JsonNode document, String operation) {
        String[] methodAndPath = operation.split(" ", 2);
        JsonNode found = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
        assertThat(found.isMissingNode()).as("%s is documented", operation).isFalse();
        return found;
    }

    /** Each alternative of an operation's security, as the names of the schemes it needs. */
    private static List<Set<String>> security(JsonNode operation) {
        List<Set<String>> alternatives = new ArrayList<>();
        operation.path("security").forEach(requirement -> alternatives.add(new HashSet<>(requirement.propertyNames())));
        return alternatives;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        String ref = schema.path("$ref").asString();
        return document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** A body's fields; a body of several shapes (an object, or its text in a form) has the fields of each. */
    private static Set<String> bodyFields(JsonNode document, JsonNode schema) {
        var fields = new TreeSet<String>();
        for (JsonNode shape : schema.has("anyOf") ? schema.path("anyOf") : List.of(schema)) {
            fields.addAll(properties(document, shape));
        }
        return fields;
    }

    private static Set<String> properties(JsonNode document, JsonNode schema) {
        return new TreeSet<>(resolve(document, schema).path("properties").propertyNames());
    }

    private static JsonNode successSchema(JsonNode document, String operation, String status) {
        return operation(document, operation)
                .path("responses")
                .path(status)
                .path("content")
                .path("application/json")
                .path("schema");
    }

    private static JsonNode problemExample(JsonNode document, String operation, String status, String error) {
        JsonNode media = operation(document, operation)
                .path("responses")
                .path(status)
                .path("content")
                .path("application/problem+json");
        return media.has("example")
                ? media.path("example")
                : media.path("examples").path(error).path("value");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}

package io.keyhold.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A Keyhold server's OpenAPI document, holding the tests' exchanges with the API to it: every
 * response must be one the document describes for its operation (status, content type, body
 * schema), and every request the server accepts (2xx) must be one the document allows, since a
 * client reading the document would otherwise not know it may send it. Requests the server
 * refuses are often invalid on purpose; only their answers are checked.
 *
 * <p>What counts as an API operation: a {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or
 * {@code DELETE} to a path under {@code /api/}, which is all the document covers ({@code
 * springdoc.paths-to-match}). Everything else is no operation and is not checked: the console
 * ({@code /admin/**}), the link pages, {@code /assets}, Swagger UI at {@code /docs}, {@code
 * /v3/api-docs} itself, the actuator on the management port, {@code HEAD} and {@code OPTIONS}
 * (answered by Spring MVC for every path) and methods HTTP does not define. Under {@code /api/}, a
 * path or method the document does not name is no operation either, so its 404 or 405 is not
 * checked; but a 2xx to one fails, as an operation the document leaves out.
 */
public final class ApiDocument {

    private static final Set<String> OPERATION_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** The validator's keys for a request that names no operation of the document. */
    private static final Set<String> NO_OPERATION =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    /**
     * Documents by base URL, fetched once per server. A port freed by a closed test context may
     * serve a later one; every context serves the same operations, and the one difference between
     * their documents, the server URL from {@code keyhold.public-url}, is overridden below.
     */
    private static final Map<String, ApiDocument> SERVED = new ConcurrentHashMap<>();

    private final OpenApiInteractionValidator validator;

    private ApiDocument(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** A document given as OpenAPI JSON (or YAML). */
    public static ApiDocument of(String document) {
        return new ApiDocument(OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // The tests talk to the server itself, which serves the API at its root whatever
                // path the public URL (the document's server) has in front of it.
                .withBasePathOverride("/")
                .build());
    }

    /** The document the server at {@code base} serves, fetched on first use. */
    static ApiDocument servedAt(String base, Supplier<String> fetch) {
        return SERVED.computeIfAbsent(base, key -> of(fetch.get()));
    }

    /** Whether an exchange is one the document can describe: an API method on a path under {@code /api/}. */
    public static boolean isApiOperation(String method, String target) {
        String path = pathOf(target);
        return OPERATION_METHODS.contains(method) && (path.equals("/api") || path.startsWith("/api/"));
    }

    /**
     * Fails the test, naming the exchange and each disagreement, unless the exchange agrees with the
     * document; an accepted request counts only if {@code requestChecked}.
     */
    public void check(
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            ApiResponse response,
            boolean requestChecked) {
        List<String> mismatches = mismatches(method, target, headers, body, response, requestChecked);
        if (!mismatches.isEmpty()) {
            String shown = target.length() > 200 ? target.substring(0, 200) + "…" : target;
            throw new AssertionError("%s %s -> %d disagrees with /v3/api-docs:%n  %s"
                    .formatted(method, shown, response.status(), String.join("\n  ", mismatches)));
        }
    }

    /** What in one exchange the document does not allow, one line each: empty when all agrees. */
    public List<String> mismatches(
            String method, String target, Map<String, String> headers, byte[] body, ApiResponse response) {
        return mismatches(method, target, headers, body, response, true);
    }

    private List<String> mismatches(
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            ApiResponse response,
            boolean requestChecked) {
        if (!isApiOperation(method, target)) {
            return List.of();
        }
        String path = pathOf(target);
        boolean accepted = response.status() >= 200 && response.status() < 300;
        boolean wholeRequest = accepted && requestChecked;
        // The bare request is enough to find the operation; an accepted one is checked whole.
        var request = new SimpleRequest.Builder(method, path);
        if (wholeRequest) {
            headers.forEach(request::withHeader);
            queryOf(target).forEach(request::withQueryParam);
            if (body != null && body.length > 0) {
                request.withBody(body);
            }
        }
        ValidationReport requestReport = validator.validateRequest(request.build());
        if (requestReport.getMessages().stream().anyMatch(ApiDocument::namesNoOperation)) {
            return accepted
                    ? List.of("the server accepted a request that names no operation of the document: "
                            + describe(requestReport))
                    : List.of();
        }
        List<String> mismatches = new ArrayList<>();
        if (wholeRequest) {
            mismatches.addAll(errors("request", requestReport));
        }
        var answer = new SimpleResponse.Builder(response.status());
        response.headers().map().forEach(answer::withHeader);
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        mismatches.addAll(
                errors("response", validator.validateResponse(path, Request.Method.valueOf(method), answer.build())));
        return mismatches;
    }

    /**
     * A path the document has no operation for, or one that fits a template only with a path
     * parameter the template refuses: {@code GET /api/users/login/} is no {@code GET
     * /api/users/{id}/}, whose {@code id} is an integer, but the path of {@code POST
     * /api/users/login/}, which answers {@code GET} with 405.
     */
    private static boolean namesNoOperation(ValidationReport.Message message) {
        return NO_OPERATION.contains(message.getKey())
                || message.getLevel() == ValidationReport.Level.ERROR
                        && message.getContext()
                                .flatMap(ValidationReport.MessageContext::getParameter)
                                .filter(parameter -> "path".equals(parameter.getIn()))
                                .isPresent();
    }

    private static List<String> errors(String side, ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> side + ": " + line(message))
                .toList();
    }

    private static String describe(ValidationReport report) {
        return String.join(
                "; ", report.getMessages().stream().map(ApiDocument::line).toList());
    }

    private static String line(ValidationReport.Message message) {
        String line = message.getKey() + ": " + message.getMessage();
        return message.getAdditionalInfo().isEmpty()
                ? line
                : line + " " + String.join("; ", message.getAdditionalInfo());
    }

    private static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The query as the server reads it: only accepted requests get here, so it is well-formed. */
    private static Map<String, List<String>> queryOf(String target) {
        int start = target.indexOf('?');
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (start < 0) {
            return parameters;
        }
        for (String parameter : target.substring(start + 1).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            parameters.computeIfAbsent(decode(name), key -> new ArrayList<>()).add(decode(value));
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

package io.keyhold.docs;

import io.keyhold.audit.AuditType;
import io.keyhold.paging.PageRequest;
import io.keyhold.passwords.HashPoolSaturated;
import io.keyhold.problems.DatabaseUnavailable;
import io.keyhold.problems.NotAuthenticated;
import io.keyhold.problems.Problem;
import io.keyhold.requests.BodyTooLarge;
import io.keyhold.requests.QueryStringFilter;
import io.keyhold.requests.RequestFields;
import io.keyhold.requests.UnsupportedMediaType;
import io.keyhold.users.StaffClearance;
import io.keyhold.users.UserQuery;
import io.keyhold.webhooks.WebhookEventType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every operation shares, added to what springdoc reads from the controllers' annotations:
 * the token schemes, problem details for every failure, the failures any operation can meet, the
 * three body encodings, pagination, and each path with the trailing slash the API spells its URLs
 * with (both spellings work). Operations say only what is theirs.
 *
 * <p>Conventions the annotations follow: a failure's {@code @ApiResponse} names each example by
 * its {@code error} text, with the {@code errors} by field as the value where there are any; a
 * security requirement named {@value #ANONYMOUS} stands for "no token", which annotations cannot
 * write.
 */
final class ApiConventions {

    static final String ANONYMOUS = "anonymous";
    private static final String BEARER = "bearer";
    private static final String DRF_TOKEN = "token";
    private static final String API_CLIENT = "client";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "Problem";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String RETRY_AFTER = "Retry-After";

    private ApiConventions() {}

    static void apply(OpenAPI api) {
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        addComponents(api.getComponents());
        api.getComponents().getSchemas().values().forEach(schema -> spellOut(schema, api.getComponents()));
        var paths = new Paths();
        api.getPaths().forEach((path, item) -> {
            boolean staffPower = path.startsWith("/api/users/{id")
                    || path.startsWith("/api/users/logout/{id")
                    || path.startsWith("/api/audit")
                    || path.startsWith("/api/clients")
                    || path.startsWith("/api/webhooks");
            item.readOperations()
                    .forEach(operation -> complete(operation, staffPower || isUserList(path, item, operation)));
            nameByMethod(item);
            paths.addPathItem(path.endsWith("/") ? path : path + "/", item);
        });
        api.setPaths(paths);
    }

    /**
     * Added here rather than with the {@code OpenAPI} bean: springdoc copies that bean through JSON,
     * and the copy loses schemas with {@code additionalProperties} (Problem's {@code errors}).
     */
    private static void addComponents(Components components) {
        components
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The token from `POST /api/users/login/`, sent as "
                                        + "`Authorization: Bearer <token>`. A token that names no live session is "
                                        + "refused with 401 on every endpoint, even one that needs none."))
                .addSecuritySchemes(
                        DRF_TOKEN,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("Authorization")
                                .description("The same token in Django REST Framework's spelling: "
                                        + "`Authorization: Token <token>`."))
                .addSecuritySchemes(
                        API_CLIENT,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("An API client's `client_id` and `client_secret` (from "
                                        + "`POST /api/clients/`) as HTTP Basic credentials."))
                .addHeaders(
                        WWW_AUTHENTICATE,
                        new Header()
                                .description("The challenge of every 401.")
                                .schema(new StringSchema().example("Bearer")))
                .addHeaders(
                        RETRY_AFTER,
                        new Header()
                                .description("Seconds to wait before trying again.")
                                .schema(new IntegerSchema().example(60)))
                // Values the code reads from sets of its own, which annotations cannot name.
                .addSchemas(
                        "Flag",
                        new ComposedSchema()
                                .addAnyOfItem(new BooleanSchema())
                                .addAnyOfItem(new StringSchema()._enum(RequestFields.flagSpellings()))
                                .addAnyOfItem(new IntegerSchema()._enum(List.of(0, 1)))
                                .description("`true` or `false`, or one of Django REST Framework's spellings.")
                                .example(true))
                .addSchemas(
                        "FilterFlag",
                        new StringSchema()
                                ._enum(UserQuery.filterSpellings())
                                .description("`true` or `false` in django-filter's spellings; empty: no filter."))
                .addSchemas(
                        "UserOrdering",
                        new StringSchema()
                                ._enum(UserQuery.orderings())
                                .description("A user field, prefixed with `-` for descending; empty: `id`.")
                                .example("-created_at"))
                .addSchemas(
                        "AuditType",
                        new StringSchema()
                                ._enum(Arrays.stream(AuditType.values())
                                        .map(AuditType::code)
                                        .toList()))
                .addSchemas(
                        "WebhookEventType",
                        new StringSchema()
                                ._enum(WebhookEventType.subscribable().stream()
                                        .map(WebhookEventType::code)
                                        .toList())
                                .description("An event type an endpoint may receive.")
                                .example(WebhookEventType.USER_CREATED.code()));
        ModelConverters.getInstance().read(Problem.class).forEach(components::addSchemas);
    }

    /**
     * One handler mapped to GET and POST is one operationId to springdoc, which suffixes the second
     * ({@code logoutUser_1}); POST keeps the name and GET is named for its method.
     */
    private static void nameByMethod(PathItem item) {
        if (item.getGet() != null && item.getPost() != null) {
            String get = item.getGet().getOperationId();
            String post = item.getPost().getOperationId();
            String base = get.replaceFirst("_\\d+$", "");
            if (base.equals(post.replaceFirst("_\\d+$", ""))) {
                item.getPost().operationId(base);
                item.getGet().operationId(base + "WithGet");
            }
        }
    }

    /**
     * A schema that is another plus some required fields ({@code allOf} one reference) is written
     * out whole: clients and generators read properties more readily than a composition.
     */
    private static void spellOut(Schema<?> schema, Components components) {
        if (schema.getAllOf() == null
                || schema.getAllOf().size() != 1
                || schema.getAllOf().get(0).get$ref() == null) {
            return;
        }
        String ref = schema.getAllOf().get(0).get$ref();
        Schema<?> base = components.getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        schema.setAllOf(null);
        schema.setProperties(base.getProperties());
    }

    private static boolean isUserList(String path, PathItem item, Operation operation) {
        return path.equals("/api/users") && item.getGet() == operation;
    }

    /**
     * Completes an operation with the shared parts. {@code staffPower}: staff may use it on other
     * users, so staff who must still set up a second factor get 403 there.
     */
    private static void complete(Operation operation, boolean staffPower) {
        if (operation.getSecurity() != null) {
            operation.setSecurity(operation.getSecurity().stream()
                    .map(requirement -> requirement.containsKey(ANONYMOUS) ? new SecurityRequirement() : requirement)
                    .toList());
        }
        boolean takesBody = operation.getRequestBody() != null;
        if (takesBody) {
            MediaType json = operation.getRequestBody().getContent().get(JSON);
            if (json.getExamples() != null && json.getExamples().size() == 1) {
                // One example needs no name; one that says who may send it keeps its description
                // (swagger-core writes the name there when there is none).
                var only = json.getExamples().entrySet().iterator().next();
                if (only.getKey().equals(only.getValue().getDescription())) {
                    json.example(only.getValue().getValue()).examples(null);
                }
            }
            operation
                    .getRequestBody()
                    .required(true)
                    .description("JSON, form-encoded or multipart form fields (no files); unknown fields are ignored.")
                    .content(new Content()
                            .addMediaType(JSON, json)
                            .addMediaType("application/x-www-form-urlencoded", json)
                            .addMediaType("multipart/form-data", json));
        }
        var declared = operation.getResponses();
        ApiResponse success = declared.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("2"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(operation.getOperationId() + " declares no success"));
        if (success.getContent() != null
                && success.getContent().get(JSON) != null
                && String.valueOf(success.getContent().get(JSON).getSchema().get$ref())
                        .startsWith("#/components/schemas/Page")) {
            paginate(operation);
        }
        var failures = new LinkedHashMap<Integer, Failure>();
        declared.forEach((status, response) -> {
            if (!status.startsWith("2")) {
                failures.put(Integer.valueOf(status), declaredFailure(Integer.parseInt(status), response));
            }
        });
        failures.merge(400, malformedTarget(), Failure::or);
        if (staffPower) {
            failures.merge(
                    403,
                    failure(
                                    403,
                                    "Staff without a second factor while `keyhold.mfa.required-for-staff` is on; "
                                            + "they may still use their own account.")
                            .example(StaffClearance.SECOND_FACTOR_REQUIRED),
                    (own, shared) -> own.or(shared));
        }
        boolean needsToken = operation.getSecurity() != null
                && operation.getSecurity().stream().noneMatch(SecurityRequirement::isEmpty);
        failures.putIfAbsent(
                401,
                needsToken
                        ? failure(401, "No token, or one that names no live session.")
                                .example(NotAuthenticated.NO_CREDENTIALS)
                                .example(NotAuthenticated.INVALID_TOKEN)
                        : failure(401, "A token was sent that names no live session (leave it out, or log in again).")
                                .example(NotAuthenticated.INVALID_TOKEN));
        if (success.getContent() != null) {
            failures.put(
                    406,
                    failure(406, "The `Accept` header admits no `application/json`.")
                            .example(HttpStatus.NOT_ACCEPTABLE.getReasonPhrase() + "."));
        }
        if (takesBody) {
            failures.put(
                    413, failure(413, "The body is larger than 65,536 bytes.").example(BodyTooLarge.MESSAGE));
            failures.put(
                    415,
                    failure(415, "The body is neither JSON nor form-encoded.")
                            .example(UnsupportedMediaType.messageFor("text/plain")));
        }
        failures.put(
                503,
                failure(
                                503,
                                "The database is unavailable, or (where a password is hashed) every hashing slot "
                                        + "stayed busy; try again after `Retry-After` seconds.")
                        .example(DatabaseUnavailable.MESSAGE)
                        .example(HashPoolSaturated.MESSAGE));
        var responses = new ApiResponses();
        declared.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("2"))
                .forEach(entry -> responses.addApiResponse(entry.getKey(), entry.getValue()));
        failures.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> responses.addApiResponse(
                        String.valueOf(entry.getKey()), entry.getValue().response()));
        operation.setResponses(responses);
    }

    private static void paginate(Operation operation) {
        operation
                .addParametersItem(new QueryParameter()
                        .name("page")
                        .description("Page number, from 1.")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)._default(1)))
                .addParametersItem(new QueryParameter()
                        .name("page_size")
                        .description("Items per page; larger values are capped at " + PageRequest.MAX_PAGE_SIZE
                                + ", and a value under 1 or not a number is taken as " + PageRequest.DEFAULT_PAGE_SIZE
                                + ".")
                        .schema(new IntegerSchema()._default(PageRequest.DEFAULT_PAGE_SIZE)));
    }

    /** What QueryStringFilter and Spring Security's firewall refuse on every path, before any handler runs. */
    private static Failure malformedTarget() {
        return failure(
                        400,
                        "A malformed query string (an empty parameter name, a broken percent escape, text that is "
                                + "not UTF-8, more than " + QueryStringFilter.MAX_PARAMETERS + " parameters), or a "
                                + "path the firewall refuses (an encoded slash, a `..` or empty segment, a `;`).")
                .example(QueryStringFilter.MALFORMED + "a percent escape is malformed.")
                .example(QueryStringFilter.TOO_MANY_PARAMETERS)
                .example(HttpStatus.BAD_REQUEST.getReasonPhrase() + ".");
    }

    /**
     * A failure a handler declares: each example it names by its {@code error} text becomes the
     * whole problem the API sends, with the example's value, if any, as {@code errors}.
     */
    private static Failure declaredFailure(int status, ApiResponse declared) {
        var failure = failure(status, declared.getDescription());
        if (declared.getContent() != null) {
            // A problem with members of its own (the 401 that asks for a second factor) keeps its schema.
            declared.getContent().values().stream()
                    .map(MediaType::getSchema)
                    .filter(schema -> schema != null
                            && schema.get$ref() != null
                            && !schema.get$ref().endsWith("/" + PROBLEM))
                    .forEach(schema -> failure.extendedBy(schema.get$ref()));
            declared.getContent().values().stream()
                    .filter(media -> media.getExamples() != null)
                    .flatMap(media -> media.getExamples().entrySet().stream())
                    .forEach(example -> failure.example(example.getKey(), errorsOf(example.getValue())));
        }
        return failure;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> errorsOf(Example example) {
        Object value = example.getValue();
        if (value == null || value instanceof String) {
            return Map.of();
        }
        return Json.mapper().convertValue(value, Map.class);
    }

    private static Failure failure(int status, String description) {
        return new Failure(HttpStatus.valueOf(status), description);
    }

    /**
     * A failure response, its examples keyed by their {@code error} text; {@code extensions} are
     * schemas of problems with further members, which the body may follow instead.
     */
    private record Failure(
            HttpStatus status, String description, Map<String, Problem> examples, List<String> extensions) {

        Failure(HttpStatus status, String description) {
            this(status, description, new LinkedHashMap<>(), new ArrayList<>());
        }

        void extendedBy(String schemaRef) {
            extensions.add(schemaRef);
        }

        Failure example(String error) {
            return example(error, Map.of());
        }

        Failure example(String error, Map<String, List<String>> errors) {
            examples.put(error, Problem.of(status, error, errors));
            return this;
        }

        /** A status has one entry in an operation's responses: the operation's own cases, then the shared ones. */
        Failure or(Failure shared) {
            shared.examples.forEach(examples::putIfAbsent);
            extensions.addAll(shared.extensions);
            return new Failure(status, description + " Or: " + shared.description, examples, extensions);
        }

        ApiResponse response() {
            Schema<?> plain = new Schema<>().$ref(PROBLEM);
            var media = new MediaType()
                    .schema(
                            extensions.isEmpty()
                                    ? plain
                                    : new Schema<>()
                                            .anyOf(Stream.concat(
                                                            Stream.of(plain),
                                                            extensions.stream().map(ref -> new Schema<>().$ref(ref)))
                                                    .toList()));
            if (examples.size() == 1) {
                media.example(asWritten(examples.values().iterator().next()));
            } else {
                examples.forEach((error, problem) ->
                        media.addExamples(error, new Example().summary(error).value(asWritten(problem))));
            }
            var response =
                    new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
            String header = switch (status) {
                case UNAUTHORIZED -> WWW_AUTHENTICATE;
                case TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE -> RETRY_AFTER;
                default -> null;
            };
            return header == null ? response : response.addHeaderObject(header, new Header().$ref(header));
        }
    }

    /**
     * An example as the API writes it. springdoc serialises the document with swagger-core's own
     * (Jackson 2) mapper; the example is written by Jackson 3 as the API does and handed over as a
     * finished tree.
     */
    private static Object asWritten(Object value) {
        try {
            return Json.mapper().readTree(JsonMapper.shared().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new IllegalStateException("Jackson 2 cannot read what Jackson 3 wrote", unreadable);
        }
    }
}

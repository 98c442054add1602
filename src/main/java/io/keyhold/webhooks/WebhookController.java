package io.keyhold.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.SuperusersOnly;
import io.keyhold.requests.RequestFields;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import io.keyhold.web.PublicUrlProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/webhooks/}: superusers manage the endpoints that receive account events. */
@RestController
@RequestMapping("/api/webhooks")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class WebhookController {

    static final String TAG = "Webhooks";
    private static final String EVENT_TYPE = "#/components/schemas/WebhookEventType";
    private static final String EXAMPLE_URL = "https://app.example.com/keyhold/events";
    private static final String ID_EXAMPLE = "msg_2KWPBgLlAfxdpx2AI54pPJ";

    private final WebhookEndpoints webhooks;
    private final PublicUrlProperties publicUrl;

    WebhookController(WebhookEndpoints webhooks, PublicUrlProperties publicUrl) {
        this.webhooks = webhooks;
        this.publicUrl = publicUrl;
    }

    @Schema(description = "A webhook endpoint: never its secret.")
    record WebhookJson(
            long id,

            @Schema(example = EXAMPLE_URL) String url,

            @ArraySchema(
                    arraySchema = @Schema(description = "The event types it receives, in the order given."),
                    schema = @Schema(ref = EVENT_TYPE))
            List<String> events,

            @Schema(format = "date-time", example = Timestamps.EXAMPLE) @JsonProperty("created_at")
            String createdAt) {

        static WebhookJson of(WebhookEndpoint endpoint) {
            return new WebhookJson(
                    endpoint.id(), endpoint.url(), endpoint.events(), Timestamps.format(endpoint.createdAt()));
        }
    }

    @Schema(description = "A new webhook endpoint with its signing secret, shown this once.")
    record CreatedWebhookJson(
            long id,

            @Schema(example = EXAMPLE_URL) String url,

            @ArraySchema(
                    arraySchema = @Schema(description = "The event types it receives, in the order given."),
                    schema = @Schema(ref = EVENT_TYPE))
            List<String> events,

            @Schema(
                    description = "`whsec_` and the base64 of 32 random bytes: the key of the Standard Webhooks "
                            + "`webhook-signature`. Shown this once; Keyhold keeps it encrypted.",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwOH6dvj3a1nA=")
            String secret,

            @Schema(format = "date-time", example = Timestamps.EXAMPLE) @JsonProperty("created_at")
            String createdAt) {}

    @Schema(description = "A new webhook endpoint.")
    record WebhookBody(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = WebhookTargets.URL_MAX_LENGTH,
                    description = "An `https:` URL whose host resolves to public addresses only (unless "
                            + "`keyhold.webhooks.allow-private-targets` is on), without a user name or password.",
                    example = EXAMPLE_URL)
            String url,

            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    requiredMode = Schema.RequiredMode.REQUIRED,
                                    description = "The event types to receive, each once; in a form, the field "
                                            + "repeated once per type."),
                    schema = @Schema(ref = EVENT_TYPE),
                    minItems = 1,
                    uniqueItems = true)
            List<String> events) {}

    @Schema(description = "One attempt to deliver an event.")
    record DeliveryJson(
            @Schema(description = "The `webhook-id` of the event, the same on every attempt.", example = ID_EXAMPLE)
            @JsonProperty("event_id")
            String eventId,

            @Schema(description = "The event's type.", example = "user.created") @JsonProperty("event_type")
            String eventType,

            @Schema(description = "1 for the first attempt.", example = "1")
            int attempt,

            @Schema(description = "What the endpoint answered, or null without an answer.", nullable = true)
            @JsonProperty("status_code")
            Integer statusCode,

            @Schema(
                    description = "Why there was no answer, or that Keyhold gave up; null otherwise.",
                    nullable = true,
                    example = "No answer within 10 seconds")
            String error,

            @Schema(description = "When the attempt was made." + Timestamps.DOC, format = "date-time")
            String at,

            @Schema(
                    description = "When the next attempt is due; null once delivered or given up." + Timestamps.DOC,
                    format = "date-time",
                    nullable = true)
            @JsonProperty("next_attempt_at")
            String nextAttemptAt) {

        static DeliveryJson of(DeliveryAttempt attempt) {
            return new DeliveryJson(
                    attempt.eventId(),
                    attempt.eventType(),
                    attempt.attempt(),
                    attempt.statusCode(),
                    attempt.error(),
                    Timestamps.format(attempt.at()),
                    Timestamps.format(attempt.nextAttemptAt()));
        }
    }

    @PostMapping
    @Operation(
            operationId = "createWebhook",
            summary = "Create a webhook endpoint",
            tags = TAG,
            description = "Superusers only. Keyhold posts the events the endpoint receives to its URL, signed as the "
                    + "Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature`), "
                    + "at least once and in order, retrying failures for 24 hours. The answer holds the signing "
                    + "secret, which is shown this once.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = WebhookBody.class),
                            examples =
                                    @ExampleObject(
                                            name = "a URL and two events",
                                            value = "{\"url\": \"" + EXAMPLE_URL + "\", "
                                                    + "\"events\": [\"user.created\", \"user.deleted\"]}")))
    @ApiResponse(
            responseCode = "201",
            description = "The new endpoint and its secret; `Location` names it.",
            headers =
                    @Header(
                            name = "Location",
                            description = "The path of the new endpoint.",
                            schema = @Schema(type = "string", example = "/api/webhooks/3/")))
    @ApiResponse(
            responseCode = "400",
            description = "A missing or invalid `url` (not `https:`, a host that does not resolve to public "
                    + "addresses only, a user name or password in it, longer than 2048 characters), or `events` "
                    + "missing, empty, or with an unknown or repeated type.",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "url: " + WebhookTargets.HTTPS_ONLY,
                                        value = "{\"url\": [\"" + WebhookTargets.HTTPS_ONLY + "\"]}"),
                                @ExampleObject(
                                        name = "url: " + WebhookTargets.NOT_PUBLIC,
                                        value = "{\"url\": [\"" + WebhookTargets.NOT_PUBLIC + "\"]}"),
                                @ExampleObject(
                                        name = "events: " + WebhookEndpoints.EMPTY_LIST,
                                        value = "{\"events\": [\"" + WebhookEndpoints.EMPTY_LIST + "\"]}")
                            }))
    @SuperusersOnly
    ResponseEntity<CreatedWebhookJson> create(Caller caller, RequestFields body) {
        var errors = new FieldErrors();
        String url = body.text(WebhookEndpoints.URL, errors);
        List<String> events = body.textList(WebhookEndpoints.EVENTS, errors);
        errors.throwIfAny();
        CreatedWebhookEndpoint created = webhooks.create(caller, url, events);
        WebhookEndpoint endpoint = created.endpoint();
        return ResponseEntity.created(publicUrl.resolve("/api/webhooks/" + endpoint.id() + "/"))
                .body(new CreatedWebhookJson(
                        endpoint.id(),
                        endpoint.url(),
                        endpoint.events(),
                        created.secret(),
                        Timestamps.format(endpoint.createdAt())));
    }

    @GetMapping
    @Operation(
            operationId = "listWebhooks",
            summary = "List webhook endpoints",
            tags = TAG,
            description = "Superusers only. Paginated, oldest first; no secrets.")
    @ApiResponse(responseCode = "200", description = "One page of endpoints.")
    @SuperusersOnly
    @ApiResponse(
            responseCode = "404",
            description = "A page past the end.",
            content = @Content(examples = @ExampleObject(name = PageRequest.INVALID_PAGE)))
    Page<WebhookJson> list(Caller caller, HttpServletRequest request) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        WebhookEndpoints.PageOfEndpoints found = webhooks.list(caller, page);
        return Page.of(
                found.endpoints().stream().map(WebhookJson::of).toList(),
                found.total(),
                page,
                publicUrl.requestUrl(request));
    }

    @DeleteMapping("/{id}")
    @Operation(
            operationId = "deleteWebhook",
            summary = "Delete a webhook endpoint",
            tags = TAG,
            description = "Superusers only. Deliveries still queued for it are dropped; nothing more is sent to it.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @SuperusersOnly
    @NoSuchEndpoint
    ResponseEntity<Void> delete(Caller caller, @EndpointId @PathVariable String id) {
        webhooks.delete(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "List an endpoint's recent delivery attempts",
            tags = TAG,
            description = "Superusers only. The latest " + WebhookEndpoints.RECENT_ATTEMPTS + " attempts, newest "
                    + "first, kept for 7 days: a JSON array, not paginated.")
    @ApiResponse(responseCode = "200", description = "The endpoint's recent attempts.")
    @SuperusersOnly
    @NoSuchEndpoint
    List<DeliveryJson> deliveries(Caller caller, @EndpointId @PathVariable String id) {
        return webhooks.recentAttempts(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE)).stream()
                .map(DeliveryJson::of)
                .toList();
    }

    @PostMapping("/{id}/test")
    @Operation(
            operationId = "testWebhook",
            summary = "Send a test event to an endpoint",
            tags = TAG,
            description = "Superusers only. Queues a `webhook.test` event for this endpoint alone, delivered and "
                    + "retried like any other; its attempts appear among the endpoint's deliveries.")
    @ApiResponse(responseCode = "202", description = "The test event is queued.")
    @SuperusersOnly
    @NoSuchEndpoint
    ResponseEntity<Void> test(Caller caller, @EndpointId @PathVariable String id) {
        webhooks.sendTest(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.accepted().build();
    }

    /** The 404 of every operation on one endpoint. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(
            responseCode = "404",
            description = "No such endpoint.",
            content = @Content(examples = @ExampleObject(name = NotFound.DEFAULT_MESSAGE)))
    @interface NoSuchEndpoint {}

    /** The endpoint's id in a path. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(description = "The endpoint's id.", schema = @Schema(type = "integer", format = "int64"))
    @interface EndpointId {}
}

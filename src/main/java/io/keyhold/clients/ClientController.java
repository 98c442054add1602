package io.keyhold.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.FieldErrors;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.SuperusersOnly;
import io.keyhold.requests.RequestFields;
import io.keyhold.text.PlainText;
import io.keyhold.time.Timestamps;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import io.keyhold.web.PublicUrlProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/clients/}: superusers manage the applications that may introspect tokens. */
@RestController
@RequestMapping("/api/clients")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class ClientController {

    static final String TAG = "Applications";

    private final ApiClients clients;
    private final PublicUrlProperties publicUrl;

    ClientController(ApiClients clients, PublicUrlProperties publicUrl) {
        this.clients = clients;
        this.publicUrl = publicUrl;
    }

    @Schema(description = "An API client: never its secret.")
    record ClientJson(
            long id,

            @Schema(example = "kh_3q2xVb8mT0aLw9Zc") @JsonProperty("client_id")
            String clientId,

            @Schema(example = "Billing service") String name,

            @Schema(format = "date-time", example = Timestamps.EXAMPLE) @JsonProperty("created_at")
            String createdAt) {

        static ClientJson of(ApiClient client) {
            return new ClientJson(client.id(), client.clientId(), client.name(), Timestamps.format(client.createdAt()));
        }
    }

    @Schema(description = "A new API client with its secret, shown this once: only its hash is kept.")
    record CreatedClientJson(
            long id,

            @Schema(example = "kh_3q2xVb8mT0aLw9Zc") @JsonProperty("client_id")
            String clientId,

            @Schema(
                    description = "32 random bytes, base64url.",
                    example = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
            @JsonProperty("client_secret")
            String clientSecret,

            @Schema(example = "Billing service") String name,

            @Schema(format = "date-time", example = Timestamps.EXAMPLE) @JsonProperty("created_at")
            String createdAt) {}

    @Schema(description = "A new API client.")
    record ClientBody(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = ApiClients.NAME_MAX_LENGTH,
                    description = "What the application is, for the people who manage it.")
            String name) {}

    @PostMapping
    @Operation(
            operationId = "createClient",
            summary = "Create an API client",
            tags = TAG,
            description = "Superusers only. The answer holds the client's secret, which is shown this once; the "
                    + "application uses `client_id` and `client_secret` to call `POST /api/introspect/`.")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = ClientBody.class),
                            examples = @ExampleObject(name = "a name", value = "{\"name\": \"Billing service\"}")))
    @ApiResponse(
            responseCode = "201",
            description = "The new client and its secret; `Location` names it.",
            headers =
                    @Header(
                            name = "Location",
                            description = "The path of the new client.",
                            schema = @Schema(type = "string", example = "/api/clients/3/")))
    @ApiResponse(
            responseCode = "400",
            description = "A missing, blank or too long `name`, or one with hidden characters.",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "name: " + PlainText.HIDDEN_CHARACTERS,
                                            value = "{\"name\": [\"" + PlainText.HIDDEN_CHARACTERS + "\"]}")))
    @SuperusersOnly
    ResponseEntity<CreatedClientJson> create(Caller caller, RequestFields body) {
        var errors = new FieldErrors();
        String name = body.text("name", errors);
        errors.throwIfAny();
        ApiClients.CreatedClient created = clients.create(caller, name);
        ApiClient client = created.client();
        return ResponseEntity.created(publicUrl.resolve("/api/clients/" + client.id() + "/"))
                .body(new CreatedClientJson(
                        client.id(),
                        client.clientId(),
                        created.secret(),
                        client.name(),
                        Timestamps.format(client.createdAt())));
    }

    @GetMapping
    @Operation(
            operationId = "listClients",
            summary = "List API clients",
            tags = TAG,
            description = "Superusers only. Paginated, oldest first; no secrets.")
    @ApiResponse(responseCode = "200", description = "One page of clients.")
    @SuperusersOnly
    @ApiResponse(
            responseCode = "404",
            description = "A page past the end.",
            content = @Content(examples = @ExampleObject(name = PageRequest.INVALID_PAGE)))
    Page<ClientJson> list(Caller caller, HttpServletRequest request) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        ApiClients.PageOfClients found = clients.list(caller, page);
        return Page.of(
                found.clients().stream().map(ClientJson::of).toList(),
                found.total(),
                page,
                publicUrl.requestUrl(request));
    }

    @DeleteMapping("/{id}")
    @Operation(
            operationId = "deleteClient",
            summary = "Delete an API client",
            tags = TAG,
            description = "Superusers only. From this answer on, the client's credentials are refused on every node.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @SuperusersOnly
    @ApiResponse(
            responseCode = "404",
            description = "No such client.",
            content = @Content(examples = @ExampleObject(name = NotFound.DEFAULT_MESSAGE)))
    ResponseEntity<Void> delete(
            Caller caller,
            @Parameter(description = "The client's id.", schema = @Schema(type = "integer", format = "int64"))
                    @PathVariable
                    String id) {
        clients.delete(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }
}

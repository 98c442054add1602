package io.keyhold.audit;

import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.PermissionDenied;
import io.keyhold.users.Caller;
import io.keyhold.web.PublicUrlProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit/}: staff browse the trail, newest first, filtered by user, type and time. */
@RestController
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "token")
class AuditController {

    private final AuditSearch search;
    private final PublicUrlProperties publicUrl;

    AuditController(AuditSearch search, PublicUrlProperties publicUrl) {
        this.search = search;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/api/audit")
    @Operation(
            operationId = "listAuditEvents",
            summary = "Browse the audit trail",
            tags = "Audit",
            description = "Staff only. Newest first, paginated, filtered by `user_id`, `type`, `since` and `until`.")
    @ApiResponse(responseCode = "200", description = "One page of events.")
    @ApiResponse(
            responseCode = "400",
            description = "An unreadable filter.",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "type: " + AuditSearch.UNKNOWN_TYPE,
                                            value = "{\"type\": [\"" + AuditSearch.UNKNOWN_TYPE + "\"]}")))
    @ApiResponse(
            responseCode = "403",
            description = "The caller is not staff.",
            content = @Content(examples = @ExampleObject(name = PermissionDenied.DEFAULT_MESSAGE)))
    @ApiResponse(
            responseCode = "404",
            description = "A page past the end.",
            content = @Content(examples = @ExampleObject(name = PageRequest.INVALID_PAGE)))
    Page<AuditEvent> list(
            Caller caller,
            @Parameter(
                            description = "Only events about this user.",
                            schema = @Schema(type = "integer", format = "int64"))
                    @RequestParam(name = "user_id", required = false)
                    String userId,
            @Parameter(description = "Only events of this type.", schema = @Schema(ref = "AuditType"))
                    @RequestParam(required = false)
                    String type,
            @Parameter(
                            description = "Only events at or after this instant (ISO-8601 with an offset).",
                            schema = @Schema(format = "date-time"),
                            example = "2026-11-24T00:00:00Z")
                    @RequestParam(required = false)
                    String since,
            @Parameter(
                            description = "Only events before this instant (ISO-8601 with an offset).",
                            schema = @Schema(format = "date-time"),
                            example = "2026-11-25T00:00:00Z")
                    @RequestParam(required = false)
                    String until,
            HttpServletRequest request) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        AuditSearch.Found found = search.search(caller, new AuditSearch.Filter(userId, type, since, until), page);
        return Page.of(found.events(), found.count(), page, publicUrl.requestUrl(request));
    }
}

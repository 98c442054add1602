package io.keyhold.audit;

import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import io.keyhold.users.Caller;
import io.keyhold.web.PublicUrlProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit/}: staff browse the trail, newest first, filtered by user, type and time. */
@RestController
class AuditController {

    private final AuditSearch search;
    private final PublicUrlProperties publicUrl;

    AuditController(AuditSearch search, PublicUrlProperties publicUrl) {
        this.search = search;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/api/audit")
    Page<AuditEvent> list(
            Caller caller,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        AuditSearch.Found found = search.search(caller, new AuditSearch.Filter(userId, type, since, until), page);
        return Page.of(found.events(), found.count(), page, publicUrl.requestUrl(request));
    }
}

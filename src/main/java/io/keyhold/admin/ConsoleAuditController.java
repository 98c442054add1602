package io.keyhold.admin;

import io.keyhold.audit.AuditSearch;
import io.keyhold.audit.AuditType;
import io.keyhold.paging.PageRequest;
import io.keyhold.users.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/audit}: the API's audit search behind a form. The form's dates are whole UTC
 * days: "until" includes the day it names.
 */
@Controller
class ConsoleAuditController {

    private static final List<String> TYPES =
            Arrays.stream(AuditType.values()).map(AuditType::code).toList();

    private final AuditSearch search;

    ConsoleAuditController(AuditSearch search) {
        this.search = search;
    }

    @GetMapping("/admin/audit")
    String list(
            Caller caller,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            HttpServletRequest request,
            Model model) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        var filter = new AuditSearch.Filter(
                blankToNull(userId), blankToNull(type), startOfDay(since, 0), startOfDay(until, 1));
        AuditSearch.Found found = search.search(caller, filter, page);
        model.addAttribute("events", found.events());
        model.addAttribute("count", found.count());
        model.addAttribute("types", TYPES);
        model.addAttribute("userId", userId == null ? "" : userId);
        model.addAttribute("type", type == null ? "" : type);
        model.addAttribute("since", since == null ? "" : since);
        model.addAttribute("until", until == null ? "" : until);
        model.addAttribute("pager", Pager.of(page, found.count(), request));
        return "admin/audit";
    }

    /** A form date as the ISO instant the search takes; anything unreadable goes on for it to reject. */
    private static String startOfDay(String date, int daysLater) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip())
                    .plusDays(daysLater)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toString();
        } catch (DateTimeException unreadable) {
            // Unreadable or out of range: the search refuses it with its own message.
            return date;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

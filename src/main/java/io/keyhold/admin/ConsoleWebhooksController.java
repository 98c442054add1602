package io.keyhold.admin;

import io.keyhold.paging.PageRequest;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.Refusal;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import io.keyhold.webhooks.CreatedWebhookEndpoint;
import io.keyhold.webhooks.WebhookEndpoints;
import io.keyhold.webhooks.WebhookEventType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/webhooks}: the endpoints that receive account events, for superusers, through the
 * API's {@link WebhookEndpoints} with its checks (https, public addresses) and audit events. A new
 * endpoint's signing secret is shown on the page that answers the POST that made it, never after a
 * redirect, so it is shown once.
 */
@Controller
@RequestMapping(ConsoleWebhooksController.PAGE)
class ConsoleWebhooksController {

    static final String PAGE = "/admin/webhooks";
    /** What an endpoint may subscribe to: every type but the test event, which only "Send a test event" sends. */
    private static final List<String> EVENT_TYPES =
            WebhookEventType.subscribable().stream().map(WebhookEventType::code).toList();

    private final WebhookEndpoints endpoints;

    ConsoleWebhooksController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GetMapping
    String list(Caller caller, HttpServletRequest request, Model model) {
        model.addAttribute("chosen", List.of());
        return listPage(caller, request, model);
    }

    @PostMapping
    String create(
            Caller caller,
            @RequestParam(required = false) String url,
            @RequestParam(required = false) List<String> events,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        List<String> chosen = events == null ? List.of() : events;
        try {
            CreatedWebhookEndpoint created = endpoints.create(caller, url, chosen);
            model.addAttribute("endpoint", created.endpoint());
            model.addAttribute("secret", created.secret());
            return "admin/webhook-created";
        } catch (Refusal refused) {
            ConsoleErrorHandler.answerWith(refused, response);
            model.addAttribute("error", ConsoleJson.sentenceOf(refused));
            model.addAttribute("url", url);
            model.addAttribute("chosen", chosen);
            return listPage(caller, request, model);
        }
    }

    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable String id, Model model) {
        long endpointId = parse(id);
        model.addAttribute("endpoint", endpoints.get(caller, endpointId));
        model.addAttribute("attempts", endpoints.recentAttempts(caller, endpointId));
        return "admin/webhook";
    }

    @PostMapping("/{id}/test")
    String sendTest(Caller caller, @PathVariable String id) {
        long endpointId = parse(id);
        endpoints.sendTest(caller, endpointId);
        return "redirect:" + PAGE + "/" + endpointId + "?tested";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable String id, Model model) {
        model.addAttribute("endpoint", endpoints.get(caller, parse(id)));
        return "admin/webhook-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable String id) {
        endpoints.delete(caller, parse(id));
        return "redirect:" + PAGE + "?deleted";
    }

    private String listPage(Caller caller, HttpServletRequest request, Model model) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        var found = endpoints.list(caller, page);
        model.addAttribute("endpoints", found.endpoints());
        model.addAttribute("count", found.total());
        model.addAttribute("eventTypes", EVENT_TYPES);
        model.addAttribute("pager", Pager.of(page, found.total(), request));
        return "admin/webhooks";
    }

    private static long parse(String id) {
        return UserIds.parse(id, NotFound.DEFAULT_MESSAGE);
    }
}

package io.keyhold.admin;

import io.keyhold.clients.ApiClients;
import io.keyhold.clients.ApiClients.CreatedClient;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.Refusal;
import io.keyhold.users.Caller;
import io.keyhold.users.UserIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/clients}: the applications allowed to introspect tokens, for superusers, through
 * the API's {@link ApiClients} with its checks and audit events. A new client's secret is shown on
 * the page that answers the POST that made it, never after a redirect, so it is shown once.
 */
@Controller
@RequestMapping(ConsoleClientsController.PAGE)
class ConsoleClientsController {

    static final String PAGE = "/admin/clients";

    private final ApiClients clients;

    ConsoleClientsController(ApiClients clients) {
        this.clients = clients;
    }

    @GetMapping
    String list(Caller caller, HttpServletRequest request, Model model) {
        return listPage(caller, request, model);
    }

    @PostMapping
    String create(
            Caller caller,
            @RequestParam(required = false) String name,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            CreatedClient created = clients.create(caller, name);
            model.addAttribute("client", created.client());
            model.addAttribute("secret", created.secret());
            return "admin/client-created";
        } catch (Refusal refused) {
            ConsoleErrorHandler.answerWith(refused, response);
            model.addAttribute("error", ConsoleJson.sentenceOf(refused));
            model.addAttribute("name", name);
            return listPage(caller, request, model);
        }
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable String id, Model model) {
        model.addAttribute("client", clients.get(caller, parse(id)));
        return "admin/client-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable String id) {
        clients.delete(caller, parse(id));
        return "redirect:" + PAGE + "?deleted";
    }

    private String listPage(Caller caller, HttpServletRequest request, Model model) {
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        ApiClients.PageOfClients found = clients.list(caller, page);
        model.addAttribute("clients", found.clients());
        model.addAttribute("count", found.total());
        model.addAttribute("pager", Pager.of(page, found.total(), request));
        return "admin/clients";
    }

    private static long parse(String id) {
        return UserIds.parse(id, NotFound.DEFAULT_MESSAGE);
    }
}

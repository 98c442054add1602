package io.keyhold.admin;

import io.keyhold.mail.PasswordResetService;
import io.keyhold.mail.ResetRequest;
import io.keyhold.mfa.SecondFactors;
import io.keyhold.network.ClientInfo;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.NotFound;
import io.keyhold.problems.Refusal;
import io.keyhold.requests.RequestFields;
import io.keyhold.sessions.SessionService;
import io.keyhold.users.Caller;
import io.keyhold.users.User;
import io.keyhold.users.UserBodies;
import io.keyhold.users.UserChanges;
import io.keyhold.users.UserIds;
import io.keyhold.users.UserJson;
import io.keyhold.users.UserPermissions;
import io.keyhold.users.UserQuery;
import io.keyhold.users.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's user pages. Every action is the API's service call with the console user as the
 * caller, so the permission rules, validation messages and audit events are the API's own; a
 * refusal is shown on the user's page. Each successful POST redirects, so a reload never repeats
 * it.
 */
@Controller
@RequestMapping("/admin/users")
class ConsoleUserController {

    static final List<String> PROFILE_FIELDS = List.of("email", "name", "phone", "gender");
    static final List<String> FLAGS = List.of("is_active", "is_staff", "is_superuser");
    /** What a finished action says on the page it returns to; the query names one of these. */
    private static final Map<String, String> NOTICES = Map.of(
            "saved", "The changes were saved.",
            "activated", "The account is active again.",
            "deactivated", "The account was deactivated and all its sessions ended.",
            "sessions-ended", "All sessions of this account were ended.",
            "reset-sent", "If the account is active, a password-reset link is on its way to its address.",
            "factors-removed", "Every second factor of this account was removed and all its sessions ended.");

    private final UserService users;
    private final UserPermissions permissions;
    private final SessionService sessions;
    private final PasswordResetService resets;
    private final SecondFactors factors;

    ConsoleUserController(
            UserService users,
            UserPermissions permissions,
            SessionService sessions,
            PasswordResetService resets,
            SecondFactors factors) {
        this.users = users;
        this.permissions = permissions;
        this.sessions = sessions;
        this.resets = resets;
        this.factors = factors;
    }

    @GetMapping
    String list(
            Caller caller,
            @RequestParam(required = false) String search,
            @RequestParam(name = "is_active", required = false) String active,
            @RequestParam(name = "is_staff", required = false) String staff,
            @RequestParam(required = false) String ordering,
            HttpServletRequest request,
            Model model) {
        var params = new UserQuery.Params(search, ordering, active, staff);
        PageRequest page =
                PageRequest.of(request.getParameter(PageRequest.PAGE), request.getParameter(PageRequest.PAGE_SIZE));
        UserService.PageOfUsers found = users.list(caller, params, page);
        var listing = new UserListing(params, page, found.total());
        model.addAttribute("pager", listing.pager());
        model.addAttribute("users", found.users().stream().map(UserJson::of).toList());
        model.addAttribute("listing", listing);
        return "admin/users";
    }

    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable String id, @RequestParam(required = false) String done, Model model) {
        User target = users.get(caller, parse(id));
        model.addAttribute("notice", done == null ? null : NOTICES.get(done));
        return showDetail(caller, target, formOf(target), Map.of(), model);
    }

    @PostMapping("/{id}")
    String edit(
            Caller caller,
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response,
            Model model) {
        long userId = parse(id);
        Map<String, Object> fields = editedFields(form);
        try {
            users.update(caller, userId, UserBodies.patch(RequestFields.of(fields)));
        } catch (Refusal refused) {
            Map<String, Object> shown = formOf(users.get(caller, userId));
            shown.putAll(fields);
            shown.remove("current_password");
            return refusedOnDetail(caller, userId, shown, refused, response, model);
        }
        return "redirect:/admin/users/" + userId + "?done=saved";
    }

    @PostMapping("/{id}/activate")
    String activate(Caller caller, @PathVariable String id, HttpServletResponse response, Model model) {
        return setActive(caller, parse(id), true, response, model);
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(Caller caller, @PathVariable String id, HttpServletResponse response, Model model) {
        return setActive(caller, parse(id), false, response, model);
    }

    /** The API's {@code logout/{id}}, under the same rule as every other change to the account. */
    @PostMapping("/{id}/sessions/end")
    String endSessions(Caller caller, @PathVariable String id, HttpServletResponse response, Model model) {
        User target = users.get(caller, parse(id));
        try {
            sessions.endAllSessions(caller, target);
        } catch (Refusal refused) {
            return refusedOnDetail(caller, target.id(), null, refused, response, model);
        }
        return "redirect:/admin/users/" + target.id() + "?done=sessions-ended";
    }

    /** The API's {@code password-reset} request, made for the user's address by a staff member. */
    @PostMapping("/{id}/password-reset")
    String sendPasswordReset(Caller caller, @PathVariable String id, ClientInfo client) {
        User target = users.get(caller, parse(id));
        resets.request(new ResetRequest(target.email()), client);
        return "redirect:/admin/users/" + target.id() + "?done=reset-sent";
    }

    /** The API's {@code DELETE /api/users/{id}/mfa/}: for a user who lost their phone or passkey. */
    @PostMapping("/{id}/mfa/remove")
    String removeSecondFactors(Caller caller, @PathVariable String id, HttpServletResponse response, Model model) {
        long userId = parse(id);
        try {
            factors.removeAll(caller, userId);
        } catch (Refusal refused) {
            return refusedOnDetail(caller, userId, null, refused, response, model);
        }
        return "redirect:/admin/users/" + userId + "?done=factors-removed";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable String id, Model model) {
        User target = users.get(caller, parse(id));
        permissions.checkCanModify(caller, target);
        model.addAttribute("user", UserJson.of(target));
        return "admin/delete";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable String id, HttpServletResponse response, Model model) {
        long userId = parse(id);
        try {
            users.delete(caller, userId);
        } catch (Refusal refused) {
            return refusedOnDetail(caller, userId, null, refused, response, model);
        }
        return "redirect:/admin/users?deleted=" + userId;
    }

    private String setActive(Caller caller, long userId, boolean active, HttpServletResponse response, Model model) {
        try {
            users.update(caller, userId, UserChanges.onlyActive(active));
        } catch (Refusal refused) {
            return refusedOnDetail(caller, userId, null, refused, response, model);
        }
        return "redirect:/admin/users/" + userId + "?done=" + (active ? "activated" : "deactivated");
    }

    /** The user's page again, with the refusal's status, its message and the form as it was sent. */
    private String refusedOnDetail(
            Caller caller,
            long userId,
            Map<String, Object> form,
            Refusal refused,
            HttpServletResponse response,
            Model model) {
        User target = users.get(caller, userId);
        ConsoleErrorHandler.answerWith(refused, response);
        model.addAttribute("error", refused.error());
        return showDetail(caller, target, form == null ? formOf(target) : form, refused.fieldErrors(), model);
    }

    private String showDetail(
            Caller caller, User target, Map<String, Object> form, Map<String, List<String>> fieldErrors, Model model) {
        model.addAttribute("user", UserJson.of(target));
        model.addAttribute("form", form);
        model.addAttribute("profileFields", PROFILE_FIELDS);
        model.addAttribute("fieldErrors", fieldErrors);
        // The first field with a problem takes the focus, so the keyboard lands where the fix goes.
        model.addAttribute(
                "firstInvalid", fieldErrors.keySet().stream().findFirst().orElse(null));
        boolean canModify = permissions.canModify(caller, target);
        model.addAttribute("canModify", canModify);
        FactorsView secondFactors = FactorsView.of(factors.list(target));
        model.addAttribute("factors", secondFactors);
        model.addAttribute("canRemoveFactors", factors.canRemoveAll(caller, target) && secondFactors.any());
        model.addAttribute("canChangePrivileges", permissions.canChangePrivileges(caller));
        model.addAttribute("editsSelf", caller.is(target));
        return "admin/user";
    }

    /**
     * The form as a PATCH body. A checkbox sends nothing when unticked, so the form marks each
     * flag it shows with a hidden {@code _is_active} (Spring's convention): marked and absent means
     * false, unmarked means the form did not offer that flag and it stays as it is.
     */
    static Map<String, Object> editedFields(MultiValueMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : PROFILE_FIELDS) {
            if (form.containsKey(field)) {
                fields.put(field, form.getFirst(field));
            }
        }
        for (String flag : FLAGS) {
            if (form.containsKey(flag)) {
                fields.put(flag, form.getFirst(flag));
            } else if (form.containsKey("_" + flag)) {
                fields.put(flag, false);
            }
        }
        String currentPassword = form.getFirst("current_password");
        if (currentPassword != null && !currentPassword.isEmpty()) {
            fields.put("current_password", currentPassword);
        }
        return fields;
    }

    private static Map<String, Object> formOf(User user) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("email", user.email());
        form.put("name", user.name());
        form.put("phone", user.phone() == null ? "" : user.phone());
        form.put("gender", user.gender() == null ? "" : user.gender());
        form.put("is_active", user.active());
        form.put("is_staff", user.staff());
        form.put("is_superuser", user.superuser());
        return form;
    }

    private static long parse(String id) {
        return UserIds.parse(id, NotFound.DEFAULT_MESSAGE);
    }
}

package io.keyhold.users;

import io.keyhold.network.ClientInfo;
import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import io.keyhold.problems.NotFound;
import io.keyhold.requests.RequestFields;
import io.keyhold.web.PublicUrlProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's router-generated user CRUD plus {@code me}. Ids are digits only in the mapping, so
 * {@code /api/users/login/} never reaches the retrieve action and a wrong method there is a 405.
 */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final UserService users;
    private final PublicUrlProperties publicUrl;

    UserController(UserService users, PublicUrlProperties publicUrl) {
        this.users = users;
        this.publicUrl = publicUrl;
    }

    @PostMapping
    ResponseEntity<UserJson> signup(Caller caller, RequestFields body, ClientInfo client) {
        User created = users.signup(caller, UserBodies.signup(body), client);
        return ResponseEntity.created(publicUrl.resolve("/api/users/" + created.id() + "/"))
                .body(UserJson.of(created));
    }

    @GetMapping
    Page<UserJson> list(
            Caller caller,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) String ordering,
            @RequestParam(name = "is_active", required = false) String active,
            @RequestParam(name = "is_staff", required = false) String staff,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        UserService.PageOfUsers found = users.list(caller, new UserQuery.Params(search, ordering, active, staff), page);
        return Page.of(
                found.users().stream().map(UserJson::of).toList(), found.total(), page, publicUrl.requestUrl(request));
    }

    @GetMapping("/me")
    UserJson me(Caller caller) {
        return UserJson.of(users.me(caller));
    }

    @GetMapping("/{id:[0-9]+}")
    UserJson get(Caller caller, @PathVariable String id) {
        return UserJson.of(users.get(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE)));
    }

    @PutMapping("/me")
    UserJson replaceMe(Caller caller, RequestFields body) {
        return UserJson.of(users.update(caller, users.me(caller).id(), UserBodies.replacement(body)));
    }

    @PatchMapping("/me")
    UserJson patchMe(Caller caller, RequestFields body) {
        return UserJson.of(users.update(caller, users.me(caller).id(), UserBodies.patch(body)));
    }

    @PutMapping("/{id:[0-9]+}")
    UserJson replace(Caller caller, @PathVariable String id, RequestFields body) {
        return UserJson.of(
                users.update(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE), UserBodies.replacement(body)));
    }

    @PatchMapping("/{id:[0-9]+}")
    UserJson patch(Caller caller, @PathVariable String id, RequestFields body) {
        return UserJson.of(users.update(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE), UserBodies.patch(body)));
    }

    @PostMapping("/me/password")
    ResponseEntity<Void> changeOwnPassword(Caller caller, RequestFields body) {
        users.changeOwnPassword(caller, UserBodies.passwordChange(body));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/me")
    ResponseEntity<Void> deleteMe(Caller caller) {
        users.delete(caller, users.me(caller).id());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id:[0-9]+}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        users.delete(caller, UserIds.parse(id, NotFound.DEFAULT_MESSAGE));
        return ResponseEntity.noContent().build();
    }
}

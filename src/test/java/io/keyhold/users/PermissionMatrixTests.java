package io.keyhold.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of this issue against every kind of caller, with the status SPEC §3 and §8 give.
 * A refused request must also leave the target exactly as it was: every field, its password
 * (which still logs in) and its sessions.
 */
abstract class PermissionMatrixTests extends ApiTest {

    enum Role {
        ANONYMOUS,
        SELF,
        OTHER,
        STAFF,
        SUPERUSER
    }

    enum Target {
        USER,
        STAFF,
        SUPERUSER
    }

    record Row(String name, Target target, String method, String path, Map<String, Object> body, int... statuses) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW_EMAIL = "{new-email}";
    private static final int MISSING = 987_654_321;

    private static final List<Row> ROWS = List.of(
            row("list users", Target.USER, "GET", "/api/users/", null, 401, 403, 403, 200, 200),
            row("signup", Target.USER, "POST", "/api/users/", signup(), 201, 201, 201, 201, 201),
            row(
                    "signup as staff",
                    Target.USER,
                    "POST",
                    "/api/users/",
                    signup("is_staff", true),
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    "signup as superuser",
                    Target.USER,
                    "POST",
                    "/api/users/",
                    signup("is_superuser", true),
                    403,
                    403,
                    403,
                    403,
                    201),
            row(
                    "signup inactive",
                    Target.USER,
                    "POST",
                    "/api/users/",
                    signup("is_active", false),
                    403,
                    403,
                    403,
                    201,
                    201),
            row("me", Target.USER, "GET", "/api/users/me/", null, 401, 200, 200, 200, 200),
            row("retrieve", Target.USER, "GET", "/api/users/{id}/", null, 401, 200, 404, 200, 200),
            row("retrieve unknown", Target.USER, "GET", "/api/users/" + MISSING + "/", null, 401, 404, 404, 404, 404),
            row(
                    "patch name",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("name", "Changed"),
                    401,
                    200,
                    404,
                    200,
                    200),
            row(
                    "put",
                    Target.USER,
                    "PUT",
                    "/api/users/{id}/",
                    Map.of("email", NEW_EMAIL, "name", "Put", "current_password", PASSWORD),
                    401,
                    200,
                    404,
                    200,
                    200),
            row(
                    "patch password",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("password", "Fresh-secret-99", "current_password", PASSWORD),
                    401,
                    200,
                    404,
                    200,
                    200),
            row(
                    "deactivate",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_active", false),
                    401,
                    403,
                    404,
                    200,
                    200),
            row(
                    "grant staff",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_staff", true),
                    401,
                    403,
                    404,
                    403,
                    200),
            row(
                    "grant superuser",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_superuser", true),
                    401,
                    403,
                    404,
                    403,
                    200),
            row(
                    "send current flag values",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_staff", false, "is_superuser", false, "is_active", true),
                    401,
                    200,
                    404,
                    200,
                    200),
            row("delete", Target.USER, "DELETE", "/api/users/{id}/", null, 401, 204, 404, 204, 204),
            row("logout by id (GET)", Target.USER, "GET", "/api/users/logout/{id}/", null, 401, 200, 404, 200, 200),
            row("logout by id (POST)", Target.USER, "POST", "/api/users/logout/{id}/", null, 401, 200, 404, 200, 200),
            row(
                    "logout unknown id",
                    Target.USER,
                    "POST",
                    "/api/users/logout/" + MISSING + "/",
                    null,
                    401,
                    404,
                    404,
                    404,
                    404),
            row("logout", Target.USER, "POST", "/api/users/logout/", null, 401, 200, 200, 200, 200),
            row(
                    "revoke staff",
                    Target.STAFF,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_staff", false),
                    401,
                    403,
                    404,
                    403,
                    200),
            row("retrieve superuser", Target.SUPERUSER, "GET", "/api/users/{id}/", null, 401, 200, 404, 200, 200),
            row(
                    "patch superuser",
                    Target.SUPERUSER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("name", "Changed"),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "set superuser password",
                    Target.SUPERUSER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("password", "Fresh-secret-99", "current_password", PASSWORD),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "demote superuser",
                    Target.SUPERUSER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_superuser", false),
                    401,
                    200,
                    404,
                    403,
                    200),
            row("my sessions", Target.USER, "GET", "/api/users/me/sessions/", null, 401, 200, 200, 200, 200),
            row(
                    "change my password",
                    Target.USER,
                    "POST",
                    "/api/users/me/password/",
                    Map.of("current_password", PASSWORD, "new_password", "Fresh-secret-99"),
                    401,
                    204,
                    204,
                    204,
                    204),
            row("delete superuser", Target.SUPERUSER, "DELETE", "/api/users/{id}/", null, 401, 204, 404, 403, 204),
            row(
                    "deactivate superuser",
                    Target.SUPERUSER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_active", false),
                    401,
                    200,
                    404,
                    403,
                    200),
            row("logout superuser", Target.SUPERUSER, "POST", "/api/users/logout/{id}/", null, 401, 200, 404, 403, 200),
            row(
                    "set staff password",
                    Target.STAFF,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("password", "Fresh-secret-99", "current_password", PASSWORD),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "deactivate staff",
                    Target.STAFF,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("is_active", false),
                    401,
                    200,
                    404,
                    403,
                    200),
            row("delete staff", Target.STAFF, "DELETE", "/api/users/{id}/", null, 401, 204, 404, 403, 204),
            // Staff manage users, superusers manage staff (SPEC §3): every change to a staff or
            // superuser account by a plain staff member is refused; reading it is not.
            row("retrieve staff", Target.STAFF, "GET", "/api/users/{id}/", null, 401, 200, 404, 200, 200),
            row(
                    "patch staff name",
                    Target.STAFF,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("name", "Changed"),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "patch staff phone and gender",
                    Target.STAFF,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("phone", "+1 555 0100", "gender", "other"),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "put staff",
                    Target.STAFF,
                    "PUT",
                    "/api/users/{id}/",
                    Map.of("email", NEW_EMAIL, "name", "Put", "current_password", PASSWORD),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "change staff email",
                    Target.STAFF,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("email", NEW_EMAIL),
                    401,
                    400,
                    404,
                    403,
                    200),
            row("logout staff (GET)", Target.STAFF, "GET", "/api/users/logout/{id}/", null, 401, 200, 404, 403, 200),
            row("logout staff (POST)", Target.STAFF, "POST", "/api/users/logout/{id}/", null, 401, 200, 404, 403, 200),
            row(
                    "patch superuser phone and gender",
                    Target.SUPERUSER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("phone", "+1 555 0100", "gender", "other"),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "put superuser",
                    Target.SUPERUSER,
                    "PUT",
                    "/api/users/{id}/",
                    Map.of("email", NEW_EMAIL, "name", "Put", "current_password", PASSWORD),
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "change superuser email",
                    Target.SUPERUSER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("email", NEW_EMAIL),
                    401,
                    400,
                    404,
                    403,
                    200),
            row(
                    "logout superuser (GET)",
                    Target.SUPERUSER,
                    "GET",
                    "/api/users/logout/{id}/",
                    null,
                    401,
                    200,
                    404,
                    403,
                    200),
            row(
                    "change own email",
                    Target.USER,
                    "PATCH",
                    "/api/users/{id}/",
                    Map.of("email", NEW_EMAIL),
                    401,
                    400,
                    404,
                    200,
                    200));

    static Stream<Arguments> cases() {
        return ROWS.stream()
                .flatMap(row -> Stream.of(Role.values())
                        .map(role -> Arguments.of(row.name(), role, row.statuses()[role.ordinal()], row)));
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("cases")
    void endpointAsRoleThenStatusOfSpec(String name, Role role, int expected, Row row) {
        Account target = switch (row.target()) {
            case USER -> newUser();
            case STAFF -> newStaff();
            case SUPERUSER -> newSuperuser();
        };
        if (row.target() == Target.SUPERUSER) {
            newSuperuser(); // a superuser target is never the last one
        }
        String token = switch (role) {
            case ANONYMOUS -> null;
            case SELF -> tokenOf(target);
            case OTHER -> tokenOf(newUser());
            case STAFF -> tokenOf(newStaff());
            case SUPERUSER -> tokenOf(newSuperuser());
        };
        String targetToken = role == Role.SELF ? token : tokenOf(target);
        User before = userAccounts.findById(target.id()).orElseThrow();

        ApiResponse response = send(row, target, token);

        assertThat(response.status()).as("%s as %s: %s", name, role, response).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            if (expected == 403 && role == Role.STAFF && row.target() != Target.USER) {
                assertThat(response.error())
                        .as("the refusal says what is needed")
                        .isEqualTo(
                                row.target() == Target.SUPERUSER
                                        ? "Only a superuser may change a superuser account."
                                        : "Only a superuser may change a staff account.");
            }
            if (row.method().equals("POST") && row.path().equals("/api/users/")) {
                return;
            }
            assertThat(userAccounts.findById(target.id()))
                    .as("refused request changed nothing")
                    .contains(before);
            assertThat(api.get("/api/users/me/", targetToken).status())
                    .as("the target's session survives a refused request")
                    .isEqualTo(200);
            assertThat(api.post("/api/users/logout/", targetToken).status()).isEqualTo(200);
            assertThat(login(target.email(), target.password()).status())
                    .as("the target's password still logs in")
                    .isEqualTo(200);
        }
    }

    private ApiResponse send(Row row, Account target, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] body = null;
        if (row.body() != null) {
            Map<String, Object> filled = new LinkedHashMap<>(row.body());
            filled.replaceAll((field, value) -> NEW_EMAIL.equals(value) ? uniqueEmail() : value);
            headers.put("Content-Type", "application/json");
            body = JSON.writeValueAsString(filled).getBytes(StandardCharsets.UTF_8);
        }
        return api.send(row.method(), row.path().replace("{id}", String.valueOf(target.id())), headers, body);
    }

    private static Row row(
            String name, Target target, String method, String path, Map<String, Object> body, int... statuses) {
        return new Row(name, target, method, path, body, statuses);
    }

    private static Map<String, Object> signup(Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", NEW_EMAIL);
        body.put("password", PASSWORD);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }
}

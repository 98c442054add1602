package io.keyhold.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Signup, profile reads and edits, deletion and the staff list, over real HTTP. */
abstract class UserApiTests extends ApiTest {

    @Autowired
    private UserRepository userRepository;

    private static final List<String> USER_FIELDS = List.of(
            "id",
            "email",
            "name",
            "phone",
            "gender",
            "is_active",
            "is_staff",
            "is_superuser",
            "email_verified",
            "last_login",
            "created_at",
            "updated_at");

    @Test
    void signupThen201WithLocationAndUserWithoutSecrets() {
        String email = uniqueEmail();
        ApiResponse response =
                signup(Map.of("email", email, "password", PASSWORD, "name", "Ada", "phone", "+49 151-123"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo(PUBLIC_URL + "/api/users/" + response.id() + "/");
        JsonNode user = response.json();
        assertThat(user.propertyNames()).containsExactlyElementsOf(USER_FIELDS);
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("name").asString()).isEqualTo("Ada");
        assertThat(user.get("phone").asString()).isEqualTo("+49 151-123");
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("is_staff").asBoolean()).isFalse();
        assertThat(user.get("email_verified").asBoolean()).isFalse();
        assertThat(user.get("last_login").isNull()).isTrue();
        assertThat(user.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(response.body())
                .doesNotContain(PASSWORD)
                .doesNotContain("argon2")
                .doesNotContain("token");
    }

    @Test
    void signupWithoutNameThenAnonymous() {
        ApiResponse response = signup(Map.of("email", uniqueEmail(), "password", PASSWORD));

        assertThat(response.json().get("name").asString()).isEqualTo("Anonymous");
    }

    @Test
    void signupByFormBodyThen201() {
        String email = uniqueEmail();
        ApiResponse response = api.postForm(
                "/api/users",
                null,
                "email=" + email.replace("@", "%40") + "&password=" + PASSWORD.replace("&", "%26") + "&name=Form+User");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("name").asString()).isEqualTo("Form User");
        assertThat(login(email, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void signupKeepsLocalPartAndLowerCasesDomain() {
        String local = "Mixed.Case" + System.nanoTime();
        ApiResponse response = signup(Map.of("email", local + "@Example.ORG", "password", PASSWORD));

        assertThat(response.json().get("email").asString()).isEqualTo(local + "@example.org");
    }

    @Test
    void signupWhenEmailTakenInAnyCaseThen409() {
        String email = uniqueEmail();
        signup(Map.of("email", email, "password", PASSWORD));

        ApiResponse again = signup(Map.of("email", email.toUpperCase(), "password", PASSWORD));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("A user with this email already exists.");
    }

    @Test
    void signupWhenEmailMissingThen400WithFieldMessage() {
        ApiResponse response = signup(Map.of("password", PASSWORD));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.fieldErrors("email")).containsExactly("This field is required.");
    }

    @Test
    void signupWhenEmailInvalidThen400InvalidEmailFormat() {
        ApiResponse response = signup(Map.of("email", "not-an-address", "password", PASSWORD));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("Invalid email format");
        assertThat(response.fieldErrors("email")).containsExactly("Enter a valid email address.");
    }

    @Test
    void signupWhenPasswordWeakThen400WithEveryDjangoMessage() {
        assertThat(signup(Map.of("email", "numbers.only@example.com", "password", "12345678"))
                        .fieldErrors("password"))
                .containsExactly("This password is too common.", "This password is entirely numeric.");
        assertThat(signup(Map.of("email", uniqueEmail(), "password", "Ab1!")).fieldErrors("password"))
                .containsExactly("This password is too short. It must contain at least 8 characters.");
        assertThat(signup(Map.of("email", "margaret.hamilton@example.com", "password", "margarethamilton"))
                        .fieldErrors("password"))
                .contains("The password is too similar to the email.");
        assertThat(signup(Map.of("email", uniqueEmail(), "password", "x".repeat(4097)))
                        .fieldErrors("password"))
                .containsExactly("This password is too long. It must contain at most 4096 characters.");
    }

    @Test
    void signupWhenPhoneMalformedThen400() {
        ApiResponse response = signup(Map.of("email", uniqueEmail(), "password", PASSWORD, "phone", "call me"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("phone")).hasSize(1);
    }

    @Test
    void signupWhenFieldHasWrongTypeThen400NotA500() {
        ApiResponse response = signup(Map.of("email", List.of("a@example.com"), "password", Map.of("x", 1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("password")).containsExactly("Not a valid string.");
    }

    @Test
    void signupWhenPrivilegedFlagRequestedThen403AndNothingStored() {
        String email = uniqueEmail();

        ApiResponse response = signup(Map.of("email", email, "password", PASSWORD, "is_superuser", true));

        assertThat(response.status()).isEqualTo(403);
        assertThat(userAccounts.findByEmail(email)).isEmpty();
    }

    @Test
    void signupWhenPrivilegedFlagsSentWithCurrentValuesThen201() {
        ApiResponse response = signup(Map.of(
                "email",
                uniqueEmail(),
                "password",
                PASSWORD,
                "is_staff",
                false,
                "is_superuser",
                "false",
                "is_active",
                true));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void signupBySuperuserMayCreateStaff() {
        String token = tokenOf(newSuperuser());

        ApiResponse response = api.postJson(
                "/api/users/", token, Map.of("email", uniqueEmail(), "password", PASSWORD, "is_staff", true));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("is_staff").asBoolean()).isTrue();
    }

    @Test
    void meThenTheCaller() {
        Account account = newUser();

        ApiResponse me = api.get("/api/users/me/", tokenOf(account));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.id()).isEqualTo(account.id());
        assertThat(me.json().get("last_login").isNull()).isFalse();
    }

    @Test
    void patchNameThenStoredAndUpdatedAtMoves() {
        Account account = newUser();
        String token = tokenOf(account);
        String before = api.get("/api/users/me", token).text("updated_at");

        ApiResponse patched = api.patchJson("/api/users/" + account.id() + "/", token, Map.of("name", "Grace"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("name")).isEqualTo("Grace");
        assertThat(patched.text("updated_at")).isGreaterThan(before);
        assertThat(api.get("/api/users/me", token).text("name")).isEqualTo("Grace");
    }

    @Test
    void patchPhoneNullThenCleared() {
        Account account = newUser();
        String token = tokenOf(account);
        api.patchJson("/api/users/me", token, Map.of("phone", "+1 555 0100"));
        var clear = new HashMap<String, Object>();
        clear.put("phone", null);

        ApiResponse patched = api.patchJson("/api/users/me", token, clear);

        assertThat(patched.json().get("phone").isNull()).isTrue();
    }

    @Test
    void putWithoutEmailThen400() {
        Account account = newUser();

        ApiResponse response = api.putJson("/api/users/" + account.id(), tokenOf(account), Map.of("name", "X"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("email")).containsExactly("This field is required.");
    }

    @Test
    void putWithoutEmailSummarisesTheMissingFieldNotAFormatError() {
        Account account = newUser();

        ApiResponse response = api.putJson("/api/users/me", tokenOf(account), Map.of("name", "X"));

        assertThat(response.error()).isEqualTo("email: This field is required.");
    }

    @Test
    void ownEmailChangeNeedsCurrentPassword() {
        Account account = newUser();
        String token = tokenOf(account);
        String newEmail = uniqueEmail();

        ApiResponse without = api.patchJson("/api/users/me", token, Map.of("email", newEmail));
        ApiResponse with =
                api.patchJson("/api/users/me", token, Map.of("email", newEmail, "current_password", PASSWORD));

        assertThat(without.status()).isEqualTo(400);
        assertThat(without.fieldErrors("current_password")).containsExactly("This field is required.");
        assertThat(with.status()).isEqualTo(200);
        assertThat(with.text("email")).isEqualTo(newEmail);
    }

    @Test
    void ownEmailCaseChangeNeedsNoCurrentPassword() {
        Account account = newUser();
        String upper =
                account.email().substring(0, 1).toUpperCase() + account.email().substring(1);

        ApiResponse response = api.patchJson("/api/users/me", tokenOf(account), Map.of("email", upper));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("email")).isEqualTo(upper);
    }

    @Test
    void infiniteNumberAsNameThen400() {
        ApiResponse response = api.send(
                "POST",
                "/api/users/",
                Map.of("Content-Type", "application/json"),
                ("{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\",\"name\":1e99999}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("name")).containsExactly("Not a valid string.");
    }

    @Test
    void putWithEmailOfAnotherAccountThen409AndNothingChanged() {
        Account account = newUser();
        Account other = newUser();
        String token = tokenOf(account);

        ApiResponse response = api.putJson(
                "/api/users/me/",
                token,
                Map.of("email", other.email().toUpperCase(), "name", "Changed", "current_password", PASSWORD));

        assertThat(response.status()).isEqualTo(409);
        assertThat(api.get("/api/users/me", token).text("name")).isEqualTo("Test User");
    }

    @Test
    void ownPasswordChangeWithoutCurrentPasswordThen400() {
        Account account = newUser();

        ApiResponse response = api.patchJson("/api/users/me", tokenOf(account), Map.of("password", "N3w-pass-phrase"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("current_password")).containsExactly("This field is required.");
    }

    @Test
    void ownPasswordChangeWithWrongCurrentPasswordThen400AndOldPasswordStillWorks() {
        Account account = newUser();
        String token = tokenOf(account);

        ApiResponse response = api.patchJson(
                "/api/users/me", token, Map.of("password", "N3w-pass-phrase", "current_password", "wrong-password"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors("current_password")).hasSize(1);
        api.post("/api/users/logout/", token);
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void ownPasswordChangeKeepsCurrentSessionAndNewPasswordLogsIn() {
        Account account = newUser();
        String token = tokenOf(account);

        ApiResponse response = api.patchJson(
                "/api/users/me", token, Map.of("password", "N3w-pass-phrase", "current_password", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", token).status()).isEqualTo(200);
        api.post("/api/users/logout/", token);
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(login(account.email(), "N3w-pass-phrase").status()).isEqualTo(200);
    }

    @Test
    void passwordSetByStaffEndsEverySessionOfThatUser() {
        Account account = newUser();
        String userToken = tokenOf(account);
        String staffToken = tokenOf(newStaff());

        ApiResponse response =
                api.patchJson("/api/users/" + account.id(), staffToken, Map.of("password", "St4ff-chosen-secret"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", userToken).status()).isEqualTo(401);
        assertThat(login(account.email(), "St4ff-chosen-secret").status()).isEqualTo(200);
    }

    @Test
    void deactivationByStaffEndsSessionsAndLoginThen403() {
        Account account = newUser();
        String userToken = tokenOf(account);

        ApiResponse response =
                api.patchJson("/api/users/" + account.id(), tokenOf(newStaff()), Map.of("is_active", false));

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get("/api/users/me", userToken).status()).isEqualTo(401);
        ApiResponse login = login(account.email(), PASSWORD);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.error()).isEqualTo("Account is disabled");
    }

    @Test
    void deleteMeThen204AndTokenAndLoginStopWorking() {
        Account account = newUser();
        String token = tokenOf(account);

        assertThat(api.delete("/api/users/me/", token).status()).isEqualTo(204);

        assertThat(api.get("/api/users/me", token).status()).isEqualTo(401);
        assertThat(login(account.email(), PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void deleteOfLastActiveSuperuserThen409() {
        Account last = newSuperuser();
        String token = tokenOf(last);
        // Remove every other active superuser this database holds, so `last` is the last one.
        for (Long other : otherActiveSuperusers(last.id())) {
            assertThat(api.delete("/api/users/" + other, token).status()).isEqualTo(204);
        }

        ApiResponse response = api.delete("/api/users/me", token);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("Cannot delete the last active superuser.");
        assertThat(api.patchJson("/api/users/me", token, Map.of("is_superuser", false))
                        .status())
                .isEqualTo(409);
        assertThat(api.get("/api/users/me", token).status()).isEqualTo(200);
    }

    @Test
    void listWhenStaffThenDrfPagination() {
        String token = tokenOf(newStaff());
        for (int i = 0; i < 3; i++) {
            newUser();
        }

        ApiResponse first = api.get("/api/users/?page_size=2", token);

        assertThat(first.status()).isEqualTo(200);
        JsonNode page = first.json();
        assertThat(page.propertyNames()).containsExactly("count", "next", "previous", "results");
        assertThat(page.get("count").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.get("results").size()).isEqualTo(2);
        assertThat(page.get("previous").isNull()).isTrue();
        String next = page.get("next").asString();
        assertThat(next)
                .startsWith(PUBLIC_URL + "/api/users/?")
                .contains("page=2")
                .contains("page_size=2");
        ApiResponse second = api.get(next.substring(PUBLIC_URL.length()), token);
        assertThat(second.json().get("previous").asString()).doesNotContain("page=");
        assertThat(second.json().get("results").get(0).get("id").asLong())
                .isGreaterThan(page.get("results").get(1).get("id").asLong());
    }

    @Test
    void listPageSizeIsCappedAt100AndBadPageIs404() {
        String token = tokenOf(newStaff());

        assertThat(api.get("/api/users/?page_size=1000", token)
                        .json()
                        .get("results")
                        .size())
                .isLessThanOrEqualTo(100);
        assertThat(api.get("/api/users/?page=0", token).status()).isEqualTo(404);
        assertThat(api.get("/api/users/?page=99999", token).error()).isEqualTo("Invalid page.");
    }

    @Test
    void listSearchIsCaseInsensitiveSubstringWithLiteralWildcards() {
        String token = tokenOf(newStaff());
        String marker = "zq" + System.nanoTime();
        signup(Map.of("email", marker + "_a@example.com", "password", PASSWORD, "name", "Percent 100% " + marker));
        signup(Map.of("email", marker + "xa@example.com", "password", PASSWORD));

        assertThat(api.get("/api/users/?search=" + marker.toUpperCase(), token)
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(2);
        assertThat(api.get("/api/users/?search=" + marker + "_a", token)
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/users/?search=100%25%20" + marker, token)
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void listOrderingByFieldAndUnknownFieldThen400() {
        String token = tokenOf(newStaff());

        JsonNode descending =
                api.get("/api/users/?ordering=-id&page_size=5", token).json().get("results");
        assertThat(descending.get(0).get("id").asLong())
                .isGreaterThan(descending.get(1).get("id").asLong());
        ApiResponse unknown = api.get("/api/users/?ordering=password", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fieldErrors("ordering")).hasSize(1);
    }

    private List<Long> otherActiveSuperusers(long keep) {
        return userRepository.lockActiveSuperuserIds().stream()
                .filter(id -> id != keep)
                .toList();
    }
}

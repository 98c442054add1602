package io.keyhold.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.problems.FieldErrors;
import io.keyhold.requests.RequestFields;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the user endpoints' reader makes of a body, before any rule that needs the database. */
class UserBodiesTest {

    @Test
    void patchWhenPhoneLeftOutThenKeptAndWhenNullOrBlankThenCleared() {
        assertThat(UserBodies.patch(body(Map.of())).phone()).isEqualTo(Change.keep());
        assertThat(UserBodies.patch(body(mapOf("phone", null))).phone()).isEqualTo(Change.to(null));
        assertThat(UserBodies.patch(body(Map.of("phone", "  "))).phone()).isEqualTo(Change.to(null));
        assertThat(UserBodies.patch(body(Map.of("phone", " +41 79 "))).phone()).isEqualTo(Change.to("+41 79"));
    }

    @Test
    void patchWhenNothingSentThenNothingChangesAndNoError() {
        UserChanges changes = UserBodies.patch(body(Map.of()));

        assertThat(changes)
                .isEqualTo(new UserChanges(
                        null, null, Change.keep(), Change.keep(), null, null, null, null, null, Map.of()));
    }

    @Test
    void replacementWhenEmailLeftOutThenRequired() {
        assertThat(UserBodies.replacement(body(Map.of("name", "Ann"))).fieldErrors())
                .containsExactly(Map.entry("email", List.of(FieldErrors.REQUIRED)));
    }

    @Test
    void signupWhenEveryFieldIsWrongThenEveryErrorInTheSerializersOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("is_superuser", "maybe");
        fields.put("phone", "call me");
        fields.put("name", null);
        fields.put("current_password", "");
        fields.put("email", "not an address");

        Signup signup = UserBodies.signup(body(fields));

        assertThat(signup.email()).isNull();
        assertThat(signup.fieldErrors())
                .containsExactly(
                        Map.entry("email", List.of("Enter a valid email address.")),
                        Map.entry("name", List.of("This field may not be null.")),
                        Map.entry("phone", List.of(UserBodies.INVALID_PHONE)),
                        Map.entry("password", List.of(FieldErrors.REQUIRED)),
                        Map.entry("current_password", List.of("This field may not be blank.")),
                        Map.entry("is_superuser", List.of("Must be a valid boolean.")));
    }

    @Test
    void passwordChangeWhenBothLeftOutThenBothRequired() {
        assertThat(UserBodies.passwordChange(body(Map.of())).fieldErrors().keySet())
                .containsExactly("current_password", "new_password");
    }

    private static RequestFields body(Map<String, Object> fields) {
        return RequestFields.of(fields);
    }

    private static Map<String, Object> mapOf(String field, Object value) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(field, value);
        return fields;
    }
}

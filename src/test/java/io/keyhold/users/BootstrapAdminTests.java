package io.keyhold.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyhold.KeyholdApplication;
import io.keyhold.testing.ApiResponse;
import io.keyhold.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code KEYHOLD_BOOTSTRAP_ADMIN_EMAIL} / {@code _PASSWORD} (bound by Spring as
 * {@code keyhold.bootstrap.admin.*}): a first superuser without a command.
 */
@TestPropertySource(
        properties = {
            "keyhold.bootstrap.admin.email=first.admin@example.com",
            "keyhold.bootstrap.admin.password=Bootstrap-secret-42"
        })
abstract class BootstrapAdminTests extends ApiTest {

    @Autowired
    private UserRepository userRepository;

    @Autowired
    private BootstrapAdmin bootstrap;

    @Test
    void variablesSetAndNoSuperuserThenSuperuserCreatedOnStart() {
        ApiResponse login = login("first.admin@example.com", "Bootstrap-secret-42");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("user").get("is_superuser").asBoolean()).isTrue();
    }

    @Test
    void superuserExistsThenNothingCreatedOnNextStart() {
        long before = userRepository.count(UserQuery.of(new UserQuery.Params(null, null, null, null)));

        bootstrap.run(null);

        assertThat(userRepository.count(UserQuery.of(new UserQuery.Params(null, null, null, null))))
                .isEqualTo(before);
    }

    @Test
    void weakBootstrapPasswordThenStartFailsWithoutShowingIt() {
        var application = new SpringApplicationBuilder(KeyholdApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        "--spring.datasource.url=jdbc:h2:mem:bootstrap-weak;DB_CLOSE_DELAY=-1",
                        "--spring.main.banner-mode=off",
                        "--keyhold.bootstrap.admin.email=weak.admin@example.com",
                        "--keyhold.bootstrap.admin.password=password123"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot create the bootstrap superuser")
                .hasMessageContaining("This password is too common.")
                .hasMessageNotContaining("password123");
    }
}

package io.keyhold.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PasswordPropertiesTest {

    @Test
    void bindWhenNothingConfiguredThenDefaults() {
        PasswordProperties properties = bind(Map.of());

        assertThat(properties.argon2()).isEqualTo(new PasswordProperties.Argon2(19456, 2, 1));
        assertThat(properties.hashThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(properties.hashWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void bindWhenConfiguredThenKebabCaseNamesApply() {
        PasswordProperties properties = bind(Map.of(
                "keyhold.passwords.argon2.memory-kib", "65536",
                "keyhold.passwords.argon2.iterations", "3",
                "keyhold.passwords.hash-threads", "4",
                "keyhold.passwords.hash-wait", "500ms"));

        assertThat(properties.argon2()).isEqualTo(new PasswordProperties.Argon2(65536, 3, 1));
        assertThat(properties.hashThreads()).isEqualTo(4);
        assertThat(properties.hashWait()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void constructWhenArgon2BelowItsOwnMinimumThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordProperties.Argon2(15, 1, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordProperties.Argon2(8, 0, 1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PasswordProperties(new PasswordProperties.Argon2(8, 1, 1), 0, Duration.ZERO));
    }

    private static PasswordProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("keyhold.passwords", Bindable.of(PasswordProperties.class));
    }
}

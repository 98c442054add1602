package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyhold.testing.ApiTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * User text in the log cannot forge a log line or send a terminal escape, even text stored before
 * control characters were refused: here a mail goes to the log (no {@code spring.mail.host}) for
 * an account whose name and address hold line breaks and an escape.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserTextInLogsTest extends ApiTest {

    private static final String FORGED = "2026-01-01T00:00:00.000Z ERROR 1 --- [keyhold] [main] forged";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aLegacyNameAndAddressWithLineBreaksAndEscapesStayOnTheirLogLine(CapturedOutput output) {
        Account account = newUser();
        String email = "\"mal\u001b[31mlory-" + UUID.randomUUID().toString().substring(0, 8) + "\"@example.com";
        jdbc.sql("UPDATE users SET name = ?, email = ?, email_key = ? WHERE id = ?")
                .params("Mallory\r\n" + FORGED + "\r\n", email, email.toLowerCase(), account.id())
                .update();

        // A password set by staff mails the user a notice: in mail-to-log mode, into the log.
        assertThat(api.patchJson(
                                "/api/users/" + account.id() + "/",
                                tokenOf(newStaff()),
                                Map.of("password", "Set-by-staff-2026"))
                        .status())
                .isEqualTo(200);

        String escapedAddress = email.replace("\u001b", "\\u001b");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(output.getOut()).contains("to " + escapedAddress));
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(output.getOut()).doesNotContain("\u001b").contains("Hello Mallory");
    }
}

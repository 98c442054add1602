package io.keyhold.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.keyhold.testing.ApiTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the mail suites: Keyhold sends over real SMTP to an in-process GreenMail server,
 * restarted empty for every test.
 */
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
abstract class MailTest extends ApiTest {

    private static final Pattern TOKEN_IN_LINK = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);

    /**
     * The mails to {@code to}, once at least {@code expected} of them have arrived: waits on
     * GreenMail for each next incoming mail, up to 20 s in all. Counting per recipient keeps a
     * late notice from an earlier test out of the count.
     */
    protected List<MimeMessage> mailsTo(String to, int expected) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<MimeMessage> mine = receivedBy(to);
            if (mine.size() >= expected) {
                return mine;
            }
            long left = deadline - System.currentTimeMillis();
            assertThat(left > 0 && greenMail.waitForIncomingEmail(left, greenMail.getReceivedMessages().length + 1))
                    .as("%d mail(s) to %s arrived", expected, to)
                    .isTrue();
        }
    }

    /** What has arrived for {@code to} so far. */
    protected List<MimeMessage> receivedBy(String to) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipients(message).contains(to.toLowerCase()))
                .toList();
    }

    protected static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    /** The plain-text part of a mail, decoded, as a mail client shows it. */
    protected static String plainText(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int index = 0; index < multipart.getCount(); index++) {
                    String text = plainText(multipart.getBodyPart(index));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (jakarta.mail.MessagingException | java.io.IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    protected static String tokenIn(MimeMessage message) {
        Matcher matcher = TOKEN_IN_LINK.matcher(body(message));
        assertThat(matcher.find())
                .as("a link with a token in: %s", body(message))
                .isTrue();
        return matcher.group(1);
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO))
                    .toLowerCase();
        } catch (jakarta.mail.MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}

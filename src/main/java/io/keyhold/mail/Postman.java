package io.keyhold.mail;

import io.keyhold.text.PlainText;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers mail without ever making an API request wait for, or fail on, the mail server: a
 * message leaves only after the transaction that caused it commits, on a thread of its own, and
 * a refused attempt is retried with growing pauses before it is given up and logged. Without
 * {@code spring.mail.host} there is no SMTP server, and the message goes to the log instead, links
 * and all, so a developer can follow them locally.
 */
@Component
class Postman {

    private static final Logger log = LoggerFactory.getLogger(Postman.class);
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(2);

    private final ObjectProvider<JavaMailSender> smtp;
    private final MailProperties properties;
    private final ScheduledExecutorService outbox = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keyhold-mail");
        thread.setDaemon(true);
        return thread;
    });

    Postman(ObjectProvider<JavaMailSender> smtp, MailProperties properties) {
        this.smtp = smtp;
        this.properties = properties;
    }

    void send(Mail mail) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatch(mail);
                }
            });
        } else {
            dispatch(mail);
        }
    }

    private void dispatch(Mail mail) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            log.info(
                    "Mail not sent (no spring.mail.host): to {}, subject \"{}\"\n{}",
                    PlainText.forLog(mail.to()),
                    PlainText.forLog(mail.subject()),
                    PlainText.forLog(mail.text()));
            return;
        }
        outbox.execute(() -> attempt(sender, mail, 1));
    }

    private void attempt(JavaMailSender sender, Mail mail, int attempt) {
        try {
            var message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            sender.send(message);
        } catch (MailException | MessagingException failure) {
            if (attempt >= ATTEMPTS) {
                log.error(
                        "Gave up on mail to {} (\"{}\") after {} attempts: {}",
                        PlainText.forLog(mail.to()),
                        PlainText.forLog(mail.subject()),
                        attempt,
                        failure.getClass().getSimpleName());
                return;
            }
            long pause = FIRST_PAUSE.toMillis() << (attempt - 1);
            log.warn(
                    "Mail to {} (\"{}\") failed, attempt {} of {}; retrying in {} ms: {}",
                    PlainText.forLog(mail.to()),
                    PlainText.forLog(mail.subject()),
                    attempt,
                    ATTEMPTS,
                    pause,
                    failure.getClass().getSimpleName());
            outbox.schedule(() -> attempt(sender, mail, attempt + 1), pause, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        outbox.shutdown();
    }
}

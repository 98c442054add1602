package io.keyhold.mail;

import static io.keyhold.time.Timestamps.toSql;

import io.keyhold.time.Timestamps;
import io.keyhold.users.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cap on mails that someone asks for, so nobody can flood a mailbox: three of a kind per
 * address in the hour that starts with the first of them. It counts addresses, not accounts, and
 * is taken before anyone looks for an account, so it behaves the same whether or not one has the
 * address. Counters are rows in the database, incremented by the statement itself under that
 * row's lock, so concurrent requests on several nodes are all counted.
 */
@Component
class MailQuota {

    static final int MAILS_PER_WINDOW = 3;
    static final Duration WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MailQuota(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Counts one more mail of this kind to the address; false when that is one too many this hour. */
    boolean take(String email, AccountToken.Purpose purpose) {
        String emailKey = EmailAddress.keyOf(email);
        Instant now = Timestamps.now(clock);
        int mails = transaction.execute(status -> count(emailKey, purpose, now));
        if (mails == 0) {
            // First request for this address. Created outside the counting transaction: on PostgreSQL
            // a duplicate-key error, when another node creates the row at the same moment, ends it.
            try {
                jdbc.sql("INSERT INTO mail_quota (email_key, purpose, window_start, mails) VALUES (?, ?, ?, 0)")
                        .params(emailKey, purpose.name(), toSql(now))
                        .update();
            } catch (DuplicateKeyException raced) {
                // Created by a concurrent request; counting below includes ours.
            }
            mails = transaction.execute(status -> count(emailKey, purpose, now));
        }
        return mails <= MAILS_PER_WINDOW;
    }

    /** The mails of the current window, this one included; 0 when the address has no row yet. */
    private int count(String emailKey, AccountToken.Purpose purpose, Instant now) {
        Instant windowOver = now.minus(WINDOW);
        int rows = jdbc.sql("""
                        UPDATE mail_quota
                        SET mails = CASE WHEN window_start <= ? THEN 1 ELSE mails + 1 END,
                            window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END
                        WHERE email_key = ? AND purpose = ?
                        """)
                .params(toSql(windowOver), toSql(windowOver), toSql(now), emailKey, purpose.name())
                .update();
        if (rows == 0) {
            return 0;
        }
        // The update holds the row's lock until commit: this read sees our count.
        return jdbc.sql("SELECT mails FROM mail_quota WHERE email_key = ? AND purpose = ?")
                .params(emailKey, purpose.name())
                .query(Integer.class)
                .single();
    }

    /** A row only matters for its hour; then it goes. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void pruneEnded() {
        jdbc.sql("DELETE FROM mail_quota WHERE window_start < ?")
                .param(toSql(Timestamps.now(clock).minus(WINDOW)))
                .update();
    }
}

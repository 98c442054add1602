package io.keyhold.mfa;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code recovery_codes} table: keyed hashes, a row deleted when its code is used. */
@Repository
class RecoveryCodeRepository {

    private final JdbcClient jdbc;

    RecoveryCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replace(long userId, List<String> codeHashes) {
        deleteAll(userId);
        for (String codeHash : codeHashes) {
            jdbc.sql("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)")
                    .params(userId, codeHash)
                    .update();
        }
    }

    /** Uses the code up; false when it is not one of the user's, or another request used it first. */
    boolean use(long userId, String codeHash) {
        return jdbc.sql("DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?")
                        .params(userId, codeHash)
                        .update()
                > 0;
    }

    int countLeft(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    void deleteAll(long userId) {
        jdbc.sql("DELETE FROM recovery_codes WHERE user_id = ?").param(userId).update();
    }
}

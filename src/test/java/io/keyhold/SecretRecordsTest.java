package io.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyhold.auth.Credentials;
import io.keyhold.auth.LoginResult;
import io.keyhold.clients.ApiClient;
import io.keyhold.clients.ApiClients;
import io.keyhold.clients.ClientCredentials;
import io.keyhold.mail.ResetConfirmation;
import io.keyhold.mail.VerificationConfirmation;
import io.keyhold.mfa.Passkeys;
import io.keyhold.mfa.SecondFactorProof;
import io.keyhold.mfa.SecondFactors;
import io.keyhold.users.Change;
import io.keyhold.users.PasswordChange;
import io.keyhold.users.Signup;
import io.keyhold.users.UserChanges;
import io.keyhold.webhooks.CreatedWebhookEndpoint;
import io.keyhold.webhooks.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records that carry a password or a token into a service print neither, wherever they are logged. */
class SecretRecordsTest {

    private static final String SECRET = "correct-horse-battery-staple";

    @Test
    void recordsCarryingSecretsWhenPrintedThenShowNone() {
        List<Object> records = List.of(
                new Credentials("ann@example.com", SECRET),
                new Signup(null, SECRET, "Ann", null, null, null, null, null, Map.of()),
                new UserChanges(null, null, Change.keep(), Change.keep(), SECRET, SECRET, null, null, null, Map.of()),
                new PasswordChange(SECRET, SECRET, Map.of()),
                new ResetConfirmation(SECRET, SECRET),
                new VerificationConfirmation(SECRET),
                new SecondFactorProof(SECRET, null, null),
                new SecondFactorProof(null, SECRET, null),
                new SecondFactorProof(null, null, SECRET),
                new SecondFactors.TotpEnrolment(SECRET, SECRET, SECRET),
                new SecondFactors.AddedPasskey(
                        new Passkeys.PasskeyView(1, "Laptop", Instant.EPOCH, null), List.of(SECRET)),
                new LoginResult.SecondFactorRequired<>(SECRET, List.of("totp")),
                new ClientCredentials("kh_client", SECRET),
                new ApiClients.CreatedClient(new ApiClient(1, "kh_client", "App", Instant.EPOCH), SECRET),
                new CreatedWebhookEndpoint(
                        new WebhookEndpoint(1, "https://app.example.com/hook", List.of("user.created"), Instant.EPOCH),
                        SECRET));

        assertThat(records).allSatisfy(record -> assertThat(record.toString()).doesNotContain(SECRET));
    }
}

package io.keyhold.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.keyhold.mfa.Passkeys;
import io.keyhold.problems.Refusal;
import io.keyhold.problems.RefusalStatus;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The few answers the console gives its own script instead of a page: the options of a passkey
 * ceremony, or why there are none, as one sentence the script shows as it is.
 */
final class ConsoleJson {

    private ConsoleJson() {}

    /** A ceremony's options for {@code PublicKeyCredential.parse…OptionsFromJSON}, and its flow where it has one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CeremonyJson(@JsonProperty("flow_id") String flowId, JsonNode publicKey) {

        static CeremonyJson of(Passkeys.Ceremony ceremony) {
            return new CeremonyJson(ceremony.flowId(), ceremony.publicKey());
        }

        /** Without the flow id: a login's second factor names its flow by the {@code mfa_token}. */
        static CeremonyJson optionsOnly(Passkeys.Ceremony ceremony) {
            return new CeremonyJson(null, ceremony.publicKey());
        }
    }

    record ErrorJson(String error) {}

    /** The options, or the refusal's status and sentence. */
    static ResponseEntity<Object> answer(Supplier<CeremonyJson> options) {
        try {
            return ResponseEntity.ok(options.get());
        } catch (Refusal refused) {
            return ResponseEntity.status(RefusalStatus.of(refused))
                    .headers(RefusalStatus.headersOf(refused))
                    .body(new ErrorJson(sentenceOf(refused)));
        }
    }

    /** What a person reads of a refusal: the problem with the field they filled in, else the refusal's own text. */
    static String sentenceOf(Refusal refused) {
        return refused.fieldErrors().values().stream()
                .flatMap(List::stream)
                .findFirst()
                .orElse(refused.error());
    }
}

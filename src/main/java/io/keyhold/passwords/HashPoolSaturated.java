package io.keyhold.passwords;

import io.keyhold.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Every hashing slot stayed busy for the whole wait: answer 503 and ask the client to retry in a second. */
public class HashPoolSaturated extends ApiException {

    HashPoolSaturated() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service is overloaded, try again shortly.",
                Map.of(),
                retryAfterOneSecond());
    }

    private static HttpHeaders retryAfterOneSecond() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return headers;
    }
}

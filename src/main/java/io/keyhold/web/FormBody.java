package io.keyhold.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Parses {@code application/x-www-form-urlencoded} bytes as UTF-8. */
final class FormBody {

    private FormBody() {}

    /** @throws IllegalArgumentException on a malformed percent escape */
    static MultiValueMap<String, String> parse(byte[] body) {
        var values = new LinkedMultiValueMap<String, String>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.add(decode(name), decode(value));
        }
        return values;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}

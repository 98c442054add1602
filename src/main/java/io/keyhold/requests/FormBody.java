package io.keyhold.requests;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * Parses {@code application/x-www-form-urlencoded} text, a body or a query string, strictly: a
 * broken percent escape, bytes that are not UTF-8 and a field without a name are refused rather
 * than guessed at, so every reader of the same request sees the same fields.
 */
final class FormBody {

    private FormBody() {}

    /** A request's query string, as the container hands it over (ASCII; escapes not yet decoded). */
    static MultiValueMap<String, String> parseQuery(String query) {
        return parse(query.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException with a reason fit for the client, never the input itself */
    static MultiValueMap<String, String> parse(byte[] body) {
        // Latin-1 maps each byte to one char, so the escapes decode to the bytes that were sent.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        var values = new LinkedMultiValueMap<String, String>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a name is empty");
            }
            values.add(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return values;
    }

    private static String decode(String part) {
        byte[] bytes;
        try {
            // A literal + is a space in a form; an encoded one arrives as %2B.
            bytes = StringUtils.uriDecode(part.replace("+", "%20"), StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException badEscape) {
            throw new IllegalArgumentException("a percent escape is malformed");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("the text is not UTF-8");
        }
    }
}

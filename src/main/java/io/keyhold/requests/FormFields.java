package io.keyhold.requests;

import io.keyhold.problems.BadRequest;
import java.util.Locale;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The fields of a form body, {@code application/x-www-form-urlencoded} or {@code
 * multipart/form-data}: what {@link RequestFields} reads on the API and what the console's and
 * link pages' request parameters hold. {@link BodyLimitFilter} parses them once per request.
 */
final class FormFields {

    private static final String URLENCODED = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private FormFields() {}

    /**
     * Whether the body is a form, by its media type alone: a {@code multipart/form-data} whose
     * parameters do not parse (an empty boundary, say) is still a form, and a malformed one.
     */
    static boolean isForm(String contentType) {
        String mediaType = essence(contentType);
        return mediaType.equals(URLENCODED) || mediaType.equals(MULTIPART);
    }

    /**
     * The fields of a form body; none for another media type or an empty body.
     *
     * @throws BadRequest when the body is a malformed form or carries a file
     */
    static MultiValueMap<String, String> parse(String contentType, byte[] body) {
        if (body.length == 0 || !isForm(contentType)) {
            return new LinkedMultiValueMap<>();
        }
        if (essence(contentType).equals(MULTIPART)) {
            return MultipartBody.parse(contentType, body);
        }
        try {
            return FormBody.parse(body);
        } catch (IllegalArgumentException malformed) {
            throw new BadRequest("Form parse error: " + malformed.getMessage() + ".");
        }
    }

    /** {@code type/subtype} in lower case, without parameters. */
    private static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}

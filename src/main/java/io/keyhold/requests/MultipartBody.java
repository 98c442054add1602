package io.keyhold.requests;

import io.keyhold.problems.BadRequest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Reads the fields of a {@code multipart/form-data} body (RFC 7578) the way Django's {@code
 * request.POST} does, minus files: Keyhold takes no uploads, so a part with a {@code filename} is
 * refused. The MIME structure is Jakarta Mail's to parse, already on the class path for the
 * mailer and made strict here; this class adds only what form-data says on top of MIME.
 */
final class MultipartBody {

    static final String MALFORMED = "Multipart form parse error: the body is not valid multipart/form-data.";
    static final String FILE_PART = "File uploads are not accepted: send form fields only.";

    private MultipartBody() {}

    /** @throws BadRequest when the body is not well-formed multipart/form-data or carries a file */
    static MultiValueMap<String, String> parse(String contentType, byte[] body) {
        var fields = new LinkedMultiValueMap<String, String>();
        try {
            var multipart = new StrictMultipart(new ByteArrayDataSource(body, contentType));
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = (MimeBodyPart) multipart.getBodyPart(i);
                String disposition = part.getHeader("Content-Disposition", null);
                if (disposition == null) {
                    throw new BadRequest(MALFORMED);
                }
                var formData = new ContentDisposition(disposition);
                String name = formData.getParameter("name");
                if (!"form-data".equalsIgnoreCase(formData.getDisposition()) || name == null || name.isEmpty()) {
                    throw new BadRequest(MALFORMED);
                }
                if (formData.getParameter("filename") != null) {
                    throw new BadRequest(FILE_PART);
                }
                fields.add(name, text(part));
            }
        } catch (MessagingException | IOException malformed) {
            throw new BadRequest(MALFORMED);
        }
        return fields;
    }

    /** The part's bytes in its declared charset, UTF-8 when it declares none; undecodable text is refused. */
    private static String text(MimeBodyPart part) throws MessagingException, IOException {
        String declared = part.getHeader("Content-Type", null);
        String charsetName = declared == null ? null : new ContentType(declared).getParameter("charset");
        Charset charset;
        try {
            charset = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw new BadRequest(MALFORMED);
        }
        try (InputStream content = part.getInputStream()) {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException undecodable) {
            throw new BadRequest(MALFORMED);
        }
    }

    /**
     * Jakarta Mail is lenient by default, as a mail reader must be: it guesses a missing boundary
     * and accepts a body cut off before its closing delimiter. A form request gets neither.
     */
    private static final class StrictMultipart extends MimeMultipart {

        StrictMultipart(ByteArrayDataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected void initializeProperties() {
            super.initializeProperties();
            ignoreMissingBoundaryParameter = false;
            ignoreMissingEndBoundary = false;
        }

        /** Browsers send field names as raw UTF-8 in the part headers (RFC 7578 §5.1), not as MIME words. */
        @Override
        protected MimeBodyPart createMimeBodyPart(InputStream part) throws MessagingException {
            var headers = new InternetHeaders(part, true);
            try {
                return new MimeBodyPart(headers, part.readAllBytes());
            } catch (IOException unreadable) {
                throw new MessagingException("Unreadable part", unreadable);
            }
        }
    }
}

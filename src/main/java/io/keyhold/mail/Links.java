package io.keyhold.mail;

import io.keyhold.web.PublicUrlProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** The links mailed to users, from the configured templates. */
@Component
class Links {

    /** A token of the shape mailed links carry, for the API document's examples; it names no link. */
    static final String EXAMPLE_TOKEN = "JAQ31dHYBJRfGVC_hIfF7fg6DwIiP_JZUmtkAtIXjD0";

    private final MailProperties mail;
    private final PublicUrlProperties publicUrl;

    Links(MailProperties mail, PublicUrlProperties publicUrl) {
        this.mail = mail;
        this.publicUrl = publicUrl;
    }

    String reset(String token) {
        return fill(mail.resetUrl(), token);
    }

    String verify(String token) {
        return fill(mail.verifyUrl(), token);
    }

    private String fill(String template, String token) {
        return template.replace("{public-url}", publicUrl.withoutTrailingSlash())
                .replace("{token}", URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}

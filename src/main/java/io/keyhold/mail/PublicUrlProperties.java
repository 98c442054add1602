package io.keyhold.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code keyhold.public-url}: where users reach this Keyhold, for the links it mails. */
@ConfigurationProperties("keyhold")
public record PublicUrlProperties(
        @DefaultValue("http://localhost:8000") String publicUrl) {

    String withoutTrailingSlash() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}

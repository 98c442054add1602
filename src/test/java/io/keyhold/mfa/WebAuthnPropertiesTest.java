package io.keyhold.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyhold.mfa.WebAuthnProperties.RelyingParty;
import io.keyhold.web.PublicUrlProperties;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code keyhold.webauthn.*}: defaults from the public URL, and settings a browser would refuse are refused at start. */
class WebAuthnPropertiesTest {

    @Test
    void unsetThenRpIdIsThePublicHostAndTheOnlyOriginItsOrigin() {
        RelyingParty party = new WebAuthnProperties(null, "Keyhold", null)
                .relyingParty(new PublicUrlProperties("https://ID.Example.com:443/auth/"));

        assertThat(party.id()).isEqualTo("id.example.com");
        assertThat(party.name()).isEqualTo("Keyhold");
        assertThat(party.origins()).containsExactly("https://id.example.com");
    }

    @Test
    void unsetWithAPortThenTheOriginKeepsIt() {
        RelyingParty party = new WebAuthnProperties(null, "Keyhold", List.of())
                .relyingParty(new PublicUrlProperties("http://localhost:8000"));

        assertThat(party.id()).isEqualTo("localhost");
        assertThat(party.origins()).containsExactly("http://localhost:8000");
    }

    @Test
    void parentDomainWithSeveralOriginsThenEachAllowed() {
        RelyingParty party = new WebAuthnProperties(
                        "example.com", "Example ID", List.of("https://id.example.com/", "https://example.com:8443"))
                .relyingParty(new PublicUrlProperties("https://id.example.com"));

        assertThat(party.id()).isEqualTo("example.com");
        assertThat(party.name()).isEqualTo("Example ID");
        assertThat(party.origins()).isEqualTo(Set.of("https://id.example.com", "https://example.com:8443"));
    }

    @Test
    void anAndroidAppsOriginIsListedAsItIs() {
        String app = "android:apk-key-hash:lXhFBi3GPfVYu1b0CR3CqOjdeWxMbtFUsl2XEeFHmIA";
        RelyingParty party = new WebAuthnProperties("example.com", "Keyhold", List.of("https://example.com", app))
                .relyingParty(new PublicUrlProperties("https://example.com"));

        assertThat(party.origins()).isEqualTo(Set.of("https://example.com", app));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "example.com:443", "example.com/id", " ", ""})
    void rpIdThatIsNoDomainNameThenRefused(String rpId) {
        assertThatThrownBy(() -> new WebAuthnProperties(rpId, "Keyhold", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyhold.webauthn.rp-id");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id.example.com",
                "https://id.example.com/login",
                "ftp://id.example.com",
                "https://x?y",
                "android:apk-key-hash:"
            })
    void originThatIsNoOriginThenRefused(String origin) {
        assertThatThrownBy(() -> new WebAuthnProperties(null, "Keyhold", List.of(origin)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyhold.webauthn.origins");
    }

    @Test
    void originOutsideTheRpIdThenRefused() {
        var properties = new WebAuthnProperties("example.com", "Keyhold", List.of("https://example.org"));

        assertThatThrownBy(() -> properties.relyingParty(new PublicUrlProperties("https://id.example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://example.org");
    }
}

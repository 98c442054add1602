package io.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyhold.paging.Page;
import io.keyhold.paging.PageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** {@code keyhold.public-url}: refused at start unless it is an absolute HTTP(S) URL; its path prefix stays in every link. */
class PublicUrlPropertiesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"localhost:8000", "id.example.com", "ftp://id.example.com", "https://", "/auth", "http://a b"})
    void publicUrlThatIsNoAbsoluteHttpUrlThenRefused(String url) {
        assertThatThrownBy(() -> new PublicUrlProperties(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyhold.public-url");
    }

    @Test
    void publicUrlWithAPathThenLinksKeepItAndTheRequestsQuery() {
        var publicUrl = new PublicUrlProperties("https://id.example.com/auth/");
        var request = new MockHttpServletRequest("GET", "/api/users/");
        request.setQueryString("search=a%20b&page_size=1&page=2");

        Page<String> page = Page.of(List.of("x"), 3, new PageRequest(2, 1), publicUrl.requestUrl(request));

        assertThat(publicUrl.resolve("/api/users/7/")).hasToString("https://id.example.com/auth/api/users/7/");
        assertThat(page.next()).isEqualTo("https://id.example.com/auth/api/users/?search=a%20b&page_size=1&page=3");
        assertThat(page.previous()).isEqualTo("https://id.example.com/auth/api/users/?search=a%20b&page_size=1");
    }

    @Test
    void schemeDecidesHttpsWhateverItsCase() {
        assertThat(new PublicUrlProperties("HTTPS://id.example.com").isHttps()).isTrue();
        assertThat(new PublicUrlProperties("http://id.example.com").isHttps()).isFalse();
    }
}

package io.keyhold.paging;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.keyhold.problems.NotFound;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list, in DRF's shape; {@code next} and {@code previous} are absolute links on
 * {@code keyhold.public-url} (see {@link io.keyhold.web.PublicUrlProperties#requestUrl}).
 */
@JsonPropertyOrder({"count", "next", "previous", "results"})
@Schema(description = "One page of a list, as Django REST Framework paginates it.")
public record Page<T>(
        @Schema(description = "How many items match, over all pages.")
        long count,

        @Schema(description = "The next page, or null on the last.", format = "uri", nullable = true)
        String next,

        @Schema(description = "The previous page, or null on the first.", format = "uri", nullable = true)
        String previous,

        @Schema(description = "This page, at most `page_size` items.")
        List<T> results) {

    /**
     * @param here the request's URL on the public URL, which the links repeat with another page
     * @throws NotFound when the page lies past the end, as DRF answers it (page 1 always exists)
     */
    public static <T> Page<T> of(List<T> results, long count, PageRequest request, UriComponentsBuilder here) {
        long lastPage = request.within(count).lastPage(count);
        String next = request.page() < lastPage ? link(here, request.page() + 1) : null;
        String previous = request.page() > 1 ? link(here, request.page() - 1) : null;
        return new Page<>(count, next, previous, results);
    }

    private static String link(UriComponentsBuilder here, int page) {
        UriComponentsBuilder builder = here.cloneBuilder();
        String path = builder.build().getPath();
        builder.replacePath(path.endsWith("/") ? path : path + "/");
        // DRF drops the parameter for the first page rather than writing page=1.
        return (page == 1 ? builder.replaceQueryParam("page") : builder.replaceQueryParam("page", page))
                .build()
                .toUriString();
    }
}

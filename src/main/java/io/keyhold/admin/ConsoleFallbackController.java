package io.keyhold.admin;

import io.keyhold.problems.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Any other path under {@code /admin/}, or a known one with the wrong method: the console's own
 * "Not found" page rather than the API's JSON. Every mapping that exists is more specific, so
 * this one only answers what nothing else does. (The stylesheet lives outside {@code /admin}, at
 * {@code /assets/console.css}, for that reason.)
 */
@Controller
class ConsoleFallbackController {

    @RequestMapping("/admin/**")
    void unknown() {
        throw new NotFound();
    }
}

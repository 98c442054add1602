package io.keyhold.admin;

import io.keyhold.audit.AuditSearch;
import io.keyhold.audit.AuditType;
import io.keyhold.users.Caller;
import io.keyhold.users.UserQuery;
import io.keyhold.users.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin/}: how many users there are, and signups and logins over the last seven days. */
@Controller
class DashboardController {

    static final int DAYS = 7;

    private final UserService users;
    private final AuditSearch audit;
    private final Clock clock;

    DashboardController(UserService users, AuditSearch audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping({"/admin", "/admin/"})
    String dashboard(Caller caller, Model model) {
        model.addAttribute("totalUsers", count(caller, null, null));
        model.addAttribute("activeUsers", count(caller, "true", null));
        model.addAttribute("staffUsers", count(caller, null, "true"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        List<Instant> bounds = new ArrayList<>();
        for (int day = DAYS - 1; day >= -1; day--) {
            LocalDate date = today.minusDays(day);
            bounds.add(date.atStartOfDay(ZoneOffset.UTC).toInstant());
            if (day >= 0) {
                days.add(date);
            }
        }
        model.addAttribute(
                "chart",
                ActivityChart.of(
                        days,
                        audit.countsBetween(caller, AuditType.SIGNUP, bounds),
                        audit.countsBetween(caller, AuditType.LOGIN_SUCCEEDED, bounds)));
        return "admin/dashboard";
    }

    private long count(Caller caller, String active, String staff) {
        return users.count(caller, new UserQuery.Params(null, null, active, staff));
    }
}

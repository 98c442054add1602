package io.keyhold.admin;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Signups and logins per day as an SVG bar chart drawn on the server: no script, and the
 * page's table carries the same numbers for screen readers. Coordinates are computed here so the
 * template only places them.
 */
record ActivityChart(List<Day> days, int width, int height) {

    static final int PLOT_HEIGHT = 140;
    static final int TOP = 18;
    static final int GROUP_WIDTH = 72;
    static final int BAR_WIDTH = 24;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);

    /** One day: its counts, and where its two bars and their labels go. */
    record Day(String label, String date, Bar signups, Bar logins, int labelX) {}

    record Bar(long value, int x, int y, int height, int textX, int textY) {}

    static ActivityChart of(List<LocalDate> dates, List<Long> signups, List<Long> logins) {
        long max = 1;
        for (int day = 0; day < dates.size(); day++) {
            max = Math.max(max, Math.max(signups.get(day), logins.get(day)));
        }
        List<Day> days = new ArrayList<>();
        for (int day = 0; day < dates.size(); day++) {
            int groupX = day * GROUP_WIDTH + 8;
            days.add(new Day(
                    LABEL.format(dates.get(day)),
                    dates.get(day).toString(),
                    bar(signups.get(day), groupX, max),
                    bar(logins.get(day), groupX + BAR_WIDTH + 4, max),
                    groupX + BAR_WIDTH + 2));
        }
        return new ActivityChart(days, dates.size() * GROUP_WIDTH + 8, TOP + PLOT_HEIGHT + 24);
    }

    private static Bar bar(long value, int x, long max) {
        // A day with activity always shows at least a sliver, so it never reads as zero.
        int height = value == 0 ? 0 : (int) Math.max(2, value * PLOT_HEIGHT / max);
        int y = TOP + PLOT_HEIGHT - height;
        return new Bar(value, x, y, height, x + BAR_WIDTH / 2, y - 4);
    }

    public int baseline() {
        return TOP + PLOT_HEIGHT;
    }

    public int barWidth() {
        return BAR_WIDTH;
    }
}

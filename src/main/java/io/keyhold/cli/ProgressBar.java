package io.keyhold.cli;

import java.io.PrintWriter;

/** A one-line progress bar, drawn only for a person at a terminal and at most a few times a second. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter terminal;
    private long lastDrawn;

    private ProgressBar(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** A bar on the given writer if a terminal is attached, otherwise one that draws nothing. */
    static ProgressBar forTerminal(PrintWriter err) {
        return new ProgressBar(System.console() != null ? err : null);
    }

    void show(double fraction, long records) {
        long now = System.nanoTime();
        if (terminal == null || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        int filled = (int) Math.round(fraction * WIDTH);
        terminal.printf(
                "\r[%s%s] %3d%%  %,d records",
                "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(fraction * 100), records);
        terminal.flush();
    }

    void done() {
        if (terminal != null) {
            terminal.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            terminal.flush();
        }
    }
}

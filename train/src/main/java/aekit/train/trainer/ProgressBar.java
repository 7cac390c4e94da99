package aekit.train.trainer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA on stderr. On a terminal it redraws in place a few times a second;
 * otherwise (logs, CI) it prints a plain line at most every {@code logEverySeconds}.
 */
public final class ProgressBar {
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private static final long LOG_EVERY_NANOS = 30_000_000_000L;

    public ProgressBar(PrintStream out, boolean terminal, String label, long total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /** Reports {@code done} of {@code total} units, with {@code samples} processed so far and a free-form note. */
    public void update(long done, long samples, String note) {
        long now = System.nanoTime();
        long gap = terminal ? 200_000_000L : LOG_EVERY_NANOS;
        if (done < total && now - lastPrintNanos < gap) {
            return;
        }
        lastPrintNanos = now;
        double secs = (now - startNanos) / 1e9;
        double rate = secs > 0 ? samples / secs : 0;
        double eta = done > 0 ? secs * (total - done) / done : Double.NaN;
        int width = 24;
        int filled = (int) (width * done / Math.max(1, total));
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String line = String.format(Locale.ROOT, "%s [%s] %d/%d  %.0f samples/s  %s  ETA %s", label, bar, done, total,
                rate, note, formatSeconds(eta));
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            if (done >= total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String formatSeconds(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "--:--";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }
}

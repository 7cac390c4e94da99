package aekit.infer.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr for long work: a bar with images/s and ETA, redrawn in place when stderr is a terminal and
 * silent otherwise; and the summary line printed at the end of every run.
 */
public final class Progress {
    private final PrintStream err;
    private final boolean terminal;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;

    public Progress(PrintStream err, boolean terminal, long total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
    }

    /** Seconds since the start. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Redraws the bar (at most 5 times a second) for {@code done} of {@code total}. */
    public synchronized void update(long done) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double s = seconds();
        double rate = done / Math.max(1e-9, s);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.0f images/s  ETA %s\u001b[K", "#".repeat(filled),
                ".".repeat(width - filled), done, total, rate, Double.isNaN(eta) ? "--" : Math.round(eta) + " s");
        if (done >= total) {
            err.println();
        }
        err.flush();
    }

    /** The run's summary line. */
    public String summary(long done, long skipped, long failed) {
        double s = seconds();
        return String.format(Locale.ROOT, "done %d, skipped %d, failed %d, %.2f s, %.0f images/s", done, skipped,
                failed, s, done / Math.max(1e-9, s));
    }
}

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
    private volatile long total;
    private long offset;
    private boolean lineOpen;
    private final long start = System.nanoTime();
    private long lastDraw;

    public Progress(PrintStream err, boolean terminal, long total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
    }

    /** Sets the total once it is known (a folder counted while the run goes on); 0 or less: unknown. */
    public void setTotal(long total) {
        this.total = total;
    }

    /** Adds {@code n} items finished without going through {@link #update} (outputs that already exist). */
    public synchronized void addSkipped(long n) {
        offset += n;
    }

    /** Seconds since the start. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Redraws the bar (at most 5 times a second) for {@code done} of {@code total}. */
    public synchronized void update(long processed) {
        if (!terminal) {
            return;
        }
        long done = processed + offset;
        long total = this.total;
        long now = System.nanoTime();
        if ((total <= 0 || done < total) && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double s = seconds();
        double rate = processed / Math.max(1e-9, s);
        if (total <= 0) {
            err.printf(Locale.ROOT, "\r%d done  %.0f images/s  (counting files)\u001b[K", done, rate);
            err.flush();
            lineOpen = true;
            return;
        }
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.0f images/s  ETA %s\u001b[K", "#".repeat(filled),
                ".".repeat(width - filled), done, total, rate, Double.isNaN(eta) ? "--" : Math.round(eta) + " s");
        lineOpen = done < total;
        if (!lineOpen) {
            err.println();
        }
        err.flush();
    }

    /** The run's summary line. */
    public synchronized String summary(long done, long skipped, long failed) {
        double s = seconds();
        String clear = lineOpen ? "\r\u001b[K" : ""; // a bar left unfinished (a failure, fail-fast) is wiped
        lineOpen = false;
        return clear + String.format(Locale.ROOT, "done %d, skipped %d, failed %d, %.2f s, %.0f images/s", done, skipped,
                failed, s, done / Math.max(1e-9, s));
    }
}

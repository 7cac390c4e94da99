package aekit.infer.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * aekit's one progress bar, on stderr: {@code LABEL [#####.....] done/total  rate UNIT/s  NOTE  ETA mm:ss}. On a
 * terminal it is redrawn in place at most five times a second; elsewhere (logs, CI) it prints a plain line at most
 * every {@code logEverySeconds}, or nothing when that is 0 (batch runs, whose summary line is enough). The total may
 * be unknown at first (0: a folder still being counted) and set later; outputs that already exist can be counted
 * without being processed. Batch runs end with {@link #summary}.
 */
public final class ProgressBar {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final String unit;
    private final long logEveryNanos;
    private final long start = System.nanoTime();
    private volatile long total;
    private long offset;
    private long lastDraw;
    private boolean lineOpen;

    /**
     * A bar counting images, silent when {@code terminal} is false (the batch commands).
     *
     * @param total images to do, or 0 while unknown
     */
    public ProgressBar(PrintStream out, boolean terminal, long total) {
        this(out, terminal, "", total, "images", 0);
    }

    /**
     * @param label           what the bar is about, e.g. "epoch 3/10" ("" for none)
     * @param total           units to do, or 0 while unknown
     * @param unit            what the rate counts, e.g. "samples"
     * @param logEverySeconds off a terminal, a plain line at most this often (0: none)
     */
    public ProgressBar(PrintStream out, boolean terminal, String label, long total, String unit, long logEverySeconds) {
        if (logEverySeconds < 0) {
            throw new IllegalArgumentException("logEverySeconds must be >= 0, got " + logEverySeconds);
        }
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.logEveryNanos = logEverySeconds * 1_000_000_000L;
    }

    /** Sets the total once it is known (a folder counted while the run goes on); 0 or less: unknown. */
    public void setTotal(long total) {
        this.total = total;
    }

    /** Adds {@code n} units finished without going through {@link #update} (outputs that already exist). */
    public synchronized void addSkipped(long n) {
        offset += n;
    }

    /** Seconds since the start. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code processed} units done, the rate counting the same units. */
    public void update(long processed) {
        update(processed, processed, "");
    }

    /**
     * {@code done} units of the total finished, {@code counted} of the rate's units processed so far (samples of an
     * epoch of batches, say), and a free-form note such as the running loss.
     */
    public synchronized void update(long done, long counted, String note) {
        if (!terminal && logEveryNanos == 0) {
            return;
        }
        long d = done + offset;
        long t = this.total;
        long now = System.nanoTime();
        boolean finished = t > 0 && d >= t;
        if (!finished && now - lastDraw < (terminal ? REDRAW_NANOS : logEveryNanos)) {
            return;
        }
        lastDraw = now;
        String line = line(d, t, counted / Math.max(1e-9, seconds()), note, now);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            lineOpen = !finished;
            if (finished) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String line(long done, long total, double rate, String note, long now) {
        StringBuilder b = new StringBuilder();
        if (!label.isEmpty()) {
            b.append(label).append(' ');
        }
        if (total <= 0) {
            b.append(String.format(Locale.ROOT, "%d done  %.0f %s/s  (counting)", done, rate, unit));
        } else {
            int width = 24;
            int filled = (int) Math.min(width, width * done / Math.max(1, total));
            double secs = (now - start) / 1e9;
            double eta = done > offset ? secs * (total - done) / (done - offset) : Double.NaN;
            b.append(String.format(Locale.ROOT, "[%s%s] %d/%d  %.0f %s/s", "#".repeat(filled),
                    ".".repeat(width - filled), done, total, rate, unit));
            if (!note.isEmpty()) {
                b.append("  ").append(note);
            }
            b.append("  ETA ").append(formatSeconds(eta));
        }
        return b.toString();
    }

    /** A batch run's summary line (wiping a bar left unfinished by a failure). */
    public synchronized String summary(long done, long skipped, long failed) {
        double s = seconds();
        String clear = lineOpen ? "\r\u001b[K" : "";
        lineOpen = false;
        return clear + String.format(Locale.ROOT, "done %d, skipped %d, failed %d, %.2f s, %.0f images/s", done, skipped,
                failed, s, done / Math.max(1e-9, s));
    }

    /** mm:ss, or h:mm:ss from an hour on; "--:--" when unknown. */
    public static String formatSeconds(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s) || s < 0) {
            return "--:--";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }
}

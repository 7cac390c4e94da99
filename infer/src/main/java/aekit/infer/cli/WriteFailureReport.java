package aekit.infer.cli;

import aekit.infer.io.PrintableNames;
import aekit.infer.io.WriteFailedException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Write failures: each reason is given once (with the first input it stopped); later inputs that fail for the
 * same reason are counted and summed up at the end. A full file system stops the run.
 */
final class WriteFailureReport {
    private final PrintStream err;
    private final Object lock;
    private final java.util.Map<String, Long> repeats = new java.util.LinkedHashMap<>();
    private volatile boolean stopped;

    /** Prints to {@code err}, holding {@code lock} (the run's own, so lines never interleave). */
    WriteFailureReport(PrintStream err, Object lock) {
        this.err = err;
        this.lock = lock;
    }

    /** Whether a full file system stopped the run. */
    boolean stopped() {
        return stopped;
    }

    /** Reports that {@code input}'s result could not be written (once per reason; a full disk stops the run). */
    void report(Path input, WriteFailedException e) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            String where = PrintableNames.escape(input) + ": not written to " + PrintableNames.escape(e.file());
            if (e.noSpace()) {
                stopped = true;
                err.println(where + " (" + e.reason() + "); stopping: nothing more can be written there");
            } else if (repeats.containsKey(e.reason())) {
                repeats.merge(e.reason(), 1L, Long::sum);
            } else {
                repeats.put(e.reason(), 0L);
                err.println(where + " (" + e.reason() + ")");
            }
        }
    }

    /** The closing lines: how many more files failed for each reason already given. */
    void summarise() {
        synchronized (lock) {
            repeats.forEach((reason, n) -> {
                if (n > 0) {
                    err.println(n + " more " + (n == 1 ? "file" : "files") + " not written for the same reason ("
                            + reason + ")");
                }
            });
        }
    }
}

package aekit.infer.batch;

import aekit.infer.io.AtomicFiles;
import aekit.infer.io.PrintableNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The input files as tasks, made as a run asks for them ({@link ImagePipeline}, {@link DenoiseRun}): existing
 * outputs are skipped (unless overwriting); an entry the walk could not use and a file whose output name cannot be
 * made are refused with one line each (to the {@link Reporter}) and counted; a file whose output an earlier input claimed waits for that input: if its result was
 * written, this one is refused with a one-line message, else it is written. Stale temp files of killed runs
 * are removed from each output folder met. Counts are read after the run.
 */
public final class OutputTasks extends LookAhead<ImagePipeline.Task> {
    /** The output path of an input file (may throw if no name can be made). */
    public interface Targets {
        Path of(InputFiles.InputFile f);
    }

    /** Hears the inputs that become no task; called on the thread that reads the tasks. */
    public interface Reporter {
        /** An input whose output exists already (and overwriting is off). */
        void skipped(Path input);

        /** An input refused: {@code line} names it and says why. */
        void refused(String line);
    }

    private final boolean overwrite;
    private final boolean failFast;
    private final Targets targets;
    private final Iterator<InputFiles.InputFile> files;
    private final Reporter reporter;
    private final OutputClaims claims;
    /** Claims of the tasks in flight, by task index. */
    private final java.util.Map<Integer, OutputClaims.Claim> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<Path> cleaned = new java.util.HashSet<>();
    private int index;
    private volatile long skipped;
    private volatile long refused;

    /**
     * @param files     the input files, as the walk finds them
     * @param reporter  hears skipped and refused inputs
     * @param inputs    how many inputs were given (several: their outputs can clash anywhere)
     * @param overwrite make tasks also for outputs that exist
     * @param failFast  stop at the first refusal
     * @param targets   the output path of each input file
     */
    public OutputTasks(Iterator<InputFiles.InputFile> files, Reporter reporter, int inputs, boolean overwrite,
                       boolean failFast, Targets targets) {
        this.files = files;
        this.reporter = reporter;
        this.claims = new OutputClaims(inputs);
        this.overwrite = overwrite;
        this.failFast = failFast;
        this.targets = targets;
    }

    @Override
    protected ImagePipeline.Task advance() {
        while (files.hasNext() && !(failFast && refused > 0)) {
            InputFiles.InputFile f = files.next();
            if (f.problem() != null) {
                refuse(PrintableNames.escape(f.path()) + ": " + f.problem());
                continue;
            }
            Path target;
            try {
                target = targets.of(f);
            } catch (RuntimeException e) { // not expected: InputFiles.target keeps any name's bytes
                refuse(PrintableNames.escape(f.path()) + ": not written: no output name can be made from its "
                        + "name (" + oneLine(e) + ")");
                continue;
            }
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null && cleaned.add(dir)) {
                AtomicFiles.removeStaleTemps(dir);
            }
            OutputClaims.Claim claim = claims.claim(target, f.path());
            if (claim.previous() == null && !overwrite && Files.exists(target)) {
                claim.finished(true); // the output is there: a later input with the same output is refused
                skipped++;
                reporter.skipped(f.path());
            } else {
                ImagePipeline.Task t = new ImagePipeline.Task(f.path(), target, index++);
                inFlight.put(t.index(), claim);
                return t;
            }
        }
        return null;
    }

    private void refuse(String line) {
        refused++;
        reporter.refused(line);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    /** Inputs skipped because their output exists; final once the tasks are read to the end. */
    public long skipped() {
        return skipped;
    }

    /** Inputs refused (unusable entries, no output name); final once the tasks are read to the end. */
    public long refused() {
        return refused;
    }

    /** Before a result is written: refuses it if an earlier input's result is at its output (waits for it). */
    public void checkClaim(ImagePipeline.Task t) throws java.io.IOException {
        OutputClaims.Claim claim = inFlight.get(t.index());
        if (claim == null || claim.previous() == null) {
            return;
        }
        Path first;
        try {
            first = claim.previous().writtenBy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        if (first != null) {
            throw new java.io.IOException(PrintableNames.escape(t.input()) + ": not written, "
                    + PrintableNames.escape(first) + " is already written to " + PrintableNames.escape(t.output())
                    + " (give them separate output folders)");
        }
    }

    /** A task is done: its claim records whether its result is at the output. */
    public void finished(ImagePipeline.Task t, boolean written) {
        OutputClaims.Claim claim = inFlight.remove(t.index());
        if (claim != null) {
            claim.finished(written);
        }
    }
}

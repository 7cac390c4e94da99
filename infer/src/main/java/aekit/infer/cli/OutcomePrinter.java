package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import aekit.infer.batch.ImagePipeline;
import aekit.infer.batch.OutputTasks;
import aekit.infer.io.WriteFailedException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How the batch commands show a run's per-file outcomes: a failure is one line on stderr (a write failure's reason
 * once, repeats summed up by {@link #summarise()}), skipped and refused inputs count towards the progress bar,
 * and every outcome settles the input's output claim in {@link OutputTasks} when the run has them.
 */
final class OutcomePrinter implements ImagePipeline.Listener, OutputTasks.Reporter {
    private final PrintStream err;
    private final ProgressBar progress;
    private final WriteFailureReport writeFailures;
    private OutputTasks tasks;
    private long processed;

    OutcomePrinter(PrintStream err, ProgressBar progress) {
        this.err = err;
        this.progress = progress;
        this.writeFailures = new WriteFailureReport(err, this);
    }

    /** The run's tasks, whose claims each outcome settles. */
    void tasks(OutputTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public synchronized void done(ImagePipeline.Task task) {
        if (tasks != null) {
            tasks.finished(task, true);
        }
        progress.update(++processed);
    }

    @Override
    public synchronized void failed(ImagePipeline.Task task, String reason, Throwable error) {
        if (tasks != null) {
            tasks.finished(task, false);
        }
        if (error instanceof WriteFailedException w) {
            writeFailures.report(task.input(), w);
        } else {
            err.println(CliSupport.withOptionNames(reason, error));
        }
        progress.update(++processed);
    }

    @Override
    public synchronized void notWritten(ImagePipeline.Task task) {
        if (tasks != null) {
            tasks.finished(task, false); // a later input with the same output may go on
        }
    }

    @Override
    public synchronized void walkStopped(String reason, Throwable error) {
        err.println(reason);
    }

    @Override
    public synchronized void skipped(Path input) {
        progress.addSkipped(1);
    }

    @Override
    public synchronized void refused(String line) {
        err.println(line);
        progress.addSkipped(1);
    }

    /** The closing lines of the write failures: how many more files failed for each reason already given. */
    void summarise() {
        writeFailures.summarise();
    }
}

package aekit.train.cli;

import aekit.infer.data.ImageTensors;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.checkpoint.WeightTransfer;
import aekit.train.report.RunReport;
import aekit.train.trainer.StopSignal;
import aekit.train.trainer.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SameDiff;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every {@code aekit train} subcommand does once its data are loaded: start a new run (refusing to clobber an
 * existing checkpoint unless --force) or resume one (refusing changed settings and other data), train, and write
 * the run report.
 */
final class TrainRunner {
    /** Options that may be given with --resume; everything else comes from the checkpoint. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--data", "--out", "--epochs", "--limit", "--resume",
            "--verbose", "--threads", "--val", "--val-limit");

    private TrainRunner() {
    }

    /**
     * @param cmd        the subcommand (for usage errors and the parse result)
     * @param o          the shared options
     * @param out        run folder
     * @param train      training images
     * @param test       test / validation images
     * @param testLabels labels for the latent scatter, or null
     * @param dataSha    SHA-256 of the training data, compared on resume
     * @param newSpec    the run spec of a new run
     * @return exit code: 0 completed, 1 stopped early
     */
    static int run(CommandSpec cmd, TrainOptions o, Path out, ImageTensors train, ImageTensors test, byte[] testLabels,
                   String dataSha, Supplier<RunSpec> newSpec) throws IOException {
        return run(cmd, o, out, train, test, testLabels, dataSha, newSpec, null);
    }

    /** As above; a new run starts from the weights of the run in {@code initFrom} when it is not null. */
    static int run(CommandSpec cmd, TrainOptions o, Path out, ImageTensors train, ImageTensors test, byte[] testLabels,
                   String dataSha, Supplier<RunSpec> newSpec, Path initFrom) throws IOException {
        return run(cmd, o, out, train, test, testLabels, dataSha, newSpec, initFrom, t -> t);
    }

    /** As above, with the trainer set up further by {@code setUp} (validation, best checkpoint). */
    static int run(CommandSpec cmd, TrainOptions o, Path out, ImageTensors train, ImageTensors test, byte[] testLabels,
                   String dataSha, Supplier<RunSpec> newSpec, Path initFrom,
                   java.util.function.UnaryOperator<Trainer> setUp) throws IOException {
        PrintStream log = System.err;
        Path cpFile = out.resolve(Checkpoint.FILE_NAME);
        Checkpoint start;
        if (o.resume) {
            Checkpoint saved = Checkpoint.load(cpFile);
            checkResume(cmd, saved, dataSha, train.size());
            boolean newTotal = cmd.commandLine().getParseResult().hasMatchedOption("--epochs");
            if (newTotal && o.epochs < saved.state().epoch()) {
                throw new ParameterException(cmd.commandLine(), "--epochs " + o.epochs + ": the run has already "
                        + "completed " + saved.state().epoch() + " epochs");
            }
            start = new Checkpoint(saved.graph(), newTotal ? saved.state().withEpochs(o.epochs) : saved.state());
            log.printf("resuming %s at epoch %d, batch %d%n", cpFile, saved.state().epoch() + 1, saved.state().batch());
        } else {
            if (Files.exists(cpFile) && !o.force) {
                throw new ParameterException(cmd.commandLine(), out
                        + " already holds a checkpoint; use --resume to continue it or --force to start over");
            }
            RunSpec spec = newSpec.get();
            SameDiff sd = spec.model().build(spec.loss(), spec.train().seed());
            if (initFrom != null) {
                Checkpoint source = Checkpoint.load(initFrom); // a run folder or a checkpoint file
                spec = spec.withInitialisedFrom(initFrom + " (" + source.state().spec().kind() + ", epoch "
                        + source.state().epoch() + ")");
                if (source.state().spec().model() instanceof aekit.train.graph.ConvAutoencoderConfig was
                        && spec.model() instanceof aekit.train.graph.ConvAutoencoderConfig now
                        && was.upsampling() != now.upsampling()) {
                    // checked before copying: with equal neighbouring channel counts the weight shapes even match
                    throw new ParameterException(cmd.commandLine(), "--init-from " + initFrom + ": it was trained "
                            + "with --decoder " + (was.upsampling() ? "upsample" : "deconv") + ", pass that too");
                }
                try {
                    int n = WeightTransfer.copy(source.graph(), sd, initFrom.toString());
                    log.printf("initialised %d weight arrays from %s (epoch %d)%n", n, initFrom, source.state().epoch());
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(cmd.commandLine(), "--init-from " + e.getMessage());
                }
            }
            Trainer.configure(sd, spec);
            start = new Checkpoint(sd, TrainingState.start(spec));
        }
        Files.createDirectories(out);
        RunReport report = new RunReport(out);
        StopSignal stop = new StopSignal().onShutdown(120);
        Trainer trainer = setUp.apply(new Trainer(train, test, cpFile, stop, log, aekit.infer.cli.CliSupport.stderrIsTerminal())
                .afterEpoch(report::writeMetrics));
        Trainer.Result result = trainer.run(start);
        report.write(result.checkpoint(), test, testLabels);
        log.printf("report: %s%n", out.resolve("report.md"));
        return result.outcome() == Trainer.Outcome.COMPLETED ? 0 : 1;
    }

    /** Refuses options that a resumed run would ignore, and data other than the run's. */
    private static void checkResume(CommandSpec cmd, Checkpoint saved, String dataSha, int trainCount) {
        for (var opt : cmd.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(opt.longestName())) {
                throw new ParameterException(cmd.commandLine(), opt.longestName() + " cannot be changed when "
                        + "resuming; the run keeps the settings in its checkpoint (--epochs may raise the total; --data and "
                        + "--limit must give the run's own training images)");
            }
        }
        if (!dataSha.equals(saved.state().spec().data().sha256())) {
            throw new ParameterException(cmd.commandLine(), "the training data (" + trainCount
                    + " images) differ from the run's (" + saved.state().spec().data().trainCount()
                    + " images, sha256 " + saved.state().spec().data().sha256().substring(0, 12)
                    + "...); resume with the same --data and --limit");
        }
    }
}

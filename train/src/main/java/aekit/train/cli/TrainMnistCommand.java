package aekit.train.cli;

import aekit.infer.AekitVersion;
import aekit.infer.data.DatasetInfo;
import aekit.infer.data.InputNoise;
import aekit.infer.data.Mnist;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.LossKind;
import aekit.train.report.RunReport;
import aekit.train.trainer.StopSignal;
import aekit.train.trainer.TrainConfig;
import aekit.train.trainer.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aekit train mnist}: the MNIST convolutional autoencoder with a small (default 2-d) bottleneck and BCE. */
@Command(name = "mnist", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class, showDefaultValues = true,
        description = "Train the MNIST conv autoencoder (BCE loss) on the IDX files in --data.")
public final class TrainMnistCommand implements Callable<Integer> {
    @Spec
    CommandSpec commandSpec;

    @Option(names = "--data", defaultValue = "data/mnist", description = "Folder with the four MNIST IDX files (.gz or raw).")
    Path data;

    @Option(names = {"-o", "--out"}, defaultValue = "runs/mnist-ae", description = "Run folder (checkpoint, metrics, report).")
    Path out;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs to train (with --resume: the new total).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate.")
    double lr;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam beta1.")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam beta2.")
    double beta2;

    @Option(names = "--l2", defaultValue = "0", description = "L2 regularisation coefficient on the weights.")
    double l2;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and shuffling.")
    long seed;

    @Option(names = "--latent", defaultValue = "2", description = "Latent (bottleneck) size.")
    int latent;

    @Option(names = "--channels", defaultValue = "8,16,32", split = ",", description = "Encoder conv channels per level.")
    List<Integer> channels;

    @Option(names = "--dense", defaultValue = "64", description = "Dense units on each side of the latent.")
    int dense;

    @Option(names = "--train-eval", defaultValue = "10000",
            description = "Training images the per-epoch train loss is measured on (0 = all).")
    int trainEval;

    @Option(names = "--noise", defaultValue = "0",
            description = "Denoising: train on x + NOISE * N(0,1) (fresh noise every step) against the clean x.")
    double noise;

    @Option(names = "--clip", description = "With --noise: clip noisy inputs to [0,1] and round them to 1/255.")
    boolean clip;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N training images (0 = all).")
    int limit;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Start over even if --out already holds a checkpoint.")
    boolean force;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintStream log = System.err;
        Mnist train = Mnist.load(data, Mnist.Split.TRAIN);
        Mnist test = Mnist.load(data, Mnist.Split.TEST);
        if (limit > 0) {
            train = train.head(limit);
        }
        Path cpFile = out.resolve(Checkpoint.FILE_NAME);
        Checkpoint start;
        if (resume) {
            Checkpoint saved = Checkpoint.load(cpFile);
            checkResumeOptions(saved, train);
            boolean newTotal = commandSpec.commandLine().getParseResult().hasMatchedOption("--epochs");
            if (newTotal && epochs < saved.state().epoch()) {
                throw new ParameterException(commandSpec.commandLine(), "--epochs " + epochs + ": the run has already "
                        + "completed " + saved.state().epoch() + " epochs");
            }
            start = new Checkpoint(saved.graph(), newTotal ? saved.state().withEpochs(epochs) : saved.state());
            log.printf("resuming %s at epoch %d, batch %d%n", cpFile, saved.state().epoch() + 1, saved.state().batch());
        } else {
            if (Files.exists(cpFile) && !force) {
                throw new ParameterException(commandSpec.commandLine(), out
                        + " already holds a checkpoint; use --resume to continue it or --force to start over");
            }
            RunSpec spec = new RunSpec(noise > 0 || clip ? "mnist-conv-dae" : "mnist-conv-ae",
                    new ConvAutoencoderConfig(1, 28, 28, channels, 3, dense, latent), LossKind.BCE,
                    new TrainConfig(epochs, batch, lr, beta1, beta2, l2, seed, trainEval, new InputNoise(noise, clip)),
                    new DatasetInfo("mnist", data.toString(), train.size(), test.size(),
                            DatasetInfo.sha256(train.images().pixels(), train.labels())),
                    aekit.train.TrainBuild.current());
            SameDiff sd = ConvAutoencoder.build(spec.model(), spec.loss(), seed);
            Trainer.configure(sd, spec);
            start = new Checkpoint(sd, TrainingState.start(spec));
        }
        Files.createDirectories(out);
        RunReport report = new RunReport(out);
        StopSignal stop = new StopSignal().onShutdown(120);
        Trainer trainer = new Trainer(train.images(), test.images(), cpFile, stop, log, System.console() != null)
                .afterEpoch(report::writeMetrics);
        Trainer.Result result = trainer.run(start);
        report.write(result.checkpoint(), test.images(), test.labels());
        log.printf("report: %s%n", out.resolve("report.md"));
        return result.outcome() == Trainer.Outcome.COMPLETED ? 0 : 1;
    }

    /** Options that may be given with --resume; everything else comes from the checkpoint. */
    private static final java.util.Set<String> RESUME_OPTIONS = java.util.Set.of("--data", "--out", "--epochs",
            "--limit", "--resume", "--verbose");

    /** Refuses options that a resumed run would ignore, and data other than the run's. */
    private void checkResumeOptions(Checkpoint saved, Mnist train) {
        for (var o : commandSpec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(o.longestName())) {
                throw new ParameterException(commandSpec.commandLine(), o.longestName() + " cannot be changed when "
                        + "resuming; the run keeps the settings in its checkpoint (only --epochs may be raised)");
            }
        }
        String sha = DatasetInfo.sha256(train.images().pixels(), train.labels());
        if (!sha.equals(saved.state().spec().data().sha256())) {
            throw new ParameterException(commandSpec.commandLine(), "the training data in " + data + " (" + train.size()
                    + " images) differ from the run's (" + saved.state().spec().data().trainCount()
                    + " images, sha256 " + saved.state().spec().data().sha256().substring(0, 12)
                    + "...); resume with the same --data and --limit");
        }
    }

}

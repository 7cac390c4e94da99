package aekit.train.trainer;

import aekit.infer.io.ProgressBar;
import aekit.infer.data.ImageTensors;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ChannelNoiseFeed;
import aekit.train.graph.GraphNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains an autoencoder graph with Adam: seeded per-epoch shuffling, a checkpoint after every epoch (and when
 * stopped), a NaN/Inf guard, true train/test losses per epoch and a progress bar. The same seed gives the same
 * weights, and resuming from any checkpoint gives the weights an uninterrupted run would have.
 */
public final class Trainer {
    /** Off a terminal (logs, CI), the progress bar prints a plain line at most this often. */
    private static final long LOG_EVERY_SECONDS = 30;

    /** How a call to {@link #run} ended. */
    public enum Outcome { COMPLETED, STOPPED }

    /** Called after every optimiser step (tests use it to interrupt a run at a chosen step). */
    public interface StepListener {
        void afterStep(int epoch, int batch, int iteration);
    }

    private final ImageTensors train;
    private final ImageTensors test;
    private final Path checkpointFile;
    private final StopSignal stop;
    private final PrintStream log;
    private final boolean terminal;
    private StepListener stepListener = (e, b, i) -> { };
    private int lossCheckEvery = 25;
    private final List<Consumer<List<EpochMetrics>>> epochHooks = new ArrayList<>();
    private java.util.function.Function<SameDiff, Evaluation> validator;
    private Path bestFile;

    public Trainer(ImageTensors train, ImageTensors test, Path checkpointFile, StopSignal stop, PrintStream log,
                   boolean terminal) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        this.train = train;
        this.test = test;
        this.checkpointFile = checkpointFile;
        this.stop = stop;
        this.log = log;
        this.terminal = terminal;
    }

    /** Sets a listener called after every step. */
    public Trainer onStep(StepListener listener) {
        this.stepListener = listener;
        return this;
    }

    /** Sets how often (in steps) the batch loss is computed for the NaN guard and the progress bar. */
    public Trainer lossCheckEvery(int steps) {
        this.lossCheckEvery = Math.max(1, steps);
        return this;
    }

    /** Adds something to run with the metrics so far after each epoch's checkpoint (e.g. rewriting metrics.csv). */
    public Trainer afterEpoch(Consumer<List<EpochMetrics>> hook) {
        epochHooks.add(hook);
        return this;
    }

    /**
     * Scores the model after each epoch with {@code validation} instead of the test set's loss (a denoiser's PSNR
     * on whole images at fixed noise levels).
     */
    public Trainer validateWith(java.util.function.Function<SameDiff, Evaluation> validation) {
        this.validator = validation;
        return this;
    }

    /** Also saves the checkpoint of the epoch with the best test PSNR so far to {@code file}. */
    public Trainer keepBest(Path file) {
        this.bestFile = file;
        return this;
    }

    /** Configures a fresh graph for training with the spec's optimiser; a resumed graph keeps its own state. */
    public static void configure(SameDiff sd, RunSpec spec) {
        TrainConfig t = spec.train();
        TrainingConfig.Builder b = TrainingConfig.builder()
                .updater(t.lrHalveEvery() > 0
                        ? Adam.builder().learningRateSchedule(new org.nd4j.linalg.schedule.StepSchedule(
                                org.nd4j.linalg.schedule.ScheduleType.EPOCH, t.learningRate(), 0.5, t.lrHalveEvery()))
                                .beta1(t.beta1()).beta2(t.beta2()).epsilon(1e-8).build()
                        : new Adam(t.learningRate(), t.beta1(), t.beta2(), 1e-8))
                .dataSetLabelMapping(GraphNames.TARGET);
        if (spec.model().powerNormalised()) {
            b.dataSetFeatureMapping(GraphNames.IMAGE, GraphNames.CHANNEL_NOISE);
        } else {
            b.dataSetFeatureMapping(GraphNames.IMAGE);
        }
        if (t.l2() > 0) {
            b.l2(t.l2());
        }
        sd.setTrainingConfig(b.build());
    }

    /** Trains from {@code start} until the spec's epoch count or a stop request; returns the last checkpoint. */
    public Result run(Checkpoint start) throws IOException {
        SameDiff sd = start.graph();
        TrainingState st = start.state();
        RunSpec spec = st.spec();
        TrainConfig t = spec.train();
        if (sd.getTrainingConfig() == null) {
            configure(sd, spec);
        }
        sd.getTrainingConfig().setIterationCount(st.iteration());
        createGradientsQuietly(sd);
        int batches = (train.size() + t.batchSize() - 1) / t.batchSize();
        List<EpochMetrics> history = new ArrayList<>(st.history());
        int iteration = st.iteration();
        try {
            for (int epoch = st.epoch(); epoch < t.epochs(); epoch++) {
                int[] order = permutation(train.size(), t.seed(), epoch);
                int firstBatch = epoch == st.epoch() ? st.batch() : 0;
                double carriedSeconds = epoch == st.epoch() ? st.epochSeconds() : 0;
                long t0 = System.nanoTime();
                ProgressBar bar = new ProgressBar(log, terminal, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1,
                        t.epochs()), batches, "samples", LOG_EVERY_SECONDS);
                sd.getTrainingConfig().setEpochCount(epoch); // the learning-rate schedule's epoch
                EpochFeed feed = new EpochFeed(sd, train, t, order, epoch, firstBatch, batches, lossCheckEvery);
                StepWatch watch = new StepWatch(feed, bar, epoch, iteration);
                if (stop.requested()) {
                    feed.end(); // asked to stop between epochs: checkpoint at this epoch's first batch
                } else if (feed.hasNext()) { // checks the first batch's loss before fit sees it: fit fails on an empty feed
                    sd.fit(feed, 1, watch); // one call per epoch: SameDiff's per-call set-up is paid once
                }
                iteration = watch.iteration;
                if (feed.diverged()) {
                    throw new TrainingDivergedException(String.format(Locale.ROOT,
                            "loss became %s at epoch %d, batch %d; %s; "
                                    + "try a lower --lr", feed.lastLoss(), epoch + 1, feed.nextBatch(),
                            keptCheckpoint()));
                }
                if (feed.nextBatch() < batches) { // stopped mid-epoch
                    int b = feed.nextBatch();
                    requireFiniteWeights(sd, epoch, b);
                    double secs = carriedSeconds + (System.nanoTime() - t0) / 1e9;
                    Checkpoint cp = new Checkpoint(sd, new TrainingState(spec, epoch, b, iteration, secs, history));
                    cp.save(checkpointFile);
                    log.printf(Locale.ROOT, "%nstopped at epoch %d, batch %d/%d; checkpoint saved to %s "
                            + "(continue with --resume)%n", epoch + 1, b, batches, checkpointFile);
                    return new Result(Outcome.STOPPED, cp);
                }
                double seconds = carriedSeconds + (System.nanoTime() - t0) / 1e9;
                Evaluation trainEval = Evaluation.of(sd, train, t.trainEvalSamples(), t.inputNoise(),
                        t.channelVariance(), t.seed());
                Evaluation testEval = validator != null ? validator.apply(sd)
                        : Evaluation.of(sd, test, 0, t.inputNoise(), t.channelVariance(), t.seed() + 1);
                if (!Double.isFinite(trainEval.loss()) || !Double.isFinite(testEval.loss())) {
                    throw new TrainingDivergedException(String.format(Locale.ROOT,
                            "loss became non-finite after epoch %d (train %s, test %s); %s; "
                                    + "try a lower --lr", epoch + 1, trainEval.loss(), testEval.loss(),
                            keptCheckpoint()));
                }
                EpochMetrics m = new EpochMetrics(epoch + 1, trainEval.loss(), testEval.loss(), testEval.mse(),
                        testEval.psnr(), seconds, (train.size() - (long) firstBatch * t.batchSize()) / Math.max(1e-9,
                        seconds - carriedSeconds), testEval.detail());
                boolean best = history.stream().allMatch(h -> h.testPsnr() < m.testPsnr());
                history.add(m);
                StringBuilder detail = new StringBuilder();
                m.detail().forEach((k, v) -> detail.append(String.format(Locale.ROOT, "  %s %.2f", k, v)));
                log.printf(Locale.ROOT, "epoch %d/%d  train loss %.5f  test loss %.5f  test MSE %.5f  test PSNR %.2f dB"
                                + "%s  %.1f s  %.0f samples/s%n", m.epoch(), t.epochs(), m.trainLoss(), m.testLoss(),
                        m.testMse(), m.testPsnr(), detail, m.seconds(), m.samplesPerSec());
                Checkpoint done = new Checkpoint(sd, new TrainingState(spec, epoch + 1, 0, iteration, 0, history));
                done.save(checkpointFile);
                if (bestFile != null && best) {
                    done.save(bestFile);
                }
                List<EpochMetrics> soFar = List.copyOf(history);
                epochHooks.forEach(h -> h.accept(soFar));
            }
            return new Result(Outcome.COMPLETED, new Checkpoint(sd, new TrainingState(spec, t.epochs(), 0, iteration,
                    0, history)));
        } finally {
            stop.finished();
        }
    }

    /**
     * Follows the steps of one epoch's fit: counts iterations, draws the progress bar with the feed's last checked
     * loss, calls the step listener and ends the feed on a stop request.
     */
    private final class StepWatch extends BaseListener {
        private final EpochFeed feed;
        private final ProgressBar bar;
        private final int epoch;
        int iteration;
        long samples;

        StepWatch(EpochFeed feed, ProgressBar bar, int epoch, int iteration) {
            this.feed = feed;
            this.bar = bar;
            this.epoch = epoch;
            this.iteration = iteration;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet data, Loss loss) {
            int b = feed.nextBatch() - 1; // the batch this step trained on
            iteration++;
            samples += data.getFeatures(0).size(0);
            stepListener.afterStep(epoch, b, iteration);
            bar.update(b + 1, samples, String.format(Locale.ROOT, "loss %.4f", feed.lastLoss()));
            if (stop.requested()) {
                feed.end();
            }
        }
    }

    /** The result of {@link #run}. */
    public record Result(Outcome outcome, Checkpoint checkpoint) {
    }

    /** What a diverged run leaves: the last good checkpoint, or none when none was written yet. */
    private String keptCheckpoint() {
        return java.nio.file.Files.isRegularFile(checkpointFile)
                ? "the last good checkpoint (" + checkpointFile + ") is kept"
                : "no checkpoint was written yet (" + checkpointFile + " does not exist)";
    }

    /** Refuses to checkpoint weights that went NaN/Inf between two loss checks. */
    private void requireFiniteWeights(SameDiff sd, int epoch, int batch) {
        for (var v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE
                    && !Double.isFinite(v.getArr().sumNumber().doubleValue())) {
                throw new TrainingDivergedException(String.format(Locale.ROOT, "weights of '%s' became non-finite by "
                        + "epoch %d, batch %d; %s; try a lower --lr", v.name(),
                        epoch + 1, batch, keptCheckpoint()));
            }
        }
    }

    /** Builds the backward graph now, hiding the line per op that SameDiff 1.0.0-M2.1 prints to stdout. */
    static void createGradientsQuietly(SameDiff sd) {
        if (sd.hasGradientFunction()) {
            return;
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    /** The loss of one batch (features: the input, and the channel noise if the graph has one), forward only. */
    static double batchLoss(SameDiff sd, INDArray[] features, INDArray target) {
        Map<String, INDArray> feed = ChannelNoiseFeed.inputs(sd, features[0], target,
                features.length > 1 ? features[1] : null);
        return sd.output(feed, GraphNames.LOSS).get(GraphNames.LOSS).getDouble(0);
    }

    /** The input noise of one batch: a function of seed, epoch and batch only, so a resumed run draws the same. */
    static Random noiseRng(long seed, int epoch, int batch) {
        return new Random(seed * 0x9E3779B97F4A7C15L ^ (epoch * 1_000_003L + batch) * 0xC2B2AE3D27D4EB4FL);
    }

    /** The channel noise of one training batch: a function of seed, epoch and batch only (resume draws the same). */
    static Random channelRng(long seed, int epoch, int batch) {
        return noiseRng(seed ^ 0x6A09E667F3BCC909L, epoch, batch);
    }

    /** The shuffled order of epoch {@code epoch}: a function of seed and epoch only. */
    static int[] permutation(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 31L * epoch + 7);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}

package aekit.tools;

import aekit.infer.data.GreyImages;
import aekit.infer.data.Mnist;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.GraphNames;
import aekit.train.graph.LossKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where a SameDiff training step of an MNIST autoencoder spends its time: trains a few warm-up steps, then times
 * every op of the next steps by op type (a listener around each op's execution) and prints the top op types with
 * their share of the step, and the time outside any op (graph bookkeeping, the Adam updates, array set-up).
 * {@code --no-helpers} turns libnd4j's platform helpers (oneDNN) off, which gives the profile before they were adopted.
 */
@Command(name = "profile-train", mixinStandardHelpOptions = true,
        description = "Per-op profile of SameDiff training steps (tools/profile-train).")
public final class TrainProfile implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "data/mnist", description = "MNIST folder.")
    Path data;

    @Option(names = "--arch", defaultValue = "mnist-ae", description = "mnist-ae (2-d, convs 8-16-32) or mnist-dae "
            + "(convs 32-64, spatial 16x7x7 latent).")
    String arch;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size.")
    int batch;

    @Option(names = "--warmup", defaultValue = "30", description = "Steps before timing.")
    int warmup;

    @Option(names = "--steps", defaultValue = "100", description = "Timed steps.")
    int steps;

    @Option(names = "--decoder", defaultValue = "upsample", description = "upsample (nearest x2 + conv, the "
            + "trainer's default) or deconv (transposed convolutions, the shipped models).")
    String decoder;

    @Option(names = "--no-helpers", description = "Turn libnd4j's platform helpers (oneDNN) off.")
    boolean noHelpers;

    @Option(names = "--fit-per-batch", description = "One fit call per batch (the trainer before it made one call per "
            + "epoch) instead of all steps in one fit(iterator) call, as the trainer does.")
    boolean fitPerBatch;

    @Option(names = "--top", defaultValue = "12", description = "Op types to list.")
    int top;

    /** Op time by op type, and step times, while active. */
    static final class OpTimer extends BaseListener {
        final Map<String, long[]> byType = new HashMap<>(); // type -> {nanos, calls}
        boolean active;
        long wallStart;
        int stepCount;
        private long opStart;

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationStart(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet data, long etl) {
            if (active && wallStart == 0) {
                wallStart = System.nanoTime();
            }
        }

        @Override
        public void iterationDone(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet data, Loss loss) {
            if (active) {
                stepCount++;
            }
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) {
            opStart = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, SameDiffOp op,
                                OpContext ctx, INDArray[] outputs) {
            if (active) {
                long[] t = byType.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
                t[0] += System.nanoTime() - opStart;
                t[1]++;
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (noHelpers) {
            Nd4j.getEnvironment().allowHelpers(false);
        }
        ConvAutoencoderConfig cfg = switch (arch) {
            case "mnist-ae" -> ConvAutoencoderConfig.dense(1, 28, 28, List.of(8, 16, 32), 3, 64, 2);
            case "mnist-dae" -> ConvAutoencoderConfig.spatial(1, 28, 28, List.of(32, 64), 3, 16);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--arch: mnist-ae or mnist-dae");
        };
        if (!decoder.equals("upsample") && !decoder.equals("deconv")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--decoder: upsample or deconv");
        }
        cfg = cfg.withUpsampling(decoder.equals("upsample"));
        GreyImages images = Mnist.load(data, Mnist.Split.TRAIN).images();
        int per = 28 * 28;
        int pool = Math.min(images.count(), 50 * batch);
        float[] all = new float[pool * per];
        for (int i = 0; i < pool; i++) {
            images.copyTo(i, all, i * per);
        }
        SameDiff sd = ConvAutoencoder.build(cfg, LossKind.BCE, 42);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping(GraphNames.IMAGE)
                .dataSetLabelMapping(GraphNames.TARGET).build());
        OpTimer timer = new OpTimer();
        sd.setListeners(timer);
        int batches = pool / batch;
        List<org.nd4j.linalg.dataset.api.MultiDataSet> sets = new ArrayList<>();
        for (int s = 0; s < warmup + steps; s++) {
            int from = (s % batches) * batch * per;
            float[] x = java.util.Arrays.copyOfRange(all, from, from + batch * per);
            INDArray in = Nd4j.create(x, new long[] {batch, 1, 28, 28}, 'c'); // (N, C, H, W)
            sets.add(new MultiDataSet(new INDArray[] {in}, new INDArray[] {in}));
        }
        if (!fitPerBatch) {
            sd.fit(new org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator() {
                        int next;
                        @Override public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) { return next(); }
                        @Override public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor p) { }
                        @Override public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() { return null; }
                        @Override public boolean resetSupported() { return false; }
                        @Override public boolean asyncSupported() { return false; }
                        @Override public void reset() { }
                        @Override public boolean hasNext() { return next < sets.size(); }
                        @Override public org.nd4j.linalg.dataset.api.MultiDataSet next() {
                            timer.active = next >= warmup;
                            return sets.get(next++);
                        }
                    }, 1);
        } else {
            for (int s = 0; s < warmup + steps; s++) {
                timer.active = s >= warmup;
                if (s == warmup) {
                    timer.wallStart = System.nanoTime(); // the fit call's own set-up counts too
                }
                sd.fit(sets.get(s));
            }
        }
        long wallEnd = System.nanoTime();
        double stepMs = (wallEnd - timer.wallStart) / 1e6 / timer.stepCount; // wall clock per timed step
        long opNanos = timer.byType.values().stream().mapToLong(t -> t[0]).sum();
        System.out.printf(Locale.ROOT, "%s (%s decoder), batch %d, platform helpers (oneDNN) %s, OMP_NUM_THREADS=%s: %.2f ms per step, "
                        + "%.0f samples/s (%d timed steps after %d warm-up, %s)%n", arch, decoder, batch,
                noHelpers ? "off" : "on", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), stepMs,
                batch * 1000 / stepMs, timer.stepCount, warmup,
                fitPerBatch ? "one fit call per batch" : "one fit call, as the trainer");
        System.out.println("| op type | calls/step | ms/step | share of step |");
        System.out.println("|---|---:|---:|---:|");
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(timer.byType.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        for (Map.Entry<String, long[]> r : rows.subList(0, Math.min(top, rows.size()))) {
            double ms = r.getValue()[0] / 1e6 / timer.stepCount;
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.1f%% |%n", r.getKey(),
                    (double) r.getValue()[1] / timer.stepCount, ms, 100 * ms / stepMs);
        }
        double rest = rows.size() > top ? rows.subList(top, rows.size()).stream().mapToLong(e -> e.getValue()[0]).sum()
                / 1e6 / timer.stepCount : 0;
        double outside = stepMs - opNanos / 1e6 / timer.stepCount;
        System.out.printf(Locale.ROOT, "| %d other op types | | %.2f | %.1f%% |%n", Math.max(0, rows.size() - top), rest,
                100 * rest / stepMs);
        System.out.printf(Locale.ROOT, "| outside ops (fit set-up, graph bookkeeping, updater) | | %.2f | %.1f%% |%n", outside,
                100 * outside / stepMs);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainProfile()).execute(args));
    }
}

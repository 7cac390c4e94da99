package aekit.train.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.data.DatasetInfo;
import aekit.infer.data.GreyImages;
import aekit.infer.data.ImageTensors;
import aekit.train.Fixtures;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.LossKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

class TrainerTest {
    @TempDir
    Path tmp;

    private static final GreyImages TRAIN = Fixtures.mnistTrain(512);
    private static final GreyImages TEST = Fixtures.mnistTest(128);
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    private static RunSpec spec(int epochs, long seed, double lr) {
        return spec(epochs, seed, lr, null);
    }

    private static RunSpec spec(int epochs, long seed, double lr, aekit.infer.data.InputNoise noise) {
        TrainConfig t = new TrainConfig(epochs, 64, lr, 0.9, 0.999, 0, seed, 0, noise);
        return new RunSpec("mnist-conv-ae", ConvAutoencoderConfig.mnist(2), LossKind.BCE, t,
                new DatasetInfo("mnist-fixture", "fixtures/mnist", TRAIN.size(), TEST.size(), "x"), aekit.train.TrainBuild.current());
    }

    private Checkpoint fresh(RunSpec spec) {
        SameDiff sd = spec.model().build(spec.loss(), spec.train().seed());
        Trainer.configure(sd, spec);
        return new Checkpoint(sd, TrainingState.start(spec));
    }

    private Trainer trainer(Path cp, StopSignal stop) {
        return new Trainer(TRAIN, TEST, cp, stop, quiet, false);
    }

    static Map<String, float[]> weights(SameDiff sd) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                w.put(v.name(), v.getArr().dup().data().asFloat());
            }
        }
        return w;
    }

    @Test
    void lossFallsOnRealDigits() throws IOException {
        RunSpec spec = spec(6, 1, 3e-3);
        Checkpoint start = fresh(spec);
        double before = Evaluation.of(start.graph(), TEST, 0).loss();
        Trainer.Result r = trainer(tmp.resolve("cp.zip"), new StopSignal()).run(start);
        double after = r.checkpoint().state().history().get(5).testLoss();
        // An untrained net predicts ~0.5 everywhere (BCE ~0.69); six epochs on 512 digits reach well below 0.3.
        assertTrue(before > 0.6, "initial test BCE " + before);
        assertTrue(after < before / 2.5, "test BCE fell only from " + before + " to " + after);
        assertEquals(6, r.checkpoint().state().history().size());
        assertTrue(Files.exists(tmp.resolve("cp.zip")));
    }

    @Test
    void sameSeedSameWeights() throws IOException {
        Map<String, float[]> a = weights(trainer(tmp.resolve("a.zip"), new StopSignal()).run(fresh(spec(1, 7, 1e-3)))
                .checkpoint().graph());
        Map<String, float[]> b = weights(trainer(tmp.resolve("b.zip"), new StopSignal()).run(fresh(spec(1, 7, 1e-3)))
                .checkpoint().graph());
        Map<String, float[]> c = weights(trainer(tmp.resolve("c.zip"), new StopSignal()).run(fresh(spec(1, 8, 1e-3)))
                .checkpoint().graph());
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), 0f, k);
        }
        assertTrue(!Arrays.equals(a.get("enc0_W"), c.get("enc0_W")), "another seed gives other weights");
    }

    @Test
    void resumeAfterStopEqualsUninterruptedRun() throws IOException {
        resumeEqualsUninterrupted(null);
    }

    @Test
    void denoisingRunResumesExactlyToo() throws IOException {
        // fresh noise every step, drawn from (seed, epoch, batch): a resumed run sees the same noisy batches
        resumeEqualsUninterrupted(new aekit.infer.data.InputNoise(0.4, true));
    }

    @Test
    void denoisingEvaluationSeesNoisyInputs() throws IOException {
        Checkpoint cp = fresh(spec(6, 1, 3e-3)); // a plain autoencoder trained on clean digits
        trainer(tmp.resolve("d.zip"), new StopSignal()).run(cp);
        Evaluation clean = Evaluation.of(cp.graph(), TEST, 0);
        Evaluation noisy = Evaluation.of(cp.graph(), TEST, 0, new aekit.infer.data.InputNoise(0.4, true), 0, 1);
        Evaluation again = Evaluation.of(cp.graph(), TEST, 0, new aekit.infer.data.InputNoise(0.4, true), 0, 1);
        assertTrue(noisy.loss() > clean.loss(), "noisy inputs reconstruct worse: " + noisy + " vs " + clean);
        assertEquals(noisy, again, "the evaluation noise is fixed by its seed");
    }

    private void resumeEqualsUninterrupted(aekit.infer.data.InputNoise noise) throws IOException {
        Map<String, float[]> straight = weights(trainer(tmp.resolve("s.zip"), new StopSignal())
                .run(fresh(spec(2, 3, 1e-3, noise))).checkpoint().graph());

        Path cp = tmp.resolve("i.zip");
        StopSignal stop = new StopSignal();
        Trainer.Result first = trainer(cp, stop).onStep((e, b, i) -> {
            if (i == 11) {
                stop.request(); // mid-way through epoch 2 (8 batches per epoch)
            }
        }).run(fresh(spec(2, 3, 1e-3, noise)));
        assertEquals(Trainer.Outcome.STOPPED, first.outcome());
        Checkpoint loaded = Checkpoint.load(cp);
        assertEquals(1, loaded.state().epoch());
        assertEquals(3, loaded.state().batch());
        assertEquals(11, loaded.state().iteration());
        // what a kill -9 during a checkpoint write leaves (a process id that cannot be alive: above pid_max)
        Path stale = Files.createFile(cp.resolveSibling("." + cp.getFileName() + ".2147483647-1.tmp"));
        Trainer.Result second = trainer(cp, new StopSignal()).run(loaded);
        assertEquals(Trainer.Outcome.COMPLETED, second.outcome());
        assertTrue(!Files.exists(stale), "a successful resume removes the killed run's temp file");
        Map<String, float[]> resumed = weights(second.checkpoint().graph());
        for (String k : straight.keySet()) {
            assertArrayEquals(straight.get(k), resumed.get(k), 1e-6f, k);
        }
    }

    /** The fixture digits, the images for which {@code poisoned} holds given a NaN pixel. */
    private static ImageTensors poisoned(java.util.function.IntPredicate poisoned) {
        return new ImageTensors() {
            @Override public int size() { return TRAIN.size(); }
            @Override public int channels() { return 1; }
            @Override public int height() { return 28; }
            @Override public int width() { return 28; }
            @Override public void copyTo(int index, float[] dst, int offset) {
                TRAIN.copyTo(index, dst, offset);
                if (poisoned.test(index)) {
                    dst[offset + 400] = Float.NaN;
                }
            }
        };
    }

    /** The fixture digits, with image 100 poisoned by a NaN pixel. */
    private static final ImageTensors POISONED = poisoned(i -> i == 100);

    @Test
    void nanLossStopsAndKeepsLastGoodCheckpoint() throws IOException {
        Path cp = tmp.resolve("n.zip");
        trainer(cp, new StopSignal()).run(fresh(spec(1, 5, 1e-3)));
        byte[] good = Files.readAllBytes(cp);
        Checkpoint resumed = Checkpoint.load(cp);
        TrainingState st = resumed.state();
        Checkpoint cont = new Checkpoint(resumed.graph(), st.withEpochs(2));
        Trainer poisoned = new Trainer(POISONED, TEST, cp, new StopSignal(), quiet, false).lossCheckEvery(1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> poisoned.run(cont));
        assertTrue(e.getMessage().startsWith("loss became NaN at epoch 2"), e.getMessage());
        assertTrue(e.getMessage().contains("the last good checkpoint (" + cp + ") is kept"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(cp), "the last good checkpoint is untouched");
    }

    /** The fixture digits with a NaN pixel in every image: the very first checked batch diverges. */
    private static final ImageTensors ALL_POISONED = poisoned(i -> true);

    @Test
    void nanLossAtTheFirstBatchIsReportedToo() {
        Path cp = tmp.resolve("n0.zip");
        Trainer t = new Trainer(ALL_POISONED, TEST, cp, new StopSignal(), quiet, false);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.run(fresh(spec(1, 5, 1e-3))));
        assertTrue(e.getMessage().startsWith("loss became NaN at epoch 1, batch 0"), e.getMessage());
        assertTrue(e.getMessage().contains("no checkpoint was written yet"), "does not claim one is kept: "
                + e.getMessage());
        assertTrue(!Files.exists(cp), "no checkpoint of diverged weights");
    }
}

package aekit.train.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.data.InputNoise;
import aekit.infer.image.Preprocessing;
import aekit.train.Fixtures;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.data.PatchSet;
import aekit.train.graph.DenoiserConfig;
import aekit.train.graph.LossKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The photo denoiser's trainer on real photos (the committed dog fixture for patches, the photo fixture for
 * validation): a short run lowers the validation loss and raises its PSNR at every level, the best checkpoint is
 * kept, and a run stopped mid-epoch and resumed ends with the weights of an uninterrupted one (patches, flips and
 * noise levels all drawn from (seed, epoch, index)).
 */
class DenoiserTrainingTest {
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());
    private static final DenoiserConfig CFG = new DenoiserConfig(3, 32, List.of(8, 16), 1, true);
    private static PatchSet train;
    private static DenoiseValidation validation;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        train = PatchSet.load(Fixtures.dogsDir(), 3, CFG.patch(), 2, 0, 5, QUIET); // 32 photos, 64 patches an epoch
        validation = DenoiseValidation.load(Fixtures.root().resolve("photos/clean"), 3, CFG.multiple(),
                List.of(15.0, 50.0), 2, 9);
    }

    private static RunSpec spec(int epochs, double lr) {
        TrainConfig t = new TrainConfig(epochs, 8, lr, 0.9, 0.999, 0, 3, 16, new InputNoise(50 / 255.0, false, true), 0,
                2);
        return new RunSpec("photo-denoiser", CFG, LossKind.MSE, t, train.info("dogs-fixture", Fixtures.dogsDir()),
                aekit.train.TrainBuild.current(), Preprocessing.NATIVE);
    }

    private static Checkpoint fresh(RunSpec spec) {
        SameDiff sd = spec.model().build(spec.loss(), spec.train().seed());
        Trainer.configure(sd, spec);
        return new Checkpoint(sd, TrainingState.start(spec));
    }

    private Trainer trainer(Path cp, StopSignal stop) {
        PatchSet shown = train;
        return new Trainer(train, shown, cp, stop, QUIET, false).validateWith(validation::evaluate);
    }

    @Test
    void patchesAreAFunctionOfSeedEpochAndIndex() {
        float[] a = train.forEpoch(3).batch(new int[] {5, 6});
        float[] b = train.forEpoch(3).batch(new int[] {5, 6});
        float[] c = train.forEpoch(4).batch(new int[] {5, 6});
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(c));
        assertEquals(64, train.size());
        assertEquals(3 * 32 * 32, train.valuesPerImage());
    }

    @Test
    void shortRunImprovesValidationAndKeepsTheBest() throws IOException {
        Checkpoint start = fresh(spec(4, 2e-3));
        Evaluation before = validation.evaluate(start.graph());
        Path best = tmp.resolve("best.zip");
        Trainer.Result r = trainer(tmp.resolve("cp.zip"), new StopSignal()).keepBest(best).run(start);
        List<EpochMetrics> h = r.checkpoint().state().history();
        EpochMetrics last = h.get(h.size() - 1);
        System.out.printf("denoiser fixture run: validation PSNR %.2f -> %.2f dB (%s)%n", before.psnr(),
                last.testPsnr(), last.detail());
        assertTrue(last.testLoss() < before.loss(), "validation loss " + before.loss() + " -> " + last.testLoss());
        assertEquals(List.of("psnr_s15", "psnr_s50"), List.copyOf(last.detail().keySet()));
        for (String k : last.detail().keySet()) {
            assertTrue(last.detail().get(k) > before.detail().get(k), k + ": " + before.detail() + " -> "
                    + last.detail());
        }
        assertTrue(Files.isRegularFile(best));
        double bestPsnr = h.stream().mapToDouble(EpochMetrics::testPsnr).max().orElseThrow();
        List<EpochMetrics> bh = Checkpoint.load(best).state().history();
        assertEquals(bestPsnr, bh.get(bh.size() - 1).testPsnr(), 1e-12);
    }

    @Test
    void resumeAfterStopEqualsUninterruptedRun() throws IOException {
        Map<String, float[]> straight = TrainerTest.weights(trainer(tmp.resolve("s.zip"), new StopSignal())
                .run(fresh(spec(3, 1e-3))).checkpoint().graph());
        Path cp = tmp.resolve("i.zip");
        StopSignal stop = new StopSignal();
        Trainer.Result first = trainer(cp, stop).onStep((e, b, i) -> {
            if (i == 13) {
                stop.request(); // epoch 2 of 3 (8 batches an epoch); the learning rate halves at the third
            }
        }).run(fresh(spec(3, 1e-3)));
        assertEquals(Trainer.Outcome.STOPPED, first.outcome());
        Checkpoint loaded = Checkpoint.load(cp);
        assertEquals(1, loaded.state().epoch());
        assertEquals(5, loaded.state().batch());
        Trainer.Result second = trainer(cp, new StopSignal()).run(loaded);
        assertEquals(Trainer.Outcome.COMPLETED, second.outcome());
        Map<String, float[]> resumed = TrainerTest.weights(second.checkpoint().graph());
        for (String k : straight.keySet()) {
            assertArrayEquals(straight.get(k), resumed.get(k), 1e-6f, k);
        }
    }
}

package aekit.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import aekit.infer.model.BundleSource;
import aekit.infer.model.ModelManifest;
import aekit.train.graph.DenoiserConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped photo models' training checkpoints load and are the runs their bundles were exported from. */
class ShippedCheckpointsTest {
    static final Path MODELS = Path.of(System.getProperty("aekit.fixtures", "../fixtures")).resolveSibling("models");

    @Test
    void trainingCheckpointsMatchTheirBundles() throws Exception {
        for (String name : new String[] {"photo-denoise-grey", "photo-denoise-rgb"}) {
            Path dir = MODELS.resolve(name);
            ModelManifest m = ModelManifest.read(BundleSource.directory(dir));
            Checkpoint cp = Checkpoint.load(dir.resolve("training-checkpoint.zip"));
            DenoiserConfig cfg = assertInstanceOf(DenoiserConfig.class, cp.state().spec().model(), name);
            assertEquals(m.input().channels(), cfg.channels(), name);
            assertEquals(m.denoiser().multiple(), cfg.multiple(), name);
            assertEquals(m.denoiser().receptiveRadius(), cfg.receptiveRadius(), name);
            assertEquals(m.dataset().sha256(), cp.state().spec().data().sha256(), name);
            assertEquals(m.training().epochs(), cp.state().history().size(), name);
        }
    }
}

package aekit.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.data.DatasetInfo;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.GraphNames;
import aekit.train.graph.LossKind;
import aekit.train.trainer.EpochMetrics;
import aekit.train.trainer.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointTest {
    @TempDir
    Path tmp;

    private static RunSpec spec() {
        return new RunSpec("mnist-conv-ae", ConvAutoencoderConfig.mnist(2), LossKind.BCE, TrainConfig.defaults(),
                new DatasetInfo("mnist", "d", 10, 5, "abc"), aekit.train.TrainBuild.current());
    }

    @Test
    void roundTripKeepsGraphAndState() throws IOException {
        SameDiff sd = spec().model().build(LossKind.BCE, 3);
        TrainingState st = new TrainingState(spec(), 2, 5, 77, 1.5,
                List.of(new EpochMetrics(1, 0.3, 0.31, 0.05, 13.2, 10, 900)));
        Path f = tmp.resolve("checkpoint.zip");
        new Checkpoint(sd, st).save(f);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Checkpoint back = Checkpoint.load(tmp); // a run folder works as well as the file
        assertEquals(st, back.state());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 28, 28);
        INDArray a = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION);
        INDArray b = back.graph().output(Map.of(GraphNames.IMAGE, x), GraphNames.RECONSTRUCTION)
                .get(GraphNames.RECONSTRUCTION);
        assertEquals(a, b);
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }

    @Test
    void missingCheckpointIsOneLine() {
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(tmp.resolve("nope")));
        assertEquals(tmp.resolve("nope") + ": no checkpoint here (expected a checkpoint.zip written by 'aekit train')",
                e.getMessage());
    }

    @Test
    void notAZipIsOneLine() throws IOException {
        Path f = tmp.resolve("checkpoint.zip");
        Files.writeString(f, "hello");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().startsWith(f + ": not an aekit checkpoint"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void truncatedCheckpointIsOneLine() throws IOException {
        Path good = tmp.resolve("good.zip");
        new Checkpoint(spec().model().build(LossKind.BCE, 3), TrainingState.start(spec())).save(good);
        byte[] all = Files.readAllBytes(good);
        Path f = tmp.resolve("cut.zip");
        Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}

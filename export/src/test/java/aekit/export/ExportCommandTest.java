package aekit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.export.cli.AekitMain;
import aekit.infer.cli.CliSupport;
import aekit.infer.data.DatasetInfo;
import aekit.infer.model.ModelManifest;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.GraphNames;
import aekit.train.graph.LossKind;
import aekit.train.trainer.TrainConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/** The export command end to end, including the failures that must write nothing. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CliSupport.commandLine(new AekitMain());
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static RunSpec spec() {
        return new RunSpec("mnist-conv-ae", ConvAutoencoderConfig.mnist(2), LossKind.BCE, TrainConfig.defaults(),
                new DatasetInfo("mnist", "d", 1, 1, "sha"), TrainBuild.current());
    }

    /** A tiny graph image -> reshape -> [op] -> latent-like variable -> dense -> sigmoid reconstruction. */
    private static SameDiff tinyGraph(String latentName, boolean cos) {
        SameDiff sd = SameDiff.create();
        SDVariable image = sd.placeHolder(GraphNames.IMAGE, DataType.FLOAT, -1, 1, 28, 28);
        SDVariable flat = image.reshape(-1, 784);
        SDVariable h = flat.mmul(sd.var("w1", Nd4j.rand(DataType.FLOAT, 784, 2).subi(0.5)));
        if (cos) {
            h = sd.math.cos(h);
        }
        SDVariable code = sd.identity(latentName, h);
        SDVariable out = code.mmul(sd.var("w2", Nd4j.rand(DataType.FLOAT, 2, 784))).reshape(-1, 1, 28, 28);
        sd.nn.sigmoid(GraphNames.RECONSTRUCTION, out);
        return sd;
    }

    private Path saveCheckpoint(SameDiff sd) throws Exception {
        Path run = tmp.resolve("run");
        new Checkpoint(sd, TrainingState.start(spec())).save(run.resolve(Checkpoint.FILE_NAME));
        return run;
    }

    private void assertNothingWritten(Path out) throws Exception {
        assertFalse(Files.exists(out), out + " must not exist");
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp folders left");
        }
    }

    @Test
    void exportsAWorkingBundle() throws Exception {
        Path run = saveCheckpoint(ConvAutoencoder.build(ConvAutoencoderConfig.mnist(2), LossKind.BCE, 1));
        Path out = tmp.resolve("bundle");
        assertEquals(0, run("export", "--checkpoint", run.toString(), "--out", out.toString()), err.toString());
        assertTrue(Files.isRegularFile(out.resolve(ModelManifest.ENCODER_FILE)));
        assertTrue(Files.isRegularFile(out.resolve(ModelManifest.DECODER_FILE)));
        ModelManifest m = ModelManifest.fromJson(Files.readString(out.resolve(ModelManifest.MANIFEST_FILE)));
        assertEquals("mnist-conv-ae", m.kind());
        // a second export to the same folder is refused without --force, then replaces it with --force
        assertEquals(1, run("export", "--checkpoint", run.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains(out + " already exists; use --force to replace it"), err.toString());
        assertEquals(0, run("export", "--checkpoint", run.toString(), "--out", out.toString(), "--force"));
        // --force never replaces a folder that is not a bundle (here: the run folder itself)
        assertEquals(1, run("export", "--checkpoint", run.toString(), "--out", run.toString(), "--force"));
        assertTrue(err.toString().contains(run + " holds files that are not part of a model bundle"), err.toString());
        assertTrue(Files.isRegularFile(run.resolve(Checkpoint.FILE_NAME)), "the run folder is intact");
    }

    @Test
    void badCheckpointPathIsOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("bundle");
        int code = run("export", "--checkpoint", tmp.resolve("missing").toString(), "--out", out.toString());
        assertEquals(1, code);
        assertEquals("aekit export: " + tmp.resolve("missing")
                + ": no checkpoint here (expected a checkpoint.zip written by 'aekit train')", err.toString().strip());
        assertNothingWritten(out);
    }

    @Test
    void checkpointWithoutLatentIsOneLineAndWritesNothing() throws Exception {
        Path run = saveCheckpoint(tinyGraph("code", false));
        Path out = tmp.resolve("bundle");
        assertEquals(1, run("export", "--checkpoint", run.toString(), "--out", out.toString()));
        assertEquals("aekit export: the graph has no variable 'latent' (expected the aekit names image, latent, "
                + "reconstruction)", err.toString().strip());
        assertNothingWritten(out);
    }

    @Test
    void unsupportedOpIsNamedAndWritesNothing() throws Exception {
        Path run = saveCheckpoint(tinyGraph(GraphNames.LATENT, true));
        Path out = tmp.resolve("bundle");
        assertEquals(1, run("export", "--checkpoint", run.toString(), "--out", out.toString()));
        String msg = err.toString().strip();
        assertTrue(msg.matches("aekit export: cannot export op 'cos' \\(cos\\) producing variable 'cos': no ONNX mapping"), msg);
        assertNothingWritten(out);
    }

    @Test
    void tinyGraphWithoutUnsupportedOpsExports() throws Exception {
        Path run = saveCheckpoint(tinyGraph(GraphNames.LATENT, false));
        Path out = tmp.resolve("bundle");
        assertEquals(0, run("export", "--checkpoint", run.toString(), "--out", out.toString()), err.toString());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("export", "--no-such-option"));
        assertEquals(2, run("export"));
    }
}

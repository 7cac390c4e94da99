package aekit.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.cli.CliSupport;
import aekit.train.Fixtures;
import aekit.train.checkpoint.Checkpoint;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aekit train mnist} on the committed fixture: run folder contents, refusal to clobber, resume. */
class TrainMnistCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CliSupport.commandLine(new TrainCommand());
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void trainsWritesRunFolderAndResumes() throws Exception {
        Path out = tmp.resolve("run");
        String[] base = {"mnist", "--data", Fixtures.mnistDir().toString(), "--out", out.toString(), "--limit", "256",
            "--batch", "64", "--train-eval", "128"};
        assertEquals(0, run(concat(base, "--epochs", "1")), err.toString());
        for (String f : List.of("checkpoint.zip", "metrics.csv", "report.md", "reconstructions.png", "latent.png",
                "loss.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,test_loss,test_mse,test_psnr,seconds,samples_per_s", csv.get(0));
        assertEquals(2, csv.size());
        BufferedImage rec = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertEquals(12 * (28 * 3 + 3) + 3, rec.getWidth(), "12 digits of 28 px at 3x with 3 px gaps");
        assertEquals(2 * (28 * 3 + 3) + 3, rec.getHeight(), "originals and reconstructions");
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("![latent codes](latent.png)") && md.contains("| 1 |"), md);
        // configs in words, not Java's record form
        assertTrue(md.contains("- model: convolutional autoencoder: channels 1, height 28, width 28"), md);
        assertTrue(md.contains("- training: Adam: epochs 1, batch size 64"), md);
        assertFalse(md.contains("Config["), md);
        assertEquals("0.###", aekit.train.report.Charts.lossPattern(List.of(0.47, 0.2), List.of(0.3)));
        assertEquals("0.######", aekit.train.report.Charts.lossPattern(List.of(0.0021, 0.0018), List.of(0.0019)));

        // an existing run is not overwritten by accident
        assertEquals(2, run(concat(base, "--epochs", "1")));
        assertTrue(err.toString().contains("already holds a checkpoint; use --resume"), err.toString());

        // a resumed run keeps its settings: changing one, or the data, is refused
        String[] resumeBase = java.util.Arrays.copyOf(base, 7); // --data, --out, --limit
        assertEquals(2, run(concat(resumeBase, "--epochs", "2", "--resume", "--lr", "0.1")));
        assertTrue(err.toString().contains("--lr cannot be changed when resuming; the run keeps the settings in its "
                + "checkpoint (--epochs may raise the total; --data and --limit must give the run's own training "
                + "images)"), err.toString());
        String[] otherData = resumeBase.clone();
        otherData[6] = "255"; // --limit 255 instead of 256
        assertEquals(2, run(concat(otherData, "--epochs", "2", "--resume")));
        assertTrue(err.toString().contains("differ from the run's (256 images"), err.toString());
        // without --epochs, --resume keeps the run's own total (1, already reached)
        assertEquals(0, run(concat(resumeBase, "--resume")), err.toString());
        assertEquals(1, Checkpoint.load(out).state().history().size());

        // --resume continues to the new total
        assertEquals(0, run(concat(resumeBase, "--epochs", "2", "--resume")), err.toString());
        assertEquals(2, Checkpoint.load(out).state().history().size());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void wrongDataFolderIsOneLine() {
        assertEquals(1, run("mnist", "--data", tmp.toString(), "--out", tmp.resolve("r").toString()));
        String msg = err.toString().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith("aekit train mnist: " + tmp.resolve("train-images-idx3-ubyte.gz") + ": not found"), msg);
        assertTrue(!Files.exists(tmp.resolve("r")), "nothing written");
    }

    @Test
    void invalidOptionValueNamesTheOption() {
        assertEquals(2, run("mnist", "--data", Fixtures.mnistDir().toString(), "--out", tmp.resolve("r").toString(),
                "--epochs", "0"));
        assertTrue(err.toString().contains("--epochs must be >= 1, got 0"), err.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.image.ImageDecoder;
import aekit.infer.image.ImageEncoder;
import aekit.infer.image.Preprocessing;
import aekit.infer.io.WriteFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's handling of write failures: a full disk stops the run; a repeated reason is said once. */
class ImagePipelineTest {
    @TempDir
    Path tmp;

    private List<ImagePipeline.Task> tasks(int n) throws IOException {
        List<ImagePipeline.Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = tmp.resolve("in" + i + ".png");
            ImageEncoder.write(new float[16], 0, 1, 4, 4, f, "png");
            tasks.add(new ImagePipeline.Task(f, tmp.resolve("out" + i + ".png"), i));
        }
        return tasks;
    }

    private static ImagePipeline pipeline(PrintStream err) {
        return new ImagePipeline(new ImageDecoder(), new Preprocessing(1, 4, 4, Preprocessing.STRETCH), 1, 2, false,
                err);
    }

    @Test
    void aFullDiskStopsTheRunWithOneLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger tried = new AtomicInteger();
        ImagePipeline.Summary s = pipeline(err).run(tasks(200), (batch, n) -> batch, 16, (d, result, off) -> {
            tried.incrementAndGet();
            throw new WriteFailedException(d.task().output(), new IOException("No space left on device"));
        }, new Progress(err, false, 0));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("(No space left on device); stopping: nothing more can be written there"),
                lines.get(0));
        assertEquals(0, s.done());
        assertTrue(tried.get() < 50, "stopped early, tried " + tried.get());
    }

    @Test
    void theSameReasonIsGivenOnceAndSummedUp() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ImagePipeline.Summary s = pipeline(err).run(tasks(10), (batch, n) -> batch, 16, (d, result, off) -> {
            throw new WriteFailedException(d.task().output(), new java.nio.file.AccessDeniedException("/x/.tmp"));
        }, new Progress(err, false, 0));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(": not written to ") && lines.get(0).endsWith("(Permission denied)"), lines.get(0));
        assertEquals("9 more files not written for the same reason (Permission denied)", lines.get(1));
        assertEquals(10, s.failed());
    }
}

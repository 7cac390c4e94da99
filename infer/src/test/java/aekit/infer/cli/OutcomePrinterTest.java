package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.batch.ImagePipeline;
import aekit.infer.io.WriteFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the commands show a pipeline's write failures: a full disk is one line; a repeated reason is said once. */
class OutcomePrinterTest {
    @TempDir
    Path tmp;

    private List<ImagePipeline.Task> tasks(int n) throws IOException {
        return aekit.infer.batch.TinyPipeline.tasks(tmp, n);
    }

    private static ImagePipeline pipeline() {
        return aekit.infer.batch.TinyPipeline.pipeline();
    }

    private static ImagePipeline.Summary run(ImagePipeline p, List<ImagePipeline.Task> tasks, PrintStream err,
                                             ImagePipeline.ResultWriter writer) throws Exception {
        OutcomePrinter printer = new OutcomePrinter(err, new ProgressBar(err, false, 0));
        ImagePipeline.Summary s = p.run(tasks, (batch, n) -> batch, 16, writer, printer);
        printer.summarise();
        return s;
    }

    @Test
    void aFullDiskStopsTheRunWithOneLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicInteger tried = new AtomicInteger();
        ImagePipeline.Summary s = run(pipeline(), tasks(200), err, (d, result, off) -> {
            tried.incrementAndGet();
            throw new WriteFailedException(d.task().output(), new IOException("No space left on device"));
        });
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
        ImagePipeline.Summary s = run(pipeline(), tasks(10), err, (d, result, off) -> {
            throw new WriteFailedException(d.task().output(), new java.nio.file.AccessDeniedException("/x/.tmp"));
        });
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(": not written to ") && lines.get(0).endsWith("(Permission denied)"), lines.get(0));
        assertEquals("9 more files not written for the same reason (Permission denied)", lines.get(1));
        assertEquals(10, s.failed());
    }
}

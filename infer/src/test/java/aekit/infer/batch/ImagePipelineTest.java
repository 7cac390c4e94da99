package aekit.infer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.io.WriteFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's handling of write failures: a full disk stops the run; every failure reaches the listener. */
class ImagePipelineTest {
    @TempDir
    Path tmp;

    private List<ImagePipeline.Task> tasks(int n) throws IOException {
        return TinyPipeline.tasks(tmp, n);
    }

    private static ImagePipeline pipeline() {
        return TinyPipeline.pipeline();
    }

    /** Records what the pipeline reports. */
    private static final class Recorder implements ImagePipeline.Listener {
        final List<Throwable> failures = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        int done;
        int notWritten;

        @Override
        public void done(ImagePipeline.Task task) {
            done++;
        }

        @Override
        public void failed(ImagePipeline.Task task, String reason, Throwable error) {
            failures.add(error);
            reasons.add(reason);
        }

        @Override
        public void notWritten(ImagePipeline.Task task) {
            notWritten++;
        }
    }

    @Test
    void aFullDiskStopsTheRun() throws Exception {
        AtomicInteger tried = new AtomicInteger();
        Recorder r = new Recorder();
        ImagePipeline.Summary s = pipeline().run(tasks(200), (batch, n) -> batch, 16, (d, result, off) -> {
            tried.incrementAndGet();
            throw new WriteFailedException(d.task().output(), new IOException("No space left on device"));
        }, r);
        assertEquals(0, s.done());
        assertEquals(0, r.done);
        assertTrue(tried.get() < 50, "stopped early, tried " + tried.get());
        assertEquals(tried.get(), r.failures.size());
        assertEquals(s.failed(), r.failures.size());
        assertTrue(r.failures.get(0) instanceof WriteFailedException w && w.noSpace(), r.failures.toString());
    }

    @Test
    void everyFailedWriteReachesTheListenerWithItsReason() throws Exception {
        Recorder r = new Recorder();
        ImagePipeline.Summary s = pipeline().run(tasks(10), (batch, n) -> batch, 16, (d, result, off) -> {
            throw new WriteFailedException(d.task().output(), new java.nio.file.AccessDeniedException("/x/.tmp"));
        }, r);
        assertEquals(10, s.failed());
        assertEquals(10, r.failures.size());
        assertEquals(0, r.notWritten);
        for (int i = 0; i < 10; i++) {
            assertEquals("Permission denied", ((WriteFailedException) r.failures.get(i)).reason());
            assertTrue(r.reasons.get(i).contains("Permission denied"), r.reasons.get(i));
        }
    }

    @Test
    void aFileThatCannotBeDecodedIsOneFailureAndTheOthersGoOn() throws Exception {
        List<ImagePipeline.Task> tasks = tasks(3);
        java.nio.file.Files.writeString(tasks.get(1).input(), "not an image");
        Recorder r = new Recorder();
        List<Path> written = new ArrayList<>();
        ImagePipeline.Summary s = pipeline().run(tasks, (batch, n) -> batch, 16,
                (d, result, off) -> written.add(d.task().output()), r);
        assertEquals(2, s.done());
        assertEquals(1, s.failed());
        assertEquals(2, r.done);
        assertEquals(List.of(tasks.get(1).input() + ": not a supported image"),
                List.of(r.reasons.get(0).substring(0, r.reasons.get(0).indexOf(" (expected"))));
    }
}

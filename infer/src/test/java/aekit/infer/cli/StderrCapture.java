package aekit.infer.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures {@code System.err} during each test (where the commands print their lines) and gives the stream back
 * after it. Register it with {@code @RegisterExtension}.
 */
final class StderrCapture implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream saved;

    @Override
    public void beforeEach(ExtensionContext context) {
        bytes.reset();
        saved = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(saved);
    }

    /** What was printed since the test began or the last {@link #reset}. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed so far. */
    void reset() {
        bytes.reset();
    }
}

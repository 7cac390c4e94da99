package aekit.infer.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs a command on a thread with a large stack. ONNX Runtime's native session set-up can need more stack than
 * the JVM's default 1 MB for the main thread; running past it crashes the process with SIGSEGV (no Java error,
 * no hs_err file), as seen when building sessions from the main thread of a report command. Every entry point that
 * opens ONNX sessions runs its work through here.
 */
public final class LargeStack {
    /** Stack size of the worker thread: 64 MB (only touched pages are committed). */
    static final long STACK_BYTES = 64L << 20;

    private LargeStack() {
    }

    /** Runs {@code work} on a large-stack thread and returns its exit code (1 if it threw). */
    public static int run(IntSupplier work) {
        AtomicInteger code = new AtomicInteger(1);
        Thread t = new Thread(null, () -> code.set(work.getAsInt()), "aekit-main", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code.get();
    }
}

package aekit.train.trainer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop training at the next batch boundary, raised by Ctrl-C (a JVM shutdown hook) or by code.
 * The hook waits until the trainer has written its checkpoint, so an interrupted run can be resumed exactly.
 */
public final class StopSignal {
    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Whether a stop was requested. */
    public boolean requested() {
        return requested;
    }

    /** Requests a stop. */
    public void request() {
        requested = true;
    }

    /** Called by the trainer when it has finished (normally or not); releases a waiting shutdown hook. */
    public void finished() {
        finished.countDown();
    }

    /** Installs a shutdown hook that requests a stop and waits up to {@code seconds} for the trainer to finish. */
    public StopSignal onShutdown(int seconds) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            request();
            try {
                finished.await(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "aekit-stop"));
        return this;
    }
}

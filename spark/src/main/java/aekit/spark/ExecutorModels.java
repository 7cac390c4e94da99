package aekit.spark;

import aekit.infer.Autoencoder;
import aekit.infer.Denoiser;
import aekit.infer.SessionSettings;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models open in this JVM (an executor, or the driver in local mode): one ONNX Runtime session per bundle,
 * tile and thread count, opened by the first task that needs it and shared by every later task and job (sessions
 * are thread-safe), keyed by the bundle's hash so that a changed bundle is a new model. Closed when the JVM exits.
 */
public final class ExecutorModels {
    private static final Map<String, AutoCloseable> OPEN = new ConcurrentHashMap<>();
    private static final Object LOCK = new Object();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "aekit-models-close"));
    }

    private ExecutorModels() {
    }

    /** The photo denoiser of a bundle, opened with {@code threads} intra-op threads, cut into {@code tile} tiles. */
    public static Denoiser denoiser(Bundle bundle, int tile, int threads) throws IOException {
        String key = bundle.hash() + "/denoiser/" + tile + "/" + threads;
        AutoCloseable m = OPEN.get(key);
        if (m == null) {
            synchronized (LOCK) { // one open per key, also when several tasks start at once
                m = OPEN.get(key);
                if (m == null) {
                    m = onLargeStack(() -> Denoiser.open(bundle.source(), new SessionSettings("cpu", threads),
                            tile));
                    OPEN.put(key, m);
                }
            }
        }
        return (Denoiser) m;
    }

    /** The autoencoder of a bundle, opened with {@code threads} intra-op threads. */
    public static Autoencoder autoencoder(Bundle bundle, int threads) throws IOException {
        String key = bundle.hash() + "/autoencoder/" + threads;
        AutoCloseable m = OPEN.get(key);
        if (m == null) {
            synchronized (LOCK) {
                m = OPEN.get(key);
                if (m == null) {
                    m = onLargeStack(() -> Autoencoder.open(bundle.source(), new SessionSettings("cpu", threads)));
                    OPEN.put(key, m);
                }
            }
        }
        return (Autoencoder) m;
    }

    /** Opens a model. */
    @FunctionalInterface
    private interface Opener {
        AutoCloseable open() throws IOException;
    }

    /** Stack of the thread that opens sessions (only touched pages are committed). */
    static final long OPEN_STACK_BYTES = 64L << 20;

    /**
     * Opens a model on a thread with a 64 MB stack: ONNX Runtime's native session set-up can need more than a
     * thread's default 1 MB (Spark's task threads have that), and running past it kills the JVM with SIGSEGV and
     * no hs_err file (seen with ./aekit spark; the CLI does the same through LargeStack).
     */
    private static AutoCloseable onLargeStack(Opener opener) throws IOException {
        aekit.infer.model.OrtNativeCache.install(); // ONNX Runtime's library unpacked once per user, not per JVM
        AutoCloseable[] model = {null};
        Throwable[] error = {null};
        Thread t = new Thread(null, () -> {
            try {
                model[0] = opener.open();
            } catch (Throwable e) {
                error[0] = e;
            }
        }, "aekit-model-open", OPEN_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the task is being killed; the model still opens and is kept
            throw new java.io.InterruptedIOException("interrupted while opening the model");
        }
        if (error[0] instanceof IOException io) {
            throw io;
        }
        if (error[0] instanceof RuntimeException re) {
            throw re;
        }
        if (error[0] instanceof Error err) {
            throw err;
        }
        return model[0];
    }

    /** How many models are open in this JVM. */
    public static int openCount() {
        return OPEN.size();
    }

    /** Closes every open model (idempotent: each is closed once and forgotten). */
    public static void closeAll() {
        synchronized (LOCK) {
            for (String k : OPEN.keySet()) {
                AutoCloseable m = OPEN.remove(k);
                if (m != null) {
                    try {
                        m.close();
                    } catch (Exception e) {
                        // closing a session only fails if it was already closed
                    }
                }
            }
        }
    }
}

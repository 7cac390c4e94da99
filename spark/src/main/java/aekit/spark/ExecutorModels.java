package aekit.spark;

import aekit.infer.model.OnnxAutoencoder;
import aekit.infer.model.OnnxDenoiser;
import aekit.infer.model.SessionSettings;
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
    public static OnnxDenoiser denoiser(Bundle bundle, int tile, int threads) throws IOException {
        String key = bundle.hash() + "/denoiser/" + tile + "/" + threads;
        AutoCloseable m = OPEN.get(key);
        if (m == null) {
            synchronized (LOCK) { // one open per key, also when several tasks start at once
                m = OPEN.get(key);
                if (m == null) {
                    m = OnnxDenoiser.open(bundle.source(), new SessionSettings("cpu", threads), tile);
                    OPEN.put(key, m);
                }
            }
        }
        return (OnnxDenoiser) m;
    }

    /** The autoencoder of a bundle, opened with {@code threads} intra-op threads. */
    public static OnnxAutoencoder autoencoder(Bundle bundle, int threads) throws IOException {
        String key = bundle.hash() + "/autoencoder/" + threads;
        AutoCloseable m = OPEN.get(key);
        if (m == null) {
            synchronized (LOCK) {
                m = OPEN.get(key);
                if (m == null) {
                    m = OnnxAutoencoder.open(bundle.source(), new SessionSettings("cpu", threads));
                    OPEN.put(key, m);
                }
            }
        }
        return (OnnxAutoencoder) m;
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

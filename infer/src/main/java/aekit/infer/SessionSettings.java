package aekit.infer;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * How ONNX Runtime sessions are made: the execution provider ({@code cpu}, or {@code cuda[:N]} when the GPU build
 * of ONNX Runtime is on the classpath) and the intra-op thread count (0 = ONNX Runtime's default).
 *
 * @param device  "cpu", "cuda" or "cuda:N"
 * @param threads intra-op threads, 0 for the default
 */
public record SessionSettings(String device, int threads) {
    public SessionSettings {
        if (device == null || (!device.equals("cpu") && !device.matches("cuda(:\\d+)?"))) {
            throw new IllegalArgumentException("device must be cpu, cuda or cuda:N, got " + device);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** CPU with default threads. */
    public static SessionSettings cpu() {
        return new SessionSettings("cpu", 0);
    }

    /**
     * Checks that sessions can be made with these settings here (the CUDA execution provider is available for a
     * cuda device); opening a model checks the same.
     */
    public void check() throws AekitException {
        options().close();
    }

    /** New session options (the caller closes them); all graph optimisations on. */
    OrtSession.SessionOptions options() throws AekitException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // idle intra-op threads sleep instead of spinning: in a pipeline the decode and write workers need
            // those cores between model calls (spinning cost a third of a core on 2 cores)
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (threads > 0) {
                opts.setIntraOpNumThreads(threads);
            }
            if (device.startsWith("cuda")) {
                int id = device.contains(":") ? Integer.parseInt(device.substring(5)) : 0;
                try {
                    opts.addCUDA(id);
                } catch (OrtException | RuntimeException e) {
                    throw new AekitException(device + ": " + cudaUnavailable());
                }
            }
            return opts;
        } catch (OrtException e) {
            opts.close();
            throw new AekitException("cannot configure ONNX Runtime: " + e.getMessage(), e);
        } catch (AekitException e) {
            opts.close();
            throw e;
        }
    }

    /** Why a cuda device fails, with the versions this jar was built with. */
    static String cudaUnavailable() {
        String artifact = AekitVersion.build("onnxruntime.artifact", "onnxruntime");
        String version = AekitVersion.build("onnxruntime.version", "?");
        return "ONNX Runtime's CUDA execution provider is not available here ("
                + (artifact.equals("onnxruntime_gpu") ? "this jar has onnxruntime_gpu " + version
                        + "; run it on a machine with an NVIDIA GPU, CUDA "
                        : "this jar has the CPU build of ONNX Runtime; build the infer jar with -Pcuda for "
                        + "onnxruntime_gpu " + version + " and run it on a machine with an NVIDIA GPU, CUDA ")
                + AekitVersion.build("onnxruntime.cuda", "?") + " and cuDNN " + AekitVersion.build("onnxruntime.cudnn", "?")
                + ")";
    }
}

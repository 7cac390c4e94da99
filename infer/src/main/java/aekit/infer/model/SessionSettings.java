package aekit.infer.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;

/**
 * How ONNX Runtime sessions are made: the execution provider ({@code cpu}, or {@code cuda[:N]} when the GPU build
 * of ONNX Runtime is on the classpath) and the intra-op thread count (0 = ONNX Runtime's default).
 *
 * @param device  "cpu", "cuda" or "cuda:N"
 * @param threads intra-op threads, 0 for the default
 */
public record SessionSettings(String device, int threads) {
    public SessionSettings {
        if (!device.equals("cpu") && !device.matches("cuda(:\\d+)?")) {
            throw new IllegalArgumentException("--device must be cpu, cuda or cuda:N, got " + device);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
    }

    /** CPU with default threads. */
    public static SessionSettings cpu() {
        return new SessionSettings("cpu", 0);
    }

    /** New session options (the caller closes them); all graph optimisations on. */
    OrtSession.SessionOptions options() throws IOException {
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
                    throw new IOException("--device " + device + ": ONNX Runtime's CUDA execution provider is not "
                            + "available here (this jar has the CPU build of ONNX Runtime; build the infer jar with "
                            + "-Pcuda for onnxruntime_gpu 1.29.0 and run it on a machine with an NVIDIA GPU, CUDA 12 "
                            + "and cuDNN 9)");
                }
            }
            return opts;
        } catch (OrtException e) {
            opts.close();
            throw new IOException("cannot configure ONNX Runtime: " + e.getMessage(), e);
        } catch (IOException e) {
            opts.close();
            throw e;
        }
    }
}

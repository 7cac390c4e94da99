package aekit.infer.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The process's one ONNX Runtime environment as aekit sets it up: ONNX Runtime logs errors only (its warnings, such
 * as "Failed to persist telemetry device ID" on a read-only home, are not for aekit's users) and telemetry is off.
 * Every session aekit opens is made in it.
 */
public final class OrtEnv {
    private static volatile OrtEnvironment env;

    private OrtEnv() {
    }

    /** The environment, made on first use. */
    public static OrtEnvironment get() {
        OrtEnvironment e = env;
        if (e == null) {
            synchronized (OrtEnv.class) {
                e = env;
                if (e == null) {
                    e = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "aekit");
                    try {
                        e.setTelemetry(false);
                    } catch (OrtException | RuntimeException ignored) {
                        // telemetry only exists on Windows builds; elsewhere there is nothing to turn off
                    }
                    env = e;
                }
            }
        }
        return e;
    }
}

package aekit.infer.cli;

import aekit.infer.model.BundleSource;
import aekit.infer.model.OrtNativeCache;
import aekit.infer.model.ShippedModels;
import aekit.infer.AekitException;
import aekit.infer.Autoencoder;
import aekit.infer.Denoiser;
import aekit.infer.SessionSettings;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The options every model-using command shares: which model, on which device, with how many threads. */
public final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "NAME|PATH",
            description = "A shipped model by name (see 'aekit info') or a bundle folder (default: photo-denoise-rgb, "
                    + "or photo-denoise-grey for grey images, in denoise and eval --sigma/--reference; mnist-ae "
                    + "otherwise).")
    String model;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda[:N]",
            description = "Execution provider (cuda needs the -Pcuda build of the jar).")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0 = its default).")
    int threads;

    /** The bundle named by --model, or {@code fallback} when none was given. */
    public BundleSource source(String fallback) throws IOException {
        String name = model != null ? model : fallback;
        try {
            return ShippedModels.resolve(name);
        } catch (AekitException e) {
            throw new AekitException("--model " + e.getMessage(), e);
        }
    }

    /**
     * The session settings of --device and --threads, checked (a cuda device needs the GPU build). The commands
     * load ONNX Runtime's native library from aekit's cache ({@link OrtNativeCache}): set up here, before any
     * session, since the library does not do it on its own.
     */
    public SessionSettings settings() throws IOException {
        OrtNativeCache.install();
        SessionSettings s = CliSupport.option("--device", () -> new SessionSettings(device, 0));
        s = CliSupport.option("--threads", () -> new SessionSettings(device, threads));
        try {
            s.check();
        } catch (AekitException e) {
            throw new AekitException("--device " + e.getMessage(), e);
        }
        return s;
    }

    /** Opens the autoencoder of --model (or {@code fallback}). */
    public Autoencoder open(String fallback) throws IOException {
        return Autoencoder.open(source(fallback), settings());
    }

    /** Opens the photo denoiser of {@code source} with tiles of at most {@code tile} pixels a side. */
    public Denoiser openDenoiser(BundleSource source, int tile) throws IOException {
        return Denoiser.open(source, settings(), tile);
    }

    /**
     * A side file of the bundle: {@code given} if set, else {@code name} inside the bundle folder; a model inside
     * the jar has no folder, so then the file must be given with {@code option}.
     */
    static java.nio.file.Path sideFile(BundleSource source, java.nio.file.Path given, String name, String option) {
        if (given != null) {
            return given;
        }
        if (source.directory() == null) {
            throw new IllegalArgumentException("--model " + source.location() + " is inside the jar; give " + option
                    + " FILE");
        }
        return source.directory().resolve(name);
    }
}

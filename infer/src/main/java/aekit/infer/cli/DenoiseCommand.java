package aekit.infer.cli;

import aekit.infer.AekitVersion;
import picocli.CommandLine.Command;

/**
 * {@code aekit denoise INPUT... -o OUT}: run noisy images through a denoising autoencoder. The same pipeline as
 * {@code reconstruct}; only the default model differs.
 */
@Command(name = "denoise", mixinStandardHelpOptions = true, versionProvider = AekitVersion.class,
        showDefaultValues = true, description = "Denoise images (files and folders, recursively) with a denoising autoencoder.")
public final class DenoiseCommand extends ReconstructCommand {
    /** The shipped MNIST denoiser. */
    public static final String DEFAULT_MODEL = "mnist-dae";

    @Override
    protected String defaultModel() {
        return DEFAULT_MODEL;
    }
}

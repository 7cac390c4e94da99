package aekit.infer.model;

/**
 * What a photo-denoiser bundle declares beyond an autoencoder's manifest: one ONNX file mapping a noisy image to the
 * denoised one at any size whose sides are multiples of {@code multiple}, and how far a pixel's context reaches
 * (tiles overlap by at least this, so a tiled result equals the untiled one).
 *
 * @param file            the ONNX file in the bundle, {@value ModelManifest#DENOISER_FILE}
 * @param multiple        image sides must be multiples of this (inference pads by mirroring)
 * @param receptiveRadius pixels of context on each side that can change an output pixel
 * @param sigmaMax        the largest noise standard deviation (0-255 scale) trained on; the model is blind below it
 */
public record DenoiserInfo(String file, int multiple, int receptiveRadius, double sigmaMax) {
    public DenoiserInfo {
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("denoiser.file must be a file name inside the bundle, got " + file);
        }
        if (multiple < 1 || multiple > 1024) {
            throw new IllegalArgumentException("denoiser.multiple must be in 1..1024, got " + multiple);
        }
        if (receptiveRadius < 0 || receptiveRadius > 4096) {
            throw new IllegalArgumentException("denoiser.receptiveRadius must be in 0..4096, got " + receptiveRadius);
        }
        if (!(sigmaMax > 0 && sigmaMax <= 255)) {
            throw new IllegalArgumentException("denoiser.sigmaMax must be in (0, 255], got " + sigmaMax);
        }
    }
}

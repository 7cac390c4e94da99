/**
 * The embeddable API of aekit's inference: {@link aekit.infer.Denoiser} (photo denoisers, any image size, tiled)
 * and {@link aekit.infer.Autoencoder} (encoder/decoder bundles at their fixed size), opened by shipped name or
 * bundle folder, with {@link aekit.infer.SessionSettings} for the device and threads and one checked exception,
 * {@link aekit.infer.AekitException}. Both are thread-safe and close idempotently.
 *
 * <pre>{@code
 * try (Denoiser denoiser = Denoiser.open("photo-denoise-rgb")) {
 *     BufferedImage clean = denoiser.denoise(Path.of("noisy.png"));
 * }
 * }</pre>
 */
package aekit.infer;

package aekit.infer.batch;

import aekit.infer.image.ErrorMap;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFormatException;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.model.InputSpec;
import java.util.Arrays;

/**
 * What a fixed-size autoencoder's run writes for one input, the same wherever it runs ({@code aekit reconstruct}
 * and {@code denoise}'s pipeline, the Spark job): the result at the model's size, or with {@code keepSize} scaled
 * back to the input's size by the one resampling rule ({@link Preprocessing#resize}); grey for a grey input of a
 * colour model (BT.601 luma, {@link Preprocessing#luma}); 8-bit samples. And on request an error map of the result
 * against the model's input, named by {@link OutputNames#errorMap}.
 *
 * @param spec     the model's input
 * @param keepSize scale each result back to its input's size
 */
public record ReconstructionOutput(InputSpec spec, boolean keepSize) {
    /** Whether the image for an input of {@code width} x {@code height} is resized (and holds its pixels). */
    public boolean resizes(int width, int height) {
        return keepSize && (width != spec.width() || height != spec.height());
    }

    /**
     * The image to write for the result at {@code offset} of (N, C, H, W) model outputs, whose input was
     * {@code width} x {@code height} with {@code channels} colour channels.
     */
    public RasterImage image(float[] results, int offset, int width, int height, int channels) {
        int c = spec.channels();
        int h = spec.height();
        int w = spec.width();
        float[] img = Arrays.copyOfRange(results, offset, offset + c * h * w); // (C, H, W)
        int oh = h;
        int ow = w;
        if (resizes(width, height)) {
            img = Preprocessing.resize(img, c, h, w, height, width);
            oh = height;
            ow = width;
        }
        if (c == 3 && channels == 1) { // grey in, grey out: a colour model's result of a grey file
            img = Preprocessing.luma(img, oh, ow);
        }
        return ImageFileWriter.toRaster(img, 0, img.length / (oh * ow), oh, ow);
    }

    /**
     * The error map of the result at {@code offset} of (N, C, H, W) model outputs against the model's input tensor of
     * that image, (C, H, W): per pixel |x - x_hat| on {@link ErrorMap}'s fixed scale ({@link ErrorMap#DEFAULT_MAX}),
     * at the model's size.
     */
    public RasterImage errorMap(float[] input, float[] results, int offset) {
        int c = spec.channels();
        int h = spec.height();
        int w = spec.width();
        float[] recon = Arrays.copyOfRange(results, offset, offset + c * h * w);
        try {
            return ImageFileReader.toRaster(ErrorMap.of(input, recon, 0, c, h, w, ErrorMap.DEFAULT_MAX));
        } catch (ImageFormatException e) {
            throw new IllegalStateException("an error map is plain RGB", e); // TYPE_INT_RGB always converts
        }
    }
}

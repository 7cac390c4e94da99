package aekit.train.trainer;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.ReflectWindow;
import aekit.infer.metrics.DenoiseProtocol;
import aekit.train.graph.GraphNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A denoiser's validation: whole images of a folder at fixed noise levels under the standard protocol
 * ({@link DenoiseProtocol}), each image mirrored out to the model's multiple, run through the SameDiff graph, cropped
 * back and scored. The result's PSNR is the mean over the levels; {@code detail} has each level's mean PSNR.
 */
public final class DenoiseValidation {
    private final List<float[]> images = new ArrayList<>(); // (C, H, W)
    private final List<int[]> sizes = new ArrayList<>();
    private final List<Double> sigmas;
    private final int channels;
    private final int multiple;
    private final long seed;

    private DenoiseValidation(List<Double> sigmas, int channels, int multiple, long seed) {
        this.sigmas = List.copyOf(sigmas);
        this.channels = channels;
        this.multiple = multiple;
        this.seed = seed;
    }

    /**
     * Reads the image files below {@code root} (sorted, hidden files skipped; at most {@code limit}, 0 = all) at their
     * own size through the one preprocessing path.
     */
    public static DenoiseValidation load(Path root, int channels, int multiple, List<Double> sigmas, int limit,
                                         long seed) throws IOException {
        if (sigmas.isEmpty()) {
            throw new IllegalArgumentException("at least one validation noise level is needed");
        }
        DenoiseValidation v = new DenoiseValidation(sigmas, channels, multiple, seed);
        Preprocessing prep = new Preprocessing(channels, multiple, multiple, Preprocessing.NATIVE);
        ImageFileReader decoder = new ImageFileReader();
        List<Path> files = aekit.train.data.ImageFolder.files(root, 0);
        for (Path f : files) {
            if (limit > 0 && v.images.size() >= limit) {
                break;
            }
            var img = decoder.read(f);
            v.images.add(prep.tensor(img));
            v.sizes.add(new int[] {img.height(), img.width()});
        }
        if (v.images.isEmpty()) {
            throw new IOException(root + ": no validation images");
        }
        return v;
    }

    /** Number of validation images. */
    public int size() {
        return images.size();
    }

    /** Scores the graph: loss and MSE are means over images and levels of the clipped output's MSE. */
    public Evaluation evaluate(SameDiff sd) {
        Map<String, Double> detail = new LinkedHashMap<>();
        double mseSum = 0;
        double psnrSum = 0;
        for (double sigma : sigmas) {
            double levelPsnr = 0;
            for (int i = 0; i < images.size(); i++) {
                float[] clean = images.get(i);
                float[] out = denoise(sd, DenoiseProtocol.noisy(clean, sigma, seed, i), sizes.get(i)[0],
                        sizes.get(i)[1]);
                double psnr = DenoiseProtocol.psnr(clean, out);
                levelPsnr += psnr;
                mseSum += Math.pow(10, -psnr / 10);
            }
            levelPsnr /= images.size();
            psnrSum += levelPsnr;
            detail.put(String.format(Locale.ROOT, "psnr_s%s", fmt(sigma)), levelPsnr);
        }
        int n = images.size() * sigmas.size();
        return new Evaluation(mseSum / n, mseSum / n, psnrSum / sigmas.size(), n, detail);
    }

    private float[] denoise(SameDiff sd, float[] noisy, int h, int w) {
        int ph = ReflectWindow.roundUp(h, multiple);
        int pw = ReflectWindow.roundUp(w, multiple);
        float[] padded = ReflectWindow.cut(noisy, channels, h, w, 0, 0, ph, pw);
        INDArray x = Nd4j.create(padded, new long[] {1, channels, ph, pw}, 'c'); // (1, C, H', W')
        float[] rec = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION)
                .dup('c').data().asFloat();
        float[] out = new float[channels * h * w];
        ReflectWindow.paste(rec, channels, ph, pw, 0, 0, out, h, w, 0, 0, h, w);
        return out;
    }

    private static String fmt(double sigma) {
        return sigma == Math.rint(sigma) ? Long.toString((long) sigma) : Double.toString(sigma);
    }
}

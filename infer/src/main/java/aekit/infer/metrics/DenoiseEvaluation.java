package aekit.infer.metrics;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores photo denoising under the standard protocol ({@link DenoiseProtocol}): every clean image of a folder,
 * at its own size and channels, gets seeded float noise at each level, goes through the model, and the clipped
 * output is scored (PSNR peak 1, SSIM) against the clean image; means over the images per level, with the noisy
 * input's PSNR and the model's speed beside them. {@link #compare} scores files that already exist (noisy files,
 * another tool's outputs) against clean originals paired by relative path.
 */
public final class DenoiseEvaluation {
    private DenoiseEvaluation() {
    }

    /** A clean image: its name (relative path), (C, H, W) values in [0,1], channels and size. */
    public record Image(String name, float[] chw, int channels, int height, int width) {
    }

    /** What a model does to one noisy (C, H, W) image; the result is clipped when scored. */
    public interface Model {
        float[] denoise(float[] chw, int channels, int height, int width) throws Exception;
    }

    /**
     * Mean scores at one noise level.
     *
     * @param sigma     noise level, 0-255 scale
     * @param images    images scored
     * @param noisyPsnr mean PSNR of the noisy inputs (clipped), dB
     * @param psnr      mean PSNR of the outputs, dB
     * @param ssim      mean SSIM of the outputs
     * @param megapixelsPerSecond the model's speed on these images (model calls only)
     */
    public record Row(double sigma, int images, double noisyPsnr, double psnr, double ssim,
                      double megapixelsPerSecond) {
    }

    /** The image files below {@code root} (sorted, hidden files skipped), each at its own size and channels. */
    public static List<Image> load(Path root, int limit) throws IOException {
        List<Image> out = new ArrayList<>();
        ImageFileReader decoder = new ImageFileReader();
        for (Path f : files(root)) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            RasterImage img = decoder.read(f);
            Preprocessing p = new Preprocessing(img.channels(), 1, 1, Preprocessing.NATIVE);
            out.add(new Image(relative(root, f), p.tensor(img), img.channels(), img.height(), img.width()));
        }
        if (out.isEmpty()) {
            throw new IOException(root + ": no images (expected a folder of clean image files)");
        }
        return out;
    }

    /** Scores the model on every image at every level; image i at level s always gets the same noise for a seed. */
    public static List<Row> run(List<Image> images, List<Double> sigmas, long seed, Model model) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (double sigma : sigmas) {
            double noisyPsnr = 0;
            double psnr = 0;
            double ssim = 0;
            double pixels = 0;
            long nanos = 0;
            for (int i = 0; i < images.size(); i++) {
                Image im = images.get(i);
                float[] noisy = DenoiseProtocol.noisy(im.chw(), sigma, seed, i);
                long t0 = System.nanoTime();
                float[] out = model.denoise(noisy, im.channels(), im.height(), im.width());
                nanos += System.nanoTime() - t0;
                pixels += (double) im.height() * im.width();
                noisyPsnr += DenoiseProtocol.psnr(im.chw(), noisy);
                psnr += DenoiseProtocol.psnr(im.chw(), out);
                ssim += Ssim.of(im.chw(), out, im.channels(), im.height(), im.width());
            }
            int n = images.size();
            rows.add(new Row(sigma, n, noisyPsnr / n, psnr / n, ssim / n, pixels / 1e6 / Math.max(1e-9, nanos / 1e9)));
        }
        return rows;
    }

    /**
     * Scores the files below {@code other} against the clean files below {@code clean} with the same relative path
     * (extensions may differ: a.png pairs with a.jpg); a file without a partner, or of another size, is an error
     * naming it. The row's sigma and speed are NaN.
     */
    public static Row compare(Path clean, Path other) throws IOException {
        Map<String, Path> byStem = new HashMap<>();
        for (Path f : files(clean)) {
            byStem.put(stem(relative(clean, f)), f);
        }
        ImageFileReader decoder = new ImageFileReader();
        double psnr = 0;
        double ssim = 0;
        int n = 0;
        for (Path f : files(other)) {
            String rel = relative(other, f);
            Path ref = byStem.get(stem(rel));
            if (ref == null) {
                throw new IOException(f + ": no clean image with the same relative path under " + clean);
            }
            RasterImage a = decoder.read(ref);
            RasterImage b = decoder.read(f);
            if (a.width() != b.width() || a.height() != b.height()) {
                throw new IOException(f + ": " + b.width() + "x" + b.height() + ", its clean image " + ref + " is "
                        + a.width() + "x" + a.height());
            }
            int c = Math.max(a.channels(), b.channels());
            Preprocessing p = new Preprocessing(c, 1, 1, Preprocessing.NATIVE);
            float[] x = p.tensor(a);
            float[] y = p.tensor(b);
            psnr += DenoiseProtocol.psnr(x, y);
            ssim += Ssim.of(x, y, c, a.height(), a.width());
            n++;
        }
        if (n == 0) {
            throw new IOException(other + ": no images to score");
        }
        return new Row(Double.NaN, n, Double.NaN, psnr / n, ssim / n, Double.NaN);
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder");
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static String relative(Path root, Path f) {
        return root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
    }

    private static String stem(String rel) {
        int slash = rel.lastIndexOf('/');
        int dot = rel.lastIndexOf('.');
        return (dot > slash + 1 ? rel.substring(0, dot) : rel).toLowerCase(Locale.ROOT);
    }
}

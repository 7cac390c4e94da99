package aekit.tools.denoise;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.metrics.DenoiseEvaluation;
import aekit.infer.metrics.DenoiseProtocol;
import aekit.infer.model.ModelManifest;
import aekit.infer.Denoiser;
import aekit.infer.SessionSettings;
import aekit.infer.model.ShippedModels;
import aekit.infer.io.AtomicFiles;
import aekit.tools.FigureGrid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code reports/denoise/REPORT.md}: the shipped (or given) photo denoisers on Set12, BSD68 (grey) and
 * CBSD68 (colour) at sigma 15, 25, 50 under the standard protocol ({@link DenoiseEvaluation}), OpenCV's non-local
 * means on the same noisy images (through {@code tools/peers/nlmeans.py}, h tuned per level on the first images,
 * fed the noisy images clipped and rounded to 8 bits as OpenCV requires, scored by the same aekit code), the
 * published figures of BM3D, DnCNN and FFDNet beside them, speeds, the models' training cost, and crops of one
 * image per set (noisy / aekit / NL-means / clean).
 *
 * <pre>
 * DenoiseReport --data VAL_DIR [--grey MODEL] [--rgb MODEL] [--out DIR] [--work DIR] [--python PY] [--limit N]
 * </pre>
 */
public final class DenoiseReport {
    /** The published mean PSNRs at sigma 15, 25, 50 (the papers' tables), by set and method. */
    static final Map<String, Map<String, double[]>> PUBLISHED = Map.of(
            "Set12", linked("BM3D", new double[] {32.37, 29.97, 26.72}, "DnCNN-S", new double[] {32.86, 30.44, 27.18}),
            "BSD68", linked("BM3D", new double[] {31.07, 28.57, 25.62}, "DnCNN-S", new double[] {31.73, 29.23, 26.23},
                    "FFDNet", new double[] {31.63, 29.19, 26.29}),
            "CBSD68", linked("CBM3D", new double[] {33.52, 30.71, 27.38}, "CDnCNN", new double[] {33.89, 31.23, 27.92},
                    "FFDNet", new double[] {33.87, 31.21, 27.96}));
    static final List<Double> SIGMAS = List.of(15.0, 25.0, 50.0);

    private static Map<String, double[]> linked(Object... kv) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (double[]) kv[i + 1]);
        }
        return m;
    }

    private DenoiseReport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--grey", "photo-denoise-grey", "--rgb", "photo-denoise-rgb",
                "--out", "reports/denoise", "--work", "runs/denoise-report", "--python", "/usr/bin/python3",
                "--limit", "0", "--seed", "1"));
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: DenoiseReport --data VAL_DIR [--grey M] [--rgb M] [--out DIR] "
                        + "[--work DIR] [--python PY] [--limit N] [--seed S]");
            }
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--data")) {
            throw new IllegalArgumentException("--data VAL_DIR (the folder with Set12, BSD68, CBSD68) is required");
        }
        Path data = Path.of(o.get("--data"));
        Path out = Path.of(o.get("--out"));
        Path work = Path.of(o.get("--work"));
        int limit = Integer.parseInt(o.get("--limit"));
        long seed = Long.parseLong(o.get("--seed"));
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("# Photo denoising: aekit's shipped denoisers on the standard test sets\n\n");
        md.append("Written by `tools/denoise-experiments` (`aekit.tools.denoise.DenoiseReport`); every aekit and NL-means "
                + "figure below comes from that run on this machine. Standard protocol: clean x in [0,1] from the 8-bit "
                + "file, noisy y = x + (sigma/255) N(0,1) in floating point (not clipped or rounded), seed ")
                .append(seed).append(", output clipped to [0,1], PSNR with peak 1 per image, averaged over the images. "
                        + "The published figures are quoted from the papers (BM3D/CBM3D and DnCNN as tabulated in the "
                        + "DnCNN paper, FFDNet from its paper), same protocol.\n\n");
        md.append("OpenCV's non-local means (`cv2.fastNlMeansDenoising`/`...Colored`, template 7, search 21) takes 8-bit "
                + "images only, so it gets the same noisy images clipped to [0,1] and rounded to 8 bits (a slight "
                + "advantage: clipping removes some noise); its strength h is tuned per noise level on the set's first 4 "
                + "images from 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2 x sigma (the best h is shown in brackets). Its "
                + "outputs are scored by the same aekit code (`aekit eval --reference`).\n\n");
        List<String> summary = new ArrayList<>();
        for (String set : List.of("Set12", "BSD68", "CBSD68")) {
            Path dir = data.resolve(set);
            List<DenoiseEvaluation.Image> images = DenoiseEvaluation.load(dir, limit);
            boolean colour = images.get(0).channels() == 3;
            String modelName = o.get(colour ? "--rgb" : "--grey");
            try (Denoiser model = Denoiser.open(ShippedModels.resolve(modelName), SessionSettings.cpu())) {
                System.err.printf("%s: %d images, aekit (%s)...%n", set, images.size(), modelName);
                List<DenoiseEvaluation.Row> ours = DenoiseEvaluation.run(images, SIGMAS, seed,
                        (x, c, h, w) -> model.denoise(x, h, w));
                md.append("## ").append(set).append(" (").append(images.size()).append(colour ? " colour" : " grey")
                        .append(" images)\n\n");
                StringBuilder head = new StringBuilder("| sigma | noisy input | NL-means (h) | aekit `").append(modelName)
                        .append("` PSNR / SSIM |");
                StringBuilder rule = new StringBuilder("|---|---|---|---|");
                Map<String, double[]> pub = PUBLISHED.get(set);
                for (String m : pub.keySet()) {
                    head.append(' ').append(m).append(" (published) |");
                    rule.append("---|");
                }
                md.append(head).append('\n').append(rule).append('\n');
                StringBuilder speed = new StringBuilder();
                for (int s = 0; s < SIGMAS.size(); s++) {
                    double sigma = SIGMAS.get(s);
                    DenoiseEvaluation.Row r = ours.get(s);
                    NlMeans nl = nlMeans(o.get("--python"), dir, images, sigma, seed, work.resolve(set + "-s" + (int) sigma));
                    md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f (%.0f) | **%.2f** / %.4f |", (int) sigma,
                            r.noisyPsnr(), nl.psnr, nl.h, r.psnr(), r.ssim()));
                    for (double[] v : pub.values()) {
                        md.append(String.format(Locale.ROOT, " %.2f |", v[s]));
                    }
                    md.append('\n');
                    speed.append(String.format(Locale.ROOT, "sigma %d: aekit %.2f Mpx/s, NL-means %.2f Mpx/s; ",
                            (int) sigma, r.megapixelsPerSecond(), nl.mpxPerSecond));
                    summary.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %+.2f |", set, (int) sigma, r.psnr(),
                            nl.psnr, r.psnr() - nl.psnr));
                    if (sigma == 25) {
                        crops(dir, images.get(0), sigma, seed, model, work.resolve(set + "-s25/nlmeans"),
                                out.resolve("crops-" + set + ".png"));
                    }
                }
                md.append("\nSpeed on this machine (2 cores; denoiser calls only, whole images, default tiling): ")
                        .append(speed.toString().replaceAll("; $", ".")).append("\n\n");
                md.append("![noisy / aekit / NL-means / clean, sigma 25](crops-").append(set).append(".png)\n\n");
            }
        }
        md.append("## aekit against NL-means\n\n| set | sigma | aekit (dB) | NL-means (dB) | difference |\n|---|---|---|---|---|\n");
        summary.forEach(l -> md.append(l).append('\n'));
        md.append("\n## The models\n\n");
        for (String key : List.of("--grey", "--rgb")) {
            ModelManifest m = ModelManifest.read(ShippedModels.resolve(o.get(key)));
            Map<String, Double> mt = m.metrics();
            md.append(String.format(Locale.ROOT, "- `%s`: %s channel(s), trained %d epochs on %s (%d images), batch %d, "
                            + "%s; %.1f CPU-thread hours of training at %.0f samples/s (%s); validation PSNR at the "
                            + "last epoch %s.%n", o.get(key), m.input().channels(), m.training().epochs(),
                    m.dataset().name(), m.dataset().trainCount(), m.training().batchSize(), m.training().inputNoise(),
                    mt.getOrDefault("train_seconds", Double.NaN) / 3600, mt.getOrDefault("train_samples_per_s",
                            Double.NaN), m.trainedWith().java(), validation(mt)));
        }
        AtomicFiles.writeString(out.resolve("REPORT.md"), md.toString());
        System.err.println("wrote " + out.resolve("REPORT.md"));
    }

    private static String validation(Map<String, Double> mt) {
        StringBuilder sb = new StringBuilder();
        mt.keySet().stream().filter(k -> k.startsWith("val_psnr_s"))
                .sorted(java.util.Comparator.comparingDouble(k -> Double.parseDouble(k.substring("val_psnr_s".length()))))
                .forEach(k -> sb.append(String.format(Locale.ROOT, "%s sigma %s: %.2f dB", sb.length() > 0 ? "," : "",
                        k.substring("val_psnr_s".length()), mt.get(k))));
        return sb.length() == 0 ? "not recorded" : sb.toString().strip();
    }

    /** NL-means' scores on one set at one level. */
    record NlMeans(double psnr, double h, double mpxPerSecond) {
    }

    private static NlMeans nlMeans(String python, Path clean, List<DenoiseEvaluation.Image> images, double sigma,
                                   long seed, Path work) throws Exception {
        Path noisy = work.resolve("noisy");
        Path outDir = work.resolve("nlmeans");
        Path result = work.resolve("nlmeans.json");
        if (!Files.isRegularFile(result)) {
            for (int i = 0; i < images.size(); i++) {
                DenoiseEvaluation.Image im = images.get(i);
                float[] y = DenoiseProtocol.noisy(im.chw(), sigma, seed, i); // the same noise aekit saw
                ImageFileWriter.write(y, 0, im.channels(), im.height(), im.width(),
                        noisy.resolve(stem(im.name()) + ".png"), "png");
            }
            System.err.printf("  NL-means at sigma %s...%n", sigma);
            Process p = new ProcessBuilder(python, "tools/peers/nlmeans.py", "--noisy", noisy.toString(), "--clean",
                    clean.toString(), "--out", outDir.toString(), "--sigma", Double.toString(sigma))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IOException("tools/peers/nlmeans.py failed on " + noisy);
            }
            AtomicFiles.writeString(result, json + "\n");
        }
        JsonNode j = new ObjectMapper().readTree(Files.readString(result));
        DenoiseEvaluation.Row r = DenoiseEvaluation.compare(clean, outDir);
        return new NlMeans(r.psnr(), j.get("h").asDouble(),
                j.get("megapixels").asDouble() / j.get("seconds").asDouble());
    }

    private static String stem(String rel) {
        int dot = rel.lastIndexOf('.');
        return dot > 0 ? rel.substring(0, dot) : rel;
    }

    /** A 160 x 160 crop from the centre of the first image: noisy (clipped), aekit, NL-means, clean, zoomed 2x. */
    private static void crops(Path dir, DenoiseEvaluation.Image im, double sigma, long seed, Denoiser model,
                              Path nlDir, Path file) throws Exception {
        int c = im.channels();
        int h = im.height();
        int w = im.width();
        float[] noisy = DenoiseProtocol.noisy(im.chw(), sigma, seed, 0);
        float[] ours = model.denoise(noisy, h, w);
        RasterImage nlImg = new ImageFileReader().read(nlDir.resolve(stem(im.name()) + ".png"));
        float[] nl = new Preprocessing(c, 1, 1, Preprocessing.NATIVE).tensor(nlImg);
        int s = Math.min(160, Math.min(h, w));
        int y0 = (h - s) / 2;
        int x0 = (w - s) / 2;
        FigureGrid g = new FigureGrid();
        List<java.awt.image.BufferedImage> pics = new ArrayList<>();
        for (float[] img : new float[][] {noisy, ours, nl, im.chw()}) {
            float[] crop = new float[c * s * s];
            aekit.infer.image.ReflectWindow.paste(img, c, h, w, y0, x0, crop, s, s, 0, 0, s, s);
            pics.add(FigureGrid.zoom(ImageFileWriter.toImage(crop, 0, c, s, s), 2));
        }
        g.row(dir.getFileName() + "/" + im.name() + ", sigma " + (int) sigma, pics);
        ImageFileWriter.write(g.render(), file, "png");
    }
}

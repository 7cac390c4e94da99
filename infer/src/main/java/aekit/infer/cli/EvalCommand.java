package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import aekit.infer.batch.InputFiles;
import aekit.infer.metrics.DenoiseEvaluation;

import aekit.infer.data.GreyImages;
import aekit.infer.data.IdxReader;
import aekit.infer.data.InputNoise;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.Preprocessing;
import aekit.infer.metrics.Evaluator;
import aekit.infer.metrics.MetricsAccumulator;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aekit eval}: mean MSE and PSNR of a model's output against the clean images of a folder or IDX file,
 * optionally with input noise x + s N(0,1) (and --clip: clipped to [0,1] and rounded to 1/255, as a saved 8-bit
 * file would be); the noisy input's own scores are printed beside the model's. PSNR is given with peak 1.0 and
 * with each image's own maximum (the assignment's 10 log10(max(x)^2 / MSE)).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Mean MSE and PSNR over a folder of images or an IDX file.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "DATA", description = "A folder of images or an IDX images file (.gz or raw).")
    Path data;

    @Option(names = "--noise", defaultValue = "0", description = "Input noise factor s in x + s N(0,1).")
    double noise;

    @Option(names = "--clip", description = "Clip noisy inputs to [0,1] and round them to 1/255.")
    boolean clip;

    @Option(names = "--channel-variance", defaultValue = "0",
            description = "Noisy channel: add N(0, v * P) to each code before decoding, P the code's mean power "
                    + "(1 for a power-normalised model), i.e. a channel SNR of 1/v.")
    double channelVariance;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the noise.")
    long seed;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N images (0 = all).")
    int limit;

    @Option(names = "--batch", defaultValue = "256", description = "Images per model call.")
    int batch;

    @Option(names = "--sigma", split = ",", paramLabel = "SIGMA",
            description = "Photo denoisers, standard protocol: Gaussian noise of these standard deviations (0-255 "
                    + "scale) in floating point, not clipped or rounded; output clipped to [0,1]; PSNR peak 1 and "
                    + "SSIM (default model: the shipped grey or colour photo denoiser by each folder's images).")
    List<Double> sigmas;

    @Option(names = "--reference", paramLabel = "CLEAN_DIR",
            description = "Score the files of DATA (already noisy, or any model's outputs) against the clean files of "
                    + "CLEAN_DIR with the same relative paths; no model runs.")
    Path reference;

    @Option(names = "--tile", defaultValue = "" + aekit.infer.Denoiser.DEFAULT_TILE,
            description = "Photo denoisers: largest tile side in pixels.")
    int tile;

    @Override
    public Integer call() throws Exception {
        if (reference != null) {
            return compare();
        }
        if (sigmas != null) {
            return photos();
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (noise < 0) {
            throw new IllegalArgumentException("--noise must be >= 0, got " + noise);
        }
        if (!(channelVariance >= 0 && channelVariance <= 10)) {
            throw new IllegalArgumentException("--channel-variance must be in [0, 10], got " + channelVariance);
        }
        aekit.infer.model.BundleSource bundle = modelOptions.source("mnist-ae");
        if (aekit.infer.model.ModelManifest.read(bundle).photoDenoiser()) {
            if (channelVariance > 0) {
                throw new IllegalArgumentException("--channel-variance needs an autoencoder with a latent code; "
                        + bundle.location() + " is a denoiser");
            }
            if (!Files.isRegularFile(data)) {
                throw new IllegalArgumentException(bundle.location() + " is a denoiser at native resolution: evaluate it on "
                        + "an IDX file here, on a folder of clean images with --sigma, or on its outputs with --reference");
            }
            try (aekit.infer.Denoiser model = modelOptions.openDenoiser(bundle, tile)) {
                GreyImages g = IdxReader.readImages(data);
                if (model.channels() != 1) {
                    throw new IllegalArgumentException(data + ": IDX images are grey, " + bundle.location() + " takes "
                            + model.channels() + " channels");
                }
                int h = g.rows();
                int w = g.cols();
                return print(evaluator(g.count()).run(idx(g), (noisy, start, b) -> {
                    float[] out = new float[noisy.length];
                    for (int k = 0; k < b; k++) { // each image whole, as denoise runs it
                        float[] one = java.util.Arrays.copyOfRange(noisy, k * h * w, (k + 1) * h * w);
                        float[] res = model.denoise(one, h, w);
                        for (int i = 0; i < h * w; i++) { // an image: clipped to [0,1], as a written file is
                            out[k * h * w + i] = Math.min(1f, Math.max(0f, res[i]));
                        }
                    }
                    return out;
                }), null);
            }
        }
        try (Autoencoder model = modelOptions.open("mnist-ae")) {
            InputSpec in = model.manifest().input();
            Evaluator.Images images = open(data, in.preprocessing());
            return print(evaluator(images.size()).run(images, model, channelVariance), model.manifest());
        }
    }

    /** The one evaluation loop with this command's noise, seed, batch, limit and a progress bar over n images. */
    private Evaluator evaluator(int n) {
        ProgressBar progress = new ProgressBar(System.err, CliSupport.stderrIsTerminal(), limit > 0 ? Math.min(limit, n) : n);
        return new Evaluator(new InputNoise(noise, clip), seed, batch).limit(limit).progress(progress::update);
    }

    /** Prints an evaluation; {@code manifest} (null for a denoiser) tells whether codes are power-normalised. */
    private int print(Evaluator.Result r, aekit.infer.model.ModelManifest manifest) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "images: %d from %s; input noise: %s; seed %d%n", r.images(), data,
                noise == 0 ? "none" : noise + " * N(0,1)" + (clip ? ", clipped to [0,1] and rounded to 1/255" : ""),
                seed);
        if (channelVariance > 0) {
            out.printf(Locale.ROOT, "channel: N(0, %s x code power) added to each code (SNR %.1f dB)%s%n",
                    channelVariance, 10 * Math.log10(1 / channelVariance),
                    manifest.powerNormalised() ? "" : "; this model's codes are not power-normalised");
        }
        out.printf(Locale.ROOT, "%-14s %10s %18s %22s%n", "", "mean MSE", "PSNR peak 1 (dB)", "PSNR peak max(x) (dB)");
        if (noise > 0) {
            row(out, "noisy input", r.noisy());
        }
        row(out, "model output", r.output());
        out.flush();
        return 0;
    }

    /** --reference: existing files against clean ones. */
    private int compare() throws IOException {
        DenoiseEvaluation.Row r = DenoiseEvaluation.compare(reference, data);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "images: %d from %s against %s (paired by relative path)%n", r.images(), data,
                reference);
        out.printf(Locale.ROOT, "PSNR peak 1: %.2f dB  SSIM: %.4f%n", r.psnr(), r.ssim());
        out.flush();
        return 0;
    }

    /** --sigma: a photo denoiser under the standard protocol. */
    private int photos() throws Exception {
        for (double s : sigmas) {
            if (!(s >= 0 && s <= 255)) {
                throw new IllegalArgumentException("--sigma must be in [0, 255], got " + s);
            }
        }
        List<DenoiseEvaluation.Image> images = DenoiseEvaluation.load(data, limit);
        int channels = images.get(0).channels();
        for (DenoiseEvaluation.Image im : images) {
            if (im.channels() != channels) {
                throw new IllegalArgumentException(data + "/" + im.name() + ": " + (im.channels() == 1 ? "grey" : "colour")
                        + ", the folder's first image is " + (channels == 1 ? "grey" : "colour")
                        + " (evaluate grey and colour images separately)");
            }
        }
        String name = modelOptions.model != null ? modelOptions.model
                : channels == 1 ? DenoiseCommand.DEFAULT_GREY_MODEL : DenoiseCommand.DEFAULT_MODEL;
        try (aekit.infer.Denoiser model = modelOptions.openDenoiser(
                modelOptions.source(name), tile)) {
            if (model.channels() != channels) {
                throw new IllegalArgumentException("--model " + name + " takes " + model.channels() + " channel(s), the "
                        + "images of " + data + " have " + channels);
            }
            List<DenoiseEvaluation.Row> rows = DenoiseEvaluation.run(images, sigmas, seed,
                    (x, c, h, w) -> model.denoise(x, h, w));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "images: %d from %s (%s); model %s; standard protocol: float noise (not clipped or "
                    + "rounded), seed %d, output clipped to [0,1], PSNR peak 1%n", images.size(), data,
                    channels == 1 ? "grey" : "colour", name, seed);
            out.printf(Locale.ROOT, "%6s %12s %12s %8s %8s%n", "sigma", "noisy (dB)", "model (dB)", "SSIM", "Mpx/s");
            for (DenoiseEvaluation.Row r : rows) {
                out.printf(Locale.ROOT, "%6s %12.2f %12.2f %8.4f %8.2f%n", fmt(r.sigma()), r.noisyPsnr(), r.psnr(),
                        r.ssim(), r.megapixelsPerSecond());
            }
            out.flush();
            return 0;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void row(PrintWriter out, String label, MetricsAccumulator a) {
        out.printf(Locale.ROOT, "%-14s %10.5f %18.2f %22.2f%n", label, a.meanMse(), a.meanPsnr(), a.meanPsnrImageMax());
    }

    /** The images of a folder (through the model's preprocessing) or an IDX file, as model input tensors. */
    static Evaluator.Images open(Path data, Preprocessing prep) throws IOException {
        if (Files.isRegularFile(data)) {
            GreyImages g = IdxReader.readImages(data);
            if (prep.channels() != 1 || g.rows() != prep.height() || g.cols() != prep.width()) {
                throw new IllegalArgumentException(data + ": IDX images are 1x" + g.rows() + "x" + g.cols()
                        + ", the model takes " + prep.channels() + "x" + prep.height() + "x" + prep.width());
            }
            return idx(g);
        }
        List<InputFiles.InputFile> files = InputFiles.expand(List.of(data));
        if (files.isEmpty()) {
            throw new IllegalArgumentException(data + ": no images to evaluate");
        }
        ImageFileReader reader = new ImageFileReader();
        int per = prep.channels() * prep.height() * prep.width();
        return new Evaluator.Images() {
            @Override
            public int size() {
                return files.size();
            }

            @Override
            public int valuesPerImage() {
                return per;
            }

            @Override
            public void copyTo(int i, float[] dst, int offset) throws IOException {
                System.arraycopy(prep.tensor(files.get(i).path(), reader), 0, dst, offset, per);
            }
        };
    }

    /** The images of an IDX file as (1, rows, cols) tensors. */
    private static Evaluator.Images idx(GreyImages g) {
        return Evaluator.images(g);
    }
}

package aekit.infer.metrics;

import aekit.infer.Autoencoder;
import aekit.infer.data.ImageTensors;
import aekit.infer.data.InputNoise;
import aekit.infer.latent.CodePowerNoise;
import java.io.IOException;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The one batched evaluation loop of aekit: clean images in batches, corrupted by an input noise drawn in order from
 * the evaluation's seed ({@link EvaluationNoise#input}), through a model (an ONNX autoencoder, with channel noise on
 * its codes if asked; a denoiser; or any batch function, such as the trainer's SameDiff graph), scored against the
 * clean images (per-image MSE and PSNR, {@link MetricsAccumulator}). {@code aekit eval}, the trainer's test
 * evaluation and the report tools all score through it, so one seed gives one noise everywhere.
 *
 * <pre>{@code
 * try (Autoencoder ae = Autoencoder.open("mnist-dae")) {
 *     Evaluator.Result r = new Evaluator(new InputNoise(0.4, true), 1, 256).run(Evaluator.images(test), ae, 0);
 *     System.out.println(r.output().meanPsnr());
 * }
 * }</pre>
 */
public final class Evaluator {
    /** The images to evaluate, as model input tensors (C, H, W) of {@link #valuesPerImage()} values each. */
    public interface Images {
        int size();

        int valuesPerImage();

        /** Copies image {@code i}'s tensor into {@code dst} at {@code offset}. */
        void copyTo(int i, float[] dst, int offset) throws IOException;
    }

    /** A model as the loop calls it: {@code b} corrupted images (those from {@code start} on) in, b outputs out. */
    @FunctionalInterface
    public interface Model {
        float[] apply(float[] noisy, int start, int b) throws IOException;
    }

    /**
     * What an evaluation measured.
     *
     * @param images  images scored
     * @param noisy   the corrupted inputs' scores (equal to a perfect copy's when there is no input noise)
     * @param output  the model's outputs' scores
     * @param codes   an autoencoder's codes, (N, latent) row-major, when kept; else null
     * @param outputs the outputs, (N, C, H, W), when kept; else null
     */
    public record Result(int images, MetricsAccumulator noisy, MetricsAccumulator output, float[] codes,
                         float[] outputs) {
    }

    private final InputNoise noise;
    private final long seed;
    private final int batch;
    private int limit;
    private boolean keepCodes;
    private boolean keepOutputs;
    private IntConsumer progress = n -> { };

    /**
     * @param noise input noise (or {@link InputNoise#NONE})
     * @param seed  seed of the noise streams
     * @param batch images per model call
     */
    public Evaluator(InputNoise noise, long seed, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.noise = noise;
        this.seed = seed;
        this.batch = batch;
    }

    /** Evaluates only the first {@code n} images (0: all). */
    public Evaluator limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        this.limit = n;
        return this;
    }

    /** Keeps an autoencoder's codes in the result. */
    public Evaluator keepCodes() {
        this.keepCodes = true;
        return this;
    }

    /** Keeps the outputs in the result. */
    public Evaluator keepOutputs() {
        this.keepOutputs = true;
        return this;
    }

    /** Called with the number of images done after each batch. */
    public Evaluator progress(IntConsumer done) {
        this.progress = done;
        return this;
    }

    /** Images of an {@link ImageTensors} set. */
    public static Images images(ImageTensors set) {
        return new Images() {
            @Override
            public int size() {
                return set.size();
            }

            @Override
            public int valuesPerImage() {
                return set.valuesPerImage();
            }

            @Override
            public void copyTo(int i, float[] dst, int offset) {
                set.copyTo(i, dst, offset);
            }
        };
    }

    /** Images held in one array, n tensors of equal size one after another. */
    public static Images images(float[] tensors, int n) {
        if (n < 1 || tensors.length % n != 0) {
            throw new IllegalArgumentException(tensors.length + " values are not " + n + " equal images");
        }
        int per = tensors.length / n;
        return new Images() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int valuesPerImage() {
                return per;
            }

            @Override
            public void copyTo(int i, float[] dst, int offset) {
                System.arraycopy(tensors, i * per, dst, offset, per);
            }
        };
    }

    /**
     * An autoencoder: encode, add channel noise of {@code channelVariance} times each code's power (0: none) drawn
     * from {@link EvaluationNoise#channel} of the seed, decode.
     */
    public Result run(Images images, Autoencoder ae, double channelVariance) throws IOException {
        return run(images, ae, channelVariance, EvaluationNoise.channel(seed));
    }

    /** As {@link #run(Images, Autoencoder, double)} with the channel noise drawn from {@code channelRng}. */
    public Result run(Images images, Autoencoder ae, double channelVariance, Random channelRng) throws IOException {
        if (!(channelVariance >= 0)) {
            throw new IllegalArgumentException("channel variance must be >= 0, got " + channelVariance);
        }
        int d = (int) ae.latentSize();
        int n = count(images);
        float[] codes = keepCodes ? new float[Math.multiplyExact(n, d)] : null;
        return loop(images, n, (noisy, start, b) -> {
            float[] z = ae.encode(noisy, b);
            if (codes != null) {
                System.arraycopy(z, 0, codes, start * d, b * d);
            }
            if (channelVariance > 0) {
                z = CodePowerNoise.add(z, b, d, channelVariance, channelRng);
            }
            return ae.decode(z, b);
        }, codes);
    }

    /** Any model given as a batch function. */
    public Result run(Images images, Model model) throws IOException {
        return loop(images, count(images), model, null);
    }

    private int count(Images images) {
        int n = limit > 0 ? Math.min(limit, images.size()) : images.size();
        if (n == 0) {
            throw new IllegalArgumentException("no images to evaluate");
        }
        return n;
    }

    private Result loop(Images images, int n, Model model, float[] codes) throws IOException {
        int per = images.valuesPerImage();
        MetricsAccumulator noisyAcc = new MetricsAccumulator();
        MetricsAccumulator outAcc = new MetricsAccumulator();
        float[] outputs = keepOutputs ? new float[Math.multiplyExact(n, per)] : null;
        Random rng = EvaluationNoise.input(seed);
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            float[] clean = new float[b * per]; // (b, C, H, W)
            for (int k = 0; k < b; k++) {
                images.copyTo(start + k, clean, k * per);
            }
            float[] noisy = noise.active() ? noise.apply(clean, per, rng) : clean;
            float[] out = model.apply(noisy, start, b);
            if (out.length != b * per) {
                throw new IllegalStateException("the model gave " + out.length + " values for " + b + " images of "
                        + per);
            }
            noisyAcc.add(clean, noisy, b, per);
            outAcc.add(clean, out, b, per);
            if (outputs != null) {
                System.arraycopy(out, 0, outputs, start * per, b * per);
            }
            progress.accept(start + b);
        }
        return new Result(n, noisyAcc, outAcc, codes, outputs);
    }
}

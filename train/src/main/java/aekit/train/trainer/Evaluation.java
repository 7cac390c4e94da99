package aekit.train.trainer;

import aekit.infer.data.ImageTensors;
import aekit.infer.data.InputNoise;
import aekit.train.graph.ChannelNoiseFeed;
import aekit.train.graph.GraphNames;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss, MSE and PSNR of a graph over (the first {@code limit} images of) a data set, computed with
 * {@code sd.output} on the loss variable itself (SameDiff's listener-reported losses are not trustworthy).
 *
 * @param loss  mean loss per element
 * @param mse   mean per-image MSE of the reconstruction
 * @param psnr  mean per-image PSNR, peak 1.0, dB
 * @param count images evaluated
 * @param detail further named figures (e.g. a denoiser's PSNR at each validation noise level), in order
 */
public record Evaluation(double loss, double mse, double psnr, int count, java.util.Map<String, Double> detail) {
    /** An evaluation without further figures. */
    public Evaluation(double loss, double mse, double psnr, int count) {
        this(loss, mse, psnr, count, java.util.Map.of());
    }

    static final int BATCH = 256;

    /** Evaluates the reconstruction of the clean images (input = target). */
    public static Evaluation of(SameDiff sd, ImageTensors data, int limit) {
        return of(sd, data, limit, InputNoise.NONE, 0, 0);
    }

    /**
     * Evaluates the model's output for corrupted inputs (and, in a power-normalised model, channel noise of
     * {@code channelVariance} on the code) against the clean images; the noise is drawn from {@code seed} in order,
     * so the same call always sees the same noise.
     */
    public static Evaluation of(SameDiff sd, ImageTensors data, int limit, InputNoise noise, double channelVariance,
                                long seed) {
        Random channelRng = aekit.infer.metrics.EvaluationNoise.channel(seed);
        boolean channel = ChannelNoiseFeed.present(sd);
        double[] lossSum = {0};
        aekit.infer.metrics.Evaluator.Result r;
        try { // the one evaluation loop (the same input-noise stream as aekit eval), with SameDiff as the model
            r = new aekit.infer.metrics.Evaluator(noise, seed, BATCH).limit(limit).run(
                    aekit.infer.metrics.Evaluator.images(data), (noisy, start, b) -> {
                        long[] shape = data.shape(b);
                        INDArray target = Nd4j.create(data.batch(start, b), shape, 'c');
                        INDArray in = noise.active() ? Nd4j.create(noisy, shape, 'c') : target;
                        Map<String, INDArray> feed = ChannelNoiseFeed.inputs(sd, in, target,
                                channel ? ChannelNoiseFeed.batch(sd, b, channelVariance, channelRng) : null);
                        Map<String, INDArray> out = sd.output(feed, GraphNames.LOSS, GraphNames.RECONSTRUCTION);
                        lossSum[0] += out.get(GraphNames.LOSS).getDouble(0) * b;
                        return out.get(GraphNames.RECONSTRUCTION).dup('c').data().asFloat();
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // in-memory images and SameDiff: no I/O happens
        }
        return new Evaluation(lossSum[0] / r.images(), r.output().meanMse(), r.output().meanPsnr(), r.images());
    }
}

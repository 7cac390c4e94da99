package aekit.train.cli;

import aekit.infer.data.InputNoise;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.RunSpec;
import aekit.train.data.PatchSet;
import aekit.train.graph.DenoiserConfig;
import aekit.train.graph.LossKind;
import aekit.train.trainer.DenoiseValidation;
import aekit.train.trainer.TrainConfig;
import aekit.infer.image.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code aekit train denoiser}: a blind fully convolutional denoiser (U-Net with residual output) on random patches
 * of a folder tree of clean photos, validated each epoch on whole images of another folder at fixed noise levels.
 */
@Command(name = "denoiser", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true,
        description = "Train a blind photo denoiser (fully convolutional, any image size) on clean images.")
public final class TrainDenoiserCommand implements Callable<Integer> {
    /** Batch size when --batch is not given (the shared default, 128, suits 28x28 digits, not 64x64 patches). */
    static final int DEFAULT_BATCH = 16;
    /** Training patches the per-epoch train loss is measured on when --train-eval is not given. */
    static final int DEFAULT_TRAIN_EVAL = 256;

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--data", required = true, description = "Folder tree of clean training images (any sizes).")
    Path data;

    @Option(names = "--val", required = true,
            description = "Folder of clean validation images, scored whole each epoch (never trained on).")
    Path val;

    @Option(names = "--val-limit", defaultValue = "0", description = "Validate on the first N images only (0 = all).")
    int valLimit;

    @Option(names = "--val-sigmas", defaultValue = "15,25,50", split = ",",
            description = "Noise levels (0-255 scale) of the validation.")
    List<Double> valSigmas;

    @Option(names = "--name", description = "Data set name recorded in the model (default: the folder's name).")
    String name;

    @Option(names = {"-o", "--out"}, defaultValue = "runs/denoiser", description = "Run folder.")
    Path out;

    @Mixin
    TrainOptions o;

    @Option(names = "--grey", description = "Grey images (1 channel) instead of RGB.")
    boolean grey;

    @Option(names = "--patch", defaultValue = "64", description = "Side of the square training patches.")
    int patch;

    @Option(names = "--patches-per-image", defaultValue = "8", description = "Patches per image and epoch.")
    int perImage;

    @Option(names = "--widths", defaultValue = "32,64,128", split = ",", description = "Feature maps per U-Net level.")
    List<Integer> widths;

    @Option(names = "--convs", defaultValue = "2", description = "3x3 convolutions per level and direction.")
    int convs;

    @Option(names = "--full-resolution", description = "Work at full resolution (4x the compute) instead of half.")
    boolean fullResolution;

    @Option(names = "--sigma-max", defaultValue = "50",
            description = "Training noise: each patch draws its sigma (0-255 scale) uniformly from [0, SIGMA].")
    double sigmaMax;

    @Option(names = "--lr-halve-every", defaultValue = "0", description = "Halve the learning rate every N epochs.")
    int lrHalveEvery;

    @Option(names = "--init-from", paramLabel = "RUN",
            description = "Start from the trained weights of RUN, a run folder or a checkpoint file such as a shipped "
                    + "model's training-checkpoint.zip (same architecture; fine-tuning on your own photos).")
    Path initFrom;

    @Override
    public Integer call() throws IOException {
        var parse = commandSpec.commandLine().getParseResult();
        int batch = parse.hasMatchedOption("--batch") ? o.batch : DEFAULT_BATCH;
        int trainEval = parse.hasMatchedOption("--train-eval") ? o.trainEval : DEFAULT_TRAIN_EVAL;
        DenoiserConfig model;
        TrainConfig settings;
        try { // every option is checked before the images are read
            if (!(sigmaMax > 0 && sigmaMax <= 255)) {
                throw new IllegalArgumentException("--sigma-max must be in (0, 255], got " + sigmaMax);
            }
            for (double s : valSigmas) {
                if (!(s >= 0 && s <= 255)) {
                    throw new IllegalArgumentException("--val-sigmas must be in [0, 255], got " + s);
                }
            }
            model = new DenoiserConfig(grey ? 1 : 3, patch, widths, convs, !fullResolution);
            settings = new TrainConfig(o.epochs, batch, o.lr, o.beta1, o.beta2, o.l2, o.seed, trainEval,
                    new InputNoise(sigmaMax / 255.0, false, true), 0, lrHalveEvery);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(), TrainOptions.withFlags(e.getMessage()));
        }
        long t0 = System.nanoTime();
        PatchSet train = PatchSet.load(data, model.channels(), patch, perImage, o.limit, o.seed, System.err);
        DenoiseValidation validation = DenoiseValidation.load(val, model.channels(), model.multiple(), valSigmas,
                valLimit, o.seed + 1);
        PatchSet shown = PatchSet.load(val, model.channels(), patch, 1, 12, o.seed + 2, System.err);
        System.err.printf("%s: %d training images (%.1f Mpx, %d patches of %dx%d per epoch); %s: %d validation images at "
                        + "sigma %s; read in %.1f s; model %s, %.0f multiply-adds per pixel%n", data, train.images(),
                train.pixels() / 1e6, train.size(), patch, patch, val, validation.size(), valSigmas,
                (System.nanoTime() - t0) / 1e9, model.widths(), model.macsPerPixel());
        String sha = train.sha256();
        String dataName = name != null ? name : data.toAbsolutePath().normalize().getFileName().toString();
        DenoiserConfig cfg = model;
        Path best = out.resolve("best-" + aekit.train.checkpoint.Checkpoint.FILE_NAME);
        return TrainRunner.run(commandSpec, o, out, train, shown, null, sha,
                () -> new RunSpec("photo-denoiser", cfg, LossKind.MSE, settings, train.info(dataName, data),
                        TrainBuild.current(), Preprocessing.NATIVE), initFrom,
                t -> t.validateWith(validation::evaluate).keepBest(best));
    }
}

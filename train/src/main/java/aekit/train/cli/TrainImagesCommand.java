package aekit.train.cli;

import aekit.infer.data.DatasetInfo;
import aekit.infer.data.InputNoise;
import aekit.infer.image.Preprocessing;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.RunSpec;
import aekit.train.data.ImageFolder;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.LossKind;
import aekit.train.trainer.TrainConfig;
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
 * {@code aekit train images}: a convolutional autoencoder with MSE loss on a folder tree of photos (Stanford Dogs
 * by default: 64x64 RGB, centre-cropped, three stride-2 levels down to a spatial 16x8x8 latent).
 */
@Command(name = "images", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Train a conv autoencoder (MSE loss) on a folder tree of images.")
public final class TrainImagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec commandSpec;

    @Option(names = "--data", defaultValue = "data/dogs/Images",
            description = "Folder tree of images (any nesting), e.g. Stanford Dogs' Images/.")
    Path data;

    @Option(names = "--name", description = "Data set name recorded in the model (default: the folder's name).")
    String name;

    @Option(names = {"-o", "--out"}, defaultValue = "runs/dogs-ae", description = "Run folder.")
    Path out;

    @Mixin
    TrainOptions o;

    @Option(names = "--size", defaultValue = "64", description = "Side of the square model input in pixels.")
    int size;

    @Option(names = "--grey", description = "Grey input (1 channel) instead of RGB.")
    boolean grey;

    @Option(names = "--crop", defaultValue = Preprocessing.CENTER_CROP,
            description = "How photos are fitted to the square input: center-crop or stretch.")
    String crop;

    @Option(names = "--channels", defaultValue = "32,64,128", split = ",", description = "Encoder conv channels per level.")
    List<Integer> channels;

    @picocli.CommandLine.Mixin
    DecoderOption decoder;

    @Option(names = "--latent-channels", defaultValue = "16",
            description = "Feature maps of the spatial latent at the last level's size (64 px, 3 levels: 16x8x8).")
    int latentChannels;

    @Option(names = "--channel-variance", defaultValue = "0",
            description = "Noisy channel: power-normalise each code (x / sqrt(mean(x^2))) and add N(0, VARIANCE) noise "
                    + "to it on the way to the decoder during training (0 = plain autoencoder).")
    double channelVariance;

    @Option(names = "--power-normalise", description = "Power-normalise the codes also with --channel-variance 0.")
    boolean powerNormalise;

    @Option(names = "--init-from", paramLabel = "RUN",
            description = "Start from the trained weights of the run folder RUN (same architecture; fine-tuning), "
                    + "e.g. a noisy-channel model from the noiseless one.")
    Path initFrom;

    @Option(names = "--validation", defaultValue = "10",
            description = "Percent of files (by a hash of their path) held out for validation.")
    int validation;

    @Option(names = "--noise", defaultValue = "0",
            description = "Denoising: train on x + NOISE * N(0,1) (fresh noise every step) against the clean x.")
    double noise;

    @Option(names = "--clip", description = "With --noise: clip noisy inputs to [0,1] and round them to 1/255.")
    boolean clip;

    @Option(names = "--threads", defaultValue = "2", description = "Threads decoding the images.")
    int threads;

    @Override
    public Integer call() throws IOException {
        Preprocessing prep;
        ConvAutoencoderConfig model;
        TrainConfig settings;
        try { // every option is checked before the images are read
            if (!(noise >= 0 && noise <= 10)) {
                throw new IllegalArgumentException("--noise must be in [0, 10], got " + noise);
            }
            settings = o.config(noise > 0 || clip ? new InputNoise(noise, clip) : InputNoise.NONE, channelVariance);
            prep = new Preprocessing(grey ? 1 : 3, size, size, crop);
            model = ConvAutoencoderConfig.spatial(prep.channels(), size, size, channels, 3, latentChannels)
                    .withUpsampling(decoder.upsampling());
            if (channelVariance > 0 || powerNormalise) {
                model = model.withPowerNormalisation();
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(), TrainOptions.withFlags(e.getMessage()));
        }
        long t0 = System.nanoTime();
        ImageFolder.Split split = ImageFolder.load(data, prep, validation, o.limit, threads, System.err);
        System.err.printf("%s: %d training and %d validation images (%s), %d skipped, read in %.1f s%n", data,
                split.train().size(), split.validation().size(), prep.describe(), split.skipped().size(),
                (System.nanoTime() - t0) / 1e9);
        if (split.validation().size() == 0) {
            throw new ParameterException(commandSpec.commandLine(), data + ": no validation images (--validation "
                    + validation + " of " + split.train().size() + " files)");
        }
        String sha = split.train().sha256();
        ConvAutoencoderConfig cfg = model;
        String dataName = name != null ? name : data.toAbsolutePath().normalize().getFileName().toString();
        return TrainRunner.run(commandSpec, o, out, split.train(), split.validation(), null, sha,
                () -> new RunSpec(cfg.powerNormalised() ? "image-conv-channel-ae"
                        : settings.inputNoise().factor() > 0 ? "image-conv-dae" : "image-conv-ae", cfg, LossKind.MSE,
                        settings,
                        new DatasetInfo(dataName, data.toString(), split.train().size(), split.validation().size(), sha,
                                validation),
                        TrainBuild.current(), crop), initFrom);
    }
}

package aekit.train.cli;

import aekit.infer.data.DatasetInfo;
import aekit.infer.data.InputNoise;
import aekit.infer.data.Mnist;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.TrainBuild;
import aekit.train.checkpoint.RunSpec;
import aekit.train.checkpoint.TrainingState;
import aekit.train.graph.ConvAutoencoder;
import aekit.train.graph.AutoencoderConfig;
import aekit.train.graph.ConvAutoencoderConfig;
import aekit.train.graph.MlpAutoencoderConfig;
import aekit.train.graph.LossKind;
import aekit.train.report.RunReport;
import aekit.train.trainer.StopSignal;
import aekit.train.trainer.TrainConfig;
import aekit.train.trainer.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aekit train mnist}: the MNIST convolutional autoencoder with a small (default 2-d) bottleneck and BCE. */
@Command(name = "mnist", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class, showDefaultValues = true,
        description = "Train the MNIST conv autoencoder (BCE loss) on the IDX files in --data.")
public final class TrainMnistCommand implements Callable<Integer> {
    @Spec
    CommandSpec commandSpec;

    @Option(names = "--data", defaultValue = "data/mnist", description = "Folder with the four MNIST IDX files (.gz or raw).")
    Path data;

    @Option(names = {"-o", "--out"}, defaultValue = "runs/mnist-ae", description = "Run folder (checkpoint, metrics, report).")
    Path out;

    @Mixin
    TrainOptions o;

    @Option(names = "--latent", defaultValue = "2", description = "Latent (bottleneck) size.")
    int latent;

    @Option(names = "--channels", defaultValue = "8,16,32", split = ",", description = "Encoder conv channels per level.")
    List<Integer> channels;

    @Option(names = "--dense", defaultValue = "64", description = "Dense units on each side of the latent.")
    int dense;

    @Option(names = "--latent-channels", defaultValue = "0",
            description = "A spatial latent of this many feature maps at the last level's size instead of the dense "
                    + "bottleneck (--dense and --latent then do not apply; 0 = dense bottleneck).")
    int latentChannels;

    @Option(names = "--mlp", split = ",", paramLabel = "WIDTHS",
            description = "A fully connected autoencoder instead of the convolutional one: hidden layer widths between "
                    + "the 784 pixels and the --latent code, e.g. 256,128 (0 = none: 784-LATENT-784).")
    List<Integer> mlp;

    @Option(names = "--activation", defaultValue = "sigmoid",
            description = "With --mlp: activation of the hidden layers and the code, sigmoid or relu.")
    String activation;

    @picocli.CommandLine.Mixin
    DecoderOption decoder;

    @Option(names = "--unet", split = ",", paramLabel = "WIDTHS",
            description = "The photo denoiser's architecture instead of an autoencoder with a bottleneck: a U-Net at "
                    + "half resolution with these feature maps per level (28x28 digits allow 1 or 2 levels, e.g. "
                    + "32,64), residual output, MSE loss; use with --noise. Exported as a native-resolution denoiser.")
    List<Integer> unet;

    @Option(names = "--noise", defaultValue = "0",
            description = "Denoising: train on x + NOISE * N(0,1) (fresh noise every step) against the clean x.")
    double noise;

    @Option(names = "--clip", description = "With --noise: clip noisy inputs to [0,1] and round them to 1/255.")
    boolean clip;

    @Override
    public Integer call() throws IOException {
        InputNoise inputNoise;
        try {
            inputNoise = new InputNoise(noise, clip);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(), TrainOptions.withFlags(e.getMessage()));
        }
        Mnist train = Mnist.load(data, Mnist.Split.TRAIN);
        Mnist test = Mnist.load(data, Mnist.Split.TEST);
        if (o.limit > 0) {
            train = train.head(o.limit);
        }
        Mnist t = train;
        String sha = DatasetInfo.sha256(train.images().pixels(), train.labels());
        return TrainRunner.run(commandSpec, o, out, train.images(), test.images(), test.labels(), sha,
                () -> new RunSpec(kind(), modelConfig(), unet != null ? LossKind.MSE : LossKind.BCE,
                        o.config(inputNoise),
                        new DatasetInfo("mnist", data.toString(), t.size(), test.size(), sha), TrainBuild.current()));
    }

    private String kind() {
        return "mnist-" + (unet != null ? "unet" : mlp != null ? "mlp" : "conv") + (noise > 0 || clip ? "-dae" : "-ae");
    }

    /** The architecture: --mlp, or the conv model from --channels and either --latent-channels or --dense/--latent. */
    private AutoencoderConfig modelConfig() {
        var parsed = commandSpec.commandLine().getParseResult();
        if (unet != null) {
            for (String other : List.of("--mlp", "--channels", "--dense", "--latent", "--latent-channels",
                    "--decoder", "--activation")) {
                if (parsed.hasMatchedOption(other)) {
                    throw new ParameterException(commandSpec.commandLine(), other + " does not apply to --unet");
                }
            }
            try {
                return new aekit.train.graph.DenoiserConfig(1, 28, unet, 2, true);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandSpec.commandLine(), "--unet: " + e.getMessage());
            }
        }
        if (mlp != null && parsed.hasMatchedOption("--decoder")) {
            throw new ParameterException(commandSpec.commandLine(), "--decoder is for convolutional models, not --mlp");
        }
        if (mlp != null) {
            for (String conv : List.of("--channels", "--dense", "--latent-channels")) {
                if (parsed.hasMatchedOption(conv)) {
                    throw new ParameterException(commandSpec.commandLine(), conv + " is for the convolutional model; "
                            + "--mlp makes a fully connected one");
                }
            }
            try {
                List<Integer> hidden = mlp.equals(List.of(0)) ? List.of() : mlp;
                return new MlpAutoencoderConfig(1, 28, 28, hidden, latent, activation);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandSpec.commandLine(), TrainOptions.withFlags(e.getMessage()));
            }
        }
        if (parsed.hasMatchedOption("--activation")) {
            throw new ParameterException(commandSpec.commandLine(), "--activation is for --mlp models");
        }
        if (latentChannels > 0 && (parsed.hasMatchedOption("--dense") || parsed.hasMatchedOption("--latent"))) {
            throw new ParameterException(commandSpec.commandLine(),
                    "--latent-channels makes the latent spatial; --dense and --latent do not apply with it");
        }
        try {
            return (latentChannels > 0
                    ? ConvAutoencoderConfig.spatial(1, 28, 28, channels, 3, latentChannels)
                    : ConvAutoencoderConfig.dense(1, 28, 28, channels, 3, dense, latent))
                    .withUpsampling(decoder.upsampling());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(), TrainOptions.withFlags(e.getMessage()));
        }
    }

}

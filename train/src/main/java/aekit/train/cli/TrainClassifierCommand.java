package aekit.train.cli;

import aekit.infer.data.Mnist;
import aekit.infer.io.AtomicFiles;
import aekit.train.checkpoint.Checkpoint;
import aekit.train.classify.Classifier;
import aekit.train.report.LatentCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code aekit train classifier}: encoder features for classification. Freezes a trained autoencoder's encoder,
 * trains a small MLP classifier on its MNIST codes and, for comparison, the same classifier on raw pixels; prints
 * both test accuracies and writes them with the settings to {@code OUT/classifier.md}.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Train an MLP classifier on a frozen encoder's MNIST codes and on "
                + "raw pixels; report both test accuracies.")
public final class TrainClassifierCommand implements Callable<Integer> {
    @Spec
    CommandSpec commandSpec;

    @Option(names = "--encoder", required = true, paramLabel = "RUN", description = "Run folder of a trained MNIST autoencoder.")
    Path encoder;

    @Option(names = "--data", defaultValue = "data/mnist", description = "Folder with the four MNIST IDX files.")
    Path data;

    @Option(names = {"-o", "--out"}, description = "Folder for classifier.md (default: the encoder's run folder).")
    Path out;

    @Option(names = "--hidden", defaultValue = "64", description = "Hidden units of the classifier.")
    int hidden;

    @Option(names = "--epochs", defaultValue = "20", description = "Training epochs of each classifier.")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate.")
    double lr;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and shuffling.")
    long seed;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (hidden < 1 || epochs < 1 || batch < 1 || !(lr > 0)) {
            throw new ParameterException(commandSpec.commandLine(), "--hidden, --epochs, --batch and --lr must be "
                    + "positive, got " + hidden + ", " + epochs + ", " + batch + ", " + lr);
        }
        Checkpoint cp = Checkpoint.load(encoder.resolve(Checkpoint.FILE_NAME));
        Mnist train = Mnist.load(data, Mnist.Split.TRAIN);
        Mnist test = Mnist.load(data, Mnist.Split.TEST);
        float[] codesTrain = LatentCodes.encode(cp.graph(), train.images());
        float[] codesTest = LatentCodes.encode(cp.graph(), test.images());
        int d = codesTrain.length / train.size();
        System.err.printf("encoded %d training and %d test digits with %s (%s, %d-value codes)%n", train.size(),
                test.size(), encoder, cp.state().spec().kind(), d);
        double[] onCodes = fit("codes", codesTrain, train.labels(), codesTest, test.labels(), d);
        float[] pixTrain = train.images().batch(0, train.size());
        float[] pixTest = test.images().batch(0, test.size());
        int p = train.images().valuesPerImage();
        double[] onPixels = fit("pixels", pixTrain, train.labels(), pixTest, test.labels(), p);

        String spec = String.format(Locale.ROOT, "%d -> %d (ReLU) -> 10, softmax cross-entropy, Adam lr %s, batch %d, "
                + "%d epochs, seed %d, features standardised", d, hidden, lr, batch, epochs, seed);
        String md = String.format(Locale.ROOT, "# Classifier on frozen encoder codes%n%nWritten by `aekit train "
                + "classifier --encoder %s --data %s --hidden %d --epochs %d`.%n%nEncoder: `%s` (%s, %s, %d-value codes, "
                + "trained %d epochs). Classifier: %s; the pixel classifier is the same with %d inputs.%n%n"
                + "| features | train accuracy | test accuracy |%n|---|---:|---:|%n| encoder codes (%d values) | %.2f%% | "
                + "%.2f%% |%n| raw pixels (%d values) | %.2f%% | %.2f%% |%n", encoder, data, hidden, epochs, encoder,
                cp.state().spec().kind(), cp.state().spec().model().getClass().getSimpleName(), d,
                cp.state().epoch(), spec, p, d, 100 * onCodes[0], 100 * onCodes[1], p, 100 * onPixels[0],
                100 * onPixels[1]);
        Path dir = out != null ? out : encoder;
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("classifier.md"), md);
        System.out.printf(Locale.ROOT, "test accuracy: codes %.2f%%, raw pixels %.2f%% (%s)%n", 100 * onCodes[1],
                100 * onPixels[1], dir.resolve("classifier.md"));
        return 0;
    }

    /** Trains on one kind of features; returns {train accuracy, test accuracy}. */
    private double[] fit(String what, float[] xTrain, byte[] yTrain, float[] xTest, byte[] yTest, int d) {
        Classifier c = Classifier.train(xTrain, yTrain, d, 10, hidden, epochs, batch, lr, seed,
                (loss, epoch) -> System.err.printf(Locale.ROOT, "%s: epoch %d/%d  last batch loss %.4f%n", what, epoch,
                        epochs, loss));
        return new double[] {c.accuracy(xTrain, yTrain), c.accuracy(xTest, yTest)};
    }
}

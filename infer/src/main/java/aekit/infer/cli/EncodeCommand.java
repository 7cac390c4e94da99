package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import aekit.infer.batch.InputFiles;
import aekit.infer.batch.ImagePipeline;
import aekit.infer.io.CodesFile;
import aekit.infer.image.ImageFileReader;
import aekit.infer.Autoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aekit encode INPUT... -o codes.csv|codes.npy}: the latent code of every image. */
@Command(name = "encode", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Write the latent codes of images to a CSV or .npy file.")
public final class EncodeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Mixin
    OverwriteOption overwrite;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, description = "codes.csv or codes.npy")
    Path out;

    @Option(names = "--batch", defaultValue = "64", description = "Images per model call.")
    int batch;

    @Option(names = "--fail-fast", description = "Stop at the first file that fails.")
    boolean failFast;

    @Override
    public Integer call() throws Exception {
        overwrite.checkFile(out);
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        String o = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!o.endsWith(".csv") && !o.endsWith(".npy")) {
            throw new IllegalArgumentException("-o must end in .csv or .npy, got " + out);
        }
        List<InputFiles.InputFile> files = InputFiles.nonEmpty(InputFiles.expand(inputs), inputs);
        try (Autoencoder model = modelOptions.open("mnist-ae")) {
            Encoded e = encode(model, files, batch, failFast);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                if (e.ok()[i]) {
                    names.add(files.get(i).relative().toString());
                }
            }
            new CodesFile(names, e.successful(), names.size(), e.d()).write(out);
            System.err.println(e.progress().summary(names.size(), 0, e.failed()) + "; codes in " + out);
            return e.failed() > 0 ? CliSupport.FAILURE : 0;
        }
    }

    /** Codes of files (row i for file i), which files succeeded, and the run's progress. */
    record Encoded(float[] codes, boolean[] ok, int d, long failed, ProgressBar progress) {
        /** The codes of the files that succeeded, in input order, (n, d) row-major. */
        float[] successful() {
            int n = 0;
            float[] out = new float[codes.length];
            for (int i = 0; i < ok.length; i++) {
                if (ok[i]) {
                    System.arraycopy(codes, i * d, out, n++ * d, d);
                }
            }
            return java.util.Arrays.copyOf(out, n * d);
        }
    }

    /** Encodes files through the streaming pipeline. */
    static Encoded encode(Autoencoder model, List<InputFiles.InputFile> files, int batch, boolean failFast)
            throws Exception {
        int d = (int) model.manifest().latentSize();
        float[] codes = new float[files.size() * d];
        boolean[] ok = new boolean[files.size()];
        List<ImagePipeline.Task> tasks = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            tasks.add(new ImagePipeline.Task(files.get(i).path(), null, i));
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        ImagePipeline p = new ImagePipeline(new ImageFileReader(), model.manifest().input().preprocessing(), batch,
                Runtime.getRuntime().availableProcessors(), failFast);
        ProgressBar progress = new ProgressBar(System.err, CliSupport.stderrIsTerminal(), tasks.size());
        OutcomePrinter printer = new OutcomePrinter(System.err, progress);
        ImagePipeline.Summary s = p.run(tasks, model::encode, d, (item, result, off) -> {
            System.arraycopy(result, off, codes, item.task().index() * d, d);
            ok[item.task().index()] = true;
        }, printer);
        printer.summarise();
        return new Encoded(codes, ok, d, s.failed(), progress);
    }
}

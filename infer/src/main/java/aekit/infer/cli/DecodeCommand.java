package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import aekit.infer.batch.InputFiles;
import aekit.infer.io.CodesFile;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aekit decode CODES -o DIR}: decode latent codes (CSV or .npy from {@code encode}) to images. */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Decode latent codes (CSV or .npy) to images.")
public final class DecodeCommand implements Callable<Integer> {
    @Mixin
    OverwriteOption overwrite;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "CODES", description = "codes.csv or codes.npy")
    Path codesFile;

    @Option(names = {"-o", "--out"}, required = true, description = "Output folder.")
    Path out;

    @Option(names = "--format", defaultValue = "png", description = "Output format: png, bmp, tiff or jpg.")
    String format;

    @Option(names = "--batch", defaultValue = "256", description = "Codes per model call.")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        CodesFile codes = CodesFile.read(codesFile);
        try (Autoencoder model = modelOptions.open("mnist-ae")) {
            long d = model.manifest().latentSize();
            if (codes.d() != d) {
                throw new IllegalArgumentException(codesFile + ": codes have " + codes.d() + " values, the model's "
                        + "latent has " + d + " " + model.manifest().latentShape());
            }
            InputSpec in = model.manifest().input();
            ProgressBar progress = new ProgressBar(System.err, CliSupport.stderrIsTerminal(), codes.n());
            int skipped = 0;
            for (int start = 0; start < codes.n(); start += batch) {
                int b = Math.min(batch, codes.n() - start);
                float[] imgs = model.decode(Arrays.copyOfRange(codes.codes(), (int) (start * d), (int) ((start + b) * d)), b);
                for (int k = 0; k < b; k++) {
                    Path f = out.resolve(InputFiles.withExtension(Path.of(codes.names().get(start + k)), format));
                    if (overwrite.shouldWrite(f)) {
                        ImageFileWriter.write(imgs, k * in.valuesPerImage(), in.channels(), in.height(), in.width(), f,
                                format);
                    } else {
                        skipped++;
                    }
                }
                progress.update(start + b);
            }
            System.err.println(progress.summary(codes.n() - skipped, skipped, 0) + "; images in " + out);
            return 0;
        }
    }
}

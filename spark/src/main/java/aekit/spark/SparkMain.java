package aekit.spark;

import aekit.infer.image.ImageFileReader;
import aekit.infer.Denoiser;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of the Spark jobs: {@code aekit spark denoise|reconstruct INPUT -o OUT}, in local mode
 * ({@code local[*]} unless {@code --master} says otherwise) or under {@code spark-submit}, whose master it takes.
 * Exit codes as the CLI's: 0 all done or skipped, 1 some file failed, 2 bad usage.
 */
@Command(name = "aekit spark", mixinStandardHelpOptions = true,
        description = "Denoise or reconstruct images on Apache Spark (local mode, or any cluster via spark-submit).",
        subcommands = {SparkMain.Denoise.class, SparkMain.Reconstruct.class})
public final class SparkMain implements Callable<Integer> {
    /** Runs a command; returns its exit code. */
    public static int execute(String... args) {
        return new CommandLine(new SparkMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        cmd.getErr().println("aekit spark: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    /** Entry point of {@code ./aekit spark} and of {@code spark-submit aekit-spark.jar}. */
    public static void main(String[] args) {
        if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "aekit/spark/log4j2.properties"); // not under spark-submit
        }
        System.exit(execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    /** Options of both jobs. */
    abstract static class JobCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "INPUT",
                description = "Image file, folder (read recursively) or glob; any Hadoop path (file://, hdfs://, "
                        + "s3a:// with hadoop-aws).")
        String input;

        @Option(names = {"-o", "--out"}, required = true, description = "Output folder (mirrors the input's paths).")
        String out;

        @Option(names = {"-m", "--model"}, description = "Shipped model name or bundle folder (local or Hadoop path).")
        String model;

        @Option(names = "--format", description = "Output format: png, jpg, bmp or tiff (default: as the CLI).")
        String format;

        @Option(names = "--overwrite", description = "Replace outputs that exist (default: skip them).")
        boolean overwrite;

        @Option(names = "--results", description = "Where the Parquet results table goes (default: OUT/_results).")
        String results;

        @Option(names = "--batch", defaultValue = "64", description = "Images per model call (fixed-size models).")
        int batch;

        @Option(names = "--max-pixels", defaultValue = "" + ImageFileReader.DEFAULT_MAX_PIXELS,
                description = "Refuse images larger than this.")
        long maxPixels;

        @Option(names = "--keep-size", description = "Fixed-size models: scale each result back to its input's "
                + "size.")
        boolean keepSize;

        @Option(names = "--error-map", description = "Fixed-size models: also write NAME.error.png beside each result "
                + "(|x - x_hat| per pixel at the model's input size, black (0) to white (0.5 or more)).")
        boolean errorMap;

        @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*]).")
        String master;

        abstract JobSpec spec();

        abstract String name();

        @Override
        public Integer call() throws Exception {
            JobSpec spec = spec();
            SparkSession.Builder b = SparkSession.builder().appName("aekit " + name());
            if (master != null) {
                b.master(master);
            } else if (System.getProperty("spark.master") == null) {
                b.master("local[*]");
            }
            SparkSession spark = b.getOrCreate();
            try {
                DenoiseJob.Summary s = DenoiseJob.run(spark, spec);
                if (s.done() + s.skipped() + s.failed() == 0) {
                    throw new IllegalArgumentException("no input files in " + input);
                }
                System.err.println(s.line());
                if (s.failed() > 0) {
                    System.err.println(s.failed() + " files failed; their errors: spark.read.parquet(\"" + s.results()
                            + "\").where(\"status = 'failed'\")");
                }
                return s.failed() > 0 ? 1 : 0;
            } finally {
                spark.stop();
            }
        }
    }

    /** {@code aekit spark denoise}. */
    @Command(name = "denoise", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Denoise images at their own size (photo denoisers, tiled), as aekit denoise.")
    static final class Denoise extends JobCommand {
        @Option(names = "--quality", defaultValue = "95", description = "JPEG quality (1-100) of jpg outputs.")
        int quality;

        @Option(names = "--tile", defaultValue = "" + Denoiser.DEFAULT_TILE, description = "Largest tile side.")
        int tile;

        @Option(names = "--any-model", description = "Go on with a model that was not trained as a denoiser.")
        boolean anyModel;

        @Override
        JobSpec spec() {
            return new JobSpec(input, out, results, false, model, format, quality, tile, batch, overwrite, maxPixels,
                    anyModel, keepSize, errorMap);
        }

        @Override
        String name() {
            return "denoise";
        }
    }

    /** {@code aekit spark reconstruct}. */
    @Command(name = "reconstruct", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Encode + decode images with an autoencoder (outputs at the model's size), as aekit "
                    + "reconstruct.")
    static final class Reconstruct extends JobCommand {
        @Override
        JobSpec spec() {
            return new JobSpec(input, out, results, true, model, format, 95, Denoiser.DEFAULT_TILE, batch,
                    overwrite, maxPixels, false, keepSize, errorMap);
        }

        @Override
        String name() {
            return "reconstruct";
        }
    }
}

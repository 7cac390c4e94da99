package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import aekit.infer.batch.PixelBudget;
import aekit.infer.batch.ImagePipeline;
import aekit.infer.batch.InputFiles;
import aekit.infer.batch.OutputTasks;
import aekit.infer.batch.ReconstructionOutput;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import aekit.infer.io.AtomicFiles;
import aekit.infer.io.PrintableNames;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aekit reconstruct INPUT... -o OUT}: encode and decode every image (files and folders, recursively),
 * writing results under OUT with the inputs' relative paths. The folders are walked while the images stream
 * through the model, so memory does not grow with the number of files.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Encode + decode images (files and folders, recursively).")
public class ReconstructCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    VerboseOption verbose;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, description = "Output folder (mirrors the inputs' paths).")
    Path out;

    @Option(names = "--format", description = "Output format: png, bmp, tiff or jpg (default: png; 'denoise' with a "
            + "photo denoiser: each input's own format).")
    String format;

    @Option(names = "--keep-size", description = "Scale each result back to its input's size.")
    boolean keepSize;

    @Option(names = "--batch", defaultValue = "64", description = "Images per model call.")
    int batch;

    @Option(names = "--workers", description = "Decode/write threads (default: available cores; denoise with a "
            + "photo denoiser: files in flight at once, default 2).")
    Integer workers;

    @Option(names = "--overwrite", description = "Replace outputs that already exist (default: keep them: existing "
            + "files are skipped, and a folder holding another model's or settings' outputs is refused).")
    boolean overwrite;

    @Option(names = "--in-place", description = "Allow the output folder to be (inside) an input folder.")
    boolean inPlace;

    @Option(names = "--fail-fast", description = "Stop at the first file that fails.")
    boolean failFast;

    @Option(names = "--error-map", description = "Also write NAME.error.png beside each result: |x - x_hat| per "
            + "pixel at the model's input size, black (0) to white (0.5 or more).")
    boolean errorMap;

    @Option(names = "--max-pixels", defaultValue = "100000000", description = "Refuse images larger than this.")
    long maxPixels;

    /** Where the error map of an output goes: NAME.error.png beside NAME.EXT. */
    static Path errorMapPath(Path output) {
        // OutputNames.errorMap's rule on a path: keeps the bytes of a name the locale cannot decode
        return InputFiles.withSuffix(output, aekit.infer.batch.OutputNames.ERROR_MAP_SUFFIX);
    }

    /**
     * Claims the output folder for this run ({@link aekit.infer.batch.OutputRecord}): outputs there of another model
     * or settings are not skipped silently; without --overwrite the run refuses to start.
     */
    protected void claimOutput(aekit.infer.batch.OutputRecord r) throws java.io.IOException {
        try {
            r.check(out, overwrite);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + "; give --overwrite to replace them, or another -o");
        }
        record = r;
    }

    /** This run's output record, written into the output folder before the first output (then nothing more). */
    private aekit.infer.batch.OutputRecord record;
    private volatile boolean recorded;

    /**
     * Writes the output record if it is not written yet; called before every output is written. The record is
     * advice for later runs, so a folder that cannot take it (read-only, full) is left to the outputs' own writes,
     * which report why in their file's line.
     */
    protected void recordOutputs() {
        if (!recorded) {
            synchronized (this) {
                if (!recorded && record != null) {
                    try {
                        record.write(out);
                    } catch (java.io.IOException | RuntimeException e) {
                        // not recorded: the first output's write meets the same reason and names its own file
                    }
                }
                recorded = true;
            }
        }
    }

    /** The model used when --model is not given. */
    protected String defaultModel() {
        return "mnist-ae";
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (format == null) {
            format = "png";
        }
        format = CliSupport.option("--format", () -> ImageFileWriter.format(format));
        CliSupport.checkOutput(inputs, out, inPlace);
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        Iterator<InputFiles.InputFile> files = InputFiles.walk(inputs, out);
        boolean terminal = CliSupport.stderrIsTerminal();
        try (Autoencoder model = modelOptions.open(defaultModel())) {
            InputSpec spec = model.manifest().input();
            claimOutput(aekit.infer.batch.OutputRecord.fixedSize(this instanceof DenoiseCommand ? "denoise"
                    : "reconstruct", modelOptions.model != null ? modelOptions.model : defaultModel(), model.manifest(),
                    format, keepSize, errorMap));
            Preprocessing prep = spec.preprocessing();
            int cores = Runtime.getRuntime().availableProcessors();
            ImagePipeline pipeline = new ImagePipeline(maxPixels(maxPixels), prep, batch,
                    workers != null ? workers : cores, failFast);
            ProgressBar progress = new ProgressBar(err, terminal, 0);
            if (terminal) {
                countInBackground(progress);
            }
            OutcomePrinter printer = new OutcomePrinter(err, progress);
            OutputTasks tasks = new OutputTasks(files, printer, inputs.size(), overwrite, failFast,
                    f -> InputFiles.target(out, f.relative(), format));
            printer.tasks(tasks);
            ImagePipeline.Summary s = pipeline.run(tasks, model::reconstruct, spec.valuesPerImage(), (d, result, off) -> {
                tasks.checkClaim(d.task());
                recordOutputs();
                try {
                    write(d, result, off, spec, pipeline.budget(), false);
                } catch (OutOfMemoryError e) {
                    write(d, result, off, spec, pipeline.budget(), true); // the estimate fell short: again, alone
                }
            }, printer);
            printer.summarise();
            long failed = s.failed() + tasks.refused();
            if (s.done() + failed + tasks.skipped() == 0) {
                throw new IllegalArgumentException("no input files in " + inputs);
            }
            err.println(progress.summary(s.done(), tasks.skipped(), failed));
            return failed > 0 ? CliSupport.FAILURE : 0;
        }
    }

    /** The image reader for --max-pixels. */
    static ImageFileReader maxPixels(long maxPixels) {
        return CliSupport.option("--max-pixels", () -> new ImageFileReader(maxPixels));
    }

    /**
     * Writes one result ({@link ReconstructionOutput}: scaled back to its input's size with --keep-size, holding those
     * pixels from the budget, or with {@code alone} the whole budget) and its error map.
     */
    private void write(ImagePipeline.Decoded d, float[] result, int off, InputSpec spec, PixelBudget budget,
                       boolean alone) throws java.io.IOException {
        ReconstructionOutput output = new ReconstructionOutput(spec, keepSize);
        try (PixelBudget.Grant grant = budget.grant()) {
            if (output.resizes(d.width(), d.height())) { // the result at the input's size, and its encoding
                grant.take(alone ? budget.capacity() : (long) d.width() * d.height());
            }
            ImageFileWriter.write(output.image(result, off, d.width(), d.height(), d.channels()), d.task().output(),
                    format);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for memory");
        }
        if (errorMap) {
            ImageFileWriter.write(output.errorMap(d.tensor(), result, off), errorMapPath(d.task().output()), "png");
        }
    }

    /** Counts the input files on a daemon thread and gives the progress bar its total when done. */
    private void countInBackground(ProgressBar progress) {
        Thread t = new Thread(() -> {
            long n = 0;
            try {
                for (Iterator<InputFiles.InputFile> it = InputFiles.walk(inputs, out); it.hasNext(); it.next()) {
                    n++;
                }
                progress.setTotal(n);
            } catch (RuntimeException e) {
                // the run itself reports what went wrong; the bar just keeps no total
            }
        }, "aekit-count");
        t.setDaemon(true);
        t.start();
    }
}

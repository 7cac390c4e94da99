package aekit.infer.cli;

import aekit.infer.io.ProgressBar;
import aekit.infer.batch.DenoiseRun;
import aekit.infer.batch.ImagePipeline;
import aekit.infer.batch.InputFiles;
import aekit.infer.batch.LookAhead;
import aekit.infer.batch.OutputTasks;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.io.PrintableNames;
import aekit.infer.io.WriteFailedException;
import aekit.infer.model.BundleSource;
import aekit.infer.model.ModelManifest;
import aekit.infer.Denoiser;
import aekit.infer.SessionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aekit denoise INPUT... -o OUT}: denoise photos at their own resolution with the shipped photo denoisers
 * (grey files through the grey model, colour files through the colour one) or any photo-denoiser bundle; each
 * output keeps its input's size, orientation, channels and (unless told otherwise) format. With a fixed-size
 * autoencoder (e.g. {@code --model mnist-dae}) it runs {@code reconstruct}'s pipeline and says that outputs take the
 * model's size.
 */
@Command(name = "denoise", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class,
        showDefaultValues = true, description = "Denoise images (files and folders, recursively) at their own size.")
public final class DenoiseCommand extends ReconstructCommand {
    /** The shipped colour photo denoiser: the default for colour inputs. */
    public static final String DEFAULT_MODEL = "photo-denoise-rgb";
    /** The shipped grey photo denoiser: the default for grey inputs. */
    public static final String DEFAULT_GREY_MODEL = "photo-denoise-grey";

    @Option(names = "--quality", defaultValue = "95", description = "JPEG quality (1-100) of jpg outputs.")
    int quality;

    @Option(names = "--tile", defaultValue = "" + Denoiser.DEFAULT_TILE,
            description = "Largest tile side in pixels: memory follows the tile, not the image.")
    int tile;

    @Option(names = "--any-model", description = "Go on with a model that was not trained as a denoiser.")
    boolean anyModel;

    @Override
    protected String defaultModel() {
        return DEFAULT_MODEL;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        boolean formatGiven = format != null;
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("--quality must be in 1..100, got " + quality);
        }
        if (tile < 16) {
            throw new IllegalArgumentException("--tile must be >= 16 pixels, got " + tile);
        }
        if (modelOptions.model != null) {
            ModelManifest m = ModelManifest.read(modelOptions.source(DEFAULT_MODEL));
            if (!m.photoDenoiser()) {
                boolean trainedToDenoise = m.training() != null && m.training().inputNoise() != null
                        && !"none".equals(m.training().inputNoise());
                if (!trainedToDenoise && !anyModel) {
                    throw new IllegalArgumentException("--model " + modelOptions.model + " was not trained as a "
                            + "denoiser (no input noise in its training); use reconstruct, or --any-model to go on");
                }
                err.printf("note: %s is a fixed-size %dx%d model: outputs are %dx%d%s%n", modelOptions.model,
                        m.input().width(), m.input().height(), m.input().width(), m.input().height(),
                        keepSize ? ", scaled back to each input's size (framing as the model's " + m.input().crop() + ")"
                                : " (--keep-size scales them back)");
                return super.call();
            }
        }
        if (keepSize || errorMap) {
            throw new IllegalArgumentException((keepSize ? "--keep-size" : "--error-map") + " is for fixed-size "
                    + "models; photo denoisers keep every image's size");
        }
        if (formatGiven) {
            format = CliSupport.option("--format", () -> ImageFileWriter.format(format));
        }
        CliSupport.checkOutput(inputs, out, inPlace);
        String colourModel = modelOptions.model != null ? modelOptions.model : DEFAULT_MODEL;
        String greyModel = modelOptions.model != null ? null : DEFAULT_GREY_MODEL;
        claimOutput(aekit.infer.batch.OutputRecord.photo("denoise", colourModel,
                ModelManifest.read(aekit.infer.model.ShippedModels.resolve(colourModel)), greyModel,
                greyModel == null ? null : ModelManifest.read(aekit.infer.model.ShippedModels.resolve(greyModel)),
                formatGiven ? format : null, quality));
        boolean[] stop = {false};
        boolean terminal = CliSupport.stderrIsTerminal();
        SessionSettings settings = modelOptions.settings();
        try (Models models = new Models(settings)) {
            int cores = Runtime.getRuntime().availableProcessors();
            DenoiseRun run = new DenoiseRun(maxPixels(maxPixels), models,
                    workers != null ? workers : Math.min(2, cores), quality, aekit.infer.batch.PixelBudget.forHeap());
            ProgressBar progress = new ProgressBar(err, terminal, 0);
            OutcomePrinter printer = new OutcomePrinter(err, progress);
            String asked = formatGiven ? format : null;
            OutputTasks tasks = new OutputTasks(InputFiles.walk(inputs, out), printer, inputs.size(), overwrite,
                    failFast, f -> outputFor(out, f, formatFor(f.path(), asked)));
            printer.tasks(tasks);
            Iterator<DenoiseRun.Task> photoTasks = new LookAhead<>() {
                @Override
                protected DenoiseRun.Task advance() {
                    if (stop[0] || !tasks.hasNext()) {
                        return null;
                    }
                    ImagePipeline.Task t = tasks.next();
                    return new DenoiseRun.Task(t.input(), t.output(), formatFor(t.output(), null), t.index());
                }
            };
            DenoiseRun.Summary s = run.run(photoTasks, new DenoiseRun.Listener() {
                @Override
                public void beforeWrite(DenoiseRun.Task task) throws IOException {
                    tasks.checkClaim(pipelineTask(task));
                    recordOutputs();
                }

                @Override
                public void done(DenoiseRun.Task task, long pixels) {
                    printer.done(pipelineTask(task));
                }

                @Override
                public void failed(DenoiseRun.Task task, String reason, Throwable error) {
                    printer.failed(pipelineTask(task), reason, error);
                    if (failFast) {
                        stop[0] = true;
                    }
                }
            });
            printer.summarise();
            long failed = s.failed() + tasks.refused();
            if (s.done() + failed + tasks.skipped() == 0) {
                throw new IllegalArgumentException("no input files in " + inputs);
            }
            err.println(progress.summary(s.done(), tasks.skipped(), failed) + String.format(Locale.ROOT, ", %.2f Mpx/s",
                    s.pixels() / 1e6 / Math.max(1e-9, progress.seconds())));
            return failed > 0 ? CliSupport.FAILURE : 0;
        }
    }

    /** The output format of an input: the one asked for, else the input's own if it can be written, else png. */
    static String formatFor(Path input, String asked) {
        return aekit.infer.batch.OutputNames.format(input.getFileName().toString(), asked);
    }

    /** The output path of an input: its relative path, with the extension changed only where the format changes. */
    static Path outputFor(Path out, InputFiles.InputFile f, String format) {
        String name = f.relative().getFileName().toString();
        boolean same = aekit.infer.batch.OutputNames.photoOutput(name, format).equals(name);
        return same ? out.resolve(f.relative()) : InputFiles.target(out, f.relative(), format);
    }

    /** The model of --model for every file, or the shipped grey/colour denoiser by each file's channels. */
    private final class Models implements DenoiseRun.Models, AutoCloseable {
        private final SessionSettings settings;
        private final Map<Integer, Denoiser> open = new java.util.HashMap<>();

        Models(SessionSettings settings) {
            this.settings = settings;
        }

        @Override
        public synchronized Denoiser forChannels(int channels) throws IOException {
            int key = modelOptions.model != null ? 0 : channels;
            Denoiser m = open.get(key);
            if (m == null) {
                BundleSource src = modelOptions.model != null ? modelOptions.source(DEFAULT_MODEL)
                        : modelOptions.source(channels == 1 ? DEFAULT_GREY_MODEL : DEFAULT_MODEL);
                m = Denoiser.open(src, settings, tile);
                open.put(key, m);
            }
            return m;
        }

        @Override
        public synchronized void close() {
            open.values().forEach(Denoiser::close);
        }
    }

    private static ImagePipeline.Task pipelineTask(DenoiseRun.Task t) {
        return new ImagePipeline.Task(t.input(), t.output(), t.index());
    }
}

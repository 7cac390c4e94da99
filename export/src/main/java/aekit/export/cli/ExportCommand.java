package aekit.export.cli;

import aekit.export.BundleWriter;
import aekit.export.ManifestFactory;
import aekit.export.onnx.OnnxExporter;
import aekit.infer.model.ModelManifest;
import aekit.train.checkpoint.Checkpoint;
import aekit.infer.data.Mnist;
import aekit.train.data.ImageFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aekit export}: a training checkpoint becomes a model bundle (encoder.onnx, decoder.onnx, model.json; a photo
 * denoiser's: denoiser.onnx, model.json).
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = aekit.infer.cli.VersionProvider.class, showDefaultValues = true,
        description = "Export a trained run as a model bundle: encoder.onnx + decoder.onnx + model.json (a photo "
                + "denoiser: denoiser.onnx + model.json).")
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "Run folder or checkpoint.zip written by 'aekit train'.")
    Path checkpoint;

    @Option(names = {"-o", "--out"}, required = true, description = "Bundle folder to write.")
    Path out;

    @Option(names = "--data", description = "MNIST folder, or the image folder of a 'train images' run, whose test or "
            + "validation split gives the latent statistics stored in the bundle (default: the folder the run was "
            + "trained on, if it is there).")
    Path data;

    @Option(names = "--force", description = "Replace an existing bundle folder.")
    boolean force;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Checkpoint cp = Checkpoint.load(checkpoint);
        ModelManifest manifest = ManifestFactory.of(cp);
        if (manifest.photoDenoiser()) {
            BundleWriter.write(out, java.util.Map.of(manifest.denoiser().file(),
                    OnnxExporter.exportDenoiser(cp.graph(), manifest).toByteArray()), manifest, force);
            System.err.printf("exported %s (%s, one %s for any image size, sides padded to multiples of %d) to %s%n",
                    checkpoint, manifest.kind(), manifest.denoiser().file(), manifest.denoiser().multiple(), out);
            return 0;
        }
        Path statsData = data != null ? data : Path.of(cp.state().spec().data().source());
        if (cp.state().spec().data().name().startsWith("mnist") && Files.isDirectory(statsData)) {
            Mnist test = Mnist.load(statsData, Mnist.Split.TEST);
            manifest = ManifestFactory.withLatentStats(manifest, cp, test.images(),
                    "mnist test split of " + statsData + " (" + test.size() + " images)");
        } else if (cp.state().spec().data().validationPercent() > 0 && Files.isDirectory(statsData)) {
            var info = cp.state().spec().data();
            ImageFolder.Split split = ImageFolder.load(statsData, cp.state().spec().preprocessing(),
                    info.validationPercent(), 0, Runtime.getRuntime().availableProcessors(), System.err);
            if (split.validation().size() != info.testCount()) {
                throw new java.io.IOException(statsData + ": " + split.validation().size() + " validation images, the "
                        + "run had " + info.testCount() + "; give --data the folder the model was trained on");
            }
            manifest = ManifestFactory.withLatentStats(manifest, cp, split.validation(),
                    "validation split of " + statsData + " (" + split.validation().size() + " images)");
        } else if (data != null) {
            throw new java.io.IOException(data + ": not a folder with MNIST IDX files or the run's image folder");
        } else {
            System.err.println("note: " + statsData + " not found; the bundle has no latent statistics "
                    + "(give --data to add them)");
        }
        OnnxExporter.Models models = OnnxExporter.export(cp.graph(), manifest);
        BundleWriter.write(out, models, manifest, force);
        System.err.printf("exported %s (%s, latent %s) to %s%n", checkpoint, manifest.kind(), manifest.latentShape(), out);
        return 0;
    }

}

package aekit.spark;

import java.io.Serializable;

/**
 * What a {@link DenoiseJob} does, as the driver hands it to the tasks.
 *
 * @param input      a Hadoop path or glob of image files and folders (folders are read recursively)
 * @param output     the output folder; results mirror the inputs' paths below the input (the glob's fixed part)
 * @param results    where the Parquet results table goes (one row a file)
 * @param reconstruct true for {@code reconstruct} (any autoencoder; outputs at the model's size); false for
 *                   {@code denoise} (photo denoisers at each image's size, or a fixed-size denoising autoencoder)
 * @param model      a shipped model name or a bundle folder (local or Hadoop); null: the command's default
 * @param format     output format (png, jpg, bmp, tiff, any case, jpeg/tif aliases); null: as the CLI (a photo
 *                   keeps its own format where it can be written, else png; fixed-size models write png)
 * @param quality    JPEG quality of jpg outputs (photo denoisers), 1..100
 * @param tile       largest tile side for photo denoisers
 * @param batch      images per model call for fixed-size models
 * @param overwrite  replace outputs that exist (default: skip them, so a rerun writes only what is missing)
 * @param maxPixels  refuse images larger than this (checked from the header before decoding)
 * @param anyModel   denoise with a fixed-size model that was not trained on noisy inputs
 * @param keepSize   fixed-size models: scale each result back to its input's size
 * @param errorMap   fixed-size models: also write NAME.error.png beside each result
 */
public record JobSpec(String input, String output, String results, boolean reconstruct, String model, String format,
                      int quality, int tile, int batch, boolean overwrite, long maxPixels, boolean anyModel,
                      boolean keepSize, boolean errorMap)
        implements Serializable {
    public JobSpec {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("no input path given");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("no output folder given (-o)");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("--quality must be in 1..100, got " + quality);
        }
        if (tile < 16) {
            throw new IllegalArgumentException("--tile must be >= 16 pixels, got " + tile);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be positive, got " + maxPixels);
        }
    }

    /** A denoise job with the CLI's defaults; the results table goes to {@code output/_results}. */
    public static JobSpec denoise(String input, String output) {
        return new JobSpec(input, output, null, false, null, null, 95, aekit.infer.Denoiser.DEFAULT_TILE,
                64, false, aekit.infer.image.ImageFileReader.DEFAULT_MAX_PIXELS, false, false, false);
    }

    /** The results table's location: {@link #results()} if given, else {@code output/_results}. */
    public String resultsPath() {
        return results != null ? results : output.replaceAll("/+$", "") + "/" + DenoiseJob.RESULTS_DIR;
    }

    /** This spec with another model. */
    public JobSpec withModel(String m) {
        return new JobSpec(input, output, results, reconstruct, m, format, quality, tile, batch, overwrite, maxPixels,
                anyModel, keepSize, errorMap);
    }

    /** This spec with another output format. */
    public JobSpec withFormat(String f) {
        return new JobSpec(input, output, results, reconstruct, model, f, quality, tile, batch, overwrite, maxPixels,
                anyModel, keepSize, errorMap);
    }

    /** This spec as reconstruct (true) or denoise. */
    public JobSpec withReconstruct(boolean r) {
        return new JobSpec(input, output, results, r, model, format, quality, tile, batch, overwrite, maxPixels,
                anyModel, keepSize, errorMap);
    }

    /** This spec scaling fixed-size results back to their inputs' sizes (true) or not. */
    public JobSpec withKeepSize(boolean k) {
        return new JobSpec(input, output, results, reconstruct, model, format, quality, tile, batch, overwrite,
                maxPixels, anyModel, k, errorMap);
    }

    /** This spec writing error maps beside fixed-size results (true) or not. */
    public JobSpec withErrorMap(boolean e) {
        return new JobSpec(input, output, results, reconstruct, model, format, quality, tile, batch, overwrite,
                maxPixels, anyModel, keepSize, e);
    }

    /** This spec replacing (true) or skipping existing outputs. */
    public JobSpec withOverwrite(boolean o) {
        return new JobSpec(input, output, results, reconstruct, model, format, quality, tile, batch, o, maxPixels,
                anyModel, keepSize, errorMap);
    }
}

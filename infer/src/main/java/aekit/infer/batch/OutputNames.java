package aekit.infer.batch;

import aekit.infer.image.ImageFileWriter;

/**
 * How a batch run names its outputs, on file names as strings (so that runs on other file systems, such as the
 * Spark job on HDFS or S3, name them exactly as {@code denoise} and {@code reconstruct} do): the output format of an
 * input, and its name in that format. Names are never decoded or re-encoded here, only cut at their last dot.
 */
public final class OutputNames {
    private OutputNames() {
    }

    /**
     * The output format of the input named {@code name}: {@code asked} (any case, jpeg and tif too) if not null,
     * else the input's own format if it can be written (png, jpg, bmp, tiff), else png.
     */
    public static String format(String name, String asked) {
        if (asked != null) {
            return ImageFileWriter.format(asked);
        }
        String own = ImageFileWriter.knownFormat(extension(name));
        return own != null ? own : "png";
    }

    /**
     * The photo denoiser's output name of the input named {@code name} in {@code format}: the name itself where the
     * format is its own ({@code a.JPEG} stays {@code a.JPEG} as jpg), else {@link #withExtension}.
     */
    public static String photoOutput(String name, String format) {
        return format.equals(ImageFileWriter.knownFormat(extension(name))) ? name : withExtension(name, format);
    }

    /**
     * {@code name} with its extension (after its last dot, unless the name starts with it) replaced by {@code ext};
     * a name that already ends with {@code .ext} is kept as it is.
     */
    public static String withExtension(String name, String ext) {
        if (name.endsWith("." + ext) && name.length() > ext.length() + 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "." + ext;
    }

    /** What replaces an output's extension in the name of the error map written beside it. */
    public static final String ERROR_MAP_SUFFIX = ".error.png";

    /**
     * The name of the error map written beside the output named {@code name}: its extension (after its last dot,
     * unless the name starts with it) replaced by {@link #ERROR_MAP_SUFFIX} ({@code d0007.png} ->
     * {@code d0007.error.png}); the rule of {@link InputFiles#withSuffix} on a name as a string.
     */
    public static String errorMap(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ERROR_MAP_SUFFIX;
    }

    /** The extension of a file name (after its last dot, unless the name starts with it), or "". */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : "";
    }
}

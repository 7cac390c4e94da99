package aekit.infer.image;

import java.nio.file.Path;

/** An image file that cannot be decoded correctly; the one-line message names the file and what was expected. */
public class ImageFormatException extends aekit.infer.AekitException {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ImageFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    /** For a file named by a string (a URI such as hdfs://host/photos/a.jpg) rather than a local path. */
    public ImageFormatException(String name, String problem, Throwable cause) {
        super(name + ": " + problem, cause);
    }
}

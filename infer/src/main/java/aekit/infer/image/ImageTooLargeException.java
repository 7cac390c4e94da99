package aekit.infer.image;

import java.nio.file.Path;

/** An image whose header gives more pixels than the reader's limit allows; it is refused before decoding. */
public final class ImageTooLargeException extends ImageFormatException {
    private static final long serialVersionUID = 1L;

    public ImageTooLargeException(Path file, String problem) {
        super(file, problem);
    }
}

package aekit.infer;

import java.io.IOException;

/**
 * What aekit's API throws when a model, an image or a file cannot be used: the one-line message names the source
 * (the file, the bundle) and what was expected. ONNX Runtime's own errors come wrapped in it (as the cause), so
 * nothing of ONNX Runtime's API leaks through aekit's. It is an {@link IOException}: everything that fails is an
 * input (a bundle, an image, a file) or the runtime reading it, and callers that already handle I/O errors need
 * no second catch. The library's more specific errors extend it ({@link aekit.infer.image.ImageFormatException},
 * {@link aekit.infer.io.WriteFailedException}, {@link aekit.infer.data.IdxFormatException}).
 */
public class AekitException extends IOException {
    private static final long serialVersionUID = 1L;

    public AekitException(String message) {
        super(message);
    }

    public AekitException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code e} itself when it is an AekitException, else one with its first line as the message. */
    public static AekitException wrap(Exception e) {
        if (e instanceof AekitException a) {
            return a;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new AekitException(m.lines().findFirst().orElse(m), e);
    }
}

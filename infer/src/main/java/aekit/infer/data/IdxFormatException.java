package aekit.infer.data;

import java.nio.file.Path;

/** A file that is not the IDX file it was expected to be; the message names the file and what was expected. */
public final class IdxFormatException extends aekit.infer.AekitException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}

package aekit.infer.io;

import java.nio.file.Path;

/** A file that could not be written, with the operating system's reason (never a temp file's path). */
public final class WriteFailedException extends aekit.infer.AekitException {
    private final transient Path file;
    private final String reason;

    public WriteFailedException(Path file, Throwable cause) {
        super(PrintableNames.escape(file) + ": could not write (" + OsErrors.reason(cause) + ")", cause);
        this.file = file;
        this.reason = OsErrors.reason(cause);
    }

    /** The file that was to be written. */
    public Path file() {
        return file;
    }

    /** The reason, e.g. "Permission denied". */
    public String reason() {
        return reason;
    }

    /** Whether the file system is full: no other file can be written either. */
    public boolean noSpace() {
        return OsErrors.isNoSpace(getCause());
    }
}

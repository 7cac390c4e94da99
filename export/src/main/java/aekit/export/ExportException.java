package aekit.export;

/** An export that cannot be done; the message is one line naming the op, variable or file concerned. */
public final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }
}

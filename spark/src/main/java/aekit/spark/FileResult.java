package aekit.spark;

import java.io.Serializable;

/**
 * How one input file ended (a Spark bean; the results table's row): {@code done} (written), {@code skipped} (its
 * output was already there: a rerun, or a task retried after an attempt wrote it) or {@code failed} (with a one-line
 * error naming the file and what was expected).
 */
public final class FileResult implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Status of a file whose result was written. */
    public static final String DONE = "done";
    /** Status of a file whose output existed. */
    public static final String SKIPPED = "skipped";
    /** Status of a file that could not be denoised or written. */
    public static final String FAILED = "failed";

    private String path;
    private String status;
    private String error;
    private String outputPath;
    private long bytes;
    private long milliseconds;

    public FileResult() {
    }

    public FileResult(String path, String status, String error, String outputPath, long bytes, long milliseconds) {
        this.path = path;
        this.status = status;
        this.error = error;
        this.outputPath = outputPath;
        this.bytes = bytes;
        this.milliseconds = milliseconds;
    }

    /** The input file. */
    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** done, skipped or failed. */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    /** Why it failed (one line naming the file), else null. */
    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    /** Where its result is (or would have gone). */
    public String getOutputPath() {
        return outputPath;
    }

    public void setOutputPath(String outputPath) {
        this.outputPath = outputPath;
    }

    /** The input's size in bytes. */
    public long getBytes() {
        return bytes;
    }

    public void setBytes(long bytes) {
        this.bytes = bytes;
    }

    /** Wall-clock milliseconds spent on the file in its task (read, decode, model, encode, write). */
    public long getMilliseconds() {
        return milliseconds;
    }

    public void setMilliseconds(long milliseconds) {
        this.milliseconds = milliseconds;
    }
}

package aekit.spark;

import java.io.Serializable;

/**
 * One input file as the job plans it (a Spark bean): where it is, its size, where its result goes and in which
 * format, and, when an earlier input (in path order) has the same output, that input's path.
 */
public final class FileTask implements Serializable {
    private static final long serialVersionUID = 1L;
    private String path;
    private long length;
    private String output;
    private String format;
    private String sameOutputAs;

    public FileTask() {
    }

    public FileTask(String path, long length, String output, String format) {
        this.path = path;
        this.length = length;
        this.output = output;
        this.format = format;
    }

    /** The input file (a qualified Hadoop path string). */
    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** The input's size in bytes, from the listing. */
    public long getLength() {
        return length;
    }

    public void setLength(long length) {
        this.length = length;
    }

    /** Where the result goes (a qualified Hadoop path string). */
    public String getOutput() {
        return output;
    }

    public void setOutput(String output) {
        this.output = output;
    }

    /** The output format (png, jpg, bmp, tiff). */
    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    /** The first input (in path order) with the same output, or null when this input is that one. */
    public String getSameOutputAs() {
        return sameOutputAs;
    }

    public void setSameOutputAs(String sameOutputAs) {
        this.sameOutputAs = sameOutputAs;
    }
}

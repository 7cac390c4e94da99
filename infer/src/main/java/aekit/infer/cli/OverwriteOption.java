package aekit.infer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The one rule for outputs that already exist, shared by every command that writes: they are kept unless
 * {@code --overwrite} is given. A batch into a folder skips (and counts) the files it would replace; a command
 * whose output is one file refuses to start when that file exists.
 */
public final class OverwriteOption {
    @Option(names = "--overwrite",
            description = "Replace outputs that already exist (default: keep them; a folder's existing files are "
                    + "skipped, an existing output file is an error).")
    boolean overwrite;

    /** Whether --overwrite was given. */
    public boolean overwrite() {
        return overwrite;
    }

    /** Refuses an existing single output file unless --overwrite. */
    public void checkFile(Path out) {
        if (!overwrite && Files.exists(out)) {
            throw new IllegalArgumentException(out + ": exists; give --overwrite to replace it");
        }
    }

    /** Whether a batch should write {@code file}: true unless it exists and is to be kept. */
    public boolean shouldWrite(Path file) {
        return overwrite || !Files.exists(file);
    }
}

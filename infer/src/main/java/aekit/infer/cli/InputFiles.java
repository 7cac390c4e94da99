package aekit.infer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line inputs (files and folders, folders recursively) into files with their relative paths. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * One input file.
     *
     * @param path     the file
     * @param relative its path below the folder it was found in (just the file name for a file given directly)
     */
    public record InputFile(Path path, Path relative) {
    }

    /** All files under the inputs, each folder's files in sorted order; hidden files (".name") are skipped. */
    public static List<InputFile> expand(List<Path> inputs) throws IOException {
        List<InputFile> out = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(p -> out.add(new InputFile(p, in.relativize(p))));
                }
            } else if (Files.isRegularFile(in)) {
                out.add(new InputFile(in, in.getFileName()));
            } else {
                throw new IllegalArgumentException(in + ": no such file or folder");
            }
        }
        return out;
    }

    /** The files, or a usage error when there are none. */
    public static List<InputFile> nonEmpty(List<InputFile> files, List<Path> inputs) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files in " + inputs);
        }
        return files;
    }

    /** Refuses an output folder that is an input folder or inside one (unless the user allowed it). */
    public static void checkOutputOutsideInputs(List<Path> inputs, Path out, boolean inPlace) throws IOException {
        if (inPlace) {
            return;
        }
        Path o = out.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                Path i = in.toAbsolutePath().normalize();
                if (o.startsWith(i)) {
                    throw new IllegalArgumentException("output folder " + out + " is inside input folder " + in
                            + "; choose another -o or pass --in-place");
                }
            }
        }
    }

    /** {@code relative} with its extension replaced by {@code ext}. */
    public static Path withExtension(Path relative, String ext) {
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path parent = relative.getParent();
        return parent == null ? Path.of(base + "." + ext) : parent.resolve(base + "." + ext);
    }
}

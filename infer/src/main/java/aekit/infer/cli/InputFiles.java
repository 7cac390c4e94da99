package aekit.infer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

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

    /** All files under the inputs, in {@link #walk} order, as a list (for commands that need them all at once). */
    public static List<InputFile> expand(List<Path> inputs) throws IOException {
        List<InputFile> out = new ArrayList<>();
        walk(inputs).forEachRemaining(out::add);
        return out;
    }

    /**
     * The files under the inputs, found as they are consumed: memory holds one folder's listing per level, not
     * the whole tree. Inputs in the order given; within a folder, files in the order of their full paths (a
     * sub-folder's files come where its path sorts); hidden files (".name") are skipped, symbolic links to files
     * are followed, links to folders are not. Inputs that do not exist are refused before anything is returned.
     */
    public static Iterator<InputFile> walk(List<Path> inputs) {
        return walk(inputs, null);
    }

    /**
     * As {@link #walk(List)}, never entering the folder {@code output} (by path or, once it exists, as the same
     * folder): a run writing inside an input folder (--in-place, or an output reached through a link) must not
     * read back what it wrote, which a walk that lists folders as it goes would otherwise meet.
     */
    public static Iterator<InputFile> walk(List<Path> inputs, Path output) {
        for (Path in : inputs) {
            if (!Files.isDirectory(in) && !Files.isRegularFile(in)) {
                throw new IllegalArgumentException(in + ": no such file or folder");
            }
        }
        return new Walker(inputs, output);
    }

    /** Depth-first walk with one sorted listing per open folder. */
    private static final class Walker extends LookAhead<InputFile> {
        private final Iterator<Path> roots;
        private final Path output;
        private final Deque<Iterator<Entry>> open = new ArrayDeque<>();
        private Path root;

        /** A folder entry; folders sort as NAME/ so the order is that of the full paths. */
        private record Entry(Path path, boolean folder, String key) {
        }

        Walker(List<Path> inputs, Path output) {
            roots = inputs.iterator();
            this.output = output == null ? null : output.toAbsolutePath().normalize();
        }

        private boolean isOutput(Path dir) {
            if (output == null) {
                return false;
            }
            if (dir.toAbsolutePath().normalize().equals(output)) {
                return true;
            }
            try {
                return Files.exists(output) && Files.isSameFile(dir, output);
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        protected InputFile advance() {
            while (true) {
                if (open.isEmpty()) {
                    if (!roots.hasNext()) {
                        return null;
                    }
                    root = roots.next();
                    if (!Files.isDirectory(root)) {
                        return new InputFile(root, root.getFileName());
                    }
                    open.push(list(root));
                    continue;
                }
                Iterator<Entry> top = open.peek();
                if (!top.hasNext()) {
                    open.pop();
                    continue;
                }
                Entry e = top.next();
                if (e.folder()) {
                    open.push(list(e.path()));
                } else {
                    return new InputFile(e.path(), root.relativize(e.path()));
                }
            }
        }

        private Iterator<Entry> list(Path dir) {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        if (!isOutput(p)) {
                            entries.add(new Entry(p, true, name + "/"));
                        }
                    } else if (!name.startsWith(".") && Files.isRegularFile(p)) {
                        entries.add(new Entry(p, false, name));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
            }
            entries.sort(Comparator.comparing(Entry::key));
            return entries.iterator();
        }
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

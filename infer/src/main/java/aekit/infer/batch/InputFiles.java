package aekit.infer.batch;

import aekit.infer.io.OsErrors;
import aekit.infer.io.PrintableNames;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
     * One input file, or an entry of an input folder that cannot be used (then {@code problem} says why).
     *
     * @param path     the file
     * @param relative its path below the folder it was found in (just the file name for a file given directly)
     * @param problem  null for a file to read; else why this entry (a broken link, a FIFO, a folder that cannot
     *                 be listed) is not one, in a few words: callers report it as one failed input
     */
    public record InputFile(Path path, Path relative, String problem) {
        public InputFile(Path path, Path relative) {
            this(path, relative, null);
        }
    }

    /**
     * All files under the inputs, in {@link #walk} order, as a list (for commands that need them all at once);
     * entries with a {@link InputFile#problem()} are included, so reading them fails with a line of its own.
     */
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
     * Nothing else is dropped silently: a folder that cannot be listed, an entry that cannot be examined (no search
     * permission, a path too long), a broken or looping link and anything that is not a regular file (a FIFO, a
     * device) come as entries with a {@link InputFile#problem()}, and the walk goes on.
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
                throw new IllegalArgumentException(PrintableNames.escape(in) + (Files.exists(in)
                        ? ": not a regular file or folder" : ": no such file or folder"));
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
        private record Entry(Path path, boolean folder, String key, String problem) {
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
                    return new InputFile(e.path(), root.relativize(e.path()), e.problem());
                }
            }
        }

        private Iterator<Entry> list(Path dir) {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    Entry e = entry(p);
                    if (e != null) {
                        entries.add(e);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                // what was listed is kept; the folder itself is one failed input
                String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
                entries.add(new Entry(dir, false, name + "/", "cannot list the folder ("
                        + OsErrors.reason(e instanceof DirectoryIteratorException d ? d.getCause() : e) + ")"));
            }
            entries.sort(Comparator.comparing(Entry::key));
            return entries.iterator();
        }

        /** What a folder entry is: a folder to enter, a file, a problem to report, or null (skipped by rule). */
        private Entry entry(Path p) {
            String name = p.getFileName().toString();
            BasicFileAttributes own;
            try {
                own = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return name.startsWith(".") ? null : new Entry(p, false, name, "cannot be examined ("
                        + OsErrors.reason(e) + ")");
            }
            if (own.isDirectory()) {
                return isOutput(p) ? null : new Entry(p, true, name + "/", null);
            }
            if (name.startsWith(".")) {
                return null;
            }
            if (own.isRegularFile()) {
                return new Entry(p, false, name, null);
            }
            if (!own.isSymbolicLink()) {
                return new Entry(p, false, name, "not a regular file (" + kind(p) + ")");
            }
            BasicFileAttributes target;
            try {
                target = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException e) {
                return new Entry(p, false, name, "broken link (" + OsErrors.reason(e) + ")");
            }
            if (target.isDirectory()) {
                return null; // links to folders are not followed (no cycles, no walking out of the input)
            }
            return new Entry(p, false, name, target.isRegularFile() ? null : "link to something that is not a "
                    + "regular file (" + kind(p) + ")");
        }

        /** A FIFO, a socket, a device: what a special file is, in a word or two. */
        private static String kind(Path p) {
            try {
                Object mode = Files.getAttribute(p, "unix:mode");
                int type = (Integer) mode & 0170000;
                return switch (type) {
                    case 0010000 -> "a FIFO";
                    case 0140000 -> "a socket";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    default -> "a special file";
                };
            } catch (IOException | RuntimeException e) {
                return "a special file";
            }
        }
    }

    /** The files, or a usage error when there are none. */
    public static List<InputFile> nonEmpty(List<InputFile> files, List<Path> inputs) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files in " + inputs);
        }
        return files;
    }

    /**
     * Refuses (IllegalArgumentException) an output folder that is an input folder or inside one, or the folder of
     * an input file: its outputs would replace inputs. Paths are compared as given and as real paths (links
     * resolved), so a link cannot lead the output into an input.
     */
    public static void checkOutputOutsideInputs(List<Path> inputs, Path out) throws IOException {
        Path o = out.toAbsolutePath().normalize();
        Path ro = realPath(out);
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                Path i = in.toAbsolutePath().normalize();
                if (o.startsWith(i) || ro.startsWith(realPath(in))) {
                    throw new IllegalArgumentException("output folder " + PrintableNames.escape(out)
                            + " is inside input folder " + PrintableNames.escape(in));
                }
            } else {
                Path folder = in.toAbsolutePath().normalize().getParent();
                Path realFolder = realPath(in).getParent();
                if (o.equals(folder) || ro.equals(realFolder)) {
                    throw new IllegalArgumentException("output folder " + PrintableNames.escape(out)
                            + " is the folder of input file " + PrintableNames.escape(in));
                }
            }
        }
    }

    /**
     * The real path of {@code p} (links resolved), also when it does not exist yet: its deepest existing ancestor
     * resolved, with the rest appended.
     */
    static Path realPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path rest = null;
        for (Path q = abs; q != null; q = q.getParent()) {
            try {
                Path real = q.toRealPath();
                return rest == null ? real : real.resolve(rest).normalize();
            } catch (IOException e) {
                Path name = q.getFileName();
                if (name == null) {
                    break;
                }
                rest = rest == null ? name : name.resolve(rest);
            }
        }
        return abs;
    }

    /**
     * Where the result for the input at {@code relative} goes: {@code out/relative} with the extension replaced by
     * {@code ext}. A name that the platform's file name encoding cannot decode (a Latin-1 name under UTF-8, any
     * non-ASCII name under POSIX) keeps its own bytes: the name is changed through its file URI, whose escapes
     * carry the bytes as they are, never through a decoded string.
     */
    public static Path target(Path out, Path relative, String ext) {
        String name = relative.getFileName().toString();
        if (name.indexOf('\uFFFD') < 0) {
            try {
                return out.resolve(withExtension(relative, ext));
            } catch (java.nio.file.InvalidPathException e) {
                // not expressible in the platform encoding: by its bytes, below
            }
        }
        Path same = out.resolve(relative); // path segments are joined as bytes
        if (name.endsWith("." + ext) && name.length() > ext.length() + 1) {
            return same;
        }
        return withSuffix(same, "." + ext);
    }

    /**
     * {@code file} with its extension (from the last dot of its name, unless the name starts with it) replaced by
     * {@code suffix}, keeping the bytes of a name the platform's encoding cannot decode (see {@link #target}).
     */
    public static Path withSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        if (name.indexOf('\uFFFD') < 0) {
            try {
                int dot = name.lastIndexOf('.');
                return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
            } catch (java.nio.file.InvalidPathException e) {
                // by its bytes, below
            }
        }
        String raw = file.toAbsolutePath().toUri().getRawPath(); // every byte outside ASCII as %XX
        int slash = raw.lastIndexOf('/');
        int dot = raw.lastIndexOf('.');
        String renamed = (dot > slash + 1 ? raw.substring(0, dot) : raw) + suffix;
        return Path.of(java.net.URI.create("file://" + renamed));
    }

    /** {@code relative} with its extension replaced by {@code ext} ({@link aekit.infer.batch.OutputNames}). */
    public static Path withExtension(Path relative, String ext) {
        String name = relative.getFileName().toString();
        String renamed = aekit.infer.batch.OutputNames.withExtension(name, ext);
        if (renamed.equals(name)) {
            return relative; // the same name, its bytes kept as they are (also those the platform cannot decode)
        }
        Path parent = relative.getParent();
        return parent == null ? Path.of(renamed) : parent.resolve(renamed);
    }
}

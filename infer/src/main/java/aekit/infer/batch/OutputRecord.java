package aekit.infer.batch;

import aekit.infer.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which run wrote an output folder: a small file ({@value #FILE_NAME}) holding what decides the outputs' content
 * (the command, each model and the SHA-256 of its manifest, the format and other settings). A batch run that skips
 * outputs that already exist must not keep another model's results without a word: before it starts it
 * {@link #check}s the folder, which fails when the folder holds another run's outputs and they are to be kept, and
 * before its first output it {@link #write}s its own record there.
 */
public final class OutputRecord {
    /** The record's file name inside the output folder (hidden, so input walks leave it alone). */
    public static final String FILE_NAME = ".aekit-outputs";

    private final Map<String, String> entries;

    /** A record of {@code entries} (key to value, in order; keys and values on one line each). */
    public OutputRecord(Map<String, String> entries) {
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey().isBlank() || e.getKey().contains("\n") || e.getValue().contains("\n")) {
                throw new IllegalArgumentException("record entries are one-line key/value pairs, got " + e);
            }
        }
        this.entries = new LinkedHashMap<>(entries);
    }

    /**
     * The record of a run through a fixed-size model: the command, the model as given and its manifest's hash, the
     * output format and the settings that change outputs.
     */
    public static OutputRecord fixedSize(String command, String model, aekit.infer.model.ModelManifest manifest,
                                         String format, boolean keepSize, boolean errorMap) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("command", command);
        e.put("model", model);
        e.put("model_sha256", manifest.sha256());
        e.put("format", format);
        e.put("keep_size", Boolean.toString(keepSize));
        e.put("error_map", Boolean.toString(errorMap));
        return new OutputRecord(e);
    }

    /**
     * The record of a run through photo denoisers: the model (and, when grey files get their own, the grey model)
     * with their manifests' hashes, the format asked for (null: each input's own) and the JPEG quality.
     */
    public static OutputRecord photo(String command, String model, aekit.infer.model.ModelManifest manifest,
                                     String greyModel, aekit.infer.model.ModelManifest greyManifest, String format,
                                     int jpegQuality) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("command", command);
        e.put("model", model);
        e.put("model_sha256", manifest.sha256());
        if (greyModel != null) {
            e.put("grey_model", greyModel);
            e.put("grey_model_sha256", greyManifest.sha256());
        }
        e.put("format", format != null ? format : "each input's own");
        e.put("jpeg_quality", Integer.toString(jpegQuality));
        return new OutputRecord(e);
    }

    /** The entries, in order. */
    public Map<String, String> entries() {
        return Map.copyOf(entries);
    }

    /**
     * Checks that this run may write into {@code folder}: when it holds the record of a run with other entries and
     * its outputs are to be kept ({@code replacing} false), an {@link IllegalStateException} says which run wrote
     * them. A folder without a record (new, or written before records existed) passes.
     */
    public void check(Path folder, boolean replacing) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        check(folder.toString(), Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null,
                replacing);
    }

    /**
     * As {@link #check(Path, boolean)} for a folder on another file system (HDFS, S3): {@code recordText} is the
     * content of its {@value #FILE_NAME} file, or null if it has none; {@code folder} names it in the message.
     */
    public void check(String folder, String recordText, boolean replacing) {
        if (recordText != null) {
            Map<String, String> theirs = parse(recordText);
            if (!theirs.equals(entries) && !replacing) {
                String was = describe(theirs);
                String is = describe(entries);
                throw new IllegalStateException(folder + " holds the outputs of another run (" + was + "); this run: "
                        + is + (was.equals(is) ? " (with other model files)" : ""));
            }
        }
    }

    /** Whether a record file's content ({@code recordText}) is this record. */
    public boolean sameAs(String recordText) {
        return recordText != null && parse(recordText).equals(entries);
    }

    /** The content of the record file, as {@link #write} writes it. */
    public String text() {
        StringBuilder b = new StringBuilder("# written by aekit: the run whose outputs this folder holds\n");
        entries.forEach((k, v) -> b.append(k).append('=').append(escape(v)).append('\n'));
        return b.toString();
    }

    /** Writes this record into {@code folder} (created if needed, the file atomically) unless it is there already. */
    public void write(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (Files.isRegularFile(file) && sameAs(Files.readString(file, StandardCharsets.UTF_8))) {
            return;
        }
        Files.createDirectories(folder);
        AtomicFiles.write(file, text().getBytes(StandardCharsets.UTF_8), false);
    }

    /** The entries of a record file, in the file's order. */
    static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The entries of a record file's content, in its order. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            out.put(line.substring(0, eq), line.substring(eq + 1).replace("\\\\", "\\"));
        }
        return out;
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\");
    }

    /** The entries that tell runs apart, for a message (the hashes shortened). */
    private static String describe(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> {
            if (!k.endsWith("sha256")) {
                b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputRecord r && r.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}

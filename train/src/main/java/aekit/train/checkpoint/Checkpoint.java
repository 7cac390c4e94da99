package aekit.train.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import aekit.infer.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A training checkpoint: one zip file holding the SameDiff graph with its weights and Adam state
 * ({@value #GRAPH_ENTRY}) and the {@link TrainingState} as JSON ({@value #STATE_ENTRY}). It is written to a temp
 * file, synced and renamed over the old one, so a crash leaves either the old or the new checkpoint, never half of one.
 *
 * @param graph the trained graph
 * @param state where training stands
 */
public record Checkpoint(SameDiff graph, TrainingState state) {
    /** The checkpoint's file name inside a run folder. */
    public static final String FILE_NAME = "checkpoint.zip";
    static final String GRAPH_ENTRY = "graph.sdz";
    static final String STATE_ENTRY = "state.json";

    /** JSON mapper for checkpoint state. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Writes this checkpoint atomically to {@code file}; temp files that killed runs left beside it are removed.
     */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            AtomicFiles.removeStaleTemps(dir);
        }
        AtomicFiles.write(file, raw -> {
            ZipOutputStream zip = new ZipOutputStream(raw);
            zip.putNextEntry(new ZipEntry(STATE_ENTRY));
            zip.write(JSON.writeValueAsBytes(state));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(GRAPH_ENTRY));
            graph.save(new NonClosing(zip), true);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Keeps SameDiff from closing the zip stream it writes into. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Reads a checkpoint; a missing or malformed file gives a one-line {@link IOException} naming it. */
    public static Checkpoint load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            file = file.resolve(FILE_NAME);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no checkpoint here (expected a " + FILE_NAME + " written by 'aekit train')");
        }
        byte[] stateBytes = null;
        byte[] graphBytes = null;
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (STATE_ENTRY.equals(e.getName())) {
                    stateBytes = zip.readAllBytes();
                } else if (GRAPH_ENTRY.equals(e.getName())) {
                    graphBytes = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new IOException(file + ": not a readable checkpoint zip (" + e.getMessage() + ")", e);
        }
        if (stateBytes == null || graphBytes == null) {
            throw new IOException(file + ": not an aekit checkpoint (expected entries " + STATE_ENTRY + " and "
                    + GRAPH_ENTRY + ")");
        }
        TrainingState state;
        try {
            state = JSON.readValue(stateBytes, TrainingState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable " + STATE_ENTRY + " (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        SameDiff sd;
        try {
            sd = SameDiff.load(new ByteArrayInputStream(graphBytes), true);
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable graph in " + GRAPH_ENTRY + " (" + e.getMessage() + ")", e);
        }
        return new Checkpoint(sd, state);
    }
}

package aekit.infer.data;

import aekit.infer.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX images and labels files (gzip when the name ends in .gz), via a temp file and an atomic rename. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** Writes N x rows x cols unsigned-byte images. */
    public static void writeImages(Path file, GreyImages images) throws IOException {
        write(file, out -> {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.rows());
            out.writeInt(images.cols());
            out.write(images.pixels());
        });
    }

    /** Writes N unsigned-byte labels. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        write(file, out -> {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        });
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        AtomicFiles.write(file, raw -> {
            OutputStream maybeGz = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
            DataOutputStream out = new DataOutputStream(maybeGz);
            body.write(out);
            out.flush();
            if (maybeGz instanceof GZIPOutputStream gz) {
                gz.finish();
            }
        });
    }
}

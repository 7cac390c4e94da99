package aekit.infer.io;

import aekit.infer.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latent codes on disk: CSV ({@code file,z0,z1,...}, one row per image) or NumPy {@code .npy} (float32, shape
 * (n, d), C order; the file names then go to a {@code .txt} beside it).
 *
 * @param names one name per code (may be generated)
 * @param codes n x d values, row-major
 * @param n     number of codes
 * @param d     values per code
 */
public record CodesFile(List<String> names, float[] codes, int n, int d) {
    /** Writes CSV or NPY by the file's extension. */
    public void write(Path file) throws IOException {
        String f = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (f.endsWith(".csv")) {
            StringBuilder sb = new StringBuilder("file");
            for (int j = 0; j < d; j++) {
                sb.append(",z").append(j);
            }
            sb.append('\n');
            for (int i = 0; i < n; i++) {
                sb.append(csvField(names.get(i)));
                for (int j = 0; j < d; j++) {
                    sb.append(',').append(codes[i * d + j]);
                }
                sb.append('\n');
            }
            AtomicFiles.writeString(file, sb.toString());
        } else if (f.endsWith(".npy")) {
            String header = String.format(Locale.ROOT, "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }",
                    n, d);
            int total = 10 + header.length() + 1;
            int pad = (64 - total % 64) % 64;
            header = header + " ".repeat(pad) + "\n";
            ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 4 * codes.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
            buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
            buf.asFloatBuffer().put(codes);
            AtomicFiles.write(file, buf.array());
            AtomicFiles.writeString(Path.of(file + ".txt"), String.join("\n", names) + "\n");
        } else {
            throw new IllegalArgumentException("-o must end in .csv or .npy, got " + file);
        }
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Reads a file written by {@link #write} (or any float32 2-D .npy / numeric CSV with a file column). */
    public static CodesFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such codes file");
        }
        String f = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (f.endsWith(".npy")) {
            return readNpy(file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("file,")) {
            throw new IOException(file + ": not a codes CSV (expected a header 'file,z0,z1,...')");
        }
        int d = lines.get(0).split(",").length - 1;
        List<String> names = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int cut = line.startsWith("\"") ? line.indexOf("\",", 1) + 1 : line.indexOf(',');
            String[] parts = line.substring(cut + 1).split(",");
            if (cut <= 0 || parts.length != d) {
                throw new IOException(file + ": line " + (i + 1) + " has " + parts.length + " values, expected " + d);
            }
            float[] row = new float[d];
            try {
                for (int j = 0; j < d; j++) {
                    row[j] = Float.parseFloat(parts[j]);
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
            String name = line.substring(0, cut);
            names.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name);
            rows.add(row);
        }
        float[] codes = new float[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, codes, i * d, d);
        }
        return new CodesFile(names, codes, rows.size(), d);
    }

    private static CodesFile readNpy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10 || (all[0] & 0xff) != 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + ": not a .npy file");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLen = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, headerLen, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected little-endian float32 in C order, header " + header.strip());
        }
        Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": expected a 2-D array (n, d), header " + header.strip());
        }
        int n = Integer.parseInt(m.group(1));
        int d = Integer.parseInt(m.group(2));
        int data = start + headerLen;
        if (all.length - data != 4L * n * d) {
            throw new IOException(file + ": truncated: expected " + 4L * n * d + " data bytes, found " + (all.length - data));
        }
        float[] codes = new float[n * d];
        ByteBuffer.wrap(all, data, 4 * n * d).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(codes);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(String.format(Locale.ROOT, "%06d", i));
        }
        return new CodesFile(names, codes, n, d);
    }
}

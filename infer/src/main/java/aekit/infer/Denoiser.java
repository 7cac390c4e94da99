package aekit.infer;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.image.ReflectWindow;
import aekit.infer.image.Tiling;
import aekit.infer.model.BundleSource;
import aekit.infer.model.DenoiserInfo;
import aekit.infer.model.ModelManifest;
import aekit.infer.model.ShippedModels;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A photo denoiser (the shipped {@code photo-denoise-rgb} and {@code photo-denoise-grey}, or any photo-denoiser
 * bundle) opened in ONNX Runtime: it denoises images of any size at their own resolution, exactly as
 * {@code aekit denoise} does.
 *
 * <pre>{@code
 * try (Denoiser model = Denoiser.open("photo-denoise-rgb")) {    // a shipped name or a bundle folder
 *     BufferedImage clean = model.denoise(ImageIO.read(file));    // same size; grey stays grey
 *     model.denoise(Path.of("noisy.jpg"), Path.of("clean.png"));  // file to file, format by extension
 * }
 * }</pre>
 *
 * <p>Images are covered by {@link Tiling} (windows mirrored across the borders, aligned to the model's multiple,
 * margins of at least the receptive field), so memory follows the tile size, not the image. Images are read by
 * the same rules as the command line's (EXIF orientation applied, alpha composited on black, 16-bit samples
 * scaled, palettes expanded); a colour model sees grey images as grey RGB and gives them back grey. Thread-safe:
 * ONNX Runtime sessions may be run from many threads at once, so one instance can serve a whole service. Close it
 * to free the session (closing twice does nothing). Opening has no global side effects beyond ONNX Runtime's one
 * environment. Every failure is an {@link AekitException}.
 */
public final class Denoiser implements AutoCloseable {
    /** The default tile side: windows of about 1000 x 1000 pixels with the shipped models' margins. */
    public static final int DEFAULT_TILE = 768;

    private final ModelManifest manifest;
    private final OrtSession session;
    private final Tiling tiling;
    private final OrtEnvironment env = aekit.infer.model.OrtEnv.get();
    private volatile boolean closed;

    private Denoiser(ModelManifest manifest, OrtSession session, Tiling tiling) {
        this.manifest = manifest;
        this.session = session;
        this.tiling = tiling;
    }

    /** Opens a shipped model by name ({@code "photo-denoise-rgb"}) or the bundle folder at that path, on the CPU. */
    public static Denoiser open(String nameOrFolder) throws AekitException {
        return open(ShippedModels.resolve(nameOrFolder), SessionSettings.cpu());
    }

    /** Opens the bundle folder {@code dir} on the CPU. */
    public static Denoiser open(Path dir) throws AekitException {
        return open(BundleSource.directory(dir), SessionSettings.cpu());
    }

    /** Opens a denoiser bundle with the default tile size. */
    public static Denoiser open(BundleSource source, SessionSettings settings) throws AekitException {
        return open(source, settings, DEFAULT_TILE);
    }

    /** Opens a denoiser bundle; images are cut into cores of at most {@code tile} x {@code tile} pixels. */
    public static Denoiser open(BundleSource source, SessionSettings settings, int tile) throws AekitException {
        if (tile < 1) {
            throw new IllegalArgumentException("tile must be positive, got " + tile);
        }
        ModelManifest manifest = Autoencoder.readManifest(source);
        if (!manifest.photoDenoiser()) {
            throw new AekitException(source.location() + "/" + ModelManifest.MANIFEST_FILE + ": not a photo-denoiser "
                    + "bundle (kind " + manifest.kind() + ", encoder.onnx + decoder.onnx; open it as an Autoencoder)");
        }
        DenoiserInfo d = manifest.denoiser();
        Tiling tiling = Tiling.of(tile, d.receptiveRadius(), d.multiple());
        String file = source.location() + "/" + d.file();
        OrtSession session;
        try (OrtSession.SessionOptions opts = settings.options()) {
            session = Autoencoder.session(aekit.infer.model.OrtEnv.get(), source, d.file(), opts);
        }
        Denoiser model = new Denoiser(manifest, session, tiling);
        try {
            long[] image = {-1, manifest.input().channels(), -1, -1};
            Autoencoder.check(file, "input", session.getInputInfo(), ModelManifest.IMAGE, image);
            Autoencoder.check(file, "output", session.getOutputInfo(), ModelManifest.RECONSTRUCTION, image);
        } catch (OrtException e) {
            model.close();
            throw new AekitException(file + ": " + e.getMessage(), e);
        } catch (AekitException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** The bundle's manifest. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** Channels the model works on (1 grey, 3 RGB). */
    public int channels() {
        return manifest.input().channels();
    }

    /** How images are cut into tiles. */
    public Tiling tiling() {
        return tiling;
    }

    /**
     * Denoises an image in memory at its own size; the result is 8-bit, grey for a grey input ({@code
     * TYPE_BYTE_GRAY}) and RGB otherwise ({@code TYPE_INT_RGB}; alpha is composited on black first).
     */
    public BufferedImage denoise(BufferedImage image) throws AekitException {
        return ImageFileWriter.toImage(denoiseKeepingChannels(ImageFileReader.toRaster(image)));
    }

    /** Denoises an image file (PNG, JPEG, BMP, TIFF, GIF, PNM; EXIF orientation applied). */
    public BufferedImage denoise(Path file) throws AekitException {
        return ImageFileWriter.toImage(denoiseKeepingChannels(new ImageFileReader().read(file)));
    }

    /** Denoises an encoded image file's bytes. */
    public BufferedImage denoise(byte[] encoded) throws AekitException {
        return ImageFileWriter.toImage(denoiseKeepingChannels(new ImageFileReader().read(encoded, "image bytes")));
    }

    /** Denoises the encoded image read from {@code in} (read to its end, not closed). */
    public BufferedImage denoise(InputStream in) throws AekitException {
        return ImageFileWriter.toImage(denoiseKeepingChannels(new ImageFileReader().read(in, "input stream")));
    }

    /**
     * Denoises the image file {@code in} into the file {@code out}, whose extension gives the format (png, jpg,
     * bmp, tif/tiff); the output is written to a temp file and renamed, so it is complete or absent.
     */
    public void denoise(Path in, Path out) throws AekitException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String format = dot > 0 ? ImageFileWriter.knownFormat(name.substring(dot + 1)) : null;
        if (format == null) {
            throw new IllegalArgumentException(out + ": the extension must name an output format (one of "
                    + ImageFileWriter.FORMATS + ")");
        }
        RasterImage result = denoiseKeepingChannels(new ImageFileReader().read(in));
        try {
            ImageFileWriter.write(result, out, format);
        } catch (java.io.IOException e) {
            throw AekitException.wrap(e);
        }
    }

    /** Denoises a decoded image and gives it back with the input's channels (grey stays grey). */
    public RasterImage denoiseKeepingChannels(RasterImage img) throws AekitException {
        RasterImage r = denoise(img);
        return r.channels() == img.channels() || img.channels() != 1 ? r : r.grey();
    }

    /**
     * Runs the model once on n images of h x w pixels, (n, C, h, w) row-major; h and w must be multiples of the
     * model's multiple. Returns the raw output (not clipped).
     */
    public float[] run(float[] images, int n, int h, int w) throws AekitException {
        int m = manifest.denoiser().multiple();
        if (h % m != 0 || w % m != 0) {
            throw new IllegalArgumentException("sides must be multiples of " + m + ", got " + h + "x" + w);
        }
        Autoencoder.checkLength("images", images, n, (long) channels() * h * w);
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        long[] shape = {n, channels(), h, w};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), shape);
             OrtSession.Result r = session.run(Map.of(ModelManifest.IMAGE, t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(ModelManifest.RECONSTRUCTION).orElseThrow()).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new AekitException("ONNX Runtime failed on a " + n + "x" + channels() + "x" + h + "x" + w
                    + " window: " + e.getMessage(), e);
        }
    }

    /**
     * Denoises a (C, h, w) float image (e.g. the standard protocol's unclipped noisy input), tile by tile; the
     * result is (C, h, w) and not clipped.
     */
    public float[] denoise(float[] chw, int h, int w) throws AekitException {
        int c = channels();
        if (chw.length != c * h * w) {
            throw new IllegalArgumentException("expected " + c + "x" + h + "x" + w + " values, got " + chw.length);
        }
        float[] out = new float[chw.length];
        for (Tiling.Tile t : tiling.tiles(h, w)) {
            float[] window = ReflectWindow.cut(chw, c, h, w, t.wy(), t.wx(), t.wh(), t.ww());
            float[] res = run(window, 1, t.wh(), t.ww());
            ReflectWindow.paste(res, c, t.wh(), t.ww(), t.y() - t.wy(), t.x() - t.wx(), out, h, w, t.y(), t.x(), t.h(),
                    t.w());
        }
        return out;
    }

    /**
     * Denoises a decoded image at its own size: each window is converted to the model's colour mode through the one
     * preprocessing path, and the result is quantised to 8 bits with the model's channels. An alpha plane passes
     * through untouched (the colours are denoised as they are, not composited). Only one window's floats exist at a
     * time.
     */
    public RasterImage denoise(RasterImage img) throws AekitException {
        int c = channels();
        int h = img.height();
        int w = img.width();
        Preprocessing prep = manifest.input().preprocessing();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(h, w), c)];
        for (Tiling.Tile t : tiling.tiles(h, w)) {
            float[] res = run(prep.window(img, t.wy(), t.wx(), t.wh(), t.ww()), 1, t.wh(), t.ww()); // (C, wh, ww)
            int oy = t.y() - t.wy();
            int ox = t.x() - t.wx();
            int plane = t.wh() * t.ww();
            for (int y = 0; y < t.h(); y++) {
                int dst = ((t.y() + y) * w + t.x()) * c;
                int src = (oy + y) * t.ww() + ox;
                for (int x = 0; x < t.w(); x++) {
                    for (int k = 0; k < c; k++) {
                        out[dst++] = (byte) ImageFileWriter.level(res[k * plane + src + x]);
                    }
                }
            }
        }
        return new RasterImage(w, h, c, out, img.alpha()); // alpha passes through untouched
    }

    /** Frees the session; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Autoencoder.closeQuietly(session);
    }
}

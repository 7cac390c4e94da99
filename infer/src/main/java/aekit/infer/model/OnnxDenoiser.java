package aekit.infer.model;

import aekit.infer.image.ImageEncoder;
import aekit.infer.image.Preprocessing;
import aekit.infer.image.RasterImage;
import aekit.infer.image.ReflectWindow;
import aekit.infer.image.Tiling;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A photo-denoiser bundle opened in ONNX Runtime: one session on the bundle's {@link DenoiserInfo#file()}, checked
 * against the manifest when it loads, that denoises images of any size at their own resolution. Images are covered
 * by {@link Tiling} (windows mirrored across the borders, aligned to the model's multiple, margins of at least the
 * receptive field), so memory follows the tile size, not the image. Thread-safe: ONNX Runtime sessions are.
 */
public final class OnnxDenoiser implements AutoCloseable {
    /** The default tile side: windows of about 1000 x 1000 pixels with the shipped models' margins. */
    public static final int DEFAULT_TILE = 768;

    private final ModelManifest manifest;
    private final OrtSession session;
    private final Tiling tiling;
    private final OrtEnvironment env = OrtEnv.get();
    private volatile boolean closed;

    private OnnxDenoiser(ModelManifest manifest, OrtSession session, Tiling tiling) {
        this.manifest = manifest;
        this.session = session;
        this.tiling = tiling;
    }

    /** Opens a denoiser bundle with the default tile size. */
    public static OnnxDenoiser open(BundleSource source, SessionSettings settings) throws IOException {
        return open(source, settings, DEFAULT_TILE);
    }

    /** Opens a denoiser bundle; images are cut into cores of at most {@code tile} x {@code tile} pixels. */
    public static OnnxDenoiser open(BundleSource source, SessionSettings settings, int tile) throws IOException {
        ModelManifest manifest = ModelManifest.read(source);
        if (!manifest.photoDenoiser()) {
            throw new IOException(source.location() + "/" + ModelManifest.MANIFEST_FILE + ": not a photo-denoiser "
                    + "bundle (kind " + manifest.kind() + ", encoder.onnx + decoder.onnx)");
        }
        if (tile < 1) {
            throw new IllegalArgumentException("tile must be positive, got " + tile);
        }
        DenoiserInfo d = manifest.denoiser();
        Tiling tiling = Tiling.of(tile, d.receptiveRadius(), d.multiple());
        OrtNativeCache.install();
        OrtEnvironment env = OrtEnv.get();
        String file = source.location() + "/" + d.file();
        byte[] bytes = source.read(d.file());
        OrtSession session;
        try (OrtSession.SessionOptions opts = settings.options()) {
            session = env.createSession(bytes, opts);
        } catch (OrtException e) {
            throw new IOException(file + ": ONNX Runtime cannot load it ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        OnnxDenoiser model = new OnnxDenoiser(manifest, session, tiling);
        try {
            long[] image = {-1, manifest.input().channels(), -1, -1};
            OnnxAutoencoder.check(file, "input", session.getInputInfo(), ModelManifest.IMAGE, image);
            OnnxAutoencoder.check(file, "output", session.getOutputInfo(), ModelManifest.RECONSTRUCTION, image);
        } catch (IOException | OrtException e) {
            model.close();
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
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
     * Runs the model once on n images of h x w pixels, (n, C, h, w) row-major; h and w must be multiples of the
     * model's multiple. Returns the raw output (not clipped).
     */
    public float[] run(float[] images, int n, int h, int w) throws OrtException {
        int m = manifest.denoiser().multiple();
        if (h % m != 0 || w % m != 0) {
            throw new IllegalArgumentException("sides must be multiples of " + m + ", got " + h + "x" + w);
        }
        long[] shape = {n, channels(), h, w};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), shape);
             OrtSession.Result r = session.run(Map.of(ModelManifest.IMAGE, t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(ModelManifest.RECONSTRUCTION).orElseThrow()).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    /**
     * Denoises a (C, h, w) float image (e.g. the standard protocol's unclipped noisy input), tile by tile; the
     * result is (C, h, w) and not clipped.
     */
    public float[] denoise(float[] chw, int h, int w) throws OrtException {
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
    public RasterImage denoise(RasterImage img) throws OrtException {
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
                        out[dst++] = (byte) ImageEncoder.level(res[k * plane + src + x]);
                    }
                }
            }
        }
        return new RasterImage(w, h, c, out, img.alpha()); // alpha passes through untouched
    }

    /** Frees the session; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only fails if it was already closed
        }
    }
}

package aekit.infer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The aekit version, stamped into a resource by the build (never a hand-edited string). */
public final class AekitVersion {
    private AekitVersion() {
    }

    private static final Properties PROPS = load();
    private static final String VERSION = PROPS.getProperty("version", "unknown");

    /** The version of this build, e.g. "0.1.0-SNAPSHOT". */
    public static String get() {
        return VERSION;
    }

    /** The git commit this build was made from, or "unknown". */
    public static String gitCommit() {
        String c = PROPS.getProperty("git.commit", "");
        return c.isBlank() || c.startsWith("${") ? "unknown" : c;
    }

    /**
     * A property the build stamped (e.g. {@code onnxruntime.version}, {@code onnxruntime.artifact},
     * {@code onnxruntime.cuda}, {@code onnxruntime.cudnn}), or {@code fallback} when this build has none.
     */
    public static String build(String key, String fallback) {
        String v = PROPS.getProperty(key, "");
        return v.isBlank() || v.startsWith("${") ? fallback : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = AekitVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the version "unknown"
        }
        return p;
    }
}

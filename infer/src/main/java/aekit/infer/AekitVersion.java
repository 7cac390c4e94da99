package aekit.infer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The aekit version, stamped into a resource by the build (never a hand-edited string); also picocli's provider. */
public final class AekitVersion implements CommandLine.IVersionProvider {
    private static final String VERSION = load();

    /** The version of this build, e.g. "0.1.0-SNAPSHOT". */
    public static String get() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"aekit " + VERSION, "Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")"};
    }

    private static String load() {
        try (InputStream in = AekitVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package aekit.train;

import aekit.infer.model.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Build facts of the training side: the DL4J version it was compiled against (stamped by Maven). */
public final class TrainBuild {
    private TrainBuild() {
    }

    /** The DL4J/ND4J version, e.g. "1.0.0-M2.1". */
    public static String dl4jVersion() {
        Properties p = new Properties();
        try (InputStream in = TrainBuild.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // leaves "unknown"
        }
        return p.getProperty("dl4j.version", "unknown");
    }

    /** This process's build info including DL4J. */
    public static BuildInfo current() {
        return BuildInfo.current(dl4jVersion());
    }
}

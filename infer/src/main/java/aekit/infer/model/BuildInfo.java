package aekit.infer.model;

import aekit.infer.AekitVersion;

/**
 * Which software made something: aekit version and git commit (stamped by the build), DL4J version where the
 * training stack was present, and the Java runtime.
 *
 * @param aekit     aekit version
 * @param gitCommit commit the aekit build was made from ("unknown" outside a git checkout)
 * @param dl4j      Deeplearning4j/ND4J version, or null on the inference side
 * @param java      Java runtime version and vendor
 */
public record BuildInfo(String aekit, String gitCommit, String dl4j, String java) {
    /** This process's build, with the given DL4J version (null where DL4J is absent). */
    public static BuildInfo current(String dl4jVersion) {
        return new BuildInfo(AekitVersion.get(), AekitVersion.gitCommit(), dl4jVersion,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }
}

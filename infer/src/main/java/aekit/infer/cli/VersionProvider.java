package aekit.infer.cli;

import aekit.infer.AekitVersion;
import picocli.CommandLine;

/** picocli's {@code --version} for every aekit command: the build's version and commit, and the Java running it. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"aekit " + AekitVersion.get() + " (" + AekitVersion.gitCommit() + ")", "Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}

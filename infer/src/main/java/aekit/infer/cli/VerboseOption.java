package aekit.infer.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces on errors (read by {@link CliSupport}'s handler). */
public final class VerboseOption {
    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;
}

package aekit.infer.cli;

import aekit.infer.batch.InputFiles;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The shared shape of aekit's command lines: exit codes 0 ok / 1 failure / 2 bad usage, a user error printed as
 * one line (the stack trace only with {@code --verbose}), and usage help showing defaults.
 */
public final class CliSupport {
    /** Exit code of a run that failed (some input or the work itself). */
    public static final int FAILURE = 1;
    /** Exit code of bad usage (unknown option, invalid value). */
    public static final int USAGE = 2;

    private CliSupport() {
    }

    /** A picocli CommandLine for {@code command} with aekit's handlers installed. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof IllegalArgumentException ? USAGE : FAILURE);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(prefix(c) + ": " + oneLine(ex) + " (see --help)");
            c.getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println(prefix(commandLine) + ": " + withOptionNames(oneLine(e), e));
            }
            err.flush();
            return e instanceof IllegalArgumentException ? USAGE : FAILURE;
        });
        return cl;
    }

    /**
     * Whether standard error is a terminal, which decides between a live progress bar and plain lines: progress
     * goes to stderr, so stdout redirected to a file ({@code > log}) must not turn it off. On Linux the answer comes
     * from where file descriptor 2 points (/dev/pts/N or /dev/ttyN); elsewhere from {@link System#console()}.
     */
    public static boolean stderrIsTerminal() {
        try {
            java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
            if (java.nio.file.Files.isSymbolicLink(fd2)) {
                String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or /proc unreadable: fall back below
        }
        return System.console() != null;
    }

    /** How every error line starts: "aekit COMMAND" ("aekit train mnist", "aekit denoise"). */
    static String prefix(CommandLine c) {
        String q = c.getCommandSpec().qualifiedName();
        return q.equals("aekit") || q.startsWith("aekit ") ? q : "aekit " + q;
    }

    /** The message of {@code e} (or its class when it has none), folded to one line. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
            if (e.getCause() != null && e.getCause().getMessage() != null) {
                m += ": " + e.getCause().getMessage();
            }
        }
        return m.lines().findFirst().orElse(m).strip();
    }

    /**
     * A library message with the option that governs it named, as the commands show it: an image over the pixel
     * limit gets "(--max-pixels)".
     */
    static String withOptionNames(String line, Throwable e) {
        return e instanceof aekit.infer.image.ImageTooLargeException ? line + " (--max-pixels)" : line;
    }

    /**
     * Refuses an output folder that would put outputs over inputs (see {@link
     * aekit.infer.batch.InputFiles#checkOutputOutsideInputs}) unless {@code inPlace}, and {@code -o} naming a file.
     */
    static void checkOutput(java.util.List<java.nio.file.Path> inputs, java.nio.file.Path out, boolean inPlace)
            throws java.io.IOException {
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new IllegalArgumentException("-o " + aekit.infer.io.PrintableNames.escape(out) + ": not a folder");
        }
        if (inPlace) {
            return;
        }
        try {
            aekit.infer.batch.InputFiles.checkOutputOutsideInputs(inputs, out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; choose another -o or pass --in-place", e);
        }
    }

    /**
     * Runs a library check of an option's value; its IllegalArgumentException comes back naming the option
     * ("--format: format must be one of ..."), since library messages do not name CLI flags.
     */
    public static <T> T option(String name, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}

package aekit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hand-written part of a generated report: {@code REPORT_DIR/notes/SECTION.md}, the developers' reading of a
 * section's figures, spliced in under a heading that says so. Numbers and figures never come from here.
 */
public final class ReportNotes {
    private final Path dir;

    /** Notes kept in {@code reportDir/notes}. */
    public ReportNotes(Path reportDir) {
        this.dir = reportDir.resolve("notes");
    }

    /** Appends the section's notes to {@code md} if there are any. */
    public void appendTo(StringBuilder md, String section) throws IOException {
        Path f = dir.resolve(section + ".md");
        if (Files.isRegularFile(f)) {
            md.append("**Observations** (written by the developers after looking at the figures):\n\n")
                    .append(Files.readString(f).strip()).append("\n\n");
        }
    }
}

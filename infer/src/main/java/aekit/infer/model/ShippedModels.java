package aekit.infer.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The model bundles embedded in the jar (the repository's {@code models/} folder, copied in by the build under
 * {@code aekit/models/}), and resolution of a model argument that is a shipped name or a bundle folder.
 */
public final class ShippedModels {
    static final String PREFIX = "aekit/models/";

    private ShippedModels() {
    }

    /** Names of the shipped models: folders under aekit/models/ in this jar (or classes folder) with a model.json. */
    public static List<String> names() {
        Set<String> out = new TreeSet<>();
        try {
            Path where = asPath(ShippedModels.class.getProtectionDomain().getCodeSource().getLocation());
            if (where != null && Files.isDirectory(where)) {
                Path dir = where.resolve(PREFIX);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.filter(p -> Files.isRegularFile(p.resolve(ModelManifest.MANIFEST_FILE)))
                                .forEach(p -> out.add(p.getFileName().toString()));
                    }
                }
            } else if (where != null && Files.isRegularFile(where)) {
                try (ZipFile zip = new ZipFile(where.toFile())) {
                    zip.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith(PREFIX) && n.endsWith("/" + ModelManifest.MANIFEST_FILE))
                            .map(n -> n.substring(PREFIX.length(), n.length() - ModelManifest.MANIFEST_FILE.length() - 1))
                            .filter(n -> !n.contains("/"))
                            .forEach(out::add);
                }
            }
        } catch (IOException | SecurityException e) {
            // no listing possible: resolve() still finds models by name
        }
        return List.copyOf(out);
    }

    /**
     * A bundle folder if {@code arg} is one, else the shipped model of that name; neither is an {@link
     * aekit.infer.AekitException} naming {@code arg} and the shipped models.
     */
    public static BundleSource resolve(String arg) throws aekit.infer.AekitException {
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            return BundleSource.directory(p);
        }
        URL url = ShippedModels.class.getClassLoader().getResource(PREFIX + arg + "/" + ModelManifest.MANIFEST_FILE);
        if (url != null && !arg.contains("/")) {
            return BundleSource.shipped(arg);
        }
        throw new aekit.infer.AekitException(arg + ": not a bundle folder and not a shipped model (shipped: "
                + (names().isEmpty() ? "none" : String.join(", ", names())) + ")");
    }

    static Path asPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}

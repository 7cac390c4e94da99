package aekit.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.Preprocessing;
import aekit.train.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder data set on the committed dog photos: nesting, skipped files, the split, the one tensor path. */
class ImageFolderTest {
    @TempDir
    Path tmp;

    private static final Preprocessing RGB32 = new Preprocessing(3, 32, 32, Preprocessing.CENTER_CROP);

    /** The fixture photos copied into a deeper tree, plus a corrupt JPEG, a truncated one and a text file. */
    private Path messyTree() throws IOException {
        Path root = tmp.resolve("photos");
        List<Path> photos;
        try (Stream<Path> s = Files.walk(Fixtures.dogsDir())) {
            photos = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        for (int i = 0; i < photos.size(); i++) {
            Path dst = root.resolve(i % 2 == 0 ? "a/b" : "c").resolve(photos.get(i).getFileName());
            Files.createDirectories(dst.getParent());
            Files.copy(photos.get(i), dst);
        }
        Files.write(root.resolve("a/corrupt.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        byte[] whole = Files.readAllBytes(photos.get(0));
        Files.write(root.resolve("c/truncated.jpg"), java.util.Arrays.copyOf(whole, whole.length / 3));
        Files.writeString(root.resolve("notes.txt"), "not an image");
        Files.writeString(root.resolve(".hidden"), "skipped silently");
        return root;
    }

    @Test
    void readsNestedFoldersSkipsUnreadableFilesAndSplitsDisjointly() throws Exception {
        Path root = messyTree();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ImageFolder.Split split = ImageFolder.load(root, RGB32, 25, 0, 2, new PrintStream(log, true));
        assertEquals(32, split.train().size() + split.validation().size(), "every photo, in any folder depth");
        assertEquals(3, split.skipped().size(), split.skipped().toString());
        String text = log.toString();
        assertTrue(text.contains("skipped 3 unreadable file(s)"), text);
        for (String bad : List.of("a/corrupt.jpg", "c/truncated.jpg", "notes.txt")) {
            assertTrue(text.contains("  " + bad + ": "), bad + " named in the log: " + text);
        }
        Set<String> train = new HashSet<>(split.train().names());
        for (String v : split.validation().names()) {
            assertFalse(train.contains(v), v + " in both splits");
            assertTrue(ImageFolder.isValidation(v, 25));
        }
        for (String t : train) {
            assertFalse(ImageFolder.isValidation(t, 25));
        }
        assertTrue(split.validation().size() > 0 && split.train().size() > split.validation().size(),
                split.train().size() + "/" + split.validation().size());
        assertEquals(3, split.train().channels());
        assertEquals(32, split.train().height());
    }

    @Test
    void splitIsDeterministicAndDependsOnlyOnTheRelativePath() throws Exception {
        ImageFolder.Split a = ImageFolder.load(Fixtures.dogsDir(), RGB32, 25, 0, 1, new PrintStream(new ByteArrayOutputStream()));
        ImageFolder.Split b = ImageFolder.load(Fixtures.dogsDir(), RGB32, 25, 0, 2, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(a.validation().names(), b.validation().names());
        assertArrayEquals(a.train().pixels(), b.train().pixels(), "same tensors whatever the thread count");
        // the hash sends about the requested share to validation over many names
        int val = 0;
        for (int i = 0; i < 10_000; i++) {
            val += ImageFolder.isValidation("breed/" + i + ".jpg", 10) ? 1 : 0;
        }
        assertTrue(val > 900 && val < 1100, "validation share " + val);
        assertTrue(ImageFolder.isValidation("x", 50) == ImageFolder.isValidation("x", 50));
    }

    @Test
    void cachedTensorIsTheInferenceTensorRoundedTo8Bits() throws Exception {
        ImageFolder.Split split = ImageFolder.load(Fixtures.dogsDir(), RGB32, 0, 0, 2, new PrintStream(new ByteArrayOutputStream()));
        ImageFolder train = split.train();
        ImageFileReader decoder = new ImageFileReader();
        for (int i = 0; i < train.size(); i += 5) {
            float[] inference = RGB32.tensor(Fixtures.dogsDir().resolve(train.names().get(i)), decoder);
            float[] training = train.batch(new int[] {i});
            for (int k = 0; k < inference.length; k++) {
                assertEquals(Math.round(inference[k] * 255f) / 255f, training[k], 0f, train.names().get(i) + " value " + k);
                assertEquals(inference[k], training[k], 0.5f / 255 + 1e-6f);
            }
        }
    }

    @Test
    void limitSpreadsOverTheTreeAndEmptyFolderIsAnError() throws Exception {
        ImageFolder.Split some = ImageFolder.load(Fixtures.dogsDir(), RGB32, 0, 8, 2, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(8, some.train().size());
        Set<String> breeds = new HashSet<>();
        some.train().names().forEach(n -> breeds.add(n.substring(0, n.indexOf('/'))));
        assertEquals(4, breeds.size(), "every breed folder: " + some.train().names());
        // a limit counts training images only; the validation split is the full run's
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        ImageFolder.Split full = ImageFolder.load(Fixtures.dogsDir(), RGB32, 25, 0, 2, quiet);
        ImageFolder.Split limited = ImageFolder.load(Fixtures.dogsDir(), RGB32, 25, 5, 2, quiet);
        assertEquals(5, limited.train().size());
        assertTrue(full.validation().size() > 0);
        assertEquals(full.validation().names(), limited.validation().names());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class,
                () -> ImageFolder.load(empty, RGB32, 10, 0, 1, new PrintStream(new ByteArrayOutputStream())));
        assertEquals(empty + ": no readable images for training (0 files, 0 unreadable)", e.getMessage());
        e = assertThrows(IOException.class,
                () -> ImageFolder.load(tmp.resolve("nope"), RGB32, 10, 0, 1, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().endsWith("nope: not a folder (expected a folder tree of images)"), e.getMessage());
    }
}

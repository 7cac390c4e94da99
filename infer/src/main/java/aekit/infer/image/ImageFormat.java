package aekit.infer.image;

/** The image formats aekit reads, recognised by their leading bytes (never by the file name). */
public enum ImageFormat {
    JPEG, PNG, BMP, TIFF, GIF, PNM;

    /** Description for error messages. */
    public static final String SUPPORTED = "JPEG, PNG, BMP, TIFF, GIF or PNM";

    /** Sniffs a format from a file's first bytes (at least 8 where the file has them); null if none matches. */
    public static ImageFormat sniff(byte[] h) {
        int n = h.length;
        if (n >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G' && h[4] == '\r'
                && h[5] == '\n' && h[6] == 0x1a && h[7] == '\n') { // all 8 bytes: a damaged signature is no PNG
            return PNG;
        }
        if (n >= 2 && h[0] == 'B' && h[1] == 'M') {
            return BMP;
        }
        if (n >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0)
                || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42))) {
            return TIFF;
        }
        if (n >= 4 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8') {
            return GIF;
        }
        if (n >= 2 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6') {
            return PNM;
        }
        return null;
    }
}

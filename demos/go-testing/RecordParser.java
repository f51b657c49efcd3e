/**
 * The code under test: a reader for a small binary record format, written the way a hand-made parser
 * usually is. The fuzzers call {@link #parse}; {@link BadRecord} is its ordinary way of refusing input,
 * anything else it throws is a crash.
 *
 * <pre>
 *   offset 0..3   magic "CNR1"
 *   offset 4      version: 1 or 2
 *   offset 5      type: 'D' data, 'X' index
 *   offset 6      payload length n (0..255); the record takes 8 + n bytes, anything after is ignored
 *   offset 7..    payload (n bytes)
 *   last byte     checksum: the payload's bytes summed, modulo 256
 *   index payload (version 2): entry count c, then c one-byte offsets into the payload
 * </pre>
 *
 * The planted bug: version 2 added a count to index records and trusts it, and the offsets after
 * it, without holding them against the payload's length (version 1 checks every offset).
 */
public final class RecordParser {
    private RecordParser() {}

    public static String parse(byte[] b) {
        if (b.length < 8) throw new BadRecord("short");
        // the magic, compared byte by byte: each || is its own branch
        if (b[0] != 'C' || b[1] != 'N' || b[2] != 'R' || b[3] != '1') throw new BadRecord("magic");
        int version = b[4];
        if (version != 1 && version != 2) throw new BadRecord("version");
        int length = b[6] & 0xFF;
        if (b.length < 8 + length) throw new BadRecord("length"); // bytes after the checksum are ignored
        if (checksum(b, 7, length) != (b[7 + length] & 0xFF)) throw new BadRecord("checksum");
        return switch (b[5]) {
            case 'D' -> data(b, length);
            case 'X' -> version == 1 ? indexV1(b, length) : indexV2(b, length);
            default -> throw new BadRecord("type");
        };
    }

    static int checksum(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i++) sum += b[i] & 0xFF;
        return sum & 0xFF;
    }

    static String data(byte[] b, int length) {
        return "data:" + length;
    }

    /** Version 1: every payload byte is an offset, each checked. */
    static String indexV1(byte[] b, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            int offset = b[7 + i] & 0xFF;
            if (offset >= length) throw new BadRecord("offset");
            sum += b[7 + offset];
        }
        return "index1:" + sum;
    }

    /** Version 2: a count byte, then that many offsets. */
    static String indexV2(byte[] b, int length) {
        byte[] payload = new byte[length];
        System.arraycopy(b, 7, payload, 0, length);
        int count = payload[0] & 0xFF; // the bug: the count is trusted, never held against length
        int sum = 0;
        for (int i = 0; i < count; i++) sum += payload[payload[1 + i] & 0xFF]; // and so are the offsets
        return "index2:" + sum;
    }
}

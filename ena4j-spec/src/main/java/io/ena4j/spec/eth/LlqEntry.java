package io.ena4j.spec.eth;

/**
 * Layout of a Low-Latency-Queue entry: inline header, multiple (or single) descriptors per entry
 * (datapath.md §9.2, §9.4). Pure arithmetic: nothing here touches memory.
 *
 * <pre>
 * first entry of a packet (entry size E, D = descriptors before header):
 *  +0          slot 0        meta descriptor if one is emitted, else data0   ({@link TxMetaDesc} / {@link TxDesc})
 *  +16         slot 1        next descriptor of the packet, else zero
 *  ...         slot D-1
 *  +16*D       header        H = data0.header_length pushed header bytes, H &lt;= E - 16*D
 *  +16*D+H     zero to the end of the entry
 *
 * continuation entry (only if the packet has more than D descriptors):
 *  +0, +16, ... up to descs_per_entry descriptors at 16-byte stride, unused slots zero
 * </pre>
 *
 * <p>Descriptors inside an entry use exactly the §2/§3 formats, all with the phase of the entry's lap. A packet
 * always starts a new entry. Entries sit at {@code llq_descriptors_offset + (tail & (depth-1)) * E} in BAR 2 and
 * are written whole with 64-bit stores ({@link #MMIO_WRITE_BYTES}).
 *
 * <p>Decision: invalid arguments (e.g. {@code descsPerEntry < 1}) give {@code -1} from the helpers that could
 * otherwise divide by zero, never an exception, because these are called on the Tx hot path after the
 * configuration was validated at negotiation time (§9.1).
 */
public final class LlqEntry {

    private LlqEntry() {
    }

    /** Entry size 128 bytes (entry-size flag 1). */
    public static final int ENTRY_SIZE_128 = 128;
    /** Entry size 192 bytes (entry-size flag 2). */
    public static final int ENTRY_SIZE_192 = 192;
    /** Entry size 256 bytes (entry-size flag 4), "large LLQ" (§9.6). */
    public static final int ENTRY_SIZE_256 = 256;
    /** Bytes per descriptor slot (a {@link TxDesc} or {@link TxMetaDesc}). */
    public static final int DESC_SLOT_BYTES = (int) TxDesc.SIZE;
    /** Descriptors before the header that the Linux driver requests by default (§9.1). */
    public static final int DEFAULT_DESCS_BEFORE_HEADER = 2;
    /** Host bounce buffers per SQ rotated while building entries (§9.4). */
    public static final int BOUNCE_BUFFERS_PER_SQ = 4;
    /** Entries are copied to BAR 2 with stores of this many bytes, ascending addresses (§9.4). */
    public static final int MMIO_WRITE_BYTES = 8;

    /** Whether {@code entrySize} is one of the defined entry sizes 128, 192, 256 (all multiples of 8). */
    public static boolean isValidEntrySize(int entrySize) {
        return entrySize == ENTRY_SIZE_128 || entrySize == ENTRY_SIZE_192 || entrySize == ENTRY_SIZE_256;
    }

    /** Byte offset of descriptor slot {@code slot} inside an entry ({@code 16 * slot}). */
    public static int slotOffset(int slot) {
        return slot * DESC_SLOT_BYTES;
    }

    /** Byte offset of the pushed header inside the first entry of a packet ({@code 16 * D}). */
    public static int headerOffset(int descsBeforeHeader) {
        return descsBeforeHeader * DESC_SLOT_BYTES;
    }

    /**
     * Header room of the first entry, {@code E - 16 * D} = the per-SQ {@code tx_max_header_size} (§9.1): 96 for
     * 128-byte entries and 224 for 256-byte entries with D = 2. Zero or negative means the configuration leaves no
     * header room and must be rejected (the reference layer answers -EINVAL, vector {@code config_dev_mode}).
     */
    public static int maxHeaderSize(int entrySize, int descsBeforeHeader) {
        return entrySize - descsBeforeHeader * DESC_SLOT_BYTES;
    }

    /**
     * Descriptors per continuation entry: {@code E / 16} with stride MULTIPLE_DESCS_PER_ENTRY (8 for 128 B, 16 for
     * 256 B), 1 with SINGLE_DESC_PER_ENTRY (§9.1).
     */
    public static int descsPerEntry(int entrySize, boolean multipleDescsPerEntry) {
        return multipleDescsPerEntry ? entrySize / DESC_SLOT_BYTES : 1;
    }

    /**
     * Entries a packet of {@code descs} descriptors (meta + data) occupies (§9.2): 0 for no descriptor, 1 if
     * {@code descs <= D}, else {@code 1 + ceil((descs - D) / descsPerEntry)}; -1 if {@code descsPerEntry < 1} or
     * {@code descsBeforeHeader < 0}.
     */
    public static int entriesForPacket(int descs, int descsBeforeHeader, int descsPerEntry) {
        if (descsPerEntry < 1 || descsBeforeHeader < 0) {
            return -1;
        }
        if (descs <= 0) {
            return 0;
        }
        if (descs <= descsBeforeHeader) {
            return 1;
        }
        return 1 + (descs - descsBeforeHeader + descsPerEntry - 1) / descsPerEntry;
    }

    /**
     * Byte offset of the entry for free-running {@code tail} relative to the SQ's {@code llq_descriptors_offset}
     * in BAR 2: {@code (tail & (depth - 1)) * entrySize} (§9.4). {@code depth} must be a power of two.
     */
    public static long entryOffset(int tail, int depth, int entrySize) {
        return (long) (tail & (depth - 1)) * entrySize;
    }
}

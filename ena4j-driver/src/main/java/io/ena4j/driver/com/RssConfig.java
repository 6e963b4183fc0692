package io.ena4j.driver.com;

import java.util.Arrays;

/**
 * A desired RSS configuration and the RSS wire constants (management.md §8.10, §8.11, §8.13), applied by
 * {@link EnaAdmin#applyRss(RssConfig)} the way the reference driver does at interface up (§13.2 step 5).
 *
 * <p>Indirection-table entries hold <em>device SQ indexes of Rx SQs</em> ({@link IoSq#sqIdx()}), which the
 * device reads from a field named {@code cq_idx} (§8.11). ena4j keeps no queue-id table of its own, so callers
 * pass device indexes directly instead of the reference's host queue ids.
 *
 * @param hashFunction      {@link #FUNC_TOEPLITZ} or {@link #FUNC_CRC32}
 * @param key               40-byte Toeplitz key, or null to keep the device's current key (also for CRC32)
 * @param initVal           initial hash value (Linux uses {@link #INIT_VAL_LINUX}, DPDK 0)
 * @param indirectionTable  device Rx SQ index per entry; length must equal the table size set up by
 *                          {@link EnaAdmin#rssInit}
 * @param hashFields        16 per-protocol field bitmaps, or null for the driver defaults of §8.13 applied to
 *                          the device's current selection
 */
public record RssConfig(int hashFunction, byte[] key, int initVal, int[] indirectionTable, int[] hashFields) {

    /** Hash function code 1: Toeplitz (bit 1 of the function bitmaps). */
    public static final int FUNC_TOEPLITZ = 1;
    /** Hash function code 2: CRC32 (bit 2). */
    public static final int FUNC_CRC32 = 2;
    /** Toeplitz key length in bytes. */
    public static final int KEY_SIZE = 40;
    /** Key length in 32-bit words ({@code key_parts}). */
    public static final int KEY_PARTS = 10;
    /** Size of the hash-key control buffer: key_parts, RSVD, key (§8.10). */
    public static final int KEY_STRUCT_SIZE = 48;
    /** init_val the Linux driver uses. */
    public static final int INIT_VAL_LINUX = 0xFFFFFFFF;
    /** Largest indirection-table log2 size the driver accepts (§14). */
    public static final int MAX_TABLE_LOG_SIZE = 16;
    /** Size of one indirection-table entry in bytes (u16 cq_idx, u16 RSVD). */
    public static final int TABLE_ENTRY_SIZE = 4;
    /** Size of the hash-input control buffer (§8.13). */
    public static final int HASH_CTRL_SIZE = 256;
    /** Number of protocol slots in the hash-input table. */
    public static final int PROTO_NUM = 16;
    /** Protocol 0: TCP/IPv4. */
    public static final int PROTO_TCP4 = 0;
    /** Protocol 1: UDP/IPv4. */
    public static final int PROTO_UDP4 = 1;
    /** Protocol 2: TCP/IPv6. */
    public static final int PROTO_TCP6 = 2;
    /** Protocol 3: UDP/IPv6. */
    public static final int PROTO_UDP6 = 3;
    /** Protocol 4: other IPv4. */
    public static final int PROTO_IP4 = 4;
    /** Protocol 5: other IPv6. */
    public static final int PROTO_IP6 = 5;
    /** Protocol 6: IPv4 fragment. */
    public static final int PROTO_IP4_FRAG = 6;
    /** Protocol 7: not IP. */
    public static final int PROTO_NOT_IP = 7;
    /** Protocol 8: TCP/IPv6 with extension headers. */
    public static final int PROTO_TCP6_EX = 8;
    /** Protocol 9: IPv6 with extension headers. */
    public static final int PROTO_IP6_EX = 9;
    /** Field bit 0: L2 destination MAC. */
    public static final int FIELD_L2_DA = 1;
    /** Field bit 1: L2 source MAC. */
    public static final int FIELD_L2_SA = 1 << 1;
    /** Field bit 2: L3 destination address. */
    public static final int FIELD_L3_DA = 1 << 2;
    /** Field bit 3: L3 source address. */
    public static final int FIELD_L3_SA = 1 << 3;
    /** Field bit 4: L4 destination port. */
    public static final int FIELD_L4_DP = 1 << 4;
    /** Field bit 5: L4 source port. */
    public static final int FIELD_L4_SP = 1 << 5;
    /** enabled_input_sort bit 1: L3 sort (symmetric addresses). */
    public static final int INPUT_SORT_L3 = 1 << 1;
    /** enabled_input_sort bit 2: L4 sort (symmetric ports). */
    public static final int INPUT_SORT_L4 = 1 << 2;

    /** Validates every part; messages name the value and the accepted range. */
    public RssConfig {
        if (hashFunction != FUNC_TOEPLITZ && hashFunction != FUNC_CRC32) {
            throw new IllegalArgumentException("RSS hash function " + hashFunction
                    + " out of range: accepted 1 (Toeplitz), 2 (CRC32)");
        }
        if (key != null && key.length != KEY_SIZE) {
            throw new IllegalArgumentException("RSS key length " + key.length + " out of range: accepted " + KEY_SIZE);
        }
        key = key == null ? null : key.clone();
        if (indirectionTable != null) {
            checkTable(indirectionTable);
            indirectionTable = indirectionTable.clone();
        }
        if (hashFields != null) {
            if (hashFields.length != PROTO_NUM) {
                throw new IllegalArgumentException("hash field table length " + hashFields.length
                        + " out of range: accepted " + PROTO_NUM);
            }
            for (int i = 0; i < PROTO_NUM; i++) {
                if ((hashFields[i] & ~0xFFFF) != 0) {
                    throw new IllegalArgumentException("hash fields 0x" + Integer.toHexString(hashFields[i])
                            + " of protocol " + i + " out of range: accepted 0..0xFFFF");
                }
            }
            hashFields = hashFields.clone();
        }
    }

    /** The key (a copy), or null. */
    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** The indirection table (a copy), or null. */
    @Override
    public int[] indirectionTable() {
        return indirectionTable == null ? null : indirectionTable.clone();
    }

    /** The hash-field table (a copy), or null. */
    @Override
    public int[] hashFields() {
        return hashFields == null ? null : hashFields.clone();
    }

    /**
     * The Linux driver's configuration (§13.1 step 16, §8.11): Toeplitz keeping the device's key,
     * {@code init_val = 0xFFFFFFFF}, entry i → {@code rxSqIdx[i mod n]}, default hash fields.
     */
    public static RssConfig linuxDefaults(int tableLogSize, int[] rxSqIdx) {
        return new RssConfig(FUNC_TOEPLITZ, null, INIT_VAL_LINUX, defaultIndirectionTable(tableLogSize, rxSqIdx), null);
    }

    /** Default table contents (§8.11): entry i → Rx queue {@code i mod rxSqIdx.length}. */
    public static int[] defaultIndirectionTable(int tableLogSize, int[] rxSqIdx) {
        if (tableLogSize < 0 || tableLogSize > MAX_TABLE_LOG_SIZE) {
            throw new IllegalArgumentException("indirection table log size " + tableLogSize
                    + " out of range: accepted 0.."
                    + MAX_TABLE_LOG_SIZE);
        }
        if (rxSqIdx.length == 0) {
            throw new IllegalArgumentException("need at least one Rx SQ index for the indirection table");
        }
        int[] t = new int[1 << tableLogSize];
        for (int i = 0; i < t.length; i++) {
            t[i] = rxSqIdx[i % rxSqIdx.length];
        }
        checkTable(t);
        return t;
    }

    /**
     * Driver default hash fields for {@code proto} (§8.13): TCP4/UDP4/TCP6/UDP6 → L3+L4 addresses and ports
     * ({@code 0x3C}); IP4/IP6/IP4_FRAG → L3 addresses ({@code 0x0C}); NOT_IP → L2 addresses ({@code 0x03}); every
     * other protocol keeps {@code current} (what the device returned).
     */
    public static int defaultHashFields(int proto, int current) {
        return switch (proto) {
            case PROTO_TCP4, PROTO_UDP4, PROTO_TCP6, PROTO_UDP6 ->
                    FIELD_L3_SA | FIELD_L3_DA | FIELD_L4_DP | FIELD_L4_SP;
            case PROTO_IP4, PROTO_IP6, PROTO_IP4_FRAG -> FIELD_L3_SA | FIELD_L3_DA;
            case PROTO_NOT_IP -> FIELD_L2_DA | FIELD_L2_SA;
            default -> current;
        };
    }

    private static void checkTable(int[] t) {
        if (t.length == 0 || Integer.bitCount(t.length) != 1 || t.length > (1 << MAX_TABLE_LOG_SIZE)) {
            throw new IllegalArgumentException("indirection table length " + t.length
                    + " out of range: accepted powers of two 1..65536");
        }
        for (int i = 0; i < t.length; i++) {
            if ((t[i] & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("indirection entry " + i + " = " + t[i]
                        + " out of range: accepted SQ indexes 0..65535");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RssConfig r && hashFunction == r.hashFunction && initVal == r.initVal
                && Arrays.equals(key, r.key) && Arrays.equals(indirectionTable, r.indirectionTable)
                && Arrays.equals(hashFields, r.hashFields);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * hashFunction + initVal) + Arrays.hashCode(indirectionTable);
    }

    @Override
    public String toString() {
        return "RssConfig[function=" + hashFunction + ", key=" + (key == null ? "device" : "set") + ", initVal=0x"
                + Integer.toHexString(initVal) + ", table=" + (indirectionTable == null ? "none"
                : indirectionTable.length + " entries") + ", fields=" + Arrays.toString(hashFields) + "]";
    }
}

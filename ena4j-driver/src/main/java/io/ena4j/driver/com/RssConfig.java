package io.ena4j.driver.com;

import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionTable;

import java.util.Arrays;

/**
 * A desired RSS configuration (management.md §8.10, §8.11, §8.13), applied by {@link EnaAdmin#applyRss(RssConfig)}
 * the way the reference driver does at interface up (§13.2 step 5). The codes and sizes are those of the spec
 * structures {@link RssHashFunction}, {@link RssHashKey}, {@link RssIndirectionTable} and
 * {@link RssHashInputTable}.
 *
 * <p>Indirection-table entries hold <em>device SQ indexes of Rx SQs</em> ({@link SqInfo#sqIdx()}), which the
 * device reads from a field named {@code cq_idx} (§8.11). ena4j keeps no queue-id table of its own, so callers
 * pass device indexes directly instead of the reference's host queue ids.
 *
 * @param hashFunction      {@link RssHashFunction#TOEPLITZ} or {@link RssHashFunction#CRC32}
 * @param key               {@value RssHashKey#KEY_SIZE}-byte Toeplitz key, or null to keep the device's current key
 *                          (also for CRC32)
 * @param initVal           initial hash value (Linux uses {@link RssHashFunction#LINUX_INIT_VAL}, DPDK 0)
 * @param indirectionTable  device Rx SQ index per entry; length must equal the table size set up by
 *                          {@link EnaAdmin#rssInit}
 * @param hashFields        {@value RssHashInputTable#PROTO_SLOTS} per-protocol field bitmaps, or null for the driver
 *                          defaults of §8.13 applied to the device's current selection
 */
public record RssConfig(int hashFunction, byte[] key, int initVal, int[] indirectionTable, int[] hashFields) {

    /** Validates every part; messages name the value and the accepted range. */
    public RssConfig {
        if (hashFunction != RssHashFunction.TOEPLITZ && hashFunction != RssHashFunction.CRC32) {
            throw new IllegalArgumentException("RSS hash function " + hashFunction
                    + " out of range: accepted 1 (Toeplitz), 2 (CRC32)");
        }
        if (key != null && key.length != RssHashKey.KEY_SIZE) {
            throw new IllegalArgumentException("RSS key length " + key.length + " out of range: accepted "
                    + RssHashKey.KEY_SIZE);
        }
        key = key == null ? null : key.clone();
        if (indirectionTable != null) {
            checkTable(indirectionTable);
            indirectionTable = indirectionTable.clone();
        }
        if (hashFields != null) {
            if (hashFields.length != RssHashInputTable.PROTO_SLOTS) {
                throw new IllegalArgumentException("hash field table length " + hashFields.length
                        + " out of range: accepted " + RssHashInputTable.PROTO_SLOTS);
            }
            for (int i = 0; i < RssHashInputTable.PROTO_SLOTS; i++) {
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
        return new RssConfig(RssHashFunction.TOEPLITZ, null, RssHashFunction.LINUX_INIT_VAL,
                defaultIndirectionTable(tableLogSize, rxSqIdx), null);
    }

    /** Default table contents (§8.11): entry i → Rx queue {@code i mod rxSqIdx.length}. */
    public static int[] defaultIndirectionTable(int tableLogSize, int[] rxSqIdx) {
        if (tableLogSize < 0 || tableLogSize > RssIndirectionTable.MAX_LOG_SIZE) {
            throw new IllegalArgumentException("indirection table log size " + tableLogSize
                    + " out of range: accepted 0.." + RssIndirectionTable.MAX_LOG_SIZE);
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
            case RssHashInputTable.PROTO_TCP4, RssHashInputTable.PROTO_UDP4, RssHashInputTable.PROTO_TCP6,
                 RssHashInputTable.PROTO_UDP6 -> RssHashInputTable.DEFAULT_L4;
            case RssHashInputTable.PROTO_IP4, RssHashInputTable.PROTO_IP6, RssHashInputTable.PROTO_IP4_FRAG ->
                    RssHashInputTable.DEFAULT_L3;
            case RssHashInputTable.PROTO_NOT_IP -> RssHashInputTable.DEFAULT_L2;
            default -> current;
        };
    }

    private static void checkTable(int[] t) {
        if (t.length == 0 || Integer.bitCount(t.length) != 1 || t.length > (1 << RssIndirectionTable.MAX_LOG_SIZE)) {
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

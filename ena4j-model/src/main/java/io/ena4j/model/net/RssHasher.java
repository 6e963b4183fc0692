package io.ena4j.model.net;

import io.ena4j.spec.admin.RssHashInput;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The device's RSS hash (datapath.md §14.2, §14.3): one instance per Rx engine; {@link #configure} when the driver
 * sets RSS_HASH_FUNCTION (feature 10) or RSS_HASH_INPUT (feature 18), {@link #hash} per received packet.
 *
 * <h2>Hash input (§14.2, §14.3)</h2>
 * The bytes hashed are the fields selected by {@code selectedFields[info.hashProto]}, in network byte order, in this
 * order:
 * <pre>
 *   L2 DA (6) | L2 SA (6) | L3 SA (4 or 16) | L3 DA (4 or 16) | L4 SP (2) | L4 DP (2)
 *   bit0        bit1        bit3              bit2              bit5        bit4
 * </pre>
 * <ul>
 *   <li>L3 source-then-destination, then ports, is the order of Amazon's calculator (IPv4) and of Microsoft's RSS
 *       definition; that IPv6 uses 16-byte addresses in the same order is the spec's presumption (§14.2
 *       [UNCERTAIN]), matched here and checked against Microsoft's IPv6 vectors.</li>
 *   <li>[decision, inferred] L2 fields: destination then source, as they appear in the frame; they are used in any
 *       slot that selects them (the Linux default selects them only for NOT_IP).</li>
 *   <li>A field is present only if the frame has it: addresses need {@code info.l3Proto} IPv4/IPv6; ports need a
 *       TCP/UDP header and a port-carrying slot (TCP4, UDP4, TCP6, UDP6, TCP6_EX). [decision] The IP4_FRAG and
 *       IP6_EX slots never take ports, even from a first fragment, so every fragment of a datagram hashes alike.
 *       A field that lies outside the frame (inconsistent {@code info}) is left out, never read.</li>
 *   <li>Input sort ({@code enabled_input_sort}, §14.3): bit 1 swaps the L3 addresses when DA &lt; SA, bit 2 swaps the
 *       ports when DP &lt; SP (unsigned, byte-wise big-endian compare), before field selection. The two swaps are
 *       independent, so with both bits set hash(a→b) == hash(b→a). Whether configurable-key hardware sorts is
 *       [UNCERTAIN] (§14.3); the model honours what the driver enables.</li>
 * </ul>
 *
 * <h2>Functions</h2>
 * <ul>
 *   <li>{@link #TOEPLITZ} (§14.2): the effective key is the 40 stored key bytes in reverse order;
 *       {@code hash = initVal ^ toeplitz(effectiveKey, input)}. Per-byte-position tables (input byte position × 256
 *       values) are precomputed at {@link #configure}, so {@link #hash} is one lookup and one XOR per input byte, taken
 *       straight from the frame's fields without assembling the input anywhere.
 *       [decision] An input longer than the 36 bytes a 40-byte key covers (only when L2 fields are selected together
 *       with IPv6 fields) uses a key zero-extended to the right, like {@link #toeplitz}.</li>
 *   <li>{@link #CRC32}: its definition is not stated anywhere (§14.2, §18 [UNCERTAIN]). [decision] The standard
 *       reflected CRC-32 (IEEE 802.3, polynomial 0xEDB88320, table-driven) over the same input bytes, with
 *       {@code initVal} as the initial register value and a final XOR of 0xFFFFFFFF; with initVal 0xFFFFFFFF (the
 *       Linux default, §14.2) this is exactly zlib's/Ethernet's CRC-32 of the input. The key is not used.</li>
 * </ul>
 * Fixed-key instances (§14.2) use the listed key {@code be ac 01 fa … 56 da} directly as the effective key (that is
 * how Amazon's calculator applies it), so a profile models them by storing that key byte-reversed, with initVal
 * 0xFFFFFFFF and both sort bits. Note: that key is Microsoft's verification key with its ten 32-bit words in reverse
 * order, not the byte-reversed Microsoft key, so it does not reproduce Microsoft's published hashes. The fixed-key
 * variant's 16-bit replication ({@code (h & 0xFFFF) | h << 16}) is a profile matter and not applied here.
 *
 * <p>{@link #hash} keeps no per-call state in the instance, so concurrent calls are safe; a {@link #configure} racing
 * with {@link #hash} is safe too: the whole configuration is swapped as one immutable object, and a packet is hashed
 * entirely with the old or entirely with the new one.
 */
public final class RssHasher {

    /** §14.2 function code 1: Toeplitz. */
    public static final int TOEPLITZ = 1;
    /** §14.2 function code 2: CRC32. */
    public static final int CRC32 = 2;

    /** Key bytes in the SET_FEATURE(10) control buffer (§14.2). */
    static final int KEY_LENGTH = RssHashKey.KEY_LENGTH;
    /** Longest input: L2 DA + SA (12) + IPv6 SA + DA (32) + ports (4). */
    static final int MAX_INPUT = 48;
    /** Field bits defined by §14.3. */
    static final int FIELD_MASK = 0x3F;
    /** Input-sort bits defined by §14.3. */
    static final int SORT_MASK = RssHashInput.L3_SORT | RssHashInput.L4_SORT;
    /** Slots whose packets carry ports into the hash: TCP4, UDP4, TCP6, UDP6, TCP6_EX. */
    private static final int PORT_SLOTS = 1 << FrameInfo.HASH_TCP4 | 1 << FrameInfo.HASH_UDP4
            | 1 << FrameInfo.HASH_TCP6 | 1 << FrameInfo.HASH_UDP6 | 1 << FrameInfo.HASH_TCP6_EX;

    private static final int[] CRC_TABLE = crcTable();

    /** The configuration in force, replaced as a whole by {@link #configure}. */
    private volatile Config config;

    /**
     * An unconfigured hasher: Toeplitz with an all-zero key and initVal 0 (so every hash is 0 until the first
     * {@link #configure}), Linux default field selection (§14.3: 0x3C for TCP/UDP slots, 0x0C for IP slots, 0x03
     * for NOT_IP) and no input sort.
     */
    public RssHasher() {
        int[] fields = new int[RssHashInputTable.PROTO_SLOTS];
        fields[FrameInfo.HASH_TCP4] = RssHashInputTable.DEFAULT_L4;
        fields[FrameInfo.HASH_UDP4] = RssHashInputTable.DEFAULT_L4;
        fields[FrameInfo.HASH_TCP6] = RssHashInputTable.DEFAULT_L4;
        fields[FrameInfo.HASH_UDP6] = RssHashInputTable.DEFAULT_L4;
        fields[FrameInfo.HASH_IP4] = RssHashInputTable.DEFAULT_L3;
        fields[FrameInfo.HASH_IP6] = RssHashInputTable.DEFAULT_L3;
        fields[FrameInfo.HASH_IP4_FRAG] = RssHashInputTable.DEFAULT_L3;
        fields[FrameInfo.HASH_NOT_IP] = RssHashInputTable.DEFAULT_L2;
        configure(TOEPLITZ, new byte[KEY_LENGTH], 0, fields, 0);
    }

    /**
     * Installs a configuration (SET_FEATURE 10 and 18, §14.2/§14.3) and precomputes the Toeplitz tables. Set-up
     * time: allocates. All arguments are validated before anything changes.
     *
     * @param function       {@link #TOEPLITZ} (1) or {@link #CRC32} (2): the function code, not the {@code 1 << code}
     *                       bitmask of the admin command
     * @param keyAsStored    the 40 key bytes exactly as in the control buffer (offset 8..47), not yet reversed
     * @param initVal        {@code init_val}: XORed into the Toeplitz result, the initial CRC register for CRC32
     * @param selectedFields 16 field bitmaps indexed by flow_hash_proto, each within 0x3F
     * @param inputSort      {@code enabled_input_sort}: bit 1 L3 sort, bit 2 L4 sort, no other bits
     * @throws IllegalArgumentException naming the bad value and the accepted range
     */
    public void configure(int function, byte[] keyAsStored, int initVal, int[] selectedFields, int inputSort) {
        if (function != TOEPLITZ && function != CRC32) {
            throw new IllegalArgumentException("RSS hash function = " + function + " is out of range: accepted "
                    + TOEPLITZ + " (TOEPLITZ) or " + CRC32 + " (CRC32)");
        }
        if (keyAsStored == null || keyAsStored.length != KEY_LENGTH) {
            throw new IllegalArgumentException("RSS key length = " + (keyAsStored == null ? "null" : keyAsStored.length)
                    + " bytes; accepted: exactly " + KEY_LENGTH);
        }
        if (selectedFields == null || selectedFields.length != RssHashInputTable.PROTO_SLOTS) {
            throw new IllegalArgumentException("RSS selectedFields length = "
                    + (selectedFields == null ? "null" : selectedFields.length) + "; accepted: exactly "
                    + RssHashInputTable.PROTO_SLOTS);
        }
        for (int i = 0; i < selectedFields.length; i++) {
            if ((selectedFields[i] & ~FIELD_MASK) != 0) {
                throw new IllegalArgumentException("RSS selectedFields[" + i + "] = 0x"
                        + Integer.toHexString(selectedFields[i]) + " is out of range [0x0, 0x3f]");
            }
        }
        if ((inputSort & ~SORT_MASK) != 0) {
            throw new IllegalArgumentException("RSS inputSort = 0x" + Integer.toHexString(inputSort)
                    + " has bits outside the accepted mask 0x" + Integer.toHexString(SORT_MASK));
        }
        byte[] effective = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            effective[i] = keyAsStored[KEY_LENGTH - 1 - i];
        }
        int[] table = function == TOEPLITZ ? toeplitzTable(effective) : null;
        config = new Config(function, initVal, selectedFields.clone(), inputSort, table, effective);
    }

    /**
     * The 32-bit RSS hash of the frame at {@code [off, off + len)} of {@code seg} per the current configuration,
     * using the offsets and slot from {@link FrameParser#parse} (input rules in the class comment). Never throws,
     * never reads outside the frame, allocates nothing.
     */
    public int hash(MemorySegment seg, long off, int len, FrameInfo info) {
        Config c = config;
        int n = Net.available(seg, off, len);
        int slot = info.hashProto;
        int fields = slot >= 0 && slot < RssHashInputTable.PROTO_SLOTS ? c.selectedFields[slot] : 0;
        // Toeplitz accumulates from 0 and XORs initVal at the end; CRC32 starts its register at initVal.
        int acc = c.table != null ? 0 : c.initVal;
        int k = 0;   // input byte position: selects the Toeplitz table row
        if ((fields & RssHashInputTable.L2_DA) != 0 && n >= 6) {
            acc = mix16(c, mix32(c, acc, k, Net.i32(seg, off)), k + 4, Net.u16(seg, off + 4));
            k += 6;
        }
        if ((fields & RssHashInputTable.L2_SA) != 0 && n >= 12) {
            acc = mix16(c, mix32(c, acc, k, Net.i32(seg, off + 6)), k + 4, Net.u16(seg, off + 10));
            k += 6;
        }
        int l3 = info.l3Offset;
        boolean sortL3 = (c.inputSort & RssHashInput.L3_SORT) != 0;
        int l3Fields = fields & (RssHashInputTable.L3_SA | RssHashInputTable.L3_DA);
        if (l3Fields != 0 && l3 >= 0) {
            if (info.l3Proto == FrameInfo.L3_IPV4 && l3 <= n - Checksums.IPV4_MIN_HEADER) {
                int sa = Net.i32(seg, off + l3 + 12);
                int da = Net.i32(seg, off + l3 + 16);
                if (sortL3 && Integer.compareUnsigned(da, sa) < 0) {
                    int t = sa;
                    sa = da;
                    da = t;
                }
                if ((l3Fields & RssHashInputTable.L3_SA) != 0) {
                    acc = mix32(c, acc, k, sa);
                    k += 4;
                }
                if ((l3Fields & RssHashInputTable.L3_DA) != 0) {
                    acc = mix32(c, acc, k, da);
                    k += 4;
                }
            } else if (info.l3Proto == FrameInfo.L3_IPV6 && l3 <= n - Checksums.IPV6_HEADER) {
                long at = off + l3;
                long sHi = Net.i64(seg, at + 8);
                long sLo = Net.i64(seg, at + 16);
                long dHi = Net.i64(seg, at + 24);
                long dLo = Net.i64(seg, at + 32);
                if (sortL3) {
                    int cmp = Long.compareUnsigned(dHi, sHi);
                    if (cmp < 0 || cmp == 0 && Long.compareUnsigned(dLo, sLo) < 0) {
                        long t = sHi;
                        sHi = dHi;
                        dHi = t;
                        t = sLo;
                        sLo = dLo;
                        dLo = t;
                    }
                }
                if ((l3Fields & RssHashInputTable.L3_SA) != 0) {
                    acc = mix64(c, mix64(c, acc, k, sHi), k + 8, sLo);
                    k += 16;
                }
                if ((l3Fields & RssHashInputTable.L3_DA) != 0) {
                    acc = mix64(c, mix64(c, acc, k, dHi), k + 8, dLo);
                    k += 16;
                }
            }
        }
        int l4Fields = fields & (RssHashInputTable.L4_SP | RssHashInputTable.L4_DP);
        int l4 = info.l4Offset;
        if (l4Fields != 0 && (PORT_SLOTS >>> slot & 1) != 0
                && (info.l4Proto == FrameInfo.L4_TCP || info.l4Proto == FrameInfo.L4_UDP)
                && l4 >= 0 && l4 <= n - 4) {
            int ports = Net.i32(seg, off + l4);
            int sp = ports >>> 16;
            int dp = ports & 0xFFFF;
            if ((c.inputSort & RssHashInput.L4_SORT) != 0 && dp < sp) {
                int t = sp;
                sp = dp;
                dp = t;
            }
            if ((l4Fields & RssHashInputTable.L4_SP) != 0) {
                acc = mix16(c, acc, k, sp);
                k += 2;
            }
            if ((l4Fields & RssHashInputTable.L4_DP) != 0) {
                acc = mix16(c, acc, k, dp);
            }
        }
        return c.table != null ? c.initVal ^ acc : ~acc;
    }

    /** Absorbs the 4 bytes of {@code v} (big-endian) at input position {@code k}. */
    private static int mix32(Config c, int acc, int k, int v) {
        int[] t = c.table;
        return t != null ? acc ^ toeplitz32(t, k << 8, v) : crc32Word(acc, v);
    }

    /** Absorbs the 2 bytes of {@code v} (big-endian, low 16 bits) at input position {@code k}. */
    private static int mix16(Config c, int acc, int k, int v) {
        int[] t = c.table;
        return t != null ? acc ^ t[k << 8 | v >>> 8 & 0xFF] ^ t[(k + 1) << 8 | v & 0xFF]
                : crcByte(crcByte(acc, v >>> 8), v);
    }

    /** Absorbs the 8 bytes of {@code v} (big-endian) at input position {@code k}. */
    private static int mix64(Config c, int acc, int k, long v) {
        return mix32(c, mix32(c, acc, k, (int) (v >>> 32)), k + 4, (int) v);
    }

    // Kept tiny so the JIT always inlines them into hash().
    private static int toeplitz32(int[] t, int row, int v) {
        return t[row | v >>> 24] ^ t[row + 256 | v >>> 16 & 0xFF] ^ t[row + 512 | v >>> 8 & 0xFF]
                ^ t[row + 768 | v & 0xFF];
    }

    private static int crc32Word(int crc, int v) {
        return crcByte(crcByte(crcByte(crcByte(crc, v >>> 24), v >>> 16), v >>> 8), v);
    }

    private static int crcByte(int crc, int b) {
        return CRC_TABLE[(crc ^ b) & 0xFF] ^ crc >>> 8;
    }

    /**
     * Standard MSB-first Toeplitz hash of {@code input} with {@code key}, without key reversal or init XOR (the
     * form Microsoft's RSS verification suite is stated in): for every input bit set, counting from the most
     * significant bit of byte 0, XOR the 32-bit key window starting at that bit. Key bits past the end of the key
     * read as 0 (so a 40-byte key fully covers 36 input bytes). For tests and tools; allocates nothing.
     */
    public static int toeplitz(byte[] key, byte[] input) {
        int h = 0;
        for (int i = 0; i < input.length; i++) {
            int b = input[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                if ((b & 0x80 >>> bit) != 0) {
                    h ^= window(key, i * 8 + bit);
                }
            }
        }
        return h;
    }

    /**
     * The {@link #CRC32} function over {@code input[0, length)}: reflected CRC-32 (polynomial 0xEDB88320) starting
     * from register {@code init}, final XOR 0xFFFFFFFF. With {@code init = 0xFFFFFFFF} it equals
     * {@link java.util.zip.CRC32}. For tests and tools; allocates nothing.
     */
    public static int crc32(int init, byte[] input, int length) {
        int crc = init;
        for (int i = 0; i < length; i++) {
            crc = crcByte(crc, input[i]);
        }
        return ~crc;
    }

    /** The configured function code ({@link #TOEPLITZ} or {@link #CRC32}). */
    public int function() {
        return config.function;
    }

    /** The configured init value. */
    public int initVal() {
        return config.initVal;
    }

    /** The configured input-sort bits. */
    public int inputSort() {
        return config.inputSort;
    }

    /** The selected fields of flow_hash_proto {@code slot} (0..15). */
    public int selectedFields(int slot) {
        return config.selectedFields[slot & (RssHashInputTable.PROTO_SLOTS - 1)];
    }

    /** A copy of the effective (byte-reversed) Toeplitz key. */
    public byte[] effectiveKey() {
        return config.effectiveKey.clone();
    }

    /** Debug form; not for the data path. */
    @Override
    public String toString() {
        Config c = config;
        return "RssHasher[function=" + (c.function == TOEPLITZ ? "TOEPLITZ" : "CRC32") + " initVal=0x"
                + Integer.toHexString(c.initVal) + " sort=0x" + Integer.toHexString(c.inputSort) + " fields="
                + Arrays.toString(c.selectedFields) + " effectiveKey=" + HexFormat.of().formatHex(c.effectiveKey)
                + "]";
    }

    /** 32 key bits starting at bit {@code bit} (MSB-first), zero past the key's end. */
    private static int window(byte[] key, int bit) {
        int first = bit >>> 3;
        long v = 0;
        for (int j = 0; j < 5; j++) {
            int idx = first + j;
            v = v << 8 | (idx < key.length ? key[idx] & 0xFF : 0);
        }
        // v holds 40 bits: key bytes first..first+4; the window starts (bit & 7) bits into the first byte.
        return (int) (v >>> (8 - (bit & 7)));
    }

    /** Table[pos * 256 + value] = Toeplitz contribution of input byte {@code value} at byte position {@code pos}. */
    private static int[] toeplitzTable(byte[] key) {
        int[] t = new int[MAX_INPUT * 256];
        int[] windows = new int[8];
        for (int pos = 0; pos < MAX_INPUT; pos++) {
            for (int bit = 0; bit < 8; bit++) {
                windows[bit] = window(key, pos * 8 + bit);
            }
            for (int v = 0; v < 256; v++) {
                int h = 0;
                for (int bit = 0; bit < 8; bit++) {
                    if ((v & 0x80 >>> bit) != 0) {
                        h ^= windows[bit];
                    }
                }
                t[pos << 8 | v] = h;
            }
        }
        return t;
    }

    private static int[] crcTable() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int j = 0; j < 8; j++) {
                c = (c & 1) != 0 ? c >>> 1 ^ 0xEDB88320 : c >>> 1;
            }
            t[i] = c;
        }
        return t;
    }

    /** One immutable configuration, so {@link #configure} swaps it atomically. */
    private record Config(int function, int initVal, int[] selectedFields, int inputSort, int[] table,
                          byte[] effectiveKey) {
    }
}

package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * DEVICE_ATTRIBUTES (feature 1) GET payload (management.md §8.2). Offsets are relative to the payload start:
 * pass {@code entryBase + FeatureCmd.GET_PAYLOAD}.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u32       impl_id
 *  +4   u32       device_version
 *  +8   u32       supported_features
 *  +12  u32       capabilities
 *  +16  u32       phys_addr_width
 *  +20  u32       virt_addr_width
 *  +24  u8[6]     mac_addr
 *  +30  u16       flow_steering_max_entries
 *  +32  u32       max_mtu
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class DeviceAttributes {

    private DeviceAttributes() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 36;
    /** Offset of impl_id. */
    public static final long IMPL_ID_OFFSET = 0;
    /** Offset of device_version. */
    public static final long DEVICE_VERSION_OFFSET = 4;
    /** Offset of supported_features. */
    public static final long SUPPORTED_FEATURES_OFFSET = 8;
    /** Offset of capabilities. */
    public static final long CAPABILITIES_OFFSET = 12;
    /** Offset of phys_addr_width. */
    public static final long PHYS_ADDR_WIDTH_OFFSET = 16;
    /** Offset of virt_addr_width. */
    public static final long VIRT_ADDR_WIDTH_OFFSET = 20;
    /** Offset of mac_addr. */
    public static final long MAC_ADDR_OFFSET = 24;
    /** Length of mac_addr in bytes. */
    public static final int MAC_ADDR_LENGTH = 6;
    /** Offset of flow_steering_max_entries. */
    public static final long FLOW_STEERING_MAX_ENTRIES_OFFSET = 30;
    /** Offset of max_mtu. */
    public static final long MAX_MTU_OFFSET = 32;

    /** impl_id (u32, raw bits). */
    public static int implId(MemorySegment s, long base) {
        return Le.u32(s, base + IMPL_ID_OFFSET);
    }

    /** Sets impl_id. */
    public static void implId(MemorySegment s, long base, int v) {
        Le.u32(s, base + IMPL_ID_OFFSET, v);
    }

    /** device_version (u32, raw bits). */
    public static int deviceVersion(MemorySegment s, long base) {
        return Le.u32(s, base + DEVICE_VERSION_OFFSET);
    }

    /** Sets device_version. */
    public static void deviceVersion(MemorySegment s, long base, int v) {
        Le.u32(s, base + DEVICE_VERSION_OFFSET, v);
    }

    /** supported_features: bit N = feature id N supported (u32, raw bits). */
    public static int supportedFeatures(MemorySegment s, long base) {
        return Le.u32(s, base + SUPPORTED_FEATURES_OFFSET);
    }

    /** Sets supported_features. */
    public static void supportedFeatures(MemorySegment s, long base, int v) {
        Le.u32(s, base + SUPPORTED_FEATURES_OFFSET, v);
    }

    /** capabilities bitmap (CAP_* constants) (u32, raw bits). */
    public static int capabilities(MemorySegment s, long base) {
        return Le.u32(s, base + CAPABILITIES_OFFSET);
    }

    /** Sets capabilities. */
    public static void capabilities(MemorySegment s, long base, int v) {
        Le.u32(s, base + CAPABILITIES_OFFSET, v);
    }

    /** phys_addr_width (unused by Linux; it uses CAPS) (u32, raw bits). */
    public static int physAddrWidth(MemorySegment s, long base) {
        return Le.u32(s, base + PHYS_ADDR_WIDTH_OFFSET);
    }

    /** Sets phys_addr_width. */
    public static void physAddrWidth(MemorySegment s, long base, int v) {
        Le.u32(s, base + PHYS_ADDR_WIDTH_OFFSET, v);
    }

    /** virt_addr_width (unused) (u32, raw bits). */
    public static int virtAddrWidth(MemorySegment s, long base) {
        return Le.u32(s, base + VIRT_ADDR_WIDTH_OFFSET);
    }

    /** Sets virt_addr_width. */
    public static void virtAddrWidth(MemorySegment s, long base, int v) {
        Le.u32(s, base + VIRT_ADDR_WIDTH_OFFSET, v);
    }

    /** mac_addr, network byte order (first octet first) (6 bytes). */
    public static byte[] macAddr(MemorySegment s, long base) {
        return Le.bytes(s, base + MAC_ADDR_OFFSET, MAC_ADDR_LENGTH);
    }

    /** Sets mac_addr: copies at most 6 bytes, zero-fills the rest of the field. */
    public static void macAddr(MemorySegment s, long base, byte[] v) {
        Le.bytes(s, base + MAC_ADDR_OFFSET, MAC_ADDR_LENGTH, v);
    }

    /** flow_steering_max_entries (RSVD in older definitions) (u16). */
    public static int flowSteeringMaxEntries(MemorySegment s, long base) {
        return Le.u16(s, base + FLOW_STEERING_MAX_ENTRIES_OFFSET);
    }

    /** Sets flow_steering_max_entries. */
    public static void flowSteeringMaxEntries(MemorySegment s, long base, int v) {
        Le.u16(s, base + FLOW_STEERING_MAX_ENTRIES_OFFSET, v);
    }

    /** max_mtu in bytes, L2 header excluded (u32, raw bits). */
    public static int maxMtu(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_MTU_OFFSET);
    }

    /** Sets max_mtu. */
    public static void maxMtu(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_MTU_OFFSET, v);
    }


    /** capabilities bit 0: GET_STATS type ENI available. */
    public static final int CAP_ENI_STATS = 1 << 0;
    /** capabilities bit 1: GET_STATS type ENA_SRD available. */
    public static final int CAP_ENA_SRD_INFO = 1 << 1;
    /** capabilities bit 2: GET_STATS type CUSTOMER_METRICS available. */
    public static final int CAP_CUSTOMER_METRICS = 1 << 2;
    /** capabilities bit 3: DEV_CTL carries reset-reason bits 7:4 (§5.2). */
    public static final int CAP_EXTENDED_RESET_REASONS = 1 << 3;
    /** capabilities bit 4: must-be-zero bits of I/O completions are guaranteed 0. */
    public static final int CAP_CDESC_MBZ = 1 << 4;
}

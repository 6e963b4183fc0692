package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/**
 * DEVICE_ATTRIBUTES (feature 1) as returned by GET_FEATURE (management.md §8.2).
 *
 * <pre>
 * G+8  u32 impl_id              G+24 u32 phys_addr_width
 * G+12 u32 device_version       G+28 u32 virt_addr_width
 * G+16 u32 supported_features   G+32 u8[6] mac_addr (network order)
 * G+20 u32 capabilities         G+38 u16 flow_steering_max_entries
 *                               G+40 u32 max_mtu
 * </pre>
 *
 * @param implId                 implementation id (informational)
 * @param deviceVersion          device version (informational)
 * @param supportedFeatures      bit N = feature id N supported (§8.1)
 * @param capabilities           capability bitmap ({@link #CAP_ENI_STATS} ...)
 * @param physAddrWidth          physical address bits (not used: the DMA width comes from CAPS, §2.4)
 * @param virtAddrWidth          virtual address bits (unused)
 * @param mac                    unicast MAC, first octet first (6 bytes)
 * @param flowSteeringMaxEntries number of flow-steering rule slots
 * @param maxMtu                 largest MTU in bytes (L2 header excluded), unsigned
 */
public record DeviceAttributes(int implId, int deviceVersion, int supportedFeatures, int capabilities,
        int physAddrWidth, int virtAddrWidth, byte[] mac, int flowSteeringMaxEntries, long maxMtu) {

    /** Capability bit 0: GET_STATS type ENI available. */
    public static final int CAP_ENI_STATS = 0;
    /** Capability bit 1: GET_STATS type ENA SRD available. */
    public static final int CAP_ENA_SRD_INFO = 1;
    /** Capability bit 2: GET_STATS type customer metrics available. */
    public static final int CAP_CUSTOMER_METRICS = 2;
    /** Capability bit 3: DEV_CTL carries reset reason bits 7:4 (§5.2). */
    public static final int CAP_EXTENDED_RESET_REASONS = 3;
    /** Capability bit 4: completion-descriptor must-be-zero bits are guaranteed zero. */
    public static final int CAP_CDESC_MBZ = 4;

    /** Copies the MAC so the record stays immutable. */
    public DeviceAttributes {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + mac.length);
        }
        mac = mac.clone();
    }

    /** The MAC (a copy). */
    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** True if capability bit {@code bit} is set. */
    public boolean hasCapability(int bit) {
        return bit >= 0 && bit < 32 && (capabilities & (1 << bit)) != 0;
    }

    /**
     * True if the MAC is a valid unicast address (not all zero, group bit clear). The driver replaces an
     * invalid one with a random address (§8.2); this layer only reports it.
     */
    public boolean macIsValidUnicast() {
        boolean allZero = true;
        for (byte b : mac) {
            allZero &= b == 0;
        }
        return !allZero && (mac[0] & 0x01) == 0;
    }

    /** The MAC as lowercase hex without separators. */
    public String macHex() {
        return HexFormat.of().formatHex(mac);
    }

    static DeviceAttributes parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new DeviceAttributes(AdminWire.u32(r, p), AdminWire.u32(r, p + 4), AdminWire.u32(r, p + 8),
                AdminWire.u32(r, p + 12), AdminWire.u32(r, p + 16), AdminWire.u32(r, p + 20),
                AdminWire.bytes(r, p + 24, 6), AdminWire.u16(r, p + 30), AdminWire.u32Unsigned(r, p + 32));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceAttributes d && implId == d.implId && deviceVersion == d.deviceVersion
                && supportedFeatures == d.supportedFeatures && capabilities == d.capabilities
                && physAddrWidth == d.physAddrWidth && virtAddrWidth == d.virtAddrWidth
                && java.util.Arrays.equals(mac, d.mac) && flowSteeringMaxEntries == d.flowSteeringMaxEntries
                && maxMtu == d.maxMtu;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(implId, deviceVersion, supportedFeatures, capabilities,
                java.util.Arrays.hashCode(mac), maxMtu);
    }

    @Override
    public String toString() {
        return "DeviceAttributes[implId=" + implId + ", deviceVersion=0x" + Integer.toHexString(deviceVersion)
                + ", supportedFeatures=0x" + Integer.toHexString(supportedFeatures) + ", capabilities=0x"
                + Integer.toHexString(capabilities) + ", mac=" + macHex() + ", flowSteeringMaxEntries="
                + flowSteeringMaxEntries + ", maxMtu=" + maxMtu + "]";
    }
}

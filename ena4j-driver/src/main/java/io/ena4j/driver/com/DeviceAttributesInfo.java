package io.ena4j.driver.com;

import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureCmd;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * DEVICE_ATTRIBUTES (feature 1) as returned by GET_FEATURE (management.md §8.2), parsed from the wire structure
 * {@link DeviceAttributes} (whose name this record does not reuse: driver values of a spec structure carry the
 * suffix {@code Info}).
 *
 * @param implId                 implementation id (informational)
 * @param deviceVersion          device version (informational)
 * @param supportedFeatures      bit N = feature id N supported (§8.1)
 * @param capabilities           capability bitmap ({@link DeviceAttributes#CAP_ENI_STATS} ...)
 * @param physAddrWidth          physical address bits (not used: the DMA width comes from CAPS, §2.4)
 * @param virtAddrWidth          virtual address bits (unused)
 * @param mac                    unicast MAC, first octet first (6 bytes)
 * @param flowSteeringMaxEntries number of flow-steering rule slots
 * @param maxMtu                 largest MTU in bytes (L2 header excluded), unsigned
 */
public record DeviceAttributesInfo(int implId, int deviceVersion, int supportedFeatures, int capabilities,
        int physAddrWidth, int virtAddrWidth, byte[] mac, int flowSteeringMaxEntries, long maxMtu) {

    /** Copies the MAC so the record stays immutable. */
    public DeviceAttributesInfo {
        if (mac.length != DeviceAttributes.MAC_ADDR_LENGTH) {
            throw new IllegalArgumentException("MAC must be " + DeviceAttributes.MAC_ADDR_LENGTH + " bytes, got "
                    + mac.length);
        }
        mac = mac.clone();
    }

    /** The MAC (a copy). */
    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /**
     * True if every bit of {@code capability} is set, e.g. {@code hasCapability(DeviceAttributes.CAP_CDESC_MBZ)}
     * (§8.2); false for 0.
     *
     * @param capability a {@code CAP_*} mask of {@link DeviceAttributes}
     */
    public boolean hasCapability(int capability) {
        return capabilityBitsSet(capabilities, capability);
    }

    /** True if {@code mask} is non-zero and all its bits are set in {@code capabilities}. */
    static boolean capabilityBitsSet(int capabilities, int mask) {
        return mask != 0 && (capabilities & mask) == mask;
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

    /** Parses the GET_FEATURE response {@code r} (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static DeviceAttributesInfo parse(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new DeviceAttributesInfo(DeviceAttributes.implId(r, p), DeviceAttributes.deviceVersion(r, p),
                DeviceAttributes.supportedFeatures(r, p), DeviceAttributes.capabilities(r, p),
                DeviceAttributes.physAddrWidth(r, p), DeviceAttributes.virtAddrWidth(r, p),
                DeviceAttributes.macAddr(r, p), DeviceAttributes.flowSteeringMaxEntries(r, p),
                Integer.toUnsignedLong(DeviceAttributes.maxMtu(r, p)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceAttributesInfo d && implId == d.implId && deviceVersion == d.deviceVersion
                && supportedFeatures == d.supportedFeatures && capabilities == d.capabilities
                && physAddrWidth == d.physAddrWidth && virtAddrWidth == d.virtAddrWidth
                && Arrays.equals(mac, d.mac) && flowSteeringMaxEntries == d.flowSteeringMaxEntries
                && maxMtu == d.maxMtu;
    }

    @Override
    public int hashCode() {
        return Objects.hash(implId, deviceVersion, supportedFeatures, capabilities, Arrays.hashCode(mac), maxMtu);
    }

    @Override
    public String toString() {
        return "DeviceAttributesInfo[implId=" + implId + ", deviceVersion=0x" + Integer.toHexString(deviceVersion)
                + ", supportedFeatures=0x" + Integer.toHexString(supportedFeatures) + ", capabilities=0x"
                + Integer.toHexString(capabilities) + ", mac=" + macHex() + ", flowSteeringMaxEntries="
                + flowSteeringMaxEntries + ", maxMtu=" + maxMtu + "]";
    }
}

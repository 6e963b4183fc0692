package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Host information in the shared 4 KiB host-info page (management.md §12.1); 196 bytes defined, rest zero.
 * The driver rewrites supported_network_features every second; the page stays shared with the device.
 *
 * <pre>
 *  off  type      field
 *  +0   u32       os_type
 *  +4   u8[128]   os_dist_str
 *  +132 u32       os_dist
 *  +136 u8[32]    kernel_ver_str
 *  +168 u32       kernel_ver
 *  +172 u32       driver_version
 *  +172 u32[7:0]  driver_version.major
 *  +172 u32[15:8] driver_version.minor
 *  +172 u32[23:16] driver_version.sub_minor
 *  +172 u32[31:24] driver_version.module_type
 *  +176 u64       supported_network_features
 *  +184 u16       ena_spec_version
 *  +186 u16       bdf
 *  +186 u16[2:0]  bdf.function
 *  +186 u16[7:3]  bdf.device
 *  +186 u16[15:8] bdf.bus
 *  +188 u16       num_cpus
 *  +192 u32       driver_supported_features
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class HostInfo {

    private HostInfo() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 196;
    /** Offset of os_type. */
    public static final long OS_TYPE_OFFSET = 0;
    /** Offset of os_dist_str. */
    public static final long OS_DIST_STR_OFFSET = 4;
    /** Length of os_dist_str in bytes. */
    public static final int OS_DIST_STR_LENGTH = 128;
    /** Offset of os_dist. */
    public static final long OS_DIST_OFFSET = 132;
    /** Offset of kernel_ver_str. */
    public static final long KERNEL_VER_STR_OFFSET = 136;
    /** Length of kernel_ver_str in bytes. */
    public static final int KERNEL_VER_STR_LENGTH = 32;
    /** Offset of kernel_ver. */
    public static final long KERNEL_VER_OFFSET = 168;
    /** Offset of driver_version. */
    public static final long DRIVER_VERSION_OFFSET = 172;
    /** Offset of driver_version.major. */
    public static final long DRIVER_VERSION_MAJOR_OFFSET = 172;
    /** Bit position of driver_version.major within its 4-byte word. */
    public static final int DRIVER_VERSION_MAJOR_SHIFT = 0;
    /** Mask of driver_version.major in place within its word. */
    public static final int DRIVER_VERSION_MAJOR_MASK = 0xFF;
    /** Offset of driver_version.minor. */
    public static final long DRIVER_VERSION_MINOR_OFFSET = 172;
    /** Bit position of driver_version.minor within its 4-byte word. */
    public static final int DRIVER_VERSION_MINOR_SHIFT = 8;
    /** Mask of driver_version.minor in place within its word. */
    public static final int DRIVER_VERSION_MINOR_MASK = 0xFF00;
    /** Offset of driver_version.sub_minor. */
    public static final long DRIVER_VERSION_SUB_MINOR_OFFSET = 172;
    /** Bit position of driver_version.sub_minor within its 4-byte word. */
    public static final int DRIVER_VERSION_SUB_MINOR_SHIFT = 16;
    /** Mask of driver_version.sub_minor in place within its word. */
    public static final int DRIVER_VERSION_SUB_MINOR_MASK = 0xFF0000;
    /** Offset of driver_version.module_type. */
    public static final long DRIVER_VERSION_MODULE_TYPE_OFFSET = 172;
    /** Bit position of driver_version.module_type within its 4-byte word. */
    public static final int DRIVER_VERSION_MODULE_TYPE_SHIFT = 24;
    /** Mask of driver_version.module_type in place within its word. */
    public static final int DRIVER_VERSION_MODULE_TYPE_MASK = 0xFF000000;
    /** Offset of supported_network_features. */
    public static final long SUPPORTED_NETWORK_FEATURES_OFFSET = 176;
    /** Offset of ena_spec_version. */
    public static final long ENA_SPEC_VERSION_OFFSET = 184;
    /** Offset of bdf. */
    public static final long BDF_OFFSET = 186;
    /** Offset of bdf.function. */
    public static final long BDF_FUNCTION_OFFSET = 186;
    /** Bit position of bdf.function within its 2-byte word. */
    public static final int BDF_FUNCTION_SHIFT = 0;
    /** Mask of bdf.function in place within its word. */
    public static final int BDF_FUNCTION_MASK = 0x7;
    /** Offset of bdf.device. */
    public static final long BDF_DEVICE_OFFSET = 186;
    /** Bit position of bdf.device within its 2-byte word. */
    public static final int BDF_DEVICE_SHIFT = 3;
    /** Mask of bdf.device in place within its word. */
    public static final int BDF_DEVICE_MASK = 0xF8;
    /** Offset of bdf.bus. */
    public static final long BDF_BUS_OFFSET = 186;
    /** Bit position of bdf.bus within its 2-byte word. */
    public static final int BDF_BUS_SHIFT = 8;
    /** Mask of bdf.bus in place within its word. */
    public static final int BDF_BUS_MASK = 0xFF00;
    /** Offset of num_cpus. */
    public static final long NUM_CPUS_OFFSET = 188;
    /** Offset of driver_supported_features. */
    public static final long DRIVER_SUPPORTED_FEATURES_OFFSET = 192;

    /** os_type (OS_* codes) (u32, raw bits). */
    public static int osType(MemorySegment s, long base) {
        return Le.u32(s, base + OS_TYPE_OFFSET);
    }

    /** Sets os_type. */
    public static void osType(MemorySegment s, long base, int v) {
        Le.u32(s, base + OS_TYPE_OFFSET, v);
    }

    /** os_dist_str (128-byte NUL-terminated string). */
    public static String osDistStr(MemorySegment s, long base) {
        return Le.string(s, base + OS_DIST_STR_OFFSET, OS_DIST_STR_LENGTH);
    }

    /** Sets os_dist_str: US-ASCII, truncated to 127 bytes plus NUL, rest zero-filled. */
    public static void osDistStr(MemorySegment s, long base, String v) {
        Le.string(s, base + OS_DIST_STR_OFFSET, OS_DIST_STR_LENGTH, v);
    }

    /** os_dist (u32, raw bits). */
    public static int osDist(MemorySegment s, long base) {
        return Le.u32(s, base + OS_DIST_OFFSET);
    }

    /** Sets os_dist. */
    public static void osDist(MemorySegment s, long base, int v) {
        Le.u32(s, base + OS_DIST_OFFSET, v);
    }

    /** kernel_ver_str (32-byte NUL-terminated string). */
    public static String kernelVerStr(MemorySegment s, long base) {
        return Le.string(s, base + KERNEL_VER_STR_OFFSET, KERNEL_VER_STR_LENGTH);
    }

    /** Sets kernel_ver_str: US-ASCII, truncated to 31 bytes plus NUL, rest zero-filled. */
    public static void kernelVerStr(MemorySegment s, long base, String v) {
        Le.string(s, base + KERNEL_VER_STR_OFFSET, KERNEL_VER_STR_LENGTH, v);
    }

    /** kernel_ver: {@code (a << 16) + (b << 8) + c} (u32, raw bits). */
    public static int kernelVer(MemorySegment s, long base) {
        return Le.u32(s, base + KERNEL_VER_OFFSET);
    }

    /** Sets kernel_ver. */
    public static void kernelVer(MemorySegment s, long base, int v) {
        Le.u32(s, base + KERNEL_VER_OFFSET, v);
    }

    /** driver_version word (u32, raw bits). */
    public static int driverVersion(MemorySegment s, long base) {
        return Le.u32(s, base + DRIVER_VERSION_OFFSET);
    }

    /** Sets driver_version. */
    public static void driverVersion(MemorySegment s, long base, int v) {
        Le.u32(s, base + DRIVER_VERSION_OFFSET, v);
    }

    /** driver_version bits 7:0 major. */
    public static int driverVersionMajor(MemorySegment s, long base) {
        return Le.bits32(s, base + DRIVER_VERSION_MAJOR_OFFSET, DRIVER_VERSION_MAJOR_SHIFT, 8);
    }

    /** Sets driver_version.major. */
    public static void driverVersionMajor(MemorySegment s, long base, int v) {
        Le.bits32(s, base + DRIVER_VERSION_MAJOR_OFFSET, DRIVER_VERSION_MAJOR_SHIFT, 8, v);
    }

    /** driver_version bits 15:8 minor. */
    public static int driverVersionMinor(MemorySegment s, long base) {
        return Le.bits32(s, base + DRIVER_VERSION_MINOR_OFFSET, DRIVER_VERSION_MINOR_SHIFT, 8);
    }

    /** Sets driver_version.minor. */
    public static void driverVersionMinor(MemorySegment s, long base, int v) {
        Le.bits32(s, base + DRIVER_VERSION_MINOR_OFFSET, DRIVER_VERSION_MINOR_SHIFT, 8, v);
    }

    /** driver_version bits 23:16 sub-minor. */
    public static int driverVersionSubMinor(MemorySegment s, long base) {
        return Le.bits32(s, base + DRIVER_VERSION_SUB_MINOR_OFFSET, DRIVER_VERSION_SUB_MINOR_SHIFT, 8);
    }

    /** Sets driver_version.sub_minor. */
    public static void driverVersionSubMinor(MemorySegment s, long base, int v) {
        Le.bits32(s, base + DRIVER_VERSION_SUB_MINOR_OFFSET, DRIVER_VERSION_SUB_MINOR_SHIFT, 8, v);
    }

    /** driver_version bits 31:24 module type. */
    public static int driverVersionModuleType(MemorySegment s, long base) {
        return Le.bits32(s, base + DRIVER_VERSION_MODULE_TYPE_OFFSET, DRIVER_VERSION_MODULE_TYPE_SHIFT, 8);
    }

    /** Sets driver_version.module_type. */
    public static void driverVersionModuleType(MemorySegment s, long base, int v) {
        Le.bits32(s, base + DRIVER_VERSION_MODULE_TYPE_OFFSET, DRIVER_VERSION_MODULE_TYPE_SHIFT, 8, v);
    }

    /** supported_network_features[2] as one u64 (low word then high word) (u64). */
    public static long supportedNetworkFeatures(MemorySegment s, long base) {
        return Le.u64(s, base + SUPPORTED_NETWORK_FEATURES_OFFSET);
    }

    /** Sets supported_network_features. */
    public static void supportedNetworkFeatures(MemorySegment s, long base, long v) {
        Le.u64(s, base + SUPPORTED_NETWORK_FEATURES_OFFSET, v);
    }

    /** ena_spec_version: {@code major << 8 | minor} (u16). */
    public static int enaSpecVersion(MemorySegment s, long base) {
        return Le.u16(s, base + ENA_SPEC_VERSION_OFFSET);
    }

    /** Sets ena_spec_version. */
    public static void enaSpecVersion(MemorySegment s, long base, int v) {
        Le.u16(s, base + ENA_SPEC_VERSION_OFFSET, v);
    }

    /** bdf word (u16). */
    public static int bdf(MemorySegment s, long base) {
        return Le.u16(s, base + BDF_OFFSET);
    }

    /** Sets bdf. */
    public static void bdf(MemorySegment s, long base, int v) {
        Le.u16(s, base + BDF_OFFSET, v);
    }

    /** bdf bits 2:0 function. */
    public static int bdfFunction(MemorySegment s, long base) {
        return Le.bits16(s, base + BDF_FUNCTION_OFFSET, BDF_FUNCTION_SHIFT, 3);
    }

    /** Sets bdf.function. */
    public static void bdfFunction(MemorySegment s, long base, int v) {
        Le.bits16(s, base + BDF_FUNCTION_OFFSET, BDF_FUNCTION_SHIFT, 3, v);
    }

    /** bdf bits 7:3 device. */
    public static int bdfDevice(MemorySegment s, long base) {
        return Le.bits16(s, base + BDF_DEVICE_OFFSET, BDF_DEVICE_SHIFT, 5);
    }

    /** Sets bdf.device. */
    public static void bdfDevice(MemorySegment s, long base, int v) {
        Le.bits16(s, base + BDF_DEVICE_OFFSET, BDF_DEVICE_SHIFT, 5, v);
    }

    /** bdf bits 15:8 bus. */
    public static int bdfBus(MemorySegment s, long base) {
        return Le.bits16(s, base + BDF_BUS_OFFSET, BDF_BUS_SHIFT, 8);
    }

    /** Sets bdf.bus. */
    public static void bdfBus(MemorySegment s, long base, int v) {
        Le.bits16(s, base + BDF_BUS_OFFSET, BDF_BUS_SHIFT, 8, v);
    }

    /** num_cpus (u16). */
    public static int numCpus(MemorySegment s, long base) {
        return Le.u16(s, base + NUM_CPUS_OFFSET);
    }

    /** Sets num_cpus. */
    public static void numCpus(MemorySegment s, long base, int v) {
        Le.u16(s, base + NUM_CPUS_OFFSET, v);
    }

    /** driver_supported_features (FEAT_* bits) (u32, raw bits). */
    public static int driverSupportedFeatures(MemorySegment s, long base) {
        return Le.u32(s, base + DRIVER_SUPPORTED_FEATURES_OFFSET);
    }

    /** Sets driver_supported_features. */
    public static void driverSupportedFeatures(MemorySegment s, long base, int v) {
        Le.u32(s, base + DRIVER_SUPPORTED_FEATURES_OFFSET, v);
    }


    /** Size of the shared host-info page. */
    public static final int PAGE_SIZE = 4096;
    /** OS type: Linux. */
    public static final int OS_LINUX = 1;
    /** OS type: Windows. */
    public static final int OS_WINDOWS = 2;
    /** OS type: DPDK. */
    public static final int OS_DPDK = 3;
    /** OS type: FreeBSD. */
    public static final int OS_FREEBSD = 4;
    /** OS type: iPXE. */
    public static final int OS_IPXE = 5;
    /** ENA spec version the reference driver announces: 2.0. */
    public static final int ENA_SPEC_VERSION = 0x0200;
    /** driver_supported_features bit 1: Rx data at a non-zero buffer offset. */
    public static final int FEAT_RX_OFFSET = 1 << 1;
    /** driver_supported_features bit 2: interrupt moderation. */
    public static final int FEAT_INTERRUPT_MODERATION = 1 << 2;
    /** driver_supported_features bit 3: Rx buffers mapped bidirectionally. */
    public static final int FEAT_RX_BUF_MIRRORING = 1 << 3;
    /** driver_supported_features bit 4: RSS function and key configurable. */
    public static final int FEAT_RSS_CONFIGURABLE_FUNCTION_KEY = 1 << 4;
    /** driver_supported_features bit 6: several Rx buffers per page. */
    public static final int FEAT_RX_PAGE_REUSE = 1 << 6;
    /** driver_supported_features bit 7: IPv6 Tx checksum offload. */
    public static final int FEAT_TX_IPV6_CSUM_OFFLOAD = 1 << 7;
    /** driver_supported_features bit 8: PHC. */
    public static final int FEAT_PHC = 1 << 8;
    /** driver_supported_features bit 9: extended debug-area format. */
    public static final int FEAT_DEBUG_AREA_EXT = 1 << 9;
    /** Value the Linux reference driver announces ({@code 0x3DE}). */
    public static final int LINUX_DRIVER_SUPPORTED_FEATURES = 0x0000_03DE;

    /** Encodes driver_version from its four parts (each masked to 8 bits). */
    public static int driverVersionValue(int major, int minor, int subMinor, int moduleType) {
        return (major & 0xFF) | (minor & 0xFF) << 8 | (subMinor & 0xFF) << 16 | (moduleType & 0xFF) << 24;
    }
}

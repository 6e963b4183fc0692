package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the 4 KiB host-info page that SET_FEATURE(HOST_ATTR_CONFIG) registers (management.md §12.1, §8.17).
 *
 * <pre>
 * +0   u32 os_type             +172 u32 driver_version: 7:0 major, 15:8 minor, 23:16 sub-minor, 31:24 module type
 * +4   [128] os_dist_str       +176 u32[2] supported_network_features (low, high)
 * +132 u32 os_dist             +184 u16 ena_spec_version (major &lt;&lt; 8 | minor)
 * +136 [32] kernel_ver_str     +186 u16 bdf: 2:0 function, 7:3 device, 15:8 bus
 * +168 u32 kernel_ver          +188 u16 num_cpus   +190 u16 RSVD
 *                              +192 u32 driver_supported_features
 * </pre>
 *
 * <p>What ena4j reports, and why:
 * <ul>
 *   <li>{@code os_type} = {@link #OS_TYPE_DPDK} (3). Only the documented codes exist (1 Linux, 2 Windows, 3 DPDK,
 *       4 FreeBSD, 5 iPXE); ena4j is a user-space poll-mode driver with DPDK-style queue handling, so of these
 *       it behaves most like the DPDK PMD. Claiming Linux would tell the device a kernel netdev driver is
 *       present, which is false.</li>
 *   <li>{@code os_dist_str} = "ena4j &lt;version&gt; (Java &lt;version&gt;)": as the DPDK driver puts its own
 *       framework version there, ena4j names itself and its runtime. {@code os_dist} = 0.</li>
 *   <li>{@code kernel_ver_str} / {@code kernel_ver}: the host OS name and version, and its a.b.c as
 *       {@code (a << 16) + (b << 8) + c} when parseable (else 0).</li>
 *   <li>{@code driver_version}: ena4j's own version {@value #DRIVER_VERSION_MAJOR}.{@value #DRIVER_VERSION_MINOR}.
 *       {@value #DRIVER_VERSION_SUBMINOR} with module type character {@code 'j'} (Linux uses {@code 'g'}).</li>
 *   <li>{@code supported_network_features} = 0: there is no OS netdev feature set.</li>
 *   <li>{@code driver_supported_features} = {@link #ENA4J_FEATURES}: RX_OFFSET (the Rx path reports the
 *       completion's packet offset, datapath.md Rx completion {@code offset}) and RSS_CONFIGURABLE_FUNCTION_KEY
 *       ({@link EnaAdmin#fillHashFunction}). Interrupt moderation, Rx buffer mirroring, page reuse, IPv6 Tx
 *       checksum, PHC and the extended debug area are not announced until the layers implementing them exist;
 *       callers may pass a different set.</li>
 * </ul>
 */
public final class HostInfoWriter {

    private HostInfoWriter() {
    }

    /** Size of the page. */
    public static final int PAGE_SIZE = 4096;
    /** Bytes of the page with defined fields. */
    public static final int DEFINED_SIZE = 196;

    /** Offset of os_type. */
    public static final int OS_TYPE_OFF = 0;
    /** Offset of os_dist_str. */
    public static final int OS_DIST_STR_OFF = 4;
    /** Length of os_dist_str. */
    public static final int OS_DIST_STR_LEN = 128;
    /** Offset of os_dist. */
    public static final int OS_DIST_OFF = 132;
    /** Offset of kernel_ver_str. */
    public static final int KERNEL_VER_STR_OFF = 136;
    /** Length of kernel_ver_str. */
    public static final int KERNEL_VER_STR_LEN = 32;
    /** Offset of kernel_ver. */
    public static final int KERNEL_VER_OFF = 168;
    /** Offset of driver_version. */
    public static final int DRIVER_VERSION_OFF = 172;
    /** Offset of supported_network_features[0] (low word; [1] follows). */
    public static final int NETWORK_FEATURES_OFF = 176;
    /** Offset of ena_spec_version. */
    public static final int SPEC_VERSION_OFF = 184;
    /** Offset of bdf. */
    public static final int BDF_OFF = 186;
    /** Offset of num_cpus. */
    public static final int NUM_CPUS_OFF = 188;
    /** Offset of driver_supported_features. */
    public static final int DRIVER_FEATURES_OFF = 192;

    /** os_type 1: Linux. */
    public static final int OS_TYPE_LINUX = 1;
    /** os_type 2: Windows. */
    public static final int OS_TYPE_WINDOWS = 2;
    /** os_type 3: DPDK. */
    public static final int OS_TYPE_DPDK = 3;
    /** os_type 4: FreeBSD. */
    public static final int OS_TYPE_FREEBSD = 4;
    /** os_type 5: iPXE. */
    public static final int OS_TYPE_IPXE = 5;
    /** The os_type ena4j reports (see class comment). */
    public static final int OS_TYPE_ENA4J = OS_TYPE_DPDK;

    /** ena4j major version. */
    public static final int DRIVER_VERSION_MAJOR = 0;
    /** ena4j minor version. */
    public static final int DRIVER_VERSION_MINOR = 1;
    /** ena4j sub-minor version. */
    public static final int DRIVER_VERSION_SUBMINOR = 0;
    /** ena4j module type character. */
    public static final char MODULE_TYPE = 'j';
    /** ENA spec version 2.0 as {@code major << 8 | minor}, the value the reference drivers send. */
    public static final int SPEC_VERSION = 0x0200;

    /** Feature bit 1: driver handles Rx data at a non-zero offset. */
    public static final int FEATURE_RX_OFFSET = 1 << 1;
    /** Feature bit 2: interrupt moderation. */
    public static final int FEATURE_INTERRUPT_MODERATION = 1 << 2;
    /** Feature bit 3: Rx buffers mapped bidirectionally. */
    public static final int FEATURE_RX_BUF_MIRRORING = 1 << 3;
    /** Feature bit 4: RSS function and key configurable. */
    public static final int FEATURE_RSS_CONFIGURABLE_FUNCTION_KEY = 1 << 4;
    /** Feature bit 6: several Rx buffers per page. */
    public static final int FEATURE_RX_PAGE_REUSE = 1 << 6;
    /** Feature bit 7: IPv6 Tx checksum offload used. */
    public static final int FEATURE_TX_IPV6_CSUM_OFFLOAD = 1 << 7;
    /** Feature bit 8: PHC. */
    public static final int FEATURE_PHC = 1 << 8;
    /** Feature bit 9: extended debug-area format. */
    public static final int FEATURE_DEBUG_AREA_EXT = 1 << 9;
    /** Every defined feature bit ({@code 0x3DE}, the Linux value). */
    public static final int ALL_FEATURES = 0x3DE;
    /** What ena4j announces by default (see class comment). */
    public static final int ENA4J_FEATURES = FEATURE_RX_OFFSET | FEATURE_RSS_CONFIGURABLE_FUNCTION_KEY;

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern PCI_ADDRESS = Pattern.compile("^(?:[0-9a-fA-F]{4}:)?([0-9a-fA-F]{2}):"
            + "([0-9a-fA-F]{2})\\.([0-7])$");

    /**
     * The content of the page.
     *
     * @param osType                  one of the documented codes 1..5
     * @param osDistStr               ASCII, truncated to 127 bytes
     * @param osDist                  OS distribution code
     * @param kernelVerStr            ASCII, truncated to 31 bytes
     * @param kernelVer               kernel version code
     * @param driverVersion           packed driver version ({@link #driverVersion})
     * @param networkFeatures         OS netdev feature bitmap (both words)
     * @param specVersion             ENA spec version, 0..0xFFFF
     * @param bdf                     PCI bus/device/function, 0..0xFFFF ({@link #bdf(int, int, int)})
     * @param numCpus                 online CPUs, 1..0xFFFF
     * @param driverSupportedFeatures subset of {@link #ALL_FEATURES}
     */
    public record HostInfo(int osType, String osDistStr, int osDist, String kernelVerStr, int kernelVer,
            int driverVersion, long networkFeatures, int specVersion, int bdf, int numCpus,
            int driverSupportedFeatures) {

        /** Validates every field; messages name the value and the accepted range. */
        public HostInfo {
            if (osType < OS_TYPE_LINUX || osType > OS_TYPE_IPXE) {
                throw new IllegalArgumentException("os_type " + osType + " out of range: accepted 1..5");
            }
            if ((specVersion & ~0xFFFF) != 0 || (bdf & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("spec version 0x" + Integer.toHexString(specVersion) + " / bdf 0x"
                        + Integer.toHexString(bdf) + " out of range: accepted 0..0xFFFF");
            }
            if (numCpus < 1 || numCpus > 0xFFFF) {
                throw new IllegalArgumentException("num_cpus " + numCpus + " out of range: accepted 1..65535");
            }
            if ((driverSupportedFeatures & ~ALL_FEATURES) != 0) {
                throw new IllegalArgumentException("driver_supported_features 0x"
                        + Integer.toHexString(driverSupportedFeatures) + " has undefined bits: accepted a subset of 0x"
                        + Integer.toHexString(ALL_FEATURES));
            }
            osDistStr = java.util.Objects.requireNonNull(osDistStr, "osDistStr");
            kernelVerStr = java.util.Objects.requireNonNull(kernelVerStr, "kernelVerStr");
        }
    }

    /**
     * The host info ena4j reports on this JVM and host: the values of the class comment, the online CPU count
     * (capped at 65535) and the given BDF and feature set.
     */
    public static HostInfo forThisHost(int bdf, int driverSupportedFeatures) {
        String osVersion = System.getProperty("os.version", "");
        String dist = "ena4j " + DRIVER_VERSION_MAJOR + "." + DRIVER_VERSION_MINOR + "." + DRIVER_VERSION_SUBMINOR
                + " (Java " + Runtime.version() + ")";
        String kernel = System.getProperty("os.name", "") + " " + osVersion;
        int cpus = Math.min(0xFFFF, Math.max(1, Runtime.getRuntime().availableProcessors()));
        return new HostInfo(OS_TYPE_ENA4J, dist, 0, kernel, kernelVersionCode(osVersion),
                driverVersion(DRIVER_VERSION_MAJOR, DRIVER_VERSION_MINOR, DRIVER_VERSION_SUBMINOR, MODULE_TYPE), 0,
                SPEC_VERSION, bdf, cpus, driverSupportedFeatures);
    }

    /** Packs a driver version (§12.1): bits 7:0 major, 15:8 minor, 23:16 sub-minor, 31:24 module type. */
    public static int driverVersion(int major, int minor, int subMinor, char moduleType) {
        if (((major | minor | subMinor) & ~0xFF) != 0 || moduleType > 0xFF) {
            throw new IllegalArgumentException("driver version " + major + "." + minor + "." + subMinor + " type '"
                    + moduleType + "' out of range: accepted 0..255 per part and a Latin-1 module type");
        }
        return major | minor << 8 | subMinor << 16 | moduleType << 24;
    }

    /** {@code (a << 16) + (b << 8) + c} of a version string starting "a.b[.c]", each part capped at 255; else 0. */
    public static int kernelVersionCode(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return 0;
        }
        int a = part(m.group(1));
        int b = part(m.group(2));
        int c = m.group(3) == null ? 0 : part(m.group(3));
        return (a << 16) + (b << 8) + c;
    }

    private static int part(String digits) {
        return digits.length() > 3 ? 255 : Math.min(255, Integer.parseInt(digits));
    }

    /** Packs a PCI address (§12.1): bits 2:0 function, 7:3 device, 15:8 bus. */
    public static int bdf(int bus, int device, int function) {
        if ((bus & ~0xFF) != 0 || (device & ~0x1F) != 0 || (function & ~0x7) != 0) {
            throw new IllegalArgumentException("PCI address " + bus + ":" + device + "." + function
                    + " out of range: accepted bus 0..255, device 0..31, function 0..7");
        }
        return bus << 8 | device << 3 | function;
    }

    /**
     * The BDF of a PCI address string such as {@code 0000:00:06.0} or {@code 00:06.0}; 0 for anything else (an
     * embedded model's {@code model:0}), since the field is informational.
     */
    public static int bdfOf(String pciAddress) {
        Matcher m = PCI_ADDRESS.matcher(pciAddress);
        if (!m.matches()) {
            return 0;
        }
        int device = Integer.parseInt(m.group(2), 16);
        return device > 0x1F ? 0 : bdf(Integer.parseInt(m.group(1), 16), device, Integer.parseInt(m.group(3)));
    }

    /**
     * Writes {@code info} into {@code page}: the whole page is zeroed first (undefined bytes must read 0),
     * then every field is written little-endian; strings are NUL-terminated and truncated to fit.
     *
     * @param page at least {@value #PAGE_SIZE} bytes
     */
    public static void write(MemorySegment page, HostInfo info) {
        if (page.byteSize() < PAGE_SIZE) {
            throw new IllegalArgumentException("host-info page of " + page.byteSize() + " bytes too small: needs "
                    + PAGE_SIZE);
        }
        page.asSlice(0, PAGE_SIZE).fill((byte) 0);
        AdminWire.u32(page, OS_TYPE_OFF, info.osType());
        string(page, OS_DIST_STR_OFF, OS_DIST_STR_LEN, info.osDistStr());
        AdminWire.u32(page, OS_DIST_OFF, info.osDist());
        string(page, KERNEL_VER_STR_OFF, KERNEL_VER_STR_LEN, info.kernelVerStr());
        AdminWire.u32(page, KERNEL_VER_OFF, info.kernelVer());
        AdminWire.u32(page, DRIVER_VERSION_OFF, info.driverVersion());
        updateNetworkFeatures(page, info.networkFeatures());
        AdminWire.u16(page, SPEC_VERSION_OFF, info.specVersion());
        AdminWire.u16(page, BDF_OFF, info.bdf());
        AdminWire.u16(page, NUM_CPUS_OFF, info.numCpus());
        AdminWire.u32(page, DRIVER_FEATURES_OFF, info.driverSupportedFeatures());
    }

    /**
     * Rewrites {@code supported_network_features} in a registered page (the reference refreshes it every second,
     * §8.17): low word, then high word.
     */
    public static void updateNetworkFeatures(MemorySegment page, long features) {
        AdminWire.u32(page, NETWORK_FEATURES_OFF, (int) features);
        AdminWire.u32(page, NETWORK_FEATURES_OFF + 4, (int) (features >>> 32));
    }

    private static void string(MemorySegment page, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(b.length, len - 1);
        MemorySegment.copy(b, 0, page, AdminWire.U8, off, n);
        // The rest of the field, including the terminating NUL, is already zero from the page fill.
    }
}

package io.ena4j.driver.com;

import io.ena4j.spec.admin.HostInfo;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the 4 KiB host-info page that SET_FEATURE(HOST_ATTR_CONFIG) registers (management.md §12.1, §8.17). The
 * layout, the codes and the feature bits are those of the wire structure {@link HostInfo}; this class decides what
 * ena4j reports (the page content is a {@link Content}, not named {@code HostInfo} so it does not reuse the spec
 * structure's name).
 *
 * <p>What ena4j reports, and why:
 * <ul>
 *   <li>{@code os_type} = {@link HostInfo#OS_DPDK} (3). Only the documented codes exist (1 Linux, 2 Windows,
 *       3 DPDK, 4 FreeBSD, 5 iPXE); ena4j is a user-space poll-mode driver with DPDK-style queue handling, so of
 *       these it behaves most like the DPDK PMD. Claiming Linux would tell the device a kernel netdev driver is
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

    /** The os_type ena4j reports (see class comment). */
    public static final int OS_TYPE_ENA4J = HostInfo.OS_DPDK;

    /** ena4j major version. */
    public static final int DRIVER_VERSION_MAJOR = 0;
    /** ena4j minor version. */
    public static final int DRIVER_VERSION_MINOR = 1;
    /** ena4j sub-minor version. */
    public static final int DRIVER_VERSION_SUBMINOR = 0;
    /** ena4j module type character. */
    public static final char MODULE_TYPE = 'j';

    /** What ena4j announces by default (see class comment). */
    public static final int ENA4J_FEATURES = HostInfo.FEAT_RX_OFFSET | HostInfo.FEAT_RSS_CONFIGURABLE_FUNCTION_KEY;

    /** Every driver_supported_features bit §12.1 defines; other bits are refused. */
    private static final int DEFINED_FEATURES = HostInfo.FEAT_RX_OFFSET | HostInfo.FEAT_INTERRUPT_MODERATION
            | HostInfo.FEAT_RX_BUF_MIRRORING | HostInfo.FEAT_RSS_CONFIGURABLE_FUNCTION_KEY | HostInfo.FEAT_RX_PAGE_REUSE
            | HostInfo.FEAT_TX_IPV6_CSUM_OFFLOAD | HostInfo.FEAT_PHC | HostInfo.FEAT_DEBUG_AREA_EXT;
    /** Largest value of each driver_version part and of each BDF part, from the field masks. */
    private static final int VERSION_PART_MAX =
            HostInfo.DRIVER_VERSION_MAJOR_MASK >>> HostInfo.DRIVER_VERSION_MAJOR_SHIFT;
    private static final int BUS_MAX = HostInfo.BDF_BUS_MASK >>> HostInfo.BDF_BUS_SHIFT;
    private static final int DEVICE_MAX = HostInfo.BDF_DEVICE_MASK >>> HostInfo.BDF_DEVICE_SHIFT;
    private static final int FUNCTION_MAX = HostInfo.BDF_FUNCTION_MASK >>> HostInfo.BDF_FUNCTION_SHIFT;

    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern PCI_ADDRESS = Pattern.compile("^(?:[0-9a-fA-F]{4}:)?([0-9a-fA-F]{2}):"
            + "([0-9a-fA-F]{2})\\.([0-7])$");

    /**
     * The content of the page.
     *
     * @param osType                  one of the documented codes {@link HostInfo#OS_LINUX}..{@link HostInfo#OS_IPXE}
     * @param osDistStr               ASCII, truncated to 127 bytes
     * @param osDist                  OS distribution code
     * @param kernelVerStr            ASCII, truncated to 31 bytes
     * @param kernelVer               kernel version code
     * @param driverVersion           packed driver version ({@link HostInfoWriter#driverVersion})
     * @param networkFeatures         OS netdev feature bitmap (both words)
     * @param specVersion             ENA spec version, 0..0xFFFF
     * @param bdf                     PCI bus/device/function, 0..0xFFFF ({@link HostInfoWriter#bdf(int, int, int)})
     * @param numCpus                 online CPUs, 1..0xFFFF
     * @param driverSupportedFeatures subset of the {@code FEAT_*} bits of {@link HostInfo}
     */
    public record Content(int osType, String osDistStr, int osDist, String kernelVerStr, int kernelVer,
            int driverVersion, long networkFeatures, int specVersion, int bdf, int numCpus,
            int driverSupportedFeatures) {

        /** Validates every field; messages name the value and the accepted range. */
        public Content {
            if (osType < HostInfo.OS_LINUX || osType > HostInfo.OS_IPXE) {
                throw new IllegalArgumentException("os_type " + osType + " out of range: accepted "
                        + HostInfo.OS_LINUX + ".." + HostInfo.OS_IPXE);
            }
            if ((specVersion & ~0xFFFF) != 0 || (bdf & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("spec version 0x" + Integer.toHexString(specVersion) + " / bdf 0x"
                        + Integer.toHexString(bdf) + " out of range: accepted 0..0xFFFF");
            }
            if (numCpus < 1 || numCpus > 0xFFFF) {
                throw new IllegalArgumentException("num_cpus " + numCpus + " out of range: accepted 1..65535");
            }
            if ((driverSupportedFeatures & ~DEFINED_FEATURES) != 0) {
                throw new IllegalArgumentException("driver_supported_features 0x"
                        + Integer.toHexString(driverSupportedFeatures) + " has undefined bits: accepted a subset of 0x"
                        + Integer.toHexString(DEFINED_FEATURES));
            }
            osDistStr = Objects.requireNonNull(osDistStr, "osDistStr");
            kernelVerStr = Objects.requireNonNull(kernelVerStr, "kernelVerStr");
        }
    }

    /**
     * The host info ena4j reports on this JVM and host: the values of the class comment, the online CPU count
     * (capped at 65535) and the given BDF and feature set.
     */
    public static Content forThisHost(int bdf, int driverSupportedFeatures) {
        String osVersion = System.getProperty("os.version", "");
        String dist = "ena4j " + DRIVER_VERSION_MAJOR + "." + DRIVER_VERSION_MINOR + "." + DRIVER_VERSION_SUBMINOR
                + " (Java " + Runtime.version() + ")";
        String kernel = System.getProperty("os.name", "") + " " + osVersion;
        int cpus = Math.min(0xFFFF, Math.max(1, Runtime.getRuntime().availableProcessors()));
        return new Content(OS_TYPE_ENA4J, dist, 0, kernel, kernelVersionCode(osVersion),
                driverVersion(DRIVER_VERSION_MAJOR, DRIVER_VERSION_MINOR, DRIVER_VERSION_SUBMINOR, MODULE_TYPE), 0,
                HostInfo.ENA_SPEC_VERSION, bdf, cpus, driverSupportedFeatures);
    }

    /**
     * Packs a driver version (§12.1, {@link HostInfo#driverVersionValue}): bits 7:0 major, 15:8 minor, 23:16
     * sub-minor, 31:24 module type; unlike the spec helper, parts that do not fit are refused instead of masked.
     */
    public static int driverVersion(int major, int minor, int subMinor, char moduleType) {
        if (((major | minor | subMinor) & ~VERSION_PART_MAX) != 0 || moduleType > VERSION_PART_MAX) {
            throw new IllegalArgumentException("driver version " + major + "." + minor + "." + subMinor + " type '"
                    + moduleType + "' out of range: accepted 0.." + VERSION_PART_MAX
                    + " per part and a Latin-1 module type");
        }
        return HostInfo.driverVersionValue(major, minor, subMinor, moduleType);
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

    /** Packs a PCI address (§12.1, the {@code bdf} field of {@link HostInfo}): bus, device, function. */
    public static int bdf(int bus, int device, int function) {
        if ((bus & ~BUS_MAX) != 0 || (device & ~DEVICE_MAX) != 0 || (function & ~FUNCTION_MAX) != 0) {
            throw new IllegalArgumentException("PCI address " + bus + ":" + device + "." + function
                    + " out of range: accepted bus 0.." + BUS_MAX + ", device 0.." + DEVICE_MAX + ", function 0.."
                    + FUNCTION_MAX);
        }
        return bus << HostInfo.BDF_BUS_SHIFT | device << HostInfo.BDF_DEVICE_SHIFT
                | function << HostInfo.BDF_FUNCTION_SHIFT;
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
        return device > DEVICE_MAX ? 0 : bdf(Integer.parseInt(m.group(1), 16), device, Integer.parseInt(m.group(3)));
    }

    /**
     * Writes {@code info} into {@code page}: the whole page is zeroed first (undefined bytes must read 0),
     * then every field is written little-endian; strings are NUL-terminated and truncated to fit.
     *
     * @param page at least {@value HostInfo#PAGE_SIZE} bytes
     */
    public static void write(MemorySegment page, Content info) {
        if (page.byteSize() < HostInfo.PAGE_SIZE) {
            throw new IllegalArgumentException("host-info page of " + page.byteSize() + " bytes too small: needs "
                    + HostInfo.PAGE_SIZE);
        }
        page.asSlice(0, HostInfo.PAGE_SIZE).fill((byte) 0);
        HostInfo.osType(page, 0, info.osType());
        HostInfo.osDistStr(page, 0, info.osDistStr());
        HostInfo.osDist(page, 0, info.osDist());
        HostInfo.kernelVerStr(page, 0, info.kernelVerStr());
        HostInfo.kernelVer(page, 0, info.kernelVer());
        HostInfo.driverVersion(page, 0, info.driverVersion());
        updateNetworkFeatures(page, info.networkFeatures());
        HostInfo.enaSpecVersion(page, 0, info.specVersion());
        HostInfo.bdf(page, 0, info.bdf());
        HostInfo.numCpus(page, 0, info.numCpus());
        HostInfo.driverSupportedFeatures(page, 0, info.driverSupportedFeatures());
    }

    /**
     * Rewrites {@code supported_network_features} in a registered page (the reference refreshes it every second,
     * §8.17): a little-endian u64, i.e. low word, then high word.
     */
    public static void updateNetworkFeatures(MemorySegment page, long features) {
        HostInfo.supportedNetworkFeatures(page, 0, features);
    }
}

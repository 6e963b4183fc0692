package io.ena4j.driver;

import java.util.List;
import java.util.Map;

/**
 * What probing a device found, in plain values: the facts {@code ethtool -i}, {@code -k}, {@code -l},
 * {@code -g} and the driver's boot log show for an ENA interface. Produced by {@link EnaDevice#report()};
 * the command-line tools print it as text or JSON.
 *
 * @param driver          driver name and version ({@code ethtool -i})
 * @param pci             PCI identity of the function
 * @param device          device, controller and interface versions
 * @param mac             MAC address, {@code aa:bb:cc:dd:ee:ff}
 * @param mtu             MTU limits and the MTU in use
 * @param channels        queue pairs: maximum and in use ({@code ethtool -l})
 * @param rings           ring sizes: maxima and defaults ({@code ethtool -g})
 * @param llq             Tx descriptor placement and the negotiated LLQ configuration
 * @param offloads        {@code ethtool -k} feature names mapped to "on", "off" or "off [fixed]"
 * @param rss             RSS capabilities and configuration
 * @param aenqSupported   AENQ groups the device can report
 * @param aenqEnabled     AENQ groups the driver enabled
 * @param capabilities    device capability names (DEVICE_ATTRIBUTES.capabilities)
 * @param features        supported feature names (DEVICE_ATTRIBUTES.supported_features)
 * @param timeouts        the timeouts in force after hints, in microseconds or milliseconds as named
 * @param bootLog         the driver's probe log, line by line
 */
public record ProbeReport(
        Driver driver,
        Pci pci,
        Device device,
        String mac,
        Mtu mtu,
        Channels channels,
        Rings rings,
        Llq llq,
        Map<String, String> offloads,
        Rss rss,
        List<String> aenqSupported,
        List<String> aenqEnabled,
        List<String> capabilities,
        List<String> features,
        Map<String, Long> timeouts,
        List<String> bootLog) {

    /** {@code ethtool -i}: driver name, version, the interface spec version, bus address. */
    public record Driver(String name, String version, String specVersion, String busInfo) {
    }

    /** PCI identity. */
    public record Pci(int vendorId, int deviceId, int revisionId, int subsystemVendorId, int subsystemId,
                      String deviceName, boolean readlessRegisterReads, int msixVectors) {
    }

    /** Versions read from the device. */
    public record Device(String deviceVersion, String controllerVersion, int implementationId, int dmaAddressBits,
                         long resetTimeoutMs, long adminTimeoutMs) {
    }

    /** MTU limits (L2 header excluded). */
    public record Mtu(int min, int max, int current) {
    }

    /** Queue pairs. */
    public record Channels(int maxCombined, int combined, int maxTxSq, int maxRxSq) {
    }

    /** Ring sizes (descriptors). */
    public record Rings(int rxMax, int txMax, int rx, int tx, int maxTxSgl, int maxRxSgl, int txMaxHeaderSize) {
    }

    /** Tx descriptor placement and LLQ parameters; LLQ fields are 0 in host placement. */
    public record Llq(String placement, String reason, int entrySize, int descsBeforeHeader, int descsPerEntry,
                      String stride, int maxHeaderSize, boolean metaCachingDisabled, int maxEntriesInTxBurst,
                      boolean largeLlqRecommended) {
    }

    /** RSS: supported and selected hash function, key size, indirection table size, hash inputs. */
    public record Rss(boolean supported, List<String> functions, String function, int keySize, int tableSize,
                      Map<String, String> hashFields) {
    }
}

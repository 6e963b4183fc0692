package io.ena4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ena4j.driver.ProbeReport;
import java.util.Map;

/** Renders a {@link ProbeReport} the way ethtool and the kernel log would show it, or as JSON. */
final class ReportFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFormat() {
    }

    static String json(ProbeReport r) {
        try {
            return JSON.writeValueAsString(r) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the probe report as JSON: " + e.getMessage(), e);
        }
    }

    static String jsonOf(Object value) {
        try {
            return JSON.writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    static String text(ProbeReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# boot log\n");
        for (String line : r.bootLog()) {
            b.append(r.driver().name()).append(' ').append(r.driver().busInfo()).append(": ").append(line).append('\n');
        }

        b.append("\n# ethtool -i\n");
        kv(b, "driver", r.driver().name());
        kv(b, "version", r.driver().version());
        kv(b, "firmware-version", r.device().controllerVersion());
        kv(b, "expansion-rom-version", "");
        kv(b, "bus-info", r.driver().busInfo());
        kv(b, "supports-statistics", "yes");
        kv(b, "supports-test", "no");
        kv(b, "supports-eeprom-access", "no");
        kv(b, "supports-register-dump", "no");
        kv(b, "supports-priv-flags", "no");

        b.append("\n# device\n");
        kv(b, "pci-id", String.format("%04x:%04x rev %02x (subsystem %04x:%04x) %s", r.pci().vendorId(),
                r.pci().deviceId(), r.pci().revisionId(), r.pci().subsystemVendorId(), r.pci().subsystemId(),
                r.pci().deviceName()));
        kv(b, "register-reads", r.pci().readlessRegisterReads() ? "readless (DMA response)" : "plain MMIO");
        kv(b, "msix-vectors", r.pci().msixVectors());
        kv(b, "device-version", r.device().deviceVersion());
        kv(b, "controller-version", r.device().controllerVersion() + " (implementation id " + r.device().implementationId() + ")");
        kv(b, "ena-spec-version", r.driver().specVersion());
        kv(b, "dma-address-bits", r.device().dmaAddressBits());
        kv(b, "mac", r.mac());
        kv(b, "mtu", r.mtu().current() + " (range " + r.mtu().min() + ".." + r.mtu().max() + ")");
        kv(b, "capabilities", String.join(" ", r.capabilities()));
        kv(b, "features", String.join(" ", r.features()));
        kv(b, "aenq-groups", "supported " + String.join(" ", r.aenqSupported()) + "; enabled "
                + String.join(" ", r.aenqEnabled()));
        for (Map.Entry<String, Long> t : r.timeouts().entrySet()) {
            kv(b, t.getKey(), t.getValue());
        }

        b.append("\n# ethtool -l\nPre-set maximums:\n");
        kv(b, "Combined", r.channels().maxCombined());
        b.append("Current hardware settings:\n");
        kv(b, "Combined", r.channels().combined());

        b.append("\n# ethtool -g\nPre-set maximums:\n");
        kv(b, "RX", r.rings().rxMax());
        kv(b, "TX", r.rings().txMax());
        b.append("Current hardware settings:\n");
        kv(b, "RX", r.rings().rx());
        kv(b, "TX", r.rings().tx());
        kv(b, "TX push buff len", r.llq().placement().equals("device") ? r.llq().maxHeaderSize() : 0);
        kv(b, "max-tx-sgl / max-rx-sgl", r.rings().maxTxSgl() + " / " + r.rings().maxRxSgl());

        b.append("\n# tx placement\n");
        kv(b, "placement", r.llq().placement() + (r.llq().reason().isEmpty() ? "" : " (" + r.llq().reason() + ")"));
        if (r.llq().placement().equals("device")) {
            kv(b, "llq-entry-size", r.llq().entrySize());
            kv(b, "llq-descs-before-header", r.llq().descsBeforeHeader());
            kv(b, "llq-descs-per-entry", r.llq().descsPerEntry());
            kv(b, "llq-stride", r.llq().stride());
            kv(b, "llq-max-header", r.llq().maxHeaderSize());
            kv(b, "llq-meta-caching", r.llq().metaCachingDisabled() ? "disabled" : "enabled");
            kv(b, "llq-max-entries-per-burst", r.llq().maxEntriesInTxBurst() == 0 ? "unlimited"
                    : String.valueOf(r.llq().maxEntriesInTxBurst()));
        }

        b.append("\n# ethtool -k\n");
        for (Map.Entry<String, String> o : r.offloads().entrySet()) {
            kv(b, o.getKey(), o.getValue());
        }

        b.append("\n# ethtool -x (RSS)\n");
        if (!r.rss().supported()) {
            b.append("RSS not supported by this device\n");
        } else {
            kv(b, "RX flow hash indirection table size", r.rss().tableSize());
            kv(b, "RSS hash key size", r.rss().keySize());
            kv(b, "RSS hash functions", String.join(" ", r.rss().functions()));
            kv(b, "RSS hash function", r.rss().function());
            for (Map.Entry<String, String> f : r.rss().hashFields().entrySet()) {
                kv(b, "rx-flow-hash " + f.getKey(), f.getValue());
            }
        }
        return b.toString();
    }

    private static void kv(StringBuilder b, String k, Object v) {
        b.append(k).append(": ").append(v).append('\n');
    }
}

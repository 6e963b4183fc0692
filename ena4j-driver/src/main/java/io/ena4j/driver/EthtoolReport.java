package io.ena4j.driver;

import io.ena4j.driver.com.AdminResult;
import io.ena4j.driver.com.Aenq;
import io.ena4j.driver.com.AenqHandler;
import io.ena4j.driver.com.DeviceFeatures;
import io.ena4j.driver.com.EnaAdmin;
import io.ena4j.driver.com.EnaComConfig;
import io.ena4j.driver.com.EnaComDevice;
import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.com.HostInfoWriter;
import io.ena4j.driver.com.HwHintsInfo;
import io.ena4j.driver.com.IoQueue;
import io.ena4j.driver.com.IoQueueParams;
import io.ena4j.driver.com.LlqConfig;
import io.ena4j.driver.com.LlqNegotiation;
import io.ena4j.driver.com.MaxQueuesInfo;
import io.ena4j.driver.com.OffloadSettings;
import io.ena4j.driver.com.RssConfig;
import io.ena4j.driver.com.RssHashFunctionInfo;
import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.LlqInfo;
import io.ena4j.driver.eth.RingCounter;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.Clock;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.DebugAreaHeader;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.HwHints;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.StatelessOffload;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's reports under the names Linux tools use (the Linux driver's {@code ena_ethtool.c}): {@code ethtool -S}
 * statistics and the probe report ({@code ethtool -i / -k / -l / -g / -x}, the boot log).
 */
final class EthtoolReport {

    private final EnaAdapter a;

    EthtoolReport(EnaAdapter a) {
        this.a = a;
    }

    /** Device metric names of §16.1 item 2, bit <i>i</i> of the customer-metrics bitmap naming entry <i>i</i>. */
    static final String[] DEVICE_METRIC_NAMES = {"bw_in_allowance_exceeded", "bw_out_allowance_exceeded",
        "pps_allowance_exceeded", "conntrack_allowance_exceeded", "linklocal_allowance_exceeded",
        "conntrack_allowance_available"};
    /** The ENI statistics (GET_STATS type ENI) carry the first five {@link #DEVICE_METRIC_NAMES}. */
    private static final int ENI_METRICS = 5;
    /** The admin-queue counters Linux shows, in its order; ena4j's further ones come after the Linux names. */
    private static final String[] LINUX_ADMIN_NAMES = {"aborted_cmd", "submitted_cmd", "completed_cmd",
        "out_of_space", "no_completion"};

    /** Last device metrics read (GET_STATS); shown again when the admin queue cannot answer (device in reset). */
    private long[] lastDeviceMetrics = new long[DEVICE_METRIC_NAMES.length];
    private long[] lastSrd = new long[5];

    /**
     * Statistics under the names and in the order {@code ethtool -S} shows for an ENA interface (datapath.md
     * §16.1): global counters, device metrics by capability (customer metrics bitmap, else ENI statistics; then
     * ENA Express / SRD), admin queue counters, the PHC counters (while PHC is active; they continue across resets),
     * the number of active queues, then for <b>every</b> queue pair index
     * up to the device maximum (not only the active ones: an index not in use shows the counters it had when it
     * last was, as the Linux rings keep theirs) the Tx and Rx counters. The Linux names come first and in Linux's
     * order, so a tool that parses {@code ethtool -S} of an ENA reads ours; ena4j's own counters follow at the
     * end: {@code tx_dropped_on_reset} (packets in flight when a reset returned them to their pools),
     * {@code fatal_error} (DEV_STS.FATAL_ERROR seen), {@code reset_postponed} (a pending reset waited because the
     * device did not answer register reads), the admin-queue counters Linux does not show, and per queue
     * {@code queue_<i>_tx_dropped_on_reset}.
     *
     * <p>Names whose event cannot happen in a user-space driver are shown with 0 so the layout stays Linux's:
     * {@code dma_mapping_err} (pools are mapped once, not per packet), {@code linearize} / {@code linearize_failed}
     * (a chain longer than the device's SG limit is refused, never copied), {@code skb_alloc_fail},
     * {@code os_netdev_wd} (there is no stack watchdog above us). The device metrics are read with GET_STATS at each
     * call, as Linux reads them at each {@code ethtool -S}; while the admin queue cannot answer the last values
     * read are shown. Per-queue counters are single-writer fields of the polling thread, read without a lock; read
     * from another thread they may lag by a few packets (as the kernel's u64 stats may).
     */
    Map<String, Long> ethtoolStats() {
        Map<String, Long> m = new LinkedHashMap<>();
        long badTxReqId = 0;
        long badRxReqId = 0;
        long badRxDescNum = 0;
        long dropped = 0;
        for (QueuePair qp : a.pairs) {
            badTxReqId += qp.tx().badReqIds();
            badRxReqId += qp.rx().badReqIds();
            badRxDescNum += qp.rx().badDescNum();
            dropped += qp.tx().droppedOnReset();
        }
        long[] r = a.resetsByReason;
        var aenqStats = a.com.aenq().stats();
        m.put("total_resets", a.totalResets);
        m.put("reset_fail", a.resetFailures);
        m.put("tx_timeout", a.txTimeouts);
        m.put("wd_expired", r[ResetReason.KEEP_ALIVE_TO.code()]);
        m.put("admin_q_pause", a.com.adminQueue().isRunning() ? 0L : 1L);
        m.put("bad_tx_req_id", badTxReqId);
        m.put("bad_rx_req_id", badRxReqId);
        m.put("bad_rx_desc_num", badRxDescNum);
        m.put("missing_intr", r[ResetReason.MISS_INTERRUPT.code()]);
        m.put("suspected_poll_starvation", r[ResetReason.SUSPECTED_POLL_STARVATION.code()]);
        m.put("missing_tx_cmpl", r[ResetReason.MISS_TX_CMPL.code()]);
        m.put("rx_desc_malformed", r[ResetReason.RX_DESCRIPTOR_MALFORMED.code()]);
        m.put("tx_desc_malformed", r[ResetReason.TX_DESCRIPTOR_MALFORMED.code()]);
        m.put("invalid_state", r[ResetReason.DRIVER_INVALID_STATE.code()]);
        m.put("os_netdev_wd", r[ResetReason.OS_NETDEV_WD.code()]);
        m.put("missing_admin_interrupt", r[ResetReason.MISSING_ADMIN_INTERRUPT.code()]);
        m.put("admin_to", r[ResetReason.ADMIN_TO.code()]);
        m.put("device_request_reset", r[ResetReason.DEVICE_REQUEST.code()]);
        m.put("missing_first_intr", r[ResetReason.MISS_FIRST_INTERRUPT.code()]);
        m.put("suspend", aenqStats.get(io.ena4j.driver.com.AenqStats.Counter.SUSPEND));
        m.put("resume", aenqStats.get(io.ena4j.driver.com.AenqStats.Counter.RESUME));
        m.put("interface_down", a.interfaceDown);
        m.put("interface_up", a.interfaceUp);
        deviceMetrics(m);
        Map<String, Long> admin = a.com.adminQueue().stats().snapshot();
        for (String n : LINUX_ADMIN_NAMES) {
            m.put("ena_admin_q_" + n, admin.getOrDefault(n, 0L));
        }
        io.ena4j.driver.com.EnaPhc phc = a.phc;
        if (phc != null) {
            int i = 0;
            for (Map.Entry<String, Long> e : phc.stats().entrySet()) {
                m.put(e.getKey(), e.getValue() + a.phcCarried[i++]);
            }
        }
        m.put("num_of_active_io_queues", (long) a.pairs.length);
        int shown = Math.max(a.numIoQueues, a.pairs.length);
        for (int i = 0; i < shown; i++) {
            QueuePair qp = i < a.pairs.length ? a.pairs[i] : i < a.lastPairs.length ? a.lastPairs[i] : null;
            queueStats(m, i, qp);
        }
        m.put("tx_dropped_on_reset", dropped);
        m.put("fatal_error", a.fatalErrors);
        m.put("reset_postponed", a.resetPostponed);
        for (Map.Entry<String, Long> e : admin.entrySet()) {
            m.putIfAbsent("ena_admin_q_" + e.getKey(), e.getValue());
        }
        for (int i = 0; i < shown; i++) {
            QueuePair qp = i < a.pairs.length ? a.pairs[i] : i < a.lastPairs.length ? a.lastPairs[i] : null;
            m.put("queue_" + i + "_tx_dropped_on_reset", qp == null ? 0L : qp.tx().droppedOnReset());
        }
        return m;
    }

    /** §16.1 item 2: customer metrics (their bitmap) or else ENI statistics; then the SRD group. */
    private void deviceMetrics(Map<String, Long> m) {
        int caps = a.features.attributes().capabilities();
        boolean running = a.com.adminQueue().isRunning();
        if ((caps & DeviceAttributes.CAP_CUSTOMER_METRICS) != 0) {
            int supported = a.admin.customerMetricsSupported();
            if (running) {
                var cm = a.admin.getCustomerMetrics();
                if (cm.ok()) {
                    for (int i = 0; i < DEVICE_METRIC_NAMES.length; i++) {
                        if (cm.value().has(i)) {
                            lastDeviceMetrics[i] = cm.value().value(i);
                        }
                    }
                }
            }
            for (int i = 0; i < DEVICE_METRIC_NAMES.length; i++) {
                if ((supported & (1 << i)) != 0) {
                    m.put(DEVICE_METRIC_NAMES[i], lastDeviceMetrics[i]);
                }
            }
        } else if ((caps & DeviceAttributes.CAP_ENI_STATS) != 0) {
            if (running) {
                var eni = a.admin.getEniStats();
                if (eni.ok()) {
                    var e = eni.value();
                    lastDeviceMetrics[0] = e.bwInAllowanceExceeded();
                    lastDeviceMetrics[1] = e.bwOutAllowanceExceeded();
                    lastDeviceMetrics[2] = e.ppsAllowanceExceeded();
                    lastDeviceMetrics[3] = e.conntrackAllowanceExceeded();
                    lastDeviceMetrics[4] = e.linklocalAllowanceExceeded();
                }
            }
            for (int i = 0; i < ENI_METRICS; i++) {
                m.put(DEVICE_METRIC_NAMES[i], lastDeviceMetrics[i]);
            }
        }
        if ((caps & DeviceAttributes.CAP_ENA_SRD_INFO) != 0) {
            if (running) {
                var srd = a.admin.getEnaSrdInfo();
                if (srd.ok()) {
                    var s = srd.value();
                    lastSrd = new long[] {s.flags(), s.txPkts(), s.eligibleTxPkts(), s.rxPkts(),
                        s.resourceUtilization()};
                }
            }
            m.put("ena_srd_mode", lastSrd[0]);
            m.put("ena_srd_tx_pkts", lastSrd[1]);
            m.put("ena_srd_eligible_tx_pkts", lastSrd[2]);
            m.put("ena_srd_rx_pkts", lastSrd[3]);
            m.put("ena_srd_resource_utilization", lastSrd[4]);
        }
    }

    /** §16.1 item 6 for pair {@code i}: its Tx then its Rx counters, zeros for an index never used. */
    private static void queueStats(Map<String, Long> m, int i, QueuePair qp) {
        TxQueue tx = qp == null ? null : qp.tx();
        RxQueue rx = qp == null ? null : qp.rx();
        String t = "queue_" + i + "_tx_";
        m.put(t + "tx_poll", tx == null ? 0L : tx.polls());
        m.put(t + "doorbells", tx == null ? 0L : tx.ringStats().get(RingCounter.DOORBELLS));
        m.put(t + "unmask_interrupt", qp == null ? 0L : qp.unmasks());
        m.put(t + "lost_interrupt", qp == null ? 0L : qp.lostInterrupts());
        m.put(t + "cnt", tx == null ? 0L : tx.packets());
        m.put(t + "bytes", tx == null ? 0L : tx.bytes());
        m.put(t + "queue_stop", tx == null ? 0L : tx.queueStops());
        m.put(t + "queue_wakeup", tx == null ? 0L : tx.queueWakeups());
        m.put(t + "dma_mapping_err", 0L);
        m.put(t + "linearize", 0L);
        m.put(t + "linearize_failed", 0L);
        m.put(t + "napi_comp", qp == null ? 0L : qp.unmasks());
        m.put(t + "prepare_ctx_err", tx == null ? 0L : tx.prepareCtxErrors());
        m.put(t + "bad_req_id", tx == null ? 0L : tx.badReqIds());
        m.put(t + "llq_buffer_copy", tx == null ? 0L : tx.ringStats().get(RingCounter.LLQ_BUFFER_COPY));
        m.put(t + "missed_tx", tx == null ? 0L : tx.missedTx());
        m.put(t + "pending_timedout_pkts", tx == null ? 0L : (long) tx.pendingTimedOut());
        String x = "queue_" + i + "_rx_";
        m.put(x + "cnt", rx == null ? 0L : rx.packets());
        m.put(x + "bytes", rx == null ? 0L : rx.bytes());
        m.put(x + "rx_copybreak_pkt", 0L);
        m.put(x + "csum_good", rx == null ? 0L : rx.csumGood);
        m.put(x + "refil_partial", rx == null ? 0L : rx.refillPartial());
        m.put(x + "csum_bad", rx == null ? 0L : rx.csumBad);
        m.put(x + "page_alloc_fail", rx == null ? 0L : rx.allocFailures());
        m.put(x + "skb_alloc_fail", 0L);
        m.put(x + "dma_mapping_err", 0L);
        m.put(x + "bad_desc_num", rx == null ? 0L : rx.badDescNum());
        m.put(x + "bad_req_id", rx == null ? 0L : rx.badReqIds());
        m.put(x + "empty_rx_ring", rx == null ? 0L : rx.emptyRxRing());
        m.put(x + "csum_unchecked", rx == null ? 0L : rx.csumUnchecked);
        m.put(x + "xdp_aborted", rx == null ? 0L : rx.xdpAborted);
        m.put(x + "xdp_drop", rx == null ? 0L : rx.xdpDrop);
        m.put(x + "xdp_pass", rx == null ? 0L : rx.xdpPass);
        m.put(x + "xdp_tx", rx == null ? 0L : rx.xdpTx);
        m.put(x + "xdp_invalid", rx == null ? 0L : rx.xdpInvalid);
        m.put(x + "xdp_redirect", rx == null ? 0L : rx.xdpRedirect);
    }

    /** What probing found, as {@code ethtool} and the boot log would show it. */
    ProbeReport report() {
        var attr = a.features.attributes();
        var q = a.features.maxQueues();
        int caps = a.com.mmio().read32(EnaRegs.CAPS_OFF);
        int ver = a.com.version();
        int ctrl = a.com.controllerVersion();
        ProbeReport.Pci pci = new ProbeReport.Pci(a.fn.configRead16(PciConfig.VENDOR_ID),
                a.fn.configRead16(PciConfig.DEVICE_ID), a.fn.configRead8(PciConfig.REVISION_ID),
                a.fn.configRead16(PciConfig.SUBSYSTEM_VENDOR_ID), a.fn.configRead16(PciConfig.SUBSYSTEM_ID),
                deviceName(a.fn.configRead16(PciConfig.DEVICE_ID)),
                (a.fn.configRead8(PciConfig.REVISION_ID) & PciIds.REVISION_READLESS_DISABLED) == 0,
                a.fn.msixVectorCount());
        ProbeReport.Device device = new ProbeReport.Device(
                String.format("%d.%d", (ver >>> 8) & 0xFF, ver & 0xFF),
                String.format("%d.%d.%d", (ctrl >>> 16) & 0xFF, (ctrl >>> 8) & 0xFF, ctrl & 0xFF), (ctrl >>> 24) & 0xFF,
                EnaRegs.capsDmaWidth(caps), EnaRegs.capsResetTimeout(caps) * 100L,
                EnaRegs.capsAdminTimeout(caps) == 0 ? 3000 : EnaRegs.capsAdminTimeout(caps) * 100L);
        ProbeReport.Llq llqReport;
        if (a.llq.devicePlacement()) {
            LlqConfig c = a.llq.config();
            llqReport = new ProbeReport.Llq("device", "", c.entrySize(), c.descsBeforeHeader(), c.descsPerEntry(),
                    c.descStride() == LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY ? "multiple" : "single",
                    c.txMaxHeaderSize(),
                    c.disableMetaCaching(), c.maxEntriesInTxBurst(),
                    a.features.llq().entrySizeRecommended() == LlqFeature.EntrySize.SIZE_256);
        } else {
            llqReport = new ProbeReport.Llq("host", a.llq.detail() == null ? "" : a.llq.detail(), 0, 0, 0, "", 0,
                    false, 0, false);
        }
        int txSgl = a.txSgLimit();
        int rxSgl = q.maxRxSgEntries();
        int hostHdr = a.llq.devicePlacement() ? a.llq.config().txMaxHeaderSize() : a.features.txMaxHeaderSize();
        Map<String, Long> timeouts = new LinkedHashMap<>();
        timeouts.put("admin-completion-timeout-us", a.com.adminQueue().completionTimeoutUs());
        timeouts.put("mmio-read-timeout-us", a.com.mmio().readlessTimeoutUs());
        timeouts.put("keep-alive-timeout-ms", a.keepAliveTimeoutMs);
        timeouts.put("missing-tx-completion-timeout-ms", a.missingTxCompletionTimeoutMs);
        timeouts.put("missed-tx-completion-threshold", a.missedTxCompletionThreshold);
        timeouts.put("interrupt-delay-resolution-us", (long) a.interruptDelayResolution);
        return new ProbeReport(
                new ProbeReport.Driver(EnaDevice.DRIVER_NAME, EnaDevice.DRIVER_VERSION, "2.0", a.fn.address()),
                pci, device, EnaAdapter.macString(attr.mac()),
                new ProbeReport.Mtu(EnaDevice.MIN_MTU, (int) Math.min(Integer.MAX_VALUE, attr.maxMtu()), a.mtu),
                new ProbeReport.Channels(a.numIoQueues, a.pairs.length > 0 ? a.pairs.length : a.defaultIoQueues,
                        (int) Math.min(Integer.MAX_VALUE, a.llq.devicePlacement() ? a.features.llq().maxLlqNum()
                                : q.maxTxSqNum()), q.maxRxQueues()),
                new ProbeReport.Rings(a.maxRxRing, a.maxTxRing, a.rxRingSize, a.txRingSize, txSgl, rxSgl, hostHdr),
                llqReport,
                offloads(a.features.offloads(), a.rxChecksumOffload),
                rssReport(),
                groupNames(a.features.aenq().supported()),
                groupNames(a.enabledAenqGroups),
                capabilityNames(attr.capabilities()),
                featureNames(attr.supportedFeatures()),
                timeouts,
                List.copyOf(a.bootLog));
    }

    private static String deviceName(int deviceId) {
        return switch (deviceId) {
            case PciIds.DEVICE_PF -> "ENA PF";
            case PciIds.DEVICE_PF_LLQ -> "ENA PF with LLQ support";
            case PciIds.DEVICE_VF -> "ENA VF";
            case PciIds.DEVICE_VF_LLQ -> "ENA VF with LLQ support";
            default -> "ENA (reserved id)";
        };
    }

    private static Map<String, String> offloads(OffloadSettings o, boolean rxCsumWanted) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean rxCsum = (o.rxSupported() & (StatelessOffload.RX_L4_IPV4_CSUM | StatelessOffload.RX_L4_IPV6_CSUM))
                != 0;
        m.put("rx-checksumming", !rxCsum ? "off [fixed]" : rxCsumWanted ? "on" : "off");
        m.put("tx-checksum-ipv4", onOff((o.tx() & StatelessOffload.TX_L4_IPV4_CSUM_PART) != 0));
        m.put("tx-checksum-ipv6", onOff((o.tx() & StatelessOffload.TX_L4_IPV6_CSUM_PART) != 0));
        m.put("tx-checksum-ip-generic", "off [fixed]");
        m.put("scatter-gather", "on");
        m.put("tcp-segmentation-offload", onOff((o.tx() & (StatelessOffload.TX_TSO_IPV4 | StatelessOffload.TX_TSO_IPV6))
                != 0));
        m.put("tx-tcp-segmentation", onOff((o.tx() & StatelessOffload.TX_TSO_IPV4) != 0));
        m.put("tx-tcp6-segmentation", onOff((o.tx() & StatelessOffload.TX_TSO_IPV6) != 0));
        m.put("tx-tcp-ecn-segmentation", onOff((o.tx() & StatelessOffload.TX_TSO_ECN) != 0));
        m.put("receive-hashing", onOff((o.rxSupported() & StatelessOffload.RX_HASH) != 0));
        m.put("highdma", "on");
        m.put("rx-vlan-offload", "off [fixed]");
        m.put("tx-vlan-offload", "off [fixed]");
        m.put("large-receive-offload", "off [fixed]");
        return m;
    }

    private static String onOff(boolean supported) {
        return supported ? "on" : "off [fixed]";
    }

    private ProbeReport.Rss rssReport() {
        if (!a.rssSupported) {
            return new ProbeReport.Rss(false, List.of(), "", 0, 0, Map.of());
        }
        List<String> funcs = new ArrayList<>();
        String selected = "";
        if (a.rss != null) {
            if ((a.rss.supportedFunctions() & RssHashFunction.funcMask(RssHashFunction.TOEPLITZ)) != 0) {
                funcs.add("toeplitz");
            }
            if ((a.rss.supportedFunctions() & RssHashFunction.funcMask(RssHashFunction.CRC32)) != 0) {
                funcs.add("crc32");
            }
            selected = a.rss.function() == RssHashFunction.TOEPLITZ ? "toeplitz"
                    : a.rss.function() == RssHashFunction.CRC32 ? "crc32" : "unknown";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] protos = {"tcp4", "udp4", "tcp6", "udp6", "ip4", "ip6", "ip4-frag", "non-ip"};
        for (int p = 0; p < protos.length; p++) {
            AdminResult<Integer> f = a.admin.getHashInput(p);
            if (f.ok()) {
                fields.put(protos[p], hashFieldNames(f.value()));
            }
        }
        return new ProbeReport.Rss(true, funcs, selected, a.rss == null ? 0 : a.rss.key().length, 1 << a.rssTableLogSize,
                fields);
    }

    private static String hashFieldNames(int f) {
        List<String> n = new ArrayList<>();
        String[] names = {"l2-da", "l2-sa", "l3-da", "l3-sa", "l4-dp", "l4-sp"};
        for (int i = 0; i < names.length; i++) {
            if ((f & (1 << i)) != 0) {
                n.add(names[i]);
            }
        }
        return n.isEmpty() ? "none" : String.join(" ", n);
    }

    private static List<String> groupNames(int mask) {
        List<String> n = new ArrayList<>();
        for (int g = 0; g < 32; g++) {
            if ((mask & (1 << g)) != 0) {
                AenqGroup grp = AenqGroup.of(g);
                n.add(grp == null ? "group" + g : grp.name().toLowerCase());
            }
        }
        return n;
    }

    private static List<String> capabilityNames(int caps) {
        String[] names = {"eni_stats", "ena_srd_info", "customer_metrics", "extended_reset_reasons", "cdesc_mbz"};
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((caps & (1 << i)) != 0) {
                n.add(i < names.length ? names[i] : "cap" + i);
            }
        }
        return n;
    }

    private static List<String> featureNames(int mask) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((mask & (1 << i)) != 0) {
                FeatureId f = FeatureId.of(i);
                n.add(f == null ? "feature" + i : f.name().toLowerCase());
            }
        }
        return n;
    }

}

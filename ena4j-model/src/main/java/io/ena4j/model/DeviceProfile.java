package io.ena4j.model;

import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInput;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionTable;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Everything an ENA device advertises: PCI identity and BAR/MSI-X placement, the fixed registers (management.md §3),
 * every GET_FEATURE answer (§8), the BAR 0 layout of the registers that queue creation reports (§7.1, §7.2, §11) and
 * the AENQ keep-alive period (§9.5). Immutable and validated at construction: a bad value fails with a message naming
 * the value and the accepted range.
 *
 * <p>The profile decides which features exist: bit N of {@link Attributes#supportedFeatures()} makes feature N answer
 * GET/SET; an unadvertised feature answers UNSUPPORTED_OPCODE (status 3), as the device of the reference vectors does.
 * DEVICE_ATTRIBUTES (1) and HOST_ATTR_CONFIG (28) always answer: the reference driver sends them without checking
 * support (§8.1) and the vectors' device accepts SET(28) although its bitmap lacks bit 28.
 *
 * <p>Named profiles: {@link #ec2Default()}, {@link #minimal()}, {@link #referenceVectors()}; {@link #named(String)}
 * looks one up by name for the CLI. Variants are made with {@link #toBuilder()}.
 *
 * @param name            short name (used by the CLI and in thread names)
 * @param pci             PCI identity and BAR 2 presence (§2)
 * @param msix            MSI-X table size and placement (§2.3)
 * @param registers       VERSION, CONTROLLER_VERSION and CAPS (§3.2–§3.4)
 * @param attributes      DEVICE_ATTRIBUTES answer (§8.2)
 * @param queues          MAX_QUEUES_EXT / MAX_QUEUES_NUM answers and the limits CREATE_SQ/CQ enforce (§8.3, §8.4)
 * @param llq             LLQ answer and BAR 2 geometry (§8.5)
 * @param offloads        STATELESS_OFFLOAD_CONFIG answer (§8.9)
 * @param rss             RSS capabilities and power-on defaults (§8.10, §8.11, §8.13)
 * @param hints           HW_HINTS answer, also the initial hints (§8.6)
 * @param intrDelayResolution INTERRUPT_MODERATION answer, µs (§8.14)
 * @param aenqSupportedGroups AENQ_CONFIG supported_groups (§8.15)
 * @param link            LINK_CONFIG answer (§8.16)
 * @param phc             PHC_CONFIG answer and the error bound the PHC doorbell reports (§8.18, §10)
 * @param hwTimestamp     HW_TIMESTAMP answer (§8.20)
 * @param customerMetricsSupported bitmap of customer metrics GET_STATS type 4 reports (§7.6)
 * @param extraProperties legacy EXTRA_PROPERTIES_STRINGS / _FLAGS answers (§8.7)
 * @param bar0            BAR 0 size and the layout of per-queue registers (§3.1, §11)
 * @param keepAliveIntervalNanos period of AENQ KEEP_ALIVE events on the model's clock (§9.3, §9.5; default 1 s)
 */
public record DeviceProfile(
        String name,
        Pci pci,
        Msix msix,
        Registers registers,
        Attributes attributes,
        QueueLimits queues,
        Llq llq,
        Offloads offloads,
        Rss rss,
        Hints hints,
        int intrDelayResolution,
        int aenqSupportedGroups,
        Link link,
        Phc phc,
        HwTimestampCaps hwTimestamp,
        long customerMetricsSupported,
        ExtraProperties extraProperties,
        Bar0Layout bar0,
        long keepAliveIntervalNanos) {

    /** Highest fixed register offset + 4, rounded: [0, 0x70) holds VERSION … RSS_IND_ENTRY_UPDATE (§3.1). */
    static final int FIXED_REGISTERS_END = 0x70;
    /** Largest BAR 2 the model allocates (LLQ entry arrays plus an MSI-X table placed there). */
    static final long MAX_BAR2_SIZE = 256L << 20;
    /** Default MTU after power-on and reset when the profile allows it [decision: the spec is silent]. */
    static final int DEFAULT_MTU = 1500;

    /** Validates every component and their consistency (regions of BAR 0 / BAR 2 must not overlap). */
    public DeviceProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("DeviceProfile.name must be non-blank, got '" + name + "'");
        }
        requireNonNull("pci", pci);
        requireNonNull("msix", msix);
        requireNonNull("registers", registers);
        requireNonNull("attributes", attributes);
        requireNonNull("queues", queues);
        requireNonNull("llq", llq);
        requireNonNull("offloads", offloads);
        requireNonNull("rss", rss);
        requireNonNull("hints", hints);
        requireNonNull("link", link);
        requireNonNull("phc", phc);
        requireNonNull("hwTimestamp", hwTimestamp);
        requireNonNull("extraProperties", extraProperties);
        requireNonNull("bar0", bar0);
        Check.unsigned("DeviceProfile.intrDelayResolution", intrDelayResolution, 16);
        Check.subset("DeviceProfile.aenqSupportedGroups", aenqSupportedGroups, (1 << AenqGroup.COUNT) - 1);
        Check.subset("DeviceProfile.customerMetricsSupported", customerMetricsSupported, CustomerMetrics.ALL_METRICS);
        Check.range("DeviceProfile.keepAliveIntervalNanos", keepAliveIntervalNanos, 1_000L, 3_600_000_000_000L);
        if (pci.bar2Present() && (llq.maxLlqNum() < 1 || llq.descriptorsStride() < 1)) {
            throw new IllegalArgumentException("DeviceProfile: BAR 2 present needs llq.maxLlqNum >= 1 and "
                    + "llq.descriptorsStride >= 1, got " + llq.maxLlqNum() + " and " + llq.descriptorsStride());
        }
        if (msix.tableBir() == PciIds.MEM_BAR && !pci.bar2Present() || msix.pbaBir() == PciIds.MEM_BAR
                && !pci.bar2Present()) {
            throw new IllegalArgumentException("DeviceProfile.msix places the table or PBA in BAR 2, but the profile "
                    + "has no BAR 2 (pci.bar2Present = false)");
        }
        validateLayout(pci, msix, queues, llq, phc, bar0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Derived values
    // ---------------------------------------------------------------------------------------------------------------

    /** CAPS register value (§3.4). */
    public int caps() {
        return registers.caps();
    }

    /** PCI Revision ID: bit 0 = readless disabled (§2.1); other bits 0. */
    public int revisionId() {
        return pci.readlessDisabled() ? PciIds.REVISION_READLESS_DISABLED : 0;
    }

    /** True if feature {@code id} answers GET/SET (features 1 and 28 always do, see the class comment). */
    public boolean supports(FeatureId id) {
        return id == FeatureId.DEVICE_ATTRIBUTES || id == FeatureId.HOST_ATTR_CONFIG
                || id.isSupported(attributes.supportedFeatures());
    }

    /** True if DEVICE_ATTRIBUTES capability bit {@code mask} is set (§8.2). */
    public boolean hasCapability(int mask) {
        return (attributes.capabilities() & mask) != 0;
    }

    /** Size of BAR 2 in bytes (a power of two), 0 without BAR 2 (§2.2). */
    public long bar2Size() {
        if (!pci.bar2Present()) {
            return 0;
        }
        return bar2SizeOf(msix, llq);
    }

    /** Number of SQ indexes (Tx, including LLQ, plus Rx) the device can hand out. */
    public int sqIndexCount() {
        return queues.txSqCapacity(llq) + queues.maxRxSqNum();
    }

    /** Number of CQ indexes the device can hand out (Tx plus Rx CQs; CREATE_CQ carries no direction). */
    public int cqIndexCount() {
        return queues.maxTxCqNum() + queues.maxRxCqNum();
    }

    /** Keep-alive period as a {@link Duration}. */
    public Duration keepAliveInterval() {
        return Duration.ofNanos(keepAliveIntervalNanos);
    }

    /** A builder initialised with this profile's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Named profiles
    // ---------------------------------------------------------------------------------------------------------------

    /** Names accepted by {@link #named(String)}. */
    public static List<String> names() {
        return List.of("ec2-default", "minimal", "reference-vectors");
    }

    /**
     * The named profile.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known names
     */
    public static DeviceProfile named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "ec2-default" -> ec2Default();
            case "minimal" -> minimal();
            case "reference-vectors" -> referenceVectors();
            default -> throw new IllegalArgumentException("unknown device profile '" + name + "'; known profiles: "
                    + String.join(", ", names()));
        };
    }

    /**
     * A device shaped like a current EC2 ENA VF: every GET answer mirrors "profile A" of the reference vectors
     * ({@code vectors/admin.jsonl} line seq 2 and the GET lines after it: supported features 1, 3, 4, 7, 10, 11, 12,
     * 14, 18, 20, 26, 27, 29; capabilities 0x1F; 32 queue pairs; LLQ with 128/256-byte entries; the recorded hints,
     * offloads, link and RSS capabilities), MSI-X vectors = 1 + 32 queues (table in BAR 0 at 0x2000, PBA at 0x3000)
     * and BAR 2 present (32 LLQs × 128 KiB).
     *
     * <p>[decision] BAR 0 layout: SQ doorbells at 0x1000 + 4·sq_idx (sq_idx from 0), CQ unmask 0x4000 + 4·cq_idx,
     * NUMA 0x5000 + 4·cq_idx, CQ head doorbell 0x6000 + 4·cq_idx, BAR 0 size 32 KiB: real offsets are not public;
     * these avoid the fixed registers and the default MSI-X placement.
     */
    public static DeviceProfile ec2Default() {
        return profileA("ec2-default")
                .msix(new Msix(33, 0, 0x2000, 0, 0x3000))
                .bar0(new Bar0Layout(0x8000, 0x1000, 0, 0x4000, 0x5000, 0x6000, 0))
                .llq(profileALlq(0x2_0000))
                .build();
    }

    /**
     * The device the reference vectors assume ({@code vectors/README.md}, "Device behaviour assumed by the vectors"):
     * CAPS 0x00033015, VERSION 0x201, CONTROLLER_VERSION 1, cq_idx 0, 1, 2 …, sq_idx 16, 17 …, SQ doorbell
     * 0x1000 + 4·sq_idx, unmask 0x2000 + 4·cq_idx, CQ head doorbell 0x3000 + 4·cq_idx, NUMA 0x4000 + 4·cq_idx, LLQ
     * descriptors at m·0x40000 for the m-th LLQ SQ, feature answers of "profile A" (the RSS defaults the vectors
     * show: key a0..c7, init_val 0, table log size 7 within [4, 8], hash-input selection TCP4 0x3C / UDP4 0x0C).
     *
     * <p>[decision] The MSI-X table (33 vectors) sits in BAR 0 at 0x5000 and the PBA at 0x6000 so that they collide
     * with none of those register ranges; BAR 0 is 32 KiB.
     */
    public static DeviceProfile referenceVectors() {
        return profileA("reference-vectors")
                .msix(new Msix(33, 0, 0x5000, 0, 0x6000))
                .bar0(new Bar0Layout(0x8000, 0x1000, 16, 0x2000, 0x4000, 0x3000, 0))
                .llq(profileALlq(0x4_0000))
                .build();
    }

    /**
     * The least a driver can work with (§15): legacy MAX_QUEUES_NUM only (features 1, 2, 11, 26), capabilities 0,
     * one queue pair of depth 256, no LLQ and no BAR 2, no RSS / hints / interrupt moderation, no offloads, two MSI-X
     * vectors (table 0x2000, PBA 0x3000), AENQ groups LINK_CHANGE, FATAL_ERROR and KEEP_ALIVE only, and PCI revision
     * bit 0 set so the driver must use plain MMIO reads instead of readless (§2.1).
     *
     * <p>[decision] No NUMA registers (CREATE_CQ reports offset 0, the "absent" case of §11.3) so that path is
     * exercised too; SQ doorbells 0x1000 + 4·sq_idx, unmask 0x1400 + 4·cq_idx, CQ head doorbell 0x1800 + 4·cq_idx,
     * BAR 0 of 16 KiB.
     */
    public static DeviceProfile minimal() {
        int features = FeatureId.DEVICE_ATTRIBUTES.mask() | FeatureId.MAX_QUEUES_NUM.mask()
                | FeatureId.STATELESS_OFFLOAD_CONFIG.mask() | FeatureId.AENQ_CONFIG.mask();
        return profileA("minimal")
                .pci(new Pci(PciIds.DEVICE_VF, true, false))
                .msix(new Msix(2, 0, 0x2000, 0, 0x3000))
                .attributes(new Attributes(features, 0, 48, 48, 0x06_00_00_00_00_01L, 0, 9216))
                .queues(new QueueLimits(1, 1, 1, 1, 1, 256, 256, 256, 256, 128, 19, 19, 0, 0))
                .llq(Llq.NONE)
                .offloads(new Offloads(0, 0, 0))
                .hints(new Hints(0, 0, 0, 0, 0, 0, 0, 0))
                .aenqSupportedGroups(AenqGroup.LINK_CHANGE.mask() | AenqGroup.FATAL_ERROR.mask()
                        | AenqGroup.KEEP_ALIVE.mask())
                .link(new Link(10_000, 0x8, 0x2))
                .customerMetricsSupported(0)
                .bar0(new Bar0Layout(0x4000, 0x1000, 0, 0x1400, 0, 0x1800, 0))
                .build();
    }

    private static Builder profileA(String name) {
        int features = 0x2C14_5C9A; // bits 1,3,4,7,10,11,12,14,18,20,26,27,29 (vectors seq 2, G+16)
        int[] supportedFields = new int[RssHashInputTable.PROTO_SLOTS];
        Arrays.fill(supportedFields, 0x3F);
        int[] selectedFields = new int[RssHashInputTable.PROTO_SLOTS];
        selectedFields[RssHashInputTable.PROTO_TCP4] = RssHashInputTable.DEFAULT_L4;
        selectedFields[RssHashInputTable.PROTO_UDP4] = RssHashInputTable.DEFAULT_L3;
        byte[] key = new byte[RssHashKey.KEY_LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0xA0 + i);
        }
        Builder b = new Builder();
        b.name = name;
        b.pci = new Pci(PciIds.DEVICE_VF, false, true);
        b.msix = new Msix(33, 0, 0x2000, 0, 0x3000);
        b.registers = new Registers(0x201, 0x1, 10, 48, 3, true);
        b.attributes = new Attributes(features, 0x1F, 48, 48, 0x06_1A_2B_3C_4D_5EL, 0, 9216);
        b.queues = new QueueLimits(1, 32, 32, 32, 32, 4096, 4096, 16384, 16384, 128, 32, 19, 0, 0);
        b.llq = profileALlq(0x4_0000);
        b.offloads = new Offloads(0x7F, 0x0F, 0x0F);
        b.rss = new Rss(RssHashFunction.funcMask(RssHashFunction.TOEPLITZ) | RssHashFunction.funcMask(
                RssHashFunction.CRC32), RssHashFunction.TOEPLITZ, 0, key, 4, 8, 7, false,
                RssHashInput.L3_SORT | RssHashInput.L4_SORT, 0, supportedFields, selectedFields);
        b.hints = new Hints(0, 6000, 5000, 128, 3000, 5000, 0, 0);
        b.intrDelayResolution = 1;
        b.aenqSupportedGroups = 0xFF;
        b.link = new Link(100_000, 0x80, 0x2);
        b.phc = new Phc(0, EnaRegs.PHC_DB_OFF, 1000, 10_000, 250);
        b.hwTimestamp = new HwTimestampCaps(1, 0, 1);
        b.customerMetricsSupported = CustomerMetrics.ALL_METRICS;
        b.extraProperties = ExtraProperties.NONE;
        b.bar0 = new Bar0Layout(0x8000, 0x1000, 0, 0x4000, 0x5000, 0x6000, 0);
        b.keepAliveIntervalNanos = 1_000_000_000L;
        return b;
    }

    private static Llq profileALlq(int stride) {
        return new Llq(32, 1024, LlqFeature.HeaderLocation.INLINE,
                LlqFeature.EntrySize.SIZE_128 | LlqFeature.EntrySize.SIZE_256, 0xF,
                LlqFeature.Stride.SINGLE_DESC_PER_ENTRY | LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY,
                LlqFeature.VERSION_ENTRY_SIZE_RECOMMENDED, LlqFeature.EntrySize.SIZE_128, 512,
                LlqFeature.AccelFlags.ALL, 2048, stride);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Components
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * PCI identity (§2.1, §2.2).
     *
     * @param deviceId         PCI device id (16 bits); the driver binds 0x0EC2, 0x1EC2, 0xEC20, 0xEC21, 0x0051
     * @param readlessDisabled PCI Revision ID bit 0: the driver must read registers with plain MMIO loads (§2.1, §4)
     * @param bar2Present      whether BAR 2 (LLQ device memory) exists (§2.2)
     */
    public record Pci(int deviceId, boolean readlessDisabled, boolean bar2Present) {
        /** Validates the device id width. */
        public Pci {
            Check.unsigned("Pci.deviceId", deviceId, 16);
        }
    }

    /**
     * MSI-X table size and placement (§2.3; PCI 3.0 §6.8.2). Offsets must be 8-byte aligned (bits 2:0 of the
     * capability registers carry the BAR indicator).
     *
     * @param vectors     table size, [1, 2048]; the reference driver needs ≥ 2 and asks for 1 + queues
     * @param tableBir    BAR holding the table: 0, or 2 when BAR 2 exists
     * @param tableOffset table offset within that BAR
     * @param pbaBir      BAR holding the pending-bit array: 0 or 2
     * @param pbaOffset   PBA offset within that BAR
     */
    public record Msix(int vectors, int tableBir, int tableOffset, int pbaBir, int pbaOffset) {
        /** Validates ranges and alignment. */
        public Msix {
            Check.range("Msix.vectors", vectors, 1, 2048);
            if (tableBir != PciIds.REG_BAR && tableBir != PciIds.MEM_BAR) {
                throw new IllegalArgumentException("Msix.tableBir = " + tableBir + " must be 0 or 2");
            }
            if (pbaBir != PciIds.REG_BAR && pbaBir != PciIds.MEM_BAR) {
                throw new IllegalArgumentException("Msix.pbaBir = " + pbaBir + " must be 0 or 2");
            }
            Check.aligned("Msix.tableOffset", Check.range("Msix.tableOffset", tableOffset, 0, Integer.MAX_VALUE), 8);
            Check.aligned("Msix.pbaOffset", Check.range("Msix.pbaOffset", pbaOffset, 0, Integer.MAX_VALUE), 8);
        }

        /** Bytes of the table: 16 per vector. */
        public int tableBytes() {
            return vectors * 16;
        }

        /** Bytes of the PBA: one bit per vector, in whole QWORDs. */
        public int pbaBytes() {
            return ((vectors + 63) / 64) * 8;
        }
    }

    /**
     * Fixed identification registers (§3.2–§3.4).
     *
     * @param version                  VERSION (bits 15:0 used)
     * @param controllerVersion        CONTROLLER_VERSION; the driver requires {@code & 0xFFFFFF >= 1} (§3.3); bits
     *                                 31:24 are the implementation id, also reported as DEVICE_ATTRIBUTES.impl_id
     * @param resetTimeout             CAPS.RESET_TIMEOUT in 100 ms units, [1, 31] (0 makes every reset fail)
     * @param dmaAddrWidth             CAPS.DMA_ADDR_WIDTH, [32, 48]; the model refuses DMA to wider addresses
     * @param adminTimeout             CAPS.ADMIN_CMD_TO in 100 ms units, [0, 15] (0 = driver default)
     * @param contiguousQueueRequired  CAPS bit 0
     */
    public record Registers(int version, int controllerVersion, int resetTimeout, int dmaAddrWidth, int adminTimeout,
                            boolean contiguousQueueRequired) {
        /** Validates every field. */
        public Registers {
            Check.unsigned("Registers.version", version, 16);
            Check.range("Registers.resetTimeout", resetTimeout, 1, 31);
            Check.range("Registers.dmaAddrWidth", dmaAddrWidth, EnaRegs.DMA_WIDTH_MIN, EnaRegs.DMA_WIDTH_MAX);
            Check.range("Registers.adminTimeout", adminTimeout, 0, 15);
        }

        /** CAPS value (§3.4). */
        public int caps() {
            return EnaRegs.caps(contiguousQueueRequired ? 1 : 0, resetTimeout, dmaAddrWidth, adminTimeout);
        }
    }

    /**
     * DEVICE_ATTRIBUTES (§8.2). impl_id and device_version are not listed: the model reports CONTROLLER_VERSION bits
     * 31:24 and VERSION there [decision: the vectors' device reports impl 0 / 0x201, matching its registers].
     *
     * @param supportedFeatures     bit N = feature N (§8.1)
     * @param capabilities          capability bits 0..4 (§8.2)
     * @param physAddrWidth         phys_addr_width, [0, 64]
     * @param virtAddrWidth         virt_addr_width, [0, 64]
     * @param macAddress            unicast MAC as a 48-bit number, first octet in bits 47:40
     * @param flowSteeringMaxEntries flow-steering rule slots, u16
     * @param maxMtu                max_mtu, [128, 65535]; SET(MTU) accepts [128, max_mtu]
     */
    public record Attributes(int supportedFeatures, int capabilities, int physAddrWidth, int virtAddrWidth,
                             long macAddress, int flowSteeringMaxEntries, int maxMtu) {
        /** Validates every field. */
        public Attributes {
            Check.subset("Attributes.capabilities", capabilities, 0x1F);
            Check.range("Attributes.physAddrWidth", physAddrWidth, 0, 64);
            Check.range("Attributes.virtAddrWidth", virtAddrWidth, 0, 64);
            Check.range("Attributes.macAddress", macAddress, 0, (1L << 48) - 1);
            Check.unsigned("Attributes.flowSteeringMaxEntries", flowSteeringMaxEntries, 16);
            Check.range("Attributes.maxMtu", maxMtu, Mtu.DRIVER_MIN_MTU, 0xFFFF);
        }

        /** The MAC in network byte order (6 bytes). */
        public byte[] macBytes() {
            byte[] b = new byte[6];
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) (macAddress >>> (8 * (5 - i)));
            }
            return b;
        }
    }

    /**
     * Queue limits (§8.3, §8.4). The same numbers answer MAX_QUEUES_EXT and (derived) MAX_QUEUES_NUM and bound
     * CREATE_CQ / CREATE_SQ.
     *
     * <p>[decision] MAX_QUEUES_NUM is derived: max_sq_num = min(Tx SQ, Rx SQ), max_cq_num = min(Tx CQ, Rx CQ), depths
     * likewise the minimum of Tx and Rx, max_header_size = maxTxHeaderSize, max_packet_*_descs = the per-packet
     * maxima: the legacy driver treats these numbers as per-direction limits.
     *
     * @param extVersion          version reported by MAX_QUEUES_EXT (the driver requires 1; 0 reproduces a broken
     *                            device), [0, 255]
     * @param maxTxSqNum          Tx SQs with host placement, [0, 4096]
     * @param maxTxCqNum          Tx CQs, [0, 4096]
     * @param maxRxSqNum          Rx SQs, [0, 4096]
     * @param maxRxCqNum          Rx CQs, [0, 4096]
     * @param maxTxSqDepth        [0, 65535]
     * @param maxTxCqDepth        [0, 65535]
     * @param maxRxSqDepth        [0, 65535]
     * @param maxRxCqDepth        [0, 65535]
     * @param maxTxHeaderSize     Tx header bytes for host placement, u16 range
     * @param maxPerPacketTxDescs u16
     * @param maxPerPacketRxDescs u16
     * @param maxLegacyLlqNum     MAX_QUEUES_NUM.max_legacy_llq_num, [0, 4096]
     * @param maxLegacyLlqDepth   MAX_QUEUES_NUM.max_legacy_llq_depth, [0, 65535]
     */
    public record QueueLimits(int extVersion, int maxTxSqNum, int maxTxCqNum, int maxRxSqNum, int maxRxCqNum,
                              int maxTxSqDepth, int maxTxCqDepth, int maxRxSqDepth, int maxRxCqDepth,
                              int maxTxHeaderSize, int maxPerPacketTxDescs, int maxPerPacketRxDescs,
                              int maxLegacyLlqNum, int maxLegacyLlqDepth) {
        /** Validates every field. */
        public QueueLimits {
            Check.unsigned("QueueLimits.extVersion", extVersion, 8);
            Check.range("QueueLimits.maxTxSqNum", maxTxSqNum, 0, 4096);
            Check.range("QueueLimits.maxTxCqNum", maxTxCqNum, 0, 4096);
            Check.range("QueueLimits.maxRxSqNum", maxRxSqNum, 0, 4096);
            Check.range("QueueLimits.maxRxCqNum", maxRxCqNum, 0, 4096);
            Check.unsigned("QueueLimits.maxTxSqDepth", maxTxSqDepth, 16);
            Check.unsigned("QueueLimits.maxTxCqDepth", maxTxCqDepth, 16);
            Check.unsigned("QueueLimits.maxRxSqDepth", maxRxSqDepth, 16);
            Check.unsigned("QueueLimits.maxRxCqDepth", maxRxCqDepth, 16);
            Check.unsigned("QueueLimits.maxTxHeaderSize", maxTxHeaderSize, 16);
            Check.unsigned("QueueLimits.maxPerPacketTxDescs", maxPerPacketTxDescs, 16);
            Check.unsigned("QueueLimits.maxPerPacketRxDescs", maxPerPacketRxDescs, 16);
            Check.range("QueueLimits.maxLegacyLlqNum", maxLegacyLlqNum, 0, 4096);
            Check.unsigned("QueueLimits.maxLegacyLlqDepth", maxLegacyLlqDepth, 16);
        }

        /** {@code num} queues of each kind, all of depth {@code depth}; header 128 B, 19 descriptors per packet. */
        public static QueueLimits uniform(int num, int depth) {
            return new QueueLimits(1, num, num, num, num, depth, depth, depth, depth, 128, 19, 19, 0, 0);
        }

        /** Tx SQs the device can hold: host placement up to maxTxSqNum, LLQ up to llq.maxLlqNum (§8.4). */
        int txSqCapacity(Llq llq) {
            return Math.max(maxTxSqNum, llq.maxLlqNum());
        }
    }

    /**
     * LLQ capabilities (§8.5) and the BAR 2 geometry: the m-th LLQ SQ gets its descriptor ring at
     * {@code m × descriptorsStride} in BAR 2 (CREATE_SQ.llq_descriptors_offset).
     *
     * @param maxLlqNum                 max_llq_num (0 = no LLQ), [0, 4096]
     * @param maxLlqDepth               max_llq_depth, u16
     * @param headerLocationSupported   bitmap of header-location codes, u16
     * @param entrySizeSupported        bitmap of entry-size codes (1 = 128 B, 2 = 192 B, 4 = 256 B), u16
     * @param descsBeforeHeaderSupported bitmap of descriptor counts 1, 2, 4, 8, u16
     * @param strideSupported           bitmap of stride codes, u16
     * @param featureVersion            feature_version reported, u8
     * @param entrySizeRecommended      entry_size_recommended (a code), u8
     * @param maxWideLlqDepth           max_wide_llq_depth (0 = not applicable), u16
     * @param accelSupportedFlags       accel_mode.supported_flags, u16
     * @param maxTxBurstSize            accel_mode.max_tx_burst_size, u16
     * @param descriptorsStride         bytes of BAR 2 per LLQ SQ, [0, 64 MiB], multiple of 64
     */
    public record Llq(int maxLlqNum, int maxLlqDepth, int headerLocationSupported, int entrySizeSupported,
                      int descsBeforeHeaderSupported, int strideSupported, int featureVersion,
                      int entrySizeRecommended, int maxWideLlqDepth, int accelSupportedFlags, int maxTxBurstSize,
                      int descriptorsStride) {

        /** No LLQ at all (and therefore no BAR 2). */
        public static final Llq NONE = new Llq(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Validates every field. */
        public Llq {
            Check.range("Llq.maxLlqNum", maxLlqNum, 0, 4096);
            Check.unsigned("Llq.maxLlqDepth", maxLlqDepth, 16);
            Check.unsigned("Llq.headerLocationSupported", headerLocationSupported, 16);
            Check.unsigned("Llq.entrySizeSupported", entrySizeSupported, 16);
            Check.unsigned("Llq.descsBeforeHeaderSupported", descsBeforeHeaderSupported, 16);
            Check.unsigned("Llq.strideSupported", strideSupported, 16);
            Check.unsigned("Llq.featureVersion", featureVersion, 8);
            Check.unsigned("Llq.entrySizeRecommended", entrySizeRecommended, 8);
            Check.unsigned("Llq.maxWideLlqDepth", maxWideLlqDepth, 16);
            Check.unsigned("Llq.accelSupportedFlags", accelSupportedFlags, 16);
            Check.unsigned("Llq.maxTxBurstSize", maxTxBurstSize, 16);
            Check.aligned("Llq.descriptorsStride", Check.range("Llq.descriptorsStride", descriptorsStride, 0,
                    64 << 20), 64);
        }
    }

    /**
     * STATELESS_OFFLOAD_CONFIG (§8.9).
     *
     * @param tx          supported Tx offloads (bits 0..7)
     * @param rxSupported supported Rx offloads (bits 0..3)
     * @param rxEnabled   enabled Rx offloads, ⊆ rxSupported
     */
    public record Offloads(int tx, int rxSupported, int rxEnabled) {
        /** Validates every field. */
        public Offloads {
            Check.subset("Offloads.tx", tx, 0xFF);
            Check.subset("Offloads.rxSupported", rxSupported, 0xF);
            Check.subset("Offloads.rxEnabled", rxEnabled, rxSupported);
        }
    }

    /**
     * RSS capabilities and the power-on / post-reset configuration (§8.10, §8.11, §8.13).
     *
     * @param supportedFunctions  supported_func bitmap (bit n = function code n; Toeplitz = 0x2, CRC32 = 0x4), u8
     * @param defaultFunction     function code selected after reset; must be supported unless none is
     * @param defaultInitVal      init_val after reset
     * @param defaultKey          40-byte key after reset (as stored in memory, §8.10)
     * @param tableMinLog2        indirection table min_size, [0, 16]
     * @param tableMaxLog2        indirection table max_size, [min, 16]
     * @param tableDefaultLog2    table size after reset (entries all 0), [min, max]
     * @param oneEntryUpdate      flags bit 0 ONE_ENTRY_UPDATE: SET with inline_index updates one entry
     * @param supportedInputSort  bit 1 L3 sort, bit 2 L4 sort
     * @param defaultInputSort    enabled_input_sort after reset, ⊆ supported
     * @param supportedFields     16 per-protocol field bitmaps (bits 0..5)
     * @param defaultSelectedFields 16 per-protocol selections after reset, each ⊆ supported
     */
    public record Rss(int supportedFunctions, int defaultFunction, int defaultInitVal, byte[] defaultKey,
                      int tableMinLog2, int tableMaxLog2, int tableDefaultLog2, boolean oneEntryUpdate,
                      int supportedInputSort, int defaultInputSort, int[] supportedFields,
                      int[] defaultSelectedFields) {
        /** Validates every field and copies the arrays. */
        public Rss {
            Check.subset("Rss.supportedFunctions", supportedFunctions, 0xFF);
            Check.range("Rss.defaultFunction", defaultFunction, 0, 7);
            if (supportedFunctions != 0 && (supportedFunctions & (1 << defaultFunction)) == 0) {
                throw new IllegalArgumentException("Rss.defaultFunction = " + defaultFunction
                        + " is not in supportedFunctions 0x" + Integer.toHexString(supportedFunctions));
            }
            if (defaultKey == null || defaultKey.length != RssHashKey.KEY_LENGTH) {
                throw new IllegalArgumentException("Rss.defaultKey must hold " + RssHashKey.KEY_LENGTH + " bytes, got "
                        + (defaultKey == null ? "null" : defaultKey.length));
            }
            Check.range("Rss.tableMinLog2", tableMinLog2, 0, RssIndirectionTable.MAX_LOG_SIZE);
            Check.range("Rss.tableMaxLog2", tableMaxLog2, tableMinLog2, RssIndirectionTable.MAX_LOG_SIZE);
            Check.range("Rss.tableDefaultLog2", tableDefaultLog2, tableMinLog2, tableMaxLog2);
            Check.subset("Rss.supportedInputSort", supportedInputSort, RssHashInput.L3_SORT | RssHashInput.L4_SORT);
            Check.subset("Rss.defaultInputSort", defaultInputSort, supportedInputSort);
            if (supportedFields == null || supportedFields.length != RssHashInputTable.PROTO_SLOTS
                    || defaultSelectedFields == null || defaultSelectedFields.length != RssHashInputTable.PROTO_SLOTS) {
                throw new IllegalArgumentException("Rss.supportedFields and defaultSelectedFields must each hold "
                        + RssHashInputTable.PROTO_SLOTS + " entries");
            }
            for (int i = 0; i < RssHashInputTable.PROTO_SLOTS; i++) {
                Check.subset("Rss.supportedFields[" + i + "]", supportedFields[i], 0x3F);
                Check.subset("Rss.defaultSelectedFields[" + i + "]", defaultSelectedFields[i], supportedFields[i]);
            }
            defaultKey = defaultKey.clone();
            supportedFields = supportedFields.clone();
            defaultSelectedFields = defaultSelectedFields.clone();
        }

        /** A copy of the default key. */
        @Override
        public byte[] defaultKey() {
            return defaultKey.clone();
        }

        /** A copy of the supported per-protocol field bitmaps. */
        @Override
        public int[] supportedFields() {
            return supportedFields.clone();
        }

        /** A copy of the default per-protocol selections. */
        @Override
        public int[] defaultSelectedFields() {
            return defaultSelectedFields.clone();
        }

        /** Compares array contents, not identities. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Rss r && supportedFunctions == r.supportedFunctions
                    && defaultFunction == r.defaultFunction && defaultInitVal == r.defaultInitVal
                    && Arrays.equals(defaultKey, r.defaultKey) && tableMinLog2 == r.tableMinLog2
                    && tableMaxLog2 == r.tableMaxLog2 && tableDefaultLog2 == r.tableDefaultLog2
                    && oneEntryUpdate == r.oneEntryUpdate && supportedInputSort == r.supportedInputSort
                    && defaultInputSort == r.defaultInputSort && Arrays.equals(supportedFields, r.supportedFields)
                    && Arrays.equals(defaultSelectedFields, r.defaultSelectedFields);
        }

        /** Hash over array contents. */
        @Override
        public int hashCode() {
            return Arrays.hashCode(defaultKey) * 31 + Arrays.hashCode(supportedFields) * 17
                    + Arrays.hashCode(defaultSelectedFields) + supportedFunctions + tableMaxLog2;
        }

        /** Readable form with the key in hex. */
        @Override
        public String toString() {
            return "Rss[supportedFunctions=0x" + Integer.toHexString(supportedFunctions) + ", defaultFunction="
                    + defaultFunction + ", defaultInitVal=0x" + Integer.toHexString(defaultInitVal) + ", defaultKey="
                    + HexFormat.of().formatHex(defaultKey) + ", table=[" + tableMinLog2 + ", " + tableMaxLog2 + "] "
                    + "default " + tableDefaultLog2 + ", oneEntryUpdate=" + oneEntryUpdate + ", inputSort=0x"
                    + Integer.toHexString(supportedInputSort) + "/0x" + Integer.toHexString(defaultInputSort)
                    + ", supportedFields=" + Arrays.toString(supportedFields) + ", defaultSelectedFields="
                    + Arrays.toString(defaultSelectedFields) + "]";
        }
    }

    /**
     * HW hints (§8.6): ms values, 0 = "driver default", 0xFFFF = "no timeout" where the spec says so. All u16.
     *
     * @param mmioReadTimeout             readless timeout, ms
     * @param driverWatchdogTimeout       keep-alive timeout, ms
     * @param missingTxCompletionTimeout  ms per packet
     * @param missedTxCompletionThreshold packets
     * @param adminCompletionTimeout      ms
     * @param netdevWdTimeout             ms
     * @param maxTxSglSize                unused by the Linux driver
     * @param maxRxSglSize                unused by the Linux driver
     */
    public record Hints(int mmioReadTimeout, int driverWatchdogTimeout, int missingTxCompletionTimeout,
                        int missedTxCompletionThreshold, int adminCompletionTimeout, int netdevWdTimeout,
                        int maxTxSglSize, int maxRxSglSize) {
        /** Validates every field as u16. */
        public Hints {
            Check.unsigned("Hints.mmioReadTimeout", mmioReadTimeout, 16);
            Check.unsigned("Hints.driverWatchdogTimeout", driverWatchdogTimeout, 16);
            Check.unsigned("Hints.missingTxCompletionTimeout", missingTxCompletionTimeout, 16);
            Check.unsigned("Hints.missedTxCompletionThreshold", missedTxCompletionThreshold, 16);
            Check.unsigned("Hints.adminCompletionTimeout", adminCompletionTimeout, 16);
            Check.unsigned("Hints.netdevWdTimeout", netdevWdTimeout, 16);
            Check.unsigned("Hints.maxTxSglSize", maxTxSglSize, 16);
            Check.unsigned("Hints.maxRxSglSize", maxRxSglSize, 16);
        }
    }

    /**
     * LINK_CONFIG (§8.16).
     *
     * @param speedMbps speed in Mbit/s, ≥ 0
     * @param supported speed bitmap (bits 0..9)
     * @param flags     bit 0 autonegotiation, bit 1 full duplex
     */
    public record Link(int speedMbps, int supported, int flags) {
        /** Validates every field. */
        public Link {
            Check.range("Link.speedMbps", speedMbps, 0, Integer.MAX_VALUE);
            Check.subset("Link.supported", supported, 0x3FF);
            Check.subset("Link.flags", flags, 0x3);
        }
    }

    /**
     * PHC_CONFIG (§8.18) and the answer of the PHC doorbell (§10.2).
     *
     * @param version           PHC version reported (the driver accepts only 0), u8
     * @param doorbellOffset    BAR 0 offset of the PHC doorbell, 4-byte aligned
     * @param expireTimeoutUsec expire_timeout_usec, ≥ 0
     * @param blockTimeoutUsec  block_timeout_usec, ≥ 0
     * @param errorBoundNs      error_bound written with each timestamp
     */
    public record Phc(int version, int doorbellOffset, int expireTimeoutUsec, int blockTimeoutUsec,
                      int errorBoundNs) {
        /** Validates every field. */
        public Phc {
            Check.unsigned("Phc.version", version, 8);
            Check.aligned("Phc.doorbellOffset", Check.range("Phc.doorbellOffset", doorbellOffset, 0,
                    Integer.MAX_VALUE), 4);
            Check.range("Phc.expireTimeoutUsec", expireTimeoutUsec, 0, Integer.MAX_VALUE);
            Check.range("Phc.blockTimeoutUsec", blockTimeoutUsec, 0, Integer.MAX_VALUE);
        }
    }

    /**
     * HW_TIMESTAMP capabilities (§8.20).
     *
     * @param version max version, u8
     * @param tx      Tx support: 0 none, 1 all
     * @param rx      Rx support: 0 none, 1 all
     */
    public record HwTimestampCaps(int version, int tx, int rx) {
        /** Validates every field. */
        public HwTimestampCaps {
            Check.unsigned("HwTimestampCaps.version", version, 8);
            Check.range("HwTimestampCaps.tx", tx, 0, 1);
            Check.range("HwTimestampCaps.rx", rx, 0, 1);
        }
    }

    /**
     * Legacy EXTRA_PROPERTIES_STRINGS / _FLAGS answers (§8.7).
     *
     * @param strings up to 32 ASCII strings of at most 31 characters
     * @param flags   bit i = state of string i
     */
    public record ExtraProperties(List<String> strings, int flags) {

        /** No extra properties. */
        public static final ExtraProperties NONE = new ExtraProperties(List.of(), 0);

        /** Validates and copies the list. */
        public ExtraProperties {
            if (strings == null || strings.size() > 32) {
                throw new IllegalArgumentException("ExtraProperties.strings must hold 0..32 strings, got "
                        + (strings == null ? "null" : strings.size()));
            }
            for (String s : strings) {
                if (s == null || s.length() > 31) {
                    throw new IllegalArgumentException("ExtraProperties string '" + s + "' must be 0..31 chars");
                }
            }
            strings = List.copyOf(strings);
        }
    }

    /**
     * BAR 0 size and where the per-queue registers live (§3.1, §7.1, §7.2, §11): register of queue index i is at
     * {@code base + 4·i}. Queue indexes are handed out lowest-free-first starting at {@code firstSqIndex} /
     * {@code firstCqIndex}.
     *
     * @param size           BAR 0 size, a power of two in [4 KiB, 1 MiB]
     * @param sqDoorbellBase SQ doorbell base
     * @param firstSqIndex   first sq_idx handed out
     * @param cqUnmaskBase   CQ interrupt-unmask base
     * @param cqNumaBase     CQ NUMA register base, 0 = the device has none (CREATE_CQ reports 0)
     * @param cqHeadDbBase   CQ head doorbell base
     * @param firstCqIndex   first cq_idx handed out
     */
    public record Bar0Layout(int size, int sqDoorbellBase, int firstSqIndex, int cqUnmaskBase, int cqNumaBase,
                             int cqHeadDbBase, int firstCqIndex) {
        /** Validates ranges and alignment (overlaps are checked by the profile). */
        public Bar0Layout {
            Check.powerOfTwo("Bar0Layout.size", size, 4096, 1 << 20);
            Check.aligned("Bar0Layout.sqDoorbellBase", Check.range("Bar0Layout.sqDoorbellBase", sqDoorbellBase,
                    FIXED_REGISTERS_END, size - 4), 4);
            Check.aligned("Bar0Layout.cqUnmaskBase", Check.range("Bar0Layout.cqUnmaskBase", cqUnmaskBase,
                    FIXED_REGISTERS_END, size - 4), 4);
            if (cqNumaBase != 0) {
                Check.aligned("Bar0Layout.cqNumaBase", Check.range("Bar0Layout.cqNumaBase", cqNumaBase,
                        FIXED_REGISTERS_END, size - 4), 4);
            }
            Check.aligned("Bar0Layout.cqHeadDbBase", Check.range("Bar0Layout.cqHeadDbBase", cqHeadDbBase,
                    FIXED_REGISTERS_END, size - 4), 4);
            Check.range("Bar0Layout.firstSqIndex", firstSqIndex, 0, 0xFFFF);
            Check.range("Bar0Layout.firstCqIndex", firstCqIndex, 0, 0xFFFF);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Layout validation
    // ---------------------------------------------------------------------------------------------------------------

    private record Region(String name, long start, long end) {
    }

    private static void validateLayout(Pci pci, Msix msix, QueueLimits q, Llq llq, Phc phc, Bar0Layout b) {
        int sqCount = q.txSqCapacity(llq) + q.maxRxSqNum();
        int cqCount = q.maxTxCqNum() + q.maxRxCqNum();
        Check.range("sq_idx space firstSqIndex + queues", (long) b.firstSqIndex() + sqCount, 0, 0x10000);
        Check.range("cq_idx space firstCqIndex + queues", (long) b.firstCqIndex() + cqCount, 0, 0x10000);
        List<Region> bar0 = new ArrayList<>();
        bar0.add(new Region("fixed registers", 0, FIXED_REGISTERS_END));
        bar0.add(new Region("PHC doorbell", phc.doorbellOffset(), phc.doorbellOffset() + 4L));
        bar0.add(new Region("SQ doorbells", b.sqDoorbellBase() + 4L * b.firstSqIndex(),
                b.sqDoorbellBase() + 4L * (b.firstSqIndex() + sqCount)));
        bar0.add(new Region("CQ unmask registers", b.cqUnmaskBase() + 4L * b.firstCqIndex(),
                b.cqUnmaskBase() + 4L * (b.firstCqIndex() + cqCount)));
        if (b.cqNumaBase() != 0) {
            bar0.add(new Region("CQ NUMA registers", b.cqNumaBase() + 4L * b.firstCqIndex(),
                    b.cqNumaBase() + 4L * (b.firstCqIndex() + cqCount)));
        }
        bar0.add(new Region("CQ head doorbells", b.cqHeadDbBase() + 4L * b.firstCqIndex(),
                b.cqHeadDbBase() + 4L * (b.firstCqIndex() + cqCount)));
        List<Region> bar2 = new ArrayList<>();
        if (pci.bar2Present()) {
            bar2.add(new Region("LLQ descriptor rings", 0, (long) llq.maxLlqNum() * llq.descriptorsStride()));
        }
        (msix.tableBir() == PciIds.REG_BAR ? bar0 : bar2).add(new Region("MSI-X table", msix.tableOffset(),
                (long) msix.tableOffset() + msix.tableBytes()));
        (msix.pbaBir() == PciIds.REG_BAR ? bar0 : bar2).add(new Region("MSI-X PBA", msix.pbaOffset(),
                (long) msix.pbaOffset() + msix.pbaBytes()));
        checkRegions("BAR 0", bar0, b.size());
        if (pci.bar2Present()) {
            long size = bar2SizeOf(msix, llq);
            if (size > MAX_BAR2_SIZE) {
                throw new IllegalArgumentException("BAR 2 size " + size + " bytes (maxLlqNum " + llq.maxLlqNum()
                        + " × descriptorsStride " + llq.descriptorsStride() + ") exceeds the model limit "
                        + MAX_BAR2_SIZE);
            }
            checkRegions("BAR 2", bar2, size);
        }
    }

    private static void checkRegions(String bar, List<Region> regions, long size) {
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            if (r.end() > size) {
                throw new IllegalArgumentException(bar + " region '" + r.name() + "' [0x" + Long.toHexString(r.start())
                        + ", 0x" + Long.toHexString(r.end()) + ") does not fit in the BAR of 0x" + Long.toHexString(size)
                        + " bytes");
            }
            for (int j = 0; j < i; j++) {
                Region o = regions.get(j);
                if (r.start() < o.end() && o.start() < r.end() && r.end() > r.start() && o.end() > o.start()) {
                    throw new IllegalArgumentException(bar + " regions '" + o.name() + "' [0x"
                            + Long.toHexString(o.start()) + ", 0x" + Long.toHexString(o.end()) + ") and '" + r.name()
                            + "' [0x" + Long.toHexString(r.start()) + ", 0x" + Long.toHexString(r.end())
                            + ") overlap");
                }
            }
        }
    }

    private static long bar2SizeOf(Msix msix, Llq llq) {
        long end = (long) llq.maxLlqNum() * llq.descriptorsStride();
        if (msix.tableBir() == PciIds.MEM_BAR) {
            end = Math.max(end, (long) msix.tableOffset() + msix.tableBytes());
        }
        if (msix.pbaBir() == PciIds.MEM_BAR) {
            end = Math.max(end, (long) msix.pbaOffset() + msix.pbaBytes());
        }
        return Check.ceilPowerOfTwo(Math.max(end, 4096));
    }

    private static void requireNonNull(String what, Object o) {
        if (o == null) {
            throw new IllegalArgumentException("DeviceProfile." + what + " must not be null");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Builder
    // ---------------------------------------------------------------------------------------------------------------

    /** A fresh builder holding the values of {@link #ec2Default()}. */
    public static Builder builder() {
        return ec2Default().toBuilder();
    }

    /**
     * Mutable builder; {@link #build()} validates. Setters return {@code this}. Components are replaced whole;
     * convenience setters change single frequently-varied fields.
     */
    public static final class Builder {
        private String name;
        private Pci pci;
        private Msix msix;
        private Registers registers;
        private Attributes attributes;
        private QueueLimits queues;
        private Llq llq;
        private Offloads offloads;
        private Rss rss;
        private Hints hints;
        private int intrDelayResolution;
        private int aenqSupportedGroups;
        private Link link;
        private Phc phc;
        private HwTimestampCaps hwTimestamp;
        private long customerMetricsSupported;
        private ExtraProperties extraProperties;
        private Bar0Layout bar0;
        private long keepAliveIntervalNanos;

        private Builder() {
        }

        private Builder(DeviceProfile p) {
            name = p.name;
            pci = p.pci;
            msix = p.msix;
            registers = p.registers;
            attributes = p.attributes;
            queues = p.queues;
            llq = p.llq;
            offloads = p.offloads;
            rss = p.rss;
            hints = p.hints;
            intrDelayResolution = p.intrDelayResolution;
            aenqSupportedGroups = p.aenqSupportedGroups;
            link = p.link;
            phc = p.phc;
            hwTimestamp = p.hwTimestamp;
            customerMetricsSupported = p.customerMetricsSupported;
            extraProperties = p.extraProperties;
            bar0 = p.bar0;
            keepAliveIntervalNanos = p.keepAliveIntervalNanos;
        }

        /** Sets {@link DeviceProfile#name()}. */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /** Sets {@link DeviceProfile#pci()}. */
        public Builder pci(Pci v) {
            pci = v;
            return this;
        }

        /** Sets {@link DeviceProfile#msix()}. */
        public Builder msix(Msix v) {
            msix = v;
            return this;
        }

        /** Sets {@link DeviceProfile#registers()}. */
        public Builder registers(Registers v) {
            registers = v;
            return this;
        }

        /** Sets {@link DeviceProfile#attributes()}. */
        public Builder attributes(Attributes v) {
            attributes = v;
            return this;
        }

        /** Sets {@link DeviceProfile#queues()}. */
        public Builder queues(QueueLimits v) {
            queues = v;
            return this;
        }

        /** Sets {@link DeviceProfile#llq()}. */
        public Builder llq(Llq v) {
            llq = v;
            return this;
        }

        /** Sets {@link DeviceProfile#offloads()}. */
        public Builder offloads(Offloads v) {
            offloads = v;
            return this;
        }

        /** Sets {@link DeviceProfile#rss()}. */
        public Builder rss(Rss v) {
            rss = v;
            return this;
        }

        /** Sets {@link DeviceProfile#hints()}. */
        public Builder hints(Hints v) {
            hints = v;
            return this;
        }

        /** Sets {@link DeviceProfile#intrDelayResolution()}. */
        public Builder intrDelayResolution(int v) {
            intrDelayResolution = v;
            return this;
        }

        /** Sets {@link DeviceProfile#aenqSupportedGroups()}. */
        public Builder aenqSupportedGroups(int v) {
            aenqSupportedGroups = v;
            return this;
        }

        /** Sets {@link DeviceProfile#link()}. */
        public Builder link(Link v) {
            link = v;
            return this;
        }

        /** Sets {@link DeviceProfile#phc()}. */
        public Builder phc(Phc v) {
            phc = v;
            return this;
        }

        /** Sets {@link DeviceProfile#hwTimestamp()}. */
        public Builder hwTimestamp(HwTimestampCaps v) {
            hwTimestamp = v;
            return this;
        }

        /** Sets {@link DeviceProfile#customerMetricsSupported()}. */
        public Builder customerMetricsSupported(long v) {
            customerMetricsSupported = v;
            return this;
        }

        /** Sets {@link DeviceProfile#extraProperties()}. */
        public Builder extraProperties(ExtraProperties v) {
            extraProperties = v;
            return this;
        }

        /** Sets {@link DeviceProfile#bar0()}. */
        public Builder bar0(Bar0Layout v) {
            bar0 = v;
            return this;
        }

        /** Sets the keep-alive period (§9.5), [1 µs, 1 h]. */
        public Builder keepAliveInterval(Duration v) {
            keepAliveIntervalNanos = v.toNanos();
            return this;
        }

        /** Replaces DEVICE_ATTRIBUTES.supported_features (§8.1). */
        public Builder supportedFeatures(int v) {
            Attributes a = attributes;
            attributes = new Attributes(v, a.capabilities(), a.physAddrWidth(), a.virtAddrWidth(), a.macAddress(),
                    a.flowSteeringMaxEntries(), a.maxMtu());
            return this;
        }

        /** Replaces DEVICE_ATTRIBUTES.capabilities (§8.2). */
        public Builder capabilities(int v) {
            Attributes a = attributes;
            attributes = new Attributes(a.supportedFeatures(), v, a.physAddrWidth(), a.virtAddrWidth(),
                    a.macAddress(), a.flowSteeringMaxEntries(), a.maxMtu());
            return this;
        }

        /**
         * Replaces DEVICE_ATTRIBUTES.mac_addr (§8.2): a 48-bit number, first octet in bits 47:40 (give each model of
         * a {@link Wires#pair} its own).
         */
        public Builder macAddress(long v) {
            Attributes a = attributes;
            attributes = new Attributes(a.supportedFeatures(), a.capabilities(), a.physAddrWidth(), a.virtAddrWidth(),
                    v, a.flowSteeringMaxEntries(), a.maxMtu());
            return this;
        }

        /** Replaces DEVICE_ATTRIBUTES.max_mtu (§8.2). */
        public Builder maxMtu(int v) {
            Attributes a = attributes;
            attributes = new Attributes(a.supportedFeatures(), a.capabilities(), a.physAddrWidth(),
                    a.virtAddrWidth(), a.macAddress(), a.flowSteeringMaxEntries(), v);
            return this;
        }

        /** Replaces DEVICE_ATTRIBUTES.flow_steering_max_entries (§8.2). */
        public Builder flowSteeringMaxEntries(int v) {
            Attributes a = attributes;
            attributes = new Attributes(a.supportedFeatures(), a.capabilities(), a.physAddrWidth(),
                    a.virtAddrWidth(), a.macAddress(), v, a.maxMtu());
            return this;
        }

        /** Replaces the MSI-X table size, keeping its placement. */
        public Builder msixVectors(int v) {
            msix = new Msix(v, msix.tableBir(), msix.tableOffset(), msix.pbaBir(), msix.pbaOffset());
            return this;
        }

        /** Sets PCI Revision ID bit 0 (readless disabled, §2.1). */
        public Builder readlessDisabled(boolean v) {
            pci = new Pci(pci.deviceId(), v, pci.bar2Present());
            return this;
        }

        /** Validates and builds. */
        public DeviceProfile build() {
            return new DeviceProfile(name, pci, msix, registers, attributes, queues, llq, offloads, rss, hints,
                    intrDelayResolution, aenqSupportedGroups, link, phc, hwTimestamp, customerMetricsSupported,
                    extraProperties, bar0, keepAliveIntervalNanos);
        }
    }
}

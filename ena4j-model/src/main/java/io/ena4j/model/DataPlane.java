package io.ena4j.model;

import io.ena4j.model.net.FrameInfo;
import io.ena4j.model.net.RssHasher;
import io.ena4j.spec.eth.RxCdescBase;

import java.lang.foreign.MemorySegment;

/**
 * An immutable snapshot of everything the data path needs from the management plane: the live queues and their
 * engines, the MTU, the Rx offload switches and the RSS configuration (datapath.md §14). The model builds a new one
 * under the device lock whenever any of these change (queue creation or destruction, SET_FEATURE MTU / RSS, device
 * reset) and publishes it through one volatile field; engines, register fast paths and wires read that field and use
 * the snapshot without locks. Building one allocates; using one does not.
 */
final class DataPlane {

    /** Bytes a frame may exceed the MTU by: Ethernet header 14 + one VLAN tag 4 (lengths exclude the FCS). */
    static final int L2_OVERHEAD = 18;

    /** The interrupt vector and the interrupt-mode CQs bound to it, split by direction (§1.3). */
    record VectorBinding(IoVector vector, CompletionQueue[] tx, CompletionQueue[] rx) {
    }

    /**
     * RSS as configured (§14.1, §14.2): the hasher for function/key/init/input fields and, once the driver has set
     * an indirection table, the Rx engine each table entry names (null where the entry names no live Rx SQ).
     */
    static final class Rss {
        final RssHasher hasher;
        final boolean tableSet;
        final RxEngine[] targets;
        final int mask;

        Rss(RssHasher hasher, boolean tableSet, RxEngine[] targets) {
            this.hasher = hasher;
            this.tableSet = tableSet;
            this.targets = targets;
            this.mask = targets.length - 1;
        }

        /**
         * The Rx engine for {@code hash}: table entry {@code hash mod size} (§14.1: low log2(size) bits), or
         * {@code fallback} while no table was set or when the entry names no live Rx SQ [decision: the spec says
         * nothing; queue 0 keeps traffic flowing].
         */
        RxEngine select(int hash, RxEngine fallback) {
            if (!tableSet) {
                return fallback;
            }
            RxEngine e = targets[hash & mask];
            return e != null ? e : fallback;
        }
    }

    final int generation;
    final SubmissionQueue[] sqBySlot;
    final CompletionQueue[] cqBySlot;
    final TxEngine[] tx;
    final RxEngine[] rx;
    /** Rx engine of the lowest live Rx sq_idx ("queue 0"), or null. */
    final RxEngine defaultRx;
    final VectorBinding[] vectors;
    /** Largest frame accepted on Tx and Rx: MTU + {@link #L2_OVERHEAD}. */
    final int frameLimit;
    final Rss rss;
    /** STATELESS_OFFLOAD_CONFIG rx_enabled bits (§3.2): 0 IPv4 header, 1 L4/IPv4, 2 L4/IPv6, 3 hash. */
    final int rxOffloads;

    DataPlane(int generation, SubmissionQueue[] sqBySlot, CompletionQueue[] cqBySlot, TxEngine[] tx, RxEngine[] rx,
              RxEngine defaultRx, VectorBinding[] vectors, int mtu, Rss rss, int rxOffloads) {
        this.generation = generation;
        this.sqBySlot = sqBySlot;
        this.cqBySlot = cqBySlot;
        this.tx = tx;
        this.rx = rx;
        this.defaultRx = defaultRx;
        this.vectors = vectors;
        this.frameLimit = mtu + L2_OVERHEAD;
        this.rss = rss;
        this.rxOffloads = rxOffloads;
    }

    /** True if received frames are checksum-verified at all (any of rx_enabled bits 0..2). */
    boolean verifyRxChecksums() {
        return (rxOffloads & 0x7) != 0;
    }

    /** The RSS hash of a parsed frame (§14.2); 0 without a usable hasher. */
    int hash(MemorySegment frame, long off, int len, FrameInfo info) {
        return FrameOps.hash(rss.hasher, frame, off, len, info);
    }

    /**
     * The parsing bits of the Rx completion status for the last buffer of a packet (§6.1, §6.3):
     * <ul>
     * <li>l3/l4 protocol indexes and {@code src_vlan_cnt} (tags skipped, 0..2) always;</li>
     * <li>{@code ipv4_frag} for IPv4 fragments;</li>
     * <li>{@code l3_csum_err} for IPv4 when the header checksum is wrong <em>or was not validated</em> (the header's
     * own definition, §6.1: validation needs rx_enabled bit 0);</li>
     * <li>{@code l4_csum_checked} when a TCP/UDP checksum of a non-fragment was verified (rx_enabled bit 1 for IPv4,
     * bit 2 for IPv6), and then {@code l4_csum_err} if it was wrong — never {@code l4_csum_err} without a check,
     * because the driver tests it first (§6.3).</li>
     * </ul>
     * MBZ bits 7 and 17 are never set.
     */
    int rxStatusBits(FrameInfo info) {
        int s = (info.l3Proto & 0x1F) | (info.l4Proto & 0x1F) << RxCdescBase.STATUS_L4_PROTO_IDX_SHIFT
                | (info.vlanCount & 0x3) << RxCdescBase.STATUS_SRC_VLAN_CNT_SHIFT;
        if (info.ipv4Frag) {
            s |= RxCdescBase.STATUS_IPV4_FRAG_MASK;
        }
        boolean v4 = info.l3Proto == FrameInfo.L3_IPV4;
        if (v4 && ((rxOffloads & 0x1) == 0 || !info.l3CsumChecked || !info.l3CsumOk)) {
            s |= RxCdescBase.STATUS_L3_CSUM_ERR_MASK;
        }
        boolean l4 = info.l4Proto == FrameInfo.L4_TCP || info.l4Proto == FrameInfo.L4_UDP;
        boolean enabled = v4 ? (rxOffloads & 0x2) != 0 : info.l3Proto == FrameInfo.L3_IPV6 && (rxOffloads & 0x4) != 0;
        if (l4 && enabled && !info.ipv4Frag && info.l4CsumChecked) {
            s |= RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK;
            if (!info.l4CsumOk) {
                s |= RxCdescBase.STATUS_L4_CSUM_ERR_MASK;
            }
        }
        return s;
    }
}

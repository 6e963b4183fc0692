package io.ena4j.driver;

import io.ena4j.spec.admin.StatelessOffload;
import java.lang.foreign.MemorySegment;

/**
 * One packet buffer of a {@link PacketPool}: a fixed slot of DMA memory with its host view, its IO address, the
 * data offset and length within it, and who owns it. Packet objects are created once with their pool and reused
 * for ever: nothing is allocated per packet.
 *
 * <pre>
 *  buffer (bufferSize bytes, DMA memory)
 *  +----------+----------------------------+---------------------+
 *  | headroom |  data: length bytes        |  tailroom           |
 *  +----------+----------------------------+---------------------+
 *  ^ buffer()  ^ offset()
 * </pre>
 *
 * <p>A packet larger than one buffer is a chain of segments: the head carries {@link #packetLength()} and
 * {@link #segments()}, every segment its own {@link #length()}, linked by {@link #next()} (as a DPDK mbuf
 * chain). Received jumbo frames arrive that way; the application may send chains too.
 *
 * <p><b>Ownership.</b> Exactly one party owns a buffer at any time: the pool (free), the application, or the
 * device (posted for Rx or in flight for Tx). The driver moves ownership only at the API boundary and checks it
 * there: an application that frees or sends a packet it does not own gets a counted error
 * ({@link PacketPool#misuse()}), never a corrupted pool and never an exception on the data path.
 */
public final class Packet {

    /** Owned by the pool: free. */
    public static final byte FREE = 0;
    /** Owned by the application (allocated or received). */
    public static final byte APP = 1;
    /** Owned by the device: posted in an Rx ring. */
    public static final byte RX_POSTED = 2;
    /** Owned by the device: in flight in a Tx ring until its completion. */
    public static final byte TX_IN_FLIGHT = 3;

    final PacketPool pool;
    final int index;
    final MemorySegment buffer;
    final long ioAddress;
    int offset;
    int length;
    int packetLength;
    short segments;
    byte owner;
    Packet next;
    /** Link in the pool's remote-return stack ({@link PacketPool#releaseChainRemote}). */
    Packet remoteNext;
    int rxHash;
    long rxTimestamp;
    /** The application asked for this packet's transmit timestamp. */
    boolean txTimestampRequested;
    byte rxFlags;
    byte rxChecksum;
    byte rxHashType;
    byte txOffload;
    byte txL3Proto;
    byte txL4Proto;
    short txL3Offset;
    short txL3Length;
    byte txL4Words;
    int txNeeds;

    Packet(PacketPool pool, int index, MemorySegment buffer, long ioAddress) {
        this.pool = pool;
        this.index = index;
        this.buffer = buffer;
        this.ioAddress = ioAddress;
    }

    /** The whole buffer (headroom + data room), a view created once with the pool. */
    public MemorySegment buffer() {
        return buffer;
    }

    /** Offset of the first data byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Data bytes in this segment. */
    public int length() {
        return length;
    }

    /** Bytes of the whole packet (all segments); meaningful on the head segment. */
    public int packetLength() {
        return packetLength;
    }

    /** Segments of the packet (1 for a single buffer); meaningful on the head segment. */
    public int segments() {
        return segments;
    }

    /** The next segment of the packet, or null. */
    public Packet next() {
        return next;
    }

    /** Who owns this buffer: {@link #FREE}, {@link #APP}, {@link #RX_POSTED} or {@link #TX_IN_FLIGHT}. */
    public byte owner() {
        return owner;
    }

    /** Index of this buffer in its pool. */
    public int index() {
        return index;
    }

    /** The pool this buffer belongs to. */
    public PacketPool pool() {
        return pool;
    }

    /** IO address of the first data byte (what the device is given). */
    public long dataIoAddress() {
        return ioAddress + offset;
    }

    /** RSS hash the device computed for a received packet (0 if none). */
    public int rxHash() {
        return rxHash;
    }

    /**
     * The driver's checksum verdict for a received packet (datapath.md §6.3): {@link RxChecksum#UNNECESSARY} when the
     * device verified it good, {@link RxChecksum#BAD} when it found a bad IPv4 header or TCP/UDP checksum,
     * {@link RxChecksum#UNCHECKED} for TCP/UDP it did not check, {@link RxChecksum#NONE} otherwise (offload off, a
     * fragment, another protocol). Only UNNECESSARY lets the application skip its own check.
     */
    public int rxChecksum() {
        return rxChecksum;
    }

    /**
     * The device's receive timestamp in nanoseconds of its clock (the PHC), or 0 when the completion carried none
     * (timestamping off, or a device without extended Rx completions, datapath.md §6.2).
     */
    public long rxTimestamp() {
        return rxTimestamp;
    }

    /**
     * Asks for this packet's hardware transmit timestamp (set on the head before sending): when Tx timestamping is
     * on, the Tx queue's {@link TxQueue#setTimestampListener listener} gets it at completion. Cleared when the
     * buffer is allocated or received again.
     */
    public void requestTxTimestamp() {
        txTimestampRequested = true;
    }

    /** {@link RxChecksum#HASH_L4} when {@link #rxHash()} covers the L4 ports (TCP/UDP, not a fragment), else NONE. */
    public int rxHashType() {
        return rxHashType;
    }

    /** Receive flags: bit 0 L3 checksum error, bit 1 L4 checksum error, bit 2 L4 checksum checked, bit 3 fragment. */
    public int rxFlags() {
        return rxFlags;
    }

    /**
     * Makes this a single-segment packet of {@code length} data bytes at {@code offset}. For the application
     * building a packet to send.
     *
     * @return false (and nothing changes) if the range does not fit the buffer
     */
    public boolean set(int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.byteSize() - length) {
            return false;
        }
        this.offset = offset;
        this.length = length;
        this.packetLength = length;
        this.segments = 1;
        this.next = null;
        return true;
    }

    /**
     * Appends {@code tail} (a single-segment packet the application owns) as the next segment of this chain.
     *
     * The tail may come from another pool; it goes back to its own pool when the chain is freed or sent.
     *
     * @return false (and nothing changes) if {@code tail} is null, this packet, already chained or a chain itself,
     *         if the application does not own this chain's every segment or {@code tail} (free, posted or in
     *         flight), if either pool is closed, or if the chain would exceed 255 segments
     */
    public boolean append(Packet tail) {
        if (tail == null || tail == this || tail.next != null || tail.segments != 1 || segments >= 255
                || tail.owner != APP || owner != APP || tail.pool.isClosed() || pool.isClosed()) {
            return false;
        }
        Packet last = this;
        int n = 1;
        while (last.next != null) {
            last = last.next;
            if (last == tail || last.owner != APP || ++n > 255) {
                return false;
            }
        }
        last.next = tail;
        packetLength += tail.length;
        segments++;
        return true;
    }

    /** Tx offload request: compute the IPv4 header checksum. */
    public static final int TX_L3_CSUM = 1;
    /** Tx offload request: compute the TCP/UDP checksum (full, over the pseudo-header and the segment). */
    public static final int TX_L4_CSUM = 2;
    /** Tx offload request: the L4 checksum field already holds the pseudo-header sum; add the segment only. */
    public static final int TX_L4_PARTIAL = 4;

    /**
     * Asks the device to fill checksums of this packet on transmission (datapath.md §3.1): the driver passes the
     * offload context in the descriptors, with a meta descriptor when the context differs from the one the device
     * has cached. Cleared when the packet is allocated or received.
     *
     * @param flags     {@link #TX_L3_CSUM}, {@link #TX_L4_CSUM}, {@link #TX_L4_PARTIAL}, or-ed
     * @param ipv6      true for IPv6 (no L3 checksum), false for IPv4
     * @param tcp       true for TCP, false for UDP
     * @param l3Offset  offset of the IP header in the frame (14 for untagged Ethernet)
     * @param l3Length  IP header length in bytes
     * @param l4Length  TCP/UDP header length in bytes (multiple of 4)
     * @return false (and nothing set) if a value does not fit its descriptor field
     */
    public boolean requestTxOffload(int flags, boolean ipv6, boolean tcp, int l3Offset, int l3Length, int l4Length) {
        if ((flags & ~7) != 0 || l3Offset < 0 || l3Offset > 127 || l3Length < 20 || l3Length > 511
                || l4Length < 8 || l4Length > 60 || (l4Length & 3) != 0 || (ipv6 && (flags & TX_L3_CSUM) != 0)) {
            return false;
        }
        txOffload = (byte) flags;
        txNeeds = ((flags & TX_L3_CSUM) != 0 ? StatelessOffload.TX_L3_CSUM_IPV4 : 0)
                | ((flags & TX_L4_CSUM) != 0 ? (ipv6 ? StatelessOffload.TX_L4_IPV6_CSUM_FULL
                        : StatelessOffload.TX_L4_IPV4_CSUM_FULL) : 0)
                | ((flags & TX_L4_PARTIAL) != 0 ? (ipv6 ? StatelessOffload.TX_L4_IPV6_CSUM_PART
                        : StatelessOffload.TX_L4_IPV4_CSUM_PART) : 0);
        txL3Proto = (byte) (ipv6 ? io.ena4j.spec.eth.L3Proto.IPV6.code() : io.ena4j.spec.eth.L3Proto.IPV4.code());
        txL4Proto = (byte) (tcp ? io.ena4j.spec.eth.L4Proto.TCP.code() : io.ena4j.spec.eth.L4Proto.UDP.code());
        txL3Offset = (short) l3Offset;
        txL3Length = (short) l3Length;
        txL4Words = (byte) (l4Length / 4);
        return true;
    }

    /**
     * The STATELESS_OFFLOAD_CONFIG Tx capability bits (management.md §8.9) this packet's offload request needs; a
     * queue refuses the packet when the device did not advertise one of them.
     */
    public int txOffloadNeeds() {
        return txNeeds;
    }

    /** The Tx offload flags requested, 0 if none. */
    public int txOffload() {
        return txOffload;
    }

    @Override
    public String toString() {
        return "Packet[" + index + " off " + offset + " len " + length + " pkt " + packetLength + " segs " + segments
                + " owner " + owner + "]";
    }
}

package io.ena4j.driver;

/**
 * A per-queue function that sees every received frame before it is handed to the application, the ena4j
 * equivalent of an XDP program on the Linux driver (datapath.md §15.1). It runs on the thread that calls
 * {@link RxQueue#receive}, once per frame, and returns a verdict:
 * <ul>
 *   <li>{@link #PASS}: the frame goes up to the application as if no hook were attached;</li>
 *   <li>{@link #DROP}: its buffers go back to the pool (and from there to the Rx ring);</li>
 *   <li>{@link #TX}: it is sent back out on the Tx queue of the same pair, as it is now (the hook may rewrite it
 *       in place, e.g. swap addresses, and move its start with {@link Packet#set});</li>
 *   <li>{@link #REDIRECT}: it is sent on the Tx queue named with {@link HookContext#redirect}, of this or another
 *       port;</li>
 *   <li>{@link #ABORTED}: like DROP, counted as an error ({@code xdp_aborted}); also what a hook that throws gets.</li>
 * </ul>
 * Any other value is dropped and counted as {@code xdp_invalid}. Each verdict is counted per queue under the Linux
 * names ({@code queue_<i>_rx_xdp_pass} and so on); {@code rx_cnt}/{@code rx_bytes} count every frame, consumed
 * or not, as Linux does.
 *
 * <p>The hook sees the frame's metadata on the head {@link Packet}: {@link Packet#rxHash()} with
 * {@link Packet#rxHashType()} (an L4 hash only for TCP/UDP that is not a fragment), the checksum verdict and,
 * when the device timestamps, {@link Packet#rxTimestamp()}. A frame larger than one Rx buffer arrives as a chain;
 * a hook sees such frames only if {@link #multiBuffer()} says it handles them (Linux's {@code BPF_F_XDP_HAS_FRAGS}),
 * otherwise they are dropped before it runs ({@code xdp_drop}) and the MTU is limited to
 * {@link #MAX_SINGLE_BUFFER_MTU} while the hook is attached.
 *
 * <p>The packet is the hook's only for the call: it must not keep it, free it or send it itself. Frames sent by
 * TX or REDIRECT are queued in batches and handed to the Tx queue at the end of the receive call (one doorbell
 * per batch, as the Linux driver rings once after an XDP_TX batch); a frame the Tx queue cannot take is freed and
 * stays counted under its verdict, as Linux counts a failed XDP transmit. The Tx queue a frame goes to is
 * single-threaded like every queue: the thread that polls this Rx queue must be the one that uses that Tx queue.
 */
@FunctionalInterface
public interface PacketHook {

    /** Error verdict: the frame is dropped and counted as {@code xdp_aborted}. */
    int ABORTED = 0;
    /** Drop the frame ({@code xdp_drop}). */
    int DROP = 1;
    /** Hand the frame to the application ({@code xdp_pass}). */
    int PASS = 2;
    /** Send the frame back out on this pair's Tx queue ({@code xdp_tx}). */
    int TX = 3;
    /** Send the frame on the Tx queue given to {@link HookContext#redirect} ({@code xdp_redirect}). */
    int REDIRECT = 4;

    /**
     * The largest MTU at which every frame fits one Rx buffer of a 4 KiB page, for hooks that do not handle
     * multi-buffer frames: {@code 4096 - 14 - 4 - 256 - 320} (§15.1).
     */
    int MAX_SINGLE_BUFFER_MTU = 3502;

    /**
     * Decides what happens to one received frame.
     *
     * @param packet the head of the frame (a chain for multi-buffer frames); owned by the driver during the call
     * @param ctx    the queue's context (queue index, redirect target)
     * @return one of {@link #ABORTED}, {@link #DROP}, {@link #PASS}, {@link #TX}, {@link #REDIRECT}
     */
    int onPacket(Packet packet, HookContext ctx);

    /** Whether this hook handles frames spread over several buffers (default: no). */
    default boolean multiBuffer() {
        return false;
    }

    /** {@code hook}, declared able to handle multi-buffer frames (lifts the MTU limit). */
    static PacketHook multiBuffer(PacketHook hook) {
        java.util.Objects.requireNonNull(hook, "hook");
        return new PacketHook() {
            @Override
            public int onPacket(Packet packet, HookContext ctx) {
                return hook.onPacket(packet, ctx);
            }

            @Override
            public boolean multiBuffer() {
                return true;
            }
        };
    }
}

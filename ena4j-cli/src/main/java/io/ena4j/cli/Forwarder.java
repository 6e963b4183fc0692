package io.ena4j.cli;

import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;

/**
 * The forwarding loop body, like ixy-fwd or testpmd io mode: receive a burst on port A's queue, send it on port
 * B's queue, free what did not fit; both directions. No allocation, no locks.
 *
 * <p>In hook mode ({@link #hooked}) the forwarding is the packet hook's: each Rx queue carries a hook that
 * redirects every frame to the peer port's Tx queue of the same index (XDP_REDIRECT forwarding), so a pass only
 * polls the Rx queues; what a pass forwarded is read from the Rx packet counters.
 */
final class Forwarder {

    private final QueuePair[] a;
    private final QueuePair[] b;
    private final PacketPool pool;
    private final Packet[] burst;
    private final int batch;
    private final boolean hooked;
    long forwarded;
    long dropped;

    Forwarder(QueuePair[] a, QueuePair[] b, PacketPool pool, int batch) {
        this(a, b, pool, batch, false);
    }

    /**
     * @param hooked the Rx queues of both sides carry redirect hooks to the other side (see
     *               {@link #redirectHooks}); a pass then only polls
     */
    Forwarder(QueuePair[] a, QueuePair[] b, PacketPool pool, int batch, boolean hooked) {
        this.a = a;
        this.b = b;
        this.pool = pool;
        this.batch = batch;
        this.burst = new Packet[batch];
        this.hooked = hooked;
    }

    /** Attaches to each queue of {@code from} a hook redirecting every frame to the same queue of {@code to}. */
    static void redirectHooks(io.ena4j.driver.EnaDevice from, QueuePair[] to) {
        for (int q = 0; q < to.length; q++) {
            io.ena4j.driver.TxQueue out = to[q].tx();
            from.setPacketHook(q, (p, ctx) -> ctx.redirect(out));
        }
    }

    /** One pass over every queue in both directions; returns packets forwarded. */
    int step() {
        int n = 0;
        for (int q = 0; q < a.length; q++) {
            n += forward(a[q], b[q]);
            n += forward(b[q], a[q]);
        }
        return n;
    }

    private int forward(QueuePair from, QueuePair to) {
        if (hooked) {
            long before = from.rx().packets();
            int up = from.rx().receive(burst, 0, batch); // 0: every frame was redirected by the hook
            for (int i = 0; i < up; i++) {
                pool.free(burst[i]);
            }
            int k = (int) (from.rx().packets() - before) - up;
            if (k == 0) {
                to.tx().clean(batch);
            }
            forwarded += k;
            return k;
        }
        int k = from.rx().receive(burst, 0, batch);
        if (k == 0) {
            to.tx().clean(batch);
            return 0;
        }
        int s = to.tx().send(burst, 0, k);
        for (int i = s; i < k; i++) {
            pool.free(burst[i]);
        }
        forwarded += s;
        dropped += k - s;
        return s;
    }
}

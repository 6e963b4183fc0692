package io.ena4j.cli;

import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;

/**
 * The forwarding loop body, like ixy-fwd or testpmd io mode: receive a burst on port A's queue, send it on port
 * B's queue, free what did not fit; both directions. No allocation, no locks.
 */
final class Forwarder {

    private final QueuePair[] a;
    private final QueuePair[] b;
    private final PacketPool pool;
    private final Packet[] burst;
    private final int batch;
    long forwarded;
    long dropped;

    Forwarder(QueuePair[] a, QueuePair[] b, PacketPool pool, int batch) {
        this.a = a;
        this.b = b;
        this.pool = pool;
        this.batch = batch;
        this.burst = new Packet[batch];
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

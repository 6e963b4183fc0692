package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The whole queue stack allocates nothing in steady state: the driver's TxQueue, RxQueue and PacketPool and the
 * model's Tx and Rx engines, stepped on this one thread under bidirectional traffic (port 0 polled, port 1 driven by
 * its interrupts), before and after a reset in the middle (the reset itself may allocate; nothing after it may).
 * The management plane (keep-alive events, service timer ticks) is kept out of the measured windows: keep-alives are
 * stopped and the timers are not run while measuring.
 */
class ZeroAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long measure(FaultCampaign.Rig rig, int steps) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        rig.run(steps, 100_000L, true);
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void steadyStateAllocatesNothingBeforeAndAfterAReset() {
        try (FaultCampaign.Rig rig = new FaultCampaign.Rig()) {
            rig.models[0].faults().stopKeepAlives(true);
            rig.models[1].faults().stopKeepAlives(true);
            rig.runTimers = false;
            rig.run(30_000, 100_000L, true); // JIT warm-up: compiled code scalar-replaces what the interpreter allocates
            long packets0 = rig.received[0] + rig.received[1];
            long before = measure(rig, 5_000);
            long packetsBefore = rig.received[0] + rig.received[1] - packets0;
            assertThat(packetsBefore).as("traffic in the measured window").isGreaterThan(50_000);
            assertThat(before).as("bytes allocated for %d packets before the reset", packetsBefore).isZero();

            rig.devs[1].resetAndRestore(); // allocates: new rings, admin commands
            rig.run(2_000, 100_000L, true);
            long packets1 = rig.received[0] + rig.received[1];
            long after = measure(rig, 5_000);
            long packetsAfter = rig.received[0] + rig.received[1] - packets1;
            assertThat(packetsAfter).as("traffic after the reset").isGreaterThan(50_000);
            assertThat(after).as("bytes allocated for %d packets after the reset", packetsAfter).isZero();
        }
    }
}

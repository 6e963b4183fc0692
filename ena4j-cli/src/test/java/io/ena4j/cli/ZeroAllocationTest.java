package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole queue stack allocates nothing in steady state: the driver's TxQueue, RxQueue and PacketPool and the
 * model's Tx and Rx engines, stepped on this one thread under bidirectional traffic (port 0 polled, port 1 driven by
 * its interrupts), before and after a reset in the middle (the reset itself may allocate; nothing after it may).
 * The management plane (keep-alive events, service timer ticks) is kept out of the measured windows: keep-alives are
 * stopped and the timers are not run while measuring.
 *
 * <p>The code allocates nothing at all, not merely nothing that C2's escape analysis fails to remove: run with
 * {@code -Dena4j.test.jvmArgs="--enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1"} (C1 only, no escape
 * analysis) the first window is already 0. The window retry covers only the JIT's background compilation of the
 * harness on a loaded machine.
 */
class ZeroAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Windows measured at most before steady state must have been reached (JIT compilation runs in background). */
    private static final int MAX_WINDOWS = 10;

    /**
     * Runs windows of {@code steps} steps until one allocates nothing, at most {@link #MAX_WINDOWS}; returns the
     * bytes of each window measured and the packets of the last. A per-packet (or every-n-packets) allocation never
     * reaches 0 in a window of tens of thousands of packets; code still running interpreted or in C1, before C2's
     * escape analysis removes what it allocates, reaches 0 once compiled.
     */
    private static long[] steadyWindow(FaultCampaign.Rig rig, int steps, List<Long> windows) {
        long packets = 0;
        for (int w = 0; w < MAX_WINDOWS; w++) {
            long p0 = rig.received[0] + rig.received[1];
            long before = THREADS.getCurrentThreadAllocatedBytes();
            rig.run(steps, 100_000L, true);
            long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
            packets = rig.received[0] + rig.received[1] - p0;
            windows.add(bytes);
            if (bytes == 0) {
                break;
            }
        }
        return new long[] {windows.getLast(), packets};
    }

    @Test
    void steadyStateAllocatesNothingBeforeAndAfterAReset() {
        try (FaultCampaign.Rig rig = new FaultCampaign.Rig()) {
            rig.models[0].faults().stopKeepAlives(true);
            rig.models[1].faults().stopKeepAlives(true);
            rig.runTimers = false;
            rig.run(30_000, 100_000L, true); // JIT warm-up: compiled code scalar-replaces what the interpreter allocates
            List<Long> windows = new ArrayList<>();
            long[] before = steadyWindow(rig, 5_000, windows);
            assertThat(before[1]).as("traffic in the measured window").isGreaterThan(50_000);
            assertThat(before[0]).as("bytes allocated for %d packets before the reset (windows: %s)", before[1],
                    windows).isZero();

            rig.devs[1].resetAndRestore(); // allocates: new rings, admin commands
            rig.run(2_000, 100_000L, true);
            windows.clear();
            long[] after = steadyWindow(rig, 5_000, windows);
            assertThat(after[1]).as("traffic after the reset").isGreaterThan(50_000);
            assertThat(after[0]).as("bytes allocated for %d packets after the reset (windows: %s)", after[1],
                    windows).isZero();
        }
    }
}

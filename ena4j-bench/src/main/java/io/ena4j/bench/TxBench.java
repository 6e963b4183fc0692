package io.ena4j.bench;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.model.Wires;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Transmit: a burst of {@value #BURST} 64-byte frames sent, the device model stepped (it reads the descriptors or
 * LLQ entries, drops the frames on a null sink, writes the completions), and the completions cleaned. The score is
 * nanoseconds per packet of driver and device together, in LLQ and host placement.
 */
@State(Scope.Thread)
public class TxBench extends BenchDefaults {

    static final int BURST = 32;

    /** Tx placement: {@code AUTO} is LLQ (128-byte entries) on the ec2-default profile, {@code DISABLED} host. */
    @Param({"AUTO", "DISABLED"})
    public DriverConfig.LlqPolicy placement;

    @Param({"64"})
    public int size;

    private BenchPort port;
    private final Packet[] burst = new Packet[BURST];

    @Setup(Level.Trial)
    public void setUp() {
        port = new BenchPort(placement, 1500, Wires::nullSink);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        port.close();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int sendStepClean() {
        int n = port.pool.allocBulk(burst, BURST);
        for (int i = 0; i < n; i++) {
            Packet p = burst[i];
            p.set(p.offset(), size);
        }
        int sent = port.qp.tx().send(burst, 0, n);
        for (int i = sent; i < n; i++) {
            port.pool.free(burst[i]);
        }
        port.step();
        return port.qp.tx().clean(2 * BURST);
    }
}

package io.ena4j.bench;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.model.Wires;
import io.ena4j.model.net.FrameBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Receive: the device model's null source writes frames of {@code size} bytes into the posted Rx buffers, the
 * driver receives {@value #BURST} of them (refilling its ring) and frees them. The score is nanoseconds per packet
 * of device (frame written, completion written) and driver (completion parsed, buffer handed up, refill) together.
 */
@State(Scope.Thread)
public class RxBench extends BenchDefaults {

    static final int BURST = 32;

    @Param({"64", "1500"})
    public int size;

    private BenchPort port;
    private final Packet[] burst = new Packet[BURST];

    @Setup(Level.Trial)
    public void setUp() {
        byte[] frame = FrameBuilder.udp4(new byte[] {6, 0, 0, 0, 0, 2}, new byte[] {6, 0, 0, 0, 0, 1}, 0x0A00_0001,
                0x0A00_0002, 1024, 4789, size);
        port = new BenchPort(DriverConfig.LlqPolicy.AUTO, 1500, m -> Wires.nullSource(m, frame));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        port.close();
    }

    /** Receives exactly {@value #BURST} packets, stepping the device whenever the ring has none. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int receive() {
        int got = 0;
        while (got < BURST) {
            int k = port.qp.rx().receive(burst, 0, BURST - got);
            if (k == 0) {
                port.step();
                continue;
            }
            for (int i = 0; i < k; i++) {
                port.pool.free(burst[i]);
            }
            got += k;
        }
        return got;
    }
}

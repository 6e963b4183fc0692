package io.ena4j.bench;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketHook;
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
 * With {@code hook} = {@code pass} or {@code drop} a {@link PacketHook} that reads the packet's RSS hash runs on every
 * frame and returns that verdict (a dropped frame's buffer goes straight back to the pool); {@code none} is the
 * plain path. The difference between the rows is the hook's cost per packet.
 */
@State(Scope.Thread)
public class RxBench extends BenchDefaults {

    static final int BURST = 32;

    @Param({"64", "1500"})
    public int size;

    @Param({"none", "pass", "drop"})
    public String hook;

    private BenchPort port;
    private final Packet[] burst = new Packet[BURST];

    @Setup(Level.Trial)
    public void setUp() {
        byte[] frame = FrameBuilder.udp4(new byte[] {6, 0, 0, 0, 0, 2}, new byte[] {6, 0, 0, 0, 0, 1}, 0x0A00_0001,
                0x0A00_0002, 1024, 4789, size);
        port = new BenchPort(DriverConfig.LlqPolicy.AUTO, 1500, m -> Wires.nullSource(m, frame));
        int verdict = switch (hook) {
            case "none" -> -1;
            case "pass" -> PacketHook.PASS;
            case "drop" -> PacketHook.DROP;
            default -> throw new IllegalArgumentException("hook '" + hook + "': accepted none, pass, drop");
        };
        if (verdict >= 0) {
            port.dev.setPacketHook((p, ctx) -> p.rxHash() == 42 ? PacketHook.ABORTED : verdict);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        port.close();
    }

    /**
     * Takes at least {@value #BURST} packets off the ring (handed up or consumed by the hook), stepping the device
     * whenever the ring has none.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long receive() {
        long start = port.qp.rx().packets();
        long done = 0;
        while (done < BURST) {
            int k = port.qp.rx().receive(burst, 0, (int) (BURST - done));
            for (int i = 0; i < k; i++) {
                port.pool.free(burst[i]);
            }
            long now = port.qp.rx().packets() - start;
            if (now == done) {
                port.step();
            }
            done = now;
        }
        return done;
    }
}

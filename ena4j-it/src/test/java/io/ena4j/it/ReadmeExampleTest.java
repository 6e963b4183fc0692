package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.model.net.FrameBuilder;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.SystemClock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "Using the driver from Java" example, run as written (real clock, model on its own thread). */
class ReadmeExampleTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theReadmeExampleSendsAndReceivesAFrame() {
        byte[] frame = FrameBuilder.udp4(new byte[] {6, 1, 2, 3, 4, 5}, new byte[] {6, 1, 2, 3, 4, 6}, 0x0A000001,
                0x0A000002, 1234, 5678, 128);
        int length = frame.length;
        int received = 0;
        EnaDeviceModel model = new EnaDeviceModel(DeviceProfile.ec2Default(), SystemClock.INSTANCE);
        model.start();
        try (PciFunction fn = new ModelPciFunction(model);
             EnaDevice dev = EnaDevice.probe(fn, SystemClock.INSTANCE, DriverConfig.defaults());
             PacketPool pool = PacketPool.create(fn.dma(), 8192)) {
            QueuePair qp = dev.up(1, new PacketPool[] {pool}, new QueuePair.Mode[] {QueuePair.Mode.POLL})[0];
            Packet p = pool.alloc();
            MemorySegment.copy(frame, 0, p.buffer(), ValueLayout.JAVA_BYTE, p.offset(), length);
            p.set(p.offset(), length);
            assertThat(qp.tx().send(new Packet[] {p}, 0, 1)).isEqualTo(1);
            Packet[] burst = new Packet[32];
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received == 0 && System.nanoTime() < deadline) {
                qp.tx().clean(32);
                int n = qp.rx().receive(burst, 0, 32);
                for (int i = 0; i < n; i++) {
                    byte[] got = new byte[burst[i].length()];
                    MemorySegment.copy(burst[i].buffer(), ValueLayout.JAVA_BYTE, burst[i].offset(), got, 0, got.length);
                    assertThat(got).isEqualTo(frame);
                    pool.free(burst[i]);
                    received++;
                }
            }
            dev.down();
        }
        assertThat(received).isEqualTo(1);
    }
}

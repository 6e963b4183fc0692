package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.net.FrameBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-packet hardware timestamps (management.md §8.20, datapath.md §1.5, §4.2, §6.2): turned on through
 * SET_FEATURE(HW_TIMESTAMP), the queues rebuilt with extended completions, the device model's clock in every
 * received packet (and in sent packets that asked, on a device that timestamps Tx), kept across a reset.
 */
class HwTimestampTest {

    private DataPathTest.Rig rig;

    /** The EC2 profile, which does not advertise HW_TIMESTAMP, with the feature added: {@code caps} tx/rx. */
    private static DeviceProfile timestamping(int tx, int rx) {
        DeviceProfile p = DeviceProfile.ec2Default();
        return p.toBuilder().supportedFeatures(p.attributes().supportedFeatures()
                        | io.ena4j.spec.admin.FeatureId.HW_TIMESTAMP.mask())
                .hwTimestamp(new DeviceProfile.HwTimestampCaps(1, tx, rx)).build();
    }

    private void rigWith(DeviceProfile p) {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1, p);
    }

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    private static byte[] frame(int i) {
        return FrameBuilder.udp4(new byte[] {6, 0, 0, 0, 0, 2}, new byte[] {6, 0, 0, 0, 0, 1}, 0x0A000001,
                0x0A000002, 1000 + i, 53, 100);
    }

    /** Sends one frame and returns the received packet's timestamp. */
    private long roundTrip(int i, boolean askTx) {
        Packet[] got = new Packet[4];
        assertThat(rig.rx().rx().receive(got, 0, got.length)).isZero(); // refills after a rebuild or reset
        Packet p = DataPathTest.chain(rig.pool, frame(i));
        if (askTx) {
            p.requestTxTimestamp();
        }
        assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).isEqualTo(1);
        for (int s = 0; s < 500; s++) {
            rig.step();
            rig.tx().tx().clean(64);
            if (rig.rx().rx().receive(got, 0, got.length) == 1) {
                long ts = got[0].rxTimestamp();
                rig.pool.free(got[0]);
                for (int k = 0; k < 20; k++) {
                    rig.step();
                    rig.tx().tx().clean(64);
                }
                return ts;
            }
        }
        throw new AssertionError("frame not received");
    }

    @Test
    void rxTimestampsFollowTheDeviceClockOnlyWhileEnabledAndSurviveAReset() {
        rigWith(timestamping(0, 1));
        EnaDevice dev = rig.devs[0];
        assertThat(dev.hwTimestamping()).isEqualTo(new EnaDevice.HwTimestamping(false, true, false, false));
        assertThat(roundTrip(0, false)).as("off: no timestamp").isZero();
        assertThat(rig.tx().rx().cq().isExtended()).isFalse();
        QueuePair before = rig.tx();

        dev.setHwTimestamping(false, true);
        assertThat(dev.queuePairs()[0]).as("same queue objects").isSameAs(before);
        assertThat(rig.tx().rx().cq().isExtended()).as("32-byte Rx completions").isTrue();
        assertThat(rig.tx().tx().cq().isExtended()).isFalse();
        long t1 = roundTrip(1, false);
        long t2 = roundTrip(2, false);
        assertThat(t1).isPositive();
        assertThat(t2).as("the device clock moves on").isGreaterThan(t1);

        dev.resetAndRestore();
        assertThat(dev.hwTimestamping().rxEnabled()).isTrue();
        assertThat(rig.tx().rx().cq().isExtended()).as("re-created extended after the reset").isTrue();
        assertThat(roundTrip(3, false)).isPositive();

        dev.setHwTimestamping(false, false);
        assertThat(rig.tx().rx().cq().isExtended()).isFalse();
        assertThat(roundTrip(4, false)).isZero();
    }

    @Test
    void aDirectionTheDeviceDoesNotTimestampIsRefusedWithWhatIsAccepted() {
        rigWith(timestamping(0, 1));
        assertThatThrownBy(() -> rig.devs[0].setHwTimestamping(true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hardware timestamping tx on rx on is not offered by the device: accepted tx off, "
                        + "rx on|off");
        assertThat(rig.devs[0].hwTimestamping().rxEnabled()).as("nothing half-applied").isFalse();
        rig.close();
        // The EC2 profile does not advertise HW_TIMESTAMP (feature 31) at all.
        rigWith(DeviceProfile.ec2Default());
        assertThat(rig.devs[0].hwTimestamping()).isEqualTo(new EnaDevice.HwTimestamping(false, false, false, false));
        assertThatThrownBy(() -> rig.devs[0].setHwTimestamping(false, true))
                .hasMessage("hardware timestamping tx off rx on is not offered by the device: accepted tx off, rx off");
    }

    @Test
    void txTimestampsReachTheListenerForPacketsThatAskedOnADeviceThatTimestampsTx() {
        rigWith(timestamping(1, 1));
        rig.devs[0].setHwTimestamping(true, true);
        assertThat(rig.tx().tx().cq().isExtended()).as("16-byte Tx completions").isTrue();
        List<Long> stamps = new ArrayList<>();
        rig.tx().tx().setTimestampListener((p, ns) -> stamps.add(ns));
        long rx = roundTrip(0, true);
        assertThat(stamps).hasSize(1);
        assertThat(stamps.get(0)).isPositive().isLessThanOrEqualTo(rx);
        roundTrip(1, false);
        assertThat(stamps).as("a packet that did not ask is not reported").hasSize(1);
    }
}

package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A device whose LLQ Tx burst limit (datapath.md §9.7) is too small for the largest packet: the driver caps the
 * SG limit or falls back to host placement at probe, and never resets the device over it.
 */
class LlqBurstTest {

    /** accel_mode.supported_flags bit 1: limit Tx burst. */
    private static final int LIMIT_TX_BURST = 1 << 1;

    private DataPathTest.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    private static DeviceProfile withBurst(int bytes) {
        DeviceProfile base = DeviceProfile.ec2Default();
        DeviceProfile.Llq l = base.llq();
        DeviceProfile.Llq limited = new DeviceProfile.Llq(l.maxLlqNum(), l.maxLlqDepth(), l.headerLocationSupported(),
                l.entrySizeSupported(), l.descsBeforeHeaderSupported(), l.strideSupported(), l.featureVersion(),
                l.entrySizeRecommended(), l.maxWideLlqDepth(), l.accelSupportedFlags() | LIMIT_TX_BURST, bytes,
                l.descriptorsStride());
        return base.toBuilder().llq(limited).build();
    }

    private Packet chain(int segments, int len) {
        Packet head = null;
        for (int i = 0; i < segments; i++) {
            Packet p = rig.pool.alloc();
            p.set(p.offset(), len);
            if (head == null) {
                head = p;
            } else {
                assertThat(head.append(p)).isTrue();
            }
        }
        return head;
    }

    private int pump(int expected) {
        return rig.receiveAndFree(rig.tx(), expected);
    }

    @Test
    void aOneEntryBurstLimitsPacketsToOneBufferAndNeverResets() {
        // 128-byte entries, 2 descriptors before the header: one entry carries a meta and one data descriptor.
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1, withBurst(128));
        assertThat(rig.devs[0].llq().devicePlacement()).isTrue();
        assertThat(rig.devs[0].llq().config().maxEntriesInTxBurst()).isEqualTo(1);
        assertThat(rig.tx().tx().maxSegments()).isEqualTo(1);
        assertThat(rig.devs[0].report().bootLog()).anyMatch(l -> l.contains("Tx packets limited to 1 buffers"));

        Packet two = chain(2, 200);
        assertThat(rig.tx().tx().send(new Packet[] {two}, 0, 1)).as("a chain over the limit is refused").isZero();
        rig.pool.free(two);
        int sent = 0;
        Packet[] one = new Packet[1];
        for (int i = 0; i < 500; i++) {
            one[0] = chain(1, 200 + i);
            if (rig.tx().tx().send(one, 0, 1) == 1) {
                sent++;
            } else {
                rig.pool.free(one[0]);
                pump(sent);
            }
        }

        assertThat(pump(sent)).isEqualTo(sent);
        assertThat(sent).isGreaterThan(400);
        assertThat(rig.devs[0].totalResets()).isZero();
        assertThat(rig.tx().tx().isBroken()).isFalse();
        assertThat(rig.devs[0].ethtoolStats().get("queue_0_tx_prepare_ctx_err")).isZero();
    }

    @Test
    void theDeviceChecksEveryDoorbellAgainstTheBudgetAndTheDriverStaysWithinIt() {
        // 4 entries of 128 bytes per doorbell; bursts of 32 one-entry packets must be split by the driver.
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1, withBurst(512));
        assertThat(rig.devs[0].llq().config().maxEntriesInTxBurst()).isEqualTo(4);
        Packet[] burst = new Packet[32];
        int sent = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < burst.length; i++) {
                burst[i] = chain(1, 64 + i);
            }
            int k = rig.tx().tx().send(burst, 0, burst.length);
            for (int i = k; i < burst.length; i++) {
                rig.pool.free(burst[i]);
            }
            sent += k;
            assertThat(pump(k)).isEqualTo(k);
        }
        assertThat(sent).isGreaterThan(1000);
        assertThat(rig.models[0].counters().sqDoorbellErrors()).as("no doorbell over the budget").isZero();
        long doorbells = rig.devs[0].ethtoolStats().get("queue_0_tx_doorbells");
        assertThat(doorbells).as("at least one doorbell per 4 entries").isGreaterThanOrEqualTo(sent / 4);

        // A driver that ignores the budget: one doorbell announcing 5 entries is caught by the device.
        int tail = rig.tx().tx().sq().tail();
        rig.fns[0].bar0().write32(rig.tx().tx().sq().doorbellOffset(), (tail + 5) & 0xFFFF);
        assertThat(rig.models[0].counters().sqDoorbellErrors()).isEqualTo(1);
    }

    @Test
    void twoEntriesCarryNineBuffersAndJumboChainsGoThrough() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 9000, QueuePair.Mode.POLL, 1, withBurst(256));
        assertThat(rig.tx().tx().maxSegments()).as("2 + 8 descriptors, one kept for a meta").isEqualTo(9);

        for (int i = 0; i < 50; i++) {
            assertThat(rig.tx().tx().send(new Packet[] {chain(3, 3000)}, 0, 1)).isEqualTo(1);
            assertThat(pump(1)).isEqualTo(1);
        }
        assertThat(rig.devs[0].totalResets()).isZero();
    }

    @Test
    void aBurstThatCannotCarryAMetaAndADataDescriptorMeansHostPlacement() {
        // 64 bytes: less than one 128-byte entry.
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1, withBurst(64));
        assertThat(rig.devs[0].llq().devicePlacement()).isFalse();
        assertThat(rig.tx().tx().send(new Packet[] {chain(2, 500)}, 0, 1)).isEqualTo(1);
        assertThat(pump(1)).isEqualTo(1);
        assertThat(rig.devs[0].totalResets()).isZero();
    }
}

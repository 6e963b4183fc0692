package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.ModuleParameters;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The module parameters, probed against the device model: the value in force is the one Linux would use. */
class ModuleParametersTest {

    private DataPathTest.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    private DataPathTest.Rig probe(String... params) {
        DriverConfig cfg = ModuleParameters.apply(DriverConfig.defaults(), List.of(params));
        rig = new DataPathTest.Rig(1, false, cfg, 1500, QueuePair.Mode.POLL, 1);
        return rig;
    }

    @Test
    void rxQueueSizeIsRoundedDownToAPowerOfTwo() {
        probe("rx_queue_size=3000");
        assertThat(rig.devs[0].rxRingSize()).isEqualTo(2048);
        assertThat(rig.tx().rx().sq().depth()).isEqualTo(2048);
        assertThat(rig.devs[0].txRingSize()).as("Tx keeps its default").isEqualTo(1024);
    }

    @Test
    void rxQueueSizeAboveTheDeviceMaximumIsClampedToIt() {
        DeviceProfile small = DeviceProfile.ec2Default().toBuilder()
                .queues(new DeviceProfile.QueueLimits(1, 32, 32, 32, 32, 4096, 4096, 4096, 4096, 128, 32, 19, 0, 0))
                .build();
        rig = new DataPathTest.Rig(1, false, ModuleParameters.apply(DriverConfig.defaults(),
                List.of("rx_queue_size=16384")), 1500, QueuePair.Mode.POLL, 1, small);
        assertThat(rig.devs[0].maxRxRingSize()).isEqualTo(4096);
        assertThat(rig.devs[0].rxRingSize()).isEqualTo(4096);
    }

    @Test
    void numIoQueuesIsClampedToWhatTheDeviceAndHostOffer() {
        probe("num_io_queues=128");
        int max = rig.devs[0].maxIoQueues();
        assertThat(max).isBetween(1, Math.min(128, Runtime.getRuntime().availableProcessors()));
        assertThat(rig.devs[0].defaultIoQueues()).isEqualTo(max);
        rig.close();
        probe("num_io_queues=1");
        assertThat(rig.devs[0].defaultIoQueues()).isEqualTo(1);
        assertThat(rig.devs[0].maxIoQueues()).as("the maximum stays what the device allows").isEqualTo(max);
    }

    @Test
    void forceLargeLlqHeaderGivesWideEntriesAndHalvesTheDefaultTxRing() {
        probe("force_large_llq_header=1");
        assertThat(rig.devs[0].largeLlqHeader()).isTrue();
        assertThat(rig.tx().tx().sq().txMaxHeaderSize()).isEqualTo(224);
        assertThat(rig.devs[0].txRingSize()).isEqualTo(512);
    }

    @Test
    void phcEnableTurnsThePhcOn() {
        probe("phc_enable=1");
        assertThat(rig.devs[0].phc()).isNotNull();
    }

    @Test
    void badParametersAreRefusedWithTheAcceptedValuesAndChangeNothing() {
        DriverConfig d = DriverConfig.defaults();
        assertThatThrownBy(() -> ModuleParameters.apply(d, List.of("rx_queue_size=100")))
                .hasMessage("module parameter rx_queue_size=100 is out of range: accepted 256..16384");
        assertThatThrownBy(() -> ModuleParameters.apply(d, List.of("num_io_queues=0")))
                .hasMessage("module parameter num_io_queues=0 is out of range: accepted 1..128");
        assertThatThrownBy(() -> ModuleParameters.apply(d, List.of("phc_enable=yes")))
                .hasMessage("module parameter phc_enable='yes' is not a number: accepted 0..1");
        assertThatThrownBy(() -> ModuleParameters.apply(d, List.of("rx_queue_size=2048", "debug=1")))
                .hasMessage("module parameter 'debug' is unknown: accepted rx_queue_size, force_large_llq_header, "
                        + "num_io_queues, phc_enable");
        assertThatThrownBy(() -> ModuleParameters.apply(d, List.of("rx_queue_size")))
                .hasMessageStartingWith("module parameter 'rx_queue_size': expected name=value");
        assertThat(ModuleParameters.apply(d, List.of("force_large_llq_header=1", "force_large_llq_header=0"))
                .llqPolicy()).isEqualTo(DriverConfig.LlqPolicy.AUTO);
    }
}

package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.QueuePair;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.com.EnaPhc;
import io.ena4j.model.DeviceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PTP hardware clock (management.md §10) against the device model: enabled by {@code phc_enable}, read with its
 * error bound, rate-limited after a failure, every {@code phc_*} counter, and kept across a device reset.
 */
class PhcTest {

    private static final DriverConfig PHC = DriverConfig.defaults().withPhcEnable(true);

    private DataPathTest.Rig rig;
    private final long[] ts = new long[1];
    private final int[] eb = new int[1];

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    private EnaDevice dev() {
        return rig.devs[0];
    }

    private long stat(String name) {
        return dev().ethtoolStats().get(name);
    }

    @Test
    void offByDefaultAsLinuxPhcEnable() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        assertThat(dev().phc()).isNull();
        assertThat(dev().ethtoolStats()).doesNotContainKey("phc_cnt");
    }

    @Test
    void readsTheDeviceClockWithItsErrorBound() {
        rig = new DataPathTest.Rig(1, false, PHC, 1500, QueuePair.Mode.POLL, 1);
        EnaPhc phc = dev().phc();
        assertThat(phc).isNotNull();
        assertThat(phc.expireTimeoutUs()).as("ec2-default: expire 1000 us").isEqualTo(1000);
        assertThat(phc.blockTimeoutUs()).isEqualTo(10_000);
        assertThat(phc.getErrorBound(eb)).as("no good read yet").isEqualTo(EnaErrno.EBUSY);

        assertThat(phc.getTimestamp(ts)).isZero();
        long first = ts[0];
        rig.clock.advance(5_000);
        assertThat(phc.getTimestamp(ts)).isZero();

        assertThat(ts[0] - first).as("the device clock follows time").isGreaterThanOrEqualTo(5_000);
        assertThat(phc.getErrorBound(eb)).isZero();
        assertThat(eb[0]).isEqualTo(250);
        assertThat(stat("phc_cnt")).isEqualTo(2);
        List<String> names = new ArrayList<>(dev().ethtoolStats().keySet());
        int at = names.indexOf("phc_cnt");
        assertThat(names.subList(at - 1, at + 7)).containsExactly("ena_admin_q_no_completion", "phc_cnt", "phc_exp",
                "phc_skp", "phc_err_dv", "phc_err_ts", "phc_err_eb", "num_of_active_io_queues");
    }

    @Test
    void aDeviceThatDoesNotAnswerBlocksTheClockForTheBlockPeriod() {
        rig = new DataPathTest.Rig(1, false, PHC, 1500, QueuePair.Mode.POLL, 1);
        EnaPhc phc = dev().phc();
        assertThat(phc.getTimestamp(ts)).isZero();
        rig.models[0].faults().dropPhcResponses(true);

        assertThat(phc.getTimestamp(ts)).as("expired").isEqualTo(EnaErrno.EBUSY);
        assertThat(phc.getErrorBound(eb)).isEqualTo(EnaErrno.EBUSY);
        rig.models[0].faults().dropPhcResponses(false);
        assertThat(phc.getTimestamp(ts)).as("blocked: not even asked").isEqualTo(EnaErrno.EBUSY);
        assertThat(phc.getTimestamp(ts)).isEqualTo(EnaErrno.EBUSY);
        assertThat(stat("phc_skp")).isEqualTo(2);

        rig.clock.advance(10_001_000L); // past the 10 ms block period
        assertThat(phc.getTimestamp(ts)).isZero();

        Map<String, Long> s = dev().ethtoolStats();
        assertThat(s.get("phc_err_dv")).as("the expired request never came back").isEqualTo(1);
        assertThat(s.get("phc_cnt")).isEqualTo(2);
        assertThat(s.get("phc_exp")).isZero();
        assertThat(phc.getErrorBound(eb)).isZero();
    }

    @Test
    void errorFlagsVoidTheReadAndAreCountedByKind() {
        rig = new DataPathTest.Rig(1, false, PHC, 1500, QueuePair.Mode.POLL, 1);
        EnaPhc phc = dev().phc();
        for (int flags : new int[] {1, 2, 3}) {
            rig.models[0].faults().phcErrorFlags(flags);
            assertThat(phc.getTimestamp(ts)).as("flags " + flags).isEqualTo(EnaErrno.EBUSY);
            rig.models[0].faults().phcErrorFlags(0);
            rig.clock.advance(10_001_000L);
            assertThat(phc.getTimestamp(ts)).isZero();
        }
        assertThat(stat("phc_err_ts")).as("flags 1 and 3").isEqualTo(2);
        assertThat(stat("phc_err_eb")).as("flags 2 and 3").isEqualTo(2);
        assertThat(stat("phc_err_dv")).isZero();
        assertThat(stat("phc_cnt")).isEqualTo(3);
    }

    @Test
    void aResetSetsUpANewClockAndTheCountersContinue() {
        rig = new DataPathTest.Rig(1, false, PHC, 1500, QueuePair.Mode.POLL, 1);
        assertThat(dev().phc().getTimestamp(ts)).isZero();
        EnaPhc before = dev().phc();

        dev().resetAndRestore();

        assertThat(dev().phc()).isNotNull().isNotSameAs(before);
        assertThat(dev().phc().getTimestamp(ts)).isZero();
        assertThat(stat("phc_cnt")).isEqualTo(2);
    }

    @Test
    void aDeviceWithoutPhcLeavesItOffWithALogLine() {
        rig = new DataPathTest.Rig(1, false, PHC, 1500, QueuePair.Mode.POLL, 1, DeviceProfile.minimal());
        assertThat(dev().phc()).isNull();
        assertThat(dev().report().bootLog()).anyMatch(l -> l.contains("PHC enabled but the device does not offer it"));
    }
}

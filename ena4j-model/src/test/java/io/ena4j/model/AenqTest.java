package io.ena4j.model;

import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HwHints;
import io.ena4j.spec.aenq.AenqConfNotifications;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.AenqKeepAlive;
import io.ena4j.spec.aenq.AenqLinkChange;
import io.ena4j.spec.aenq.NotificationSyndrome;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The AENQ, device side (management.md §9). */
class AenqTest {

    private static final long SECOND = 1_000_000_000L;

    private static TestHost host(int groups) {
        TestHost h = TestHost.ready(DeviceProfile.ec2Default());
        MemorySegment s = TestHost.setFeature(FeatureId.AENQ_CONFIG.code());
        AenqConfig.enabledGroups(s, FeatureCmd.SET_PAYLOAD, groups);
        h.exec(s, 0); // polling mode: no interrupt for this completion
        h.interruptMode();
        return h;
    }

    @Test
    void nothingIsPostedBeforeTheFirstHeadDoorbell() {
        try (TestHost h = host(0xDF)) {
            h.model.setLink(false);
            h.model.requestReset();
            h.clock.advance(3 * SECOND);
            assertThat(h.aenqPoll()).isEmpty();
            assertThat(h.model.counters().aenqPosted()).isZero();
            assertThat(h.model.counters().aenqDroppedNoCredit()).isEqualTo(2);
            assertThat(h.irqCount(0)).isZero();
        }
    }

    @Test
    void firstDoorbellPostsLinkChangeThenKeepAliveEverySecond() {
        try (TestHost h = host(0xDF)) {
            h.model.statistics().set(DeviceStatistics.Stat.RX_DROPS, 11);
            h.model.statistics().set(DeviceStatistics.Stat.TX_DROPS, 21);
            h.model.statistics().set(DeviceStatistics.Stat.RX_OVERRUNS, 31);
            h.aenqDoorbell();
            h.step();
            List<MemorySegment> e = h.aenqPoll();
            assertThat(e).hasSize(1);
            assertThat(AenqEntry.group(e.getFirst(), 0)).isEqualTo(AenqGroup.LINK_CHANGE.code());
            assertThat(AenqLinkChange.linkStatus(e.getFirst(), 0)).isEqualTo(1);
            assertThat(AenqEntry.flags(e.getFirst(), 0)).isEqualTo(1);
            assertThat(h.irqCount(0)).isEqualTo(1);

            h.clock.advance(SECOND - 1);
            assertThat(h.aenqPoll()).isEmpty();
            h.clock.advance(1);
            e = h.aenqPoll();
            assertThat(e).hasSize(1);
            MemorySegment ka = e.getFirst();
            assertThat(AenqEntry.group(ka, 0)).isEqualTo(AenqGroup.KEEP_ALIVE.code());
            assertThat(AenqKeepAlive.rxDrops(ka, 0)).isEqualTo(11);
            assertThat(AenqKeepAlive.txDrops(ka, 0)).isEqualTo(21);
            assertThat(AenqKeepAlive.rxOverruns(ka, 0)).isEqualTo(31);
            assertThat(AenqEntry.timestamp(ka, 0)).as("ns since model creation").isEqualTo(SECOND);
            for (int s = 2; s <= 5; s++) {
                h.clock.advanceInSteps(SECOND, SECOND / 4);
                assertThat(h.aenqPoll()).as("second %d", s).hasSize(1);
            }
            assertThat(h.irqCount(0)).isEqualTo(6);
        }
    }

    @Test
    void creditExhaustionDropsEventsAndReCreditResumes() {
        try (TestHost h = host(0xDF)) {
            h.aenqDoorbell(); // grants 16 slots; LINK_CHANGE uses one
            h.step();
            for (int i = 0; i < 20; i++) {
                h.model.confNotification(i);
            }
            h.step();
            assertThat(h.model.counters().aenqPosted()).isEqualTo(16);
            assertThat(h.model.counters().aenqDroppedNoCredit()).isEqualTo(5);
            List<MemorySegment> e = h.aenqPoll();
            assertThat(e).hasSize(16);
            assertThat(AenqConfNotifications.notificationsBitmap(e.get(15), 0)).isEqualTo(14);
            h.model.requestReset();
            h.step();
            assertThat(h.model.counters().aenqDroppedNoCredit()).as("still no credit").isEqualTo(6);
            h.aenqDoorbell(); // returns the 16 consumed slots
            h.model.requestReset();
            h.step();
            e = h.aenqPoll();
            assertThat(e).hasSize(1);
            assertThat(AenqEntry.group(e.getFirst(), 0)).isEqualTo(AenqGroup.DEVICE_REQUEST_RESET.code());
            assertThat(AenqEntry.flags(e.getFirst(), 0)).as("17th entry: second lap, phase 0").isZero();
        }
    }

    @Test
    void phaseWrapsAfterSixteenEvents() {
        try (TestHost h = host(0xDF)) {
            h.aenqDoorbell();
            h.step();
            int seen = 0;
            for (int round = 0; round < 4; round++) {
                for (MemorySegment e : h.aenqPoll()) {
                    // entry k is written on lap k / 16: phase 1 on even laps, 0 on odd ones (§9.4)
                    assertThat(AenqEntry.flags(e, 0)).as("entry %d", seen).isEqualTo((seen / 16) % 2 == 0 ? 1 : 0);
                    seen++;
                }
                h.aenqDoorbell();
                for (int i = 0; i < 10; i++) {
                    h.model.raiseWarning();
                }
                h.step();
            }
            seen += h.aenqPoll().size();
            assertThat(seen).isEqualTo(41);
            assertThat(h.model.counters().aenqPosted()).isEqualTo(41);
            assertThat(AenqEntry.flags(h.aenq.segment(), 8 * 64)).as("slot 8 holds entry 40, third lap")
                    .isEqualTo(1);
            assertThat(AenqEntry.flags(h.aenq.segment(), 9 * 64)).as("slot 9 holds entry 25, second lap").isZero();
        }
    }

    @Test
    void onlyEnabledGroupsArePosted() {
        try (TestHost h = host(AenqGroup.KEEP_ALIVE.mask() | AenqGroup.NOTIFICATION.mask())) {
            h.aenqDoorbell();
            h.model.setLink(false);
            h.model.requestReset();
            h.model.notifySuspend();
            h.model.notifyResume();
            h.step();
            List<MemorySegment> e = h.aenqPoll();
            assertThat(e).extracting(s -> AenqEntry.syndrome(s, 0)).containsExactly(
                    NotificationSyndrome.SUSPEND.code(), NotificationSyndrome.RESUME.code());
            assertThat(e).allSatisfy(s -> assertThat(AenqEntry.group(s, 0)).isEqualTo(3));
            assertThat(h.model.counters().aenqFilteredByGroup()).isEqualTo(3); // 2 × LINK_CHANGE, 1 × reset
        }
    }

    @Test
    void hintsUpdateCarriesThePayloadAndChangesGetHints() {
        try (TestHost h = host(0xDF)) {
            h.aenqDoorbell();
            h.step();
            h.aenqPoll();
            DeviceProfile.Hints hints = new DeviceProfile.Hints(10, 0xFFFF, 2000, 64, 4000, 6000, 0, 0);
            h.model.updateHints(hints);
            h.step();
            MemorySegment e = h.aenqPoll().getFirst();
            assertThat(AenqEntry.syndrome(e, 0)).isEqualTo(NotificationSyndrome.UPDATE_HINTS.code());
            assertThat(HwHints.mmioReadTimeout(e, AenqEntry.PAYLOAD_OFFSET)).isEqualTo(10);
            assertThat(HwHints.driverWatchdogTimeout(e, AenqEntry.PAYLOAD_OFFSET)).isEqualTo(0xFFFF);
            assertThat(HwHints.netdevWdTimeout(e, AenqEntry.PAYLOAD_OFFSET)).isEqualTo(6000);
            MemorySegment c = h.exec(TestHost.getFeature(FeatureId.HW_HINTS.code()), 0);
            assertThat(HwHints.adminCompletionTxTimeout(c, FeatureCmd.GET_PAYLOAD)).isEqualTo(4000);
        }
    }

    @Test
    void stoppedKeepAlivesAndWarningsAndRefresh() {
        try (TestHost h = host(0xFF)) {
            h.aenqDoorbell();
            h.step();
            h.aenqPoll();
            h.model.faults().stopKeepAlives(true);
            h.clock.advanceInSteps(5 * SECOND, SECOND);
            assertThat(h.aenqPoll()).isEmpty();
            h.model.faults().stopKeepAlives(false);
            h.model.refreshCapabilities();
            h.clock.advance(SECOND);
            // in order of occurrence: the refresh was requested before the keep-alive came due
            assertThat(h.aenqPoll()).extracting(s -> AenqEntry.group(s, 0)).containsExactly(
                    AenqGroup.REFRESH_CAPABILITIES.code(), AenqGroup.KEEP_ALIVE.code());
        }
    }

    @Test
    void headDoorbellGrantingMoreThanDepthIsADriverError() {
        try (TestHost h = host(0xDF)) {
            h.w(io.ena4j.spec.regs.EnaRegs.AENQ_HEAD_DB_OFF, 40);
            h.step();
            assertThat(h.model.counters().aenqHeadDoorbellErrors()).isEqualTo(1);
            assertThat(h.aenqPoll()).isEmpty();
            assertThat(h.model.counters().aenqDroppedNoCredit()).isEqualTo(1);
        }
    }
}

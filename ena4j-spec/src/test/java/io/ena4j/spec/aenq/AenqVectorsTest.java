package io.ena4j.spec.aenq;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.spec.TestBytes;
import io.ena4j.spec.VectorFiles;
import io.ena4j.spec.admin.HwHints;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AENQ entries written by the vector device ({@code init_trace.jsonl}, scenario {@code ena_com_aenq_intr_handler})
 * decoded with the accessors and rebuilt with the setters (management.md §9).
 */
class AenqVectorsTest {

    private static List<JsonNode> handlerLines() {
        return VectorFiles.lines("init_trace.jsonl").stream()
                .filter(l -> l.path("scenario").asText().equals("ena_com_aenq_intr_handler"))
                .filter(l -> l.path("entries_written").size() > 0)
                .toList();
    }

    @Test
    void entriesDecodeInDispatchOrderWithThePhaseOfTheirLap() {
        int checked = 0;
        for (JsonNode line : handlerLines()) {
            int head = line.path("state_before").path("aenq_head").asInt();
            JsonNode entries = line.path("entries_written");
            JsonNode calls = line.path("handler_calls");
            assertThat(calls.size()).isEqualTo(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                int h = head + i;
                assertThat(entries.get(i).path("slot").asInt()).isEqualTo(h & 15);
                MemorySegment e = TestBytes.of(TestBytes.hex(entries.get(i).path("bytes").asText()));
                // head starts at 16: the first lap (16..31) carries phase 1, the next phase 0 (§9.2, §9.4).
                assertThat(AenqEntry.phase(e, 0)).as("entry %d", h).isEqualTo(1 - ((h / 16) - 1) % 2);
                assertThat(AenqEntry.flags(e, 0) & 0xFE).as("RSVD flag bits").isZero();
                assertThat(AenqEntry.group(e, 0)).isEqualTo(calls.get(i).path("group").asInt());
                assertThat(AenqEntry.syndrome(e, 0)).isEqualTo(calls.get(i).path("syndrome").asInt());
                AenqGroup g = AenqGroup.of(AenqEntry.group(e, 0));
                assertThat(g).isNotNull();
                boolean handled = g == AenqGroup.LINK_CHANGE || g == AenqGroup.NOTIFICATION
                        || g == AenqGroup.KEEP_ALIVE || g == AenqGroup.CONF_NOTIFICATIONS
                        || g == AenqGroup.DEVICE_REQUEST_RESET;
                assertThat(calls.get(i).path("unimplemented_handler").asBoolean()).isEqualTo(!handled);
                assertThat(AenqEntry.timestamp(e, 0)).isEqualTo(0x1000L + h - 16);
                rebuild(e);
                checked++;
            }
            assertThat(line.path("state_after").path("aenq_head").asInt()).isEqualTo(head + entries.size());
        }
        assertThat(checked).isGreaterThan(10);
    }

    /** Rebuilds the entry from its decoded fields; the 64 bytes must be identical. */
    private static void rebuild(MemorySegment e) {
        MemorySegment b = TestBytes.zeroed(AenqEntry.SIZE);
        AenqEntry.group(b, 0, AenqEntry.group(e, 0));
        AenqEntry.syndrome(b, 0, AenqEntry.syndrome(e, 0));
        AenqEntry.timestamp(b, 0, AenqEntry.timestamp(e, 0));
        switch (AenqGroup.of(AenqEntry.group(e, 0))) {
            case LINK_CHANGE -> AenqLinkChange.linkStatus(b, 0, AenqLinkChange.linkStatus(e, 0));
            case KEEP_ALIVE -> {
                AenqKeepAlive.rxDrops(b, 0, AenqKeepAlive.rxDrops(e, 0));
                AenqKeepAlive.txDrops(b, 0, AenqKeepAlive.txDrops(e, 0));
                AenqKeepAlive.rxOverruns(b, 0, AenqKeepAlive.rxOverruns(e, 0));
            }
            case CONF_NOTIFICATIONS ->
                    AenqConfNotifications.notificationsBitmap(b, 0, AenqConfNotifications.notificationsBitmap(e, 0));
            case NOTIFICATION -> {
                long p = AenqEntry.PAYLOAD_OFFSET;
                HwHints.mmioReadTimeout(b, p, HwHints.mmioReadTimeout(e, p));
                HwHints.driverWatchdogTimeout(b, p, HwHints.driverWatchdogTimeout(e, p));
                HwHints.missingTxCompletionTimeout(b, p, HwHints.missingTxCompletionTimeout(e, p));
                HwHints.missedTxCompletionCountThresholdToReset(b, p,
                        HwHints.missedTxCompletionCountThresholdToReset(e, p));
                HwHints.adminCompletionTxTimeout(b, p, HwHints.adminCompletionTxTimeout(e, p));
                HwHints.netdevWdTimeout(b, p, HwHints.netdevWdTimeout(e, p));
                HwHints.maxTxSglSize(b, p, HwHints.maxTxSglSize(e, p));
                HwHints.maxRxSglSize(b, p, HwHints.maxRxSglSize(e, p));
            }
            default -> { }
        }
        AenqEntry.phase(b, 0, AenqEntry.phase(e, 0)); // phase last, as a device writes it
        assertThat(TestBytes.hex(TestBytes.prefix(b, 64))).isEqualTo(TestBytes.hex(TestBytes.prefix(e, 64)));
    }

    @Test
    void firstBatchPayloads() {
        JsonNode entries = handlerLines().get(0).path("entries_written");
        MemorySegment link = TestBytes.of(TestBytes.hex(entries.get(0).path("bytes").asText()));
        assertThat(AenqEntry.group(link, 0)).isEqualTo(AenqGroup.LINK_CHANGE.code());
        assertThat(AenqLinkChange.linkStatus(link, 0)).isEqualTo(1);

        MemorySegment ka = TestBytes.of(TestBytes.hex(entries.get(1).path("bytes").asText()));
        assertThat(AenqEntry.group(ka, 0)).isEqualTo(AenqGroup.KEEP_ALIVE.code());
        assertThat(AenqKeepAlive.rxDrops(ka, 0)).isEqualTo(11);
        assertThat(AenqKeepAlive.txDrops(ka, 0)).isEqualTo(21);
        assertThat(AenqKeepAlive.rxOverruns(ka, 0)).isEqualTo(31);

        MemorySegment hints = TestBytes.of(TestBytes.hex(entries.get(2).path("bytes").asText()));
        assertThat(AenqGroup.of(AenqEntry.group(hints, 0))).isEqualTo(AenqGroup.NOTIFICATION);
        assertThat(NotificationSyndrome.of(AenqEntry.syndrome(hints, 0))).isEqualTo(NotificationSyndrome.UPDATE_HINTS);
    }

    @Test
    void enums() {
        for (int g = 0; g < AenqGroup.COUNT; g++) {
            assertThat(AenqGroup.of(g).code()).isEqualTo(g);
            assertThat(AenqGroup.of(g).mask()).isEqualTo(1 << g);
        }
        assertThat(AenqGroup.of(8)).isNull();
        assertThat(AenqGroup.of(0xFFFF)).isNull();
        assertThat(AenqGroup.of(-1)).isNull();
        // The Linux driver's request {0,1,2,3,4,6,7}.
        int requested = 0;
        for (AenqGroup g : AenqGroup.values()) {
            if (g != AenqGroup.REFRESH_CAPABILITIES) {
                requested |= g.mask();
            }
        }
        assertThat(requested).isEqualTo(io.ena4j.spec.admin.AenqConfig.DRIVER_REQUESTED_GROUPS);
        assertThat(NotificationSyndrome.UPDATE_HINTS.code()).isEqualTo(2);
        assertThat(NotificationSyndrome.of(3)).isNull();
        assertThat(NotificationSyndrome.of(-1)).isNull();
    }
}

package io.ena4j.driver.com;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import io.ena4j.testkit.Vectors;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the admin-queue mechanics of {@code admin.jsonl} (vectors/README.md) through {@link AdminQueue}: all 56
 * lines are one session on a fresh queue in polling mode. Each recorded command (bytes {@code aq_entry[0:cmd_len]}
 * with command id and phase cleared) goes through {@link AdminQueue#execute}; the device double answers with the
 * recorded {@code acq_entry}. We check the whole 64-byte slot at doorbell time (the first {@code cmd_len} bytes
 * are the command, the rest stale data of earlier commands in that slot, which the reference leaves in place and
 * so do we), the slot index, the doorbell value, the phase per lap (1, 0, 1), the response bytes copied, the ACQ
 * slot and phase used, and the return code: the recorded {@code rc} for the single-command status-mapping lines
 * (seq 37–44), 0 elsewhere (every other recorded completion has status 0; the non-zero {@code rc} of other lines
 * comes from the command layer, which {@code AdminVectorReplayTest} covers).
 */
class AdminQueueVectorReplayTest {

    @Test
    void replaysAllRecordedCommandsBitExactly() {
        List<JsonNode> lines = Vectors.lines("admin.jsonl");
        assertThat(lines).hasSize(56);
        JsonNode setup = lines.get(0);
        assertThat(setup.get("func").asText()).isEqualTo("session_setup");

        FakeEnaDevice dev = new FakeEnaDevice();
        ManualClock clock = new ManualClock();
        EnaComDevice com = new EnaComDevice(dev, clock, EnaComConfig.defaults());
        assertThat(com.mmioReadRequestInit()).isZero();
        assertThat(com.devReset(ResetReason.NORMAL)).isZero();
        assertThat(com.adminInit()).isZero();
        com.setAdminPollingMode(true);
        assertThat(com.adminQueue().completionTimeoutUs()).isEqualTo(setup.get("admin_completion_timeout_us").asLong());

        Deque<byte[]> answers = new ArrayDeque<>();
        dev.responder = aq -> List.of(answers.removeFirst());
        AdminQueue q = com.adminQueue();
        int commands = 0;
        int statusLines = 0;
        int[] phasePerLap = {1, 0, 1};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cmd = arena.allocate(64);
            MemorySegment resp = arena.allocate(64);
            for (JsonNode line : lines.subList(1, lines.size())) {
                int seq = line.get("seq").asInt();
                JsonNode aqs = line.get("aq");
                for (JsonNode a : aqs) {
                    byte[] recordedSlot = Vectors.bytes(a.get("aq_entry").asText());
                    byte[] recordedAcq = Vectors.bytes(a.get("acq_entry").asText());
                    int cmdLen = a.get("cmd_len").asInt();
                    int opcode = a.get("opcode").asInt();
                    int respLen = AdminOpcode.of(opcode).responseSize();
                    assertThat(cmdLen).isEqualTo(AdminOpcode.of(opcode).commandSize());

                    cmd.fill((byte) 0);
                    MemorySegment.copy(recordedSlot, 0, cmd, ValueLayout.JAVA_BYTE, 0, cmdLen);
                    AqEntry.commandId(cmd, 0, 0);
                    AqEntry.phase(cmd, 0, 0);
                    resp.fill((byte) 0x5A);
                    answers.add(recordedAcq);
                    int submissionsBefore = dev.submissions.size();

                    int rc = q.execute(cmd, cmdLen, resp, respLen);
                    commands++;

                    String where = "seq " + seq + " slot " + a.get("aq_slot").asInt();
                    assertThat(dev.submissions).as(where).hasSize(submissionsBefore + 1);
                    FakeEnaDevice.Submission sub = dev.submissions.getLast();
                    assertThat(sub.slot()).as(where).isEqualTo(a.get("aq_slot").asInt());
                    assertThat(sub.doorbell()).as(where).isEqualTo(a.get("doorbell_value").asInt());
                    assertThat(Vectors.hex(Arrays.copyOf(sub.entry(), cmdLen))).as(where + " command bytes")
                            .isEqualTo(Vectors.hex(Arrays.copyOf(recordedSlot, cmdLen)));
                    assertThat(Vectors.hex(sub.entry())).as(where + " whole slot incl. stale bytes")
                            .isEqualTo(Vectors.hex(recordedSlot));
                    int lap = (commands - 1) / AdminQueue.DEPTH;
                    assertThat(sub.entry()[3] & 1).as(where + " phase").isEqualTo(phasePerLap[lap]);
                    assertThat(AqEntry.commandId(MemorySegment.ofArray(sub.entry()), 0)).as(where + " id")
                            .isEqualTo(a.get("aq_slot").asInt());

                    FakeEnaDevice.Completion c = dev.completions.getLast();
                    assertThat(c.slot()).as(where + " acq slot").isEqualTo(a.get("acq_slot").asInt());
                    assertThat(c.phase()).as(where + " acq phase").isEqualTo(recordedAcq[3] & 1);
                    assertThat(Vectors.hex(resp, 0, respLen)).as(where + " response")
                            .isEqualTo(Vectors.hex(Arrays.copyOf(recordedAcq, respLen)));
                    if (respLen < 64) {
                        assertThat(Vectors.hex(resp, respLen, 64 - respLen)).as(where + " beyond response")
                                .isEqualTo("5a".repeat(64 - respLen));
                    }
                    int status = recordedAcq[2] & 0xFF;
                    if (line.has("args") && line.get("args").has("device_completion_status")) {
                        statusLines++;
                        assertThat(aqs).hasSize(1);
                        assertThat(status).isEqualTo(line.get("args").get("device_completion_status").asInt());
                        assertThat(rc).as(where + " rc").isEqualTo(line.get("rc").asInt());
                    } else {
                        assertThat(status).isZero();
                        assertThat(rc).as(where + " rc").isZero();
                    }
                }
            }
        }
        assertThat(statusLines).isEqualTo(8);
        assertThat(commands).isEqualTo(89);
        assertThat(q.stats().submittedCmd()).isEqualTo(89);
        assertThat(q.stats().completedCmd()).isEqualTo(89);
        assertThat(q.outstanding()).isZero();
        assertThat(q.sqTail()).isEqualTo(89);
        assertThat(q.sqPhase()).isEqualTo(1); // 89 = 2 laps + 25: third lap, phase 1
        assertThat(q.cqHead()).isEqualTo(89);
        assertThat(q.cqPhase()).isEqualTo(1);
        assertThat(q.isRunning()).isTrue();
        assertThat(dev.writesTo(EnaRegs.AQ_DB_OFF)).isEqualTo(89);
        assertThat(dev.dmaFaults).isZero();
        // Polling found every completion at its first look: no back-off sleep was needed.
        assertThat(clock.nanoTime()).isZero();
        assertThat(answers).isEmpty();
    }
}

package io.ena4j.driver.com;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.platform.Iommu;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.testkit.Vectors;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link AdminExecutor} that replays the admin queue of {@code admin.jsonl}: for each command it checks the
 * submitted bytes against the recorded {@code aq_entry[0:cmd_len]} (after filling command id and phase as the
 * queue would), checks the control buffer against {@code ctrl_buf.submitted}, applies
 * {@code ctrl_buf.after_device_write}, and answers with the recorded {@code acq_entry} and its status mapped to
 * an errno (management.md §6.8).
 *
 * <p>Addresses: the recorded session used its own allocator, so every address field is compared through a
 * recorded → ours map. A pair seen for the first time is learned (and must point at mapped IOMMU memory);
 * afterwards the same recorded buffer must always be the same buffer of ours, and vice versa. The test
 * pre-registers buffers it owns (host info, rings, ...) with {@link #map}.
 */
final class ReplayExecutor implements AdminExecutor {

    private static final int AQ_DEPTH = 32;

    private final Iommu iommu;
    private final Map<Long, Long> recordedToOurs = new HashMap<>();
    private final Map<Long, Long> oursToRecorded = new HashMap<>();
    private final Deque<JsonNode> pending = new ArrayDeque<>();
    private final Map<Integer, Integer> patches = new HashMap<>();
    private int tail;
    private int phase = 1;
    private int executed;

    ReplayExecutor(Iommu iommu) {
        this.iommu = iommu;
    }

    /** Queues the recorded commands of {@code line}, replacing anything left. */
    void expect(JsonNode line) {
        pending.clear();
        patches.clear();
        JsonNode aq = line.get("aq");
        if (aq != null) {
            aq.forEach(pending::add);
        }
    }

    /**
     * Overrides one expected command byte of the next command (for a deliberate difference from the DPDK copy;
     * the caller says why).
     */
    void patchNext(int offset, int value) {
        patches.put(offset, value);
    }

    /** Registers that our buffer at {@code ours} plays the role of the recorded {@code recorded}. */
    void map(long recorded, long ours) {
        learn(recorded, ours, 1);
    }

    /** Recorded commands not consumed yet. */
    int remaining() {
        return pending.size();
    }

    /** Drops the remaining recorded commands, advancing the ring as if they had been sent. */
    void skipRemaining() {
        while (!pending.isEmpty()) {
            pending.poll();
            advance();
        }
    }

    /** Commands executed so far. */
    int executed() {
        return executed;
    }

    @Override
    public int execute(MemorySegment cmd, int cmdLen, MemorySegment resp, int respLen) {
        JsonNode e = pending.poll();
        assertThat(e).as("command with opcode %d sent but none recorded", cmd.get(ValueLayout.JAVA_BYTE, 2))
                .isNotNull();
        int slot = tail & (AQ_DEPTH - 1);
        assertThat(slot).as("AQ slot").isEqualTo(e.get("aq_slot").asInt());
        assertThat(cmdLen).as("cmd_len").isEqualTo(e.get("cmd_len").asInt());

        byte[] ours = cmd.asSlice(0, cmdLen).toArray(ValueLayout.JAVA_BYTE);
        // What the queue does (§6.3): command id = slot here, phase bit of the current lap.
        ours[0] = (byte) slot;
        ours[1] = (byte) ((ours[1] & 0xF0) | ((slot >>> 8) & 0x0F));
        ours[3] = (byte) (ours[3] | phase);
        byte[] expected = Arrays.copyOf(Vectors.bytes(e.get("aq_entry").asText()), cmdLen);
        patches.forEach((off, v) -> expected[off] = (byte) (int) v);
        patches.clear();

        int opcode = ours[2] & 0xFF;
        int feature = cmdLen > 17 ? ours[17] & 0xFF : -1;
        JsonNode cb = e.get("ctrl_buf");
        for (int off : addressFields(opcode, feature, cmdLen)) {
            long recorded = addr(expected, off);
            long mine = addr(ours, off);
            int len = off == 8 && cb != null ? cb.get("len").asInt() : 1;
            learn(recorded, mine, len);
            // Both sides now agree: compare the rest of the command byte for byte.
            System.arraycopy(ours, off, expected, off, 6);
        }
        assertThat(Vectors.hex(ours)).as("AQ entry of opcode %d feature %d", opcode, feature)
                .isEqualTo(Vectors.hex(expected));

        if (cb != null) {
            long mine = addr(ours, 8);
            int len = cb.get("len").asInt();
            MemorySegment buf = iommu.slice(mine, len);
            assertThat(buf).as("control buffer must be mapped DMA memory").isNotNull();
            assertThat(Vectors.hex(buf, 0, len)).as("control buffer as submitted")
                    .isEqualTo(cb.get("submitted").asText());
            JsonNode written = cb.get("after_device_write");
            if (written != null) {
                MemorySegment.copy(MemorySegment.ofArray(Vectors.bytes(written.asText())), 0, buf, 0, len);
            }
        }

        byte[] acq = Vectors.bytes(e.get("acq_entry").asText());
        MemorySegment.copy(MemorySegment.ofArray(acq), 0, resp, 0, respLen);
        advance();
        executed++;
        return statusToErrno(acq[2] & 0xFF);
    }

    private void advance() {
        tail = (tail + 1) & 0xFFFF;
        if ((tail & (AQ_DEPTH - 1)) == 0) {
            phase ^= 1;
        }
    }

    /** Completion status → errno as management.md §6.8 defines it. */
    static int statusToErrno(int status) {
        return switch (status) {
            case 0 -> EnaErrno.OK;
            case 1 -> EnaErrno.ENOMEM;
            case 3 -> EnaErrno.EOPNOTSUPP;
            case 7 -> EnaErrno.EAGAIN;
            default -> EnaErrno.EINVAL;
        };
    }

    /** Byte offsets of every MemAddr in a command. */
    private static int[] addressFields(int opcode, int feature, int cmdLen) {
        AdminOpcode op = AdminOpcode.of(opcode);
        if (op == null) {
            return new int[0];
        }
        return switch (op) {
            case GET_FEATURE, GET_STATS -> new int[] {8};
            case SET_FEATURE -> {
                FeatureId f = FeatureId.of(feature);
                yield f == FeatureId.HOST_ATTR_CONFIG ? new int[] {8, 20, 28}
                        : f == FeatureId.PHC_CONFIG ? new int[] {8, 36} : new int[] {8};
            }
            case CREATE_CQ -> new int[] {12};
            case CREATE_SQ -> new int[] {12, 20};
            default -> new int[0];
        };
    }

    private static long addr(byte[] b, int off) {
        MemorySegment s = MemorySegment.ofArray(b);
        return Integer.toUnsignedLong(Le.u32(s, off)) | (long) Le.u16(s, off + 4) << 32;
    }

    private void learn(long recorded, long mine, long len) {
        if (recorded == 0 || mine == 0) {
            // A null address stays null on both sides (no control buffer, no debug area, LLQ SQ ring).
            assertThat(mine).as("our address where 0x%x was recorded", recorded).isEqualTo(recorded);
            return;
        }
        Long known = recordedToOurs.get(recorded);
        if (known != null) {
            assertThat(mine).as("our buffer in the role of recorded 0x%x", recorded).isEqualTo(known);
            return;
        }
        assertThat(oursToRecorded.get(mine)).as("our 0x%x already plays another recorded buffer", mine).isNull();
        assertThat(iommu.find(mine, len)).as("our address 0x%x (+%d) must be mapped DMA memory", mine, len).isNotNull();
        recordedToOurs.put(recorded, mine);
        oursToRecorded.put(mine, recorded);
    }
}

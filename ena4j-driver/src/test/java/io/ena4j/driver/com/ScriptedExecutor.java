package io.ena4j.driver.com;

import io.ena4j.platform.Iommu;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.AdminOpcode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A scripted device for unit tests: answers each command with the next scripted responder, records every
 * command sent, and exposes the control buffer (through the IOMMU, as a device would reach it) to the
 * responder. A command with no responder left fails the test: that is how "nothing was sent" is asserted.
 */
final class ScriptedExecutor implements AdminExecutor {

    /** Fills the response (and possibly the control buffer); returns the completion status (§6.8). */
    interface Responder {
        int respond(byte[] cmd, MemorySegment resp, MemorySegment ctrl);
    }

    private final Iommu iommu;
    private final Deque<Responder> script = new ArrayDeque<>();
    final List<byte[]> sent = new ArrayList<>();

    ScriptedExecutor(Iommu iommu) {
        this.iommu = iommu;
    }

    /** Next command gets {@code r}. */
    ScriptedExecutor then(Responder r) {
        script.add(r);
        return this;
    }

    /** Next command succeeds with a response filled by {@code fill}. */
    ScriptedExecutor ok(Consumer<MemorySegment> fill) {
        return then((c, r, b) -> {
            fill.accept(r);
            return 0;
        });
    }

    /** Next command succeeds with an all-zero response. */
    ScriptedExecutor ok() {
        return ok(r -> { });
    }

    /** Next command completes with {@code status}. */
    ScriptedExecutor status(int status) {
        return then((c, r, b) -> status);
    }

    /** Responders not used yet. */
    int unused() {
        return script.size();
    }

    /** The last command sent. */
    MemorySegment last() {
        return MemorySegment.ofArray(sent.getLast());
    }

    @Override
    public int execute(MemorySegment cmd, int cmdLen, MemorySegment resp, int respLen) {
        byte[] c = cmd.asSlice(0, cmdLen).toArray(ValueLayout.JAVA_BYTE);
        sent.add(c);
        Responder r = script.poll();
        if (r == null) {
            throw new AssertionError("unexpected command: opcode " + (c[2] & 0xFF)
                    + (cmdLen > 17 ? " feature " + (c[17] & 0xFF) : ""));
        }
        MemorySegment ctrl = null;
        MemorySegment cs = MemorySegment.ofArray(c);
        int op = c[2] & 0xFF;
        boolean hasCtrl = op == AdminOpcode.GET_FEATURE.code() || op == AdminOpcode.SET_FEATURE.code()
                || op == AdminOpcode.GET_STATS.code();
        if (hasCtrl && Le.u32(cs, 4) != 0) {
            long addr = Integer.toUnsignedLong(Le.u32(cs, 8)) | (long) Le.u16(cs, 12) << 32;
            ctrl = iommu.slice(addr, Le.u32(cs, 4));
            if (ctrl == null) {
                throw new AssertionError("control buffer 0x" + Long.toHexString(addr) + " not mapped");
            }
        }
        MemorySegment full = MemorySegment.ofArray(new byte[64]);
        int status = r.respond(c, full, ctrl);
        MemorySegment.copy(full, 0, resp, 0, respLen);
        return ReplayExecutor.statusToErrno(status);
    }

    static int opcode(byte[] cmd) {
        return cmd[2] & 0xFF;
    }

    static int feature(byte[] cmd) {
        return cmd[17] & 0xFF;
    }
}

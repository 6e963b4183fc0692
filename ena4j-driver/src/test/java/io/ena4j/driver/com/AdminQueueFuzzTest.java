package io.ena4j.driver.com;

import static io.ena4j.driver.fuzz.Fuzz.check;
import static io.ena4j.driver.fuzz.Fuzz.phaseAt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ena4j.driver.fuzz.FuzzPci;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes admin completion processing: {@link AdminQueue#execute} and {@link AdminQueue#processCompletions} over an
 * ACQ the fuzzer writes (management.md §6.5, §6.6). See docs/FUZZING.md.
 *
 * <p>The device is played by this target behind a {@link FuzzPci}: an AQ doorbell makes it read the submitted
 * entries (their command ids), and every sleep of the driver on the {@link ManualClock} (the poll back-off, the
 * interrupt-mode wait) lets it act once, as the input says: complete an outstanding command (any order, any status,
 * any payload and flag bits, phase per lap) and maybe raise the vector-0 interrupt; post a stale or duplicated
 * completion for an id with no command outstanding; post a completion with an id of 32 or more; raise a spurious
 * interrupt; do nothing (timeouts elapse instantly in virtual time); or write raw bytes anywhere in the ACQ. Both
 * wait modes, short timeouts. A stopped queue is destroyed and set up again, as a reset would.
 *
 * <p>Properties: nothing throws (the ACQ is exactly 32 × 64 bytes); execute returns 0, a mapped status, ETIME,
 * ENODEV or ENOSPC; no command is left outstanding after execute returns; the ACQ head passes each entry at most
 * once per time the device wrote it, and {@code completed_cmd} counts exactly the entries passed; a completion
 * delivered to a command carries that command's id. While the device writes only well-formed entries: a command
 * returns the errno of exactly the status written for it and the first {@code respLen} bytes of exactly its entry;
 * polling mode always finds a posted completion; interrupt mode times out only when the interrupt was withheld,
 * and then reports the missing interrupt; a duplicated completion is counted {@code unexpected_completion} and
 * changes nothing; an id of 32 or more is counted {@code bad_completion_id} and stops the queue; the reset reasons
 * reported are the documented ones.
 */
class AdminQueueFuzzTest {

    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();
    private static final int DEPTH = AdminQueue.DEPTH;
    private static final int ENTRY = AdminQueue.ENTRY_SIZE;

    /** The device and the bookkeeping of one fuzz input. */
    private static final class Device {
        final FuzzedDataProvider data;
        final FuzzPci pci;
        AdminQueue q;
        MemorySegment aq;
        MemorySegment acq;
        int aqHead;
        long acqTail;
        final List<Integer> pending = new ArrayList<>();   // command ids submitted, not yet completed
        final byte[][] posted = new byte[DEPTH][];         // completion written for the current command of an id
        final boolean[] interruptSent = new boolean[DEPTH];
        final int[] written = new int[DEPTH];
        final int[] consumedAt = new int[DEPTH];
        int auditedHead;
        long consumed;
        long auditedCompleted;
        boolean tainted;
        int badIds;
        int duplicates;
        long duplicatesBase;
        int lastSubmittedId = -1;

        Device(FuzzedDataProvider data, FuzzPci pci) {
            this.data = data;
            this.pci = pci;
        }

        void attach(AdminQueue queue) {
            q = queue;
            aq = pci.exactDma().slice(q.aqIoAddress(), (long) DEPTH * ENTRY);
            acq = pci.exactDma().slice(q.acqIoAddress(), (long) DEPTH * ENTRY);
            check(aq != null && acq != null, "admin rings not mapped where the base registers say");
            check(pci.lastWrite(EnaRegs.ACQ_BASE_LO_OFF) == EnaRegs.addrLo(q.acqIoAddress()), "ACQ base not written");
            aqHead = 0;
            acqTail = 0;
            pending.clear();
            Arrays.fill(posted, null);
            Arrays.fill(written, 0);
            Arrays.fill(consumedAt, 0);
            auditedHead = 0;
            consumed = 0;
            auditedCompleted = q.stats().completedCmd();
            duplicates = 0;
            duplicatesBase = q.stats().unexpectedCompletion();
        }

        /** AQ doorbell: take the new entries (their ids) and maybe act at once. */
        void doorbell(int tail) {
            if (q == null || aq == null) {
                return;
            }
            while (aqHead != tail) {
                long base = (long) (aqHead & (DEPTH - 1)) * ENTRY;
                int id = AqEntry.commandId(aq, base);
                check(AqEntry.phase(aq, base) == phaseAt(aqHead, DEPTH), "AQ entry with the wrong phase");
                pending.add(id);
                posted[id & (DEPTH - 1)] = null;
                interruptSent[id & (DEPTH - 1)] = false;
                lastSubmittedId = id;
                aqHead = (aqHead + 1) & 0xFFFF;
            }
            if (data.consumeBoolean()) {
                act();
            }
        }

        /** Checks the entries the driver consumed since the last device write. */
        void audit() {
            int head = q.cqHead();
            int moved = (head - auditedHead) & 0xFFFF;
            for (int i = 0; i < moved; i++) {
                int slot = (auditedHead + i) & (DEPTH - 1);
                check(written[slot] > consumedAt[slot], "ACQ slot %d consumed again without a write", slot);
                consumedAt[slot] = written[slot];
            }
            long completed = q.stats().completedCmd();
            check(completed - auditedCompleted == moved, "completed_cmd +%d for %d entries", completed
                    - auditedCompleted, moved);
            auditedHead = head;
            consumed += moved;
            auditedCompleted = completed;
        }

        /** One device action, chosen by the input. */
        void act() {
            if (q == null || acq == null || data.remainingBytes() == 0) {
                return;
            }
            audit();
            switch (data.consumeInt(0, 6)) {
                case 0, 1 -> { // complete an outstanding command
                    if (pending.isEmpty()) {
                        return;
                    }
                    int id = pending.remove(data.consumeInt(0, pending.size() - 1));
                    int status = data.consumeBoolean() ? 0 : data.consumeInt(0, 0xFF);
                    byte[] e = post(id, status);
                    if (e == null) {
                        pending.add(id);
                        return;
                    }
                    posted[id] = e;
                    if (data.consumeBoolean()) {
                        interrupt(id);
                    }
                }
                case 2 -> { // stale / duplicated completion for an id with no command outstanding
                    int id = data.consumeInt(0, DEPTH - 1);
                    // Not SUBMITTED in the driver: either collected, or its real completion precedes this one.
                    if (!pending.contains(id) && post(id, data.consumeInt(0, 0xFF)) != null) {
                        duplicates++;
                    }
                }
                case 3 -> { // completion id outside the queue
                    if (post(data.consumeInt(DEPTH, AcqEntry.COMMAND_ID_MASK), 0) != null) {
                        badIds++;
                    }
                }
                case 4 -> interrupt(-1); // spurious (or late) interrupt
                case 5 -> { // raw bytes anywhere in the ACQ
                    int slot = data.consumeInt(0, DEPTH - 1);
                    int at = data.consumeInt(0, ENTRY - 1);
                    byte[] raw = data.consumeBytes(ENTRY - at);
                    MemorySegment.copy(raw, 0, acq, ValueLayout.JAVA_BYTE, (long) slot * ENTRY + at, raw.length);
                    written[slot]++;
                    tainted = true;
                }
                default -> { } // nothing: let time pass
            }
        }

        /**
         * Writes a well-formed completion at the ACQ tail, flags byte (phase) last with release; null (nothing
         * written) if the driver has not consumed the entry a lap earlier: a device never overwrites those.
         */
        byte[] post(int id, int status) {
            if (acqTail - consumed >= DEPTH) {
                return null;
            }
            long base = (acqTail & (DEPTH - 1)) * ENTRY;
            byte[] e = data.consumeBytes(ENTRY);
            e = Arrays.copyOf(e, ENTRY);
            MemorySegment img = MemorySegment.ofArray(e);
            AcqEntry.commandId(img, 0, id);
            AcqEntry.status(img, 0, status);
            int flags = (e[(int) AcqEntry.FLAGS_OFFSET] & ~AcqEntry.PHASE_MASK) | phaseAt(acqTail, DEPTH);
            e[(int) AcqEntry.FLAGS_OFFSET] = (byte) flags;
            MemorySegment.copy(img, 0, acq, base, AcqEntry.FLAGS_OFFSET);
            MemorySegment.copy(img, AcqEntry.FLAGS_OFFSET + 1, acq, base + AcqEntry.FLAGS_OFFSET + 1,
                    ENTRY - AcqEntry.FLAGS_OFFSET - 1);
            BYTE.setRelease(acq, base + AcqEntry.FLAGS_OFFSET, (byte) flags);
            written[(int) (acqTail & (DEPTH - 1))]++;
            acqTail++;
            return e;
        }

        void interrupt(int id) {
            if (id >= 0) {
                interruptSent[id] = true;
            }
            // INTR_MASK bit 0 masks vector 0 (the owner sets it in polling mode).
            if (pci.handler(0) != null && (pci.lastWrite(EnaRegs.INTR_MASK_OFF) & 1) == 0) {
                pci.handler(0).onInterrupt(0);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void processCompletions(FuzzedDataProvider data) {
        FuzzPci pci = new FuzzPci();
        ManualClock clock = new ManualClock(data.consumeLong() >>> 8);
        EnaComConfig config = EnaComConfig.defaults().withAdminTimeoutUs(data.consumeInt(1, 5_000))
                .withPollMinDelayUs(1).withPollMaxDelayUs(data.consumeInt(PollBackoff.FLOOR_US, 2_000))
                .withInterruptRecheckUs(data.consumeInt(10, 1_000));
        List<ResetReason> resets = new ArrayList<>();
        AdminQueue q = new AdminQueue(pci, clock, config, resets::add);
        Device dev = new Device(data, pci);
        pci.onWrite((off, v) -> {
            if (off == EnaRegs.AQ_DB_OFF) {
                dev.doorbell(v);
            }
        });
        clock.addTicker(dev::act);

        if (data.consumeBoolean()) { // the second ring cannot be allocated: nothing may leak or be written
            pci.exactDma().failAllocationsAfter(data.consumeInt(0, 1));
            check(q.init() == EnaErrno.ENOMEM, "init with no DMA memory did not fail with ENOMEM");
            check(pci.exactDma().liveBuffers() == 0, "ring leaked by a failed init");
            check(pci.writes(EnaRegs.AQ_BASE_LO_OFF) == 0, "registers written by a failed init");
            pci.exactDma().failAllocationsAfter(Integer.MAX_VALUE);
        }
        check(q.init() == EnaErrno.OK, "init failed");
        boolean polling = data.consumeBoolean();
        setUp(q, dev, pci, polling);

        MemorySegment cmd = MemorySegment.ofArray(new byte[ENTRY]);
        MemorySegment resp = MemorySegment.ofArray(new byte[ENTRY]);
        int ops = 0;
        while (data.remainingBytes() > 0 && ops++ < 200) {
            if (!q.isRunning()) { // what the reset worker does: tear down and set up again
                q.destroy();
                check(q.outstanding() == 0, "commands outstanding after destroy");
                check(pci.exactDma().liveBuffers() == 0, "rings leaked by destroy");
                check(q.init() == EnaErrno.OK, "init after destroy failed");
                setUp(q, dev, pci, data.consumeBoolean());
                continue;
            }
            if (data.consumeInt(0, 3) == 0) {
                dev.act();
                q.processCompletions();
                dev.audit();
                continue;
            }
            byte[] c = data.consumeBytes(ENTRY);
            cmd.fill((byte) 0);
            MemorySegment.copy(c, 0, cmd, ValueLayout.JAVA_BYTE, 0, c.length);
            int cmdLen = data.consumeInt(AdminQueue.MIN_CMD_LEN, ENTRY);
            int respLen = data.consumeInt(AdminQueue.MIN_RESP_LEN, ENTRY);
            resp.fill((byte) 0x5A);
            long noCompletion = q.stats().noCompletion();
            boolean wasPolling = q.pollingMode();
            dev.lastSubmittedId = -1;

            int rc = q.execute(cmd, cmdLen, resp, respLen);

            dev.audit();
            int id = dev.lastSubmittedId;
            check(q.outstanding() == 0, "%d commands outstanding after execute returned", q.outstanding());
            boolean statusRc = rc == 0 || rc == -12 || rc == -22 || rc == -95 || rc == -11;
            check(statusRc || rc == EnaErrno.ETIME || rc == EnaErrno.ENODEV || rc == EnaErrno.ENOSPC,
                    "undocumented rc %d", rc);
            if (statusRc) {
                check(id >= 0, "completed a command that was never submitted");
                check(AcqEntry.commandId(resp, 0) == id, "command %d got the completion of command %d", id,
                        AcqEntry.commandId(resp, 0));
                for (int i = respLen; i < ENTRY; i++) {
                    check(resp.get(ValueLayout.JAVA_BYTE, i) == 0x5A, "byte %d written past respLen %d", i, respLen);
                }
            }
            if (rc == EnaErrno.ETIME) {
                check(q.stats().noCompletion() == noCompletion + 1, "timeout not counted");
                check(!q.isRunning(), "queue still running after a timeout");
            }
            if (dev.tainted || id < 0) {
                continue;
            }
            byte[] e = dev.posted[id];
            if (rc == EnaErrno.ETIME) {
                check(e == null || !wasPolling, "polling missed the completion of command %d", id);
                if (e != null) {
                    check(!dev.interruptSent[id] && q.missingInterruptDetected(),
                            "interrupt-mode timeout although the completion and its interrupt arrived");
                    check(resets.getLast() == ResetReason.MISSING_ADMIN_INTERRUPT, "missing interrupt not reported");
                } else {
                    check(resets.getLast() == ResetReason.ADMIN_TO, "admin timeout not reported");
                }
            } else if (statusRc) {
                check(e != null, "command %d completed although the device never completed it", id);
                int status = AcqEntry.status(MemorySegment.ofArray(e), 0);
                check(rc == AdminStatus.errnoOf(status), "rc %d for status %d", rc, status);
                check(MemorySegment.ofArray(e).asSlice(0, respLen).mismatch(resp.asSlice(0, respLen)) == -1,
                        "response bytes differ from the completion entry");
            }
        }
        dev.audit();
        if (!dev.tainted) {
            check(q.stats().unexpectedCompletion() - dev.duplicatesBase <= dev.duplicates,
                    "unexpected completions counted that the device did not post");
            check(dev.badIds > 0 || q.stats().badCompletionId() == 0, "bad completion id counted for a good id");
        }
        q.destroy();
        check(pci.exactDma().liveBuffers() == 0 && pci.exactDma().doubleFrees() == 0, "DMA buffers leaked or"
                + " freed twice");
    }

    private static void setUp(AdminQueue q, Device dev, FuzzPci pci, boolean polling) {
        q.setPollingMode(polling);
        pci.write32(EnaRegs.INTR_MASK_OFF, polling ? 1 : 0);
        pci.setInterruptHandler(0, v -> q.processCompletions());
        dev.attach(q);
    }
}

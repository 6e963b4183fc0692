package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.platform.ManualClock;
import io.ena4j.platform.SystemClock;
import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admin queue behaviour against {@link FakeEnaDevice} (management.md §6). */
class AdminQueueTest {

    private final FakeEnaDevice dev = new FakeEnaDevice();
    private final List<ResetReason> resets = new ArrayList<>();

    @AfterEach
    void closeDevice() {
        dev.close();
    }

    /** A running admin queue (rings allocated, bases written) in the given wait mode. */
    private AdminQueue queue(Clock clock, EnaComConfig config, boolean polling) {
        AdminQueue q = new AdminQueue(dev, clock, config, resets::add);
        assertThat(q.init()).isZero();
        q.setPollingMode(polling);
        dev.write32(EnaRegs.INTR_MASK_OFF, polling ? 1 : 0);
        dev.setInterruptHandler(0, v -> q.processCompletions());
        dev.takeEvents();
        return q;
    }

    private static MemorySegment command(Arena arena, int opcode, int marker) {
        MemorySegment cmd = arena.allocate(64);
        AqEntry.opcode(cmd, 0, opcode);
        cmd.set(ValueLayout.JAVA_INT_UNALIGNED, 20, marker);
        return cmd;
    }

    private static int execute(AdminQueue q, int marker) {
        try (Arena arena = Arena.ofConfined()) {
            return q.execute(command(arena, AdminOpcode.SET_FEATURE.code(), marker), 64, arena.allocate(64), 64);
        }
    }

    @Test
    void pollingTimeoutStopsQueueAndLaterCommandsFailLocally() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), true);
        dev.responder = aq -> List.of(); // the device consumes the command and never answers

        assertThat(execute(q, 1)).isEqualTo(EnaErrno.ETIME);
        // The full 3 s elapsed in virtual time, in back-off steps of 5 ms (Linux minimum delay).
        assertThat(clock.nanoTime()).isBetween(3_000_000_000L, 3_010_000_000L);
        assertThat(q.stats().noCompletion()).isEqualTo(1);
        assertThat(q.isRunning()).isFalse();
        assertThat(q.outstanding()).isZero();
        assertThat(resets).containsExactly(ResetReason.ADMIN_TO);

        long doorbells = dev.writesTo(EnaRegs.AQ_DB_OFF);
        assertThat(execute(q, 2)).isEqualTo(EnaErrno.ENODEV);
        assertThat(dev.writesTo(EnaRegs.AQ_DB_OFF)).isEqualTo(doorbells);
        assertThat(q.stats().submittedCmd()).isEqualTo(1);
    }

    @Test
    void pollingBacksOffExponentiallyWithSmallMinimumDelay() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults().withPollMinDelayUs(100).withAdminTimeoutUs(10_000),
                true);
        List<Long> sleeps = new ArrayList<>();
        long[] last = {0};
        clock.addTicker(() -> {
            sleeps.add((clock.nanoTime() - last[0]) / 1000);
            last[0] = clock.nanoTime();
        });
        dev.responder = aq -> List.of();
        assertThat(execute(q, 1)).isEqualTo(EnaErrno.ETIME);
        // 100, 200, 400, 800, 1600, 3200 µs, then capped at 5000 µs; the 10 ms deadline is passed after the 7th.
        assertThat(sleeps).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L);
    }

    @Test
    void completionArrivingDuringBackoffIsFound() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), true);
        dev.delivery = FakeEnaDevice.Delivery.DEFERRED;
        int[] ticks = {0};
        clock.addTicker(() -> {
            if (++ticks[0] == 3) {
                dev.releaseDeferred();
            }
        });
        assertThat(execute(q, 1)).isZero();
        assertThat(clock.nanoTime()).isEqualTo(15_000_000L); // three 5 ms sleeps
        assertThat(q.stats().completedCmd()).isEqualTo(1);
        assertThat(q.isRunning()).isTrue();
        assertThat(resets).isEmpty();
    }

    @Test
    void interruptModeCompletesThroughTheInterruptHandler() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), false);
        dev.delivery = FakeEnaDevice.Delivery.DEFERRED;
        clock.addTicker(dev::releaseDeferred); // the device answers during the waiter's first sleep
        assertThat(execute(q, 7)).isZero();
        assertThat(clock.nanoTime()).isEqualTo(1_000_000L); // one re-check slice
        assertThat(q.stats().missingAdminInterrupt()).isZero();
        assertThat(q.stats().noCompletion()).isZero();
        assertThat(q.isRunning()).isTrue();
    }

    @Test
    void interruptModeTimeoutWithoutCompletionIsAdminTimeout() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), false);
        q.setCompletionTimeoutUs(300_000);
        dev.responder = aq -> List.of();
        assertThat(execute(q, 1)).isEqualTo(EnaErrno.ETIME);
        assertThat(clock.nanoTime()).isEqualTo(300_000_000L);
        assertThat(q.stats().noCompletion()).isEqualTo(1);
        assertThat(q.stats().missingAdminInterrupt()).isZero();
        assertThat(q.missingInterruptDetected()).isFalse();
        assertThat(q.isRunning()).isFalse();
        assertThat(resets).containsExactly(ResetReason.ADMIN_TO);
    }

    @Test
    void completionWithoutInterruptIsMissingAdminInterrupt() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), false);
        dev.dropInterrupts = true; // completion written, MSI-X never raised
        assertThat(execute(q, 1)).isEqualTo(EnaErrno.ETIME);
        assertThat(clock.nanoTime()).isEqualTo(3_000_000_000L);
        assertThat(q.stats().missingAdminInterrupt()).isEqualTo(1);
        assertThat(q.stats().noCompletion()).isEqualTo(1);
        assertThat(q.stats().completedCmd()).isEqualTo(1);
        assertThat(q.missingInterruptDetected()).isTrue();
        assertThat(q.isRunning()).isFalse();
        assertThat(resets).containsExactly(ResetReason.MISSING_ADMIN_INTERRUPT);
        assertThat(q.outstanding()).isZero();
    }

    @Test
    void completionIdAtOrAboveDepthStopsTheQueue() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), true);
        dev.responder = aq -> List.of(FakeEnaDevice.completion(AdminQueue.DEPTH + 3, 0),
                FakeEnaDevice.completion(FakeEnaDevice.commandId(aq), 0));
        assertThat(execute(q, 1)).isZero(); // its own completion followed the bad one
        assertThat(q.stats().badCompletionId()).isEqualTo(1);
        assertThat(q.stats().completedCmd()).isEqualTo(2); // the reference counts every consumed entry
        assertThat(q.isRunning()).isFalse();
        assertThat(resets).containsExactly(ResetReason.ADMIN_TO);
        assertThat(execute(q, 2)).isEqualTo(EnaErrno.ENODEV);
    }

    @Test
    void completionForIdNotOutstandingIsCountedAndDropped() {
        ManualClock clock = new ManualClock();
        AdminQueue q = queue(clock, EnaComConfig.defaults(), true);
        // Command 0 is answered twice. The duplicate is consumed right after the real completion, when command 0
        // is no longer outstanding: it is counted and dropped, and command 1 still gets its own answer. The
        // reference would not detect it.
        dev.responder = aq -> {
            int id = FakeEnaDevice.commandId(aq);
            byte[] c = FakeEnaDevice.completion(id, 0);
            c[8] = (byte) (0x10 + id);
            return id == 0 ? List.of(c, c.clone()) : List.of(c);
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment resp = arena.allocate(64);
            assertThat(q.execute(command(arena, 9, 0), 64, resp, 64)).isZero();
            assertThat(resp.get(ValueLayout.JAVA_BYTE, 8)).isEqualTo((byte) 0x10);
            assertThat(q.execute(command(arena, 9, 1), 64, resp, 64)).isZero();
            assertThat(resp.get(ValueLayout.JAVA_BYTE, 8)).isEqualTo((byte) 0x11);
        }
        assertThat(q.stats().unexpectedCompletion()).isEqualTo(1);
        assertThat(q.stats().completedCmd()).isEqualTo(3);
        assertThat(q.isRunning()).isTrue();
        assertThat(resets).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,-12", "2,-22", "3,-95", "4,-22", "5,-22", "6,-22", "7,-11", "8,-22", "255,-22"})
    void completionStatusMapsToErrnoAndOnlyRespLenBytesAreCopied(int status, int errno) {
        AdminQueue q = queue(new ManualClock(), EnaComConfig.defaults(), true);
        dev.responder = aq -> {
            byte[] c = FakeEnaDevice.completion(FakeEnaDevice.commandId(aq), status);
            for (int i = 8; i < 64; i++) {
                c[i] = (byte) i;
            }
            return List.of(c);
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment resp = arena.allocate(64);
            resp.fill((byte) 0xEE);
            assertThat(q.execute(command(arena, AdminOpcode.CREATE_CQ.code(), 0), 20, resp, 24)).isEqualTo(errno);
            assertThat(AcqEntry.status(resp, 0)).isEqualTo(status);
            assertThat(resp.get(ValueLayout.JAVA_BYTE, 23)).isEqualTo((byte) 23);
            assertThat(resp.get(ValueLayout.JAVA_BYTE, 24)).isEqualTo((byte) 0xEE);
        }
        assertThat(q.isRunning()).isTrue(); // a failing status is the command's result, not a queue fault
    }

    @Test
    void onlyCmdLenBytesAreCopiedAndStaleBytesStay() {
        AdminQueue q = queue(new ManualClock(), EnaComConfig.defaults(), true);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment big = arena.allocate(64);
            big.fill((byte) 0x77);
            AqEntry.opcode(big, 0, 9);
            for (int i = 0; i < AdminQueue.DEPTH; i++) { // fill every slot once with 0x77 bytes
                assertThat(q.execute(big, 64, arena.allocate(64), 64)).isZero();
            }
            MemorySegment small = arena.allocate(64);
            AqEntry.opcode(small, 0, AdminOpcode.DESTROY_SQ.code());
            assertThat(q.execute(small, 8, arena.allocate(8), 8)).isZero();
        }
        FakeEnaDevice.Submission s = dev.submissions.getLast();
        assertThat(s.slot()).isZero();
        assertThat(s.entry()[2]).isEqualTo((byte) 2);
        assertThat(s.entry()[3]).isEqualTo((byte) 0); // second lap: phase 0, no other flag bits
        assertThat(s.entry()[7]).isZero();
        for (int i = 8; i < 64; i++) {
            assertThat(s.entry()[i]).as("byte " + i).isEqualTo((byte) 0x77);
        }
    }

    @Test
    void notRunningFailsWithEnodevWithoutTouchingTheDevice() {
        AdminQueue q = queue(new ManualClock(), EnaComConfig.defaults(), true);
        q.setRunning(false);
        assertThat(execute(q, 1)).isEqualTo(EnaErrno.ENODEV);
        assertThat(dev.takeEvents()).isEmpty();
        assertThat(q.stats().submittedCmd()).isZero();
        q.setRunning(true);
        assertThat(execute(q, 1)).isZero();
    }

    @Test
    void uninitialisedQueueFailsWithEnodev() {
        AdminQueue q = new AdminQueue(dev, new ManualClock(), EnaComConfig.defaults(), null);
        assertThat(execute(q, 1)).isEqualTo(EnaErrno.ENODEV);
        assertThat(q.processCompletions()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 65})
    void badCommandLengthIsRejectedWithTheRange(int len) {
        AdminQueue q = queue(new ManualClock(), EnaComConfig.defaults(), true);
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> q.execute(arena.allocate(64), len, arena.allocate(64), 64))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cmdLen = " + len + " is out of range: accepted 4..64");
            assertThatThrownBy(() -> q.execute(arena.allocate(64), 64, arena.allocate(16), 24))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("respLen = 24 is out of range: accepted 8..16");
        }
        assertThat(dev.takeEvents()).isEmpty();
    }

    @Test
    void queueFullIsRejectedAndStopsTheQueue() throws Exception {
        // Real threads must really wait here, so this test uses the system clock; nothing waits for a timeout.
        AdminQueue q = queue(SystemClock.INSTANCE, EnaComConfig.defaults(), false);
        dev.delivery = FakeEnaDevice.Delivery.DEFERRED;
        ExecutorService pool = Executors.newFixedThreadPool(AdminQueue.DEPTH);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < AdminQueue.DEPTH; i++) {
                int marker = i;
                results.add(pool.submit(() -> execute(q, marker)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (q.outstanding() < AdminQueue.DEPTH && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(q.outstanding()).isEqualTo(AdminQueue.DEPTH);
            long doorbells = dev.writesTo(EnaRegs.AQ_DB_OFF);

            assertThat(execute(q, 99)).isEqualTo(EnaErrno.ENOSPC);
            assertThat(q.stats().outOfSpace()).isEqualTo(1);
            assertThat(q.isRunning()).isFalse();
            assertThat(resets).containsExactly(ResetReason.ADMIN_TO);
            assertThat(dev.writesTo(EnaRegs.AQ_DB_OFF)).isEqualTo(doorbells);

            dev.releaseDeferred(); // the 32 commands already submitted still complete normally
            for (Future<Integer> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isZero();
            }
            assertThat(q.outstanding()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void commandIdStillHeldByAWaiterIsSkippedNotFatal() throws Exception {
        // Deliberate difference: the reference fails a submission whose next id is still held with EINVAL and
        // stops the admin queue; we take the next free id (see AdminQueue#nextFreeContextLocked).
        AdminQueue q = queue(SystemClock.INSTANCE, EnaComConfig.defaults(), false);
        // The device answers every command at once except the one with marker 1000 (it gets id 0).
        dev.responder = aq -> MemorySegment.ofArray(aq).get(ValueLayout.JAVA_INT_UNALIGNED, 20) == 1000
                ? List.of() : FakeEnaDevice.success(aq);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slow = pool.submit(() -> execute(q, 1000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (q.outstanding() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            for (int i = 1; i < AdminQueue.DEPTH; i++) { // ids 1..31, each completed and collected
                assertThat(execute(q, i)).isZero();
            }
            // curr_cmd_id wrapped to 0, still held by the slow command: id 1 is used, in slot 0 (tail 32).
            assertThat(execute(q, 32)).isZero();
            FakeEnaDevice.Submission s = dev.submissions.getLast();
            assertThat(s.slot()).isZero();
            assertThat(FakeEnaDevice.commandId(s.entry())).isEqualTo(1);
            assertThat(q.isRunning()).isTrue();
            assertThat(q.stats().outOfSpace()).isZero();

            dev.postCompletion(FakeEnaDevice.completion(0, 0)); // the slow command's answer finally arrives
            assertThat(slow.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(q.outstanding()).isZero();
            assertThat(q.stats().unexpectedCompletion()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void abortWakesAndFailsEveryWaiter() throws Exception {
        AdminQueue q = queue(SystemClock.INSTANCE, EnaComConfig.defaults(), false);
        dev.responder = aq -> List.of();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int marker = i;
                results.add(pool.submit(() -> execute(q, marker)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (q.outstanding() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            q.abort();
            for (Future<Integer> f : results) {
                assertThat(f.get(2, TimeUnit.SECONDS)).isEqualTo(EnaErrno.ENODEV);
            }
            assertThat(q.waitForAbortCompletion()).isTrue();
            assertThat(q.stats().abortedCmd()).isEqualTo(4);
            assertThat(q.stats().noCompletion()).isZero();
            assertThat(q.isRunning()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void concurrentSubmittersWithCompletionsFromAnotherThread(boolean polling) throws Exception {
        // A device thread consumes the AQ and completes asynchronously (raising MSI-X in interrupt mode). Real
        // threads, so the system clock; back-off capped at 200 µs so polling waiters never sleep long.
        EnaComConfig cfg = EnaComConfig.defaults().withPollMinDelayUs(100).withPollMaxDelayUs(200);
        AdminQueue q = queue(SystemClock.INSTANCE, cfg, polling);
        dev.responder = aq -> {
            int marker = MemorySegment.ofArray(aq).get(ValueLayout.JAVA_INT_UNALIGNED, 20);
            byte[] c = FakeEnaDevice.completion(FakeEnaDevice.commandId(aq), 0);
            MemorySegment.ofArray(c).set(ValueLayout.JAVA_INT_UNALIGNED, 8, marker * 3);
            return List.of(c);
        };
        dev.startDeviceThread();
        int threads = 8;
        int perThread = 60; // 480 commands: 15 laps of the 32-entry rings
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ConcurrentHashMap<Integer, Integer> answers = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment resp = arena.allocate(64);
                        for (int i = 0; i < perThread; i++) {
                            int marker = thread * 1000 + i;
                            int rc = q.execute(command(arena, 9, marker), 64, resp, 64);
                            assertThat(rc).isZero();
                            // Each caller gets its own response, never another command's.
                            assertThat(resp.get(ValueLayout.JAVA_INT_UNALIGNED, 8)).isEqualTo(marker * 3);
                            answers.put(marker, rc);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).hasSize(threads * perThread);
        assertThat(q.stats().submittedCmd()).isEqualTo(threads * perThread);
        assertThat(q.stats().completedCmd()).isEqualTo(threads * perThread);
        assertThat(q.stats().unexpectedCompletion()).isZero();
        assertThat(q.stats().outOfSpace()).isZero();
        assertThat(q.outstanding()).isZero();
        assertThat(q.isRunning()).isTrue();
        assertThat(q.sqTail()).isEqualTo(threads * perThread);
        assertThat(q.cqHead()).isEqualTo(threads * perThread);
        assertThat(resets).isEmpty();
    }

    @Test
    void destroyAbortsAndFreesAndReinitStartsFresh() {
        AdminQueue q = queue(new ManualClock(), EnaComConfig.defaults(), true);
        assertThat(execute(q, 1)).isZero();
        long aq = q.aqIoAddress();
        q.destroy();
        assertThat(q.isRunning()).isFalse();
        assertThat(q.aqIoAddress()).isEqualTo(-1);
        assertThat(dev.iommu.find(aq, 64)).isNull(); // unmapped: a device touching it would fault
        assertThat(execute(q, 2)).isEqualTo(EnaErrno.ENODEV);
        dev.takeEvents();
        assertThat(q.init()).isZero();
        assertThat(q.sqTail()).isZero();
        assertThat(q.sqPhase()).isEqualTo(1);
        assertThat(q.cqPhase()).isEqualTo(1);
        assertThat(q.isRunning()).isTrue();
        List<FakeEnaDevice.Event> ev = dev.takeEvents();
        assertThat(ev).extracting(FakeEnaDevice.Event::offset).containsExactly(EnaRegs.AQ_BASE_LO_OFF,
                EnaRegs.AQ_BASE_HI_OFF, EnaRegs.ACQ_BASE_LO_OFF, EnaRegs.ACQ_BASE_HI_OFF, EnaRegs.AQ_CAPS_OFF,
                EnaRegs.ACQ_CAPS_OFF);
        assertThat(ev.get(4).value()).isEqualTo(EnaRegs.AQ_CAPS_VALUE);
        assertThat(ev.get(5).value()).isEqualTo(EnaRegs.ACQ_CAPS_VALUE);
        q.setPollingMode(true);
        assertThat(execute(q, 3)).isZero();
    }
}

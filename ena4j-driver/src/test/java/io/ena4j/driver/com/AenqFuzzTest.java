package io.ena4j.driver.com;

import static io.ena4j.driver.fuzz.Fuzz.check;
import static io.ena4j.driver.fuzz.Fuzz.phaseAt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ena4j.driver.fuzz.FuzzPci;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.aenq.AenqConfNotifications;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.AenqKeepAlive;
import io.ena4j.spec.aenq.AenqLinkChange;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fuzzes AENQ consumption {@link Aenq#process()} and {@link Aenq#keepAlivePending()} with the built-in handlers
 * over a ring of fuzzer bytes (management.md §9). See docs/FUZZING.md.
 *
 * <p>The input scripts a device that posts events within its credit (any group, defined or not, any syndrome,
 * flag bits, timestamp and payload; phase per lap), writes raw bytes anywhere in the ring, or lets virtual time
 * pass, and a driver that processes the queue or peeks for a keep-alive; the hints listener sometimes throws.
 * Properties: nothing throws and no built-in handler fails (an exception inside a handler, such as an
 * out-of-bounds read of the exactly-sized 16 × 64-byte ring, would be counted {@code handler_errors}: only the
 * listener's own exceptions may be); process consumes 0..16 entries, the head advances by exactly that, the
 * expected phase follows the lap, the doorbell carries the new head once per call that consumed something and
 * never otherwise; an entry is consumed at most once per time the device wrote it. While the device writes only
 * within its credit: every posted event is consumed, in order, and the recorded state (every counter, link state,
 * keep-alive drops and time, hints, suspend flag, configuration bitmap, reset requests) is exactly what the events
 * say; {@code keepAlivePending} is true exactly when an unconsumed KEEP_ALIVE event is in the ring.
 */
class AenqFuzzTest {

    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();
    private static final int DEPTH = Aenq.DEPTH;
    private static final int ENTRY = Aenq.ENTRY_SIZE;

    /** What the recorded state must be, computed from the events the device posted. */
    private static final class Expected {
        final long[] counters = new long[AenqStats.Counter.values().length];
        boolean linkUp;
        long linkChangeNanos = Long.MIN_VALUE;
        long keepAliveNanos;
        long rxDrops;
        long txDrops;
        long rxOverruns;
        boolean suspended;
        long conf;
        HwHintsInfo hints;
        final List<ResetReason> resets = new ArrayList<>();

        void inc(AenqStats.Counter c) {
            counters[c.ordinal()]++;
        }

        void apply(MemorySegment e, long now, boolean listenerThrows) {
            inc(AenqStats.Counter.EVENTS);
            int group = AenqEntry.group(e, 0);
            AenqGroup g = AenqGroup.of(group);
            if (g == null) {
                inc(AenqStats.Counter.UNKNOWN_GROUP);
                return;
            }
            switch (g) {
                case LINK_CHANGE -> {
                    inc(AenqStats.Counter.LINK_CHANGE);
                    linkUp = AenqLinkChange.linkStatus(e, 0) != 0;
                    linkChangeNanos = now;
                }
                case FATAL_ERROR -> {
                    inc(AenqStats.Counter.FATAL_ERROR);
                    resets.add(ResetReason.GENERIC);
                }
                case NOTIFICATION -> {
                    inc(AenqStats.Counter.NOTIFICATION);
                    switch (AenqEntry.syndrome(e, 0)) {
                        case 0 -> {
                            inc(AenqStats.Counter.SUSPEND);
                            suspended = true;
                        }
                        case 1 -> {
                            inc(AenqStats.Counter.RESUME);
                            suspended = false;
                        }
                        case 2 -> {
                            hints = HwHintsInfo.parse(e, AenqEntry.PAYLOAD_OFFSET);
                            inc(AenqStats.Counter.HINTS);
                            if (listenerThrows) {
                                inc(AenqStats.Counter.HANDLER_ERRORS);
                            }
                        }
                        default -> inc(AenqStats.Counter.UNKNOWN_SYNDROME);
                    }
                }
                case KEEP_ALIVE -> {
                    inc(AenqStats.Counter.KEEP_ALIVE);
                    rxDrops = AenqKeepAlive.rxDrops(e, 0);
                    txDrops = AenqKeepAlive.txDrops(e, 0);
                    rxOverruns = AenqKeepAlive.rxOverruns(e, 0);
                    keepAliveNanos = now;
                }
                case REFRESH_CAPABILITIES -> {
                    inc(AenqStats.Counter.REFRESH_CAPABILITIES);
                    resets.add(ResetReason.NORMAL);
                }
                case CONF_NOTIFICATIONS -> {
                    inc(AenqStats.Counter.CONF_NOTIFICATION);
                    conf = AenqConfNotifications.notificationsBitmap(e, 0);
                }
                case DEVICE_REQUEST_RESET -> {
                    inc(AenqStats.Counter.DEVICE_REQUEST_RESET);
                    resets.add(ResetReason.DEVICE_REQUEST);
                }
                default -> inc(AenqStats.Counter.UNIMPLEMENTED);
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void process(FuzzedDataProvider data) {
        FuzzPci pci = new FuzzPci();
        ManualClock clock = new ManualClock(data.consumeLong() >>> 2);
        List<ResetReason> resets = new ArrayList<>();
        Aenq aenq = new Aenq(pci, clock, resets::add);
        if (data.consumeBoolean()) {
            pci.exactDma().failAllocationsAfter(0);
            check(aenq.init() == EnaErrno.ENOMEM, "init without DMA memory did not fail with ENOMEM");
            check(aenq.process() == 0 && !aenq.keepAlivePending(), "uninitialised AENQ consumed something");
            check(pci.writes(EnaRegs.AENQ_BASE_LO_OFF) == 0, "registers written by a failed init");
            pci.exactDma().failAllocationsAfter(Integer.MAX_VALUE);
        }
        check(aenq.init() == EnaErrno.OK, "init failed");
        Expected exp = new Expected();
        exp.keepAliveNanos = clock.nanoTime();
        check(aenq.start(), "start after init did not grant the whole ring");
        MemorySegment ring = aenq.ring();
        check(ring != null && ring.byteSize() == (long) DEPTH * ENTRY, "ring view of the wrong size");
        check(pci.exactDma().slice(aenq.ioAddress(), (long) DEPTH * ENTRY) != null, "AENQ base not the ring");
        exp.counters[AenqStats.Counter.DOORBELLS.ordinal()] = 1;

        boolean[] listenerThrows = new boolean[1];
        HwHintsInfo[] heard = new HwHintsInfo[1];
        aenq.setHintsListener(h -> {
            heard[0] = h;
            if (listenerThrows[0]) {
                throw new IllegalStateException("fuzz: hints listener fails");
            }
        });

        int[] written = new int[DEPTH];
        int[] consumedAt = new int[DEPTH];
        ArrayDeque<MemorySegment> posted = new ArrayDeque<>(); // images of events in the ring, not consumed
        long tail = 0;                                         // device: next ring index to write
        long consumed = 0;                                     // driver: entries consumed
        boolean tainted = false;

        int ops = 0;
        while (data.remainingBytes() > 0 && ops++ < 400) {
            switch (data.consumeInt(0, 5)) {
                case 0, 1 -> { // device posts an event, if it has credit (AENQ_HEAD_DB returned the slot)
                    long credit = consumed + DEPTH; // head doorbell = 16 + consumed after every consuming call
                    if (tail >= credit) {
                        break;
                    }
                    byte[] img = java.util.Arrays.copyOf(data.consumeBytes(ENTRY), ENTRY);
                    MemorySegment e = MemorySegment.ofArray(img);
                    int group = data.consumeInt(0, 15);
                    AenqEntry.group(e, 0, group <= 8 ? group : data.consumeInt(0, 0xFFFF));
                    if (group == AenqGroup.NOTIFICATION.code() && data.consumeBoolean()) {
                        AenqEntry.syndrome(e, 0, data.consumeInt(0, 3));
                    }
                    int flags = (img[(int) AenqEntry.FLAGS_OFFSET] & ~AenqEntry.PHASE_MASK) | phaseAt(tail, DEPTH);
                    img[(int) AenqEntry.FLAGS_OFFSET] = (byte) flags;
                    long base = (tail & (DEPTH - 1)) * ENTRY;
                    MemorySegment.copy(e, 0, ring, base, AenqEntry.FLAGS_OFFSET);
                    MemorySegment.copy(e, AenqEntry.FLAGS_OFFSET + 1, ring, base + AenqEntry.FLAGS_OFFSET + 1,
                            ENTRY - AenqEntry.FLAGS_OFFSET - 1);
                    BYTE.setRelease(ring, base + AenqEntry.FLAGS_OFFSET, (byte) flags);
                    written[(int) (tail & (DEPTH - 1))]++;
                    posted.add(e);
                    tail++;
                }
                case 2 -> { // raw bytes anywhere in the ring
                    int slot = data.consumeInt(0, DEPTH - 1);
                    int at = data.consumeInt(0, ENTRY - 1);
                    byte[] raw = data.consumeBytes(ENTRY - at);
                    MemorySegment.copy(raw, 0, ring, ValueLayout.JAVA_BYTE, (long) slot * ENTRY + at, raw.length);
                    written[slot]++;
                    tainted = true;
                }
                case 3 -> clock.advance(data.consumeInt(0, 1 << 30));
                case 4 -> {
                    boolean pendingKa = aenq.keepAlivePending();
                    if (!tainted) {
                        boolean any = posted.stream()
                                .anyMatch(e -> AenqEntry.group(e, 0) == AenqGroup.KEEP_ALIVE.code());
                        check(pendingKa == any, "keepAlivePending says %d, ring holds a keep-alive: %d",
                                pendingKa ? 1 : 0, any ? 1 : 0);
                    }
                }
                default -> {
                    listenerThrows[0] = data.consumeBoolean();
                    int headBefore = aenq.head();
                    long doorbells = pci.writes(EnaRegs.AENQ_HEAD_DB_OFF);
                    long handlerErrors = aenq.stats().get(AenqStats.Counter.HANDLER_ERRORS);
                    int n = aenq.process();
                    check(n >= 0 && n <= DEPTH, "process consumed %d entries", n);
                    check(aenq.head() == ((headBefore + n) & 0xFFFF), "head %d after consuming %d from %d",
                            aenq.head(), n, headBefore);
                    for (int i = 0; i < n; i++) {
                        int slot = (int) ((consumed + i) & (DEPTH - 1));
                        check(written[slot] > consumedAt[slot], "AENQ slot %d consumed again without a write", slot);
                        consumedAt[slot] = written[slot];
                    }
                    consumed += n;
                    check(aenq.phase() == phaseAt(consumed, DEPTH), "expected phase %d at index %d", aenq.phase(),
                            consumed);
                    check(pci.writes(EnaRegs.AENQ_HEAD_DB_OFF) == doorbells + (n > 0 ? 1 : 0),
                            "doorbell count wrong after consuming %d", n);
                    if (n > 0) {
                        check(pci.lastWrite(EnaRegs.AENQ_HEAD_DB_OFF) == aenq.head(), "doorbell is not the head");
                    }
                    long listenerErrors = aenq.stats().get(AenqStats.Counter.HANDLER_ERRORS) - handlerErrors;
                    check(listenerErrors == 0 || listenerThrows[0], "a built-in AENQ handler threw (%d errors)",
                            listenerErrors);
                    check(listenerErrors <= aenq.stats().get(AenqStats.Counter.HINTS), "handler errors "
                            + "beyond the listener's");
                    if (tainted) {
                        break;
                    }
                    check(n == posted.size(), "consumed %d of %d posted events", n, posted.size());
                    for (int i = 0; i < n; i++) {
                        exp.apply(posted.poll(), clock.nanoTime(), listenerThrows[0]);
                    }
                    exp.counters[AenqStats.Counter.DOORBELLS.ordinal()] += n > 0 ? 1 : 0;
                    compare(aenq, exp, resets, heard[0]);
                }
            }
        }
        aenq.destroy();
        check(pci.exactDma().liveBuffers() == 0 && pci.exactDma().doubleFrees() == 0, "AENQ ring leaked or freed"
                + " twice");
    }

    private static void compare(Aenq aenq, Expected exp, List<ResetReason> resets, HwHintsInfo heard) {
        for (AenqStats.Counter c : AenqStats.Counter.values()) {
            check(aenq.stats().get(c) == exp.counters[c.ordinal()], c.label() + " = %d, expected %d",
                    aenq.stats().get(c), exp.counters[c.ordinal()]);
        }
        check(aenq.linkUp() == exp.linkUp && aenq.linkChangeNanos() == exp.linkChangeNanos, "link state wrong");
        check(aenq.lastKeepAliveNanos() == exp.keepAliveNanos, "keep-alive time wrong");
        check(aenq.rxDrops() == exp.rxDrops && aenq.txDrops() == exp.txDrops
                && aenq.rxOverruns() == exp.rxOverruns, "keep-alive counters wrong");
        check(aenq.trafficSuspended() == exp.suspended, "suspend state wrong");
        check(aenq.confNotifications() == exp.conf, "configuration notifications wrong");
        check(Objects.equals(aenq.lastHints(), exp.hints) && Objects.equals(heard, exp.hints), "hints wrong");
        check(resets.equals(exp.resets), "reset requests " + resets + ", expected " + exp.resets);
    }
}

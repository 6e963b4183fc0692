package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.EnaEventListener;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.FaultInjector;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.model.Wires;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.admin.DeviceAttributes;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The fault campaign: two ports on device models, back to back, bidirectional traffic (port 0 busy-polls, port 1 is
 * driven by its interrupts), and per seed a random sequence of injected device faults. For each fault the campaign
 * checks what the driver must do on its own: detect it with the right reason (or, for a lost interrupt, recover the
 * interrupt), reset and restore the device, resume traffic, and account for every buffer: for each port, buffers
 * free in its pool + posted for Rx + in flight for Tx = pool size (the application frees everything it receives at
 * once, so it holds none at the check). Any exception out of the driver's API fails the seed. Time is virtual (a
 * {@link ManualClock}): recovery times are what the watchdogs' timeouts make them, not the host's speed.
 *
 * <p>A fault is transient: it is switched off when the driver starts its reset (or, for one that does not call for a
 * reset, once the driver noticed it), as a device that recovers when reset would behave. A stuck reset handshake is
 * switched off after the first restore attempt failed, so the retry of the next service-timer tick succeeds.
 */
final class FaultCampaign {

    /** The faults the campaign injects. */
    enum Kind {
        KEEP_ALIVE_STOP(Set.of("keep_alive_to", "missing_admin_interrupt")),
        ADMIN_COMPLETION_WITHHELD(Set.of("admin_to")),
        TX_COMPLETIONS_WITHHELD(Set.of("miss_tx_cmpl")),
        TX_REQ_ID_OUT_OF_RANGE(Set.of("inv_tx_req_id")),
        TX_REQ_ID_DUPLICATE(Set.of("inv_tx_req_id")),
        TX_MBZ_BITS(Set.of("tx_descriptor_malformed")),
        RX_BAD_REQ_ID(Set.of("inv_rx_req_id")),
        RX_ZERO_LENGTH(Set.of("rx_descriptor_malformed")),
        RX_LENGTH_PAST_BUFFER(Set.of("rx_descriptor_malformed")),
        RX_FIRST_MISSING(Set.of("rx_descriptor_malformed")),
        RX_TOO_MANY_DESCRIPTORS(Set.of("too_many_rx_descs")),
        LOST_INTERRUPT(Set.of()),
        DMA_FAULT(Set.of("generic")),
        IOMMU_UNMAP(Set.of("generic")),
        DEVICE_FATAL_ERROR(Set.of("generic")),
        DEVICE_RESET_REQUEST(Set.of("device_request")),
        READLESS_LOST(Set.of("generic")),
        RESET_HANDSHAKE_STUCK(Set.of("device_request"));

        /** Reset reasons that count as the right detection; empty: no reset is expected. */
        final Set<String> reasons;

        Kind(Set<String> reasons) {
            this.reasons = reasons;
        }
    }

    /** What happened to one injected fault. */
    record Outcome(Kind kind, boolean detected, boolean recovered, long buffersLost, long recoveryNanos,
                   String failure) {
    }

    /** Totals per kind over a campaign. */
    static final class Totals {
        long injected;
        long detected;
        long recovered;
        long buffersLost;
        long recoverySum;
        long recoveryMax;
        long recoveries;
        final List<String> failures = new ArrayList<>();

        void add(Outcome o, long seed) {
            injected++;
            detected += o.detected ? 1 : 0;
            recovered += o.recovered ? 1 : 0;
            buffersLost += o.buffersLost;
            if (o.recovered && o.recoveryNanos > 0) {
                recoveries++;
                recoverySum += o.recoveryNanos;
                recoveryMax = Math.max(recoveryMax, o.recoveryNanos);
            }
            if (o.failure != null && failures.size() < 5) {
                failures.add("seed " + seed + ": " + o.failure);
            }
        }

        long meanRecoveryNanos() {
            return recoveries == 0 ? 0 : recoverySum / recoveries;
        }
    }

    static final long STEP_NANOS = 1_000_000L;
    static final long SLOW_STEP_NANOS = 10_000_000L;
    static final long DETECT_LIMIT_NANOS = 40_000_000_000L;
    static final int BURST = 16;
    static final int POOL_SIZE = 4096;

    private final Map<Kind, Totals> totals = new EnumMap<>(Kind.class);
    private long seeds;
    private long failedSeeds;

    /** Runs seeds {@code first .. first + count - 1}. */
    void run(long first, long count) {
        for (long s = first; s < first + count; s++) {
            runSeed(s);
        }
    }

    /** Runs one seed: 1..3 faults in a row on one rig. */
    void runSeed(long seed) {
        seeds++;
        Random r = new Random(seed);
        boolean failed = false;
        try (Rig rig = new Rig()) {
            rig.run(20, STEP_NANOS, true);
            int faults = 1 + r.nextInt(3);
            for (int f = 0; f < faults; f++) {
                Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
                if (kind == Kind.RX_FIRST_MISSING) {
                    // A missing first bit on a packet's first entry is accepted by the reference driver too (it
                    // checks only a first bit inside a packet, datapath.md §11.3): not a detectable fault.
                    kind = Kind.RX_BAD_REQ_ID;
                }
                if (kind == Kind.TX_MBZ_BITS && !rig.mbz) {
                    kind = Kind.TX_REQ_ID_DUPLICATE; // without CDESC_MBZ the device may set those bits (§12.2)
                }
                int port = kind == Kind.LOST_INTERRUPT ? 1 : r.nextInt(2);
                Outcome o;
                try {
                    o = rig.inject(kind, port, r);
                } catch (RuntimeException | AssertionError e) {
                    o = new Outcome(kind, false, false, 0, 0, "exception: " + e);
                }
                totals.computeIfAbsent(kind, k -> new Totals()).add(o, seed);
                if (o.failure != null) {
                    failed = true;
                    break;
                }
            }
        } catch (RuntimeException e) {
            failed = true;
            totals.computeIfAbsent(Kind.KEEP_ALIVE_STOP, k -> new Totals()).failures.add("seed " + seed
                    + ": rig: " + e);
        }
        if (failed) {
            failedSeeds++;
        }
    }

    Map<Kind, Totals> totals() {
        return totals;
    }

    long seeds() {
        return seeds;
    }

    long failedSeeds() {
        return failedSeeds;
    }

    /** Two models back to back, each with a probed driver and one queue pair up. */
    static final class Rig implements AutoCloseable {
        final ManualClock clock = new ManualClock(1_000_000_000L);
        final Iommu iommu = new Iommu();
        final IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
        final EnaDeviceModel[] models = new EnaDeviceModel[2];
        final ModelPciFunction[] fns = new ModelPciFunction[2];
        final EnaDevice[] devs = new EnaDevice[2];
        final PacketPool[] pools = new PacketPool[2];
        final QueuePair[] qps = new QueuePair[2];
        final Listener[] events = new Listener[2];
        final long[] received = new long[2];
        final boolean[] pending = new boolean[2];
        private final Packet[] burst = new Packet[64];
        final boolean mbz;
        /** Whether {@link #step} runs the drivers' service timers (off to measure the data path alone). */
        boolean runTimers = true;
        private long seq;
        /** A pool mapping the IOMMU_UNMAP fault removed, mapped again once the reset started. */
        private Iommu.Mapping unmapped;

        Rig() {
            DeviceProfile base = DeviceProfile.ec2Default();
            mbz = (base.attributes().capabilities() & DeviceAttributes.CAP_CDESC_MBZ) != 0;
            for (int i = 0; i < 2; i++) {
                DeviceProfile p = base.toBuilder().macAddress(base.attributes().macAddress() + i).build();
                models[i] = new EnaDeviceModel(p, clock, iommu);
                fns[i] = new ModelPciFunction(models[i], dma);
                clock.addTicker(models[i]::doWork);
            }
            Wires.pair(models[0], models[1]);
            for (int i = 0; i < 2; i++) {
                pools[i] = PacketPool.create(dma, POOL_SIZE);
                devs[i] = EnaDevice.probe(fns[i], clock, DriverConfig.defaults()
                        .withServiceTimer(DriverConfig.ServiceTimerMode.APPLICATION));
                events[i] = new Listener();
                devs[i].addEventListener(events[i]);
                QueuePair.Mode mode = i == 0 ? QueuePair.Mode.POLL : QueuePair.Mode.INTERRUPT;
                qps[i] = devs[i].up(1, new PacketPool[] {pools[i]}, new QueuePair.Mode[] {mode})[0];
            }
        }

        /** Runs {@code steps} steps of {@code stepNanos}, sending if {@code send}. */
        void run(int steps, long stepNanos, boolean send) {
            for (int s = 0; s < steps; s++) {
                step(stepNanos, send);
            }
        }

        void step(long stepNanos, boolean send) {
            for (int i = 0; i < 2; i++) {
                if (send) {
                    sendBurst(i);
                }
            }
            clock.advance(stepNanos);
            for (int i = 0; i < 2; i++) {
                poll(i);
                if (runTimers) {
                    devs[i].serviceTimer().doWork();
                }
            }
        }

        void sendBurst(int port) {
            PacketPool pool = pools[port];
            int n = pool.allocBulk(burst, BURST);
            for (int k = 0; k < n; k++) {
                Packet p = burst[k];
                int len = 60 + (int) (seq % 200);
                p.set(p.offset(), len);
                var b = p.buffer();
                for (int j = 0; j < 12; j++) {
                    b.set(ValueLayout.JAVA_BYTE, p.offset() + j, (byte) (j < 6 ? 0x02 : 0x04));
                }
                b.set(ValueLayout.JAVA_BYTE, p.offset() + 12, (byte) 0x88);
                b.set(ValueLayout.JAVA_BYTE, p.offset() + 13, (byte) 0xB5);
                b.set(ValueLayout.JAVA_LONG_UNALIGNED, p.offset() + 14, seq++);
            }
            int sent = qps[port].tx().send(burst, 0, n);
            for (int k = sent; k < n; k++) {
                pool.free(burst[k]);
            }
        }

        private void poll(int port) {
            QueuePair qp = qps[port];
            boolean irq = qp.mode() == QueuePair.Mode.INTERRUPT;
            if (irq && !pending[port] && !qp.awaitWork(0)) {
                return;
            }
            qp.tx().clean(256);
            int k = qp.rx().receive(burst, 0, burst.length);
            for (int j = 0; j < k; j++) {
                Packet p = burst[j];
                if (p.owner() != Packet.APP) {
                    throw new AssertionError("received a packet the application does not own: " + p);
                }
                pools[port].free(p);
            }
            received[port] += k;
            pending[port] = k == burst.length;
            if (irq && !pending[port]) {
                qp.unmask();
            }
        }

        /** Buffers unaccounted for on {@code port}: pool size - free - posted - in flight (0 when all is well). */
        long unaccounted(int port) {
            QueuePair qp = qps[port];
            return pools[port].capacity() - pools[port].available() - qp.rx().postedBuffers() - qp.tx().inFlight();
        }

        Outcome inject(Kind kind, int port, Random r) {
            FaultInjector fi = models[port].faults();
            Listener ev = events[port];
            ev.clear();
            long lostBefore = qps[port].lostInterrupts();
            long rxBefore = received[port];
            long t0 = clock.nanoTime();
            switch (kind) {
                case KEEP_ALIVE_STOP -> fi.stopKeepAlives(true);
                case ADMIN_COMPLETION_WITHHELD -> fi.withholdNextCompletions(1);
                case TX_COMPLETIONS_WITHHELD -> fi.withholdAllTxCompletions(true);
                case TX_REQ_ID_OUT_OF_RANGE -> fi.corruptNextTxCompletion(FaultInjector.TxCompletionFault
                        .REQ_ID_OUT_OF_RANGE);
                case TX_REQ_ID_DUPLICATE -> fi.corruptNextTxCompletion(FaultInjector.TxCompletionFault
                        .REQ_ID_DUPLICATE);
                case TX_MBZ_BITS -> fi.corruptNextTxCompletion(FaultInjector.TxCompletionFault.MBZ_BITS);
                case RX_BAD_REQ_ID -> fi.corruptNextRxCompletion(FaultInjector.RxCompletionFault.BAD_REQ_ID);
                case RX_ZERO_LENGTH -> fi.corruptNextRxCompletion(FaultInjector.RxCompletionFault.ZERO_LENGTH);
                case RX_LENGTH_PAST_BUFFER -> fi.corruptNextRxCompletion(
                        FaultInjector.RxCompletionFault.LENGTH_PAST_BUFFER);
                case RX_FIRST_MISSING -> fi.corruptNextRxCompletion(FaultInjector.RxCompletionFault.FIRST_MISSING);
                case RX_TOO_MANY_DESCRIPTORS -> fi.corruptNextRxCompletion(
                        FaultInjector.RxCompletionFault.LAST_MISSING);
                case LOST_INTERRUPT -> fi.dropNextIoInterrupts(1 + r.nextInt(3));
                case DMA_FAULT -> fi.failNextDataPathDma();
                case IOMMU_UNMAP -> {
                    // The pool's whole mapping goes away under traffic: the device's next buffer access faults.
                    unmapped = iommu.find(pools[port].packet(0).dataIoAddress(), 1);
                    iommu.unmap(unmapped.ioBase());
                }
                case DEVICE_FATAL_ERROR -> models[port].raiseFatalError();
                case DEVICE_RESET_REQUEST -> models[port].requestReset();
                case READLESS_LOST -> fi.dropReadlessResponses(true);
                case RESET_HANDSHAKE_STUCK -> {
                    fi.holdResetAssert(true);
                    models[port].requestReset();
                }
                default -> throw new IllegalStateException("unknown fault " + kind);
            }
            if (kind == Kind.ADMIN_COMPLETION_WITHHELD) {
                devs[port].admin().getLinkParams(); // a command whose completion never comes: times out (3 s)
            }
            boolean expectReset = !kind.reasons.isEmpty();
            long limit = t0 + DETECT_LIMIT_NANOS;
            String reason = null;
            boolean done = false;
            int fastSteps = 30;
            while (clock.nanoTime() - limit < 0) {
                step(fastSteps-- > 0 ? STEP_NANOS : SLOW_STEP_NANOS, true);
                if (ev.started != null && reason == null) {
                    reason = ev.started;
                    remap(); // the application maps the pool again; the restored device finds it in place
                    if (kind != Kind.RESET_HANDSHAKE_STUCK) {
                        fi.clear();
                    }
                }
                if (kind == Kind.RESET_HANDSHAKE_STUCK && ev.failed > 0) {
                    fi.clear();
                }
                if (kind == Kind.READLESS_LOST && clock.nanoTime() - t0 > 2_500_000_000L) {
                    fi.dropReadlessResponses(false); // the device answers again: the postponed reset runs
                }
                if (!expectReset && qps[port].lostInterrupts() > lostBefore) {
                    fi.clear();
                    done = true;
                    break;
                }
                if (ev.done > 0 || devs[port].isClosed()) {
                    done = ev.done > 0;
                    break;
                }
            }
            fi.clear();
            remap();
            long recovery = clock.nanoTime() - t0;
            // A lost interrupt is detected when the driver made its recovery write; if the port kept receiving
            // (the drop hit a moment when the application polled anyway) there was no stall to detect.
            boolean stalled = received[port] == rxBefore || qps[port].lostInterrupts() > lostBefore;
            boolean detected = expectReset ? reason != null && kind.reasons.contains(reason)
                    : qps[port].lostInterrupts() > lostBefore || "miss_interrupt".equals(ev.started) || !stalled;
            if (!expectReset && !stalled) {
                done = true;
            }
            // Traffic must resume both ways.
            long[] before = received.clone();
            run(50, STEP_NANOS, true);
            boolean flowing = received[0] > before[0] && received[1] > before[1];
            // Quiesce and count every buffer.
            run(50, STEP_NANOS, false);
            long lost = unaccounted(0) + unaccounted(1);
            long misuse = pools[0].misuse() + pools[1].misuse();
            String failure = null;
            if (!detected) {
                failure = kind + " on port " + port + ": not detected as " + kind.reasons + " (reset reason "
                        + reason + ", lost_interrupt " + (qps[port].lostInterrupts() - lostBefore) + ")";
            } else if (!done) {
                failure = kind + " on port " + port + ": not recovered within "
                        + DETECT_LIMIT_NANOS / 1_000_000_000L + " s (" + ev.failed + " failed restores"
                        + (devs[port].isClosed() ? ", device down: " + devs[port].downReason() : "") + ")";
            } else if (!flowing) {
                failure = kind + " on port " + port + ": traffic did not resume (received " + before[0] + "->"
                        + received[0] + ", " + before[1] + "->" + received[1] + ")";
            } else if (lost != 0 || misuse != 0) {
                failure = kind + " on port " + port + ": " + lost + " buffers unaccounted for, " + misuse
                        + " ownership violations";
            }
            return new Outcome(kind, detected, done && flowing, Math.abs(lost), done ? recovery : 0, failure);
        }

        private void remap() {
            if (unmapped != null) {
                iommu.map(unmapped.ioBase(), unmapped.segment());
                unmapped = null;
            }
        }

        @Override
        public void close() {
            remap();
            for (EnaDevice d : devs) {
                if (d != null) {
                    d.close();
                }
            }
            for (PacketPool p : pools) {
                if (p != null) {
                    p.close();
                }
            }
            for (ModelPciFunction f : fns) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    /** Records the reset phases of one device. */
    static final class Listener implements EnaEventListener {
        volatile String started;
        volatile int done;
        volatile int failed;

        void clear() {
            started = null;
            done = 0;
            failed = 0;
        }

        @Override
        public void reset(ResetPhase phase, String reason, String detail) {
            switch (phase) {
                case RESET_STARTED -> {
                    if (started == null) {
                        started = reason;
                    }
                }
                case RESET_DONE -> done++;
                case RESET_FAILED -> failed++;
                default -> { }
            }
        }
    }
}

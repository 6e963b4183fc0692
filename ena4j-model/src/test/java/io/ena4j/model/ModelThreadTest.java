package io.ena4j.model;

import io.ena4j.platform.SystemClock;
import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The model on its own thread with the real clock: start/stop, interrupt-driven admin, concurrent register use. */
class ModelThreadTest {

    private static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private static Thread find(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Test
    void startRunsADaemonThreadAndStopEndsIt() {
        DeviceProfile p = DeviceProfile.ec2Default().toBuilder().keepAliveInterval(Duration.ofMillis(5)).build();
        try (TestHost h = TestHost.ready(new TestHost(p, SystemClock.INSTANCE))) {
            h.model.start();
            h.model.start(); // idempotent
            Thread t = find(h.model.threadName());
            assertThat(t).isNotNull();
            assertThat(t.isDaemon()).isTrue();
            assertThat(h.model.threadName()).matches("ena-model-\\d+");
            h.model.stop();
            await("thread end", () -> !t.isAlive());
        }
    }

    @Test
    void interruptDrivenAdminAndKeepAlivesOnTheModelThread() {
        DeviceProfile p = DeviceProfile.ec2Default().toBuilder().keepAliveInterval(Duration.ofMillis(5)).build();
        try (TestHost h = TestHost.ready(new TestHost(p, SystemClock.INSTANCE))) {
            AtomicReference<String> handlerThread = new AtomicReference<>();
            h.fn.setInterruptHandler(0, v -> {
                handlerThread.set(Thread.currentThread().getName());
                h.onIrq(v);
            });
            h.w(EnaRegs.INTR_MASK_OFF, 0);
            h.model.start();
            MemorySegment s = TestHost.setFeature(FeatureId.AENQ_CONFIG.code());
            AenqConfig.enabledGroups(s, FeatureCmd.SET_PAYLOAD, 0x1F);
            h.place(s);
            h.ringAq();
            await("admin interrupt", () -> h.irqCount(0) >= 1);
            MemorySegment c = h.nextCompletion();
            assertThat(c).isNotNull();
            assertThat(AcqEntry.status(c, 0)).isZero();
            assertThat(handlerThread.get()).isEqualTo(h.model.threadName());

            h.aenqDoorbell();
            List<Integer> groups = new ArrayList<>();
            await("three keep-alives", () -> {
                for (MemorySegment e : h.aenqPoll()) {
                    groups.add(AenqEntry.group(e, 0));
                }
                h.aenqDoorbell();
                return groups.stream().filter(g -> g == AenqGroup.KEEP_ALIVE.code()).count() >= 3;
            });
            assertThat(groups.getFirst()).isEqualTo(AenqGroup.LINK_CHANGE.code());
        }
    }

    @Test
    void concurrentReadlessAndAdminTrafficFromDriverThreads() throws Exception {
        try (TestHost h = TestHost.ready(new TestHost(DeviceProfile.ec2Default(), SystemClock.INSTANCE))) {
            h.model.start();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        int v = h.readlessRead(EnaRegs.VERSION_OFF);
                        if (v != 0x201) {
                            throw new AssertionError("readless read " + i + " returned " + v);
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            int done = 0;
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 16; i++) {
                    h.place(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()));
                }
                h.ringAq();
                int target = done + 16;
                int[] got = {done};
                await("16 completions", () -> {
                    while (h.nextCompletion() != null) {
                        got[0]++;
                    }
                    return got[0] == target;
                });
                done = target;
            }
            reader.join();
            assertThat(failure.get()).isNull();
            assertThat(h.model.counters().adminCompletions(0)).isEqualTo(320);
            assertThat(h.model.counters().internalErrors()).isZero();
        }
    }
}

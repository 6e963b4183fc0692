package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.platform.SystemClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real threading model: the device model on its own thread with the system clock, admin completions
 * delivered by MSI-X on the model's thread, and several application threads issuing admin commands at once.
 */
class ConcurrentAdminTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentAdminCommandsFromManyThreadsAllComplete() throws Exception {
        EnaDeviceModel model = new EnaDeviceModel(DeviceProfile.ec2Default(), SystemClock.INSTANCE);
        model.start();
        try (ModelPciFunction fn = new ModelPciFunction(model);
             EnaDevice dev = EnaDevice.probe(fn, SystemClock.INSTANCE, DriverConfig.defaults())) {
            int threads = 4;
            int perThread = 50;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int mtuBase = 1000 + t;
                    Callable<Integer> job = () -> {
                        int failures = 0;
                        for (int i = 0; i < perThread; i++) {
                            failures += dev.admin().setMtu(mtuBase) == 0 ? 0 : 1;
                            failures += dev.admin().getLinkParams().ok() ? 0 : 1;
                        }
                        return failures;
                    };
                    results.add(pool.submit(job));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get(50, TimeUnit.SECONDS)).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(dev.adminStats().get("submitted_cmd")).isGreaterThanOrEqualTo(threads * perThread * 2L);
            assertThat(dev.adminStats().get("no_completion")).isZero();
            assertThat(model.counters().dmaFaults()).isZero();
        }
    }
}

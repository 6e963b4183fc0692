package io.ena4j.driver.com;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

import static io.ena4j.spec.Le.u16;
import static io.ena4j.spec.Le.u32;
import static io.ena4j.spec.Le.u8;

/**
 * Response builders for a plausible device, used to script {@link EnaAdmin#getDeviceFeatures()} and then
 * exercise one bad field at a time.
 */
final class TestDevice {

    private TestDevice() {
    }

    /** Features 1, 2, 7, 10, 11, 12, 14, 18, 26, 29, 30, 31 (and extra bits given). */
    static final int FEATURES = bits(1, 2, 7, 10, 11, 12, 14, 18, 26, 29, 30, 31);

    static int bits(int... b) {
        int m = 0;
        for (int i : b) {
            m |= 1 << i;
        }
        return m;
    }

    static Consumer<MemorySegment> attributes(int features, int caps) {
        return r -> {
            u32(r, 16, features);
            u32(r, 20, caps);
            u32(r, 24, 48);
            u32(r, 28, 48);
            Le.bytes(r, 32, 6, new byte[] {0x06, 1, 2, 3, 4, 5});
            u16(r, 38, 8); // flow_steering_max_entries
            u32(r, 40, 9216);
        };
    }

    /** MAX_QUEUES_EXT v1: 8 queues of each kind, depth {@code depth}, header 128, 19 descs. */
    static Consumer<MemorySegment> maxQueuesExt(int version, long depth) {
        return r -> {
            u8(r, 8, version);
            for (int i = 0; i < 4; i++) {
                u32(r, 12 + 4 * i, 8);
                u32(r, 28 + 4 * i, (int) depth);
            }
            u32(r, 44, 128);
            u16(r, 48, 19);
            u16(r, 50, 19);
        };
    }

    /** Scripts the full probe sequence for features {@link #FEATURES} with capabilities 0. */
    static void scriptProbe(ScriptedExecutor ex, Consumer<MemorySegment> maxQueues) {
        ex.ok(attributes(FEATURES, 0)).ok(maxQueues)
                .ok(r -> u32(r, 8, 0xFF))          // AENQ supported 0xFF
                .ok(r -> u32(r, 8, 0x7F));         // offloads
    }

    /** An admin with {@link #FEATURES} established through a scripted probe. */
    static EnaAdmin probed(ScriptedExecutor ex, EnaAdmin admin) {
        scriptProbe(ex, maxQueuesExt(1, 4096));
        AdminResult<DeviceFeatures> r = admin.getDeviceFeatures();
        if (!r.ok()) {
            throw new AssertionError("probe failed: " + admin.lastError());
        }
        ex.sent.clear();
        return admin;
    }
}

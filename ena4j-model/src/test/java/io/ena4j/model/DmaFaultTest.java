package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DMA outside the IOMMU mappings: counted, FATAL_ERROR, device stops until reset, never a JVM crash. */
class DmaFaultTest {

    private static TestHost liveHost() {
        TestHost h = TestHost.ready(DeviceProfile.ec2Default());
        MemorySegment s = TestHost.setFeature(FeatureId.AENQ_CONFIG.code());
        AenqConfig.enabledGroups(s, FeatureCmd.SET_PAYLOAD, 0x1F);
        h.exec(s, 0);
        h.aenqDoorbell();
        h.step();
        h.aenqPoll(); // LINK_CHANGE
        return h;
    }

    private static void assertStoppedWithFatal(TestHost h) {
        assertThat(h.model.counters().dmaFaults()).isEqualTo(1);
        assertThat(h.r(EnaRegs.DEV_STS_OFF) & EnaRegs.DEV_STS_FATAL_ERROR_MASK).isNotZero();
        assertThat(h.nextCompletion()).as("no completion for the faulting command").isNull();
        List<MemorySegment> e = h.aenqPoll();
        assertThat(e).hasSize(1);
        assertThat(AenqEntry.group(e.getFirst(), 0)).isEqualTo(AenqGroup.FATAL_ERROR.code());
        // the device stops: later commands are not processed, keep-alives stop
        h.place(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()));
        h.ringAq();
        h.clock.advance(3_000_000_000L);
        assertThat(h.nextCompletion()).isNull();
        assertThat(h.aenqPoll()).isEmpty();
        // a reset brings it back
        h.w(EnaRegs.DEV_CTL_OFF, 1);
        h.w(EnaRegs.DEV_CTL_OFF, 0);
        assertThat(h.r(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.DEV_STS_READY_MASK);
        h.setupAdmin(32, 32, 16);
        assertThat(h.exec(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()))).isNotNull();
    }

    @Test
    void unmappedCqRing() {
        try (TestHost h = liveHost()) {
            h.place(TestHost.createCq(4, 256, 1, 0x7_0000_0000L));
            h.ringAq();
            h.step();
            assertThat(h.model.counters().lastDmaFault()).contains("CQ ring").contains("0x700000000");
            assertThat(h.model.completionQueues()).isEmpty();
            assertStoppedWithFatal(h);
        }
    }

    @Test
    void sqRingRunningPastItsMapping() {
        try (TestHost h = liveHost()) {
            DmaBuffer ring = h.dma.allocate(4096);
            h.exec(TestHost.createCq(2, 256, 1, ring.ioAddress()), 0);
            // 1024 × 16 B does not fit in the 4 KiB mapping: the guard page after it is unmapped
            h.place(TestHost.createSq(1, 1, 0, 1024, ring.ioAddress()));
            h.ringAq();
            h.step();
            assertThat(h.model.counters().lastDmaFault()).contains("SQ ring");
            assertStoppedWithFatal(h);
        }
    }

    @Test
    void unmappedControlBuffer() {
        try (TestHost h = liveHost()) {
            DmaBuffer buf = h.dma.allocate(48);
            h.dma.free(buf); // the driver freed it but still passes it
            h.place(TestHost.withBuffer(TestHost.getFeature(FeatureId.RSS_HASH_FUNCTION.code()), buf, 48));
            h.ringAq();
            h.step();
            assertThat(h.model.counters().lastDmaFault()).contains("RSS hash key buffer");
            assertStoppedWithFatal(h);
        }
    }

    @Test
    void addressBeyondTheDmaWidth() {
        // a 32-bit device cannot reach the 4 GiB+ addresses the allocator hands out
        DeviceProfile narrow = DeviceProfile.ec2Default().toBuilder()
                .registers(new DeviceProfile.Registers(0x201, 1, 10, 32, 3, true)).build();
        try (TestHost h = new TestHost(narrow)) {
            h.setupReadless();
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(-1);
            assertThat(h.model.counters().lastDmaFault()).contains("32-bit DMA width");
        }
    }

    @Test
    void hostMemoryReleasedBehindTheIommusBackIsAFaultNotACrash() {
        try (TestHost h = liveHost()) {
            Arena arena = Arena.ofShared();
            MemorySegment buf = arena.allocate(4096, 4096);
            h.model.dmaMap(0x9_0000_0000L, buf);
            arena.close();
            MemorySegment get = TestHost.getFeature(FeatureId.RSS_HASH_FUNCTION.code());
            io.ena4j.spec.admin.AqEntry.ctrlBufferLength(get, 0, 48);
            io.ena4j.spec.admin.AqEntry.ctrlBufferAddress(get, 0, 0x9_0000_0000L);
            h.place(get);
            h.ringAq();
            h.step();
            assertThat(h.model.counters().lastDmaFault()).contains("released");
            assertStoppedWithFatal(h);
        }
    }

    @Test
    void raiseFatalErrorStopsTheDeviceToo() {
        try (TestHost h = liveHost()) {
            h.model.raiseFatalError();
            assertThat(h.model.counters().dmaFaults()).isZero();
            assertThat(h.model.fatalError()).isTrue();
            List<MemorySegment> e = h.aenqPoll();
            assertThat(e).extracting(s -> AenqEntry.group(s, 0)).containsExactly(AenqGroup.FATAL_ERROR.code());
            h.place(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()));
            h.ringAq();
            h.step();
            assertThat(h.nextCompletion()).isNull();
        }
    }
}

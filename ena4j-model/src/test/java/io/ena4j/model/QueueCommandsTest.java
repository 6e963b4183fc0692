package io.ena4j.model;

import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.CreateCqCmd;
import io.ena4j.spec.admin.CreateCqResp;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.CreateSqResp;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.regs.IntrUnmask;
import io.ena4j.platform.DmaBuffer;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.ena4j.spec.admin.CreateSqCmd.DIRECTION_RX;
import static io.ena4j.spec.admin.CreateSqCmd.DIRECTION_TX;
import static io.ena4j.spec.admin.CreateSqCmd.PLACEMENT_DEV;
import static io.ena4j.spec.admin.CreateSqCmd.PLACEMENT_HOST;
import static org.assertj.core.api.Assertions.assertThat;

/** CREATE/DESTROY SQ and CQ (management.md §7.1–§7.4) and the registers they report (§11). */
class QueueCommandsTest {

    private static final int OK = AdminStatus.SUCCESS.code();
    private static final int ILLEGAL = AdminStatus.ILLEGAL_PARAMETER.code();
    private static final int NO_RESOURCE = AdminStatus.RESOURCE_ALLOCATION_FAILURE.code();

    private static DmaBuffer ring(TestHost h, long bytes) {
        return h.dma.allocate(bytes);
    }

    @Test
    void createQueuePairReportsReferenceLayout() {
        try (TestHost h = TestHost.ready(DeviceProfile.referenceVectors())) {
            DmaBuffer cqRing = ring(h, 1024 * 8);
            MemorySegment c = h.exec(TestHost.createCq(2, 1024, 1, cqRing.ioAddress()), OK);
            assertThat(CreateCqResp.cqIdx(c, 0)).isZero();
            assertThat(CreateCqResp.cqActualDepth(c, 0)).isEqualTo(1024);
            assertThat(CreateCqResp.cqInterruptUnmaskRegisterOffset(c, 0)).isEqualTo(0x2000);
            assertThat(CreateCqResp.cqHeadDbRegisterOffset(c, 0)).isEqualTo(0x3000);
            assertThat(CreateCqResp.numaNodeRegisterOffset(c, 0)).isEqualTo(0x4000);
            DmaBuffer sqRing = ring(h, 1024 * 16);
            MemorySegment s = h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 1024, sqRing.ioAddress()), OK);
            assertThat(CreateSqResp.sqIdx(s, 0)).isEqualTo(16);
            assertThat(CreateSqResp.sqDoorbellOffset(s, 0)).isEqualTo(0x1000 + 4 * 16);
            assertThat(CreateSqResp.llqDescriptorsOffset(s, 0)).isZero();

            SubmissionQueue sq = h.model.submissionQueues().getFirst();
            assertThat(sq.isTx()).isTrue();
            assertThat(sq.isLlq()).isFalse();
            assertThat(sq.depth()).isEqualTo(1024);
            assertThat(sq.ringIoAddress()).isEqualTo(sqRing.ioAddress());
            assertThat(sq.cq().index()).isZero();
            CompletionQueue cq = h.model.completionQueues().getFirst();
            assertThat(cq.boundSq()).isSameAs(sq);
            assertThat(cq.entrySizeBytes()).isEqualTo(8);
            assertThat(cq.msixVector()).isEqualTo(1);

            // per-queue registers record what the driver writes (the data path consumes them later)
            h.w(0x1000 + 4 * 16, 7);
            h.w(0x4000, 0x8000_0001);
            h.w(0x2000, IntrUnmask.value(20, 64, 1, 0));
            h.w(0x3000, 3);
            assertThat(sq.doorbellValue()).isEqualTo(7);
            assertThat(cq.numaValue()).isEqualTo(0x8000_0001);
            assertThat(cq.lastUnmaskValue()).isEqualTo(IntrUnmask.value(20, 64, 1, 0));
            assertThat(cq.headDoorbellValue()).isEqualTo(3);
            assertThat(h.r(0x1000 + 4 * 16)).isEqualTo(7);
        }
    }

    @Test
    void indexesAreReusedLowestFirstAfterDestroy() {
        try (TestHost h = TestHost.ready(DeviceProfile.referenceVectors())) {
            DmaBuffer r = ring(h, 256 * 16);
            for (int i = 0; i < 3; i++) {
                h.exec(TestHost.createCq(4, 256, 1, r.ioAddress()), OK);
            }
            h.exec(TestHost.destroyCq(1), OK);
            MemorySegment c = h.exec(TestHost.createCq(4, 256, 1, r.ioAddress()), OK);
            assertThat(CreateCqResp.cqIdx(c, 0)).isEqualTo(1);
            assertThat(h.model.completionQueues()).extracting(CompletionQueue::index).containsExactly(0, 1, 2);
        }
    }

    @Test
    void createCqValidation() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            long r = ring(h, 1 << 20).ioAddress();
            h.exec(TestHost.createCq(3, 256, 1, r), ILLEGAL); // entry size words
            h.exec(TestHost.createCq(16, 256, 1, r), ILLEGAL);
            h.exec(TestHost.createCq(4, 300, 1, r), ILLEGAL); // not a power of two
            h.exec(TestHost.createCq(4, 0, 1, r), ILLEGAL);
            h.exec(TestHost.createCq(4, 32768, 1, r), ILLEGAL); // above max CQ depth 16384
            h.exec(TestHost.createCq(4, 256, 33, r), ILLEGAL); // vector outside the 33-entry table
            MemorySegment polling = TestHost.createCq(4, 256, 999, r);
            CreateCqCmd.interruptModeEnabled(polling, 0, 0);
            h.exec(polling, OK); // the vector does not matter in polling mode
            h.exec(TestHost.createCq(2, 16384, 0, r), OK);
            assertThat(h.model.counters().dmaFaults()).isZero();
        }
    }

    @Test
    void runningOutOfQueuesIsResourceAllocationFailure() {
        try (TestHost h = TestHost.ready(DeviceProfile.minimal())) {
            long r = ring(h, 256 * 16).ioAddress();
            h.exec(TestHost.createCq(2, 256, 1, r), OK);
            h.exec(TestHost.createCq(4, 256, 1, r), OK);
            h.exec(TestHost.createCq(4, 256, 1, r), NO_RESOURCE);
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 256, r), OK);
            h.exec(TestHost.createSq(DIRECTION_RX, PLACEMENT_HOST, 1, 256, r), OK);
            h.exec(TestHost.destroySq(0, DIRECTION_TX), OK);
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 256, r), OK);
            h.exec(TestHost.destroySq(0, DIRECTION_TX), OK);
            h.exec(TestHost.destroySq(1, DIRECTION_RX), OK);
            // one Tx SQ allowed: a second Tx SQ on the (Rx-sized) second CQ is out of Tx queues
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 256, r), OK);
            h.exec(TestHost.destroyCq(1), OK);
            h.exec(TestHost.createCq(2, 256, 1, r), OK);
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 1, 256, r), NO_RESOURCE);
        }
    }

    @Test
    void createSqValidation() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            long r = ring(h, 1 << 20).ioAddress();
            h.exec(TestHost.createCq(2, 1024, 1, r), OK); // cq 0: Tx-sized
            h.exec(TestHost.createCq(4, 1024, 1, r), OK); // cq 1: Rx-sized
            h.exec(TestHost.createSq(0, PLACEMENT_HOST, 0, 1024, r), ILLEGAL); // direction
            h.exec(TestHost.createSq(3, PLACEMENT_HOST, 0, 1024, r), ILLEGAL);
            h.exec(TestHost.createSq(DIRECTION_TX, 2, 0, 1024, r), ILLEGAL); // placement
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_DEV, 0, 256, 0), ILLEGAL); // LLQ not configured
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 7, 1024, r), ILLEGAL); // no such CQ
            h.exec(TestHost.createSq(DIRECTION_RX, PLACEMENT_HOST, 0, 1024, r), ILLEGAL); // 8-byte CQ for Rx
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 1000, r), ILLEGAL); // depth
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 8192, r), ILLEGAL); // > Tx SQ depth 4096
            MemorySegment headWb = TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 1024, r);
            CreateSqCmd.completionPolicy(headWb, 0, CreateSqCmd.COMPLETION_POLICY_HEAD);
            h.exec(headWb, ILLEGAL);
            MemorySegment scattered = TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 1024, r);
            CreateSqCmd.isPhysicallyContiguous(scattered, 0, 0);
            h.exec(scattered, ILLEGAL); // CAPS bit 0: contiguous queues required
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 1024, r), OK);
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_HOST, 0, 1024, r), ILLEGAL); // CQ already bound
            h.exec(TestHost.createSq(DIRECTION_RX, PLACEMENT_DEV, 1, 1024, r), ILLEGAL); // Rx is never LLQ
            h.exec(TestHost.createSq(DIRECTION_RX, PLACEMENT_HOST, 1, 1024, r), OK);
            assertThat(h.model.submissionQueues()).hasSize(2);
        }
    }

    @Test
    void llqSqAfterSetLlqGetsItsBar2Region() {
        try (TestHost h = TestHost.ready(DeviceProfile.referenceVectors())) {
            long r = ring(h, 1 << 16).ioAddress();
            MemorySegment set = TestHost.setFeature(FeatureId.LLQ.code());
            long p = FeatureCmd.SET_PAYLOAD;
            LlqFeature.headerLocationCtrlEnabled(set, p, LlqFeature.HeaderLocation.INLINE);
            LlqFeature.entrySizeCtrlEnabled(set, p, LlqFeature.EntrySize.SIZE_128);
            LlqFeature.descNumBeforeHeaderEnabled(set, p, 2);
            LlqFeature.descriptorsStrideCtrlEnabled(set, p, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY);
            LlqFeature.accelModeEnabledFlags(set, p, LlqFeature.AccelFlags.ALL);
            h.exec(set, OK);
            for (int m = 0; m < 2; m++) {
                MemorySegment c = h.exec(TestHost.createCq(2, 512, 1, r), OK);
                MemorySegment s = h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_DEV, CreateCqResp.cqIdx(c, 0),
                        512, 0), OK);
                assertThat(CreateSqResp.llqDescriptorsOffset(s, 0)).isEqualTo(m * 0x40000);
            }
            SubmissionQueue sq = h.model.submissionQueues().get(1);
            assertThat(sq.isLlq()).isTrue();
            assertThat(sq.llqEntrySize()).isEqualTo(128);
            assertThat(sq.llqSlot()).isEqualTo(1);
            MemorySegment deep = h.exec(TestHost.createCq(2, 2048, 1, r), OK);
            h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_DEV, CreateCqResp.cqIdx(deep, 0), 2048, 0),
                    ILLEGAL); // above max_llq_depth 1024
            // reconfiguring LLQ while LLQ SQs exist is refused
            h.exec(set, AdminStatus.RESOURCE_BUSY.code());
            h.exec(TestHost.destroySq(17, DIRECTION_TX), OK);
            MemorySegment again = h.exec(TestHost.createSq(DIRECTION_TX, PLACEMENT_DEV, 1, 512, 0), OK);
            assertThat(CreateSqResp.llqDescriptorsOffset(again, 0)).as("freed region reused").isEqualTo(0x40000);
        }
    }

    @Test
    void destroyValidation() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            long r = ring(h, 1 << 16).ioAddress();
            h.exec(TestHost.createCq(4, 256, 1, r), OK);
            h.exec(TestHost.createSq(DIRECTION_RX, PLACEMENT_HOST, 0, 256, r), OK);
            h.exec(TestHost.destroyCq(0), AdminStatus.RESOURCE_BUSY.code()); // SQ still bound
            h.exec(TestHost.destroySq(0, DIRECTION_TX), ILLEGAL); // wrong direction
            h.exec(TestHost.destroySq(5, DIRECTION_RX), ILLEGAL); // no such SQ
            h.exec(TestHost.destroySq(0, DIRECTION_RX), OK);
            h.exec(TestHost.destroySq(0, DIRECTION_RX), ILLEGAL); // already gone
            h.exec(TestHost.destroyCq(0), OK);
            h.exec(TestHost.destroyCq(0), ILLEGAL);
            assertThat(h.model.submissionQueues()).isEmpty();
            assertThat(h.model.completionQueues()).isEmpty();
        }
    }

    @Test
    void unmaskRegisterRecordsTheLastValue() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            long r = ring(h, 1 << 16).ioAddress();
            MemorySegment c = h.exec(TestHost.createCq(4, 256, 3, r), OK);
            int unmask = CreateCqResp.cqInterruptUnmaskRegisterOffset(c, 0);
            h.w(unmask, IntrUnmask.value(0, 0, 0, 1));
            assertThat(h.model.completionQueues().getFirst().lastUnmaskValue()).isEqualTo(0x8000_0000);
            h.w(unmask, IntrUnmask.value(0, 0, 1, 1));
            assertThat(h.model.completionQueues().getFirst().lastUnmaskValue()).isEqualTo(0xC000_0000);
        }
    }
}

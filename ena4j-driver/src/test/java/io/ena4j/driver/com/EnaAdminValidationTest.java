package io.ena4j.driver.com;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInputTable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.ena4j.spec.Le.u16;
import static io.ena4j.spec.Le.u32;
import static io.ena4j.spec.Le.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EnaAdmin} against a scripted device: the DMA-width rule (§1), the support check (§8.1), range checks
 * of caller input, and validation of every device value the layer uses.
 */
class EnaAdminValidationTest {

    private static final long BAR0 = 0x10000;
    private static final long BAR2 = 0x100000;

    private final Iommu iommu = new Iommu();
    private final IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
    private final ScriptedExecutor ex = new ScriptedExecutor(iommu);
    private final EnaAdmin admin = new EnaAdmin(ex, dma, 48, BAR0, BAR2);

    private EnaAdmin probed() {
        return TestDevice.probed(ex, admin);
    }

    @Nested
    class Construction {

        @Test
        void dmaWidthOutsideThirtyTwoToFortyEightIsRefused() {
            assertThatThrownBy(() -> new EnaAdmin(ex, dma, 31)).hasMessage("DMA address width 31 bits out of range: "
                    + "accepted 32..48");
            assertThatThrownBy(() -> new EnaAdmin(ex, dma, 49)).hasMessageContaining("49 bits");
            assertThatThrownBy(() -> new EnaAdmin(ex, dma, 48, -2, 0)).hasMessageContaining("BAR sizes -2");
            assertThat(new EnaAdmin(ex, dma, 32).dmaAddrBits()).isEqualTo(32);
        }
    }

    @Nested
    class DmaWidth {

        // The default allocator hands out IO addresses from 4 GiB up: too wide for a 32-bit device.
        private final EnaAdmin narrow = new EnaAdmin(ex, dma, 32);

        @Test
        void hostInfoAboveTheWidthIsRefusedAndNothingSent() {
            DmaBuffer page = dma.allocate(4096);
            assertThat(narrow.setHostAttributes(page, null, 0)).isEqualTo(EnaErrno.EINVAL);
            assertThat(ex.sent).isEmpty();
            assertThat(narrow.rejectedAddressCount()).isEqualTo(1);
            assertThat(narrow.lastError()).contains("host-info page DMA address 0x"
                    + Long.toHexString(page.ioAddress()))
                    .contains("32-bit DMA width");
        }

        @Test
        void ringsAndControlBuffersAboveTheWidthAreRefused() {
            IoQueueParams p = IoQueueParams.rx(256, 1);
            assertThat(narrow.createCq(p, dma.allocate(p.cqRingBytes())).rc()).isEqualTo(EnaErrno.EINVAL);
            ex.ok(TestDevice.attributes(TestDevice.FEATURES, 0)).ok(TestDevice.maxQueuesExt(1, 1024))
                    .ok(r -> u32(r, 8, 0xFF)).ok();
            assertThat(narrow.getDeviceFeatures().ok()).isTrue();
            ex.ok(r -> u16(r, 10, 7)); // sizing GET carries no address
            assertThat(narrow.rssInit(-1, null).value()).isEqualTo(7);
            int sent = ex.sent.size();
            assertThat(narrow.getIndirectionTable().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(narrow.fillHashFunction(RssHashFunction.CRC32, null, 0)).isEqualTo(EnaErrno.EINVAL);
            assertThat(ex.sent).hasSize(sent);
            assertThat(narrow.rejectedAddressCount()).isEqualTo(3);
        }

        @Test
        void addressesBelowTheWidthPass() {
            IommuDmaAllocator low = new IommuDmaAllocator(iommu, 0x1000_0000L, 1L << 32);
            EnaAdmin a = new EnaAdmin(ex, low, 32);
            DmaBuffer page = low.allocate(4096);
            ex.ok();
            assertThat(a.setHostAttributes(page, null, 0)).isZero();
            MemorySegment c = ex.last();
            assertThat(u32(c, 20)).isEqualTo((int) page.ioAddress());
            assertThat(u16(c, 24)).isZero();
            assertThat(u8(c, 17)).isEqualTo(28);
        }
    }

    @Nested
    class SupportCheck {

        @Test
        void nothingIsSentForUnadvertisedFeaturesOrCapabilities() {
            assertThat(admin.setMtu(1500)).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.getLinkParams().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.getAenqConfig().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.setFragBypass(true)).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.getHwTimestamping().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.getEniStats().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.getEnaSrdInfo().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.getCustomerMetrics().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.rssInit(-1, null).rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.addFlowSteeringRule(rule(), 0).rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.isFeatureSupported(FeatureId.DEVICE_ATTRIBUTES.code())).isTrue();
            assertThat(admin.isFeatureSupported(32)).isFalse();
            assertThat(ex.sent).isEmpty();
        }

        @Test
        void unsupportedOptionalFeaturesBecomeZeroStructuresDuringProbe() {
            ex.ok(TestDevice.attributes(TestDevice.bits(1, 2, 3, 4, 11, 26), 0)).ok(r -> {
                u32(r, 8, 4);
                u32(r, 12, 1024);
                u32(r, 16, 4);
                u32(r, 20, 1024);
                u16(r, 36, 19);
                u16(r, 38, 19);
            }).ok().ok().status(3).status(3);
            DeviceFeatures f = admin.getDeviceFeatures().orThrow();
            assertThat(f.hwHints()).isEqualTo(HwHintsInfo.NONE);
            assertThat(f.llq()).isEqualTo(LlqCaps.NONE);
            assertThat(f.maxQueues().extended()).isFalse();
            assertThat(f.customerMetricsSupported()).isEqualTo((int) CustomerMetrics.LEGACY_METRICS);
            assertThat(ex.sent).extracting(ScriptedExecutor::feature).containsExactly(1, 2, 26, 11, 3, 4);
        }

        @Test
        void mandatoryFeatureFailureAbortsProbe() {
            ex.ok(TestDevice.attributes(TestDevice.FEATURES, 0)).ok(TestDevice.maxQueuesExt(1, 1024)).ok().status(3);
            assertThat(admin.getDeviceFeatures().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            ex.ok(TestDevice.attributes(TestDevice.FEATURES | 1 << 3, 0)).ok(TestDevice.maxQueuesExt(1, 1024)).ok().ok()
                    .status(5);
            assertThat(admin.getDeviceFeatures().rc()).as("HW hints failing other than unsupported")
                    .isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.deviceFeatures()).isNull();
        }
    }

    @Nested
    class DeviceFeatureValidation {

        @Test
        void depthBelowMinimumAfterRoundingIsInvalid() {
            TestDevice.scriptProbe(ex, TestDevice.maxQueuesExt(1, 300));
            assertThat(admin.getDeviceFeatures().ok()).as("300 rounds down to 256").isTrue();
            TestDevice.scriptProbe(ex, TestDevice.maxQueuesExt(1, 255));
            assertThat(admin.getDeviceFeatures().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.invalidResponseCount()).isEqualTo(1);
            assertThat(admin.lastError()).contains("max_rx_sq_depth = 255 rounds down to 128");
            assertThat(ex.unused()).as("all probe commands still sent").isZero();
        }

        @Test
        void zeroQueueNumberAndZeroDescriptorsAreInvalid() {
            TestDevice.scriptProbe(ex, TestDevice.maxQueuesExt(1, 1024).andThen(r -> u32(r, 20, 0)));
            assertThat(admin.getDeviceFeatures().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("max_rx_sq_num = 0");
            TestDevice.scriptProbe(ex, TestDevice.maxQueuesExt(1, 1024).andThen(r -> u16(r, 48, 0)));
            assertThat(admin.getDeviceFeatures().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("max_per_packet_tx_descs = 0");
        }

        @Test
        void llqOnlyDeviceNeedsNoHostTxSq() {
            ex.ok(TestDevice.attributes(TestDevice.FEATURES | 1 << 4, 0))
                    .ok(TestDevice.maxQueuesExt(1, 1024).andThen(r -> u32(r, 12, 0)))
                    .ok().ok().ok(r -> u32(r, 8, 16));
            DeviceFeatures f = admin.getDeviceFeatures().orThrow();
            assertThat(f.llq().maxLlqNum()).isEqualTo(16);
            assertThat(f.maxQueues().maxTxSqNum()).isZero();
        }

        @Test
        void wrongMaxQueuesExtVersionIsInvalid() {
            ex.ok(TestDevice.attributes(TestDevice.FEATURES, 0)).ok(TestDevice.maxQueuesExt(2, 1024));
            assertThat(admin.getDeviceFeatures().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("MAX_QUEUES_EXT version 2");
            assertThat(ex.sent).hasSize(2);
        }

        @Test
        void customerMetricsQueryFailureOrUnknownBits() {
            int caps = DeviceAttributes.CAP_CUSTOMER_METRICS;
            ex.ok(TestDevice.attributes(TestDevice.FEATURES, caps)).ok(TestDevice.maxQueuesExt(1, 1024)).ok().ok()
                    .status(6);
            assertThat(admin.getDeviceFeatures().orThrow().customerMetricsSupported()).isZero();
            assertThat(admin.getCustomerMetrics().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            ex.ok(TestDevice.attributes(TestDevice.FEATURES, caps)).ok(TestDevice.maxQueuesExt(1, 1024)).ok().ok()
                    .ok(r -> Le.u64(r, 8, 0xFF_0000_0005L));
            assertThat(admin.getDeviceFeatures().orThrow().customerMetricsSupported()).isEqualTo(5);
            MemorySegment q = ex.last();
            assertThat(u8(q, 16)).as("type").isEqualTo(4);
            assertThat(Le.u64(q, 24)).as("requested_metrics").isEqualTo(0x3F);
            assertThat(u32(q, 4)).as("no control buffer").isZero();

            ex.then((c, r, buf) -> {
                assertThat(buf.byteSize()).isEqualTo(512);
                Le.u64(buf, 0, 111);
                Le.u64(buf, 8, 222);
                return 0;
            });
            CustomerMetricsInfo m = admin.getCustomerMetrics().orThrow();
            assertThat(m.value(0)).isEqualTo(111);
            assertThat(m.value(2)).isEqualTo(222);
            assertThat(m.has(1)).isFalse();
            assertThat(Le.u64(ex.last(), 24)).isEqualTo(5);
            assertThat(u8(ex.last(), 3)).as("AQ flags 0 for GET_STATS").isZero();
        }
    }

    @Nested
    class Queues {

        private final IoQueueParams rx = IoQueueParams.rx(1024, 2);

        private DmaBuffer ring(long bytes) {
            return dma.allocate(bytes);
        }

        @Test
        void createCqFieldsForExtendedRxInPollingMode() {
            IoQueueParams p = new IoQueueParams(2, 1, 512, 3, false, true, 0);
            ex.ok(r -> {
                u16(r, 8, 9);
                u32(r, 20, 0x2000);
            });
            CqInfo cq = admin.createCq(p, ring(p.cqRingBytes())).orThrow();
            MemorySegment c = ex.last();
            assertThat(u8(c, 2)).isEqualTo(AdminOpcode.CREATE_CQ.code());
            assertThat(u8(c, 4)).as("interrupt mode off").isZero();
            assertThat(u8(c, 5)).as("32-byte entries = 8 words").isEqualTo(8);
            assertThat(u16(c, 6)).isEqualTo(512);
            assertThat(u32(c, 8)).isEqualTo(3);
            assertThat(cq.cqIdx()).isEqualTo(9);
            assertThat(cq.numaRegOffset()).isZero();
        }

        @Test
        void badUnmaskOffsetsDestroyTheCqAgain() {
            for (int bad : new int[] {0x54, 0x2002, (int) BAR0}) {
                ex.sent.clear();
                ex.ok(r -> {
                    u16(r, 8, 4);
                    u32(r, 20, bad);
                }).ok();
                AdminResult<CqInfo> r = admin.createCq(rx, ring(rx.cqRingBytes()));
                assertThat(r.rc()).isEqualTo(EnaErrno.EINVAL);
                assertThat(ex.sent).hasSize(2);
                assertThat(ScriptedExecutor.opcode(ex.sent.get(1))).isEqualTo(AdminOpcode.DESTROY_CQ.code());
                assertThat(u16(ex.last(), 4)).isEqualTo(4);
            }
            assertThat(admin.invalidResponseCount()).isEqualTo(3);
            assertThat(admin.lastError()).contains("outside BAR 0");
        }

        @Test
        void badNumaOffsetIsRejected() {
            ex.ok(r -> {
                u32(r, 12, 0x4001);
                u32(r, 20, 0x2000);
            }).ok();
            assertThat(admin.createCq(rx, ring(rx.cqRingBytes())).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("numa_node_register_offset 0x4001 is not 32-bit aligned");
        }

        @Test
        void createSqFieldsAndDoorbellValidation() {
            CqInfo cq = new CqInfo(3, 2, 1024, 16, 0x1000, 2, 1024, 0, 0, 0x2000);
            DmaBuffer sqRing = ring(rx.sqRingBytes());
            ex.ok(r -> {
                u16(r, 8, 17);
                u32(r, 12, 0x1044);
            });
            SqInfo sq = admin.createSq(rx, cq, sqRing).orThrow();
            MemorySegment c = ex.last();
            assertThat(new int[] {u8(c, 4), u8(c, 6), u8(c, 7), u16(c, 8), u16(c, 10)})
                    .containsExactly(0x40, 0x01, 0x01, 3, 1024);
            assertThat(u32(c, 12)).isEqualTo((int) sqRing.ioAddress());
            assertThat(sq.sqIdx()).isEqualTo(17);

            ex.ok(r -> u32(r, 12, 0x30)).ok();
            assertThat(admin.createSq(rx, cq, sqRing).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("fixed register block");
            assertThat(ScriptedExecutor.opcode(ex.sent.getLast())).isEqualTo(AdminOpcode.DESTROY_SQ.code());
            assertThat(u8(ex.last(), 6)).as("direction Rx").isEqualTo(0x40);
        }

        @Test
        void llqRegionMustBeAlignedAndInsideBar2() {
            LlqConfig llq = new LlqConfig(1, 2, 1, 128, 2, 8, 0, false, 96);
            IoQueueParams tx = IoQueueParams.txLlq(1024, 1, llq);
            CqInfo cq = new CqInfo(0, 1, 1024, 8, 0x1000, 1, 1024, 0, 0, 0x2000);
            ex.ok(r -> {
                u32(r, 12, 0x1000);
                u32(r, 16, (int) (BAR2 - 1024 * 128));
            });
            SqInfo ok = admin.createSq(tx, cq, null).orThrow();
            assertThat(ok.ringIoAddress()).isZero();
            assertThat(u32(ex.last(), 12)).as("no sq_ba with device placement").isZero();
            assertThat(u8(ex.last(), 6)).isEqualTo(3);

            ex.ok(r -> {
                u32(r, 12, 0x1000);
                u32(r, 16, (int) (BAR2 - 1024 * 128 + 8));
            }).ok();
            assertThat(admin.createSq(tx, cq, null).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("outside BAR 2");
            ex.ok(r -> {
                u32(r, 12, 0x1000);
                u32(r, 16, 4);
            }).ok();
            assertThat(admin.createSq(tx, cq, null).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("not 8-byte aligned");
        }

        @Test
        void failedSqDestroysTheCq() {
            ex.ok(r -> {
                u16(r, 8, 5);
                u32(r, 20, 0x2000);
            }).status(1).ok();
            AdminResult<IoQueue> r = admin.createIoQueue(rx, ring(rx.cqRingBytes()), ring(rx.sqRingBytes()));
            assertThat(r.rc()).isEqualTo(EnaErrno.ENOMEM);
            assertThat(ex.sent).extracting(ScriptedExecutor::opcode).containsExactly(3, 1, 4);
            assertThat(u16(ex.last(), 4)).isEqualTo(5);
        }

        @Test
        void destroyIoQueueSendsBothEvenIfTheFirstFails() {
            IoQueue q = new IoQueue(new CqInfo(2, 1, 256, 8, 1, 1, 256, 0, 0, 0x2000),
                    new SqInfo(18, 1, 1, 256, 2, 1, 0x1000, 0, 0));
            ex.status(5).ok();
            assertThat(admin.destroyIoQueue(q)).isEqualTo(EnaErrno.EINVAL);
            assertThat(ex.sent).extracting(ScriptedExecutor::opcode).containsExactly(2, 4);
            assertThat(ex.sent.get(0)).hasSize(8);
            assertThat(u16(MemorySegment.ofArray(ex.sent.get(0)), 4)).isEqualTo(18);
            assertThat(u8(MemorySegment.ofArray(ex.sent.get(0)), 6)).isEqualTo(0x20);
        }

        @Test
        void callerErrorsThrowWithClearMessages() {
            assertThatThrownBy(() -> admin.createCq(rx, ring(4096)))
                    .hasMessageContaining("CQ ring of 4096 bytes too small: "
                    + "needs at least 16384");
            CqInfo txCq = new CqInfo(0, 1, 1024, 8, 1, 1, 1024, 0, 0, 0x2000);
            assertThatThrownBy(() -> admin.createSq(rx, txCq, ring(16384))).hasMessageContaining("does not match");
            assertThat(ex.sent).isEmpty();
        }

        @Test
        void queueParamsRejectOutOfRangeValues() {
            assertThatThrownBy(() -> IoQueueParams.rx(1000, 1)).hasMessageContaining("queue depth 1000");
            assertThatThrownBy(() -> IoQueueParams.rx(65536, 1)).hasMessageContaining("1..32768");
            assertThatThrownBy(() -> new IoQueueParams(2, 3, 256, 1, true, false, 128))
                    .hasMessageContaining("Tx queues only");
            assertThatThrownBy(() -> new IoQueueParams(1, 3, 256, 1, true, false, 100))
                    .hasMessageContaining("LLQ entry size 100");
            assertThatThrownBy(() -> new IoQueueParams(1, 1, 256, -1, true, false, 0))
                    .hasMessageContaining("MSI-X vector -1");
            assertThatThrownBy(() -> new IoQueueParams(0, 1, 256, 1, true, false, 0))
                    .hasMessageContaining("direction 0");
            assertThat(IoQueueParams.txHost(256, 1).cqEntrySize()).isEqualTo(8);
            assertThat(new IoQueueParams(1, 1, 256, 1, true, true, 0).cqEntrySize()).isEqualTo(16);
            LlqConfig wide = new LlqConfig(1, 2, 4, 256, 2, 16, 0, false, 224);
            assertThat(IoQueueParams.txLlq(256, 1, wide).sqRingBytes()).isZero();
        }
    }

    @Nested
    class Features {

        @Test
        void mtuMustFitTheDeviceRange() {
            probed();
            assertThat(admin.setMtu(127)).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).isEqualTo("MTU 127 out of range: accepted 128..9216");
            assertThat(admin.setMtu(9217)).isEqualTo(EnaErrno.EINVAL);
            assertThat(ex.sent).isEmpty();
            ex.ok();
            assertThat(admin.setMtu(9216)).isZero();
            assertThat(u32(ex.last(), 20)).isEqualTo(9216);
        }

        @Test
        void aenqGroupsMustBeSupported() {
            probed();
            ex.ok(r -> u32(r, 8, 0x1F));
            assertThat(admin.setAenqConfig(0xDF)).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(ex.sent).hasSize(1);
            assertThat(admin.lastError()).contains("0xdf not a subset of the supported groups 0x1f");
        }

        @Test
        void phcRejectsOtherVersionsAndBadDoorbellsAndAppliesDefaults() {
            probed();
            DmaBuffer shared = dma.allocate(64);
            ex.ok(r -> u8(r, 8, 1));
            assertThat(admin.configurePhc(shared).rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(ex.sent).hasSize(1);
            ex.ok(r -> u32(r, 12, 0x58));
            assertThat(admin.configurePhc(shared).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("PHC doorbell_offset 0x58");
            assertThat(ex.sent).hasSize(2);
            ex.ok(r -> u32(r, 12, 0x100)).ok();
            assertThat(admin.configurePhc(shared).orThrow()).isEqualTo(new PhcConfigInfo(0x100, 10, 1000));
            MemorySegment set = ex.last();
            assertThat(u32(set, 36)).isEqualTo((int) shared.ioAddress());
            assertThat(u32(set, 44)).isEqualTo(64);
            ex.ok(r -> {
                u32(r, 12, 0x100);
                u32(r, 16, 5000);
                u32(r, 20, 2000);
            }).ok();
            assertThat(admin.configurePhc(shared).orThrow().expireTimeoutUsec()).as("expire capped at block")
                    .isEqualTo(2000);
        }

        @Test
        void hwTimestampValuesAreChecked() {
            probed();
            ex.ok(r -> {
                u8(r, 8, 1);
                u8(r, 10, 2);
            });
            assertThat(admin.getHwTimestamping().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(ScriptedExecutor.feature(ex.sent.getLast())).isEqualTo(31);
            assertThat(u8(ex.last(), 18)).as("GET version 1").isEqualTo(1);
            ex.ok(r -> u8(r, 10, 1));
            assertThat(admin.getHwTimestamping().orThrow()).isEqualTo(new HwTimestampCaps(0, 0, 1));
            ex.ok();
            assertThat(admin.setHwTimestamping(false, true)).isZero();
            assertThat(new int[] {u8(ex.last(), 18), u8(ex.last(), 21), u8(ex.last(), 22)}).containsExactly(0, 0, 1);
        }

        @Test
        void interruptResolutionZeroMeansOne() {
            ex.ok(TestDevice.attributes(TestDevice.FEATURES | 1 << 20, 0))
                    .ok(TestDevice.maxQueuesExt(1, 1024)).ok().ok();
            admin.getDeviceFeatures().orThrow();
            ex.ok();
            assertThat(admin.getInterruptDelayResolution().orThrow()).isEqualTo(1);
            ex.ok(r -> u16(r, 8, 4));
            assertThat(admin.getInterruptDelayResolution().orThrow()).isEqualTo(4);
        }

        @Test
        void fragBypassSetsEnableByte() {
            ex.ok(TestDevice.attributes(TestDevice.FEATURES | 1 << 8, 0))
                    .ok(TestDevice.maxQueuesExt(1, 1024)).ok().ok();
            admin.getDeviceFeatures().orThrow();
            ex.ok();
            assertThat(admin.setFragBypass(true)).isZero();
            assertThat(new int[] {u8(ex.last(), 2), u8(ex.last(), 17), u8(ex.last(), 20)}).containsExactly(9, 8, 1);
        }

        @Test
        void statsNeedTheirCapabilityBits() {
            ex.ok(TestDevice.attributes(TestDevice.FEATURES, 0b11)).ok(TestDevice.maxQueuesExt(1, 1024)).ok().ok();
            admin.getDeviceFeatures().orThrow();
            ex.sent.clear();
            ex.ok(r -> Le.u64(r, 8, 7)).ok(r -> Le.u64(r, 40, 42));
            assertThat(admin.getEniStats().orThrow().bwInAllowanceExceeded()).isEqualTo(7);
            assertThat(admin.getEnaSrdInfo().orThrow().resourceUtilization()).isEqualTo(42);
            assertThat(ex.sent).extracting(c -> (int) c[16]).containsExactly(2, 3);
            assertThat(admin.getCustomerMetrics().rc()).isEqualTo(EnaErrno.EOPNOTSUPP);
        }
    }

    @Nested
    class FlowSteering {

        @Test
        void addValidatesLocationsAndTheDevicesChoice() {
            probed();
            assertThat(admin.addFlowSteeringRule(rule(), 8).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("location 8 out of range: accepted 0..7 or 0xFFFF");
            assertThat(ex.sent).isEmpty();

            ex.then((c, r, buf) -> {
                assertThat(Integer.toHexString(u32(buf, 0))).isEqualTo("100000a");
                assertThat(u16(buf, 64)).isEqualTo(443);
                assertThat(u8(buf, 73)).isEqualTo(0xFF);
                u16(r, 8, 3);
                return 0;
            });
            int chosen = admin.addFlowSteeringRule(rule(), io.ena4j.spec.admin.FlowSteering.RULE_LOCATION_ANY)
                    .orThrow();
            assertThat(chosen).isEqualTo(3);
            MemorySegment c = ex.last();
            assertThat(new int[] {u8(c, 3), u32(c, 4), u8(c, 20), u8(c, 21), u16(c, 22), u16(c, 24)})
                    .containsExactly(4, 128, 1, io.ena4j.spec.admin.FlowSteering.FLOW_TYPE_TCP_IPV4, 2, 0xFFFF);

            ex.ok(r -> u16(r, 8, 8));
            assertThat(admin.addFlowSteeringRule(rule(), io.ena4j.spec.admin.FlowSteering.RULE_LOCATION_ANY).rc())
                    .isEqualTo(EnaErrno.EFAULT);
            assertThat(admin.invalidResponseCount()).isEqualTo(1);
        }

        @Test
        void removeCommands() {
            probed();
            assertThat(admin.removeFlowSteeringRule(9)).isEqualTo(EnaErrno.EINVAL);
            ex.ok().ok();
            assertThat(admin.removeFlowSteeringRule(5)).isZero();
            assertThat(new int[] {u8(ex.last(), 3), u32(ex.last(), 4), u8(ex.last(), 20), u16(ex.last(), 24)})
                    .containsExactly(0, 0, 2, 5);
            assertThat(admin.removeAllFlowSteeringRules()).isZero();
            assertThat(u8(ex.last(), 20)).isEqualTo(3);
        }
    }

    @Nested
    class Rss {

        private void init(int min, int max, int requested) {
            probed();
            ex.ok(r -> {
                u16(r, 8, min);
                u16(r, 10, max);
            });
            admin.rssInit(requested, null);
        }

        @Test
        void sizingResponseIsValidated() {
            init(0, 17, -1);
            assertThat(admin.rssTableLogSize()).isEqualTo(-1);
            assertThat(admin.lastError()).contains("max 17");
            assertThat(u8(ex.last(), 18)).as("sizing GET version 1").isEqualTo(1);
            ex.ok(r -> {
                u16(r, 8, 6);
                u16(r, 10, 5);
            });
            assertThat(admin.rssInit(-1, null).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.invalidResponseCount()).isEqualTo(2);
        }

        @Test
        void requestedSizeMustBeInTheDeviceRange() {
            init(4, 8, 9);
            assertThat(admin.rssTableLogSize()).isEqualTo(-1);
            assertThat(admin.lastError()).isEqualTo("RSS table log size 9 outside the device's range 4..8");
            assertThat(admin.invalidResponseCount()).isZero();
            assertThat(admin.rssInit(17, null).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.rssInit(-1, new byte[39]).rc()).isEqualTo(EnaErrno.EINVAL);
        }

        @Test
        void deviceMaximumIsTheDefaultAndBuffersAreReleased() {
            int live = dma.liveBuffers();
            init(4, 8, -1);
            assertThat(admin.rssTableLogSize()).isEqualTo(8);
            assertThat(dma.liveBuffers()).isEqualTo(live + 3);
            admin.close();
            assertThat(dma.liveBuffers()).isEqualTo(live);
            assertThat(admin.rssTableLogSize()).isEqualTo(-1);
        }

        @Test
        void indirectionTableLengthAndReadBackSize() {
            assertThat(probed().setIndirectionTable(new int[4])).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("call rssInit first");
            ex.ok(r -> u16(r, 10, 2));
            admin.rssInit(-1, null).orThrow();
            assertThat(admin.setIndirectionTable(new int[8])).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.setIndirectionTable(new int[] {1, 2, 3, 0x10000})).isEqualTo(EnaErrno.EINVAL);
            int sent = ex.sent.size();
            ex.ok();
            assertThat(admin.setIndirectionTable(RssConfig.defaultIndirectionTable(2, new int[] {17, 19}))).isZero();
            assertThat(ex.sent).hasSize(sent + 1);
            ex.ok(r -> u16(r, 12, 3));
            assertThat(admin.getIndirectionTable().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("log size 3: accepted 2");
            ex.then((c, r, buf) -> {
                u16(r, 12, 2);
                u16(buf, 8, 21);
                return 0;
            });
            assertThat(admin.getIndirectionTable().orThrow()).containsExactly(17, 19, 21, 19);
        }

        @Test
        void hashFunctionResponsesAreValidated() {
            init(0, 2, -1);
            ex.then((c, r, buf) -> {
                u32(buf, 0, 11);
                u32(r, 12, 2);
                return 0;
            });
            assertThat(admin.getHashFunction().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("key_parts 11");
            ex.ok(r -> u32(r, 12, 0));
            assertThat(admin.getHashFunction().rc()).isEqualTo(EnaErrno.EINVAL);
            ex.ok(r -> u32(r, 12, 8));
            assertThat(admin.getHashFunction().rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.lastError()).contains("selected_func 0x8");
            ex.then((c, r, buf) -> {
                u32(buf, 0, 1);
                u32(r, 8, 6);
                u32(r, 12, 6);
                return 0;
            });
            RssHashFunctionInfo f = admin.getHashFunction().orThrow();
            assertThat(f.function()).as("lowest set bit").isEqualTo(1);
            assertThat(f.key()).hasSize(4);
            assertThat(admin.invalidResponseCount()).isEqualTo(3);
        }

        @Test
        void hashFunctionArgumentsAreCheckedBeforeSending() {
            init(0, 2, -1);
            int sent = ex.sent.size();
            assertThat(admin.fillHashFunction(3, null, 0)).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.fillHashFunction(1, new byte[44], 0)).isEqualTo(EnaErrno.EINVAL);
            assertThat(ex.sent).hasSize(sent);
        }

        @Test
        void unsupportedHashFieldsAreNotSet() {
            init(0, 2, -1);
            ex.then((c, r, buf) -> {
                for (int i = 0; i < 16; i++) {
                    u16(buf, 4L * i, 0x0C);
                }
                return 0;
            });
            assertThat(admin.setDefaultHashInput()).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(admin.lastError()).contains("0x3c of protocol 0 not supported");
            ex.ok();
            assertThat(admin.fillHashInput(RssHashInputTable.PROTO_UDP4, 0x30)).isEqualTo(EnaErrno.EOPNOTSUPP);
            assertThat(ScriptedExecutor.opcode(ex.sent.getLast())).as("no SET")
                    .isEqualTo(AdminOpcode.GET_FEATURE.code());
            assertThat(admin.fillHashInput(16, 0)).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.getHashInput(-1).rc()).isEqualTo(EnaErrno.EINVAL);
            assertThat(admin.setHashInput(new int[3])).isEqualTo(EnaErrno.EINVAL);
        }

        @Test
        void applyRssSkipsUnsupportedSteps() {
            // Device without hash function (10): table and hash input only.
            ex.ok(TestDevice.attributes(TestDevice.bits(1, 7, 11, 12, 18, 26), 0)).ok(TestDevice.maxQueuesExt(1, 1024))
                    .ok().ok();
            admin.getDeviceFeatures().orThrow();
            int live = dma.liveBuffers();
            ex.ok(r -> u16(r, 10, 1));
            admin.rssInit(-1, null).orThrow();
            assertThat(dma.liveBuffers()).as("no key buffer without feature 10").isEqualTo(live + 2);
            ex.ok().then((c, r, buf) -> {
                for (int i = 0; i < 16; i++) {
                    u16(buf, 4L * i, 0x3F);
                }
                return 0;
            }).ok();
            ex.sent.clear();
            assertThat(admin.applyRss(RssConfig.linuxDefaults(1, new int[] {17}))).isZero();
            assertThat(ex.sent).extracting(ScriptedExecutor::feature).containsExactly(12, 18, 18);
            assertThat(u16(ex.last(), 22)).isEqualTo(6);
        }
    }

    @Test
    void allocationFailureIsEnomem() {
        DmaAllocator failing = new DmaAllocator() {
            @Override
            public DmaBuffer allocate(long size) {
                throw new DmaException("exhausted");
            }

            @Override
            public void free(DmaBuffer buffer) {
            }
        };
        EnaAdmin a = TestDevice.probed(ex, new EnaAdmin(ex, failing, 48));
        ex.ok(r -> u16(r, 10, 3));
        assertThat(a.rssInit(-1, null).rc()).isEqualTo(EnaErrno.ENOMEM);
        assertThat(a.lastError()).contains("exhausted");
        assertThat(a.addFlowSteeringRule(rule(), 0).rc()).isEqualTo(EnaErrno.ENOMEM);
    }

    @Test
    void adminResultInvariants() {
        assertThatThrownBy(() -> new AdminResult<>(0, null)).hasMessageContaining("exactly when rc == 0");
        assertThatThrownBy(() -> new AdminResult<>(-22, "x")).hasMessageContaining("exactly when rc == 0");
        assertThatThrownBy(() -> AdminResult.failure(0)).hasMessageContaining("negative errno");
        assertThatThrownBy(() -> AdminResult.failure(-95).orThrow()).hasMessageContaining("EOPNOTSUPP");
    }

    private static FlowSteeringRuleInfo rule() {
        byte[] ip = new byte[16];
        ip[0] = 10;
        ip[3] = 1;
        byte[] mask = new byte[16];
        return new FlowSteeringRuleInfo(io.ena4j.spec.admin.FlowSteering.FLOW_TYPE_TCP_IPV4, 2, ip, mask, mask, mask,
                443, 0xFFFF, 0, 0, 0, 0xFF);
    }
}

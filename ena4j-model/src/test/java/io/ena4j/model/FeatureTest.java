package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.ExtraPropertiesFlags;
import io.ena4j.spec.admin.ExtraPropertiesStrings;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.FlowSteering;
import io.ena4j.spec.admin.FlowSteeringRule;
import io.ena4j.spec.admin.FragBypass;
import io.ena4j.spec.admin.HostAttrConfig;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.HwHints;
import io.ena4j.spec.admin.HwTimestamp;
import io.ena4j.spec.admin.InterruptModeration;
import io.ena4j.spec.admin.LinkConfig;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.MaxQueues;
import io.ena4j.spec.admin.MaxQueuesExt;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.PhcConfig;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInput;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionEntry;
import io.ena4j.spec.admin.RssIndirectionTable;
import io.ena4j.spec.admin.StatelessOffload;
import io.ena4j.spec.regs.PhcResponse;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static io.ena4j.model.TestHost.getFeature;
import static io.ena4j.model.TestHost.setFeature;
import static io.ena4j.model.TestHost.withBuffer;
import static org.assertj.core.api.Assertions.assertThat;

/** GET_FEATURE / SET_FEATURE for every feature of management.md §8. */
class FeatureTest {

    private static final int OK = AdminStatus.SUCCESS.code();
    private static final int UNSUPPORTED = AdminStatus.UNSUPPORTED_OPCODE.code();
    private static final int MALFORMED = AdminStatus.MALFORMED_REQUEST.code();
    private static final int ILLEGAL = AdminStatus.ILLEGAL_PARAMETER.code();
    private static final long G = FeatureCmd.GET_PAYLOAD;
    private static final long S = FeatureCmd.SET_PAYLOAD;

    /** ec2Default plus features 5, 6, 8, 30, 31 and 4 flow-steering slots, to reach every handler. */
    private static DeviceProfile everything() {
        DeviceProfile base = DeviceProfile.ec2Default();
        int features = base.attributes().supportedFeatures() | FeatureId.EXTRA_PROPERTIES_STRINGS.mask()
                | FeatureId.EXTRA_PROPERTIES_FLAGS.mask() | FeatureId.FRAG_BYPASS.mask()
                | FeatureId.FLOW_STEERING_CONFIG.mask() | FeatureId.HW_TIMESTAMP.mask()
                | FeatureId.MAX_QUEUES_NUM.mask();
        return base.toBuilder().supportedFeatures(features).flowSteeringMaxEntries(4)
                .extraProperties(new DeviceProfile.ExtraProperties(List.of("ena_srd", "big_llq"), 0x2)).build();
    }

    @Test
    void deviceAttributes() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            MemorySegment c = h.exec(getFeature(FeatureId.DEVICE_ATTRIBUTES.code()), OK);
            assertThat(DeviceAttributes.implId(c, G)).isZero();
            assertThat(DeviceAttributes.deviceVersion(c, G)).isEqualTo(0x201);
            assertThat(DeviceAttributes.supportedFeatures(c, G)).isEqualTo(0x2C14_5C9A);
            assertThat(DeviceAttributes.capabilities(c, G)).isEqualTo(0x1F);
            assertThat(DeviceAttributes.physAddrWidth(c, G)).isEqualTo(48);
            assertThat(DeviceAttributes.macAddr(c, G)).containsExactly(0x06, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E);
            assertThat(DeviceAttributes.maxMtu(c, G)).isEqualTo(9216);
        }
    }

    @Test
    void unadvertisedAndUndefinedFeaturesAreUnsupported() {
        try (TestHost h = TestHost.ready(DeviceProfile.minimal())) {
            for (int f : new int[] {3, 4, 7, 9, 10, 12, 13, 14, 18, 20, 27, 29, 30, 31}) {
                h.exec(getFeature(f), UNSUPPORTED);
                h.exec(setFeature(f), UNSUPPORTED);
            }
            h.exec(getFeature(FeatureId.MAX_QUEUES_NUM.code()), OK);
            // GET of SET-only features, SET of GET-only features
            h.exec(getFeature(FeatureId.HOST_ATTR_CONFIG.code()), UNSUPPORTED);
            h.exec(setFeature(FeatureId.DEVICE_ATTRIBUTES.code()), UNSUPPORTED);
            h.exec(setFeature(FeatureId.STATELESS_OFFLOAD_CONFIG.code()), UNSUPPORTED);
        }
    }

    @Test
    void queueLimitsExtendedAndLegacy() {
        try (TestHost h = TestHost.ready(everything())) {
            MemorySegment c = h.exec(getFeature(FeatureId.MAX_QUEUES_EXT.code()), OK);
            assertThat(MaxQueuesExt.version(c, G)).isEqualTo(1);
            assertThat(MaxQueuesExt.maxTxSqNum(c, G)).isEqualTo(32);
            assertThat(MaxQueuesExt.maxRxSqDepth(c, G)).isEqualTo(16384);
            assertThat(MaxQueuesExt.maxTxHeaderSize(c, G)).isEqualTo(128);
            assertThat(MaxQueuesExt.maxPerPacketTxDescs(c, G)).isEqualTo(32);
            c = h.exec(getFeature(FeatureId.MAX_QUEUES_NUM.code()), OK);
            assertThat(MaxQueues.maxSqNum(c, G)).isEqualTo(32);
            assertThat(MaxQueues.maxSqDepth(c, G)).isEqualTo(4096);
            assertThat(MaxQueues.maxHeaderSize(c, G)).isEqualTo(128);
            assertThat(MaxQueues.maxPacketRxDescs(c, G)).isEqualTo(19);
        }
    }

    @Test
    void hintsOffloadsModerationLinkPhcTimestampExtraProperties() {
        try (TestHost h = TestHost.ready(everything())) {
            MemorySegment c = h.exec(getFeature(FeatureId.HW_HINTS.code()), OK);
            assertThat(HwHints.driverWatchdogTimeout(c, G)).isEqualTo(6000);
            assertThat(HwHints.adminCompletionTxTimeout(c, G)).isEqualTo(3000);
            c = h.exec(getFeature(FeatureId.STATELESS_OFFLOAD_CONFIG.code()), OK);
            assertThat(StatelessOffload.tx(c, G)).isEqualTo(0x7F);
            assertThat(StatelessOffload.rxEnabled(c, G)).isEqualTo(0xF);
            c = h.exec(getFeature(FeatureId.INTERRUPT_MODERATION.code()), OK);
            assertThat(InterruptModeration.intrDelayResolution(c, G)).isEqualTo(1);
            c = h.exec(getFeature(FeatureId.LINK_CONFIG.code()), OK);
            assertThat(LinkConfig.speed(c, G)).isEqualTo(100_000);
            assertThat(LinkConfig.duplex(c, G)).isEqualTo(1);
            c = h.exec(getFeature(FeatureId.PHC_CONFIG.code()), OK);
            assertThat(PhcConfig.doorbellOffset(c, G)).isEqualTo(0x100);
            assertThat(PhcConfig.expireTimeoutUsec(c, G)).isEqualTo(1000);
            c = h.exec(getFeature(FeatureId.HW_TIMESTAMP.code()), OK);
            assertThat(HwTimestamp.rx(c, G)).isEqualTo(1);
            c = h.exec(getFeature(FeatureId.EXTRA_PROPERTIES_FLAGS.code()), OK);
            assertThat(ExtraPropertiesFlags.flags(c, G)).isEqualTo(2);
            DmaBuffer buf = h.dma.allocate(1024);
            c = h.exec(withBuffer(getFeature(FeatureId.EXTRA_PROPERTIES_STRINGS.code()), buf, 1024), OK);
            assertThat(ExtraPropertiesStrings.count(c, G)).isEqualTo(2);
            assertThat(ExtraPropertiesStrings.string(buf.segment(), 0, 1)).isEqualTo("big_llq");
        }
    }

    @Test
    void llqGetAndSetValidation() {
        try (TestHost h = TestHost.ready(DeviceProfile.referenceVectors())) {
            MemorySegment c = h.exec(getFeature(FeatureId.LLQ.code()), OK);
            assertThat(LlqFeature.maxLlqNum(c, G)).isEqualTo(32);
            assertThat(LlqFeature.entrySizeCtrlSupported(c, G)).isEqualTo(5);
            assertThat(LlqFeature.entrySizeCtrlEnabled(c, G)).isZero();
            assertThat(LlqFeature.featureVersion(c, G)).isEqualTo(1);
            assertThat(LlqFeature.accelModeMaxTxBurstSize(c, G)).isEqualTo(2048);
            h.exec(llqSet(1, 2, 2, 2), ILLEGAL); // 192-byte entries not supported
            assertThat(h.model.llqConfig()).isNull();
            h.exec(llqSet(2, 1, 2, 2), ILLEGAL); // header ring not supported
            h.exec(llqSet(1, 1, 3, 2), ILLEGAL); // 3 descriptors before header: not a code
            h.exec(llqSet(1, 1, 8, 2), ILLEGAL); // 8 × 16 B leaves no header room in 128 B
            h.exec(llqSet(1, 1, 2, 0), ILLEGAL); // inline needs a stride
            h.exec(llqSet(1, 4, 8, 1), OK);
            assertThat(h.model.llqConfig()).isEqualTo(new EnaDeviceModel.LlqConfig(1, 4, 8, 1, 3));
            c = h.exec(getFeature(FeatureId.LLQ.code()), OK);
            assertThat(LlqFeature.entrySizeCtrlEnabled(c, G)).isEqualTo(4);
        }
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default().toBuilder().pci(
                new DeviceProfile.Pci(0xEC20, false, false)).build())) {
            h.exec(llqSet(1, 1, 2, 2), UNSUPPORTED); // LLQ advertised, but no BAR 2
        }
    }

    private static MemorySegment llqSet(int hl, int es, int dbh, int stride) {
        MemorySegment s = setFeature(FeatureId.LLQ.code());
        LlqFeature.headerLocationCtrlEnabled(s, S, hl);
        LlqFeature.entrySizeCtrlEnabled(s, S, es);
        LlqFeature.descNumBeforeHeaderEnabled(s, S, dbh);
        LlqFeature.descriptorsStrideCtrlEnabled(s, S, stride);
        LlqFeature.accelModeEnabledFlags(s, S, 3);
        return s;
    }

    @Test
    void mtuRange() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            for (int[] t : new int[][] {{127, ILLEGAL}, {128, OK}, {9216, OK}, {9217, ILLEGAL}, {1500, OK}}) {
                MemorySegment s = setFeature(FeatureId.MTU.code());
                Mtu.mtu(s, S, t[0]);
                h.exec(s, t[1]);
            }
            assertThat(h.model.mtu()).isEqualTo(1500);
        }
    }

    @Test
    void aenqGroupsMustBeSupported() {
        try (TestHost h = TestHost.ready(DeviceProfile.minimal())) {
            MemorySegment c = h.exec(getFeature(FeatureId.AENQ_CONFIG.code()), OK);
            assertThat(AenqConfig.supportedGroups(c, G)).isEqualTo(0x13);
            MemorySegment s = setFeature(FeatureId.AENQ_CONFIG.code());
            AenqConfig.enabledGroups(s, S, 0xDF);
            h.exec(s, ILLEGAL);
            AenqConfig.enabledGroups(s, S, 0x13);
            h.exec(s, OK);
            assertThat(h.model.enabledAenqGroups()).isEqualTo(0x13);
            c = h.exec(getFeature(FeatureId.AENQ_CONFIG.code()), OK);
            assertThat(AenqConfig.enabledGroups(c, G)).isEqualTo(0x13);
        }
    }

    @Test
    void rssHashFunctionAndKey() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            DmaBuffer buf = h.dma.allocate(48);
            MemorySegment c = h.exec(withBuffer(getFeature(FeatureId.RSS_HASH_FUNCTION.code()), buf, 48), OK);
            assertThat(RssHashFunction.supportedFunc(c, G)).isEqualTo(0x6);
            assertThat(RssHashFunction.selectedFunc(c, G)).isEqualTo(0x2);
            assertThat(RssHashKey.keyParts(buf.segment(), 0)).isEqualTo(10);
            assertThat(RssHashKey.key(buf.segment(), 0)[0]).isEqualTo((byte) 0xA0);
            h.exec(withBuffer(getFeature(FeatureId.RSS_HASH_FUNCTION.code()), buf, 40), MALFORMED);

            byte[] key = new byte[40];
            for (int i = 0; i < 40; i++) {
                key[i] = (byte) i;
            }
            RssHashKey.key(buf.segment(), 0, key);
            MemorySegment s = withBuffer(setFeature(FeatureId.RSS_HASH_FUNCTION.code()), buf, 48);
            RssHashFunction.selectedFunc(s, S, 0x6); // two functions at once
            h.exec(s, ILLEGAL);
            RssHashFunction.selectedFunc(s, S, 0x8); // unsupported function
            h.exec(s, ILLEGAL);
            RssHashFunction.selectedFunc(s, S, 0x4);
            RssHashFunction.initVal(s, S, 0xFFFF_FFFF);
            RssHashKey.keyParts(buf.segment(), 0, 9);
            h.exec(s, ILLEGAL); // key_parts must be 10
            RssHashKey.keyParts(buf.segment(), 0, 10);
            h.exec(s, OK);
            MemorySegment noKey = setFeature(FeatureId.RSS_HASH_FUNCTION.code());
            RssHashFunction.selectedFunc(noKey, S, 0x2);
            h.exec(noKey, MALFORMED); // no key buffer
            EnaDeviceModel.RssConfig rss = h.model.rssConfig();
            assertThat(rss.function()).isEqualTo(RssHashFunction.CRC32);
            assertThat(rss.initVal()).isEqualTo(0xFFFF_FFFF);
            assertThat(rss.key()).isEqualTo(key);
        }
    }

    @Test
    void rssIndirectionTableEntriesMustNameRxSqs() {
        try (TestHost h = TestHost.ready(DeviceProfile.referenceVectors())) {
            long r = h.dma.allocate(1 << 16).ioAddress();
            h.exec(TestHost.createCq(4, 256, 1, r), OK);
            h.exec(TestHost.createSq(2, 1, 0, 256, r), OK); // Rx SQ 16
            h.exec(TestHost.createCq(2, 256, 1, r), OK);
            h.exec(TestHost.createSq(1, 1, 1, 256, r), OK); // Tx SQ 17
            MemorySegment c = h.exec(getFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code()), OK);
            assertThat(RssIndirectionTable.minSize(c, G)).isEqualTo(4);
            assertThat(RssIndirectionTable.maxSize(c, G)).isEqualTo(8);
            assertThat(RssIndirectionTable.size(c, G)).isEqualTo(7);
            assertThat(RssIndirectionTable.inlineIndex(c, G)).isEqualTo(-1);

            DmaBuffer buf = h.dma.allocate(4 << 8);
            for (int i = 0; i < 32; i++) {
                RssIndirectionEntry.cqIdx(buf.segment(), RssIndirectionEntry.offset(i), 16);
            }
            MemorySegment s = withBuffer(setFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code()), buf, 128);
            RssIndirectionTable.inlineIndex(s, S, RssIndirectionTable.INLINE_INDEX_NONE);
            RssIndirectionTable.size(s, S, 5);
            h.exec(s, OK);
            assertThat(h.model.rssConfig().tableLog2()).isEqualTo(5);
            assertThat(h.model.rssConfig().table()).containsOnly(16);
            RssIndirectionEntry.cqIdx(buf.segment(), RssIndirectionEntry.offset(3), 17); // a Tx SQ
            h.exec(s, ILLEGAL);
            RssIndirectionTable.size(s, S, 3); // below min
            h.exec(s, ILLEGAL);
            RssIndirectionTable.size(s, S, 9); // above max
            h.exec(s, ILLEGAL);
            RssIndirectionTable.size(s, S, 6);
            h.exec(s, MALFORMED); // 64 entries need 256 bytes, buffer says 128
            // single-entry update needs ONE_ENTRY_UPDATE, which this device lacks
            MemorySegment one = setFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code());
            RssIndirectionTable.inlineIndex(one, S, 2);
            RssIndirectionTable.inlineEntryCqIdx(one, S, 16);
            h.exec(one, ILLEGAL);
            // read-back
            buf.segment().fill((byte) 0);
            h.exec(withBuffer(getFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code()), buf, 128), OK);
            assertThat(RssIndirectionEntry.cqIdx(buf.segment(), RssIndirectionEntry.offset(31))).isEqualTo(16);
        }
    }

    @Test
    void rssHashInputSelectionsMustBeSupported() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            DmaBuffer buf = h.dma.allocate(256);
            MemorySegment c = h.exec(withBuffer(getFeature(FeatureId.RSS_HASH_INPUT.code()), buf, 256), OK);
            assertThat(RssHashInput.supportedInputSort(c, G)).isEqualTo(6);
            assertThat(RssHashInputTable.supportedFields(buf.segment(), 0, 9)).isEqualTo(0x3F);
            assertThat(RssHashInputTable.selectedFields(buf.segment(), 0, 0)).isEqualTo(0x3C);
            assertThat(RssHashInputTable.selectedFields(buf.segment(), 0, 1)).isEqualTo(0x0C);
            RssHashInputTable.selectedFields(buf.segment(), 0, RssHashInputTable.PROTO_NOT_IP, 0x03);
            MemorySegment s = withBuffer(setFeature(FeatureId.RSS_HASH_INPUT.code()), buf, 256);
            RssHashInput.enabledInputSort(s, S, 0x6);
            h.exec(s, OK);
            assertThat(h.model.rssConfig().selectedFields()[RssHashInputTable.PROTO_NOT_IP]).isEqualTo(3);
            assertThat(h.model.rssConfig().inputSort()).isEqualTo(6);
            RssHashInput.enabledInputSort(s, S, 0x1); // not a sort bit
            h.exec(s, ILLEGAL);
            RssHashInput.enabledInputSort(s, S, 0x6);
            RssHashInputTable.selectedFields(buf.segment(), 0, 4, 0x40); // beyond the six field bits
            h.exec(s, ILLEGAL);
            h.exec(withBuffer(setFeature(FeatureId.RSS_HASH_INPUT.code()), buf, 200), MALFORMED);
        }
    }

    @Test
    void hostInfoIsDecodedAndUnreachablePagesRefused() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            DmaBuffer page = h.dma.allocate(4096);
            MemorySegment p = page.segment();
            HostInfo.osType(p, 0, HostInfo.OS_LINUX);
            HostInfo.osDistStr(p, 0, "6.1.0-generic");
            HostInfo.kernelVer(p, 0, (6 << 16) | (1 << 8));
            HostInfo.driverVersion(p, 0, HostInfo.driverVersionValue(2, 17, 0, 'g'));
            HostInfo.enaSpecVersion(p, 0, HostInfo.ENA_SPEC_VERSION);
            HostInfo.numCpus(p, 0, 8);
            HostInfo.driverSupportedFeatures(p, 0, HostInfo.LINUX_DRIVER_SUPPORTED_FEATURES);
            MemorySegment s = setFeature(FeatureId.HOST_ATTR_CONFIG.code());
            HostAttrConfig.osInfoBa(s, S, page.ioAddress());
            h.exec(s, OK);
            EnaDeviceModel.HostInfoView hi = h.model.hostInfo();
            assertThat(hi.osType()).isEqualTo(1);
            assertThat(hi.osDistStr()).isEqualTo("6.1.0-generic");
            assertThat(hi.driverVersion()).isEqualTo(0x6700_1102);
            assertThat(hi.driverVersionMajor()).isEqualTo(2);
            assertThat(hi.driverVersionMinor()).isEqualTo(17);
            assertThat(hi.driverVersionModuleType()).isEqualTo('g');
            assertThat(hi.enaSpecVersion()).isEqualTo(0x0200);
            assertThat(hi.numCpus()).isEqualTo(8);
            assertThat(hi.driverSupportedFeatures()).isEqualTo(0x3DE);
            // the driver rewrites supported_network_features every second: the view is live
            p.set(io.ena4j.spec.Le.U64, HostInfo.SUPPORTED_NETWORK_FEATURES_OFFSET, 0x1234L);
            assertThat(h.model.hostInfo().supportedNetworkFeatures()).isEqualTo(0x1234L);

            MemorySegment bad = setFeature(FeatureId.HOST_ATTR_CONFIG.code());
            HostAttrConfig.osInfoBa(bad, S, 0x7_0000_0000L);
            h.exec(bad, ILLEGAL);
            HostAttrConfig.osInfoBa(bad, S, page.ioAddress());
            HostAttrConfig.debugBa(bad, S, page.ioAddress() + 4096);
            HostAttrConfig.debugAreaSize(bad, S, 512);
            h.exec(bad, ILLEGAL); // debug area beyond the mapping (guard page)
            assertThat(h.model.counters().unreachableHostAddresses()).isEqualTo(2);
            assertThat(h.model.fatalError()).as("refused, not fatal").isFalse();
            assertThat(h.model.hostInfoAddress()).isEqualTo(page.ioAddress());
        }
    }

    @Test
    void phcConfigAndDoorbell() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            DmaBuffer out = h.dma.allocate(64);
            h.w(0x100, 1); // doorbell before configuration: ignored
            assertThat(h.model.counters().phcRequests()).isZero();
            MemorySegment s = setFeature(FeatureId.PHC_CONFIG.code());
            PhcConfig.outputAddress(s, S, out.ioAddress());
            PhcConfig.outputLength(s, S, 16);
            h.exec(s, ILLEGAL); // too short for the response
            PhcConfig.outputLength(s, S, 64);
            h.exec(s, OK);
            assertThat(h.model.phcEnabled()).isTrue();
            h.clock.advance(5_000);
            PhcResponse.reqId(out.segment(), 0, 0xDEAD + 7);
            h.w(0x100, 7);
            assertThat(PhcResponse.reqId(out.segment(), 0)).isEqualTo(7);
            assertThat(PhcResponse.timestamp(out.segment(), 0)).isEqualTo(5_000);
            assertThat(PhcResponse.errorBound(out.segment(), 0)).isEqualTo(250);
            assertThat(PhcResponse.errorFlags(out.segment(), 0)).isZero();
            assertThat(h.model.counters().phcRequests()).isEqualTo(1);
        }
    }

    @Test
    void flowSteeringAddRemove() {
        try (TestHost h = TestHost.ready(everything())) {
            DmaBuffer rule = h.dma.allocate(128);
            FlowSteeringRule.dstPort(rule.segment(), 0, 443);
            MemorySegment add = withBuffer(setFeature(FeatureId.FLOW_STEERING_CONFIG.code()), rule, 128);
            FlowSteering.action(add, S, FlowSteering.ACTION_ADD);
            FlowSteering.flowType(add, S, FlowSteering.FLOW_TYPE_TCP_IPV4);
            FlowSteering.rxQIdx(add, S, 3);
            FlowSteering.ruleLocation(add, S, FlowSteering.RULE_LOCATION_ANY);
            MemorySegment c = h.exec(add, OK);
            assertThat(FlowSteering.responseRuleLocation(c, G)).isZero();
            c = h.exec(add, OK);
            assertThat(FlowSteering.responseRuleLocation(c, G)).isEqualTo(1);
            FlowSteering.ruleLocation(add, S, 3);
            h.exec(add, OK);
            c = h.exec(getFeature(FeatureId.DEVICE_ATTRIBUTES.code()), OK);
            assertThat(DeviceAttributes.flowSteeringMaxEntries(c, G)).isEqualTo(4);
            FlowSteering.ruleLocation(add, S, 4);
            h.exec(add, ILLEGAL); // beyond flow_steering_max_entries
            FlowSteering.ruleLocation(add, S, FlowSteering.RULE_LOCATION_ANY);
            h.exec(add, OK); // slot 2
            h.exec(add, AdminStatus.RESOURCE_ALLOCATION_FAILURE.code()); // full
            FlowSteering.flowType(add, S, 0);
            h.exec(add, ILLEGAL);
            assertThat(h.model.flowSteeringRules()).extracting(EnaDeviceModel.FlowRule::location)
                    .containsExactly(0, 1, 2, 3);
            assertThat(FlowSteeringRule.dstPort(MemorySegment.ofArray(h.model.flowSteeringRules().get(3).params()),
                    0)).isEqualTo(443);
            MemorySegment remove = setFeature(FeatureId.FLOW_STEERING_CONFIG.code());
            FlowSteering.action(remove, S, FlowSteering.ACTION_REMOVE);
            FlowSteering.ruleLocation(remove, S, 1);
            h.exec(remove, OK);
            h.exec(remove, ILLEGAL); // already empty
            FlowSteering.action(remove, S, FlowSteering.ACTION_REMOVE_ALL);
            h.exec(remove, OK);
            assertThat(h.model.flowSteeringRules()).isEmpty();
        }
    }

    @Test
    void hwTimestampAndFragBypass() {
        try (TestHost h = TestHost.ready(everything())) {
            MemorySegment s = setFeature(FeatureId.HW_TIMESTAMP.code());
            HwTimestamp.tx(s, S, 1); // Tx timestamping not supported by this device
            h.exec(s, ILLEGAL);
            HwTimestamp.tx(s, S, 0);
            HwTimestamp.rx(s, S, 1);
            h.exec(s, OK);
            assertThat(h.model.hwTimestamping()).containsExactly(0, 1);
            MemorySegment f = setFeature(FeatureId.FRAG_BYPASS.code());
            FragBypass.enable(f, S, 2);
            h.exec(f, ILLEGAL);
            FragBypass.enable(f, S, 1);
            h.exec(f, OK);
            assertThat(h.model.fragBypass()).isTrue();
        }
    }
}

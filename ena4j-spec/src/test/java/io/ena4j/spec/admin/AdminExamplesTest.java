package io.ena4j.spec.admin;

import io.ena4j.spec.TestBytes;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of management.md §6.9: the first two admin commands after setup, byte for byte. */
class AdminExamplesTest {

    private static final long HOST_INFO = 0x1_1000_4000L;

    @Test
    void slot0SetHostAttributes() {
        MemorySegment s = TestBytes.zeroed(64);
        AqEntry.commandId(s, 0, 0);
        AqEntry.opcode(s, 0, AdminOpcode.SET_FEATURE.code());
        AqEntry.phase(s, 0, 1);
        FeatureCmd.featureId(s, 0, FeatureId.HOST_ATTR_CONFIG.code());
        HostAttrConfig.osInfoBa(s, FeatureCmd.SET_PAYLOAD, HOST_INFO);

        byte[] expected = new byte[64];
        expected[2] = 0x09;                // SET_FEATURE
        expected[3] = 0x01;                // phase 1
        expected[17] = 0x1C;               // feature 28
        expected[20] = 0x00;               // os_info_ba low u32 LE: 0x10004000
        expected[21] = 0x40;
        expected[22] = 0x00;
        expected[23] = 0x10;
        expected[24] = 0x01;               // bits 47:32 = 0x0001
        assertThat(TestBytes.prefix(s, 64)).isEqualTo(expected);
    }

    @Test
    void slot1GetDeviceAttributes() {
        MemorySegment s = TestBytes.zeroed(64);
        AqEntry.commandId(s, 0, 1);
        AqEntry.opcode(s, 0, AdminOpcode.GET_FEATURE.code());
        AqEntry.phase(s, 0, 1);
        FeatureCmd.featureId(s, 0, FeatureId.DEVICE_ATTRIBUTES.code());
        byte[] expected = new byte[64];
        expected[0] = 0x01;
        expected[2] = 0x08;
        expected[3] = 0x01;
        expected[17] = 0x01;
        assertThat(TestBytes.prefix(s, 64)).isEqualTo(expected);
    }

    @Test
    void acqAnswers() {
        MemorySegment a0 = TestBytes.of(TestBytes.hex("00000001" + "00".repeat(60)));
        assertThat(AcqEntry.commandId(a0, 0)).isZero();
        assertThat(AcqEntry.status(a0, 0)).isEqualTo(AdminStatus.SUCCESS.code());
        assertThat(AcqEntry.phase(a0, 0)).isEqualTo(1);
        MemorySegment a1 = TestBytes.of(TestBytes.hex("01000001" + "00".repeat(60)));
        assertThat(AcqEntry.commandId(a1, 0)).isEqualTo(1);
        assertThat(AcqEntry.phase(a1, 0)).isEqualTo(1);

        MemorySegment built = TestBytes.zeroed(64);
        AcqEntry.commandId(built, 0, 1);
        AcqEntry.status(built, 0, 0);
        AcqEntry.phase(built, 0, 1);
        assertThat(TestBytes.prefix(built, 64)).isEqualTo(TestBytes.prefix(a1, 64));
    }

    @Test
    void commandIdKeepsReservedBitsAndPhaseKeepsOtherFlags() {
        MemorySegment s = TestBytes.of(TestBytes.hex("ffffffff"));
        AqEntry.commandId(s, 0, 0x1005);          // over-wide: only 0x005 lands, bits 15:12 stay set
        AqEntry.phase(s, 0, 0);
        assertThat(TestBytes.hex(TestBytes.prefix(s, 4))).isEqualTo("05f0fffe");
        assertThat(AqEntry.ctrlDataIndirect(s, 0)).isEqualTo(1);
    }
}

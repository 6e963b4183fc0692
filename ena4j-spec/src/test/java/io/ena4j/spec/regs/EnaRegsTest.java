package io.ena4j.spec.regs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.spec.VectorFiles;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Register map and helpers: spec worked examples (management.md §3, §5.2) and the register trace vectors. */
class EnaRegsTest {

    /** Register names as the trace spells them, mapped to our offsets. */
    private static final Map<String, Integer> OFFSETS = Map.ofEntries(
            entry("VERSION", EnaRegs.VERSION_OFF),
            entry("CONTROLLER_VERSION", EnaRegs.CONTROLLER_VERSION_OFF),
            entry("CAPS", EnaRegs.CAPS_OFF),
            entry("CAPS_EXT", EnaRegs.CAPS_EXT_OFF),
            entry("AQ_BASE_LO", EnaRegs.AQ_BASE_LO_OFF),
            entry("AQ_BASE_HI", EnaRegs.AQ_BASE_HI_OFF),
            entry("AQ_CAPS", EnaRegs.AQ_CAPS_OFF),
            entry("ACQ_BASE_LO", EnaRegs.ACQ_BASE_LO_OFF),
            entry("ACQ_BASE_HI", EnaRegs.ACQ_BASE_HI_OFF),
            entry("ACQ_CAPS", EnaRegs.ACQ_CAPS_OFF),
            entry("AQ_DB", EnaRegs.AQ_DB_OFF),
            entry("ACQ_TAIL", EnaRegs.ACQ_TAIL_OFF),
            entry("AENQ_CAPS", EnaRegs.AENQ_CAPS_OFF),
            entry("AENQ_BASE_LO", EnaRegs.AENQ_BASE_LO_OFF),
            entry("AENQ_BASE_HI", EnaRegs.AENQ_BASE_HI_OFF),
            entry("AENQ_HEAD_DB", EnaRegs.AENQ_HEAD_DB_OFF),
            entry("AENQ_TAIL", EnaRegs.AENQ_TAIL_OFF),
            entry("INTR_MASK", EnaRegs.INTR_MASK_OFF),
            entry("DEV_CTL", EnaRegs.DEV_CTL_OFF),
            entry("DEV_STS", EnaRegs.DEV_STS_OFF),
            entry("MMIO_REG_READ", EnaRegs.MMIO_REG_READ_OFF),
            entry("MMIO_RESP_LO", EnaRegs.MMIO_RESP_LO_OFF),
            entry("MMIO_RESP_HI", EnaRegs.MMIO_RESP_HI_OFF),
            entry("RSS_IND_ENTRY_UPDATE", EnaRegs.RSS_IND_ENTRY_UPDATE_OFF));

    @Test
    void devCtlWorkedExamples() {
        // §5.2 examples.
        assertThat(EnaRegs.devCtlResetValue(ResetReason.NORMAL.code(), false)).isEqualTo(0x00000001);
        assertThat(EnaRegs.devCtlResetValue(ResetReason.NORMAL.code(), true)).isEqualTo(0x00000001);
        assertThat(EnaRegs.devCtlResetValue(ResetReason.SHUTDOWN.code(), false)).isEqualTo(0xB0000001);
        assertThat(EnaRegs.devCtlResetValue(ResetReason.SHUTDOWN.code(), true)).isEqualTo(0xB0000001);
        assertThat(EnaRegs.devCtlResetValue(ResetReason.MISS_FIRST_INTERRUPT.code(), true)).isEqualTo(0x41000001);
        assertThat(EnaRegs.devCtlResetValue(ResetReason.MISS_FIRST_INTERRUPT.code(), false)).isEqualTo(0xD0000001);
        assertThat(EnaRegs.devCtlResetReason(0x41000001)).isEqualTo(20);
        assertThat(EnaRegs.devCtlResetReason(0xB0000001)).isEqualTo(11);
    }

    @Property
    void devCtlReasonRoundTripsWithExtendedReasons(@ForAll @IntRange(min = 0, max = 255) int reason) {
        int v = EnaRegs.devCtlResetValue(reason, true);
        assertThat(v & EnaRegs.DEV_CTL_DEV_RESET_MASK).isEqualTo(1);
        assertThat(v & 0x00FF_FFFE).isZero();
        assertThat(EnaRegs.devCtlResetReason(v)).isEqualTo(reason);
        int legacy = EnaRegs.devCtlResetValue(reason, false);
        assertThat(EnaRegs.devCtlResetReason(legacy)).isEqualTo(reason < 16 ? reason : ResetReason.GENERIC.code());
    }

    @Test
    void devCtlMatchesEveryResetInTheTrace() {
        int checked = 0;
        for (JsonNode line : VectorFiles.lines("init_trace.jsonl")) {
            if (!line.path("scenario").asText().equals("ena_com_dev_reset") || line.path("rc").asInt() != 0) {
                continue;
            }
            int reason = line.path("args").path("reset_reason").asInt();
            boolean ext = line.path("args").path("cap_extended_reset_reasons").asBoolean(false);
            List<Integer> writes = line.path("events").valueStream()
                    .filter(e -> "DEV_CTL".equals(e.path("reg").asText()))
                    .map(e -> (int) e.path("value").asLong()).toList();
            assertThat(writes).as("reason %d ext %s", reason, ext)
                    .containsExactly(EnaRegs.devCtlResetValue(reason, ext), 0);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void queueCapsValues() {
        // §3.5 values written by the reference driver.
        assertThat(EnaRegs.queueCaps(32, 64)).isEqualTo(0x00400020).isEqualTo(EnaRegs.AQ_CAPS_VALUE);
        assertThat(EnaRegs.queueCaps(EnaRegs.ACQ_DEPTH, EnaRegs.ADMIN_ENTRY_SIZE)).isEqualTo(EnaRegs.ACQ_CAPS_VALUE);
        assertThat(EnaRegs.queueCaps(16, 64)).isEqualTo(0x00400010).isEqualTo(EnaRegs.AENQ_CAPS_VALUE);
        assertThat(EnaRegs.queueCapsDepth(0x00400010)).isEqualTo(16);
        assertThat(EnaRegs.queueCapsEntrySize(0x00400010)).isEqualTo(64);
        assertThat(EnaRegs.queueCaps(0x1_0010, 64)).as("depth masked").isEqualTo(0x00400010);
    }

    @Test
    void capsDecodeOfTheVectorDevice() {
        int caps = 0x00033015;
        assertThat(EnaRegs.capsContiguous(caps)).isEqualTo(1);
        assertThat(EnaRegs.capsResetTimeout(caps)).isEqualTo(10);
        assertThat(EnaRegs.capsDmaWidth(caps)).isEqualTo(48);
        assertThat(EnaRegs.capsAdminTimeout(caps)).isEqualTo(3);
        assertThat(EnaRegs.capsAdminTimeoutUs(caps)).isEqualTo(300_000);
        assertThat(EnaRegs.capsAdminTimeoutUs(caps & ~EnaRegs.CAPS_ADMIN_CMD_TO_MASK)).isEqualTo(3_000_000);
        assertThat(EnaRegs.caps(1, 10, 48, 3)).isEqualTo(caps);
        assertThat(EnaRegs.capsResetTimeout(0xFFFFFFFF)).isEqualTo(31);
        assertThat(EnaRegs.capsDmaWidth(0xFFFFFFFF)).isEqualTo(255);
        assertThat(EnaRegs.capsAdminTimeout(0xFFFFFFFF)).isEqualTo(15);
    }

    @Test
    void versions() {
        assertThat(EnaRegs.versionMajor(0x201)).isEqualTo(2);
        assertThat(EnaRegs.versionMinor(0x201)).isEqualTo(1);
        int cv = 0xAB030201;
        assertThat(EnaRegs.controllerVersionImplId(cv)).isEqualTo(0xAB);
        assertThat(EnaRegs.controllerVersionMajor(cv)).isEqualTo(3);
        assertThat(EnaRegs.controllerVersionMinor(cv)).isEqualTo(2);
        assertThat(EnaRegs.controllerVersionSubminor(cv)).isEqualTo(1);
        assertThat(EnaRegs.controllerVersionValid(0x00000001)).isTrue();
        assertThat(EnaRegs.controllerVersionValid(0x00000000)).isFalse();
        assertThat(EnaRegs.controllerVersionValid(0xFF000000)).as("impl id ignored").isFalse();
    }

    @Test
    void traceRegisterNamesUseOurOffsetsAndCapsValues() {
        int checked = 0;
        for (JsonNode line : VectorFiles.lines("init_trace.jsonl")) {
            for (JsonNode e : line.path("events")) {
                String op = e.path("op").asText();
                if (!op.equals("write") && !op.equals("read")) {
                    continue;
                }
                String reg = e.path("reg").asText();
                int off = e.path("offset").asInt();
                if (OFFSETS.containsKey(reg)) {
                    assertThat(off).as(reg).isEqualTo(OFFSETS.get(reg));
                    checked++;
                }
                int value = (int) e.path("value").asLong();
                switch (reg) {
                    case "AQ_CAPS" -> assertThat(value).isEqualTo(EnaRegs.AQ_CAPS_VALUE);
                    case "ACQ_CAPS" -> assertThat(value).isEqualTo(EnaRegs.ACQ_CAPS_VALUE);
                    case "AENQ_CAPS" -> assertThat(value).isEqualTo(EnaRegs.AENQ_CAPS_VALUE);
                    default -> { }
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void readlessRequestsMatchTheTrace() {
        int checked = 0;
        for (JsonNode line : VectorFiles.lines("init_trace.jsonl")) {
            for (JsonNode e : line.path("events")) {
                if (e.has("readless_req_id")) {
                    int value = (int) e.path("value").asLong();
                    int reqId = e.path("readless_req_id").asInt();
                    int regOff = e.path("readless_reg_off").asInt();
                    assertThat(EnaRegs.mmioReadRequest(regOff, reqId)).isEqualTo(value);
                    assertThat(EnaRegs.mmioReadReqId(value)).isEqualTo(reqId);
                    assertThat(EnaRegs.mmioReadRegOff(value)).isEqualTo(regOff);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void baseAddressSplit() {
        long a = 0x1_1000_4000L;
        assertThat(EnaRegs.addrLo(a)).isEqualTo(0x1000_4000);
        assertThat(EnaRegs.addrHi(a)).isEqualTo(1);
        assertThat(EnaRegs.addr(0x9000_0000, 0x1234)).isEqualTo(0x1234_9000_0000L);
        assertThat(EnaRegs.rssIndEntryUpdate(5, 17)).isEqualTo(0x0011_0005);
    }

    @Test
    void resetReasons() {
        ResetReason[] all = ResetReason.values();
        assertThat(all).hasSize(21);
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i].code()).isEqualTo(i);
            assertThat(ResetReason.of(i)).isSameAs(all[i]);
        }
        assertThat(ResetReason.of(-1)).isNull();
        assertThat(ResetReason.of(21)).isNull();
        assertThat(ResetReason.of(Integer.MIN_VALUE)).isNull();
        assertThat(ResetReason.KEEP_ALIVE_TO.label()).isEqualTo("keep_alive_to");
        assertThat(ResetReason.ADMIN_TO.label()).isEqualTo("admin_to");
        assertThat(ResetReason.MISS_TX_CMPL.label()).isEqualTo("miss_tx_cmpl");
        assertThat(ResetReason.INV_RX_REQ_ID.label()).isEqualTo("inv_rx_req_id");
        assertThat(ResetReason.MISS_FIRST_INTERRUPT.label()).isEqualTo("miss_first_interrupt");
        assertThat(ResetReason.GENERIC.code()).isEqualTo(13);
        assertThat(ResetReason.DEVICE_REQUEST.code()).isEqualTo(19);
    }

    @Test
    void pciIdentity() {
        for (int dev : new int[] {0x0EC2, 0x1EC2, 0xEC20, 0xEC21, 0x0051}) {
            assertThat(PciIds.isEna(0x1D0F, dev)).as("%04x", dev).isTrue();
            assertThat(PciIds.isEna(0x8086, dev)).isFalse();
        }
        assertThat(PciIds.isEna(0x1D0F, 0x0EC3)).isFalse();
        assertThat(PciIds.readlessDisabled(0x01)).isTrue();
        assertThat(PciIds.readlessDisabled(0xFE)).isFalse();
        assertThat(PciIds.ioVector(0)).isEqualTo(1);
    }

    @Test
    void intrUnmaskBitPositions() {
        assertThat(IntrUnmask.value(0, 0, 1, 0)).isEqualTo(0x4000_0000);
        assertThat(IntrUnmask.value(0, 0, 0, 1)).isEqualTo(0x8000_0000);
        assertThat(IntrUnmask.value(0x7FFF, 0, 0, 0)).isEqualTo(0x0000_7FFF);
        assertThat(IntrUnmask.value(0, 0x7FFF, 0, 0)).isEqualTo(0x3FFF_8000);
        assertThat(IntrUnmask.value(0x8000, 0x8000, 2, 2)).as("over-wide values masked").isZero();
        assertThat(IntrUnmask.value(20, 64, 1, 0)).isEqualTo(0x4000_0000 | (64 << 15) | 20);
    }

    @Property
    void intrUnmaskRoundTrip(@ForAll @IntRange(min = 0, max = 0x7FFF) int rx,
                             @ForAll @IntRange(min = 0, max = 0x7FFF) int tx,
                             @ForAll @IntRange(min = 0, max = 1) int unmask,
                             @ForAll @IntRange(min = 0, max = 1) int nmu) {
        int v = IntrUnmask.value(rx, tx, unmask, nmu);
        assertThat(IntrUnmask.rxDelay(v)).isEqualTo(rx);
        assertThat(IntrUnmask.txDelay(v)).isEqualTo(tx);
        assertThat(IntrUnmask.unmask(v)).isEqualTo(unmask);
        assertThat(IntrUnmask.noModerationUpdate(v)).isEqualTo(nmu);
    }

    @Test
    void numaRegister() {
        assertThat(NumaReg.value(3, 1)).isEqualTo(0x8000_0003);
        assertThat(NumaReg.value(0x1FF, 0)).isEqualTo(0xFF);
        assertThat(NumaReg.node(0x8000_0007)).isEqualTo(7);
        assertThat(NumaReg.enabled(0x8000_0007)).isEqualTo(1);
        assertThat(NumaReg.enabled(0x7FFF_FFFF)).isZero();
    }
}

package io.ena4j.driver.com;

import io.ena4j.spec.Le;
import io.ena4j.spec.admin.HostInfo;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host-info page of management.md §12.1, written into real off-heap memory. */
class HostInfoWriterTest {

    private final MemorySegment page = Arena.ofAuto().allocate(4096, 4096);

    @Test
    void everyFieldLandsAtItsOffsetLittleEndian() {
        page.fill((byte) 0x55); // stale content must be cleared
        HostInfoWriter.Content info = new HostInfoWriter.Content(3, "ena4j 0.1.0", 7, "Linux 6.1.0", 0x060100,
                HostInfoWriter.driverVersion(0, 1, 0, 'j'), 0x1_0000_0002L, 0x0200, HostInfoWriter.bdf(1, 6, 2), 48,
                HostInfoWriter.ENA4J_FEATURES);
        HostInfoWriter.write(page, info);
        byte[] b = page.asSlice(0, 196).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        assertThat(b[0]).isEqualTo((byte) 3);
        assertThat(new String(b, 4, 11, StandardCharsets.US_ASCII)).isEqualTo("ena4j 0.1.0");
        assertThat(b[15]).isZero();
        assertThat(Le.u32(page, 132)).isEqualTo(7);
        assertThat(new String(b, 136, 11, StandardCharsets.US_ASCII)).isEqualTo("Linux 6.1.0");
        assertThat(Le.u32(page, 168)).isEqualTo(0x060100);
        assertThat(new byte[] {b[172], b[173], b[174], b[175]}).containsExactly(0, 1, 0, 'j');
        assertThat(Le.u32(page, 176)).isEqualTo(2);
        assertThat(Le.u32(page, 180)).isEqualTo(1);
        assertThat(new byte[] {b[184], b[185]}).containsExactly(0x00, 0x02);
        assertThat(Le.u16(page, 186)).isEqualTo(0x0132);
        assertThat(Le.u16(page, 188)).isEqualTo(48);
        assertThat(Le.u16(page, 190)).isZero();
        assertThat(Le.u32(page, 192)).isEqualTo(0x12);
        for (long i = 196; i < 4096; i++) {
            assertThat(page.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i)).as("byte %d", i).isZero();
        }
    }

    @Test
    void stringsAreTruncatedWithRoomForTheTerminator() {
        String longName = "x".repeat(200);
        HostInfoWriter.write(page, new HostInfoWriter.Content(3, longName, 0, longName, 0, 0, 0, 0x200, 0, 1, 0));
        assertThat(page.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4 + 126)).isEqualTo((byte) 'x');
        assertThat(page.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4 + 127)).isZero();
        assertThat(page.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 136 + 30)).isEqualTo((byte) 'x');
        assertThat(page.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 136 + 31)).isZero();
        assertThat(Le.u32(page, 168)).as("kernel_ver untouched by the string").isZero();
    }

    @Test
    void forThisHostReportsEna4jIdentity() {
        HostInfoWriter.Content info = HostInfoWriter.forThisHost(0x28, HostInfoWriter.ENA4J_FEATURES);
        assertThat(info.osType()).isEqualTo(HostInfo.OS_DPDK);
        assertThat(info.osDistStr()).startsWith("ena4j 0.1.0 (Java ");
        assertThat(info.driverVersion()).isEqualTo(0x6A000100);
        assertThat(info.specVersion()).isEqualTo(0x0200);
        assertThat(info.numCpus()).isEqualTo(Math.min(0xFFFF, Runtime.getRuntime().availableProcessors()));
        assertThat(info.driverSupportedFeatures()).isEqualTo(HostInfo.FEAT_RX_OFFSET
                | HostInfo.FEAT_RSS_CONFIGURABLE_FUNCTION_KEY);
        assertThat(info.bdf()).isEqualTo(0x28);
    }

    @Test
    void helpersEncodeVersionsAndAddresses() {
        assertThat(HostInfoWriter.kernelVersionCode("6.1.0-generic")).isEqualTo(0x060100);
        assertThat(HostInfoWriter.kernelVersionCode("5.15")).isEqualTo(0x050F00);
        assertThat(HostInfoWriter.kernelVersionCode("4.19.300")).isEqualTo(0x0413FF);
        assertThat(HostInfoWriter.kernelVersionCode("unknown")).isZero();
        assertThat(HostInfoWriter.driverVersion(2, 17, 0, 'g')).isEqualTo(0x67001102);
        assertThat(HostInfoWriter.bdfOf("0000:00:06.0")).isEqualTo(0x30);
        assertThat(HostInfoWriter.bdfOf("af:1f.7")).isEqualTo(0xAFFF);
        assertThat(HostInfoWriter.bdfOf("model:0")).isZero();
        assertThat(HostInfoWriter.bdfOf("0000:00:20.0")).as("device > 31").isZero();
    }

    @Test
    void networkFeaturesAreRewrittenInPlace() {
        HostInfoWriter.write(page, HostInfoWriter.forThisHost(0, 0));
        HostInfoWriter.updateNetworkFeatures(page, 0xAAAA_BBBB_CCCC_DDDDL);
        assertThat(Le.u32(page, 176)).isEqualTo(0xCCCCDDDD);
        assertThat(Le.u32(page, 180)).isEqualTo(0xAAAABBBB);
        assertThat(Le.u16(page, 184)).isEqualTo(0x0200);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> new HostInfoWriter.Content(6, "", 0, "", 0, 0, 0, 0x200, 0, 1, 0))
                .hasMessage("os_type 6 out of range: accepted 1..5");
        assertThatThrownBy(() -> new HostInfoWriter.Content(3, "", 0, "", 0, 0, 0, 0x200, 0, 0, 0))
                .hasMessageContaining("num_cpus 0");
        assertThatThrownBy(() -> new HostInfoWriter.Content(3, "", 0, "", 0, 0, 0, 0x200, 0, 1, 1))
                .hasMessageContaining("undefined bits");
        assertThatThrownBy(() -> HostInfoWriter.bdf(0, 32, 0)).hasMessageContaining("device 0..31");
        assertThatThrownBy(() -> HostInfoWriter.driverVersion(256, 0, 0, 'j')).hasMessageContaining("0..255");
        assertThatThrownBy(() -> HostInfoWriter.write(page.asSlice(0, 196), HostInfoWriter.forThisHost(0, 0)))
                .hasMessageContaining("needs 4096");
    }
}

package io.ena4j.model;

import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Named profiles, derived values and validation messages of {@link DeviceProfile}. */
class DeviceProfileTest {

    @Test
    void namedProfilesResolveAndUnknownNameListsKnownOnes() {
        for (String n : DeviceProfile.names()) {
            assertThat(DeviceProfile.named(n).name()).isEqualTo(n);
        }
        assertThatThrownBy(() -> DeviceProfile.named("c5n.18xlarge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c5n.18xlarge")
                .hasMessageContaining("ec2-default, minimal, reference-vectors");
    }

    @Test
    void referenceVectorsProfileMatchesTheVectorsReadme() {
        DeviceProfile p = DeviceProfile.referenceVectors();
        assertThat(p.caps()).isEqualTo(0x0003_3015);
        assertThat(p.registers().version()).isEqualTo(0x201);
        assertThat(p.registers().controllerVersion()).isEqualTo(1);
        assertThat(p.attributes().supportedFeatures()).isEqualTo(0x2C14_5C9A);
        assertThat(p.attributes().capabilities()).isEqualTo(0x1F);
        assertThat(p.bar0().firstSqIndex()).isEqualTo(16);
        assertThat(p.llq().descriptorsStride()).isEqualTo(0x4_0000);
        assertThat(p.bar2Size()).isEqualTo(32L * 0x4_0000);
    }

    @Test
    void ec2DefaultHasBar2AndOneVectorPerQueuePlusManagement() {
        DeviceProfile p = DeviceProfile.ec2Default();
        assertThat(p.pci().bar2Present()).isTrue();
        assertThat(p.msix().vectors()).isEqualTo(1 + p.queues().maxRxSqNum());
        assertThat(p.msix().tableBir()).isZero();
        assertThat(p.msix().tableOffset()).isEqualTo(0x2000);
        assertThat(p.msix().pbaOffset()).isEqualTo(0x3000);
        for (int f : new int[] {3, 4, 7, 10, 11, 12, 14, 18, 20, 26, 27, 29}) {
            assertThat(p.supports(FeatureId.of(f))).as("feature %d", f).isTrue();
        }
        assertThat(p.supports(FeatureId.MAX_QUEUES_NUM)).isFalse();
        assertThat(p.keepAliveInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void minimalIsLegacyWithoutBar2AndReadlessDisabled() {
        DeviceProfile p = DeviceProfile.minimal();
        assertThat(p.attributes().supportedFeatures()).isEqualTo((1 << 1) | (1 << 2) | (1 << 11) | (1 << 26));
        assertThat(p.attributes().capabilities()).isZero();
        assertThat(p.bar2Size()).isZero();
        assertThat(p.revisionId() & PciIds.REVISION_READLESS_DISABLED).isEqualTo(1);
        assertThat(p.msix().vectors()).isEqualTo(2);
        assertThat(p.queues().maxTxSqNum()).isEqualTo(1);
        assertThat(p.queues().maxRxSqDepth()).isEqualTo(256);
        assertThat(p.bar0().cqNumaBase()).isZero();
    }

    @Test
    void hostAttrAndDeviceAttributesAreAlwaysServed() {
        DeviceProfile p = DeviceProfile.builder().supportedFeatures(0).build();
        assertThat(p.supports(FeatureId.DEVICE_ATTRIBUTES)).isTrue();
        assertThat(p.supports(FeatureId.HOST_ATTR_CONFIG)).isTrue();
        assertThat(p.supports(FeatureId.MTU)).isFalse();
    }

    @Test
    void outOfRangeValuesNameValueAndRange() {
        assertThatThrownBy(() -> new DeviceProfile.Registers(0x201, 1, 10, 64, 3, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dmaAddrWidth = 64")
                .hasMessageContaining("[" + EnaRegs.DMA_WIDTH_MIN + ", " + EnaRegs.DMA_WIDTH_MAX + "]");
        assertThatThrownBy(() -> new DeviceProfile.Registers(0x201, 1, 0, 48, 3, true))
                .hasMessageContaining("resetTimeout = 0").hasMessageContaining("[1, 31]");
        assertThatThrownBy(() -> DeviceProfile.builder().maxMtu(100).build())
                .hasMessageContaining("maxMtu = 100").hasMessageContaining("[128, 65535]");
        assertThatThrownBy(() -> DeviceProfile.builder().msixVectors(0).build())
                .hasMessageContaining("Msix.vectors = 0").hasMessageContaining("[1, 2048]");
        assertThatThrownBy(() -> DeviceProfile.builder().keepAliveInterval(Duration.ZERO).build())
                .hasMessageContaining("keepAliveIntervalNanos = 0");
        assertThatThrownBy(() -> new DeviceProfile.Bar0Layout(0x3000, 0x1000, 0, 0x2000, 0, 0x2800, 0))
                .hasMessageContaining("Bar0Layout.size = 12288").hasMessageContaining("power of two");
    }

    @Test
    void overlappingRegionsAreRejected() {
        // MSI-X table at 0x4000 collides with the ec2 CQ unmask registers at 0x4000 + 4·idx
        assertThatThrownBy(() -> DeviceProfile.builder().msix(new DeviceProfile.Msix(33, 0, 0x4000, 0, 0x3000))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap")
                .hasMessageContaining("MSI-X table");
        // too many vectors for the space before the PBA
        assertThatThrownBy(() -> DeviceProfile.builder().msixVectors(300).build())
                .hasMessageContaining("overlap");
    }

    @Test
    void msixInBar2RequiresBar2() {
        assertThatThrownBy(() -> DeviceProfile.minimal().toBuilder()
                .msix(new DeviceProfile.Msix(2, 2, 0, 2, 0x1000)).build())
                .hasMessageContaining("BAR 2");
    }

    @Test
    void rssRecordComparesByContentAndCopiesArrays() {
        DeviceProfile.Rss a = DeviceProfile.referenceVectors().rss();
        DeviceProfile.Rss b = DeviceProfile.referenceVectors().rss();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        byte[] key = a.defaultKey();
        key[0] = 0;
        assertThat(a.defaultKey()[0]).isEqualTo((byte) 0xA0);
    }
}

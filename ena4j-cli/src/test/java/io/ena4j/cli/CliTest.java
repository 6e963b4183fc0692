package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The launcher's commands, run in-process against the embedded device model. */
class CliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void probeJsonIsOneObjectWithTheDeviceFacts() throws Exception {
        CliRun r = run("probe", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("driver").path("name").asText()).isEqualTo("ena4j");
        assertThat(j.path("pci").path("vendorId").asInt()).isEqualTo(0x1D0F);
        assertThat(j.path("mac").asText()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(j.path("llq").path("placement").asText()).isEqualTo("device");
        assertThat(j.path("offloads").path("rx-checksumming").asText()).isEqualTo("on");
        assertThat(j.path("aenqEnabled").toString()).contains("keep_alive");
    }

    @Test
    void probeTextShowsEthtoolSections() {
        CliRun r = run("probe", "--profile", "minimal");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("# ethtool -i", "driver: ena4j", "# ethtool -l", "# ethtool -g", "# ethtool -k",
                "placement: host", "register-reads: plain MMIO");
    }

    @Test
    void unknownProfileIsOneClearError() {
        CliRun r = run("probe", "--profile", "nope");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("nope").contains("ec2-default").contains("minimal");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void outOfRangeSecondsIsRejectedBeforeAnythingStarts() {
        CliRun r = run("demo", "--seconds", "0");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--seconds 0").contains("1..3600");
    }

    @Test
    void demoRunsTrafficBothWaysAndEveryFrameMatches() {
        CliRun r = run("demo", "--seconds", "2");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("port 0: ", "port 1: ", "link: port 0 up, port 1 up", "p0 tx Mpps")
                .contains(" 0 not matching what was sent");
        assertThat(r.out()).doesNotContain("sent 0 + 0 frames");
    }

    @Test
    void pktgenJsonReportsWhatWasSentAndReceived() throws Exception {
        CliRun r = run("pktgen", "--seconds", "1", "--wire", "loopback", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("tx_packets").asLong()).isPositive();
        assertThat(j.path("rx_packets").asLong()).isPositive();
        assertThat(j.path("stats").path("queue_0_tx_cnt").asLong()).isEqualTo(j.path("tx_packets").asLong());
    }

    @Test
    void benchJsonHasBothModesWithFiguresAndNoAllocation() throws Exception {
        CliRun r = run("bench", "--seconds", "1", "--warmup", "1", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String mode : new String[] {"threaded", "inline"}) {
            JsonNode m = j.path(mode);
            assertThat(m.path("mpps").asDouble()).as(mode).isPositive();
            assertThat(m.path("driver_cpu_ns_per_pkt").asDouble()).as(mode).isPositive();
            assertThat(m.path("device_cpu_ns_per_pkt").asDouble()).as(mode).isPositive();
            assertThat(m.has("driver_alloc_bytes_per_pkt")).isTrue();
        }
    }

    @Test
    void benchHookVariantForwardsThroughThePacketHook() throws Exception {
        CliRun r = run("bench", "--seconds", "1", "--warmup", "0", "--modes", "inline", "--variants", "plain,hook",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("inline").path("mpps").asDouble()).isPositive();
        JsonNode h = j.path("inline-hook");
        assertThat(h.path("mpps").asDouble()).as("frames forwarded by the redirect hook").isPositive();
        assertThat(h.path("device_rx_drops").asLong()).isNotNegative();
        CliRun bad = run("bench", "--variants", "xdp");
        assertThat(bad.err().strip()).isEqualTo("ena4j: --variants entry 'xdp' is unknown: accepted plain, hook");
    }

    @Test
    void fwdForwardsBetweenTwoPorts() {
        CliRun r = run("fwd", "--seconds", "1", "--no-llq");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("forwarded").contains("host placement");
    }

    @Test
    void badTrafficOptionsAreRejectedWithTheRange() {
        CliRun r = run("pktgen", "--size", "59");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--size 59").contains("60..9018");
        r = run("pktgen", "--wire", "tap0");
        assertThat(r.err()).contains("tap0").contains("sink, loopback, pair");
        r = run("bench", "--queues", "0");
        assertThat(r.err()).contains("--queues 0").contains("1..128");
    }
}

package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./ena4j ethtool}: ethtool's options and layout against an embedded device model. */
class EthtoolCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static long stat(String out, String name) {
        Matcher m = Pattern.compile("(?m)^     " + Pattern.quote(name) + ": (\\d+)$").matcher(out);
        assertThat(m.find()).as(name + " in\n" + out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void ringChangeIsVisibleInTheNextInvocation() {
        CliRun r = run("ethtool", "-g", "ena0", ";", "-G", "ena0", "rx", "512", "tx", "300", ";", "-g", "ena0");

        assertThat(r.status()).as(r.err()).isZero();
        List<String> blocks = List.of(r.out().split("Ring parameters for ena0:\n"));
        assertThat(blocks).hasSize(3); // "" + before + after
        assertThat(blocks.get(1)).contains("Pre-set maximums:\nRX:\t\t\t").contains("Current hardware settings:\n"
                + "RX:\t\t\t1024\nRX Mini:\t\tn/a\nRX Jumbo:\t\tn/a\nTX:\t\t\t");
        assertThat(blocks.get(2)).contains("Current hardware settings:\nRX:\t\t\t512\n")
                .contains("TX:\t\t\t256\n").contains("TX push buff len:\t96");
    }

    @Test
    void txPushBufLenSwitchesTheLargeLlqHeader() {
        CliRun r = run("ethtool", "-G", "ena0", "tx-push-buf-len", "224", ";", "-g", "ena0");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Current hardware settings:\nRX:\t\t\t1024\nRX Mini:\t\tn/a\nRX Jumbo:\t\tn/a\n"
                + "TX:\t\t\t512\nTX push buff len:\t224");
        CliRun bad = run("ethtool", "-G", "ena0", "tx-push-buf-len", "128");
        assertThat(bad.err().strip()).isEqualTo("ena4j: -G tx-push-buf-len 128: accepted 96 or 224");
    }

    @Test
    void rxChecksummingIsSwitchedWithDashK() {
        CliRun r = run("ethtool", "-k", "ena0", ";", "-K", "ena0", "rx", "off", ";", "-k", "ena0");

        assertThat(r.status()).as(r.err()).isZero();
        List<String> blocks = List.of(r.out().split("Features for ena0:\n"));
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(1)).contains("rx-checksumming: on\n");
        assertThat(blocks.get(2)).contains("rx-checksumming: off\n");
        CliRun bad = run("ethtool", "-K", "ena0", "rx", "maybe");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("ena4j: -K rx 'maybe': accepted on or off");
        CliRun fixed = run("ethtool", "-K", "ena0", "tso", "on");
        assertThat(fixed.err().strip()).isEqualTo("ena4j: -K: feature 'tso' cannot be changed; changeable: rx "
                + "(rx-checksumming)");
    }

    @Test
    void timeStampingShowsWhatTheDeviceOffers() {
        CliRun r = run("ethtool", "-T", "ena0");
        assertThat(r.status()).as(r.err()).isZero();
        // The EC2 profile advertises neither HW_TIMESTAMP nor (without phc_enable) an active PHC.
        assertThat(r.out()).isEqualTo("Time stamping parameters for ena0:\nCapabilities:\nPTP Hardware Clock: none\n"
                + "Hardware Transmit Timestamp Modes: none\nHardware Receive Filter Modes: none\n");
        CliRun phc = run("ethtool", "--module-param", "phc_enable=1", "-T", "ena0");
        assertThat(phc.out()).contains("PTP Hardware Clock: 0\n");
    }

    @Test
    void channelsAndStatisticsFollowEachOther() {
        CliRun r = run("ethtool", "-L", "ena0", "combined", "1", ";", "-l", "ena0", ";", "-S", "ena0");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Channel parameters for ena0:\nPre-set maximums:\nRX:\t\tn/a\nTX:\t\tn/a\n"
                + "Other:\t\t1\nCombined:\t");
        assertThat(r.out()).contains("Current hardware settings:\nRX:\t\tn/a\nTX:\t\tn/a\nOther:\t\t1\nCombined:\t1\n");
        assertThat(r.out()).contains("NIC statistics:\n     total_resets: 0\n     reset_fail: 0\n");
        assertThat(stat(r.out(), "num_of_active_io_queues")).isEqualTo(1);
        assertThat(stat(r.out(), "interface_up")).isEqualTo(1);
        assertThat(stat(r.out(), "ena_admin_q_completed_cmd")).isPositive();
    }

    @Test
    void driverInfoAndFeatures() {
        CliRun r = run("ethtool", "--profile", "minimal", "-i", "ena0", ";", "-k", "ena0");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("driver: ena4j\nversion: ").contains("bus-info: ", "supports-statistics: yes",
                "Features for ena0:\n", "rx-checksumming: ", "highdma: on");
    }

    @Test
    void anUnknownInterfaceIsOneClearErrorAndStopsTheRun() {
        CliRun r = run("ethtool", "-S", "eth0", ";", "-g", "ena0");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("ena4j: no such interface 'eth0': this command's device is ena0");
        assertThat(r.out()).doesNotContain("Ring parameters");
    }

    @Test
    void outOfRangeValuesNameTheAcceptedRange() {
        CliRun rings = run("ethtool", "-G", "ena0", "rx", "1000000");
        assertThat(rings.status()).isEqualTo(1);
        assertThat(rings.err()).matches("ena4j: rx ring size 1000000 out of range: accepted 1\\.\\.\\d+ \\(raised to 256 "
                + "and rounded down to a power of two\\)\\s*");

        CliRun ch = run("ethtool", "-L", "ena0", "combined", "0");
        assertThat(ch.status()).isEqualTo(1);
        assertThat(ch.err()).matches("ena4j: combined channels 0 out of range: accepted 1\\.\\.\\d+\\s*");

        CliRun bad = run("ethtool", "-G", "ena0", "rx", "many");
        assertThat(bad.err().strip()).isEqualTo("ena4j: -G rx: 'many' is not a number");

        CliRun unknown = run("ethtool", "-e", "ena0");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("ethtool option -e is not supported");
    }
}

package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --module-param}: the Linux module parameters on the command line, visible in what ethtool reports. */
class ModuleOptionsTest {

    @Test
    void parametersReachTheProbedDevice() {
        CliRun r = CliRun.of("ethtool", "--module-param", "rx_queue_size=600,num_io_queues=1",
                "--module-param", "force_large_llq_header=1", "-g", "ena0", ";", "-l", "ena0");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Current hardware settings:\nRX:\t\t\t512\n")
                .contains("TX push buff len:\t224")
                .contains("Current hardware settings:\nRX:\t\tn/a\nTX:\t\tn/a\nOther:\t\t1\nCombined:\t1");
    }

    @Test
    void aBadParameterIsOneClearError() {
        CliRun r = CliRun.of("probe", "--module-param", "rx_queue_size=64");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("ena4j: module parameter rx_queue_size=64 is out of range: accepted 256..16384");
    }
}

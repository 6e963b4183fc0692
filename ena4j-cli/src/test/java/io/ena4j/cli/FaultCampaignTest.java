package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign in CI: a few hundred seeds (the {@code ./ena4j faults} command runs 10,000 and more). Every
 * fault kind must be injected, detected with its reason, recovered from with traffic flowing both ways again, and
 * lose no buffer.
 */
class FaultCampaignTest {

    static final int SEEDS = Integer.getInteger("ena4j.faults.seeds", 300);

    @Test
    void everyFaultKindIsDetectedAndRecoveredWithoutLosingABuffer() {
        FaultCampaign c = new FaultCampaign();
        c.run(1, SEEDS);
        List<String> failures = new ArrayList<>();
        c.totals().values().forEach(t -> failures.addAll(t.failures));
        assertThat(failures).as("failures (replay with ./ena4j faults --first SEED --seeds 1)").isEmpty();
        assertThat(c.failedSeeds()).isZero();
        assertThat(c.totals().keySet()).as("kinds injected").containsAll(java.util.EnumSet.complementOf(
                java.util.EnumSet.of(FaultCampaign.Kind.TX_MBZ_BITS, FaultCampaign.Kind.RX_FIRST_MISSING)));
        c.totals().forEach((kind, t) -> {
            assertThat(t.detected).as("%s detected", kind).isEqualTo(t.injected);
            assertThat(t.recovered).as("%s recovered", kind).isEqualTo(t.injected);
            assertThat(t.buffersLost).as("%s buffers lost", kind).isZero();
        });
    }
}

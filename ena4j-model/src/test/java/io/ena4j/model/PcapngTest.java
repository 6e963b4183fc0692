package io.ena4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PcapngWriter} and {@link PcapngReader}: round trip, frame limit, cut frames, malformed files refused. */
class PcapngTest {

    @TempDir
    Path dir;

    @Test
    void framesRoundTripWithDirectionTimestampAndTheLimit() throws Exception {
        Path f = dir.resolve("a.pcapng");
        try (PcapngWriter w = PcapngWriter.open(f, new String[] {"p0", "p1"}, 3, 1_000)) {
            byte[] a = {1, 2, 3, 4, 5};
            w.forInterface(0).frame(false, MemorySegment.ofArray(a), 0, 5, 1_500);
            w.forInterface(1).frame(true, MemorySegment.ofArray(a), 1, 3, 2_000);
            w.forInterface(1).frame(true, MemorySegment.ofArray(new byte[70_000]), 0, 70_000, 3_000);
            w.forInterface(0).frame(false, MemorySegment.ofArray(a), 0, 5, 4_000); // over the limit
            assertThat(w.frames()).isEqualTo(3);
        }
        PcapngReader r = PcapngReader.read(f);
        assertThat(r.interfaces()).extracting(PcapngReader.Interface::name).containsExactly("p0", "p1");
        assertThat(r.frames()).hasSize(3);
        PcapngReader.Frame x = r.frames().get(0);
        PcapngReader.Frame y = r.frames().get(1);
        assertThat(x.outbound()).isTrue();
        assertThat(x.data()).containsExactly(1, 2, 3, 4, 5);
        assertThat(y.inbound()).isTrue();
        assertThat(y.iface()).isEqualTo(1);
        assertThat(y.data()).containsExactly(2, 3, 4);
        assertThat(y.timestamp() - x.timestamp()).as("the model clock's spacing, in ns").isEqualTo(500);
        assertThat(r.frames().get(2).data()).as("cut at the snap length").hasSize(PcapngWriter.SNAPLEN);
        assertThat(r.frames().get(2).originalLength()).isEqualTo(70_000);
        assertThatThrownBy(() -> PcapngWriter.open(dir.resolve("b"), new String[] {"p"}, -1, 0))
                .hasMessage("capture frame count -1 out of range: accepted 0 (no limit) or more");
    }

    @Test
    void malformedFilesAreOneClearError() throws Exception {
        Path f = dir.resolve("c.pcapng");
        try (PcapngWriter w = PcapngWriter.open(f, new String[] {"p0"}, 0, 0)) {
            w.forInterface(0).frame(true, MemorySegment.ofArray(new byte[64]), 0, 64, 10);
        }
        byte[] good = Files.readAllBytes(f);
        Path t = dir.resolve("t.pcapng");
        Files.write(t, java.util.Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> PcapngReader.read(t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block length");
        byte[] notPcap = good.clone();
        notPcap[0] = 0x42;
        Files.write(t, notPcap);
        assertThatThrownBy(() -> PcapngReader.read(t)).hasMessageContaining("not a pcapng file");
        byte[] badIface = good.clone();
        int epb = good.length - (32 + 64 + 12);
        badIface[epb + 8] = 7; // EPB interface id 7 of 1
        Files.write(t, badIface);
        assertThatThrownBy(() -> PcapngReader.read(t)).hasMessageContaining("interface 7 out of range: accepted 0..0");
    }
}

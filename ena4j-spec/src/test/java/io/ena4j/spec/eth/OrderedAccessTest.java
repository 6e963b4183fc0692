package io.ena4j.spec.eth;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The acquire/release accessors of the phase words read and write the same little-endian word as the plain
 * accessors, on a native, naturally aligned CQ ring (datapath.md §8.2).
 */
class OrderedAccessTest {

    @Test
    void rxStatusReleaseIsVisibleToAcquireAndFieldGetters() {
        try (Arena arena = Arena.ofConfined()) {
            int depth = 4;
            MemorySegment ring = arena.allocate(RxCdescBase.SIZE * depth, 4096);
            for (int i = 0; i < depth; i++) {
                long base = i * RxCdescBase.SIZE;
                RxCdescBase.length(ring, base, 100 + i);
                RxCdescBase.reqId(ring, base, i);
                int status = 8 | (12 << RxCdescBase.STATUS_L4_PROTO_IDX_SHIFT) | RxCdescBase.STATUS_PHASE_MASK
                        | RxCdescBase.STATUS_FIRST_MASK | RxCdescBase.STATUS_LAST_MASK;
                RxCdescBase.statusRelease(ring, base, status);
                assertThat(RxCdescBase.statusAcquire(ring, base)).isEqualTo(status);
                assertThat(RxCdescBase.status(ring, base)).isEqualTo(status);
                assertThat(RxCdescBase.phase(ring, base)).isEqualTo(1);
                assertThat(RxCdescBase.l4ProtoIdx(ring, base)).isEqualTo(12);
                assertThat(RxCdescBase.length(ring, base)).isEqualTo(100 + i);
                // Little-endian: the phase bit lives in byte 3 bit 0.
                assertThat(ring.get(java.lang.foreign.ValueLayout.JAVA_BYTE, base + 3) & 1).isEqualTo(1);
            }
        }
    }

    @Test
    void txWord0ReleaseIsVisibleToAcquireAndFieldGetters() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(TxCdescExt.SIZE * 2, 4096);
            for (long base : new long[] {0, TxCdesc.SIZE, TxCdescExt.SIZE}) {
                int w = TxCdesc.word0Of(0xBEEF, 0, TxCdesc.FLAGS_PHASE_MASK);
                TxCdesc.word0Release(ring, base, w);
                assertThat(TxCdesc.word0Acquire(ring, base)).isEqualTo(w);
                assertThat(TxCdesc.reqId(ring, base)).isEqualTo(0xBEEF);
                assertThat(TxCdesc.phase(ring, base)).isEqualTo(1);
                assertThat(TxCdesc.status(ring, base)).isZero();
                assertThat(TxCdesc.mbz6(ring, base)).isZero();
            }
            TxCdescExt.timestamp(ring, TxCdescExt.SIZE, 1234567890123456L);
            assertThat(TxCdescExt.timestamp(ring, TxCdescExt.SIZE)).isEqualTo(1234567890123456L);
        }
    }

    @Test
    void misalignedOrderedAccessIsRejectedNotSilentlyTorn() {
        // Completion entries are always aligned; a misaligned base is a ring-setup bug and must surface at once.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ring = arena.allocate(64, 8);
            assertThatThrownBy(() -> RxCdescBase.statusAcquire(ring, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

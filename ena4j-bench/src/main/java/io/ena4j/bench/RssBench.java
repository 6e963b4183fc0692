package io.ena4j.bench;

import io.ena4j.model.net.RssHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The device model's RSS hash functions (datapath.md §14.2) over the hash input of one packet: 12 bytes for
 * TCP/UDP over IPv4 (addresses and ports), 36 bytes over IPv6. The input varies per call so nothing folds away.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RssBench extends BenchDefaults {

    /** Hash input bytes: 12 (IPv4 4-tuple) or 36 (IPv6 4-tuple). */
    @Param({"12", "36"})
    public int inputBytes;

    private final byte[] key = new byte[40];
    private byte[] input;
    private int flow;

    @Setup
    public void setUp() {
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 37 + 11);
        }
        input = new byte[inputBytes];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 13 + 1);
        }
    }

    @Benchmark
    public int toeplitz() {
        input[input.length - 1] = (byte) flow++;
        return RssHasher.toeplitz(key, input);
    }

    @Benchmark
    public int crc32() {
        input[input.length - 1] = (byte) flow++;
        return RssHasher.crc32(0xFFFF_FFFF, input, input.length);
    }
}

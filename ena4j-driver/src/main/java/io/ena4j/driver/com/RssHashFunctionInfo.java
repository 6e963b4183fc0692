package io.ena4j.driver.com;

import io.ena4j.spec.admin.RssHashFunction;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The device's RSS hash function as read by {@link EnaAdmin#getHashFunction()} (management.md §8.10), from the
 * wire structures {@link RssHashFunction} and {@link io.ena4j.spec.admin.RssHashKey}. The record takes the suffix
 * {@code Info} so it does not reuse the spec structure's name.
 *
 * @param function           selected function code ({@link RssHashFunction#TOEPLITZ}, {@link RssHashFunction#CRC32})
 * @param supportedFunctions bitmap of function codes (bit n = code n)
 * @param initVal            initial value of the hash computation
 * @param key                key bytes as stored in the control buffer ({@code key_parts × 4} bytes)
 */
public record RssHashFunctionInfo(int function, int supportedFunctions, int initVal, byte[] key) {

    /** Copies the key so the record stays immutable. */
    public RssHashFunctionInfo {
        key = key.clone();
    }

    /** The key (a copy). */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RssHashFunctionInfo h && function == h.function
                && supportedFunctions == h.supportedFunctions && initVal == h.initVal && Arrays.equals(key, h.key);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * function + initVal) + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "RssHashFunctionInfo[function=" + function + ", supported=0x" + Integer.toHexString(supportedFunctions)
                + ", initVal=0x" + Integer.toHexString(initVal) + ", key=" + HexFormat.of().formatHex(key) + "]";
    }
}

package io.ena4j.spec.regs;

/**
 * Value of a CQ NUMA register ({@code numa_node_register_offset} from CREATE_CQ; absent if 0) (management.md §11.3).
 *
 * <pre>
 * bits 7:0   NUMA node of the CPU processing this CQ
 * bits 30:8  RSVD
 * bit  31    enabled
 * </pre>
 */
public final class NumaReg {

    private NumaReg() {
    }

    /** Bits 7:0 NUMA node. */
    public static final int NUMA_MASK = 0x0000_00FF;
    /** Bit 31 enabled, shift. */
    public static final int ENABLED_SHIFT = 31;
    /** Bit 31 enabled. */
    public static final int ENABLED_MASK = 0x8000_0000;

    /** Encodes the register value; node masked to 8 bits, {@code enabled} uses bit 0. */
    public static int value(int node, int enabled) {
        return (node & NUMA_MASK) | ((enabled & 1) << ENABLED_SHIFT);
    }

    /** Bits 7:0. */
    public static int node(int v) {
        return v & NUMA_MASK;
    }

    /** Bit 31 as 0/1. */
    public static int enabled(int v) {
        return v >>> ENABLED_SHIFT;
    }
}

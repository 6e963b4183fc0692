package io.ena4j.spec.regs;

/**
 * Value of a CQ interrupt-unmask register (offset from CREATE_CQ) (management.md §11.2).
 *
 * <pre>
 * bits 14:0   Rx interrupt delay (units of intr_delay_resolution)
 * bits 29:15  Tx interrupt delay (same units)
 * bit  30     unmask: 1 = re-enable the auto-masked MSI-X vector
 * bit  31     no_moderation_update: 1 = ignore the delay fields
 * </pre>
 */
public final class IntrUnmask {

    private IntrUnmask() {
    }

    /** Bits 14:0 Rx delay, mask. */
    public static final int RX_DELAY_MASK = 0x0000_7FFF;
    /** Bits 29:15 Tx delay, shift. */
    public static final int TX_DELAY_SHIFT = 15;
    /** Bits 29:15 Tx delay, mask in place. */
    public static final int TX_DELAY_MASK = 0x3FFF_8000;
    /** Bit 30 unmask, shift. */
    public static final int UNMASK_SHIFT = 30;
    /** Bit 30 unmask. */
    public static final int UNMASK_MASK = 0x4000_0000;
    /** Bit 31 no_moderation_update, shift. */
    public static final int NO_MODERATION_UPDATE_SHIFT = 31;
    /** Bit 31 no_moderation_update. */
    public static final int NO_MODERATION_UPDATE_MASK = 0x8000_0000;

    /**
     * Encodes the register value. Delays are masked to 15 bits; {@code unmask} and {@code noModerationUpdate} use
     * bit 0 of their argument.
     */
    public static int value(int rxDelay, int txDelay, int unmask, int noModerationUpdate) {
        return (rxDelay & RX_DELAY_MASK)
                | ((txDelay << TX_DELAY_SHIFT) & TX_DELAY_MASK)
                | ((unmask & 1) << UNMASK_SHIFT)
                | ((noModerationUpdate & 1) << NO_MODERATION_UPDATE_SHIFT);
    }

    /** Bits 14:0. */
    public static int rxDelay(int v) {
        return v & RX_DELAY_MASK;
    }

    /** Bits 29:15. */
    public static int txDelay(int v) {
        return (v & TX_DELAY_MASK) >>> TX_DELAY_SHIFT;
    }

    /** Bit 30 as 0/1. */
    public static int unmask(int v) {
        return (v >>> UNMASK_SHIFT) & 1;
    }

    /** Bit 31 as 0/1. */
    public static int noModerationUpdate(int v) {
        return v >>> NO_MODERATION_UPDATE_SHIFT;
    }
}

package io.ena4j.spec.eth;

import io.ena4j.spec.admin.CreateSqCmd;

/**
 * SQ descriptor placement policy, CREATE_SQ {@code sq_caps_2} bits 3:0 (datapath.md §7.2, §1.4).
 *
 * <p>Rx SQs are always {@link #HOST}. The same codes appear as plain ints in
 * {@code io.ena4j.spec.admin.CreateSqCmd} (owned by the admin package); this enum is the typed view for data-path
 * code.
 */
public enum PlacementPolicy {
    /** 1: descriptors in a host-memory ring the device reads by DMA. */
    HOST(CreateSqCmd.PLACEMENT_HOST),
    /** 3: descriptors (and pushed headers) written to device memory through BAR 2: LLQ (§9). */
    DEV(CreateSqCmd.PLACEMENT_DEV);

    private final int code;

    PlacementPolicy(int code) {
        this.code = code;
    }

    /** The numeric policy value. */
    public int code() {
        return code;
    }

    /** The policy with this value, or {@code null} if undefined (never throws). */
    public static PlacementPolicy of(int code) {
        return switch (code) {
            case 1 -> HOST;
            case 3 -> DEV;
            default -> null;
        };
    }
}

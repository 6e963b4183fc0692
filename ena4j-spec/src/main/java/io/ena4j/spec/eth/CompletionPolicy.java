package io.ena4j.spec.eth;

import io.ena4j.spec.admin.CreateSqCmd;

/**
 * SQ completion policy, CREATE_SQ {@code sq_caps_2} bits 6:4 (datapath.md §7.2, §1.4).
 *
 * <p>The reference driver always sends {@link #DESC}; what it relies on in practice is one Tx completion per
 * packet (by req_id) and one Rx completion per consumed buffer (§1.4 "observed contract"). It never supplies a
 * head write-back address, so the HEAD* policies are defined here for completeness only.
 */
public enum CompletionPolicy {
    /** 0: a completion entry per SQ descriptor. */
    DESC(CreateSqCmd.COMPLETION_POLICY_DESC),
    /** 1: a completion only for descriptors that request one. */
    DESC_ON_DEMAND(CreateSqCmd.COMPLETION_POLICY_DESC_ON_DEMAND),
    /** 2: head write-back on request. */
    HEAD_ON_DEMAND(CreateSqCmd.COMPLETION_POLICY_HEAD_ON_DEMAND),
    /** 3: head write-back per descriptor. */
    HEAD(CreateSqCmd.COMPLETION_POLICY_HEAD);

    private static final CompletionPolicy[] BY_CODE = values();

    private final int code;

    CompletionPolicy(int code) {
        this.code = code;
    }

    /** The numeric policy value. */
    public int code() {
        return code;
    }

    /** The policy with this value, or {@code null} if undefined (never throws). */
    public static CompletionPolicy of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

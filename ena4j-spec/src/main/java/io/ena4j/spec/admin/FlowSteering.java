package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * FLOW_STEERING_CONFIG (feature 30) SET payload (management.md §8.19). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.SET_PAYLOAD}). Add carries a 128-byte {@link FlowSteeringRule} control buffer
 * (AQ flags 0x04); remove / remove-all carry none. The SET response returns the chosen slot as a u16 at
 * {@code entryBase + FeatureCmd.GET_PAYLOAD} ({@link #responseRuleLocation}).
 *
 * <pre>
 *  rel  type      field   (S+ = rel + 20)
 *  +0   u8        action
 *  +1   u8        flow_type
 *  +2   u16       rx_q_idx
 *  +4   u16       rule_location
 *  +8   u32       flags
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class FlowSteering {

    private FlowSteering() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 12;
    /** Offset of action. */
    public static final long ACTION_OFFSET = 0;
    /** Offset of flow_type. */
    public static final long FLOW_TYPE_OFFSET = 1;
    /** Offset of rx_q_idx. */
    public static final long RX_Q_IDX_OFFSET = 2;
    /** Offset of rule_location. */
    public static final long RULE_LOCATION_OFFSET = 4;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 8;

    /** action: 1 add, 2 remove, 3 remove all (u8). */
    public static int action(MemorySegment s, long base) {
        return Le.u8(s, base + ACTION_OFFSET);
    }

    /** Sets action. */
    public static void action(MemorySegment s, long base, int v) {
        Le.u8(s, base + ACTION_OFFSET, v);
    }

    /** flow_type (FLOW_TYPE_* codes) (u8). */
    public static int flowType(MemorySegment s, long base) {
        return Le.u8(s, base + FLOW_TYPE_OFFSET);
    }

    /** Sets flow_type. */
    public static void flowType(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLOW_TYPE_OFFSET, v);
    }

    /** rx_q_idx: user queue-pair number (not a device index) (u16). */
    public static int rxQIdx(MemorySegment s, long base) {
        return Le.u16(s, base + RX_Q_IDX_OFFSET);
    }

    /** Sets rx_q_idx. */
    public static void rxQIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + RX_Q_IDX_OFFSET, v);
    }

    /** rule_location: slot index; 0xFFFF = device chooses (u16). */
    public static int ruleLocation(MemorySegment s, long base) {
        return Le.u16(s, base + RULE_LOCATION_OFFSET);
    }

    /** Sets rule_location. */
    public static void ruleLocation(MemorySegment s, long base, int v) {
        Le.u16(s, base + RULE_LOCATION_OFFSET, v);
    }

    /** flags (all RSVD) (u32, raw bits). */
    public static int flags(MemorySegment s, long base) {
        return Le.u32(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u32(s, base + FLAGS_OFFSET, v);
    }


    /** Action: add rule. */
    public static final int ACTION_ADD = 1;
    /** Action: remove rule (uses rule_location). */
    public static final int ACTION_REMOVE = 2;
    /** Action: remove all rules. */
    public static final int ACTION_REMOVE_ALL = 3;
    /** Flow type 0: invalid. */
    public static final int FLOW_TYPE_INVALID = 0;
    /** Flow type 1: IPv4. */
    public static final int FLOW_TYPE_IPV4 = 1;
    /** Flow type 2: IPv6. */
    public static final int FLOW_TYPE_IPV6 = 2;
    /** Flow type 3: TCP/IPv4. */
    public static final int FLOW_TYPE_TCP_IPV4 = 3;
    /** Flow type 4: TCP/IPv6. */
    public static final int FLOW_TYPE_TCP_IPV6 = 4;
    /** Flow type 5: UDP/IPv4. */
    public static final int FLOW_TYPE_UDP_IPV4 = 5;
    /** Flow type 6: UDP/IPv6. */
    public static final int FLOW_TYPE_UDP_IPV6 = 6;
    /** rule_location meaning "let the device choose". */
    public static final int RULE_LOCATION_ANY = 0xFFFF;
    /** Offset of the response rule_location relative to the response payload (ACQ entry offset 8). */
    public static final long RESPONSE_RULE_LOCATION_OFFSET = 0;

    /** Response rule_location (u16); pass {@code entryBase + FeatureCmd.GET_PAYLOAD}. */
    public static int responseRuleLocation(MemorySegment s, long base) {
        return Le.u16(s, base + RESPONSE_RULE_LOCATION_OFFSET);
    }

    /** Sets the response rule_location (u16). */
    public static void responseRuleLocation(MemorySegment s, long base, int v) {
        Le.u16(s, base + RESPONSE_RULE_LOCATION_OFFSET, v);
    }
}

package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS command (opcode 11), 32 bytes (management.md §7.6); types in {@link StatsType}.
 *
 * <p>AQ flags stay 0 even with a control buffer. Reference drivers leave scope, queue_idx and device_id at 0; a
 * device treats device_id 0 from an unprivileged function as its own function [inferred].
 *
 * <pre>
 *  off  type      field
 *  +4   u32       ctrl_buffer.length
 *  +8   MemAddr   ctrl_buffer.address
 *  +16  u8        type
 *  +17  u8        scope
 *  +20  u16       queue_idx
 *  +22  u16       device_id
 *  +24  u64       requested_metrics
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class GetStatsCmd {

    private GetStatsCmd() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 32;
    /** Offset of ctrl_buffer.length. */
    public static final long CTRL_BUFFER_LENGTH_OFFSET = 4;
    /** Offset of ctrl_buffer.address. */
    public static final long CTRL_BUFFER_ADDRESS_OFFSET = 8;
    /** Offset of type. */
    public static final long TYPE_OFFSET = 16;
    /** Offset of scope. */
    public static final long SCOPE_OFFSET = 17;
    /** Offset of queue_idx. */
    public static final long QUEUE_IDX_OFFSET = 20;
    /** Offset of device_id. */
    public static final long DEVICE_ID_OFFSET = 22;
    /** Offset of requested_metrics. */
    public static final long REQUESTED_METRICS_OFFSET = 24;

    /** control buffer length (0 = none) (u32, raw bits). */
    public static int ctrlBufferLength(MemorySegment s, long base) {
        return Le.u32(s, base + CTRL_BUFFER_LENGTH_OFFSET);
    }

    /** Sets ctrl_buffer.length. */
    public static void ctrlBufferLength(MemorySegment s, long base, int v) {
        Le.u32(s, base + CTRL_BUFFER_LENGTH_OFFSET, v);
    }

    /** control buffer address (48-bit MemAddr). */
    public static long ctrlBufferAddress(MemorySegment s, long base) {
        return MemAddr.address(s, base + CTRL_BUFFER_ADDRESS_OFFSET);
    }

    /** Sets ctrl_buffer.address (masked to 48 bits). */
    public static void ctrlBufferAddress(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + CTRL_BUFFER_ADDRESS_OFFSET, v);
    }

    /** statistics type (§7.6) (u8). */
    public static int type(MemorySegment s, long base) {
        return Le.u8(s, base + TYPE_OFFSET);
    }

    /** Sets type. */
    public static void type(MemorySegment s, long base, int v) {
        Le.u8(s, base + TYPE_OFFSET, v);
    }

    /** scope: 0 specific queue, 1 Ethernet traffic (u8). */
    public static int scope(MemorySegment s, long base) {
        return Le.u8(s, base + SCOPE_OFFSET);
    }

    /** Sets scope. */
    public static void scope(MemorySegment s, long base, int v) {
        Le.u8(s, base + SCOPE_OFFSET, v);
    }

    /** queue_idx (scope = specific queue) (u16). */
    public static int queueIdx(MemorySegment s, long base) {
        return Le.u16(s, base + QUEUE_IDX_OFFSET);
    }

    /** Sets queue_idx. */
    public static void queueIdx(MemorySegment s, long base, int v) {
        Le.u16(s, base + QUEUE_IDX_OFFSET, v);
    }

    /** device_id: 0xFFFF = this function (u16). */
    public static int deviceId(MemorySegment s, long base) {
        return Le.u16(s, base + DEVICE_ID_OFFSET);
    }

    /** Sets device_id. */
    public static void deviceId(MemorySegment s, long base, int v) {
        Le.u16(s, base + DEVICE_ID_OFFSET, v);
    }

    /** requested_metrics bitmap (customer-metrics type) (u64). */
    public static long requestedMetrics(MemorySegment s, long base) {
        return Le.u64(s, base + REQUESTED_METRICS_OFFSET);
    }

    /** Sets requested_metrics. */
    public static void requestedMetrics(MemorySegment s, long base, long v) {
        Le.u64(s, base + REQUESTED_METRICS_OFFSET, v);
    }


    /** Scope: a specific queue. */
    public static final int SCOPE_SPECIFIC_QUEUE = 0;
    /** Scope: Ethernet traffic. */
    public static final int SCOPE_ETH_TRAFFIC = 1;
    /** device_id meaning "this function" by definition. */
    public static final int DEVICE_ID_SELF = 0xFFFF;
}

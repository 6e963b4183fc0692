package io.ena4j.spec.aenq;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * CONF_NOTIFICATIONS (group 6) AENQ entry payload (management.md §9.3). Offsets are absolute in the AENQ entry
 * (base = entry base). For each set bit b the driver logs "sub-optimal configuration notification code b+1".
 *
 * <pre>
 *  off  type      field
 *  +16  u64       notifications_bitmap
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class AenqConfNotifications {

    private AenqConfNotifications() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 32;
    /** Offset of notifications_bitmap. */
    public static final long NOTIFICATIONS_BITMAP_OFFSET = 16;

    /** notifications_bitmap (u64). */
    public static long notificationsBitmap(MemorySegment s, long base) {
        return Le.u64(s, base + NOTIFICATIONS_BITMAP_OFFSET);
    }

    /** Sets notifications_bitmap. */
    public static void notificationsBitmap(MemorySegment s, long base, long v) {
        Le.u64(s, base + NOTIFICATIONS_BITMAP_OFFSET, v);
    }
}

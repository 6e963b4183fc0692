package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * LLQ (feature 4) payload, GET version 1 and SET (management.md §8.5). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.GET_PAYLOAD} or {@code + SET_PAYLOAD}).
 *
 * <p>The {@code *_supported} fields are bitmaps in which each code is its own mask ({@code supported & code}); the
 * {@code *_enabled} fields carry a single code. {@code accel_mode} is GET {supported_flags, max_tx_burst_size} and
 * SET {enabled_flags, RSVD}, so {@code accelModeSupportedFlags} and {@code accelModeEnabledFlags} are the same u16.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u32       max_llq_num
 *  +4   u32       max_llq_depth
 *  +8   u16       header_location_ctrl_supported
 *  +10  u16       header_location_ctrl_enabled
 *  +12  u16       entry_size_ctrl_supported
 *  +14  u16       entry_size_ctrl_enabled
 *  +16  u16       desc_num_before_header_supported
 *  +18  u16       desc_num_before_header_enabled
 *  +20  u16       descriptors_stride_ctrl_supported
 *  +22  u16       descriptors_stride_ctrl_enabled
 *  +24  u8        feature_version
 *  +25  u8        entry_size_recommended
 *  +26  u16       max_wide_llq_depth
 *  +28  u16       accel_mode.supported_flags
 *  +30  u16       accel_mode.max_tx_burst_size
 *  +28  u16       accel_mode.enabled_flags
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class LlqFeature {

    private LlqFeature() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 36;
    /** Offset of max_llq_num. */
    public static final long MAX_LLQ_NUM_OFFSET = 0;
    /** Offset of max_llq_depth. */
    public static final long MAX_LLQ_DEPTH_OFFSET = 4;
    /** Offset of header_location_ctrl_supported. */
    public static final long HEADER_LOCATION_CTRL_SUPPORTED_OFFSET = 8;
    /** Offset of header_location_ctrl_enabled. */
    public static final long HEADER_LOCATION_CTRL_ENABLED_OFFSET = 10;
    /** Offset of entry_size_ctrl_supported. */
    public static final long ENTRY_SIZE_CTRL_SUPPORTED_OFFSET = 12;
    /** Offset of entry_size_ctrl_enabled. */
    public static final long ENTRY_SIZE_CTRL_ENABLED_OFFSET = 14;
    /** Offset of desc_num_before_header_supported. */
    public static final long DESC_NUM_BEFORE_HEADER_SUPPORTED_OFFSET = 16;
    /** Offset of desc_num_before_header_enabled. */
    public static final long DESC_NUM_BEFORE_HEADER_ENABLED_OFFSET = 18;
    /** Offset of descriptors_stride_ctrl_supported. */
    public static final long DESCRIPTORS_STRIDE_CTRL_SUPPORTED_OFFSET = 20;
    /** Offset of descriptors_stride_ctrl_enabled. */
    public static final long DESCRIPTORS_STRIDE_CTRL_ENABLED_OFFSET = 22;
    /** Offset of feature_version. */
    public static final long FEATURE_VERSION_OFFSET = 24;
    /** Offset of entry_size_recommended. */
    public static final long ENTRY_SIZE_RECOMMENDED_OFFSET = 25;
    /** Offset of max_wide_llq_depth. */
    public static final long MAX_WIDE_LLQ_DEPTH_OFFSET = 26;
    /** Offset of accel_mode.supported_flags. */
    public static final long ACCEL_MODE_SUPPORTED_FLAGS_OFFSET = 28;
    /** Offset of accel_mode.max_tx_burst_size. */
    public static final long ACCEL_MODE_MAX_TX_BURST_SIZE_OFFSET = 30;
    /** Offset of accel_mode.enabled_flags. */
    public static final long ACCEL_MODE_ENABLED_FLAGS_OFFSET = 28;

    /** max_llq_num (0 = LLQ not available) (u32, raw bits). */
    public static int maxLlqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_LLQ_NUM_OFFSET);
    }

    /** Sets max_llq_num. */
    public static void maxLlqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_LLQ_NUM_OFFSET, v);
    }

    /** max_llq_depth (u32, raw bits). */
    public static int maxLlqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_LLQ_DEPTH_OFFSET);
    }

    /** Sets max_llq_depth. */
    public static void maxLlqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_LLQ_DEPTH_OFFSET, v);
    }

    /** header_location_ctrl_supported bitmap (u16). */
    public static int headerLocationCtrlSupported(MemorySegment s, long base) {
        return Le.u16(s, base + HEADER_LOCATION_CTRL_SUPPORTED_OFFSET);
    }

    /** Sets header_location_ctrl_supported. */
    public static void headerLocationCtrlSupported(MemorySegment s, long base, int v) {
        Le.u16(s, base + HEADER_LOCATION_CTRL_SUPPORTED_OFFSET, v);
    }

    /** header_location_ctrl_enabled code (u16). */
    public static int headerLocationCtrlEnabled(MemorySegment s, long base) {
        return Le.u16(s, base + HEADER_LOCATION_CTRL_ENABLED_OFFSET);
    }

    /** Sets header_location_ctrl_enabled. */
    public static void headerLocationCtrlEnabled(MemorySegment s, long base, int v) {
        Le.u16(s, base + HEADER_LOCATION_CTRL_ENABLED_OFFSET, v);
    }

    /** entry_size_ctrl_supported bitmap (u16). */
    public static int entrySizeCtrlSupported(MemorySegment s, long base) {
        return Le.u16(s, base + ENTRY_SIZE_CTRL_SUPPORTED_OFFSET);
    }

    /** Sets entry_size_ctrl_supported. */
    public static void entrySizeCtrlSupported(MemorySegment s, long base, int v) {
        Le.u16(s, base + ENTRY_SIZE_CTRL_SUPPORTED_OFFSET, v);
    }

    /** entry_size_ctrl_enabled code (u16). */
    public static int entrySizeCtrlEnabled(MemorySegment s, long base) {
        return Le.u16(s, base + ENTRY_SIZE_CTRL_ENABLED_OFFSET);
    }

    /** Sets entry_size_ctrl_enabled. */
    public static void entrySizeCtrlEnabled(MemorySegment s, long base, int v) {
        Le.u16(s, base + ENTRY_SIZE_CTRL_ENABLED_OFFSET, v);
    }

    /** desc_num_before_header_supported bitmap (u16). */
    public static int descNumBeforeHeaderSupported(MemorySegment s, long base) {
        return Le.u16(s, base + DESC_NUM_BEFORE_HEADER_SUPPORTED_OFFSET);
    }

    /** Sets desc_num_before_header_supported. */
    public static void descNumBeforeHeaderSupported(MemorySegment s, long base, int v) {
        Le.u16(s, base + DESC_NUM_BEFORE_HEADER_SUPPORTED_OFFSET, v);
    }

    /** desc_num_before_header_enabled count (u16). */
    public static int descNumBeforeHeaderEnabled(MemorySegment s, long base) {
        return Le.u16(s, base + DESC_NUM_BEFORE_HEADER_ENABLED_OFFSET);
    }

    /** Sets desc_num_before_header_enabled. */
    public static void descNumBeforeHeaderEnabled(MemorySegment s, long base, int v) {
        Le.u16(s, base + DESC_NUM_BEFORE_HEADER_ENABLED_OFFSET, v);
    }

    /** descriptors_stride_ctrl_supported bitmap (u16). */
    public static int descriptorsStrideCtrlSupported(MemorySegment s, long base) {
        return Le.u16(s, base + DESCRIPTORS_STRIDE_CTRL_SUPPORTED_OFFSET);
    }

    /** Sets descriptors_stride_ctrl_supported. */
    public static void descriptorsStrideCtrlSupported(MemorySegment s, long base, int v) {
        Le.u16(s, base + DESCRIPTORS_STRIDE_CTRL_SUPPORTED_OFFSET, v);
    }

    /** descriptors_stride_ctrl_enabled code (u16). */
    public static int descriptorsStrideCtrlEnabled(MemorySegment s, long base) {
        return Le.u16(s, base + DESCRIPTORS_STRIDE_CTRL_ENABLED_OFFSET);
    }

    /** Sets descriptors_stride_ctrl_enabled. */
    public static void descriptorsStrideCtrlEnabled(MemorySegment s, long base, int v) {
        Le.u16(s, base + DESCRIPTORS_STRIDE_CTRL_ENABLED_OFFSET, v);
    }

    /** feature_version (device's version in GET/SET responses) (u8). */
    public static int featureVersion(MemorySegment s, long base) {
        return Le.u8(s, base + FEATURE_VERSION_OFFSET);
    }

    /** Sets feature_version. */
    public static void featureVersion(MemorySegment s, long base, int v) {
        Le.u8(s, base + FEATURE_VERSION_OFFSET, v);
    }

    /** entry_size_recommended code (GET, version >= 1) (u8). */
    public static int entrySizeRecommended(MemorySegment s, long base) {
        return Le.u8(s, base + ENTRY_SIZE_RECOMMENDED_OFFSET);
    }

    /** Sets entry_size_recommended. */
    public static void entrySizeRecommended(MemorySegment s, long base, int v) {
        Le.u8(s, base + ENTRY_SIZE_RECOMMENDED_OFFSET, v);
    }

    /** max_wide_llq_depth (0 = not applicable) (u16). */
    public static int maxWideLlqDepth(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_WIDE_LLQ_DEPTH_OFFSET);
    }

    /** Sets max_wide_llq_depth. */
    public static void maxWideLlqDepth(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_WIDE_LLQ_DEPTH_OFFSET, v);
    }

    /** accel_mode.get.supported_flags (GET) (u16). */
    public static int accelModeSupportedFlags(MemorySegment s, long base) {
        return Le.u16(s, base + ACCEL_MODE_SUPPORTED_FLAGS_OFFSET);
    }

    /** Sets accel_mode.supported_flags. */
    public static void accelModeSupportedFlags(MemorySegment s, long base, int v) {
        Le.u16(s, base + ACCEL_MODE_SUPPORTED_FLAGS_OFFSET, v);
    }

    /** accel_mode.get.max_tx_burst_size in bytes (GET) (u16). */
    public static int accelModeMaxTxBurstSize(MemorySegment s, long base) {
        return Le.u16(s, base + ACCEL_MODE_MAX_TX_BURST_SIZE_OFFSET);
    }

    /** Sets accel_mode.max_tx_burst_size. */
    public static void accelModeMaxTxBurstSize(MemorySegment s, long base, int v) {
        Le.u16(s, base + ACCEL_MODE_MAX_TX_BURST_SIZE_OFFSET, v);
    }

    /** accel_mode.set.enabled_flags (SET) (u16). */
    public static int accelModeEnabledFlags(MemorySegment s, long base) {
        return Le.u16(s, base + ACCEL_MODE_ENABLED_FLAGS_OFFSET);
    }

    /** Sets accel_mode.enabled_flags. */
    public static void accelModeEnabledFlags(MemorySegment s, long base, int v) {
        Le.u16(s, base + ACCEL_MODE_ENABLED_FLAGS_OFFSET, v);
    }


    /** Feature version 0: legacy. */
    public static final int VERSION_LEGACY = 0;
    /** Feature version 1: the device provides entry_size_recommended (the version the driver GETs with). */
    public static final int VERSION_ENTRY_SIZE_RECOMMENDED = 1;

    /** Header location codes (§8.5). */
    public static final class HeaderLocation {
        private HeaderLocation() {
        }

        /** 1: header inside the descriptor-list entry. */
        public static final int INLINE = 1;
        /** 2: separate header ring (implies 16-byte descriptor-list entries). */
        public static final int HEADER_RING = 2;
    }

    /** Entry size codes (§8.5). */
    public static final class EntrySize {
        private EntrySize() {
        }

        /** 1: 128-byte entries. */
        public static final int SIZE_128 = 1;
        /** 2: 192-byte entries. */
        public static final int SIZE_192 = 2;
        /** 4: 256-byte entries. */
        public static final int SIZE_256 = 4;

        /** Entry size in bytes for a single code, or 0 for anything else (never throws). */
        public static int bytes(int code) {
            return switch (code) {
                case SIZE_128 -> 128;
                case SIZE_192 -> 192;
                case SIZE_256 -> 256;
                default -> 0;
            };
        }
    }

    /** Descriptors-before-header codes: the code is the count itself; 0 has no bit and cannot be advertised. */
    public static final class DescsBeforeHeader {
        private DescsBeforeHeader() {
        }

        /** 0 descriptors. */
        public static final int NUM_0 = 0;
        /** 1 descriptor. */
        public static final int NUM_1 = 1;
        /** 2 descriptors (driver preference). */
        public static final int NUM_2 = 2;
        /** 4 descriptors. */
        public static final int NUM_4 = 4;
        /** 8 descriptors. */
        public static final int NUM_8 = 8;
    }

    /** Descriptor stride codes (meaningful only for inline headers). */
    public static final class Stride {
        private Stride() {
        }

        /** 1: one descriptor per entry. */
        public static final int SINGLE_DESC_PER_ENTRY = 1;
        /** 2: several descriptors per entry. */
        public static final int MULTIPLE_DESCS_PER_ENTRY = 2;
    }

    /** accel_mode flag masks (§8.5). */
    public static final class AccelFlags {
        private AccelFlags() {
        }

        /** Bit 0: device does not cache Tx meta descriptors. */
        public static final int DISABLE_META_CACHING = 1 << 0;
        /** Bit 1: at most max_tx_burst_size bytes of LLQ entries between two doorbells. */
        public static final int LIMIT_TX_BURST = 1 << 1;
        /** Both flags: what the reference driver always requests in SET. */
        public static final int ALL = DISABLE_META_CACHING | LIMIT_TX_BURST;
    }
}

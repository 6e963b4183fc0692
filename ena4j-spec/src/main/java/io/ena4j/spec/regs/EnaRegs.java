package io.ena4j.spec.regs;

/**
 * ENA register BAR (BAR 0) map: offsets, field masks/shifts and small pure encode/decode helpers
 * (management.md §3, §5.2).
 *
 * <pre>
 * off   register              off   register
 * 0x00  VERSION               0x34  AENQ_CAPS
 * 0x04  CONTROLLER_VERSION    0x38  AENQ_BASE_LO
 * 0x08  CAPS                  0x3C  AENQ_BASE_HI
 * 0x0C  CAPS_EXT              0x40  AENQ_HEAD_DB
 * 0x10  AQ_BASE_LO            0x44  AENQ_TAIL
 * 0x14  AQ_BASE_HI            0x4C  INTR_MASK
 * 0x18  AQ_CAPS               0x54  DEV_CTL
 * 0x20  ACQ_BASE_LO           0x58  DEV_STS
 * 0x24  ACQ_BASE_HI           0x5C  MMIO_REG_READ
 * 0x28  ACQ_CAPS              0x60  MMIO_RESP_LO
 * 0x2C  AQ_DB                 0x64  MMIO_RESP_HI
 * 0x30  ACQ_TAIL              0x68  RSS_IND_ENTRY_UPDATE
 *                             0x100 PHC_DB
 * </pre>
 *
 * <p>Masks follow the reference headers: a {@code *_MASK} is the field in place (not shifted down), so a field
 * reads as {@code (value & X_MASK) >>> X_SHIFT}. Fields without a {@code *_SHIFT} constant start at bit 0.
 * All registers are 32-bit, accessed with aligned 32-bit reads/writes (§1).
 */
public final class EnaRegs {

    private EnaRegs() {
    }

    // ---- Offsets (§3.1) ----

    /** VERSION: device interface version (§3.2). */
    public static final int VERSION_OFF = 0x00;
    /** CONTROLLER_VERSION: controller version and implementation id (§3.3). */
    public static final int CONTROLLER_VERSION_OFF = 0x04;
    /** CAPS: reset timeout, DMA width, admin timeout (§3.4). */
    public static final int CAPS_OFF = 0x08;
    /** CAPS_EXT: defined, no fields (§3.1, §16). */
    public static final int CAPS_EXT_OFF = 0x0C;
    /** AQ ring DMA address bits 31:0 (§3.6). */
    public static final int AQ_BASE_LO_OFF = 0x10;
    /** AQ ring DMA address bits 63:32 (§3.6). */
    public static final int AQ_BASE_HI_OFF = 0x14;
    /** AQ_CAPS: AQ depth and entry size (§3.5). */
    public static final int AQ_CAPS_OFF = 0x18;
    /** ACQ ring DMA address bits 31:0 (§3.6). */
    public static final int ACQ_BASE_LO_OFF = 0x20;
    /** ACQ ring DMA address bits 63:32 (§3.6). */
    public static final int ACQ_BASE_HI_OFF = 0x24;
    /** ACQ_CAPS: ACQ depth and entry size (§3.5). */
    public static final int ACQ_CAPS_OFF = 0x28;
    /** AQ_DB: free-running 16-bit AQ tail doorbell (§3.7). */
    public static final int AQ_DB_OFF = 0x2C;
    /** ACQ_TAIL: defined, unused, semantics unknown (§3.1). */
    public static final int ACQ_TAIL_OFF = 0x30;
    /** AENQ_CAPS: AENQ depth and entry size (§3.5). */
    public static final int AENQ_CAPS_OFF = 0x34;
    /** AENQ ring DMA address bits 31:0 (§3.6). */
    public static final int AENQ_BASE_LO_OFF = 0x38;
    /** AENQ ring DMA address bits 63:32 (§3.6). */
    public static final int AENQ_BASE_HI_OFF = 0x3C;
    /** AENQ_HEAD_DB: free-running 16-bit AENQ consumer head (§3.8). */
    public static final int AENQ_HEAD_DB_OFF = 0x40;
    /** AENQ_TAIL: defined, unused, semantics unknown (§3.1). */
    public static final int AENQ_TAIL_OFF = 0x44;
    /** INTR_MASK: admin-completion interrupt mask (§3.9). */
    public static final int INTR_MASK_OFF = 0x4C;
    /** DEV_CTL: reset control and reset reason (§3.10). */
    public static final int DEV_CTL_OFF = 0x54;
    /** DEV_STS: device status (§3.11). */
    public static final int DEV_STS_OFF = 0x58;
    /** MMIO_REG_READ: readless register-read request (§3.12). */
    public static final int MMIO_REG_READ_OFF = 0x5C;
    /** MMIO_RESP_LO: readless response buffer address bits 31:0 (§3.13). */
    public static final int MMIO_RESP_LO_OFF = 0x60;
    /** MMIO_RESP_HI: readless response buffer address bits 63:32 (§3.13). */
    public static final int MMIO_RESP_HI_OFF = 0x64;
    /** RSS_IND_ENTRY_UPDATE: legacy single indirection-entry update (§3.14). */
    public static final int RSS_IND_ENTRY_UPDATE_OFF = 0x68;
    /** PHC_DB: architected PHC doorbell location; the driver uses the offset from the PHC feature (§3.15). */
    public static final int PHC_DB_OFF = 0x100;

    /**
     * Register offsets travel as 16 bits in the readless protocol, so every readable register lies below this
     * offset (§3.1).
     */
    public static final int READABLE_LIMIT = 0x10000;

    /** Result of a failed register read (readless timeout or wrong reg_off): "device not responding" (§4.3). */
    public static final int READ_FAILED = 0xFFFFFFFF;

    // ---- Reference-driver ring geometry (§6.1) ----

    /** AQ depth used by the reference driver (§6.1). */
    public static final int AQ_DEPTH = 32;
    /** ACQ depth used by the reference driver (§6.1). */
    public static final int ACQ_DEPTH = 32;
    /** AENQ depth used by the reference driver (§6.1). */
    public static final int AENQ_DEPTH = 16;
    /** Entry size of AQ, ACQ and AENQ entries in bytes (§6.1). */
    public static final int ADMIN_ENTRY_SIZE = 64;

    // ---- VERSION (§3.2) ----

    /** VERSION bits 7:0 minor version. */
    public static final int VERSION_MINOR_MASK = 0x0000_00FF;
    /** VERSION bits 15:8 major version, shift. */
    public static final int VERSION_MAJOR_SHIFT = 8;
    /** VERSION bits 15:8 major version, mask in place. */
    public static final int VERSION_MAJOR_MASK = 0x0000_FF00;

    // ---- CONTROLLER_VERSION (§3.3) ----

    /** CONTROLLER_VERSION bits 7:0 subminor version. */
    public static final int CONTROLLER_VERSION_SUBMINOR_MASK = 0x0000_00FF;
    /** CONTROLLER_VERSION bits 15:8 minor version, shift. */
    public static final int CONTROLLER_VERSION_MINOR_SHIFT = 8;
    /** CONTROLLER_VERSION bits 15:8 minor version, mask. */
    public static final int CONTROLLER_VERSION_MINOR_MASK = 0x0000_FF00;
    /** CONTROLLER_VERSION bits 23:16 major version, shift. */
    public static final int CONTROLLER_VERSION_MAJOR_SHIFT = 16;
    /** CONTROLLER_VERSION bits 23:16 major version, mask. */
    public static final int CONTROLLER_VERSION_MAJOR_MASK = 0x00FF_0000;
    /** CONTROLLER_VERSION bits 31:24 implementation id, shift. */
    public static final int CONTROLLER_VERSION_IMPL_ID_SHIFT = 24;
    /** CONTROLLER_VERSION bits 31:24 implementation id, mask. */
    public static final int CONTROLLER_VERSION_IMPL_ID_MASK = 0xFF00_0000;
    /** Minimum accepted {@code value & 0x00FFFFFF}: controller version 0.0.1 (§3.3). */
    public static final int CONTROLLER_VERSION_MIN = 0x0000_0001;

    // ---- CAPS (§3.4) ----

    /** CAPS bit 0 CONTIGUOUS_QUEUE_REQUIRED. */
    public static final int CAPS_CONTIGUOUS_QUEUE_REQUIRED_MASK = 0x0000_0001;
    /** CAPS bits 5:1 RESET_TIMEOUT (units of 100 ms), shift. */
    public static final int CAPS_RESET_TIMEOUT_SHIFT = 1;
    /** CAPS bits 5:1 RESET_TIMEOUT, mask. */
    public static final int CAPS_RESET_TIMEOUT_MASK = 0x0000_003E;
    /** CAPS bits 15:8 DMA_ADDR_WIDTH, shift. */
    public static final int CAPS_DMA_ADDR_WIDTH_SHIFT = 8;
    /** CAPS bits 15:8 DMA_ADDR_WIDTH, mask. */
    public static final int CAPS_DMA_ADDR_WIDTH_MASK = 0x0000_FF00;
    /** CAPS bits 19:16 ADMIN_CMD_TO (units of 100 ms; 0 = driver default), shift. */
    public static final int CAPS_ADMIN_CMD_TO_SHIFT = 16;
    /** CAPS bits 19:16 ADMIN_CMD_TO, mask. */
    public static final int CAPS_ADMIN_CMD_TO_MASK = 0x000F_0000;
    /** Unit of CAPS.RESET_TIMEOUT and CAPS.ADMIN_CMD_TO in microseconds (100 ms, §3.4). */
    public static final int CAPS_TIMEOUT_UNIT_US = 100_000;
    /** Smallest DMA width the reference driver accepts (§2.4, §3.4). */
    public static final int DMA_WIDTH_MIN = 32;
    /** Largest DMA width the reference driver accepts (§2.4, §3.4). */
    public static final int DMA_WIDTH_MAX = 48;

    // ---- AQ_CAPS / ACQ_CAPS / AENQ_CAPS (§3.5) ----

    /** Queue CAPS bits 15:0 depth (entries). */
    public static final int QUEUE_CAPS_DEPTH_MASK = 0x0000_FFFF;
    /** Queue CAPS bits 31:16 entry size in bytes, shift. */
    public static final int QUEUE_CAPS_ENTRY_SIZE_SHIFT = 16;
    /** Queue CAPS bits 31:16 entry size in bytes, mask. */
    public static final int QUEUE_CAPS_ENTRY_SIZE_MASK = 0xFFFF_0000;
    /** AQ_CAPS value written by the reference driver: 32 entries of 64 bytes (§3.5). */
    public static final int AQ_CAPS_VALUE = 0x0040_0020;
    /** ACQ_CAPS value written by the reference driver: 32 entries of 64 bytes (§3.5). */
    public static final int ACQ_CAPS_VALUE = 0x0040_0020;
    /** AENQ_CAPS value written by the reference driver: 16 entries of 64 bytes (§3.5). */
    public static final int AENQ_CAPS_VALUE = 0x0040_0010;

    // ---- INTR_MASK (§3.9) ----

    /** INTR_MASK bit 0: 1 = admin completions do not raise vector 0 (polling), 0 = interrupt mode. */
    public static final int INTR_MASK_ADMIN_MASK = 0x0000_0001;

    // ---- DEV_CTL (§3.10) ----

    /** DEV_CTL bit 0 DEV_RESET: 1 starts a reset, writing 0 ends the reset request. */
    public static final int DEV_CTL_DEV_RESET_MASK = 0x0000_0001;
    /** DEV_CTL bit 1 AQ_RESTART (defined, unused). */
    public static final int DEV_CTL_AQ_RESTART_MASK = 0x0000_0002;
    /** DEV_CTL bit 2 QUIESCENT (defined, unused). */
    public static final int DEV_CTL_QUIESCENT_MASK = 0x0000_0004;
    /** DEV_CTL bit 3 IO_RESUME (defined, unused). */
    public static final int DEV_CTL_IO_RESUME_MASK = 0x0000_0008;
    /** DEV_CTL bits 27:24 RESET_REASON_EXT (reason bits 7:4), shift. */
    public static final int DEV_CTL_RESET_REASON_EXT_SHIFT = 24;
    /** DEV_CTL bits 27:24 RESET_REASON_EXT, mask. */
    public static final int DEV_CTL_RESET_REASON_EXT_MASK = 0x0F00_0000;
    /** DEV_CTL bits 31:28 RESET_REASON (reason bits 3:0), shift. */
    public static final int DEV_CTL_RESET_REASON_SHIFT = 28;
    /** DEV_CTL bits 31:28 RESET_REASON, mask. */
    public static final int DEV_CTL_RESET_REASON_MASK = 0xF000_0000;

    // ---- DEV_STS (§3.11) ----

    /** DEV_STS bit 0 READY. */
    public static final int DEV_STS_READY_MASK = 0x0000_0001;
    /** DEV_STS bit 1 AQ_RESTART_IN_PROGRESS (unused by drivers). */
    public static final int DEV_STS_AQ_RESTART_IN_PROGRESS_MASK = 0x0000_0002;
    /** DEV_STS bit 2 AQ_RESTART_FINISHED (unused by drivers). */
    public static final int DEV_STS_AQ_RESTART_FINISHED_MASK = 0x0000_0004;
    /** DEV_STS bit 3 RESET_IN_PROGRESS (polled for 1 then 0 during reset, §5.3). */
    public static final int DEV_STS_RESET_IN_PROGRESS_MASK = 0x0000_0008;
    /** DEV_STS bit 4 RESET_FINISHED (unused by drivers). */
    public static final int DEV_STS_RESET_FINISHED_MASK = 0x0000_0010;
    /** DEV_STS bit 5 FATAL_ERROR (unused by drivers). */
    public static final int DEV_STS_FATAL_ERROR_MASK = 0x0000_0020;
    /** DEV_STS bit 6 QUIESCENT_STATE_IN_PROGRESS (unused by drivers). */
    public static final int DEV_STS_QUIESCENT_STATE_IN_PROGRESS_MASK = 0x0000_0040;
    /** DEV_STS bit 7 QUIESCENT_STATE_ACHIEVED (unused by drivers). */
    public static final int DEV_STS_QUIESCENT_STATE_ACHIEVED_MASK = 0x0000_0080;

    // ---- MMIO_REG_READ (§3.12) ----

    /** MMIO_REG_READ bits 15:0 request id. */
    public static final int MMIO_REG_READ_REQ_ID_MASK = 0x0000_FFFF;
    /** MMIO_REG_READ bits 31:16 register offset, shift. */
    public static final int MMIO_REG_READ_REG_OFF_SHIFT = 16;
    /** MMIO_REG_READ bits 31:16 register offset, mask. */
    public static final int MMIO_REG_READ_REG_OFF_MASK = 0xFFFF_0000;
    /** Default readless read timeout in µs, polled every 1 µs (§4.3). */
    public static final int READLESS_TIMEOUT_US_DEFAULT = 200_000;

    // ---- RSS_IND_ENTRY_UPDATE (§3.14) ----

    /** RSS_IND_ENTRY_UPDATE bits 15:0 indirection-table index. */
    public static final int RSS_IND_ENTRY_UPDATE_INDEX_MASK = 0x0000_FFFF;
    /** RSS_IND_ENTRY_UPDATE bits 31:16 CQ index, shift. */
    public static final int RSS_IND_ENTRY_UPDATE_CQ_IDX_SHIFT = 16;
    /** RSS_IND_ENTRY_UPDATE bits 31:16 CQ index, mask. */
    public static final int RSS_IND_ENTRY_UPDATE_CQ_IDX_MASK = 0xFFFF_0000;

    // ---- PHC_DB (§3.15) ----

    /** PHC_DB bits 15:0 PHC request id. */
    public static final int PHC_DB_REQ_ID_MASK = 0x0000_FFFF;

    // ---- Admin timeout (§5.3 step 9, §14) ----

    /** Admin command completion timeout when CAPS.ADMIN_CMD_TO is 0, in µs (§5.3, §14). */
    public static final int ADMIN_TIMEOUT_US_DEFAULT = 3_000_000;

    // ---- Helpers ----

    /** VERSION bits 7:0. */
    public static int versionMinor(int version) {
        return version & VERSION_MINOR_MASK;
    }

    /** VERSION bits 15:8. */
    public static int versionMajor(int version) {
        return (version & VERSION_MAJOR_MASK) >>> VERSION_MAJOR_SHIFT;
    }

    /** CONTROLLER_VERSION bits 7:0. */
    public static int controllerVersionSubminor(int v) {
        return v & CONTROLLER_VERSION_SUBMINOR_MASK;
    }

    /** CONTROLLER_VERSION bits 15:8. */
    public static int controllerVersionMinor(int v) {
        return (v & CONTROLLER_VERSION_MINOR_MASK) >>> CONTROLLER_VERSION_MINOR_SHIFT;
    }

    /** CONTROLLER_VERSION bits 23:16. */
    public static int controllerVersionMajor(int v) {
        return (v & CONTROLLER_VERSION_MAJOR_MASK) >>> CONTROLLER_VERSION_MAJOR_SHIFT;
    }

    /** CONTROLLER_VERSION bits 31:24. */
    public static int controllerVersionImplId(int v) {
        return (v & CONTROLLER_VERSION_IMPL_ID_MASK) >>> CONTROLLER_VERSION_IMPL_ID_SHIFT;
    }

    /**
     * The driver's validation of CONTROLLER_VERSION: {@code (value & 0x00FFFFFF) >= 1}, ignoring the implementation
     * id (§3.3). {@link #READ_FAILED} passes this test; callers check for a failed read first.
     */
    public static boolean controllerVersionValid(int v) {
        return (v & 0x00FF_FFFF) >= CONTROLLER_VERSION_MIN;
    }

    /** CAPS bit 0 CONTIGUOUS_QUEUE_REQUIRED as 0/1. */
    public static int capsContiguous(int caps) {
        return caps & CAPS_CONTIGUOUS_QUEUE_REQUIRED_MASK;
    }

    /** CAPS bits 5:1 RESET_TIMEOUT in units of 100 ms (0 is invalid: the driver aborts the reset, §5.3). */
    public static int capsResetTimeout(int caps) {
        return (caps & CAPS_RESET_TIMEOUT_MASK) >>> CAPS_RESET_TIMEOUT_SHIFT;
    }

    /** CAPS bits 15:8 DMA_ADDR_WIDTH in bits (the driver requires 32..48, §3.4). */
    public static int capsDmaWidth(int caps) {
        return (caps & CAPS_DMA_ADDR_WIDTH_MASK) >>> CAPS_DMA_ADDR_WIDTH_SHIFT;
    }

    /** CAPS bits 19:16 ADMIN_CMD_TO in units of 100 ms (0 = use the 3 s default, §3.4). */
    public static int capsAdminTimeout(int caps) {
        return (caps & CAPS_ADMIN_CMD_TO_MASK) >>> CAPS_ADMIN_CMD_TO_SHIFT;
    }

    /**
     * Admin completion timeout in µs derived from CAPS: {@code ADMIN_CMD_TO × 100 000} if non-zero, else
     * {@link #ADMIN_TIMEOUT_US_DEFAULT} (§5.3 step 9).
     */
    public static int capsAdminTimeoutUs(int caps) {
        int t = capsAdminTimeout(caps);
        return t != 0 ? t * CAPS_TIMEOUT_UNIT_US : ADMIN_TIMEOUT_US_DEFAULT;
    }

    /**
     * Encodes a CAPS value (device-model side). Each argument is masked to its field width, never rejected.
     *
     * @param contiguous    bit 0 (0/1)
     * @param resetTimeout  bits 5:1, units of 100 ms
     * @param dmaWidth      bits 15:8, address bits
     * @param adminTimeout  bits 19:16, units of 100 ms
     */
    public static int caps(int contiguous, int resetTimeout, int dmaWidth, int adminTimeout) {
        return (contiguous & 1)
                | ((resetTimeout << CAPS_RESET_TIMEOUT_SHIFT) & CAPS_RESET_TIMEOUT_MASK)
                | ((dmaWidth << CAPS_DMA_ADDR_WIDTH_SHIFT) & CAPS_DMA_ADDR_WIDTH_MASK)
                | ((adminTimeout << CAPS_ADMIN_CMD_TO_SHIFT) & CAPS_ADMIN_CMD_TO_MASK);
    }

    /** Encodes AQ_CAPS / ACQ_CAPS / AENQ_CAPS: depth in bits 15:0, entry size in bits 31:16 (§3.5). */
    public static int queueCaps(int depth, int entrySize) {
        return (depth & QUEUE_CAPS_DEPTH_MASK) | (entrySize << QUEUE_CAPS_ENTRY_SIZE_SHIFT);
    }

    /** Queue CAPS bits 15:0 depth. */
    public static int queueCapsDepth(int caps) {
        return caps & QUEUE_CAPS_DEPTH_MASK;
    }

    /** Queue CAPS bits 31:16 entry size in bytes. */
    public static int queueCapsEntrySize(int caps) {
        return caps >>> QUEUE_CAPS_ENTRY_SIZE_SHIFT;
    }

    /**
     * DEV_CTL value that starts a reset with {@code reason} (§5.2): bit 0 set, reason bits 3:0 in 31:28; reason
     * bits 7:4 in 27:24 when the device has EXTENDED_RESET_REASONS, otherwise a reason above 15 falls back to
     * GENERIC (13), i.e. {@code 0xD0000001}. Bits of {@code reason} above bit 7 are ignored.
     */
    public static int devCtlResetValue(int reason, boolean extendedReasons) {
        int value = DEV_CTL_DEV_RESET_MASK | ((reason & 0xF) << DEV_CTL_RESET_REASON_SHIFT);
        int ext = (reason >>> 4) & 0xF;
        if (extendedReasons) {
            value |= ext << DEV_CTL_RESET_REASON_EXT_SHIFT;
        } else if (ext != 0) {
            value = DEV_CTL_DEV_RESET_MASK | (ResetReason.GENERIC.code() << DEV_CTL_RESET_REASON_SHIFT);
        }
        return value;
    }

    /**
     * Reset reason carried by a DEV_CTL value (device-model side): bits 31:28 as reason bits 3:0 and bits 27:24
     * as reason bits 7:4 (§3.10). A device without extended reasons would see those bits 0.
     */
    public static int devCtlResetReason(int devCtl) {
        return ((devCtl & DEV_CTL_RESET_REASON_MASK) >>> DEV_CTL_RESET_REASON_SHIFT)
                | (((devCtl & DEV_CTL_RESET_REASON_EXT_MASK) >>> DEV_CTL_RESET_REASON_EXT_SHIFT) << 4);
    }

    /** MMIO_REG_READ value {@code (offset << 16) | reqId}, both truncated to 16 bits (§3.12, §4.3 step 3). */
    public static int mmioReadRequest(int offset, int reqId) {
        return ((offset & 0xFFFF) << MMIO_REG_READ_REG_OFF_SHIFT) | (reqId & MMIO_REG_READ_REQ_ID_MASK);
    }

    /** MMIO_REG_READ bits 15:0 request id. */
    public static int mmioReadReqId(int request) {
        return request & MMIO_REG_READ_REQ_ID_MASK;
    }

    /** MMIO_REG_READ bits 31:16 register offset. */
    public static int mmioReadRegOff(int request) {
        return request >>> MMIO_REG_READ_REG_OFF_SHIFT;
    }

    /** RSS_IND_ENTRY_UPDATE value: index in bits 15:0, CQ index in 31:16 (§3.14, legacy). */
    public static int rssIndEntryUpdate(int index, int cqIdx) {
        return (index & RSS_IND_ENTRY_UPDATE_INDEX_MASK) | ((cqIdx & 0xFFFF) << RSS_IND_ENTRY_UPDATE_CQ_IDX_SHIFT);
    }

    /** Low 32 bits of a DMA address, for a *_BASE_LO / MMIO_RESP_LO register (§3.6). */
    public static int addrLo(long addr) {
        return (int) addr;
    }

    /** High 32 bits of a DMA address, for a *_BASE_HI / MMIO_RESP_HI register (§3.6). */
    public static int addrHi(long addr) {
        return (int) (addr >>> 32);
    }

    /** Joins a LO/HI register pair into a 64-bit DMA address (device-model side). */
    public static long addr(int lo, int hi) {
        return Integer.toUnsignedLong(lo) | ((long) hi << 32);
    }
}

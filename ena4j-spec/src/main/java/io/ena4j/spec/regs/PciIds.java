package io.ena4j.spec.regs;

/**
 * PCI identity of ENA functions, BAR usage and the meaning of PCI Revision ID bit 0 (management.md §2).
 */
public final class PciIds {

    private PciIds() {
    }

    /** Vendor id: Amazon (§2.1). */
    public static final int VENDOR_AMAZON = 0x1D0F;
    /** Device id: PF (§2.1). */
    public static final int DEVICE_PF = 0x0EC2;
    /** Device id: PF with LLQ (§2.1). */
    public static final int DEVICE_PF_LLQ = 0x1EC2;
    /** Device id: VF (§2.1). */
    public static final int DEVICE_VF = 0xEC20;
    /** Device id: VF with LLQ (§2.1). */
    public static final int DEVICE_VF_LLQ = 0xEC21;
    /** Device id: reserved entry also bound by the driver (§2.1). */
    public static final int DEVICE_RESERVED = 0x0051;

    /**
     * PCI Revision ID bit 0: when set the driver disables readless register reads and uses plain MMIO loads
     * (§2.1, §4).
     */
    public static final int REVISION_READLESS_DISABLED = 0x01;

    /** Register BAR index (§2.2). */
    public static final int REG_BAR = 0;
    /** LLQ device-memory BAR index, optional (§2.2). */
    public static final int MEM_BAR = 2;
    /** Mask of the BARs the driver requests: 0 and 2 (§2.2). */
    public static final int BAR_MASK = 0b101;

    /** MSI-X vector shared by admin completions and AENQ (§2.3). */
    public static final int MGMT_VECTOR = 0;
    /** Minimum number of MSI-X vectors the driver requires (§2.3). */
    public static final int MIN_MSIX_VECTORS = 2;

    /** Whether {@code vendor}/{@code device} is one of the five ids the driver binds; all are treated alike (§2.1). */
    public static boolean isEna(int vendor, int device) {
        if (vendor != VENDOR_AMAZON) {
            return false;
        }
        return device == DEVICE_PF || device == DEVICE_PF_LLQ || device == DEVICE_VF || device == DEVICE_VF_LLQ
                || device == DEVICE_RESERVED;
    }

    /** Whether the revision id disables readless mode (bit 0 set, §2.1). */
    public static boolean readlessDisabled(int revisionId) {
        return (revisionId & REVISION_READLESS_DISABLED) != 0;
    }

    /** MSI-X vector of I/O queue pair {@code pair}: {@code 1 + pair} (§2.3). */
    public static int ioVector(int pair) {
        return 1 + pair;
    }
}

package io.ena4j.platform;

/**
 * Offsets and values of the standard PCI type 0 configuration header and the MSI-X capability
 * (PCI Local Bus Specification 3.0 §6.1, §6.8.2). Generic PCI facts, not ENA-specific.
 */
public final class PciConfig {

    private PciConfig() {
    }

    public static final int VENDOR_ID = 0x00;
    public static final int DEVICE_ID = 0x02;
    public static final int COMMAND = 0x04;
    public static final int STATUS = 0x06;
    public static final int REVISION_ID = 0x08;
    public static final int CLASS_CODE = 0x09;
    public static final int HEADER_TYPE = 0x0E;
    public static final int BAR0 = 0x10;
    public static final int SUBSYSTEM_VENDOR_ID = 0x2C;
    public static final int SUBSYSTEM_ID = 0x2E;
    public static final int CAPABILITIES_POINTER = 0x34;

    /** COMMAND bit 1: memory space decoding enabled. */
    public static final int COMMAND_MEMORY = 1 << 1;
    /** COMMAND bit 2: bus master (DMA) enabled. */
    public static final int COMMAND_BUS_MASTER = 1 << 2;
    /** STATUS bit 4: capabilities list present. */
    public static final int STATUS_CAP_LIST = 1 << 4;

    /** Capability id of MSI-X. */
    public static final int CAP_ID_MSIX = 0x11;
    /** Capability id of PCI Express. */
    public static final int CAP_ID_PCIE = 0x10;

    /** MSI-X capability: Message Control (16 bits) at +2. */
    public static final int MSIX_MESSAGE_CONTROL = 2;
    /** MSI-X capability: Table offset / BIR (32 bits) at +4. */
    public static final int MSIX_TABLE = 4;
    /** MSI-X capability: PBA offset / BIR (32 bits) at +8. */
    public static final int MSIX_PBA = 8;
    /** Message Control bits 10:0: table size − 1. */
    public static final int MSIX_CTRL_TABLE_SIZE_MASK = 0x7FF;
    /** Message Control bit 14: function mask. */
    public static final int MSIX_CTRL_FUNCTION_MASK = 1 << 14;
    /** Message Control bit 15: MSI-X enable. */
    public static final int MSIX_CTRL_ENABLE = 1 << 15;
    /** Table/PBA register bits 2:0: BAR indicator. */
    public static final int MSIX_BIR_MASK = 0x7;
    /** Bytes per MSI-X table entry (address lo, address hi, data, vector control). */
    public static final int MSIX_ENTRY_SIZE = 16;
    /** Vector control bit 0: vector masked. */
    public static final int MSIX_VECTOR_CTRL_MASKED = 1;

    /**
     * Finds capability {@code capId} in {@code fn}'s capability list.
     *
     * @return its config-space offset, or -1 if absent (or the list is malformed)
     */
    public static int findCapability(PciFunction fn, int capId) {
        if ((fn.configRead16(STATUS) & STATUS_CAP_LIST) == 0) {
            return -1;
        }
        int ptr = fn.configRead8(CAPABILITIES_POINTER) & 0xFC;
        for (int hops = 0; ptr >= 0x40 && hops < 48; hops++) { // 48 caps fit in 192 bytes: a loop is malformed
            if (fn.configRead8(ptr) == capId) {
                return ptr;
            }
            ptr = fn.configRead8(ptr + 1) & 0xFC;
        }
        return -1;
    }
}

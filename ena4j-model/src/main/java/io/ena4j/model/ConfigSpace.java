package io.ena4j.model;

import io.ena4j.platform.PciConfig;
import io.ena4j.spec.regs.PciIds;

/**
 * The PCI configuration space of the modelled function (management.md §2; PCI Local Bus 3.0 §6.1, §6.8.2; PCIe 3.0
 * §7.8): a type 0 header, a PCI Express capability and an MSI-X capability, 4 KiB with an empty extended space.
 *
 * <pre>
 * 0x00 vendor 0x1D0F / device id      0x10 BAR 0: 32-bit memory, non-prefetchable (register BAR)
 * 0x04 COMMAND / STATUS (cap list)    0x18 BAR 2: 64-bit prefetchable memory (LLQ), 0x1C its upper half
 * 0x08 revision (bit 0 = readless     0x2C subsystem vendor 0x1D0F / subsystem id = device id
 *      disabled) / class 0x020000     0x34 capabilities pointer = 0x70
 * 0x70 PCI Express capability (v2, endpoint), next 0xB0
 * 0xB0 MSI-X capability: message control, table offset/BIR, PBA offset/BIR; next 0
 * </pre>
 *
 * <p>[inferred] Capability offsets 0x70 / 0xB0 follow what EC2 instances typically show; the spec does not fix
 * them, and drivers walk the list. BAR sizing works the standard way: write all-ones, read back the size mask.
 * Writable: COMMAND bits 1 (memory), 2 (bus master), 6, 8, 10; cache-line size, latency timer, interrupt line; BAR
 * address bits; PCIe device control and link control; MSI-X enable (bit 15) and function mask (bit 14). Every other
 * write is ignored, as read-only hardware fields are.
 *
 * <p>Not thread-safe: the model calls it under its device lock.
 */
final class ConfigSpace {

    /** Size of configuration space (PCIe extended). */
    static final int SIZE = 4096;
    /** Offset of the PCI Express capability. */
    static final int PCIE_CAP = 0x70;
    /** Offset of the MSI-X capability. */
    static final int MSIX_CAP = 0xB0;
    /** Class code: network controller (0x02), Ethernet (0x00), programming interface 0. */
    static final int CLASS_ETHERNET = 0x02_0000;

    private static final int COMMAND_WRITABLE = PciConfig.COMMAND_MEMORY | PciConfig.COMMAND_BUS_MASTER
            | (1 << 6) | (1 << 8) | (1 << 10);
    private static final int BAR_64BIT_PREFETCHABLE = 0x4 | 0x8;

    private final DeviceProfile profile;
    private final long bar0Size;
    private final long bar2Size;
    private int command;
    private int cacheLineLatency;
    private int interruptLine;
    private int bar0;
    private int bar2Lo;
    private int bar2Hi;
    private int pcieDevCtl = 0x2810;
    private int pcieLinkCtl;
    private int msixControl;

    ConfigSpace(DeviceProfile profile) {
        this.profile = profile;
        this.bar0Size = profile.bar0().size();
        this.bar2Size = profile.bar2Size();
    }

    /** Reads the dword at {@code off} (already validated: aligned, inside the space). */
    int read(int off) {
        DeviceProfile.Msix m = profile.msix();
        return switch (off) {
            case PciConfig.VENDOR_ID -> PciIds.VENDOR_AMAZON | (profile.pci().deviceId() << 16);
            case PciConfig.COMMAND -> command | (PciConfig.STATUS_CAP_LIST << 16);
            case PciConfig.REVISION_ID -> profile.revisionId() | (CLASS_ETHERNET << 8);
            case 0x0C -> cacheLineLatency; // header type 0, BIST 0
            case PciConfig.BAR0 -> bar0;
            case PciConfig.BAR0 + 8 -> bar2Size == 0 ? 0 : bar2Lo | BAR_64BIT_PREFETCHABLE;
            case PciConfig.BAR0 + 12 -> bar2Size == 0 ? 0 : bar2Hi;
            case PciConfig.SUBSYSTEM_VENDOR_ID -> PciIds.VENDOR_AMAZON | (profile.pci().deviceId() << 16);
            case PciConfig.CAPABILITIES_POINTER -> PCIE_CAP;
            case 0x3C -> interruptLine; // interrupt pin 0: MSI-X only
            case PCIE_CAP -> PciConfig.CAP_ID_PCIE | (MSIX_CAP << 8) | (0x0002 << 16); // v2, endpoint
            case PCIE_CAP + 4 -> 0x0000_8001; // max payload 256 B, role-based error reporting
            case PCIE_CAP + 8 -> pcieDevCtl;
            case PCIE_CAP + 12 -> 0x0000_0083; // link: 8 GT/s, x8
            case PCIE_CAP + 16 -> pcieLinkCtl | (0x0083 << 16);
            case MSIX_CAP -> PciConfig.CAP_ID_MSIX | (msixControl | (m.vectors() - 1)) << 16;
            case MSIX_CAP + PciConfig.MSIX_TABLE -> m.tableOffset() | m.tableBir();
            case MSIX_CAP + PciConfig.MSIX_PBA -> m.pbaOffset() | m.pbaBir();
            default -> 0;
        };
    }

    /**
     * Writes the dword at {@code off}.
     *
     * @return true if MSI-X enable or function mask changed (pending messages may now be deliverable)
     */
    boolean write(int off, int v) {
        switch (off) {
            case PciConfig.COMMAND -> command = v & COMMAND_WRITABLE;
            case 0x0C -> cacheLineLatency = v & 0xFFFF;
            case PciConfig.BAR0 -> bar0 = (int) (v & ~(bar0Size - 1));
            case PciConfig.BAR0 + 8 -> bar2Lo = bar2Size == 0 ? 0 : (int) (v & ~(bar2Size - 1)) & ~0xF;
            case PciConfig.BAR0 + 12 -> bar2Hi = bar2Size == 0 ? 0 : v;
            case 0x3C -> interruptLine = v & 0xFF;
            case PCIE_CAP + 8 -> pcieDevCtl = v & 0x7FFF; // bit 15 (initiate FLR) not supported: no FLR capability
            case PCIE_CAP + 16 -> pcieLinkCtl = v & 0xFFFF;
            case MSIX_CAP -> {
                int old = msixControl;
                msixControl = (v >>> 16) & (PciConfig.MSIX_CTRL_ENABLE | PciConfig.MSIX_CTRL_FUNCTION_MASK);
                return old != msixControl;
            }
            default -> {
                // read-only or unimplemented: ignored, as hardware does
            }
        }
        return false;
    }

    boolean memoryEnabled() {
        return (command & PciConfig.COMMAND_MEMORY) != 0;
    }

    boolean busMasterEnabled() {
        return (command & PciConfig.COMMAND_BUS_MASTER) != 0;
    }

    boolean msixEnabled() {
        return (msixControl & PciConfig.MSIX_CTRL_ENABLE) != 0;
    }

    boolean msixFunctionMasked() {
        return (msixControl & PciConfig.MSIX_CTRL_FUNCTION_MASK) != 0;
    }
}

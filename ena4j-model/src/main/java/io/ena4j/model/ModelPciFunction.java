package io.ena4j.model;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.InterruptHandler;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.Le;
import io.ena4j.spec.regs.PciIds;

import java.lang.foreign.MemorySegment;

/**
 * The embedded "host platform" in front of an {@link EnaDeviceModel}: what VFIO is for real hardware. A driver given
 * this {@link PciFunction} cannot tell it from a VFIO-bound ENA.
 *
 * <ul>
 * <li>Configuration space and BAR 0 accesses forward to the model; {@link #bar2()} is the model's BAR 2.</li>
 * <li>{@link #dma()} is an {@link IommuDmaAllocator} over the model's IOMMU (or one shared by two functions whose
 * models share an IOMMU): what the driver allocates is what the device may reach.</li>
 * <li>{@link #setInterruptHandler} does what the host OS does for a VFIO user enabling MSI-X: it routes the vector
 * to the handler, programs and unmasks the vector's MSI-X table entry (or masks it again for {@code null}) and sets
 * MSI-X enable in config space.</li>
 * <li>Opening the function enables PCI memory decoding, as vfio-pci's open does (pci_enable_device); bus mastering
 * is left to the driver (§13.1 step 1), so a driver that forgets it sees every DMA fault.</li>
 * <li>{@link #close()} stops the model.</li>
 * </ul>
 */
public final class ModelPciFunction implements PciFunction {

    /** Message address the host "programs" into table entries (x86 LAPIC window; informational only). */
    private static final int MSI_ADDRESS = 0xFEE0_0000;

    private final EnaDeviceModel model;
    private final IommuDmaAllocator dma;
    private final RegisterBar bar0;
    private final String address;

    /** A function in front of {@code model}; enables memory decoding. */
    public ModelPciFunction(EnaDeviceModel model) {
        this(model, model == null ? null : new IommuDmaAllocator(model.iommu()));
    }

    /**
     * A function in front of {@code model} whose {@link #dma()} is {@code sharedDma}: give two functions whose models
     * share one IOMMU ({@link EnaDeviceModel#EnaDeviceModel(DeviceProfile, io.ena4j.platform.Clock,
     * io.ena4j.platform.Iommu)}) the same allocator over it, like two functions in one VFIO container, so that every
     * IO address either hands out is valid — and distinct — for both devices. Enables memory decoding.
     *
     * @throws IllegalArgumentException if either is null
     */
    public ModelPciFunction(EnaDeviceModel model, IommuDmaAllocator sharedDma) {
        if (model == null || sharedDma == null) {
            throw new IllegalArgumentException("ModelPciFunction needs a model and an allocator, got " + model + ", "
                    + sharedDma);
        }
        this.model = model;
        this.dma = sharedDma;
        this.address = "model:" + model.threadName().substring("ena-model-".length());
        this.bar0 = new RegisterBar() {
            @Override
            public int read32(int offset) {
                return model.bar0Read32(offset);
            }

            @Override
            public void write32(int offset, int value) {
                model.bar0Write32(offset, value);
            }

            @Override
            public int size() {
                return model.bar0Size();
            }
        };
        int cmd = model.configRead32(PciConfig.COMMAND) & 0xFFFF;
        model.configWrite32(PciConfig.COMMAND, cmd | PciConfig.COMMAND_MEMORY);
    }

    /** The model behind this function. */
    public EnaDeviceModel model() {
        return model;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public int configRead32(int offset) {
        return model.configRead32(offset);
    }

    @Override
    public void configWrite32(int offset, int value) {
        model.configWrite32(offset, value);
    }

    @Override
    public RegisterBar bar0() {
        return bar0;
    }

    @Override
    public MemorySegment bar2() {
        return model.bar2();
    }

    @Override
    public int msixVectorCount() {
        return model.profile().msix().vectors();
    }

    /**
     * Routes {@code vector} to {@code handler}, programs and unmasks (or, for {@code null}, masks) its table entry
     * and enables MSI-X.
     *
     * @throws IllegalArgumentException if {@code vector} is outside the table
     */
    @Override
    public void setInterruptHandler(int vector, InterruptHandler handler) {
        model.setMsixCallback(vector, handler);
        DeviceProfile.Msix m = model.profile().msix();
        long entry = m.tableOffset() + 16L * vector;
        writeTable(m, entry, MSI_ADDRESS);
        writeTable(m, entry + 4, 0);
        writeTable(m, entry + 8, vector);
        writeTable(m, entry + 12, handler == null ? PciConfig.MSIX_VECTOR_CTRL_MASKED : 0);
        int cap = PciConfig.findCapability(this, PciConfig.CAP_ID_MSIX);
        if (cap >= 0) {
            int control = model.configRead32(cap) >>> 16;
            model.configWrite32(cap, (control | PciConfig.MSIX_CTRL_ENABLE) << 16);
        }
    }

    private void writeTable(DeviceProfile.Msix m, long off, int value) {
        if (m.tableBir() == PciIds.REG_BAR) {
            model.bar0Write32((int) off, value);
        } else {
            Le.u32(model.bar2(), off, value);
        }
    }

    @Override
    public DmaAllocator dma() {
        return dma;
    }

    /** Stops the model (its thread, if started) and releases BAR 2. */
    @Override
    public void close() {
        model.close();
    }
}

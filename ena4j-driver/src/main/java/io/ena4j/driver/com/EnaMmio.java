package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import io.ena4j.spec.regs.ReadlessResponse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access to the ENA register BAR (BAR 0): 32-bit writes, and 32-bit reads through the readless mechanism
 * (management.md §4) or, when PCI Revision ID bit 0 is set, plain MMIO loads (§2.1).
 *
 * <h2>Readless read (§4.3)</h2>
 * Reads are serialized by a lock (one outstanding request). For each read the 16-bit sequence number is
 * incremented, {@code seq + 0xDEAD} is stored into the response buffer's {@code req_id} so a stale response can
 * never match, {@code MMIO_REG_READ = (offset << 16) | seq} is written, and {@code req_id} is polled every 1 µs
 * ({@link Clock#sleepMicros(long)}) until it equals {@code seq} or the timeout passes. {@code req_id} is read with
 * an acquire load before {@code reg_off} and {@code reg_val}: the device writes it last (§4.4), so the acquire
 * orders our reads of the other fields after it. A timeout, or a {@code reg_off} other than the requested offset,
 * yields {@link EnaRegs#READ_FAILED} ({@code 0xFFFFFFFF}), which every caller treats as "device not responding",
 * and bumps a counter; it never throws.
 *
 * <p>The reference counts 1 µs delays ({@code reg_read_to} iterations of {@code udelay(1)}); we measure elapsed
 * {@link Clock} time instead. On a {@link io.ena4j.platform.ManualClock} the two are identical; on a real clock a
 * 1 µs sleep overshoots, and elapsed time keeps the timeout at what the spec states.
 *
 * <h2>Life cycle</h2>
 * {@link #init()} allocates the 8-byte response buffer and writes MMIO_RESP_LO/HI (§4.2 step 1, done even if
 * readless is disabled); {@link #rearm()} writes the address again right after a reset write (§4.2 step 2);
 * {@link #destroy()} writes 0/0 and frees the buffer (§4.2 step 3). The readless timeout can be replaced at run
 * time from the HW hint {@code mmio_read_timeout} (§8.6).
 *
 * <p>Thread-safe.
 */
public final class EnaMmio {

    /** req_id, the first u16 of the (page-aligned) response buffer: an aligned LE short allows acquire loads. */
    private static final VarHandle REQ_ID = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final PciFunction fn;
    private final RegisterBar bar;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong readTimeouts = new AtomicLong();
    private final AtomicLong badOffsets = new AtomicLong();
    private final AtomicLong notInitialised = new AtomicLong();

    private volatile boolean readless = true;
    private volatile long timeoutUs;
    /** Guarded by {@link #lock}. */
    private DmaBuffer resp;
    /** Guarded by {@link #lock}. */
    private int seq;

    /**
     * Register access for {@code fn}'s BAR 0.
     *
     * @param config supplies the initial readless timeout
     */
    public EnaMmio(PciFunction fn, Clock clock, EnaComConfig config) {
        this.fn = fn;
        this.bar = fn.bar0();
        this.clock = clock;
        this.timeoutUs = config.readlessTimeoutUs();
    }

    /**
     * Allocates the response buffer, writes MMIO_RESP_LO then MMIO_RESP_HI, and zeroes {@code req_id} and the
     * sequence number ({@code ena_com_mmio_reg_read_request_init}, §4.2 step 1, §13.1 step 3). Readless mode is
     * then on unless PCI Revision ID bit 0 is set (§2.1); {@link #setReadlessEnabled(boolean)} overrides it.
     *
     * @return 0, or {@link EnaErrno#ENOMEM} if DMA memory could not be allocated
     * @throws IllegalStateException if already initialised
     */
    public int init() {
        lock.lock();
        try {
            if (resp != null) {
                throw new IllegalStateException("readless response buffer already initialised");
            }
            try {
                resp = fn.dma().allocate(ReadlessResponse.SIZE);
            } catch (DmaException e) {
                return EnaErrno.ENOMEM;
            }
            writeAddress(resp.ioAddress());
            REQ_ID.setRelease(resp.segment(), ReadlessResponse.REQ_ID_OFFSET, (short) 0);
            seq = 0;
            readless = !PciIds.readlessDisabled(fn.configRead8(PciConfig.REVISION_ID));
            return EnaErrno.OK;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the response buffer address again (§4.2 step 2): the device forgets it on reset, so this follows the
     * DEV_CTL reset write. No-op if not initialised.
     */
    public void rearm() {
        lock.lock();
        try {
            if (resp != null) {
                writeAddress(resp.ioAddress());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes MMIO_RESP_LO = 0, MMIO_RESP_HI = 0 and frees the buffer (§4.2 step 3). No-op if not initialised. */
    public void destroy() {
        lock.lock();
        try {
            if (resp == null) {
                return;
            }
            writeAddress(0);
            DmaBuffer b = resp;
            resp = null;
            fn.dma().free(b);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the register at {@code offset}: through readless, or a plain load when readless is disabled.
     *
     * @return the value, or {@link EnaRegs#READ_FAILED} on a readless timeout, a wrong {@code reg_off} in the
     *         response, or a readless read before {@link #init()} (each counted)
     * @throws IllegalArgumentException if {@code offset} is not 4-byte aligned in {@code [0, 0x10000)}
     */
    public int read32(int offset) {
        if (offset < 0 || offset >= EnaRegs.READABLE_LIMIT || (offset & 3) != 0) {
            throw new IllegalArgumentException("register offset 0x" + Integer.toHexString(offset)
                    + " is out of range: accepted 4-byte aligned 0x0..0x"
                    + Integer.toHexString(EnaRegs.READABLE_LIMIT - 4));
        }
        if (!readless) {
            return bar.read32(offset);
        }
        lock.lock();
        try {
            if (resp == null) {
                notInitialised.incrementAndGet();
                return EnaRegs.READ_FAILED;
            }
            MemorySegment buf = resp.segment();
            seq = (seq + 1) & 0xFFFF;
            REQ_ID.setRelease(buf, ReadlessResponse.REQ_ID_OFFSET, (short) ReadlessResponse.staleReqId(seq));
            bar.write32(EnaRegs.MMIO_REG_READ_OFF, EnaRegs.mmioReadRequest(offset, seq));
            long deadline = clock.nanoTime() + timeoutUs * 1_000L;
            while ((((short) REQ_ID.getAcquire(buf, ReadlessResponse.REQ_ID_OFFSET)) & 0xFFFF) != seq) {
                if (clock.nanoTime() - deadline >= 0) {
                    readTimeouts.incrementAndGet();
                    return EnaRegs.READ_FAILED;
                }
                clock.sleepMicros(1);
            }
            if (ReadlessResponse.regOff(buf, 0) != offset) {
                badOffsets.incrementAndGet();
                return EnaRegs.READ_FAILED;
            }
            return ReadlessResponse.regVal(buf, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code value} to the register at {@code offset} (a posted write, ordered after this thread's earlier
     * memory stores, per {@link RegisterBar}).
     *
     * @throws IllegalArgumentException if {@code offset} is not 4-byte aligned inside the BAR
     */
    public void write32(int offset, int value) {
        if (offset < 0 || offset > bar.size() - 4 || (offset & 3) != 0) {
            throw new IllegalArgumentException("register offset 0x" + Integer.toHexString(offset)
                    + " is out of range: accepted 4-byte aligned 0x0..0x" + Integer.toHexString(bar.size() - 4));
        }
        bar.write32(offset, value);
    }

    /** True if reads go through readless (§4), false if they are plain MMIO loads. */
    public boolean readlessEnabled() {
        return readless;
    }

    /**
     * Selects readless ({@code true}) or plain MMIO reads ({@code ena_com_set_mmio_read_mode}); {@link #init()}
     * sets it from PCI Revision ID bit 0.
     */
    public void setReadlessEnabled(boolean enabled) {
        readless = enabled;
    }

    /** The readless timeout in µs. */
    public long readlessTimeoutUs() {
        return timeoutUs;
    }

    /**
     * Replaces the readless timeout, e.g. from the HW hint {@code mmio_read_timeout} × 1000 (§8.6).
     *
     * @throws IllegalArgumentException if outside {@code 1..}{@link EnaComConfig#READLESS_TIMEOUT_US_MAX}
     */
    public void setReadlessTimeoutUs(long us) {
        EnaComConfig.checkRange("readlessTimeoutUs", us, 1, EnaComConfig.READLESS_TIMEOUT_US_MAX);
        timeoutUs = us;
    }

    /** IO address of the response buffer, or -1 if not initialised. */
    public long responseIoAddress() {
        lock.lock();
        try {
            return resp == null ? -1 : resp.ioAddress();
        } finally {
            lock.unlock();
        }
    }

    /** Readless reads whose response never arrived within the timeout. */
    public long readTimeouts() {
        return readTimeouts.get();
    }

    /** Readless reads whose response named another register than requested. */
    public long badOffsets() {
        return badOffsets.get();
    }

    /** Readless reads attempted before {@link #init()} or after {@link #destroy()}. */
    public long readsWithoutBuffer() {
        return notInitialised.get();
    }

    /** All failed register reads ({@link EnaRegs#READ_FAILED} returned for any reason). */
    public long readFailures() {
        return readTimeouts.get() + badOffsets.get() + notInitialised.get();
    }

    private void writeAddress(long addr) {
        bar.write32(EnaRegs.MMIO_RESP_LO_OFF, EnaRegs.addrLo(addr));
        bar.write32(EnaRegs.MMIO_RESP_HI_OFF, EnaRegs.addrHi(addr));
    }
}

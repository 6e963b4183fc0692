package io.ena4j.model;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the device model did and what went wrong, for tests and diagnostics. Every counter only grows (a device reset
 * does not clear them); all are thread-safe to read at any time.
 *
 * <p>Names follow the spec concept they count (management.md section in each Javadoc).
 */
public final class ModelCounters {

    private final AtomicLong adminCommands = new AtomicLong();
    private final AtomicLongArray adminByStatus = new AtomicLongArray(256);
    private final AtomicLong adminCompletionsWithheld = new AtomicLong();
    private final AtomicLong adminInterruptsSuppressed = new AtomicLong();
    private final AtomicLong adminConfigErrors = new AtomicLong();
    private final AtomicLong aqDoorbellErrors = new AtomicLong();
    private final AtomicLong dmaFaults = new AtomicLong();
    private final AtomicLong readlessReads = new AtomicLong();
    private final AtomicLong readlessDropped = new AtomicLong();
    private final AtomicLong readlessIgnored = new AtomicLong();
    private final AtomicLong plainRegisterReads = new AtomicLong();
    private final AtomicLong readOnlyRegisterWrites = new AtomicLong();
    private final AtomicLong unknownRegisterAccesses = new AtomicLong();
    private final AtomicLong accessesWhileDecodeDisabled = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong resetRequestsHeld = new AtomicLong();
    private final AtomicLong aenqPosted = new AtomicLong();
    private final AtomicLong aenqDroppedNoCredit = new AtomicLong();
    private final AtomicLong aenqFilteredByGroup = new AtomicLong();
    private final AtomicLong aenqHeadDoorbellErrors = new AtomicLong();
    private final AtomicLong aenqConfigErrors = new AtomicLong();
    private final AtomicLong msixPending = new AtomicLong();
    private final AtomicLong msixDropped = new AtomicLong();
    private final AtomicLong phcRequests = new AtomicLong();
    private final AtomicLong unreachableHostAddresses = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private final AtomicLong txDescriptorErrors = new AtomicLong();
    private final AtomicLong rxDescriptorErrors = new AtomicLong();
    private final AtomicLong sqDoorbellErrors = new AtomicLong();
    private final AtomicLong txOffloadsIgnored = new AtomicLong();
    private final AtomicLong staleDataPathFaults = new AtomicLong();
    private final AtomicLong txCompletionsWithheld = new AtomicLong();
    private final AtomicLong txCompletionsCorrupted = new AtomicLong();
    private final AtomicLong rxCompletionsCorrupted = new AtomicLong();
    private final AtomicLong ioInterruptsDropped = new AtomicLong();
    private final AtomicLong dataPathDmaFaultsInjected = new AtomicLong();
    private volatile String lastDataPathError = "";
    private final AtomicLongArray interrupts;
    private volatile int lastResetReason = -1;
    private volatile int lastResetDevCtl;
    private volatile String lastAdminConfigError = "";
    private volatile String lastDmaFault = "";

    /** Counters for a device with {@code vectors} MSI-X vectors. */
    ModelCounters(int vectors) {
        interrupts = new AtomicLongArray(vectors);
    }

    // ---- admin (§6) ----

    /** Admin commands consumed from the AQ (§6.3), whatever their outcome. */
    public long adminCommands() {
        return adminCommands.get();
    }

    /** Completions written with ACQ status {@code status} (0..255, §6.8). */
    public long adminCompletions(int status) {
        return status < 0 || status > 255 ? 0 : adminByStatus.get(status);
    }

    /** Completions written, all statuses. */
    public long adminCompletionsTotal() {
        long n = 0;
        for (int i = 0; i < 256; i++) {
            n += adminByStatus.get(i);
        }
        return n;
    }

    /** Commands consumed whose completion a fault withheld (no ACQ entry written). */
    public long adminCompletionsWithheld() {
        return adminCompletionsWithheld.get();
    }

    /** Admin completions whose vector-0 interrupt a fault suppressed. */
    public long adminInterruptsSuppressed() {
        return adminInterruptsSuppressed.get();
    }

    /** AQ/ACQ configurations refused (bad depth or entry size in AQ_CAPS / ACQ_CAPS, §3.5). */
    public long adminConfigErrors() {
        return adminConfigErrors.get();
    }

    /** Why the last AQ/ACQ configuration was refused ("" if never). */
    public String lastAdminConfigError() {
        return lastAdminConfigError;
    }

    /** AQ_DB writes claiming more than the AQ depth outstanding (§6.3): a driver error. */
    public long aqDoorbellErrors() {
        return aqDoorbellErrors.get();
    }

    // ---- DMA ----

    /** DMA accesses outside the IOMMU mappings (or beyond the DMA width, or with bus mastering off). */
    public long dmaFaults() {
        return dmaFaults.get();
    }

    /** Description of the last DMA fault ("" if none). */
    public String lastDmaFault() {
        return lastDmaFault;
    }

    /** Host addresses given in SET_FEATURE (host info, debug area, PHC buffer) that no mapping covers (§8.17). */
    public long unreachableHostAddresses() {
        return unreachableHostAddresses.get();
    }

    // ---- registers (§3, §4) ----

    /** Readless register reads answered (§4.4). */
    public long readlessReads() {
        return readlessReads.get();
    }

    /** Readless requests a fault dropped (no response written). */
    public long readlessDropped() {
        return readlessDropped.get();
    }

    /** Readless requests ignored: readless disabled by the profile, or no response address armed (§4.2). */
    public long readlessIgnored() {
        return readlessIgnored.get();
    }

    /** Plain MMIO reads of BAR 0 (the path when PCI revision bit 0 is set, §2.1). */
    public long plainRegisterReads() {
        return plainRegisterReads.get();
    }

    /** Writes to read-only registers (VERSION, CONTROLLER_VERSION, CAPS, CAPS_EXT, DEV_STS), ignored. */
    public long readOnlyRegisterWrites() {
        return readOnlyRegisterWrites.get();
    }

    /** Accesses to BAR 0 offsets that hold no register (stored, no effect). */
    public long unknownRegisterAccesses() {
        return unknownRegisterAccesses.get();
    }

    /** BAR accesses while PCI COMMAND memory decoding is off (reads return all-ones, writes dropped). */
    public long accessesWhileDecodeDisabled() {
        return accessesWhileDecodeDisabled.get();
    }

    // ---- reset (§5) ----

    /** Device resets started (rising edge of DEV_CTL.DEV_RESET acted upon, §5.3). */
    public long resets() {
        return resets.get();
    }

    /** Reset requests a fault held back (RESET_IN_PROGRESS never asserted). */
    public long resetRequestsHeld() {
        return resetRequestsHeld.get();
    }

    /** Reason of the last reset request decoded from DEV_CTL bits 31:28 and 27:24 (§3.10), -1 if none yet. */
    public int lastResetReason() {
        return lastResetReason;
    }

    /** The DEV_CTL value of the last reset request. */
    public int lastResetDevCtl() {
        return lastResetDevCtl;
    }

    // ---- AENQ (§9) ----

    /** AENQ entries written. */
    public long aenqPosted() {
        return aenqPosted.get();
    }

    /** AENQ events dropped because the driver had granted no free slot (§9.4), or AENQ was not live yet. */
    public long aenqDroppedNoCredit() {
        return aenqDroppedNoCredit.get();
    }

    /** AENQ events not posted because their group is not enabled (§9.5). */
    public long aenqFilteredByGroup() {
        return aenqFilteredByGroup.get();
    }

    /** AENQ_HEAD_DB writes granting more than the AENQ depth (a driver error; treated as no credit). */
    public long aenqHeadDoorbellErrors() {
        return aenqHeadDoorbellErrors.get();
    }

    /** AENQ configurations refused (bad AENQ_CAPS). */
    public long aenqConfigErrors() {
        return aenqConfigErrors.get();
    }

    // ---- MSI-X (§2.3) ----

    /** MSI-X messages delivered on {@code vector} (handler called). */
    public long interrupts(int vector) {
        return vector < 0 || vector >= interrupts.length() ? 0 : interrupts.get(vector);
    }

    /** MSI-X messages held pending (PBA bit set) because MSI-X was disabled or the vector / function masked. */
    public long msixPending() {
        return msixPending.get();
    }

    /** MSI-X messages delivered to a vector without a handler (dropped, as with an unprogrammed entry). */
    public long msixDropped() {
        return msixDropped.get();
    }

    // ---- data path (datapath.md) ----

    /**
     * Tx packets discarded because their descriptor stream was malformed (bad phase, missing or misplaced first,
     * misplaced meta descriptor, too many descriptors; see {@link TxEngine}), or well delimited with an LLQ header
     * beyond the entry.
     */
    public long txDescriptorErrors() {
        return txDescriptorErrors.get();
    }

    /** Received frames dropped because a posted Rx descriptor was malformed (bad phase; see {@link RxEngine}). */
    public long rxDescriptorErrors() {
        return rxDescriptorErrors.get();
    }

    /** SQ doorbells announcing more than the ring depth (driver error; the announced items are discarded). */
    public long sqDoorbellErrors() {
        return sqDoorbellErrors.get();
    }

    /** Tx packets asking for a checksum offload the device does not advertise (sent without it). */
    public long txOffloadsIgnored() {
        return txOffloadsIgnored.get();
    }

    /** Data-path DMA faults hit after a reset or fatal error had already retired the engine (not made fatal). */
    public long staleDataPathFaults() {
        return staleDataPathFaults.get();
    }

    /** Tx completions a fault withheld (packet sent, no entry written; {@link FaultInjector#withholdTxCompletions}). */
    public long txCompletionsWithheld() {
        return txCompletionsWithheld.get();
    }

    /** Tx completions written corrupted by a fault ({@link FaultInjector#corruptNextTxCompletion}). */
    public long txCompletionsCorrupted() {
        return txCompletionsCorrupted.get();
    }

    /** Received packets whose completions a fault corrupted ({@link FaultInjector#corruptNextRxCompletion}). */
    public long rxCompletionsCorrupted() {
        return rxCompletionsCorrupted.get();
    }

    /** I/O MSI-X messages a fault lost ({@link FaultInjector#dropNextIoInterrupts}); not in {@link #interrupts}. */
    public long ioInterruptsDropped() {
        return ioInterruptsDropped.get();
    }

    /**
     * Data-path buffer DMA translations a fault failed ({@link FaultInjector#failNextDataPathDma}); each is also a
     * {@link #dmaFaults()} (or a {@link #staleDataPathFaults()} if the engine's generation was already gone).
     */
    public long dataPathDmaFaultsInjected() {
        return dataPathDmaFaultsInjected.get();
    }

    /** What the last data-path descriptor error was ("" if none). */
    public String lastDataPathError() {
        return lastDataPathError;
    }

    // ---- other ----

    /** PHC doorbell requests answered (§10.3). */
    public long phcRequests() {
        return phcRequests.get();
    }

    /** Unexpected exceptions caught by the model thread (a model bug; the thread keeps running). */
    public long internalErrors() {
        return internalErrors.get();
    }

    // ---- package-private increments ----

    void adminCommand() {
        adminCommands.incrementAndGet();
    }

    void adminCompletion(int status) {
        adminByStatus.incrementAndGet(status & 0xFF);
    }

    void adminWithheld() {
        adminCompletionsWithheld.incrementAndGet();
    }

    void adminInterruptSuppressed() {
        adminInterruptsSuppressed.incrementAndGet();
    }

    void adminConfigError(String why) {
        lastAdminConfigError = why;
        adminConfigErrors.incrementAndGet();
    }

    void aqDoorbellError() {
        aqDoorbellErrors.incrementAndGet();
    }

    void dmaFault(String what) {
        lastDmaFault = what;
        dmaFaults.incrementAndGet();
    }

    void unreachableHostAddress() {
        unreachableHostAddresses.incrementAndGet();
    }

    void readless() {
        readlessReads.incrementAndGet();
    }

    void readlessDrop() {
        readlessDropped.incrementAndGet();
    }

    void readlessIgnore() {
        readlessIgnored.incrementAndGet();
    }

    void plainRead() {
        plainRegisterReads.incrementAndGet();
    }

    void readOnlyWrite() {
        readOnlyRegisterWrites.incrementAndGet();
    }

    void unknownRegister() {
        unknownRegisterAccesses.incrementAndGet();
    }

    void decodeDisabled() {
        accessesWhileDecodeDisabled.incrementAndGet();
    }

    void resetRequested(int devCtl, int reason) {
        lastResetDevCtl = devCtl;
        lastResetReason = reason;
    }

    void reset() {
        resets.incrementAndGet();
    }

    void resetHeld() {
        resetRequestsHeld.incrementAndGet();
    }

    void aenqPost() {
        aenqPosted.incrementAndGet();
    }

    void aenqNoCredit() {
        aenqDroppedNoCredit.incrementAndGet();
    }

    void aenqFiltered() {
        aenqFilteredByGroup.incrementAndGet();
    }

    void aenqHeadDoorbellError() {
        aenqHeadDoorbellErrors.incrementAndGet();
    }

    void aenqConfigError() {
        aenqConfigErrors.incrementAndGet();
    }

    void txDescriptorError(String why) {
        lastDataPathError = why;
        txDescriptorErrors.incrementAndGet();
    }

    void rxDescriptorError(String why) {
        lastDataPathError = why;
        rxDescriptorErrors.incrementAndGet();
    }

    void sqDoorbellError(String why) {
        lastDataPathError = why;
        sqDoorbellErrors.incrementAndGet();
    }

    void txOffloadIgnored() {
        txOffloadsIgnored.incrementAndGet();
    }

    void txCompletionWithheld() {
        txCompletionsWithheld.incrementAndGet();
    }

    void txCompletionCorrupted() {
        txCompletionsCorrupted.incrementAndGet();
    }

    void rxCompletionCorrupted() {
        rxCompletionsCorrupted.incrementAndGet();
    }

    void ioInterruptDropped() {
        ioInterruptsDropped.incrementAndGet();
    }

    void dataPathDmaFaultInjected() {
        dataPathDmaFaultsInjected.incrementAndGet();
    }

    void staleDataPathFault() {
        staleDataPathFaults.incrementAndGet();
    }

    void interrupt(int vector) {
        interrupts.incrementAndGet(vector);
    }

    void msixHeld() {
        msixPending.incrementAndGet();
    }

    void msixDrop() {
        msixDropped.incrementAndGet();
    }

    void phcRequest() {
        phcRequests.incrementAndGet();
    }

    void internalError() {
        internalErrors.incrementAndGet();
    }
}

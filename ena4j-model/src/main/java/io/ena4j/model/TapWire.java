package io.ena4j.model;

import io.ena4j.platform.linux.Tap;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A wire to a Linux TAP interface: frames the port sends appear on the interface (the Linux stack receives them),
 * and frames Linux sends out of the interface arrive at the port, parsed, RSS-steered and checksum-verified by the
 * model as for any wire. The stepping thread of the model does both, non-blocking: each step writes the frames its
 * Tx engines produced and reads up to a batch of waiting frames.
 *
 * <p>Frames shorter than the Ethernet minimum of 60 bytes (without FCS) that Linux hands to the TAP unpadded (an
 * ARP request is 42 bytes) are padded with zeros to 60 on the way in, as the sender's MAC would on a real wire. A
 * frame the kernel does not take (its queue full, the interface down) is dropped and counted
 * ({@link #txDropped()}), as frames the port cannot take are counted in the port's {@code rx_drops}.
 */
public final class TapWire implements Wire, RxSource, AutoCloseable {

    /** The Ethernet minimum frame length without FCS. */
    static final int MIN_FRAME = 60;
    /** Largest frame read: a 9216-byte MTU frame with two VLAN tags, rounded up. */
    static final int MAX_FRAME = 9216 + 26;

    private static final VarHandle TX_FRAMES;
    private static final VarHandle TX_DROPPED;
    private static final VarHandle RX_FRAMES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TX_FRAMES = l.findVarHandle(TapWire.class, "txFrames", long.class);
            TX_DROPPED = l.findVarHandle(TapWire.class, "txDropped", long.class);
            RX_FRAMES = l.findVarHandle(TapWire.class, "rxFrames", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EnaDeviceModel model;
    private final Tap tap;
    private final MemorySegment rxBuf = Arena.ofAuto().allocate(MAX_FRAME, 64);
    // Single writer each (the stepping thread), read by anyone: plain stores published with release semantics.
    private long txFrames;
    private long txDropped;
    private long rxFrames;

    private TapWire(EnaDeviceModel model, Tap tap) {
        this.model = model;
        this.tap = tap;
    }

    /**
     * Opens (creating it if absent) the TAP interface {@code ifname}, brings it up and plugs {@code model}'s port
     * into it.
     *
     * @throws IllegalArgumentException an invalid interface name
     * @throws Tap.TapException         the system refused (the message says what is needed, e.g. CAP_NET_ADMIN)
     */
    public static TapWire attach(EnaDeviceModel model, String ifname) {
        if (model == null) {
            throw new IllegalArgumentException("TapWire.attach needs a model, got null");
        }
        Tap tap = Tap.open(ifname);
        try {
            tap.setUp();
        } catch (RuntimeException e) {
            tap.close();
            throw e;
        }
        TapWire w = new TapWire(model, tap);
        model.setWire(w);
        return w;
    }

    @Override
    public void transmit(EnaDeviceModel from, MemorySegment frame, long offset, int length) {
        if (tap.write(frame, offset, length)) {
            TX_FRAMES.setRelease(this, txFrames + 1);
        } else {
            TX_DROPPED.setRelease(this, txDropped + 1);
        }
    }

    @Override
    public int pump(DataPlane plane, int budget, long stamp) {
        int done = 0;
        for (; done < budget; done++) {
            int n = tap.read(rxBuf);
            if (n <= 0) {
                break;
            }
            if (n < MIN_FRAME) {
                rxBuf.asSlice(n, MIN_FRAME - n).fill((byte) 0);
                n = MIN_FRAME;
            }
            RX_FRAMES.setRelease(this, rxFrames + 1);
            model.deliverFrame(rxBuf, 0, n, stamp); // a frame the port cannot take is counted in rx_drops
        }
        return done;
    }

    /** The Linux interface name. */
    public String interfaceName() {
        return tap.name();
    }

    /** True if ena4j created the interface (it disappears at {@link #close}). */
    public boolean createdInterface() {
        return tap.created();
    }

    /** Frames written to the interface. */
    public long txFrames() {
        return (long) TX_FRAMES.getAcquire(this);
    }

    /** Frames the interface did not take. */
    public long txDropped() {
        return (long) TX_DROPPED.getAcquire(this);
    }

    /** Frames read from the interface and offered to the port. */
    public long rxFrames() {
        return (long) RX_FRAMES.getAcquire(this);
    }

    /**
     * Unplugs the port (onto a null sink) and closes the TAP, which removes the interface if ena4j created it. Call
     * with the model's stepping thread stopped, or at least not inside a step.
     */
    @Override
    public void close() {
        if (model.wire() == this) {
            Wires.nullSink(model);
        }
        tap.close();
    }
}

package io.ena4j.model;

import io.ena4j.model.net.FrameInfo;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The standard {@link Wire}s. Each factory plugs the wire into the model(s) it names ({@link EnaDeviceModel#setWire})
 * and returns it. A new model starts on {@link #loopback}.
 *
 * <p>A wire delivers only to models it is still plugged into: after a model is re-wired, frames an old wire would
 * have delivered to it are dropped (counted in the sender's {@code tx_pkts}, since they left the port), which keeps
 * every receive port at one writer thread (see {@link Wire}).
 */
public final class Wires {

    private Wires() {
    }

    /** A port's Tx comes back to its own Rx (through RSS, like any received frame). The default wire. */
    public static Wire loopback(EnaDeviceModel model) {
        requireModel("loopback", model);
        Loopback w = new Loopback(model);
        model.setWire(w);
        return w;
    }

    /**
     * Two models back to back, like two ENIs on one link: {@code a}'s Tx is {@code b}'s Rx and vice versa. For DMA
     * the two usually share one IOMMU ({@link EnaDeviceModel#EnaDeviceModel(DeviceProfile, io.ena4j.platform.Clock,
     * io.ena4j.platform.Iommu)}), but a frame crosses by copy, so they need not.
     *
     * @throws IllegalArgumentException if either is null or both are the same model (use {@link #loopback})
     */
    public static Wire pair(EnaDeviceModel a, EnaDeviceModel b) {
        requireModel("pair", a);
        requireModel("pair", b);
        if (a == b) {
            throw new IllegalArgumentException("Wires.pair needs two different models; use Wires.loopback for one");
        }
        Pair w = new Pair(a, b);
        a.setWire(w);
        b.setWire(w);
        return w;
    }

    /** Tx frames are counted and dropped; nothing is received. */
    public static NullSink nullSink(EnaDeviceModel model) {
        requireModel("nullSink", model);
        NullSink w = new NullSink();
        model.setWire(w);
        return w;
    }

    /**
     * An Rx benchmark source: on every step of {@code model}, each Rx queue's posted buffers are filled with a copy
     * of {@code frameTemplate} (up to a batch per queue per step) and completed, as fast as the driver posts them;
     * Tx frames are counted and dropped as by {@link #nullSink}. The template is parsed and hashed once (per RSS
     * configuration), so the per-frame cost is the copy and the completion write. Frames longer than the MTU + 18
     * are not produced.
     *
     * @param frameTemplate 1..65535 bytes, copied
     * @throws IllegalArgumentException for a null model or a template outside that range
     */
    public static NullSource nullSource(EnaDeviceModel model, byte[] frameTemplate) {
        requireModel("nullSource", model);
        if (frameTemplate == null || frameTemplate.length < 1 || frameTemplate.length > 0xFFFF) {
            throw new IllegalArgumentException("Wires.nullSource frame template length = "
                    + (frameTemplate == null ? "null" : frameTemplate.length) + " is out of range [1, 65535]");
        }
        NullSource w = new NullSource(frameTemplate);
        model.setWire(w);
        return w;
    }

    private static void requireModel(String what, EnaDeviceModel m) {
        if (m == null) {
            throw new IllegalArgumentException("Wires." + what + " needs a model, got null");
        }
    }

    /** See {@link #loopback}. */
    private static final class Loopback implements Wire {
        private final EnaDeviceModel model;

        Loopback(EnaDeviceModel model) {
            this.model = model;
        }

        @Override
        public void transmit(EnaDeviceModel from, MemorySegment frame, long offset, int length) {
            if (model.wire() == this) {
                model.deliverFrame(frame, offset, length, from.stepStamp());
            }
        }
    }

    /** See {@link #pair}. */
    private static final class Pair implements Wire {
        private final EnaDeviceModel a;
        private final EnaDeviceModel b;

        Pair(EnaDeviceModel a, EnaDeviceModel b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void transmit(EnaDeviceModel from, MemorySegment frame, long offset, int length) {
            EnaDeviceModel to = from == a ? b : from == b ? a : null;
            if (to != null && to.wire() == this) {
                to.deliverFrame(frame, offset, length, from.stepStamp());
            }
        }
    }

    /**
     * A wire that counts and drops every frame ({@link #nullSink}); the counters have one writer (the sender's
     * stepping thread) and may be read from any thread.
     */
    public static sealed class NullSink implements Wire permits NullSource {

        private static final VarHandle FRAMES;
        private static final VarHandle BYTES;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                FRAMES = l.findVarHandle(NullSink.class, "frames", long.class);
                BYTES = l.findVarHandle(NullSink.class, "bytes", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private long frames;
        private long bytes;

        NullSink() {
        }

        /** Counts the frame and drops it. */
        @Override
        public void transmit(EnaDeviceModel from, MemorySegment frame, long offset, int length) {
            FRAMES.setOpaque(this, frames + 1);
            BYTES.setOpaque(this, bytes + length);
        }

        /** Frames dropped so far. */
        public long frames() {
            return (long) FRAMES.getOpaque(this);
        }

        /** Bytes dropped so far. */
        public long bytes() {
            return (long) BYTES.getOpaque(this);
        }
    }

    /** See {@link #nullSource}: an Rx source that is also a Tx {@link NullSink}. */
    public static final class NullSource extends NullSink implements RxSource {

        private final MemorySegment template;
        private final int length;
        private final FrameInfo info = new FrameInfo();
        private DataPlane parsedFor;
        private int status;
        private int hash;

        NullSource(byte[] frameTemplate) {
            this.template = MemorySegment.ofArray(frameTemplate.clone());
            this.length = frameTemplate.length;
        }

        /** Template length in bytes. */
        public int templateLength() {
            return length;
        }

        /** Shows {@code n} frames just delivered by {@link #pump} to a capture (stepping thread). */
        void capture(FrameCapture c, int n, long nanos) {
            for (int k = 0; k < n; k++) {
                c.frame(true, template, 0, length, nanos);
            }
        }

        /**
         * Fills posted buffers of every Rx queue of {@code plane} (thread stepping the model).
         *
         * @return frames delivered
         */
        @Override
        public int pump(DataPlane plane, int budget, long stamp) {
            if (length > plane.frameLimit) {
                return 0;
            }
            if (parsedFor != plane) {
                // parse and hash once per configuration: this is what makes the source cheap
                FrameOps.parse(template, 0, length, plane.verifyRxChecksums(), info);
                status = plane.rxStatusBits(info);
                hash = plane.hash(template, 0, length, info);
                parsedFor = plane;
            }
            int done = 0;
            for (RxEngine e : plane.rx) {
                for (int k = 0; k < budget; k++) {
                    if (!e.deliver(template, 0, length, status, hash, false, stamp)) {
                        break;
                    }
                    done++;
                }
            }
            return done;
        }
    }
}

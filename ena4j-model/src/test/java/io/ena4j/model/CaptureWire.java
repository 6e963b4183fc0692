package io.ena4j.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** A test wire that keeps a copy of every frame a model sends. */
final class CaptureWire implements Wire {

    final List<byte[]> frames = new ArrayList<>();

    static CaptureWire on(EnaDeviceModel m) {
        CaptureWire w = new CaptureWire();
        m.setWire(w);
        return w;
    }

    @Override
    public void transmit(EnaDeviceModel from, MemorySegment frame, long offset, int length) {
        frames.add(frame.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
    }
}

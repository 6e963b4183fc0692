package io.ena4j.model;

/**
 * A wire that also feeds frames into its port (a {@link Wires#nullSource}, a {@link TapWire}): the model's stepping
 * thread calls {@link #pump} at every step, after the Tx engines, so that the port's Rx engines keep their single
 * writer.
 */
interface RxSource {

    /**
     * Delivers up to {@code budget} frames per Rx queue (or in all, as the source decides) into {@code plane}.
     *
     * @param stamp the current step's stamp ({@link EnaDeviceModel#stepStamp()})
     * @return frames delivered or consumed (work done), 0 when idle
     */
    int pump(DataPlane plane, int budget, long stamp);
}

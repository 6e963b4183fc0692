package io.ena4j.driver;

/** Receives hardware transmit timestamps (see {@link TxQueue#setTimestampListener}). */
@FunctionalInterface
public interface TxTimestampListener {

    /**
     * A packet that asked for its transmit timestamp completed.
     *
     * @param packet the packet's head, readable during the call only
     * @param nanos  the device's transmit timestamp in nanoseconds of its clock (the PHC time base, §4.2)
     */
    void onTxTimestamp(Packet packet, long nanos);
}

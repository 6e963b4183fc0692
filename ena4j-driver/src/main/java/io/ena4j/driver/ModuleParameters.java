package io.ena4j.driver;

import java.util.List;

/**
 * The Linux driver's module parameters ({@code modprobe ena rx_queue_size=2048 ...}, datapath.md §16.3) mapped onto
 * a {@link DriverConfig}. Each parameter is given as {@code name=value}, with the name and meaning Linux gives it:
 *
 * <ul>
 * <li>{@code rx_queue_size}: Rx ring entries, 256..16384. Linux rounds the value down to a power of two and the
 * probe clamps it to the device's maximum ({@code ethtool -g} shows the result); both happen here too.</li>
 * <li>{@code num_io_queues}: queue pairs, 1..128. Linux also clamps a value outside that range to the nearest end;
 * ena4j refuses it instead (an out-of-range knob is an error here, never silently changed), but clamps a value above
 * what the device and host offer to that maximum at probe, as Linux does, since it cannot be known beforehand.</li>
 * <li>{@code force_large_llq_header}: 0 (the device's recommendation) or 1 (256-byte LLQ entries, 224-byte
 * headers, Tx ring halved by default).</li>
 * <li>{@code phc_enable}: 0 (default) or 1.</li>
 * </ul>
 *
 * <p>Parsing is all or nothing: a list with one bad entry changes nothing.
 */
public final class ModuleParameters {

    /** The parameter names, in the order the Linux driver's README lists them. */
    public static final List<String> NAMES = List.of("rx_queue_size", "force_large_llq_header", "num_io_queues",
            "phc_enable");

    private ModuleParameters() {
    }

    /**
     * {@code base} with every {@code name=value} of {@code assignments} applied in order.
     *
     * @throws IllegalArgumentException naming the entry and the accepted names or range when one is malformed, has
     *         an unknown name or a value out of range
     */
    public static DriverConfig apply(DriverConfig base, List<String> assignments) {
        DriverConfig c = base;
        for (String a : assignments) {
            c = apply(c, a);
        }
        return c;
    }

    /** {@code base} with one {@code name=value} applied; see {@link #apply(DriverConfig, List)}. */
    public static DriverConfig apply(DriverConfig base, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("module parameter '" + assignment + "': expected name=value with name "
                    + "one of " + String.join(", ", NAMES));
        }
        String name = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1).trim();
        return switch (name) {
            case "rx_queue_size" -> {
                int v = number(name, text, DriverConfig.MIN_RING_SIZE, DriverConfig.MAX_RING_SIZE);
                yield base.withRingSizes(base.txRingSize(), Integer.highestOneBit(v));
            }
            case "num_io_queues" -> base.withNumIoQueues(number(name, text, 1, DriverConfig.MAX_IO_QUEUES));
            case "force_large_llq_header" -> number(name, text, 0, 1) == 1
                    ? base.withLlqPolicy(DriverConfig.LlqPolicy.LARGE)
                    : base.llqPolicy() == DriverConfig.LlqPolicy.LARGE
                            ? base.withLlqPolicy(DriverConfig.LlqPolicy.AUTO) : base;
            case "phc_enable" -> base.withPhcEnable(number(name, text, 0, 1) == 1);
            default -> throw new IllegalArgumentException("module parameter '" + name + "' is unknown: accepted "
                    + String.join(", ", NAMES));
        };
    }

    private static int number(String name, String text, int min, int max) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("module parameter " + name + "='" + text + "' is not a number: accepted "
                    + min + ".." + max, e);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("module parameter " + name + "=" + v + " is out of range: accepted "
                    + min + ".." + max);
        }
        return (int) v;
    }
}

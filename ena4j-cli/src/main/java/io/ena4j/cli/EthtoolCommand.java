package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.ProbeReport;
import io.ena4j.driver.QueuePair;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.SystemClock;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ena4j ethtool}: the operator's view of one ENA interface, with ethtool's options and output layout, on a
 * device model started by this command. The interface is named {@value #IFNAME}; it is probed and brought up with
 * every queue pair the device allows (poll mode), then each ethtool invocation runs in order against it. Several
 * invocations are separated by a {@code ;} argument (written {@code \;} in a shell), so that a change and its effect
 * can be seen in one run: {@code ./ena4j ethtool -G ena0 rx 512 \; -g ena0}. The first invocation that fails stops
 * the run with exit status 1 and one message; what it tried to change is left as it was.
 *
 * <p>With {@code --pid P} the invocations run instead against the devices of the running ena4j process P
 * ({@code ena0}, {@code ena1}, ... in its port order), through its {@link ControlChannel}; a channel count change
 * ({@code -L}) is refused there, because that process's application owns its queue pairs.
 */
@Command(name = "ethtool", mixinStandardHelpOptions = true,
        description = {"Query or change the settings of an ENA interface (" + EthtoolCommand.IFNAME + ") as ethtool does, "
                + "on a device model started by this command.",
            "Options: -i, -k, -K " + EthtoolCommand.IFNAME + " rx on|off, -T, -g, -G " + EthtoolCommand.IFNAME + " [rx N] [tx N] [tx-push-buf-len 96|224], -l, -L " + EthtoolCommand.IFNAME
                + " combined N, -S. Separate several invocations with \\; (run in order on one device).",
            "With --pid P: run against the interfaces of the running ena4j process P (ena0, ena1, ...)."},
        footer = "Example: ./ena4j ethtool -G ena0 rx 512 tx 256 \\; -g ena0")
final class EthtoolCommand implements Callable<Integer> {

    /** The interface name this command's device answers to. */
    static final String IFNAME = "ena0";

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "ec2-default",
            description = "Device model profile: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = BackendOptions.ProfileNames.class)
    String profile;

    @Option(names = "--large-llq", description = "Probe with 256-byte LLQ entries (force_large_llq_header).")
    boolean largeLlq;

    @Option(names = "--no-llq", description = "Probe with host placement of Tx descriptors.")
    boolean noLlq;

    @Mixin
    ModuleOptions module = new ModuleOptions();

    @Option(names = "--pid", paramLabel = "P",
            description = "Run against the interfaces of the running ena4j process P (its control socket).")
    Long pid;

    @Unmatched
    List<String> args = new ArrayList<>();

    private PrintStream out = System.out;
    /** Interfaces by name when attached to a running process (the control channel), else null: our own ena0. */
    private Map<String, EnaDevice> interfaces;
    /** The interface of the invocation being run. */
    private String ifname = IFNAME;

    /**
     * Runs ethtool invocations against a running process's interfaces (the control channel's server side).
     *
     * @return 0; a failing invocation throws its one message
     */
    static int runAttached(Map<String, EnaDevice> interfaces, List<String> args, PrintStream out) {
        EthtoolCommand c = new EthtoolCommand();
        c.out = out;
        c.interfaces = interfaces;
        List<List<String>> invocations = split(args);
        if (invocations.isEmpty()) {
            throw new IllegalArgumentException("no ethtool option given; try: ethtool -i " + IFNAME);
        }
        for (List<String> inv : invocations) {
            c.run(null, null, inv);
        }
        return 0;
    }

    @Override
    public Integer call() {
        List<List<String>> invocations = split(args);
        if (invocations.isEmpty()) {
            throw new IllegalArgumentException("no ethtool option given; try: ethtool -i " + IFNAME);
        }
        if (pid != null) {
            return ControlChannel.request(ControlChannel.socketOf(ControlChannel.directory(), pid), args, out);
        }
        BackendOptions backend = new BackendOptions();
        backend.profile = profile;
        DriverConfig cfg = module.apply(DriverConfig.defaults().withLlqPolicy(noLlq ? DriverConfig.LlqPolicy.DISABLED
                : largeLlq ? DriverConfig.LlqPolicy.LARGE : DriverConfig.LlqPolicy.AUTO));
        try (PciFunction fn = backend.open(); EnaDevice dev = EnaDevice.probe(fn, SystemClock.INSTANCE, cfg)) {
            int n = dev.defaultIoQueues();
            PacketPool pool = PacketPool.create(fn.dma(),
                    Math.max(4096, 2 * dev.maxIoQueues() * dev.maxRxRingSize()));
            try {
                PacketPool[] pools = new PacketPool[n];
                QueuePair.Mode[] modes = new QueuePair.Mode[n];
                Arrays.fill(pools, pool);
                Arrays.fill(modes, QueuePair.Mode.POLL);
                dev.up(n, pools, modes);
                for (List<String> inv : invocations) {
                    run(dev, pool, inv);
                }
            } finally {
                dev.down(); // every buffer back in the pool before it is closed
                pool.close();
            }
        }
        return 0;
    }

    /** Splits the arguments at {@code ;} tokens, dropping empty invocations. */
    static List<List<String>> split(List<String> args) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String s : args) {
            if (s.equals(";")) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                }
                cur = new ArrayList<>();
            } else {
                cur.add(s);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private void run(EnaDevice dev, PacketPool pool, List<String> inv) {
        String opt = inv.get(0);
        if (!opt.startsWith("-")) {
            throw new IllegalArgumentException("'" + String.join(" ", inv) + "': an ethtool invocation starts with an "
                    + "option, e.g. -S " + IFNAME);
        }
        if (inv.size() < 2) {
            throw new IllegalArgumentException(opt + ": missing interface name (" + IFNAME + ")");
        }
        String name = inv.get(1);
        if (interfaces != null) {
            dev = interfaces.get(name);
            if (dev == null) {
                throw new IllegalArgumentException("no such interface '" + name + "': this process has "
                        + String.join(", ", interfaces.keySet()));
            }
        } else if (!name.equals(IFNAME)) {
            throw new IllegalArgumentException("no such interface '" + name + "': this command's device is " + IFNAME);
        }
        ifname = name;
        List<String> rest = inv.subList(2, inv.size());
        switch (opt) {
            case "-i", "--driver" -> { noArgs(opt, rest); driverInfo(dev.report()); }
            case "-k", "--show-features", "--show-offload" -> { noArgs(opt, rest); features(dev.report()); }
            case "-K", "--features", "--offload" -> setFeatures(dev, rest);
            case "-T", "--show-time-stamping" -> { noArgs(opt, rest); timestamping(dev); }
            case "-g", "--show-ring" -> { noArgs(opt, rest); rings(dev); }
            case "-G", "--set-ring" -> setRing(dev, rest);
            case "-l", "--show-channels" -> { noArgs(opt, rest); channels(dev); }
            case "-L", "--set-channels" -> setChannels(dev, pool, rest);
            case "-S", "--statistics" -> { noArgs(opt, rest); statistics(dev.ethtoolStats()); }
            default -> throw new IllegalArgumentException("ethtool option " + opt + " is not supported (yet); "
                    + "supported: -i -k -K -T -g -G -l -L -S");
        }
    }

    private static void noArgs(String opt, List<String> rest) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException(opt + " takes no arguments after the interface name, got '"
                    + String.join(" ", rest) + "'");
        }
    }

    private void driverInfo(ProbeReport r) {
        out.println("driver: " + r.driver().name());
        out.println("version: " + r.driver().version());
        out.println("firmware-version: " + r.device().controllerVersion());
        out.println("expansion-rom-version: ");
        out.println("bus-info: " + r.driver().busInfo());
        out.println("supports-statistics: yes");
        out.println("supports-test: no");
        out.println("supports-eeprom-access: no");
        out.println("supports-register-dump: no");
        out.println("supports-priv-flags: no");
    }

    private void features(ProbeReport r) {
        out.println("Features for " + ifname + ":");
        for (Map.Entry<String, String> e : r.offloads().entrySet()) {
            out.println(e.getKey() + ": " + e.getValue());
        }
    }

    /**
     * {@code -K ena0 rx on|off}: the one offload the driver switches per interface (Rx checksum verification).
     * Tx checksum offload is requested per packet by the application, so it has no interface switch here.
     */
    private static void setFeatures(EnaDevice dev, List<String> rest) {
        if (rest.isEmpty() || rest.size() % 2 != 0) {
            throw new IllegalArgumentException("-K: expected pairs 'FEATURE on|off', got '" + String.join(" ", rest)
                    + "'");
        }
        Boolean rx = null;
        for (int i = 0; i < rest.size(); i += 2) {
            String key = rest.get(i);
            String v = rest.get(i + 1);
            if (!v.equals("on") && !v.equals("off")) {
                throw new IllegalArgumentException("-K " + key + " '" + v + "': accepted on or off");
            }
            if (!key.equals("rx") && !key.equals("rx-checksumming")) {
                throw new IllegalArgumentException("-K: feature '" + key + "' cannot be changed; changeable: rx "
                        + "(rx-checksumming)");
            }
            rx = v.equals("on");
        }
        dev.setRxChecksumOffload(rx);
    }

    /** {@code -T}: ethtool's time-stamping block from the device's HW_TIMESTAMP support and the PHC. */
    private void timestamping(EnaDevice dev) {
        EnaDevice.HwTimestamping t = dev.hwTimestamping();
        out.println("Time stamping parameters for " + ifname + ":");
        out.println("Capabilities:");
        if (t.txSupported()) {
            out.println("\thardware-transmit");
        }
        if (t.rxSupported()) {
            out.println("\thardware-receive");
        }
        if (t.txSupported() || t.rxSupported()) {
            out.println("\thardware-raw-clock");
        }
        out.println("PTP Hardware Clock: " + (dev.phc() != null ? "0" : "none"));
        out.println("Hardware Transmit Timestamp Modes:" + (t.txSupported() ? "\n\toff\n\ton" : " none"));
        out.println("Hardware Receive Filter Modes:" + (t.rxSupported() ? "\n\tnone\n\tall" : " none"));
    }

    private void rings(EnaDevice dev) {
        ProbeReport.Rings g = dev.report().rings();
        boolean llq = dev.llq().devicePlacement();
        out.println("Ring parameters for " + ifname + ":");
        out.println("Pre-set maximums:");
        ringBlock(g.rxMax(), g.txMax(), llq ? "224" : null);
        out.println("Current hardware settings:");
        ringBlock(g.rx(), g.tx(), llq ? String.valueOf(g.txMaxHeaderSize()) : null);
    }

    private void ringBlock(int rx, int tx, String pushBuf) {
        out.println("RX:\t\t\t" + rx);
        out.println("RX Mini:\t\tn/a");
        out.println("RX Jumbo:\t\tn/a");
        out.println("TX:\t\t\t" + tx);
        if (pushBuf != null) {
            out.println("TX push buff len:\t" + pushBuf);
        }
    }

    private void setRing(EnaDevice dev, List<String> rest) {
        int rx = -1; // -1: keep the current size (read after a tx-push-buf-len change, which may lower the Tx max)
        int tx = -1;
        int pushBuf = 0;
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("-G: nothing to change; give rx N and/or tx N");
        }
        for (int i = 0; i < rest.size(); i += 2) {
            String key = rest.get(i);
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException("-G " + key + ": missing value");
            }
            int v = number("-G " + key, rest.get(i + 1));
            switch (key) {
                case "rx" -> rx = v;
                case "tx" -> tx = v;
                case "tx-push-buf-len" -> {
                    if (v != 96 && v != 224) {
                        throw new IllegalArgumentException("-G tx-push-buf-len " + v + ": accepted 96 or 224");
                    }
                    pushBuf = v;
                }
                default -> throw new IllegalArgumentException("-G: unknown ring parameter '" + key + "'; accepted: rx, tx");
            }
        }
        if (pushBuf != 0) {
            dev.setLargeLlqHeader(pushBuf == 224); // a device re-init, before the ring sizes it bounds
        }
        dev.setRingSizes(tx < 0 ? dev.txRingSize() : tx, rx < 0 ? dev.rxRingSize() : rx);
    }

    private void channels(EnaDevice dev) {
        out.println("Channel parameters for " + ifname + ":");
        out.println("Pre-set maximums:");
        channelBlock(dev.maxIoQueues());
        out.println("Current hardware settings:");
        channelBlock(dev.queuePairs().length);
    }

    private void channelBlock(int combined) {
        out.println("RX:\t\tn/a");
        out.println("TX:\t\tn/a");
        out.println("Other:\t\t1");
        out.println("Combined:\t" + combined);
    }

    private void setChannels(EnaDevice dev, PacketPool pool, List<String> rest) {
        if (pool == null) {
            throw new IllegalArgumentException("-L on a running process is not supported: its application owns the "
                    + "queue pairs it polls; start it with --queues N instead");
        }
        if (rest.size() != 2 || !rest.get(0).equals("combined")) {
            throw new IllegalArgumentException("-L: expected 'combined N' (ENA queues are combined Tx/Rx pairs), got '"
                    + String.join(" ", rest) + "'");
        }
        int n = number("-L combined", rest.get(1));
        PacketPool[] pools = new PacketPool[Math.max(n, 0)];
        QueuePair.Mode[] modes = new QueuePair.Mode[Math.max(n, 0)];
        Arrays.fill(pools, pool);
        Arrays.fill(modes, QueuePair.Mode.POLL);
        dev.setChannels(n, pools, modes);
    }

    private void statistics(Map<String, Long> stats) {
        out.println("NIC statistics:");
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            out.println("     " + e.getKey() + ": " + Long.toUnsignedString(e.getValue()));
        }
    }

    private static int number(String what, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
        }
    }
}

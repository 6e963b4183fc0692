package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.EnaEventListener;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.SystemClock;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ena4j demo}: probe an embedded device model, then watch its asynchronous events live. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Probe an embedded ENA device model, then watch AENQ events (link, keep-alives) live.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = {"-s", "--seconds"}, defaultValue = "5", paramLabel = "N",
            description = "How long to watch events, 1..3600 seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws InterruptedException {
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("--seconds " + seconds + " is out of range: accepted 1..3600");
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        AtomicLong keepAlives = new AtomicLong();
        try (PciFunction fn = backend.open();
             EnaDevice dev = EnaDevice.probe(fn, SystemClock.INSTANCE, DriverConfig.defaults())) {
            var r = dev.report();
            out.printf("probed %s at %s: %s, mac %s, %d queue pairs max, Tx placement %s, MTU %d..%d%n",
                    r.pci().deviceName(), r.driver().busInfo(), r.device().controllerVersion(), r.mac(),
                    r.channels().maxCombined(), r.llq().placement(), r.mtu().min(), r.mtu().max());
            for (String line : r.bootLog()) {
                out.println("  " + line);
            }
            out.printf("watching AENQ events for %d s (vector 0, interrupt mode)%n", seconds);
            dev.addEventListener(new EnaEventListener() {
                @Override
                public void linkChanged(boolean up) {
                    out.printf("%8.3f s  LINK_CHANGE  link %s%n", since(t0), up ? "up" : "down");
                }

                @Override
                public void keepAlive(long rxDrops, long txDrops, long rxOverruns) {
                    out.printf("%8.3f s  KEEP_ALIVE   #%d rx_drops %d tx_drops %d rx_overruns %d%n", since(t0),
                            keepAlives.incrementAndGet(), rxDrops, txDrops, rxOverruns);
                }

                @Override
                public void notification(String what) {
                    out.printf("%8.3f s  NOTIFICATION %s%n", since(t0), what);
                }

                @Override
                public void resetRequested(String reason) {
                    out.printf("%8.3f s  RESET REQUEST %s%n", since(t0), reason);
                }
            });
            long end = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
            }
            out.printf("done: %d keep-alives, link %s, admin commands %s%n", keepAlives.get(),
                    dev.linkUp() ? "up" : "down", dev.adminStats());
        }
        return 0;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}

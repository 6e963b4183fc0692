package io.ena4j.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several models stepped by one thread: {@link #start()} runs a daemon thread {@code ena-group-<n>} that calls
 * {@link EnaDeviceModel#doWork()} of each model in turn (the "threaded" benchmark set-up: the driver on one core,
 * both models of a {@link Wires#pair} on another). {@link #doWork()} steps them once on the caller's thread instead
 * (the "inline" set-up, where the driver's own thread steps the devices between its polls).
 *
 * <p>One thread stepping every model of a pair also keeps the wire's single-writer rule trivially: both receive
 * ports are written by that thread. A model can be stepped by at most one runner at a time: starting a group whose
 * model is already running elsewhere ({@link EnaDeviceModel#start()} or another group) fails.
 */
public final class DeviceGroup implements AutoCloseable {

    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final EnaDeviceModel[] models;
    private final ModelRunner runner;

    /**
     * A group of {@code models} (not started).
     *
     * @throws IllegalArgumentException if there is no model, a null one, or one listed twice
     */
    public DeviceGroup(EnaDeviceModel... models) {
        if (models == null || models.length == 0) {
            throw new IllegalArgumentException("DeviceGroup needs at least one model, got none");
        }
        for (int i = 0; i < models.length; i++) {
            if (models[i] == null) {
                throw new IllegalArgumentException("DeviceGroup model #" + i + " is null");
            }
            for (int j = 0; j < i; j++) {
                if (models[j] == models[i]) {
                    throw new IllegalArgumentException("DeviceGroup lists model " + models[i].threadName()
                            + " twice (#" + j + " and #" + i + ")");
                }
            }
        }
        this.models = models.clone();
        this.runner = new ModelRunner("ena-group-" + GROUPS.getAndIncrement(), this.models);
    }

    /** The models, in stepping order. */
    public List<EnaDeviceModel> models() {
        return List.of(models);
    }

    /** Name of the group's thread when started. */
    public String threadName() {
        return runner.name();
    }

    /**
     * Starts the group's daemon thread; no-op if it runs.
     *
     * @throws IllegalStateException if a model is already stepped by another thread runner
     */
    public void start() {
        runner.start();
    }

    /** Stops the thread and waits for its current pass; no-op if not running. */
    public void stop() {
        runner.stop();
    }

    /** True while the group's thread runs. */
    public boolean running() {
        return runner.running();
    }

    /**
     * Steps every model once on the calling thread.
     *
     * @return the work done, summed
     */
    public int doWork() {
        int done = 0;
        for (EnaDeviceModel m : models) {
            done += m.doWork();
        }
        return done;
    }

    /** Stops the thread (the models stay open). */
    @Override
    public void close() {
        stop();
    }
}

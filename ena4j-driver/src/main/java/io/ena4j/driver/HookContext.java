package io.ena4j.driver;

/**
 * What a {@link PacketHook} can ask of the queue it runs on; one object per Rx queue, reused for every frame.
 */
public final class HookContext {

    private final int queue;
    TxQueue redirectTarget;

    HookContext(int queue) {
        this.queue = queue;
    }

    /** The index of the queue pair the frame arrived on. */
    public int queue() {
        return queue;
    }

    /**
     * Names the Tx queue the current frame goes to and returns {@link PacketHook#REDIRECT}, so a hook can end with
     * {@code return ctx.redirect(out);}. A REDIRECT verdict without a target (or with a null one) is counted as
     * {@code xdp_aborted} and the frame dropped, as a failed redirect is on Linux.
     */
    public int redirect(TxQueue target) {
        redirectTarget = target;
        return PacketHook.REDIRECT;
    }
}

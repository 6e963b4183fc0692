package io.ena4j.driver.com;

/**
 * A communication-layer operation returned a negative errno ({@link EnaErrno}). The layer itself never throws
 * this for device behaviour: its calls return the code like the reference layer does; higher layers (probe,
 * reset worker, CLI) that cannot continue turn a code into this exception with {@link #check(String, int)}.
 */
public final class EnaComException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int rc;

    /**
     * An exception for {@code operation} failing with {@code rc}.
     *
     * @param operation what was attempted, e.g. {@code "device reset"}
     * @param rc        the negative errno it returned
     */
    public EnaComException(String operation, int rc) {
        super(operation + " failed: " + EnaErrno.name(rc) + " (" + rc + ")");
        this.rc = rc;
    }

    /** The errno the operation returned. */
    public int rc() {
        return rc;
    }

    /**
     * Returns {@code rc} if it is not negative (success, or a positive value such as a DMA width), else throws.
     *
     * @throws EnaComException if {@code rc < 0}
     */
    public static int check(String operation, int rc) {
        if (rc < 0) {
            throw new EnaComException(operation, rc);
        }
        return rc;
    }
}

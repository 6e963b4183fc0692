package io.ena4j.driver.com;

/**
 * Return codes of the communication layer: 0 for success or a negative Linux errno, exactly as the
 * reference layer returns them, so that replayed reference vectors compare {@code rc} directly.
 * Higher layers turn a non-zero code into an {@link EnaComException} with a message naming it.
 */
public final class EnaErrno {

    private EnaErrno() {
    }

    public static final int OK = 0;
    public static final int EIO = -5;
    public static final int EAGAIN = -11;
    public static final int ENOMEM = -12;
    public static final int EFAULT = -14;
    public static final int EBUSY = -16;
    public static final int ENODEV = -19;
    public static final int EINVAL = -22;
    public static final int ENOSPC = -28;
    public static final int ETIME = -62;
    public static final int EOPNOTSUPP = -95;

    /** The errno's symbolic name ({@code "ETIME"}), {@code "OK"} for 0. */
    public static String name(int rc) {
        return switch (rc) {
            case OK -> "OK";
            case EIO -> "EIO";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case ETIME -> "ETIME";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> rc > 0 ? "POSITIVE_VALUE" : "errno " + (-rc);
        };
    }
}

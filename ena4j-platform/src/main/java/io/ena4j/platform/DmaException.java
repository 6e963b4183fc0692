package io.ena4j.platform;

/** DMA memory could not be allocated or mapped. Set-up paths only. */
public class DmaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public DmaException(String message) {
        super(message);
    }
}

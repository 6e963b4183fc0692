package io.ena4j.cli;

/** Entry point placeholder; commands arrive with the probe. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("ena4j");
    }
}

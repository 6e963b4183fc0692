package io.ena4j.model;

import java.util.Arrays;

/**
 * MSI-X vectors collected under the device lock and delivered after it is released: a driver's interrupt handler may
 * write registers back, so no handler ever runs while the model holds its lock.
 */
final class VectorList {

    private int[] vectors = new int[8];
    private int size;

    void add(int vector) {
        if (size == vectors.length) {
            vectors = Arrays.copyOf(vectors, size * 2);
        }
        vectors[size++] = vector;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return vectors[i];
    }

    void clear() {
        size = 0;
    }
}

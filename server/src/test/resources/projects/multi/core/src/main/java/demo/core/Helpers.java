package demo.core;

/** Package-private: only classes of demo.core (loaded by the same class loader) may call it. */
final class Helpers {
    private Helpers() {
    }

    static double roundCents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}

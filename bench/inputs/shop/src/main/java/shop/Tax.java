package shop;

/** Package-private on purpose: it is reached only from classes of the same package. */
final class Tax {
    static final double VAT = 0.2;

    private Tax() {
    }

    static double gross(double net) {
        return net * (1 + VAT);
    }
}

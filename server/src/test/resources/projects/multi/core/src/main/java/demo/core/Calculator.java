package demo.core;

/** Calls a sibling class (Rates) and a package-private helper (Helpers). */
public class Calculator {
    public static double total(double price, int quantity) {
        double subtotal = price * quantity;
        double taxed = Rates.withTax(subtotal);
        return Helpers.roundCents(taxed);
    }
}

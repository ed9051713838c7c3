package demo.core;

public class Rates {
    public static final double TAX = 0.2;

    public static double withTax(double amount) {
        return amount * (1 + TAX);
    }
}

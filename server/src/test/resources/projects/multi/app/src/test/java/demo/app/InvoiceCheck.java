package demo.app;

public class InvoiceCheck {
    public static boolean wide(double price) {
        return Invoice.lineWidth(price, 1) > 10;
    }
}
